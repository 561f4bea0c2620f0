"""The whole report, every row once and in order, from servers that shape pages as real ones
do (the mock's ``report_shape`` fault): pages capped at 25, 100 or 500 rows whatever
``row_limit`` asks, ``total_rows`` honest, left out or wrong; with 0 and 4 pages fetched
ahead; read row by row (sync and async) and as DataFrames (sync and async). The requests
the mock saw are the rows' pages, plus one empty page when the total is missing; a wrong
total costs no row and gives one ``total_rows_mismatch`` warning."""

from __future__ import annotations

import asyncio
import math
import warnings
from typing import Any, Callable, Dict, Iterator, List, Tuple, Union

import pytest

from cake_sdk import AsyncClient, CakeWarning, Client, Issue
from cake_sdk.testing import MockServer

ROWS = 1237
IDS = list(range(301, 301 + ROWS))
REPORT = {"start_date": "2024-01-01", "end_date": "2024-01-01"}  # one day: the mock is quick
SUBS = {
    "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
    "sub_affiliates": [
        {"affiliate_id": 67890, "sub_affiliate_name": f"s{i}", "payout": "1.00", "payout_type": "cpa"} for i in range(ROWS)
    ],
}


@pytest.fixture(scope="module")
def report_mock() -> Iterator[MockServer]:
    """A mock of this module's own holding the 1,237 sub-affiliates (seeded once); each test
    sets its own faults."""
    with MockServer() as mock:
        mock.seed(SUBS)
        yield mock


@pytest.fixture
def shaped(report_mock: MockServer) -> Iterator[MockServer]:
    report_mock.clear_faults()
    yield report_mock
    report_mock.clear_faults()


def report_requests(mock: MockServer) -> int:
    return sum(1 for r in mock.requests() if r["operation"] == "sub_affiliate_report")


async def _rows(iterator: Any) -> List[Any]:
    return [row async for row in iterator]


# Each read gives the sub_affiliate_ids in the order they came, and the iterator.
Read = Callable[[Client, AsyncClient, Dict[str, Any]], Tuple[List[int], Any]]


def _sync_rows(client: Client, aclient: AsyncClient, args: Dict[str, Any]) -> Tuple[List[int], Any]:
    iterator = client.iter_sub_affiliate_report(**args)
    return [row.sub_affiliate_id for row in iterator], iterator


def _async_rows(client: Client, aclient: AsyncClient, args: Dict[str, Any]) -> Tuple[List[int], Any]:
    iterator = aclient.iter_sub_affiliate_report(**args)
    return [row.sub_affiliate_id for row in asyncio.run(_rows(iterator))], iterator


def _sync_pandas(client: Client, aclient: AsyncClient, args: Dict[str, Any]) -> Tuple[List[int], Any]:
    iterator = client.iter_sub_affiliate_report(**args)
    return list(iterator.to_pandas()["sub_affiliate_id"]), iterator


def _async_pandas(client: Client, aclient: AsyncClient, args: Dict[str, Any]) -> Tuple[List[int], Any]:
    iterator = aclient.iter_sub_affiliate_report(**args)
    return list(asyncio.run(iterator.to_pandas())["sub_affiliate_id"]), iterator


READS: Dict[str, Read] = {
    "rows": _sync_rows,
    "async_rows": _async_rows,
    "to_pandas": _sync_pandas,
    "async_to_pandas": _async_pandas,
}


def read_all(mock: MockServer, pages_ahead: int) -> Iterator[Tuple[str, List[int], Any, List[CakeWarning], int]]:
    """Every read in turn: its name, the ids read, the iterator, the CakeWarnings issued and
    the report requests the mock saw for it."""
    client = Client(**mock.client_kwargs())
    aclient = AsyncClient(**mock.client_kwargs())
    args = {**REPORT, "pages_ahead": pages_ahead}
    for name, read in READS.items():
        before = report_requests(mock)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ids, iterator = read(client, aclient, args)
        issued = [w.message for w in caught if isinstance(w.message, CakeWarning)]
        yield name, ids, iterator, issued, report_requests(mock) - before


@pytest.mark.parametrize("total", ["honest", "omit"])
@pytest.mark.parametrize("pages_ahead", [0, 4])
@pytest.mark.parametrize("cap", [25, 100, 500])
def test_every_row_once_whatever_the_pages(shaped: MockServer, cap: int, pages_ahead: int, total: str) -> None:
    shaped.add_fault("sub_affiliate_report", "report_shape", row_cap=cap, total_rows=None if total == "honest" else "omit")
    # The pages the rows need; the end is only known from an empty page when the total is missing.
    expected_requests = math.ceil(ROWS / cap) + (total == "omit")
    for name, ids, iterator, issued, requests in read_all(shaped, pages_ahead):
        assert ids == IDS, f"{name}: every row once, in order"
        assert requests == expected_requests, name
        assert issued == [] and iterator.warnings == [], name
        assert iterator.closed and iterator.rows_fetched == ROWS, name


@pytest.mark.parametrize("pages_ahead", [0, 4])
@pytest.mark.parametrize("announced", [1300, 1200])
@pytest.mark.parametrize("cap", [None, 100])
def test_a_wrong_total_costs_no_row_and_warns_once(
    shaped: MockServer, cap: Union[int, None], announced: int, pages_ahead: int
) -> None:
    shaped.add_fault("sub_affiliate_report", "report_shape", row_cap=cap, total_rows=announced)
    for name, ids, iterator, issued, _ in read_all(shaped, pages_ahead):
        assert ids == IDS, f"{name}: every row once, in order"
        assert [(w.field, w.code) for w in issued] == [("total_rows", "total_rows_mismatch")], name
        assert f"announced {announced} rows but sent {ROWS}" in str(issued[0]), name
        assert iterator.warnings == [w.issue for w in issued], name
        assert all(isinstance(w, Issue) for w in iterator.warnings)
