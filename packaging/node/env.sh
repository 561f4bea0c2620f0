# Sourced by packaging/node/build.sh and check.sh (after packaging/tools.sh): the tools the
# Node builds need, from the registries only, each skipped when present.
#   - zig, from the ziglang wheel in .venv-dist: with .venv-dist/bin first on PATH and no `zig`
#     there, cargo-zigbuild runs `python3 -m ziglang`, the same zig maturin runs for the wheels;
#   - cargo-zigbuild (crates.io), which `napi build -x` runs for every non-Windows target,
#     pinned (0.24.0, the version maturin 1.16 embeds);
#   - bindings-node's npm packages (@napi-rs/cli, emnapi, ...): `make -C bindings-node setup`.
# shellcheck shell=bash
CARGO_ZIGBUILD_VERSION=0.24.0

# $root: the repository, set by the script that sources this.
# shellcheck disable=SC2154
node_tools() {
  export PATH="$root/.venv-dist/bin:$PATH"
  if [[ "$(cargo zigbuild --version 2>/dev/null)" != "cargo-zigbuild $CARGO_ZIGBUILD_VERSION" ]]; then
    cargo install cargo-zigbuild --version "$CARGO_ZIGBUILD_VERSION" --locked
  fi
  make -s -C "$root/bindings-node" setup
}
