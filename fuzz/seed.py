#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from tests/vectors/*.json.

Generated rather than committed: about a thousand small files that the vectors already hold.
The byte layouts are the ones the targets document (fuzz_targets/*.rs):
  parse_response: [op, status_hi, status_lo, n, n bytes Retry-After, body]
  validate:       [op, params as JSON]
  money:          [mode, payload]  (mode%4: 0 text, 1 JSON value, 2 call(FUNCTIONS[mode//4]), 3 decimals)
Usage: seed.py VECTORS_DIR CORPUS_DIR
"""
import hashlib
import json
import os
import re
import sys

# Must match Operation::ALL and money::call::FUNCTIONS in core (checked against the vectors below).
OPERATIONS = [
    "create_affiliate", "update_affiliate", "get_affiliate_offer", "create_offer",
    "update_offer", "list_sub_affiliates", "create_sub_affiliate", "sub_affiliate_report",
]
FUNCTIONS = [
    "sub_affiliate_payout", "effective_payout", "margin", "margin_percent", "earnings",
    "report_metrics", "report_totals", "split",
]

# What may be an amount or a count (names, URLs and dates are left to the validate target).
NUMERIC = re.compile(r"[\s+\-0-9.eE]{1,64}")


def write(corpus, target, data):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def scalars(value):
    """Every number and string inside a JSON value (amounts, ids, dates)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item)
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        yield value


def main(vectors, corpus):
    load = lambda name: json.load(open(os.path.join(vectors, name), encoding="utf-8"))
    wire, validation, payout = load("wire.json"), load("validation.json"), load("payout.json")
    # Numbers are re-read as text so 24.00 keeps its two places.
    raw = lambda name: json.load(open(os.path.join(vectors, name), encoding="utf-8"),
                                 parse_float=str, parse_int=str)
    counts = {"parse_response": 0, "validate": 0, "money": 0, "json_readers": 0}

    for case in wire["responses"]:
        op = OPERATIONS.index(case["operation"])
        headers = {k.lower(): v for k, v in (case.get("headers") or {}).items()}
        retry = headers.get("retry-after", "").encode()[:255]
        status = int(case.get("status", 200))
        body = case["body"].encode() if isinstance(case["body"], str) else compact(case["body"])
        write(corpus, "parse_response", bytes([op, status >> 8, status & 0xFF, len(retry)]) + retry + body)
        counts["parse_response"] += 1
        write(corpus, "json_readers", bytes([op]) + body)
        counts["json_readers"] += 1

    params_cases = validation["cases"] + wire["requests"]
    for case in params_cases:
        op = OPERATIONS.index(case["operation"])
        write(corpus, "validate", bytes([op]) + compact(case["params"]))
        counts["validate"] += 1
        # The same layout: [operation, JSON text].
        write(corpus, "json_readers", bytes([op]) + compact(case["params"]))
        counts["json_readers"] += 1

    for case in payout["cases"]:
        index = FUNCTIONS.index(case["function"])
        write(corpus, "money", bytes([2 + 4 * index]) + compact(case["args"]))
        counts["money"] += 1
    # Every amount written in the vectors, as text (mode 0) and as a JSON value (mode 1).
    texts = set()
    for name in ("payout.json", "validation.json"):
        texts.update(str(v) for v in scalars(raw(name)) if NUMERIC.fullmatch(str(v)))
    for text in sorted(texts):
        write(corpus, "money", b"\x00" + text.encode())
        write(corpus, "money", b"\x01" + compact(text))
        # Unquoted too: a number keeps its exact text (24.00); other text is simply not JSON.
        write(corpus, "money", b"\x01" + text.encode())
        counts["money"] += 3
    # Decimals for the arithmetic mode: a few fixed byte patterns are enough to start from.
    for pattern in (b"\x00" * 48, b"\xff" * 48, bytes(range(48))):
        write(corpus, "money", b"\x03" + pattern)
        counts["money"] += 1

    for target, count in counts.items():
        print(f"seeded {target}: {count} inputs")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
