//! Python values made once per text and shared. Answers repeat themselves: the same few
//! field names in every object and every report row, the same amounts on many rows. Each
//! distinct text is made (and, for keys, hashed) once; both kinds are immutable, so sharing
//! one object is invisible except in memory and time.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use std::sync::{Mutex, PoisonError};

/// Values by their text, up to a bound: past it (a server inventing endless names or
/// amounts) values are made fresh each time, never an ever-growing cache.
pub struct TextCache {
    bound: usize,
    values: PyOnceLock<Mutex<foldhash::HashMap<Box<str>, Py<PyAny>>>>,
}

impl TextCache {
    pub const fn new(bound: usize) -> Self {
        TextCache {
            bound,
            values: PyOnceLock::new(),
        }
    }

    /// The value for `text`, made by `make` the first time.
    pub fn get<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        make: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let values = self.values.get_or_init(py, Default::default);
        if let Some(found) = values
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(text)
        {
            return Ok(found.bind(py).clone());
        }
        // Made outside the lock: making it may run Python code.
        let made = make()?;
        let mut values = values.lock().unwrap_or_else(PoisonError::into_inner);
        if values.len() < self.bound {
            values.insert(text.into(), made.clone().unbind());
        }
        Ok(made)
    }
}

/// Enough for every field the reference defines and then some.
static KEYS: TextCache = TextCache::new(2048);

/// The Python string for the key `name` (interned: its hash is kept, and it is the very
/// object Python code naming the field uses).
pub fn key<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    let made = KEYS.get(py, name, || Ok(PyString::intern(py, name).into_any()));
    match made.map(|key| key.cast_into::<PyString>()) {
        Ok(Ok(key)) => key,
        _ => PyString::intern(py, name),
    }
}
