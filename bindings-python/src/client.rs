//! `CoreClient`: the core's async client behind the Python `Client` and `AsyncClient`.
//! Blocking calls release the GIL; async ones return awaitables. After `os.fork()` the child
//! rebuilds the HTTP client from the same configuration (the parent's connections belong to
//! a runtime that does not exist in the child).

use crate::errors::{to_pyerr, Outcome};
use crate::pager::CorePager;
use crate::{awaitable, convert, options, runtime, thread_runtime};
use cake_core::client::{BulkOptions, Client, Reply};
use cake_core::{Error, Operation, Response};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use serde_json::{json, Value};
use std::sync::{Mutex, PoisonError};

struct Owned {
    process: u32,
    client: Client,
}

#[pyclass(module = "cake_sdk._core", frozen)]
pub struct CoreClient {
    owned: Mutex<Owned>,
    /// This client to the threads it has a pool on (thread_runtime.rs).
    pools: thread_runtime::Owner,
}

impl Drop for CoreClient {
    fn drop(&mut self) {
        thread_runtime::release(&self.pools);
    }
}

pub fn operation(id: &str) -> Result<Operation, Error> {
    Operation::from_id(id)
        .ok_or_else(|| Error::validation(vec![cake_core::validate::unknown_operation()]))
}

fn reply_json(reply: Reply<Response>) -> Value {
    json!({
        "value": reply.value.to_json(),
        "warnings": reply.warnings,
        "meta": reply.meta.to_json(),
    })
}

type Progress = Option<Py<PyAny>>;

/// Calls the progress callback with the GIL; an exception in it is reported as unraisable
/// (the bulk goes on: its outcomes matter more than the progress display).
fn report_progress(callback: &Progress, done: usize, total: usize) {
    if let Some(callback) = callback {
        Python::attach(|py| {
            if let Err(error) = callback.call1(py, (done, total)) {
                error.write_unraisable(py, None);
            }
        });
    }
}

fn bulk_json(outcomes: Vec<cake_core::client::BulkOutcome>) -> Value {
    Value::Array(outcomes.iter().map(|o| o.to_json()).collect())
}

impl CoreClient {
    fn of(client: Client) -> CoreClient {
        CoreClient {
            owned: Mutex::new(Owned {
                process: crate::process::current(),
                client,
            }),
            pools: thread_runtime::Owner::default(),
        }
    }

    /// This process's client (rebuilt once in a forked child).
    fn client(&self) -> Result<Client, Error> {
        let mut owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let process = crate::process::current();
        if owned.process != process {
            let fresh = owned.client.fresh()?;
            // Not dropped: its pool would reach into the parent's runtime.
            std::mem::forget(std::mem::replace(&mut owned.client, fresh));
            owned.process = process;
        }
        Ok(owned.client.clone())
    }

    fn with_options(
        &self,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> Result<Client, Error> {
        let options = options::call_options(timeout, max_retries, deadline)?;
        Ok(self.client()?.with_options(options))
    }

    /// The operation and its parameters as core reads them (log levels followed first).
    fn request(operation_id: &str, params: &Bound<'_, PyAny>) -> PyResult<(Operation, Value)> {
        let py = params.py();
        crate::logger::refresh(py);
        let params = convert::to_json(params)?;
        let op = operation(operation_id).map_err(|e| to_pyerr(py, &e))?;
        Ok((op, params))
    }

    /// The client and the checked request, ready to run.
    fn prepare(
        &self,
        operation_id: &str,
        params: &Bound<'_, PyAny>,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> PyResult<(Client, Operation, Value)> {
        let py = params.py();
        let (op, params) = Self::request(operation_id, params)?;
        let client = self
            .with_options(timeout, max_retries, deadline)
            .map_err(|e| to_pyerr(py, &e))?;
        Ok((client, op, params))
    }
}

#[pymethods]
impl CoreClient {
    #[new]
    #[pyo3(signature = (base_url=None, api_key=None, timeout=None, max_retries=None, deadline=None, user_agent=None, allow_insecure_http=false, max_response_bytes=None, requests_per_second=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        base_url: Option<String>,
        api_key: Option<String>,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
        user_agent: Option<String>,
        allow_insecure_http: bool,
        max_response_bytes: Option<f64>,
        requests_per_second: Option<f64>,
    ) -> PyResult<Self> {
        let mut builder = Client::builder()
            .user_agent(
                user_agent
                    .unwrap_or_else(|| format!("cake-sdk-python/{}", env!("CARGO_PKG_VERSION"))),
            )
            .allow_insecure_http(allow_insecure_http);
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(key) = api_key {
            builder = builder.api_key(key);
        }
        // An i64 beyond f64's exact range is far out of range anyway.
        builder = builder.options_from_parts(timeout, max_retries.map(|n| n as f64), deadline);
        if let Some(bytes) = max_response_bytes {
            builder = builder.max_response_bytes_from(bytes, "max_response_bytes");
        }
        if let Some(rate) = requests_per_second {
            builder = builder.requests_per_second_from(rate, "requests_per_second");
        }
        let client = builder.from_env().build().map_err(|e| to_pyerr(py, &e))?;
        Ok(CoreClient::of(client))
    }

    #[getter]
    fn base_url(&self) -> String {
        self.owned
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .client
            .base_url()
            .to_owned()
    }

    /// (timeout, max_retries, deadline, max_response_bytes) in seconds, attempts and bytes.
    #[getter]
    fn settings(&self) -> (f64, u32, f64, u64) {
        let owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let config = owned.client.config();
        (
            config.timeout.as_secs_f64(),
            config.max_retries,
            config.deadline.as_secs_f64(),
            config.max_response_bytes,
        )
    }

