"""The committed stubs match the built extension, and the package type-checks strictly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_stubtest_core() -> None:
    result = run("mypy.stubtest", "cake_sdk._core")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_package_and_example() -> None:
    result = run("mypy", "--strict", "python/cake_sdk", str(ROOT.parent / "examples" / "python" / "quickstart.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_stub_and_marker_are_committed_files() -> None:
    package = ROOT / "python" / "cake_sdk"
    assert (package / "py.typed").exists()
    assert "class CoreClient" in (package / "_core.pyi").read_text()


# What a user's type checker sees of the report iterators as context managers and when closed.
TYPED_REPORT_USE = '''
from cake_sdk import AsyncClient, Client

def read(client: Client) -> None:
    with client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31") as rows:
        reveal_type(rows)
        reveal_type(next(rows))
    reveal_type(rows.closed)
    reveal_type(rows.close())

async def aread(client: AsyncClient) -> None:
    async with client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31") as rows:
        reveal_type(rows)
        reveal_type(await rows.__anext__())
    reveal_type(await rows.aclose())
'''


def test_report_iterators_type_as_context_managers(tmp_path: Path) -> None:
    script = tmp_path / "typed_report_use.py"
    script.write_text(TYPED_REPORT_USE)
    result = run("mypy", "--strict", str(script))
    assert result.returncode == 0, result.stdout + result.stderr
    revealed = [line.split("Revealed type is ")[1] for line in result.stdout.splitlines() if "Revealed type is" in line]
    assert revealed == [
        '"cake_sdk.report.ReportIterator"',
        '"cake_sdk._schema.SubAffiliateReportRow"',
        '"bool"',
        '"None"',
        '"cake_sdk.report.AsyncReportIterator"',
        '"cake_sdk._schema.SubAffiliateReportRow"',
        '"None"',
    ]
