//! `CoreMock`: the Rust mock server (`cake-mock`) in-process on its own thread, behind
//! `cake_sdk.testing.MockServer`.

use crate::convert;
use cake_mock::{BackgroundMock, FaultKind, FaultRule, MockConfig};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use serde_json::Value;
use std::sync::{Mutex, PoisonError};

#[pyclass(module = "cake_sdk._core", frozen)]
pub struct CoreMock {
    process: u32,
    mock: Mutex<Option<BackgroundMock>>,
    url: String,
    api_key: String,
}

/// Entities converted like results (Decimal money, datetimes).
fn json<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(convert::to_py(py, &value)?.unbind())
}

/// Wire data as it was received (text stays text; numbers exact).
fn plain<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(convert::to_py_plain(py, &value)?.unbind())
}

/// Every fault kind the mock has, by the name a rule gives it, in the order its docs list them.
#[pyfunction]
pub fn fault_kinds() -> Vec<&'static str> {
    FaultKind::ALL.iter().map(|kind| kind.name()).collect()
}

impl CoreMock {
    fn with<R>(&self, f: impl FnOnce(&BackgroundMock) -> R) -> PyResult<R> {
        let mock = self.mock.lock().unwrap_or_else(PoisonError::into_inner);
        match mock.as_ref() {
            Some(mock) if self.process == crate::process::current() => Ok(f(mock)),
            Some(_) => Err(PyOSError::new_err(
                "the mock server runs in the parent process; start another one in this process",
            )),
            None => Err(PyOSError::new_err("the mock server is stopped")),
        }
    }
}

#[pymethods]
impl CoreMock {
    /// Starts a mock on 127.0.0.1 on a free port (or `port`).
    #[new]
    #[pyo3(signature = (api_key=None, seed=None, port=0))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        seed: Option<u64>,
        port: u16,
    ) -> PyResult<Self> {
        let defaults = MockConfig::default();
        let config = MockConfig {
            api_key: api_key.unwrap_or(defaults.api_key),
            seed: seed.unwrap_or(defaults.seed),
            port,
        };
        let mock = py
            .detach(|| BackgroundMock::start(config))
            .map_err(|e| PyOSError::new_err(format!("cannot start the mock server: {e}")))?;
        Ok(CoreMock {
            process: crate::process::current(),
            url: mock.url(),
            api_key: mock.api_key().to_owned(),
            mock: Mutex::new(Some(mock)),
        })
    }

    #[getter]
    fn url(&self) -> String {
        self.url.clone()
    }

    #[getter]
    fn api_key(&self) -> String {
        self.api_key.clone()
    }

    fn __repr__(&self) -> String {
        format!("MockServer(url={:?})", self.url)
    }

    /// Forgets every entity, request and fault.
    fn reset(&self) -> PyResult<()> {
        self.with(|m| m.reset())
    }

    /// Adds a fault rule (`{"operation", "kind", "times" | "probability" + "seed", "delay_ms",
    /// "retry_after", "row_cap", "total_rows", "in_errors"}`), as the mock's `/_mock/faults` reads it.
    fn add_fault(&self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
        let rule: FaultRule = serde_json::from_value(convert::to_json(rule)?)
            .map_err(|e| PyValueError::new_err(format!("not a fault rule: {e}")))?;
        self.with(|mock| mock.add_fault(rule))?
            .map_err(PyValueError::new_err)
    }

    fn clear_faults(&self) -> PyResult<()> {
        self.with(|m| m.clear_faults())
    }

    /// Each rule and how often it fired.
    fn fault_stats(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.with(|m| m.fault_stats())?)
    }

    /// Every API request received, in order (the key masked).
    fn requests(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        plain(py, &self.with(|m| m.requests())?)
    }

    /// Every entity the mock holds.
    fn state(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.with(|m| m.state())?)
    }

    /// Creates entities in one go (`affiliates`, `offers`, `sub_affiliates`, `affiliate_offers`).
    fn seed(&self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let data: Value = convert::to_json(data)?;
        let created = self
            .with(|mock| mock.seed(data))?
            .map_err(PyValueError::new_err)?;
        json(py, &created)
    }

    /// Stops the server (later calls do nothing).
    fn stop(&self, py: Python<'_>) {
        let taken = self
            .mock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(mock) = taken {
            if self.process == crate::process::current() {
                py.detach(|| mock.stop());
            } else {
                // Its thread lives in the parent; joining it here would never return.
                std::mem::forget(mock);
            }
        }
    }
}

impl Drop for CoreMock {
    fn drop(&mut self) {
        if self.process != crate::process::current() {
            let taken = self
                .mock
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            std::mem::forget(taken);
        }
    }
}
