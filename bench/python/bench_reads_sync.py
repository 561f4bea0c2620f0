"""Blocking reads: 1,000 sequential get_affiliate_offer calls on one connection.

ours:     cake_sdk.Client.get_affiliate_offer (a record, payout a Decimal)
requests: one requests.Session, json.loads(parse_float=Decimal)
httpx:    one httpx.Client, json.loads(parse_float=Decimal)

Each client is made once and warmed up (connection open) before the timed rounds; the rounds
are interleaved so drift in the machine's load hits every implementation alike."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any, Callable, Dict

import httpx
import requests

import cake_sdk
from _common import IDS, KEY, REPEAT, URL, emit, need_mock, note, rust_ceiling

REQUESTS = 1_000
PATH = "/api/2/affiliate_offer.json"


def cake_answer(body: bytes) -> Dict[str, Any]:
    data = json.loads(body, parse_float=Decimal)
    if data.get("request_status") != "Success":
        raise RuntimeError(f"CAKE said {data.get('request_status')}: {data.get('errors')}")
    return data["response"]["affiliate_offer"]  # type: ignore[no-any-return]


def main() -> None:
    need_mock()
    params = {"affiliate_id": IDS["affiliate_id"], "offer_id": IDS["offer_id"]}
    query = {"api_key": KEY, **{k: str(v) for k, v in params.items()}}

    ours = cake_sdk.Client(base_url=URL, api_key=KEY)
    session = requests.Session()
    hx = httpx.Client(base_url=URL)

    def call_ours() -> Any:
        return ours.get_affiliate_offer(**params).payout

    def call_requests() -> Any:
        answer = session.get(URL + PATH, params=query)
        answer.raise_for_status()
        return cake_answer(answer.content)["payout"]

    def call_httpx() -> Any:
        answer = hx.get(PATH, params=query)
        answer.raise_for_status()
        return cake_answer(answer.content)["payout"]

    impls: Dict[str, Callable[[], Any]] = {
        "python Client": call_ours,
        "python requests": call_requests,
        "python httpx.Client": call_httpx,
    }
    try:
        for name, call in impls.items():
            for _ in range(50):
                payout = call()
            if not (isinstance(payout, Decimal) and payout == Decimal("18.00")):
                raise SystemExit(f"{name}: expected payout Decimal('18.00'), got {payout!r}")
        for round_ in range(REPEAT):
            for name, call in impls.items():
                started = time.perf_counter()
                for _ in range(REQUESTS):
                    call()
                emit("reads-sync", name, time.perf_counter() - started, REQUESTS, concurrency=1)
            # The ceiling one call at a time: the pure-Rust core client at concurrency 1.
            seconds = rust_ceiling("reads", requests=REQUESTS, concurrency=1, **{"affiliate-id": IDS["affiliate_id"], "offer-id": IDS["offer_id"]})
            emit("reads-sync", "rust core client", seconds, REQUESTS, concurrency=1)
            note(f"reads-sync: round {round_ + 1}/{REPEAT} done")
    finally:
        ours.close()
        session.close()
        hx.close()


if __name__ == "__main__":
    main()
