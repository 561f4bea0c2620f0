//! Forwards the core's `log` records (target `cake_sdk`) to Python's `logging` logger
//! "cake_sdk". Records come from tokio threads: the GIL is taken only for the call, never
//! held while waiting on anything, and not at all while Python is shutting down.
//!
//! Asking Python per record would take the GIL on a runtime thread for every attempt, even
//! when nothing listens. So the levels Python would let through are kept here (as `log`'s
//! max level, checked before a record is even formatted) and dropped when Python's own cache
//! of them is: `cake_sdk._log_levels` hooks `logging`'s cache clearing (every `setLevel`,
//! `logging.disable`, `dictConfig`), which calls [`levels_changed`]. Until that hook is in
//! place, or after a change, every record asks Python as before.

use log::{Level, LevelFilter, Log, Metadata, Record};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

struct PythonLogger;

static LOGGER: PythonLogger = PythonLogger;
const TARGET: &str = "cake_sdk";

/// What is known of Python's levels: a generation (bumped on every change) above
/// [`KNOWN`], set when `log`'s max level holds the levels of that generation. Only the
/// hook's owner (the Python package) turns [`HOOKED`] on.
static STATE: AtomicU64 = AtomicU64::new(0);
const HOOKED: u64 = 1;
const KNOWN: u64 = 2;
const GENERATION: u64 = 4;

/// `logging.getLogger`, looked up once.
static GET_LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Installs the forwarder once (another `log` logger already set is left alone).
pub fn install() {
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}

/// Python's levels may have changed: every record asks Python again until they are read.
/// Called by the hook with the GIL held, after the change.
#[pyfunction]
pub fn log_levels_changed() {
    let _ = STATE.fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
        Some((s & !KNOWN).wrapping_add(GENERATION))
    });
    log::set_max_level(LevelFilter::Debug);
}

/// The hook is in place: from now on the levels read from Python are trusted until
/// [`log_levels_changed`] says otherwise.
#[pyfunction]
pub fn log_levels_hooked(py: Python<'_>) {
    STATE.fetch_or(HOOKED, Ordering::AcqRel);
    log_levels_changed();
    refresh(py);
}

/// Whether records below Python's level are dropped here, without asking Python (for tests).
#[pyfunction]
pub fn log_levels_known() -> bool {
    STATE.load(Ordering::Acquire) & KNOWN != 0
}

/// Reads Python's levels if they changed since last read (cheap when they did not: one
/// atomic load). Called where the GIL is held anyway (a call starting).
pub fn refresh(py: Python<'_>) {
    let state = STATE.load(Ordering::Acquire);
    if state & HOOKED == 0 || state & KNOWN != 0 {
        return;
    }
    let Ok(filter) = python_filter(py) else {
        return; // unreadable: every record keeps asking Python
    };
    // Python code ran above (and may have released the GIL): if the levels changed in the
    // meantime, what was read may be stale, and the next record reads them again.
    if STATE
        .compare_exchange(state, state | KNOWN, Ordering::AcqRel, Ordering::Acquire)
        .is_ok()
    {
        log::set_max_level(filter);
    }
}

fn logger(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let get = GET_LOGGER.get_or_try_init(py, || {
        PyResult::Ok(py.import("logging")?.getattr("getLogger")?.unbind())
    })?;
    get.bind(py).call1((TARGET,))
}

/// The most verbose level Python's "cake_sdk" logger lets through, computed as
/// `Logger.isEnabledFor` does and caches (its effective level and `logging.disable`), but
/// leaving out `Logger.disabled`, which is checked per record since changing it clears no
/// cache.
fn python_filter(py: Python<'_>) -> PyResult<LevelFilter> {
    let logger = logger(py)?;
    let effective: i64 = logger.call_method0("getEffectiveLevel")?.extract()?;
    let disabled_up_to: i64 = logger.getattr("manager")?.getattr("disable")?.extract()?;
    let lets_through = |level: Level| {
        let number = python_level(level);
        number >= effective && number > disabled_up_to
    };
    Ok([Level::Debug, Level::Info, Level::Warn, Level::Error]
        .into_iter()
        .find(|level| lets_through(*level))
        .map_or(LevelFilter::Off, |level| level.to_level_filter()))
}

fn python_level(level: Level) -> i64 {
    match level {
        Level::Error => 40,
        Level::Warn => 30,
        Level::Info => 20,
        Level::Debug | Level::Trace => 10,
    }
}

impl Log for PythonLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == TARGET || metadata.target().starts_with("cake_sdk::")
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let level = python_level(record.level());
        let message = record.args().to_string();
        let _ = Python::try_attach(|py| -> PyResult<()> {
            refresh(py);
            let logger = logger(py)?;
            if logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
                logger.call_method1("log", (level, "%s", message))?;
            }
            Ok(())
        });
    }

    fn flush(&self) {}
}
