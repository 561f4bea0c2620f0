use super::*;
use crate::validate::corpus::{cases, dismantle};
use crate::validate::validate_by_id;
use serde_json::Value;
use std::borrow::Cow;

/// What a binding got before this reader: serde_json's document, then `validate_by_id`.
fn through_serde(operation: &str, text: &str) -> Result<Vec<Issue>, NotJson> {
    let value: Value = serde_json::from_str(text).map_err(|_| NotJson)?;
    let issues = validate_by_id(operation, &value);
    dismantle(value);
    Ok(issues)
}

fn assert_same(operation: &str, text: &str) {
    let shown: String = text.chars().take(120).collect();
    assert_eq!(
        validate_json_by_id(operation, text),
        through_serde(operation, text),
        "{operation} {shown}"
    );
}

#[test]
fn every_vector_and_hostile_case_reads_as_serde_json_reads_it() {
    let all = cases();
    assert!(all.len() >= 293 + 353, "{} cases", all.len());
    let mut unreadable = 0;
    for case in &all {
        let text = case.text();
        let ours = validate_json_by_id(&case.operation, &text);
        unreadable += usize::from(ours.is_err());
        assert_eq!(ours, through_serde(&case.operation, &text), "{}", case.name);
    }
    // The `$nest` cases (100,000 levels) are past serde_json's limit, and so past ours.
    assert!(unreadable >= 10, "{unreadable}");
}

