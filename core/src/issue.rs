//! One problem found in a request: which field, a stable code, a human message, a severity.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether an issue blocks the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The request is not sent.
    Error,
    /// Reported to the caller; never blocks.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable issue codes. Bindings, vectors and the mock use these exact strings.
pub mod code {
    pub const REQUIRED: &str = "required";
    pub const INVALID_TYPE: &str = "invalid_type";
    pub const OUT_OF_RANGE: &str = "out_of_range";
    pub const INVALID_ENUM: &str = "invalid_enum";
    pub const TOO_MANY_DECIMALS: &str = "too_many_decimals";
    pub const INVALID_URL: &str = "invalid_url";
    pub const INVALID_DATETIME: &str = "invalid_datetime";
    pub const INVALID_DATE: &str = "invalid_date";
    pub const DATE_ORDER: &str = "date_order";
    pub const NOTHING_TO_UPDATE: &str = "nothing_to_update";
    pub const TOO_LONG: &str = "too_long";
    pub const INVALID_CHARACTERS: &str = "invalid_characters";
    pub const NEGATIVE_MARGIN: &str = "negative_margin";
    pub const EXPIRES_IN_PAST: &str = "expires_in_past";
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    pub const UNKNOWN_OPERATION: &str = "unknown_operation";
    /// Reading an answer: a field that is there but cannot be read as its type; its value is
    /// kept as the server sent it.
    pub const UNREADABLE_VALUE: &str = "unreadable_value";
    /// Reading an answer: a list item that is not an object; it is left out.
    pub const UNREADABLE_ROW: &str = "unreadable_row";
    /// A report whose rows did not add up to the `total_rows` the server announced.
    pub const TOTAL_ROWS_MISMATCH: &str = "total_rows_mismatch";
}

/// A problem with one field (`field` is "" for the request as a whole).
/// The message never repeats the value it is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Issue {
    pub field: String,
    pub code: String,
    pub message: String,
    pub severity: Severity,
}

impl Issue {
    pub fn error(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(field, code, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.field, self.message, self.code)
        }
    }
}

/// True when any issue blocks the request.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(Issue::is_error)
}
