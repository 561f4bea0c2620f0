//! Reading amounts and counts from untyped input: JSON numbers (exact text, never f64) or
//! plain decimal strings as forms send them.

use crate::validate::issue::code;
use rust_decimal::Decimal;
use serde_json::{Number, Value};
use std::str::FromStr;

/// Why a value is not an amount; the caller names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number or a plain decimal string.
    InvalidType,
    /// Too large (or too small) to hold.
    OutOfRange,
    /// More fractional digits than a decimal can hold.
    TooManyDecimals,
}

impl AmountError {
    pub fn code(self) -> &'static str {
        match self {
            AmountError::InvalidType => code::INVALID_TYPE,
            AmountError::OutOfRange => code::OUT_OF_RANGE,
            AmountError::TooManyDecimals => code::TOO_MANY_DECIMALS,
        }
    }
}

/// `[+-]digits[.digits]` with optional surrounding spaces: what a form field may hold.
fn is_plain_decimal(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let has_digit = !whole.is_empty() || fraction.is_some_and(|f| !f.is_empty());
    has_digit && digits(whole) && fraction.is_none_or(digits)
}

/// Parses a plain decimal string exactly, keeping its scale ("24.00" has 2 places).
pub fn decimal_from_text(text: &str) -> Result<Decimal, AmountError> {
    let text = text.trim();
    if !is_plain_decimal(text) {
        return Err(AmountError::InvalidType);
    }
    let fraction_digits = text.split_once('.').map_or(0, |(_, f)| f.len());
    if fraction_digits > 28 {
        return Err(AmountError::TooManyDecimals);
    }
    Decimal::from_str(text).map_err(|_| AmountError::OutOfRange)
}

/// A JSON number as a decimal, from its exact text (`1e3` and `2.5E-2` included).
pub fn decimal_from_number(number: &Number) -> Result<Decimal, AmountError> {
    decimal_from_number_text(number.as_str())
}

/// [`decimal_from_number`] over the number's text. Byte checks, not `str::contains`: the
/// substring search (and its panic formatting) is kilobytes of the browser package.
pub fn decimal_from_number_text(text: &str) -> Result<Decimal, AmountError> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().position(|b| matches!(b, b'e' | b'E')) {
        let negative_exponent = bytes.get(at + 1) == Some(&b'-');
        return Decimal::from_scientific(text).map_err(|_| {
            if negative_exponent {
                AmountError::TooManyDecimals
            } else {
                AmountError::OutOfRange
            }
        });
    }
    decimal_from_text(text)
}

/// A decimal from a JSON number or a plain decimal string.
pub fn decimal_from_value(value: &Value) -> Result<Decimal, AmountError> {
    match value {
        Value::Number(number) => decimal_from_number(number),
        Value::String(text) => decimal_from_text(text),
        _ => Err(AmountError::InvalidType),
    }
}

/// A whole number from a JSON number (2 and 2.0 alike) or a string of digits.
pub fn integer_from_value(value: &Value) -> Result<i128, AmountError> {
    let decimal = match value {
        Value::Number(number) => decimal_from_number(number)?,
        Value::String(text) => {
            let text = text.trim();
            let body = text.strip_prefix(['+', '-']).unwrap_or(text);
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AmountError::InvalidType);
            }
            Decimal::from_str(text).map_err(|_| AmountError::OutOfRange)?
        }
        _ => return Err(AmountError::InvalidType),
    };
    // Whole when truncating changes nothing (`fract` would bring in a subtraction routine).
    if decimal.trunc() != decimal {
        return Err(AmountError::InvalidType);
    }
    i128::try_from(decimal.trunc()).map_err(|_| AmountError::OutOfRange)
}

/// The exact JSON number for a decimal (no float on the way).
pub fn number_from_decimal(decimal: Decimal) -> Number {
    let text = decimal.to_string();
    // A Decimal always prints as a valid JSON number; the fallback is never reached.
    Number::from_str(&text).unwrap_or_else(|_| Number::from(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dec(value: Value) -> Result<String, AmountError> {
        decimal_from_value(&value).map(|d| d.to_string())
    }

    #[test]
    fn numbers_keep_their_written_scale() {
        let value: Value = serde_json::from_str("24.00").unwrap_or(Value::Null);
        assert_eq!(dec(value), Ok("24.00".into()));
        assert_eq!(dec(json!(" 7.5 ")), Ok("7.5".into()));
        assert_eq!(dec(json!("-0")), Ok("0".into()));
        assert_eq!(dec(json!(".5")), Ok("0.5".into()));
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "$24", "abc", "1e3", "", ".", "1.2.3", "--1", "NaN", "Infinity", "1_000",
        ] {
            assert_eq!(dec(json!(bad)), Err(AmountError::InvalidType), "{bad}");
        }
        assert_eq!(dec(json!(true)), Err(AmountError::InvalidType));
        assert_eq!(dec(json!([])), Err(AmountError::InvalidType));
    }

    #[test]
    fn huge_and_tiny_numbers_are_range_errors() {
        let huge: Value = serde_json::from_str("1e308").unwrap_or(Value::Null);
        assert_eq!(dec(huge), Err(AmountError::OutOfRange));
        let tiny: Value = serde_json::from_str("1e-300").unwrap_or(Value::Null);
        assert_eq!(dec(tiny), Err(AmountError::TooManyDecimals));
        assert_eq!(
            dec(json!("123456789012345678901234567890")),
            Err(AmountError::OutOfRange)
        );
        assert_eq!(
            dec(json!("0.123456789012345678901234567890")),
            Err(AmountError::TooManyDecimals)
        );
    }

    #[test]
    fn integers_from_numbers_and_strings() {
        assert_eq!(integer_from_value(&json!(42)), Ok(42));
        assert_eq!(integer_from_value(&json!(" 42 ")), Ok(42));
        let two: Value = serde_json::from_str("2.0").unwrap_or(Value::Null);
        assert_eq!(integer_from_value(&two), Ok(2));
        assert_eq!(
            integer_from_value(&json!(4.5)),
            Err(AmountError::InvalidType)
        );
        assert_eq!(
            integer_from_value(&json!("4.5")),
            Err(AmountError::InvalidType)
        );
        assert_eq!(integer_from_value(&json!("-3")), Ok(-3));
    }
}
