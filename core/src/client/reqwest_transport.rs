//! Core's own transport: reqwest (rustls on tokio natively, the browser's fetch under
//! wasm32-unknown-unknown). Not built for WASI, which has no sockets: there reqwest would take
//! its browser path, whose wasm-bindgen imports do not exist outside a browser.

use super::config::Config;
use super::policy::Attempt;
use super::transport::{AttemptFuture, AttemptRequest, Transport, KEPT_HEADERS};
use crate::operation::Method;

#[derive(Debug)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Builds the reqwest client: redirects stay on the same origin, so a body holding the key
    /// is never replayed to another host.
    pub fn new(config: &Config) -> Result<Self, String> {
        let builder = reqwest::Client::builder();
        #[cfg(not(target_arch = "wasm32"))]
        let builder = builder
            .connect_timeout(config.connect_timeout)
            .tcp_nodelay(true)
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                let same_origin = attempt
                    .previous()
                    .first()
                    .is_some_and(|first| same_origin(first, attempt.url()));
                if same_origin && attempt.previous().len() < super::transport::MAX_REDIRECT_URLS {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }));
        #[cfg(target_arch = "wasm32")]
        let _ = config;
        let client = builder.build().map_err(|e| e.without_url().to_string())?;
        Ok(ReqwestTransport { client })
    }
}

/// Whether a redirect to `next` stays on the origin of `first` (scheme, host, port): only then
/// may the request, with the key in its URL or body, be sent there.
#[cfg(not(target_arch = "wasm32"))]
fn same_origin(first: &reqwest::Url, next: &reqwest::Url) -> bool {
    first.scheme() == next.scheme()
        && first.host_str() == next.host_str()
        && first.port_or_known_default() == next.port_or_known_default()
}

impl Transport for ReqwestTransport {
    /// The key is only in the URL or body handed to reqwest; reqwest's errors are stripped of
    /// their URL before anything is kept.
    fn attempt<'a>(&'a self, request: &'a AttemptRequest) -> AttemptFuture<'a> {
        Box::pin(async move {
            let builder = match request.method {
                Method::Get => self.client.get(&request.url),
                Method::Post => self
                    .client
                    .post(&request.url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(request.body.clone().unwrap_or_default()),
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
                let body = read_body(response, request.max_response_bytes).await?;
                Ok::<_, reqwest::Error>((status, headers, body))
            };
            match exchange.await {
                Ok((status, headers, Body::Whole(body))) => Attempt::Answer {
                    status,
                    headers,
                    body,
                },
                Ok((status, _, Body::Cut(start))) => request.too_large(status, start),
                Err(error) => classify(request, error),
            }
        })
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

/// In the browser, fetch holds the body itself; the limit refuses a declared length above it
/// before reading and any longer body after.
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

fn classify(request: &AttemptRequest, error: reqwest::Error) -> Attempt {
    let connect = is_connect(&error);
    let timeout = error.is_timeout();
    let message = describe(&error.without_url());
    if connect && message.to_ascii_lowercase().contains("certificate") {
        request.untrusted(&message)
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

/// In the browser, fetch does not say whether the request left; treat it as possibly sent.
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::same_origin;
    use reqwest::Url;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        let cake = "https://cake.example.com/api/2/offer.json";
        let loopback = "http://127.0.0.1:8080/api/2/offer.json";
        let cases = [
            (cake, "https://cake.example.com/api/2/other.json?a=1", true),
            (cake, "https://cake.example.com:443/api/2/offer.json", true),
            (cake, "http://cake.example.com/api/2/offer.json", false),
            (
                cake,
                "https://cake.example.com:8443/api/2/offer.json",
                false,
            ),
            (cake, "https://evil.example/api/2/offer.json", false),
            (cake, "https://cake.example.com.evil.example/", false),
            (loopback, "http://127.0.0.2:8080/api/2/offer.json", false),
            (loopback, "http://localhost:8080/api/2/offer.json", false),
            (loopback, "http://127.0.0.1:8081/api/2/offer.json", false),
        ];
        for (first, next, same) in cases {
            assert_eq!(
                same_origin(&url(first), &url(next)),
                same,
                "{first} -> {next}"
            );
        }
    }
}
