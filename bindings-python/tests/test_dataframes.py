"""Report pages and iterators as pandas and polars DataFrames: money exact (Decimal), ids
and counts integers, empty results keep their columns."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator
from urllib.parse import parse_qs, urlparse

import pandas as pd
import polars as pl
import pytest

from cake_sdk import AsyncClient, Client, Record
from cake_sdk.report import rows_to_pandas, rows_to_polars
from cake_sdk.testing import MockServer

from conftest import OFFER

COLUMNS = ["sub_affiliate_id", "sub_affiliate_name", "clicks", "conversions", "payout"]


def seed(mock: MockServer) -> None:
    mock.seed(
        {
            "affiliates": [{"affiliate_name": "A", "account_manager_id": 1}],
            "offers": [{**OFFER, "payout": "7.33"}],
            "sub_affiliates": [
                {"affiliate_id": 67890, "sub_affiliate_name": f"s{i}", "payout": "15", "payout_type": "percent"}
                for i in range(7)
            ],
        }
    )


def test_pandas_exact(client: Client, mock: MockServer) -> None:
    seed(mock)
    page = client.sub_affiliate_report(start_date="2026-03-01", end_date="2026-03-31")
    frame = page.to_pandas()
    assert list(frame.columns) == COLUMNS and len(frame) == 7
    assert str(frame["sub_affiliate_id"].dtype) == "int64"
    assert str(frame["clicks"].dtype) == "int64" and str(frame["conversions"].dtype) == "int64"
    assert frame["payout"].dtype == object
    assert all(isinstance(v, Decimal) for v in frame["payout"])
    # 15% of 7.33 is 1.0995 -> 1.10 per conversion (half away from zero), times conversions
    assert list(frame["payout"]) == [Decimal("1.10") * c for c in frame["conversions"]]
    assert frame["payout"].sum() == page.totals().payout


def test_pandas_all_rows_from_the_iterator(client: Client, mock: MockServer) -> None:
    seed(mock)
    frame = client.iter_sub_affiliate_report(start_date="2026-03-01", end_date="2026-03-31", row_limit=3).to_pandas()
    assert list(frame["sub_affiliate_name"]) == [f"s{i}" for i in range(7)]
    assert list(frame["sub_affiliate_id"]) == list(range(301, 308))


def test_polars_exact(client: Client, mock: MockServer) -> None:
    seed(mock)
    frame = client.iter_sub_affiliate_report(start_date="2026-03-01", end_date="2026-03-31").to_polars()
    assert frame.columns == COLUMNS and frame.height == 7
    assert frame.schema["payout"] == pl.Decimal(38, 2)
    assert frame.schema["clicks"] == pl.Int64 and frame.schema["sub_affiliate_name"] == pl.Utf8
    assert frame["payout"].to_list() == [Decimal("1.10") * c for c in frame["conversions"].to_list()]


def test_empty_report_keeps_columns(client: Client) -> None:
    page = client.sub_affiliate_report(start_date="2026-03-01", end_date="2026-03-31")
    assert page.rows == [] and page.total_rows == 0
    frame = page.to_pandas()
    assert list(frame.columns) == COLUMNS and len(frame) == 0
    assert str(frame["clicks"].dtype) == "int64"
    polars_frame = client.iter_sub_affiliate_report(start_date="2026-03-01", end_date="2026-03-31").to_polars()
    assert polars_frame.columns == COLUMNS and polars_frame.height == 0
    assert polars_frame.schema["payout"] == pl.Decimal(38, 2)
    assert isinstance(frame, pd.DataFrame)


# DataFrames from the iterators are built column by column (no record per row): the same
# frame as the records give, dtypes and values alike.

def assert_same_frame(columnar: pd.DataFrame, records: pd.DataFrame) -> None:
    assert list(columnar.columns) == list(records.columns)
    assert [str(t) for t in columnar.dtypes] == [str(t) for t in records.dtypes]
    for name in records.columns:
        left, right = list(columnar[name]), list(records[name])
        assert [type(v) for v in left] == [type(v) for v in right], name
        assert [repr(v) for v in left] == [repr(v) for v in right], name


def test_iterator_frames_equal_the_records_frames(client: Client, mock: MockServer) -> None:
    seed(mock)
    args: Dict[str, Any] = {"start_date": "2026-03-01", "end_date": "2026-03-31", "row_limit": 2}
    records = client.iter_sub_affiliate_report(**args).to_list()
    assert len(records) == 7
    assert_same_frame(client.iter_sub_affiliate_report(**args).to_pandas(), rows_to_pandas(records))
    assert client.iter_sub_affiliate_report(**args).to_polars().equals(rows_to_polars(records))


def test_a_partly_read_iterator_frames_the_rest(client: Client, mock: MockServer) -> None:
    seed(mock)
    args: Dict[str, Any] = {"start_date": "2026-03-01", "end_date": "2026-03-31", "row_limit": 3}
    iterator = client.iter_sub_affiliate_report(**args)
    first = [next(iterator), next(iterator)]  # one row of the first page stays buffered
    frame = iterator.to_pandas()
    everything = client.iter_sub_affiliate_report(**args).to_list()
    assert [r.sub_affiliate_id for r in first] == [301, 302]
    assert_same_frame(frame, rows_to_pandas(everything[2:]))
    assert iterator.to_pandas().empty and list(iterator.to_pandas().columns) == COLUMNS


def test_async_iterator_frames_equal_the_records_frames(aclient: AsyncClient, mock: MockServer) -> None:
    seed(mock)
    args: Dict[str, Any] = {"start_date": "2026-03-01", "end_date": "2026-03-31", "row_limit": 4}

    async def main() -> Any:
        records = await aclient.iter_sub_affiliate_report(**args).to_list()
        pandas_frame = await aclient.iter_sub_affiliate_report(**args).to_pandas()
        polars_frame = await aclient.iter_sub_affiliate_report(**args).to_polars()
        return records, pandas_frame, polars_frame

    records, pandas_frame, polars_frame = asyncio.run(main())
    assert_same_frame(pandas_frame, rows_to_pandas(records))
    assert polars_frame.equals(rows_to_polars(records))


def _row(i: int) -> Dict[str, Any]:
    """A report row as a newer server might send it: fields the SDK does not know, some rows
    without them, nested values, a missing name."""
    row: Dict[str, Any] = {"sub_affiliate_id": 1000 + i, "clicks": i * 10, "conversions": i, "payout": f"{i}.25"}
    if i % 4:
        row["sub_affiliate_name"] = f"s{i}"
    if i % 3 == 0:
        row["region"] = f"r{i % 2}"
    if i == 5:
        row["details"] = {"tier": "gold", "since": "2026-01-02 03:04:05"}
        row["tags"] = ["a", {"b": 1}]
    if i >= 6:
        row["revenue"] = f"{i}.5"  # money by its name
        row["date_created"] = "2026-02-03 04:05:06"
    return row


@pytest.fixture
def newer_server() -> Iterator[str]:
    """A CAKE answering the report with extra fields (the mock sends only known ones)."""
    rows = [_row(i) for i in range(11)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            query = parse_qs(urlparse(self.path).query)
            start = int(query.get("start_at_row", ["0"])[0])
            limit = int(query.get("row_limit", ["500"])[0])
            body = json.dumps(
                {"request_status": "Success", "sub_affiliate_report": rows[start : start + limit], "total_rows": len(rows)}
            ).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fields_a_server_added_frame_as_their_records(newer_server: str) -> None:
    client = Client(base_url=newer_server, api_key="k")
    args: Dict[str, Any] = {"start_date": "2026-03-01", "end_date": "2026-03-31", "row_limit": 4}
    records = client.iter_sub_affiliate_report(**args).to_list()
    frame = client.iter_sub_affiliate_report(**args).to_pandas()
    assert_same_frame(frame, rows_to_pandas(records))
    assert list(frame.columns) == COLUMNS + ["region", "details", "tags", "revenue", "date_created"]
    assert list(frame["sub_affiliate_name"])[:2] == [None, "s1"]
    assert list(frame["region"])[:4] == ["r0", None, None, "r1"]
    details = frame["details"][5]
    assert isinstance(details, Record) and details.tier == "gold" and type(details).__name__ == "Record"
    assert repr(details).startswith("Details(")
    assert isinstance(frame["tags"][5][1], Record)
    assert frame["revenue"][6] == Decimal("6.5") and isinstance(frame["revenue"][6], Decimal)
    assert frame["date_created"][7] == datetime(2026, 2, 3, 4, 5, 6)
    assert frame["payout"][3] == Decimal("3.25")
    assert str(frame["clicks"].dtype) == "int64"
    polars_frame = client.iter_sub_affiliate_report(**args).to_polars()
    assert polars_frame.columns == list(frame.columns)
    assert polars_frame["payout"].to_list() == list(frame["payout"])
