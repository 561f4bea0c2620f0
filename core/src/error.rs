//! One error type with stable codes. Every binding maps it; none invents its own.
//! Nothing in it can hold the api key: messages come from the server or from us, and the
//! client redacts the key from anything the server echoes.

use crate::issue::Issue;
use crate::operation::Operation;
use std::fmt;
use std::time::Duration;

/// Longest piece of a response body kept in an error.
pub const EXCERPT_LEN: usize = 200;

/// What went wrong, with its data.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// The request has error issues; it was not sent.
    Validation { issues: Vec<Issue> },
    /// CAKE answered, and `request_status` is not "Success".
    Api {
        request_status: String,
        messages: Vec<String>,
    },
    /// HTTP 429 or CAKE's "Restricted"; `retry_after` when the server said.
    RateLimited {
        retry_after: Option<Duration>,
        messages: Vec<String>,
    },
    /// A non-2xx answer.
    HttpStatus { status: u16, body_excerpt: String },
    /// No answer in time (an attempt's timeout or the call's deadline).
    Timeout { message: String },
    /// The connection failed (refused, reset, DNS, TLS).
    Connection { message: String },
    /// The answer is not what the reference describes.
    Decode {
        message: String,
        body_excerpt: String,
    },
    /// A write that may or may not have been applied; it was not repeated.
    UnknownOutcome {
        message: String,
        cause: Box<ErrorKind>,
    },
}

/// How a call went: the last HTTP status, attempts made, time spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Meta {
    pub operation: Option<Operation>,
    pub status: Option<u16>,
    pub attempts: u32,
    pub elapsed: Duration,
}

/// The one error of this SDK.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub meta: Meta,
}

impl ErrorKind {
    /// The stable code: `validation`, `api`, `rate_limited`, `http_status`, `timeout`,
    /// `connection`, `decode`, `unknown_outcome`.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Validation { .. } => "validation",
            ErrorKind::Api { .. } => "api",
            ErrorKind::RateLimited { .. } => "rate_limited",
            ErrorKind::HttpStatus { .. } => "http_status",
            ErrorKind::Timeout { .. } => "timeout",
            ErrorKind::Connection { .. } => "connection",
            ErrorKind::Decode { .. } => "decode",
            ErrorKind::UnknownOutcome { .. } => "unknown_outcome",
        }
    }

    fn describe(&self) -> String {
        match self {
            ErrorKind::Validation { issues } => {
                let errors: Vec<String> = issues
                    .iter()
                    .filter(|i| i.is_error())
                    .map(Issue::to_string)
                    .collect();
                format!("invalid request, not sent: {}", errors.join("; "))
            }
            ErrorKind::Api {
                request_status,
                messages,
            } => {
                format!(
                    "CAKE answered \"{request_status}\": {}",
                    join_or(messages, "no message")
                )
            }
            ErrorKind::RateLimited {
                retry_after,
                messages,
            } => {
                let wait = retry_after
                    .map(|d| format!(" (retry after {} ms)", d.as_millis()))
                    .unwrap_or_default();
                format!(
                    "rate limited{wait}: {}",
                    join_or(messages, "too many requests")
                )
            }
            ErrorKind::HttpStatus {
                status,
                body_excerpt,
            } => format!("HTTP {status}: {body_excerpt}"),
            ErrorKind::Timeout { message } => format!("timed out: {message}"),
            ErrorKind::Connection { message } => format!("connection failed: {message}"),
            ErrorKind::Decode {
                message,
                body_excerpt,
            } => format!("unreadable answer: {message}: {body_excerpt}"),
            ErrorKind::UnknownOutcome { message, cause } => {
                format!(
                    "outcome unknown, not repeated: {message} ({})",
                    cause.describe()
                )
            }
        }
    }

    /// A validation error: the request was never sent.
    pub fn is_validation(&self) -> bool {
        matches!(self, ErrorKind::Validation { .. })
    }
}

