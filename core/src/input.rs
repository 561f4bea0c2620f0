//! What the checks read of one parameter value: its JSON kind, and for numbers and text their
//! exact text, borrowed. Arrays, objects and booleans are given but never a valid value of any
//! parameter, so their contents are not looked at. Borrowing lets validation run on a
//! `serde_json::Value` and on JSON text read in place (see `json_params`) alike, with no copy.

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<'a> {
    Null,
    /// A JSON number's exact text (`24.00`, `1e3`): never through a float.
    Number(&'a str),
    Text(&'a str),
    /// A boolean, array or object.
    Other,
}

impl<'a> Input<'a> {
    pub fn of(value: &'a Value) -> Self {
        match value {
            Value::Null => Input::Null,
            Value::Number(number) => Input::Number(number.as_str()),
            Value::String(text) => Input::Text(text),
            Value::Bool(_) | Value::Array(_) | Value::Object(_) => Input::Other,
        }
    }

    /// Given unless null, or text that is empty or blank.
    pub fn is_given(self) -> bool {
        match self {
            Input::Null => false,
            Input::Text(text) => !trimmed(text).is_empty(),
            Input::Number(_) | Input::Other => true,
        }
    }

    pub fn as_text(self) -> Option<&'a str> {
        match self {
            Input::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// `str::trim`, without its Unicode scan when the text starts and ends with a printable
/// ASCII character (no whitespace to remove), as most parameter values do.
pub fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_keep_their_text_and_blank_text_is_not_given() {
        let exact: Value = serde_json::from_str("24.00").unwrap_or(Value::Null);
        assert_eq!(Input::of(&exact), Input::Number("24.00"));
        assert_eq!(Input::of(&json!([1])), Input::Other);
        assert_eq!(Input::of(&json!(false)), Input::Other);
        assert!(!Input::of(&json!(" \t")).is_given());
        assert!(!Input::Null.is_given());
        assert!(Input::of(&json!({})).is_given());
        assert!(Input::of(&json!(" x ")).is_given());
        assert_eq!(Input::of(&json!("x")).as_text(), Some("x"));
        assert_eq!(Input::Number("1").as_text(), None);
    }

    #[test]
    fn trimmed_is_str_trim() {
        for text in [
            "",
            " ",
            "x",
            " x",
            "x ",
            "\tx\n",
            "\u{a0}x\u{2003}",
            "é",
            " é ",
            "\u{85}",
            "a b",
            "\u{0}x",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }
}
