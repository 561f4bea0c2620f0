"""examples/python/quickstart.py (what `make demo` runs) works end to end, on the embedded
mock and read-only against an instance named by CAKE_BASE_URL / CAKE_API_KEY."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cake_sdk.testing import MockServer

from conftest import OFFER

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "python" / "quickstart.py"


def run(env: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(QUICKSTART)], env=env, capture_output=True, text=True, timeout=120)


def test_quickstart_on_the_embedded_mock() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAKE_")}
    result = run(env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "the demo prints its warnings in its own table, nothing on stderr"
    out = result.stdout
    assert "4 created, 5 invalid (reported, not sent)" in out
    assert "created offer 12345 (2 attempts)" in out
    assert "earns 27.50 per conversion" in out
    assert "5 rows in 3 pages (server total 5)" in out
    assert "to the cent: yes" in out
    assert "1,000.00" in out.splitlines()[-4]  # the totals line holds the whole pool


def test_quickstart_read_only_against_an_instance() -> None:
    with MockServer(api_key="instance-key") as instance:
        instance.seed(
            {
                "affiliates": [{"affiliate_name": "Existing", "account_manager_id": 1}],
                "offers": [OFFER],
                "sub_affiliates": [
                    {"affiliate_id": 67890, "sub_affiliate_name": n, "payout": "10", "payout_type": "percent"}
                    for n in ("alpha", "beta", "gamma")
                ],
            }
        )
        env = {**os.environ, "CAKE_BASE_URL": instance.url, "CAKE_API_KEY": "instance-key"}
        result = run(env)
        assert result.returncode == 0, result.stderr
        assert "read only" in result.stdout and "3 sub-affiliates" in result.stdout
        assert "to the cent: yes" in result.stdout
        assert "instance-key" not in result.stdout + result.stderr
        assert {r["method"] for r in instance.requests()} == {"GET"}
        assert len(instance.state()["offers"]) == 1
