//! How results cross the boundary: `{"ok": value}` or `{"error": {code, message, ...}}` as
//! JSON text. Nothing is thrown from Rust; the JS layer turns `error` into a `CakeError`.

use cake_core::validate::code;
use cake_core::Issue;
use serde_json::{json, Value};

pub fn ok(value: Value) -> String {
    json!({ "ok": value }).to_string()
}

/// A validation error made of one issue (bad arguments to a function that sends nothing, so
/// the message is the issue itself). Built by hand rather than through `Error::to_json` so
/// the validation-only build carries none of the transport errors' formatting.
pub fn issue_error(issue: &Issue) -> String {
    json!({ "error": {
        "code": "validation",
        "message": issue.to_string(),
        "issues": [issue],
    }})
    .to_string()
}

/// A core error with every field it has.
#[cfg(feature = "wire")]
pub fn error(error: &cake_core::Error) -> String {
    json!({ "error": error.to_json() }).to_string()
}

#[cfg(feature = "wire")]
pub fn result(result: Result<Value, cake_core::Error>) -> String {
    match result {
        Ok(value) => ok(value),
        Err(e) => error(&e),
    }
}

/// The issue for JSON text that does not parse (the JS layer always sends valid JSON).
pub fn not_json(field: &str) -> Issue {
    Issue::error(field, code::INVALID_TYPE, "must be JSON-serializable")
}

/// Parses JSON text handed over by the JS layer.
pub fn parse(field: &str, text: &str) -> Result<Value, Issue> {
    serde_json::from_str(text).map_err(|_| not_json(field))
}
