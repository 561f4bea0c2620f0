#!/usr/bin/env bash
# `make dist-node`: the Node distribution of cake-sdk, into $CAKE_DIST/node, as npm tarballs:
#   - cake-sdk-<platform>-0.1.0.tgz: one napi-rs addon package per platform, built here with
#     `napi build -x` (cargo-zigbuild; zig from the ziglang wheel in .venv-dist) in the
#     workspace's `release-native` profile (release + strip): linux-x64-gnu and
#     linux-arm64-gnu (glibc 2.17 symbols at most), linux-x64-musl, linux-arm64-musl,
#     darwin-x64 (macOS 10.12+) and darwin-arm64 (11.0+);
#   - cake-sdk-wasm32-wasi-0.1.0.tgz: the WebAssembly fallback (wasm32-wasip1-threads), for
#     every other platform: the whole SDK, its Client sending through node:http and its
#     MockServer served by node:http (WASI has no sockets; see packaging/README.md). Built with
#     `--cfg tokio_unstable`, without which napi-rs runs no future on wasm;
#   - cake-sdk-0.1.0.tgz: the JS package, listing the platform packages as
#     optionalDependencies (added here, at its own version: they are not on the registry
#     before a release, so the development install does not ask for them).
# Every build shares one cargo target dir ($CAKE_DIST_TARGET): a second run rebuilds nothing
# that has not changed. `build.sh <platform>...` (linux-x64-gnu, wasm32-wasi, ...) builds only
# those addons, then packs every package whose addon is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
node_dir="$root/bindings-node"
out="${CAKE_DIST:-$root/dist}/node"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
work="$CARGO_TARGET_DIR/node"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CI="${CI:-true}"
only=("$@")

"$root/packaging/tools.sh"
# shellcheck source=packaging/node/env.sh
source "$here/env.sh"
node_tools

# platform dir (npm/<dir>) | target given to napi (a .2.17 suffix: zig links against glibc 2.17)
# | napi build flags | MACOSX_DEPLOYMENT_TARGET
matrix=(
  "linux-x64-gnu|x86_64-unknown-linux-gnu.2.17|-x|"
  "linux-arm64-gnu|aarch64-unknown-linux-gnu.2.17|-x|"
  "linux-x64-musl|x86_64-unknown-linux-musl|-x|"
  "linux-arm64-musl|aarch64-unknown-linux-musl|-x|"
  "darwin-x64|x86_64-apple-darwin|-x|10.12"
  "darwin-arm64|aarch64-apple-darwin|-x|11.0"
  "wasm32-wasi|wasm32-wasip1-threads||"
)

# napi-rs's tokio runtime on wasm32-wasip1-threads has threads, and runs futures at all, only
# with this cfg (cake-node refuses to build without it). It touches that target alone.
export CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS="${CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS:+$CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS }--cfg tokio_unstable"

version=$(node -p "require('$node_dir/package.json').version")
timings=()
cd "$node_dir"
for entry in "${matrix[@]}"; do
  IFS='|' read -r platform target flags macos <<<"$entry"
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $platform "* ]]; then continue; fi
  start=$SECONDS
  echo "== cake-sdk-$platform ($target)"
  built="$work/build/$platform"
  rm -rf "$built"
  mkdir -p "$built"
  # shellcheck disable=SC2086 # $flags is one or no flag
  # cargo-zigbuild names its zig wrappers after the program driving it, and cargo rebuilds
  # whatever another linker path built: the same driver as the Python wheels (maturin, see
  # packaging/python/build.sh) keeps the two from rebuilding each other in target/dist.
  env "CARGO_BIN_EXE_cargo-zigbuild=$root/.venv-dist/bin/maturin" \
    MACOSX_DEPLOYMENT_TARGET="${macos:-${MACOSX_DEPLOYMENT_TARGET:-}}" \
    node_modules/.bin/napi build --platform --target "$target" $flags --profile release-native \
    --target-dir "$CARGO_TARGET_DIR" --output-dir "$built" --no-js --dts native.d.ts
  timings+=("$platform: $((SECONDS - start)) s")
done

# Each package staged apart from the sources: npm/<dir> (package.json, README.md) and what
# its "files" lists, from the build.
stage="$work/stage"
rm -rf "$stage"
mkdir -p "$stage" "$out"
rm -f "$out"/*.tgz "$out/CHECKS.md"
packed=()
for entry in "${matrix[@]}"; do
  IFS='|' read -r platform _ <<<"$entry"
  dir="$stage/$platform"
  cp -r "npm/$platform" "$dir"
  missing=0
  for file in $(node -p "require('./npm/$platform/package.json').files.join('\n')"); do
    if [[ -f "$work/build/$platform/$file" ]]; then
      cp "$work/build/$platform/$file" "$dir/"
    else
      missing=1
    fi
  done
  if ((missing)); then
    echo "cake-sdk-$platform: not built (run packaging/node/build.sh $platform)" >&2
    exit 1
  fi
  packed+=("$dir")
done

# The main package: the files package.json lists, and the platform packages as
# optionalDependencies at this version.
# The shared JS layer, bundled as lib/sdk.cjs (a build output, not in git).
make -s sdk
main="$stage/main"
mkdir -p "$main"
for file in $(node -p "require('./package.json').files.join('\n')"); do
  cp -r "${file%/}" "$main/"
done
node - "$main/package.json" "$version" <<'EOF'
const fs = require('node:fs');
const [file, version] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const optional = {};
for (const dir of fs.readdirSync('npm').sort()) {
  const platform = JSON.parse(fs.readFileSync(`npm/${dir}/package.json`, 'utf8'));
  if (platform.version !== version) throw new Error(`npm/${dir}: version ${platform.version}, not ${version}`);
  optional[platform.name] = version;
}
// What a consumer's npm needs: no development tooling.
delete pkg.devDependencies;
delete pkg.overrides;
delete pkg.scripts;
pkg.optionalDependencies = optional;
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
EOF
packed+=("$main")

for dir in "${packed[@]}"; do
  (cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done
echo "== $out"
ls -l "$out"
printf '%s\n' "${timings[@]}"
