//! Client settings and per-call options, from the JSON the JS layer sends under the names a JS
//! caller writes (`baseUrl`, `timeoutMs`, ...). Reading them, their type checks, core's range
//! rules and the JS names in issues are shared with the Node package (`cake_js_settings`);
//! what is the browser's own is here: `dangerouslyAllowBrowser`, no key meaning the
//! same-origin proxy pattern, and no environment variables.

use super::fetch::FetchTransport;
use crate::envelope;
use cake_core::client::{Client, ClientBuilder};
use cake_core::error::Meta;
use cake_core::{Error, Issue, Operation};
use cake_js_settings::Settings;
use serde_json::Value;
use std::cell::RefCell;
use std::sync::Arc;

pub use cake_js_settings::{bulk_options, operation, pages_ahead};

pub fn invalid(issue: Issue) -> Error {
    Error::validation(vec![issue])
}

/// JSON text from the JS layer, or a validation error naming `field`.
pub fn parse(field: &str, text: &str) -> Result<Value, Error> {
    envelope::parse(field, text).map_err(invalid)
}

/// Builds the client from `{baseUrl, apiKey, timeoutMs, maxRetries, deadlineMs, userAgent,
/// dangerouslyAllowBrowser, allowInsecureHttp}`. No key means the same-origin proxy pattern
/// (`without_api_key`): the proxy adds it server-side.
pub fn client(config: &str) -> Result<Client, Error> {
    let config = parse("config", config)?;
    let mut settings = Settings::new(&config);
    let mut builder = settings.shared(ClientBuilder::default().transport(Arc::new(FetchTransport)));
    builder = match settings.text("apiKey") {
        Some(key) => builder.api_key(key),
        None => builder.without_api_key(),
    };
    let allow_key = settings.flag("dangerouslyAllowBrowser");
    settings.build(builder.dangerously_allow_browser(allow_key))
}

/// The client of a JS `Client`, by its settings' text: built once, then shared by all its
/// calls, so its requests-per-second schedule is one (and no call pays for a build).
fn shared_client(config: &str) -> Result<Client, Error> {
    // A list, not a HashMap: a page has a few clients, and hashing would cost the module
    // 0.7 KB gzip.
    thread_local! {
        static CLIENTS: RefCell<Vec<(String, Client)>> = const { RefCell::new(Vec::new()) };
    }
    /// Distinct settings kept at once; past this the list starts again (a dropped client is
    /// rebuilt on its next call, with a fresh schedule).
    const KEPT: usize = 64;
    let kept = CLIENTS.with(|clients| {
        let clients = clients.borrow();
        clients
            .iter()
            .find(|(text, _)| text == config)
            .map(|(_, client)| client.clone())
    });
    if let Some(client) = kept {
        return Ok(client);
    }
    let client = client(config)?;
    CLIENTS.with(|clients| {
        let mut clients = clients.borrow_mut();
        if clients.len() >= KEPT {
            clients.clear();
        }
        clients.push((config.to_owned(), client.clone()));
    });
    Ok(client)
}

/// The client with a call's `{timeoutMs, maxRetries, deadlineMs}` (parsed `options`) applied.
pub fn client_for_call(config: &str, options: &Value) -> Result<Client, Error> {
    let client = shared_client(config)?;
    Ok(client.with_options(cake_js_settings::call_options(options)?))
}

/// Stamps an error found before sending with the operation it is about, as Node does.
pub fn about(error: Error, operation: Operation) -> Error {
    let meta = Meta {
        operation: Some(operation),
        ..error.meta
    };
    error.with_meta(meta)
}
