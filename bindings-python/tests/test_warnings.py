"""Warnings are never dropped: every entry point of both clients (``call()``, each operation
method, ``bulk()`` per item, the report iterators however they are read) hands back the
warnings of its answer where it has somewhere to put them, and issues each one as a
``CakeWarning`` that carries the issue (``field``, ``code``, ``issue``), attributed to the
caller's line. Whatever the warning's origin, it takes the same path:

- the request's own (core's validation), against the live mock;
- the report's (``total_rows_mismatch``), from the live mock announcing a wrong total;
- the answer's (``unreadable_value``, ``unreadable_row``), from a server on 127.0.0.1 that
  answers with the shared wire vectors that expect warnings;
- and, to show every operation method takes that path, ``AnswerWarning``: the real extension
  (traffic to the mock) with one more warning added to each answer at the boundary."""

from __future__ import annotations

import asyncio
import threading
import warnings
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Union

import pytest

import cake_sdk
from cake_sdk import AsyncClient, CakeWarning, Client, Issue, ReportPage
from cake_sdk.testing import MockServer

from conftest import OFFER, load_vectors

NEGATIVE = {**OFFER, "payout": Decimal("40.00"), "revenue": Decimal("30.00")}
MARGIN = Issue("payout", "negative_margin", "is above revenue: each conversion loses money", "warning")
START, END = "2026-01-01", "2026-01-02"

# Valid parameters of every operation, on the state `seed` leaves.
PARAMS: Dict[str, Dict[str, Any]] = {
    "create_affiliate": {"affiliate_name": "Northwind", "account_manager_id": 1},
    "update_affiliate": {"affiliate_id": 67890, "affiliate_name": "Renamed"},
    "get_affiliate_offer": {"affiliate_id": 67890, "offer_id": 12345},
    "create_offer": dict(OFFER),
    "update_offer": {"offer_id": 12345, "offer_name": "Renamed"},
    "list_sub_affiliates": {"affiliate_id": 67890},
    "create_sub_affiliate": {"affiliate_id": 67890, "sub_affiliate_name": "new", "payout": "1.00", "payout_type": "cpa"},
    "sub_affiliate_report": {"start_date": START, "end_date": END},
}


def test_params_cover_every_operation() -> None:
    assert sorted(PARAMS) == sorted(cake_sdk.OPERATIONS)


def seed(mock: MockServer, subs: int = 7) -> None:
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "offers": [OFFER],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": f"s{i}", "payout": "2.50", "payout_type": "cpa"}
                for i in range(subs)
            ],
        }
    )


class Caught:
    """The CakeWarnings issued inside ``with Caught() as caught:`` (every one: the filter is
    "always"), each also checked to point at a line of this file."""

    def __enter__(self) -> "Caught":
        self._context = warnings.catch_warnings(record=True)
        self._records = self._context.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc: Any) -> None:
        self._context.__exit__(*exc)

    @property
    def warnings(self) -> List[CakeWarning]:
        found = [w for w in self._records if issubclass(w.category, CakeWarning)]
        assert all(w.filename == __file__ for w in found), [w.filename for w in found]
        return [w.message for w in found]  # type: ignore[misc]

    @property
    def issues(self) -> List[Issue]:
        issues = []
        for warning in self.warnings:
            assert (warning.field, warning.code) == (warning.issue.field, warning.issue.code)
            assert str(warning) == str(warning.issue)
            issues.append(warning.issue)
        return issues


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


# -- warnings of the request (core's validation), against the live mock ---------------------


def test_operation_methods_issue_the_requests_warnings(client: Client, mock: MockServer) -> None:
    seed(mock)
    with Caught() as caught:
        offer = client.create_offer(**NEGATIVE)
    assert caught.issues == [MARGIN] and offer.payout == Decimal("40.00")
    with Caught() as caught:
        client.update_offer(offer_id=offer.offer_id, payout="50", revenue="45")
    assert caught.issues == [MARGIN]
    with Caught() as caught:
        client.create_offer(**{**OFFER, "expiration_date": "2001-01-01 00:00:00"})
    assert [(i.field, i.code) for i in caught.issues] == [("expiration_date", "expires_in_past")]
    with Caught() as caught:
        client.create_offer(**OFFER)
    assert caught.warnings == []
    assert len(mock.state()["offers"]) == 4  # warnings never block a request


