//! The /_mock control endpoints, CORS, key masking in the log, robustness against broken
//! clients, and the runtime-owning BackgroundMock.

mod common;

use cake_core::Operation;
use cake_mock::{BackgroundMock, FaultKind, FaultRule, MockConfig};
use common::{parse, samples, start, start_with, TestResult};
use reqwest::Method;
use serde_json::json;
use std::io::{ErrorKind, Read, Write};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn preflight_and_every_answer_carry_cors() -> TestResult {
    let mock = start().await?;
    let preflight = common::answer(
        mock.client
            .request(Method::OPTIONS, mock.url(Operation::CreateOffer.path()))
            .header("origin", "http://localhost:5173")
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type, x-request-id",
            )
            .send()
            .await?,
    )
    .await?;
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("GET, POST, DELETE, OPTIONS")
    );
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default();
    assert!(
        allowed.contains("content-type") && allowed.contains("x-request-id"),
        "{allowed}"
    );
    assert_eq!(
        preflight.header("access-control-expose-headers"),
        Some("retry-after")
    );

    let refused = mock.send(Operation::CreateOffer, &json!({})).await?;
    let not_found = mock.control(Method::GET, "/nowhere", None).await?;
    let control = mock.control(Method::GET, "/_mock/state", None).await?;
    for answer in [refused, not_found, control] {
        assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            answer.header("access-control-expose-headers"),
            Some("retry-after")
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_log_never_holds_the_key() -> TestResult {
    let mock = start_with(MockConfig {
        api_key: "s3cret-key".into(),
        ..MockConfig::default()
    })
    .await?;
    mock.call(
        Operation::CreateAffiliate,
        &parse(samples::CREATE_AFFILIATE)?,
    )
    .await?;
    mock.call(
        Operation::GetAffiliateOffer,
        &parse(samples::GET_AFFILIATE_OFFER)?,
    )
    .await?;
    // A key sent in the wrong place, and a wrong key, are masked too.
    mock.send(
        Operation::ListSubAffiliates,
        &json!({"api_key": "wrong", "affiliate_id": "s3cret-key"}),
    )
    .await?;
    let log = mock.control(Method::GET, "/_mock/requests", None).await?;
    assert!(!log.text.contains("s3cret-key"), "{}", log.text);
    assert!(!log.text.contains("wrong"), "{}", log.text);
    let entries = log.json()?;
    assert_eq!(entries[0]["body"]["api_key"], "***");
    assert_eq!(entries[0]["operation"], "create_affiliate");
    assert_eq!(entries[0]["method"], "POST");
    assert_eq!(entries[0]["path"], "/api/2/affiliate.json");
    assert_eq!(entries[0]["seq"], 1);
    let query = entries[1]["query"].as_array().ok_or("no query")?;
    assert!(query.contains(&json!(["api_key", "***"])), "{query:?}");
    assert!(query.contains(&json!(["offer_id", "12345"])), "{query:?}");
    assert_eq!(entries[1]["body"], json!(null));
    assert_eq!(entries[1]["applied"], false); // no offer exists
    assert!(!format!("{:?}", mock.server.requests()).contains("s3cret-key"));
    assert!(!format!("{:?}", mock.server).contains("s3cret-key"));
    Ok(())
}

#[tokio::test]
async fn state_reset_and_seed_over_http() -> TestResult {
    let mock = start().await?;
    let seed = json!({
        "affiliates": [{"affiliate_name": "A", "account_manager_id": 42}],
        "offers": [{"offer_name": "O", "advertiser_id": 1, "vertical_id": 2, "offer_url": "https://example.com/o", "payout": "12.5"}],
        "sub_affiliates": [{"affiliate_id": 67890, "sub_affiliate_name": "S", "payout": 1, "payout_type": "cpa"}],
        "affiliate_offers": [{"affiliate_id": 67890, "offer_id": 12345, "payout": 9}],
    });
    let created = mock
        .control(Method::POST, "/_mock/seed", Some(&seed))
        .await?;
    assert_eq!(created.status, 200, "{}", created.text);
    let created = created.json()?;
    assert_eq!(created["affiliates"][0]["affiliate_id"], 67890);
    assert_eq!(created["offers"][0]["offer_id"], 12345);
    assert_eq!(created["sub_affiliates"][0]["sub_affiliate_id"], 301);
    assert_eq!(created["affiliate_offers"][0]["payout"].to_string(), "9.00");

    let state = mock.control(Method::GET, "/_mock/state", None).await?;
    assert!(state.text.contains(r#""payout":12.50"#), "{}", state.text);
    let state = state.json()?;
    assert_eq!(state["offers"][0]["vertical_id"], 2);
    assert_eq!(state["sub_affiliates"][0]["affiliate_id"], 67890);

    // A bad item refuses the whole seed: nothing of it is applied.
    let bad = json!({
        "affiliates": [{"affiliate_name": "B", "account_manager_id": 1}],
        "sub_affiliates": [{"affiliate_id": 67890, "sub_affiliate_name": "s", "payout": 1, "payout_type": "cpa"}],
    });
    let refused = mock
        .control(Method::POST, "/_mock/seed", Some(&bad))
        .await?;
    assert_eq!(refused.status, 400);
    let message = refused.json()?["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.starts_with("sub_affiliates[0]: sub_affiliate_name already exists"),
        "{message}"
    );
    assert_eq!(
        mock.server.state()["affiliates"].as_array().map(Vec::len),
        Some(1)
    );
    let invalid = json!({"offers": [{"offer_name": "X"}]});
    let refused = mock
        .control(Method::POST, "/_mock/seed", Some(&invalid))
        .await?;
    assert_eq!(refused.status, 400);
    assert!(refused.text.contains("offers[0]: "), "{}", refused.text);

    mock.server
        .add_fault(FaultRule::new("*", FaultKind::Html))?;
    let reset = mock.control(Method::POST, "/_mock/reset", None).await?;
    assert_eq!(reset.status, 200);
    assert_eq!(
        mock.server.state(),
        json!({"affiliates": [], "offers": [], "sub_affiliates": [], "affiliate_offers": []})
    );
    assert!(mock.server.fault_stats().is_empty());
    assert!(mock.server.requests().is_empty());
    // Ids start again from the first.
    let again = mock
        .ok(
            Operation::CreateAffiliate,
            &json!({"affiliate_name": "C", "account_manager_id": 1}),
        )
        .await?;
    assert_eq!(again["affiliate"]["affiliate_id"], 67890);
    Ok(())
}

#[tokio::test]
async fn reset_before_is_a_tcp_reset() -> TestResult {
    let mock = start().await?;
    mock.server
        .add_fault(FaultRule::new("*", FaultKind::ResetBefore))?;
    let mut stream = TcpStream::connect(mock.server.addr()).await?;
    let request = format!(
        "GET {}?api_key=x HTTP/1.1\r\nhost: localhost\r\n\r\n",
        Operation::ListSubAffiliates.path()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut buffer = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buffer)).await?;
    assert_eq!(
        read.err().map(|e| e.kind()),
        Some(ErrorKind::ConnectionReset),
        "{buffer:?}"
    );
    assert!(buffer.is_empty());
    Ok(())
}

#[tokio::test]
async fn survives_malformed_http_and_vanishing_clients() -> TestResult {
    let mock = start().await?;
    // Garbage instead of HTTP.
    let mut garbage = TcpStream::connect(mock.server.addr()).await?;
    garbage
        .write_all(b"\x00\x01NOT HTTP AT ALL\r\n\r\n")
        .await?;
    let mut buffer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), garbage.read_to_end(&mut buffer)).await?;
    // Half a request, then gone.
    let mut half = TcpStream::connect(mock.server.addr()).await?;
    half.write_all(
        b"POST /api/2/offer.json HTTP/1.1\r\nhost: x\r\ncontent-length: 500\r\n\r\n{\"api_key\"",
    )
    .await?;
    drop(half);
    // A client that gives up while a delayed request is in flight.
    mock.server.add_fault(
        FaultRule::new("*", FaultKind::Delay)
            .times(1)
            .delay_ms(2000),
    )?;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()?;
    let url = format!(
        "{}{}?api_key=mock-api-key",
        mock.server.url(),
        Operation::ListSubAffiliates.path()
    );
    assert!(impatient.get(url).send().await.is_err());
    // Still serving.
    let answer = mock.ok(Operation::ListSubAffiliates, &json!({})).await?;
    assert_eq!(answer["sub_affiliates"], json!([]));
    Ok(())
}

