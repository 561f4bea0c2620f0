//! The sans-IO wire format (what the shared wire vectors test): request building and answer
//! parsing, with no I/O.

use crate::{envelope, json};
use cake_core::endpoint::{build_request_json, read_response};
use cake_core::validate::{code, unknown_operation};
use cake_core::{Error, Issue, Operation};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// `{method, path, query, json_body}` exactly as it would be sent (the key included: for
/// tests and proxies, never for logs).
#[wasm_bindgen]
pub fn build_request(operation: &str, params: &str, api_key: &str) -> String {
    match envelope::parse("", params) {
        Ok(params) => envelope::result(build_request_json(operation, &params, api_key)),
        Err(issue) => envelope::issue_error(&issue),
    }
}

/// `[[name, value], ...]`, as the JS layer hands headers to both engines (pairs, so a header
/// sent twice stays twice).
fn headers_of(text: &str) -> Result<Vec<(String, String)>, Issue> {
    let invalid = || {
        Issue::error(
            "headers",
            code::INVALID_TYPE,
            "must be name/value string pairs",
        )
    };
    let pair = |item: Value| match item {
        Value::Array(mut pair) if pair.len() == 2 => match (pair.pop(), pair.pop()) {
            (Some(Value::String(value)), Some(Value::String(name))) => Ok((name, value)),
            _ => Err(invalid()),
        },
        _ => Err(invalid()),
    };
    match envelope::parse("headers", text)? {
        Value::Array(items) => items.into_iter().map(pair).collect(),
        Value::Null => Ok(Vec::new()),
        _ => Err(invalid()),
    }
}

/// The answer `(status, headers, body)` to `operation`, read as the client reads it:
/// `{"ok": {"value": result, "warnings": [issue...]}}` (the warnings of reading it:
/// `unreadable_value`, `unreadable_row`) or the error. `wire.parseResponse` gives the value,
/// `wire.readResponse` both.
#[wasm_bindgen]
pub fn parse_response(operation: &str, status: u16, headers: &str, body: &[u8]) -> String {
    let headers = match headers_of(headers) {
        Ok(headers) => headers,
        Err(issue) => return envelope::issue_error(&issue),
    };
    let read = Operation::from_id(operation)
        .ok_or_else(|| Error::validation(vec![unknown_operation()]))
        .and_then(|operation| read_response(operation, status, &headers, body));
    envelope::result(read.map(|(response, warnings)| {
        json::object(vec![
            (
                "value",
                response.to_json_as(cake_core::models::MoneyJson::Text),
            ),
            ("warnings", json::issues(&warnings)),
        ])
    }))
}
