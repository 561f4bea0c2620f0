# cake-sdk: `make demo` (the end-to-end example) and `make test` (every suite, every language).
# Both install what they need on a fresh machine (apt, rustup target, cargo install, pip, npm).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export CARGO_TERM_COLOR ?= never
export DEBIAN_FRONTEND := noninteractive

.PHONY: demo test lint test-rust wasm-core test-python test-node test-wasm test-js demo-web bench fuzz soak setup generate

demo:
	$(MAKE) -C bindings-python demo

test: lint test-rust test-python test-node test-wasm test-js

setup:
	$(MAKE) -C bindings-python setup
	$(MAKE) -C bindings-node setup
	$(MAKE) -C bindings-wasm setup

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc -p cake-sdk-core -p cake-mock --no-deps --quiet
	python3 packaging/check_version.py
	packaging/actionlint.sh
	cargo run -q -p cake-codegen -- --check

# Rewrites the files generated from core's description of the API (core/src/schema).
generate:
	cargo run -q -p cake-codegen

# Core and mock: unit tests, property tests, every vector, the client against a live mock.
test-rust: wasm-core
	cargo test

wasm-core:
	rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo build -p cake-sdk-core --no-default-features --target wasm32-unknown-unknown
	cargo build -p cake-sdk-core --target wasm32-unknown-unknown

test-python:
	$(MAKE) -C bindings-python test

test-node:
	$(MAKE) -C bindings-node test

test-wasm:
	$(MAKE) -C bindings-wasm test

# The one JS layer's suite (js/test) on both engines, and the two engines compared byte for
# byte (js/agree). Both packages (built by test-node and test-wasm) and the cake-mock binary.
test-js: test-node test-wasm
	cargo build -q -p cake-mock
	$(MAKE) -C js test

demo-web:
	$(MAKE) -C bindings-wasm demo-web

# `make bench` (not part of `make test`): release builds of everything measured, the benchmark's
# own dependencies (the alternatives users would pick: in .venv and bench/node only), the
# validation payloads, then bench/run.py: one table in bench/RESULTS.md. The wasm package is
# built when bindings-wasm can be; if not, its rows are skipped with a note.
# `make test` afterwards puts the debug builds back (maturin develop, napi build).
BENCH_VENV := $(CURDIR)/.venv
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_PIP := $(BENCH_PY) -m pip --disable-pip-version-check
# Pinned so runs compare; sniffio: without it httpcore retries a failing import on every
# request (a filesystem scan per call) and httpx would look about 4x slower than it is.
BENCH_PY_ALTERNATIVES := httpx==0.28.1 sniffio==1.3.1 aiohttp==3.14.5 requests==2.34.2 pydantic==2.14.3
.PHONY: bench-build bench-python bench-node bench-wasm bench-deps

bench: bench-build bench-deps bench/data/validation_payloads.json
	$(BENCH_PY) bench/run.py

bench-build: bench-python bench-node bench-wasm
	cargo build --release -p cake-mock -p cake-bench

# The release abi3 wheel, installed over whatever `maturin develop` put in .venv.
bench-python:
	$(MAKE) -C bindings-python setup wheel
	$(BENCH_PIP) install -q --force-reinstall --no-deps "$$(ls -t target/python/wheels/cake_sdk-*.whl | head -n 1)"

bench-node:
	$(MAKE) -C bindings-node release

bench-wasm:
	@$(MAKE) -C bindings-wasm setup build \
		|| echo "NOTE: bindings-wasm did not build; make bench skips the wasm rows (see above)"

bench-deps:
	$(BENCH_PIP) install -q $(BENCH_PY_ALTERNATIVES)
	cd bench/node && npm install --no-audit --no-fund --loglevel=error

bench/data/validation_payloads.json: bench/gen_payloads.py
	$(BENCH_PY) bench/gen_payloads.py

# Not part of `make test`: about 10 million executions across three cargo-fuzz targets.
fuzz:
	fuzz/run.sh

# Not part of `make test` (which runs short versions): the fault soak in each language, 2,000
# mixed bulk writes under >= 20% injected faults of every kind (Rust, Python, Node, and the
# browser package's client run in Node against the cake-mock binary), and
# 20,000 calls at concurrency 256 in 4 rounds from Python's AsyncClient and Node's Client with
# RSS per round, all on 127.0.0.1. Sizes: CAKE_SOAK_ITEMS, CAKE_LOAD_ROUNDS, CAKE_LOAD_REQUESTS.
soak: export CAKE_SOAK_ITEMS ?= 2000
soak: export CAKE_LOAD_ROUNDS ?= 4
soak: export CAKE_LOAD_REQUESTS ?= 5000
soak:
	cargo test -p cake-sdk-core --test client_bulk soak_2000_writes_under_faults_creates_nothing_twice -- --nocapture
	$(MAKE) -C bindings-python setup build
	cd bindings-python && $(CURDIR)/.venv/bin/python -m pytest -q -p no:cacheprovider tests/test_soak.py tests/test_memory.py
	$(MAKE) -C bindings-node build
	cd bindings-node && node --test --test-reporter=spec test/memory.test.mjs
	$(MAKE) -C bindings-wasm setup build
	cargo build -q -p cake-mock
	cd js && CAKE_ENGINE=native node --test --test-reporter=spec test/soak.test.mjs
	cd js && CAKE_ENGINE=wasm node --test --test-reporter=spec test/soak.test.mjs

# `make dist` (not part of `make test`): every artifact a release publishes, into dist/, built
# on this Linux x86_64 machine without docker, with tools from the package registries only
# (packaging/tools.sh): abi3 wheels for every platform and an sdist (dist/python), the Node
# package with one package per platform and the wasi fallback (dist/node), the browser package
# (dist/wasm), and the crates (dist/crates). One target dir for all of it (target/dist), so
# repeated runs rebuild only what changed. `make dist-check` proves each artifact with tools
# and runs what can run here. See packaging/README.md.
.PHONY: dist dist-check dist-tools dist-python dist-node dist-wasm dist-crates \
	dist-check-python dist-check-node dist-check-wasm dist-check-crates version-check
export CAKE_DIST := $(CURDIR)/dist
export CAKE_DIST_TARGET := $(CURDIR)/target/dist

dist: version-check dist-tools dist-python dist-node dist-wasm dist-crates

dist-check: version-check dist-tools dist-check-python dist-check-node dist-check-wasm dist-check-crates

version-check:
	python3 packaging/check_version.py

dist-tools:
	packaging/tools.sh

dist-python:
	packaging/python/build.sh

dist-node:
	packaging/node/build.sh

dist-wasm:
	packaging/wasm/build.sh

dist-crates:
	packaging/crates.sh

dist-check-python:
	packaging/python/check.sh

dist-check-node:
	packaging/node/check.sh

dist-check-wasm:
	packaging/wasm/check.sh

dist-check-crates:
	packaging/crates.sh --check