def test_async_operation_methods_issue_the_requests_warnings(aclient: AsyncClient, mock: MockServer) -> None:
    seed(mock)

    async def main() -> None:
        with Caught() as caught:
            offer = await aclient.create_offer(**NEGATIVE)
        assert caught.issues == [MARGIN] and offer.payout == Decimal("40.00")
        with Caught() as caught:
            await aclient.update_offer(offer_id=offer.offer_id, payout="50", revenue="45")
        assert caught.issues == [MARGIN]
        with Caught() as caught:
            await aclient.create_offer(**OFFER)
        assert caught.warnings == []

    run(main())


@pytest.mark.parametrize("operation", sorted(PARAMS))
def test_call_returns_and_issues_the_warnings(client: Client, aclient: AsyncClient, mock: MockServer, operation: str) -> None:
    seed(mock)
    params = {**PARAMS[operation], "surprise": 1}
    expected = [Issue("surprise", "unknown_field", f"is not a parameter of {operation}", "warning")]
    with Caught() as caught:
        reply = client.call(operation, params)
    assert reply.warnings == expected and caught.issues == expected
    if operation == "create_sub_affiliate":
        params["sub_affiliate_name"] = "another"  # names are unique per parent

    async def main() -> None:
        with Caught() as caught:
            reply = await aclient.call(operation, params)
        assert reply.warnings == expected and caught.issues == expected
        if isinstance(reply.value, ReportPage):
            assert reply.value.warnings == expected

    run(main())


BULK = [NEGATIVE, OFFER, {**OFFER, "offer_name": ""}, {**NEGATIVE, "surprise": 1}]


def check_bulk(results: List[cake_sdk.BulkResult], issued: List[Issue]) -> None:
    assert [r.status for r in results] == ["ok", "ok", "invalid", "ok"]
    surprise = Issue("surprise", "unknown_field", "is not a parameter of create_offer", "warning")
    assert [r.warnings for r in results] == [[MARGIN], [], [], [MARGIN, surprise]]
    # Every sent item's warnings, in input order; the invalid item was not sent (its issues say why).
    assert issued == [w for r in results for w in r.warnings]


def test_bulk_returns_and_issues_each_items_warnings(client: Client, mock: MockServer) -> None:
    with Caught() as caught:
        results = client.bulk("create_offer", BULK, concurrency=2)
    check_bulk(results, caught.issues)
    assert len(mock.state()["offers"]) == 3


def test_async_bulk_returns_and_issues_each_items_warnings(aclient: AsyncClient, mock: MockServer) -> None:
    async def main() -> None:
        with Caught() as caught:
            results = await aclient.bulk("create_offer", BULK, concurrency=2)
        check_bulk(results, caught.issues)

    run(main())
    assert len(mock.state()["offers"]) == 3


def test_warnings_filter_by_code(client: Client) -> None:
    """The text ends with "(code)", so the warnings module can single out one code."""
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", ".*[(]negative_margin[)]", CakeWarning)
        client.call("create_offer", {**NEGATIVE, "surprise": 1})
    assert [w.message.code for w in records] == ["unknown_field"]  # type: ignore[union-attr]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CakeWarning)
        with pytest.raises(CakeWarning) as raised:
            client.create_offer(**NEGATIVE)
    assert raised.value.issue == MARGIN and raised.value.code == "negative_margin" and raised.value.field == "payout"


def test_cake_warning_pickles() -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(CakeWarning(MARGIN)))
    assert copy.issue == MARGIN and str(copy) == str(MARGIN) and copy.code == "negative_margin"


# -- every operation method: one more warning at the boundary with the extension -----------

UNREADABLE = Issue("value.payout", "unreadable_value", "could not be read as an amount; kept as given", "warning")


