//! `CorePager`: the core's `ReportPager` behind the report iterators, one page per call.
//! A pager started before `os.fork()` goes on in the child from the same row, through a
//! client rebuilt for the child (the parent's belongs to a runtime the child does not have).
//! `close()` ends it early: the pages fetched ahead are stopped (core's `stop_ahead`) and no
//! page comes out after.

use crate::errors::{misuse, to_pyerr};
use crate::{awaitable, convert, runtime};
use cake_core::client::{Reply, ReportPager};
use cake_core::models::SubAffiliateReportRow;
use cake_core::Error;
use pyo3::prelude::*;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError};
use tokio::sync::{Mutex, Notify};

#[pyclass(module = "cake_sdk._core", frozen)]
pub struct CorePager {
    owned: std::sync::Mutex<Owned>,
    closing: Arc<Closing>,
}

/// What `close()` sets, shared with the fetches: the flag, and a wake-up for a fetch that
/// is waiting (for the pager, or for a page) so it ends at once instead of after the page.
#[derive(Default)]
struct Closing {
    closed: AtomicBool,
    wake: Notify,
}

impl Closing {
    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

struct Owned {
    process: u32,
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

/// The pager a fetch uses and its closing; `None` once closed (nothing to fetch).
type Target = Option<(Arc<Mutex<ReportPager>>, Arc<Closing>)>;

/// The next page, or None at the end or once closed. A close() while this waits drops the
/// page being fetched (core's `next_page` keeps its position when dropped) and stops the
/// pages ahead.
async fn next(target: Target) -> Result<Option<Fetched>, Error> {
    let Some((pager, closing)) = target else {
        return Ok(None);
    };
    let woken = closing.wake.notified();
    tokio::pin!(woken);
    // Registered before the flag is read, so a close() in between still wakes it.
    woken.as_mut().enable();
    if closing.is_closed() {
        return Ok(None);
    }
    let mut pager = tokio::select! {
        pager = pager.lock() => pager,
        () = &mut woken => return Ok(None),
    };
    let page = tokio::select! {
        biased;
        () = &mut woken => None,
        page = pager.next_page() => Some(page),
    };
    match page {
        Some(page) if !closing.is_closed() => fetched(page, &pager),
        // Closed meanwhile: the pages started ahead (by this fetch too) are stopped.
        _ => {
            pager.stop_ahead();
            Ok(None)
        }
    }
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
                process: crate::process::current(),
                pager: Arc::new(Mutex::new(pager)),
            }),
            closing: Arc::default(),
        }
    }

    /// This process's pager: in a forked child, the parent's position with a fresh client.
    /// None once closed (a closed pager is not rebuilt in a child).
    fn current(&self) -> PyResult<Target> {
        if self.closing.is_closed() {
            return Ok(None);
        }
        let mut owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let process = crate::process::current();
        if owned.process != process {
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
            owned.process = process;
        }
        Ok(Some((Arc::clone(&owned.pager), Arc::clone(&self.closing))))
    }

    /// The next page, blocking with the GIL released.
    fn fetch_blocking<'py>(&self, py: Python<'py>, columns: bool) -> PyResult<Bound<'py, PyAny>> {
        let target = self.current()?;
        Converted(runtime::block_on(py, next(target))?, columns).into_pyobject(py)
    }

    /// The next page, as an awaitable.
    fn fetch_async<'py>(&self, py: Python<'py>, columns: bool) -> PyResult<Bound<'py, PyAny>> {
        let target = self.current()?;
        awaitable::awaitable(py, move || async move {
            Ok(Converted(next(target).await, columns))
        })
    }

    fn peek<T>(&self, read: impl FnOnce(&ReportPager) -> T, otherwise: T) -> T {
        let owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let peeked = owned.pager.try_lock().map(|p| read(&p));
        peeked.unwrap_or(otherwise)
    }
}

#[pymethods]
impl CorePager {
    /// The next page (blocking, GIL released), or None when the report is exhausted or closed.
    fn next_page<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.fetch_blocking(py, false)
    }

    /// The same as `next_page`, as an awaitable.
    fn next_page_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.fetch_async(py, false)
    }

    /// The next page column by column (for DataFrames), blocking: as `next_page`, with
    /// `columns` and `count` in place of `rows`.
    fn next_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.fetch_blocking(py, true)
    }

    /// The same as `next_columns`, as an awaitable.
    fn next_columns_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.fetch_async(py, true)
    }

    /// Stops the pages fetched ahead (core's `stop_ahead`: their requests are aborted), ends a
    /// fetch under way (it answers None) and makes every later fetch answer None. Never
    /// blocks; closing again does nothing.
    fn close(&self) {
        if self.closing.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        self.closing.wake.notify_waiters();
        let owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        if owned.process != crate::process::current() {
            // A forked child: those pages ahead are the parent's, on the parent's runtime.
            return;
        }
        if let Ok(mut pager) = owned.pager.try_lock() {
            pager.stop_ahead();
            return;
        }
        // A fetch holds the pager: woken above, it stops them itself, unless it was already
        // cancelled (asyncio, Ctrl-C) and is only being dropped; then this does, once free.
        let pager = Arc::clone(&owned.pager);
        if let Ok(runtime) = runtime::get() {
            runtime.spawn(async move { pager.lock().await.stop_ahead() });
        }
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
