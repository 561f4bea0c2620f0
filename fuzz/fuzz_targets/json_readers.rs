//! Core's two JSON readers against serde_json, on arbitrary bytes.
//!
//! Input: [operation index, text...]. `endpoint::read_json` must accept exactly what
//! `serde_json::from_slice` accepts and give the same value (exact number text, key order);
//! `validate::validate_json` must give the issues `validate` gives for serde_json's value, and
//! refuse exactly the texts serde_json refuses. Both replaced serde paths (for size and speed),
//! so any difference is a bug in them.
#![no_main]

use cake_core::endpoint::read_json;
use cake_core::validate::{validate, validate_json};
use cake_core::Operation;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let [op, text @ ..] = data else {
        return;
    };
    let theirs = serde_json::from_slice::<Value>(text);
    let ours = read_json(text);
    match (&theirs, &ours) {
        (Ok(theirs), Ok(ours)) => assert_eq!(theirs, ours, "read_json gave another value"),
        (Err(_), Err(_)) => {}
        _ => panic!("read_json and serde_json disagree on whether this is JSON: {ours:?}"),
    }

    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let operation = Operation::ALL[usize::from(*op) % Operation::ALL.len()];
    let issues = validate_json(Some(operation), text);
    match (theirs, issues) {
        (Ok(value), Ok(issues)) => assert_eq!(validate(operation, &value), issues),
        (Err(_), Err(_)) => {}
        (theirs, issues) => panic!(
            "validate_json and serde_json disagree on whether this is JSON: {} vs {issues:?}",
            theirs.is_ok()
        ),
    }
});
