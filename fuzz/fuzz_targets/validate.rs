//! Validation and request building on arbitrary JSON for every operation.
//!
//! Input: [operation index, payload...]; the payload is used as JSON when it parses, else a
//! value is built from its bytes (keys drawn from the operation's parameters).
//! Invariants besides "no panic": `validate` and `Request::from_params` agree on whether a
//! request is valid; a valid request stays valid when checked again; what goes on the wire is
//! JSON; the redacted URL never holds the key.
#![no_main]

use cake_core::validate::fields::{fields, API_KEY};
use cake_core::validate::has_errors;
use cake_core::{validate, ApiKey, Operation, Request};
use cake_fuzz::json_or_built;
use libfuzzer_sys::fuzz_target;

const KEY: &str = "fuzz-KEY/with+odd chars";

fuzz_target!(|data: &[u8]| {
    let [op, payload @ ..] = data else {
        return;
    };
    let operation = Operation::ALL[usize::from(*op) % Operation::ALL.len()];
    let mut names: Vec<&str> = fields(operation).iter().map(|f| f.name).collect();
    names.push(API_KEY);
    let params = json_or_built(payload, &names);

    let issues = validate(operation, &params);
    let prepared = Request::from_params(operation, &params);
    assert_eq!(
        has_errors(&issues),
        prepared.is_err(),
        "validate and from_params disagree: {issues:?}"
    );
    let Ok(prepared) = prepared else {
        return;
    };
    let again = prepared.request.prepare();
    assert!(again.is_ok(), "a valid request became invalid: {again:?}");
    let http = prepared.request.to_http(&ApiKey::new(KEY));
    if let Some(bytes) = http.wire_body_bytes() {
        assert!(
            serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            "the wire body is not JSON"
        );
    }
    let _ = http.wire_query();
    let _ = http.url("https://cake.example");
    let redacted = http.redacted_url("https://cake.example");
    assert!(!redacted.contains(KEY), "the redacted URL holds the key");
    assert!(!format!("{http:?}").contains(KEY), "Debug shows the key");
});
