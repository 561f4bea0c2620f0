"""Each exception class from a real mock fault, retries and unknown outcomes as Python sees
them, and the api key absent from every message and repr."""

from __future__ import annotations

import asyncio
import builtins
import pickle
import warnings
from typing import Any, Callable, Type

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

from conftest import OFFER

READ: Callable[[Client], Any] = lambda c: c.list_sub_affiliates(max_retries=0)  # noqa: E731


@pytest.mark.parametrize(
    "kind, cls, status",
    [
        ("rate_limit", cake_sdk.RateLimitError, 429),
        ("error_500", cake_sdk.HttpStatusError, 500),
        ("error_503", cake_sdk.HttpStatusError, 503),
        ("html", cake_sdk.HttpStatusError, 502),
        ("reset_before", cake_sdk.CakeConnectionError, None),
        ("malformed", cake_sdk.DecodeError, 200),
    ],
)
def test_fault_raises_its_class(client: Client, mock: MockServer, kind: str, cls: Type[cake_sdk.CakeError], status: Any) -> None:
    mock.add_fault("list_sub_affiliates", kind)
    with pytest.raises(cls) as raised:
        READ(client)
    error = raised.value
    assert type(error) is cls and isinstance(error, cake_sdk.CakeError)
    assert error.code == cls.code and error.status == status
    assert error.operation == "list_sub_affiliates" and error.attempts == 1
    assert error.elapsed >= 0 and error.elapsed_ms == round(error.elapsed * 1000)
    assert str(error).startswith("list_sub_affiliates: ")


def test_rate_limit_details(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "rate_limit", retry_after="7")
    with pytest.raises(cake_sdk.RateLimitError) as raised:
        client.list_sub_affiliates(max_retries=0)
    assert raised.value.retry_after == 7.0 and raised.value.messages == ["Too many requests"]
    # above the client's Retry-After cap (30 s) the call fails at once instead of waiting
    mock.clear_faults()
    mock.add_fault("list_sub_affiliates", "rate_limit", retry_after="120")
    with pytest.raises(cake_sdk.RateLimitError) as raised:
        client.list_sub_affiliates()
    assert raised.value.retry_after == 120.0 and raised.value.attempts == 1 and raised.value.elapsed < 60


def test_html_error_keeps_an_excerpt(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "html")
    with pytest.raises(cake_sdk.HttpStatusError) as raised:
        READ(client)
    assert raised.value.body_excerpt is not None and "502 Bad Gateway" in raised.value.body_excerpt


