use super::*;
use serde_json::json;
use std::time::Duration;

/// `(field, code)` of each issue of a failed result; empty when it succeeded.
fn issues<T>(result: Result<T, Error>) -> Vec<(String, String)> {
    match result {
        Ok(_) => Vec::new(),
        Err(error) => error
            .issues()
            .iter()
            .map(|issue| (issue.field.clone(), issue.code.as_str().to_owned()))
            .collect(),
    }
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(field, code)| (field.to_string(), code.to_string()))
        .collect()
}

/// A client the way the browser package makes one, from `config`.
fn client(config: &Value) -> Result<Client, Error> {
    let mut settings = Settings::new(config);
    let builder = settings.shared(ClientBuilder::default().without_api_key());
    settings.build(builder)
}

fn pager() -> Option<ReportPager> {
    let client = client(&json!({"baseUrl": "http://127.0.0.1:9"})).ok()?;
    let range = json!({"start_date": "2026-01-01", "end_date": "2026-01-31"});
    client.report_pager_from_params(&range).ok()
}

#[test]
fn core_issues_get_the_js_names_in_field_and_message() {
    let error = Error::validation(vec![
        Issue::error(
            "base_url",
            cake_core::validate::code::INSECURE_URL,
            "must use https; opt in with allow_insecure_http",
        ),
        Issue::error("timeout", code::OUT_OF_RANGE, "must be more than 0"),
        Issue::error("payout", code::REQUIRED, "is required"),
    ]);
    let named = in_js_names(error);
    let fields: Vec<&str> = named.issues().iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["baseUrl", "timeoutMs", "payout"]);
    assert_eq!(
        named.to_string(),
        "invalid request, not sent: baseUrl: must use https; opt in with allowInsecureHttp \
         (insecure_url); timeoutMs: must be more than 0 (out_of_range); payout: is required (required)"
    );
}

#[test]
fn only_identifiers_are_renamed_not_prose() {
    assert_eq!(
        js_words("the timeout, or max_retries (pages_ahead)"),
        "the timeout, or maxRetries (pagesAhead)"
    );
}

#[test]
fn call_options_are_milliseconds_checked_by_core() {
    let options = call_options(&json!({"timeoutMs": 1500, "maxRetries": 3, "deadlineMs": null}));
    assert_eq!(
        options.ok(),
        Some(CallOptions {
            timeout: Some(Duration::from_millis(1500)),
            max_retries: Some(3),
            deadline: None,
        })
    );
    assert_eq!(call_options(&json!({})).ok(), Some(CallOptions::default()));
    // The type issue first, then core's range issues, all under JS names.
    let bad = call_options(&json!({"timeoutMs": "5s", "maxRetries": 21, "deadlineMs": 0}));
    assert_eq!(
        issues(bad),
        pairs(&[
            ("timeoutMs", "invalid_type"),
            ("deadlineMs", "out_of_range"),
            ("maxRetries", "out_of_range"),
        ])
    );
}

#[test]
fn every_client_problem_at_once_a_wrong_type_named_once() {
    let config = json!({"baseUrl": 5, "userAgent": 7, "maxRetries": 1.5, "deadlineMs": 0});
    assert_eq!(
        issues(client(&config)),
        pairs(&[
            ("baseUrl", "invalid_type"),
            ("userAgent", "invalid_type"),
            ("deadlineMs", "out_of_range"),
            ("maxRetries", "out_of_range"),
        ])
    );
    let insecure = json!({"baseUrl": "http://cake.example.com", "allowInsecureHttp": "yes"});
    assert_eq!(
        issues(client(&insecure)),
        pairs(&[
            ("allowInsecureHttp", "invalid_type"),
            ("baseUrl", "insecure_url")
        ])
    );
    let allowed = json!({"baseUrl": "http://cake.example.com", "allowInsecureHttp": true});
    assert_eq!(
        client(&allowed).ok().map(|c| c.base_url().to_owned()),
        Some("http://cake.example.com".to_owned())
    );
}

#[test]
fn on_warning_stays_in_js_and_anything_but_a_function_is_named() {
    // What the JS layer sends: null for a function or for "not given", else the JS type.
    let base = "http://127.0.0.1:9";
    for fine in [
        json!({"baseUrl": base}),
        json!({"baseUrl": base, "onWarning": null}),
    ] {
        assert!(client(&fine).is_ok(), "{fine}");
    }
    let wrong = json!({"baseUrl": base, "onWarning": "string"});
    let error = client(&wrong).err();
    assert_eq!(
        error.as_ref().map(ToString::to_string).as_deref(),
        Some("invalid request, not sent: onWarning: must be a function (invalid_type)")
    );
    // With the others, at once.
    let config = json!({"baseUrl": 5, "maxRetries": 21, "onWarning": "object"});
    assert_eq!(
        issues(client(&config)),
        pairs(&[
            ("baseUrl", "invalid_type"),
            ("onWarning", "invalid_type"),
            ("maxRetries", "out_of_range"),
        ])
    );
}

