"""Every operation against a live mock, sync and async, checking real values: ids assigned
by the server, money as exact Decimals with 2 places, datetimes as datetime, state kept."""

from __future__ import annotations

import asyncio
import pickle
import time
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client, Record, ReportPage
from cake_sdk.testing import MockServer

from conftest import OFFER


def check_offer(offer: Record) -> None:
    assert offer.offer_id == 12345  # the mock numbers offers as the reference's samples do
    assert offer.offer_name == "Summer Promo"
    assert offer.payout == Decimal("24.00") and str(offer.payout) == "24.00"
    assert isinstance(offer.payout, Decimal) and isinstance(offer.revenue, Decimal)
    assert offer.payout_type == "cpa"
    assert isinstance(offer.created_date, datetime)


def test_every_operation_sync(client: Client, mock: MockServer) -> None:
    affiliate = client.create_affiliate(
        affiliate_name="New Media Group Inc",
        account_manager_id=42,
        affiliate_status="active",
        website="https://newmediagroup.example.com",
        minimum_payment_threshold=100,
    )
    assert affiliate.affiliate_id == 67890
    assert affiliate.affiliate_status == "active"
    assert affiliate.account_manager.id == 42 and isinstance(affiliate.account_manager.name, str)
    assert isinstance(affiliate.date_created, datetime)

    updated = client.update_affiliate(affiliate_id=affiliate.affiliate_id, affiliate_name="NMG")
    assert updated.affiliate_name == "NMG" and updated.affiliate_id == affiliate.affiliate_id

    offer = client.create_offer(**OFFER)
    check_offer(offer)
    updated_offer = client.update_offer(offer_id=offer.offer_id, payout="25.5")
    assert updated_offer.payout == Decimal("25.50") and str(updated_offer.payout) == "25.50"

    pairing = client.get_affiliate_offer(affiliate_id=affiliate.affiliate_id, offer_id=offer.offer_id)
    assert pairing.payout == Decimal("25.50")
    assert pairing.affiliate_offer_status == "active"

    sub = client.create_sub_affiliate(
        affiliate_id=affiliate.affiliate_id, sub_affiliate_name="blog", payout=Decimal("20"), payout_type="percent"
    )
    assert sub.sub_affiliate_id == 301 and sub.payout == Decimal("20.00") and sub.payout_type == "percent"
    listed = client.list_sub_affiliates(affiliate_id=affiliate.affiliate_id)
    assert [s.sub_affiliate_name for s in listed] == ["blog"]
    assert listed[0] == sub

    page = client.sub_affiliate_report(start_date=date(2026, 6, 1), end_date="2026-06-30")
    assert isinstance(page, ReportPage) and page.total_rows == 1 and len(page) == 1
    row = page.rows[0]
    assert row.sub_affiliate_id == 301 and isinstance(row.clicks, int)
    # 20% of 25.50 per conversion, to the cent, from the mock's deterministic numbers
    assert row.payout == (Decimal("5.10") * row.conversions).quantize(Decimal("0.01"))
    assert mock.requests()[-1]["query"][1:3] == [["start_date", "2026-06-01"], ["end_date", "2026-06-30"]]


async def run_every_operation_async(client: AsyncClient) -> Dict[str, Any]:
    affiliate = await client.create_affiliate(affiliate_name="Async Media", account_manager_id=7)
    assert affiliate.affiliate_status == "pending"  # the reference's default on create
    updated = await client.update_affiliate(affiliate_id=affiliate.affiliate_id, affiliate_status="active")
    offer = await client.create_offer(**OFFER)
    check_offer(offer)
    updated_offer = await client.update_offer(offer_id=offer.offer_id, offer_status="inactive")
    pairing = await client.get_affiliate_offer(affiliate_id=affiliate.affiliate_id, offer_id=offer.offer_id)
    sub = await client.create_sub_affiliate(
        affiliate_id=affiliate.affiliate_id, sub_affiliate_name="cpa-sub", payout="5", payout_type="cpa"
    )
    listed = await client.list_sub_affiliates(sub_affiliate_id=sub.sub_affiliate_id)
    page = await client.sub_affiliate_report(start_date="2026-06-01", end_date="2026-06-07")
    return {
        "status": updated.affiliate_status,
        "offer_status": updated_offer.offer_status,
        "pairing": pairing.payout,
        "sub": sub.payout,
        "listed": [s.sub_affiliate_id for s in listed],
        "row_payout": page.rows[0].payout,
        "conversions": page.rows[0].conversions,
    }


