"""cake-sdk quickstart: onboard an affiliate, bulk-create offers from a CSV (invalid rows are
reported with their issues and never sent), read the affiliate's payout on an offer, create
sub-affiliates, pull a month of the sub-affiliate report page by page and print a payout
table whose totals add up to the cent.

Runs against the embedded mock by default. With CAKE_BASE_URL and CAKE_API_KEY both set it
talks to that instance instead and only reads (CAKE_AFFILIATE_ID narrows the report).

    python examples/python/quickstart.py
"""

from __future__ import annotations

import csv
import os
import sys
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, TypeVar

import cake_sdk
from cake_sdk import Affiliate, Client, Offer, SubAffiliatePayoutType
from cake_sdk.testing import MockServer

OFFERS_CSV = Path(__file__).resolve().parents[1] / "data" / "offers.csv"
START, END = "2026-06-01", "2026-06-30"
BONUS_POOL = Decimal("1000.00")
SUB_AFFILIATES: List[Tuple[str, SubAffiliatePayoutType, str]] = [
    ("blog-east", "cpa", "5.00"),
    ("social-west", "percent", "20"),
    ("newsletter", "percent", "35"),
    ("coupon-site", "cpa", "7.25"),
    ("podcast-ads", "percent", "12.5"),
]


T = TypeVar("T")


def known(value: Optional[T], what: str) -> T:
    """A field the example needs: every result field is optional (a server may leave any out)."""
    if value is None:
        raise SystemExit(f"the server's answer has no {what}")
    return value


def money(amount: Optional[Decimal]) -> str:
    return "—" if amount is None else f"{amount:,.2f}"


def heading(number: int, text: str) -> None:
    print(f"\n{number}. {text}")


def read_offers() -> List[Dict[str, str]]:
    with OFFERS_CSV.open(newline="", encoding="utf-8") as handle:
        # CSV cells are strings ("24.00", "" for not given): the core reads them as a form's.
        return list(csv.DictReader(handle))


def onboard(cake: Client) -> Affiliate:
    heading(1, "Onboard an affiliate")
    affiliate = cake.create_affiliate(
        affiliate_name="Northwind Media", account_manager_id=42, website="https://northwind.example.com",
        minimum_payment_threshold=Decimal("100"),  # sent exactly: a Decimal never passes through float
    )
    activated = cake.update_affiliate(affiliate_id=known(affiliate.affiliate_id, "affiliate_id"), affiliate_status="active")
    manager = affiliate.account_manager.name if affiliate.account_manager else None
    print(f"   affiliate {affiliate.affiliate_id} {affiliate.affiliate_name!r}: "
          f"{affiliate.affiliate_status} -> {activated.affiliate_status}, "
          f"account manager {manager}")
    return affiliate


def bulk_offers(cake: Client, rows: List[Dict[str, str]]) -> List[Offer]:
    heading(2, f"Bulk-create offers from {OFFERS_CSV.name} ({len(rows)} rows)")
    # One at a time so the ids (and so this output) are the same on every run; bulk takes
    # concurrency=8 by default. Each item's warnings are also issued as CakeWarning; this
    # table shows them itself (result.warnings), so they are not printed twice.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cake_sdk.CakeWarning)
        results = cake.bulk("create_offer", rows, concurrency=1)
    print(f"   {'line':<5}{'offer':<22}{'payout':>9}{'revenue':>9}  result")
    created: List[Offer] = []
    for line, (row, result) in enumerate(zip(rows, results), start=2):
        name = row["offer_name"] or "(no name)"
        left = f"   {line:<5}{name[:21]:<22}{row['payout']:>9}{row['revenue']:>9}  "
        if result.ok and result.result is not None:
            created.append(result.result)
            notes = [f"{result.attempts} attempts"] if result.attempts > 1 else []
            notes += [f"warning: {w}" for w in result.warnings]
            suffix = f" ({'; '.join(notes)})" if notes else ""
            print(f"{left}created offer {result.result.offer_id}{suffix}")
        elif result.status == "invalid":
            errors = [i for i in result.issues if i.is_error]
            print(f"{left}not sent: {errors[0]}")
            for issue in errors[1:]:
                print(f"   {'':<45}  {issue}")
        else:
            print(f"{left}{result.status}: {result.error}")
    invalid = sum(r.status == "invalid" for r in results)
    print(f"   {len(created)} created, {invalid} invalid (reported, not sent)")
    return created


def payout_on_offer(cake: Client, affiliate: Affiliate, offer: Offer, mock: Optional[MockServer]) -> Decimal:
    affiliate_id, offer_id = known(affiliate.affiliate_id, "affiliate_id"), known(offer.offer_id, "offer_id")
    heading(3, "The affiliate's payout on one offer")
    if mock is not None:
        # The account manager negotiated a better rate: the mock stores it as an override.
        mock.seed({"affiliate_offers": [{"affiliate_id": affiliate_id, "offer_id": offer_id, "payout": "27.50"}]})
    pairing = cake.get_affiliate_offer(affiliate_id=affiliate_id, offer_id=offer_id)
    revenue, payout = known(offer.revenue, "revenue"), known(pairing.payout, "payout")
    kept = cake_sdk.margin(revenue, payout)
    share = cake_sdk.margin_percent(revenue, payout)
    print(f"   offer {offer.offer_id} {offer.offer_name!r}: offer payout {money(offer.payout)}, "
          f"revenue {money(offer.revenue)}")
    print(f"   affiliate {affiliate.affiliate_id} earns {money(pairing.payout)} per conversion "
          f"({pairing.payout_type}, override); network keeps {money(kept)} ({share}%)")
    return payout


