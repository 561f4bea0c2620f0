"""The typed payout functions: Decimal in and out, exact, argument errors as
ValidationError naming the argument."""

from __future__ import annotations

from decimal import Decimal

import pytest

import cake_sdk
from cake_sdk import Record


def test_typed_functions_return_exact_decimals() -> None:
    assert cake_sdk.sub_affiliate_payout(Decimal("7.33"), 15, "percent") == Decimal("1.10")
    assert str(cake_sdk.sub_affiliate_payout("30", "5", "cpa")) == "5.00"
    assert cake_sdk.effective_payout("24", None) == Decimal("24.00")
    assert cake_sdk.effective_payout("24", "27.5") == Decimal("27.50")
    assert cake_sdk.margin(30, Decimal("24.00")) == Decimal("6.00")
    assert cake_sdk.margin_percent("30.00", "27.50") == Decimal("8.33")
    assert cake_sdk.margin_percent(0, 0) is None
    assert cake_sdk.earnings("cpc", "0.05", clicks=1234) == Decimal("61.70")
    metrics = cake_sdk.report_metrics(1000, 37, Decimal("185.00"))
    assert metrics == Record("ReportMetrics", {"conversion_rate": Decimal("3.70"), "epc": Decimal("0.19")})
    assert cake_sdk.report_metrics(0, 0, 0).epc is None


def test_split_never_loses_a_cent() -> None:
    parts = cake_sdk.split(Decimal("100.00"), [1, 1, 1])
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts, Decimal(0)) == Decimal("100.00")
    assert all(isinstance(p, Decimal) for p in parts)


def test_report_totals_from_records_and_dicts() -> None:
    rows = [
        Record("ReportRow", {"clicks": 10, "conversions": 1, "payout": Decimal("0.10")}),
        {"clicks": 20, "conversions": 2, "payout": Decimal("0.20")},
    ]
    totals = cake_sdk.report_totals(rows)
    assert (totals.clicks, totals.conversions, totals.payout) == (30, 3, Decimal("0.30"))


def test_float_imprecision_is_caught_not_rounded() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 as a float: sent as that repr, a request amount breaks
    # the 4-place rule instead of being silently rounded
    issues = cake_sdk.validate("update_offer", {"offer_id": 1, "payout": 0.1 + 0.2})
    assert [(i.field, i.code) for i in issues] == [("payout", "too_many_decimals")]
    assert cake_sdk.validate("update_offer", {"offer_id": 1, "payout": 0.3}) == []
    assert cake_sdk.margin(0.3, 0.1) == Decimal("0.20")  # a float with a short repr is exact


def test_argument_errors_name_the_argument() -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        cake_sdk.sub_affiliate_payout("30", "5", "weekly")
    assert raised.value.issues[0].field == "payout_type" and raised.value.issues[0].code == "invalid_enum"
    with pytest.raises(cake_sdk.ValidationError) as raised:
        cake_sdk.margin(True, 1)  # type: ignore[arg-type]
    assert raised.value.issues[0].code == "invalid_type"
