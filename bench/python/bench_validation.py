"""Validation: the 100,000 create_offer payloads of bench/data/validation_payloads.json
(bench/gen_payloads.py: fixed seed, 80% valid, 20% with one to three errors).

ours:     cake_sdk.validate("create_offer", payload): a payload is flagged when an issue has
          severity "error" (warnings never block a request)
pydantic: a pydantic v2 model with the same constraints: required fields; ids whole numbers
          >= 1 (ints or numeric strings); an absolute http(s) URL where offer_url may hold
          CAKE {tokens}; money a Decimal >= 0 with at most 4 places; enums case-insensitive;
          session_hours >= 1; expiration_date a real "YYYY-MM-DD HH:MM:SS" datetime.
          Flagged when model_validate raises ValidationError.

Both must flag exactly the same payload indices: each row carries `flagged` (a count) and
`flagged_sha1` (of the sorted indices), which run.py compares across every validator in
every language; a disagreement here also fails this script, with examples."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List, Literal, Optional

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints, ValidationError
from typing_extensions import Annotated

import cake_sdk
from _common import BENCH, REPEAT, emit, note

PAYLOADS = BENCH / "data" / "validation_payloads.json"
MAX_SAFE_INTEGER = 2**53 - 1

# ---- the pydantic model a competent user writes for CAKE's create_offer -------------------


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


_CAKE_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _cake_datetime(value: Any) -> Any:
    # pydantic's datetime also takes ISO "T" and time zones; CAKE wants exactly this form.
    if isinstance(value, str) and not _CAKE_DATETIME.fullmatch(value.strip()):
        raise ValueError("must be YYYY-MM-DD HH:MM:SS")
    return value


_HOST = r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?"
_URL_CHAR = r"[^\s{}<>\"\\^`|]"

Id = Annotated[int, Field(ge=1, le=MAX_SAFE_INTEGER)]
Money = Annotated[Decimal, Field(ge=0, le=1_000_000_000, decimal_places=4)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
TokenUrl = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=2048,
    pattern=rf"(?i)^https?://{_HOST}(?:[/?#](?:{_URL_CHAR}|\{{[a-z0-9_]+\}})*)?$")]
Url = Annotated[str, StringConstraints(
    strip_whitespace=True, max_length=2048, pattern=rf"(?i)^https?://{_HOST}(?:[/?#]{_URL_CHAR}*)?$")]
PayoutType = Annotated[Literal["cpa", "cpc", "cpm", "revshare"], BeforeValidator(_lower)]
OfferStatus = Annotated[Literal["active", "inactive", "pending"], BeforeValidator(_lower)]
CakeDateTime = Annotated[datetime, BeforeValidator(_cake_datetime)]


class CreateOffer(BaseModel):
    offer_name: Name
    advertiser_id: Id
    vertical_id: Id
    offer_url: TokenUrl
    preview_url: Optional[Url] = None
    offer_status: Optional[OfferStatus] = None
    payout: Optional[Money] = None
    payout_type: Optional[PayoutType] = None
    revenue: Optional[Money] = None
    revenue_type: Optional[PayoutType] = None
    currency_id: Optional[Id] = None
    session_hours: Optional[Annotated[int, Field(ge=1, le=MAX_SAFE_INTEGER)]] = None
    expiration_date: Optional[CakeDateTime] = None
    offer_description: Optional[Annotated[str, StringConstraints(max_length=4000)]] = None


# ---- the two validators, each giving "is this payload rejected?" --------------------------


def ours(payload: Dict[str, Any]) -> bool:
    return any(issue.severity == "error" for issue in cake_sdk.validate("create_offer", payload))


def pydantic(payload: Dict[str, Any]) -> bool:
    try:
        CreateOffer.model_validate(payload)
    except ValidationError:
        return True
    return False


def flagged_of(check: Callable[[Dict[str, Any]], bool], payloads: List[Dict[str, Any]]) -> List[int]:
    return [i for i, payload in enumerate(payloads) if check(payload)]


def sha1(indices: List[int]) -> str:
    return hashlib.sha1(",".join(map(str, indices)).encode()).hexdigest()


def main() -> None:
    if not PAYLOADS.exists():
        sys.exit(f"{PAYLOADS} is missing: run bench/gen_payloads.py (make bench does)")
    payloads = json.loads(PAYLOADS.read_text())
    impls = {"python validate": ours, "python pydantic v2": pydantic}
    for check in impls.values():  # warm-up: lazy initialisation, caches
        flagged_of(check, payloads[:10_000])
    reference: Optional[List[int]] = None
    for round_ in range(REPEAT):
        for name, check in impls.items():
            started = time.perf_counter()
            flagged = flagged_of(check, payloads)
            seconds = time.perf_counter() - started
            if reference is None:
                reference = flagged
            elif flagged != reference:
                differ = sorted(set(flagged) ^ set(reference))
                for i in differ[:5]:
                    note(f"  payload {i}: ours {'flags' if i in reference else 'accepts'}, {name} "
                         f"{'flags' if i in flagged else 'accepts'}: {json.dumps(payloads[i])}")
                sys.exit(f"validation: {name} flags {len(flagged)} payloads, ours {len(reference)}; "
                         f"{len(differ)} differ (examples above)")
            emit("validation", name, seconds, len(payloads), flagged=len(flagged), flagged_sha1=sha1(flagged))
        note(f"validation: round {round_ + 1}/{REPEAT} done")


if __name__ == "__main__":
    main()
