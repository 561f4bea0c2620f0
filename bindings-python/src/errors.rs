//! Core errors become the exceptions of `cake_sdk.errors` (one class per stable code), built
//! from `Error::to_json()` so every field the core knows reaches Python.

use crate::convert;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The exception for a core error. The Python classes live in `cake_sdk.errors`; if that
/// module cannot be imported (the extension used on its own), a RuntimeError carries the
/// message.
pub fn to_pyerr(py: Python<'_>, error: &cake_core::Error) -> PyErr {
    let data = error.to_json();
    let built = (|| -> PyResult<PyErr> {
        let data = convert::to_py(py, &data)?;
        let exception = py
            .import("cake_sdk.errors")?
            .call_method1("_from_core", (data,))?;
        Ok(PyErr::from_value(exception))
    })();
    built.unwrap_or_else(|_| PyRuntimeError::new_err(error.to_string()))
}

/// A finished call, converted to Python once the GIL is held: the value, or the exception
/// for the core's error. Awaitables resolve with this.
pub struct Outcome(pub Result<serde_json::Value, cake_core::Error>);

impl<'py> IntoPyObject<'py> for Outcome {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        match self.0 {
            Ok(value) => convert::to_py(py, &value),
            Err(error) => Err(to_pyerr(py, &error)),
        }
    }
}

/// A problem with how the SDK is used (not a CAKE error): `cake_sdk.errors.CakeError` with
/// code "usage".
pub fn misuse(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| {
        let built = (|| -> PyResult<PyErr> {
            let class = py.import("cake_sdk.errors")?.getattr("CakeError")?;
            Ok(PyErr::from_value(class.call1((message.clone(),))?))
        })();
        built.unwrap_or_else(|_| PyRuntimeError::new_err(message))
    })
}

/// A validation error made of one issue, for a core function that answers with an `Issue`.
pub fn issue_error(py: Python<'_>, issue: cake_core::Issue) -> PyErr {
    to_pyerr(py, &cake_core::Error::validation(vec![issue]))
}
