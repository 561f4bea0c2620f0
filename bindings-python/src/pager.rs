//! `CorePager`: the core's `ReportPager` behind the report iterators, one page per call.
//! A pager started before `os.fork()` goes on in the child from the same row, through a
//! client rebuilt for the child (the parent's belongs to a runtime the child does not have).

use crate::errors::{misuse, to_pyerr};
use crate::{awaitable, convert, runtime};
use cake_core::client::{Reply, ReportPager};
use cake_core::models::SubAffiliateReportRow;
use cake_core::Error;
use pyo3::prelude::*;
use serde_json::{json, Value};
use std::sync::{Arc, PoisonError};
use tokio::sync::Mutex;

#[pyclass(module = "cake_sdk._core", frozen)]
pub struct CorePager {
    owned: std::sync::Mutex<Owned>,
}

struct Owned {
    pid: u32,
    pager: Arc<Mutex<ReportPager>>,
}

type Page = Result<Option<Reply<Vec<SubAffiliateReportRow>>>, Error>;

/// A page and what the pager knew right after it (or None after the last page).
struct Fetched {
    rows: Vec<SubAffiliateReportRow>,
    about: Value,
}

/// The page's rows, and `{total_rows, rows_fetched, done, warnings, meta}`.
fn fetched(page: Page, pager: &ReportPager) -> Result<Option<Fetched>, Error> {
    let Some(reply) = page? else {
        return Ok(None);
    };
    Ok(Some(Fetched {
        rows: reply.value,
        about: json!({
            "total_rows": pager.total_rows(),
            "rows_fetched": pager.rows_fetched(),
            "done": pager.is_done(),
            "warnings": reply.warnings,
            "meta": reply.meta.to_json(),
        }),
    }))
}

async fn next(pager: Arc<Mutex<ReportPager>>) -> Result<Option<Fetched>, Error> {
    let mut pager = pager.lock().await;
    let page = pager.next_page().await;
    fetched(page, &pager)
}

/// `{rows, total_rows, rows_fetched, done, warnings, meta}`, or None after the last page.
fn page_to_py<'py>(py: Python<'py>, page: Option<Fetched>) -> PyResult<Bound<'py, PyAny>> {
    let Some(Fetched { rows, about }) = page else {
        return Ok(py.None().into_bound(py));
    };
    let rows = rows.iter().map(SubAffiliateReportRow::to_json).collect();
    let mut page = serde_json::Map::new();
    page.insert("rows".to_owned(), Value::Array(rows));
    if let Value::Object(about) = about {
        page.extend(about);
    }
    convert::to_py(py, &Value::Object(page))
}

/// The same with `columns` (`[(name, values), ...]`, see [`convert::columns`]) and `count`
/// (the number of rows) in place of `rows`.
fn columns_to_py<'py>(py: Python<'py>, page: Option<Fetched>) -> PyResult<Bound<'py, PyAny>> {
    let Some(Fetched { rows, about }) = page else {
        return Ok(py.None().into_bound(py));
    };
    let converted = convert::to_py(py, &about)?;
    converted.set_item("columns", convert::columns(py, &rows)?)?;
    converted.set_item("count", rows.len())?;
    Ok(converted)
}

/// How a fetched page becomes Python once the GIL is held (on the caller's loop).
struct Converted(Result<Option<Fetched>, Error>, bool);

impl<'py> IntoPyObject<'py> for Converted {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        match (self.0, self.1) {
            (Ok(page), false) => page_to_py(py, page),
            (Ok(page), true) => columns_to_py(py, page),
            (Err(error), _) => Err(to_pyerr(py, &error)),
        }
    }
}

impl CorePager {
    pub fn new(pager: ReportPager) -> Self {
        CorePager {
            owned: std::sync::Mutex::new(Owned {
                pid: std::process::id(),
                pager: Arc::new(Mutex::new(pager)),
            }),
        }
    }

    /// This process's pager: in a forked child, the parent's position with a fresh client.
    fn current(&self) -> PyResult<Arc<Mutex<ReportPager>>> {
        let mut owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let pid = std::process::id();
        if owned.pid != pid {
            let fresh = match owned.pager.try_lock() {
                Ok(pager) => pager.fresh(),
                Err(_) => return Err(misuse(
                    "a page was being fetched when the process forked; start a new report iterator",
                )),
            };
            let fresh = fresh.map_err(|e| Python::attach(|py| to_pyerr(py, &e)))?;
            // Not dropped: its connection pool belongs to the parent's runtime.
            std::mem::forget(std::mem::replace(
                &mut owned.pager,
                Arc::new(Mutex::new(fresh)),
            ));
            owned.pid = pid;
        }
        Ok(Arc::clone(&owned.pager))
    }

    fn peek<T>(&self, read: impl FnOnce(&ReportPager) -> T, otherwise: T) -> T {
        let owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let peeked = owned.pager.try_lock().map(|p| read(&p));
        peeked.unwrap_or(otherwise)
    }
}

#[pymethods]
impl CorePager {
    /// The next page (blocking, GIL released), or None when the report is exhausted.
    fn next_page<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.current()?;
        Converted(runtime::block_on(py, next(pager))?, false).into_pyobject(py)
    }

    /// The same as `next_page`, as an awaitable.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.current()?;
        awaitable::awaitable(py, move || async move {
            Ok(Converted(next(pager).await, false))
        })
    }

    /// The next page column by column (for DataFrames), blocking: as `next_page`, with
    /// `columns` and `count` in place of `rows`.
    fn next_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.current()?;
        Converted(runtime::block_on(py, next(pager))?, true).into_pyobject(py)
    }

    /// The same as `next_columns`, as an awaitable.
    fn next_columns_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.current()?;
        awaitable::awaitable(
            py,
            move || async move { Ok(Converted(next(pager).await, true)) },
        )
    }

    /// The total the server announced (None before the first page, or when it gives none).
    #[getter]
    fn total_rows(&self) -> Option<u64> {
        self.peek(ReportPager::total_rows, None)
    }

    #[getter]
    fn rows_fetched(&self) -> u64 {
        self.peek(ReportPager::rows_fetched, 0)
    }

    #[getter]
    fn done(&self) -> bool {
        self.peek(ReportPager::is_done, false)
    }
}
