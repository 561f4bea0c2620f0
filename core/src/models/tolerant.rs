//! serde helpers for numbers: read through `serde_json::Value` (so flattened structs work with
//! exact JSON numbers) from a number or a numeric string; write exact JSON numbers.

use crate::money::pad_money;
use crate::money::parse::{decimal_from_value, integer_from_value, number_from_decimal};
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

fn read_int<'de, D: Deserializer<'de>>(value: &Value) -> Result<i64, D::Error> {
    let whole =
        integer_from_value(value).map_err(|_| D::Error::custom("expected a whole number"))?;
    i64::try_from(whole).map_err(|_| D::Error::custom("whole number out of range"))
}

fn read_money<'de, D: Deserializer<'de>>(value: &Value) -> Result<Decimal, D::Error> {
    decimal_from_value(value)
        .map(pad_money)
        .map_err(|_| D::Error::custom("expected a decimal amount"))
}

fn is_absent(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

pub mod int {
    use super::*;

    pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        read_int::<D>(&Value::deserialize(deserializer)?)
    }
}

pub mod opt_int {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if is_absent(&value) {
            return Ok(None);
        }
        read_int::<D>(&value).map(Some)
    }
}

/// A count (clicks, conversions): a whole number, zero when absent.
pub mod count {
    use super::*;

    pub fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if is_absent(&value) {
            return Ok(0);
        }
        let whole = integer_from_value(&value).map_err(|_| D::Error::custom("expected a count"))?;
        u64::try_from(whole).map_err(|_| D::Error::custom("count out of range"))
    }
}

/// Money: read exactly and padded to 2 places; written as an exact JSON number.
pub mod money {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        number_from_decimal(*value).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        read_money::<D>(&Value::deserialize(deserializer)?)
    }
}

pub mod opt_money {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.map(number_from_decimal).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if is_absent(&value) {
            return Ok(None);
        }
        read_money::<D>(&value).map(Some)
    }
}

/// An optional count or offset (`total_rows`, `start_at_row`).
pub mod opt_count {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<u64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u64>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if is_absent(&value) {
            return Ok(None);
        }
        let whole = integer_from_value(&value).map_err(|_| D::Error::custom("expected a count"))?;
        u64::try_from(whole)
            .map(Some)
            .map_err(|_| D::Error::custom("count out of range"))
    }
}
