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

macro_rules! issue_codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $konst:ident = $text:literal,)+) => {
        /// The stable issue codes: snake_case on the wire, in every binding and vector.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum IssueCode {
            $($(#[doc = $doc])* $variant,)+
        }

        impl IssueCode {
            /// Every code, in this order (the bindings export this list).
            pub const ALL: &'static [IssueCode] = &[$(IssueCode::$variant),+];

            /// Every code's wire spelling, in the order of `ALL`.
            const TEXTS: &'static [&'static str] = &[$($text),+];

            /// The wire spelling (`"invalid_type"`). A table, not a match: the smaller code in
            /// the browser build, whose size has a budget.
            pub fn as_str(self) -> &'static str {
                Self::TEXTS.get(self as usize).copied().unwrap_or_default()
            }

            /// The code a wire spelling names; `None` for anything else.
            pub fn from_wire(text: &str) -> Option<IssueCode> {
                let at = Self::TEXTS.iter().position(|known| *known == text)?;
                Self::ALL.get(at).copied()
            }
        }

        /// The codes under the names the core's rules use (`code::REQUIRED`).
        pub mod code {
            use super::IssueCode;
            $($(#[doc = $doc])* pub const $konst: IssueCode = IssueCode::$variant;)+
        }
    };
}

issue_codes! {
    Required => REQUIRED = "required",
    InvalidType => INVALID_TYPE = "invalid_type",
    OutOfRange => OUT_OF_RANGE = "out_of_range",
    InvalidEnum => INVALID_ENUM = "invalid_enum",
    TooManyDecimals => TOO_MANY_DECIMALS = "too_many_decimals",
    InvalidUrl => INVALID_URL = "invalid_url",
    InvalidDatetime => INVALID_DATETIME = "invalid_datetime",
    InvalidDate => INVALID_DATE = "invalid_date",
    DateOrder => DATE_ORDER = "date_order",
    NothingToUpdate => NOTHING_TO_UPDATE = "nothing_to_update",
    TooLong => TOO_LONG = "too_long",
    InvalidCharacters => INVALID_CHARACTERS = "invalid_characters",
    NegativeMargin => NEGATIVE_MARGIN = "negative_margin",
    ExpiresInPast => EXPIRES_IN_PAST = "expires_in_past",
    UnknownField => UNKNOWN_FIELD = "unknown_field",
    UnknownOperation => UNKNOWN_OPERATION = "unknown_operation",
    /// Reading an answer: a field that is there but cannot be read as its type; its value is
    /// kept as the server sent it.
    UnreadableValue => UNREADABLE_VALUE = "unreadable_value",
    /// Reading an answer: a list item that is not an object; it is left out.
    UnreadableRow => UNREADABLE_ROW = "unreadable_row",
    /// A report whose rows did not add up to the `total_rows` the server announced.
    TotalRowsMismatch => TOTAL_ROWS_MISMATCH = "total_rows_mismatch",
    /// A client setting: an api key given to a client running in a browser page.
    KeyInBrowser => KEY_IN_BROWSER = "key_in_browser",
    /// A client setting: a plain http:// base URL beyond loopback.
    InsecureUrl => INSECURE_URL = "insecure_url",
    /// Bulk: a write whose outcome was unknown, found applied by reading it back.
    ResolvedByLookup => RESOLVED_BY_LOOKUP = "resolved_by_lookup",
    /// A report's rows asked for a page while closed or already fetching one (browser package).
    PagerBusy => PAGER_BUSY = "pager_busy",
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for IssueCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for IssueCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for IssueCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IssueCode::from_wire(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown issue code {text:?}")))
    }
}

/// A problem with one field (`field` is "" for the request as a whole).
/// The message never repeats the value it is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Issue {
    pub field: String,
    pub code: IssueCode,
    pub message: String,
    pub severity: Severity,
}

impl Issue {
    pub fn error(field: impl Into<String>, code: IssueCode, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            code,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(field: impl Into<String>, code: IssueCode, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(field, code, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `{field, code, message, severity}`, as serde writes it (built by hand: see
    /// [`issues_value`]).
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("field".into(), self.field.as_str().into());
        out.insert("code".into(), self.code.as_str().into());
        out.insert("message".into(), self.message.as_str().into());
        out.insert("severity".into(), self.severity.as_str().into());
        serde_json::Value::Object(out)
    }
}

/// Issues as a JSON array, as serde writes them, without `serde_json::to_value`'s serializer
/// code (the browser module carries none of it).
pub fn issues_value(issues: &[Issue]) -> serde_json::Value {
    serde_json::Value::Array(issues.iter().map(Issue::to_json).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_spelling_and_reads_back() {
        assert_eq!(IssueCode::ALL.len(), IssueCode::TEXTS.len());
        let mut seen = std::collections::BTreeSet::new();
        for code in IssueCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(IssueCode::from_wire(code.as_str()), Some(*code));
            let json = serde_json::to_value(code).map_err(|e| e.to_string());
            assert_eq!(json, Ok(serde_json::Value::String(code.as_str().into())));
            assert!(code
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        assert_eq!(IssueCode::from_wire("requird"), None);
        assert!(serde_json::from_str::<IssueCode>("\"requird\"").is_err());
        assert_eq!(code::REQUIRED, "required");
    }
}
