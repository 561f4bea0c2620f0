//! Amounts and whole numbers read from borrowed input: the rules of `money::parse` (which reads
//! a `serde_json::Value`), applied to the exact text, with a fast path for the plain digits
//! most values are. The tests below hold both readers to the same answers.

use super::input::{trimmed, Input};
use crate::money::parse::{decimal_from_number_text, decimal_from_text, AmountError};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Most digits a whole number may have to be read without a decimal (u64 holds 19).
const FAST_DIGITS: usize = 18;

/// A JSON number's exact text as a decimal (`1e3` and `2.5E-2` included).
fn decimal_from_number(text: &str) -> Result<Decimal, AmountError> {
    plain_decimal(text).map_or_else(|| decimal_from_number_text(text), Ok)
}

/// A decimal from a JSON number or a plain decimal string (`money::parse::decimal_from_value`).
pub fn decimal_of(input: Input<'_>) -> Result<Decimal, AmountError> {
    match input {
        Input::Number(text) => decimal_from_number(text),
        Input::Text(text) => {
            plain_decimal(trimmed(text)).map_or_else(|| decimal_from_text(text), Ok)
        }
        Input::Null | Input::Other => Err(AmountError::InvalidType),
    }
}

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

/// A whole number from a JSON number (2 and 2.0 alike) or a string of digits
/// (`money::parse::integer_from_value`).
pub fn integer_of(input: Input<'_>) -> Result<i128, AmountError> {
    let decimal = match input {
        Input::Number(text) => {
            if let Some(small) = plain_digits(text) {
                return Ok(small);
            }
            decimal_from_number(text)?
        }
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
    if !decimal.fract().is_zero() {
        return Err(AmountError::InvalidType);
    }
    i128::try_from(decimal.trunc()).map_err(|_| AmountError::OutOfRange)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::parse::{decimal_from_value, integer_from_value};
    use serde_json::Value;

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

    fn number(text: &str) -> Value {
        serde_json::from_str(text).unwrap_or(Value::Null)
    }

    #[test]
    fn numbers_read_as_money_parse_reads_them() {
        for text in TEXTS {
            let value = number(text);
            assert!(value.is_number(), "{text}");
            assert_eq!(
                exact(decimal_of(Input::of(&value))),
                exact(decimal_from_value(&value)),
                "{text}"
            );
            assert_eq!(
                integer_of(Input::of(&value)),
                integer_from_value(&value),
                "{text}"
            );
        }
    }

    #[test]
    fn strings_read_as_money_parse_reads_them() {
        for text in STRINGS.iter().chain(TEXTS) {
            let value = Value::String((*text).to_owned());
            assert_eq!(
                exact(decimal_of(Input::of(&value))),
                exact(decimal_from_value(&value)),
                "{text:?}"
            );
            assert_eq!(
                integer_of(Input::of(&value)),
                integer_from_value(&value),
                "{text:?}"
            );
        }
    }

    #[test]
    fn other_values_are_not_amounts() {
        for input in [Input::Null, Input::Other] {
            assert_eq!(decimal_of(input), Err(AmountError::InvalidType));
            assert_eq!(integer_of(input), Err(AmountError::InvalidType));
        }
        assert_eq!(integer_of(Input::Text("007")), Ok(7));
        assert_eq!(integer_of(Input::Number("2.0")), Ok(2));
    }
}
