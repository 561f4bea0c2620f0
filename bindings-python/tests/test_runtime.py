"""The runtime from Python's side: the GIL released during blocking calls, 100 concurrent
async calls, Ctrl-C during a call, os.fork(), pickling to worker processes."""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, List

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer


def test_blocking_call_releases_the_gil(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=800)
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    try:
        started = time.monotonic()
        before = counter[0]
        client.list_sub_affiliates()
        during = counter[0] - before
        assert time.monotonic() - started >= 0.75
    finally:
        stop.set()
        thread.join()
    # a pure-Python loop makes millions of steps per second; with the GIL held it would make none
    assert during > 10_000


def test_hundred_concurrent_async_calls(aclient: AsyncClient, mock: MockServer) -> None:
    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}]})
    mock.add_fault("create_sub_affiliate", "delay", delay_ms=300)

    async def main() -> List[Any]:
        return await asyncio.gather(
            *[
                aclient.create_sub_affiliate(affiliate_id=67890, sub_affiliate_name=f"s{i}", payout=1, payout_type="cpa")
                for i in range(100)
            ]
        )

    started = time.monotonic()
    subs = asyncio.run(main())
    elapsed = time.monotonic() - started
    assert sorted(s.sub_affiliate_id for s in subs) == list(range(301, 401))
    assert [s.sub_affiliate_name for s in subs] == [f"s{i}" for i in range(100)]
    assert elapsed < 20  # one after another it would take 30 s
    assert len(mock.state()["sub_affiliates"]) == 100


def test_async_cancellation_leaves_the_loop_usable(aclient: AsyncClient, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=2000, times=1)

    async def main() -> Any:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(aclient.list_sub_affiliates(), 0.2)
        return await aclient.list_sub_affiliates()

    assert asyncio.run(main()) == []


def test_ctrl_c_interrupts_a_blocking_call(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=5000, times=1)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        client.list_sub_affiliates(max_retries=0)
    assert time.monotonic() - started < 4  # not when the answer comes (5 s)


def test_blocking_call_inside_a_progress_callback_is_refused(client: Client, mock: MockServer) -> None:
    errors: List[BaseException] = []

    def nested(done: int, total: int) -> None:
        try:
            client.list_sub_affiliates()
        except cake_sdk.CakeError as error:
            errors.append(error)

    results = client.bulk("create_affiliate", [{"affiliate_name": "A", "account_manager_id": 1}], on_progress=nested)
    assert results[0].ok
    assert len(errors) == 1 and "blocking" in str(errors[0])


def _run_in_child(body: Any, timeout: float = 20.0) -> str:
    """Runs `body()` in a forked child; its text result, or fails if the child hangs."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            try:
                message = "ok " + str(body())
            except BaseException as error:  # noqa: BLE001 - reported to the parent
                message = f"error {type(error).__name__}: {error}"
            os.write(write, message.encode())
        finally:
            os._exit(0)
    os.close(write)
    waited = 0.0
    while True:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if waited > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung")
        time.sleep(0.05)
        waited += 0.05
    with os.fdopen(read, "rb") as pipe:
        return pipe.read().decode()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_fork_child_can_call(client: Client, aclient: AsyncClient, mock: MockServer) -> None:
    client.list_sub_affiliates()  # the parent's runtime and pool are in use before the fork
    asyncio.run(aclient.list_sub_affiliates())
    got = _run_in_child(lambda: client.create_affiliate(affiliate_name="child", account_manager_id=3).affiliate_id)
    assert got == "ok 67890"
    got = _run_in_child(lambda: len(asyncio.run(aclient.list_sub_affiliates())))
    assert got == "ok 0"
    assert [a["affiliate_name"] for a in mock.state()["affiliates"]] == ["child"]
    assert client.list_sub_affiliates() == []  # and the parent still works


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_fork_child_goes_on_with_a_pager_from_the_parent(client: Client, mock: MockServer) -> None:
    parent = client.create_affiliate(affiliate_name="P", account_manager_id=1)
    for i in range(5):
        client.create_sub_affiliate(affiliate_id=parent.affiliate_id, sub_affiliate_name=f"s{i}", payout="1", payout_type="cpa")
    iterator = client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", row_limit=2)
    first = next(iter(iterator))
    got = _run_in_child(lambda: [row.sub_affiliate_id for row in iterator])
    assert got == "ok [302, 303, 304, 305]", "the child goes on from the parent's position"
    assert first.sub_affiliate_id == 301
    got = _run_in_child(lambda: mock.state())
    assert got == "error OSError: the mock server runs in the parent process; start another one in this process"
    assert [row.sub_affiliate_id for row in iterator] == [302, 303, 304, 305]  # and so does the parent


def test_pickle_a_client(client: Client, mock: MockServer) -> None:
    copy = pickle.loads(pickle.dumps(client))
    assert type(copy) is Client and repr(copy) == repr(client)
    assert (copy.timeout, copy.max_retries, copy.deadline) == (client.timeout, client.max_retries, client.deadline)
    assert copy.create_affiliate(affiliate_name="copy", account_manager_id=1).affiliate_id == 67890
    acopy = pickle.loads(pickle.dumps(AsyncClient(base_url=mock.url, api_key=mock.api_key, timeout=3)))
    assert type(acopy) is AsyncClient and acopy.timeout == 3.0


def _worker_call(client: Client) -> int:
    return len(client.list_sub_affiliates())


def test_client_shipped_to_a_spawned_worker(client: Client, mock: MockServer) -> None:
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "sub_affiliates": [{"affiliate_id": 67890, "sub_affiliate_name": "x", "payout": 1, "payout_type": "cpa"}],
        }
    )
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(_worker_call, client).result(timeout=60) == 1


def test_repr_never_shows_the_key(mock: MockServer) -> None:
    client = Client(base_url=mock.url, api_key="sup3r-s3cret-key")
    for text in (repr(client), str(client), repr(client._live()), repr(AsyncClient(base_url=mock.url, api_key="sup3r-s3cret-key"))):
        assert "sup3r-s3cret-key" not in text
    assert mock.url in repr(client)


def test_one_client_shared_by_threads(client: Client, mock: MockServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    mock.seed({"affiliates": [{"affiliate_name": "A", "account_manager_id": 1}]})

    def create(i: int) -> int:
        sub = client.create_sub_affiliate(affiliate_id=67890, sub_affiliate_name=f"t{i}", payout=1, payout_type="cpa")
        return int(sub.sub_affiliate_id)

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(create, range(40)))
    assert sorted(ids) == list(range(301, 341))
    assert len(client.list_sub_affiliates(affiliate_id=67890)) == 40
