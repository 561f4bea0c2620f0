//! Validation over form-style JSON, the normalized parameters, and each operation's fields.

use crate::{buffers, envelope, json};
use cake_core::validate::{described, unknown_operation, validate_json};
use cake_core::{Issue, Operation};
use wasm_bindgen::prelude::*;

/// Every issue of `params` (UTF-8 JSON text) for `operation` (None: not an operation).
fn issues(operation: Option<Operation>, params: &[u8]) -> Vec<Issue> {
    // Core's validate_json reads the entries in place (no Value: about 20% faster here, for
    // 2.7 KB gzip). It refuses what core's JSON reader refuses (both take what serde_json
    // takes): that is the issue `check` and `payout` give.
    std::str::from_utf8(params)
        .ok()
        .and_then(|text| validate_json(operation, text).ok())
        .unwrap_or_else(|| vec![described::not_json()])
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

/// `{issues, params}` as JSON text for the `len` bytes of JSON text in the input buffer
/// (core's `check_text`).
#[wasm_bindgen]
pub fn check_input(operation: &str, len: usize) -> String {
    buffers::with_input(len, |params| described::check_text(operation, params))
}

/// The eight operation ids, as JSON text (a string array would bring wasm-bindgen's
/// JS-value table glue into the module for this one call).
#[wasm_bindgen]
pub fn operations() -> String {
    json::write(&json::strings(&Operation::ALL.map(Operation::id)))
}

/// The parameters of `operation` in the reference's order, with their kinds, as the envelope's
/// JSON text (an unknown operation is a validation error): core's `fields_text`.
#[wasm_bindgen]
pub fn fields(operation: &str) -> String {
    match Operation::from_id(operation) {
        Some(op) => format!(r#"{{"ok":{}}}"#, described::fields_text(op)),
        None => envelope::issue_error(&unknown_operation()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            r#"[{"field":"","code":"invalid_type","message":"cannot be read: cyclic, or not JSON-serializable","severity":"error"}]"#
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
            assert_eq!(
                validated(create_offer, text),
                r#"[{"field":"","code":"invalid_type","message":"cannot be read: cyclic, or not JSON-serializable","severity":"error"}]"#
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
