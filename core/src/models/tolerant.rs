//! Tolerant reading of one JSON value: numbers or numeric strings, blank strings as absent.
//! Money is exact (never f64) and padded to 2 places.

use crate::money::pad_money;
use crate::money::parse::{decimal_from_value, integer_from_value};
use rust_decimal::Decimal;
use serde_json::Value;

/// Not given: null, or a string that is empty or blank.
pub(crate) fn is_absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

pub(crate) fn read_int(value: &Value) -> Result<i64, &'static str> {
    let whole = integer_from_value(value).map_err(|_| "expected a whole number")?;
    i64::try_from(whole).map_err(|_| "whole number out of range")
}

pub(crate) fn read_money(value: &Value) -> Result<Decimal, &'static str> {
    decimal_from_value(value)
        .map(pad_money)
        .map_err(|_| "expected a decimal amount")
}

/// A count (clicks, conversions, rows): a whole number of zero or more.
pub(crate) fn read_count(value: &Value) -> Result<u64, &'static str> {
    let whole = integer_from_value(value).map_err(|_| "expected a count")?;
    u64::try_from(whole).map_err(|_| "count out of range")
}
