//! Core's transport in the browser package: each attempt is one call of the page's `fetch`,
//! made by `js/fetch.js`, whose outcome comes back through `transport_settle`. Retries,
//! deadlines, pages and bulk stay in core.
//!
//! Why not reqwest's fetch path: per read in Node (cpuprofile, 5,000 reads at concurrency 64)
//! it spent 16.5% of the time walking the answer's headers through JS iterators, 9.2% aborting
//! the finished request on drop (a DOMException each), 4.9% building a `Request`, and parsed
//! the URL again. Here an attempt crosses to JS once and back once, carrying only the headers
//! core keeps, and a finished request is never aborted.

use cake_core::client::policy::Attempt;
use cake_core::client::transport::KEPT_HEADERS;
use cake_core::client::{AttemptFuture, AttemptRequest, Reported, Transport};
use cake_core::operation::Method;
use js_sys::{Array, Function, Uint8Array};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::prelude::*;

/// What `fetch.js` gives back: `[kind, status, body, message, ...kept header values]`.
const KIND: u32 = 0;
const STATUS: u32 = 1;
const BODY: u32 = 2;
const MESSAGE: u32 = 3;
const HEADERS: u32 = 4;

/// An attempt between its send and its outcome.
struct Pending {
    id: u32,
    outcome: Option<Array>,
    waker: Option<Waker>,
}

thread_local! {
    /// `send(id, method, url, body, maxResponseBytes, excerptBytes)` and `cancel(id)`.
    static JS: RefCell<Option<(Function, Function)>> = const { RefCell::new(None) };
    /// Attempts in flight: a list, as a page has few at once (a HashMap costs the module
    /// 0.7 KB gzip: see the clients' list in config.rs).
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Sets the JS side (`js/fetch.js`); answers the names of the headers core keeps, which it
/// reads from every answer.
#[wasm_bindgen]
pub fn transport_init(send: Function, cancel: Function) -> Array {
    JS.with(|js| *js.borrow_mut() = Some((send, cancel)));
    KEPT_HEADERS
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect()
}

/// The outcome of attempt `id`, from `fetch.js`; an attempt core has dropped is ignored.
#[wasm_bindgen]
pub fn transport_settle(id: u32, outcome: Array) {
    let waker = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let slot = pending.iter_mut().find(|p| p.id == id)?;
        slot.outcome = Some(outcome);
        slot.waker.take()
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// The transport core's client is built with in the browser package.
#[derive(Debug)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn attempt<'a>(&'a self, request: &'a AttemptRequest) -> AttemptFuture<'a> {
        Box::pin(Exchange { request, id: None })
    }
}

/// One attempt: sent at its first poll, ready when its outcome has arrived; dropped before
/// that (core's timeout, an abort), its fetch is aborted.
struct Exchange<'a> {
    request: &'a AttemptRequest,
    id: Option<u32>,
}

impl Future for Exchange<'_> {
    type Output = Attempt;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Attempt> {
        let id = match self.id {
            Some(id) => id,
            None => match send(self.request) {
                Ok(id) => {
                    self.id = Some(id);
                    id
                }
                Err(message) => return Poll::Ready(Attempt::NotSent(message)),
            },
        };
        let outcome = PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            let at = pending.iter().position(|p| p.id == id)?;
            if pending[at].outcome.is_some() {
                return pending.swap_remove(at).outcome;
            }
            pending[at].waker = Some(cx.waker().clone());
            None
        });
        match outcome {
            Some(outcome) => {
                self.id = None;
                Poll::Ready(read_outcome(self.request, &outcome))
            }
            None => Poll::Pending,
        }
    }
}

impl Drop for Exchange<'_> {
    fn drop(&mut self) {
        let Some(id) = self.id else { return };
        let was_pending = PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            let at = pending.iter().position(|p| p.id == id);
            at.map(|at| pending.swap_remove(at)).is_some()
        });
        if was_pending {
            JS.with(|js| {
                if let Some((_, cancel)) = js.borrow().as_ref() {
                    let _ = cancel.call1(&JsValue::NULL, &JsValue::from(id));
                }
            });
        }
    }
}

/// Hands the attempt to `fetch.js`, which starts the fetch and answers at once.
fn send(request: &AttemptRequest) -> Result<u32, String> {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1).max(1));
        id
    });
    let body = match &request.body {
        Some(body) => JsValue::from(Uint8Array::from(body.as_slice())),
        None => JsValue::UNDEFINED,
    };
    let method = match request.method {
        Method::Get => "GET",
        Method::Post => "POST",
    };
    let args = Array::new();
    args.push(&JsValue::from(id));
    args.push(&JsValue::from_str(method));
    args.push(&JsValue::from_str(&request.url));
    args.push(&body);
    // Limits are far below 2^53: exact as numbers.
    args.push(&JsValue::from(request.max_response_bytes as f64));
    args.push(&JsValue::from(cake_core::error::EXCERPT_LEN as f64 * 4.0));
    PENDING.with(|pending| {
        pending.borrow_mut().push(Pending {
            id,
            outcome: None,
            waker: None,
        })
    });
    let sent = JS.with(|js| match js.borrow().as_ref() {
        Some((send, _)) => send
            .apply(&JsValue::NULL, &args)
            .map(|_| ())
            .map_err(|_| "the page's fetch could not be called".to_owned()),
        None => Err("the fetch transport is not set up".to_owned()),
    });
    if let Err(message) = sent {
        PENDING.with(|pending| pending.borrow_mut().retain(|p| p.id != id));
        return Err(message);
    }
    Ok(id)
}

/// Core's `Attempt` from `fetch.js`'s array; core enforces the contract again (the size limit,
/// the kept headers, no URL in a message: a platform's error may quote it).
fn read_outcome(request: &AttemptRequest, outcome: &Array) -> Attempt {
    let text = |at: u32| outcome.get(at).as_string();
    request.reported(Reported {
        kind: text(KIND).unwrap_or_default(),
        status: outcome.get(STATUS).as_f64().map(|s| s as u16),
        headers: KEPT_HEADERS
            .iter()
            .zip(HEADERS..)
            .filter_map(|(name, at)| Some(((*name).to_owned(), text(at)?)))
            .collect(),
        body: outcome
            .get(BODY)
            .dyn_into::<Uint8Array>()
            .map(|bytes| bytes.to_vec())
            .unwrap_or_default(),
        message: text(MESSAGE).unwrap_or_else(|| "fetch failed".to_owned()),
    })
}
