//! Counts native calls in flight, so tests can prove that an aborted call's Rust future was
//! really dropped (not left running after its Promise settled).

use std::sync::atomic::{AtomicU32, Ordering};

static IN_FLIGHT: AtomicU32 = AtomicU32::new(0);

/// Held by a running future; dropping the future drops the guard.
#[cfg(feature = "client")]
pub struct InFlight;

#[cfg(feature = "client")]
impl InFlight {
    pub fn enter() -> Self {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        InFlight
    }
}

#[cfg(feature = "client")]
impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Native futures currently alive (for the test suite).
#[napi_derive::napi]
pub fn in_flight() -> u32 {
    IN_FLIGHT.load(Ordering::SeqCst)
}