fn nest(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn nesting_stops_where_serde_json_stops() {
    // The top-level object is one level: 126 more arrays are the most serde_json reads.
    for depth in [1, 125, 126, 127, 128, 200] {
        let text = format!(r#"{{"offer_name": {}, "payout": 1}}"#, nest(depth, "1"));
        assert_same("create_offer", &text);
        let objects = format!(r#"{{"offer_name": {}}}"#, nest(depth, r#"{"a": {}}"#));
        assert_same("create_offer", &objects);
        assert_same("create_offer", &nest(depth + 1, ""));
    }
    let deepest = format!(r#"{{"offer_name": {}}}"#, nest(126, ""));
    assert!(validate_json_by_id("create_offer", &deepest).is_ok());
    let too_deep = format!(r#"{{"offer_name": {}}}"#, nest(127, ""));
    assert_eq!(validate_json_by_id("create_offer", &too_deep), Err(NotJson));
}

#[test]
fn malformed_documents_are_not_json_exactly_where_serde_json_refuses_them() {
    for text in [
        "",
        " ",
        "\0",
        "{",
        "}",
        "{,}",
        r#"{"a"}"#,
        r#"{"a":}"#,
        r#"{"a":1,}"#,
        r#"{"a":1 "b":2}"#,
        r#"{a:1}"#,
        r#"{"a":1}}"#,
        r#"{"a":1} x"#,
        "[1,]",
        "[,1]",
        "[1 2]",
        "{\"a\":[1,2,{\"b\":[]},]}",
        "nul",
        "nulll",
        "tru",
        "falsey",
        "NaN",
        "Infinity",
        "-",
        "01",
        "-01",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.e3",
        "+1",
        "0x10",
        "\"a",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\t\"",
        "\"\n\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"\\ud800\\n\"",
        "{\"offer_name\":\"\\ud800\"}",
        "{\"\\udfff\":1}",
        "'a'",
        "[1]\n[2]",
        "\u{feff}{}",
    ] {
        assert_same("create_offer", text);
    }
    assert_eq!(
        validate_json_by_id("create_offer", "{\"a\":1,}"),
        Err(NotJson)
    );
}

#[test]
fn well_formed_documents_give_serde_json_answers() {
    for text in [
        "{}",
        " {\n\t\"offer_name\" :\r\"x\" } ",
        "null",
        "1",
        "\"x\"",
        "[]",
        "[{}]",
        "true",
        r#"{"advertiser_id": -0, "vertical_id": 1E3, "currency_id": 2.0e0, "session_hours": 1e+2}"#,
        r#"{"payout": 1e400, "revenue": 1e-400, "advertiser_id": 123456789012345678901234567890}"#,
        r#"{"payout": -0.0, "revenue": 0.00001, "advertiser_id": 9007199254740992, "vertical_id": 18446744073709551616}"#,
        r#"{"offer_name": "a\u0000b", "offer_url": "https:\/\/x.example\/{offer_id}"}"#,
        r#"{"offer_name": "\ud83c\udf70 \u00e9\u0301 \"q\" \\ \/ \b\f\n\r\t"}"#,
        r#"{"offer_name": " x ", "offer_name": "", "typo": 1, "typo": 2, "api_key": "k"}"#,
        r#"{"typo": 1, "other": [], "typo": {"nested": [1, {"x": null}]}, "\u00e9": true}"#,
        r#"{"payout_type": {"name": "cpa"}, "offer_status": ["active"], "payout": true, "revenue": null}"#,
        r#"{"offer_description": "line\nbreak\ttab", "expiration_date": "2001-01-01 00:00:00"}"#,
    ] {
        for operation in [
            "create_offer",
            "update_offer",
            "create_sub_affiliate",
            "nope",
        ] {
            assert_same(operation, text);
        }
    }
}

#[test]
fn a_name_given_twice_counts_once_with_its_last_value() {
    let issues = |text: &str| {
        validate_json_by_id("update_offer", text)
            .unwrap_or_default()
            .into_iter()
            .map(|i| format!("{}|{}", i.field, i.code))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        issues(r#"{"offer_id": 0, "offer_id": 5, "offer_name": "x"}"#),
        Vec::<String>::new()
    );
    assert_eq!(
        issues(r#"{"offer_id": 5, "offer_name": "x", "offer_name": ""}"#),
        vec!["|nothing_to_update"]
    );
    assert_eq!(
        issues(r#"{"offer_id": 5, "b": 1, "offer_name": "x", "a": 1, "b": 2}"#),
        vec!["b|unknown_field", "a|unknown_field"]
    );
}

#[test]
fn text_is_borrowed_unless_it_holds_escapes() {
    let mut read_entries = Entries::new();
    let text = r#"{"a": "plain", "b\n": "esc\u00e9", "c": 1.50}"#;
    assert_eq!(read(text, &mut read_entries), Ok(true));
    let entries: Vec<_> = read_entries.iter().collect();
    assert!(matches!(
        &entries[0],
        (Cow::Borrowed("a"), Scalar::Text(Cow::Borrowed("plain")))
    ));
    assert!(matches!(&entries[1].0, Cow::Owned(name) if name == "b\n"));
    assert!(matches!(&entries[1].1, Scalar::Text(Cow::Owned(text)) if text == "escé"));
    assert!(matches!(entries[2].1, Scalar::Number("1.50")));
}

#[test]
fn strings_with_an_escape_anywhere_in_them_read_as_serde_json_reads_them() {
    // Long strings: the special byte after several clean words, at each offset.
    for len in 0..40 {
        let text = format!(
            r#"{{"offer_name": "{}\u0041{}"}}"#,
            "y".repeat(len),
            "z".repeat(len)
        );
        assert_same("create_offer", &text);
        let raw = format!("{{\"offer_name\": \"{}\u{1}\"}}", "y".repeat(len));
        assert_eq!(validate_json_by_id("create_offer", &raw), Err(NotJson));
    }
}

#[test]
fn an_unknown_operation_is_one_issue_once_the_text_reads() {
    assert_eq!(validate_json(None, "{\"a\": 1"), Err(NotJson));
    assert_eq!(validate_json(None, "[1]"), Ok(vec![unknown_operation()]));
    let text = r#"{"offer_id": 5}"#;
    assert_eq!(
        validate_json(Some(Operation::UpdateOffer), text),
        validate_json_by_id("update_offer", text)
    );
}

#[test]
fn entries_past_the_inline_ones_keep_their_order() {
    let names: Vec<String> = (0..40).map(|at| format!("k{at}")).collect();
    let text = format!(
        "{{{}}}",
        names
            .iter()
            .map(|n| format!("\"{n}\": 1"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let mut entries = Entries::new();
    assert_eq!(read(&text, &mut entries), Ok(true));
    let read_names: Vec<&str> = entries.iter().map(|(name, _)| name.as_ref()).collect();
    assert_eq!(read_names, names);
    let warned: Vec<String> = validate_json_by_id("get_affiliate_offer", &text)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.code == "unknown_field")
        .map(|i| i.field)
        .collect();
    assert_eq!(warned, names);
    assert_same("get_affiliate_offer", &text);
}