fn join_or(messages: &[String], fallback: &str) -> String {
    if messages.is_empty() {
        fallback.to_owned()
    } else {
        messages.join("; ")
    }
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            meta: Meta::default(),
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn validation(issues: Vec<Issue>) -> Self {
        Error::new(ErrorKind::Validation { issues })
    }

    pub fn decode(message: impl Into<String>, body: &[u8]) -> Self {
        Error::new(ErrorKind::Decode {
            message: message.into(),
            body_excerpt: excerpt(body),
        })
    }

    /// The issues of a validation error (empty for any other).
    pub fn issues(&self) -> &[Issue] {
        match &self.kind {
            ErrorKind::Validation { issues } => issues,
            _ => &[],
        }
    }

    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta = meta;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.meta.operation {
            Some(op) => write!(f, "{op}: {}", self.kind.describe()),
            None => f.write_str(&self.kind.describe()),
        }
    }
}

impl std::error::Error for Error {}

/// The first [`EXCERPT_LEN`] characters of a body, on one line, control characters dropped.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut last_space = true;
    for c in text.chars() {
        if out.chars().count() >= EXCERPT_LEN {
            out.push('…');
            break;
        }
        if c.is_whitespace() || c.is_control() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim_end().to_owned()
}

impl Meta {
    /// `{operation, status, attempts, elapsed_ms}`, the same in every binding.
    pub fn to_json(&self) -> serde_json::Value {
        // Built by hand, not with `json!`: its `to_value(..).unwrap()` per field type is
        // code the browser module would carry for nothing.
        let mut out = serde_json::Map::new();
        out.insert("operation".into(), self.operation.map(|o| o.id()).into());
        out.insert("status".into(), self.status.into());
        out.insert("attempts".into(), self.attempts.into());
        let elapsed = u64::try_from(self.elapsed.as_millis()).unwrap_or(u64::MAX);
        out.insert("elapsed_ms".into(), elapsed.into());
        serde_json::Value::Object(out)
    }
}

impl Error {
    /// The error as data, the same in every binding: `code`, `message`, `operation`,
    /// `attempts`, `elapsed_ms`, `status`, and the kind's own fields (`issues`,
    /// `request_status`, `messages`, `retry_after_ms`, `body_excerpt`, `cause`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        out.insert("code".into(), self.code().into());
        out.insert("message".into(), self.to_string().into());
        if let serde_json::Value::Object(meta) = self.meta.to_json() {
            out.extend(meta);
        }
        kind_fields(&self.kind, &mut out);
        serde_json::Value::Object(out)
    }
}

fn kind_fields(kind: &ErrorKind, out: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    let texts =
        |list: &[String]| Value::Array(list.iter().map(|m| Value::from(m.as_str())).collect());
    match kind {
        ErrorKind::Validation { issues } => {
            out.insert("issues".into(), crate::issue::issues_value(issues));
        }
        ErrorKind::Api {
            request_status,
            messages,
        } => {
            out.insert("request_status".into(), request_status.clone().into());
            out.insert("messages".into(), texts(messages));
        }
        ErrorKind::RateLimited {
            retry_after,
            messages,
        } => {
            let ms = retry_after.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
            out.insert("retry_after_ms".into(), ms.into());
            out.insert("messages".into(), texts(messages));
        }
        ErrorKind::HttpStatus {
            status,
            body_excerpt,
        } => {
            out.insert("status".into(), (*status).into());
            out.insert("body_excerpt".into(), body_excerpt.clone().into());
        }
        ErrorKind::Decode { body_excerpt, .. } => {
            out.insert("body_excerpt".into(), body_excerpt.clone().into());
        }
        ErrorKind::Timeout { .. } | ErrorKind::Connection { .. } => {}
        ErrorKind::UnknownOutcome { cause, .. } => {
            out.insert("cause".into(), cause.code().into());
            kind_fields(cause, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_short_and_one_line() {
        let body = format!("<html>\n<body>{}</body>", "x".repeat(500));
        let short = excerpt(body.as_bytes());
        assert!(!short.contains('\n'));
        assert_eq!(short.chars().count(), EXCERPT_LEN + 1);
    }

    #[test]
    fn display_names_operation_and_code_data() {
        let error = Error::new(ErrorKind::HttpStatus {
            status: 503,
            body_excerpt: "busy".into(),
        })
        .with_meta(Meta {
            operation: Some(Operation::CreateOffer),
            ..Meta::default()
        });
        assert_eq!(error.to_string(), "create_offer: HTTP 503: busy");
        assert_eq!(error.code(), "http_status");
    }
}
