//! The pager against servers that cap page sizes, leave `total_rows` out or misstate it:
//! 1,237 rows at caps 25/100/500 and 0 or 4 pages ahead, every row exactly once, in order,
//! with at most one request more than the rows need, and a warning when the total was wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_mock::{FaultKind, FaultRule, MockServer, TotalRowsShape};
use common::*;
use serde_json::{json, Value};

const ROWS: u64 = 1_237;

fn seed_rows(mock: &MockServer) -> i64 {
    let (parent, _) = seed_basics(mock);
    let subs: Vec<Value> = (0..ROWS)
        .map(|i| json!({"affiliate_id": parent, "sub_affiliate_name": format!("s{i}"), "payout": "1.25", "payout_type": "cpa"}))
        .collect();
    mock.seed(json!({"sub_affiliates": subs})).unwrap();
    parent
}

struct Walk {
    ids: Vec<i64>,
    requests: usize,
    warnings: Vec<cake_core::Issue>,
}

async fn walk(mock: &MockServer, parent: i64, pages_ahead: usize) -> Walk {
    let mut pager = client(mock)
        .report_pager_from_params(
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-01", "affiliate_id": parent}),
        )
        .unwrap()
        .pages_ahead(pages_ahead);
    let before = seen(mock, "sub_affiliate_report");
    let mut ids = Vec::new();
    let mut warnings = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        ids.extend(
            page.value
                .iter()
                .map(|row| row.to_json()["sub_affiliate_id"].as_i64().unwrap()),
        );
        warnings.extend(page.warnings);
    }
    assert!(pager.next_page().await.unwrap().is_none(), "stays done");
    Walk {
        ids,
        requests: seen(mock, "sub_affiliate_report") - before,
        warnings,
    }
}

fn expected_ids() -> Vec<i64> {
    (0..ROWS as i64).map(|i| 301 + i).collect()
}

fn codes(warnings: &[cake_core::Issue]) -> Vec<&str> {
    warnings.iter().map(|w| w.code.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capped_pages_give_every_row_once_with_or_without_a_total() {
    let mock = mock().await;
    let parent = seed_rows(&mock);
    for cap in [25u64, 100, 500] {
        let needed = ROWS.div_ceil(cap) as usize;
        for omit in [false, true] {
            for ahead in [0, 4] {
                mock.clear_faults();
                let mut rule = FaultRule::new("*", FaultKind::ReportShape).row_cap(cap);
                if omit {
                    rule = rule.total_rows(TotalRowsShape::Keyword("omit".into()));
                }
                mock.add_fault(rule).unwrap();
                let walked = walk(&mock, parent, ahead).await;
                let case = format!("cap {cap}, total omitted {omit}, {ahead} ahead");
                assert_eq!(walked.ids, expected_ids(), "{case}");
                assert!(walked.warnings.is_empty(), "{case}: {:?}", walked.warnings);
                // With the total, a short last page ends it; without, one empty page does.
                let extra = usize::from(omit);
                assert_eq!(walked.requests, needed + extra, "{case}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_total_loses_no_row_and_ends_with_a_warning() {
    let mock = mock().await;
    let parent = seed_rows(&mock);
    for claim in [1_300u64, 1_200, 5] {
        for cap in [100u64, 500] {
            for ahead in [0, 4] {
                mock.clear_faults();
                mock.add_fault(
                    FaultRule::new("*", FaultKind::ReportShape)
                        .row_cap(cap)
                        .total_rows(TotalRowsShape::Claim(claim)),
                )
                .unwrap();
                let walked = walk(&mock, parent, ahead).await;
                let case = format!("total {claim}, cap {cap}, {ahead} ahead");
                assert_eq!(walked.ids, expected_ids(), "{case}");
                assert_eq!(codes(&walked.warnings), ["total_rows_mismatch"], "{case}");
                let message = &walked.warnings[0].message;
                assert!(
                    message.contains(&format!("announced {claim} rows but sent 1237")),
                    "{case}: {message}"
                );
                // At most one request beyond the pages the rows fill (the empty page that ends
                // it), and none wasted on pages fetched ahead past the end.
                let needed = ROWS.div_ceil(cap) as usize;
                assert!(
                    (needed..=needed + 1).contains(&walked.requests),
                    "{case}: {} requests",
                    walked.requests
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_honest_server_costs_at_most_one_request_more() {
    let mock = mock().await;
    let parent = seed_rows(&mock);
    // 1,237 rows in pages of 500: the last is short and reaches the total.
    let walked = walk(&mock, parent, 4).await;
    assert_eq!(walked.ids, expected_ids());
    assert_eq!(walked.requests, 3);
    // Rows that fill the last page exactly (1,000 from row 237, pages of 500): a full page
    // cannot show the end, so one more request (an empty page) proves it.
    let mut pager = client(&mock)
        .report_pager_from_params(
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-01",
            "affiliate_id": parent, "start_at_row": 237, "row_limit": 500}),
        )
        .unwrap();
    let before = seen(&mock, "sub_affiliate_report");
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
        ids.extend(
            page.value
                .iter()
                .map(|row| row.to_json()["sub_affiliate_id"].as_i64().unwrap()),
        );
    }
    assert_eq!(ids, expected_ids()[237..]);
    assert_eq!(seen(&mock, "sub_affiliate_report") - before, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_warnings_come_with_the_first_page_only() {
    let mock = mock().await;
    let parent = seed_rows(&mock);
    let mut pager = client(&mock)
        .report_pager_from_params(
            &json!({"start_date": "2024-01-01", "end_date": "2024-01-01",
            "affiliate_id": parent, "row_limit": 500, "colour": "red"}),
        )
        .unwrap();
    let first = pager.next_page().await.unwrap().unwrap();
    assert_eq!(codes(&first.warnings), ["unknown_field"]);
    assert_eq!(first.warnings[0].field, "colour");
    while let Some(page) = pager.next_page().await.unwrap() {
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_that_are_not_objects_are_left_out_without_shifting_the_pages() {
    let mock = mock().await;
    let parent = seed_rows(&mock);
    for (cap, ahead) in [(100u64, 0usize), (100, 4), (500, 4)] {
        mock.clear_faults();
        let mut rule = FaultRule::new("*", FaultKind::ReportShape).row_cap(cap);
        rule.broken_every = Some(97);
        mock.add_fault(rule).unwrap();
        let walked = walk(&mock, parent, ahead).await;
        let case = format!("cap {cap}, {ahead} ahead");
        // Row n (from 1) is broken when n is a multiple of 97: every other row, once, in order.
        let expected: Vec<i64> = expected_ids()
            .into_iter()
            .enumerate()
            .filter(|(at, _)| (at + 1) % 97 != 0)
            .map(|(_, id)| id)
            .collect();
        assert_eq!(walked.ids, expected, "{case}");
        let broken: Vec<&str> = walked.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(broken, vec!["unreadable_row"; 1237 / 97], "{case}");
        assert_eq!(walked.requests, ROWS.div_ceil(cap) as usize, "{case}");
    }
}
