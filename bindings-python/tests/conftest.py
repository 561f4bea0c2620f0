"""Shared fixtures: one live mock per session (reset before each test), clients on it, and
the shared vectors loaded with exact decimals."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

from cake_sdk import AsyncClient, Client, Record
from cake_sdk.testing import MockServer

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
# Fast backoff is not configurable from Python; the defaults keep retry tests short enough
# because mock faults say Retry-After: 0 where a test retries.


def load_vectors(name: str) -> Any:
    # parse_float=Decimal: a vector's 24.00 reaches the core as the number 24.00, not a float.
    return json.loads((VECTORS / name).read_text(encoding="utf-8"), parse_float=Decimal)


def canon(value: Any, decimals_as_strings: bool = True) -> Any:
    """Comparable form, as core/tests/vectors.rs compares: numbers by value, dates as text."""
    if isinstance(value, Record):
        return canon(value.to_dict(), decimals_as_strings)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        text = str(value)
        if "." not in text and "E" not in text:
            return int(value)
        return text if decimals_as_strings else ("num", value.normalize())
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: canon(v, decimals_as_strings) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canon(v, decimals_as_strings) for v in value]
    raise TypeError(f"unexpected {type(value).__name__} in a result: {value!r}")


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockServer]:
    with MockServer() as mock:
        yield mock


@pytest.fixture
def mock(mock_server: MockServer) -> Iterator[MockServer]:
    mock_server.reset()
    yield mock_server
    mock_server.clear_faults()


@pytest.fixture
def client(mock: MockServer) -> Iterator[Client]:
    with Client(base_url=mock.url, api_key=mock.api_key) as client:
        yield client


@pytest.fixture
def aclient(mock: MockServer) -> AsyncClient:
    return AsyncClient(base_url=mock.url, api_key=mock.api_key)


OFFER = {
    "offer_name": "Summer Promo",
    "advertiser_id": 1001,
    "vertical_id": 7,
    "offer_url": "https://example.com/landing?sub={sub_id}",
    "payout": Decimal("24.00"),
    "payout_type": "cpa",
    "revenue": Decimal("30.00"),
}
