//! Writing JSON text, by hand. `serde_json::json!` turns every value into
//! `to_value(..).unwrap()`, whose `Debug` formatting (serde's error, escaped strings, Unicode
//! tables) is kilobytes of a WebAssembly module for a path that never runs, and serde_json's
//! writer goes through `std::io`; this writer gives the same text in less code. The JS engines
//! (napi, wasm) answer through it, so both write the same bytes.

use crate::issue::Issue;
use serde_json::Value;

/// `value` as compact JSON text, exactly as `serde_json::to_string` writes it.
pub fn write(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

pub fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => out.push_str(number.as_str()),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (at, item) in items.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (at, (name, item)) in map.iter().enumerate() {
                if at > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

/// A string with serde_json's escapes: `"`, `\\`, the short forms of control characters,
/// `\u00XX` for the rest below U+0020; everything else as it is.
pub fn write_string(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        start = at + 1;
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(short);
        }
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}

/// Issues written straight to JSON text, as serde writes them (no map built per issue:
/// validation's hot path).
pub fn write_issues(issues: &[Issue], out: &mut String) {
    out.push('[');
    for (at, issue) in issues.iter().enumerate() {
        out.push_str(if at > 0 {
            ",{\"field\":"
        } else {
            "{\"field\":"
        });
        write_string(&issue.field, out);
        out.push_str(",\"code\":");
        write_string(issue.code.as_str(), out);
        out.push_str(",\"message\":");
        write_string(&issue.message, out);
        out.push_str(",\"severity\":");
        write_string(issue.severity.as_str(), out);
        out.push('}');
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::code;

    #[test]
    fn writes_what_serde_json_writes() {
        let text = r#"{"a":[1,-0,24.00,1e+5,true,false,null,"x\"\\\/\b\f\n\r\t\u0001\u001f\u007f é 😀"],"b":{},"c":[],"":{"d":[[]]}}"#;
        let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        assert!(value.is_object());
        assert_eq!(
            write(&value),
            serde_json::to_string(&value).unwrap_or_default()
        );
        assert_eq!(
            write(&Value::String("\u{7f}\u{0}".into())),
            "\"\u{7f}\\u0000\""
        );
    }

    #[test]
    fn issues_are_written_as_serde_writes_them() {
        let list = [
            Issue::error("payout", code::OUT_OF_RANGE, "must be from 0 to 1000000000"),
            Issue::warning("x\u{1}", code::UNKNOWN_FIELD, "say \"hi\"\n"),
        ];
        for issues in [&list[..], &list[..1], &[]] {
            let mut out = String::new();
            write_issues(issues, &mut out);
            assert_eq!(out, serde_json::to_string(issues).unwrap_or_default());
        }
    }
}
