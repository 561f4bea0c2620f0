//! The hand-written readers and writers keep serde's rules for the models (checked against
//! the former derive-based models over 450,000 generated objects when they were written).
#![allow(clippy::unwrap_used)]

use super::super::*;
use serde_json::{json, Value};

fn exact(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn reads_tolerantly_and_writes_the_reference_form() {
    let offer = Offer::from_json(&exact(
        r#"{"zeta":1,"offer_id":" 12 ","offer_name":"","offer_status":{"id":1,"name":" ACTIVE "},
            "payout":"24","payout_type":"CPA","revenue":7.505,"revenue_type":null,
            "created_date":"2026-01-02T03:04:05Z","expiration_date":null,"alpha":[-0,1.50]}"#,
    ))
    .unwrap();
    assert_eq!(offer.offer_id, Some(12));
    assert_eq!(offer.offer_name.as_deref(), Some(""));
    assert_eq!(offer.offer_status, Some(OfferStatus::Active));
    assert_eq!(offer.revenue_type, None);
    assert_eq!(
        offer.to_json().to_string(),
        r#"{"offer_id":12,"offer_name":"","offer_status":"active","payout":24.00,"payout_type":"cpa","revenue":7.505,"created_date":"2026-01-02 03:04:05","zeta":1,"alpha":[-0,1.50]}"#
    );
}

#[test]
fn unknown_fields_are_kept_exactly_in_order() {
    // serde's flatten turned -0 into 0 and failed on integers past u64; kept as written now.
    let value = exact(r#"{"b":-0,"sub_affiliate_id":1,"a":99999999999999999999,"c":{"x":null}}"#);
    let sub = SubAffiliate::from_json(&value).unwrap();
    assert_eq!(
        Value::Object(sub.extra.clone()).to_string(),
        r#"{"b":-0,"a":99999999999999999999,"c":{"x":null}}"#
    );
    assert_eq!(
        sub.to_json().to_string(),
        r#"{"sub_affiliate_id":1,"b":-0,"a":99999999999999999999,"c":{"x":null}}"#
    );
}

/// A result read leniently: the model as JSON and its warnings as `field (code): message`.
fn lenient_offer(value: Value) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let offer = Offer::read(&value, "offer", &mut warnings).unwrap();
    let warnings = warnings
        .iter()
        .map(|w| format!("{} ({}): {}", w.field, w.code, w.message))
        .collect();
    (offer.to_json().to_string(), warnings)
}

