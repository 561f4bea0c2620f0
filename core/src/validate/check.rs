//! Checks one parameter against its kind. A passing value comes back as what it means (a whole
//! number, an exact amount, a known enum value, a real date), borrowed or `Copy`, so checking
//! allocates nothing; an issue (and its message) is only built for a value that fails.
//! `Valid::to_json` writes the normalized form the client sends.

use super::fields::{
    Field, Kind, MAX_MONEY, MAX_NAME_LEN, MAX_SAFE_INTEGER, MAX_TEXT_LEN, MAX_URL_LEN, MONEY_PLACES,
};
use super::url::is_valid_url;
use crate::datetime::{CakeDate, CakeDateTime};
use crate::input::{trimmed, Input};
use crate::issue::{code, Issue, IssueCode};
use crate::money::parse::{decimal_of, integer_of};
use crate::money::parse::{number_from_decimal, AmountError};
use rust_decimal::Decimal;
use serde_json::{Number, Value};

/// A parameter that passed its check, or was not given (`Absent`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Valid<'a> {
    Absent,
    Whole(i64),
    Amount(Decimal),
    /// Names and URLs trimmed; free text as given.
    Text(&'a str),
    /// The reference's lowercase spelling.
    Enum(&'static str),
    DateTime(CakeDateTime),
    Date(CakeDate),
}

impl Valid<'_> {
    /// The normalized JSON value: ids and counts as integers, money as exact numbers, enums
    /// lowercase, dates in the reference's form; `None` when not given.
    pub fn to_json(self) -> Option<Value> {
        Some(match self {
            Valid::Absent => return None,
            Valid::Whole(n) => Value::Number(Number::from(n)),
            Valid::Amount(amount) => Value::Number(number_from_decimal(amount)),
            Valid::Text(text) => Value::String(text.to_owned()),
            Valid::Enum(text) => Value::String(text.to_owned()),
            Valid::DateTime(moment) => Value::String(moment.to_string()),
            Valid::Date(date) => Value::String(date.to_string()),
        })
    }
}

/// Checks `value` (`None`: the parameter is absent) and returns what it holds; on failure the
/// issues are pushed (text can break two rules at once: too long and with control characters)
/// and the parameter counts as `Absent`.
pub fn check<'a>(field: &Field, value: Option<Input<'a>>, issues: &mut Vec<Issue>) -> Valid<'a> {
    let Some(value) = value.filter(|v| v.is_given()) else {
        if field.required {
            issues.push(required(field));
        }
        return Valid::Absent;
    };
    match field.kind {
        Kind::Name => text(field, value, MAX_NAME_LEN, Controls::Reject, issues),
        Kind::Text => text(
            field,
            value,
            MAX_TEXT_LEN,
            Controls::AllowLineBreaks,
            issues,
        ),
        _ => check_given(field, value).unwrap_or_else(|issue| {
            issues.push(issue);
            Valid::Absent
        }),
    }
}

/// The kinds that fail with one issue at most.
fn check_given<'a>(field: &Field, value: Input<'a>) -> Result<Valid<'a>, Issue> {
    match field.kind {
        Kind::Id => whole(field, value, 1, MAX_SAFE_INTEGER),
        Kind::Int { min, max } => whole(field, value, min, max),
        Kind::Money => money(value)
            .map(Valid::Amount)
            .map_err(|c| error(field, c, money_message(c))),
        Kind::Url { tokens } => url(field, value, tokens),
        Kind::Enum(spec) => {
            let allowed = spec.values;
            let raw = value.as_text().ok_or_else(|| must_be_text(field))?;
            let raw = trimmed(raw);
            // `allowed` is lowercase ASCII, so this is "lowercased, it is one of them".
            match allowed.iter().find(|a| a.eq_ignore_ascii_case(raw)) {
                Some(known) => Ok(Valid::Enum(known)),
                None => Err(error(
                    field,
                    code::INVALID_ENUM,
                    format!("must be one of: {}", allowed.join(", ")),
                )),
            }
        }
        Kind::DateTime => {
            let raw = value.as_text().ok_or_else(|| must_be_text(field))?;
            CakeDateTime::parse_strict(trimmed(raw))
                .map(Valid::DateTime)
                .ok_or_else(|| {
                    error(
                        field,
                        code::INVALID_DATETIME,
                        "must be a real date and time as YYYY-MM-DD HH:MM:SS".into(),
                    )
                })
        }
        Kind::Date => {
            let raw = value.as_text().ok_or_else(|| must_be_text(field))?;
            CakeDate::parse_strict(trimmed(raw))
                .map(Valid::Date)
                .ok_or_else(|| {
                    error(
                        field,
                        code::INVALID_DATE,
                        "must be a real date as YYYY-MM-DD".into(),
                    )
                })
        }
        // Text is checked by `check` itself.
        Kind::Name | Kind::Text => Ok(Valid::Text(value.as_text().unwrap_or_default())),
    }
}

