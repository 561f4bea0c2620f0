//! JS settings to core settings. Reading them under the names a JS caller writes
//! (`timeoutMs`, `maxRetries`, ...), their type checks and the renaming of core's issues are
//! shared with the browser package (crate `cake-js-settings`); the range rules are core's.
//! What is Node's own is here: environment variables and this package's User-Agent.

pub use cake_js_settings::{bulk_options, call_options, operation, pages_ahead};

use crate::transport::{JsTransport, TransportFn};
use cake_core::client::{Client, ClientBuilder, ENV_API_KEY, ENV_BASE_URL};
use cake_core::Error;
use cake_js_settings::Settings;
use serde_json::Value;
use std::sync::Arc;

/// The User-Agent this package sends unless told otherwise.
const USER_AGENT: &str = concat!("cake-sdk-node/", env!("CARGO_PKG_VERSION"));

/// A client from `{baseUrl, apiKey, timeoutMs, maxRetries, deadlineMs, userAgent,
/// allowInsecureHttp}`; unset url and key come from CAKE_BASE_URL / CAKE_API_KEY. Every
/// problem is reported at once, with JS names. `transport`: the JS one (the WebAssembly
/// fallback's only one); without it, core's own.
pub fn client(config: &Value, transport: Option<TransportFn>) -> Result<Client, Error> {
    let mut settings = Settings::new(config);
    let mut builder = settings.shared(ClientBuilder::default().user_agent(USER_AGENT));
    if let Some(key) = settings.text("apiKey") {
        builder = builder.api_key(key);
    }
    if let Some(transport) = transport {
        builder = builder.transport(Arc::new(JsTransport::new(transport)));
    }
    settings.build(from_env(builder, config))
}

/// CAKE_BASE_URL and CAKE_API_KEY as lib/client.js read them from `process.env` when the
/// client was made (`env`): under WASI the module's own environment is a copy made when it
/// loaded, so a variable set or removed since would be missed. Without `env`, the process's.
fn from_env(builder: ClientBuilder, config: &Value) -> ClientBuilder {
    let Some(env) = config.get("env").filter(|env| env.is_object()) else {
        return builder.from_env();
    };
    let var = |name: &str| env.get(name).and_then(Value::as_str).map(str::to_owned);
    builder.from_env_values(var(ENV_BASE_URL), var(ENV_API_KEY))
}
