//! Which process this is, for the state a forked child must not share with its parent (the
//! runtime, HTTP clients, loop queues, mocks). A counter that `os.register_at_fork` bumps in
//! every child, read with one atomic load: `std::process::id()` is a getpid system call, and
//! three of them per call were 20% of the asyncio loop thread's time (py-spy, 5,000 reads at
//! concurrency 64 on this VM). Python's fork (`os.fork`, multiprocessing's "fork" start
//! method) runs these hooks before the child runs any Python code.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::atomic::{AtomicU32, Ordering};

static GENERATION: AtomicU32 = AtomicU32::new(0);

/// This process: equal for every caller in one process, different in a forked child.
pub fn current() -> u32 {
    GENERATION.load(Ordering::Acquire)
}

/// Run by `os.register_at_fork(after_in_child=...)`.
#[pyfunction]
fn forked() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// Registers the hook; done once, at import.
pub fn watch_forks(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let hook = wrap_pyfunction!(forked, m)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("after_in_child", hook)?;
    // Not on every platform (Windows has no fork, and nothing to watch).
    let os = py.import("os")?;
    if os.hasattr("register_at_fork")? {
        os.getattr("register_at_fork")?.call((), Some(&kwargs))?;
    }
    Ok(())
}