#[test]
fn unreadable_values_are_kept_raw_with_a_warning_and_missing_ones_are_none() {
    assert_eq!(lenient_offer(json!({})), ("{}".to_owned(), vec![]));
    assert_eq!(
        lenient_offer(json!({"offer_id": null, "payout": null})),
        ("{}".to_owned(), vec![])
    );
    let kept = |why: &str, sent: &str, field: &str| {
        format!("offer.{field} (unreadable_value): {why}, got {sent}; kept as sent in unreadable.{field}")
    };
    assert_eq!(
        lenient_offer(json!({"offer_id": 1.5, "offer_name": "A", "x": 1})),
        (
            r#"{"offer_name":"A","x":1,"unreadable":{"offer_id":1.5}}"#.to_owned(),
            vec![kept("expected a whole number", "1.5", "offer_id")]
        )
    );
    assert_eq!(
        lenient_offer(
            json!({"offer_id": 1, "offer_name": 5, "payout": "abc", "offer_status": 3, "created_date": ""})
        ),
        (
            r#"{"offer_id":1,"unreadable":{"offer_name":5,"payout":"abc","offer_status":3,"created_date":""}}"#
                .to_owned(),
            vec![
                kept("expected a string", "5", "offer_name"),
                kept("expected a string or {id, name}", "3", "offer_status"),
                kept("expected a decimal amount", "\"abc\"", "payout"),
                kept("not a datetime in a known format", "\"\"", "created_date"),
            ]
        )
    );
    // A long value is quoted only in part.
    let (_, warnings) = lenient_offer(json!({"payout": "x".repeat(500)}));
    assert!(
        warnings[0].contains(&format!("got \"{}…;", "x".repeat(199))),
        "{}",
        warnings[0]
    );
    // Numbers sent as text are read as numbers.
    assert_eq!(
        lenient_offer(json!({"offer_id": "840", "payout": "24.00"})),
        (r#"{"offer_id":840,"payout":24.00}"#.to_owned(), vec![])
    );
    // Only an entity that is not an object fails.
    assert_eq!(
        Offer::read(&json!([1]), "offer", &mut Vec::new()).err(),
        Some("expected an object".into())
    );
    // Blank tolerant fields are not given; blank text is kept.
    let offer = Offer::from_json(&json!({"offer_id": 1, "payout": "  "})).unwrap();
    assert_eq!(offer.payout, None);
}

#[test]
fn nested_models_and_lists() {
    let affiliate = Affiliate::from_json(&json!({
        "affiliate_id": 5, "account_manager": {"id": "7", "name": "Jo", "email": "jo@x"}
    }))
    .unwrap();
    assert_eq!(
        affiliate.to_json().to_string(),
        r#"{"affiliate_id":5,"account_manager":{"id":7,"name":"Jo","email":"jo@x"}}"#
    );
    // A manager without an id, and one that is not an object: read, and kept raw with a warning.
    let mut warnings = Vec::new();
    let affiliate = Affiliate::read(
        &json!({"affiliate_id": 5, "account_manager": {"name": "Jo"}}),
        "affiliate",
        &mut warnings,
    )
    .unwrap();
    assert_eq!(
        affiliate.account_manager.and_then(|m| m.name).as_deref(),
        Some("Jo")
    );
    assert!(warnings.is_empty());
    let affiliate = Affiliate::read(
        &json!({"affiliate_id": 5, "account_manager": [7]}),
        "affiliate",
        &mut warnings,
    )
    .unwrap();
    assert_eq!(affiliate.account_manager, None);
    assert_eq!(
        affiliate.to_json().to_string(),
        r#"{"affiliate_id":5,"unreadable":{"account_manager":[7]}}"#
    );
    assert_eq!(warnings[0].field, "affiliate.account_manager");
    assert_eq!(
        warnings[0].message,
        "expected an object, got [7]; kept as sent in unreadable.account_manager"
    );
    let report = SubAffiliateReport::from_json(&exact(
        r#"{"rows":[{"sub_affiliate_id":"3","clicks":"","conversions":2.0,"payout":1}],"total_rows":" "}"#,
    ))
    .unwrap();
    assert_eq!(
        report.to_json().to_string(),
        r#"{"rows":[{"sub_affiliate_id":3,"conversions":2,"payout":1.00}],"total_rows":null}"#
    );
    assert_eq!(
        SubAffiliateReport::from_json(&json!({"rows": [{"sub_affiliate_id": 1}]}))
            .map(|r| r.to_json().to_string()),
        Ok(r#"{"rows":[{"sub_affiliate_id":1}],"total_rows":null}"#.into())
    );
}

#[test]
fn requests_round_trip_and_serde_goes_through_the_same_code() {
    let create = exact(
        r#"{"affiliate_id":67890,"sub_affiliate_name":"A","payout":"20","payout_type":"Percent"}"#,
    );
    let request = CreateSubAffiliate::from_json(&create).unwrap();
    assert_eq!(
        request.to_json().to_string(),
        r#"{"affiliate_id":67890,"sub_affiliate_name":"A","payout":20.00,"payout_type":"percent"}"#
    );
    let through_serde: CreateSubAffiliate = serde_json::from_value(create).unwrap();
    assert_eq!(through_serde, request);
    assert_eq!(serde_json::to_value(&request).unwrap(), request.to_json());
    assert!(CreateOffer::from_json(
        &json!({"offer_name": null, "advertiser_id": 1, "vertical_id": 1, "offer_url": "x"})
    )
    .is_err());
    let report = SubAffiliateReportRequest::from_json(
        &json!({"start_date": "2026-01-01", "end_date": "2026-01-31T00:00:00", "row_limit": "50"}),
    )
    .unwrap();
    assert_eq!(
        report.to_json().to_string(),
        r#"{"start_date":"2026-01-01","end_date":"2026-01-31","row_limit":50}"#
    );
}
