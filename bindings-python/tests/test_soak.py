"""Fault soak: mixed bulk writes (offers, affiliates, sub-affiliates under ten parents, some
invalid) against the mock with every fault kind that can meet a write (all but
``report_shape``) on about a quarter of requests. Judged from the mock's own state: nothing
exists twice, every ``ok`` item exists once (with the id it was given), every ``failed`` or
``invalid`` item does not exist, every ``unknown_outcome`` item exists at most once and
carries an UnknownOutcomeError with its cause.

The writes interleave (three bulks at once, 16 at a time each), so which item meets which
fault depends on timing; only what does not is asserted: the invalid items are exactly the
ones planned, and an item none of whose requests was faulted has the one outcome it can have
(``ok``, or ``failed`` with the server's refusal for a parent that does not exist). The fault
pattern depends only on the order of requests, so the kinds that fire in the first requests
(at least one per item sent) are the same on every run.

The size is ``CAKE_SOAK_ITEMS`` (300 in ``make test``; ``make soak`` runs 2,000), modelled on
core/tests/client_bulk.rs ``soak_2000_writes_under_faults_creates_nothing_twice``."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from typing import Any, Dict, List, Tuple

import pytest

import cake_sdk
from cake_sdk import AsyncClient
from cake_sdk._base import BulkResult
from cake_sdk.testing import FAULT_KINDS, MockServer

ITEMS = int(os.environ.get("CAKE_SOAK_ITEMS", "300"))
PARENTS = 10
# Each (kind, retry_after) rule fires on ~2.6% of requests: eleven rules, ~25% faulted in all.
# Retry-After "0" on rate_limit and on one 503 rule keeps the retried writes fast.
RULES: Tuple[Tuple[str, Any], ...] = (
    ("delay", None),
    ("rate_limit", "0"),
    ("error_500", None),
    ("error_503", "0"),
    ("error_503", None),
    ("html", None),
    ("reset_before", None),
    ("reset_after", None),
    ("malformed", None),
    ("restricted", None),
    ("endless_body", None),
)
PROBABILITY = 0.026
# Every kind but the one that only reshapes report pages.
WRITE_KINDS = set(FAULT_KINDS) - {"report_shape"}
# An answer that never ends is cut here (answers to these writes are well under 1 KiB).
MAX_RESPONSE_BYTES = 1024 * 1024
MISSING_PARENT = 999999
UNKNOWN_CAUSES = {"timeout", "connection", "http_status", "decode", "rate_limited"}


def _plans(parents: List[int]) -> List[Tuple[str, str, str, List[Dict[str, Any]]]]:
    """(operation, state list, name field, items): 35% offers, 30% affiliates, 35%
    sub-affiliates; every 50th item of each (i % 50 == 7) is invalid and must not be sent, and
    every 50th sub-affiliate (i % 50 == 23) names a parent that does not exist, which the
    server refuses (a ``failed`` item)."""
    offers = round(ITEMS * 0.35)
    affiliates = round(ITEMS * 0.30)
    subs = ITEMS - offers - affiliates
    bad = lambda i: i % 50 == 7  # noqa: E731
    return [
        (
            "create_offer",
            "offers",
            "offer_name",
            [
                {
                    "offer_name": f"soak-offer-{i}",
                    "advertiser_id": 1,
                    "vertical_id": 2,
                    "offer_url": "not a url" if bad(i) else "https://t.example/c?o={offer_id}",
                    "payout": "3.10",
                    "revenue": "4.00",
                }
                for i in range(offers)
            ],
        ),
        (
            "create_affiliate",
            "affiliates",
            "affiliate_name",
            [
                {"affiliate_name": f"soak-aff-{i}", "account_manager_id": "x" if bad(i) else 7}
                for i in range(affiliates)
            ],
        ),
        (
            "create_sub_affiliate",
            "sub_affiliates",
            "sub_affiliate_name",
            [
                {
                    "affiliate_id": MISSING_PARENT if i % 50 == 23 else parents[i % len(parents)],
                    "sub_affiliate_name": f"soak-sub-{i}",
                    "payout": "2.50",
                    "payout_type": "bogus" if bad(i) else "cpa",
                }
                for i in range(subs)
            ],
        ),
    ]


ID_FIELD = {"offers": "offer_id", "affiliates": "affiliate_id", "sub_affiliates": "sub_affiliate_id"}


@pytest.mark.filterwarnings("ignore::cake_sdk.CakeWarning")  # items' warnings are checked as data, not shown
def test_fault_soak_creates_nothing_twice(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    with MockServer(api_key="soak-key", seed=11) as mock:
        seeded = mock.seed(
            {"affiliates": [{"affiliate_name": f"Parent {i}", "account_manager_id": 42} for i in range(PARENTS)]}
        )
        parents = [a["affiliate_id"] for a in seeded["affiliates"]]
        for seed, (kind, retry_after) in enumerate(RULES, start=1):
            mock.add_fault("*", kind, probability=PROBABILITY, seed=seed, delay_ms=15, retry_after=retry_after)
        plans = _plans(parents)

        async def run() -> List[List[BulkResult]]:
            # The three operations run at once on one client: the writes really interleave.
            async with AsyncClient(
                base_url=mock.url, api_key=mock.api_key, timeout=5, max_response_bytes=MAX_RESPONSE_BYTES
            ) as client:
                every = asyncio.gather(*(client.bulk(op, items, concurrency=16) for op, _, _, items in plans))
                return list(await asyncio.wait_for(every, 600))

        results = asyncio.run(run())
        state = mock.state()
        requests = mock.requests()
        stats = mock.fault_stats()

    outcomes: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    duplicates = 0
    expected_invalid = 0
    sent_items = 0
    for (operation, listed, name_field, items), got in zip(plans, results):
        # The faults each item's own requests met, by the item's name.
        faults: Dict[str, List[Any]] = {}
        for request in requests:
            if request["operation"] == operation and isinstance(request["body"], dict):
                faults.setdefault(request["body"].get(name_field), []).append(request["fault"])
        assert len(got) == len(items), f"{operation}: one outcome per item"
        assert [r.index for r in got] == list(range(len(items)))
        in_state: Dict[str, List[int]] = {}
        for entity in state[listed]:
            in_state.setdefault(entity[name_field], []).append(entity[ID_FIELD[listed]])
        duplicates += sum(1 for ids in in_state.values() if len(ids) > 1)
        expected_invalid += sum(1 for i in range(len(items)) if i % 50 == 7)
        for item, result in zip(items, got):
            name = item[name_field]
            ids = in_state.get(name, [])
            outcomes[result.status] += 1
            where = f"{operation} {result.status} item {name}"
            refused = item.get("affiliate_id") == MISSING_PARENT
            if result.status != "invalid":
                sent_items += 1
                met = faults.get(name, [])
                assert met, f"{where}: sent, so the mock saw it"
                if not any(met):
                    # Nothing went wrong on the way: the one outcome this item can have.
                    assert result.status == ("failed" if refused else "ok"), f"{where}: no fault met"
            if refused:
                assert result.status in ("failed", "unknown_outcome"), f"{where}: no such parent"
                if result.status == "failed" and result.error is not None and result.error.code == "api":
                    assert any("999999" in m for m in result.error.messages), where
                elif result.status == "failed":
                    assert any(met), f"{where}: failed without the server's refusal, so a fault"
            if result.status == "ok":
                assert len(ids) == 1, f"{where} must exist once, found {ids}"
                assert result.result is not None and result.result[ID_FIELD[listed]] == ids[0], where
                assert result.result[name_field] == name and result.error is None
            elif result.status == "invalid":
                assert ids == [], f"{where} was sent"
                assert result.issues and all(i.code for i in result.issues), where
                assert result.error is None and result.result is None
            elif result.status == "failed":
                assert ids == [], f"{where} must not exist ({result.error!r})"
                assert isinstance(result.error, cake_sdk.CakeError), where
                assert result.error.code not in ("unknown_outcome", "validation"), where
                assert result.error.operation == operation
            elif result.status == "unknown_outcome":
                assert len(ids) <= 1, f"{where} exists {len(ids)} times"
                error = result.error
                assert isinstance(error, cake_sdk.UnknownOutcomeError), f"{where}: {error!r}"
                assert error.code == "unknown_outcome" and error.operation == operation, where
                assert error.cause in UNKNOWN_CAUSES, f"{where}: cause {error.cause!r}"
                assert error.attempts >= 1 and str(error).startswith(f"{operation}: ")
                causes[error.cause] += 1
            else:
                pytest.fail(f"{where}: unexpected status")
        # Nothing in state that no item asked for (seeded parents aside).
        asked = {item[name_field] for item in items}
        extra = [n for n in in_state if n not in asked and not n.startswith("Parent ")]
        assert extra == [], f"{operation}: unexpected entities {extra[:5]}"

    by_kind: Counter[str] = Counter()
    for stat in stats:
        by_kind[stat["rule"]["kind"]] += stat["fired"]
    faulted = sum(by_kind.values())
    assert faulted == sum(1 for r in requests if r["fault"] is not None), "fault stats agree with the request log"
    elapsed = time.monotonic() - started
    line = (
        f"python soak: items={ITEMS} requests={len(requests)} faults={faulted} "
        f"({100 * faulted / len(requests):.1f}%) by kind {dict(sorted(by_kind.items()))}; "
        f"outcomes {dict(sorted(outcomes.items()))}; unknown_outcome causes {dict(sorted(causes.items()))}; "
        f"duplicates={duplicates}; {elapsed:.1f} s"
    )
    with capsys.disabled():
        print("\n" + line)
    assert duplicates == 0
    assert sum(outcomes.values()) == ITEMS
    assert outcomes["invalid"] == expected_invalid and sent_items == ITEMS - expected_invalid
    assert {kind for kind, _ in RULES} == WRITE_KINDS, "the soak uses every kind a write can meet"
    # The pattern of faults over the first requests is fixed by the seeds, and there are at
    # least as many requests as items sent: these hold on every run, whatever the timing.
    assert all(by_kind[k] > 0 for k in WRITE_KINDS), f"every kind fired: {line}"
    assert faulted * 5 >= sent_items, f"faults on at least 20% of the items' first requests: {line}"
