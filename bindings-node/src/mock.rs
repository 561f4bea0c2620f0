//! The embedded mock server, for users' tests. Natively: cake-mock's own server on its own
//! thread and runtime (`startMock`). In the WebAssembly fallback (WASI has no sockets): the
//! mock's routes only (`createMockRouter`), answering each request a node:http server of
//! lib/mock-front.js hands over; the reset faults come back as `reset`, and that server
//! destroys the connection. State, log and faults are the same object either way.

use crate::envelope;
use cake_mock::{
    AnswerBody, BodyStream, FaultKind, FaultRule, MockConfig, MockHandle, MockRouter, Reply,
};
use napi::bindgen_prelude::{Buffer, Either, PromiseRaw};
use napi::{Env, Result};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::Mutex;

#[napi_derive::napi]
pub struct NativeMock {
    handle: MockHandle,
    port: u16,
    #[cfg(not(target_family = "wasm"))]
    server: Option<Arc<cake_mock::BackgroundMock>>,
    router: Option<MockRouter>,
}

fn config(options: &Value) -> std::result::Result<MockConfig, String> {
    let mut config = MockConfig::default();
    if let Some(key) = options.get("api_key").filter(|v| !v.is_null()) {
        config.api_key = key.as_str().ok_or("apiKey: must be a string")?.to_owned();
    }
    if let Some(seed) = options.get("seed").filter(|v| !v.is_null()) {
        config.seed = seed
            .as_u64()
            .ok_or("seed: must be a whole number, 0 or more")?;
    }
    if let Some(port) = options.get("port").filter(|v| !v.is_null()) {
        config.port = port
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .ok_or("port: must be a whole number from 0 to 65535")?;
    }
    Ok(config)
}

fn parsed(options: &str) -> std::result::Result<MockConfig, String> {
    serde_json::from_str::<Value>(options)
        .map_err(|_| "options: must be JSON".to_owned())
        .and_then(|options| config(&options))
}

/// Starts a mock on 127.0.0.1 (`{api_key, seed, port}`, all optional), or gives the reason
/// it could not start.
#[cfg(not(target_family = "wasm"))]
#[napi_derive::napi]
pub fn start_mock(options: String) -> Either<NativeMock, String> {
    let started = parsed(&options)
        .and_then(|config| cake_mock::BackgroundMock::start(config).map_err(|e| e.to_string()));
    match started {
        Ok(mock) => Either::A(NativeMock {
            handle: (*mock).clone(),
            port: mock.addr().port(),
            server: Some(Arc::new(mock)),
            router: None,
        }),
        Err(message) => Either::B(message),
    }
}

/// The mock's routes without a server (`{api_key, seed, port}`, checked as `startMock` checks
/// them; `port` is where the caller's server is to listen), or the reason they are refused.
#[napi_derive::napi]
pub fn create_mock_router(options: String) -> Either<NativeMock, String> {
    match parsed(&options) {
        Ok(config) => {
            let router = MockRouter::new(&config);
            Either::A(NativeMock {
                handle: router.handle().clone(),
                port: config.port,
                #[cfg(not(target_family = "wasm"))]
                server: None,
                router: Some(router),
            })
        }
        Err(message) => Either::B(message),
    }
}

/// The mock's fault kinds, by name, in its own order (`FaultKind::ALL`): what
/// `MockServer.faultKinds` lists and the `FaultKind` type of index.d.ts is generated from.
#[napi_derive::napi]
pub fn mock_fault_kinds() -> Vec<String> {
    FaultKind::ALL
        .iter()
        .map(|kind| kind.name().to_owned())
        .collect()
}

/// `{"ok": value}` or `{"error": message}` for the mock's fallible controls.
fn outcome(result: std::result::Result<Value, String>) -> String {
    match result {
        Ok(value) => envelope::ok(value),
        Err(message) => json!({ "error": message }).to_string(),
    }
}

/// One request's answer for the caller's server: `reset` (destroy the connection without
/// answering), or status, headers (flat: name, value, name, value...) and a body given whole
/// (`body`) or to be pulled chunk by chunk (`stream`: the endless body).
#[napi_derive::napi(object, object_from_js = false)]
pub struct MockAnswer {
    pub reset: bool,
    pub status: u32,
    pub headers: Vec<String>,
    pub body: Option<Buffer>,
    pub stream: Option<MockBody>,
}

/// A body pulled chunk by chunk, never held whole.
#[napi_derive::napi]
pub struct MockBody {
    // Taken (None) once closed or ended: the stream and what it holds are dropped then.
    stream: Arc<Mutex<Option<BodyStream>>>,
}

#[napi_derive::napi]
impl MockBody {
    /// The next chunk, or null at the end (or once closed). Rejects if the body broke off.
    #[napi]
    pub fn next<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Option<Buffer>>> {
        let stream = Arc::clone(&self.stream);
        env.spawn_future(async move {
            let mut stream = stream.lock().await;
            let Some(body) = stream.as_mut() else {
                return Ok(None);
            };
            match body.next_chunk().await {
                Some(Ok(chunk)) => Ok(Some(Buffer::from(chunk.to_vec()))),
                Some(Err(message)) => {
                    *stream = None;
                    Err(napi::Error::from_reason(message))
                }
                None => {
                    *stream = None;
                    Ok(None)
                }
            }
        })
    }

