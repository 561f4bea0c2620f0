//! The two things the client needs from a runtime, for tokio (natively and under WASI, where
//! napi-rs runs one) and for the browser: a timer that really waits (backoff must sleep in the
//! browser too) and a clock for elapsed time. "The browser" is wasm32-unknown-unknown; WASI has
//! `std::time::Instant`, and a timer of its own (`wasi_timer.rs`: tokio's must not be used there).

use std::time::Duration;

/// Waits `duration`: tokio's timer natively, one JS timeout for all sleeps in the browser (see
/// `browser_timer.rs`), and under WASI a thread of core's (see `wasi_timer.rs`; code running
/// on tokio under WASI must wait with this, never with `tokio::time`).
#[cfg(not(any(all(target_arch = "wasm32", target_os = "unknown"), target_os = "wasi")))]
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub async fn sleep(duration: Duration) {
    super::browser_timer::sleep(duration).await;
}

#[cfg(target_os = "wasi")]
pub async fn sleep(duration: Duration) {
    super::wasi_timer::sleep(duration).await;
}

/// Measures elapsed time (monotonic; in the browser, where `std::time::Instant` does not
/// exist, the JS clock the timer's deadlines are on: `browser_timer::now_micros`).
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    start: std::time::Instant,
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    start_us: Option<u64>,
}

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch {
            #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
            start: std::time::Instant::now(),
            #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
            start_us: super::browser_timer::now_micros(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        {
            self.start.elapsed()
        }
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        {
            // No JS clock at all (no known host lacks one): nothing has elapsed.
            match (self.start_us, super::browser_timer::now_micros()) {
                (Some(start), Some(now)) => Duration::from_micros(now.saturating_sub(start)),
                _ => Duration::ZERO,
            }
        }
    }
}

/// A small, seedless source of jitter (splitmix64 over the clock and a counter); backoff
/// only needs spread, not secrecy.
pub fn jitter_fraction() -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let clock = crate::datetime::now_unix_millis().unsigned_abs();
    let mut z = COUNTER
        .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        .wrapping_add(clock);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}
