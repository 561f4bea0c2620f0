#!/usr/bin/env python3
"""Writes bench/data/validation_payloads.json: 100,000 create_offer payloads (seed 20261121),
80% valid and 20% with one to three errors, as a form would send them (some numbers as
strings). Every validator in the benchmark reads this same file."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "validation_payloads.json"

# Each breaks exactly one field, with a rule every compared validator can express.
BREAKERS = {
    "offer_name": lambda p, r: p.update(offer_name=""),
    "advertiser_id": lambda p, r: p.update(advertiser_id=r.choice([0, -3, "abc"])),
    "offer_url": lambda p, r: p.update(offer_url=r.choice(["ftp://x.example/", "not a url", "example.com/path"])),
    "payout": lambda p, r: p.update(payout=r.choice(["-1.00", "12.34567", "abc"])),
    "payout_type": lambda p, r: p.update(payout_type=r.choice(["cpx", "flat"])),
    "session_hours": lambda p, r: p.update(session_hours=0),
    "offer_status": lambda p, r: p.update(offer_status="archived"),
    "expiration_date": lambda p, r: p.update(expiration_date=r.choice(["2099-02-30 10:00:00", "2099-01-01T10:00:00"])),
}


def valid(r: random.Random, i: int) -> dict:
    payout = f"{r.randint(1, 4000) / 100:.2f}"
    payload = {
        "offer_name": f"Offer {i} - {r.choice(['Auto', 'Home', 'Health', 'Travel'])}",
        "advertiser_id": r.randint(1, 5000),
        "vertical_id": r.randint(1, 40),
        "offer_url": f"https://track.example.com/c?o={{offer_id}}&a={{aff_id}}&s={i}",
        "offer_status": r.choice(["active", "inactive", "pending", "ACTIVE"]),
        "payout": payout if r.random() < 0.5 else float(payout),
        "payout_type": r.choice(["cpa", "cpc", "cpm"]),
        "revenue": f"{float(payout) + r.randint(0, 1000) / 100:.2f}",
        "currency_id": 1,
        "session_hours": r.choice([24, "48", 720]),
    }
    if r.random() < 0.3:
        payload["expiration_date"] = f"2099-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} 23:59:59"
    if r.random() < 0.3:
        payload["preview_url"] = f"https://preview.example.com/{i}"
    return payload


def generate(count: int = 100_000, seed: int = 20261121) -> list[dict]:
    r = random.Random(seed)
    payloads = []
    for i in range(count):
        payload = valid(r, i)
        if r.random() < 0.2:
            for field in r.sample(sorted(BREAKERS), r.randint(1, 3)):
                BREAKERS[field](payload, r)
        payloads.append(payload)
    return payloads


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(generate(count)))
    print(f"wrote {count} payloads to {OUT}")


if __name__ == "__main__":
    main()
