//! TLS: a server whose certificate is not trusted (self-signed, made here with rcgen) is a
//! `connection` error that says so, retried no more than `max_retries`, never an unknown
//! outcome (nothing was sent), and the key is in no message and never reaches the server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::Client;
use cake_core::Operation;
use common::KEY;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// What the https server saw: TCP connections, completed handshakes, bytes of requests.
#[derive(Default)]
struct Seen {
    connections: AtomicUsize,
    handshakes: AtomicUsize,
    request_bytes: AtomicUsize,
}

/// An https server on 127.0.0.1 with a fresh self-signed certificate for 127.0.0.1/localhost.
async fn self_signed_server() -> (String, Arc<Seen>) {
    let generated =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        generated.signing_key.serialize_der(),
    ));
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![generated.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let counter = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.connections.fetch_add(1, Ordering::SeqCst);
            let (acceptor, counter) = (acceptor.clone(), counter.clone());
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(socket).await {
                    counter.handshakes.fetch_add(1, Ordering::SeqCst);
                    let mut buffer = vec![0u8; 65_536];
                    let read = tls.read(&mut buffer).await.unwrap_or(0);
                    counter.request_bytes.fetch_add(read, Ordering::SeqCst);
                }
            });
        }
    });
    (url, seen)
}

fn client(url: &str, max_retries: u32) -> Client {
    Client::builder()
        .base_url(url)
        .api_key(KEY)
        .max_retries(max_retries)
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrusted_certificate_is_a_clear_connection_error() {
    let (url, seen) = self_signed_server().await;
    let max_retries = 2;
    let calls = [
        (
            Operation::GetAffiliateOffer,
            json!({"affiliate_id": 1, "offer_id": 2}),
        ),
        (
            Operation::CreateOffer,
            json!({"offer_name": "T", "advertiser_id": 1, "vertical_id": 1, "offer_url": "https://t.example/"}),
        ),
    ];
    let mut attempts = 0;
    for (operation, params) in calls {
        let error = client(&url, max_retries)
            .call(operation, &params)
            .await
            .unwrap_err();
        let message = error.to_string();
        println!("{operation}: {message} ({} attempts)", error.meta.attempts);
        // A failed handshake sent nothing: even a write is a plain connection error.
        assert_eq!(error.code(), "connection", "{operation}: {message}");
        assert!(
            message.to_lowercase().contains("certificate"),
            "{operation}: the message should name the certificate: {message}"
        );
        // An untrusted certificate stays untrusted: no retry, whatever max_retries allows.
        assert_eq!(error.meta.attempts, 1, "{operation}");
        attempts += error.meta.attempts as usize;
        let encoded = cake_core::secret::percent_encode(KEY, false);
        for output in [message, format!("{error:?}"), error.to_json().to_string()] {
            assert!(
                !output.contains(KEY) && !output.contains(&encoded),
                "{output}"
            );
        }
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(seen.connections.load(Ordering::SeqCst), attempts);
    assert_eq!(
        seen.handshakes.load(Ordering::SeqCst),
        0,
        "no handshake completed"
    );
    assert_eq!(
        seen.request_bytes.load(Ordering::SeqCst),
        0,
        "the key never left"
    );
}