def test_every_operation_async(aclient: AsyncClient) -> None:
    got = asyncio.run(run_every_operation_async(aclient))
    assert got["status"] == "active" and got["offer_status"] == "inactive"
    assert got["pairing"] == Decimal("24.00") and got["sub"] == Decimal("5.00")
    assert got["listed"] == [301]
    assert got["row_payout"] == Decimal("5.00") * got["conversions"]


def test_decimal_exactness_end_to_end(client: Client, mock: MockServer) -> None:
    offer = client.create_offer(**{**OFFER, "payout": Decimal("0.1") + Decimal("0.2"), "revenue": 0.3})
    # 0.1 + 0.2 is exactly 0.3 as Decimal; the float 0.3 goes as its repr "0.3", not 0.299999...
    assert offer.payout == Decimal("0.30") and offer.revenue == Decimal("0.30")
    body = mock.requests()[-1]["body"]
    assert isinstance(body["revenue"], Decimal)
    assert body["payout"] == Decimal("0.3") and body["revenue"] == Decimal("0.3")
    big = client.create_offer(**{**OFFER, "payout": "999999999.9999", "revenue": "1000000000"})
    assert big.payout == Decimal("999999999.9999")


def test_validation_raises_every_issue_and_sends_nothing(client: Client, mock: MockServer) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.create_offer(offer_name="", advertiser_id=0, vertical_id=True, offer_url="ftp://x", payout="-1")
    error = raised.value
    assert isinstance(error, ValueError) and error.code == "validation"
    assert {(i.field, i.code) for i in error.issues} == {
        ("offer_name", "required"),
        ("advertiser_id", "out_of_range"),
        ("vertical_id", "invalid_type"),  # a bool is not taken for 1
        ("offer_url", "invalid_url"),
        ("payout", "out_of_range"),
    }
    assert error.operation == "create_offer" and error.attempts == 0
    assert mock.requests() == []


def test_warnings_are_issued_not_blocking(client: Client) -> None:
    with pytest.warns(cake_sdk.CakeWarning) as caught:
        offer = client.create_offer(**{**OFFER, "payout": "40.00", "revenue": "30.00"})
    assert offer.payout == Decimal("40.00")
    assert any(w.message.issue.code == "negative_margin" for w in caught)  # type: ignore[union-attr]
    with pytest.warns(cake_sdk.CakeWarning) as caught:
        reply = client.call("create_offer", {**OFFER, "payout": "40.00", "revenue": "30.00", "surprise": 1})
    assert {i.code for i in reply.warnings} == {"negative_margin", "unknown_field"}
    assert [w.message.issue for w in caught] == reply.warnings  # type: ignore[union-attr]
    assert reply.info.operation == "create_offer" and reply.info.attempts == 1 and reply.info.status == 200


def test_inputs_dates_datetimes_and_none(client: Client, mock: MockServer) -> None:
    client.create_offer(**{**OFFER, "expiration_date": datetime(2031, 1, 2, 3, 4, 5, 999), "preview_url": None})
    body = mock.requests()[-1]["body"]
    assert body["expiration_date"] == "2031-01-02 03:04:05"
    assert "preview_url" not in body
    state_offer = mock.state()["offers"][0]
    assert state_offer["expiration_date"] == datetime(2031, 1, 2, 3, 4, 5)


