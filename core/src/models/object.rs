//! Reading and writing one model as a JSON object, a typed field at a time; the generated
//! models (`generated.rs`) call these for each of their fields. serde's derive would do the
//! same in far more code (with `flatten`, every field is buffered through serde's private
//! content type, and every type error can print floats): see docs/ARCHITECTURE.md for the
//! measured cost in the browser package.
//!
//! Reading keeps serde's rules for the models: a required field must be there, an optional
//! one may be missing or null, a wrong type is an error; unknown fields go to `extra` in order.
//! Writing leaves out the optional fields that are `None` and writes `extra` last.

use super::tolerant::{read_int, read_money, read_opt_count};
use super::Extra;
use crate::datetime::{CakeDate, CakeDateTime};
use crate::input::Input;
use crate::money::parse::number_from_decimal;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// Where a model's fields are read from, by name: a JSON object held as a `Value`, or the
/// entries of one read in place from the text (see `endpoint::report_page`).
pub(crate) trait Fields {
    /// The field's value as given; `None` when it is missing.
    fn input(&self, name: &str) -> Option<Input<'_>>;

    /// The field's value as a `Value`, for quoting it (`None` where the source has none).
    fn raw(&self, name: &str) -> Option<Value>;
}

impl Fields for &Map<String, Value> {
    fn input(&self, name: &str) -> Option<Input<'_>> {
        self.get(name).map(Input::of)
    }

    fn raw(&self, name: &str) -> Option<Value> {
        self.get(name).cloned()
    }
}

/// The fields of one JSON object, read by name.
pub(crate) struct Reader<F> {
    fields: F,
}

fn wrong(name: &str, why: &str) -> String {
    format!("{name}: {why}")
}

fn missing(name: &str) -> String {
    format!("missing field `{name}`")
}

/// The scalar fields, whatever holds them: one set of rules for both sources.
impl<F: Fields> Reader<F> {
    pub fn over(fields: F) -> Self {
        Reader { fields }
    }

    /// The field's value as a `Value`, where the source can give one.
    pub fn raw(&self, name: &str) -> Option<Value> {
        self.fields.raw(name)
    }

    fn required(&self, name: &str) -> Result<Input<'_>, String> {
        self.fields.input(name).ok_or_else(|| missing(name))
    }

    /// The value of an optional field; missing and null are both `None`.
    fn optional(&self, name: &str) -> Option<Input<'_>> {
        self.fields
            .input(name)
            .filter(|input| *input != Input::Null)
    }

    /// The value of a tolerant optional field: blank text counts as not given too.
    fn given(&self, name: &str) -> Option<Input<'_>> {
        self.fields.input(name).filter(|input| input.is_given())
    }

    pub fn int(&self, name: &str) -> Result<i64, String> {
        read_int(self.required(name)?).map_err(|why| wrong(name, why))
    }

    pub fn opt_int(&self, name: &str) -> Result<Option<i64>, String> {
        self.given(name)
            .map(|input| read_int(input).map_err(|why| wrong(name, why)))
            .transpose()
    }

    pub fn opt_count(&self, name: &str) -> Result<Option<u64>, String> {
        match self.fields.input(name) {
            Some(input) => read_opt_count(input).map_err(|why| wrong(name, why)),
            None => Ok(None),
        }
    }

    pub fn money(&self, name: &str) -> Result<Decimal, String> {
        read_money(self.required(name)?).map_err(|why| wrong(name, why))
    }

    pub fn opt_money(&self, name: &str) -> Result<Option<Decimal>, String> {
        self.given(name)
            .map(|input| read_money(input).map_err(|why| wrong(name, why)))
            .transpose()
    }

    pub fn string(&self, name: &str) -> Result<String, String> {
        text(name, self.required(name)?).map(str::to_owned)
    }

    /// Optional text: kept as given (an empty string stays empty).
    pub fn opt_string(&self, name: &str) -> Result<Option<String>, String> {
        self.optional(name)
            .map(|input| text(name, input).map(str::to_owned))
            .transpose()
    }

    pub fn opt_datetime(&self, name: &str) -> Result<Option<CakeDateTime>, String> {
        self.optional(name)
            .map(|input| {
                CakeDateTime::parse_lenient(text(name, input)?)
                    .ok_or_else(|| wrong(name, "not a datetime in a known format"))
            })
            .transpose()
    }

    pub fn date(&self, name: &str) -> Result<CakeDate, String> {
        CakeDate::parse_lenient(text(name, self.required(name)?)?)
            .ok_or_else(|| wrong(name, "not a date in a known format"))
    }
}

/// What only a `Value` can hold: enums as `{id, name}`, nested models, lists, extra fields.
impl<'a> Reader<&'a Map<String, Value>> {
    pub fn new(value: &'a Value) -> Result<Self, String> {
        match value {
            Value::Object(map) => Ok(Reader { fields: map }),
            _ => Err("expected an object".to_owned()),
        }
    }

