//! The async client (feature `client`): one method per operation, validation before sending,
//! retries that never duplicate a write, a deadline over the whole call, pagination and bulk.
//! The same code runs on tokio natively and under WASI, and on the browser's timers under
//! wasm32-unknown-unknown. Each attempt goes through a [`Transport`]: core's reqwest natively
//! and in the browser, or one the binding gives ([`ClientBuilder::transport`]; the only way
//! under WASI, which has no sockets).
//!
//! ```no_run
//! # async fn demo() -> Result<(), cake_core::Error> {
//! use cake_core::client::Client;
//! use cake_core::models::GetAffiliateOffer;
//! let client = Client::builder().base_url("http://127.0.0.1:8080").api_key("key").build()?;
//! let reply = client.get_affiliate_offer(GetAffiliateOffer { affiliate_id: 67890, offer_id: 12345 }).await?;
//! println!("payout {:?} after {} attempt(s)", reply.value.payout, reply.meta.attempts);
//! # Ok(()) }
//! ```

mod ahead;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod browser_timer;
mod bulk;
mod config;
pub mod pace;
mod pager;
pub mod policy;
#[cfg(all(feature = "reqwest", not(target_os = "wasi")))]
mod reqwest_transport;
mod runtime;
pub mod transport;
#[cfg(target_os = "wasi")]
mod wasi_timer;

pub use bulk::{BulkOptions, BulkOutcome};
pub use config::{
    CallOptions, ClientBuilder, Config, DEFAULT_MAX_RESPONSE_BYTES, ENV_API_KEY, ENV_BASE_URL,
    MAX_DURATION_SECONDS, MAX_RETRIES_LIMIT,
};
pub use pager::{ReportPager, DEFAULT_PAGES_AHEAD, MAX_PAGES_AHEAD};
pub use runtime::sleep;
pub use transport::{AttemptFuture, AttemptRequest, Reported, Transport};

use crate::endpoint::{Endpoint, HttpRequest, Prepared, Request, Response};
use crate::error::{Error, ErrorKind, Meta};
use crate::models::*;
use crate::operation::Operation;
use crate::secret::{ApiKey, MASK};
use crate::validate::Issue;
use pace::Pace;
use policy::Decision;
use runtime::Stopwatch;
use serde_json::Value;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A result with the warnings its request had and how the call went.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    pub value: T,
    pub warnings: Vec<Issue>,
    pub meta: Meta,
}

struct Inner {
    config: Config,
    transport: Arc<dyn Transport>,
    /// Whether the transport is core's own (made again by [`Client::fresh`]) or was given.
    own: bool,
    /// The requests-per-second schedule, shared by every clone (`config.requests_per_second`)
    /// and every pool of [`Client::with_new_pool`].
    pace: Option<Arc<Pace>>,
}

impl Inner {
    fn new(config: Config, transport: Arc<dyn Transport>, own: bool) -> Inner {
        let pace = config
            .requests_per_second
            .map(|rate| Arc::new(Pace::new(rate)));
        Inner {
            config,
            transport,
            own,
            pace,
        }
    }
}

/// The CAKE client. Cheap to clone (one connection pool shared by all clones).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    options: CallOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.config.base_url)
            .field("api_key", &self.inner.config.api_key.as_ref().map(|_| MASK))
            .field("options", &self.options)
            .finish()
    }
}

impl ClientBuilder {
    pub fn build(mut self) -> Result<Client, Error> {
        let given = self.transport.take();
        let config = self.finish()?;
        let (transport, own) = match given {
            Some(given) => (given.0, false),
            None => (own_transport(&config)?, true),
        };
        Ok(Client {
            inner: Arc::new(Inner::new(config, transport, own)),
            options: CallOptions::default(),
        })
    }
}

/// Core's own transport: reqwest.
#[cfg(all(feature = "reqwest", not(target_os = "wasi")))]
fn own_transport(config: &Config) -> Result<Arc<dyn Transport>, Error> {
    match reqwest_transport::ReqwestTransport::new(config) {
        Ok(transport) => Ok(Arc::new(transport)),
        Err(message) => Err(Error::new(ErrorKind::Connection { message })),
    }
}

