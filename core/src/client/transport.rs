//! One HTTP attempt: what core hands a transport, the [`Transport`] trait, and the timer that
//! bounds it. Everything else (retry policy, deadlines, pager, bulk, warnings) stays in core; a
//! transport sends once and says how it went, as a [`policy::Attempt`](super::policy::Attempt).
//! Core's own is reqwest (feature `reqwest`: natively, and on fetch in a browser,
//! `reqwest_transport.rs`). A binding may give another with
//! [`ClientBuilder::transport`](super::ClientBuilder::transport): the Node package's
//! WebAssembly build sends through JS, since WASI has no sockets and no reqwest; the browser
//! package makes its own fetch calls, lighter than reqwest's.

use super::config::Config;
use super::policy::Attempt;
use super::runtime::sleep;
use crate::endpoint::HttpRequest;
use crate::operation::Method;
use futures_util::future::{select, Either};
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::time::Duration;

/// Headers a transport keeps from an answer (all the policy and errors need), by lowercase
/// name; every other header is dropped.
pub const KEPT_HEADERS: &[&str] = &["retry-after", "content-type"];

/// Redirects are followed to the same origin only (scheme, host and port of the first URL), so
/// a body or query holding the key is never replayed to another host; and only while fewer
/// than this many URLs were requested in the attempt (at most 4 redirects). Otherwise the
/// redirect itself is the answer.
pub const MAX_REDIRECT_URLS: usize = 5;

/// One attempt, as core hands it to a transport.
#[derive(Clone)]
pub struct AttemptRequest {
    pub method: Method,
    /// The whole URL. A GET's query holds the api key: never put it in a message.
    pub url: String,
    /// A POST's JSON body (it holds the api key), sent with `content-type: application/json`.
    pub body: Option<Vec<u8>>,
    /// What the attempt may take, the answer read to its end. Core also stops waiting then.
    pub timeout: Duration,
    /// What connecting may take; past it nothing was sent.
    pub connect_timeout: Duration,
    pub user_agent: String,
    /// The largest answer read: a declared Content-Length above it is refused before reading,
    /// a longer body is cut there ([`AttemptRequest::too_large`]).
    pub max_response_bytes: u64,
    max_response_bytes_name: String,
}

/// Shows neither the URL nor the body: both may hold the key.
impl fmt::Debug for AttemptRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttemptRequest")
            .field("method", &self.method.as_str())
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl AttemptRequest {
    fn new(config: &Config, request: &HttpRequest, timeout: Duration) -> Self {
        let method = request.method();
        AttemptRequest {
            method,
            url: request.url(&config.base_url),
            body: match method {
                Method::Get => None,
                Method::Post => Some(request.wire_body_bytes().unwrap_or_default()),
            },
            timeout,
            connect_timeout: config.connect_timeout,
            user_agent: config.user_agent.clone(),
            max_response_bytes: config.max_response_bytes,
            max_response_bytes_name: config.max_response_bytes_name.clone(),
        }
    }

    /// The outcome of an answer past [`AttemptRequest::max_response_bytes`]: `start` is what
    /// was read of it (kept, shortened, for the error's excerpt).
    pub fn too_large(&self, status: u16, mut start: Vec<u8>) -> Attempt {
        start.truncate(crate::error::EXCERPT_LEN * 4);
        Attempt::TooLarge {
            status,
            message: format!(
                "the answer is larger than the client's limit of {} ({}); reading stopped there",
                describe_bytes(self.max_response_bytes),
                self.max_response_bytes_name
            ),
            start,
        }
    }

    /// The outcome of an attempt that took longer than [`AttemptRequest::timeout`].
    pub fn timed_out(&self) -> Attempt {
        Attempt::TimedOut(format!("no answer within {} ms", self.timeout.as_millis()))
    }

    /// The outcome of a certificate the transport does not trust (`message`: its reason,
    /// without the URL): nothing was sent.
    pub fn untrusted(&self, message: &str) -> Attempt {
        Attempt::Untrusted(format!(
            "the server's TLS certificate is not trusted (self-signed, expired, or for another host); \
             nothing was sent: {message}"
        ))
    }
}

