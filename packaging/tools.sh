#!/usr/bin/env bash
# Installs what `make dist` and `make dist-check` need, from the package registries only, and
# skips what is there: the Rust targets, and a venv (.venv-dist) with the cross linker (zig,
# from the `ziglang` wheel), maturin, and the artifact checkers (auditwheel, abi3audit, twine,
# lief for ELF/Mach-O/PE). Prints nothing when everything is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-dist"
targets=(
  x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
  x86_64-unknown-linux-musl aarch64-unknown-linux-musl
  x86_64-apple-darwin aarch64-apple-darwin
  x86_64-pc-windows-gnu
  wasm32-unknown-unknown wasm32-wasip1-threads
)
installed=$(rustup target list --installed)
missing=()
for target in "${targets[@]}"; do
  grep -qx "$target" <<<"$installed" || missing+=("$target")
done
if ((${#missing[@]})); then rustup target add "${missing[@]}"; fi

# Pinned so a release is rebuilt with the tools it was checked with.
tools=(ziglang==0.17.1 maturin==1.16.0 auditwheel==6.8.2 abi3audit==0.0.26 twine==7.0.0 lief==1.0.0)
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c 'import ziglang, maturin, auditwheel, abi3audit, twine, lief' 2>/dev/null; then
  "$venv/bin/pip" install -q --disable-pip-version-check "${tools[@]}"
fi