def test_a_required_argument_left_none_is_reported_and_nothing_is_sent(client: Client, mock: MockServer) -> None:
    # The generated methods pass required arguments as given: None is "not given" for the core.
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.get_affiliate_offer(affiliate_id=None, offer_id=12345)  # type: ignore[arg-type]
    assert [(i.field, i.code) for i in raised.value.issues] == [("affiliate_id", "required")]
    assert mock.requests() == []


def test_bulk_results_wrap_nested_objects(client: Client, mock: MockServer) -> None:
    # A result's dict is wrapped in place: its nested object still becomes a typed record.
    items = [{"affiliate_name": f"Nested {i}", "account_manager_id": 7} for i in range(3)]
    results = client.bulk("create_affiliate", items)
    managers = [r.result.account_manager for r in results if r.result is not None]
    assert [type(m).__name__ for m in managers] == ["AccountManager"] * 3
    assert all(m.id == 7 and isinstance(m.name, str) for m in managers)
    assert results[0].result is not None and results[0].result.to_dict()["account_manager"]["id"] == 7


def test_seeded_override_is_read_back(client: Client, mock: MockServer) -> None:
    created = mock.seed(
        {
            "affiliates": [{"affiliate_name": "Seeded", "account_manager_id": 1}],
            "offers": [{k: v for k, v in OFFER.items()}],
            "affiliate_offers": [{"affiliate_id": 67890, "offer_id": 12345, "payout": "27.5"}],
        }
    )
    assert created["affiliate_offers"][0]["payout"] == Decimal("27.50")
    pairing = client.get_affiliate_offer(affiliate_id=67890, offer_id=12345)
    assert pairing.payout == Decimal("27.50")
    assert pairing.to_dict()["payout"] == Decimal("27.50")


def test_records_behave(client: Client) -> None:
    offer = client.create_offer(**OFFER)
    assert "offer_id" in offer and offer["offer_name"] == offer.offer_name
    assert repr(offer).startswith("Offer(offer_id=12345, ")
    assert "payout" in dir(offer)
    assert dict(offer)["payout"] == Decimal("24.00")
    with pytest.raises(AttributeError):
        offer.no_such_field  # noqa: B018
    with pytest.raises(AttributeError):
        offer.offer_id = 1  # type: ignore[misc]
    # A field the reference defines but this answer left out reads as None, not an error.
    assert offer.expiration_date is None and not offer.is_set("expiration_date")
    assert offer.is_set("payout")
    import pickle

    assert pickle.loads(pickle.dumps(offer)) == offer


def test_unknown_operation_and_bad_values(client: Client) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.call("delete_everything", {})
    assert raised.value.issues[0].code == "unknown_operation"
    with pytest.raises(TypeError):
        client.call("create_offer", {**OFFER, "payout": object()})


def test_report_iteration_sync(client: Client, mock: MockServer) -> None:
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "offers": [OFFER],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": f"s{i:02}", "payout": "10", "payout_type": "percent"}
                for i in range(23)
            ],
        }
    )
    seen = []
    it = client.iter_sub_affiliate_report(
        start_date="2026-01-01", end_date="2026-01-31", row_limit=5, on_progress=lambda d, t: seen.append((d, t))
    )
    rows = list(it)
    assert [r.sub_affiliate_name for r in rows] == [f"s{i:02}" for i in range(23)]
    assert it.total_rows == 23 and it.rows_fetched == 23
    assert seen == [(5, 23), (10, 23), (15, 23), (20, 23), (23, 23)]
    pages = list(client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=10).pages())
    assert [len(p) for p in pages] == [10, 10, 3]
    # the pages hold the same rows as one big page
    single = client.sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=500)
    assert [r for p in pages for r in p.rows] == single.rows
    totals = client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31").totals()
    assert totals.payout == sum((r.payout for r in rows), Decimal(0))
    assert totals.clicks == sum(r.clicks for r in rows)


