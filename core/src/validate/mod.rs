//! Validation: every issue of a request, never just the first, never echoing a value.
//!
//! Works on untyped input (a JSON object, as a form or a binding hands it: numbers may be
//! strings, empty strings mean "not given") and on the typed models (through their JSON form),
//! so there is one rule set.

mod check;
mod depth;
pub mod fields;
pub mod issue;
mod rules;
mod url;

pub use depth::{depth_ok, MAX_NESTING};
pub use issue::{code, has_errors, Issue, Severity};

use crate::datetime::CakeDateTime;
use crate::operation::Operation;
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
    check_params(operation, params, CakeDateTime::now_utc()).issues
}

/// [`validate`] for an operation named by its id; an unknown id is one request-level issue.
pub fn validate_by_id(operation: &str, params: &Value) -> Vec<Issue> {
    match Operation::from_id(operation) {
        Some(op) => validate(op, params),
        None => vec![unknown_operation()],
    }
}

/// The issue for an operation id this SDK does not have.
pub fn unknown_operation() -> Issue {
    Issue::error(
        "",
        code::UNKNOWN_OPERATION,
        "is not an operation of this SDK",
    )
}

/// Checks and normalizes `params`, with `now` for the expiry warning.
pub fn check_params(operation: Operation, params: &Value, now: CakeDateTime) -> Checked {
    let Some(raw) = params.as_object() else {
        return Checked {
            issues: vec![Issue::error(
                "",
                code::INVALID_TYPE,
                "parameters must be an object",
            )],
            params: Map::new(),
        };
    };
    let mut checked = Checked::default();
    for field in fields::fields(operation) {
        match check::check(field, raw.get(field.name)) {
            Ok(Some(value)) => {
                checked.params.insert(field.name.to_owned(), value);
            }
            Ok(None) => {}
            Err(issues) => checked.issues.extend(issues),
        }
    }
    rules::apply(operation, raw, &checked.params, now, &mut checked.issues);
    for name in raw.keys().filter(|name| !fields::is_known(operation, name)) {
        let shown: String = name.chars().take(MAX_FIELD_ECHO).collect();
        checked.issues.push(Issue::warning(
            shown,
            code::UNKNOWN_FIELD,
            format!("is not a parameter of {operation}"),
        ));
    }
    checked
}

#[cfg(test)]
mod tests;
