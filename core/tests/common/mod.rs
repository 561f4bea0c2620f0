//! Shared set-up for client tests: a live cake-mock on 127.0.0.1 and a client with short
//! backoff so retry tests run in milliseconds.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod bare_server;

use cake_core::client::Client;
use cake_mock::{FaultKind, FaultRule, MockConfig, MockServer};
use serde_json::Value;
use std::time::Duration;

pub const KEY: &str = "k3y-Distinctive/Secret+42";

pub async fn mock() -> MockServer {
    MockServer::start(MockConfig {
        api_key: KEY.into(),
        seed: 7,
        port: 0,
    })
    .await
    .expect("mock starts")
}

pub fn client(mock: &MockServer) -> Client {
    Client::builder()
        .base_url(mock.url())
        .api_key(KEY)
        .backoff(Duration::from_millis(5), Duration::from_millis(40))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

pub fn fault(operation: &str, kind: FaultKind, times: u64) -> FaultRule {
    FaultRule::new(operation, kind).times(times)
}

/// Requests the mock saw for one operation.
pub fn seen(mock: &MockServer, operation: &str) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.operation == operation)
        .count()
}

pub fn state_list(mock: &MockServer, key: &str) -> Vec<Value> {
    mock.state()
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Seeds one affiliate and one offer; returns (affiliate_id, offer_id).
pub fn seed_basics(mock: &MockServer) -> (i64, i64) {
    let seeded = mock
        .seed(serde_json::json!({
            "affiliates": [{"affiliate_name": "Seed Media", "account_manager_id": 42}],
            "offers": [{"offer_name": "Seed Offer", "advertiser_id": 1, "vertical_id": 1,
                        "offer_url": "https://t.example/c?o={offer_id}", "payout": "30.00", "payout_type": "cpa",
                        "revenue": "40.00"}]
        }))
        .expect("seed");
    let id = |list: &str, key: &str| seeded[list][0][key].as_i64().expect("seeded id");
    (id("affiliates", "affiliate_id"), id("offers", "offer_id"))
}
