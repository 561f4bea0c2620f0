//! The sub-affiliate report: deterministic rows from state and seed, paginated with
//! start_at_row / row_limit / total_rows, over a large seeded population.

mod common;

use cake_core::Operation;
use cake_mock::MockConfig;
use common::{start, start_with, Harness, TestResult};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const SUBS: usize = 1200;

/// One affiliate, one offer paying 30.00, an override of 25.00, and `SUBS` sub-affiliates
/// alternating cpa 5.00 and 20 percent.
fn population() -> Value {
    let subs: Vec<Value> = (0..SUBS)
        .map(|i| {
            if i % 2 == 0 {
                json!({"affiliate_id": 67890, "sub_affiliate_name": format!("Sub {i}"), "payout": "5.00", "payout_type": "cpa"})
            } else {
                json!({"affiliate_id": 67890, "sub_affiliate_name": format!("Sub {i}"), "payout": 20, "payout_type": "percent"})
            }
        })
        .collect();
    json!({
        "affiliates": [{"affiliate_name": "Parent", "account_manager_id": 42}],
        "offers": [{"offer_name": "O", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://example.com/o", "payout": 30, "payout_type": "cpa"}],
        "sub_affiliates": subs,
        "affiliate_offers": [{"affiliate_id": 67890, "offer_id": 12345, "payout": 25}],
    })
}

async fn seeded(config: MockConfig) -> TestResult<Harness> {
    let mock = start_with(config).await?;
    let began = Instant::now();
    let answer = mock
        .control(reqwest::Method::POST, "/_mock/seed", Some(&population()))
        .await?;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert!(
        began.elapsed() < Duration::from_secs(10),
        "seeding took {:?}",
        began.elapsed()
    );
    let created = answer.json()?;
    assert_eq!(
        created["sub_affiliates"].as_array().map(Vec::len),
        Some(SUBS)
    );
    assert_eq!(
        created["sub_affiliates"][SUBS - 1]["sub_affiliate_id"],
        301 + SUBS - 1
    );
    Ok(mock)
}

async fn page(mock: &Harness, start_at_row: usize, row_limit: usize) -> TestResult<Value> {
    mock.ok(
        Operation::SubAffiliateReport,
        &json!({"start_date": "2024-01-01", "end_date": "2024-01-31", "affiliate_id": 67890,
                "start_at_row": start_at_row, "row_limit": row_limit}),
    )
    .await
}

fn rows(page: &Value) -> TestResult<&Vec<Value>> {
    Ok(page["sub_affiliate_report"].as_array().ok_or("no rows")?)
}

#[tokio::test]
async fn pages_cover_every_row_once_in_id_order() -> TestResult {
    let mock = seeded(MockConfig::default()).await?;
    let mut ids = Vec::new();
    let mut start_at_row = 0;
    loop {
        let page = page(&mock, start_at_row, 500).await?;
        assert_eq!(page["total_rows"], SUBS);
        let page_rows = rows(&page)?;
        if page_rows.is_empty() {
            break;
        }
        ids.extend(
            page_rows
                .iter()
                .filter_map(|r| r["sub_affiliate_id"].as_u64()),
        );
        start_at_row += page_rows.len();
    }
    let expected: Vec<u64> = (301..301 + SUBS as u64).collect();
    assert_eq!(ids, expected);

    // The default page is 25 rows from row 0.
    let default_page = mock
        .ok(
            Operation::SubAffiliateReport,
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-31"}),
        )
        .await?;
    assert_eq!(rows(&default_page)?.len(), 25);
    assert_eq!(
        default_page["sub_affiliate_report"][0]["sub_affiliate_id"],
        301
    );
    // row_limit is capped by validation.
    let errors = mock
        .failure(
            Operation::SubAffiliateReport,
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-31", "row_limit": 501}),
        )
        .await?;
    assert!(
        errors.iter().any(|e| e.starts_with("row_limit: ")),
        "{errors:?}"
    );
    Ok(())
}

#[tokio::test]
async fn same_request_same_rows_and_payouts_follow_the_rules() -> TestResult {
    let mock = seeded(MockConfig::default()).await?;
    let first = mock
        .call(
            Operation::SubAffiliateReport,
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-31", "row_limit": 500}),
        )
        .await?;
    let again = mock
        .call(
            Operation::SubAffiliateReport,
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-31", "row_limit": 500}),
        )
        .await?;
    assert_eq!(first.text, again.text);

    // The same seed on another server gives the same rows; another seed does not.
    let twin = seeded(MockConfig::default()).await?;
    let other = seeded(MockConfig {
        seed: 2,
        ..MockConfig::default()
    })
    .await?;
    let twin_page = page(&twin, 0, 500).await?;
    let other_page = page(&other, 0, 500).await?;
    let first_page = page(&mock, 0, 500).await?;
    assert_eq!(first_page, twin_page);
    assert_ne!(first_page, other_page);

    for row in rows(&first_page)? {
        let clicks = row["clicks"].as_u64().ok_or("clicks")?;
        let conversions = row["conversions"].as_u64().ok_or("conversions")?;
        assert!(clicks < 200 * 31);
        assert!(conversions <= clicks / 10);
        let id = row["sub_affiliate_id"].as_u64().ok_or("id")?;
        // Even rows pay 5.00 flat; odd rows 20% of the parent's override (25.00) = 5.00 too,
        // so both pay 5.00 per conversion; the text keeps two places.
        let expected = format!("{}.00", conversions * 5);
        assert_eq!(row["payout"].to_string(), expected, "sub {id}");
    }
    Ok(())
}

#[tokio::test]
async fn percent_payouts_use_the_named_offer_and_filters_narrow_rows() -> TestResult {
    let mock = start().await?;
    mock.server.seed(json!({
        "affiliates": [{"affiliate_name": "P", "account_manager_id": 1}, {"affiliate_name": "Q", "account_manager_id": 1}],
        "offers": [
            {"offer_name": "A", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://example.com/a", "payout": 30},
            {"offer_name": "B", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://example.com/b", "payout": "10.10"}
        ],
        "sub_affiliates": [
            {"affiliate_id": 67890, "sub_affiliate_name": "S", "payout": 20, "payout_type": "percent"},
            {"affiliate_id": 67891, "sub_affiliate_name": "S", "payout": 1, "payout_type": "cpa"}
        ],
    }))?;
    let report = |extra: Value| {
        let mut params = json!({"start_date": "2024-03-01", "end_date": "2024-03-10"});
        if let (Value::Object(p), Value::Object(e)) = (&mut params, extra) {
            p.extend(e);
        }
        params
    };
    let on_b = mock
        .ok(
            Operation::SubAffiliateReport,
            &report(json!({"sub_affiliate_id": 301, "offer_id": 12346})),
        )
        .await?;
    let row = &on_b["sub_affiliate_report"][0];
    assert_eq!(on_b["total_rows"], 1);
    // 20% of 10.10 is 2.02 per conversion.
    let conversions = row["conversions"].as_u64().ok_or("conversions")?;
    let cents = conversions * 202;
    assert_eq!(
        row["payout"].to_string(),
        format!("{}.{:02}", cents / 100, cents % 100)
    );

    let q_only = mock
        .ok(
            Operation::SubAffiliateReport,
            &report(json!({"affiliate_id": 67891})),
        )
        .await?;
    assert_eq!(q_only["total_rows"], 1);
    assert_eq!(q_only["sub_affiliate_report"][0]["sub_affiliate_id"], 302);
    let past_the_end = mock
        .ok(
            Operation::SubAffiliateReport,
            &report(json!({"start_at_row": 5})),
        )
        .await?;
    assert_eq!(past_the_end["total_rows"], 2);
    assert_eq!(past_the_end["sub_affiliate_report"], json!([]));
    let errors = mock
        .failure(
            Operation::SubAffiliateReport,
            &report(json!({"offer_id": 99})),
        )
        .await?;
    assert_eq!(errors, ["offer_id: no offer with id 99"]);
    Ok(())
}