def test_report_iteration_async(aclient: AsyncClient, mock: MockServer) -> None:
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": f"s{i}", "payout": "1.25", "payout_type": "cpa"}
                for i in range(12)
            ],
        }
    )

    async def main() -> Any:
        it = aclient.iter_sub_affiliate_report(start_date="2026-02-01", end_date="2026-02-10", row_limit=5)
        rows = [row async for row in it]
        frame = await aclient.iter_sub_affiliate_report(start_date="2026-02-01", end_date="2026-02-10").to_pandas()
        return rows, it.total_rows, frame

    rows, total, frame = asyncio.run(main())
    assert len(rows) == 12 and total == 12
    assert all(r.payout == Decimal("1.25") * r.conversions for r in rows)
    assert list(frame["payout"]) == [r.payout for r in rows]


def test_report_validation_before_iterating(client: Client, mock: MockServer) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.iter_sub_affiliate_report(start_date="2026-02-10", end_date="2026-02-01")
    assert raised.value.issues[0].code == "date_order"
    assert mock.requests() == []


def _report_starts(mock: MockServer) -> List[int]:
    return sorted(int(dict(r["query"])["start_at_row"]) for r in mock.requests() if r["operation"] == "sub_affiliate_report")


def _wait_for_pages(mock: MockServer, count: int) -> None:
    for _ in range(500):
        if len(_report_starts(mock)) >= count:
            break
        time.sleep(0.01)
    time.sleep(0.05)  # and nothing beyond


@pytest.mark.parametrize(("pages_ahead", "started"), [(None, [0, 10, 20, 30, 40]), (2, [0, 10, 20]), (0, [0])])
def test_report_pages_are_fetched_ahead(
    client: Client, mock: MockServer, pages_ahead: Optional[int], started: List[int]
) -> None:
    subs = [{"affiliate_id": 67890, "sub_affiliate_name": f"s{i:02}", "payout": "1", "payout_type": "cpa"} for i in range(95)]
    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}], "sub_affiliates": subs})
    it = iter(client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", row_limit=10, pages_ahead=pages_ahead))
    assert next(it).sub_affiliate_name == "s00"
    _wait_for_pages(mock, len(started))
    assert _report_starts(mock) == started
    assert [r.sub_affiliate_name for r in it] == [f"s{i:02}" for i in range(1, 95)]
    assert _report_starts(mock) == list(range(0, 100, 10)), "each page once"


@pytest.mark.parametrize("pages_ahead", [17, -1])
def test_report_pages_ahead_out_of_range(client: Client, mock: MockServer, pages_ahead: int) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", pages_ahead=pages_ahead)
    assert [(i.field, i.code) for i in raised.value.issues] == [("pages_ahead", "out_of_range")]
    assert mock.requests() == []


def test_bulk_sync_in_order_with_invalid_rows(client: Client, mock: MockServer) -> None:
    items = [
        {**OFFER, "offer_name": "one"},
        {**OFFER, "offer_name": "", "payout": "abc"},
        {**OFFER, "offer_name": "three"},
    ]
    progress = []
    results = client.bulk("create_offer", items, concurrency=2, on_progress=lambda d, t: progress.append((d, t)))
    assert [r.status for r in results] == ["ok", "invalid", "ok"]
    assert results[0].result is not None and results[0].result.offer_name == "one"
    assert {(i.field, i.code) for i in results[1].issues} == {("offer_name", "required"), ("payout", "invalid_type")}
    assert sorted(progress) == [(1, 3), (2, 3), (3, 3)]
    assert [r["body"]["offer_name"] for r in mock.requests()] in (["one", "three"], ["three", "one"])


def test_bulk_async(aclient: AsyncClient, mock: MockServer) -> None:
    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}]})
    items = [{"affiliate_id": 67890, "sub_affiliate_name": f"sub{i}", "payout": 3, "payout_type": "cpa"} for i in range(20)]
    progress = []

    async def main() -> Any:
        return await aclient.bulk("create_sub_affiliate", items, on_progress=lambda d, t: progress.append(d))

    results = asyncio.run(main())
    assert [r.result.sub_affiliate_name for r in results if r.result] == [f"sub{i}" for i in range(20)]
    assert sorted(progress) == list(range(1, 21))
    with pytest.raises(cake_sdk.ValidationError):
        Client(base_url=mock.url, api_key=mock.api_key).bulk("list_sub_affiliates", [{}])


