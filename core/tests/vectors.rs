//! Runs every shared vector in `tests/vectors/` against the core. The Python, Node and wasm
//! suites run the same files.

use cake_core::error::ErrorKind;
use cake_core::money::call::call;
use cake_core::{read_response, validate, ApiKey, Decimal, Operation, Request};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

fn load(name: &str) -> Result<Value, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))
}

fn cases<'a>(file: &'a Value, key: &str) -> &'a [Value] {
    file.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case.get(key).and_then(Value::as_str).unwrap_or("")
}

fn operation(case: &Value) -> Result<Operation, String> {
    Operation::from_id(text(case, "operation"))
        .ok_or_else(|| format!("{}: unknown operation", text(case, "name")))
}

/// Numbers compare by value (24.0 == 24.00); decimals in our answers become strings, as the
/// vectors write amounts.
fn canonical(value: &Value, decimals_as_strings: bool) -> Value {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            match Decimal::from_str(&text) {
                Ok(d) if decimals_as_strings && text.contains('.') => Value::String(d.to_string()),
                Ok(_) if !text.contains('.') => Value::Number(n.clone()),
                Ok(d) => Value::String(format!("num:{}", d.normalize())),
                Err(_) => Value::Number(n.clone()),
            }
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| canonical(v, decimals_as_strings))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), canonical(v, decimals_as_strings)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn report(failures: Vec<String>, total: usize, file: &str) {
    println!("{file}: {} of {total} passed", total - failures.len());
    assert!(
        failures.is_empty(),
        "{} {file} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn validation_vectors() -> Result<(), String> {
    let file = load("validation.json")?;
    let all = cases(&file, "cases");
    assert!(all.len() >= 80);
    let mut failures = Vec::new();
    for case in all {
        let op = operation(case)?;
        let params = case.get("params").cloned().unwrap_or(Value::Null);
        let mut got: Vec<(String, String, String)> = validate(op, &params)
            .into_iter()
            .map(|i| {
                (
                    i.field,
                    i.code.as_str().to_owned(),
                    i.severity.as_str().to_owned(),
                )
            })
            .collect();
        let mut want: Vec<(String, String, String)> = cases(case, "issues")
            .iter()
            .map(|i| {
                (
                    text(i, "field").to_owned(),
                    text(i, "code").to_owned(),
                    text(i, "severity").to_owned(),
                )
            })
            .collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!(
                "{}: want {want:?}, got {got:?}",
                text(case, "name")
            ));
        }
    }
    report(failures, all.len(), "validation.json");
    Ok(())
}

#[test]
fn payout_vectors() -> Result<(), String> {
    let file = load("payout.json")?;
    let all = cases(&file, "cases");
    assert!(all.len() >= 30);
    let mut failures = Vec::new();
    for case in all {
        let result = call(
            text(case, "function"),
            case.get("args").unwrap_or(&Value::Null),
        );
        let ok = match (&result, case.get("expect"), case.get("error")) {
            (Ok(got), Some(want), None) => got == want,
            (Err(issue), None, Some(want)) => {
                issue.field == text(want, "field") && issue.code == text(want, "code")
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: got {result:?}", text(case, "name")));
        }
    }
    report(failures, all.len(), "payout.json");
    Ok(())
}

#[test]
fn wire_request_vectors() -> Result<(), String> {
    let file = load("wire.json")?;
    let all = cases(&file, "requests");
    let mut failures = Vec::new();
    for case in all {
        let op = operation(case)?;
        let want = case.get("expect").cloned().unwrap_or(Value::Null);
        let prepared = match Request::from_params(op, case.get("params").unwrap_or(&Value::Null)) {
            Ok(prepared) => prepared,
            Err(e) => {
                failures.push(format!("{}: {e}", text(case, "name")));
                continue;
            }
        };
        let http = prepared
            .request
            .to_http(&ApiKey::new(text(case, "api_key")));
        let query: Vec<Value> = http
            .wire_query()
            .into_iter()
            .map(|(k, v)| Value::from(vec![k, v]))
            .collect();
        let got = serde_json::json!({
            "method": http.method().as_str(),
            "path": http.path(),
            "query": query,
            "json_body": http.wire_body(),
        });
        if canonical(&got, false) != canonical(&want, false) {
            failures.push(format!(
                "{}:\n  want {want}\n  got  {got}",
                text(case, "name")
            ));
        }
        if !format!("{http:?}").contains("***")
            || format!("{http:?}").contains(text(case, "api_key"))
        {
            failures.push(format!("{}: Debug shows the key", text(case, "name")));
        }
    }
    report(failures, all.len(), "wire.json requests");
    Ok(())
}

fn error_matches(kind: &ErrorKind, want: &Value) -> bool {
    if kind.code() != text(want, "code") {
        return false;
    }
    match kind {
        ErrorKind::Api {
            request_status,
            messages,
        } => {
            want.get("request_status")
                .is_none_or(|s| s == request_status.as_str())
                && want
                    .get("messages")
                    .is_none_or(|m| *m == serde_json::json!(messages))
        }
        ErrorKind::HttpStatus { status, .. } => want
            .get("status")
            .is_none_or(|s| s.as_u64() == Some(u64::from(*status))),
        ErrorKind::RateLimited { messages, .. } => want
            .get("messages")
            .is_none_or(|m| *m == serde_json::json!(messages)),
        _ => true,
    }
}

/// The warnings of reading an answer as `[{field, code}]`, as the vectors write them.
fn warning_pairs(warnings: &[cake_core::Issue]) -> Value {
    warnings
        .iter()
        .map(|w| serde_json::json!({"field": w.field, "code": w.code}))
        .collect()
}

#[test]
fn wire_response_vectors() -> Result<(), String> {
    let file = load("wire.json")?;
    let all = cases(&file, "responses");
    assert!(all.len() >= 30);
    let mut failures = Vec::new();
    for case in all {
        let op = operation(case)?;
        let status = case
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = case
            .get("headers")
            .and_then(Value::as_object)
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let result = read_response(op, status, &headers, text(case, "body").as_bytes());
        let expect = case
            .get("expect")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let ok = match (&result, expect.get("ok"), expect.get("error")) {
            // No "warnings" in a case means none.
            (Ok((response, warnings)), Some(want), None) => {
                canonical(&response.to_json(), true) == canonical(want, true)
                    && warning_pairs(warnings)
                        == expect
                            .get("warnings")
                            .cloned()
                            .unwrap_or(Value::Array(vec![]))
            }
            (Err(error), None, Some(want)) => error_matches(&error.kind, want),
            _ => false,
        };
        if !ok {
            let got = result.map(|(r, w)| format!("{} {}", r.to_json(), warning_pairs(&w)));
            failures.push(format!(
                "{}:\n  want {:?}\n  got  {got:?}",
                text(case, "name"),
                expect
            ));
        }
    }
    report(failures, all.len(), "wire.json responses");
    Ok(())
}

#[test]
fn every_operation_has_vectors() -> Result<(), String> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let validation = load("validation.json")?;
    for case in cases(&validation, "cases") {
        *seen
            .entry(Operation::from_id(text(case, "operation")).map_or("?", Operation::id))
            .or_default() += 1;
    }
    for op in Operation::ALL {
        assert!(
            seen.get(op.id()).copied().unwrap_or(0) >= 5,
            "{op} has too few validation vectors"
        );
    }
    Ok(())
}