    /// The requests-per-second budget of this client and its clones (None: no budget).
    #[getter]
    fn requests_per_second(&self) -> Option<f64> {
        self.owned
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .client
            .config()
            .requests_per_second
    }

    /// This client for one of `shares` workers sharing its budget: 1/`shares` of it on a
    /// schedule of its own, the same settings and connection pool (no budget: the same
    /// settings). `shares` is a whole number of at least 1.
    fn with_rate_share(&self, py: Python<'_>, shares: i64) -> PyResult<CoreClient> {
        let shares = u32::try_from(shares)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "with_rate_share: the number of shares must be a whole number from 1 to {}, not {shares}",
                    u32::MAX
                ))
            })?;
        let client = self.client().map_err(|e| to_pyerr(py, &e))?;
        Ok(CoreClient::of(client.with_rate_share(shares)))
    }

    fn __repr__(&self) -> String {
        format!("CoreClient(base_url={:?})", self.base_url())
    }

    /// Pickles the configuration (key included: a worker needs it to call CAKE).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let owned = self.owned.lock().unwrap_or_else(PoisonError::into_inner);
        let config = owned.client.config();
        let args = (
            config.base_url.clone(),
            config.api_key.as_ref().map(|k| k.expose().to_owned()),
            config.timeout.as_secs_f64(),
            config.max_retries,
            config.deadline.as_secs_f64(),
            config.user_agent.clone(),
            config.allow_insecure_http,
            config.max_response_bytes,
            config.requests_per_second,
        );
        Ok((
            py.get_type::<CoreClient>().into_any(),
            args.into_pyobject(py)?,
        ))
    }

    /// Runs one operation on this thread (thread_runtime.rs), blocking with the GIL released:
    /// `{value, warnings, meta}`.
    #[pyo3(signature = (operation, params, timeout=None, max_retries=None, deadline=None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: &Bound<'py, PyAny>,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (op, params) = Self::request(operation, params)?;
        let overrides =
            options::call_options(timeout, max_retries, deadline).map_err(|e| to_pyerr(py, &e))?;
        let result = thread_runtime::block_on(
            py,
            &self.pools,
            || self.client()?.with_new_pool(),
            |client| async move { client.with_options(overrides).call(op, &params).await },
        )?
        .and_then(|result| result);
        match result {
            Ok(reply) => convert::to_py(py, &reply_json(reply)),
            Err(error) => Err(to_pyerr(py, &error)),
        }
    }

    /// The same as `call`, as an awaitable.
    #[pyo3(signature = (operation, params, timeout=None, max_retries=None, deadline=None))]
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: &Bound<'py, PyAny>,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (client, op, params) =
            self.prepare(operation, params, timeout, max_retries, deadline)?;
        awaitable::awaitable(py, move || async move {
            Ok(Outcome(client.call(op, &params).await.map(reply_json)))
        })
    }

    /// Runs `operation` for every item; one outcome per item in input order.
    #[pyo3(signature = (operation, items, concurrency=8, on_progress=None, timeout=None, max_retries=None, deadline=None))]
    #[allow(clippy::too_many_arguments)]
    fn bulk<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        items: &Bound<'py, PyAny>,
        concurrency: usize,
        on_progress: Progress,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (client, op, items) = self.prepare(operation, items, timeout, max_retries, deadline)?;
        let items = array(items)?;
        let options = BulkOptions { concurrency };
        let result = runtime::block_on(py, async move {
            client
                .bulk(op, items, options, |done, total| {
                    report_progress(&on_progress, done, total)
                })
                .await
        })?;
        match result {
            Ok(outcomes) => convert::to_py(py, &bulk_json(outcomes)),
            Err(error) => Err(to_pyerr(py, &error)),
        }
    }

    /// The same as `bulk`, as an awaitable (`on_progress` is called from a runtime thread).
    #[pyo3(signature = (operation, items, concurrency=8, on_progress=None, timeout=None, max_retries=None, deadline=None))]
    #[allow(clippy::too_many_arguments)]
    fn bulk_async<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        items: &Bound<'py, PyAny>,
        concurrency: usize,
        on_progress: Progress,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (client, op, items) = self.prepare(operation, items, timeout, max_retries, deadline)?;
        let items = array(items)?;
        let options = BulkOptions { concurrency };
        awaitable::awaitable(py, move || async move {
            let result = client
                .bulk(op, items, options, |done, total| {
                    report_progress(&on_progress, done, total)
                })
                .await;
            Ok(Outcome(result.map(bulk_json)))
        })
    }

    /// A pager over every row of the sub-affiliate report for `params`.
    #[pyo3(signature = (params, timeout=None, max_retries=None, deadline=None, pages_ahead=None))]
    fn report_pager(
        &self,
        py: Python<'_>,
        params: &Bound<'_, PyAny>,
        timeout: Option<f64>,
        max_retries: Option<i64>,
        deadline: Option<f64>,
        pages_ahead: Option<f64>,
    ) -> PyResult<CorePager> {
        let (client, _, params) = self.prepare(
            "sub_affiliate_report",
            params,
            timeout,
            max_retries,
            deadline,
        )?;
        let pager = client.report_pager_from_params(&params);
        let pager = match pages_ahead {
            Some(pages) => pager.and_then(|pager| pager.pages_ahead_from(pages)),
            None => pager,
        };
        pager.map(CorePager::new).map_err(|e| to_pyerr(py, &e))
    }
}

/// Bulk items: a list (the Python layer hands one).
fn array(items: Value) -> PyResult<Vec<Value>> {
    match items {
        Value::Array(items) => Ok(items),
        _ => Err(PyTypeError::new_err(
            "items must be a list of parameter mappings",
        )),
    }
}
