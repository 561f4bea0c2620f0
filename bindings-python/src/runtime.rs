//! The tokio runtime every call runs on, one per process: after `os.fork()` the child's copy
//! of the parent's runtime has no worker threads, so the child builds its own instead of
//! hanging on the dead one. Also the glue pyo3-async-runtimes needs to spawn on it.

use pyo3::prelude::*;
use pyo3_async_runtimes::generic::{ContextExt, JoinError, Runtime as GenericRuntime};
use pyo3_async_runtimes::TaskLocals;
use std::cell::OnceCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

struct Current {
    pid: u32,
    runtime: &'static Runtime,
}

static CURRENT: Mutex<Option<Current>> = Mutex::new(None);

/// How often a blocking call wakes up to let Ctrl-C through.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// This process's runtime, built on first use (and again in a forked child).
pub fn get() -> Result<&'static Runtime, String> {
    let pid = std::process::id();
    let mut current = CURRENT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = current.as_ref().filter(|c| c.pid == pid) {
        return Ok(found.runtime);
    }
    // A parent's runtime is leaked, not dropped: dropping it would wait for threads that do
    // not exist in this process.
    let runtime = Builder::new_multi_thread()
        .thread_name("cake-sdk")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))?;
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *current = Some(Current { pid, runtime });
    Ok(runtime)
}

/// Runs `future` to completion with the GIL released, waking every 100 ms to check for
/// signals so Ctrl-C interrupts a long call (the future is dropped, the request abandoned).
pub fn block_on<F>(py: Python<'_>, future: F) -> PyResult<F::Output>
where
    F: Future + Send,
    F::Output: Send,
{
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(crate::errors::misuse(
            "a blocking cake_sdk call cannot run inside the SDK's own callbacks or runtime; use AsyncClient there",
        ));
    }
    let runtime = get().map_err(crate::errors::misuse)?;
    let mut future = std::pin::pin!(future);
    loop {
        let step = py.detach(|| {
            runtime.block_on(async { tokio::time::timeout(SIGNAL_CHECK, &mut future).await })
        });
        match step {
            Ok(output) => return Ok(output),
            Err(_) => py.check_signals()?,
        }
    }
}

/// pyo3-async-runtimes' view of [`get`]'s runtime.
pub struct CakeRuntime;

tokio::task_local! {
    static TASK_LOCALS: OnceCell<TaskLocals>;
}

/// Why a spawned task did not finish.
pub enum TaskError {
    Join(tokio::task::JoinError),
    NoRuntime(String),
}

impl JoinError for TaskError {
    fn is_panic(&self) -> bool {
        matches!(self, TaskError::Join(e) if e.is_panic())
    }

    fn into_panic(self) -> Box<dyn std::any::Any + Send + 'static> {
        match self {
            TaskError::Join(e) => e
                .try_into_panic()
                .unwrap_or_else(|e| Box::new(e.to_string())),
            TaskError::NoRuntime(message) => Box::new(message),
        }
    }
}

type Handle = Pin<Box<dyn Future<Output = Result<(), TaskError>> + Send>>;

impl GenericRuntime for CakeRuntime {
    type JoinError = TaskError;
    type JoinHandle = Handle;

    fn spawn<F>(fut: F) -> Handle
    where
        F: Future<Output = ()> + Send + 'static,
    {
        match get() {
            Ok(runtime) => {
                let handle = runtime.spawn(fut);
                Box::pin(async move { handle.await.map_err(TaskError::Join) })
            }
            Err(message) => Box::pin(std::future::ready(Err(TaskError::NoRuntime(message)))),
        }
    }

    fn spawn_blocking<F>(f: F) -> Handle
    where
        F: FnOnce() + Send + 'static,
    {
        match get() {
            Ok(runtime) => {
                let handle = runtime.spawn_blocking(f);
                Box::pin(async move { handle.await.map_err(TaskError::Join) })
            }
            Err(message) => Box::pin(std::future::ready(Err(TaskError::NoRuntime(message)))),
        }
    }
}

impl ContextExt for CakeRuntime {
    fn scope<F, R>(locals: TaskLocals, fut: F) -> Pin<Box<dyn Future<Output = R> + Send>>
    where
        F: Future<Output = R> + Send + 'static,
    {
        let cell = OnceCell::new();
        let _ = cell.set(locals);
        Box::pin(TASK_LOCALS.scope(cell, fut))
    }

    fn get_task_locals() -> Option<TaskLocals> {
        TASK_LOCALS
            .try_with(|c| c.get().cloned())
            .unwrap_or_default()
    }
}

/// An awaitable for `future`, resolved on the caller's event loop. The runtime is checked
/// first so a failure to start it raises here instead of leaving an awaitable that never ends.
pub fn awaitable<'py, F, T>(py: Python<'py>, future: F) -> PyResult<Bound<'py, PyAny>>
where
    F: Future<Output = PyResult<T>> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    get().map_err(crate::errors::misuse)?;
    pyo3_async_runtimes::generic::future_into_py::<CakeRuntime, F, T>(py, future)
}
