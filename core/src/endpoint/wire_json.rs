//! The sans-IO functions over plain JSON, for bindings to expose and run `wire.json` with.

use super::{parse_response, read_response, Request};
use crate::error::Error;
use crate::models::MoneyJson;
use crate::operation::Operation;
use crate::secret::ApiKey;
use crate::validate::unknown_operation;
use serde_json::{json, Map, Value};

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
        .map(|(k, v)| Value::Array(vec![k.into(), v.into()]))
        .collect();
    // By hand, not with `json!` (see `Meta::to_json`).
    let mut out = Map::new();
    out.insert("method".into(), http.method().as_str().into());
    out.insert("path".into(), http.path().into());
    out.insert("query".into(), Value::Array(query));
    out.insert("json_body".into(), http.wire_body().into());
    Ok(Value::Object(out))
}

/// `error` with no issue text holding `api_key`. Issues never echo a value, but a caller can
/// put anything in a parameter's name (an unknown field is named in its issue): such a text is
/// masked whole. (A byte-window search, not `str::contains`: the same answer without the
/// two-way searcher's code, which was 0.6 KB gzip of the browser module.)
fn redacted(mut error: Error, api_key: &str) -> Error {
    let key = api_key.as_bytes();
    let holds =
        |text: &str| !key.is_empty() && text.as_bytes().windows(key.len()).any(|w| w == key);
    if let crate::error::ErrorKind::Validation { issues } = &mut error.kind {
        for issue in issues {
            for text in [&mut issue.field, &mut issue.message] {
                if holds(text) {
                    *text = crate::secret::MASK.to_owned();
                }
            }
        }
    }
    error
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
