"""cake-sdk scaled out over Dask distributed: worker processes on one machine, one CAKE budget.

(a) Bulk-creates offers from a LocalCluster of worker processes. The client is made once with
    a ``requests_per_second`` budget; ``client.with_rate_share(n)`` is pickled to each of the n
    workers (scattered once, so each worker keeps one connection pool and one schedule for all
    its tasks), and together they keep to the budget without talking to each other. The mock's
    state is then checked: every offer there once, none twice, none missing.
(b) Reads a large sub-affiliate report as a dask DataFrame with one partition per range of
    pages, each fetched by a worker with the report API (``start_at_row``, ``row_limit``), the
    payout an object column of exact ``Decimal``s, and checks it equals the single-process
    ``iter_sub_affiliate_report(...).to_pandas()``.

Throughput is printed for each number of workers, with the CPU time of the workers and of this
process. On one machine the workers, the mock and this process share the cores, so past the
cores' count more workers add nothing. A partition reads its pages as records and makes its
DataFrame with ``rows_to_pandas``: the report API stops only at the report's end, and the
column-by-column read that ``to_pandas()`` uses costs about half as much CPU per row.

Runs against the embedded mock by default; with CAKE_BASE_URL (and CAKE_API_KEY) set it uses a
cake mock server running there instead (it seeds that mock and reads its /_mock/state, so it
must be the mock, not a CAKE instance).

    python examples/python/dask_scale_out.py             # 10,000 offers, 1,000,000 rows; 1, 2, 4 workers
    python examples/python/dask_scale_out.py --workers 2 --offers 2000 --rows 50000

Needs ``pip install "dask[distributed,dataframe]"`` (and pandas) beside cake-sdk.
"""

# dask's and distributed's functions are mostly unannotated.
# mypy: disable-error-code="no-untyped-call"
from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, cast

import dask
import dask.dataframe as dd
import pandas as pd
from dask.delayed import delayed
from distributed import Client as DaskClient
from distributed import LocalCluster, wait

import cake_sdk
from cake_sdk import Client
from cake_sdk.report import rows_to_pandas
from cake_sdk.testing import MockServer

REPORT_MONTH = {"start_date": "2026-06-01", "end_date": "2026-06-30"}
PAGE_ROWS = 500  # the API's largest page


# -- the mock: the embedded one, or a cake mock server at CAKE_BASE_URL ------------------------


class Mock:
    """What the example needs of the mock besides the API: seeding and its state (the offers'
    names), in process or through the mock's /_mock/ routes."""

    def __init__(self, base_url: str, embedded: Optional[MockServer] = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.embedded = embedded

    def _http(self, path: str, body: Optional[Mapping[str, Any]] = None) -> Any:
        data = None if body is None else json.dumps(body, default=str).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method="GET" if body is None else "POST",
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request) as answer:  # noqa: S310 - the mock the user named
            return json.loads(answer.read())

    def seed(self, data: Mapping[str, Any]) -> Dict[str, Any]:
        if self.embedded is not None:
            return self.embedded.seed(data)
        seeded: Dict[str, Any] = self._http("/_mock/seed", data)
        return seeded

    def offer_names(self) -> List[str]:
        state = self.embedded.state() if self.embedded is not None else self._http("/_mock/state")
        return [str(offer.get("offer_name")) for offer in state.get("offers") or []]


# -- (a) bulk-create offers on the workers -----------------------------------------------------


def offer_params(name: str, i: int) -> Dict[str, Any]:
    payout = Decimal(f"{5 + i % 40}.{i % 100:02d}")
    return {
        "offer_name": name,
        "advertiser_id": 1000 + i % 50,
        "vertical_id": 1 + i % 12,
        "offer_url": "https://shop.example.com/landing?o={offer_id}&s={sub_id}",
        "payout": payout,
        "payout_type": "cpa",
        "revenue": payout + Decimal("3.50"),
    }


