"""Report iterators stopped early: close()/aclose() and with/async with stop the pages fetched
ahead and leave the iterator exhausted; consuming to the end leaves it closed.

"Stalled" pages ahead: the first report request is answered, every later one gets 429 with
Retry-After: 1, so each page ahead asks again every second until it is stopped. A stopped
iterator therefore shows as a request log that no longer grows."""

from __future__ import annotations

import asyncio
import threading
import time
from decimal import Decimal
from typing import Any, Callable, List

import pytest

from cake_sdk import AsyncClient, Client, Record, ReportIterator
from cake_sdk.testing import MockServer

PAGE = 10
START, END = "2026-01-01", "2026-01-02"
# Long enough that a page ahead retried once (after 1 s) would show.
QUIET = 1.4


def seed(mock: MockServer, count: int = 95) -> None:
    subs = [
        {"affiliate_id": 67890, "sub_affiliate_name": f"s{i:02}", "payout": "2.50", "payout_type": "cpa"}
        for i in range(count)
    ]
    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}], "sub_affiliates": subs})


def stall_pages_ahead(mock: MockServer) -> None:
    mock.add_fault("sub_affiliate_report", "delay", times=1, delay_ms=0)  # the first page: answered
    mock.add_fault("sub_affiliate_report", "rate_limit", retry_after="1")  # every later one


def report_requests(mock: MockServer) -> int:
    return sum(1 for r in mock.requests() if r["operation"] == "sub_affiliate_report")


def wait_until(done: Callable[[], bool], seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def settled_count(mock: MockServer) -> int:
    """The report requests once those already on the wire at close time have arrived."""
    time.sleep(0.1)
    return report_requests(mock)


def assert_stays_at(mock: MockServer, count: int, why: str = "") -> None:
    """The report requests reach `count` once those on the wire at close time have arrived,
    and stay there for QUIET (pages ahead left running would ask again each second). Blocking
    on purpose inside the async tests too: the pages ahead run on the SDK's threads, not on the
    event loop, and the iterator must stay referenced meanwhile (dropping it stops them too)."""
    assert settled_count(mock) == count, why
    time.sleep(QUIET)
    assert report_requests(mock) == count


def settle(mock: MockServer) -> None:
    """Waits for requests sent just before a close to arrive, so none lands in the next
    test's log (or takes its faults)."""
    count = -1
    while count != report_requests(mock):
        count = report_requests(mock)
        time.sleep(0.1)


def check_first_rows(rows: List[Record], count: int) -> None:
    assert [(r.sub_affiliate_id, r.sub_affiliate_name) for r in rows] == [(301 + i, f"s{i:02}") for i in range(count)]
    assert all(r.payout == Decimal("2.50") * r.conversions and r.clicks >= r.conversions for r in rows)


def test_stalled_pages_ahead_keep_asking_until_closed(client: Client, mock: MockServer) -> None:
    # The baseline the tests below rely on: left open, the pages ahead keep retrying.
    seed(mock)
    stall_pages_ahead(mock)
    it = client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, pages_ahead=4, max_retries=10)
    assert next(it).sub_affiliate_name == "s00"
    wait_until(lambda: report_requests(mock) >= 5)
    time.sleep(QUIET)
    assert report_requests(mock) >= 9, "each of the 4 pages ahead asked again"
    it.close()
    stopped_at = settled_count(mock)
    time.sleep(QUIET)
    assert report_requests(mock) == stopped_at


def test_close_stops_pages_ahead_and_exhausts(client: Client, mock: MockServer) -> None:
    seed(mock)
    stall_pages_ahead(mock)
    it = client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, pages_ahead=4, max_retries=10)
    handed_out = [next(it) for _ in range(3)]
    wait_until(lambda: report_requests(mock) >= 5)
    assert not it.closed
    it.close()
    assert it.closed
    assert_stays_at(mock, 5, "the first page and 4 ahead, none asked again")
    assert [f["fired"] for f in mock.fault_stats()] == [1, 4]
    with pytest.raises(StopIteration):
        next(it)
    it.close()  # again: nothing happens
    assert list(it) == [] and it.to_list() == [] and list(it.pages()) == []
    assert report_requests(mock) == 5
    check_first_rows(handed_out, 3)
    assert it.total_rows == 95 and it.rows_fetched == PAGE


def test_closing_midway_keeps_the_rows_handed_out(client: Client, mock: MockServer) -> None:
    seed(mock)
    it = client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE)
    rows = [next(it) for _ in range(15)]  # the first page and half of the second
    snapshot = [r.to_dict() for r in rows]
    it.close()
    with pytest.raises(StopIteration):
        next(it)
    assert it.to_pandas().shape[0] == 0
    check_first_rows(rows, 15)
    assert [r.to_dict() for r in rows] == snapshot
    assert it.rows_fetched == 2 * PAGE, "the rest of page 2 is dropped, not handed out"
    settle(mock)


