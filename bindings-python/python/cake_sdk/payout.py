"""Payout arithmetic of the core, with ``Decimal`` in and out: rounded half away from zero
to the cent, and a split never creates or loses a cent. Amounts may be given as Decimal,
int, float or decimal strings; bad arguments raise ValidationError naming the argument."""

from __future__ import annotations

from decimal import Decimal

from . import _core
from ._schema import ReportMetrics, ReportTotals
from .records import Record, wrap_model
from ._typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, Iterable, List, Mapping, Optional, Union

    from ._types import Money

__all__ = [
    "sub_affiliate_payout",
    "effective_payout",
    "margin",
    "margin_percent",
    "earnings",
    "report_metrics",
    "report_totals",
    "split",
    "call",
]


def call(function: str, args: Mapping[str, Any]) -> Any:
    """A payout function by its core name, with the core's argument names (as the shared
    vectors call them). Amounts in the answer come back as decimal strings."""
    return _core.money_call(function, args)


def _decimal(value: Any) -> Optional[Decimal]:
    return None if value is None else Decimal(str(value))


def sub_affiliate_payout(parent_payout: Money, payout: Money, payout_type: str) -> Decimal:
    """What a sub-affiliate earns per conversion: ``payout`` itself (cpa) or that percent of
    the parent's payout (percent)."""
    args = {"parent_payout": parent_payout, "payout": payout, "payout_type": payout_type}
    return Decimal(call("sub_affiliate_payout", args))


def effective_payout(offer_payout: Money, override: Optional[Money] = None) -> Decimal:
    """The affiliate's payout on an offer: the override when there is one."""
    return Decimal(call("effective_payout", {"offer_payout": offer_payout, "override": override}))


def margin(revenue: Money, payout: Money) -> Decimal:
    return Decimal(call("margin", {"revenue": revenue, "payout": payout}))


def margin_percent(revenue: Money, payout: Money) -> Optional[Decimal]:
    """The margin as a percent of revenue; None when revenue is zero."""
    return _decimal(call("margin_percent", {"revenue": revenue, "payout": payout}))


def earnings(
    payout_type: str,
    rate: Money,
    *,
    conversions: int = 0,
    clicks: int = 0,
    impressions: int = 0,
    sale_amount: Money = 0,
) -> Decimal:
    """What an activity earns at ``rate`` under ``payout_type`` (cpa, cpc, cpm, revshare...)."""
    args = {
        "payout_type": payout_type,
        "rate": rate,
        "conversions": conversions,
        "clicks": clicks,
        "impressions": impressions,
        "sale_amount": sale_amount,
    }
    return Decimal(call("earnings", args))


def report_metrics(clicks: int, conversions: int, payout: Money) -> ReportMetrics:
    """``conversion_rate`` and ``epc`` (earnings per click) of one report row; None where
    there were no clicks."""
    metrics = call("report_metrics", {"clicks": clicks, "conversions": conversions, "payout": payout})
    return wrap_model(metrics, ReportMetrics)  # type: ignore[no-any-return]


def report_totals(rows: Iterable[Union[Record, Mapping[str, Any]]]) -> ReportTotals:
    """Clicks, conversions and payout summed over ``rows``, with their conversion_rate and
    epc: the totals line of a report, exact to the cent."""
    plain = [row.to_dict() if isinstance(row, Record) else dict(row) for row in rows]
    return wrap_model(call("report_totals", {"rows": plain}), ReportTotals)  # type: ignore[no-any-return]


def split(total: Money, weights: Iterable[Money]) -> List[Decimal]:
    """``total`` split in proportion to ``weights``; the parts add up to ``total`` exactly."""
    return [Decimal(str(part)) for part in call("split", {"total": total, "weights": list(weights)})]
