//! Report pagination: core's `ReportPager` kept in a table between pages, by id.

use super::{config, reply_json};
use crate::{envelope, executor, json};
use cake_core::client::ReportPager;
use cake_core::Operation;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use wasm_bindgen::prelude::*;

thread_local! {
    static PAGERS: RefCell<HashMap<u32, ReportPager>> = RefCell::new(HashMap::new());
    /// Pagers closed while a page was in flight: not put back when it lands.
    static CLOSED: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Validates the report parameters and opens a pager: `{"ok": id}` or the error. `pagesAhead`
/// is checked as in Node, though under wasm core fetches each page when it is asked for.
#[wasm_bindgen]
pub fn pager_open(config: &str, params: &str, options: &str) -> String {
    let opened = config::parse("options", options)
        .and_then(|options| {
            let client = config::client_for_call(config, &options)?;
            let params = config::parse("", params)?;
            config::pages_ahead(client.report_pager_from_params(&params)?, &options)
        })
        .map_err(|e| config::about(e, Operation::SubAffiliateReport));
    match opened {
        Ok(pager) => {
            let id = NEXT_ID.with(|next| {
                let id = next.get();
                next.set(id.wrapping_add(1).max(1));
                id
            });
            PAGERS.with(|pagers| pagers.borrow_mut().insert(id, pager));
            envelope::ok(Value::from(id))
        }
        Err(e) => envelope::error(&e),
    }
}

fn state(pager: &ReportPager) -> Value {
    json::object(vec![
        (
            "total_rows",
            pager.total_rows().map_or(Value::Null, Value::from),
        ),
        ("rows_fetched", Value::from(pager.rows_fetched())),
        ("done", Value::Bool(pager.is_done())),
    ])
}

/// Fetches the next page. Output: `{"ok": {rows, warnings, meta, total_rows, rows_fetched,
/// done}}`, `{"ok": null}` when the report is exhausted, or the error (the pager stays on the
/// same page, so asking again retries it).
#[wasm_bindgen]
pub fn pager_next(id: u32) -> u32 {
    let taken = PAGERS.with(|pagers| pagers.borrow_mut().remove(&id));
    executor::spawn(async move {
        let Some(mut pager) = taken else {
            return envelope::error(&cake_core::Error::validation(vec![
                cake_core::Issue::error(
                    "",
                    cake_core::validate::code::PAGER_BUSY,
                    "this report is closed or already fetching a page",
                ),
            ]));
        };
        let page = pager.next_page().await;
        let output = match &page {
            Ok(Some(reply)) => {
                let rows: Vec<Value> = reply
                    .value
                    .iter()
                    .map(|row| row.to_json_as(cake_core::models::MoneyJson::Text))
                    .collect();
                let mut page = reply_json(reply, Value::Array(rows));
                if let (Value::Object(page), Value::Object(state)) = (&mut page, state(&pager)) {
                    page.extend(state);
                }
                envelope::ok(page)
            }
            Ok(None) => envelope::ok(Value::Null),
            Err(e) => envelope::error(e),
        };
        let closed = CLOSED.with(|closed| closed.borrow_mut().remove(&id));
        if !closed {
            PAGERS.with(|pagers| pagers.borrow_mut().insert(id, pager));
        }
        output
    })
}

/// Forgets a pager (the iteration ended or was abandoned).
#[wasm_bindgen]
pub fn pager_close(id: u32) {
    let removed = PAGERS.with(|pagers| pagers.borrow_mut().remove(&id));
    if removed.is_none() {
        // A page is in flight: drop the pager when it lands.
        CLOSED.with(|closed| closed.borrow_mut().insert(id));
    }
}

/// Open pagers (tests check that iteration cleans up).
#[wasm_bindgen]
pub fn pager_count() -> usize {
    PAGERS.with(|pagers| pagers.borrow().len())
}