/// An attempt in progress. `Send` wherever the client runs on threads (every target but the
/// browser's, where fetch's futures are not).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub type AttemptFuture<'a> = Pin<Box<dyn Future<Output = Attempt> + Send + 'a>>;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub type AttemptFuture<'a> = Pin<Box<dyn Future<Output = Attempt> + 'a>>;

/// Sends one attempt. The contract, which core's policy relies on:
/// - an HTTP answer is [`Attempt::Answer`] with the status, only the [`KEPT_HEADERS`] (as
///   sent, lowercase names) and the body, read chunk by chunk up to `max_response_bytes`;
///   past it (or a Content-Length above it) [`AttemptRequest::too_large`];
/// - [`Attempt::NotSent`] only when the request cannot have left (refused, no such host, no
///   connection in `connect_timeout`), [`Attempt::Untrusted`] for a certificate not trusted,
///   [`Attempt::TimedOut`] past `timeout` ([`AttemptRequest::timed_out`]), and
///   [`Attempt::Broken`] for any other failure once it may have been sent;
/// - redirects as [`MAX_REDIRECT_URLS`] says;
/// - no message ever holds the URL or the body (they hold the key);
/// - dropping the future abandons the attempt (its connection is closed).
pub trait Transport: Send + Sync {
    fn attempt<'a>(&'a self, request: &'a AttemptRequest) -> AttemptFuture<'a>;
}

/// A transport as the builder holds it (the trait object has no Debug of its own).
#[derive(Clone)]
pub(crate) struct Given(pub(crate) Arc<dyn Transport>);

impl fmt::Debug for Given {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Transport")
    }
}

/// Sends `request` once through `transport`, and stops waiting after `timeout` whatever the
/// transport does (dropping its future, which abandons the attempt).
pub(crate) async fn run(
    transport: &dyn Transport,
    config: &Config,
    request: &HttpRequest,
    timeout: Duration,
) -> Attempt {
    let request = AttemptRequest::new(config, request, timeout);
    let outcome = match select(transport.attempt(&request), pin!(sleep(timeout))).await {
        Either::Left((attempt, _)) => attempt,
        Either::Right(_) => request.timed_out(),
    };
    outcome
}

/// An attempt's outcome as a transport written outside Rust reports it (the Node fallback's
/// over `node:http`, the browser package's fetch): `kind` is `answer`, `too_large`,
/// `not_sent`, `untrusted`, `timed_out` or `broken`, as core's [`Attempt`].
#[derive(Debug, Default)]
pub struct Reported {
    pub kind: String,
    pub status: Option<u16>,
    /// `(name, value)` pairs; only the [`KEPT_HEADERS`] are kept.
    pub headers: Vec<(String, String)>,
    /// The body (an answer), or what was read of it (`too_large`).
    pub body: Vec<u8>,
    pub message: String,
}

impl AttemptRequest {
    /// Core's [`Attempt`] from what a transport reported. What the transport should have done
    /// already is enforced here, so the contract holds whatever it did: the size limit, only
    /// the kept headers (names lowercased), and no URL or query in a message (they hold the
    /// key).
    pub fn reported(&self, reported: Reported) -> Attempt {
        let message = self.without_url(reported.message);
        match (reported.kind.as_str(), reported.status) {
            ("answer", Some(status)) => {
                if reported.body.len() as u64 > self.max_response_bytes {
                    return self.too_large(status, reported.body);
                }
                let headers = reported
                    .headers
                    .into_iter()
                    .map(|(name, value)| (name.to_ascii_lowercase(), value))
                    .filter(|(name, _)| KEPT_HEADERS.contains(&name.as_str()))
                    .collect();
                Attempt::Answer {
                    status,
                    headers,
                    body: reported.body,
                }
            }
            ("too_large", Some(status)) => self.too_large(status, reported.body),
            ("not_sent", _) => Attempt::NotSent(message),
            ("untrusted", _) => self.untrusted(&message),
            ("timed_out", _) => self.timed_out(),
            ("broken", _) => Attempt::Broken(message),
            (kind, _) => Attempt::Broken(format!(
                "the transport answered an outcome core does not know: {kind}"
            )),
        }
    }

