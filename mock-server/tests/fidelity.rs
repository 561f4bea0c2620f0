//! The switches that make the mock behave as real CAKE servers do where they differ from the
//! reference's happy path: the "Restricted" throttle, capped report pages, a missing or wrong
//! `total_rows`, an endless body, inactive sub-affiliates.

mod common;

use cake_core::Operation;
use cake_mock::{FaultKind, FaultRule, TotalRowsShape};
use common::{parse, samples, start, Harness, TestResult};
use serde_json::{json, Value};

/// One affiliate with `count` sub-affiliates, every third one inactive.
async fn with_sub_affiliates(count: usize) -> TestResult<Harness> {
    let mock = start().await?;
    let subs: Vec<Value> = (0..count)
        .map(|n| {
            json!({"affiliate_id": 67890, "sub_affiliate_name": format!("sub-{n}"),
                   "payout": "1.00", "payout_type": "cpa",
                   "sub_affiliate_status": if n % 3 == 2 { "inactive" } else { "active" }})
        })
        .collect();
    mock.server.seed(json!({
        "affiliates": [parse(samples::CREATE_AFFILIATE)?],
        "offers": [parse(samples::CREATE_OFFER)?],
        "sub_affiliates": subs,
    }))?;
    Ok(mock)
}

async fn report_page(mock: &Harness, start_at_row: u64, row_limit: u64) -> TestResult<Value> {
    mock.ok(
        Operation::SubAffiliateReport,
        &json!({"start_date": "2026-06-01", "end_date": "2026-06-01",
                "start_at_row": start_at_row, "row_limit": row_limit}),
    )
    .await
}

fn row_count(page: &Value) -> usize {
    page["sub_affiliate_report"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn restricted_answers_200_with_cakes_failure_and_applies_nothing() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("create_affiliate", FaultKind::Restricted).times(1))?;
    let mut older = FaultRule::new("create_affiliate", FaultKind::Restricted).times(1);
    older.in_errors = true;
    mock.server.add_fault(older)?;
    let params = parse(samples::CREATE_AFFILIATE)?;
    let first = mock.call(Operation::CreateAffiliate, &params).await?;
    assert_eq!(first.status, 200);
    assert_eq!(
        first.json()?,
        json!({"request_status": "Failure", "message": "Restricted"})
    );
    let second = mock.call(Operation::CreateAffiliate, &params).await?;
    assert_eq!(
        second.json()?,
        json!({"request_status": "Failure", "errors": ["Restricted"]})
    );
    assert!(mock.server.requests().iter().all(|r| !r.applied));
    assert_eq!(mock.server.state()["affiliates"], json!([]));
    // Spent: the third call goes through.
    mock.ok(Operation::CreateAffiliate, &params).await?;
    Ok(())
}

#[tokio::test]
async fn report_shape_caps_pages_and_omits_or_misstates_the_total() -> TestResult {
    let mock = with_sub_affiliates(237).await?;
    let honest = report_page(&mock, 0, 500).await?;
    assert_eq!(row_count(&honest), 237);
    assert_eq!(honest["total_rows"], 237);

    mock.server.add_fault(
        FaultRule::new("*", FaultKind::ReportShape)
            .row_cap(100)
            .total_rows(TotalRowsShape::Keyword("omit".into())),
    )?;
    let capped = report_page(&mock, 0, 500).await?;
    assert_eq!(row_count(&capped), 100);
    assert!(capped.get("total_rows").is_none(), "{capped}");
    // The cap does not raise a smaller row_limit, and the rows go on where asked.
    let small = report_page(&mock, 200, 25).await?;
    assert_eq!(row_count(&small), 25);
    let last = report_page(&mock, 200, 500).await?;
    assert_eq!(row_count(&last), 37);
    assert_eq!(
        last["sub_affiliate_report"][0]["sub_affiliate_id"],
        honest["sub_affiliate_report"][200]["sub_affiliate_id"]
    );
    // Other operations are not touched, and do not use the rule up.
    mock.ok(
        Operation::ListSubAffiliates,
        &json!({"affiliate_id": 67890}),
    )
    .await?;

    mock.server.clear_faults();
    mock.server.add_fault(
        FaultRule::new("sub_affiliate_report", FaultKind::ReportShape)
            .total_rows(TotalRowsShape::Claim(300)),
    )?;
    let claimed = report_page(&mock, 0, 500).await?;
    assert_eq!(claimed["total_rows"], 300);
    assert_eq!(row_count(&claimed), 237);
    Ok(())
}

#[tokio::test]
async fn report_shape_rules_are_refused_when_they_mean_nothing() -> TestResult {
    let mock = start().await?;
    for rule in [
        json!({"operation": "*", "kind": "report_shape"}),
        json!({"operation": "*", "kind": "report_shape", "row_cap": 0}),
        json!({"operation": "*", "kind": "report_shape", "total_rows": "sometimes"}),
        json!({"operation": "create_offer", "kind": "report_shape", "row_cap": 5}),
    ] {
        let answer = mock
            .control(reqwest::Method::POST, "/_mock/faults", Some(&rule))
            .await?;
        assert_eq!(answer.status, 400, "{rule}: {}", answer.text);
    }
    Ok(())
}

#[tokio::test]
async fn endless_body_streams_until_the_client_hangs_up() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("*", FaultKind::EndlessBody).times(1))?;
    let url = mock.url(Operation::SubAffiliateReport.path());
    let mut response = mock
        .client
        .get(url)
        .query(&[
            ("api_key", mock.server.api_key()),
            ("start_date", "2026-06-01"),
            ("end_date", "2026-06-01"),
        ])
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), None);
    let mut read = 0usize;
    while read < 8 * 1024 * 1024 {
        let chunk = response.chunk().await?.ok_or("the endless body ended")?;
        read += chunk.len();
    }
    drop(response);
    let logged = mock.server.requests().pop().ok_or("nothing logged")?;
    assert_eq!(logged.fault, Some(FaultKind::EndlessBody));
    assert!(!logged.applied);
    // The server is still serving after the client hung up.
    report_page(&mock, 0, 1).await?;
    Ok(())
}

#[tokio::test]
async fn seeded_inactive_sub_affiliates_are_filtered_by_status() -> TestResult {
    let mock = with_sub_affiliates(6).await?;
    let list = |status: &'static str| {
        let mock = &mock;
        async move {
            let body = mock
                .ok(
                    Operation::ListSubAffiliates,
                    &json!({"affiliate_id": 67890, "sub_affiliate_status": status}),
                )
                .await?;
            let names: Vec<String> = body["sub_affiliates"]
                .as_array()
                .ok_or("no list")?
                .iter()
                .map(|s| {
                    format!(
                        "{}:{}",
                        s["sub_affiliate_name"].as_str().unwrap_or("?"),
                        s["sub_affiliate_status"].as_str().unwrap_or("?")
                    )
                })
                .collect();
            TestResult::Ok(names)
        }
    };
    assert_eq!(
        list("inactive").await?,
        ["sub-2:inactive", "sub-5:inactive"]
    );
    assert_eq!(list("active").await?.len(), 4);
    assert_eq!(list("all").await?.len(), 6);
    // A status the reference does not list is refused, naming the field.
    let refused = mock.server.seed(json!({"sub_affiliates": [
        {"affiliate_id": 67890, "sub_affiliate_name": "x", "payout": 1, "payout_type": "cpa",
         "sub_affiliate_status": "paused"}]}));
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message
            .contains("sub_affiliates[0]: sub_affiliate_status: must be one of: active, inactive"),
        "{message}"
    );
    Ok(())
}
