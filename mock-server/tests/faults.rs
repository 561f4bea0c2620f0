//! Every fault kind, observed the way a client meets it, and recorded in the log with whether
//! the request was applied.

mod common;

use cake_core::Operation;
use cake_mock::{FaultKind, FaultRule};
use common::{parse, samples, start, Harness, TestResult};
use serde_json::json;
use std::time::{Duration, Instant};

async fn create_affiliate(mock: &Harness) -> Result<common::Answer, reqwest::Error> {
    let mut params = parse(samples::CREATE_AFFILIATE).unwrap_or_default();
    params["api_key"] = json!(mock.server.api_key());
    let response = mock
        .client
        .post(mock.url(Operation::CreateAffiliate.path()))
        .header("content-type", "application/json")
        .body(params.to_string())
        .send()
        .await?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await?;
    Ok(common::Answer {
        status,
        headers,
        text,
    })
}

fn affiliates(mock: &Harness) -> usize {
    mock.server.state()["affiliates"]
        .as_array()
        .map_or(0, Vec::len)
}

fn last_log(mock: &Harness) -> TestResult<cake_mock::RecordedRequest> {
    Ok(mock.server.requests().pop().ok_or("nothing logged")?)
}

#[tokio::test]
async fn reset_before_drops_the_connection_unapplied() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("create_affiliate", FaultKind::ResetBefore).times(1))?;
    let outcome = create_affiliate(&mock).await;
    assert!(outcome.is_err(), "expected a connection error");
    // Logged once: the client did not quietly resend it.
    assert_eq!(mock.server.requests().len(), 1);
    let logged = last_log(&mock)?;
    assert_eq!(logged.fault, Some(FaultKind::ResetBefore));
    assert!(!logged.applied);
    assert_eq!(affiliates(&mock), 0);
    // The rule is spent; the next call (on a new connection) goes through.
    assert_eq!(create_affiliate(&mock).await?.status, 200);
    assert_eq!(affiliates(&mock), 1);
    Ok(())
}

#[tokio::test]
async fn reset_after_applies_then_drops_the_connection() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("*", FaultKind::ResetAfter).times(1))?;
    assert!(
        create_affiliate(&mock).await.is_err(),
        "expected a connection error"
    );
    let logged = last_log(&mock)?;
    assert_eq!(logged.fault, Some(FaultKind::ResetAfter));
    assert!(logged.applied);
    assert_eq!(affiliates(&mock), 1);
    Ok(())
}

#[tokio::test]
async fn malformed_applies_and_answers_truncated_json() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("create_affiliate", FaultKind::Malformed).times(1))?;
    let answer = create_affiliate(&mock).await?;
    assert_eq!(answer.status, 200);
    assert!(
        serde_json::from_str::<serde_json::Value>(&answer.text).is_err(),
        "{}",
        answer.text
    );
    assert!(answer.text.starts_with('{'));
    assert!(last_log(&mock)?.applied);
    assert_eq!(affiliates(&mock), 1);
    Ok(())
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("create_affiliate", FaultKind::RateLimit).times(1))?;
    mock.server.add_fault(
        FaultRule::new("create_affiliate", FaultKind::RateLimit)
            .times(1)
            .retry_after("7"),
    )?;
    let first = create_affiliate(&mock).await?;
    assert_eq!(first.status, 429);
    assert_eq!(first.header("retry-after"), Some("1"));
    assert_eq!(
        first.json()?,
        json!({"request_status": "Failure", "message": "Too many requests"})
    );
    let second = create_affiliate(&mock).await?;
    assert_eq!(second.header("retry-after"), Some("7"));
    // The client's parser classifies it as rate limiting with the wait.
    let headers = vec![("Retry-After".to_owned(), "7".to_owned())];
    let parsed = cake_core::parse_response(
        Operation::CreateAffiliate,
        429,
        &headers,
        second.text.as_bytes(),
    );
    assert_eq!(parsed.err().map(|e| e.code()), Some("rate_limited"));
    assert!(mock.server.requests().iter().all(|r| !r.applied));
    assert_eq!(affiliates(&mock), 0);
    assert_eq!(create_affiliate(&mock).await?.status, 200);
    let fired: Vec<u64> = mock.server.fault_stats().iter().map(|s| s.fired).collect();
    assert_eq!(fired, [1, 1]);
    Ok(())
}

