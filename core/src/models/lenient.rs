//! Reading a server's answer as far as it can be read (design principle 13): every field of a
//! result model is optional; a field that is missing or null is `None`; a field that is there
//! but cannot be read as its type is `None` too, its value kept as the server sent it under
//! [`UNREADABLE`] in `extra` (`{"unreadable": {"payout": "abc"}}`), with an `unreadable_value`
//! warning naming it (`sub_affiliate_report[3].payout`). The typed field never holds a value
//! of another type, so typed results stay true. Only an answer whose shape is wrong (an entity
//! that is not an object) fails.

use super::object::{Fields, Reader};
use super::Extra;
use crate::datetime::CakeDateTime;
use crate::error::excerpt;
use crate::issue::{code, Issue};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The `extra` entry that holds, by field name, the values a result could not read.
pub const UNREADABLE: &str = "unreadable";

/// `path.name`, or `name` at the top.
pub(crate) fn field_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// One result object's fields, read tolerantly; warnings go to the caller's list.
pub(crate) struct Lenient<'w, F> {
    reader: Reader<F>,
    path: String,
    warnings: &'w mut Vec<Issue>,
    /// Names of the known fields whose values could not be read (kept in `extra`).
    unreadable: Vec<String>,
}

impl<'w, F: Fields> Lenient<'w, F> {
    pub fn new(reader: Reader<F>, path: &str, warnings: &'w mut Vec<Issue>) -> Self {
        Lenient {
            reader,
            path: path.to_owned(),
            warnings,
            unreadable: Vec::new(),
        }
    }

    /// Whether every field read so far was readable.
    pub fn is_clean(&self) -> bool {
        self.unreadable.is_empty()
    }

    /// The value, or `None` with a warning when the field holds something unreadable.
    fn keep<T>(&mut self, name: &str, read: Result<Option<T>, String>) -> Option<T> {
        match read {
            Ok(value) => value,
            Err(why) => {
                // The reader's reasons start with the field's name; the path says it instead.
                let why = why
                    .strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix(": "))
                    .unwrap_or(&why);
                let sent = self
                    .reader
                    .raw(name)
                    .map(|raw| quoted(&raw))
                    .unwrap_or_default();
                self.warnings.push(Issue::warning(
                    field_path(&self.path, name),
                    code::UNREADABLE_VALUE,
                    format!("{why}, got {sent}; kept as sent in {UNREADABLE}.{name}"),
                ));
                self.unreadable.push(name.to_owned());
                None
            }
        }
    }

    pub fn int(&mut self, name: &str) -> Option<i64> {
        let read = self.reader.opt_int(name);
        self.keep(name, read)
    }

    pub fn count(&mut self, name: &str) -> Option<u64> {
        let read = self.reader.opt_count(name);
        self.keep(name, read)
    }

    pub fn money(&mut self, name: &str) -> Option<Decimal> {
        let read = self.reader.opt_money(name);
        self.keep(name, read)
    }

    pub fn string(&mut self, name: &str) -> Option<String> {
        let read = self.reader.opt_string(name);
        self.keep(name, read)
    }

    pub fn datetime(&mut self, name: &str) -> Option<CakeDateTime> {
        let read = self.reader.opt_datetime(name);
        self.keep(name, read)
    }
}

impl<'a, 'w> Lenient<'w, &'a Map<String, Value>> {
    /// An enum from a string or `{id, name}`.
    pub fn enumeration<T>(&mut self, name: &str, parse: fn(&str) -> T) -> Option<T> {
        let read = self.reader.opt_enum(name, parse);
        self.keep(name, read)
    }

    /// A nested result object, read leniently with its own path.
    pub fn object<T>(&mut self, name: &str, read: ReadFn<T>) -> Option<T> {
        let value = self.reader.get(name).filter(|v| !v.is_null())?;
        let path = field_path(&self.path, name);
        let read = read(value, &path, self.warnings).map_err(|why| format!("{name}: {why}"));
        self.keep(name, read.map(Some))
    }

    /// Every field not in `known`, in the order the server sent them, then the known ones
    /// that could not be read, as sent, under [`UNREADABLE`].
    pub fn extra(&self, model: &crate::schema::Model) -> Extra {
        let mut extra = self.reader.extra_where(|name| !model.knows(name));
        if !self.unreadable.is_empty() {
            let raw = self
                .reader
                .extra_where(|name| self.unreadable.iter().any(|u| u == name));
            extra.insert(UNREADABLE.to_owned(), Value::Object(raw));
        }
        extra
    }
}

/// A raw value as a warning quotes it: its JSON, cut short as error excerpts are.
fn quoted(raw: &Value) -> String {
    excerpt(raw.to_string().as_bytes())
}

/// How a result model reads itself from a `Value`: `path` names it in warnings.
pub(crate) type ReadFn<T> = fn(&Value, &str, &mut Vec<Issue>) -> Result<T, String>;

/// A lenient reader over a JSON object; an error when the value is not one.
pub(crate) fn over<'a, 'w>(
    value: &'a Value,
    path: &str,
    warnings: &'w mut Vec<Issue>,
) -> Result<Lenient<'w, &'a Map<String, Value>>, String> {
    Ok(Lenient::new(Reader::new(value)?, path, warnings))
}

/// A list of result objects: an item that is not an object is left out with an
/// `unreadable_row` warning; the list itself must be a list.
pub(crate) fn list<T>(
    value: &Value,
    path: &str,
    warnings: &mut Vec<Issue>,
    read: ReadFn<T>,
) -> Result<Vec<T>, String> {
    let Value::Array(items) = value else {
        return Err("expected a list".to_owned());
    };
    let mut out = Vec::with_capacity(items.len());
    for (at, item) in items.iter().enumerate() {
        let item_path = format!("{path}[{at}]");
        match read(item, &item_path, warnings) {
            Ok(model) => out.push(model),
            Err(why) => warnings.push(Issue::warning(
                item_path,
                code::UNREADABLE_ROW,
                format!("{why}; the row is left out"),
            )),
        }
    }
    Ok(out)
}

/// How many list items [`list`] left out, from its warnings.
pub(crate) fn left_out(warnings: &[Issue]) -> u64 {
    warnings
        .iter()
        .filter(|w| w.code == code::UNREADABLE_ROW)
        .count() as u64
}

/// Reads a whole result with its warnings, for `from_json` (serde), which has nowhere to put
/// them.
pub(crate) fn without_warnings<T>(value: &Value, read: ReadFn<T>) -> Result<T, String> {
    read(value, "", &mut Vec::new())
}
