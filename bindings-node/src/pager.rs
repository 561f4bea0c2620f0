//! The report pager: each `nextPage` fetches one page; the JS layer turns the pages into an
//! async iterable of rows.

use crate::cancel::{token_of, until_cancelled, CancelToken};
use crate::envelope;
use crate::tracking::InFlight;
use cake_core::client::ReportPager;
use napi::bindgen_prelude::PromiseRaw;
use napi::{Env, Result};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::Mutex;

#[napi_derive::napi]
pub struct NativePager {
    // A page is fetched with the pager locked, so overlapping nextPage calls queue up and
    // no page is fetched twice.
    pager: Arc<Mutex<ReportPager>>,
}

impl NativePager {
    pub fn new(pager: ReportPager) -> Self {
        NativePager {
            pager: Arc::new(Mutex::new(pager)),
        }
    }
}

async fn next_page(pager: Arc<Mutex<ReportPager>>) -> String {
    let mut pager = pager.lock().await;
    let mut answer = match pager.next_page().await {
        Ok(Some(reply)) => {
            let rows = Value::Array(
                reply
                    .value
                    .iter()
                    .map(|row| row.to_json_as(cake_core::models::MoneyJson::Text))
                    .collect(),
            );
            envelope::reply_map(rows, &reply)
        }
        Ok(None) => return envelope::ok(Value::Null),
        Err(error) => return envelope::error(&error),
    };
    answer.insert("total_rows".into(), json!(pager.total_rows()));
    answer.insert("rows_fetched".into(), json!(pager.rows_fetched()));
    answer.insert("done".into(), json!(pager.is_done()));
    envelope::ok(Value::Object(answer))
}

#[napi_derive::napi]
impl NativePager {
    /// `{"ok": {value: rows, warnings, meta, total_rows, rows_fetched, done}}`, `{"ok": null}`
    /// once the report is exhausted, or the error. A failed page is asked for again by the next call.
    #[napi]
    pub fn next_page<'env>(
        &self,
        env: &'env Env,
        cancel: Option<&CancelToken>,
    ) -> Result<PromiseRaw<'env, String>> {
        let pager = Arc::clone(&self.pager);
        let token = token_of(cancel);
        crate::client::settled_later(env, async move {
            let _running = InFlight::enter();
            let answer = until_cancelled(token, Box::pin(next_page(pager))).await;
            answer.unwrap_or_else(envelope::aborted)
        })
    }

    /// Stops the pages fetched ahead (their requests are dropped). Called when the reader
    /// stops early; a page being fetched right now is left to finish.
    #[napi]
    pub fn close(&self) {
        if let Ok(mut pager) = self.pager.try_lock() {
            pager.stop_ahead();
        }
    }
}
