//! JSON text to a `serde_json::Value`, accepting exactly what `serde_json::from_slice` accepts
//! and giving the same value (exact number text, keys in order, a repeated key's last value
//! at its first place), without serde's `Deserializer`. Why: the deserializer's error paths
//! (`invalid_type` and its `Unexpected`) print floats and `{:?}` strings, which is most of
//! the browser package's size; this reader has no such paths.

use super::lexer::{Fault, Lexer, EOF_VALUE};
use serde_json::{Map, Number, Value};
use std::fmt;
use std::str::FromStr;

/// Why text is not JSON, and where (1-based line and column, as serde_json counts them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSyntaxError {
    pub reason: &'static str,
    pub line: usize,
    pub column: usize,
}

impl JsonSyntaxError {
    pub(crate) fn at(bytes: &[u8], fault: Fault) -> Self {
        let seen = bytes.get(..fault.at).unwrap_or(bytes);
        JsonSyntaxError {
            reason: fault.reason,
            line: 1 + seen.iter().filter(|&&b| b == b'\n').count(),
            column: seen.iter().rev().take_while(|&&b| b != b'\n').count(),
        }
    }
}

impl fmt::Display for JsonSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for JsonSyntaxError {}

/// Reads one JSON value from `bytes` (surrounding whitespace allowed, nothing else).
pub fn read_json(bytes: &[u8]) -> Result<Value, JsonSyntaxError> {
    let mut lexer = Lexer::new(bytes);
    lexer
        .value()
        .and_then(|value| lexer.finish().map(|()| value))
        .map_err(|fault| JsonSyntaxError::at(bytes, fault))
}

impl Lexer<'_> {
    /// The next value, built.
    pub fn value(&mut self) -> Result<Value, Fault> {
        match self.next_token(EOF_VALUE)? {
            b'"' => self.string().map(|text| Value::String(text.into_owned())),
            b'-' | b'0'..=b'9' => {
                let text = self.number()?;
                // serde_json's own number reader, for the same exact text it would keep.
                Number::from_str(text)
                    .map(Value::Number)
                    .map_err(|_| self.fault("invalid number"))
            }
            b'[' => {
                let mut items = Vec::new();
                self.array(|lexer| lexer.value().map(|item| items.push(item)))?;
                Ok(Value::Array(items))
            }
            b'{' => {
                let mut map = Map::new();
                // A repeated name keeps its first place and takes the last value, as serde_json.
                self.object(|lexer, name| {
                    let value = lexer.value()?;
                    map.insert(name.into_owned(), value);
                    Ok(())
                })?;
                Ok(Value::Object(map))
            }
            _ => self
                .literal()
                .map(|word| word.map_or(Value::Null, Value::Bool)),
        }
    }
}

#[cfg(test)]
mod tests;
