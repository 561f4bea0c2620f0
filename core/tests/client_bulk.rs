//! Bulk writes: one outcome per item in input order; nothing created twice, even under faults.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::{BulkOptions, BulkOutcome};
use cake_core::Operation;
use cake_mock::{FaultKind, FaultRule};
use common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn sub(parent: i64, name: &str) -> Value {
    json!({"affiliate_id": parent, "sub_affiliate_name": name, "payout": "2.50", "payout_type": "cpa"})
}

fn names_in(mock: &cake_mock::MockServer, list: &str, key: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entity in state_list(mock, list) {
        *counts
            .entry(entity[key].as_str().unwrap_or("").to_owned())
            .or_insert(0) += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outcomes_come_back_in_input_order_and_invalid_items_are_not_sent() {
    let mock = mock().await;
    let client = client(&mock);
    let items = vec![
        json!({"affiliate_name": "A", "account_manager_id": 42}),
        json!({"affiliate_name": "", "account_manager_id": "x"}),
        json!({"affiliate_name": "C", "account_manager_id": 7, "affiliate_status": "active"}),
    ];
    let mut progress = Vec::new();
    let outcomes = client
        .bulk(
            Operation::CreateAffiliate,
            items,
            BulkOptions { concurrency: 2 },
            |done, total| progress.push((done, total)),
        )
        .await
        .unwrap();
    let statuses: Vec<&str> = outcomes.iter().map(BulkOutcome::status).collect();
    assert_eq!(statuses, ["ok", "invalid", "ok"]);
    assert_eq!(outcomes[0].to_json()["result"]["affiliate_name"], "A");
    assert_eq!(outcomes[2].to_json()["result"]["affiliate_name"], "C");
    assert_eq!(
        outcomes[1].to_json()["issues"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(seen(&mock, "create_affiliate"), 2);
    assert_eq!(progress.last(), Some(&(3, 3)));
    let reads = client
        .bulk(
            Operation::ListSubAffiliates,
            vec![],
            BulkOptions::default(),
            |_, _| {},
        )
        .await;
    assert_eq!(reads.unwrap_err().issues()[0].field, "operation");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_sub_affiliate_answer_is_resolved_by_listing() {
    let mock = mock().await;
    let client = client(&mock);
    let (parent, _) = seed_basics(&mock);
    mock.add_fault(fault("create_sub_affiliate", FaultKind::ResetAfter, 1))
        .unwrap();
    let outcomes = client
        .bulk(
            Operation::CreateSubAffiliate,
            vec![sub(parent, "Applied")],
            BulkOptions::default(),
            |_, _| {},
        )
        .await
        .unwrap();
    let json = outcomes[0].to_json();
    assert_eq!(json["status"], "ok", "{json}");
    assert_eq!(json["result"]["sub_affiliate_name"], "Applied");
    assert_eq!(json["warnings"][0]["code"], "resolved_by_lookup");
    assert_eq!(
        seen(&mock, "create_sub_affiliate"),
        1,
        "found by listing, not sent again"
    );

    mock.add_fault(fault("create_sub_affiliate", FaultKind::ResetBefore, 1))
        .unwrap();
    let outcomes = client
        .bulk(
            Operation::CreateSubAffiliate,
            vec![sub(parent, "NotApplied")],
            BulkOptions::default(),
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(outcomes[0].status(), "ok");
    assert_eq!(
        seen(&mock, "create_sub_affiliate"),
        3,
        "not found by listing, so sent once more"
    );
    let names = names_in(&mock, "sub_affiliates", "sub_affiliate_name");
    assert_eq!(names.get("Applied"), Some(&1));
    assert_eq!(names.get("NotApplied"), Some(&1));
}

/// Every fault kind the mock has, each on ~3.5% of requests: ~25% of requests are faulted.
fn soak_faults(mock: &cake_mock::MockServer) {
    let kinds = [
        (FaultKind::Delay, None),
        (FaultKind::RateLimit, Some("0")),
        (FaultKind::Error500, None),
        (FaultKind::Error503, Some("0")),
        (FaultKind::Error503, None),
        (FaultKind::Html, None),
        (FaultKind::ResetBefore, None),
        (FaultKind::ResetAfter, None),
        (FaultKind::Malformed, None),
    ];
    for (seed, (kind, retry_after)) in (1u64..).zip(kinds) {
        let mut rule = FaultRule::new("*", kind)
            .probability(0.032, seed)
            .delay_ms(15);
        if let Some(after) = retry_after {
            rule = rule.retry_after(after);
        }
        mock.add_fault(rule).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_2000_writes_under_faults_creates_nothing_twice() {
    let mock = mock().await;
    let client = client(&mock);
    let parents: Vec<i64> = (0..10)
        .map(|i| {
            let seeded = mock.seed(json!({"affiliates": [{"affiliate_name": format!("Parent {i}"), "account_manager_id": 42}]})).unwrap();
            seeded["affiliates"][0]["affiliate_id"].as_i64().unwrap()
        })
        .collect();
    soak_faults(&mock);
    let plans: [(Operation, &str, &str, Vec<Value>); 3] = [
        (
            Operation::CreateOffer,
            "offers",
            "offer_name",
            (0..700)
                .map(|i| {
                    let url = if i % 50 == 7 { "not a url" } else { "https://t.example/c?o={offer_id}" };
                    json!({"offer_name": format!("soak-offer-{i}"), "advertiser_id": 1, "vertical_id": 2, "offer_url": url, "payout": "3.10", "revenue": "4.00"})
                })
                .collect(),
        ),
        (
            Operation::CreateAffiliate,
            "affiliates",
            "affiliate_name",
            (0..600).map(|i| json!({"affiliate_name": format!("soak-aff-{i}"), "account_manager_id": 7})).collect(),
        ),
        (
            Operation::CreateSubAffiliate,
            "sub_affiliates",
            "sub_affiliate_name",
            (0..700).map(|i| sub(parents[i % parents.len()], &format!("soak-sub-{i}"))).collect(),
        ),
    ];
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut items_total = 0;
    let mut duplicates = 0;
    for (operation, list, key, items) in plans {
        let names: Vec<String> = items
            .iter()
            .map(|i| i[key].as_str().unwrap_or("").to_owned())
            .collect();
        items_total += items.len();
        let outcomes = client
            .bulk(operation, items, BulkOptions { concurrency: 32 }, |_, _| {})
            .await
            .unwrap();
        assert_eq!(outcomes.len(), names.len(), "one outcome per item");
        let in_state = names_in(&mock, list, key);
        duplicates += in_state.values().filter(|&&n| n > 1).count();
        for (name, outcome) in names.iter().zip(&outcomes) {
            *totals.entry(outcome.status()).or_default() += 1;
            let count = in_state.get(name).copied().unwrap_or(0);
            match outcome {
                BulkOutcome::Ok(_) => {
                    assert_eq!(count, 1, "{operation} ok item {name} must exist once")
                }
                BulkOutcome::Failed(e) => assert_eq!(
                    count, 0,
                    "{operation} failed item {name} must not exist ({e})"
                ),
                BulkOutcome::Invalid(_) => assert_eq!(count, 0),
                BulkOutcome::UnknownOutcome(_) => assert!(count <= 1),
            }
        }
    }
    let stats = mock.fault_stats();
    let faulted: u64 = stats.iter().map(|s| s.fired).sum();
    let requests = mock.requests().len() as u64;
    let by_kind: BTreeMap<String, u64> = stats.iter().fold(BTreeMap::new(), |mut m, s| {
        *m.entry(format!("{:?}", s.rule.kind)).or_default() += s.fired;
        m
    });
    println!(
        "soak: items={items_total} requests={requests} faults={faulted} ({:.1}%) by kind {by_kind:?}; outcomes {totals:?}; duplicates={duplicates}",
        100.0 * faulted as f64 / requests as f64
    );
    assert_eq!(duplicates, 0);
    assert!(faulted * 5 >= requests, "at least 20% of requests faulted");
    assert!(
        by_kind.len() >= 8 && by_kind.values().all(|&n| n > 0),
        "every kind fired: {by_kind:?}"
    );
    assert_eq!(totals.get("invalid"), Some(&14));
}
