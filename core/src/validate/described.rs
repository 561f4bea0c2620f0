//! What the JS engines answer about parameters, written as JSON text: each operation's fields
//! with their kinds and bounds (forms and type generators read it), and `check` (the issues
//! and the parameters normalized as they would be sent). One writer, so the napi and the wasm
//! engine answer byte for byte alike.

use super::fields::{self, Kind};
use super::{check_params, unknown_operation};
use crate::datetime::CakeDateTime;
use crate::issue::{code, Issue};
use crate::json::{read_json, write_issues, write_string, write_value};
use crate::operation::Operation;
use serde_json::{Map, Value};

/// The issue for parameters handed over as text that is not JSON (a cycle, a throwing
/// `toJSON`, invalid UTF-8): the request as a whole.
pub fn not_json() -> Issue {
    Issue::error(
        "",
        code::INVALID_TYPE,
        "cannot be read: cyclic, or not JSON-serializable",
    )
}

/// A field's entry, written as text: `{"kind", the kind's bounds..., "name", "required"}`.
fn write_field(field: &fields::Field, out: &mut String) {
    // Core's bounds are i128 but all fit an i64 (a test checks that every bound is a number).
    let int = |name: &str, value: i128, out: &mut String| {
        out.push_str(name);
        out.push_str(&i64::try_from(value).map_or_else(|_| "null".to_owned(), |v| v.to_string()));
    };
    let text = |name: &str, value: &str, out: &mut String| {
        out.push_str(name);
        write_string(value, out);
    };
    match field.kind {
        Kind::Id => {
            out.push_str(r#"{"kind":"id","min":1"#);
            int(r#","max":"#, fields::MAX_SAFE_INTEGER, out);
        }
        Kind::Int { min, max } => {
            out.push_str(r#"{"kind":"int""#);
            int(r#","min":"#, min, out);
            int(r#","max":"#, max, out);
        }
        Kind::Money => {
            out.push_str(r#"{"kind":"money","min":0"#);
            int(r#","max":"#, fields::MAX_MONEY, out);
            int(r#","places":"#, i128::from(fields::MONEY_PLACES), out);
        }
        Kind::Name => {
            out.push_str(r#"{"kind":"name""#);
            int(r#","max_length":"#, fields::MAX_NAME_LEN as i128, out);
        }
        Kind::Text => {
            out.push_str(r#"{"kind":"text""#);
            int(r#","max_length":"#, fields::MAX_TEXT_LEN as i128, out);
        }
        Kind::Url { tokens } => {
            out.push_str(if tokens {
                r#"{"kind":"url","tokens":true"#
            } else {
                r#"{"kind":"url","tokens":false"#
            });
            int(r#","max_length":"#, fields::MAX_URL_LEN as i128, out);
        }
        Kind::Enum(spec) => {
            out.push_str(r#"{"kind":"enum","values":"#);
            write_value(
                &Value::Array(
                    spec.values
                        .iter()
                        .map(|v| Value::String((*v).to_owned()))
                        .collect(),
                ),
                out,
            );
        }
        Kind::DateTime => out.push_str(r#"{"kind":"datetime","format":"YYYY-MM-DD HH:MM:SS""#),
        Kind::Date => out.push_str(r#"{"kind":"date","format":"YYYY-MM-DD""#),
    }
    text(r#","name":"#, field.name, out);
    out.push_str(if field.required {
        r#","required":true}"#
    } else {
        r#","required":false}"#
    });
}

/// `{"error": {"code": "validation", "message": the issue, "issues": [the issue]}}`: how both JS
/// engines answer bad arguments to a function that sends nothing (payout functions, `fields`,
/// the wire functions' own arguments), the message being the issue itself.
pub fn issue_error(issue: &Issue) -> String {
    let mut out = String::from("{\"error\":{\"code\":\"validation\",\"message\":");
    write_string(&issue.to_string(), &mut out);
    out.push_str(",\"issues\":");
    write_issues(std::slice::from_ref(issue), &mut out);
    out.push_str("}}");
    out
}

/// The parameters of `operation` in the reference's order, as a JSON array of
/// `{"kind", the kind's bounds..., "name", "required"}`.
pub fn fields_text(operation: Operation) -> String {
    let mut out = String::from("[");
    for (at, field) in fields::fields(operation).iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write_field(field, &mut out);
    }
    out.push(']');
    out
}

/// `{"issues": [...], "params": {...}}` for `params` (UTF-8 JSON text) and `operation` (an
/// id): the issues, and the parameters normalized the way they would be sent (ids as
/// integers, money exact, enums lowercase, not-given values dropped).
pub fn check_text(operation: &str, params: &[u8]) -> String {
    let (issues, normalized) = match read_json(params) {
        Err(_) => (vec![not_json()], Map::new()),
        Ok(params) => match Operation::from_id(operation) {
            Some(op) => {
                let checked = check_params(op, &params, CakeDateTime::now_utc());
                (checked.issues, checked.params)
            }
            None => (vec![unknown_operation()], Map::new()),
        },
    };
    let mut out = String::from("{\"issues\":");
    write_issues(&issues, &mut out);
    out.push_str(",\"params\":");
    write_value(&Value::Object(normalized), &mut out);
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_is_written_as_a_number() {
        for op in Operation::ALL {
            let text = format!(r#"{{"ok":{}}}"#, fields_text(op));
            let value = read_json(text.as_bytes()).unwrap_or(Value::Null);
            let list = value["ok"].as_array().cloned().unwrap_or_default();
            assert_eq!(list.len(), fields::fields(op).len(), "{text}");
            for field in list {
                for bound in ["min", "max", "max_length", "places"] {
                    if let Some(bound) = field.get(bound) {
                        assert!(bound.is_number(), "{field}");
                    }
                }
            }
        }
        assert!(fields_text(Operation::CreateOffer).contains(r#""max":9007199254740991"#));
    }

    /// The text written by hand is the JSON of core's field table.
    #[test]
    fn fields_text_is_the_field_table() {
        use serde_json::json;
        for op in Operation::ALL {
            let expected: Vec<Value> = fields::fields(op)
                .iter()
                .map(|f| {
                    let mut entry = match f.kind {
                        Kind::Id => {
                            json!({"kind": "id", "min": 1, "max": 9_007_199_254_740_991_i64})
                        }
                        Kind::Int { min, max } => {
                            json!({"kind": "int", "min": min as i64, "max": max as i64})
                        }
                        Kind::Money => {
                            json!({"kind": "money", "min": 0, "max": 1_000_000_000, "places": 4})
                        }
                        Kind::Name => json!({"kind": "name", "max_length": 255}),
                        Kind::Text => json!({"kind": "text", "max_length": 4000}),
                        Kind::Url { tokens } => {
                            json!({"kind": "url", "tokens": tokens, "max_length": 2048})
                        }
                        Kind::Enum(spec) => json!({"kind": "enum", "values": spec.values}),
                        Kind::DateTime => {
                            json!({"kind": "datetime", "format": "YYYY-MM-DD HH:MM:SS"})
                        }
                        Kind::Date => json!({"kind": "date", "format": "YYYY-MM-DD"}),
                    };
                    if let Value::Object(map) = &mut entry {
                        map.insert("name".into(), f.name.into());
                        map.insert("required".into(), f.required.into());
                    }
                    entry
                })
                .collect();
            assert_eq!(fields_text(op), json!(expected).to_string());
        }
    }
}
