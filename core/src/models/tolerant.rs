//! Tolerant reading of one JSON value: numbers or numeric strings, blank strings as absent.
//! Money is exact (never f64) and padded to 2 places. Over `Input`, so a value held in a
//! `serde_json::Value` and one read in place from JSON text are read by the same rules.

use crate::input::Input;
use crate::money::pad_money;
use crate::money::parse::{decimal_of, integer_of};
use rust_decimal::Decimal;

pub(crate) fn read_int(input: Input<'_>) -> Result<i64, &'static str> {
    let whole = integer_of(input).map_err(|_| "expected a whole number")?;
    i64::try_from(whole).map_err(|_| "whole number out of range")
}

pub(crate) fn read_money(input: Input<'_>) -> Result<Decimal, &'static str> {
    decimal_of(input)
        .map(pad_money)
        .map_err(|_| "expected a decimal amount")
}

/// A count (clicks, conversions, rows): a whole number of zero or more.
pub(crate) fn read_count(input: Input<'_>) -> Result<u64, &'static str> {
    let whole = integer_of(input).map_err(|_| "expected a count")?;
    u64::try_from(whole).map_err(|_| "count out of range")
}

/// A count where one is given: `None` for null or blank text.
pub(crate) fn read_opt_count(input: Input<'_>) -> Result<Option<u64>, &'static str> {
    if input.is_given() {
        read_count(input).map(Some)
    } else {
        Ok(None)
    }
}
