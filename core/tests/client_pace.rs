//! requests_per_second: attempts keep to the budget over every clone of a client, and a share
//! of it (`with_rate_share`) keeps to its part. Only lower bounds on time are checked (a timer
//! never wakes early); how fast the rest goes is the benchmarks' business.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::Client;
use cake_core::ErrorKind;
use common::*;
use futures_util::future::join_all;
use serde_json::json;
use std::time::{Duration, Instant};

fn paced(mock: &cake_mock::MockServer, per_second: f64) -> Client {
    Client::builder()
        .base_url(mock.url())
        .api_key(KEY)
        .timeout(Duration::from_secs(5))
        .requests_per_second(per_second)
        .build()
        .expect("client builds")
}

async fn reads(client: &Client, count: usize) {
    let params = json!({"affiliate_id": 67890, "offer_id": 12345});
    let calls = (0..count).map(|_| {
        let client = client.clone();
        let params = params.clone();
        async move {
            client
                .call(cake_core::Operation::GetAffiliateOffer, &params)
                .await
        }
    });
    // The mock holds no such pair: each call is one attempt answered with an api error,
    // which is all the budget counts.
    for result in join_all(calls).await {
        let error = result.expect_err("no such affiliate offer");
        assert!(matches!(error.kind, ErrorKind::Api { .. }), "{error:?}");
        assert_eq!(error.meta.attempts, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_of_all_clones_keep_to_the_budget() {
    let mock = mock().await;
    let client = paced(&mock, 50.0);
    let started = Instant::now();
    reads(&client, 21).await;
    // 21 attempts at 50 a second: the last one 20 intervals of 20 ms after the first.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_share_of_the_budget_keeps_to_its_part() {
    let mock = mock().await;
    let client = paced(&mock, 100.0).with_rate_share(4);
    assert_eq!(client.config().requests_per_second, Some(25.0));
    let started = Instant::now();
    reads(&client, 6).await;
    // 6 attempts at 25 a second: 5 intervals of 40 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
    // No budget: a share is the same client.
    assert_eq!(
        common::client(&mock)
            .with_rate_share(4)
            .config()
            .requests_per_second,
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_slot_before_the_deadline_is_a_timeout_and_nothing_is_sent() {
    let mock = mock().await;
    let client = paced(&mock, 1.0).with_options(cake_core::client::CallOptions {
        deadline: Some(Duration::from_millis(300)),
        ..Default::default()
    });
    let params = json!({"affiliate_id": 67890, "offer_id": 12345});
    // The first attempt takes the slot at once (its answer does not matter here).
    let _first = client
        .call(cake_core::Operation::GetAffiliateOffer, &params)
        .await;
    let sent_before = mock.requests().len();
    // The next slot is a second away, past the 300 ms deadline.
    let error = client
        .call(cake_core::Operation::GetAffiliateOffer, &params)
        .await
        .unwrap_err();
    assert!(matches!(error.kind, ErrorKind::Timeout { .. }), "{error:?}");
    assert!(error.to_string().contains("requests_per_second"), "{error}");
    assert_eq!(mock.requests().len(), sent_before, "nothing sent");
}

#[test]
fn a_budget_out_of_range_names_the_setting() {
    let error = Client::builder()
        .base_url("http://127.0.0.1:9")
        .api_key(KEY)
        .requests_per_second(0.0)
        .build()
        .unwrap_err();
    assert_eq!(error.issues()[0].field, "requests_per_second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pool_keeps_to_the_same_budget_from_another_runtime() {
    let mock = mock().await;
    let client = paced(&mock, 50.0);
    // What the Python binding does for a blocking call: the thread's own current-thread
    // runtime, with a pool of its own, on the client's one schedule.
    let pooled = client.with_new_pool().expect("a new pool");
    assert_eq!(pooled.config().requests_per_second, Some(50.0));
    let started = Instant::now();
    let other = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(reads(&pooled, 10));
    });
    reads(&client, 11).await;
    tokio::task::spawn_blocking(move || other.join().expect("the other thread"))
        .await
        .expect("joined");
    // 21 attempts at 50 a second, whichever pool sent them: 20 intervals of 20 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
}
