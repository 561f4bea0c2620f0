//! The one shape every native answer has, so the JS layer decodes all of them alike:
//! `{"ok": value, ...}` or `{"error": core_error_json}` (or `{"aborted": true}`).

#[cfg(feature = "client")]
use cake_core::client::Reply;
use cake_core::validate::Issue;
use cake_core::Error;
#[cfg(feature = "client")]
use serde_json::Map;
use serde_json::{json, Value};

/// A success: the value, plus anything else the JS side should see beside it.
pub fn ok(value: Value) -> String {
    json!({ "ok": value }).to_string()
}

/// `{value, warnings, meta}`: a reply as both engines give it (an object to add to).
#[cfg(feature = "client")]
pub fn reply_map<T>(value: Value, reply: &Reply<T>) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("value".into(), value);
    out.insert("warnings".into(), json!(reply.warnings));
    out.insert("meta".into(), reply.meta.to_json());
    out
}

/// `{"ok": {value, warnings, meta}}`.
#[cfg(feature = "client")]
pub fn reply_of<T>(value: Value, reply: &Reply<T>) -> String {
    ok(Value::Object(reply_map(value, reply)))
}

pub fn error(error: &Error) -> String {
    json!({ "error": error.to_json() }).to_string()
}

/// The call was cancelled through its token; the JS side rejects with the signal's reason.
#[cfg(feature = "client")]
pub fn aborted() -> String {
    json!({ "aborted": true }).to_string()
}

/// Parses JSON the JS layer produced. What it cannot write as JSON (a cycle, nesting deeper
/// than serde_json's limit of 128, a throwing toJSON) arrives as non-JSON and is reported as a
/// validation issue: on the request as a whole (field "") for parameters, else on `name`.
#[cfg(feature = "client")]
pub fn parse(text: &str, name: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|_| Error::validation(vec![unreadable(name)]))
}

/// The issue for JSON text that cannot be read (see [`parse`]): core's, on `name`.
pub fn unreadable(name: &str) -> Issue {
    Issue {
        field: name.to_owned(),
        ..cake_core::validate::described::not_json()
    }
}

/// [`parse`] for an operation's parameters.
#[cfg(feature = "client")]
pub fn params(text: &str) -> Result<Value, Error> {
    parse(text, "")
}
