//! Runs `tests/vectors/hostile.json` against the core: each case must end in validation issues
//! on exactly the expected fields, within a time bound, and nothing may reach the server.
//! The Python, Node and wasm suites run the same file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
// The corpus loader the core's unit tests use (placeholders, lone surrogates, dismantling).
#[path = "../src/validate/corpus.rs"]
mod corpus;

use cake_core::validate::{depth_ok, MAX_NESTING};
use cake_core::{validate, Operation, Request};
use corpus::{dismantle, nest, without_lone_surrogates};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Per case, validate and from_params together, in a debug build. Measured: the slowest cases
/// (1 MB strings) take about 0.1 s on a free core, up to 0.5 s while other builds load the
/// machine. A case over the bound is timed again (best of 3), so only a real blow-up fails.
const BOUND: Duration = Duration::from_secs(1);

struct Case {
    name: String,
    operation: Operation,
    params: Value,
    error_fields: BTreeSet<String>,
}

fn load() -> Vec<Case> {
    let cases: Vec<corpus::Case> = corpus::cases()
        .into_iter()
        .filter(|case| case.file == "hostile.json")
        .collect();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    cases
        .into_iter()
        .map(|case| {
            let error_fields: BTreeSet<String> = case.expect["error_fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_owned())
                .collect();
            // An empty expectation would be a valid request: the client would send it.
            assert!(!error_fields.is_empty(), "{} expects no error", case.name);
            (case, error_fields)
        })
        .collect::<Vec<_>>()
        // Expanded only once every case is checked: a panic must not unwind through (and so
        // recursively drop) a deep value.
        .into_iter()
        .map(|(case, error_fields)| Case {
            operation: Operation::from_id(&case.operation).unwrap(),
            params: case.value(),
            name: case.name,
            error_fields,
        })
        .collect()
}

fn error_fields(issues: &[cake_core::Issue]) -> BTreeSet<String> {
    issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| i.field.clone())
        .collect()
}

#[test]
fn every_hostile_case_fails_validation_on_its_fields_in_time() {
    let cases = load();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for case in &cases {
        let run = || {
            let started = Instant::now();
            let issues = validate(case.operation, &case.params);
            let built = Request::from_params(case.operation, &case.params);
            (issues, built, started.elapsed())
        };
        let (issues, built, mut took) = run();
        for _ in 0..2 {
            if took > BOUND {
                took = took.min(run().2);
            }
        }
        // HOSTILE_TIMES=1 prints every case's time (with --nocapture).
        if std::env::var_os("HOSTILE_TIMES").is_some() {
            println!("{took:>12?} {}", case.name);
        }
        if took > slowest.0 {
            slowest = (took, case.name.clone());
        }
        let from_params = built
            .as_ref()
            .err()
            .map(|e| (e.code(), error_fields(e.issues())));
        let got = error_fields(&issues);
        if got != case.error_fields
            || from_params != Some(("validation", got.clone()))
            || took > BOUND
        {
            failures.push(format!(
                "{}: want {:?}, validate {got:?}, from_params {from_params:?}, {took:?}",
                case.name, case.error_fields
            ));
        }
    }
    println!(
        "hostile.json: {} of {} passed; slowest {} in {:?}",
        cases.len() - failures.len(),
        cases.len(),
        slowest.1,
        slowest.0
    );
    for case in cases {
        dismantle(case.params);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_hostile_case_reaches_the_server() {
    let mock = common::mock().await;
    let client = common::client(&mock);
    let cases = load();
    let mut failures = Vec::new();
    for case in &cases {
        match client.call(case.operation, &case.params).await {
            Err(e) if e.code() == "validation" && e.meta.attempts == 0 => {}
            other => failures.push(format!("{}: {other:?}", case.name)),
        }
    }
    // Dismantled before asserting: unwinding would drop the deep values recursively.
    for case in cases {
        dismantle(case.params);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(mock.requests().is_empty(), "sent: {:?}", mock.requests());
}

#[test]
fn nest_builds_the_depth_asked_and_dismantles_without_overflow() {
    let deep = nest(1_000_000);
    assert!(!depth_ok(&deep, MAX_NESTING));
    assert!(depth_ok(&deep, 1_000_000));
    assert!(!depth_ok(&deep, 999_999));
    dismantle(deep);
    assert!(depth_ok(&nest(MAX_NESTING), MAX_NESTING));
}

#[test]
fn lone_surrogate_escapes_become_replacement_characters() {
    let read = |json: &str| serde_json::from_str::<Value>(&without_lone_surrogates(json)).unwrap();
    assert_eq!(
        read(r#""\ud800\u0000""#),
        Value::String("\u{fffd}\0".into())
    );
    assert_eq!(read(r#""x\udfff""#), Value::String("x\u{fffd}".into()));
    assert_eq!(read(r#""\ud83c\udf70""#), Value::String("\u{1f370}".into()));
    assert_eq!(read(r#""\\ud800""#), Value::String("\\ud800".into()));
}

/// Why the runner dismantles: serde_json drops a `Value` recursively, one stack frame chain
/// per level, so a plain drop of the corpus's `$nest` overflows a thread's stack (an abort no
/// test harness can catch). Shown in a child process on a 2 MiB thread, Rust's default.
#[test]
fn plain_drop_of_deep_json_overflows_the_stack() {
    const NAME: &str = "plain_drop_of_deep_json_overflows_the_stack";
    if std::env::var_os("HOSTILE_PLAIN_DROP").is_some() {
        drop(nest(100_000));
        return;
    }
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env("HOSTILE_PLAIN_DROP", "1")
        .env("RUST_MIN_STACK", "2097152")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(
        !child.status.success() && stderr.contains("overflow"),
        "a plain drop survived ({}); if serde_json no longer recurses, `dismantle` can go:\n{stderr}",
        child.status
    );
}