def test_with_closes_on_exit(client: Client, mock: MockServer) -> None:
    seed(mock)
    with client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE) as rows:
        first = [row for _, row in zip(range(12), rows)]
    assert rows.closed
    with pytest.raises(StopIteration):
        next(rows)
    check_first_rows(first, 12)
    settle(mock)


def test_with_closes_on_exception_and_stops_pages_ahead(client: Client, mock: MockServer) -> None:
    seed(mock)
    stall_pages_ahead(mock)
    with pytest.raises(KeyError):
        with client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, max_retries=10) as rows:
            assert next(rows).sub_affiliate_name == "s00"
            wait_until(lambda: report_requests(mock) >= 5)
            raise KeyError("the caller's own failure")
    assert rows.closed
    assert_stays_at(mock, 5)


def test_close_from_another_thread_ends_a_fetch_under_way(client: Client, mock: MockServer) -> None:
    # The reader waits on page 2, which is stalled; close() ends that wait at once and stops
    # the pages ahead, instead of leaving them to retry until page 2 gives up.
    seed(mock)
    stall_pages_ahead(mock)
    it = client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, max_retries=10)
    rows = [next(it) for _ in range(PAGE)]
    wait_until(lambda: report_requests(mock) >= 5)
    outcome: List[Any] = []
    reader = threading.Thread(target=lambda: outcome.append(next(it, "exhausted")))
    reader.start()
    time.sleep(0.2)
    assert reader.is_alive(), "the reader is waiting on page 2"
    started = time.monotonic()
    it.close()
    reader.join(5)
    assert not reader.is_alive() and time.monotonic() - started < 0.5
    assert outcome == ["exhausted"]
    assert_stays_at(mock, 5)
    check_first_rows(rows, PAGE)


def test_consuming_to_the_end_leaves_it_closed(client: Client, mock: MockServer) -> None:
    seed(mock, 23)

    def fresh() -> ReportIterator:
        return client.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE)

    listed = fresh()
    assert not listed.closed
    check_first_rows(list(listed), 23)
    frame_it, polars_it, to_list_it = fresh(), fresh(), fresh()
    assert list(frame_it.to_pandas()["sub_affiliate_name"]) == [f"s{i:02}" for i in range(23)]
    assert polars_it.to_polars().height == 23
    assert len(to_list_it.to_list()) == 23
    for it in (listed, frame_it, polars_it, to_list_it):
        assert it.closed
        with pytest.raises(StopIteration):
            next(it)
        it.close()
    assert report_requests(mock) == 4 * 3, "3 pages each, nothing after"


def test_aclose_stops_pages_ahead_and_exhausts(aclient: AsyncClient, mock: MockServer) -> None:
    seed(mock)
    stall_pages_ahead(mock)

    async def main() -> None:
        it = aclient.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, pages_ahead=4, max_retries=10)
        first = await it.__anext__()
        while report_requests(mock) < 5:
            await asyncio.sleep(0.01)
        await it.aclose()
        assert it.closed
        assert_stays_at(mock, 5)
        with pytest.raises(StopAsyncIteration):
            await it.__anext__()
        await it.aclose()
        it.close()
        assert await it.to_list() == [] and [p async for p in it.pages()] == []
        check_first_rows([first], 1)

    asyncio.run(main())


def test_async_with_closes_on_exit(aclient: AsyncClient, mock: MockServer) -> None:
    seed(mock)

    async def main() -> List[Record]:
        first: List[Record] = []
        async with aclient.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE) as rows:
            async for row in rows:
                first.append(row)
                if len(first) == 12:
                    break
        assert rows.closed
        with pytest.raises(StopAsyncIteration):
            await rows.__anext__()
        return first

    check_first_rows(asyncio.run(main()), 12)
    settle(mock)


def test_async_with_closes_on_exception_and_stops_pages_ahead(aclient: AsyncClient, mock: MockServer) -> None:
    seed(mock)
    stall_pages_ahead(mock)

    async def main() -> None:
        with pytest.raises(KeyError):
            async with aclient.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, max_retries=10) as rows:
                await rows.__anext__()
                while report_requests(mock) < 5:
                    await asyncio.sleep(0.01)
                raise KeyError("the caller's own failure")
        assert rows.closed
        assert_stays_at(mock, 5)

    asyncio.run(main())


def test_aclose_after_a_cancelled_fetch_stops_pages_ahead(aclient: AsyncClient, mock: MockServer) -> None:
    # wait_for gives up on page 2 (stalled): the fetch is cancelled while it holds the pager,
    # and aclose() right after must still stop the pages ahead.
    seed(mock)
    stall_pages_ahead(mock)

    async def main() -> List[Record]:
        it = aclient.iter_sub_affiliate_report(start_date=START, end_date=END, row_limit=PAGE, max_retries=10)
        rows = [await it.__anext__() for _ in range(PAGE)]
        while report_requests(mock) < 5:
            await asyncio.sleep(0.01)
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(it.__anext__(), 0.2)
        await it.aclose()
        assert_stays_at(mock, 5)
        with pytest.raises(StopAsyncIteration):
            await it.__anext__()
        return rows

    check_first_rows(asyncio.run(main()), PAGE)
