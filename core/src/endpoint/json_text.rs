//! JSON text to a `serde_json::Value`, accepting exactly what `serde_json::from_slice` accepts
//! and giving the same value (exact number text, keys in order, a repeated key's last value
//! at its first place), without serde's `Deserializer`. Why: the deserializer's error paths
//! (`invalid_type` and its `Unexpected`) print floats and `{:?}` strings, which is most of
//! the browser package's size; this reader has no such paths.

use serde_json::{Map, Number, Value};
use std::fmt;
use std::str::FromStr;

/// serde_json's default nesting limit: deeper input is an error, as there.
const MAX_DEPTH: usize = 128;

/// Why text is not JSON, and where (1-based line and column, as serde_json counts them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSyntaxError {
    pub reason: &'static str,
    pub line: usize,
    pub column: usize,
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
    let mut reader = Reader { bytes, at: 0 };
    let value = reader.value(MAX_DEPTH)?;
    reader.skip_whitespace();
    if reader.at < bytes.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, reason: &'static str) -> JsonSyntaxError {
        let seen = &self.bytes[..self.at.min(self.bytes.len())];
        let line = 1 + seen.iter().filter(|&&b| b == b'\n').count();
        let column = seen.iter().rev().take_while(|&&b| b != b'\n').count();
        JsonSyntaxError {
            reason,
            line,
            column,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next non-whitespace byte, not consumed.
    fn next_token(&mut self, eof: &'static str) -> Result<u8, JsonSyntaxError> {
        self.skip_whitespace();
        self.peek().ok_or_else(|| self.error(eof))
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonSyntaxError> {
        match self.next_token("EOF while parsing a value")? {
            b'n' => self.literal(b"null", Value::Null),
            b't' => self.literal(b"true", Value::Bool(true)),
            b'f' => self.literal(b"false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'[' => self.nested(depth, Self::array),
            b'{' => self.nested(depth, Self::object),
            _ => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        depth: usize,
        read: impl FnOnce(&mut Self, usize) -> Result<Value, JsonSyntaxError>,
    ) -> Result<Value, JsonSyntaxError> {
        let depth = depth
            .checked_sub(1)
            .filter(|d| *d > 0)
            .ok_or_else(|| self.error("recursion limit exceeded"))?;
        self.at += 1;
        read(self, depth)
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, JsonSyntaxError> {
        for expected in word {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b == *expected => self.at += 1,
                Some(_) => {
                    self.at += 1;
                    return Err(self.error("expected ident"));
                }
            }
        }
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonSyntaxError> {
        let mut items = Vec::new();
        if self.next_token("EOF while parsing a list")? == b']' {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            match self.next_token("EOF while parsing a list")? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonSyntaxError> {
        let mut map = Map::new();
        // A repeated name keeps its first place and takes the last value, as serde_json.
        self.entries(depth, |name, value| {
            map.insert(name, value);
        })?;
        Ok(Value::Object(map))
    }

    /// An object's entries, in order, the `{` consumed.
    fn entries(
        &mut self,
        depth: usize,
        mut entry: impl FnMut(String, Value),
    ) -> Result<(), JsonSyntaxError> {
        if self.next_token("EOF while parsing an object")? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            if self.next_token("EOF while parsing an object")? != b'"' {
                return Err(self.error("key must be a string"));
            }
            let key = self.string()?;
            if self.next_token("EOF while parsing an object")? != b':' {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            let value = self.value(depth)?;
            entry(key, value);
            match self.next_token("EOF while parsing an object")? {
                b',' => {
                    self.at += 1;
                    if self.next_token("EOF while parsing a value")? == b'}' {
                        return Err(self.error("trailing comma"));
                    }
                }
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// A string, the opening quote not yet consumed.
    fn string(&mut self) -> Result<String, JsonSyntaxError> {
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            // The run up to the next quote, backslash or control character, in one step.
            let rest = self.bytes.get(self.at..).unwrap_or_default();
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            out.extend_from_slice(rest.get(..run).unwrap_or_default());
            self.at += run;
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(out)
                        .map_err(|_| self.error("invalid unicode code point"));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    self.at += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// One escape, the backslash consumed.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), JsonSyntaxError> {
        let Some(byte) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let plain = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error("invalid escape")),
        };
        out.push(plain);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonSyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(byte) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.at += 1;
            let digit = char::from(byte)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + digit;
        }
        Ok(n)
    }

    /// `\uXXXX`, `u` consumed: a character, or a surrogate pair; a lone surrogate is an error.
    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), JsonSyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            0xD800..=0xDBFF => {
                match (self.peek(), self.bytes.get(self.at + 1)) {
                    (None, _) => return Err(self.error("EOF while parsing a string")),
                    (Some(b'\\'), Some(b'u')) => self.at += 2,
                    (Some(b'\\'), None) => {
                        self.at += 1;
                        return Err(self.error("EOF while parsing a string"));
                    }
                    (Some(b'\\'), Some(_)) => {
                        self.at += 2;
                        return Err(self.error("unexpected end of hex escape"));
                    }
                    (Some(_), _) => {
                        self.at += 1;
                        return Err(self.error("unexpected end of hex escape"));
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x1_0000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as its exact text.
    fn number(&mut self) -> Result<Number, JsonSyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => {
                self.at += 1;
                return Err(self.error("invalid number"));
            }
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.digits() {
                return Err(match self.peek() {
                    Some(_) => self.error("invalid number"),
                    None => self.error("EOF while parsing a value"),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !self.digits() {
                self.at += 1;
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at])
            .map_err(|_| self.error("invalid number"))?;
        // serde_json's own number reader, for the same exact text it would keep.
        Number::from_str(text).map_err(|_| self.error("invalid number"))
    }

    /// Consumes `[0-9]*`; true when there was at least one.
    fn digits(&mut self) -> bool {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at > start
    }
}

#[cfg(test)]
mod tests;
