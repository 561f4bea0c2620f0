//! `cake-mock`: an in-memory CAKE that follows the reference, for tests and demos in every
//! language. It keeps state (create, then read back), assigns ids, enforces the reference's
//! rules through `cake-core`'s validation, answers in the reference's shapes with CORS,
//! generates deterministic reports, and injects faults (latency, 429, 5xx, HTML pages,
//! connection resets before or after processing, truncated bodies) on request.
//!
//! [`MockServer`] runs on the caller's tokio runtime; [`BackgroundMock`] brings its own thread
//! and runtime. Both listen on 127.0.0.1 and give in-process access to state, log and faults;
//! the same is served over HTTP under `/_mock/`. They are the feature `server` (default).
//! Without it, [`MockRouter`] answers one request at a time through the same routes, for a
//! server of the caller's (WASI has no sockets: the Node package's fallback uses node:http).

mod answer;
mod api;
#[cfg(feature = "server")]
mod background;
mod config;
#[cfg(feature = "server")]
mod conn;
mod control;
mod cors;
mod exchange;
mod fault_response;
mod faults;
mod handle;
mod kill;
mod log;
mod mock;
mod router;
mod seed;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "server")]
mod service;
mod splitmix;
mod state;
#[cfg(feature = "server")]
mod stream;

#[cfg(feature = "server")]
pub use background::BackgroundMock;
pub use config::{MockConfig, DEFAULT_API_KEY};
pub use exchange::{Answer, AnswerBody, BodyStream, MockRouter, Reply, MAX_REQUEST_BODY_BYTES};
pub use faults::{
    FaultKind, FaultRule, FaultStat, TotalRowsShape, ANY_OPERATION, DEFAULT_DELAY_MS,
    ENDLESS_BODY_BYTES,
};
pub use handle::MockHandle;
pub use log::RecordedRequest;
#[cfg(feature = "server")]
pub use server::MockServer;
pub use state::{FIRST_AFFILIATE_ID, FIRST_OFFER_ID, FIRST_SUB_AFFILIATE_ID, MAX_REPORT_DAYS};
