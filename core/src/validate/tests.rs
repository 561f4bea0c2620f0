use super::*;
use serde_json::json;

fn codes(operation: Operation, params: Value) -> Vec<(String, String)> {
    let mut found: Vec<_> = validate(operation, &params)
        .into_iter()
        .map(|i| (i.field, i.code.as_str().to_owned()))
        .collect();
    found.sort();
    found
}

fn pair(field: &str, code: IssueCode) -> (String, String) {
    (field.to_owned(), code.as_str().to_owned())
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

#[test]
fn every_operation_fits_the_fixed_parameter_array() {
    let longest = Operation::ALL.map(|op| fields::fields(op).len());
    assert_eq!(longest.iter().max(), Some(&MAX_FIELDS));
    assert_eq!(fields::fields(Operation::CreateOffer).len(), MAX_FIELDS);
}

/// `validate` checks without building the normalized parameters; `check_params` builds them
/// too. Over every vector and hostile case both give exactly the same issues, in order,
/// messages included, and a request without errors normalizes to one without errors.
#[test]
fn validate_and_check_params_agree_on_every_vector_and_hostile_case() {
    let all = corpus::cases();
    assert!(all.len() >= 293 + 353, "{} cases", all.len());
    let mut checked_cases = 0;
    for case in &all {
        let Some(operation) = Operation::from_id(&case.operation) else {
            continue;
        };
        let params = case.value();
        let now = CakeDateTime::now_utc();
        let checked = check_params(operation, &params, now);
        assert_eq!(
            validate(operation, &params),
            checked.issues,
            "{}",
            case.name
        );
        if !checked.has_errors() {
            let normalized = Value::Object(checked.params.clone());
            let again = check_params(operation, &normalized, now);
            assert!(!again.has_errors(), "{}: {:?}", case.name, again.issues);
            assert_eq!(again.params, checked.params, "{}", case.name);
        }
        corpus::dismantle(params);
        checked_cases += 1;
    }
    assert!(checked_cases >= 600, "{checked_cases}");
}

#[test]
fn normalized_values_are_what_the_request_sends() {
    let params = json!({
        "offer_name": "  Offer  ", "advertiser_id": " 007 ", "vertical_id": 2.0,
        "offer_url": " https://t.example/c?o={offer_id} ", "offer_status": " ACTIVE ",
        "payout": "24.50", "payout_type": "CPA", "revenue": 1e2, "session_hours": "+48",
        "expiration_date": " 2099-01-02 03:04:05 ", "offer_description": " keep\tme ",
        "api_key": "k", "typo": ""
    });
    let checked = check_params(Operation::CreateOffer, &params, CakeDateTime::now_utc());
    assert_eq!(
        checked.issues.iter().map(|i| i.code).collect::<Vec<_>>(),
        vec![code::UNKNOWN_FIELD]
    );
    assert_eq!(
        serde_json::to_string(&checked.params).unwrap_or_default(),
        concat!(
            r#"{"offer_name":"Offer","advertiser_id":7,"vertical_id":2,"#,
            r#""offer_url":"https://t.example/c?o={offer_id}","offer_status":"active","#,
            r#""payout":24.50,"payout_type":"cpa","revenue":100.0,"session_hours":48,"#,
            r#""expiration_date":"2099-01-02 03:04:05","offer_description":" keep\tme "}"#
        )
    );
}

#[test]
fn entries_read_in_place_give_the_same_issues() {
    let entries = [
        ("offer_name", Input::Text("x")),
        ("advertiser_id", Input::Number("0")),
        ("vertical_id", Input::Other),
        ("offer_url", Input::Text("https://x.example/{offer_id}")),
        ("payout", Input::Number("150")),
        ("payout_type", Input::Text("RevShare")),
        ("zzz", Input::Null),
    ];
    let as_value = json!({
        "offer_name": "x", "advertiser_id": 0, "vertical_id": [], "offer_url": "https://x.example/{offer_id}",
        "payout": 150, "payout_type": "RevShare", "zzz": null
    });
    let issues = validate_entries(Operation::CreateOffer, entries);
    assert_eq!(issues, validate(Operation::CreateOffer, &as_value));
    assert_eq!(
        issues
            .iter()
            .map(|i| (i.field.as_str(), i.code))
            .collect::<Vec<_>>(),
        vec![
            ("advertiser_id", code::OUT_OF_RANGE),
            ("vertical_id", code::INVALID_TYPE),
            ("payout", code::OUT_OF_RANGE),
            ("zzz", code::UNKNOWN_FIELD),
        ]
    );
}

#[test]
fn parameter_lookup_wraps_around_from_the_last_match() {
    let fields = fields::fields(Operation::CreateOffer);
    for start in 0..=fields.len() + 1 {
        for (at, field) in fields.iter().enumerate() {
            assert_eq!(position_from(fields, start, field.name), Some(at));
        }
        assert_eq!(position_from(fields, start, "typo"), None);
        assert_eq!(position_from(fields, start, API_KEY), None);
    }
}
