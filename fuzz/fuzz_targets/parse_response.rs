//! Response parsing of every operation from arbitrary bytes, with an arbitrary status and an
//! arbitrary Retry-After header.
//!
//! Input: [operation index, status high, status low, n, n bytes of Retry-After, body...].
//! Invariant checked besides "no panic": an error never carries more of the body than its
//! excerpt allows, and a success serializes back to JSON.
#![no_main]

use cake_core::endpoint::{parse_response_json, retry_after};
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
    match parse_response(operation, status, &headers, body) {
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
