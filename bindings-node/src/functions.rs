//! The synchronous, pure functions: validation, payout arithmetic, the sans-IO wire format,
//! and the schema the TypeScript declarations are generated from.

use crate::envelope;
use cake_core::endpoint::{build_request_json, read_response_json};
use cake_core::validate::described;
use cake_core::validate::fields::{self as field_table, Kind};
use cake_core::{Error, Operation};
use napi::bindgen_prelude::Buffer;
use serde_json::{json, Value};

/// Every issue of `params` (JSON) for the operation at `operation` in core's list (`schema`'s
/// order; none: an id this SDK does not have), as a JSON array, or null when there is none
/// (most requests: nothing to write or parse). Core reads the text in place (no
/// `serde_json::Value` is built); text serde_json could not read is the same one
/// request-level issue as everywhere else.
#[napi_derive::napi]
pub fn validate(operation: Option<u32>, params: String) -> Option<String> {
    let operation = operation.and_then(|at| Operation::ALL.get(usize::try_from(at).ok()?).copied());
    let issues = cake_core::validate::validate_json(operation, &params)
        .unwrap_or_else(|_| vec![envelope::unreadable("")]);
    if issues.is_empty() {
        return None;
    }
    Some(serde_json::to_string(&issues).unwrap_or_else(|_| json!(issues).to_string()))
}

/// `{"issues": [...], "params": {...}}`: the issues of `params` (JSON) for `operation` (an id)
/// and the parameters normalized as they would be sent (core's `check_text`).
#[napi_derive::napi]
pub fn check(operation: String, params: String) -> String {
    cake_core::validate::described::check_text(&operation, params.as_bytes())
}

/// The parameters of `operation` in the reference's order with their kinds and bounds, as an
/// envelope (an unknown operation is a validation error).
#[napi_derive::napi]
pub fn fields(operation: String) -> String {
    match Operation::from_id(&operation) {
        Some(op) => format!(
            r#"{{"ok":{}}}"#,
            cake_core::validate::described::fields_text(op)
        ),
        None => envelope::error(&Error::validation(vec![
            cake_core::validate::unknown_operation(),
        ])),
    }
}

/// A payout function of core by name, over JSON arguments; the result's amounts are decimal
/// strings. An argument problem is a `validation` error holding core's issue.
#[napi_derive::napi]
pub fn payout(name: String, args: String) -> String {
    let result = serde_json::from_str(&args)
        .map_err(|_| envelope::unreadable(""))
        .and_then(|args| cake_core::money::call::call(&name, &args));
    match result {
        Ok(value) => envelope::ok(value),
        Err(issue) => described::issue_error(&issue),
    }
}

/// The HTTP request an operation would send: `{method, path, query, json_body}`.
#[napi_derive::napi]
pub fn build_request(operation: String, params: String, api_key: String) -> String {
    let Ok(params) = serde_json::from_str(&params) else {
        return described::issue_error(&envelope::unreadable(""));
    };
    match build_request_json(&operation, &params, &api_key) {
        Ok(request) => envelope::ok(request),
        Err(error) => envelope::error(&error),
    }
}

/// An answer `(status, headers as [[name, value]...], body)` read as `operation`'s result:
/// `{value, warnings}` (the warnings of reading it: `unreadable_value`, `unreadable_row`), or
/// the error it is. `wire.parseResponse` gives the value, `wire.readResponse` both.
#[napi_derive::napi]
pub fn parse_response(operation: String, status: u32, headers: String, body: Buffer) -> String {
    let headers: Vec<(String, String)> = match serde_json::from_str(&headers) {
        Ok(headers) => headers,
        Err(_) => return described::issue_error(&header_issue()),
    };
    let status = u16::try_from(status).unwrap_or(0);
    match read_response_json(
        &operation,
        status,
        &headers,
        &body,
        cake_core::models::MoneyJson::Text,
    ) {
        Ok(value) => envelope::ok(value),
        Err(error) => envelope::error(&error),
    }
}

fn header_issue() -> cake_core::Issue {
    cake_core::Issue::error(
        "headers",
        cake_core::validate::code::INVALID_TYPE,
        "must be name/value string pairs",
    )
}

fn kind_json(kind: Kind) -> Value {
    match kind {
        Kind::Id => json!({"kind": "id"}),
        Kind::Int { min, max } => json!({"kind": "int", "min": min, "max": max}),
        Kind::Money => json!({"kind": "money"}),
        Kind::Name => json!({"kind": "name"}),
        Kind::Text => json!({"kind": "text"}),
        Kind::Url { tokens } => json!({"kind": "url", "tokens": tokens}),
        Kind::Enum(spec) => json!({"kind": "enum", "values": spec.values}),
        Kind::DateTime => json!({"kind": "datetime"}),
        Kind::Date => json!({"kind": "date"}),
    }
}

fn operation_json(operation: Operation) -> Value {
    let params: Vec<Value> = field_table::fields(operation)
        .iter()
        .map(|field| {
            let mut out = kind_json(field.kind);
            if let Value::Object(map) = &mut out {
                map.insert("name".into(), json!(field.name));
                map.insert("required".into(), json!(field.required));
            }
            out
        })
        .collect();
    json!({
        "id": operation.id(),
        "method": operation.method().as_str(),
        "path": operation.path(),
        "is_write": operation.is_write(),
        "is_bulk_capable": operation.is_bulk_capable(),
        "params": params,
    })
}

/// Core's operations with their parameter tables and the payout function names: what the
/// JS layer and the generated TypeScript declarations are built from.
#[napi_derive::napi]
pub fn schema() -> String {
    use cake_core::models::*;
    use cake_core::validate::fields as limits;
    json!({
        "operations": Operation::ALL.map(operation_json),
        "payout_functions": cake_core::money::call::FUNCTIONS,
        "enums": {
            "AffiliateStatus": AffiliateStatus::VALUES,
            "AffiliateCreateStatus": AffiliateStatus::CREATE_VALUES,
            "OfferStatus": OfferStatus::VALUES,
            "PayoutType": PayoutType::VALUES,
            "SubAffiliatePayoutType": SubAffiliatePayoutType::VALUES,
            "SubAffiliateStatus": SubAffiliateStatus::VALUES,
            "SubAffiliateStatusFilter": SubAffiliateStatusFilter::VALUES,
            "AffiliateOfferStatus": AffiliateOfferStatus::VALUES,
        },
        "limits": {
            "max_safe_integer": limits::MAX_SAFE_INTEGER,
            "max_money": limits::MAX_MONEY,
            "money_places": limits::MONEY_PLACES,
            "max_name_len": limits::MAX_NAME_LEN,
            "max_url_len": limits::MAX_URL_LEN,
            "max_text_len": limits::MAX_TEXT_LEN,
        },
    })
    .to_string()
}
