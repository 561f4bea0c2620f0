//! The one conversion between Python values and the core's JSON, generic over every model:
//! money (and any fractional number) <-> `decimal.Decimal` from its exact text, datetimes and
//! dates <-> `datetime` objects where `cake_core::models::value_kind` says so, everything else
//! as JSON gives it. No float is ever on the way.

mod cache;
mod columns;
mod from_python;
mod to_python;

pub use columns::columns;
pub use from_python::to_json;
pub use to_python::{to_py, to_py_plain};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// The stdlib classes the conversion builds and recognises (cached: looked up once).
pub(crate) struct Classes {
    pub decimal: Py<PyAny>,
    pub datetime: Py<PyAny>,
    pub date: Py<PyAny>,
    pub mapping: Py<PyAny>,
    pub timezone_utc: Py<PyAny>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

pub(crate) fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let decimal = py.import("decimal")?;
        let datetime = py.import("datetime")?;
        let abc = py.import("collections.abc")?;
        Ok(Classes {
            decimal: decimal.getattr("Decimal")?.unbind(),
            datetime: datetime.getattr("datetime")?.unbind(),
            date: datetime.getattr("date")?.unbind(),
            mapping: abc.getattr("Mapping")?.unbind(),
            timezone_utc: datetime.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}