    /// `message` with this attempt's URL, and its query, masked.
    fn without_url(&self, message: String) -> String {
        let mut message = message.replace(&self.url, crate::secret::MASK);
        if let Some((_, query)) = self.url.split_once('?').filter(|(_, q)| !q.is_empty()) {
            message = message.replace(query, crate::secret::MASK);
        }
        message
    }
}

/// "64 MiB", "1500 bytes": the limit as a person reads it.
fn describe_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Client;
    use crate::operation::Operation;
    use serde_json::json;
    use std::sync::Mutex;

    /// A transport that answers from a script and keeps what it was given.
    struct Scripted {
        outcomes: Mutex<Vec<Attempt>>,
        seen: Mutex<Vec<AttemptRequest>>,
    }

    impl Transport for Scripted {
        fn attempt<'a>(&'a self, request: &'a AttemptRequest) -> AttemptFuture<'a> {
            Box::pin(async move {
                if let Ok(mut seen) = self.seen.lock() {
                    seen.push(request.clone());
                }
                let next = self.outcomes.lock().ok().and_then(|mut o| o.pop());
                match next {
                    Some(outcome) => outcome,
                    // Out of script: never answers (core's timer must end it).
                    None => std::future::pending().await,
                }
            })
        }
    }

    fn scripted(mut outcomes: Vec<Attempt>) -> Arc<Scripted> {
        outcomes.reverse();
        Arc::new(Scripted {
            outcomes: Mutex::new(outcomes),
            seen: Mutex::new(Vec::new()),
        })
    }

    fn client(transport: Arc<Scripted>, timeout: Duration) -> Result<Client, crate::Error> {
        Client::builder()
            .base_url("https://cake.example")
            .api_key("k3y")
            .user_agent("test-agent")
            .timeout(timeout)
            .backoff(Duration::from_millis(1), Duration::from_millis(2))
            .max_response_bytes(4096)
            .transport(transport)
            .build()
    }

    fn seen(transport: &Scripted) -> Vec<AttemptRequest> {
        transport.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    #[tokio::test]
    async fn a_given_transport_sends_every_attempt_with_core_s_policy() -> Result<(), crate::Error>
    {
        let answer = Attempt::Answer {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"request_status":"Success","affiliate":{"affiliate_id":5}}"#.to_vec(),
        };
        // Refused first: nothing was sent, so even a write is sent again.
        let transport = scripted(vec![Attempt::NotSent("refused".into()), answer]);
        let client = client(Arc::clone(&transport), Duration::from_secs(5))?;
        let params = json!({"affiliate_name": "Given", "account_manager_id": 1});
        let reply = client.call(Operation::CreateAffiliate, &params).await?;
        assert_eq!(reply.meta.attempts, 2);
        let requests = seen(&transport);
        assert_eq!(requests.len(), 2);
        let first = &requests[0];
        assert_eq!(first.method, Method::Post);
        assert_eq!(first.url, "https://cake.example/api/2/affiliate.json");
        let body = first.body.clone().unwrap_or_default();
        assert!(String::from_utf8_lossy(&body).contains(r#""api_key":"k3y""#));
        assert_eq!(first.user_agent, "test-agent");
        assert_eq!(first.max_response_bytes, 4096);
        assert_eq!(first.timeout, Duration::from_secs(5));
        assert!(!format!("{first:?}").contains("k3y"), "Debug shows no key");
        Ok(())
    }

    #[tokio::test]
    async fn core_ends_an_attempt_the_transport_never_finishes() -> Result<(), crate::Error> {
        let transport = scripted(Vec::new());
        let client = client(Arc::clone(&transport), Duration::from_millis(50))?.with_options(
            crate::client::CallOptions {
                max_retries: Some(0),
                ..Default::default()
            },
        );
        let error = client
            .call(Operation::ListSubAffiliates, &json!({}))
            .await
            .err();
        let error = error.map(|e| (e.kind.code(), e.to_string()));
        assert!(
            matches!(&error, Some(("timeout", message)) if message.contains("no answer within 50 ms")),
            "{error:?}"
        );
        let requests = seen(&transport);
        assert_eq!(requests.len(), 1);
        assert!(requests[0].url.contains("api_key=k3y"));
        assert_eq!(requests[0].body, None);
        Ok(())
    }

    fn request_of(url: &str, max_response_bytes: u64) -> AttemptRequest {
        let config = match Client::builder()
            .base_url("https://cake.example")
            .api_key("k3y")
            .max_response_bytes(max_response_bytes)
            .finish()
        {
            Ok(config) => config,
            Err(e) => unreachable!("{e}"),
        };
        let mut request = AttemptRequest::new(
            &config,
            &crate::endpoint::Request::from_params(Operation::ListSubAffiliates, &json!({}))
                .map(|p| p.request.to_http(&crate::ApiKey::new("k3y")))
                .unwrap_or_else(|e| unreachable!("{e}")),
            Duration::from_secs(1),
        );
        request.url = url.to_owned();
        request
    }

    #[test]
    fn a_reported_outcome_keeps_the_contract_whatever_the_transport_did() {
        let url = "https://cake.example/api/2/sub_affiliates.json?api_key=k3y";
        let request = request_of(url, 10);
        let answer = request.reported(Reported {
            kind: "answer".into(),
            status: Some(200),
            headers: vec![
                ("Retry-After".into(), "3".into()),
                ("set-cookie".into(), "s=1".into()),
            ],
            body: b"{}".to_vec(),
            message: String::new(),
        });
        match answer {
            Attempt::Answer {
                status, headers, ..
            } => {
                assert_eq!(status, 200);
                assert_eq!(headers, vec![("retry-after".to_owned(), "3".to_owned())]);
            }
            other => unreachable!("{other:?}"),
        }
        let big = request.reported(Reported {
            kind: "answer".into(),
            status: Some(200),
            body: vec![b' '; 11],
            ..Reported::default()
        });
        assert!(
            matches!(big, Attempt::TooLarge { status: 200, .. }),
            "{big:?}"
        );
        for (kind, quoted) in [("broken", url), ("not_sent", "api_key=k3y")] {
            let outcome = request.reported(Reported {
                kind: kind.into(),
                message: format!("TypeError: Failed to parse URL from {quoted}"),
                ..Reported::default()
            });
            let text = format!("{outcome:?}");
            assert!(!text.contains("k3y"), "{text}");
            assert!(text.contains("Failed to parse URL from ***"), "{text}");
        }
        let odd = request.reported(Reported {
            kind: "answer".into(),
            ..Reported::default()
        });
        assert!(
            matches!(odd, Attempt::Broken(ref m) if m.contains("does not know: answer")),
            "{odd:?}"
        );
    }

    #[test]
    fn too_large_keeps_the_start_and_names_the_limit() {
        let config = match Client::builder()
            .base_url("https://cake.example")
            .api_key("k")
            .max_response_bytes(2 * 1024 * 1024)
            .max_response_bytes_name("maxResponseBytes")
            .finish()
        {
            Ok(config) => config,
            Err(e) => unreachable!("{e}"),
        };
        let request = AttemptRequest::new(
            &config,
            &crate::endpoint::Request::from_params(Operation::ListSubAffiliates, &json!({}))
                .map(|p| p.request.to_http(&crate::ApiKey::new("k")))
                .unwrap_or_else(|e| unreachable!("{e}")),
            Duration::from_secs(1),
        );
        match request.too_large(200, vec![b'x'; 100_000]) {
            Attempt::TooLarge {
                status,
                message,
                start,
            } => {
                assert_eq!(status, 200);
                assert_eq!(start.len(), crate::error::EXCERPT_LEN * 4);
                assert!(
                    message.contains("limit of 2 MiB (maxResponseBytes)"),
                    "{message}"
                );
            }
            other => unreachable!("{other:?}"),
        }
    }
}
