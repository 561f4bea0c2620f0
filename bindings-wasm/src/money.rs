//! The payout functions of core, by name, over JSON arguments (amounts as numbers or decimal
//! strings); results are decimal strings. No arithmetic here.

use crate::envelope;
use cake_core::money::call;
use wasm_bindgen::prelude::*;

/// Calls payout function `function` with `args` (JSON text): `{"ok": result}` or
/// `{"error": a validation error holding the one issue}`.
#[wasm_bindgen]
pub fn payout(function: &str, args: &str) -> String {
    match envelope::parse("", args).and_then(|args| call::call(function, &args)) {
        Ok(value) => envelope::ok(value),
        Err(issue) => envelope::issue_error(&issue),
    }
}