    /// Drops the rest (the client went away). A chunk being read now is dropped with it.
    #[napi]
    pub fn close<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
        let stream = Arc::clone(&self.stream);
        env.spawn_future(async move {
            stream.lock().await.take();
            Ok(())
        })
    }
}

fn answer_of(reply: Reply) -> MockAnswer {
    match reply {
        Reply::Reset => MockAnswer {
            reset: true,
            status: 0,
            headers: Vec::new(),
            body: None,
            stream: None,
        },
        Reply::Answer(answer) => {
            let (body, stream) = match answer.body {
                AnswerBody::Whole(bytes) => (Some(Buffer::from(bytes)), None),
                AnswerBody::Stream(stream) => (
                    None,
                    Some(MockBody {
                        stream: Arc::new(Mutex::new(Some(stream))),
                    }),
                ),
            };
            MockAnswer {
                reset: false,
                status: u32::from(answer.status),
                headers: answer
                    .headers
                    .into_iter()
                    .flat_map(|(name, value)| [name, value])
                    .collect(),
                body,
                stream,
            }
        }
    }
}

#[napi_derive::napi]
impl NativeMock {
    /// The base URL of the mock's own server (`startMock`); empty for routes alone.
    #[napi(getter)]
    pub fn url(&self) -> String {
        #[cfg(not(target_family = "wasm"))]
        if let Some(server) = &self.server {
            return server.url();
        }
        String::new()
    }

    /// The port listened on (`startMock`), or asked for (`createMockRouter`: 0 for any).
    #[napi(getter)]
    pub fn port(&self) -> u32 {
        u32::from(self.port)
    }

    /// The most of a request body worth handing to `answer`: the routes refuse anything
    /// longer, and one byte more tells them it is.
    #[napi(getter)]
    pub fn max_body_bytes(&self) -> u32 {
        u32::try_from(cake_mock::MAX_REQUEST_BODY_BYTES).unwrap_or(u32::MAX)
    }

    #[napi(getter)]
    pub fn api_key(&self) -> String {
        self.handle.api_key().to_owned()
    }

    /// Answers one request through the routes (`createMockRouter`): `target` is the path and
    /// query as sent, `headers` flat (name, value, ...) as received.
    #[napi]
    pub fn answer<'env>(
        &self,
        env: &'env Env,
        method: String,
        target: String,
        headers: Vec<String>,
        body: Buffer,
    ) -> Result<PromiseRaw<'env, MockAnswer>> {
        let router = self.router.clone();
        let body = body.to_vec();
        env.spawn_future(async move {
            let Some(router) = router else {
                return Err(napi::Error::from_reason(
                    "this mock has a server of its own: it answers no request from JS",
                ));
            };
            let headers: Vec<(String, String)> = headers
                .chunks_exact(2)
                .filter_map(|pair| match pair {
                    [name, value] => Some((name.clone(), value.clone())),
                    _ => None,
                })
                .collect();
            Ok(answer_of(
                router.answer(&method, &target, &headers, body).await,
            ))
        })
    }

    /// Clears state, request log and faults.
    #[napi]
    pub fn reset(&self) {
        self.handle.reset();
    }

    /// Adds a fault rule (`{operation, kind, times | probability + seed, delay_ms,
    /// retry_after, row_cap, total_rows, broken_every, in_errors}`); the mock refuses one that
    /// could never mean what it says.
    #[napi]
    pub fn add_fault(&self, rule: String) -> String {
        outcome(
            serde_json::from_str::<FaultRule>(&rule)
                .map_err(|e| format!("not a fault rule: {e}"))
                .and_then(|rule| self.handle.add_fault(rule).map(|()| Value::Null)),
        )
    }

    #[napi]
    pub fn clear_faults(&self) {
        self.handle.clear_faults();
    }

    /// Every rule with how often it fired.
    #[napi]
    pub fn faults(&self) -> String {
        json!(self.handle.fault_stats()).to_string()
    }

    /// The request log (keys masked).
    #[napi]
    pub fn requests(&self) -> String {
        json!(self.handle.requests()).to_string()
    }

    #[napi]
    pub fn state(&self) -> String {
        self.handle.state().to_string()
    }

    /// Seeds entities all-or-nothing; answers the created ones.
    #[napi]
    pub fn seed(&self, data: String) -> String {
        outcome(
            serde_json::from_str::<Value>(&data)
                .map_err(|_| "the seed must be JSON".to_owned())
                .and_then(|data| self.handle.seed(data)),
        )
    }

    /// Stops the mock's own server (in-flight requests get a short grace); later calls, and
    /// routes alone (their server is the caller's), do nothing.
    #[napi]
    pub fn stop<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
        #[cfg(not(target_family = "wasm"))]
        let server = self.server.clone();
        env.spawn_future(async move {
            // Joining the mock's thread blocks: do it off the runtime's workers.
            #[cfg(not(target_family = "wasm"))]
            if let Some(mock) = server {
                let _ = tokio::task::spawn_blocking(move || mock.stop()).await;
            }
            Ok(())
        })
    }
}
