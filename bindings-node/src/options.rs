//! JS settings to core settings. Reading them under the names a JS caller writes
//! (`timeoutMs`, `maxRetries`, ...), their type checks and the renaming of core's issues are
//! shared with the browser package (crate `cake-js-settings`); the range rules are core's.
//! What is Node's own is here: environment variables and this package's User-Agent.

pub use cake_js_settings::{bulk_options, call_options, operation, pages_ahead};

use cake_core::client::{Client, ClientBuilder};
use cake_core::Error;
use cake_js_settings::Settings;
use serde_json::Value;

/// The User-Agent this package sends unless told otherwise.
const USER_AGENT: &str = concat!("cake-sdk-node/", env!("CARGO_PKG_VERSION"));

/// A client from `{baseUrl, apiKey, timeoutMs, maxRetries, deadlineMs, userAgent,
/// allowInsecureHttp}`; unset url and key come from CAKE_BASE_URL / CAKE_API_KEY. Every
/// problem is reported at once, with JS names.
pub fn client(config: &Value) -> Result<Client, Error> {
    let mut settings = Settings::new(config);
    let mut builder = settings.shared(ClientBuilder::default().user_agent(USER_AGENT));
    if let Some(key) = settings.text("apiKey") {
        builder = builder.api_key(key);
    }
    settings.build(builder.from_env())
}
