//! Validation over form-style JSON, the normalized parameters, and each operation's fields.

use crate::{buffers, envelope, json};
use cake_core::validate::fields::{self, Kind};
use cake_core::validate::{check_params, unknown_operation, validate_json};
use cake_core::{datetime::CakeDateTime, Issue, Operation};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// Every issue of `params` (UTF-8 JSON text) for `operation` (None: not an operation).
fn issues(operation: Option<Operation>, params: &[u8]) -> Vec<Issue> {
    // Core's validate_json reads the entries in place (no Value: about 20% faster here, for
    // 2.7 KB gzip). It refuses what core's JSON reader refuses (both take what serde_json
    // takes): that is the issue `check` and `payout` give.
    std::str::from_utf8(params)
        .ok()
        .and_then(|text| validate_json(operation, text).ok())
        .unwrap_or_else(|| vec![envelope::not_json("")])
}

/// Every issue of the `len` bytes of JSON text in the input buffer for the operation at
/// index `operation` of [`operations`] (past the end: not an operation). The issues, as JSON
/// text of `[{field, code, message, severity}]`, go to the output buffer; the answer is their
/// length, 0 when there is none (the JS layer then reads nothing).
#[wasm_bindgen]
pub fn validate_input(operation: u32, len: usize) -> usize {
    let operation = usize::try_from(operation)
        .ok()
        .and_then(|at| Operation::ALL.get(at).copied());
    let issues = buffers::with_input(len, |params| issues(operation, params));
    buffers::set_output(|out| {
        if !issues.is_empty() {
            json::write_issues(&issues, out);
        }
    })
}

/// `{issues, params}` as JSON text for the `len` bytes of JSON text in the input buffer: the
/// issues, and the parameters normalized the way they would be sent (ids as integers, money
/// exact, enums lowercase, not-given values dropped).
#[wasm_bindgen]
pub fn check_input(operation: &str, len: usize) -> String {
    let parsed = buffers::with_input(len, |params| envelope::parse_bytes("", params));
    let (issues, normalized) = match parsed {
        Err(issue) => (vec![issue], Map::new()),
        Ok(params) => match Operation::from_id(operation) {
            Some(op) => {
                let checked = check_params(op, &params, CakeDateTime::now_utc());
                (checked.issues, checked.params)
            }
            None => (vec![unknown_operation()], Map::new()),
        },
    };
    let mut out = String::from("{\"issues\":");
    json::write_issues(&issues, &mut out);
    out.push_str(",\"params\":");
    json::write_value(&Value::Object(normalized), &mut out);
    out.push('}');
    out
}

/// The eight operation ids, as JSON text (a string array would bring wasm-bindgen's
/// JS-value table glue into the module for this one call).
#[wasm_bindgen]
pub fn operations() -> String {
    json::write(&json::strings(&Operation::ALL.map(Operation::id)))
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
        json::write_string(value, out);
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
            json::write_value(&json::strings(spec.values), out);
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

/// The parameters of `operation` in the reference's order, with their kinds, as the envelope's
/// JSON text (an unknown operation is a validation error). Forms and the type generator are
/// built from this; written as text directly, as the other answers of the validation build.
#[wasm_bindgen]
pub fn fields(operation: &str) -> String {
    let Some(op) = Operation::from_id(operation) else {
        return envelope::issue_error(&unknown_operation());
    };
    let mut out = String::from(r#"{"ok":["#);
    for (at, field) in fields::fields(op).iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        write_field(field, &mut out);
    }
    out.push_str("]}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_is_written_as_a_number() {
        for op in Operation::ALL {
            let text = fields(op.id());
            let value = cake_core::endpoint::read_json(text.as_bytes()).unwrap_or(Value::Null);
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
        assert!(fields("create_offer").contains(r#""max":9007199254740991"#));
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
            assert_eq!(fields(op.id()), json!({ "ok": expected }).to_string());
        }
        assert!(fields("nope").starts_with(r#"{"error":{"code":"validation""#));
    }

    #[test]
    fn answers_are_json_text_the_js_layer_parses() {
        let create_offer = Operation::ALL
            .iter()
            .position(|op| *op == Operation::CreateOffer)
            .and_then(|at| u32::try_from(at).ok())
            .unwrap_or(u32::MAX);
        let validated = |operation, text: &[u8]| {
            let len = validate_input(operation, buffers::set_input(text));
            let output = buffers::output();
            assert_eq!(output.len(), len);
            output
        };
        assert_eq!(
            validated(create_offer, b"{"),
            r#"[{"field":"","code":"invalid_type","message":"must be JSON-serializable","severity":"error"}]"#
        );
        let offer = br#"{"offer_name":"Solar","advertiser_id":101,"vertical_id":7,"offer_url":"https://t.example/c?o={offer_id}"}"#;
        assert_eq!(
            validated(create_offer, offer),
            "",
            "no issue: nothing written"
        );
        let unknown = r#"[{"field":"","code":"unknown_operation","message":"is not an operation of this SDK","severity":"error"}]"#;
        let past_end = u32::try_from(Operation::ALL.len()).unwrap_or(u32::MAX);
        assert_eq!(validated(past_end, offer), unknown);
        assert_eq!(validated(u32::MAX, offer), unknown);
        assert_eq!(
            validated(create_offer, br#"{"offer_name":"Solar","advertiser_id":101,"vertical_id":7,"offer_url":"https://t.example/c?o={offer_id}","payout":"1.23456"}"#),
            r#"[{"field":"payout","code":"too_many_decimals","message":"must have at most 4 decimal places","severity":"error"}]"#
        );
        // What core's in-place reader refuses is refused by its JSON reader too, with this issue.
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        for text in [&b"\xff"[..], b"[1,]", b"{\"a\":1", b"", deep.as_bytes()] {
            let issue = envelope::parse_bytes("", text).err();
            assert_eq!(issue, Some(envelope::not_json("")));
            assert_eq!(
                validated(create_offer, text),
                r#"[{"field":"","code":"invalid_type","message":"must be JSON-serializable","severity":"error"}]"#
            );
        }
        let checked = check_input(
            "get_affiliate_offer",
            buffers::set_input(br#"{"affiliate_id":" 7 ","offer_id":8.0}"#),
        );
        assert_eq!(
            checked,
            r#"{"issues":[],"params":{"affiliate_id":7,"offer_id":8}}"#
        );
        assert_eq!(
            operations(),
            r#"["create_affiliate","update_affiliate","get_affiliate_offer","create_offer","update_offer","list_sub_affiliates","create_sub_affiliate","sub_affiliate_report"]"#
        );
    }
}
