//! The report pager: pages of up to 500 rows, each fetched once (several ahead at a time), each
//! row yielded once and in order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_mock::FaultKind;
use common::*;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn seed_sub_affiliates(mock: &cake_mock::MockServer, parent: i64, count: usize) {
    let subs: Vec<Value> = (0..count)
        .map(|i| json!({"affiliate_id": parent, "sub_affiliate_name": format!("sub-{i:05}"), "payout": "1.25", "payout_type": "cpa"}))
        .collect();
    mock.seed(json!({"sub_affiliates": subs})).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_once_across_pages() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    seed_sub_affiliates(&mock, parent, 1_234);
    let client = client(&mock);
    let pager = client
        .report_pager_from_params(
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-07", "affiliate_id": parent}),
        )
        .unwrap();
    let rows: Vec<_> = pager.into_rows().map(|r| r.unwrap()).collect().await;
    let ids: BTreeSet<i64> = rows.iter().map(|r| r.sub_affiliate_id.unwrap()).collect();
    assert_eq!(rows.len(), 1_234);
    assert_eq!(ids.len(), 1_234, "no row twice");
    let pages: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.operation == "sub_affiliate_report")
        .collect();
    assert_eq!(pages.len(), 3, "500 + 500 + 234");
    let mut starts = page_starts(&mock);
    // Pages fetched ahead arrive in any order.
    starts.sort_unstable();
    assert_eq!(starts, [0, 500, 1000]);
}

fn page_starts(mock: &cake_mock::MockServer) -> Vec<u64> {
    mock.requests()
        .into_iter()
        .filter(|r| r.operation == "sub_affiliate_report")
        .map(|p| {
            p.query
                .iter()
                .find(|(k, _)| k == "start_at_row")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap()
        })
        .collect()
}

fn report_params(parent: i64, row_limit: u64) -> Value {
    json!({"start_date": "2024-01-01", "end_date": "2024-01-02", "affiliate_id": parent, "row_limit": row_limit})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fetched_ahead_come_back_in_order_each_once() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    seed_sub_affiliates(&mock, parent, 1_234);
    let mut pager = client(&mock)
        .report_pager_from_params(&report_params(parent, 100))
        .unwrap();
    let mut ids: Vec<i64> = (pager.next_page().await.unwrap().unwrap().value.iter())
        .map(|r| r.sub_affiliate_id.unwrap())
        .collect();
    // Without being asked, the pager fetches the next pages: four (DEFAULT_PAGES_AHEAD), no more.
    let ahead = cake_core::client::DEFAULT_PAGES_AHEAD;
    for _ in 0..500 {
        if page_starts(&mock).len() > ahead {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let mut started = page_starts(&mock);
    started.sort_unstable();
    assert_eq!(started, [0, 100, 200, 300, 400]);
    while let Some(page) = pager.next_page().await.unwrap() {
        ids.extend(page.value.iter().map(|r| r.sub_affiliate_id.unwrap()));
    }
    let first = ids[0];
    assert_eq!(
        ids,
        (first..first + 1_234).collect::<Vec<_>>(),
        "every row once, in order"
    );
    let mut starts = page_starts(&mock);
    starts.sort_unstable();
    assert_eq!(starts, (0..13).map(|page| page * 100).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_among_pages_fetched_ahead_lose_and_repeat_no_row() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    seed_sub_affiliates(&mock, parent, 1_000);
    let client = client(&mock).with_options(cake_core::client::CallOptions {
        max_retries: Some(0),
        ..Default::default()
    });
    let mut pager = client
        .report_pager_from_params(&report_params(parent, 50))
        .unwrap()
        .pages_ahead(6);
    let first = pager.next_page().await.unwrap().unwrap().value;
    mock.add_fault(
        cake_mock::FaultRule::new("sub_affiliate_report", FaultKind::Error500).probability(0.3, 7),
    )
    .unwrap();
    let mut ids: Vec<i64> = first.iter().map(|r| r.sub_affiliate_id.unwrap()).collect();
    let mut failures = 0;
    loop {
        match pager.next_page().await {
            Ok(Some(page)) => ids.extend(page.value.iter().map(|r| r.sub_affiliate_id.unwrap())),
            Ok(None) => break,
            Err(error) => {
                assert_eq!(error.code(), "http_status");
                failures += 1;
                assert!(failures < 200, "the report never finished");
            }
        }
    }
    assert!(failures > 0, "the fault never fired");
    let start = ids[0];
    assert_eq!(ids, (start..start + 1_000).collect::<Vec<_>>());
    assert_eq!(pager.rows_fetched(), 1_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_page_is_asked_again_not_skipped() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    seed_sub_affiliates(&mock, parent, 60);
    let client = client(&mock).with_options(cake_core::client::CallOptions {
        max_retries: Some(0),
        ..Default::default()
    });
    let mut pager = client
        .report_pager_from_params(&report_params(parent, 25))
        .unwrap()
        // On demand: the fault below must meet the next page, not one fetched ahead already.
        .pages_ahead(0);
    let first = pager.next_page().await.unwrap().unwrap();
    assert_eq!(first.value.len(), 25);
    assert_eq!(pager.total_rows(), Some(60));
    mock.add_fault(fault("sub_affiliate_report", FaultKind::Error500, 1))
        .unwrap();
    assert_eq!(pager.next_page().await.unwrap_err().code(), "http_status");
    let mut ids: BTreeSet<i64> = first
        .value
        .iter()
        .map(|r| r.sub_affiliate_id.unwrap())
        .collect();
    while let Some(page) = pager.next_page().await.unwrap() {
        for row in page.value {
            assert!(
                ids.insert(row.sub_affiliate_id.unwrap()),
                "row {} twice",
                row.sub_affiliate_id.unwrap()
            );
        }
    }
    assert_eq!(ids.len(), 60);
    assert_eq!(pager.rows_fetched(), 60);
    assert!(pager.is_done());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_report_ends_at_once() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    let client = client(&mock);
    let rows = client
        .report_pager_from_params(
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-02", "affiliate_id": parent}),
        )
        .unwrap()
        .collect_all()
        .await
        .unwrap();
    assert!(rows.is_empty());
    assert_eq!(seen(&mock, "sub_affiliate_report"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_report_request_sends_nothing() {
    let mock = mock().await;
    let error = client(&mock)
        .report_pager_from_params(
            &json!({"start_date": "2024-02-01", "end_date": "2024-01-01", "row_limit": 501}),
        )
        .unwrap_err();
    let mut codes: Vec<&str> = error.issues().iter().map(|i| i.code.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["date_order", "out_of_range"]);
    assert_eq!(mock.requests().len(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_ahead_from_a_binding_is_a_whole_number_up_to_16() {
    let mock = mock().await;
    let (parent, _) = seed_basics(&mock);
    let pager = client(&mock)
        .report_pager_from_params(&report_params(parent, 10))
        .unwrap();
    for good in [0.0, 4.0, 16.0] {
        assert!(pager.clone().pages_ahead_from(good).is_ok(), "{good}");
    }
    for bad in [-1.0, 1.5, 17.0, f64::NAN, f64::INFINITY] {
        let error = pager.clone().pages_ahead_from(bad).unwrap_err();
        assert_eq!(error.code(), "validation");
        assert_eq!(error.issues()[0].field, "pages_ahead", "{bad}");
        assert_eq!(error.issues()[0].code, "out_of_range", "{bad}");
    }
}
