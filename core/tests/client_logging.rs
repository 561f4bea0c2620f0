//! The line logged per attempt (target "cake_sdk", debug): what it says, and never the key,
//! wherever the key is in the URL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use cake_core::client::Client;
use cake_core::Operation;
use cake_mock::FaultKind;
use common::*;
use log::{LevelFilter, Log, Metadata, Record};
use serde_json::json;
use std::sync::Mutex;

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Capture;

impl Log for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target() == "cake_sdk"
    }

    fn log(&self, record: &Record<'_>) {
        if self.enabled(record.metadata()) {
            LINES.lock().unwrap().push(record.args().to_string());
        }
    }

    fn flush(&self) {}
}

static CAPTURE: Capture = Capture;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_attempt_is_one_line_without_the_key() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(LevelFilter::Debug);
    let mock = mock().await;
    mock.add_fault(fault("list_sub_affiliates", FaultKind::Error503, 1))
        .unwrap();
    client(&mock)
        .call(Operation::ListSubAffiliates, &json!({}))
        .await
        .unwrap();
    // The key in the base URL too, as given and percent-encoded (the mock answers 404).
    for path in [KEY.to_owned(), "k3y-Distinctive%2FSecret%2B42".to_owned()] {
        let holding_key = Client::builder()
            .base_url(format!("{}/{path}", mock.url()))
            .api_key(KEY)
            .max_retries(0)
            .build()
            .unwrap();
        let error = holding_key
            .call(Operation::ListSubAffiliates, &json!({}))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "http_status");
    }

    let lines = LINES.lock().unwrap().clone();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    let url = format!("{}/api/2/sub_affiliates.json?api_key=***", mock.url());
    let hidden = format!("{}/***/api/2/sub_affiliates.json?api_key=***", mock.url());
    let starts = [
        format!("GET {url} -> 503 http_status (attempt 1, "),
        format!("GET {url} -> 200 ok (attempt 2, "),
        format!("GET {hidden} -> 404 http_status (attempt 1, "),
        format!("GET {hidden} -> 404 http_status (attempt 1, "),
    ];
    for (line, start) in lines.iter().zip(&starts) {
        assert!(line.starts_with(start), "{line}");
    }
    for line in &lines {
        assert!(line.ends_with(" ms)"), "{line}");
        for form in [KEY, "k3y-Distinctive%2FSecret%2B42", "Distinctive"] {
            assert!(!line.contains(form), "{line}");
        }
    }
}
