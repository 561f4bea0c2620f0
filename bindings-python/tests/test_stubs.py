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
