"""Footprint of the Python package: the release wheel's size (the one `make bench` built and
installed), the installed extension's size, and `import cake_sdk` against `import httpx`, each
timed in a fresh interpreter (only the import, not the interpreter's start), interleaved,
IMPORT_SAMPLES of each; run.py takes the medians."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _common import REPEAT, ROOT, emit, note

IMPORT_SAMPLES = max(11, REPEAT)
TIMER = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def wheel() -> Path:
    wheels = sorted((ROOT / "target" / "python" / "wheels").glob("cake_sdk-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        sys.exit("no wheel in target/python/wheels: `make bench` builds it (make -C bindings-python wheel)")
    return wheels[-1]


def import_seconds(module: str) -> float:
    done = subprocess.run([sys.executable, "-c", TIMER.format(module=module)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def main() -> None:
    built = wheel()
    emit("footprint", "python wheel", 0.0, 0, bytes=built.stat().st_size, file=built.name)
    import cake_sdk._core as core

    emit("footprint", "python extension (installed .so)", 0.0, 0, bytes=Path(core.__file__).stat().st_size)
    where = json.dumps(str(Path(core.__file__).parent))
    note(f"footprint: cake_sdk from {where}")
    for _ in range(IMPORT_SAMPLES):
        for module, name in (("cake_sdk", "python import cake_sdk"), ("httpx", "python import httpx")):
            emit("footprint", name, import_seconds(module), 1)


if __name__ == "__main__":
    main()