def create_sub_affiliates(cake: Client, affiliate: Affiliate, parent_payout: Decimal) -> None:
    heading(4, "Sub-affiliates")
    for name, payout_type, payout in SUB_AFFILIATES:
        sub = cake.create_sub_affiliate(
            affiliate_id=known(affiliate.affiliate_id, "affiliate_id"), sub_affiliate_name=name, payout=payout,
            payout_type=payout_type,
        )
        per_conversion = cake_sdk.sub_affiliate_payout(parent_payout, known(sub.payout, "payout"), known(sub.payout_type, "payout_type"))
        rule = f"{sub.payout}% of {money(parent_payout)}" if sub.payout_type == "percent" else "flat"
        print(f"   {sub.sub_affiliate_id} {sub.sub_affiliate_name:<12} {sub.payout_type:<8}"
              f"{money(per_conversion):>6} per conversion ({rule})")


def report(cake: Client, affiliate_id: Optional[int], offer_id: Optional[int]) -> None:
    heading(5, f"Sub-affiliate report {START} to {END} (pages of 2 rows, fetched as needed)")
    rows = cake.iter_sub_affiliate_report(
        start_date=START, end_date=END, affiliate_id=affiliate_id, offer_id=offer_id, row_limit=2
    )
    pages = list(rows.pages())
    table = [row for page in pages for row in page.rows]
    totals = cake_sdk.report_totals(table)
    shares = cake_sdk.split(BONUS_POOL, [known(r.conversions, "conversions") for r in table]) if totals.conversions else [Decimal("0.00")] * len(table)
    print(f"   {len(table)} rows in {len(pages)} pages (server total {rows.total_rows})\n")
    header = f"   {'sub-affiliate':<18}{'clicks':>8}{'conv.':>7}{'CR %':>7}{'payout':>11}{'EPC':>7}{'bonus':>9}"
    print(header)
    print("   " + "-" * (len(header) - 3))
    for row, share in zip(table, shares):
        clicks, conversions = known(row.clicks, "clicks"), known(row.conversions, "conversions")
        metrics = cake_sdk.report_metrics(clicks, conversions, known(row.payout, "payout"))
        print(f"   {row.sub_affiliate_id} {row.sub_affiliate_name or '':<14}{clicks:>8,}{conversions:>7,}"
              f"{money(metrics.conversion_rate):>7}{money(row.payout):>11}{money(metrics.epc):>7}{money(share):>9}")
    print("   " + "-" * (len(header) - 3))
    print(f"   {'total':<18}{totals.clicks:>8,}{totals.conversions:>7,}{money(totals.conversion_rate):>7}"
          f"{money(totals.payout):>11}{money(totals.epc):>7}{money(sum(shares, Decimal(0))):>9}")
    print(f"   CR: conversion rate; EPC: payout per click; bonus: a {money(BONUS_POOL)} pool split by conversions")
    payout_sum = sum((known(r.payout, "payout") for r in table), Decimal(0))
    ok = payout_sum == totals.payout and sum(shares, Decimal(0)) == (BONUS_POOL if totals.conversions else 0)
    print(f"\n   rows add up to the total payout ({money(payout_sum)}) and to the bonus pool, to the cent: "
          f"{'yes' if ok else 'NO'}")
    if not ok:
        raise SystemExit("totals do not add up")


def run_on_mock() -> None:
    with MockServer() as mock, Client(base_url=mock.url, api_key=mock.api_key) as cake:
        print(f"cake-sdk {cake_sdk.__version__} quickstart against the embedded mock at {mock.url}")
        print("(set CAKE_BASE_URL and CAKE_API_KEY to read from a real instance instead)")
        affiliate = onboard(cake)
        # One offer request fails with 503 + Retry-After: the SDK retries it (it cannot have
        # been applied) instead of reporting a failure.
        mock.add_fault("create_offer", "error_503", times=1, retry_after="0")
        offers = bulk_offers(cake, read_offers())
        sent = [r for r in mock.requests() if r["operation"] == "create_offer"]
        print(f"   the mock received {len(sent)} create_offer requests for {len(offers)} offers (one retried after a 503)")
        parent_payout = payout_on_offer(cake, affiliate, offers[0], mock)
        create_sub_affiliates(cake, affiliate, parent_payout)
        report(cake, affiliate.affiliate_id, offers[0].offer_id)


def run_read_only(base_url: str, api_key: str) -> None:
    with Client(base_url=base_url, api_key=api_key) as cake:
        print(f"cake-sdk {cake_sdk.__version__} quickstart, read only, against {cake.base_url}")
        heading(1, f"Offers in {OFFERS_CSV.name}, validated locally (nothing is sent)")
        for line, row in enumerate(read_offers(), start=2):
            errors = [i for i in cake_sdk.validate("create_offer", row) if i.is_error]
            print(f"   {line:<4}{row['offer_name'] or '(no name)':<22}{'ok' if not errors else errors[0]}")
        affiliate_id = int(os.environ["CAKE_AFFILIATE_ID"]) if os.environ.get("CAKE_AFFILIATE_ID") else None
        subs = cake.list_sub_affiliates(affiliate_id=affiliate_id)
        heading(2, f"{len(subs)} sub-affiliates")
        for sub in subs[:20]:
            print(f"   {sub.sub_affiliate_id} {sub.sub_affiliate_name} ({sub.payout_type} {sub.payout})")
        report(cake, affiliate_id, None)


def main(argv: Sequence[str]) -> int:
    base_url, api_key = os.environ.get("CAKE_BASE_URL"), os.environ.get("CAKE_API_KEY")
    try:
        if base_url and api_key:
            run_read_only(base_url, api_key)
        else:
            run_on_mock()
    except cake_sdk.CakeError as error:
        print(f"\nfailed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
