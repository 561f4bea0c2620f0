//! The page reader against the general one (the whole answer as a `Value`): wherever it gives
//! a page, the same page; and it does give one for the plain pages servers send.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::endpoint::response::{parse_through_value, Response};
use crate::operation::Operation;
use proptest::prelude::*;

fn general(body: &[u8]) -> Option<SubAffiliateReport> {
    match parse_through_value(Operation::SubAffiliateReport, 200, &[], body) {
        Ok(Response::Report(page)) => Some(page),
        _ => None,
    }
}

fn written(page: &SubAffiliateReport) -> String {
    page.to_json().to_string()
}

/// Where the page reader answers, the general reader gives the same page (order of extra
/// fields included); returns whether the page reader answered.
fn agrees(body: &str) -> bool {
    let Some(fast) = read_report_page(body.as_bytes()) else {
        return false;
    };
    let slow = general(body.as_bytes()).unwrap_or_else(|| panic!("general reader refused {body}"));
    assert_eq!(fast, slow, "{body}");
    assert_eq!(written(&fast), written(&slow), "{body}");
    true
}

#[test]
fn plain_pages_are_read_in_place() {
    let body = r#"{"request_status":"Success","total_rows":100000,"sub_affiliate_report":[{"sub_affiliate_id":1301,"sub_affiliate_name":"r001000","clicks":3207,"conversions":196,"payout":245.00},{"sub_affiliate_id":1302,"sub_affiliate_name":null,"clicks":"","conversions":"7","payout":"205.5","region":"EU","tags":[1,{"a":-0}]}]}"#;
    assert!(agrees(body));
    let page = read_report_page(body.as_bytes()).unwrap();
    assert_eq!(page.total_rows, Some(100_000));
    assert_eq!(
        page.rows[0].payout.map(|p| p.to_string()).as_deref(),
        Some("245.00")
    );
    assert_eq!(
        page.rows[1].payout.map(|p| p.to_string()).as_deref(),
        Some("205.50")
    );
    // Blank is not given.
    assert_eq!(page.rows[1].clicks, None);
    assert_eq!(page.rows[1].conversions, Some(7));
    assert_eq!(page.rows[1].sub_affiliate_name, None);
    assert_eq!(
        serde_json::Value::Object(page.rows[1].extra.clone()).to_string(),
        r#"{"region":"EU","tags":[1,{"a":-0}]}"#
    );
    // Through parse_response, the same page.
    let parsed =
        crate::endpoint::parse_response(Operation::SubAffiliateReport, 200, &[], body.as_bytes());
    assert_eq!(parsed.ok(), Some(Response::Report(page)));
}

#[test]
fn other_shapes_and_failures_go_to_the_general_reader() {
    for body in [
        r#"{"request_status":"Success","response":{"sub_affiliate_report":[]}}"#,
        r#"{"request_status":"Failure","errors":["no"],"sub_affiliate_report":[]}"#,
        r#"{"request_status":null,"sub_affiliate_report":[]}"#,
        r#"{"sub_affiliate_report":[]}"#,
        r#"{"request_status":"Success","sub_affiliate_report":null}"#,
        r#"{"request_status":"Success","sub_affiliate_report":{}}"#,
        r#"{"request_status":"Success","sub_affiliate_report":[1]}"#,
        r#"{"request_status":"Success","sub_affiliate_report":[{"sub_affiliate_id":1,"payout":"x"}]}"#,
        r#"{"request_status":"Success","sub_affiliate_report":[],"total_rows":-1}"#,
        r#"{"request_status":"Success","sub_affiliate_report":[]"#,
        r#"{"request_status":"Success","sub_affiliate_report":[]} x"#,
        r#"[]"#,
    ] {
        assert_eq!(read_report_page(body.as_bytes()), None, "{body}");
    }
    // A value it cannot read: the general reader keeps it raw and warns, naming the row.
    let body = br#"{"request_status":"Success","sub_affiliate_report":[{"sub_affiliate_id":1,"payout":1},{"sub_affiliate_id":2,"payout":"x","clicks":3}]}"#;
    let (response, warnings) =
        crate::endpoint::read_response(Operation::SubAffiliateReport, 200, &[], body).unwrap();
    assert_eq!(
        response.to_json().to_string(),
        r#"{"rows":[{"sub_affiliate_id":1,"payout":1.00},{"sub_affiliate_id":2,"clicks":3,"unreadable":{"payout":"x"}}],"total_rows":null}"#
    );
    let fields: Vec<_> = warnings
        .iter()
        .map(|w| (w.field.as_str(), w.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("sub_affiliate_report[1].payout", "unreadable_value")]
    );
    assert_eq!(
        warnings[0].message,
        "expected a decimal amount, got \"x\"; kept as sent in unreadable.payout"
    );
}

