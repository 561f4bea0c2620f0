#!/usr/bin/env python3
"""`make bench`: every front-end against what a user would write instead, in one run, against
one release-built cake-mock. Each bench script prints JSON lines
{"workload", "impl", "seconds", "ops", ...extra}; this collects them, takes medians, prints one
table of ratios (ours / theirs as throughput, higher is better) with the goals, and writes
bench/RESULTS.md.

It fails (exit 1, after writing the table) when a script fails, when a goal's row was not
measured (except the wasm rows, which are skipped with a note while bindings-wasm is not
built), or when the validators disagree on which payloads are invalid."""

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
REPEAT = int(os.environ.get("CAKE_BENCH_REPEAT", os.environ.get("BENCH_REPEAT", "5")))
# CAKE_BENCH_ONLY=python/bench_reads,node/bench_validation runs just those scripts (while working on
# one workload); such a partial run prints its table but leaves RESULTS.md alone.
ONLY = [part for part in os.environ.get("CAKE_BENCH_ONLY", "").split(",") if part]

# (workload, ours, theirs, goal ratio or None): ratio = median throughput ours / theirs.
COMPARISONS = [
    ("reads", "python AsyncClient", "python httpx.AsyncClient", 3.0),
    ("reads", "python AsyncClient", "python aiohttp", 1.5),
    ("reads", "python AsyncClient", "rust core client", 0.9),
    ("reads-sync", "python Client", "python requests", 1.5),
    ("reads-sync", "python Client", "python httpx.Client", 1.5),
    ("reads-sync", "python Client", "rust core client", 0.9),
    ("reads", "node Client", "node fetch", 1.2),
    # The Node rows' ceiling is the Rust client measured inside the Node scripts' rounds.
    ("reads", "node Client", "rust core client (node rounds)", 0.9),
    ("reads", "wasm Client (node)", "node fetch", 0.8),
    ("browser-reads", "wasm Client (chromium)", "fetch + JSON.parse (chromium)", 0.9),
    ("writes", "python bulk", "python httpx.AsyncClient", None),
    ("writes", "python bulk", "python aiohttp", None),
    ("writes", "python bulk", "rust core client", 0.9),
    ("writes", "node bulk", "node fetch", None),
    ("writes", "node bulk", "rust core client (node rounds)", None),
    ("writes", "wasm bulk (node)", "node fetch", None),
    ("validation", "python validate", "python pydantic v2", 1.0),
    ("validation", "node validate", "node zod v4", 1.0),
    ("validation", "node validate", "node ajv", 0.5),
    ("validation", "wasm validate (node)", "node zod v4", 1.0),
    ("validation", "wasm validate (node)", "node ajv", 0.5),
    ("validation", "wasm full validate (node)", "node zod v4", None),
    ("validation", "wasm full validate (node)", "node ajv", None),
    # Per-form latency and cold start in Chromium: reported (ratios of throughput: >1 is faster).
    ("browser-form", "cake-sdk-wasm validate (validation build) (chromium)", "zod v4 safeParse (chromium)", None),
    ("browser-form", "cake-sdk-wasm validate (full build) (chromium)", "zod v4 safeParse (chromium)", None),
    ("browser-cold-start", "wasm validation build (chromium)", "zod v4 (chromium)", None),
    ("browser-cold-start", "wasm full build (chromium)", "zod v4 (chromium)", None),
    ("browser-cold-start", "wasm validation build, bundled (chromium)", "zod v4, bundled (chromium)", None),
    ("browser-cold-start", "wasm full build, bundled (chromium)", "zod v4, bundled (chromium)", None),
    ("report", "python iter_sub_affiliate_report.to_pandas", "python httpx + json + DataFrame", 2.0),
    ("footprint", "python import cake_sdk", "python import httpx", None),
]
# Goals on one measurement, not a ratio: (workload, implementation, what, at most).
LIMITS = [
    ("footprint", "python import cake_sdk", "seconds", 0.030),
    ("footprint", "python extension (installed .so)", "bytes", 2_500_000),
    ("footprint", "node .node", "bytes", 2_500_000),
]
# Rows that may be missing without failing the run: the browser package's, skipped with a
# printed note while bindings-wasm is not built.
OPTIONAL = ("wasm ", "cake-sdk-wasm ")


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


