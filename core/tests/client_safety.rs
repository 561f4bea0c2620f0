//! Transport safety: https beyond loopback, redirects stay on the origin, the key never leaks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::Client;
use cake_core::Operation;
use cake_mock::FaultKind;
use common::bare_server::bare_server;
use common::*;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_to_another_origin_are_not_followed() {
    // The target is another port of 127.0.0.1: another origin, as another host would be (the
    // rule's unit test, beside it in reqwest_transport.rs, covers hosts and schemes).
    let target = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let target_url = format!("http://{}", target.local_addr().unwrap());
    let target_hits = Arc::new(AtomicUsize::new(0));
    let counter = target_hits.clone();
    tokio::spawn(async move {
        while let Ok((_socket, _)) = target.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    let redirect = format!("HTTP/1.1 307 Temporary Redirect\r\nLocation: {target_url}/api/2/offer.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let (url, hits) = bare_server(&redirect, Duration::ZERO).await;
    let client = Client::builder()
        .base_url(url)
        .api_key(KEY)
        .max_retries(0)
        .build()
        .unwrap();
    let error = client
        .call(
            Operation::CreateOffer,
            &json!({"offer_name": "R", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://t.example/"}),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "http_status");
    assert_eq!(error.meta.status, Some(307));
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        target_hits.load(Ordering::SeqCst),
        0,
        "the body with the key never went to the other origin"
    );
}

#[test]
fn plain_http_beyond_loopback_is_refused_unless_opted_in() {
    let refused = Client::builder()
        .base_url("http://cake.example.com")
        .api_key(KEY)
        .build()
        .unwrap_err();
    assert_eq!(refused.code(), "validation");
    assert_eq!(refused.issues()[0].field, "base_url");
    assert_eq!(refused.issues()[0].code, "insecure_url");
    assert!(Client::builder()
        .base_url("http://cake.example.com")
        .api_key(KEY)
        .allow_insecure_http(true)
        .build()
        .is_ok());
    assert!(Client::builder()
        .base_url("https://cake.example.com")
        .api_key(KEY)
        .build()
        .is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_is_absent_from_every_error_and_debug_output() {
    let mock = mock().await;
    let client = client(&mock);
    let encoded = cake_core::secret::percent_encode(KEY, false);
    let mut outputs = vec![format!("{client:?}")];
    let (affiliate_id, offer_id) = seed_basics(&mock);
    let read = json!({"affiliate_id": affiliate_id, "offer_id": offer_id});
    let faults = [
        FaultKind::RateLimit,
        FaultKind::Error500,
        FaultKind::Error503,
        FaultKind::Html,
        FaultKind::ResetBefore,
        FaultKind::ResetAfter,
        FaultKind::Malformed,
    ];
    for kind in faults {
        mock.clear_faults();
        mock.add_fault(fault("*", kind, 10).retry_after("99"))
            .unwrap();
        for (op, params) in [
            (Operation::GetAffiliateOffer, read.clone()),
            (
                Operation::CreateOffer,
                json!({"offer_name": "K", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://t.example/"}),
            ),
        ] {
            let error = client
                .with_options(cake_core::client::CallOptions {
                    max_retries: Some(0),
                    ..Default::default()
                })
                .call(op, &params)
                .await
                .unwrap_err();
            outputs.push(format!("{error} {error:?} {}", error.to_json()));
        }
    }
    mock.clear_faults();
    let failure = client
        .call(
            Operation::GetAffiliateOffer,
            &json!({"affiliate_id": 999_999, "offer_id": 1}),
        )
        .await
        .unwrap_err();
    outputs.push(format!("{failure} {failure:?}"));
    let invalid = client
        .call(Operation::CreateOffer, &json!({"offer_name": KEY}))
        .await
        .unwrap_err();
    outputs.push(format!("{invalid} {invalid:?}"));
    let prepared = cake_core::Request::from_params(Operation::GetAffiliateOffer, &read).unwrap();
    let http = prepared.request.to_http(&cake_core::ApiKey::new(KEY));
    outputs.push(format!(
        "{http:?} {} {:?}",
        http.redacted_url(&mock.url()),
        cake_core::ApiKey::new(KEY)
    ));
    let codes: std::collections::BTreeSet<String> = outputs
        .iter()
        .filter_map(|o| o.split_whitespace().next().map(str::to_owned))
        .collect();
    assert!(outputs.len() >= 16, "{codes:?}");
    for output in &outputs {
        assert!(!output.contains(KEY), "key leaked: {output}");
        assert!(!output.contains(&encoded), "encoded key leaked: {output}");
    }
}
