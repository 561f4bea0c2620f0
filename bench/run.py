#!/usr/bin/env python3
"""`make bench`: every front-end against what a user would write instead, in one run, against
one release-built cake-mock. Each bench script prints JSON lines
{"workload", "impl", "seconds", "ops", ...extra}; this collects them, takes medians, prints one
table of ratios (ours / theirs as throughput, higher is better) with the goals, and writes
bench/RESULTS.md."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
KEY = "bench-api-key"
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))

# (workload, ours, theirs, goal ratio or None): ratio = median throughput ours / theirs.
COMPARISONS = [
    ("reads", "python AsyncClient", "python httpx.AsyncClient", 3.0),
    ("reads", "python AsyncClient", "python aiohttp", 1.5),
    ("reads", "python AsyncClient", "rust core client", 0.8),
    ("reads-sync", "python Client", "python requests", 1.5),
    ("reads-sync", "python Client", "python httpx.Client", 1.5),
    ("reads", "node Client", "node fetch", 1.2),
    ("reads", "wasm Client (node)", "node fetch", None),
    ("writes", "python bulk", "python httpx.AsyncClient", None),
    ("writes", "python bulk", "python aiohttp", None),
    ("writes", "node bulk", "node fetch", None),
    ("writes", "python bulk", "rust core client", None),
    ("validation", "python validate", "python pydantic v2", 1.0),
    ("validation", "node validate", "node zod v4", 1.0),
    ("validation", "node validate", "node ajv", 0.5),
    ("validation", "wasm validate (node)", "node zod v4", 1.0),
    ("validation", "wasm validate (node)", "node ajv", 0.5),
    ("report", "python iter_sub_affiliate_report.to_pandas", "python httpx + json + DataFrame", 2.0),
]


def start_mock() -> tuple[subprocess.Popen, str]:
    binary = ROOT / "target" / "release" / "cake-mock"
    proc = subprocess.Popen([str(binary), "--port", "0", "--api-key", KEY], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        raise SystemExit(f"cake-mock did not print its URL (got {url!r})")
    return proc, url


def post(url: str, path: str, body: dict) -> dict:
    import urllib.request

    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as answer:  # noqa: S310 - loopback only
        return json.loads(answer.read())


def seed(url: str, report_rows: int) -> dict:
    """One affiliate + offer for reads; `report_rows` sub-affiliates (one report row each)."""
    seeded = post(url, "/_mock/seed", {
        "affiliates": [{"affiliate_name": "Bench Media", "account_manager_id": 42}],
        "offers": [{"offer_name": "Bench Offer", "advertiser_id": 1, "vertical_id": 1,
                    "offer_url": "https://t.example/c?o={offer_id}", "payout": "30.00", "payout_type": "cpa"}],
    })
    affiliate_id = seeded["affiliates"][0]["affiliate_id"]
    offer_id = seeded["offers"][0]["offer_id"]
    post(url, "/_mock/seed", {"affiliate_offers": [{"affiliate_id": affiliate_id, "offer_id": offer_id, "payout": "18.00"}]})
    parent = post(url, "/_mock/seed", {"affiliates": [{"affiliate_name": "Report Parent", "account_manager_id": 7}]})
    parent_id = parent["affiliates"][0]["affiliate_id"]
    chunk = 10_000
    for start in range(0, report_rows, chunk):
        subs = [{"affiliate_id": parent_id, "sub_affiliate_name": f"r{i:06d}", "payout": "1.25", "payout_type": "cpa"}
                for i in range(start, min(start + chunk, report_rows))]
        post(url, "/_mock/seed", {"sub_affiliates": subs})
    return {"affiliate_id": affiliate_id, "offer_id": offer_id, "report_affiliate_id": parent_id}


def run_script(command: list[str], env: dict) -> list[dict]:
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, env=env, text=True, capture_output=True, check=False)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"bench script failed ({done.returncode}): {' '.join(command)}\n{done.stdout}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for row in rows:
        print("   ", json.dumps(row), flush=True)
    return rows


def scripts() -> list[list[str]]:
    python = str(ROOT / ".venv" / "bin" / "python")
    release = ROOT / "target" / "release"
    listed = [[str(release / "cake-bench"), "reads", "--repeat", str(REPEAT)],
              [str(release / "cake-bench"), "writes", "--repeat", str(REPEAT)]]
    listed += [[python, str(path)] for path in sorted((BENCH / "python").glob("bench_*.py"))]
    listed += [["node", str(path)] for path in sorted((BENCH / "node").glob("bench_*.mjs"))]
    return listed


def fill_rust_args(command: list[str], url: str, ids: dict) -> list[str]:
    if command[0].endswith("cake-bench"):
        command = command + ["--url", url, "--key", KEY]
        if command[1] == "reads":
            command += ["--affiliate-id", str(ids["affiliate_id"]), "--offer-id", str(ids["offer_id"])]
    return command


def medians(rows: list[dict]) -> dict[tuple[str, str], dict]:
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        grouped.setdefault((row["workload"], row["impl"]), []).append(row)
    out = {}
    for key, group in grouped.items():
        seconds = statistics.median(r["seconds"] for r in group)
        ops = group[0]["ops"]
        extra = {k: v for k, v in group[-1].items() if k not in {"workload", "impl", "seconds", "ops"}}
        out[key] = {"seconds": seconds, "ops": ops, "per_second": ops / seconds if seconds else 0.0, "runs": len(group), **extra}
    return out


def table(results: dict, started: str, load: tuple[float, float, float]) -> str:
    lines = [f"Run {started} with `make bench` on {os.cpu_count()} cores, {platform.python_version()}; "
             f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; medians of {REPEAT} runs.", ""]
    lines += ["| workload | implementation | ops | median s | ops/s | extra |", "|---|---|---:|---:|---:|---|"]
    for (workload, impl), r in sorted(results.items()):
        extra = ", ".join(f"{k}={v}" for k, v in r.items() if k not in {"seconds", "ops", "per_second", "runs"})
        lines.append(f"| {workload} | {impl} | {r['ops']} | {r['seconds']:.3f} | {r['per_second']:,.0f} | {extra} |")
    lines += ["", "| workload | ours | theirs | ratio (ours/theirs) | goal | met |", "|---|---|---|---:|---:|---|"]
    for workload, ours, theirs, goal in COMPARISONS:
        a, b = results.get((workload, ours)), results.get((workload, theirs))
        if not a or not b:
            lines.append(f"| {workload} | {ours} | {theirs} | not measured | {goal or '-'} | no |")
            continue
        ratio = a["per_second"] / b["per_second"]
        met = "report" if goal is None else ("yes" if ratio >= goal else "NO")
        lines.append(f"| {workload} | {ours} | {theirs} | {ratio:.2f}x | {f'>= {goal}x' if goal else '-'} | {met} |")
    return "\n".join(lines)


def main() -> None:
    started = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load = os.getloadavg()
    report_rows = int(os.environ.get("BENCH_REPORT_ROWS", "100000"))
    proc, url = start_mock()
    try:
        ids = seed(url, report_rows)
        env = dict(os.environ, CAKE_BENCH_URL=url, CAKE_BENCH_KEY=KEY, CAKE_BENCH_REPEAT=str(REPEAT),
                   CAKE_BENCH_IDS=json.dumps(ids), CAKE_BENCH_REPORT_ROWS=str(report_rows))
        rows: list[dict] = []
        for command in scripts():
            rows += run_script(fill_rust_args(command, url, ids), env)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    text = table(medians(rows), started, load)
    print()
    print(text)
    (BENCH / "RESULTS.md").write_text(f"# Benchmark results\n\nCommand: `make bench`\n\n{text}\n")
    print(f"\nwritten to {BENCH / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
