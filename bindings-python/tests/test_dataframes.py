"""Report pages and iterators as pandas and polars DataFrames: money exact (Decimal), ids
and counts integers, empty results keep their columns."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import polars as pl

from cake_sdk import Client
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