def create_chunk(client: Client, names: Sequence[str], first: int, concurrency: int) -> Dict[str, Any]:
    """Runs on a worker: bulk-creates one chunk with the worker's share of the budget. Only a
    summary travels back (records for thousands of offers would cost more than they tell)."""
    results = client.bulk("create_offer", [offer_params(n, first + k) for k, n in enumerate(names)], concurrency=concurrency)
    return {
        "ok": sum(r.ok for r in results),
        "attempts": sum(r.attempts for r in results),
        "failed": [(names[r.index], r.status, str(r.error or r.issues)) for r in results if not r.ok],
    }


@dataclass
class OffersRun:
    workers: int
    offers: int
    seconds: float
    created: int
    attempts: int
    failed: List[Tuple[str, str, str]]
    duplicates: int
    missing: int
    worker_cpu: float
    driver_cpu: float

    @property
    def offers_per_second(self) -> float:
        return self.created / self.seconds

    @property
    def requests_per_second(self) -> float:
        return self.attempts / self.seconds


def worker_cpu(dask_client: DaskClient) -> float:
    """CPU seconds spent so far by every worker process (all its threads)."""
    # (distributed's annotations also allow the asynchronous client's coroutine.)
    seconds = cast(Dict[str, float], dask_client.run(time.process_time))
    return sum(seconds.values())


def scale_out_offers(
    dask_client: DaskClient, mock: Mock, client: Client, names: Sequence[str], chunk: int = 500, concurrency: int = 8
) -> OffersRun:
    """(a): ``names`` created in chunks of ``chunk`` as tasks on the cluster's workers, each with
    1/n of ``client``'s budget; then every name looked up in the mock's state."""
    workers = len(dask_client.scheduler_info()["workers"])
    cpu, driver = worker_cpu(dask_client), time.process_time()
    started = time.monotonic()
    # One pickled share per worker, kept there: every task on a worker uses its one schedule.
    share = dask_client.scatter(client.with_rate_share(workers), broadcast=True, hash=False)
    futures = [
        dask_client.submit(create_chunk, share, names[at:at + chunk], at, concurrency, pure=False)
        for at in range(0, len(names), chunk)
    ]
    outcomes = cast(List[Dict[str, Any]], dask_client.gather(futures))
    seconds = time.monotonic() - started
    cpu, driver = worker_cpu(dask_client) - cpu, time.process_time() - driver
    wanted = set(names)
    seen = Counter(name for name in mock.offer_names() if name in wanted)
    return OffersRun(
        workers=workers,
        offers=len(names),
        seconds=seconds,
        created=sum(o["ok"] for o in outcomes),
        attempts=sum(o["attempts"] for o in outcomes),
        failed=[f for o in outcomes for f in o["failed"]],
        duplicates=sum(count - 1 for count in seen.values()),
        missing=len(wanted - set(seen)),
        worker_cpu=cpu,
        driver_cpu=driver,
    )


# -- (b) the report as a dask DataFrame --------------------------------------------------------


def seed_report(mock: Mock, rows: int, chunk: int = 100_000) -> int:
    """A parent affiliate with ``rows`` sub-affiliates (one report row each), flat and percent
    payouts mixed so that the report's money varies. Answers the parent's id."""
    parent = mock.seed({"affiliates": [{"affiliate_name": "Scale-out Parent", "account_manager_id": 7}]})
    parent_id = int(parent["affiliates"][0]["affiliate_id"])
    for start in range(0, rows, chunk):
        subs = [
            {"affiliate_id": parent_id, "sub_affiliate_name": f"sub-{i:07d}",
             "payout": f"{i % 37}.{(i * 7) % 100:02d}" if i % 3 else f"{5 + i % 40}.5", "payout_type": "cpa" if i % 3 else "percent"}
            for i in range(start, min(start + chunk, rows))
        ]
        mock.seed({"sub_affiliates": subs})
    return parent_id


