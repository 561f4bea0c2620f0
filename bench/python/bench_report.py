"""Report ingestion: every row of the sub-affiliate report (CAKE_BENCH_REPORT_ROWS, 100,000 by
default, one per seeded sub-affiliate) at row_limit 500, into a pandas DataFrame.

ours:  cake_sdk.Client.iter_sub_affiliate_report(..., row_limit=500).to_pandas()
httpx: one httpx.Client paging by hand (start_at_row += rows, until total_rows), each page
       json.loads(parse_float=Decimal), then pandas.DataFrame(rows): money an object column
       of Decimals, ids and counts int64 (the same frame as ours)

Each measurement runs in a fresh child process (`bench_report.py --child IMPL`), so peak RSS
(ru_maxrss) is that implementation's alone: `peak_rss_mb` is the child's peak, and
`rss_over_imports_mb` the peak minus what the child held after its imports (interpreter,
pandas, the client library). `client_cpu_s` is the child's CPU time (all threads) during the
timed part: the client's own work, apart from the time spent waiting for the mock's pages.
The children are interleaved, REPEAT of each."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from decimal import Decimal
from typing import Any, Dict, List

from _common import IDS, KEY, REPEAT, REPORT_END, REPORT_ROWS, REPORT_START, URL, emit, need_mock, note

ROW_LIMIT = 500
PATH = "/api/2/report/sub_affiliate.json"
IMPLS = {"ours": "python iter_sub_affiliate_report.to_pandas", "httpx": "python httpx + json + DataFrame"}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cpu_seconds() -> float:
    """CPU time of this process, every thread (the SDK's runtime threads included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(which: str) -> None:
    import pandas as pd

    if which == "ours":
        import cake_sdk

        client: Any = cake_sdk.Client(base_url=URL, api_key=KEY)
    else:
        import httpx

        client = httpx.Client(base_url=URL)
    after_imports = rss_mb()
    parent = IDS["report_affiliate_id"]

    cpu_before = cpu_seconds()
    started = time.perf_counter()
    if which == "ours":
        frame = client.iter_sub_affiliate_report(
            affiliate_id=parent, start_date=REPORT_START, end_date=REPORT_END, row_limit=ROW_LIMIT
        ).to_pandas()
    else:
        rows: List[Dict[str, Any]] = []
        params: Dict[str, Any] = {"api_key": KEY, "affiliate_id": parent, "start_date": REPORT_START,
                                  "end_date": REPORT_END, "row_limit": ROW_LIMIT, "start_at_row": 0}
        while True:
            answer = client.get(PATH, params=params)
            answer.raise_for_status()
            data = json.loads(answer.content, parse_float=Decimal)
            if data.get("request_status") != "Success":
                raise RuntimeError(f"CAKE said {data.get('request_status')}: {data.get('errors')}")
            page = data["sub_affiliate_report"]
            rows.extend(page)
            params["start_at_row"] += len(page)
            total = data.get("total_rows")
            if not page or (total is not None and params["start_at_row"] >= total):
                break
        frame = pd.DataFrame(rows)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    peak = rss_mb()
    client.close()

    # The same frame either way (checked outside the timing).
    payouts = frame["payout"]
    if not isinstance(payouts.iloc[0], Decimal) or str(frame["clicks"].dtype) != "int64":
        raise SystemExit(f"{which}: payout {type(payouts.iloc[0])}, clicks {frame['clicks'].dtype}")
    print(json.dumps({"seconds": seconds, "rows": len(frame), "columns": list(frame.columns),
                      "payout_total": str(sum(payouts, Decimal(0))), "client_cpu_s": round(cpu, 3), "peak_rss_mb": round(peak, 1),
                      "rss_over_imports_mb": round(peak - after_imports, 1)}), flush=True)


def main() -> None:
    need_mock()
    seen: Dict[str, Dict[str, Any]] = {}
    for round_ in range(REPEAT):
        for which, name in IMPLS.items():
            done = subprocess.run([sys.executable, __file__, "--child", which], capture_output=True, text=True)
            sys.stderr.write(done.stderr)
            if done.returncode != 0:
                sys.exit(f"report child {which} failed ({done.returncode}): {done.stdout}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            if result["rows"] != REPORT_ROWS:
                sys.exit(f"{name}: {result['rows']} rows, expected {REPORT_ROWS}")
            seen[which] = result
            emit("report", name, result["seconds"], result["rows"], row_limit=ROW_LIMIT,
                 client_cpu_s=result["client_cpu_s"], peak_rss_mb=result["peak_rss_mb"], rss_over_imports_mb=result["rss_over_imports_mb"])
        note(f"report: round {round_ + 1}/{REPEAT} done")
    ours, theirs = seen["ours"], seen["httpx"]
    if (ours["payout_total"], ours["columns"]) != (theirs["payout_total"], theirs["columns"]):
        sys.exit(f"report: the frames differ: {ours} vs {theirs}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
