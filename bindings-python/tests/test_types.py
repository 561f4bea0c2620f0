"""What a user's type checkers make of the generated types: mypy --strict and pyright each
accept typed use (and infer the result classes), and each rejects a misspelled enum value, a
missing required argument and a misspelled result field."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[1]

TYPED_USE = '''
from decimal import Decimal
from typing import List
from cake_sdk import AsyncClient, BulkResult, Client, CreateOfferParams, Money, Offer, OfferStatus

def use(cake: Client) -> None:
    status: OfferStatus = "active"
    price: Money = Decimal("1.50")
    cake.update_offer(offer_id=1, offer_status=status, payout=price)
    offer = cake.create_offer(offer_name="A", advertiser_id=1, vertical_id=2, offer_url="https://t.example/c")
    reveal_type(offer)
    reveal_type(offer.payout)
    affiliate = cake.update_affiliate(affiliate_id=1, affiliate_status="suspended")
    reveal_type(affiliate.account_manager)
    params: CreateOfferParams = {"offer_name": "A", "advertiser_id": 1, "vertical_id": 2, "offer_url": "https://t.example/c"}
    reveal_type(cake.call("create_offer", params).value)
    reveal_type(cake.bulk("create_offer", [params]))
    reveal_type(cake.list_sub_affiliates(sub_affiliate_status="all"))
    for row in cake.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31"):
        reveal_type(row.clicks)
    reveal_type(cake.with_rate_share(2))
    reveal_type(Client(requests_per_second=10.0).requests_per_second)

async def ause(cake: AsyncClient) -> None:
    reveal_type(await cake.get_affiliate_offer(affiliate_id=1, offer_id=2))
    reveal_type(cake.with_rate_share(2))
'''

# One mistake per script, with the line it is on and what each checker calls it.
MISTAKES = {
    "misspelled_enum": (
        'cake.create_offer(offer_name="A", advertiser_id=1, vertical_id=2, offer_url="https://t.example/c", offer_status="actve")',
        "arg-type",
        "reportArgumentType",
    ),
    "missing_required": (
        'cake.create_offer(offer_name="A", advertiser_id=1, vertical_id=2)',
        "call-arg",
        "reportCallIssue",
    ),
    "misspelled_result_field": (
        'print(cake.create_offer(offer_name="A", advertiser_id=1, vertical_id=2, offer_url="https://t.example/c").payuot)',
        "attr-defined",
        "reportAttributeAccessIssue",
    ),
}


def checker(tool: str, script: Path) -> subprocess.CompletedProcess[str]:
    args = ["mypy", "--strict"] if tool == "mypy" else ["pyright", "--pythonpath", sys.executable]
    return subprocess.run([sys.executable, "-m", *args, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)


def revealed(tool: str, output: str) -> List[str]:
    pattern = r'Revealed type is "(.*)"$' if tool == "mypy" else r'- information: Type of ".*" is "([^"]*)"$'
    return re.findall(pattern, output, re.MULTILINE)


EXPECTED = {
    "mypy": [
        "cake_sdk._schema.Offer",
        "decimal.Decimal | None",
        "cake_sdk._schema.AccountManager | None",
        "cake_sdk._schema.Offer",
        "list[cake_sdk._base.BulkResult[cake_sdk._schema.Offer]]",
        "list[cake_sdk._schema.SubAffiliate]",
        "int | None",
        "cake_sdk.client.Client",
        "float | None",
        "cake_sdk._schema.AffiliateOffer",
        "cake_sdk.aio.AsyncClient",
    ],
    "pyright": [
        "Offer",
        "Decimal | None",
        "AccountManager | None",
        "Offer",
        "List[BulkResult[Offer]]",
        "List[SubAffiliate]",
        "int | None",
        "Client",
        "float | None",
        "AffiliateOffer",
        "AsyncClient",
    ],
}


@pytest.mark.parametrize("tool", ["mypy", "pyright"])
def test_typed_use_is_accepted_and_inferred(tool: str, tmp_path: Path) -> None:
    script = tmp_path / "typed_use.py"
    script.write_text(TYPED_USE)
    result = checker(tool, script)
    assert (result.returncode, "error:" in result.stdout) == (0, False), result.stdout + result.stderr
    assert revealed(tool, result.stdout) == EXPECTED[tool], result.stdout


def mistakes() -> List[Tuple[str, str]]:
    return [(tool, name) for tool in ("mypy", "pyright") for name in MISTAKES]


@pytest.mark.parametrize(("tool", "name"), mistakes())
def test_each_mistake_is_rejected(tool: str, name: str, tmp_path: Path) -> None:
    line, mypy_code, pyright_rule = MISTAKES[name]
    script = tmp_path / f"{name}.py"
    script.write_text(f"from cake_sdk import Client\n\ndef use(cake: Client) -> None:\n    {line}\n")
    result = checker(tool, script)
    assert result.returncode != 0, result.stdout
    wanted = f"[{mypy_code}]" if tool == "mypy" else f"({pyright_rule})"
    errors = [row for row in result.stdout.splitlines() if "error:" in row]
    # Exactly one error, on the mistake's line (4), of the expected kind.
    assert len(errors) == 1 and ":4:" in errors[0] and wanted in result.stdout, result.stdout


def test_issue_codes_are_the_cores_and_cover_every_vector() -> None:
    import json

    import cake_sdk
    from cake_sdk import _core

    codes = set(cake_sdk.ISSUE_CODES)
    found = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "field" in value and isinstance(value.get("code"), str):
                found.add(value["code"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for name in ("validation.json", "wire.json", "payout.json", "hostile.json"):
        walk(json.loads((ROOT.parent / "tests" / "vectors" / name).read_text()))
    assert len(found) >= 10 and found <= codes, found - codes
    # An issue the extension makes carries one of them.
    issues = _core.validate("create_offer", {"payout": "x"})
    assert issues and all(issue["code"] in codes for issue in issues)
