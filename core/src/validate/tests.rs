use super::*;
use serde_json::json;

fn codes(operation: Operation, params: Value) -> Vec<(String, String)> {
    let mut found: Vec<_> = validate(operation, &params)
        .into_iter()
        .map(|i| (i.field, i.code))
        .collect();
    found.sort();
    found
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

#[test]
fn reference_sample_is_valid() {
    let params = json!({
        "offer_name": "Home Warranty Lead - Premium", "advertiser_id": 101, "vertical_id": 7,
        "offer_url": "https://track.yourdomain.com/aff_c?offer_id={offer_id}&aff_id={aff_id}",
        "offer_status": "active", "payout": 24.00, "payout_type": "cpa", "revenue": 30.00,
        "currency_id": 1, "session_hours": 24
    });
    assert_eq!(codes(Operation::CreateOffer, params), vec![]);
}

#[test]
fn reports_every_issue() {
    let params = json!({"advertiser_id": "0", "vertical_id": "x", "offer_url": "ftp://a", "payout": "-1", "payot": 3});
    assert_eq!(
        codes(Operation::CreateOffer, params),
        vec![
            pair("advertiser_id", code::OUT_OF_RANGE),
            pair("offer_name", code::REQUIRED),
            pair("offer_url", code::INVALID_URL),
            pair("payot", code::UNKNOWN_FIELD),
            pair("payout", code::OUT_OF_RANGE),
            pair("vertical_id", code::INVALID_TYPE),
        ]
    );
}

#[test]
fn form_strings_are_accepted_and_normalized() {
    let params = json!({"affiliate_id": " 67890 ", "sub_affiliate_name": " A ", "payout": "20.00", "payout_type": "PERCENT"});
    let checked = check_params(
        Operation::CreateSubAffiliate,
        &params,
        CakeDateTime::now_utc(),
    );
    assert!(checked.issues.is_empty(), "{:?}", checked.issues);
    assert_eq!(
        serde_json::to_string(&checked.params).unwrap_or_default(),
        r#"{"affiliate_id":67890,"sub_affiliate_name":"A","payout":20.00,"payout_type":"percent"}"#
    );
}

#[test]
fn status_sets_differ_between_create_and_update() {
    assert_eq!(
        codes(
            Operation::CreateAffiliate,
            json!({"affiliate_name": "A", "account_manager_id": 1, "affiliate_status": "suspended"})
        ),
        vec![pair("affiliate_status", code::INVALID_ENUM)]
    );
    assert_eq!(
        codes(
            Operation::UpdateAffiliate,
            json!({"affiliate_id": 1, "affiliate_status": "Suspended"})
        ),
        vec![]
    );
}

#[test]
fn empty_update_and_warnings() {
    assert_eq!(
        codes(
            Operation::UpdateOffer,
            json!({"offer_id": 5, "offer_name": "", "typo": 1})
        ),
        vec![
            pair("", code::NOTHING_TO_UPDATE),
            pair("typo", code::UNKNOWN_FIELD)
        ]
    );
    let issues = validate(
        Operation::UpdateOffer,
        &json!({"offer_id": 5, "payout": 40, "revenue": 30, "expiration_date": "2001-01-01 00:00:00"}),
    );
    assert!(issues.iter().all(|i| i.severity == Severity::Warning));
    assert_eq!(issues.len(), 2);
}

#[test]
fn messages_never_echo_the_value() {
    let secretish = "VALUE-THAT-MUST-NOT-APPEAR";
    let params = json!({"affiliate_name": secretish, "account_manager_id": secretish, "website": secretish, "minimum_payment_threshold": secretish});
    for issue in validate(Operation::CreateAffiliate, &params) {
        assert!(!issue.message.contains(secretish), "{issue:?}");
    }
}

#[test]
fn not_an_object_is_one_issue() {
    assert_eq!(
        codes(Operation::ListSubAffiliates, json!([1, 2])),
        vec![pair("", code::INVALID_TYPE)]
    );
}
