//! The tokio runtime every call runs on, one per process: after `os.fork()` the child's copy
//! of the parent's runtime has no worker threads, so the child builds its own instead of
//! hanging on the dead one.

use pyo3::prelude::*;
use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

struct Current {
    pid: u32,
    runtime: &'static Runtime,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);

/// How often a blocking call wakes up to let Ctrl-C through.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// This process's runtime, built on first use (and again in a forked child).
pub fn get() -> Result<&'static Runtime, String> {
    let pid = std::process::id();
    let mut current = CURRENT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = current.as_ref().filter(|c| c.pid == pid) {
        return Ok(found.runtime);
    }
    // A parent's runtime is leaked, not dropped: dropping it would wait for threads that do
    // not exist in this process.
    let runtime = Builder::new_multi_thread()
        .thread_name("cake-sdk")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))?;
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *current = Some(Current { pid, runtime });
    Ok(runtime)
}

/// Runs `future` to completion with the GIL released, waking every 100 ms to check for
/// signals so Ctrl-C interrupts a long call (the future is dropped, the request abandoned).
pub fn block_on<F>(py: Python<'_>, future: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(crate::errors::misuse(
            "a blocking cake_sdk call cannot run inside the SDK's own callbacks or runtime; use AsyncClient there",
        ));
    }
    let runtime = get().map_err(crate::errors::misuse)?;
    let mut future = std::pin::pin!(future);
    loop {
        let step = py.detach(|| {
            runtime.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut future).await })
        });
        match step {
            Ok(output) => return Ok(output),
            Err(_) => py.check_signals()?,
        }
    }
}
