//! `cake-mock`: an in-memory CAKE that follows the reference, for tests and demos in every
//! language. It keeps state (create, then read back), assigns ids, enforces the reference's
//! rules through `cake-core`'s validation, answers in the reference's shapes with CORS,
//! generates deterministic reports, and injects faults (latency, 429, 5xx, HTML pages,
//! connection resets before or after processing, truncated bodies) on request.
//!
//! [`MockServer`] runs on the caller's tokio runtime; [`BackgroundMock`] brings its own thread
//! and runtime. Both listen on 127.0.0.1 and give in-process access to state, log and faults;
//! the same is served over HTTP under `/_mock/`.

mod answer;
mod api;
mod background;
mod config;
mod conn;
mod control;
mod cors;
mod fault_response;
mod faults;
mod handle;
mod kill;
mod log;
mod mock;
mod router;
mod seed;
mod server;
mod service;
mod splitmix;
mod state;
mod stream;

pub use background::BackgroundMock;
pub use config::{MockConfig, DEFAULT_API_KEY};
pub use faults::{
    FaultKind, FaultRule, FaultStat, TotalRowsShape, ANY_OPERATION, DEFAULT_DELAY_MS,
    ENDLESS_BODY_BYTES,
};
pub use handle::MockHandle;
pub use log::RecordedRequest;
pub use server::MockServer;
pub use state::{FIRST_AFFILIATE_ID, FIRST_OFFER_ID, FIRST_SUB_AFFILIATE_ID, MAX_REPORT_DAYS};
