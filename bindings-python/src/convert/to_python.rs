//! JSON from the core to Python values.

use super::cache::TextCache;
use super::{classes, Classes};
use cake_core::datetime::{CakeDate, CakeDateTime};
use cake_core::models::{value_kind, ValueKind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};
use serde_json::{Number, Value};

/// Converts a core answer to Python values: objects become dicts (the Python layer gives
/// them attribute access), fields named as money become `Decimal`, datetimes `datetime`.
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, None, true)
}

/// JSON as it is, for the wire format: no field turned into a datetime; numbers still
/// exact (whole numbers `int`, others `Decimal`).
pub fn to_py_plain<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, None, false)
}

/// One field of an object, as [`to_py`] converts it inside that object (its kind from its
/// name).
pub fn field_to_py<'py>(py: Python<'py>, name: &str, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    convert(py, value, value_kind(name), true)
}

fn convert<'py>(
    py: Python<'py>,
    value: &Value,
    kind: Option<ValueKind>,
    typed: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let classes = classes(py)?;
    match (value, kind) {
        (Value::Null, _) => Ok(py.None().into_bound(py)),
        (Value::Bool(b), _) => Ok(PyBool::new(py, *b).to_owned().into_any()),
        (Value::Number(n), Some(ValueKind::Money)) => decimal(py, classes, &n.to_string()),
        (Value::String(s), Some(ValueKind::Money)) => match cake_core::Decimal::from_str_exact(s) {
            Ok(_) => decimal(py, classes, s),
            Err(_) => Ok(PyString::new(py, s).into_any()),
        },
        (Value::String(s), Some(ValueKind::DateTime)) => match CakeDateTime::parse_lenient(s) {
            Some(dt) => datetime(py, classes, &dt),
            None => Ok(PyString::new(py, s).into_any()),
        },
        (Value::String(s), Some(ValueKind::Date)) => match CakeDate::parse_lenient(s) {
            Some(d) => date(py, classes, &d),
            None => Ok(PyString::new(py, s).into_any()),
        },
        (Value::Number(n), _) => number(py, classes, n),
        (Value::String(s), _) => Ok(PyString::new(py, s).into_any()),
        (Value::Array(items), _) => {
            let list = PyList::empty(py);
            for item in items {
                // A list of amounts (split) keeps its field's kind.
                list.append(convert(py, item, kind, typed)?)?;
            }
            Ok(list.into_any())
        }
        (Value::Object(map), _) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                let kind = if typed { value_kind(key) } else { None };
                dict.set_item(super::cache::key(py, key), convert(py, item, kind, typed)?)?;
            }
            Ok(dict.into_any())
        }
    }
}

/// Amounts repeat across rows and answers: each text's `Decimal` (immutable) is made once.
static DECIMALS: TextCache = TextCache::new(4096);

pub(super) fn decimal<'py>(
    py: Python<'py>,
    classes: &Classes,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    DECIMALS.get(py, text, || classes.decimal.bind(py).call1((text,)))
}

/// Whole numbers become `int` (any size); any other number a `Decimal`, never a float.
fn number<'py>(py: Python<'py>, classes: &Classes, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    if let Some(i) = n.as_i64() {
        return Ok(i.into_pyobject(py)?.into_any());
    }
    if let Some(u) = n.as_u64() {
        return Ok(u.into_pyobject(py)?.into_any());
    }
    let text = n.to_string();
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return py.get_type::<PyInt>().call1((text,));
    }
    decimal(py, classes, &text)
}

fn datetime<'py>(
    py: Python<'py>,
    classes: &Classes,
    dt: &CakeDateTime,
) -> PyResult<Bound<'py, PyAny>> {
    let d = dt.date();
    classes.datetime.bind(py).call1((
        d.year(),
        d.month(),
        d.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
    ))
}

fn date<'py>(py: Python<'py>, classes: &Classes, d: &CakeDate) -> PyResult<Bound<'py, PyAny>> {
    classes.date.bind(py).call1((d.year(), d.month(), d.day()))
}
