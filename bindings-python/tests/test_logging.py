"""Logs reach the stdlib logger "cake_sdk"; the api key appears in no log line, message,
repr, traceback or anything printed, at DEBUG level, across successes, faults and errors."""

from __future__ import annotations

import asyncio
import io
import logging
import traceback
from typing import Iterator, List

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

from conftest import OFFER

KEY = "k3y-Th4t/Must Not+Leak"


@pytest.fixture
def secret_mock() -> Iterator[MockServer]:
    with MockServer(api_key=KEY) as mock:
        yield mock


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("cake_sdk")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_requests_are_logged_without_the_key(
    secret_mock: MockServer, debug_log: io.StringIO, capfd: pytest.CaptureFixture[str]
) -> None:
    texts: List[str] = []
    client = Client(base_url=secret_mock.url, api_key=KEY)
    texts.append(repr(client))
    client.create_affiliate(affiliate_name="A", account_manager_id=1)
    client.list_sub_affiliates(affiliate_id=67890)
    secret_mock.add_fault("*", "error_503", times=1, retry_after="0")
    client.sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-05")
    for kind in ("html", "malformed", "reset_after", "rate_limit"):
        secret_mock.clear_faults()
        secret_mock.add_fault("*", kind)
        for call in (lambda: client.list_sub_affiliates(max_retries=0), lambda: client.create_offer(**OFFER, max_retries=0)):
            try:
                call()
            except cake_sdk.CakeError as error:
                texts += [str(error), repr(error), "".join(traceback.format_exception(type(error), error, error.__traceback__))]
                texts += [str(v) for v in error.data.values()]
    secret_mock.clear_faults()
    try:
        client.create_offer(offer_name="x", api_key=KEY)  # type: ignore[call-arg]
    except TypeError as error:
        texts.append(str(error))
    results = client.bulk("create_offer", [{**OFFER, "offer_url": KEY}, OFFER])
    texts += [repr(r) for r in results]
    asyncio.run(AsyncClient(base_url=secret_mock.url, api_key=KEY).list_sub_affiliates())
    texts += [repr(r) for r in secret_mock.requests()]

    log = debug_log.getvalue()
    lines = log.splitlines()
    assert any(line.startswith("cake_sdk DEBUG GET ") and "sub_affiliates.json" in line for line in lines)
    assert any("-> 503 http_status (attempt 1" in line for line in lines)
    assert any("-> 200 ok (attempt 2" in line for line in lines)
    assert "api_key=***" in log
    printed = capfd.readouterr()
    everything = "\n".join(texts) + log + printed.out + printed.err
    for form in (KEY, "k3y-Th4t%2FMust%20Not%2BLeak", "k3y-Th4t%2FMust+Not%2BLeak"):
        assert form not in everything


def test_nothing_logged_above_debug(secret_mock: MockServer) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("cake_sdk")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        Client(base_url=secret_mock.url, api_key=KEY).list_sub_affiliates()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert stream.getvalue() == ""
