//! Checks one parameter against its kind and gives back its normalized value: ids and counts
//! as JSON integers, money as exact JSON numbers, enums lowercase, text trimmed.

use super::fields::{
    Field, Kind, MAX_MONEY, MAX_NAME_LEN, MAX_SAFE_INTEGER, MAX_TEXT_LEN, MAX_URL_LEN, MONEY_PLACES,
};
use super::issue::{code, Issue};
use super::url::is_valid_url;
use crate::datetime::{CakeDate, CakeDateTime};
use crate::models::enums::enum_text;
use crate::money::parse::{
    decimal_from_value, integer_from_value, number_from_decimal, AmountError,
};
use rust_decimal::Decimal;
use serde_json::{Number, Value};

/// A value counts as given unless it is null, or a string that is empty or blank.
pub fn is_given(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(text) => !text.trim().is_empty(),
        _ => true,
    }
}

/// `Ok(None)` when the parameter is not given (and optional); `Ok(Some(v))` normalized.
/// Text can break two rules at once (too long and with control characters): both are reported.
pub fn check(field: &Field, value: Option<&Value>) -> Result<Option<Value>, Vec<Issue>> {
    let text_issues = |codes: Vec<&'static str>, max_len: usize| -> Vec<Issue> {
        codes
            .into_iter()
            .map(|c| Issue::error(field.name, c, text_message(c, max_len)))
            .collect()
    };
    match field.kind {
        Kind::Name => {
            return text(value, field, MAX_NAME_LEN, Controls::Reject)
                .map_err(|c| text_issues(c, MAX_NAME_LEN))
        }
        Kind::Text => {
            return text(value, field, MAX_TEXT_LEN, Controls::AllowLineBreaks)
                .map_err(|c| text_issues(c, MAX_TEXT_LEN))
        }
        _ => {}
    }
    check_one(field, value).map_err(|issue| vec![issue])
}

fn check_one(field: &Field, value: Option<&Value>) -> Result<Option<Value>, Issue> {
    let Some(value) = value.filter(|v| is_given(v)) else {
        return if field.required {
            Err(required(field))
        } else {
            Ok(None)
        };
    };
    let error = |code: &str, message: String| Issue::error(field.name, code, message);
    match field.kind {
        Kind::Id => whole(value, 1, MAX_SAFE_INTEGER)
            .map_err(|c| error(c, range_message(1, MAX_SAFE_INTEGER))),
        Kind::Int { min, max } => {
            whole(value, min, max).map_err(|c| error(c, range_message(min, max)))
        }
        Kind::Money => money(value)
            .map(Value::Number)
            .map_err(|c| error(c, money_message(c))),
        // Text is checked by `check` itself.
        Kind::Name | Kind::Text => Ok(value.clone()),
        Kind::Url { tokens } => {
            // A control character in a URL makes it an invalid URL, not bad text.
            let url = text(Some(value), field, MAX_URL_LEN, Controls::Ignore)
                .map_err(|c| {
                    c.first().map_or_else(
                        || required(field),
                        |c| error(c, text_message(c, MAX_URL_LEN)),
                    )
                })?
                .unwrap_or_default();
            match url.as_str() {
                Some(candidate) if is_valid_url(candidate, tokens) => Ok(url),
                _ => Err(error(code::INVALID_URL, url_message(tokens))),
            }
        }
        Kind::Enum(allowed) => {
            let raw = enum_text(value)
                .filter(|_| value.is_string())
                .ok_or_else(|| error(code::INVALID_TYPE, "must be text".into()))?;
            let lower = raw.trim().to_ascii_lowercase();
            if allowed.contains(&lower.as_str()) {
                Ok(Value::String(lower))
            } else {
                Err(error(
                    code::INVALID_ENUM,
                    format!("must be one of: {}", allowed.join(", ")),
                ))
            }
        }
        Kind::DateTime => {
            let raw = value
                .as_str()
                .ok_or_else(|| error(code::INVALID_TYPE, "must be text".into()))?;
            CakeDateTime::parse_strict(raw.trim())
                .map(|dt| Value::String(dt.to_string()))
                .ok_or_else(|| {
                    error(
                        code::INVALID_DATETIME,
                        "must be a real date and time as YYYY-MM-DD HH:MM:SS".into(),
                    )
                })
        }
        Kind::Date => {
            let raw = value
                .as_str()
                .ok_or_else(|| error(code::INVALID_TYPE, "must be text".into()))?;
            CakeDate::parse_strict(raw.trim())
                .map(|d| Value::String(d.to_string()))
                .ok_or_else(|| {
                    error(
                        code::INVALID_DATE,
                        "must be a real date as YYYY-MM-DD".into(),
                    )
                })
        }
    }
    .map(Some)
}