def test_client_configuration(mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAKE_BASE_URL", mock.url)
    monkeypatch.setenv("CAKE_API_KEY", mock.api_key)
    client = Client(timeout=5, max_retries=1, deadline=9.5)
    assert (client.base_url, client.timeout, client.max_retries, client.deadline) == (mock.url, 5.0, 1, 9.5)
    assert client.list_sub_affiliates() == []
    monkeypatch.delenv("CAKE_BASE_URL")
    monkeypatch.delenv("CAKE_API_KEY")
    with pytest.raises(cake_sdk.ValidationError) as raised:
        Client(timeout=0)
    assert {(i.field, i.code) for i in raised.value.issues} == {
        ("base_url", "required"),
        ("api_key", "required"),
        ("timeout", "out_of_range"),
    }
    with pytest.raises(cake_sdk.ValidationError) as raised:
        Client(base_url="http://cake.example.com", api_key="k")
    assert raised.value.issues[0].code == "insecure_url"
    with pytest.raises(cake_sdk.ValidationError) as raised:
        client.list_sub_affiliates(timeout=-1, max_retries=-2)
    assert {i.field for i in raised.value.issues} == {"timeout", "max_retries"}
    client.close()
    assert client.closed and repr(client) == "<Client closed>"
    with pytest.raises(cake_sdk.CakeError):
        client.list_sub_affiliates()


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_allow_insecure_http(cls: Any, mock: MockServer) -> None:
    """Plain http beyond loopback is refused unless asked for, as in core and the JS packages.
    Clients for that host are only built: nothing is sent to it."""
    url = "http://cake.example.com"
    for refused in ({}, {"allow_insecure_http": False}):
        with pytest.raises(cake_sdk.ValidationError) as raised:
            cls(base_url=url, api_key="k", **refused)
        assert [(i.field, i.code) for i in raised.value.issues] == [("base_url", "insecure_url")]
        assert "opt in with allow_insecure_http" in str(raised.value)
    client = cls(base_url=url, api_key="k", allow_insecure_http=True)
    assert client.base_url == url
    copy = pickle.loads(pickle.dumps(client))  # the opt-in travels with the configuration
    assert type(copy) is cls and copy.base_url == url
    with pytest.raises(TypeError, match="allow_insecure_http"):
        cls(base_url=url, api_key="k", allow_insecure_http="yes")
    # Loopback needs no opt-in, and the option changes nothing there.
    local = Client(base_url=mock.url, api_key=mock.api_key, allow_insecure_http=True)
    assert local.list_sub_affiliates() == [] and [r["operation"] for r in mock.requests()] == ["list_sub_affiliates"]


def test_method_signatures_match_core_fields() -> None:
    """Each method's keywords are the core's parameters, in the reference's order."""
    import inspect

    from cake_sdk import _core

    options = ["timeout", "max_retries", "deadline"]
    for cls in (Client, AsyncClient):
        for op in _core.operations():
            names = list(inspect.signature(getattr(cls, op)).parameters)[1:]
            assert names == [name for name, _ in _core.operation_fields(op)] + options, (cls, op)
        names = list(inspect.signature(cls.iter_sub_affiliate_report).parameters)[1:]
        fields = [name for name, _ in _core.operation_fields("sub_affiliate_report")]
        assert names == fields + ["progress", "on_progress"] + options + ["pages_ahead"]


def test_the_cake_mock_fixture_is_a_fresh_mock(cake_mock: MockServer, mock: MockServer) -> None:
    # the plugin fixture users get; a mock of its own, separate from the session one
    assert cake_mock.url != mock.url
    client = Client(**cake_mock.client_kwargs())
    assert client.create_affiliate(affiliate_name="fixture", account_manager_id=1).affiliate_id == 67890
    assert cake_mock.state()["affiliates"][0]["affiliate_name"] == "fixture"
