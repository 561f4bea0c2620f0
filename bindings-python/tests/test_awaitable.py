"""Awaitables from the runtime: finished calls wait in their loop's queue and are resolved on
the loop's thread, many per wake-up. Each result reaches its own caller, errors raise in the
right call, cancellation works, several loops (and threads) each get their own results, and
loops that cannot watch a socket still get theirs."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from typing import Any, Dict, List

import pytest

import cake_sdk
from cake_sdk import AsyncClient
from cake_sdk.testing import MockServer


def _seed_subs(mock: MockServer, count: int) -> None:
    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}]})


def test_many_concurrent_calls_each_get_their_own_result(aclient: AsyncClient, mock: MockServer) -> None:
    _seed_subs(mock, 0)

    async def main() -> List[Any]:
        calls = [
            aclient.create_sub_affiliate(affiliate_id=67890, sub_affiliate_name=f"n{i}", payout=i % 50, payout_type="cpa")
            for i in range(400)
        ]
        return await asyncio.gather(*calls)

    subs = asyncio.run(main())
    assert [s.sub_affiliate_name for s in subs] == [f"n{i}" for i in range(400)]
    assert [s.payout for s in subs] == [i % 50 for i in range(400)]
    assert len({s.sub_affiliate_id for s in subs}) == 400


def test_errors_raise_in_their_own_call(aclient: AsyncClient, mock: MockServer) -> None:
    _seed_subs(mock, 0)

    async def main() -> List[Any]:
        calls = []
        for i in range(120):
            if i % 3 == 0:
                calls.append(aclient.get_affiliate_offer(affiliate_id=1, offer_id=2))  # CAKE says Failure
            elif i % 3 == 1:
                calls.append(aclient.list_sub_affiliates(affiliate_id=67890))
            else:
                calls.append(aclient.create_offer(offer_name="", advertiser_id=0, vertical_id=1, offer_url="x"))  # invalid: refused before sending
        return await asyncio.gather(*calls, return_exceptions=True)

    results = asyncio.run(main())
    for i, result in enumerate(results):
        if i % 3 == 0:
            assert isinstance(result, cake_sdk.ApiError)
        elif i % 3 == 1:
            assert result == []
        else:
            assert isinstance(result, cake_sdk.ValidationError)


def test_cancelling_some_calls_leaves_the_others(aclient: AsyncClient, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=400)

    async def main() -> List[Any]:
        tasks = [asyncio.ensure_future(aclient.list_sub_affiliates()) for _ in range(40)]
        await asyncio.sleep(0.1)
        for task in tasks[::2]:
            task.cancel()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = asyncio.run(main())
    assert all(isinstance(r, asyncio.CancelledError) for r in results[::2])
    assert all(r == [] for r in results[1::2])


def test_a_cancelled_call_is_abandoned(aclient: AsyncClient, mock: MockServer) -> None:
    """The Rust future is dropped when its awaitable is cancelled: its retries stop."""
    mock.add_fault("list_sub_affiliates", "error_503", retry_after="1")

    async def main() -> None:
        task = asyncio.ensure_future(aclient.list_sub_affiliates(max_retries=5))
        # Until the first attempt has reached the mock (however long that takes); its 503
        # says Retry-After: 1, so the retry waits a second.
        while not mock.requests():
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(1.5)  # a retry would have been sent by now

    asyncio.run(main())
    assert len([r for r in mock.requests() if r["operation"] == "list_sub_affiliates"]) == 1


def test_loops_in_several_threads(mock: MockServer) -> None:
    _seed_subs(mock, 0)
    results: Dict[int, List[str]] = {}
    errors: List[BaseException] = []

    def run(n: int) -> None:
        client = AsyncClient(base_url=mock.url, api_key=mock.api_key)

        async def main() -> List[str]:
            subs = await asyncio.gather(
                *[
                    client.create_sub_affiliate(affiliate_id=67890, sub_affiliate_name=f"t{n}-{i}", payout=1, payout_type="cpa")
                    for i in range(30)
                ]
            )
            return [s.sub_affiliate_name for s in subs]

        try:
            results[n] = asyncio.run(main())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert results == {n: [f"t{n}-{i}" for i in range(30)] for n in range(4)}


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_a_loop_after_another_gets_a_fresh_queue_and_none_leak(aclient: AsyncClient) -> None:
    asyncio.run(aclient.list_sub_affiliates())
    gc.collect()
    before = _open_fds()
    for _ in range(25):
        assert asyncio.run(aclient.list_sub_affiliates()) == []
        gc.collect()
    # each closed loop's socket pair is released once the loop is gone (the last may linger
    # until the next loop registers)
    assert _open_fds() <= before + 2


class _NoReaderLoop(asyncio.SelectorEventLoop):
    """A loop that cannot watch sockets (as Windows' proactor loop)."""

    def add_reader(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError


def test_a_loop_that_cannot_watch_sockets_still_gets_results(aclient: AsyncClient, mock: MockServer) -> None:
    _seed_subs(mock, 0)
    async def main() -> List[Any]:
        subs = await asyncio.gather(
            *[
                aclient.create_sub_affiliate(affiliate_id=67890, sub_affiliate_name=f"p{i}", payout=1, payout_type="cpa")
                for i in range(20)
            ]
        )
        with pytest.raises(cake_sdk.ApiError):
            await aclient.get_affiliate_offer(affiliate_id=1, offer_id=2)
        return [s.sub_affiliate_name for s in subs]

    loop = _NoReaderLoop()
    try:
        assert loop.run_until_complete(main()) == [f"p{i}" for i in range(20)]
    finally:
        loop.close()


def test_an_awaitable_needs_a_running_loop(aclient: AsyncClient) -> None:
    with pytest.raises(RuntimeError, match="no running event loop"):
        aclient._live().call_async("list_sub_affiliates", {})


def test_the_loop_is_not_blocked_while_calls_run(aclient: AsyncClient, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=500)

    async def main() -> int:
        ticks = 0
        call = asyncio.ensure_future(aclient.list_sub_affiliates())
        while not call.done():
            await asyncio.sleep(0.01)
            ticks += 1
        assert call.result() == []
        return ticks

    assert asyncio.run(main()) >= 20
