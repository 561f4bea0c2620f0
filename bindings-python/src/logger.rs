//! Forwards the core's `log` records (target `cake_sdk`) to Python's `logging` logger
//! "cake_sdk". Records come from tokio threads: the GIL is taken only for the call, never
//! held while waiting on anything, and not at all while Python is shutting down.

use log::{Level, LevelFilter, Log, Metadata, Record};
use pyo3::prelude::*;

struct PythonLogger;

static LOGGER: PythonLogger = PythonLogger;
const TARGET: &str = "cake_sdk";

/// Installs the forwarder once (another `log` logger already set is left alone).
pub fn install() {
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}

fn python_level(level: Level) -> u8 {
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
            let logger = py.import("logging")?.call_method1("getLogger", (TARGET,))?;
            if logger.call_method1("isEnabledFor", (level,))?.is_truthy()? {
                logger.call_method1("log", (level, "%s", message))?;
            }
            Ok(())
        });
    }

    fn flush(&self) {}
}
