//! Behaviour of real CAKE servers that the reference's samples do not show, against the mock
//! switched to behave that way: the "Restricted" throttle and bodies with no end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::{Client, DEFAULT_MAX_RESPONSE_BYTES};
use cake_core::Operation;
use cake_mock::{FaultKind, FaultRule};
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

fn offer() -> serde_json::Value {
    json!({"offer_name": "Throttled", "advertiser_id": 1, "vertical_id": 1,
           "offer_url": "https://t.example/c", "payout": "5.00"})
}

fn report() -> serde_json::Value {
    json!({"start_date": "2026-06-01", "end_date": "2026-06-30"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restricted_write_is_retried_and_created_once() {
    let mock = mock().await;
    mock.add_fault(fault("create_offer", FaultKind::Restricted, 1))
        .unwrap();
    let mut older = fault("create_offer", FaultKind::Restricted, 1);
    older.in_errors = true;
    mock.add_fault(older).unwrap();
    let reply = client(&mock)
        .call(Operation::CreateOffer, &offer())
        .await
        .unwrap();
    assert_eq!(reply.meta.attempts, 3);
    assert_eq!(seen(&mock, "create_offer"), 3);
    assert_eq!(state_list(&mock, "offers").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_past_the_retries_is_rate_limited_with_cakes_message() {
    let mock = mock().await;
    mock.add_fault(fault("sub_affiliate_report", FaultKind::Restricted, 10))
        .unwrap();
    let error = client(&mock)
        .call(Operation::SubAffiliateReport, &report())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.meta.attempts, 3);
    assert_eq!(error.meta.status, Some(200));
    assert_eq!(error.to_json()["messages"], json!(["Restricted"]));
    assert_eq!(seen(&mock, "sub_affiliate_report"), 3);
}

fn capped_client(mock: &cake_mock::MockServer, limit: u64) -> Client {
    Client::builder()
        .base_url(mock.url())
        .api_key(KEY)
        .backoff(Duration::from_millis(5), Duration::from_millis(40))
        .max_response_bytes(limit)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_body_stops_at_the_limit_as_a_decode_error() {
    let mock = mock().await;
    mock.add_fault(fault("sub_affiliate_report", FaultKind::EndlessBody, 1))
        .unwrap();
    let error = capped_client(&mock, 1024 * 1024)
        .call(Operation::SubAffiliateReport, &report())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "decode");
    let message = error.to_string();
    assert!(
        message.contains("larger than the client's limit of 1 MiB (max_response_bytes)"),
        "{message}"
    );
    assert!(message.contains("sub_affiliate_report"), "{message}");
    // Not asked again: the same answer would come back.
    assert_eq!(error.meta.attempts, 1);
    assert_eq!(error.meta.status, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_limit_is_64_mib_and_bounds_a_write_as_unknown_outcome() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024 * 1024);
    let mock = mock().await;
    mock.add_fault(FaultRule::new("*", FaultKind::EndlessBody).times(1))
        .unwrap();
    let started = Instant::now();
    let error = client(&mock)
        .call(Operation::CreateOffer, &offer())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unknown_outcome");
    assert!(error.to_string().contains("64 MiB"), "{error}");
    assert_eq!(error.meta.attempts, 1);
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[tokio::test]
async fn a_limit_below_one_byte_is_refused_naming_it() {
    let error = Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(KEY)
        .max_response_bytes(0)
        .build()
        .unwrap_err();
    assert_eq!(error.issues()[0].field, "max_response_bytes");
    let error = Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(KEY)
        .max_response_bytes_from(1.5, "maxResponseBytes")
        .build()
        .unwrap_err();
    assert_eq!(error.issues()[0].field, "maxResponseBytes");
}
