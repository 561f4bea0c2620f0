//! Seconds and counts from Python to the core's checked call options.

use cake_core::client::CallOptions;
use cake_core::Error;

/// Per-call (or constructor) timeout, retries and deadline; the core checks them and names
/// the keyword of any bad value.
pub fn call_options(
    timeout: Option<f64>,
    max_retries: Option<i64>,
    deadline: Option<f64>,
) -> Result<CallOptions, Error> {
    // An i64 beyond f64's exact range is far out of range anyway.
    CallOptions::from_parts(timeout, max_retries.map(|n| n as f64), deadline)
}