def run_script(command: list[str], env: dict) -> tuple[list[dict], list[str], str | None]:
    """The script's JSON rows, its NOTE lines (skips), and a failure message or None."""
    print("$", " ".join(command), flush=True)
    started = _dt.datetime.now()
    done = subprocess.run(command, env=env, text=True, capture_output=True, check=False)
    sys.stderr.write(done.stderr)
    notes = [line.strip() for line in done.stderr.splitlines() if line.strip().startswith("NOTE:")]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for row in rows:
        print("   ", json.dumps(row), flush=True)
    took = (_dt.datetime.now() - started).total_seconds()
    print(f"    ({took:.0f} s; load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())})", flush=True)
    failure = None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        failure = f"`{' '.join(Path(c).name for c in command)}` exited {done.returncode}: {last}"
        print(f"!!! bench script failed: {failure}", flush=True)
    return rows, notes, failure


def scripts() -> list[list[str]]:
    """Every bench script. The pure-Rust client (target/release/cake-bench) is run by
    bench_reads.py, bench_writes.py and their Node twins inside their rounds, so the ceiling is
    measured under the same load as the clients it bounds."""
    python = str(ROOT / ".venv" / "bin" / "python")
    listed = [[python, str(path)] for path in sorted((BENCH / "python").glob("bench_*.py"))]
    listed += [["node", str(path)] for path in sorted((BENCH / "node").glob("bench_*.mjs"))]
    listed += [["node", str(path)] for path in sorted((BENCH / "browser").glob("bench_*.mjs"))]
    if ONLY:
        listed = [c for c in listed if any(part in Path(c[1]).relative_to(BENCH).as_posix() for part in ONLY)]
    return listed


def medians(rows: list[dict]) -> dict[tuple[str, str], dict]:
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        grouped.setdefault((row["workload"], row["impl"]), []).append(row)
    out = {}
    for key, group in grouped.items():
        seconds = statistics.median(r["seconds"] for r in group)
        ops = group[0]["ops"]
        extra = {k: v for k, v in group[-1].items() if k not in {"workload", "impl", "seconds", "ops"}}
        for k in ("peak_rss_mb", "rss_over_imports_mb", "client_cpu_s"):
            if k in extra:
                extra[k] = statistics.median(r[k] for r in group)
        out[key] = {"seconds": seconds, "ops": ops, "per_second": ops / seconds if seconds else 0.0, "runs": len(group), **extra}
    return out


def validation_disagreements(rows: list[dict]) -> list[str]:
    """Every validator must flag the same payload indices (same count, same sha1 of indices)."""
    seen: dict[tuple[int, str], set[str]] = {}
    for row in rows:
        if row["workload"] == "validation":
            seen.setdefault((row.get("flagged", -1), row.get("flagged_sha1", "")), set()).add(row["impl"])
    if len(seen) <= 1:
        return []
    return [f"{', '.join(sorted(impls))}: {count} flagged (sha1 {digest[:12]})" for (count, digest), impls in sorted(seen.items())]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def fmt_extra(key: str, value: object) -> str:
    if key.endswith("bytes") and isinstance(value, int):
        return f"{key}={value:,} ({value / 1024:,.0f} KiB)"
    return f"{key}={value}"


