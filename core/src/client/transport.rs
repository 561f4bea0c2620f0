//! One HTTP attempt over reqwest, bounded by a timeout, classified for the retry policy.

use super::config::Config;
use super::policy::Attempt;
use super::runtime::sleep;
use crate::endpoint::HttpRequest;
use crate::operation::Method;
use futures_util::future::{select, Either};
use std::pin::pin;
use std::time::Duration;

/// Headers kept from an answer (all the policy and errors need).
const KEPT_HEADERS: &[&str] = &["retry-after", "content-type"];

/// Builds the reqwest client: redirects stay on the same origin, so a body holding the key
/// is never replayed to another host.
pub fn http_client(config: &Config) -> Result<reqwest::Client, String> {
    let builder = reqwest::Client::builder();
    #[cfg(not(target_arch = "wasm32"))]
    let builder = builder
        .connect_timeout(config.connect_timeout)
        .tcp_nodelay(true)
        .user_agent(config.user_agent.clone())
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            let same_origin = attempt.previous().first().is_some_and(|first| {
                first.scheme() == attempt.url().scheme()
                    && first.host_str() == attempt.url().host_str()
                    && first.port_or_known_default() == attempt.url().port_or_known_default()
            });
            if same_origin && attempt.previous().len() < 5 {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }));
    #[cfg(target_arch = "wasm32")]
    let _ = config;
    builder.build().map_err(|e| e.without_url().to_string())
}

/// Sends `request` once. The key is only in the URL or body handed to reqwest; reqwest's
/// errors are stripped of their URL before anything is kept.
pub async fn attempt(
    client: &reqwest::Client,
    config: &Config,
    request: &HttpRequest,
    timeout: Duration,
) -> Attempt {
    let url = request.url(&config.base_url);
    let limit = config.max_response_bytes;
    let builder = match request.method() {
        Method::Get => client.get(&url),
        Method::Post => client
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(request.wire_body_bytes().unwrap_or_default()),
    };
    let exchange = async move {
        let response = builder.send().await?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter(|(name, _)| KEPT_HEADERS.contains(&name.as_str()))
            .filter_map(|(name, value)| {
                value
                    .to_str()
                    .ok()
                    .map(|v| (name.as_str().to_owned(), v.to_owned()))
            })
            .collect();
        let body = read_body(response, limit).await?;
        Ok::<_, reqwest::Error>((status, headers, body))
    };
    match select(pin!(exchange), pin!(sleep(timeout))).await {
        Either::Left((Ok((status, headers, Body::Whole(body))), _)) => Attempt::Answer {
            status,
            headers,
            body,
        },
        Either::Left((Ok((status, _, Body::Cut(start))), _)) => Attempt::TooLarge {
            status,
            message: format!(
                "the answer is larger than the client's limit of {} ({}); reading stopped there",
                describe_bytes(limit),
                config.max_response_bytes_name
            ),
            start,
        },
        Either::Left((Err(error), _)) => classify(error),
        Either::Right(_) => {
            Attempt::TimedOut(format!("no answer within {} ms", timeout.as_millis()))
        }
    }
}

/// An answer's body: whole, or cut at the limit (its start kept for the error's excerpt).
enum Body {
    Whole(Vec<u8>),
    Cut(Vec<u8>),
}

/// Reads the body chunk by chunk, never holding more than `limit` bytes: a Content-Length
/// above it is refused before reading anything.
#[cfg(not(target_arch = "wasm32"))]
async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<Body, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Ok(Body::Cut(Vec::new()));
    }
    let mut body = Vec::with_capacity(
        usize::try_from(response.content_length().unwrap_or(0).min(limit)).unwrap_or(0),
    );
    while let Some(chunk) = response.chunk().await? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            body.truncate(crate::error::EXCERPT_LEN * 4);
            return Ok(Body::Cut(body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Body::Whole(body))
}

/// Under wasm the browser's fetch holds the body itself; the limit refuses a declared length
/// above it before reading and any longer body after.
#[cfg(target_arch = "wasm32")]
async fn read_body(response: reqwest::Response, limit: u64) -> Result<Body, reqwest::Error> {
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Ok(Body::Cut(Vec::new()));
    }
    let body = response.bytes().await?;
    if body.len() as u64 > limit {
        let start = body.get(..crate::error::EXCERPT_LEN * 4).unwrap_or(&body);
        return Ok(Body::Cut(start.to_vec()));
    }
    Ok(Body::Whole(body.to_vec()))
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

fn classify(error: reqwest::Error) -> Attempt {
    let connect = is_connect(&error);
    let timeout = error.is_timeout();
    let message = describe(&error.without_url());
    if connect && message.to_ascii_lowercase().contains("certificate") {
        Attempt::Untrusted(format!(
            "the server's TLS certificate is not trusted (self-signed, expired, or for another host); \
             nothing was sent: {message}"
        ))
    } else if connect {
        Attempt::NotSent(message)
    } else if timeout {
        Attempt::TimedOut(message)
    } else {
        Attempt::Broken(message)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn is_connect(error: &reqwest::Error) -> bool {
    error.is_connect()
}

/// Under wasm, fetch does not say whether the request left; treat it as possibly sent.
#[cfg(target_arch = "wasm32")]
fn is_connect(_error: &reqwest::Error) -> bool {
    false
}

/// reqwest's message with its causes ("error sending request: connection refused").
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}
