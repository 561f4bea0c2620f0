//! How results cross the boundary: `{"ok": value}` or `{"error": {code, message, ...}}` as
//! JSON text. Nothing is thrown from Rust; the JS layer turns `error` into a `CakeError`.

use crate::json;
use cake_core::endpoint::read_json;
use cake_core::Issue;
use serde_json::Value;

pub fn ok(value: Value) -> String {
    let mut out = String::from(r#"{"ok":"#);
    json::write_value(&value, &mut out);
    out.push('}');
    out
}

/// A validation error made of one issue (bad arguments to a function that sends nothing):
/// core's text, the same as the native engine's.
pub use cake_core::validate::described::issue_error;

/// A core error with every field it has.
#[cfg(feature = "wire")]
pub fn error(error: &cake_core::Error) -> String {
    json::write(&json::object(vec![("error", error.to_json())]))
}

#[cfg(feature = "wire")]
pub fn result(result: Result<Value, cake_core::Error>) -> String {
    match result {
        Ok(value) => ok(value),
        Err(e) => error(&e),
    }
}

/// The issue for JSON text that does not parse (what the JS layer sends for a value it cannot
/// write): core's, on `field`.
pub fn not_json(field: &str) -> Issue {
    Issue {
        field: field.to_owned(),
        ..cake_core::validate::described::not_json()
    }
}

/// Parses JSON text handed over by the JS layer (core's reader: what serde_json accepts).
pub fn parse(field: &str, text: &str) -> Result<Value, Issue> {
    parse_bytes(field, text.as_bytes())
}

/// [`parse`] over UTF-8 bytes (invalid UTF-8 is not JSON).
pub fn parse_bytes(field: &str, bytes: &[u8]) -> Result<Value, Issue> {
    read_json(bytes).map_err(|_| not_json(field))
}