#[test]
fn a_row_with_fields_missing_is_read_in_place() {
    let body = r#"{"request_status":"Success","sub_affiliate_report":[{"payout":1},{"sub_affiliate_id":2,"payout":null}]}"#;
    assert!(agrees(body));
    let page = read_report_page(body.as_bytes()).unwrap();
    assert_eq!(page.rows[0].sub_affiliate_id, None);
    assert_eq!(page.rows[1].payout, None);
}

#[test]
fn a_name_given_twice_counts_with_its_last_value() {
    let body = r#"{"request_status":"Failure","sub_affiliate_report":[],"request_status":"success","total_rows":5,"total_rows":" ","sub_affiliate_report":[{"b":1,"sub_affiliate_id":"9","a":2,"payout":"x","b":3,"payout":1.5,"sub\u005faffiliate_name":"n\u00e9"}]}"#;
    assert!(agrees(body));
    let page = read_report_page(body.as_bytes()).unwrap();
    assert_eq!(page.total_rows, None);
    assert_eq!(page.rows[0].sub_affiliate_id, Some(9));
    assert_eq!(page.rows[0].sub_affiliate_name.as_deref(), Some("né"));
    assert_eq!(
        serde_json::Value::Object(page.rows[0].extra.clone()).to_string(),
        r#"{"b":3,"a":2}"#
    );
}

/// A JSON value a row's field might hold, as text.
fn field_value() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0",
        "42",
        "-3",
        "2.0",
        "4.5",
        "1e3",
        "2.5E-2",
        "1e-40",
        "1e400",
        "245.00",
        "-0",
        "18446744073709551616",
        "9223372036854775808",
        "\"42\"",
        "\" 7.5 \"",
        "\"\"",
        "\"  \"",
        "\"abc\"",
        "\"r\\u0030\\n\"",
        "null",
        "true",
        "[]",
        "{}",
        "{\"a\":[1,null]}",
        "\"-1\"",
        "\"+5\"",
        "\"1e3\"",
    ])
    .prop_map(str::to_owned)
}

fn field_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "sub_affiliate_id",
        "sub_affiliate_name",
        "clicks",
        "conversions",
        "payout",
        "sub\\u005faffiliate_id",
        "region",
        "tags",
        "",
    ])
    .prop_map(str::to_owned)
}

/// Whitespace JSON allows between tokens (mostly none).
fn gap() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\n  ", "\t\r\n"])
}

fn object(entries: Vec<(String, String, &'static str)>) -> String {
    let inner: Vec<String> = entries
        .into_iter()
        .map(|(name, value, gap)| format!("{gap}\"{name}\"{gap}:{gap}{value}{gap}"))
        .collect();
    format!("{{{}}}", inner.join(","))
}

/// A row as a server sends it: every known field, plain values.
fn plain_row() -> impl Strategy<Value = String> {
    (1..100_000i64, 0..10_000u64, "(0|[1-9][0-9]{0,4})\\.[0-9]{2}").prop_map(|(id, clicks, payout)| {
        format!(r#"{{"sub_affiliate_id":{id},"sub_affiliate_name":"s{id}","clicks":{clicks},"conversions":{},"payout":{payout}}}"#, clicks / 10)
    })
}

/// A row that reads, in any tolerated form: numbers as strings, blanks, nulls, fields in any
/// order, unknown fields, names given twice.
fn tolerated_row() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec!["1", "\"42\"", "2.0", "1e3", "\" 7 \"", "-5"]);
    let payout = prop::sample::select(vec!["1.5", "\"2\"", "245.00", "-0", "1e-3", "\" 38.45 \""]);
    let count = prop::sample::select(vec!["0", "\"\"", "null", "\"12\"", "3.0", "\" \""]);
    let name = prop::sample::select(vec!["null", "\"x\"", "\"\"", "\"\\u00e9\\n\""]);
    let extra = prop::collection::vec(
        (
            prop::sample::select(vec!["region", "tags", "", "payout"]),
            field_value(),
        ),
        0..3,
    );
    (
        id,
        payout,
        count,
        name,
        extra,
        any::<prop::sample::Index>(),
        gap(),
    )
        .prop_map(|(id, payout, count, name, extra, turn, gap)| {
            let mut entries = vec![
                ("sub_affiliate_id".to_owned(), id.to_owned(), gap),
                ("sub_affiliate_name".to_owned(), name.to_owned(), gap),
                ("clicks".to_owned(), count.to_owned(), gap),
                ("payout".to_owned(), payout.to_owned(), gap),
            ];
            // Unknown fields (and a known one given twice, which may spoil the row) go first.
            for (field, value) in extra.into_iter().rev() {
                entries.insert(0, (field.to_owned(), value, gap));
            }
            let turn = turn.index(entries.len());
            entries.rotate_left(turn);
            object(entries)
        })
}

