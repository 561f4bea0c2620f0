//! cake-node: the Node.js binding of cake-sdk. It translates and nothing else: values cross
//! the boundary as JSON text (so money keeps its exact decimal text on the way in and out),
//! results and errors come back as one JSON envelope each, and the JS layer in `lib/` turns
//! them into plain objects and `CakeError`s. Every rule lives in cake-core.

// Under cfg(test) napi registers nothing, so every exported function would look unused.
#![cfg_attr(test, allow(dead_code))]

// napi-rs runs futures on wasm only when built with `--cfg tokio_unstable` (its tokio runtime
// then has threads; without it every async call is rejected): packaging/node/build.sh sets it.
#[cfg(all(target_family = "wasm", feature = "client", not(tokio_unstable)))]
compile_error!("the WebAssembly build with the client needs RUSTFLAGS=\"--cfg tokio_unstable\"");

// Client CPU per read (5,000 at concurrency 64, task-clock): 45.3 -> 38.2 us with mimalloc. The
// WebAssembly fallback keeps its own allocator.
#[cfg(not(target_family = "wasm"))]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Features "client" and "mock", in every build: the WebAssembly fallback sends through JS
// (transport.rs) and serves the mock from node:http (mock.rs).
#[cfg(feature = "client")]
mod cancel;
#[cfg(feature = "client")]
mod client;
#[cfg(all(feature = "client", not(target_family = "wasm")))]
mod completions;
mod envelope;
mod functions;
mod logging;
#[cfg(feature = "mock")]
mod mock;
#[cfg(feature = "client")]
mod options;
#[cfg(feature = "client")]
mod pager;
#[cfg(feature = "client")]
mod progress;
mod tracking;
#[cfg(feature = "client")]
mod transport;
