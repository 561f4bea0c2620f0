//! Validation over form-style JSON, the normalized parameters, and each operation's fields.

use crate::envelope;
use cake_core::validate::fields::{self, Kind};
use cake_core::validate::{check_params, validate_by_id, Issue};
use cake_core::{datetime::CakeDateTime, Operation};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;

fn params_issue() -> Vec<Issue> {
    vec![envelope::not_json("")]
}

fn issues_json(issues: &[Issue]) -> String {
    serde_json::to_string(issues).unwrap_or_else(|_| "[]".to_owned())
}

/// Every issue of `params` (JSON text) for `operation`, as JSON text of
/// `[{field, code, message, severity}]`.
#[wasm_bindgen]
pub fn validate(operation: &str, params: &str) -> String {
    match serde_json::from_str::<Value>(params) {
        Ok(params) => issues_json(&validate_by_id(operation, &params)),
        Err(_) => issues_json(&params_issue()),
    }
}

/// `{issues, params}` as JSON text: the issues, and the parameters normalized the way they
/// would be sent (ids as integers, money exact, enums lowercase, not-given values dropped).
#[wasm_bindgen]
pub fn check(operation: &str, params: &str) -> String {
    let Ok(params) = serde_json::from_str::<Value>(params) else {
        return json!({ "issues": params_issue(), "params": {} }).to_string();
    };
    let (issues, normalized) = match Operation::from_id(operation) {
        Some(op) => {
            let checked = check_params(op, &params, CakeDateTime::now_utc());
            (checked.issues, checked.params)
        }
        None => (validate_by_id(operation, &params), Map::new()),
    };
    json!({ "issues": issues, "params": normalized }).to_string()
}

/// The eight operation ids.
#[wasm_bindgen]
pub fn operations() -> Vec<String> {
    Operation::ALL.iter().map(|op| op.id().to_owned()).collect()
}

fn kind_json(kind: Kind) -> Value {
    match kind {
        Kind::Id => json!({ "kind": "id", "min": 1, "max": fields::MAX_SAFE_INTEGER }),
        Kind::Int { min, max } => json!({ "kind": "int", "min": min, "max": max }),
        Kind::Money => json!({
            "kind": "money",
            "min": 0,
            "max": fields::MAX_MONEY,
            "places": fields::MONEY_PLACES,
        }),
        Kind::Name => json!({ "kind": "name", "max_length": fields::MAX_NAME_LEN }),
        Kind::Text => json!({ "kind": "text", "max_length": fields::MAX_TEXT_LEN }),
        Kind::Url { tokens } => json!({
            "kind": "url",
            "tokens": tokens,
            "max_length": fields::MAX_URL_LEN,
        }),
        Kind::Enum(values) => json!({ "kind": "enum", "values": values }),
        Kind::DateTime => json!({ "kind": "datetime", "format": "YYYY-MM-DD HH:MM:SS" }),
        Kind::Date => json!({ "kind": "date", "format": "YYYY-MM-DD" }),
    }
}

/// The parameters of `operation` in the reference's order, with their kinds (JSON text;
/// `null` for an unknown operation). Forms and the type generator are built from this.
#[wasm_bindgen]
pub fn fields(operation: &str) -> String {
    let Some(op) = Operation::from_id(operation) else {
        // validate_by_id answers an unknown operation with core's one request-level issue.
        let issues = validate_by_id(operation, &Value::Null);
        return match issues.first() {
            Some(issue) => envelope::issue_error(issue),
            None => envelope::ok(Value::Null),
        };
    };
    let list: Vec<Value> = fields::fields(op)
        .iter()
        .map(|field| {
            let mut entry = kind_json(field.kind);
            if let Value::Object(map) = &mut entry {
                map.insert("name".into(), field.name.into());
                map.insert("required".into(), field.required.into());
            }
            entry
        })
        .collect();
    envelope::ok(Value::Array(list))
}
