//! The reader against serde_json itself: the same value, or an error where serde_json errs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use proptest::prelude::*;

fn serde(bytes: &[u8]) -> Option<Value> {
    serde_json::from_slice(bytes).ok()
}

/// Same verdict and the same value (key order included: `==` on maps ignores it).
fn agrees(bytes: &[u8]) {
    let ours = read_json(bytes).ok();
    let theirs = serde(bytes);
    assert_eq!(
        ours.as_ref().map(Value::to_string),
        theirs.as_ref().map(Value::to_string),
        "input {:?}",
        String::from_utf8_lossy(bytes)
    );
    assert_eq!(ours, theirs);
}

#[test]
fn reads_values_exactly() {
    let value = read_json(br#" {"b": [1, -0, 24.00, 1E5, 2.5e-2, 1e+3, true, false, null], "a": "x\u00e9\ud83d\ude00\n\"", "b": {}} "#)
        .unwrap();
    // Exact number text (serde_json's normalization of the exponent), the repeated key at
    // its first place with its last value.
    assert_eq!(value.to_string(), r#"{"b":{},"a":"xé😀\n\""}"#);
    let numbers =
        read_json(b"[1, -0, 24.00, 1E5, 2.5e-2, 1e+3, 123456789012345678901234567890]").unwrap();
    assert_eq!(
        numbers.to_string(),
        "[1,-0,24.00,1e+5,2.5e-2,1e+3,123456789012345678901234567890]"
    );
}

#[test]
fn rejects_what_serde_json_rejects() {
    for bad in [
        "",
        " ",
        "nul",
        "tru",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "[1 2]",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "1e+",
        "+1",
        "\"\\x\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"a\nb\"",
        "\"abc",
        "[",
        "{",
        "{\"a\"",
        "{\"a\":",
        "1 2",
        "NaN",
        "[1]]",
        "\u{feff}1",
        "\"\\u12\"",
        "{\"a\" 1}",
        "[,1]",
    ] {
        assert!(read_json(bad.as_bytes()).is_err(), "{bad:?}");
        agrees(bad.as_bytes());
    }
    // Invalid UTF-8 inside a string, and outside one.
    agrees(b"\"\xff\"");
    agrees(b"\xff");
    agrees(b"\"\xc3\xa9\"");
}

#[test]
fn errors_say_where() {
    let error = read_json(b"{\n  \"a\": tru }").unwrap_err();
    assert_eq!(error.to_string(), "expected ident at line 2 column 11");
    let error = read_json(b"").unwrap_err();
    assert_eq!(
        error.to_string(),
        "EOF while parsing a value at line 1 column 0"
    );
}

#[test]
fn nesting_limit_is_serde_jsons() {
    for depth in [1, 100, 127, 128, 129, 1000] {
        for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
            let inner = if open == "[" { "" } else { "1" };
            let text = format!("{}{inner}{}", open.repeat(depth), close.repeat(depth));
            agrees(text.as_bytes());
        }
    }
    assert!(read_json(format!("{}{}", "[".repeat(127), "]".repeat(127)).as_bytes()).is_ok());
    assert!(read_json(format!("{}{}", "[".repeat(128), "]".repeat(128)).as_bytes()).is_err());
}

/// Text made of JSON's pieces, so most of it is nearly JSON.
fn jsonish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\"k\"".to_owned()),
        Just("\"a\\\"b\\\\\\/\\b\\f\\n\\r\\t\"".to_owned()),
        Just("\"\\u00e9\\ud83d\\ude00\"".to_owned()),
        Just("\"\\ud83d\"".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        "-?[0-9]{1,3}(\\.[0-9]{0,2})?([eE][+-]?[0-9]{0,2})?",
        "[a-z\\u{e9}\\u{1f600}\\u{0}-\\u{1f}]{1,2}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Valid JSON values of any shape.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?"
            .prop_map(|t| Value::Number(Number::from_str(&t).unwrap())),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn agrees_with_serde_json_on_near_json(text in jsonish()) {
        agrees(text.as_bytes());
    }

    #[test]
    fn agrees_with_serde_json_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..32)) {
        agrees(&bytes);
    }

    #[test]
    fn reads_back_what_serde_json_writes(value in json_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        prop_assert_eq!(read_json(compact.as_bytes()).ok().map(|v| v.to_string()), Some(compact.clone()));
        agrees(pretty.as_bytes());
    }
}
