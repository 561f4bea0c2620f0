//! Answering one request through the mock's routes, CORS and kill switch, without a server of
//! its own: what the hyper service does per request ([`respond`]), and [`MockRouter`], which a
//! binding serves from a server of its own (the Node package's WebAssembly build, from
//! node:http: WASI has no sockets). A reset fault is then [`Reply::Reset`], for that server to
//! carry out (destroy the connection without answering).

use crate::config::MockConfig;
use crate::cors;
use crate::handle::MockHandle;
use crate::kill::KillSwitch;
use crate::mock::Mock;
use crate::router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderName, HeaderValue, Method, Response, StatusCode};
use axum::Router;
use futures_util::StreamExt;
use std::fmt;
use std::sync::Arc;

/// The router's answer to `request`, with CORS on it; preflights are answered directly. A
/// handler that must drop the connection triggers `kill` and never answers.
pub(crate) async fn respond<B>(
    router: Router,
    kill: KillSwitch,
    mut request: Request<B>,
) -> Response<Body>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    if request.method() == Method::OPTIONS {
        return cors::preflight(request.headers());
    }
    request.extensions_mut().insert(kill);
    let mut response = match tower::ServiceExt::oneshot(router, request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    cors::decorate(response.headers_mut());
    response
}

/// The largest request body any route reads: a server in front of [`MockRouter`] needs to hand
/// it no more than one byte past this (the routes refuse the request then, as they would the
/// whole body).
pub const MAX_REQUEST_BODY_BYTES: usize = crate::router::MAX_CONTROL_BODY_BYTES;

/// A mock with no server: its state, faults and routes, answering one request at a time
/// exactly as [`crate::MockServer`] does, except that connections are the caller's. Cheap to
/// share (`Arc` inside).
#[derive(Clone)]
pub struct MockRouter {
    handle: MockHandle,
    router: Router,
}

impl fmt::Debug for MockRouter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRouter")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}

/// What to do with one request's connection.
#[derive(Debug)]
pub enum Reply {
    /// Answer with this.
    Answer(Answer),
    /// Drop the connection without answering, with a TCP reset (`reset_before`,
    /// `reset_after`; the latter after applying the request).
    Reset,
}

/// An answer: status, headers (with `content-length` when the body's length is known, as
/// hyper sends it), and the body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: AnswerBody,
}

/// A body: whole (every answer but one), or a stream to pass on chunk by chunk (the
/// `endless_body` fault's gigabyte: never held whole).
pub enum AnswerBody {
    Whole(Vec<u8>),
    Stream(BodyStream),
}

impl fmt::Debug for AnswerBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerBody::Whole(bytes) => write!(f, "Whole({} bytes)", bytes.len()),
            AnswerBody::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// A body read chunk by chunk.
pub struct BodyStream(axum::body::BodyDataStream);

impl BodyStream {
    /// The next chunk, or `None` at the end. An error ends the body (the server then breaks
    /// the connection off, as hyper does).
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, String>> {
        self.0
            .next()
            .await
            .map(|chunk| chunk.map_err(|e| e.to_string()))
    }
}

impl MockRouter {
    pub fn new(config: &MockConfig) -> Self {
        let mock = Arc::new(Mock::new(config));
        MockRouter {
            router: router::router(Arc::clone(&mock)),
            handle: MockHandle(mock),
        }
    }

    /// The state, log and faults, as [`crate::MockServer`] derefs to.
    pub fn handle(&self) -> &MockHandle {
        &self.handle
    }

    /// Answers one request: `target` is the path and query as sent, `headers` as received
    /// (repeats kept). A request the HTTP types cannot hold (which hyper would refuse before
    /// routing) is answered 400.
    pub async fn answer(
        &self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Reply {
        let request = match build_request(method, target, headers, body) {
            Some(request) => request,
            None => return Reply::Answer(bad_request()),
        };
        let kill = KillSwitch::default();
        let answer = respond(self.router.clone(), kill.clone(), request);
        tokio::select! {
            // A handler that triggered the switch never answers (see api::reset).
            biased;
            () = kill.triggered() => Reply::Reset,
            response = answer => Reply::Answer(into_answer(response).await),
        }
    }
}

fn build_request(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Option<Request<Body>> {
    let mut request = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).ok()?)
        .uri(target);
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = HeaderValue::from_bytes(value.as_bytes()).ok()?;
        request = request.header(name, value);
    }
    request.body(Body::from(body)).ok()
}

fn bad_request() -> Answer {
    Answer {
        status: StatusCode::BAD_REQUEST.as_u16(),
        headers: vec![(CONTENT_LENGTH.as_str().to_owned(), "0".to_owned())],
        body: AnswerBody::Whole(Vec::new()),
    }
}

