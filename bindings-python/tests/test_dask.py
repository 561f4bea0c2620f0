"""examples/python/dask_scale_out.py at a small size on a LocalCluster of two worker processes:
offers bulk-created from the workers with the client pickled to them, each with its share of
the budget (none twice, none missing, the budget kept as a lower bound on the time taken), and
the report read as a dask DataFrame, one partition per page range, equal to the single-process
``to_pandas()`` with its Decimals exact."""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

from distributed import Client as DaskClient  # noqa: E402
from distributed import LocalCluster  # noqa: E402

from cake_sdk import Client  # noqa: E402
from cake_sdk.testing import MockServer  # noqa: E402

from conftest import OFFER  # noqa: E402

# Importable by name here and in the workers (spawned processes start with this sys.path), so
# that the tasks' functions travel by reference, as an installed module's would.
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"
sys.path.insert(0, str(EXAMPLES))
import dask_scale_out as example  # noqa: E402

WORKERS = 2
OFFERS = 2_000
ROWS = 50_000
RATE = 500.0  # requests a second over both workers: well below what they manage unbudgeted


@pytest.fixture(scope="module")
def dask_client() -> Iterator[DaskClient]:
    example.configure_dask()
    local, client = example.cluster(WORKERS)
    with local, client:
        yield client


def requests_of(mock: MockServer, operation: str) -> int:
    return sum(r["operation"] == operation for r in mock.requests())


def test_offers_from_the_workers_once_each_within_the_budget(mock: MockServer, dask_client: DaskClient) -> None:
    client = Client(**mock.client_kwargs(), requests_per_second=RATE)
    # Retried 503s (not applied) must not duplicate anything, and take slots of the budget too.
    mock.add_fault("create_offer", "error_503", probability=0.02, seed=3, retry_after="0")
    names = [f"dask-{i:05d}" for i in range(OFFERS)]
    run = example.scale_out_offers(dask_client, example.Mock(mock.url, mock), client, names, chunk=250)
    assert run.workers == WORKERS
    assert (run.created, run.failed, run.duplicates, run.missing) == (OFFERS, [], 0, 0)
    fired = mock.fault_stats()[0]["fired"]
    assert fired > 0 and run.attempts == OFFERS + fired == requests_of(mock, "create_offer")
    # Each worker's share is 1/n of the budget on a schedule of its own: n schedules send at
    # most rate * t + n attempts in t seconds. A lower bound only: a loaded machine is slower.
    assert run.seconds >= (run.attempts - WORKERS) / RATE
    assert len(example.Mock(mock.url, mock).offer_names()) == OFFERS


def test_the_offers_check_finds_duplicates_and_missing_names(mock: MockServer) -> None:
    """The check itself: it would catch an offer created twice or never."""
    client = Client(**mock.client_kwargs())
    for name in ("x-1", "x-1", "x-2"):
        client.create_offer(**{**OFFER, "offer_name": name})
    seen = example.Mock(mock.url, mock).offer_names()
    assert sorted(seen) == ["x-1", "x-1", "x-2"]


def seed(mock: MockServer) -> dict[str, Any]:
    mock.seed({"offers": [OFFER]})  # prices the report's rows
    parent_id = example.seed_report(example.Mock(mock.url, mock), ROWS, chunk=25_000)
    return {**example.REPORT_MONTH, "affiliate_id": parent_id}


def test_the_report_as_a_dask_dataframe_equals_to_pandas(mock: MockServer, dask_client: DaskClient) -> None:
    params = seed(mock)
    client = Client(**mock.client_kwargs(), requests_per_second=RATE)
    single = example.read_single(client, params)
    assert len(single) == ROWS and example.exact_money(single)
    before = requests_of(mock, "sub_affiliate_report")

    frame = example.report_frame(dask_client, client, params, ROWS, pages_per_partition=10)
    # Lazy, one partition per range of ten pages, divisions known, the columns of to_pandas().
    assert frame.npartitions == ROWS // (10 * 500)
    assert frame.divisions == tuple(range(0, ROWS, 5_000)) + (ROWS - 1,)
    assert dict(frame.dtypes) == dict(single.dtypes) and frame.dtypes["payout"] == object

    started = time.monotonic()
    run = example.scale_out_report(dask_client, client, params, single, pages_per_partition=10)
    seconds = time.monotonic() - started
    assert (run.rows, run.partitions, run.equal, run.decimals_exact) == (ROWS, 10, True, True)
    assert run.payout_sum == sum(single["payout"], Decimal(0)) and run.payout_sum > 0
    # Every page of every partition fetched by the workers (two reads: the frame above was only
    # built, never computed), within the budget.
    sent = requests_of(mock, "sub_affiliate_report") - before
    assert sent >= ROWS // 500
    assert seconds >= (sent - WORKERS) / RATE


def test_decimals_survive_only_with_convert_string_off() -> None:
    """Why configure_dask() matters: by default dask turns object columns into a string dtype,
    and the Decimals with them."""
    import dask
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed

    def part(i: int) -> pd.DataFrame:
        return pd.DataFrame({"payout": pd.Series([Decimal("1.10") * i], index=[i], dtype=object)})

    meta = part(0).iloc[:0]
    with dask.config.set({"dataframe.convert-string": True}):
        read = dd.from_delayed([delayed(part)(1), delayed(part)(2)], meta=meta).compute(scheduler="sync")
        assert read["payout"].dtype != object and list(read["payout"]) == ["1.10", "2.20"]
    example.configure_dask()
    assert dask.config.get("dataframe.convert-string") is False
    read = dd.from_delayed([delayed(part)(1), delayed(part)(2)], meta=meta).compute(scheduler="sync")
    assert list(read["payout"]) == [Decimal("1.10"), Decimal("2.20")]
    assert all(isinstance(v, Decimal) for v in read["payout"])
