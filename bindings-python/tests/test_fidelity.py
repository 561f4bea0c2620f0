"""Servers as they really are (issue 14), against the live mock on 127.0.0.1, with ``Client``
and ``AsyncClient`` alike: CAKE's "Restricted" throttle, a body that never ends
(``max_response_bytes``), sub-affiliates that are inactive, and answers with values that
cannot be read (kept as sent, in records and in DataFrames). The report's paging against
servers that cap pages and misstate totals is in test_report_shapes.py."""

from __future__ import annotations

import asyncio
import json
import pickle
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Optional

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client, Reply
from cake_sdk import _core
from cake_sdk.report import rows_to_pandas
from cake_sdk.testing import FAULT_KINDS, MockServer

from conftest import OFFER
from test_dataframes import assert_same_frame

MODES = ["sync", "async"]


def call(
    mode: str, client: Client, aclient: AsyncClient, operation: str, params: Dict[str, Any], **options: Any
) -> Reply[Any]:
    """``call()`` on the blocking client, or on the async one in a fresh loop."""
    if mode == "sync":
        return client.call(operation, params, **options)
    return asyncio.run(aclient.call(operation, params, **options))


def of(mock: MockServer, operation: str) -> List[Dict[str, Any]]:
    return [r for r in mock.requests() if r["operation"] == operation]


# -- the mock's fault kinds, from the mock ---------------------------------------------------


def test_fault_kinds_come_from_the_mock() -> None:
    assert FAULT_KINDS == tuple(_core.fault_kinds())
    assert {"restricted", "report_shape", "endless_body", "rate_limit", "malformed"} <= set(FAULT_KINDS)
    assert len(set(FAULT_KINDS)) == len(FAULT_KINDS)


def test_every_fault_kind_is_accepted(mock: MockServer) -> None:
    for kind in FAULT_KINDS:
        options: Dict[str, Any] = {"row_cap": 5} if kind == "report_shape" else {}
        mock.add_fault("sub_affiliate_report", kind, times=1, **options)
    assert [s["rule"]["kind"] for s in mock.fault_stats()] == list(FAULT_KINDS)


def test_add_fault_passes_the_new_options(mock: MockServer) -> None:
    mock.add_fault("sub_affiliate_report", "report_shape", row_cap=100, total_rows="omit")
    mock.add_fault("*", "report_shape", total_rows=1300)
    mock.add_fault("create_offer", "restricted", times=2, in_errors=True)
    mock.add_fault("create_offer", "restricted", times=1)
    rules = [s["rule"] for s in mock.fault_stats()]
    assert [(r.get("row_cap"), r.get("total_rows"), r.get("in_errors")) for r in rules] == [
        (100, "omit", None),
        (None, 1300, None),
        (None, None, True),
        (None, None, None),  # in_errors=False is the default: not sent
    ]