class AnswerWarning:
    """The extension's client, whose every answer also carries ``UNREADABLE`` (as core
    reports a value of the server's answer it could not read; the mock sends none). Calls go
    to the real extension and the mock."""

    def __init__(self, core: Any) -> None:
        self._core = core

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)

    @staticmethod
    def _add(raw: Dict[str, Any]) -> Dict[str, Any]:
        raw["warnings"] = [*raw["warnings"], UNREADABLE._asdict()]
        return raw

    def call(self, *args: Any) -> Dict[str, Any]:
        return self._add(self._core.call(*args))

    async def call_async(self, *args: Any) -> Dict[str, Any]:
        return self._add(await self._core.call_async(*args))


def with_answer_warnings(client: Union[Client, AsyncClient]) -> Any:
    client._core = AnswerWarning(client._live())  # type: ignore[assignment]
    return client


@pytest.mark.parametrize("operation", sorted(PARAMS))
def test_every_operation_method_issues_the_answers_warnings(
    client: Client, aclient: AsyncClient, mock: MockServer, operation: str
) -> None:
    seed(mock)
    sync, asynchronous = with_answer_warnings(client), with_answer_warnings(aclient)
    params = dict(PARAMS[operation])
    with Caught() as caught:
        result = getattr(sync, operation)(**params)
    assert caught.issues == [UNREADABLE]
    if isinstance(result, ReportPage):
        assert result.warnings == [UNREADABLE]
    if operation == "create_sub_affiliate":
        params["sub_affiliate_name"] = "another"

    async def main() -> None:
        with Caught() as caught:
            result = await getattr(asynchronous, operation)(**params)
        assert caught.issues == [UNREADABLE]
        if isinstance(result, ReportPage):
            assert result.warnings == [UNREADABLE]

    run(main())
    assert len(mock.requests()) == 2


# -- warnings about the server's answer, from core, live ------------------------------------


def misstate_total(mock: MockServer, total: int) -> None:
    """The mock announces `total` rows whatever the report holds (a real server's habit)."""
    mock.add_fault("sub_affiliate_report", "report_shape", total_rows=total)


READS: Dict[str, Callable[[Any], Any]] = {
    "rows": lambda it: [row for row in it],
    "pages": lambda it: [page for page in it.pages()],
    "to_list": lambda it: it.to_list(),
    "to_pandas": lambda it: it.to_pandas(),
    "to_polars": lambda it: it.to_polars(),
    "totals": lambda it: it.totals(),
}


async def _collect(iterator: Any) -> List[Any]:
    return [item async for item in iterator]


AREADS: Dict[str, Callable[[Any], Any]] = {
    "rows": _collect,
    "pages": lambda it: _collect(it.pages()),
    "to_list": lambda it: it.to_list(),
    "to_pandas": lambda it: it.to_pandas(),
    "to_polars": lambda it: it.to_polars(),
    "totals": lambda it: it.totals(),
}


def check_read(read: str, result: Any, iterator: Any, issued: List[Issue]) -> None:
    """7 rows read in pages of 3 while the server announced 9: every row, and the report's
    one warning, issued once and kept on the iterator (and on its page)."""
    assert [(i.field, i.code) for i in issued] == [("total_rows", "total_rows_mismatch")]
    assert "announced 9 rows but sent 7" in issued[0].message
    assert iterator.warnings == issued and iterator.closed
    if read == "pages":
        assert sum(len(p) for p in result) == 7
        assert [w for p in result for w in p.warnings] == issued
    elif read == "totals":
        assert result.clicks > 0 and isinstance(result.payout, Decimal)
    else:
        assert len(result) == 7


@pytest.mark.parametrize("read", sorted(READS))
def test_report_iterator_issues_the_reports_warnings(client: Client, mock: MockServer, read: str) -> None:
    seed(mock)
    misstate_total(mock, 9)
    iterator = client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=3)
    with Caught() as caught:
        result = READS[read](iterator)
    check_read(read, result, iterator, caught.issues)