def page_ranges(total_rows: int, pages_per_partition: int, page_rows: int = PAGE_ROWS) -> List[Tuple[int, int]]:
    """[start, stop) rows of each partition: ``pages_per_partition`` whole pages each."""
    step = pages_per_partition * page_rows
    return [(start, min(start + step, total_rows)) for start in range(0, total_rows, step)]


def fetch_range(client: Client, params: Mapping[str, Any], start: int, stop: int, page_rows: int = PAGE_ROWS) -> pd.DataFrame:
    """Runs on a worker: rows [start, stop) of the report, page by page from ``start_at_row``
    (the pager follows a server that caps pages below ``row_limit``), as a DataFrame indexed by
    row number. The pages fetched ahead are stopped once the range is read."""
    pages = -(-(stop - start) // page_rows)
    rows: List[Any] = []
    report = client.iter_sub_affiliate_report(**params, start_at_row=start, row_limit=page_rows, pages_ahead=min(4, pages - 1))
    with report:
        for page in report.pages():
            rows.extend(page.rows)
            if len(rows) >= stop - start:
                break
    if len(rows) < stop - start:
        raise RuntimeError(f"rows {start}-{stop}: the report ended after {start + len(rows)} rows")
    frame = rows_to_pandas(rows[: stop - start])
    frame.index = pd.RangeIndex(start, stop)
    return frame


def report_frame(dask_client: DaskClient, client: Client, params: Mapping[str, Any], total_rows: int,
                 pages_per_partition: int) -> dd.DataFrame:
    """The report as a lazy dask DataFrame: one partition per page range, divisions known (the
    row numbers), the column types of ``to_pandas()`` (payout: object, exact Decimals)."""
    workers = len(dask_client.scheduler_info()["workers"])
    share = dask_client.scatter(client.with_rate_share(workers), broadcast=True, hash=False)
    ranges = page_ranges(total_rows, pages_per_partition)
    parts = [delayed(fetch_range, pure=False)(share, dict(params), start, stop) for start, stop in ranges]
    meta = rows_to_pandas([])
    divisions = tuple([start for start, _ in ranges] + [total_rows - 1])
    frame: dd.DataFrame = dd.from_delayed(parts, meta=meta, divisions=divisions)
    return frame


@dataclass
class ReportRun:
    workers: int
    rows: int
    partitions: int
    fetch_seconds: float
    collect_seconds: float
    equal: bool
    decimals_exact: bool
    payout_sum: Decimal
    worker_cpu: float
    driver_cpu: float

    @property
    def seconds(self) -> float:
        return self.fetch_seconds + self.collect_seconds


def decimal_sum(payouts: pd.Series) -> pd.Series:
    """A partition's payouts summed as Decimals (pandas' sum goes through numpy, and dask's
    reductions want numbers)."""
    return pd.Series([sum(payouts, Decimal(0))], dtype=object, name=payouts.name)


def exact_money(frame: pd.DataFrame) -> bool:
    """Payout an object column of Decimals with two places, as the API sent them."""
    return frame["payout"].dtype == object and all(
        isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in frame["payout"])


def scale_out_report(dask_client: DaskClient, client: Client, params: Mapping[str, Any], single: pd.DataFrame,
                     pages_per_partition: int = 100) -> ReportRun:
    """(b): the report built on the workers (``persist``: fetched, left there), then brought
    to this process (``compute``) and compared with ``single``, the single-process read."""
    cpu, driver = worker_cpu(dask_client), time.process_time()
    started = time.monotonic()
    frame = report_frame(dask_client, client, params, len(single), pages_per_partition).persist()
    wait(frame)
    fetched = time.monotonic()
    # The payout total, summed exactly on the workers (a Decimal per partition), then here.
    partial_sums = frame["payout"].map_partitions(decimal_sum, meta=("payout", object)).compute()
    payout_sum = sum(partial_sums, Decimal(0))
    result: pd.DataFrame = frame.compute()
    collected = time.monotonic()
    cpu, driver = worker_cpu(dask_client) - cpu, time.process_time() - driver
    equal = True
    try:
        pd.testing.assert_frame_equal(result, single, check_exact=True)
    except AssertionError as difference:
        print(f"   not equal to the single-process read: {difference}", file=sys.stderr)
        equal = False
    return ReportRun(
        workers=len(dask_client.scheduler_info()["workers"]),
        rows=len(result),
        partitions=frame.npartitions,
        fetch_seconds=fetched - started,
        collect_seconds=collected - fetched,
        equal=equal,
        decimals_exact=exact_money(result) and payout_sum == sum(single["payout"], Decimal(0)),
        payout_sum=payout_sum,
        worker_cpu=cpu,
        driver_cpu=driver,
    )


def read_single(client: Client, params: Mapping[str, Any]) -> pd.DataFrame:
    """The whole report in this process, as a data script without Dask would read it."""
    return client.iter_sub_affiliate_report(**params, row_limit=PAGE_ROWS).to_pandas()


# -- running it --------------------------------------------------------------------------------


def cluster(workers: int) -> Tuple[LocalCluster, DaskClient]:
    """``workers`` processes of one thread each; no dashboard; quiet."""
    no_dashboard: Any = None
    local = LocalCluster(n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=no_dashboard,
                         silence_logs=logging.ERROR)
    return local, DaskClient(local)


def configure_dask() -> None:
    # Object columns stay Python objects: dask would otherwise turn them into pyarrow strings,
    # and the Decimals with them.
    dask.config.set({"dataframe.convert-string": False})  # pyright: ignore[reportPrivateImportUsage]


@dataclass
class Options:
    workers: List[int]
    offers: int
    rows: int
    rate: float
    chunk: int
    pages_per_partition: int


def cpu_use(workers: float, here: float, seconds: float) -> str:
    """CPU seconds of the workers and of this process (the embedded mock, the scheduler, the
    client), and the share of all cores they kept busy."""
    return f"{workers:.1f} + {here:.1f} s ({100 * (workers + here) / (seconds * (os.cpu_count() or 1)):.0f}%)"


def run(mock: Mock, client: Client, options: Options) -> Iterator[str]:
    """Runs (a) and (b) for each number of workers, yielding the lines to print; raises
    SystemExit if a check fails."""
    run_id = f"{os.getpid()}-{int(time.time())}"
    yield f"   budget: {options.rate:,.0f} requests/s over all workers (each of n gets 1/n); {os.cpu_count()} CPU cores"
    yield ""
    yield f"(a) bulk-create {options.offers:,} offers (tasks of {options.chunk}, concurrency 8 in each)"
    yield f"   {'workers':>7} {'seconds':>8} {'offers/s':>9} {'requests':>9} {'req/s':>7} {'dupl.':>6} {'missing':>8}  CPU: workers + here (busy)"
    for workers in options.workers:
        names = [f"scale-{run_id}-{workers}w-{i:05d}" for i in range(options.offers)]
        local, dask_client = cluster(workers)
        with local, dask_client:
            a = scale_out_offers(dask_client, mock, client, names, options.chunk)
        yield (f"   {a.workers:>7} {a.seconds:>8.2f} {a.offers_per_second:>9,.0f} {a.attempts:>9,} {a.requests_per_second:>7,.0f}"
               f" {a.duplicates:>6} {a.missing:>8}  {cpu_use(a.worker_cpu, a.driver_cpu, a.seconds)}")
        if a.failed or a.duplicates or a.missing or a.created != options.offers:
            raise SystemExit(f"offers: {a.created} created, {len(a.failed)} failed ({a.failed[:3]}), "
                             f"{a.duplicates} duplicates, {a.missing} missing")
        # n schedules of rate/n each: at most rate * seconds + n attempts in `seconds`.
        if a.attempts > options.rate * a.seconds + a.workers:
            raise SystemExit(f"the budget was exceeded: {a.attempts} attempts in {a.seconds:.2f} s")
    yield ("   (req/s: attempts, retries of the mock's 503s included; here: this process (and the embedded mock in it);"
           " busy: of all cores)")
    yield ""
    started = time.monotonic()
    parent_id = seed_report(mock, options.rows)
    params = {**REPORT_MONTH, "affiliate_id": parent_id}
    yield f"(b) sub-affiliate report, {options.rows:,} rows, June 2026: seeded in {time.monotonic() - started:.1f} s (not timed below)"
    driver = time.process_time()
    started = time.monotonic()
    single = read_single(client, params)
    seconds = time.monotonic() - started
    if len(single) != options.rows or not exact_money(single):
        raise SystemExit(f"single-process read: {len(single)} rows, exact money: {exact_money(single)}")
    yield (f"   single process, iter_sub_affiliate_report().to_pandas(): {seconds:.2f} s, {options.rows / seconds:,.0f} rows/s,"
           f" CPU {cpu_use(0, time.process_time() - driver, seconds)}")
    yield (f"   {'workers':>7} {'parts':>6} {'fetch s':>8} {'rows/s':>9} {'+collect s':>11} {'rows/s':>9}"
           f" {'equal':>6} {'exact':>6}  CPU: workers + here (busy)")
    for workers in options.workers:
        local, dask_client = cluster(workers)
        with local, dask_client:
            b = scale_out_report(dask_client, client, params, single, options.pages_per_partition)
        yield (f"   {b.workers:>7} {b.partitions:>6} {b.fetch_seconds:>8.2f} {b.rows / b.fetch_seconds:>9,.0f}"
               f" {b.collect_seconds:>11.2f} {b.rows / b.seconds:>9,.0f} {'yes' if b.equal else 'NO':>6}"
               f" {'yes' if b.decimals_exact else 'NO':>6}  {cpu_use(b.worker_cpu, b.driver_cpu, b.seconds)}")
        if not (b.equal and b.decimals_exact):
            raise SystemExit("the distributed report differs from the single-process one")
    yield (f"   (fetch: partitions built on the workers; collect: brought to this process; payout total "
           f"{sum(single['payout'], Decimal(0)):,} summed on the workers, exact)")


def parse(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run, comma separated (default 1,2,4)")
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=5_000.0, help="requests_per_second over all workers (default 5000)")
    parser.add_argument("--chunk", type=int, default=500, help="offers per task (default 500)")
    parser.add_argument("--pages-per-partition", type=int, default=100, help="report pages of 500 rows per partition (default 100)")
    args = parser.parse_args(argv)
    return Options([int(w) for w in args.workers.split(",")], args.offers, args.rows, args.rate, args.chunk,
                   args.pages_per_partition)


def main(argv: Sequence[str]) -> int:
    options = parse(argv)
    configure_dask()
    base_url = os.environ.get("CAKE_BASE_URL")
    if base_url:
        print(f"cake-sdk {cake_sdk.__version__}, dask {importlib.metadata.version('dask')}: scale-out against the mock at {base_url}")
        # CAKE_API_KEY (and the other CAKE_* settings) come from the environment.
        with Client(requests_per_second=options.rate) as client:
            for line in run(Mock(base_url), client, options):
                print(line, flush=True)
        return 0
    with MockServer() as embedded, Client(base_url=embedded.url, api_key=embedded.api_key,
                                          requests_per_second=options.rate) as client:
        print(f"cake-sdk {cake_sdk.__version__}, dask {importlib.metadata.version('dask')}: scale-out against the embedded mock at {embedded.url}")
        # About one offer request in a hundred gets a 503 and is retried (it was not applied):
        # retries take slots of the budget too, and must not duplicate anything.
        embedded.add_fault("create_offer", "error_503", probability=0.01, seed=7, retry_after="0")
        for line in run(Mock(embedded.url, embedded), client, options):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