/// Anything in a row's place.
fn any_row() -> impl Strategy<Value = String> {
    let fields = prop::collection::vec((field_name(), field_value(), gap()), 0..8).prop_map(object);
    prop_oneof![3 => fields, 1 => Just("1".to_owned()), 1 => Just("null".to_owned())]
}

fn row() -> impl Strategy<Value = String> {
    prop_oneof![3 => plain_row(), 3 => tolerated_row(), 1 => any_row()]
}

/// An answer's entries: mostly a success with rows, then anything else in any order.
fn envelope() -> impl Strategy<Value = String> {
    let status = prop::sample::select(vec![
        "\"Success\"",
        "\"Success\"",
        "\"success\"",
        "\"Failure\"",
        "null",
        "1",
    ]);
    let total = prop::sample::select(vec!["100", "\"7\"", "\"\"", "null", "-1", "2.5", "{}"]);
    let rows = prop_oneof![
        6 => prop::collection::vec(row(), 0..6).prop_map(|rows| format!("[{}]", rows.join(","))),
        1 => Just("null".to_owned()),
        1 => Just("{}".to_owned()),
    ];
    let other = prop_oneof![
        2 => (total, gap()).prop_map(|(v, g)| ("total_rows".to_owned(), v.to_owned(), g)),
        1 => (status.clone(), gap()).prop_map(|(v, g)| ("request_status".to_owned(), v.to_owned(), g)),
        1 => (field_value(), gap()).prop_map(|(v, g)| ("errors".to_owned(), v, g)),
        1 => gap().prop_map(|g| ("response".to_owned(), "{\"sub_affiliate_report\":[]}".to_owned(), g)),
    ];
    (
        status,
        rows,
        gap(),
        prop::collection::vec(other, 0..3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(status, rows, gap, others, turn)| {
            let mut entries = vec![
                ("request_status".to_owned(), status.to_owned(), gap),
                ("sub_affiliate_report".to_owned(), rows, gap),
            ];
            entries.extend(others);
            let turn = turn.index(entries.len());
            entries.rotate_left(turn);
            object(entries)
        })
}

/// Generated answers, a tenth of them cut short: the page reader must agree wherever it
/// answers, and must answer for a fair share of them (or this would test nothing).
#[test]
fn where_the_page_reader_answers_it_agrees_with_the_general_reader() {
    use proptest::test_runner::{Config, TestRunner};
    let answers = (
        envelope(),
        prop::option::weighted(0.1, any::<prop::sample::Index>()),
    );
    let mut runner = TestRunner::new(Config::with_cases(4000));
    let read_in_place = std::cell::Cell::new(0);
    runner
        .run(&answers, |(mut body, cut)| {
            if let Some(cut) = cut {
                body.truncate(cut.index(body.len() + 1));
            }
            read_in_place.set(read_in_place.get() + usize::from(agrees(&body)));
            Ok(())
        })
        .unwrap();
    eprintln!("read in place: {} of 4000", read_in_place.get());
    assert!(
        read_in_place.get() >= 200,
        "{} of 4000",
        read_in_place.get()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn plain_pages_are_always_read_in_place(
        rows in prop::collection::vec(plain_row(), 0..8),
    ) {
        let body = format!(r#"{{"request_status":"Success","total_rows":{},"sub_affiliate_report":[{}]}}"#, rows.len(), rows.join(","));
        prop_assert!(agrees(&body), "{}", body);
    }
}
