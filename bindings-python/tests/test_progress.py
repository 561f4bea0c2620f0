"""progress=True draws on stderr (tqdm here; a plain line without it) and on_progress
follows bulk work and report iteration."""

from __future__ import annotations

import asyncio
import builtins
import sys
from typing import Any, List, Tuple

import pytest

from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

from conftest import OFFER


def test_bulk_progress_bar(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    results = client.bulk("create_offer", [OFFER] * 5, progress=True)
    assert all(r.ok for r in results)
    err = capsys.readouterr().err
    assert "create_offer" in err and "5/5" in err


def test_plain_progress_without_tqdm(client: Client, mock: MockServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_tqdm(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("tqdm"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    monkeypatch.delitem(sys.modules, "tqdm.auto", raising=False)
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": f"s{i}", "payout": 1, "payout_type": "cpa"} for i in range(4)
            ],
        }
    )
    rows = list(client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", row_limit=2, progress=True))
    assert len(rows) == 4
    err = capsys.readouterr().err
    assert err == "\rsub_affiliate_report: 2/4\rsub_affiliate_report: 4/4\n"


def test_async_bulk_progress_runs_on_the_loop(aclient: AsyncClient) -> None:
    seen: List[Tuple[int, int, bool]] = []

    async def main() -> Any:
        loop = asyncio.get_running_loop()

        def on_progress(done: int, total: int) -> None:
            # called on the event loop's own thread, so it may touch loop state
            seen.append((done, total, asyncio.get_running_loop() is loop))

        return await aclient.bulk("create_offer", [OFFER] * 3, on_progress=on_progress)

    results = asyncio.run(main())
    assert len(results) == 3 and sorted(seen) == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_a_failing_callback_does_not_stop_the_bulk(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    reported: List[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: reported.append(unraisable.exc_value))

    def broken(done: int, total: int) -> None:
        raise RuntimeError(f"display broke at {done}")

    results = client.bulk("create_offer", [OFFER] * 2, concurrency=1, on_progress=broken)
    assert [r.status for r in results] == ["ok", "ok"]
    assert [str(e) for e in reported] == ["display broke at 1", "display broke at 2"]
