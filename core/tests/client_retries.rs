//! The retry policy seen from outside: what the mock received, what the caller got.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::{CallOptions, Client};
use cake_core::Operation;
use cake_mock::FaultKind;
use common::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn offer(name: &str) -> Value {
    json!({"offer_name": name, "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://t.example/c", "payout": "5.00"})
}

fn offers_named(mock: &cake_mock::MockServer, name: &str) -> usize {
    state_list(mock, "offers")
        .iter()
        .filter(|o| o["offer_name"] == name)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_retries_through_two_503s() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::Error503, 2))
        .unwrap();
    let reply = client(&mock)
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap();
    assert_eq!(reply.meta.attempts, 3);
    assert_eq!(seen(&mock, "get_affiliate_offer"), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_gives_up_after_max_retries_with_the_last_error() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::Html, 10))
        .unwrap();
    let error = client(&mock)
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "http_status");
    assert_eq!(error.meta.status, Some(502));
    assert_eq!(error.meta.attempts, 3, "1 try + 2 retries by default");
    assert!(error.to_string().contains("502"));
    assert_eq!(seen(&mock, "get_affiliate_offer"), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_that_gets_500_is_unknown_and_never_repeated() {
    let mock = mock().await;
    mock.add_fault(fault("create_offer", FaultKind::Error500, 1))
        .unwrap();
    let error = client(&mock)
        .call(Operation::CreateOffer, &offer("Once"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unknown_outcome");
    assert_eq!(error.to_json()["cause"], "http_status");
    assert_eq!(seen(&mock, "create_offer"), 1);
    assert_eq!(
        offers_named(&mock, "Once"),
        0,
        "the mock did not apply it, and the client did not resend"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_whose_answer_is_lost_are_unknown_outcomes() {
    let mock = mock().await;
    let client = client(&mock);
    for (kind, applied) in [
        (FaultKind::ResetAfter, 1),
        (FaultKind::Malformed, 1),
        (FaultKind::ResetBefore, 0),
    ] {
        mock.reset();
        mock.add_fault(fault("create_offer", kind, 1)).unwrap();
        let error = client
            .call(Operation::CreateOffer, &offer("Lost"))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "unknown_outcome", "{kind:?}");
        assert_eq!(seen(&mock, "create_offer"), 1, "{kind:?}");
        assert_eq!(offers_named(&mock, "Lost"), applied, "{kind:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_retry_when_the_server_refused_before_processing() {
    let mock = mock().await;
    let client = client(&mock);
    mock.add_fault(fault("create_offer", FaultKind::RateLimit, 1).retry_after("0"))
        .unwrap();
    mock.add_fault(fault("create_offer", FaultKind::Error503, 1).retry_after("0"))
        .unwrap();
    let reply = client
        .call(Operation::CreateOffer, &offer("Retried"))
        .await
        .unwrap();
    assert_eq!(reply.meta.attempts, 3);
    assert_eq!(seen(&mock, "create_offer"), 3);
    assert_eq!(offers_named(&mock, "Retried"), 1, "created exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .api_key(KEY)
        .backoff(Duration::from_millis(5), Duration::from_millis(10))
        .build()
        .unwrap();
    let error = client
        .call(Operation::CreateOffer, &offer("Nowhere"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "connection");
    assert_eq!(
        error.meta.attempts, 3,
        "nothing was sent, so even a write is retried"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_is_honoured_in_seconds_and_as_an_http_date() {
    let mock = mock().await;
    let client = client(&mock);
    let (affiliate_id, offer_id) = seed_basics(&mock);
    let params = json!({"affiliate_id": affiliate_id, "offer_id": offer_id});
    mock.add_fault(fault("get_affiliate_offer", FaultKind::RateLimit, 1).retry_after("1"))
        .unwrap();
    let started = Instant::now();
    let reply = client
        .call(Operation::GetAffiliateOffer, &params)
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(reply.meta.attempts, 2);

    let now = cake_core::datetime::now_unix_millis() / 1000;
    let in_two_seconds = cake_core::datetime::format_http_date(now + 2).unwrap();
    mock.add_fault(
        fault("get_affiliate_offer", FaultKind::RateLimit, 1).retry_after(in_two_seconds),
    )
    .unwrap();
    let started = Instant::now();
    client
        .call(Operation::GetAffiliateOffer, &params)
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_above_the_cap_fails_at_once() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::RateLimit, 1).retry_after("3600"))
        .unwrap();
    let started = Instant::now();
    let error = client(&mock)
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_json()["retry_after_ms"], 3_600_000);
    assert_eq!(seen(&mock, "get_affiliate_offer"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deadline_bounds_the_whole_call() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::Delay, 5).delay_ms(1_000))
        .unwrap();
    let client = client(&mock).with_options(CallOptions {
        deadline: Some(Duration::from_millis(300)),
        ..CallOptions::default()
    });
    let started = Instant::now();
    let error = client
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(error.code(), "timeout");
    assert!(
        took >= Duration::from_millis(290) && took < Duration::from_millis(800),
        "took {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_attempt_times_out_and_a_read_is_retried() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::Delay, 1).delay_ms(2_000))
        .unwrap();
    let client = client(&mock).with_options(CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..CallOptions::default()
    });
    let reply = client
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap();
    assert_eq!(reply.meta.attempts, 2);
    assert!(reply.meta.elapsed < Duration::from_millis(1_500));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_write_is_an_unknown_outcome_not_a_resend() {
    let mock = mock().await;
    mock.add_fault(fault("create_offer", FaultKind::Delay, 1).delay_ms(600))
        .unwrap();
    let client = client(&mock).with_options(CallOptions {
        timeout: Some(Duration::from_millis(150)),
        ..CallOptions::default()
    });
    let error = client
        .call(Operation::CreateOffer, &offer("Slow"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unknown_outcome");
    assert_eq!(error.to_json()["cause"], "timeout");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(seen(&mock, "create_offer"), 1);
    assert_eq!(
        offers_named(&mock, "Slow"),
        1,
        "the server finished it; the client did not send it twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_call_max_retries_override() {
    let mock = mock().await;
    let (affiliate_id, offer_id) = seed_basics(&mock);
    mock.add_fault(fault("get_affiliate_offer", FaultKind::Error500, 10))
        .unwrap();
    let client = client(&mock).with_options(CallOptions {
        max_retries: Some(0),
        ..CallOptions::default()
    });
    let error = client
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": affiliate_id, "offer_id": offer_id}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.meta.attempts, 1);
    assert_eq!(seen(&mock, "get_affiliate_offer"), 1);
}
