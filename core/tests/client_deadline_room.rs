//! A write is retried only while the deadline leaves room for another attempt as long as the
//! last: one cut short after it was sent would end as `unknown_outcome`, where the error it
//! retries says the write was not applied. Reads are retried with whatever is left.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::{CallOptions, Client};
use cake_core::Operation;
use common::bare_server::bare_server;
use common::KEY;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// A 429 with `Retry-After: 0`: refused, so a write may be sent again at once.
const REFUSED: &str = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

fn client(url: String, deadline: Duration) -> Client {
    Client::builder()
        .base_url(url)
        .api_key(KEY)
        .max_retries(2)
        .build()
        .unwrap()
        .with_options(CallOptions {
            deadline: Some(deadline),
            ..CallOptions::default()
        })
}

fn offer() -> serde_json::Value {
    json!({"offer_name": "Room", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://t.example/c"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_is_not_retried_into_a_deadline_shorter_than_its_last_attempt() {
    // The refusal takes 300 ms: at about 300 ms, 200 ms are left of the 500 ms deadline.
    let (url, requests) = bare_server(REFUSED, Duration::from_millis(300)).await;
    let started = Instant::now();
    let error = client(url, Duration::from_millis(500))
        .call(Operation::CreateOffer, &offer())
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(
        error.code(),
        "rate_limited",
        "the refusal, not an unknown outcome"
    );
    assert_eq!(error.meta.attempts, 1);
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    assert!(
        took < Duration::from_millis(500),
        "ended at the refusal: {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_is_retried_with_whatever_the_deadline_leaves() {
    let (url, requests) = bare_server(REFUSED, Duration::from_millis(300)).await;
    let error = client(url, Duration::from_millis(500))
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": 1, "offer_id": 2}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        "timeout",
        "the second attempt ran out of time"
    );
    assert_eq!(error.meta.attempts, 2);
    assert_eq!(requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_is_retried_while_the_deadline_leaves_room() {
    let (url, requests) = bare_server(REFUSED, Duration::from_millis(20)).await;
    let error = client(url, Duration::from_secs(10))
        .call(Operation::CreateOffer, &offer())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.meta.attempts, 3, "both retries made");
    assert_eq!(requests.load(Ordering::SeqCst), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_waiting_for_its_rate_slot_is_not_sent_into_a_shorter_deadline() {
    // Slots every 500 ms, refusals taking 200 ms, a deadline of 1,100 ms: sent at 0 and 500 ms;
    // the next slot, at 1,000 ms, would leave 100 ms for an attempt that took 200.
    let (url, requests) = bare_server(REFUSED, Duration::from_millis(200)).await;
    let client = Client::builder()
        .base_url(url)
        .api_key(KEY)
        .max_retries(5)
        .requests_per_second(2.0)
        .build()
        .unwrap()
        .with_options(CallOptions {
            deadline: Some(Duration::from_millis(1_100)),
            ..CallOptions::default()
        });
    let error = client
        .call(Operation::CreateOffer, &offer())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "timeout");
    assert!(
        error.to_string().contains("not sent"),
        "said not sent: {error}"
    );
    assert_eq!(error.meta.attempts, 2);
    assert_eq!(requests.load(Ordering::SeqCst), 2);
}
