//! Awaitables for futures run on the SDK's runtime, resolved on the caller's asyncio loop.
//!
//! A call spawns its future once. When it finishes, its result waits in its loop's
//! [`queue::Queue`]; the first result into an empty queue wakes the loop through a socket
//! the loop watches, and the loop's thread then resolves every waiting future in one
//! callback, converting results to Python there. No runtime thread ever waits for the GIL
//! on a call's behalf, and a busy loop takes many results per wake-up.
//!
//! Cancelling the asyncio future (`task.cancel()`, `wait_for` timing out) aborts the
//! spawned task, which drops the call's future (the request is abandoned).

mod loops;
mod queue;

use crate::errors::misuse;
use crate::runtime;
use futures_util::FutureExt;
use pyo3::panic::PanicException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::{intern, IntoPyObjectExt};
use queue::{Completion, Finish};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;
use tokio::task::AbortHandle;

/// `asyncio.get_running_loop`, looked up once.
static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn running_loop(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let get = GET_RUNNING_LOOP.get_or_try_init(py, || {
        PyResult::Ok(py.import("asyncio")?.getattr("get_running_loop")?.unbind())
    })?;
    get.bind(py).call0()
}

/// The done-callback of a call's asyncio future. Removed before a result is set, so it
/// only runs when the future was cancelled (or otherwise finished by someone else): then
/// the spawned task is aborted.
#[pyclass(module = "cake_sdk._core", frozen)]
pub struct AbortOnDone {
    task: OnceLock<AbortHandle>,
}

#[pymethods]
impl AbortOnDone {
    fn __call__(&self, _future: &Bound<'_, PyAny>) {
        if let Some(task) = self.task.get() {
            task.abort();
        }
    }
}

/// An asyncio future for the future `make` makes, resolved on the running loop (the
/// caller's). The runtime is checked first so a failure to start it raises here instead of
/// leaving an awaitable that never ends; without a running loop, RuntimeError as asyncio
/// raises it.
///
/// The future is made on a runtime thread: a call's future is large (kilobytes), and made
/// and freed there it never crosses threads; the task handed over from this thread is small.
pub fn awaitable<'py, M, F, T>(py: Python<'py>, make: M) -> PyResult<Bound<'py, PyAny>>
where
    M: FnOnce() -> F + Send + 'static,
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    let runtime = runtime::get().map_err(misuse)?;
    let event_loop = running_loop(py)?;
    let deliver = loops::deliver_to(py, &event_loop)?;
    let py_future = event_loop.call_method0(intern!(py, "create_future"))?;
    let abort = Py::new(
        py,
        AbortOnDone {
            task: OnceLock::new(),
        },
    )?;
    let completion_future = py_future.clone().unbind();
    let completion_abort = abort.clone_ref(py);
    let task = runtime.spawn(async move {
        let outcome = AssertUnwindSafe(async move { Box::pin(make()).await })
            .catch_unwind()
            .await;
        let finish: Finish = Box::new(move |py| match outcome {
            Ok(result) => result.and_then(|value| value.into_py_any(py)),
            Err(panic) => Err(PanicException::new_err(format!(
                "the SDK's call panicked: {}",
                panic_message(panic.as_ref())
            ))),
        });
        deliver.push(Completion::new(completion_future, completion_abort, finish));
    });
    let _ = abort.get().task.set(task.abort_handle());
    py_future.call_method1(intern!(py, "add_done_callback"), (abort,))?;
    Ok(py_future)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text
    } else {
        "unknown panic"
    }
}
