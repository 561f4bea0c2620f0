//! Test support: every shared validation vector and hostile case (tests/vectors/validation.json
//! and hostile.json), each as a `serde_json::Value` and as JSON text, so that the different
//! ways into validation can be held to the same answers. The hostile integration test
//! (core/tests/hostile.rs) includes this file too.
// Each of the two users reads part of it; an unknown placeholder is a broken test file.
#![allow(dead_code, clippy::panic)]

use serde_json::{Number, Value};
use std::path::PathBuf;

pub struct Case {
    /// The file the case is from.
    pub file: &'static str,
    pub name: String,
    pub operation: String,
    /// The parameters as given in the file, placeholders not expanded.
    raw: Value,
    /// What the case expects (hostile cases: `error_fields`).
    pub expect: Value,
}

fn load(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    serde_json::from_str(&without_lone_surrogates(&text)).unwrap_or(Value::Null)
}

/// Every validation vector, then every hostile case (at least 293 + 353 of them).
pub fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    for file in ["validation.json", "hostile.json"] {
        let loaded = load(file);
        let cases = loaded["cases"].as_array().cloned().unwrap_or_default();
        assert!(cases.len() > 100, "{file}: {} cases", cases.len());
        all.extend(cases.into_iter().map(|case| Case {
            file,
            name: format!("{file}: {}", case["name"].as_str().unwrap_or("?")),
            operation: case["operation"].as_str().unwrap_or("?").to_owned(),
            raw: case["params"].clone(),
            expect: case["expect"].clone(),
        }));
    }
    all
}

impl Case {
    /// The parameters with placeholders expanded (`$nest` built iteratively: drop deep
    /// values with [`dismantle`]).
    pub fn value(&self) -> Value {
        expand(&self.raw)
    }

    /// The parameters as JSON text, placeholders expanded in the text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        write_text(&self.raw, &mut out);
        out
    }
}

/// A Rust string cannot hold a lone surrogate, and serde_json refuses the escape: read it as
/// U+FFFD, which is what `String::from_utf16_lossy` (and so any Rust caller) would hold.
pub fn without_lone_surrogates(text: &str) -> String {
    let unit = |at: usize| {
        text.get(at..at + 6)
            .filter(|s| s.starts_with("\\u"))
            .and_then(|s| u16::from_str_radix(&s[2..], 16).ok())
    };
    let (mut out, mut at, mut copied) = (String::new(), 0, 0);
    while at < text.len() {
        if text.as_bytes()[at] != b'\\' {
            at += 1;
            continue;
        }
        match unit(at) {
            // A proper pair stays as it is.
            Some(0xD800..=0xDBFF)
                if unit(at + 6).is_some_and(|l| (0xDC00..0xE000).contains(&l)) =>
            {
                at += 12
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str(&text[copied..at]);
                out.push_str("\\ufffd");
                at += 6;
                copied = at;
            }
            // Any other escape (\\, \", \n, \u0041) is skipped whole, so `\\ud800` stays text.
            _ => at += 2,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The one placeholder `value` is, with its argument.
fn placeholder(value: &Value) -> Option<(&str, &Value)> {
    let map = value.as_object().filter(|map| map.len() == 1)?;
    let (key, arg) = map.iter().next()?;
    key.starts_with('$').then_some((key.as_str(), arg))
}

fn repeated(arg: &Value) -> String {
    let count = arg[1].as_u64().unwrap_or(0) as usize;
    arg[0].as_str().unwrap_or("").repeat(count)
}

/// Rust's native floats as serde_json holds them: NaN and the infinities have no JSON form
/// and become null (what `serde_json::to_value(f64::NAN)` gives); -0.0 stays -0.0.
fn float(name: &str) -> Value {
    let f = match name {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        "-0" => -0.0,
        other => panic!("unknown $float {other}"),
    };
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// Expands the placeholders: `$repeat`, `$nest` (built iteratively) and `$float`.
pub fn expand(value: &Value) -> Value {
    match (placeholder(value), value) {
        (Some(("$repeat", arg)), _) => Value::String(repeated(arg)),
        (Some(("$nest", arg)), _) => nest(arg.as_u64().unwrap_or(1) as usize),
        (Some(("$float", arg)), _) => float(arg.as_str().unwrap_or("")),
        (_, Value::Object(map)) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect())
        }
        (_, Value::Array(items)) => Value::Array(items.iter().map(expand).collect()),
        (_, other) => other.clone(),
    }
}

/// `depth` nested arrays, built without recursion.
pub fn nest(depth: usize) -> Value {
    (1..depth).fold(Value::Array(Vec::new()), |inner, _| {
        Value::Array(vec![inner])
    })
}

fn write_text(value: &Value, out: &mut String) {
    match (placeholder(value), value) {
        (Some(("$repeat", arg)), _) => out.push_str(&Value::String(repeated(arg)).to_string()),
        (Some(("$nest", arg)), _) => {
            let depth = arg.as_u64().unwrap_or(1) as usize;
            out.push_str(&"[".repeat(depth));
            out.push_str(&"]".repeat(depth));
        }
        (Some(("$float", arg)), _) => out.push_str(&float(arg.as_str().unwrap_or("")).to_string()),
        (_, Value::Object(map)) => {
            out.push('{');
            for (at, (key, item)) in map.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_text(item, out);
            }
            out.push('}');
        }
        (_, Value::Array(items)) => {
            out.push('[');
            for (at, item) in items.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                write_text(item, out);
            }
            out.push(']');
        }
        (_, other) => out.push_str(&other.to_string()),
    }
}

/// Drops a value without recursion: serde_json's own drop recurses once per level, and a
/// `$nest` of 100,000 would overflow the test thread's stack (see hostile.rs,
/// `plain_drop_of_deep_json_overflows_the_stack`).
pub fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}
