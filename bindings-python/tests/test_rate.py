"""``requests_per_second``: checked by the core and named as in Python, kept across pickling,
divided by ``with_rate_share(n)``, and kept to. Timing is only checked from below (a timer
never wakes early): a loaded machine makes calls slower, never faster."""

from __future__ import annotations

import asyncio
import pickle
import time
from typing import Any

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

from conftest import OFFER

REPORT = {"start_date": "2026-01-01", "end_date": "2026-01-01"}


def sent(mock: MockServer) -> int:
    return len(mock.requests())


@pytest.mark.parametrize("bad", [0, -1, 0.0, -0.5, float("nan"), float("inf"), 1_000_000.5, 2e6])
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_a_bad_requests_per_second_is_a_validation_error(mock: MockServer, cls: Any, bad: float) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        cls(**mock.client_kwargs(), requests_per_second=bad)
    assert [(i.field, i.code) for i in raised.value.issues] == [("requests_per_second", "out_of_range")]
    assert "requests_per_second" in str(raised.value)
    assert sent(mock) == 0


def test_a_bad_requests_per_second_is_named_with_the_other_bad_settings(mock: MockServer) -> None:
    with pytest.raises(cake_sdk.ValidationError) as raised:
        Client(**mock.client_kwargs(), timeout=-1, requests_per_second=0)
    assert {i.field for i in raised.value.issues} >= {"timeout", "requests_per_second"}


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_requests_per_second_reads_back_and_defaults_to_none(mock: MockServer, cls: Any) -> None:
    assert cls(**mock.client_kwargs()).requests_per_second is None
    assert cls(**mock.client_kwargs(), requests_per_second=0.5).requests_per_second == 0.5
    assert cls(**mock.client_kwargs(), requests_per_second=1_000_000).requests_per_second == 1_000_000.0


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_pickling_keeps_requests_per_second_and_the_other_settings(mock: MockServer, cls: Any) -> None:
    client = cls(**mock.client_kwargs(), requests_per_second=12.5, timeout=7, max_response_bytes=4096)
    copy = pickle.loads(pickle.dumps(client))
    assert type(copy) is cls
    assert (copy.requests_per_second, copy.timeout, copy.max_response_bytes) == (12.5, 7.0, 4096)
    assert pickle.loads(pickle.dumps(cls(**mock.client_kwargs()))).requests_per_second is None


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_with_rate_share_divides_the_budget(mock: MockServer, cls: Any) -> None:
    client = cls(**mock.client_kwargs(), requests_per_second=30, timeout=9)
    share = client.with_rate_share(4)
    assert type(share) is cls and share is not client
    assert share.requests_per_second == 7.5 and share.timeout == 9.0 and share.base_url == client.base_url
    assert client.requests_per_second == 30.0, "the original keeps its budget"
    assert client.with_rate_share(1).requests_per_second == 30.0
    # The share is what a worker receives: it travels as it is.
    assert pickle.loads(pickle.dumps(share)).requests_per_second == 7.5
    # No budget: the same settings, still no budget.
    assert cls(**mock.client_kwargs()).with_rate_share(4).requests_per_second is None


@pytest.mark.parametrize("bad", [0, -3, 2**32])
def test_with_rate_share_refuses_a_count_below_one_or_too_large(mock: MockServer, bad: int) -> None:
    client = Client(**mock.client_kwargs(), requests_per_second=10)
    with pytest.raises(ValueError, match="with_rate_share"):
        client.with_rate_share(bad)


@pytest.mark.parametrize("bad", [1.5, "2", True, None])
def test_with_rate_share_takes_only_a_whole_number(mock: MockServer, bad: Any) -> None:
    with pytest.raises(TypeError):
        Client(**mock.client_kwargs(), requests_per_second=10).with_rate_share(bad)


def test_with_rate_share_on_a_closed_client_raises(mock: MockServer) -> None:
    client = Client(**mock.client_kwargs(), requests_per_second=10)
    client.close()
    with pytest.raises(cake_sdk.CakeError, match="closed"):
        client.with_rate_share(2)


# -- the budget is kept to (lower bounds only) -----------------------------------------------
# Budgets whose slot interval is a whole number of nanoseconds (1/20 s, 1/25 s), so that the
# bounds hold exactly: n calls take n - 1 intervals at least.


def test_calls_of_a_paced_client_are_spaced(mock: MockServer) -> None:
    calls, rate = 6, 20.0
    client = Client(**mock.client_kwargs(), requests_per_second=rate)
    started = time.monotonic()
    for i in range(calls):
        # Per-call overrides are the same client: they share its schedule.
        client.sub_affiliate_report(**REPORT, timeout=5 if i % 2 else None)
    assert time.monotonic() - started >= (calls - 1) / rate
    assert sent(mock) == calls


def test_an_unpaced_client_is_not_held_back(mock: MockServer) -> None:
    client = Client(**mock.client_kwargs())
    for _ in range(3):
        client.sub_affiliate_report(**REPORT)
    assert sent(mock) == 3


def test_a_bulk_keeps_to_the_budget_whatever_its_concurrency(mock: MockServer) -> None:
    items, rate = 11, 25.0
    client = Client(**mock.client_kwargs(), requests_per_second=rate)
    started = time.monotonic()
    results = client.bulk("create_offer", [{**OFFER, "offer_name": f"paced {i}"} for i in range(items)], concurrency=8)
    assert time.monotonic() - started >= (items - 1) / rate
    assert [r.status for r in results] == ["ok"] * items


def test_an_async_bulk_keeps_to_the_budget(mock: MockServer) -> None:
    items, rate = 11, 25.0
    client = AsyncClient(**mock.client_kwargs(), requests_per_second=rate)

    async def run() -> float:
        started = time.monotonic()
        results = await client.bulk("create_offer", [{**OFFER, "offer_name": f"a{i}"} for i in range(items)])
        assert all(r.ok for r in results)
        return time.monotonic() - started

    assert asyncio.run(run()) >= (items - 1) / rate


def test_a_share_and_a_pickled_share_each_keep_to_their_part(mock: MockServer) -> None:
    calls, rate, workers = 5, 40.0, 2  # each share: 20 a second
    client = Client(**mock.client_kwargs(), requests_per_second=rate)
    for share in (client.with_rate_share(workers), pickle.loads(pickle.dumps(client.with_rate_share(workers)))):
        started = time.monotonic()
        for _ in range(calls):
            share.sub_affiliate_report(**REPORT)
        assert time.monotonic() - started >= (calls - 1) / (rate / workers)


def test_no_slot_before_the_deadline_is_a_timeout_and_nothing_is_sent(mock: MockServer) -> None:
    client = Client(**mock.client_kwargs(), requests_per_second=1)
    client.sub_affiliate_report(**REPORT)
    with pytest.raises(cake_sdk.CakeTimeoutError, match="requests_per_second") as raised:
        client.sub_affiliate_report(**REPORT, deadline=0.2)
    assert raised.value.attempts == 0
    assert sent(mock) == 1