/// Without feature `reqwest` (and under WASI, which has no sockets) core has no transport of
/// its own.
#[cfg(not(all(feature = "reqwest", not(target_os = "wasi"))))]
fn own_transport(_config: &Config) -> Result<Arc<dyn Transport>, Error> {
    Err(Error::validation(vec![Issue::error(
        "transport",
        crate::validate::code::REQUIRED,
        "is required without core's own (feature reqwest; none under WASI): give one with ClientBuilder::transport",
    )]))
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `CAKE_BASE_URL` and `CAKE_API_KEY`.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::default().from_env().build()
    }

    /// The same configuration and options with a new connection pool: for a process that
    /// cannot use the old one (a child after `fork()`, whose runtime is its own).
    /// A transport that was given is kept: it is the binding's to renew.
    pub fn fresh(&self) -> Result<Client, Error> {
        let config = self.inner.config.clone();
        let transport = if self.inner.own {
            own_transport(&config)?
        } else {
            Arc::clone(&self.inner.transport)
        };
        Ok(Client {
            inner: Arc::new(Inner::new(config, transport, self.inner.own)),
            options: self.options,
        })
    }

    /// The same client (settings, options, requests-per-second schedule) with a connection
    /// pool of its own: its connections run on the runtime it is first used on. For a binding
    /// that runs a thread's blocking calls on that thread's own runtime. A transport that was
    /// given is shared, not renewed.
    pub fn with_new_pool(&self) -> Result<Client, Error> {
        if !self.inner.own {
            return Ok(self.clone());
        }
        let config = self.inner.config.clone();
        Ok(Client {
            inner: Arc::new(Inner {
                transport: own_transport(&config)?,
                config,
                own: true,
                pace: self.inner.pace.clone(),
            }),
            options: self.options,
        })
    }

    /// This client for one of `shares` processes sharing its requests-per-second budget: the
    /// same settings and connection pool, with `1/shares` of the budget on a schedule of its
    /// own (no budget: the same client). For a client handed to each of N workers.
    pub fn with_rate_share(&self, shares: u32) -> Client {
        let Some(per_second) = self.inner.config.requests_per_second else {
            return self.clone();
        };
        let mut config = self.inner.config.clone();
        config.requests_per_second = Some(per_second / f64::from(shares.max(1)));
        Client {
            inner: Arc::new(Inner::new(
                config,
                Arc::clone(&self.inner.transport),
                self.inner.own,
            )),
            options: self.options,
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn base_url(&self) -> &str {
        &self.inner.config.base_url
    }

    /// The same client with per-call overrides (timeout, retries, deadline).
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            options: CallOptions {
                timeout: options.timeout.or(self.options.timeout),
                max_retries: options.max_retries.or(self.options.max_retries),
                deadline: options.deadline.or(self.options.deadline),
            },
        }
    }

    fn key(&self) -> ApiKey {
        self.inner.config.api_key.clone().unwrap_or_default()
    }

    /// Any operation from untyped params (what bindings call): validates, sends, parses.
    pub async fn call(
        &self,
        operation: Operation,
        params: &Value,
    ) -> Result<Reply<Response>, Error> {
        let prepared = Request::from_params(operation, params)
            .map_err(|e| self.finish_error(e, operation, None))?;
        self.send(prepared).await
    }

    /// A typed request: checked with the same rules, then sent.
    pub async fn execute<E: Endpoint>(&self, request: E) -> Result<Reply<E::Output>, Error> {
        let prepared = request
            .into_request()
            .prepare()
            .map_err(|e| self.finish_error(e, E::OPERATION, None))?;
        let reply = self.send(prepared).await?;
        let meta = reply.meta;
        match E::output(reply.value) {
            Some(value) => Ok(Reply {
                value,
                warnings: reply.warnings,
                meta,
            }),
            None => {
                Err(Error::decode("the answer does not fit the operation", b"").with_meta(meta))
            }
        }
    }

    pub async fn create_affiliate(
        &self,
        request: CreateAffiliate,
    ) -> Result<Reply<Affiliate>, Error> {
        self.execute(request).await
    }

    pub async fn update_affiliate(
        &self,
        request: UpdateAffiliate,
    ) -> Result<Reply<Affiliate>, Error> {
        self.execute(request).await
    }

    pub async fn get_affiliate_offer(
        &self,
        request: GetAffiliateOffer,
    ) -> Result<Reply<AffiliateOffer>, Error> {
        self.execute(request).await
    }

    pub async fn create_offer(&self, request: CreateOffer) -> Result<Reply<Offer>, Error> {
        self.execute(request).await
    }

    pub async fn update_offer(&self, request: UpdateOffer) -> Result<Reply<Offer>, Error> {
        self.execute(request).await
    }

    pub async fn list_sub_affiliates(
        &self,
        request: ListSubAffiliates,
    ) -> Result<Reply<Vec<SubAffiliate>>, Error> {
        self.execute(request).await
    }

    pub async fn create_sub_affiliate(
        &self,
        request: CreateSubAffiliate,
    ) -> Result<Reply<SubAffiliate>, Error> {
        self.execute(request).await
    }

    /// One page of the report (`row_limit` rows from `start_at_row`).
    pub async fn sub_affiliate_report(
        &self,
        request: SubAffiliateReportRequest,
    ) -> Result<Reply<SubAffiliateReport>, Error> {
        self.execute(request).await
    }

    /// Every row of the report, page by page (see [`ReportPager`]).
    pub fn report_pager(&self, request: SubAffiliateReportRequest) -> ReportPager {
        ReportPager::new(self.clone(), request)
    }

    /// A pager from untyped params, validated like any request.
    pub fn report_pager_from_params(&self, params: &Value) -> Result<ReportPager, Error> {
        let operation = Operation::SubAffiliateReport;
        let prepared = Request::from_params(operation, params)
            .map_err(|e| self.finish_error(e, operation, None))?;
        match prepared.request {
            Request::SubAffiliateReport(request) => Ok(self
                .report_pager(request)
                .with_request_warnings(prepared.warnings)),
            _ => Err(Error::validation(Vec::new())),
        }
    }

    /// Sends a valid request with the retry policy; the key is redacted from any error.
    pub async fn send(&self, prepared: Prepared) -> Result<Reply<Response>, Error> {
        let operation = prepared.request.operation();
        let http = prepared.request.to_http(&self.key());
        let config = self.inner.config.with(&self.options);
        let clock = Stopwatch::start();
        let mut meta = Meta {
            operation: Some(operation),
            ..Meta::default()
        };
        // What the next attempt needs of the deadline. A write's retry gets at least the time
        // the attempt before it took: cut short by the deadline after it is sent, it would end
        // as `unknown_outcome` where the error it retries says the write was not applied. A
        // read costs nothing to cut short, and a first attempt has nothing to go by.
        let mut room = Duration::ZERO;
        loop {
            if let Some(pace) = &self.inner.pace {
                let wait = pace.reserve();
                if clock.elapsed() + wait + room >= config.deadline {
                    // Nothing sent: the budget has no slot for it before the deadline.
                    let kind = ErrorKind::Timeout {
                        message: format!(
                            "not sent: requests_per_second ({}) leaves no slot before the deadline",
                            pace.per_second()
                        ),
                    };
                    return Err(self.finish_error(Error::new(kind), operation, Some(meta)));
                }
                if !wait.is_zero() {
                    runtime::sleep(wait).await;
                }
            }
            meta.attempts += 1;
            let started = clock.elapsed();
            let remaining = config.deadline.saturating_sub(started);
            let attempt_timeout = config.timeout.min(remaining);
            let outcome =
                transport::run(&*self.inner.transport, &config, &http, attempt_timeout).await;
            if operation.is_write() {
                room = clock.elapsed().saturating_sub(started);
            }
            if let policy::Attempt::Answer { status, .. }
            | policy::Attempt::TooLarge { status, .. } = &outcome
            {
                meta.status = Some(*status);
            }
            let decision = policy::decide(operation, outcome);
            meta.elapsed = clock.elapsed();
            self.log_attempt(&http, &meta, &decision);
            match decision {
                Decision::Finish(Ok((value, read_warnings))) => {
                    let mut warnings = prepared.warnings;
                    warnings.extend(read_warnings);
                    return Ok(Reply {
                        value,
                        warnings,
                        meta,
                    });
                }
                Decision::Finish(Err(kind)) => {
                    return Err(self.finish_error(Error::new(kind), operation, Some(meta)))
                }
                Decision::Unknown(cause) => {
                    let kind = ErrorKind::UnknownOutcome {
                        message: "the request may have been applied; it was not repeated".into(),
                        cause: Box::new(cause),
                    };
                    return Err(self.finish_error(Error::new(kind), operation, Some(meta)));
                }
                Decision::Retry { error, retry_after } => {
                    let wait = self.wait_before_retry(
                        operation,
                        &config,
                        &meta,
                        config.deadline.saturating_sub(clock.elapsed() + room),
                        error,
                        retry_after,
                    )?;
                    runtime::sleep(wait).await;
                }
            }
        }
    }

    /// How long to wait before the next attempt, or the error to end with: retries used up,
    /// a Retry-After above the cap, or a wait not shorter than `left` (the time to the
    /// deadline, less what the next attempt needs of it).
    fn wait_before_retry(
        &self,
        operation: Operation,
        config: &Config,
        meta: &Meta,
        left: Duration,
        error: ErrorKind,
        retry_after: Option<std::time::Duration>,
    ) -> Result<std::time::Duration, Error> {
        let retries_done = meta.attempts.saturating_sub(1);
        let fail =
            |kind: ErrorKind| Err(self.finish_error(Error::new(kind), operation, Some(*meta)));
        if retries_done >= config.max_retries {
            return fail(error);
        }
        if let Some(wait) = retry_after {
            if wait > config.retry_after_cap {
                let messages = match error {
                    ErrorKind::RateLimited { messages, .. } => messages,
                    _ => Vec::new(),
                };
                return fail(ErrorKind::RateLimited {
                    retry_after: Some(wait),
                    messages,
                });
            }
        }
        let backoff = policy::backoff(
            meta.attempts,
            config.backoff_base,
            config.backoff_max,
            runtime::jitter_fraction(),
        );
        let wait = retry_after.unwrap_or(backoff);
        if wait >= left {
            return fail(error);
        }
        Ok(wait)
    }

    /// Attaches the call's metadata and removes the key from everything the error says.
    fn finish_error(&self, mut error: Error, operation: Operation, meta: Option<Meta>) -> Error {
        error.meta = meta.unwrap_or(Meta {
            operation: Some(operation),
            ..Meta::default()
        });
        if let Some(key) = &self.inner.config.api_key {
            redact_kind(&mut error.kind, key);
        }
        error
    }

    fn log_attempt(&self, http: &HttpRequest, meta: &Meta, decision: &Decision) {
        let outcome = match decision {
            Decision::Finish(Ok(_)) => "ok".to_owned(),
            Decision::Finish(Err(kind))
            | Decision::Unknown(kind)
            | Decision::Retry { error: kind, .. } => kind.code().to_owned(),
        };
        // The arguments are evaluated only when the line is logged. The key is masked in the
        // query by redacted_url, and wherever else it may be (a base URL holding it) by redact.
        log::debug!(
            target: "cake_sdk",
            "{} {} -> {} {} (attempt {}, {} ms)",
            http.method().as_str(),
            self.key()
                .redact(&http.redacted_url(&self.inner.config.base_url)),
            meta.status.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            outcome,
            meta.attempts,
            meta.elapsed.as_millis()
        );
    }
}

fn redact_kind(kind: &mut ErrorKind, key: &ApiKey) {
    let fix = |text: &mut String| *text = key.redact(text);
    match kind {
        ErrorKind::Validation { issues } => issues.iter_mut().for_each(|i| fix(&mut i.message)),
        ErrorKind::Api {
            request_status,
            messages,
        } => {
            fix(request_status);
            messages.iter_mut().for_each(fix);
        }
        ErrorKind::RateLimited { messages, .. } => messages.iter_mut().for_each(fix),
        ErrorKind::HttpStatus { body_excerpt, .. } => fix(body_excerpt),
        ErrorKind::Timeout { message } | ErrorKind::Connection { message } => fix(message),
        ErrorKind::Decode {
            message,
            body_excerpt,
        } => {
            fix(message);
            fix(body_excerpt);
        }
        ErrorKind::UnknownOutcome { message, cause } => {
            fix(message);
            redact_kind(cause, key);
        }
    }
}
