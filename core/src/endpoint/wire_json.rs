//! The sans-IO functions over plain JSON, for bindings to expose and run `wire.json` with.

use super::{parse_response, read_response, Request};
use crate::error::Error;
use crate::models::MoneyJson;
use crate::operation::Operation;
use crate::secret::ApiKey;
use crate::validate::unknown_operation;
use serde_json::{json, Value};

fn operation(id: &str) -> Result<Operation, Error> {
    Operation::from_id(id).ok_or_else(|| Error::validation(vec![unknown_operation()]))
}

/// `{method, path, query: [[name, value], ...], json_body}` exactly as it would be sent
/// (the key included: this is for tests and proxies, never for logs).
pub fn build_request_json(
    operation_id: &str,
    params: &Value,
    api_key: &str,
) -> Result<Value, Error> {
    let prepared = Request::from_params(operation(operation_id)?, params)
        .map_err(|error| redacted(error, api_key))?;
    let http = prepared.request.to_http(&ApiKey::new(api_key));
    let query: Vec<Value> = http
        .wire_query()
        .into_iter()
        .map(|(k, v)| json!([k, v]))
        .collect();
    Ok(json!({
        "method": http.method().as_str(),
        "path": http.path(),
        "query": query,
        "json_body": http.wire_body(),
    }))
}

/// `error` with `api_key` masked in its issues. Issues never echo a value, but a caller can
/// put anything in a parameter's name (an unknown field is named in its issue).
fn redacted(error: Error, api_key: &str) -> Error {
    let holds = |issue: &crate::issue::Issue| {
        issue.message.contains(api_key) || issue.field.contains(api_key)
    };
    if api_key.is_empty() || !error.issues().iter().any(holds) {
        return error;
    }
    let mask = |text: &str| crate::secret::redact_in(text, api_key);
    let issues = error
        .issues()
        .iter()
        .map(|issue| crate::issue::Issue {
            field: mask(&issue.field),
            message: mask(&issue.message),
            ..issue.clone()
        })
        .collect();
    Error::validation(issues).with_meta(error.meta)
}

/// The answer as JSON (see [`super::Response::to_json`]), or the error it is.
pub fn parse_response_json(
    operation_id: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Value, Error> {
    parse_response(operation(operation_id)?, status, headers, body).map(|r| r.to_json())
}

/// `{"value": the answer as JSON, "warnings": [issue, ...]}` (the warnings of reading it: see
/// [`super::read_response`]), or the error it is; money written as `money` says.
pub fn read_response_json(
    operation_id: &str,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    money: MoneyJson,
) -> Result<Value, Error> {
    let (response, warnings) = read_response(operation(operation_id)?, status, headers, body)?;
    Ok(json!({"value": response.to_json_as(money), "warnings": warnings}))
}
