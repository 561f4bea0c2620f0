"""Writes: 2,000 create_offer at concurrency 32.

ours:    await cake_sdk.AsyncClient.bulk("create_offer", items, concurrency=32): every item
         validated, sent, and its outcome reported in input order (BulkResult, Decimal money)
httpx:   one httpx.AsyncClient at its best (a pool of 2, at most 2 requests handed to it at a
         time: _common.HTTPX_IN_FLIGHT), 32 workers POSTing the JSON body (api_key inside,
         money as JSON numbers), json.loads(parse_float=Decimal), outcomes in order
aiohttp: the same over one ClientSession (TCPConnector limit 32)
rust:    the pure-Rust core client's bulk (cake-bench writes), one round per round here

Offer names are distinct per implementation and round, so nothing collides in the mock."""

from __future__ import annotations

import asyncio
import json
import time
from decimal import Decimal
from typing import Any, Awaitable, Callable, Dict, List

import aiohttp

import cake_sdk
from _common import KEY, OFFER_URL, REPEAT, URL, emit, httpx_at_its_best, need_mock, note, rust_ceiling

REQUESTS = 2_000
CONCURRENCY = 32
PATH = "/api/2/offer.json"


def items(tag: str, round_: int) -> List[Dict[str, Any]]:
    return [
        {"offer_name": f"bench-{tag}-{round_}-{i}", "advertiser_id": 1, "vertical_id": 1, "offer_url": OFFER_URL,
         "payout": Decimal("3.10"), "payout_type": "cpa", "revenue": Decimal("4.00")}
        for i in range(REQUESTS)
    ]


def body(item: Dict[str, Any]) -> bytes:
    # The stdlib cannot write a Decimal; CAKE wants money as JSON numbers.
    return json.dumps({"api_key": KEY, **item}, default=float).encode()


def outcome(raw: bytes) -> Dict[str, Any]:
    data = json.loads(raw, parse_float=Decimal)
    if data.get("request_status") != "Success":
        return {"status": "failed", "errors": data.get("errors")}
    return {"status": "ok", "result": data["offer"]}


async def hand_bulk(send: Callable[[bytes], Awaitable[bytes]], todo: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """What a user writes: `CONCURRENCY` workers over a shared index, outcomes in input order."""
    results: List[Dict[str, Any]] = [{}] * len(todo)
    next_index = 0

    async def worker() -> None:
        nonlocal next_index
        while next_index < len(todo):
            i = next_index
            next_index += 1
            try:
                results[i] = outcome(await send(body(todo[i])))
            except Exception as error:  # noqa: BLE001 - reported per item, like bulk does
                results[i] = {"status": "failed", "error": repr(error)}

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return results


async def main() -> None:
    need_mock()
    ours = cake_sdk.AsyncClient(base_url=URL, api_key=KEY)
    hx, hx_slots = httpx_at_its_best()
    session = aiohttp.ClientSession(base_url=URL, connector=aiohttp.TCPConnector(limit=CONCURRENCY))
    headers = {"content-type": "application/json"}

    async def send_httpx(data: bytes) -> bytes:
        async with hx_slots:
            answer = await hx.post(PATH, content=data, headers=headers)
        answer.raise_for_status()
        return answer.content

    async def send_aiohttp(data: bytes) -> bytes:
        async with session.post(PATH, data=data, headers=headers) as answer:
            answer.raise_for_status()
            return await answer.read()

    async def run_ours(todo: List[Dict[str, Any]]) -> int:
        results = await ours.bulk("create_offer", todo, concurrency=CONCURRENCY)
        ok = [r for r in results if r.ok]
        if ok and not isinstance(ok[-1].result.payout, Decimal):  # type: ignore[union-attr]
            raise SystemExit("python bulk: payout is not a Decimal")
        return len(ok)

    def hand(send: Callable[[bytes], Awaitable[bytes]]) -> Callable[[List[Dict[str, Any]]], Awaitable[int]]:
        async def run(todo: List[Dict[str, Any]]) -> int:
            results = await hand_bulk(send, todo)
            return sum(1 for r in results if r["status"] == "ok")

        return run

    impls: Dict[str, tuple[str, Callable[[List[Dict[str, Any]]], Awaitable[int]]]] = {
        "python bulk": ("py-ours", run_ours),
        "python httpx.AsyncClient": ("py-httpx", hand(send_httpx)),
        "python aiohttp": ("py-aiohttp", hand(send_aiohttp)),
    }
    try:
        for name, (tag, run) in impls.items():  # warm-up: connections, code paths
            await run(items(tag + "-warm", 0)[:200])
        for round_ in range(REPEAT):
            for name, (tag, run) in impls.items():
                todo = items(tag, round_)
                started = time.perf_counter()
                ok = await run(todo)
                seconds = time.perf_counter() - started
                if ok != REQUESTS:
                    raise SystemExit(f"{name}: {REQUESTS - ok} of {REQUESTS} writes failed")
                emit("writes", name, seconds, REQUESTS, concurrency=CONCURRENCY)
            seconds = rust_ceiling("writes", requests=REQUESTS, concurrency=CONCURRENCY)
            emit("writes", "rust core client", seconds, REQUESTS, concurrency=CONCURRENCY)
            note(f"writes: round {round_ + 1}/{REPEAT} done")
    finally:
        ours.close()
        await hx.aclose()
        await session.close()


if __name__ == "__main__":
    asyncio.run(main())