fn whole(value: &Value, min: i128, max: i128) -> Result<Value, &'static str> {
    let number = integer_from_value(value).map_err(|e| match e {
        AmountError::InvalidType => code::INVALID_TYPE,
        _ => code::OUT_OF_RANGE,
    })?;
    if !(min..=max).contains(&number) {
        return Err(code::OUT_OF_RANGE);
    }
    // In range means it fits an i64.
    i64::try_from(number)
        .map(|n| Value::Number(Number::from(n)))
        .map_err(|_| code::OUT_OF_RANGE)
}

fn money(value: &Value) -> Result<Number, &'static str> {
    let amount = decimal_from_value(value).map_err(AmountError::code)?;
    if amount.scale() > MONEY_PLACES {
        return Err(code::TOO_MANY_DECIMALS);
    }
    if amount.is_sign_negative() && !amount.is_zero() || amount > Decimal::from(MAX_MONEY) {
        return Err(code::OUT_OF_RANGE);
    }
    Ok(number_from_decimal(amount))
}

/// A money value already checked by [`check`], read back as a decimal.
pub fn money_of(value: &Value) -> Option<Decimal> {
    decimal_from_value(value).ok()
}

fn required(field: &Field) -> Issue {
    Issue::error(field.name, code::REQUIRED, "is required")
}

/// Which control characters text may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Controls {
    Reject,
    /// Free text keeps its line breaks and tabs (and is not trimmed).
    AllowLineBreaks,
    /// Left to a later check.
    Ignore,
}

/// Text checks; an empty error list means "required and not given".
fn text(
    value: Option<&Value>,
    field: &Field,
    max_len: usize,
    controls: Controls,
) -> Result<Option<Value>, Vec<&'static str>> {
    let Some(value) = value.filter(|v| is_given(v)) else {
        return if field.required {
            Err(vec![code::REQUIRED])
        } else {
            Ok(None)
        };
    };
    let raw = value.as_str().ok_or_else(|| vec![code::INVALID_TYPE])?;
    let kept = if controls == Controls::AllowLineBreaks {
        raw
    } else {
        raw.trim()
    };
    let mut codes = Vec::new();
    if kept.chars().count() > max_len {
        codes.push(code::TOO_LONG);
    }
    let allowed = |c: char| match controls {
        Controls::Reject => false,
        Controls::AllowLineBreaks => matches!(c, '\n' | '\r' | '\t'),
        Controls::Ignore => true,
    };
    if kept.chars().any(|c| c.is_control() && !allowed(c)) {
        codes.push(code::INVALID_CHARACTERS);
    }
    if codes.is_empty() {
        Ok(Some(Value::String(kept.to_owned())))
    } else {
        Err(codes)
    }
}

fn range_message(min: i128, max: i128) -> String {
    if max == MAX_SAFE_INTEGER {
        format!("must be a whole number of at least {min}")
    } else {
        format!("must be a whole number from {min} to {max}")
    }
}

fn money_message(code: &str) -> String {
    match code {
        code::TOO_MANY_DECIMALS => format!("must have at most {MONEY_PLACES} decimal places"),
        code::OUT_OF_RANGE => format!("must be from 0 to {MAX_MONEY}"),
        _ => "must be a decimal amount (a number or a decimal string)".into(),
    }
}

fn text_message(code: &str, max_len: usize) -> String {
    match code {
        code::REQUIRED => "is required".into(),
        code::TOO_LONG => format!("must be at most {max_len} characters"),
        code::INVALID_CHARACTERS => "must not contain control characters".into(),
        _ => "must be text".into(),
    }
}

fn url_message(tokens: bool) -> String {
    if tokens {
        "must be an absolute http(s) URL; CAKE tokens such as {offer_id} are allowed".into()
    } else {
        "must be an absolute http(s) URL".into()
    }
}
