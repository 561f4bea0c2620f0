//! Bulk writes: core runs them; each item's outcome comes back in input order.

use super::config;
use crate::{envelope, executor};
use cake_core::validate::code;
use cake_core::{Error, Issue};
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn items(text: &str) -> Result<Vec<Value>, Error> {
    match config::parse("items", text)? {
        Value::Array(items) => Ok(items),
        _ => Err(config::invalid(Issue::error(
            "items",
            code::INVALID_TYPE,
            "must be an array of parameter objects",
        ))),
    }
}

/// Starts a bulk run (`options` may hold `concurrency` besides the call options);
/// `on_progress(done, total)` follows along. Output: `{"ok": [outcome...]}`
/// (each `{status, result|issues|error, ...}` as core gives it) or the error.
#[wasm_bindgen]
pub fn bulk(
    config: &str,
    operation_id: &str,
    items_json: &str,
    options: &str,
    on_progress: Option<js_sys::Function>,
) -> u32 {
    let prepared = config::operation(operation_id).and_then(|operation| {
        let ready = config::parse("options", options).and_then(|options| {
            let bulk = config::bulk_options(&options)?;
            let client = config::client_for_call(config, &options)?;
            Ok((client, bulk, items(items_json)?))
        });
        let (client, bulk, items) = ready.map_err(|e| config::about(e, operation))?;
        Ok((client, operation, items, bulk))
    });
    executor::spawn(async move {
        let (client, operation, items, options) = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return envelope::error(&e),
        };
        // The JS layer's progress function never throws (it catches the user's callback).
        let progress = |done: usize, total: usize| {
            if let Some(f) = &on_progress {
                let _ = f.call2(&JsValue::NULL, &JsValue::from(done), &JsValue::from(total));
            }
        };
        match client.bulk(operation, items, options, progress).await {
            Ok(outcomes) => envelope::ok(Value::Array(
                outcomes
                    .iter()
                    .map(|o| o.to_json_as(cake_core::models::MoneyJson::Text))
                    .collect(),
            )),
            Err(e) => envelope::error(&e),
        }
    })
}
