//! Core's transport through JS: each attempt is handed to a JS function (lib/transport.js, on
//! node:http) and its outcome comes back as core's `Attempt`. This is how the WebAssembly
//! fallback sends anything (WASI has no sockets, core there has no reqwest); native addons use
//! core's own reqwest unless given one. Only the sending is in JS: retries, deadlines, pages and
//! bulk stay in core.
//!
//! One thread-safe function carries both calls, so a cancel is never delivered before the
//! attempt it cancels: `{id, cancel: false, method, url, ...}` answers a Promise of the outcome;
//! `{id, cancel: true}` (sent when core drops the attempt: a timeout, an abort) destroys its
//! request.

use cake_core::client::policy::Attempt;
use cake_core::client::{AttemptFuture, AttemptRequest, Reported, Transport};
use napi::bindgen_prelude::{Buffer, Promise};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::Status;
use std::sync::atomic::{AtomicU32, Ordering};

/// One call to the JS transport.
#[napi_derive::napi(object)]
pub struct AttemptCall {
    /// Names the attempt, so that a later `cancel` finds it.
    pub id: u32,
    /// Abandon attempt `id`: destroy its request, settle nothing more.
    pub cancel: bool,
    pub method: Option<String>,
    /// Holds the api key (a GET's query): for sending only, never for a message.
    pub url: Option<String>,
    /// A POST's JSON body (holds the api key).
    pub body: Option<Buffer>,
    pub timeout_ms: Option<f64>,
    pub connect_timeout_ms: Option<f64>,
    pub user_agent: Option<String>,
    pub max_response_bytes: Option<f64>,
}

/// How the attempt went, as the JS transport says it.
#[napi_derive::napi(object)]
pub struct AttemptOutcome {
    /// `answer`, `too_large`, `not_sent`, `untrusted`, `timed_out` or `broken` (core's
    /// `Attempt`).
    pub kind: String,
    pub status: Option<u32>,
    /// `[name, value]` pairs: retry-after and content-type only.
    pub headers: Option<Vec<Vec<String>>>,
    /// The body (an answer), or what was read of it (`too_large`).
    pub body: Option<Buffer>,
    pub message: Option<String>,
}

/// The JS function as napi receives it. Weak: a client never keeps the process alive (an
/// attempt in flight does, through its socket).
pub type TransportFn =
    ThreadsafeFunction<AttemptCall, Promise<AttemptOutcome>, AttemptCall, Status, false, true>;

pub struct JsTransport {
    send: TransportFn,
    next_id: AtomicU32,
}

impl JsTransport {
    pub fn new(send: TransportFn) -> Self {
        JsTransport {
            send,
            next_id: AtomicU32::new(0),
        }
    }
}

/// Tells JS to abandon attempt `id` if core drops it before its outcome arrived.
struct CancelOnDrop<'a> {
    send: &'a TransportFn,
    id: u32,
    armed: bool,
}

impl Drop for CancelOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            let cancel = AttemptCall {
                id: self.id,
                cancel: true,
                method: None,
                url: None,
                body: None,
                timeout_ms: None,
                connect_timeout_ms: None,
                user_agent: None,
                max_response_bytes: None,
            };
            self.send
                .call(cancel, ThreadsafeFunctionCallMode::NonBlocking);
        }
    }
}

fn millis(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

impl Transport for JsTransport {
    fn attempt<'a>(&'a self, request: &'a AttemptRequest) -> AttemptFuture<'a> {
        Box::pin(async move {
            let id = self.next_id.fetch_add(1, Ordering::Relaxed);
            let call = AttemptCall {
                id,
                cancel: false,
                method: Some(request.method.as_str().to_owned()),
                url: Some(request.url.clone()),
                body: request.body.clone().map(Buffer::from),
                timeout_ms: Some(millis(request.timeout)),
                connect_timeout_ms: Some(millis(request.connect_timeout)),
                user_agent: Some(request.user_agent.clone()),
                max_response_bytes: Some(request.max_response_bytes as f64),
            };
            let mut pending = CancelOnDrop {
                send: &self.send,
                id,
                armed: true,
            };
            let outcome = match self.send.call_async_catch(call).await {
                Ok(promise) => promise.await.map_err(|e| (e.status, e.reason)),
                Err(e) => Err((e.status, e.reason)),
            };
            pending.armed = false;
            match outcome {
                Ok(outcome) => attempt_of(request, outcome),
                // The call was never queued (the environment is going away): nothing left.
                Err((Status::Closing, _)) => {
                    Attempt::NotSent("the JS transport is closing: nothing was sent".to_owned())
                }
                // lib/transport.js settles every attempt with an outcome; this is a bug there.
                Err((_, reason)) => Attempt::Broken(format!("the JS transport failed: {reason}")),
            }
        })
    }
}

/// Core's `Attempt` from what JS said; core enforces the contract again (the size limit, the
/// kept headers, no URL in a message), whatever JS did.
fn attempt_of(request: &AttemptRequest, outcome: AttemptOutcome) -> Attempt {
    request.reported(Reported {
        kind: outcome.kind,
        status: outcome.status.and_then(|s| u16::try_from(s).ok()),
        headers: outcome
            .headers
            .unwrap_or_default()
            .into_iter()
            .filter_map(|pair| <[String; 2]>::try_from(pair).ok())
            .map(|[name, value]| (name, value))
            .collect(),
        body: outcome.body.map(|b| b.to_vec()).unwrap_or_default(),
        message: outcome.message.unwrap_or_default(),
    })
}