@pytest.mark.parametrize(
    "kind, options, message",
    [
        ("report_shape", {}, "give row_cap, total_rows or broken_every"),
        ("report_shape", {"row_cap": 0}, "row_cap: must be at least 1"),
        ("report_shape", {"total_rows": "none"}, 'total_rows: must be a count or "omit"'),
        ("delay", {"row_cap": 5}, "only for kind"),
        ("no_such_kind", {}, "not a fault rule"),
    ],
)
def test_add_fault_refuses_a_rule_the_mock_cannot_use(
    mock: MockServer, kind: str, options: Dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        mock.add_fault("*", kind, **options)


# -- CAKE's throttle: 200 with a Failure saying "Restricted" -------------------------------


@pytest.mark.parametrize("in_errors", [False, True], ids=["message", "errors"])
@pytest.mark.parametrize("mode", MODES)
def test_a_restricted_write_is_retried_and_creates_one_offer(
    client: Client, aclient: AsyncClient, mock: MockServer, mode: str, in_errors: bool
) -> None:
    """The throttle refused the write before doing it, so it is sent again (writes too) and
    the offer exists once."""
    mock.add_fault("create_offer", "restricted", times=1, in_errors=in_errors)
    reply = call(mode, client, aclient, "create_offer", OFFER)
    assert reply.info.attempts == 2
    offers = mock.state()["offers"]
    assert [o["offer_id"] for o in offers] == [reply.value.offer_id]
    assert offers[0]["offer_name"] == OFFER["offer_name"]
    sent = of(mock, "create_offer")
    assert [(r["fault"], r["applied"]) for r in sent] == [("restricted", False), (None, True)]


@pytest.mark.parametrize("in_errors", [False, True], ids=["message", "errors"])
@pytest.mark.parametrize("mode", MODES)
def test_a_read_restricted_past_its_retries_is_a_rate_limit_error(
    client: Client, aclient: AsyncClient, mock: MockServer, mode: str, in_errors: bool
) -> None:
    mock.add_fault("list_sub_affiliates", "restricted", in_errors=in_errors)
    with pytest.raises(cake_sdk.RateLimitError) as raised:
        call(mode, client, aclient, "list_sub_affiliates", {}, max_retries=1)
    error = raised.value
    assert error.code == "rate_limited" and error.messages == ["Restricted"]
    assert error.attempts == 2 and error.retry_after is None and error.status == 200
    assert error.operation == "list_sub_affiliates"
    assert [r["fault"] for r in of(mock, "list_sub_affiliates")] == ["restricted", "restricted"]


# -- max_response_bytes against a body that never ends ---------------------------------------

MIB = 1024 * 1024


@pytest.mark.parametrize("mode", MODES)
def test_an_endless_body_stops_at_max_response_bytes(mock: MockServer, mode: str) -> None:
    """The read fails as decode, naming the limit, on its only attempt: the client stopped
    reading at 1 MiB (the mock would have sent up to 1 GiB) and did not ask again."""
    client = Client(**mock.client_kwargs(), max_response_bytes=MIB)
    aclient = AsyncClient(**mock.client_kwargs(), max_response_bytes=MIB)
    assert client.max_response_bytes == aclient.max_response_bytes == MIB
    mock.add_fault("sub_affiliate_report", "endless_body")
    with pytest.raises(cake_sdk.DecodeError) as raised:
        call(mode, client, aclient, "sub_affiliate_report", {"start_date": "2024-01-01", "end_date": "2024-01-01"})
    error = raised.value
    assert "larger than the client's limit of 1 MiB (max_response_bytes)" in str(error)
    assert error.attempts == 1
    assert error.body_excerpt is not None and error.body_excerpt.startswith('{"request_status":"Success"')
    assert error.elapsed < 30  # far from streaming the mock's 1 GiB
    assert len(of(mock, "sub_affiliate_report")) == 1


@pytest.mark.parametrize("mode", MODES)
def test_an_endless_answer_to_a_write_is_an_unknown_outcome(mock: MockServer, mode: str) -> None:
    client = Client(**mock.client_kwargs(), max_response_bytes=64 * 1024)
    aclient = AsyncClient(**mock.client_kwargs(), max_response_bytes=64 * 1024)
    mock.add_fault("create_offer", "endless_body", times=1)
    with pytest.raises(cake_sdk.UnknownOutcomeError) as raised:
        call(mode, client, aclient, "create_offer", OFFER)
    assert raised.value.cause == "decode" and raised.value.attempts == 1
    assert "65536 bytes (max_response_bytes)" in str(raised.value)
    assert len(of(mock, "create_offer")) == 1, "not sent again"


def test_max_response_bytes_default_and_pickling(mock: MockServer) -> None:
    assert Client(**mock.client_kwargs()).max_response_bytes == 64 * MIB
    for cls in (Client, AsyncClient):
        client = cls(**mock.client_kwargs(), max_response_bytes=12345)
        copy = pickle.loads(pickle.dumps(client))
        assert type(copy) is cls and copy.max_response_bytes == 12345


def test_a_small_limit_refuses_ordinary_answers(mock: MockServer) -> None:
    client = Client(**mock.client_kwargs(), max_response_bytes=10)
    with pytest.raises(cake_sdk.DecodeError, match="limit of 10 bytes"):
        client.list_sub_affiliates()


@pytest.mark.parametrize("bad", [0, 1.5, -1, float("nan"), float("inf"), 2.0**70])
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_a_bad_max_response_bytes_is_a_validation_error(mock: MockServer, cls: Any, bad: Any) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        cls(**mock.client_kwargs(), max_response_bytes=bad)
    assert [(i.field, i.code) for i in raised.value.issues] == [("max_response_bytes", "out_of_range")]
    assert "max_response_bytes" in str(raised.value)
    assert mock.requests() == []


# -- inactive sub-affiliates -----------------------------------------------------------------

STATUSES = ["active", "inactive", "active", "inactive", "inactive", None]  # None: as the API creates them


def sub(parent: int, name: str, status: Optional[str]) -> Dict[str, Any]:
    given = {} if status is None else {"sub_affiliate_status": status}
    return {"affiliate_id": parent, "sub_affiliate_name": name, "payout": "1.00", "payout_type": "cpa", **given}


def seed_statuses(mock: MockServer) -> None:
    subs = [sub(67890, f"s{i}", status) for i, status in enumerate(STATUSES)]
    subs.append(sub(67891, "other", "inactive"))  # another parent's: no list for 67890 shows it
    mock.seed({"affiliates": [{"affiliate_name": n, "account_manager_id": 1} for n in ("A", "B")], "sub_affiliates": subs})


EXPECTED = {
    "inactive": [302, 304, 305],
    "active": [301, 303, 306],
    "all": [301, 302, 303, 304, 305, 306],
    None: [301, 302, 303, 304, 305, 306],
}


@pytest.mark.parametrize("status", ["inactive", "active", "all", None])
@pytest.mark.parametrize("mode", MODES)
def test_list_sub_affiliates_filters_by_status(
    client: Client, aclient: AsyncClient, mock: MockServer, mode: str, status: Optional[str]
) -> None:
    seed_statuses(mock)
    if mode == "sync":
        subs = client.list_sub_affiliates(affiliate_id=67890, sub_affiliate_status=status)
    else:
        subs = asyncio.run(aclient.list_sub_affiliates(affiliate_id=67890, sub_affiliate_status=status))
    assert [s.sub_affiliate_id for s in subs] == EXPECTED[status]
    assert all(s.affiliate_id == 67890 for s in subs)
    want = {"inactive": {"inactive"}, "active": {"active"}}.get(status or "", {"active", "inactive"})
    assert {s.sub_affiliate_status for s in subs} == want


def test_a_seeded_status_must_be_one_the_reference_has(mock: MockServer) -> None:
    with pytest.raises(ValueError, match="sub_affiliate_status: must be one of"):
        mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}], "sub_affiliates": [sub(67890, "x", "paused")]})


