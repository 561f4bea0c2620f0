//! Validation: every issue of a request, never just the first, never echoing a value.
//!
//! Works on untyped input (a JSON object, as a form or a binding hands it: numbers may be
//! strings, empty strings mean "not given") and on the typed models (through their JSON form),
//! so there is one rule set. The checks read parameters in place (`Input`) and allocate only
//! for the issues they report; the normalized parameters a request sends are built only by
//! [`check_params`], so [`validate`] and [`validate_json`] never build them.

mod check;
#[cfg(test)]
mod corpus;
mod depth;
pub mod described;
pub mod fields;
/// Moved to the crate root (`crate::issue`, `crate::input`), re-exported where they were.
pub mod issue {
    pub use crate::issue::*;
}
pub(crate) use crate::input;
mod json_params;
mod rules;
mod url;

pub use crate::input::Input;
pub use crate::issue::{code, has_errors, Issue, IssueCode, Severity};
pub use depth::{depth_ok, MAX_NESTING};
pub use json_params::{validate_json, validate_json_by_id, NotJson};

use crate::datetime::CakeDateTime;
use crate::operation::Operation;
use crate::schema::OperationSpec;
use check::Valid;
use fields::{Field, API_KEY, MAX_FIELDS};
use serde_json::{Map, Value};

/// Longest unknown parameter name repeated in an issue (a hostile key could be megabytes).
const MAX_FIELD_ECHO: usize = 64;

/// The result of checking a request: its issues, and the parameters that passed, normalized
/// (ids as integers, money as exact numbers, enums lowercase, not-given values dropped).
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub issues: Vec<Issue>,
    pub params: Map<String, Value>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        has_errors(&self.issues)
    }

    /// Only the warnings (what a caller gets back beside a result).
    pub fn warnings(&self) -> Vec<Issue> {
        self.issues
            .iter()
            .filter(|i| !i.is_error())
            .cloned()
            .collect()
    }
}

/// Every issue of `params` for `operation`, checked against the current time.
pub fn validate(operation: Operation, params: &Value) -> Vec<Issue> {
    match params.as_object() {
        Some(map) => validate_entries(operation, entries_of(map)),
        None => vec![not_an_object()],
    }
}

/// [`validate`] for an operation named by its id; an unknown id is one request-level issue.
pub fn validate_by_id(operation: &str, params: &Value) -> Vec<Issue> {
    match Operation::from_id(operation) {
        Some(op) => validate(op, params),
        None => vec![unknown_operation()],
    }
}

/// Every issue of a parameter object given as its entries in order, each value read in
/// place: what a binding that does not hold a `serde_json::Value` calls. A name given twice
/// counts once, with its last value (as a JSON object read into a map keeps it).
pub fn validate_entries<'a>(
    operation: Operation,
    entries: impl IntoIterator<Item = (&'a str, Input<'a>)>,
) -> Vec<Issue> {
    let spec = crate::schema::spec(operation);
    check_entries(spec, Some(operation), entries, CakeDateTime::now_utc).0
}

/// The issue for an operation id this SDK does not have.
pub fn unknown_operation() -> Issue {
    Issue::error(
        "",
        code::UNKNOWN_OPERATION,
        "is not an operation of this SDK",
    )
}

fn not_an_object() -> Issue {
    Issue::error("", code::INVALID_TYPE, "parameters must be an object")
}

fn entries_of(map: &Map<String, Value>) -> impl Iterator<Item = (&str, Input<'_>)> {
    map.iter()
        .map(|(name, value)| (name.as_str(), Input::of(value)))
}

/// Checks and normalizes `params`, with `now` for the expiry warning.
pub fn check_params(operation: Operation, params: &Value, now: CakeDateTime) -> Checked {
    let Some(raw) = params.as_object() else {
        return Checked {
            issues: vec![not_an_object()],
            params: Map::new(),
        };
    };
    let spec = crate::schema::spec(operation);
    checked(spec, Some(operation), raw, now)
}

/// Checks and normalizes `params` against any operation's description, field by field (the
/// cross-field rules are code, per operation, so they run only in [`check_params`]): how a
/// parameter added to the description is validated with nothing else written.
pub fn check_described(spec: &OperationSpec, params: &Value, now: CakeDateTime) -> Checked {
    match params.as_object() {
        // The checks keep one slot per parameter in a fixed array (no allocation per request).
        Some(_) if spec.params.len() > MAX_FIELDS => Checked {
            issues: vec![Issue::error(
                "",
                code::OUT_OF_RANGE,
                format!("a description may have at most {MAX_FIELDS} parameters"),
            )],
            params: Map::new(),
        },
        Some(raw) => checked(spec, None, raw, now),
        None => Checked {
            issues: vec![not_an_object()],
            params: Map::new(),
        },
    }
}

fn checked(
    spec: &OperationSpec,
    rules_of: Option<Operation>,
    raw: &Map<String, Value>,
    now: CakeDateTime,
) -> Checked {
    let (issues, valid) = check_entries(spec, rules_of, entries_of(raw), || now);
    let params = spec
        .params
        .iter()
        .zip(valid)
        .filter_map(|(field, valid)| Some((field.name.to_owned(), valid.to_json()?)))
        .collect();
    Checked { issues, params }
}

/// Every check of one request: each parameter in the reference's order, the cross-field
/// rules, then a warning per unknown name. Gives the issues and each parameter's valid value.
fn check_entries<'a>(
    spec: &OperationSpec,
    rules_of: Option<Operation>,
    entries: impl IntoIterator<Item = (&'a str, Input<'a>)>,
    now: impl FnOnce() -> CakeDateTime,
) -> (Vec<Issue>, [Valid<'a>; MAX_FIELDS]) {
    let fields: &[Field] = spec.params;
    let mut given: [Option<Input<'a>>; MAX_FIELDS] = [None; MAX_FIELDS];
    let mut unknown: Vec<&'a str> = Vec::new();
    let mut next = 0;
    for (name, value) in entries {
        match position_from(fields, next, name) {
            Some(at) => {
                if let Some(slot) = given.get_mut(at) {
                    *slot = Some(value);
                }
                next = at + 1;
            }
            None if name == API_KEY => {}
            None => {
                if !unknown.contains(&name) {
                    unknown.push(name);
                }
            }
        }
    }
    let mut issues = Vec::new();
    let mut valid = [Valid::Absent; MAX_FIELDS];
    for ((field, given), valid) in fields.iter().zip(&given).zip(&mut valid) {
        *valid = check::check(field, *given, &mut issues);
    }
    let values = rules::Values {
        fields,
        given: &given,
        valid: &valid,
    };
    if let Some(operation) = rules_of {
        rules::apply(operation, &values, now, &mut issues);
    }
    for name in unknown {
        let shown: String = name.chars().take(MAX_FIELD_ECHO).collect();
        issues.push(Issue::warning(
            shown,
            code::UNKNOWN_FIELD,
            format!("is not a parameter of {}", spec.id),
        ));
    }
    (issues, valid)
}

/// Where `name` is in `fields`, looked for from `start` on, then from the beginning: callers
/// mostly give parameters in the reference's order, so the first comparison usually finds it.
fn position_from(fields: &[Field], start: usize, name: &str) -> Option<usize> {
    let (before, after) = fields.split_at(start.min(fields.len()));
    let found = |part: &[Field]| part.iter().position(|field| field.name == name);
    found(after)
        .map(|at| at + before.len())
        .or_else(|| found(before))
}

#[cfg(test)]
mod tests;
