#!/usr/bin/env bash
# `make dist-wasm`: the browser package cake-sdk-wasm, into $CAKE_DIST/wasm as an npm tarball.
# Both builds (bindings-wasm/scripts/build.sh: cargo in the wasm-release profiles, wasm-bindgen,
# wasm-opt) in the one dist target dir ($CAKE_DIST_TARGET), then `npm pack`: the tarball holds
# dist/full and dist/validation and the js/ layer, with the package's `exports` (".",
# "./validation", "./esbuild") as bundlers resolve them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="${CAKE_DIST:-$root/dist}/wasm"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CI="${CI:-true}"
wasm_dir="$root/bindings-wasm"

"$root/packaging/tools.sh"
# Chromium, the wasm32 target, wasm-bindgen-cli at Cargo.lock's version, npm packages (wasm-opt).
make -s -C "$wasm_dir" setup
start=$SECONDS
# The shared JS layer and its declarations (js/sdk/, a build output, not in git).
make -s -C "$wasm_dir" sdk
"$wasm_dir/scripts/build.sh" validation
"$wasm_dir/scripts/build.sh" full
mkdir -p "$out"
rm -f "$out"/*.tgz "$out/CHECKS.md"
(cd "$wasm_dir" && npm pack --silent --pack-destination "$out" >/dev/null)
echo "== $out ($((SECONDS - start)) s)"
ls -l "$out"
tar -tzf "$out"/cake-sdk-wasm-*.tgz | sed 's/^/  /'