def test_timeout_is_also_the_builtin(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", delay_ms=1500)
    with pytest.raises(builtins.TimeoutError) as raised:
        client.list_sub_affiliates(timeout=0.2, max_retries=0)
    assert isinstance(raised.value, cake_sdk.CakeTimeoutError) and raised.value.code == "timeout"
    # Not waited for the answer (it would have come, and no error with it), and no retry.
    assert raised.value.elapsed >= 0.15 and raised.value.attempts == 1


def test_connection_error_is_also_the_builtin(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "reset_before")
    with pytest.raises(builtins.ConnectionError) as raised:
        READ(client)
    assert type(raised.value) is cake_sdk.CakeConnectionError


@pytest.mark.parametrize("module", [cake_sdk, cake_sdk.errors], ids=["cake_sdk", "cake_sdk.errors"])
@pytest.mark.parametrize("old, new", [("TimeoutError", "CakeTimeoutError"), ("ConnectionError", "CakeConnectionError")])
def test_old_names_are_deprecated_aliases(module: Any, old: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"^{module.__name__}\.{old} is deprecated; use {module.__name__}\.{new}") as caught:
        alias = getattr(module, old)
    assert alias is getattr(module, new) and caught[0].filename == __file__
    with pytest.warns(DeprecationWarning, match=new):
        exec(f"from {module.__name__} import {old} as imported", namespace := {})
    assert namespace["imported"] is alias
    # Gone from the namespace and from `import *`: nothing shadows the builtins any more.
    assert old not in vars(module) and old not in module.__all__ and new in module.__all__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exec(f"from {module.__name__} import *", star := {})
    assert old not in star and star[new] is alias
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchError'"):
        getattr(module, "NoSuchError")


def test_old_names_still_catch_what_is_raised(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "delay", times=1, delay_ms=1500)
    mock.add_fault("list_sub_affiliates", "reset_before", times=1)
    with pytest.warns(DeprecationWarning):
        try:
            client.list_sub_affiliates(timeout=0.2, max_retries=0)
        except cake_sdk.TimeoutError as error:
            assert type(error) is cake_sdk.CakeTimeoutError
        else:
            pytest.fail("no timeout")
        try:
            client.list_sub_affiliates(max_retries=0)
        except cake_sdk.ConnectionError as error:
            assert type(error) is cake_sdk.CakeConnectionError
        else:
            pytest.fail("no connection error")


def test_api_error_from_the_server(mock: MockServer) -> None:
    client = Client(base_url=mock.url, api_key="not-the-key-4321")
    with pytest.raises(cake_sdk.ApiError) as raised:
        client.list_sub_affiliates()
    assert raised.value.request_status == "Failure" and raised.value.messages == ["Invalid API key"]
    assert "not-the-key-4321" not in str(raised.value) + repr(raised.value)


def test_api_error_unknown_ids(client: Client) -> None:
    with pytest.raises(cake_sdk.ApiError) as raised:
        client.get_affiliate_offer(affiliate_id=1, offer_id=2)
    assert any("no affiliate" in m for m in raised.value.messages)


def test_reads_retry_and_succeed(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "error_503", times=2, retry_after="0")
    reply = client.call("list_sub_affiliates", {})
    assert reply.info.attempts == 3 and reply.info.status == 200
    assert [r["fault"] for r in mock.requests()] == ["error_503", "error_503", None]


def test_retries_used_up(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "rate_limit", retry_after="0")
    with pytest.raises(cake_sdk.RateLimitError) as raised:
        client.list_sub_affiliates(max_retries=3)
    assert raised.value.attempts == 4 and len(mock.requests()) == 4


def test_write_unknown_outcome_is_not_repeated(client: Client, mock: MockServer) -> None:
    mock.add_fault("create_offer", "reset_after", times=1)
    with pytest.raises(cake_sdk.UnknownOutcomeError) as raised:
        client.create_offer(**OFFER)
    error = raised.value
    assert error.code == "unknown_outcome" and error.cause == "connection" and error.attempts == 1
    requests = mock.requests()
    assert len(requests) == 1 and requests[0]["applied"] is True
    assert len(mock.state()["offers"]) == 1  # it was applied once, never twice


def test_write_retried_when_it_cannot_have_been_applied(client: Client, mock: MockServer) -> None:
    mock.add_fault("create_offer", "error_503", times=1, retry_after="0")
    reply = client.call("create_offer", OFFER)
    assert reply.info.attempts == 2 and reply.value.offer_id == 12345
    assert len(mock.state()["offers"]) == 1


def test_bulk_reports_unknown_outcome_per_item(client: Client, mock: MockServer) -> None:
    mock.add_fault("create_offer", "error_500", times=1)
    results = client.bulk("create_offer", [OFFER], concurrency=1)
    assert results[0].status == "unknown_outcome"
    assert isinstance(results[0].error, cake_sdk.UnknownOutcomeError) and results[0].error.cause == "http_status"


def test_async_errors(aclient: AsyncClient, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "malformed")

    async def main() -> None:
        with pytest.raises(cake_sdk.DecodeError):
            await aclient.list_sub_affiliates(max_retries=0)
        with pytest.raises(cake_sdk.ValidationError):
            await aclient.create_offer(offer_name="x", advertiser_id=1, vertical_id=1, offer_url="not a url")

    asyncio.run(main())


def test_exceptions_pickle(client: Client, mock: MockServer) -> None:
    mock.add_fault("list_sub_affiliates", "error_500")
    with pytest.raises(cake_sdk.HttpStatusError) as raised:
        READ(client)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is cake_sdk.HttpStatusError and copy.status == 500 and str(copy) == str(raised.value)
    with pytest.raises(cake_sdk.ValidationError) as invalid:
        client.call("create_offer", {})
    copy2 = pickle.loads(pickle.dumps(invalid.value))
    assert copy2.issues == invalid.value.issues


def test_hierarchy() -> None:
    classes = [
        cake_sdk.ValidationError,
        cake_sdk.ApiError,
        cake_sdk.RateLimitError,
        cake_sdk.HttpStatusError,
        cake_sdk.CakeTimeoutError,
        cake_sdk.CakeConnectionError,
        cake_sdk.DecodeError,
        cake_sdk.UnknownOutcomeError,
    ]
    assert all(issubclass(c, cake_sdk.CakeError) for c in classes)
    assert issubclass(cake_sdk.ValidationError, ValueError)
    assert issubclass(cake_sdk.CakeTimeoutError, builtins.TimeoutError)
    assert issubclass(cake_sdk.CakeConnectionError, builtins.ConnectionError)
    assert len({c.code for c in classes}) == 8
