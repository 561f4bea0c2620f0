//! The embedded mock server (cake-mock on its own thread and runtime), for users' tests.

use crate::envelope;
use cake_mock::{BackgroundMock, FaultKind, FaultRule, MockConfig};
use napi::bindgen_prelude::{Either, PromiseRaw};
use napi::{Env, Result};
use serde_json::{json, Value};
use std::sync::Arc;

#[napi_derive::napi]
pub struct NativeMock {
    mock: Arc<BackgroundMock>,
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

/// Starts a mock on 127.0.0.1 (`{api_key, seed, port}`, all optional), or gives the reason
/// it could not start.
#[napi_derive::napi]
pub fn start_mock(options: String) -> Either<NativeMock, String> {
    let started = serde_json::from_str::<Value>(&options)
        .map_err(|_| "options: must be JSON".to_owned())
        .and_then(|options| config(&options))
        .and_then(|config| BackgroundMock::start(config).map_err(|e| e.to_string()));
    match started {
        Ok(mock) => Either::A(NativeMock {
            mock: Arc::new(mock),
        }),
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

#[napi_derive::napi]
impl NativeMock {
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.mock.url()
    }

    #[napi(getter)]
    pub fn api_key(&self) -> String {
        self.mock.api_key().to_owned()
    }

    /// Clears state, request log and faults.
    #[napi]
    pub fn reset(&self) {
        self.mock.reset();
    }

    /// Adds a fault rule (`{operation, kind, times | probability + seed, delay_ms,
    /// retry_after, row_cap, total_rows, broken_every, in_errors}`); the mock refuses one that
    /// could never mean what it says.
    #[napi]
    pub fn add_fault(&self, rule: String) -> String {
        outcome(
            serde_json::from_str::<FaultRule>(&rule)
                .map_err(|e| format!("not a fault rule: {e}"))
                .and_then(|rule| self.mock.add_fault(rule).map(|()| Value::Null)),
        )
    }

    #[napi]
    pub fn clear_faults(&self) {
        self.mock.clear_faults();
    }

    /// Every rule with how often it fired.
    #[napi]
    pub fn faults(&self) -> String {
        json!(self.mock.fault_stats()).to_string()
    }

    /// The request log (keys masked).
    #[napi]
    pub fn requests(&self) -> String {
        json!(self.mock.requests()).to_string()
    }

    #[napi]
    pub fn state(&self) -> String {
        self.mock.state().to_string()
    }

    /// Seeds entities all-or-nothing; answers the created ones.
    #[napi]
    pub fn seed(&self, data: String) -> String {
        outcome(
            serde_json::from_str::<Value>(&data)
                .map_err(|_| "the seed must be JSON".to_owned())
                .and_then(|data| self.mock.seed(data)),
        )
    }

    /// Stops the server (in-flight requests get a short grace); later calls do nothing.
    #[napi]
    pub fn stop<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
        let mock = Arc::clone(&self.mock);
        env.spawn_future(async move {
            // Joining the mock's thread blocks: do it off the runtime's workers.
            let _ = tokio::task::spawn_blocking(move || mock.stop()).await;
            Ok(())
        })
    }
}