@pytest.mark.parametrize("read", sorted(AREADS))
def test_async_report_iterator_issues_the_reports_warnings(aclient: AsyncClient, mock: MockServer, read: str) -> None:
    seed(mock)
    misstate_total(mock, 9)

    async def main() -> None:
        iterator = aclient.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=3)
        with Caught() as caught:
            result = await AREADS[read](iterator)
        check_read(read, result, iterator, caught.issues)

    run(main())


def test_report_warnings_arrive_with_their_page(client: Client, mock: MockServer) -> None:
    """The mismatch shows only once the report has ended (pages fetched ahead do not issue
    anything early), and once."""
    seed(mock)
    misstate_total(mock, 9)
    seen: List[int] = []
    with Caught() as caught, client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=3) as rows:
        for _ in rows:
            seen.append(len(caught.warnings))
        assert len(caught.warnings) == 1
    assert seen == [0] * 7 and rows.warnings == caught.issues


WITH_WARNINGS = [case for case in load_vectors("wire.json")["responses"] if case["expect"].get("warnings")]
WRITES = {"create_affiliate", "update_affiliate", "create_offer", "update_offer", "create_sub_affiliate"}


@pytest.fixture(scope="module")
def odd_server() -> Iterator[Dict[str, Any]]:
    """A CAKE on 127.0.0.1 that answers every request with ``answer["case"]``'s status,
    headers and body: the shared wire vectors whose answers core reads with warnings."""
    answer: Dict[str, Any] = {}

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            case = answer["case"]
            body = case["body"].encode()
            self.send_response(case["status"])
            for name, value in case["headers"].items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _reply  # noqa: N815 - http.server's names

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    answer["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield answer
    finally:
        server.shutdown()
        server.server_close()


def test_some_vectors_expect_warnings() -> None:
    assert {case["operation"] for case in WITH_WARNINGS} >= {"sub_affiliate_report", "update_affiliate", "list_sub_affiliates"}


@pytest.mark.parametrize("case", WITH_WARNINGS, ids=[case["name"] for case in WITH_WARNINGS])
def test_every_entry_point_issues_the_answers_warnings(odd_server: Dict[str, Any], case: Dict[str, Any]) -> None:
    """Core's warnings about an answer (an unreadable value, a row that is not an object)
    reach the caller from every entry point that can send this operation, sync and async."""
    odd_server["case"] = case
    operation, params = case["operation"], PARAMS[case["operation"]]
    expected = [(w["field"], w["code"]) for w in case["expect"]["warnings"]]
    client = Client(base_url=odd_server["url"], api_key="k", max_retries=0)
    aclient = AsyncClient(base_url=odd_server["url"], api_key="k", max_retries=0)

    def check(issued: List[Issue], returned: Optional[List[Issue]] = None) -> None:
        assert [(i.field, i.code) for i in issued] == expected
        assert all(i.severity == "warning" for i in issued)
        if returned is not None:
            assert returned == issued

    with Caught() as caught:
        reply = client.call(operation, params)
    check(caught.issues, reply.warnings)
    with Caught() as caught:
        result = getattr(client, operation)(**params)
    check(caught.issues, result.warnings if isinstance(result, ReportPage) else None)
    if operation in WRITES:
        with Caught() as caught:
            results = client.bulk(operation, [params])
        check(caught.issues, results[0].warnings)
    if operation == "sub_affiliate_report":
        with Caught() as caught:
            iterator = client.iter_sub_affiliate_report(**params)
            iterator.to_list()
        check(caught.issues, iterator.warnings)

    async def main() -> None:
        with Caught() as caught:
            reply = await aclient.call(operation, params)
        check(caught.issues, reply.warnings)
        with Caught() as caught:
            await getattr(aclient, operation)(**params)
        check(caught.issues)
        if operation in WRITES:
            with Caught() as caught:
                results = await aclient.bulk(operation, [params])
            check(caught.issues, results[0].warnings)
        if operation == "sub_affiliate_report":
            with Caught() as caught:
                iterator = aclient.iter_sub_affiliate_report(**params)
                await iterator.to_pandas()
            check(caught.issues, iterator.warnings)

    run(main())