#[test]
fn a_package_reads_its_own_settings_with_the_same_checks() {
    let config =
        json!({"baseUrl": "http://127.0.0.1:9", "apiKey": ["k"], "dangerouslyAllowBrowser": 1});
    let mut settings = Settings::new(&config);
    assert_eq!(settings.text("apiKey"), None);
    assert!(!settings.flag("dangerouslyAllowBrowser"));
    let builder = settings.shared(ClientBuilder::default().without_api_key());
    assert_eq!(
        issues(settings.build(builder)),
        pairs(&[
            ("apiKey", "invalid_type"),
            ("dangerouslyAllowBrowser", "invalid_type")
        ])
    );
}

#[test]
fn numbers_are_read_exactly_and_beyond_a_decimal_keep_their_verdict() {
    // From JSON text, as the JS layer sends it (the text is what a number holds).
    let read = |text: &str| {
        let options: Value = serde_json::from_str(&format!(r#"{{"n": {text}}}"#)).ok()?;
        number(&options, "n", "must be a number").ok().flatten()
    };
    assert_eq!(read("1500"), Some(1500.0));
    assert_eq!(read("-2.5"), Some(-2.5));
    assert_eq!(read("86400000.5"), Some(86_400_000.5));
    assert_eq!(read("2E3"), Some(2000.0));
    assert_eq!(read("1e400"), Some(f64::INFINITY));
    assert_eq!(read("-1e400"), Some(f64::NEG_INFINITY));
    assert_eq!(read("1.5e-40"), Some(f64::MIN_POSITIVE));
    // Still out of range for a count (not whole), still not zero.
    let retries = call_options(&json!({"maxRetries": 1e-40}));
    assert_eq!(issues(retries), pairs(&[("maxRetries", "out_of_range")]));
    let negative = call_options(&json!({"timeoutMs": -1e-40}));
    assert_eq!(issues(negative), pairs(&[("timeoutMs", "out_of_range")]));
}

#[test]
fn bulk_concurrency_is_a_whole_number() {
    assert_eq!(bulk_options(&json!({})).ok(), Some(BulkOptions::default()));
    assert_eq!(
        bulk_options(&json!({"concurrency": 3})).ok(),
        Some(BulkOptions { concurrency: 3 })
    );
    for (value, code) in [
        (json!(-1), "out_of_range"),
        (json!(2.5), "out_of_range"),
        (json!("8"), "invalid_type"),
    ] {
        let found = issues(bulk_options(&json!({ "concurrency": value })));
        assert_eq!(found, pairs(&[("concurrency", code)]));
    }
}

#[test]
fn pages_ahead_is_checked_by_core_and_named_as_written() {
    assert!(pager().is_some_and(|p| pages_ahead(p, &json!({"pagesAhead": 0})).is_ok()));
    for (value, code) in [
        (json!(17), "out_of_range"),
        (json!(-1), "out_of_range"),
        (json!("4"), "invalid_type"),
    ] {
        let found = pager().map(|p| issues(pages_ahead(p, &json!({ "pagesAhead": value }))));
        assert_eq!(found, Some(pairs(&[("pagesAhead", code)])));
    }
}

#[test]
fn an_unknown_operation_is_cores_issue() {
    assert_eq!(operation("create_offer").ok(), Some(Operation::CreateOffer));
    assert_eq!(
        issues(operation("nope")),
        pairs(&[("", "unknown_operation")])
    );
}

#[test]
fn max_response_bytes_is_checked_by_core_and_named_as_written() {
    let base = "http://127.0.0.1:9";
    assert!(client(&json!({"baseUrl": base, "maxResponseBytes": 1_048_576})).is_ok());
    assert!(client(&json!({"baseUrl": base, "maxResponseBytes": 1})).is_ok());
    assert!(client(&json!({"baseUrl": base, "maxResponseBytes": null})).is_ok());
    for (value, code) in [
        (json!(0), "out_of_range"),
        (json!(1.5), "out_of_range"),
        (json!(-1), "out_of_range"),
        (
            serde_json::from_str("1e400").unwrap_or(Value::Null),
            "out_of_range",
        ),
        (json!("x"), "invalid_type"),
        (json!(true), "invalid_type"),
    ] {
        let config = json!({"baseUrl": base, "maxResponseBytes": value});
        let error = client(&config).err();
        assert_eq!(
            issues(client(&config)),
            pairs(&[("maxResponseBytes", code)]),
            "{config}"
        );
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("maxResponseBytes: must be a whole number of bytes"),
            "{message}"
        );
        assert!(!message.contains("max_response_bytes"), "{message}");
    }
    // With the other problems, at once.
    let config = json!({"baseUrl": 5, "maxResponseBytes": 0, "maxRetries": "2"});
    assert_eq!(
        issues(client(&config)),
        pairs(&[
            ("baseUrl", "invalid_type"),
            ("maxRetries", "invalid_type"),
            ("maxResponseBytes", "out_of_range"),
        ])
    );
}

#[test]
fn an_answer_past_the_limit_names_the_setting_as_js_writes_it() {
    // The error core gives for an answer past the limit names the setting by this name.
    for config in [
        json!({"baseUrl": "http://127.0.0.1:9", "apiKey": "k"}),
        json!({"baseUrl": "http://127.0.0.1:9", "apiKey": "k", "maxResponseBytes": 1024}),
    ] {
        let made = client(&config).map(|c| c.config().max_response_bytes_name.clone());
        assert_eq!(made.ok().as_deref(), Some("maxResponseBytes"), "{config}");
    }
}
