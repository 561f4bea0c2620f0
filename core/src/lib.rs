//! `cake-core`: everything about CAKE's `/api/2` JSON API that is the same in every language.
//!
//! - [`models`]: request and response types for the eight operations, tolerant when reading,
//!   exact when writing.
//! - [`validate`](mod@validate): every issue of a request, over untyped JSON (as a form or a binding hands it)
//!   or over the typed models.
//! - [`schema`]: the one description of the API (parameters, defaults, result models, the
//!   reference's descriptions) that validation, the models and every binding's types follow.
//! - [`money`]: decimal payout arithmetic, rounded half away from zero to the cent.
//! - [`endpoint`]: sans-IO wire format: request model to [`HttpRequest`], and
//!   `(status, headers, bytes)` to a response model or an [`Error`].
//! - `client` (feature `client`): the async HTTP client with retries, deadlines, pagination and bulk.

pub mod datetime;
pub mod endpoint;
pub mod enums;
pub mod error;
pub mod input;
pub mod issue;
pub mod json;
pub mod models;
pub mod money;
pub mod operation;
pub mod schema;
pub mod secret;
pub mod validate;

#[cfg(feature = "client")]
pub mod client;

pub use endpoint::{
    parse_response, read_response, Endpoint, HttpRequest, Method, Prepared, Request, Response,
};
pub use error::{Error, ErrorKind};
pub use issue::{Issue, IssueCode, Severity};
pub use operation::Operation;
pub use secret::ApiKey;
pub use validate::validate;

/// Re-exported so callers use the same decimal type as the core.
pub use rust_decimal::Decimal;