# -- values the SDK cannot read: kept as sent under `unreadable`, in records and DataFrames ---

ODD_ROWS: List[Any] = [
    {"sub_affiliate_id": 301, "sub_affiliate_name": "fine", "clicks": 10, "conversions": 2, "payout": "5.00"},
    {"sub_affiliate_id": 302, "sub_affiliate_name": "odd", "clicks": 20, "conversions": 1, "payout": "abc"},
    {"sub_affiliate_id": 303, "sub_affiliate_name": "no payout", "clicks": 30, "conversions": 3},
    {"sub_affiliate_id": 304, "sub_affiliate_name": "odd count", "clicks": "many", "conversions": 4, "payout": 8},
    {"sub_affiliate_id": 305, "sub_affiliate_name": None, "clicks": 50, "conversions": 5, "payout": None},
]
ODD_WARNINGS = [
    ("sub_affiliate_report[1].payout", "unreadable_value"),
    ("sub_affiliate_report[3].clicks", "unreadable_value"),
]
# Read in pages of 2, the same two values are [1] of the first page and [1] of the second.
ODD_WARNINGS_BY_2 = [
    ("sub_affiliate_report[1].payout", "unreadable_value"),
    ("sub_affiliate_report[1].clicks", "unreadable_value"),
]
NOT_A_ROW = [*ODD_ROWS[:2], "not a row", *ODD_ROWS[2:]]


@pytest.fixture
def odd_server() -> Iterator[Dict[str, Any]]:
    """A CAKE on 127.0.0.1 whose report is ``server["rows"]``, paged as asked, the total
    announced."""
    from urllib.parse import parse_qs, urlparse

    served: Dict[str, Any] = {"rows": ODD_ROWS}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            query = parse_qs(urlparse(self.path).query)
            start = int(query.get("start_at_row", ["0"])[0])
            limit = int(query.get("row_limit", ["500"])[0])
            rows = served["rows"]
            page = {"request_status": "Success", "total_rows": len(rows), "sub_affiliate_report": rows[start : start + limit]}
            body = json.dumps(page).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


REPORT = {"start_date": "2024-01-01", "end_date": "2024-01-01"}


def check_odd_rows(rows: List[Any]) -> None:
    """A value that could not be read is None in its typed field and kept exactly as sent
    under ``unreadable``; a missing or null payout is None, with nothing kept."""
    assert [r.sub_affiliate_id for r in rows] == [301, 302, 303, 304, 305]
    assert [r.payout for r in rows] == [Decimal("5.00"), None, None, Decimal("8.00"), None]
    assert [r.clicks for r in rows] == [10, 20, 30, None, 50]
    assert [r.get("unreadable") and r.unreadable.to_dict() for r in rows] == [
        None, {"payout": "abc"}, None, {"clicks": "many"}, None
    ]
    assert not rows[2].is_set("payout") and rows[4].sub_affiliate_name is None


