//! Reading amounts and counts from untyped input: JSON numbers (exact text, never f64) or
//! plain decimal strings as forms send them.

use crate::input::trimmed;
use crate::input::Input;
use crate::issue::code;
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
    pub fn code(self) -> crate::issue::IssueCode {
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
    decimal_of(Input::of(value))
}

/// A whole number from a JSON number (2 and 2.0 alike) or a string of digits.
pub fn integer_from_value(value: &Value) -> Result<i128, AmountError> {
    integer_of(Input::of(value))
}

/// [`decimal_from_value`] over a value read in place.
pub fn decimal_of(input: Input<'_>) -> Result<Decimal, AmountError> {
    match input {
        Input::Number(text) => {
            plain_decimal(text).map_or_else(|| decimal_from_number_text(text), Ok)
        }
        Input::Text(text) => {
            plain_decimal(trimmed(text)).map_or_else(|| decimal_from_text(text), Ok)
        }
        Input::Null | Input::Other => Err(AmountError::InvalidType),
    }
}

/// [`integer_from_value`] over a value read in place.
pub fn integer_of(input: Input<'_>) -> Result<i128, AmountError> {
    let decimal = match input {
        Input::Number(text) => match plain_digits(text) {
            Some(small) => return Ok(small),
            None => decimal_from_number_text(text)?,
        },
        Input::Text(text) => {
            let text = trimmed(text);
            if let Some(small) = plain_digits(text) {
                return Ok(small);
            }
            let body = text.strip_prefix(['+', '-']).unwrap_or(text);
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AmountError::InvalidType);
            }
            Decimal::from_str(text).map_err(|_| AmountError::OutOfRange)?
        }
        Input::Null | Input::Other => return Err(AmountError::InvalidType),
    };
    // Whole when truncating changes nothing (`fract` would bring in a subtraction routine).
    if decimal.trunc() != decimal {
        return Err(AmountError::InvalidType);
    }
    i128::try_from(decimal.trunc()).map_err(|_| AmountError::OutOfRange)
}

/// Most digits a whole number may have to be read without a decimal (u64 holds 19).
const FAST_DIGITS: usize = 18;

/// The common case, without `Decimal::from_str`: unsigned `digits[.digits]` with at most 18
/// digits in all, read with the scale it is written with (`24.00` has 2 places).
fn plain_decimal(text: &str) -> Option<Decimal> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.len() + fraction.len() > FAST_DIGITS
        || whole.is_empty()
        || (fraction.is_empty() && whole.len() < text.len())
    {
        return None;
    }
    let digits = whole.bytes().chain(fraction.bytes());
    let mantissa = digits.into_iter().try_fold(0i64, |total, b| {
        b.is_ascii_digit().then(|| total * 10 + i64::from(b - b'0'))
    })?;
    let scale = u32::try_from(fraction.len()).ok()?;
    Decimal::try_new(mantissa, scale).ok()
}

/// The common case, without a decimal: up to 18 ASCII digits (leading zeros allowed).
fn plain_digits(text: &str) -> Option<i128> {
    if text.is_empty() || text.len() > FAST_DIGITS {
        return None;
    }
    text.bytes().try_fold(0i128, |total, b| {
        b.is_ascii_digit()
            .then(|| total * 10 + i128::from(b - b'0'))
    })
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

    /// Every input here is read by both readers and must get the same answer.
    const TEXTS: &[&str] = &[
        "0",
        "-0",
        "1",
        "-1",
        "42",
        "2.0",
        "4.5",
        "-4.5",
        "1e3",
        "1E3",
        "1e+3",
        "2.5E-2",
        "2.5e-2",
        "1e400",
        "1e-400",
        "1E-28",
        "1.00001",
        "0.0001",
        "12.3456789",
        "1000000000",
        "9007199254740991",
        "9007199254740992",
        "999999999999999999",
        "1000000000000000000",
        "123456789012345678901234567890",
        "79228162514264337593543950336",
        "0.1234567890123456789012345678901",
        "0.1234567890123456789012345678",
        "100.5",
        "-9223372036854775808",
    ];

    const STRINGS: &[&str] = &[
        "",
        " ",
        "42",
        " 42 ",
        "007",
        "+5",
        "-3",
        "+",
        "-",
        "4.5",
        "abc",
        "1e3",
        " 7.5 ",
        ".5",
        "5.",
        ".",
        "24.00",
        "0",
        "-0",
        "12.34567",
        "1_000",
        "NaN",
        "Infinity",
        "٣",
        "0x10",
        "123456789012345678",
        "1234567890123456789",
        "123456789012345678901234567890",
        "000000000000000000000001",
        "\t9\n",
        "007.50",
        " 38.45 ",
        "1.2.3",
        "1..2",
        "٣.5",
        "1.x",
        "x.1",
        "0000000000000000000.5",
        "-.5",
        "+.5",
        "5.00000000000000000000000000000",
    ];

    /// A decimal with its scale and sign (`==` on decimals ignores both: 2.0 == 2.00).
    fn exact(read: Result<Decimal, AmountError>) -> Result<(String, u32, bool), AmountError> {
        read.map(|d| (d.to_string(), d.scale(), d.is_sign_negative()))
    }

    /// The fast paths give what the general readers give, wherever they answer.
    #[test]
    fn fast_paths_agree_with_the_general_readers() {
        let mut fast = 0;
        for text in STRINGS.iter().chain(TEXTS) {
            if let Some(quick) = plain_decimal(text) {
                fast += 1;
                assert_eq!(exact(Ok(quick)), exact(decimal_from_text(text)), "{text:?}");
                assert_eq!(
                    exact(Ok(quick)),
                    exact(decimal_from_number_text(text)),
                    "{text:?}"
                );
            }
            if let Some(quick) = plain_digits(text) {
                fast += 1;
                let general = Decimal::from_str(text)
                    .ok()
                    .and_then(|d| i128::try_from(d).ok());
                assert_eq!(Some(quick), general, "{text:?}");
            }
        }
        assert!(fast >= 30, "{fast}");
    }

    #[test]
    fn numbers_and_strings_read_alike_through_values_and_inputs() {
        for text in TEXTS {
            let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            assert!(value.is_number(), "{text}");
            assert_eq!(
                exact(decimal_of(Input::Number(text))),
                exact(decimal_from_value(&value))
            );
            assert_eq!(integer_of(Input::Number(text)), integer_from_value(&value));
        }
        assert_eq!(
            exact(decimal_of(Input::Number("24.00"))),
            Ok(("24.00".into(), 2, false))
        );
        assert_eq!(
            exact(decimal_of(Input::Text(" 007.50 "))),
            Ok(("7.50".into(), 2, false))
        );
        assert_eq!(
            exact(decimal_of(Input::Text("-0"))),
            Ok(("0".into(), 0, false))
        );
        assert_eq!(integer_of(Input::Text("007")), Ok(7));
        assert_eq!(integer_of(Input::Number("2.0")), Ok(2));
        assert_eq!(integer_of(Input::Number("1e3")), Ok(1000));
        assert_eq!(
            integer_of(Input::Text("1e3")),
            Err(AmountError::InvalidType)
        );
        assert_eq!(
            integer_of(Input::Number("4.5")),
            Err(AmountError::InvalidType)
        );
        for input in [Input::Null, Input::Other] {
            assert_eq!(decimal_of(input), Err(AmountError::InvalidType));
            assert_eq!(integer_of(input), Err(AmountError::InvalidType));
        }
    }
}
