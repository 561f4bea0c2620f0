#!/usr/bin/env bash
# Builds one variant of the browser package into dist/<variant>/:
#   full        the default features (validation, payout math, wire format, fetch client)
#   validation  --no-default-features (validation and payout math only: no HTTP code at all)
# cargo (profile wasm-release: opt-level z, LTO, not stripped; the validation build's profile
# has core at "s") -> wasm-bindgen --target web
# -> wasm-opt -Oz (npm binaryen; Debian's wasm-opt 108 breaks the module) -> glue factory.
# Steps after cargo are skipped when cargo's output did not change.
set -euo pipefail
variant=${1:?usage: build.sh full|validation}
here=$(cd "$(dirname "$0")/.." && pwd)
target_root=${CARGO_TARGET_DIR:-$here/../target/wasm}
case $variant in
  full) target_dir=$target_root; features=(); profile=wasm-release ;;
  # Its own target dir: alternating feature sets in one dir would relink both every time. Its
  # own profile: core at opt-level "s" (see the root Cargo.toml).
  validation) target_dir=$target_root/validation-build; features=(--no-default-features)
    profile=wasm-release-validation ;;
  *) echo "unknown variant $variant" >&2; exit 2 ;;
esac
out=$here/dist/$variant
built=$target_dir/wasm32-unknown-unknown/$profile/cake_wasm.wasm

CARGO_TARGET_DIR=$target_dir cargo build -p cake-wasm "${features[@]}" \
  --profile $profile --target wasm32-unknown-unknown

if [[ -f $out/cake_wasm_bg.wasm && -f $out/glue.js && $out/cake_wasm_bg.wasm -nt $built \
      && $out/cake_wasm_bg.wasm -nt $here/scripts/build.sh \
      && $out/glue.js -nt $here/scripts/glue-factory.mjs ]]; then
  echo "dist/$variant is up to date"
  exit 0
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --out-dir "$stage" "$built"
# -Oz, then --flatten --rereloop (rebuilds control flow) and -Oz twice more: a few hundred
# bytes gzip smaller than -Oz alone. --low-memory-unused and --zero-filled-memory hold for
# rustc's modules (data and stack start at 1 MiB; a new memory is zeroed); the stripped custom
# sections were wasm-bindgen's input, the page does not need them.
"$here/node_modules/.bin/wasm-opt" -Oz --flatten --rereloop -Oz -Oz \
  --low-memory-unused --zero-filled-memory --strip-producers --strip-target-features \
  "$stage/cake_wasm_bg.wasm" -o "$stage/opt.wasm"
node "$here/scripts/glue-factory.mjs" "$stage/cake_wasm.js" "$stage/glue.js"
mkdir -p "$out"
mv "$stage/glue.js" "$out/glue.js"
mv "$stage/opt.wasm" "$out/cake_wasm_bg.wasm"
echo "dist/$variant: $(stat -c %s "$out/cake_wasm_bg.wasm") bytes, $(gzip -9 -c "$out/cake_wasm_bg.wasm" | wc -c) gzipped"
