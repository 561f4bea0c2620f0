"""What every Python bench script shares: the environment run.py gives (mock URL, key, seeded
ids, repetitions), timing, and the JSON lines run.py collects."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Tuple

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent

URL = os.environ.get("CAKE_BENCH_URL", "")
KEY = os.environ.get("CAKE_BENCH_KEY", "")
REPEAT = int(os.environ.get("CAKE_BENCH_REPEAT", "5"))
IDS: Dict[str, int] = json.loads(os.environ.get("CAKE_BENCH_IDS", "{}"))
REPORT_ROWS = int(os.environ.get("CAKE_BENCH_REPORT_ROWS", "100000"))

# The report's date range: the mock answers one row per sub-affiliate for any range.
REPORT_START = "2026-06-01"
REPORT_END = "2026-06-30"

# One offer shape for every writer (ours, httpx, aiohttp, the Rust client).
OFFER_URL = "https://t.example/c?o={offer_id}"


# httpx at its best here: a pool of 2 connections, and at most 2 requests handed to it at a
# time (the rest wait on a semaphore in front). httpcore's pool assignment looks at every
# connection for each request it holds (with a pool of 64, 62% of httpx's samples, py-spy
# 2026-12-07), so requests queued inside it slow every other one. Measured 2026-12-08 (httpx
# 0.28.1 / httpcore 1.0.9, 3 rounds each): reads at concurrency 64 made 910-969/s with a pool
# and limit of 1 or 2, 793-833 with 4, 619-625 with 8 and 591-634 with a pool of 8 and no
# limit (the setting before); writes 880-905/s at 2, 817-861 at 1, 754-842 at 4 and 386-435
# with a pool of 32 (the setting before).
HTTPX_IN_FLIGHT = 2


def httpx_at_its_best() -> "Tuple[Any, asyncio.Semaphore]":
    """An ``httpx.AsyncClient`` on the mock (HTTP/1.1, a pool of HTTPX_IN_FLIGHT) and the
    semaphore every request to it goes through."""
    import httpx

    client = httpx.AsyncClient(
        base_url=URL,
        http2=False,
        limits=httpx.Limits(max_connections=HTTPX_IN_FLIGHT, max_keepalive_connections=HTTPX_IN_FLIGHT),
    )
    return client, asyncio.Semaphore(HTTPX_IN_FLIGHT)


def need_mock() -> None:
    if not URL or not KEY or not IDS:
        sys.exit("run me through bench/run.py (CAKE_BENCH_URL, CAKE_BENCH_KEY, CAKE_BENCH_IDS unset)")


def emit(workload: str, impl: str, seconds: float, ops: int, **extra: Any) -> None:
    """One JSON line for run.py."""
    print(json.dumps({"workload": workload, "impl": impl, "seconds": seconds, "ops": ops, **extra}), flush=True)


def note(message: str) -> None:
    """Progress and notes go to stderr (run.py shows them; only stdout JSON is collected)."""
    print(message, file=sys.stderr, flush=True)


def rust_ceiling(workload: str, **flags: Any) -> float:
    """One timed round of the pure-Rust core client (cake-bench, release) on the same mock,
    measured inside the Python script's rounds so the ceiling sees the same machine load. Its
    first round opens the connections; the second, warm one is the measurement (as the
    Python clients are warmed up too)."""
    command = [str(ROOT / "target" / "release" / "cake-bench"), workload, "--url", URL, "--key", KEY, "--repeat", "2"]
    for name, value in flags.items():
        command += [f"--{name.replace('_', '-')}", str(value)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"cake-bench {workload} failed ({done.returncode}): {done.stderr.strip()}")
    rounds = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return float(rounds[-1]["seconds"])


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value