/// A blocking HTTP/1.1 GET, for the runtime-less BackgroundMock test.
fn blocking_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n"
    )?;
    let mut text = String::new();
    stream.read_to_string(&mut text)?;
    Ok(text)
}

#[test]
fn background_mock_runs_without_a_runtime() -> TestResult {
    let mock = BackgroundMock::start(MockConfig::default())?;
    assert!(mock.url().starts_with("http://127.0.0.1:"));
    assert_eq!(mock.api_key(), "mock-api-key");
    mock.seed(json!({"affiliates": [{"affiliate_name": "A", "account_manager_id": 7}]}))?;
    let path = format!(
        "{}?api_key=mock-api-key&affiliate_id=67890",
        Operation::ListSubAffiliates.path()
    );
    let answer = blocking_get(mock.addr(), &path)?;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""sub_affiliates":[]"#), "{answer}");
    assert_eq!(mock.requests().len(), 1);
    assert_eq!(
        mock.state()["affiliates"][0]["account_manager"]["name"],
        "Mark Johnson"
    );
    mock.add_fault(FaultRule::new("*", FaultKind::Error500))?;
    assert!(blocking_get(mock.addr(), &path)?.starts_with("HTTP/1.1 500"));
    assert_eq!(mock.fault_stats()[0].fired, 1);
    mock.reset();
    assert!(mock.requests().is_empty());
    let addr = mock.addr();
    mock.stop();
    mock.stop(); // twice is fine
    assert!(std::net::TcpStream::connect(addr).is_err());
    Ok(())
}

#[tokio::test]
async fn stop_closes_the_listener() -> TestResult {
    let mock = start().await?;
    let addr = mock.server.addr();
    assert!(TcpStream::connect(addr).await.is_ok());
    mock.server.stop().await;
    assert!(TcpStream::connect(addr).await.is_err());
    Ok(())
}