@pytest.mark.filterwarnings("ignore::cake_sdk.CakeWarning")
@pytest.mark.parametrize("mode", MODES)
def test_unreadable_values_reach_records_as_sent(odd_server: Dict[str, Any], mode: str) -> None:
    client = Client(base_url=odd_server["url"], api_key="k")
    aclient = AsyncClient(base_url=odd_server["url"], api_key="k")

    async def read_async() -> Any:
        page = await aclient.sub_affiliate_report(**REPORT)
        iterator = aclient.iter_sub_affiliate_report(**REPORT, row_limit=2)
        return page, [row async for row in iterator], iterator

    if mode == "sync":
        page = client.sub_affiliate_report(**REPORT)
        iterator = client.iter_sub_affiliate_report(**REPORT, row_limit=2)
        rows = list(iterator)
    else:
        page, rows, iterator = asyncio.run(read_async())
    assert [(w.field, w.code) for w in page.warnings] == ODD_WARNINGS
    assert '"abc"' in page.warnings[0].message and "unreadable.payout" in page.warnings[0].message
    check_odd_rows(page.rows)
    check_odd_rows(rows)
    assert [(w.field, w.code) for w in iterator.warnings] == ODD_WARNINGS_BY_2


@pytest.mark.filterwarnings("ignore::cake_sdk.CakeWarning")
@pytest.mark.parametrize("row_limit", [2, 500])
def test_unreadable_values_reach_dataframes_as_sent(odd_server: Dict[str, Any], row_limit: int) -> None:
    """The columns path (no record per row) gives what the records give: typed columns stay
    typed (None where unreadable), the raw values are in an ``unreadable`` column."""
    args: Dict[str, Any] = {**REPORT, "row_limit": row_limit}
    client = Client(base_url=odd_server["url"], api_key="k")
    aclient = AsyncClient(base_url=odd_server["url"], api_key="k")
    records = client.iter_sub_affiliate_report(**args).to_list()
    check_odd_rows(records)
    frames = [
        client.iter_sub_affiliate_report(**args).to_pandas(),
        asyncio.run(aclient.iter_sub_affiliate_report(**args).to_pandas()),
    ]
    if row_limit >= len(ODD_ROWS):
        frames.append(client.sub_affiliate_report(**args).to_pandas())  # one page, from its records
    for frame in frames:
        assert_same_frame(frame, rows_to_pandas(records))
        assert list(frame["payout"]) == [Decimal("5.00"), None, None, Decimal("8.00"), None]
        assert str(frame["clicks"].dtype) == "Int64" and str(frame["sub_affiliate_id"].dtype) == "int64"
        raw = [v if v is None else v.to_dict() for v in frame["unreadable"]]
        assert raw == [None, {"payout": "abc"}, None, {"clicks": "many"}, None]
    polars_frame = client.iter_sub_affiliate_report(**args).to_polars()
    assert polars_frame["payout"].to_list() == [Decimal("5.00"), None, None, Decimal("8.00"), None]
    assert polars_frame["clicks"].to_list() == [10, 20, 30, None, 50]
    assert polars_frame["unreadable"][1].payout == "abc"


@pytest.mark.filterwarnings("ignore::cake_sdk.CakeWarning")
def test_a_row_that_is_not_an_object_is_left_out_of_its_page(odd_server: Dict[str, Any]) -> None:
    odd_server["rows"] = NOT_A_ROW
    page = Client(base_url=odd_server["url"], api_key="k").sub_affiliate_report(**REPORT)
    assert [r.sub_affiliate_id for r in page] == [301, 302, 303, 304, 305]
    assert [(w.field, w.code) for w in page.warnings] == [
        ("sub_affiliate_report[1].payout", "unreadable_value"),
        ("sub_affiliate_report[2]", "unreadable_row"),
        ("sub_affiliate_report[4].clicks", "unreadable_value"),
    ]


@pytest.mark.filterwarnings("ignore::cake_sdk.CakeWarning")
@pytest.mark.parametrize("row_limit", [2, 500])
def test_paging_past_a_row_left_out_reads_every_row_once(odd_server: Dict[str, Any], row_limit: int) -> None:
    odd_server["rows"] = NOT_A_ROW
    rows = Client(base_url=odd_server["url"], api_key="k").iter_sub_affiliate_report(**REPORT, row_limit=row_limit)
    assert [r.sub_affiliate_id for r in rows] == [301, 302, 303, 304, 305]
