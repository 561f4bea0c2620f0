//! The reference's answer envelopes and value forms: `request_status` Success/Failure,
//! money as exact JSON numbers with 2 places, datetimes as `YYYY-MM-DD HH:MM:SS`.

use cake_core::datetime::CakeDateTime;
use cake_core::money::{pad_money, parse::number_from_decimal, round_money};
use cake_core::Decimal;
use serde_json::{Map, Value};

/// An answer's JSON: a value, or text already written (a report page, whose thousands of rows
/// would otherwise be built as values only to be written out again).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Value(Value),
    Written(Vec<u8>),
}

impl Answer {
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Answer::Value(value) => value.to_string().into_bytes(),
            Answer::Written(text) => text,
        }
    }
}

impl From<Value> for Answer {
    fn from(value: Value) -> Self {
        Answer::Value(value)
    }
}

/// A Success answer: `request_status` first, then the given fields.
pub fn success(fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    let mut body = Map::new();
    body.insert("request_status".into(), Value::String("Success".into()));
    body.extend(fields.into_iter().map(|(k, v)| (k.to_owned(), v)));
    Value::Object(body)
}

/// A Failure answer (CAKE sends these with HTTP 200).
pub fn failure(errors: Vec<String>) -> Value {
    let mut body = Map::new();
    body.insert("request_status".into(), Value::String("Failure".into()));
    body.insert(
        "errors".into(),
        Value::Array(errors.into_iter().map(Value::String).collect()),
    );
    Value::Object(body)
}

/// A stored amount as given, padded to 2 places (7.5 -> 7.50; 4 places stay 4 places).
pub fn money(amount: Decimal) -> Value {
    Value::Number(number_from_decimal(pad_money(amount)))
}

/// A computed amount, rounded half away from zero to the cent.
pub fn rounded_money(amount: Decimal) -> Value {
    Value::Number(number_from_decimal(round_money(amount)))
}

/// The current time in the reference's datetime form.
pub fn now() -> String {
    CakeDateTime::now_utc().to_string()
}

/// Inserts `value` under `key` only when there is one (optional fields are left out).
pub fn put_opt(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_prints_two_places() {
        let amount = Decimal::from_str("24").unwrap_or_default();
        assert_eq!(money(amount).to_string(), "24.00");
        let precise = Decimal::from_str("7.505").unwrap_or_default();
        assert_eq!(money(precise).to_string(), "7.505");
        assert_eq!(rounded_money(precise).to_string(), "7.51");
    }

    #[test]
    fn envelopes() {
        use serde_json::json;
        assert_eq!(
            failure(vec!["x: y".into()]),
            json!({"request_status": "Failure", "errors": ["x: y"]})
        );
        assert_eq!(
            success([("a", Value::Bool(true))]),
            json!({"request_status": "Success", "a": true})
        );
    }
}
