//! Helpers shared by the fuzz targets: turning raw bytes into JSON values that are likely to
//! reach deep into the core (keys the operations know, numbers at the edges of decimal range,
//! text the validators treat specially), so that coverage grows faster than with bytes alone.
//!
//! Input layout of every target: byte 0 picks what is exercised (an operation, a payout function
//! or a mode); the rest is the payload. `seed.py` writes the seed corpora in the same layout.

use arbitrary::{Result, Unstructured};
use serde_json::{Map, Number, Value};
use std::str::FromStr;

/// How deep a generated value may nest. Shallow on purpose: deep nesting is covered by the
/// hostile corpus; here the budget goes into variety.
pub const MAX_DEPTH: u32 = 5;

/// Text the validators and parsers branch on.
const DICTIONARY: &[&str] = &[
    "",
    " ",
    "0",
    "-0",
    "24.00",
    "0.0001",
    "1e3",
    "1000000000",
    "1000000000.01",
    "9007199254740992",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "0.12345678901234567890123456789",
    "NaN",
    "Infinity",
    "active",
    "Active",
    "inactive",
    "pending",
    "suspended",
    "cpa",
    "CPA",
    "cpc",
    "cpm",
    "revshare",
    "percent",
    "all",
    "2026-06-19",
    "2026-02-29",
    "2026-06-19 09:30:00",
    "2026-06-19T09:30:00Z",
    "1999-12-31 23:59:60",
    "https://t.example/c?o={offer_id}&a={aff_id}",
    "http://[::1]:8080/x",
    "https://",
    "javascript:alert(1)",
    "Success",
    "Failure",
    "Restricted",
    "\u{202e}evil\u{202c}",
    "e\u{301}\u{301}\u{301}",
    "\u{1f370}",
    "a\u{0}b",
    "line\nbreak\ttab",
];

/// Any JSON number: an integer, a float, or exact decimal text of any size and exponent
/// (the core keeps numbers as their text, so text is what matters).
pub fn number(u: &mut Unstructured) -> Result<Value> {
    let number = match u.int_in_range(0u8..=3)? {
        0 => Number::from(u.arbitrary::<i64>()?),
        1 => Number::from(u.arbitrary::<u64>()?),
        2 => match Number::from_f64(u.arbitrary::<f64>()?) {
            Some(n) => n,
            None => Number::from(0),
        },
        _ => {
            let negative = u.arbitrary::<bool>()?;
            let whole = u.arbitrary::<u128>()?;
            let fraction: u64 = u.arbitrary::<u64>()?;
            let exponent: i16 = u.arbitrary::<i16>()?;
            let mut text = format!("{}{whole}", if negative { "-" } else { "" });
            if u.arbitrary::<bool>()? {
                text.push_str(&format!(".{fraction}"));
            }
            if u.arbitrary::<bool>()? {
                text.push_str(&format!("e{exponent}"));
            }
            Number::from_str(&text).unwrap_or_else(|_| Number::from(0))
        }
    };
    Ok(Value::Number(number))
}

/// Text: from the dictionary, or arbitrary.
pub fn text(u: &mut Unstructured) -> Result<String> {
    if u.arbitrary::<bool>()? {
        Ok((*u.choose(DICTIONARY)?).to_owned())
    } else {
        u.arbitrary::<String>()
    }
}

/// A key: mostly one of `names` (the parameters the target knows), sometimes anything.
pub fn key(u: &mut Unstructured, names: &[&str]) -> Result<String> {
    if !names.is_empty() && u.ratio(7u8, 8u8)? {
        Ok((*u.choose(names)?).to_owned())
    } else {
        u.arbitrary::<String>()
    }
}

/// Any JSON value, at most `depth` levels deep; object keys are drawn from `names`.
pub fn value(u: &mut Unstructured, names: &[&str], depth: u32) -> Result<Value> {
    let last = if depth == 0 { 4 } else { 6 };
    Ok(match u.int_in_range(0u8..=last)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary::<bool>()?),
        2 => number(u)?,
        3 | 4 => Value::String(text(u)?),
        5 => {
            let len = u.int_in_range(0usize..=4)?;
            let mut items = Vec::with_capacity(len);
            for _ in 0..len {
                items.push(value(u, names, depth - 1)?);
            }
            Value::Array(items)
        }
        _ => object(u, names, depth - 1)?,
    })
}

/// A JSON object whose keys are mostly `names`, values of any kind.
pub fn object(u: &mut Unstructured, names: &[&str], depth: u32) -> Result<Value> {
    let len = u.int_in_range(0usize..=names.len() + 2)?;
    let mut map = Map::new();
    for _ in 0..len {
        let key = key(u, names)?;
        let item = value(u, names, depth)?;
        map.insert(key, item);
    }
    Ok(Value::Object(map))
}

/// The payload as JSON when it is JSON (the seeds are), else a value built from its bytes;
/// mostly an object, since that is what every entry point expects.
pub fn json_or_built(payload: &[u8], names: &[&str]) -> Value {
    if let Ok(parsed) = serde_json::from_slice::<Value>(payload) {
        return parsed;
    }
    let mut u = Unstructured::new(payload);
    let built = if u.ratio(7u8, 8u8).unwrap_or(true) {
        object(&mut u, names, MAX_DEPTH)
    } else {
        value(&mut u, names, MAX_DEPTH)
    };
    built.unwrap_or(Value::Null)
}