def table(results: dict, started: str, load: tuple[float, ...], load_after: tuple[float, ...]) -> tuple[str, list[str]]:
    """The markdown, and the goals whose rows were not measured (a failure unless optional)."""
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    lines = [f"Run {started} with `make bench` on {os.cpu_count()} cores ({cpu_model()}), Python "
             f"{platform.python_version()}, Node {node or '?'}; load average before: "
             f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after: {load_after[0]:.2f} {load_after[1]:.2f} "
             f"{load_after[2]:.2f}; medians of {REPEAT} runs (import times: of the samples shown). "
             "The mock runs on the same cores as the clients. The Rust ceiling (bench/rust) uses the "
             "bindings' allocator, mimalloc.", ""]
    lines += ["| workload | implementation | ops | median s | ops/s | extra |", "|---|---|---:|---:|---:|---|"]
    for (workload, impl), r in sorted(results.items()):
        extra = ", ".join(fmt_extra(k, v) for k, v in r.items() if k not in {"seconds", "ops", "per_second", "runs"})
        if workload == "footprint" and r["ops"] == 0:
            lines.append(f"| {workload} | {impl} | - | - | - | {extra} |")
        elif workload == "footprint":
            lines.append(f"| {workload} | {impl} | {r['runs']} samples | {r['seconds']:.3f} | - | {extra} |")
        else:
            lines.append(f"| {workload} | {impl} | {r['ops']} | {r['seconds']:.3f} | {r['per_second']:,.0f} | {extra} |")
    lines += ["", "| workload | ours | theirs | ratio (ours/theirs) | goal | met |", "|---|---|---|---:|---:|---|"]
    missing = []
    met_count = goals = 0
    for workload, ours, theirs, goal in COMPARISONS:
        a, b = results.get((workload, ours)), results.get((workload, theirs))
        if not a or not b:
            lines.append(f"| {workload} | {ours} | {theirs} | not measured | {f'>= {goal}x' if goal else '-'} | no |")
            if not ours.startswith(OPTIONAL):
                missing.append(f"{workload}: {ours} vs {theirs}")
            continue
        ratio = a["per_second"] / b["per_second"]
        if goal is not None:
            goals += 1
            met_count += ratio >= goal
        met = "report" if goal is None else ("yes" if ratio >= goal else "NO")
        lines.append(f"| {workload} | {ours} | {theirs} | {ratio:.2f}x | {f'>= {goal}x' if goal else '-'} | {met} |")
    lines += ["", "| workload | implementation | measured | goal | met |", "|---|---|---:|---:|---|"]
    for workload, impl, what, limit in LIMITS:
        row = results.get((workload, impl))
        if not row or what not in row:
            lines.append(f"| {workload} | {impl} | not measured | <= {limit} | no |")
            missing.append(f"{workload}: {impl}")
            continue
        value = row[what]
        shown = f"{value * 1000:.1f} ms" if what == "seconds" else f"{value:,} B"
        goal = f"{limit * 1000:.0f} ms" if what == "seconds" else f"{limit:,} B"
        goals += 1
        met_count += value <= limit
        lines.append(f"| {workload} | {impl} | {shown} | <= {goal} | {'yes' if value <= limit else 'NO'} |")
    lines += ["", f"Goals met: {met_count} of {goals} measured."]
    return "\n".join(lines), missing


def main() -> None:
    started = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load = os.getloadavg()
    report_rows = int(os.environ.get("CAKE_BENCH_REPORT_ROWS", os.environ.get("BENCH_REPORT_ROWS", "100000")))
    proc, url = start_mock()
    rows: list[dict] = []
    notes: list[str] = []
    failures: list[str] = []
    try:
        ids = seed(url, report_rows)
        env = dict(os.environ, CAKE_BENCH_URL=url, CAKE_BENCH_KEY=KEY, CAKE_BENCH_REPEAT=str(REPEAT),
                   CAKE_BENCH_IDS=json.dumps(ids), CAKE_BENCH_REPORT_ROWS=str(report_rows))
        for command in scripts():
            got, said, failure = run_script(command, env)
            rows += got
            notes += said
            if failure:
                failures.append(failure)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    text, missing = table(medians(rows), started, load, os.getloadavg())
    if ONLY:
        print()
        print(text)
        print(f"\npartial run (CAKE_BENCH_ONLY={','.join(ONLY)}): RESULTS.md left alone")
        return
    disagree = validation_disagreements(rows)
    problems = [f"- FAILED: {f}" for f in failures]
    problems += [f"- NOT MEASURED: {m}" for m in missing]
    if disagree:
        problems += ["- VALIDATORS DISAGREE on which payloads are invalid:"] + [f"  - {d}" for d in disagree]
    if notes:
        text += "\n\nSkipped:\n" + "\n".join(f"- {n.removeprefix('NOTE:').strip()}" for n in dict.fromkeys(notes))
    if problems:
        text += "\n\n**This run is not valid:**\n" + "\n".join(problems)
    print()
    print(text)
    (BENCH / "RESULTS.md").write_text(f"# Benchmark results\n\nCommand: `make bench`\n\n{text}\n")
    print(f"\nwritten to {BENCH / 'RESULTS.md'}")
    if problems:
        raise SystemExit("\n" + "\n".join(["make bench: this run is not valid:"] + problems))


if __name__ == "__main__":
    main()
