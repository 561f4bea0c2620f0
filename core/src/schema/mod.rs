//! The one description of CAKE's API this SDK has: for every operation, its parameters (name,
//! kind, required, the reference's default and description) and the model it answers with
//! (fields, types, nesting, descriptions).
//!
//! Everything else is driven by it or generated from it: validation walks
//! [`Operation::params`](crate::Operation), the bindings turn money and dates into native
//! values by [`value_kind`], the models keep unknown fields by [`Model::knows`], and `codegen`
//! writes core's request and result models (`models/generated.rs`) and the Python and
//! TypeScript types from it (`make generate`; `make test` fails when a generated file
//! differs). A new CAKE field is one line here and `make generate`.

/// A description text of the reference: itself with the `descriptions` feature, else "" (so a
/// build that never shows them does not carry them).
macro_rules! text {
    ($text:literal) => {
        if cfg!(feature = "descriptions") {
            $text
        } else {
            ""
        }
    };
}

mod models;
mod operations;
#[cfg(test)]
mod tests;

pub use models::{
    ACCOUNT_MANAGER, AFFILIATE, AFFILIATE_OFFER, MODELS, OFFER, REPORT_METRICS, REPORT_TOTALS,
    SUB_AFFILIATE, SUB_AFFILIATE_REPORT_ROW,
};
pub use operations::{spec, ENUMS, OPERATIONS};

use crate::operation::{Method, Operation};

/// Largest id or count accepted: the largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i128 = 9_007_199_254_740_991;
/// Largest money amount accepted.
pub const MAX_MONEY: i128 = 1_000_000_000;
/// Most decimal places a money amount may have.
pub const MONEY_PLACES: u32 = 4;
pub const MAX_NAME_LEN: usize = 255;
pub const MAX_URL_LEN: usize = 2048;
pub const MAX_TEXT_LEN: usize = 4000;

/// What a parameter holds, and so how it is checked and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An entity id: 1 ..= MAX_SAFE_INTEGER.
    Id,
    /// A whole number within bounds.
    Int {
        min: i128,
        max: i128,
    },
    /// Money: 0 ..= MAX_MONEY, at most 4 places (a percentage where the type says so).
    Money,
    /// A one-line name.
    Name,
    /// Free text (newlines and tabs allowed).
    Text,
    /// An absolute http(s) URL; `tokens` allows CAKE `{token}`s after the host.
    Url {
        tokens: bool,
    },
    Enum(&'static EnumSpec),
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
}

/// A closed set of values the reference lists, with the name the bindings give its type.
#[derive(Debug, PartialEq, Eq)]
pub struct EnumSpec {
    pub name: &'static str,
    pub values: &'static [&'static str],
    /// The enum whose values these are a part of (one type in Rust, a narrower one elsewhere).
    pub within: Option<&'static EnumSpec>,
    pub doc: &'static str,
}

/// One parameter of an operation.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// The reference's default, applied by the server (never sent by this SDK).
    pub default: Option<&'static str>,
    /// The reference's description.
    pub doc: &'static str,
}

/// What a result field holds.
#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    /// A whole number that may be negative (ids).
    Int,
    /// A whole number from 0 (clicks, conversions).
    Count,
    /// Money: exact decimal.
    Money,
    Text,
    /// One of the enum's values, or another the server sent (kept lowercase).
    Enum(&'static EnumSpec),
    DateTime,
    Date,
    /// A nested object.
    Model(&'static Model),
}

#[derive(Debug, Clone, Copy)]
pub struct ModelField {
    pub name: &'static str,
    pub ty: FieldType,
    pub doc: &'static str,
}

/// A result model: every field optional (a server may leave any out), unknown fields kept.
#[derive(Debug)]
pub struct Model {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [ModelField],
}

impl Model {
    /// Whether `name` is one of this model's fields.
    pub fn knows(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.name == name)
    }

    pub fn field(&self, name: &str) -> Option<&'static ModelField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// How an operation's answer carries its result.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// One entity under `key` (`"offer": {...}`).
    One {
        key: &'static str,
        model: &'static Model,
    },
    /// A list of entities under `key`.
    List {
        key: &'static str,
        model: &'static Model,
    },
    /// One page of report rows under `key`, with the server's `total_rows`.
    Report {
        key: &'static str,
        model: &'static Model,
    },
}

impl Answer {
    pub fn model(self) -> &'static Model {
        match self {
            Answer::One { model, .. }
            | Answer::List { model, .. }
            | Answer::Report { model, .. } => model,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Answer::One { key, .. } | Answer::List { key, .. } | Answer::Report { key, .. } => key,
        }
    }
}

/// One operation, as the reference describes it.
#[derive(Debug)]
pub struct OperationSpec {
    pub operation: Operation,
    /// The stable snake_case id (`create_offer`).
    pub id: &'static str,
    pub method: Method,
    /// The path under the instance's base URL, as the reference gives it.
    pub path: &'static str,
    /// The reference's title ("Create Offer").
    pub title: &'static str,
    /// The reference's description of the endpoint.
    pub doc: &'static str,
    /// In the reference's order; `api_key` is not among them.
    pub params: &'static [Param],
    pub answer: Answer,
}

impl OperationSpec {
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// What a named field holds, so a binding can turn JSON into native values with one generic
/// mechanism (Decimal for money, datetime objects for datetimes) instead of a class per model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Money,
    DateTime,
    Date,
}

/// The kind of a parameter or result field, by its name, over the whole description; `None`
/// for ids, counts, text and enums, whose JSON form is already right. (A name means the same
/// thing wherever CAKE uses it; a test holds the description to that.)
pub fn value_kind(field: &str) -> Option<ValueKind> {
    for model in MODELS {
        if let Some(f) = model.field(field) {
            return match f.ty {
                FieldType::Money => Some(ValueKind::Money),
                FieldType::DateTime => Some(ValueKind::DateTime),
                FieldType::Date => Some(ValueKind::Date),
                _ => None,
            };
        }
    }
    OPERATIONS
        .iter()
        .find_map(|op| op.param(field))
        .and_then(|p| match p.kind {
            Kind::Money => Some(ValueKind::Money),
            Kind::DateTime => Some(ValueKind::DateTime),
            Kind::Date => Some(ValueKind::Date),
            _ => None,
        })
}
