//! Python call parameters to JSON for the core.

use super::classes;
use crate::errors::to_pyerr;
use cake_core::validate::{code, MAX_NESTING};
use cake_core::Issue;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Converts call parameters to JSON for the core to check. Numbers keep their exact text
/// (`Decimal` via `str`, float via `repr`); a bool stays a bool (the core reports it as the
/// wrong type, not as 1); `date`/`datetime` become the reference's text; `None` is null,
/// which the core reads as "not given".
pub fn to_json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json_at(value, 0)
}

/// Deeper than the core's limit is refused before it can exhaust the stack (here, or in
/// serde_json's recursive drop).
fn too_deep(py: Python<'_>) -> PyErr {
    let issue = Issue::error(
        "",
        code::INVALID_TYPE,
        format!("parameters nest more than {MAX_NESTING} levels deep"),
    );
    to_pyerr(py, &cake_core::Error::validation(vec![issue]))
}

fn to_json_at(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    let py = value.py();
    if depth > MAX_NESTING {
        return Err(too_deep(py));
    }
    if let Some(converted) = exact_builtin(value, depth)? {
        return Ok(converted);
    }
    let classes = classes(py)?;
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    // The base types' own text, so subclasses (IntEnum, numpy floats) print as numbers.
    if value.is_instance_of::<PyInt>() {
        let text = py.get_type::<PyInt>().call_method1("__repr__", (value,))?;
        return Ok(exact_number(&text.extract::<String>()?));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        let text = py
            .get_type::<PyFloat>()
            .call_method1("__repr__", (value,))?;
        if !float.value().is_finite() {
            return Ok(non_finite(&text.extract::<String>()?));
        }
        return Ok(exact_number(&text.extract::<String>()?));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if value.is_instance(classes.decimal.bind(py))? {
        return Ok(exact_number(&value.str()?.to_cow()?));
    }
    if value.is_instance(classes.datetime.bind(py))? {
        // An aware datetime is written in UTC, as the core reads an ISO offset.
        let naive = if value.getattr("tzinfo")?.is_none() {
            value.clone()
        } else {
            value
                .call_method1("astimezone", (classes.timezone_utc.bind(py),))?
                .call_method1("replace", ())?
        };
        let text = naive.call_method1("strftime", ("%Y-%m-%d %H:%M:%S",))?;
        return Ok(Value::String(text.extract()?));
    }
    if value.is_instance(classes.date.bind(py))? {
        return Ok(Value::String(value.call_method0("isoformat")?.extract()?));
    }
    if value.is_instance(classes.mapping.bind(py))? {
        let mut map = Map::new();
        for item in value.call_method0("items")?.try_iter()? {
            let (key, item): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("parameter names must be strings"))?;
            map.insert(key.to_cow()?.into_owned(), to_json_at(&item, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value
            .try_iter()?
            .map(|item| to_json_at(&item?, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    // numpy and friends: integers that say so.
    if let Ok(index) = value.call_method0("__index__") {
        return Ok(exact_number(&index.str()?.to_cow()?));
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a value of type {}",
        value.get_type().name()?
    )))
}

/// The exact built-in types parameters almost always are, read without calling Python:
/// the same JSON the general path below gives them (an int's text is its decimal digits,
/// as `int.__repr__` writes them). None for anything else, and for an int beyond i64,
/// which the general path writes from its text.
fn exact_builtin(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Option<Value>> {
    if let Ok(text) = value.cast_exact::<PyString>() {
        return Ok(Some(Value::String(text.to_cow()?.into_owned())));
    }
    if value.is_none() {
        return Ok(Some(Value::Null));
    }
    if let Ok(flag) = value.cast_exact::<PyBool>() {
        return Ok(Some(Value::Bool(flag.is_true())));
    }
    if let Ok(int) = value.cast_exact::<PyInt>() {
        return Ok(int.extract::<i64>().ok().map(|n| Value::Number(n.into())));
    }
    if let Ok(given) = value.cast_exact::<PyDict>() {
        // A copy is iterated: converting a value may run Python code (`__index__`, `__str__`)
        // that changes the caller's dict under the iteration. A change of size is refused as
        // iterating the dict itself refuses it.
        let dict = given.copy()?;
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("parameter names must be strings"))?;
            map.insert(key.to_cow()?.into_owned(), to_json_at(&item, depth + 1)?);
            if given.len() != dict.len() {
                return Err(PyRuntimeError::new_err(
                    "dictionary changed size during iteration",
                ));
            }
        }
        return Ok(Some(Value::Object(map)));
    }
    if let Ok(list) = value.cast_exact::<PyList>() {
        let items = list
            .iter()
            .map(|item| to_json_at(&item, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Some(Value::Array(items)));
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        let items = tuple
            .iter()
            .map(|item| to_json_at(&item, depth + 1))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Some(Value::Array(items)));
    }
    Ok(None)
}

/// JSON has no NaN or Infinity. Null would read as "not given" and text would pass as a
/// name, so a non-finite float becomes an object: the wrong type for every parameter, so the
/// core reports `invalid_type` on exactly that field.
fn non_finite(text: &str) -> Value {
    let mut marker = Map::new();
    marker.insert(
        "non_finite_number".to_owned(),
        Value::String(text.to_owned()),
    );
    Value::Object(marker)
}

/// A JSON number with exactly this text, or the text as a string when it is not a JSON
/// number (NaN, Infinity): the core then reports it as the wrong type.
fn exact_number(text: &str) -> Value {
    match text.parse::<Number>() {
        Ok(number) => Value::Number(number),
        Err(_) => Value::String(text.to_owned()),
    }
}
