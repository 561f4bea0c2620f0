#!/usr/bin/env bash
# `make dist-python`: the Python distribution of cake-sdk, into $CAKE_DIST/python:
#   - one abi3 wheel (cp39-abi3: CPython >= 3.9) per platform, `maturin build --zig` from this
#     Linux x86_64 machine, in the workspace's `release-native` profile (release + strip):
#     manylinux2014 (glibc 2.17) and musllinux_1_2 for x86_64 and aarch64, macOS 10.12 x86_64
#     and 11.0 arm64, Windows x86_64 (windows-gnu: MSVC cannot be built offline, see
#     packaging/README.md);
#   - the sdist, with every crate it needs vendored (packaging/python/vendor_sdist.py), so
#     `pip install cake_sdk-*.tar.gz` builds with Rust alone, offline.
# Every build shares one cargo target dir ($CAKE_DIST_TARGET): a second run relinks nothing
# that has not changed. `build.sh <target triple>...` builds only those wheels (and no sdist),
# `build.sh --sdist-only` only the sdist (the release workflow's sdist job); either leaves the
# other artifacts in place.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="${CAKE_DIST:-$root/dist}/python"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
venv="$root/.venv-dist"
"$root/packaging/tools.sh"
# maturin finds zig as `python3 -m ziglang` with the first python3 on PATH: the tools' venv.
export PATH="$venv/bin:$PATH"
# Linker wrappers: maturin (its embedded cargo-zigbuild) writes them to
# ~/.cache/cargo-zigbuild/<version>/wrappers/<crc of the driving executable>/ and cargo
# fingerprints the linker path, so every build sharing $CARGO_TARGET_DIR must name the same
# executable or each invalidates the others' dependencies (the Node addons are built with
# cargo-zigbuild itself). CARGO_BIN_EXE_cargo-zigbuild sets it: .venv-dist/bin/maturin, whose
# `zig cc` / `ar` are cargo-zigbuild's. (A name with a dash: passed with env, not export.)
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The sdist's timestamps: the last commit's, so the same commit gives the same tarball.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

# triple | --compatibility | MACOSX_DEPLOYMENT_TARGET (the wheel tag's macOS version)
matrix=(
  "x86_64-unknown-linux-gnu|manylinux2014|"
  "aarch64-unknown-linux-gnu|manylinux2014|"
  "x86_64-unknown-linux-musl|musllinux_1_2|"
  "aarch64-unknown-linux-musl|musllinux_1_2|"
  "x86_64-apple-darwin||10.12"
  "aarch64-apple-darwin||11.0"
  "x86_64-pc-windows-gnu||"
)
sdist=yes
only=()
for arg in "$@"; do
  case "$arg" in
    --sdist-only) only=(none) ;;
    -*) echo "usage: build.sh [--sdist-only | <target triple>...]" >&2; exit 2 ;;
    *) sdist=no; only+=("$arg") ;;
  esac
done
version=$(python3 -c 'import tomllib;print(tomllib.load(open("'"$root"'/Cargo.toml","rb"))["workspace"]["package"]["version"])')
mkdir -p "$out"
if ((${#only[@]} == 0)); then
  rm -f "$out"/cake_sdk-*.whl "$out"/cake_sdk-*.tar.gz "$out/CHECKS.md"
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cd "$root/bindings-python"
# Windows (windows-gnu, linked by zig's lld in MinGW mode): the linker drops the export list
# rustc hands it and, with nothing marked for export, exports every symbol (~6,000; then none
# of them can be garbage-collected). maturin 1.16 works around it with a .def it writes to
# $CARGO_TARGET_DIR/maturin/<module-name>.def, but for a module inside a package that .def
# exports `PyInit_cake_sdk._core`, which does not exist, and lld stops ("undefined symbol").
# So: a directory in that file's place (maturin warns and skips it), and our own .def
# (windows-exports.def: PyInit__core only) through the target's RUSTFLAGS. check.py verifies
# the PE's export table.
module=$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["tool"]["maturin"]["module-name"])')
bad_def="$CARGO_TARGET_DIR/maturin/$module.def"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=$here/windows-exports.def"
# mimalloc's C (the extension's allocator) prints __DATE__ in its verbose banner; zig's clang
# makes that an error (-Werror=date-time), and libmimalloc-sys turns it back into a warning on
# every target family but Windows (it expects MSVC there).
export CFLAGS_x86_64_pc_windows_gnu="-Wno-error=date-time"
timings=()
for entry in "${matrix[@]}"; do
  IFS='|' read -r triple compat macos <<<"$entry"
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $triple "* ]]; then continue; fi
  args=(--profile release-native --zig --target "$triple" --out "$stage/$triple")
  [[ -n "$compat" ]] && args+=(--compatibility "$compat")
  if [[ "$triple" == *-windows-gnu ]]; then
    [[ -d "$bad_def" ]] || { rm -f "$bad_def"; mkdir -p "$bad_def"; }
  fi
  start=$SECONDS
  echo "== wheel for $triple"
  env ${macos:+MACOSX_DEPLOYMENT_TARGET="$macos"} "CARGO_BIN_EXE_cargo-zigbuild=$venv/bin/maturin" \
    maturin build "${args[@]}"
  wheels=("$stage/$triple/cake_sdk-$version-"*.whl)
  ((${#wheels[@]} == 1)) || { echo "expected one wheel for $triple, got: ${wheels[*]}" >&2; exit 1; }
  rm -f "$out/$(basename "${wheels[0]}")"
  mv "${wheels[0]}" "$out/"
  timings+=("$triple: $((SECONDS - start)) s")
done

if [[ "$sdist" == yes ]]; then
  start=$SECONDS
  echo "== sdist (crates vendored)"
  maturin sdist --out "$stage/sdist"
  "$venv/bin/python" "$here/vendor_sdist.py" "$stage/sdist/cake_sdk-$version.tar.gz" "$out"
  timings+=("sdist: $((SECONDS - start)) s")
fi

printf '%s\n' "${timings[@]}"
ls -l "$out"
