//! `CorePager`: the core's `ReportPager` behind the report iterators, one page per call.
//! A pager started before `os.fork()` goes on in the child from the same row, through a
//! client rebuilt for the child (the parent's belongs to a runtime the child does not have).

use crate::errors::{misuse, to_pyerr, Outcome};
use crate::{convert, runtime};
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

/// `{rows, total_rows, rows_fetched, done, warnings, meta}`, or null after the last page.
fn page_json(page: Page, pager: &ReportPager) -> Result<Value, Error> {
    let Some(reply) = page? else {
        return Ok(Value::Null);
    };
    Ok(json!({
        "rows": reply.value,
        "total_rows": pager.total_rows(),
        "rows_fetched": pager.rows_fetched(),
        "done": pager.is_done(),
        "warnings": reply.warnings,
        "meta": reply.meta.to_json(),
    }))
}

async fn next(pager: Arc<Mutex<ReportPager>>) -> Result<Value, Error> {
    let mut pager = pager.lock().await;
    let page = pager.next_page().await;
    page_json(page, &pager)
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
        match runtime::block_on(py, next(pager))? {
            Ok(page) => convert::to_py(py, &page),
            Err(error) => Err(to_pyerr(py, &error)),
        }
    }

    /// The same as `next_page`, as an awaitable.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.current()?;
        runtime::awaitable(py, async move { Ok(Outcome(next(pager).await)) })
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
