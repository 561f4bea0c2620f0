//! cake-wasm: cake-core for browsers and bundlers (npm package `cake-sdk-wasm`).
//!
//! This crate is the raw layer: every export takes and gives JSON text (or plain issue
//! objects), and the typed ES module in `js/` wraps it. JSON text keeps money exact across the
//! boundary (serde_json has `arbitrary_precision`, which serde-wasm-bindgen would turn into odd
//! maps). Every rule lives in core; this crate converts and maps errors, nothing else.
//!
//! Feature `client` (default) adds the fetch client; without it this is the validation-only
//! build (validation, payout functions, sans-IO wire format; no HTTP).

mod buffers;
mod envelope;
mod json;
mod money;
mod panic;
mod validation;
#[cfg(feature = "wire")]
mod wire;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod executor;

/// lol_alloc's free list instead of dlmalloc: the size budget (see Cargo.toml). Locked, not
/// `AssumeSingleThreaded`: that one needs `unsafe`, which the workspace forbids.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
