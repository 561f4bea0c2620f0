"""The blocking Client runs each call on the calling thread (its own runtime, and per client a
connection pool of that thread's): threads that come and go, clients made per job, one
budget over every thread, a server that takes its time, bulk and the pager beside it."""

from __future__ import annotations

import asyncio
import os
import resource
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

import pytest

from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

FDS = Path("/proc/self/fd")
needs_proc = pytest.mark.skipif(not FDS.exists(), reason="counts open files through /proc (Linux)")


def open_files() -> int:
    return len(os.listdir(FDS))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@needs_proc
def test_threads_that_come_and_go_leave_nothing_open(client: Client, mock: MockServer) -> None:
    client.list_sub_affiliates()
    before = open_files()
    for _ in range(200):
        thread = threading.Thread(target=client.list_sub_affiliates)
        thread.start()
        thread.join()
    # Each thread's runtime and its connection close with the thread; a few descriptors of
    # the session's mock may come and go meanwhile.
    assert open_files() <= before + 8
    assert len(mock.requests()) == 201


@needs_proc
def test_a_client_per_job_leaves_nothing_open(mock: MockServer) -> None:
    with Client(**mock.client_kwargs()) as first:
        first.list_sub_affiliates()
    before = open_files()
    for _ in range(200):
        with Client(**mock.client_kwargs()) as job:
            job.list_sub_affiliates()
    assert open_files() <= before + 8


def test_one_budget_over_every_thread(mock: MockServer) -> None:
    client = Client(**mock.client_kwargs(), requests_per_second=50)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: client.list_sub_affiliates(), range(21)))
    # 21 attempts at 50 a second, whichever thread sent them: 20 intervals of 20 ms.
    assert time.monotonic() - started >= 0.4


def test_a_slow_answer_is_waited_for_without_spinning(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=700, times=1)
    cpu = cpu_seconds()
    started = time.monotonic()
    assert client.list_sub_affiliates() == []
    assert time.monotonic() - started >= 0.65
    # Waiting is sleeping: past the signal checks (every 100 ms) the thread must not poll in
    # a loop. A spinning wait would take the whole 0.7 s of CPU.
    assert cpu_seconds() - cpu < 0.35


def test_calls_bulk_and_pages_on_one_thread(client: Client, mock: MockServer) -> None:
    parent = client.create_affiliate(affiliate_name="P", account_manager_id=1)
    results = client.bulk(
        "create_sub_affiliate",
        [{"affiliate_id": parent.affiliate_id, "sub_affiliate_name": f"s{i}", "payout": "1", "payout_type": "cpa"} for i in range(6)],
    )
    assert [r.status for r in results] == ["ok"] * 6
    rows = client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", row_limit=2)
    assert len([row for row in rows]) == 6
    assert len(client.list_sub_affiliates(affiliate_id=parent.affiliate_id)) == 6


def _message(source: socket.socket, first: bytes = b"") -> Optional[bytes]:
    """One HTTP/1.1 message (head and a Content-Length body) read from `source`; None when it
    closed before sending one."""
    data = first
    while b"\r\n\r\n" not in data:
        chunk = source.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        assert name.strip().lower() != b"transfer-encoding", "the proxy reads Content-Length bodies only"
    while len(body) < length:
        chunk = source.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


class IdleClosingProxy:
    """A server with a keep-alive timeout: forwards to the mock, and closes a client's
    connection once it has been idle for `idle` seconds, as CAKE's servers do."""

    def __init__(self, mock: MockServer, idle: float = 0.1) -> None:
        self.upstream = int(mock.url.rsplit(":", 1)[1])
        self.idle = idle
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = 0
        self.closed_idle = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, socket.create_connection(("127.0.0.1", self.upstream)) as upstream:
            while True:
                conn.settimeout(self.idle)
                try:
                    first = conn.recv(65536)
                except socket.timeout:
                    self.closed_idle += 1
                    return
                conn.settimeout(None)
                request = _message(conn, first) if first else None
                if request is None:
                    return
                upstream.sendall(request)
                answer = _message(upstream)
                if answer is None:
                    return
                conn.sendall(answer)

    def close(self) -> None:
        self.listener.close()

    def wait_idle_closed(self, count: int) -> None:
        deadline = time.monotonic() + 10
        while self.closed_idle < count:
            assert time.monotonic() < deadline, "the proxy did not close the idle connection"
            time.sleep(0.01)


def test_a_write_after_the_server_closed_an_idle_connection_is_sent_once(mock: MockServer) -> None:
    proxy = IdleClosingProxy(mock)
    try:
        with Client(base_url=proxy.url, api_key=mock.api_key) as client:
            client.create_affiliate(affiliate_name="before", account_manager_id=1)
            proxy.wait_idle_closed(1)
            # The pooled connection is closed: the write goes on a new one, not into the dead
            # one (where it would end as unknown_outcome, applied or not).
            client.create_affiliate(affiliate_name="after", account_manager_id=1)
            proxy.wait_idle_closed(2)
            assert client.list_sub_affiliates() == []
    finally:
        proxy.close()
    assert [a["affiliate_name"] for a in mock.state()["affiliates"]] == ["before", "after"]
    assert proxy.connections == 3


def test_the_async_client_too_after_the_server_closed_an_idle_connection(mock: MockServer) -> None:
    proxy = IdleClosingProxy(mock)

    async def writes() -> Any:
        client = AsyncClient(base_url=proxy.url, api_key=mock.api_key)
        await client.create_affiliate(affiliate_name="before", account_manager_id=1)
        await asyncio.get_running_loop().run_in_executor(None, proxy.wait_idle_closed, 1)
        return await client.create_affiliate(affiliate_name="after", account_manager_id=1)

    try:
        asyncio.run(writes())
    finally:
        proxy.close()
    assert [a["affiliate_name"] for a in mock.state()["affiliates"]] == ["before", "after"]
