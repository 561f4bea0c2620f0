#!/usr/bin/env bash
# `make dist-check-python`: every artifact in $CAKE_DIST/python checked with a tool (twine,
# abi3audit, auditwheel, lief), then run where this machine can run it (venvs on the oldest and
# newest CPython here, an arm64 Debian Python under qemu-user, the sdist built by pip, cargo
# offline). One table: $CAKE_DIST/python/CHECKS.md. See check.py for the list.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
"$root/packaging/tools.sh"
exec "$root/.venv-dist/bin/python" "$root/packaging/python/check.py" "$@"