/// A response as the caller's server writes it. A body of known length is read here (it is in
/// memory already); any other is handed over as a stream.
async fn into_answer(response: Response<Body>) -> Answer {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    let mut headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let length = body.size_hint().exact();
    let body = match length {
        Some(_) => {
            let mut bytes = Vec::new();
            let mut stream = BodyStream(body.into_data_stream());
            // A body of known length is in memory: nothing here waits on anything.
            while let Some(Ok(chunk)) = stream.next_chunk().await {
                bytes.extend_from_slice(&chunk);
            }
            AnswerBody::Whole(bytes)
        }
        None => AnswerBody::Stream(BodyStream(body.into_data_stream())),
    };
    // As hyper: a known length is sent as Content-Length, except where a body is not allowed.
    let bodiless = status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED;
    if let (Some(length), false) = (length, bodiless) {
        if !parts.headers.contains_key(CONTENT_LENGTH) {
            headers.push((CONTENT_LENGTH.as_str().to_owned(), length.to_string()));
        }
    }
    Answer {
        status: status.as_u16(),
        headers,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::{FaultKind, FaultRule};

    fn runtime() -> tokio::runtime::Runtime {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => unreachable!("no runtime: {e}"),
        }
    }

    fn rule(kind: FaultKind) -> FaultRule {
        match serde_json::from_value(
            serde_json::json!({"operation": "*", "kind": kind.name(), "times": 1}),
        ) {
            Ok(rule) => rule,
            Err(e) => unreachable!("bad rule: {e}"),
        }
    }

    fn status_of(reply: &Reply) -> Option<u16> {
        match reply {
            Reply::Answer(answer) => Some(answer.status),
            Reply::Reset => None,
        }
    }

    #[test]
    fn answers_through_the_routes_with_cors_and_resets_on_the_reset_faults() {
        runtime().block_on(async {
            let mock = MockRouter::new(&MockConfig::default());
            let key = mock.handle().api_key().to_owned();
            let target = format!("/api/2/sub_affiliates.json?api_key={key}");
            let ok = mock.answer("GET", &target, &[], Vec::new()).await;
            let Reply::Answer(answer) = ok else {
                unreachable!("a reset without a fault")
            };
            assert_eq!(answer.status, 200);
            let header = |name: &str| {
                answer
                    .headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(header("access-control-allow-origin").as_deref(), Some("*"));
            let AnswerBody::Whole(body) = &answer.body else {
                unreachable!("a small answer streamed")
            };
            assert_eq!(header("content-length"), Some(body.len().to_string()));

            let preflight = mock
                .answer("OPTIONS", "/api/2/offer.json", &[], Vec::new())
                .await;
            assert_eq!(status_of(&preflight), Some(204));

            for kind in [FaultKind::ResetBefore, FaultKind::ResetAfter] {
                assert!(mock.handle().add_fault(rule(kind)).is_ok());
                let reset = mock.answer("GET", &target, &[], Vec::new()).await;
                assert_eq!(status_of(&reset), None, "{kind:?}");
            }
            let applied: Vec<bool> = mock.handle().requests().iter().map(|r| r.applied).collect();
            assert_eq!(applied, [true, false, true], "reset_after applies first");
            assert_eq!(
                status_of(&mock.answer("GET", "/nowhere", &[], Vec::new()).await),
                Some(404)
            );
            assert_eq!(
                status_of(&mock.answer("G T", "/", &[], Vec::new()).await),
                Some(400)
            );
        });
    }

    #[test]
    fn the_endless_body_streams() {
        runtime().block_on(async {
            let mock = MockRouter::new(&MockConfig::default());
            assert!(mock
                .handle()
                .add_fault(rule(FaultKind::EndlessBody))
                .is_ok());
            let key = mock.handle().api_key().to_owned();
            let target = format!("/api/2/sub_affiliates.json?api_key={key}");
            let Reply::Answer(answer) = mock.answer("GET", &target, &[], Vec::new()).await else {
                unreachable!("a reset")
            };
            assert!(answer
                .headers
                .iter()
                .all(|(name, _)| name != "content-length"));
            let AnswerBody::Stream(mut stream) = answer.body else {
                unreachable!("the endless body was read whole")
            };
            let mut read = 0;
            while read < 1024 * 1024 {
                match stream.next_chunk().await {
                    Some(Ok(chunk)) => read += chunk.len(),
                    other => unreachable!("the stream ended: {other:?}"),
                }
            }
        });
    }
}