    /// `required` and `optional` of the scalar fields, for what only a `Value` holds.
    fn required_value(&self, name: &str) -> Result<&'a Value, String> {
        self.fields.get(name).ok_or_else(|| missing(name))
    }

    fn optional_value(&self, name: &str) -> Option<&'a Value> {
        self.fields.get(name).filter(|value| !value.is_null())
    }

    /// A required enum, from a string or a `{id, name}` object.
    pub fn enumeration<T>(&self, name: &str, parse: fn(&str) -> T) -> Result<T, String> {
        enum_value(name, self.required_value(name)?, parse)
    }

    pub fn opt_enum<T>(&self, name: &str, parse: fn(&str) -> T) -> Result<Option<T>, String> {
        self.optional_value(name)
            .map(|value| enum_value(name, value, parse))
            .transpose()
    }

    /// Every field whose name `keep` accepts, in the order given.
    pub fn extra_where(&self, keep: impl Fn(&str) -> bool) -> Extra {
        self.fields
            .iter()
            .filter(|(name, _)| keep(name))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }

    /// A field's value as given (null included).
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.fields.get(name)
    }
}

fn text<'v>(name: &str, input: Input<'v>) -> Result<&'v str, String> {
    input
        .as_text()
        .ok_or_else(|| wrong(name, "expected a string"))
}

fn enum_value<T>(name: &str, value: &Value, parse: fn(&str) -> T) -> Result<T, String> {
    crate::enums::enum_text(value)
        .map(parse)
        .ok_or_else(|| wrong(name, "expected a string or {id, name}"))
}

/// How a result's money is written: an exact JSON number (Rust, Python: read into a decimal
/// type) or a decimal string with the same digits (JavaScript, whose numbers are doubles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyJson {
    #[default]
    Number,
    Text,
}

/// A model's JSON object, written field by field.
#[derive(Default)]
pub(crate) struct Writer {
    map: Map<String, Value>,
    money: MoneyJson,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    /// A writer whose money is written as `money` says.
    pub fn with_money(money: MoneyJson) -> Self {
        Writer {
            map: Map::new(),
            money,
        }
    }

    fn money_value(&self, value: Decimal) -> Value {
        match self.money {
            MoneyJson::Number => Value::Number(number_from_decimal(value)),
            MoneyJson::Text => Value::String(value.to_string()),
        }
    }

    pub fn value(&mut self, name: &str, value: Value) -> &mut Self {
        self.map.insert(name.to_owned(), value);
        self
    }

    pub fn opt_value(&mut self, name: &str, value: Option<Value>) -> &mut Self {
        if let Some(value) = value {
            self.value(name, value);
        }
        self
    }

    pub fn int(&mut self, name: &str, value: i64) -> &mut Self {
        self.value(name, Value::Number(value.into()))
    }

    pub fn opt_int(&mut self, name: &str, value: Option<i64>) -> &mut Self {
        self.opt_value(name, value.map(|v| Value::Number(v.into())))
    }

    pub fn opt_count(&mut self, name: &str, value: Option<u64>) -> &mut Self {
        self.opt_value(name, value.map(|v| Value::Number(v.into())))
    }

    /// Money exactly: a JSON number, or its digits as a string (see [`MoneyJson`]).
    pub fn money(&mut self, name: &str, value: Decimal) -> &mut Self {
        let value = self.money_value(value);
        self.value(name, value)
    }

    pub fn opt_money(&mut self, name: &str, value: Option<Decimal>) -> &mut Self {
        let value = value.map(|v| self.money_value(v));
        self.opt_value(name, value)
    }

    pub fn string(&mut self, name: &str, value: &str) -> &mut Self {
        self.value(name, Value::String(value.to_owned()))
    }

    /// Optional text: strings, enums (`as_str`) and datetimes (`to_string`).
    pub fn opt_string(&mut self, name: &str, value: Option<impl ToString>) -> &mut Self {
        self.opt_value(name, value.map(|v| Value::String(v.to_string())))
    }

    pub fn extra(&mut self, extra: &Extra) -> &mut Self {
        for (name, value) in extra {
            self.map.insert(name.clone(), value.clone());
        }
        self
    }

    pub fn finish(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.map))
    }
}

/// `Serialize` and `Deserialize` through the hand-written `to_json` / `from_json`, so serde
/// users (and the `Endpoint` bound) keep working with one implementation of the rules.
macro_rules! serde_through_json {
    ($($model:ty),+ $(,)?) => {$(
        impl serde::Serialize for $model {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.to_json(), serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$model>::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    )+};
}
pub(crate) use serde_through_json;

#[cfg(test)]
mod tests;
