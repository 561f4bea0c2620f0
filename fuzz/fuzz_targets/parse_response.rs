//! Response parsing of every operation from arbitrary bytes, with an arbitrary status and an
//! arbitrary Retry-After header.
//!
//! Input: [operation index, status high, status low, n, n bytes of Retry-After, body...].
//! Invariants checked besides "no panic": an error never carries more of the body than its
//! excerpt allows, a success serializes back to JSON, and the answer is the one the general
//! reader (the whole answer as a `Value`) gives: the report page reader that reads rows in
//! place must never change it.
#![no_main]

use cake_core::endpoint::{parse_response_json, parse_through_value, retry_after};
use cake_core::{parse_response, Operation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [op, high, low, n, rest @ ..] = data else {
        return;
    };
    let operation = Operation::ALL[usize::from(*op) % Operation::ALL.len()];
    let status = u16::from_be_bytes([*high, *low]);
    let split = usize::from(*n).min(rest.len());
    let (header, body) = rest.split_at(split);
    let headers = vec![
        (
            "Retry-After".to_owned(),
            String::from_utf8_lossy(header).into_owned(),
        ),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    let _ = retry_after(&headers, FIXED_NOW_MILLIS);
    let parsed = parse_response(operation, status, &headers, body);
    let general = parse_through_value(operation, status, &headers, body);
    match (&parsed, &general) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours.to_json().to_string(), theirs.to_json().to_string()),
        (Err(ours), Err(theirs)) => assert_eq!(ours.to_string(), theirs.to_string()),
        _ => panic!("parse_response and the general reader disagree"),
    }
    match parsed {
        Ok(response) => {
            let json = response.to_json();
            assert!(!json.is_null(), "a parsed answer always serializes");
        }
        Err(error) => {
            let _ = (error.to_string(), format!("{error:?}"), error.to_json());
        }
    }
    let _ = parse_response_json(operation.id(), status, &headers, body);
});

/// A fixed clock: the HTTP-date branch must not depend on when the fuzzer runs.
const FIXED_NOW_MILLIS: i64 = 1_750_000_000_000;
