//! Broken HTTP beyond what control.rs already sends (garbage, a half request, an impatient
//! client): framing errors, oversized headers, the wrong protocol, connections abandoned at
//! every stage and held open half-written. The mock answers each with an error or a close,
//! never records any as a request, and keeps serving everyone else.

mod common;

use cake_core::Operation;
use common::{start, TestResult};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const OFFER: &str = "POST /api/2/offer.json HTTP/1.1\r\nHost: x\r\n";

/// Sends `bytes` on a fresh connection and reads until the mock answers and closes, or 5 s.
async fn exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> TestResult<String> {
    let mut stream = TcpStream::connect(addr).await?;
    // The mock may close before reading everything (a header too large): not a failure.
    let _ = stream.write_all(bytes).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn malformed_requests_get_an_error_or_a_close() -> TestResult {
    let mock = start().await?;
    let addr = mock.server.addr();
    let huge_header = format!(
        "GET /api/2/sub_affiliates.json HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1_000_000)
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "bad content-length",
            format!("{OFFER}Content-Length: abc\r\n\r\n{{}}").into_bytes(),
        ),
        (
            "two content-lengths",
            format!("{OFFER}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{{}}").into_bytes(),
        ),
        (
            "bad chunk size",
            format!("{OFFER}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{{}}\r\n0\r\n\r\n")
                .into_bytes(),
        ),
        ("1 MB header", huge_header.into_bytes()),
        (
            "non-UTF-8 path",
            b"GET /api/2/\xff\xfe.json HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        ),
        (
            "HTTP/2 preface",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
        ),
        (
            "unknown version",
            b"GET / HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(),
        ),
        (
            "NUL in header",
            b"GET / HTTP/1.1\r\nHost: x\0y\r\n\r\n".to_vec(),
        ),
        (
            "TLS hello on plain http",
            b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03".to_vec(),
        ),
    ];
    for (name, bytes) in &cases {
        let answer = exchange(addr, bytes).await?;
        let status_ok = answer.is_empty()
            || answer.starts_with("HTTP/1.1 4")
            || answer.starts_with("HTTP/1.1 5");
        assert!(status_ok, "{name}: {answer:.200}");
    }
    assert!(
        mock.server.requests().is_empty(),
        "{:?}",
        mock.server.requests()
    );
    mock.ok(Operation::ListSubAffiliates, &json!({})).await?;
    Ok(())
}

#[tokio::test]
async fn abandoned_and_stalled_connections_do_not_stop_the_mock() -> TestResult {
    let mock = start().await?;
    let addr = mock.server.addr();
    // Gone after connecting, after part of the request line, mid-headers, and mid-body of a
    // body announced at 1 GB.
    let stages: [&[u8]; 4] = [
        b"",
        b"POST /api/2/off",
        b"POST /api/2/offer.json HTTP/1.1\r\nHost: x\r\nContent-Ty",
        b"POST /api/2/offer.json HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n{\"api_key\":",
    ];
    for bytes in stages {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(bytes).await?;
        drop(stream);
    }
    // A whole request, then gone before the answer.
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(b"GET /api/2/sub_affiliates.json?api_key=x HTTP/1.1\r\nHost: x\r\n\r\n")
        .await?;
    drop(stream);
    // Fifty connections held open half-written while others are served.
    let mut stalled = Vec::new();
    for _ in 0..50 {
        let mut stream = TcpStream::connect(addr).await?;
        stream
            .write_all(b"POST /api/2/offer.json HTTP/1.1\r\nHost: x\r\n")
            .await?;
        stalled.push(stream);
    }
    let served = tokio::time::timeout(
        Duration::from_secs(5),
        mock.ok(Operation::ListSubAffiliates, &json!({})),
    )
    .await;
    assert!(matches!(served, Ok(Ok(_))), "{served:?}");
    drop(stalled);
    mock.ok(Operation::ListSubAffiliates, &json!({})).await?;
    Ok(())
}
