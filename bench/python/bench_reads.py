"""Reads: 5,000 get_affiliate_offer calls at concurrency 64, in one asyncio loop.

ours:    cake_sdk.AsyncClient.get_affiliate_offer (a record, payout a Decimal)
httpx:   one httpx.AsyncClient at its best (a pool of 2, at most 2 requests handed to it at a
         time: _common.HTTPX_IN_FLIGHT), json.loads(parse_float=Decimal)
aiohttp: one ClientSession (TCPConnector limit 64), json.loads(parse_float=Decimal)
rust:    the pure-Rust core client (bench/rust, cake-bench), the ceiling: one round of it
         in each of this script's rounds, its warm second pass timed

Every implementation runs under the same driver (64 workers sharing a counter), gets the
affiliate_offer object out of CAKE's `response` wrapper, checks request_status, and is
warmed up (connections opened) before the timed rounds; the rounds are interleaved."""

from __future__ import annotations

import asyncio
import json
import time
from decimal import Decimal
from typing import Any, Awaitable, Callable, Dict

import aiohttp

import cake_sdk
from _common import IDS, KEY, REPEAT, URL, emit, httpx_at_its_best, need_mock, note, rust_ceiling

REQUESTS = 5_000
CONCURRENCY = 64
PATH = "/api/2/affiliate_offer.json"


async def drive(call: Callable[[], Awaitable[Any]], requests: int, concurrency: int) -> Any:
    """`requests` calls, `concurrency` at a time; the last result (for the equivalence check)."""
    remaining = requests
    last: Any = None

    async def worker() -> None:
        nonlocal remaining, last
        while remaining > 0:
            remaining -= 1
            last = await call()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return last


def cake_answer(body: bytes) -> Dict[str, Any]:
    """What a user writes to read CAKE's affiliate_offer answer: exact money, failures raised."""
    data = json.loads(body, parse_float=Decimal)
    if data.get("request_status") != "Success":
        raise RuntimeError(f"CAKE said {data.get('request_status')}: {data.get('errors')}")
    return data["response"]["affiliate_offer"]  # type: ignore[no-any-return]


async def main() -> None:
    need_mock()
    params = {"affiliate_id": IDS["affiliate_id"], "offer_id": IDS["offer_id"]}
    query = {"api_key": KEY, **{k: str(v) for k, v in params.items()}}

    ours = cake_sdk.AsyncClient(base_url=URL, api_key=KEY)
    hx, hx_slots = httpx_at_its_best()
    session = aiohttp.ClientSession(base_url=URL, connector=aiohttp.TCPConnector(limit=CONCURRENCY))

    async def call_ours() -> Any:
        offer = await ours.get_affiliate_offer(**params)
        return offer.payout

    async def call_httpx() -> Any:
        async with hx_slots:
            answer = await hx.get(PATH, params=query)
        answer.raise_for_status()
        return cake_answer(answer.content)["payout"]

    async def call_aiohttp() -> Any:
        async with session.get(PATH, params=query) as answer:
            answer.raise_for_status()
            return cake_answer(await answer.read())["payout"]

    impls = {
        "python AsyncClient": call_ours,
        "python httpx.AsyncClient": call_httpx,
        "python aiohttp": call_aiohttp,
    }
    try:
        for name, call in impls.items():
            payout = await drive(call, 500, CONCURRENCY)  # warm-up: opens the 64 connections
            if not (isinstance(payout, Decimal) and payout == Decimal("18.00")):
                raise SystemExit(f"{name}: expected payout Decimal('18.00'), got {payout!r}")
        for round_ in range(REPEAT):
            for name, call in impls.items():
                started = time.perf_counter()
                await drive(call, REQUESTS, CONCURRENCY)
                seconds = time.perf_counter() - started
                emit("reads", name, seconds, REQUESTS, concurrency=CONCURRENCY)
            seconds = rust_ceiling("reads", requests=REQUESTS, concurrency=CONCURRENCY, **{"affiliate-id": IDS["affiliate_id"], "offer-id": IDS["offer_id"]})
            emit("reads", "rust core client", seconds, REQUESTS, concurrency=CONCURRENCY)
            note(f"reads: round {round_ + 1}/{REPEAT} done")
    finally:
        ours.close()
        await hx.aclose()
        await session.close()


if __name__ == "__main__":
    asyncio.run(main())