fn error(field: &Field, code: IssueCode, message: String) -> Issue {
    Issue::error(field.name, code, message)
}

fn required(field: &Field) -> Issue {
    Issue::error(field.name, code::REQUIRED, "is required")
}

fn must_be_text(field: &Field) -> Issue {
    Issue::error(field.name, code::INVALID_TYPE, "must be text")
}

fn whole<'a>(field: &Field, value: Input<'_>, min: i128, max: i128) -> Result<Valid<'a>, Issue> {
    let number = integer_of(value).map_err(|e| match e {
        AmountError::InvalidType => code::INVALID_TYPE,
        _ => code::OUT_OF_RANGE,
    });
    let in_range = number.and_then(|n| {
        // In range means it fits an i64.
        (min..=max)
            .contains(&n)
            .then(|| i64::try_from(n).ok())
            .flatten()
            .ok_or(code::OUT_OF_RANGE)
    });
    in_range
        .map(Valid::Whole)
        .map_err(|c| error(field, c, range_message(min, max)))
}

fn money(value: Input<'_>) -> Result<Decimal, IssueCode> {
    let amount = decimal_of(value).map_err(AmountError::code)?;
    if amount.scale() > MONEY_PLACES {
        return Err(code::TOO_MANY_DECIMALS);
    }
    // At most 4 places: the limit scaled to the amount's places is exact in an i128.
    let limit = MAX_MONEY * 10i128.pow(amount.scale());
    if amount.mantissa() < 0 || amount.mantissa() > limit {
        return Err(code::OUT_OF_RANGE);
    }
    Ok(amount)
}

fn url<'a>(field: &Field, value: Input<'a>, tokens: bool) -> Result<Valid<'a>, Issue> {
    // A control character in a URL makes it an invalid URL, not bad text.
    let candidate = value.as_text().ok_or_else(|| {
        error(
            field,
            code::INVALID_TYPE,
            text_message(code::INVALID_TYPE, MAX_URL_LEN),
        )
    })?;
    let candidate = trimmed(candidate);
    if longer_than(candidate, MAX_URL_LEN) {
        return Err(error(
            field,
            code::TOO_LONG,
            text_message(code::TOO_LONG, MAX_URL_LEN),
        ));
    }
    if is_valid_url(candidate, tokens) {
        Ok(Valid::Text(candidate))
    } else {
        Err(error(field, code::INVALID_URL, url_message(tokens)))
    }
}

/// Which control characters text may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Controls {
    Reject,
    /// Free text keeps its line breaks and tabs (and is not trimmed).
    AllowLineBreaks,
}

/// Text checks of a given value: type, length in characters, control characters.
fn text<'a>(
    field: &Field,
    value: Input<'a>,
    max_len: usize,
    controls: Controls,
    issues: &mut Vec<Issue>,
) -> Valid<'a> {
    let Some(raw) = value.as_text() else {
        issues.push(must_be_text(field));
        return Valid::Absent;
    };
    let kept = match controls {
        Controls::AllowLineBreaks => raw,
        Controls::Reject => trimmed(raw),
    };
    let too_long = longer_than(kept, max_len);
    let allowed =
        |c: char| controls == Controls::AllowLineBreaks && matches!(c, '\n' | '\r' | '\t');
    // Printable ASCII (most text) holds no control character; anything else is looked at.
    let printable = kept.bytes().all(|b| (0x20..0x7f).contains(&b));
    let bad_characters = !printable && kept.chars().any(|c| c.is_control() && !allowed(c));
    if !too_long && !bad_characters {
        return Valid::Text(kept);
    }
    for (broken, c) in [
        (too_long, code::TOO_LONG),
        (bad_characters, code::INVALID_CHARACTERS),
    ] {
        if broken {
            issues.push(error(field, c, text_message(c, max_len)));
        }
    }
    Valid::Absent
}

/// More than `max` characters (a byte count at most `max` needs no counting).
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

fn range_message(min: i128, max: i128) -> String {
    if max == MAX_SAFE_INTEGER {
        format!("must be a whole number of at least {min}")
    } else {
        format!("must be a whole number from {min} to {max}")
    }
}

fn money_message(code: IssueCode) -> String {
    match code {
        code::TOO_MANY_DECIMALS => format!("must have at most {MONEY_PLACES} decimal places"),
        code::OUT_OF_RANGE => format!("must be from 0 to {MAX_MONEY}"),
        _ => "must be a decimal amount (a number or a decimal string)".into(),
    }
}

fn text_message(code: IssueCode, max_len: usize) -> String {
    match code {
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
