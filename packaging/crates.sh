#!/usr/bin/env bash
# The crates meant for crates.io (cake-sdk-core, whose library is cake_core, and cake-mock): `cargo package` builds each from its
# packaged sources (cake-mock against the packaged cake-sdk-core) into dist/crates. With --check:
# the .crate files are there, and each lists its README and license metadata.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${CAKE_DIST:-$root/dist}/crates"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
version=$(python3 -c 'import tomllib;print(tomllib.load(open("'"$root"'/Cargo.toml","rb"))["workspace"]["package"]["version"])')
if [[ "${1:-}" == "--check" ]]; then
  for crate in cake-sdk-core cake-mock; do
    file="$out/$crate-$version.crate"
    [[ -f "$file" ]] || { echo "missing $file (run make dist)" >&2; exit 1; }
    listing=$(tar -tzf "$file")
    for needed in Cargo.toml README.md src/lib.rs; do
      grep -qx "$crate-$version/$needed" <<<"$listing" || { echo "$file lacks $needed" >&2; exit 1; }
    done
    manifest=$(tar -xzOf "$file" "$crate-$version/Cargo.toml")
    for key in description license repository readme; do
      grep -q "^$key = " <<<"$manifest" || { echo "$file: Cargo.toml has no $key" >&2; exit 1; }
    done
    echo "$crate-$version.crate: $(du -k "$file" | cut -f1) KB, metadata and sources present"
  done
  exit 0
fi
cd "$root"
# cargo verifies cake-mock against the packaged cake-sdk-core through a local overlay registry,
# which it unpacks under $CARGO_HOME/registry/src/-<hash>/ and then reuses as long as the
# version is the same: a core changed since the last `make dist` would be checked as it was
# then (unresolved imports for code that exists). Those unpacked copies of our own crates go.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/{cake-sdk-core,cake-mock}-"$version"
cargo package -p cake-sdk-core -p cake-mock
mkdir -p "$out"
cp "$CARGO_TARGET_DIR/package/cake-sdk-core-$version.crate" "$CARGO_TARGET_DIR/package/cake-mock-$version.crate" "$out/"
ls -l "$out"
