//! Building the JSON values this crate answers with (no `serde_json::json!`: see core's
//! `json::write`, which writes them).

pub use cake_core::json::{write, write_issues, write_value};
use serde_json::Value;

/// An object of the given entries, in order. (A `Vec`, not an array: one instance of this
/// function instead of one per length.)
#[cfg(any(feature = "wire", test))]
pub fn object(entries: Vec<(&str, Value)>) -> Value {
    let mut map = serde_json::Map::new();
    for (name, value) in entries {
        map.insert(name.to_owned(), value);
    }
    Value::Object(map)
}

pub fn text(text: &str) -> Value {
    Value::String(text.to_owned())
}

pub fn strings(values: &[&str]) -> Value {
    Value::Array(values.iter().map(|v| text(v)).collect())
}

/// Issues as a JSON value (core's writer of them).
#[cfg(any(feature = "client", test))]
pub use cake_core::issue::issues_value as issues;

#[cfg(test)]
mod tests {
    use super::*;
    use cake_core::Issue;

    #[test]
    fn issues_are_written_as_serde_writes_them() {
        let list = [
            Issue::error(
                "payout",
                cake_core::validate::code::OUT_OF_RANGE,
                "must be from 0 to 1000000000",
            ),
            Issue::warning("", cake_core::validate::code::UNKNOWN_FIELD, "say \"hi\"\n"),
        ];
        assert_eq!(
            issues(&list).to_string(),
            serde_json::to_string(&list).unwrap_or_default()
        );
    }

    #[test]
    fn issues_written_directly_are_the_same_text() {
        let list = [
            Issue::error(
                "payout",
                cake_core::validate::code::OUT_OF_RANGE,
                "must be from 0 to 1000000000",
            ),
            Issue::warning(
                "x\u{1}",
                cake_core::validate::code::UNKNOWN_FIELD,
                "say \"hi\"",
            ),
        ];
        for issues in [&list[..], &list[..1], &[]] {
            let mut out = String::new();
            write_issues(issues, &mut out);
            assert_eq!(out, write(&super::issues(issues)));
        }
    }

    #[test]
    fn objects_keep_their_order() {
        let value = object(vec![("b", Value::Null), ("a", text("x"))]);
        assert_eq!(value.to_string(), r#"{"b":null,"a":"x"}"#);
    }
}
