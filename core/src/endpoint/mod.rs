//! Sans-IO wire format: a request model becomes an [`HttpRequest`] exactly as the reference's
//! samples show (GET: api_key and parameters in the query; POST: a JSON body holding api_key
//! and only the fields given), and `(status, headers, bytes)` becomes a response model or an
//! [`Error`](crate::Error). Nothing here does I/O, so every language tests it with the same vectors.

mod report_page;
mod request;
mod response;
mod wire_json;

pub use crate::json::{read_json, JsonSyntaxError};
pub use crate::operation::Method;
pub use request::{Endpoint, HttpRequest, Prepared, Request};
pub use response::{parse_response, parse_through_value, read_response, retry_after, Response};
pub use wire_json::{build_request_json, parse_response_json, read_response_json};
