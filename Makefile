# cake-sdk: `make demo` (the end-to-end example) and `make test` (every suite, every language).
# Both install what they need on a fresh machine (apt, rustup target, cargo install, pip, npm).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export CARGO_TERM_COLOR ?= never
export DEBIAN_FRONTEND := noninteractive

.PHONY: demo test lint test-rust wasm-core test-python test-node test-wasm demo-web bench fuzz soak setup

demo:
	$(MAKE) -C bindings-python demo

test: lint test-rust test-python test-node test-wasm

setup:
	$(MAKE) -C bindings-python setup
	$(MAKE) -C bindings-node setup
	$(MAKE) -C bindings-wasm setup

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -p cake-core -p cake-mock --no-deps --quiet

# Core and mock: unit tests, property tests, every vector, the client against a live mock.
test-rust: wasm-core
	cargo test

wasm-core:
	rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo build -p cake-core --no-default-features --target wasm32-unknown-unknown
	cargo build -p cake-core --target wasm32-unknown-unknown

test-python:
	$(MAKE) -C bindings-python test

test-node:
	$(MAKE) -C bindings-node test

test-wasm:
	$(MAKE) -C bindings-wasm test

demo-web:
	$(MAKE) -C bindings-wasm demo-web

# Not part of `make test`: about 10 million executions across three cargo-fuzz targets.
fuzz:
	fuzz/run.sh
