"""A cake mock in a process of its own, for load tests that measure the client's memory alone.

Run as ``python mock_process.py API_KEY``: it starts the mock on 127.0.0.1, seeds one affiliate
with one offer, prints ``{"url": ...}`` as one JSON line and serves until its stdin closes;
then it prints ``{"requests": n, "rss_kb": ..., "hwm_kb": ...}`` (its RSS and peak RSS before
the request log is read) and exits."""

from __future__ import annotations

import json
import sys

from cake_sdk.testing import MockServer


def status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def main() -> None:
    with MockServer(api_key=sys.argv[1], seed=7) as mock:
        mock.seed(
            {
                "affiliates": [{"affiliate_name": "Load Media", "account_manager_id": 42}],
                "offers": [
                    {
                        "offer_name": "Load Offer",
                        "advertiser_id": 1,
                        "vertical_id": 1,
                        "offer_url": "https://t.example/c?o={offer_id}",
                        "payout": "24.00",
                        "revenue": "30.00",
                    }
                ],
            }
        )
        print(json.dumps({"url": mock.url}), flush=True)
        sys.stdin.read()
        rss_kb, hwm_kb = status_kb("VmRSS"), status_kb("VmHWM")  # before the log is copied out
        requests = len(mock.requests())
    print(json.dumps({"requests": requests, "rss_kb": rss_kb, "hwm_kb": hwm_kb}), flush=True)


if __name__ == "__main__":
    main()
