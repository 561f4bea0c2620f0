//! The fetch client: each export checks its input synchronously where it can, then hands a
//! future to the executor and answers its task id; the JS layer awaits the envelope.
//! Each JS `Client`'s core client is built once from its settings' text and kept by that text
//! (`config::client_for_call`), so its calls share one requests-per-second schedule.

mod bulk;
mod config;
mod fetch;
mod pager;

use crate::{envelope, executor, json};
use cake_core::client::Reply;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Checks the settings (what `new Client()` does): `{"ok": base URL as core uses it}` or the
/// validation error.
#[wasm_bindgen]
pub fn client_check(config: &str) -> String {
    envelope::result(config::client(config).map(|client| Value::from(client.base_url())))
}

pub(crate) fn reply_json<T>(reply: &Reply<T>, value: Value) -> Value {
    json::object(vec![
        ("value", value),
        ("warnings", json::issues(&reply.warnings)),
        ("meta", reply.meta.to_json()),
    ])
}

/// Starts `operation` with `params` (JSON text); the task's output is
/// `{"ok": {value, warnings, meta}}` or `{"error": ...}`.
#[wasm_bindgen]
pub fn client_call(config: &str, operation_id: &str, params: &str, options: &str) -> u32 {
    let prepared = config::operation(operation_id).and_then(|operation| {
        let ready = config::parse("options", options)
            .and_then(|options| config::client_for_call(config, &options))
            .and_then(|client| Ok((client, config::parse("", params)?)));
        let (client, params) = ready.map_err(|e| config::about(e, operation))?;
        Ok((client, operation, params))
    });
    executor::spawn(async move {
        let (client, operation, params) = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return envelope::error(&e),
        };
        match client.call(operation, &params).await {
            Ok(reply) => envelope::ok(reply_json(
                &reply,
                reply.value.to_json_as(cake_core::models::MoneyJson::Text),
            )),
            Err(e) => envelope::error(&e),
        }
    })
}