#[tokio::test]
async fn server_errors_and_html_pages_are_not_applied() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("*", FaultKind::Error500).times(1))?;
    mock.server.add_fault(
        FaultRule::new("*", FaultKind::Error503)
            .times(1)
            .retry_after("3"),
    )?;
    mock.server
        .add_fault(FaultRule::new("*", FaultKind::Html).times(1))?;
    let error_500 = create_affiliate(&mock).await?;
    assert_eq!(error_500.status, 500);
    let error_503 = create_affiliate(&mock).await?;
    assert_eq!(error_503.status, 503);
    assert_eq!(error_503.header("retry-after"), Some("3"));
    let html = create_affiliate(&mock).await?;
    assert_eq!(html.status, 502);
    assert!(html
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    assert!(html.text.contains("<html>"));
    // CORS is on fault answers too.
    assert_eq!(html.header("access-control-allow-origin"), Some("*"));
    let kinds: Vec<_> = mock
        .server
        .requests()
        .iter()
        .map(|r| (r.fault, r.applied))
        .collect();
    assert_eq!(
        kinds,
        [
            (Some(FaultKind::Error500), false),
            (Some(FaultKind::Error503), false),
            (Some(FaultKind::Html), false)
        ]
    );
    assert_eq!(affiliates(&mock), 0);
    Ok(())
}

#[tokio::test]
async fn delay_waits_then_processes() -> TestResult {
    let mock = start().await?;
    mock.server.add_fault(
        FaultRule::new("create_affiliate", FaultKind::Delay)
            .times(1)
            .delay_ms(300),
    )?;
    let began = Instant::now();
    let answer = create_affiliate(&mock).await?;
    assert!(
        began.elapsed() >= Duration::from_millis(300),
        "{:?}",
        began.elapsed()
    );
    assert_eq!(answer.status, 200);
    let logged = last_log(&mock)?;
    assert_eq!(
        (logged.fault, logged.applied),
        (Some(FaultKind::Delay), true)
    );
    Ok(())
}

#[tokio::test]
async fn rules_match_their_operation_and_probability_is_seeded() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("create_offer", FaultKind::Error500))?;
    // Another operation is untouched by the rule.
    assert_eq!(create_affiliate(&mock).await?.status, 200);
    mock.server.clear_faults();
    assert!(mock.server.fault_stats().is_empty());

    let pattern = |seed: u64| async move {
        let mock = start().await?;
        mock.server
            .add_fault(FaultRule::new("*", FaultKind::Error503).probability(0.5, seed))?;
        let mut statuses = Vec::new();
        for _ in 0..16 {
            statuses.push(create_affiliate(&mock).await?.status);
        }
        TestResult::Ok(statuses)
    };
    let first = pattern(42).await?;
    assert_eq!(first, pattern(42).await?);
    assert!(first.contains(&503) && first.contains(&200), "{first:?}");
    Ok(())
}

#[tokio::test]
async fn faults_are_managed_over_http() -> TestResult {
    let mock = start().await?;
    let rule = json!({"operation": "create_affiliate", "kind": "rate_limit", "times": 2, "retry_after": "5"});
    let added = mock
        .control(reqwest::Method::POST, "/_mock/faults", Some(&rule))
        .await?;
    assert_eq!(added.status, 200, "{}", added.text);
    let probability =
        json!({"operation": "*", "kind": "delay", "probability": 0.0, "seed": 3, "delay_ms": 10});
    let added = mock
        .control(reqwest::Method::POST, "/_mock/faults", Some(&probability))
        .await?;
    assert_eq!(added.status, 200, "{}", added.text);
    let bad = json!({"operation": "drop_tables", "kind": "html"});
    assert_eq!(
        mock.control(reqwest::Method::POST, "/_mock/faults", Some(&bad))
            .await?
            .status,
        400
    );
    let bad = json!({"operation": "*", "kind": "explode"});
    assert_eq!(
        mock.control(reqwest::Method::POST, "/_mock/faults", Some(&bad))
            .await?
            .status,
        400
    );

    assert_eq!(create_affiliate(&mock).await?.status, 429);
    let listed = mock
        .control(reqwest::Method::GET, "/_mock/faults", None)
        .await?
        .json()?;
    assert_eq!(listed[0]["rule"]["kind"], "rate_limit");
    assert_eq!(listed[0]["rule"]["retry_after"], "5");
    assert_eq!(listed[0]["fired"], 1);
    assert_eq!(listed[1]["fired"], 0);
    let log = mock
        .control(reqwest::Method::GET, "/_mock/requests", None)
        .await?
        .json()?;
    assert_eq!(log[0]["fault"], "rate_limit");
    assert_eq!(log[0]["applied"], false);

    let cleared = mock
        .control(reqwest::Method::DELETE, "/_mock/faults", None)
        .await?
        .json()?;
    assert_eq!(cleared["cleared"], 2);
    assert_eq!(create_affiliate(&mock).await?.status, 200);
    Ok(())
}
