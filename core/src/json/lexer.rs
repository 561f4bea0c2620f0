//! JSON's grammar over bytes, for each of core's readers (a `Value`, validation's entries read
//! in place, a report page read straight into rows). It accepts exactly what
//! `serde_json::from_slice` accepts: the same numbers, escapes, surrogate rules, UTF-8 rules
//! and nesting limit. Strings come back borrowed unless they hold escapes.

use std::borrow::Cow;

/// serde_json refuses to open a 128th nested array or object.
const MAX_DEPTH: u32 = 127;

/// Why the text is not JSON (serde_json's wording), and the byte offset where that was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fault {
    pub reason: &'static str,
    pub at: usize,
}

pub(crate) const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const BAD_ESCAPE: &str = "invalid escape";
const BAD_NUMBER: &str = "invalid number";
const BAD_HEX_END: &str = "unexpected end of hex escape";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";

pub(crate) struct Lexer<'t> {
    bytes: &'t [u8],
    /// The longest prefix of `bytes` that is UTF-8: checked once, so a string inside it is
    /// sliced out without checking it again. (Valid JSON is UTF-8 throughout; a string that
    /// reaches past this prefix holds the first bad byte.)
    text: &'t str,
    at: usize,
    depth: u32,
}

impl<'t> Lexer<'t> {
    pub fn new(bytes: &'t [u8]) -> Self {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(bad) => bytes
                .get(..bad.valid_up_to())
                .and_then(|valid| std::str::from_utf8(valid).ok())
                .unwrap_or_default(),
        };
        Lexer {
            bytes,
            text,
            at: 0,
            depth: 0,
        }
    }

    pub fn over_text(text: &'t str) -> Self {
        Lexer {
            bytes: text.as_bytes(),
            text,
            at: 0,
            depth: 0,
        }
    }

    pub fn fault(&self, reason: &'static str) -> Fault {
        Fault {
            reason,
            at: self.at,
        }
    }

    #[inline(always)]
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline]
    pub fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next non-whitespace byte, not consumed.
    pub fn next_token(&mut self, eof: &'static str) -> Result<u8, Fault> {
        self.skip_space();
        self.peek().ok_or_else(|| self.fault(eof))
    }

    /// Only whitespace is left.
    pub fn finish(&mut self) -> Result<(), Fault> {
        self.skip_space();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.fault("trailing characters")),
        }
    }

    /// Any value, checked to be well-formed and passed over.
    pub fn skip_value(&mut self) -> Result<(), Fault> {
        match self.next_token(EOF_VALUE)? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b'[' => self.array(Self::skip_value),
            b'{' => self.object(|lexer, _| lexer.skip_value()),
            _ => self.literal().map(drop),
        }
    }

    /// `null`, `true` or `false`, as `None`, `Some(true)`, `Some(false)`.
    pub fn literal(&mut self) -> Result<Option<bool>, Fault> {
        let (word, value): (&[u8], _) = match self.peek() {
            Some(b'n') => (b"null", None),
            Some(b't') => (b"true", Some(true)),
            Some(b'f') => (b"false", Some(false)),
            Some(_) => return Err(self.fault("expected value")),
            None => return Err(self.fault(EOF_VALUE)),
        };
        for expected in word {
            match self.peek() {
                None => return Err(self.fault(EOF_VALUE)),
                Some(b) if b == *expected => self.at += 1,
                Some(_) => {
                    self.at += 1;
                    return Err(self.fault("expected ident"));
                }
            }
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), Fault> {
        if self.depth == MAX_DEPTH {
            return Err(self.fault("recursion limit exceeded"));
        }
        self.depth += 1;
        self.at += 1;
        Ok(())
    }

    /// An array (next, after any whitespace), `item` reading each element.
    pub fn array(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), Fault>,
    ) -> Result<(), Fault> {
        self.skip_space();
        self.enter()?;
        if self.next_token(EOF_LIST)? != b']' {
            loop {
                item(self)?;
                match self.next_token(EOF_LIST)? {
                    b',' => self.at += 1,
                    b']' => break,
                    _ => return Err(self.fault("expected `,` or `]`")),
                }
            }
        }
        self.at += 1;
        self.depth -= 1;
        Ok(())
    }

    /// An object (next, after any whitespace), `member` reading each value after its name
    /// (names in order; a repeated one comes again).
    pub fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, Cow<'t, str>) -> Result<(), Fault>,
    ) -> Result<(), Fault> {
        self.skip_space();
        self.enter()?;
        if self.next_token(EOF_OBJECT)? != b'}' {
            loop {
                if self.next_token(EOF_OBJECT)? != b'"' {
                    return Err(self.fault("key must be a string"));
                }
                let name = self.string()?;
                if self.next_token(EOF_OBJECT)? != b':' {
                    return Err(self.fault("expected `:`"));
                }
                self.at += 1;
                self.skip_space();
                member(self, name)?;
                match self.next_token(EOF_OBJECT)? {
                    b',' => {
                        self.at += 1;
                        if self.next_token(EOF_VALUE)? == b'}' {
                            return Err(self.fault("trailing comma"));
                        }
                    }
                    b'}' => break,
                    _ => return Err(self.fault("expected `,` or `}`")),
                }
            }
        }
        self.at += 1;
        self.depth -= 1;
        Ok(())
    }

    /// A string (its opening quote next): borrowed unless it holds escapes.
    pub fn string(&mut self) -> Result<Cow<'t, str>, Fault> {
        self.at += 1;
        let start = self.at;
        self.skip_plain_text();
        let plain = self.bytes.get(start..self.at).unwrap_or_default();
        match self.peek() {
            Some(b'"') => {
                let text = self.text.get(start..self.at);
                self.at += 1;
                return text
                    .map(Cow::Borrowed)
                    .ok_or_else(|| self.fault("invalid unicode code point"));
            }
            Some(b'\\') => {}
            _ => return Err(self.bad_string_byte()),
        }
        let mut owned = plain.to_vec();
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(owned)
                        .map(Cow::Owned)
                        .map_err(|_| self.fault("invalid unicode code point"));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut owned)?;
                }
                _ => return Err(self.bad_string_byte()),
            }
            let run = self.at;
            self.skip_plain_text();
            owned.extend_from_slice(self.bytes.get(run..self.at).unwrap_or_default());
        }
    }

    /// At the end of the text or a raw control character inside a string.
    fn bad_string_byte(&mut self) -> Fault {
        if self.peek().is_none() {
            return self.fault(EOF_STRING);
        }
        self.at += 1;
        self.fault("control character (\\u0000-\\u001F) found while parsing a string")
    }

    /// Moves to the next quote, backslash or control character (or the end), eight bytes at
    /// a time while none of them is one.
    fn skip_plain_text(&mut self) {
        while let Some(word) = self.bytes.get(self.at..self.at + 8) {
            match <[u8; 8]>::try_from(word) {
                Ok(word) if !has_special(u64::from_le_bytes(word)) => self.at += 8,
                _ => break,
            }
        }
        while !matches!(self.peek(), Some(b'"' | b'\\' | 0..=0x1f) | None) {
            self.at += 1;
        }
    }

    /// One escape, after its backslash, appended as UTF-8.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Fault> {
        let Some(byte) = self.peek() else {
            return Err(self.fault(EOF_STRING));
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
            b'u' => {
                let c = self.unicode_escape()?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return Ok(());
            }
            _ => return Err(self.fault(BAD_ESCAPE)),
        };
        out.push(plain);
        Ok(())
    }

    /// `\uXXXX` after its `\u`: a character, or a surrogate pair; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Result<char, Fault> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return Err(self.fault(LONE_SURROGATE)),
            0xD800..=0xDBFF => {
                match (self.peek(), self.bytes.get(self.at + 1)) {
                    (None, _) => return Err(self.fault(EOF_STRING)),
                    (Some(b'\\'), Some(b'u')) => self.at += 2,
                    (Some(b'\\'), None) => {
                        self.at += 1;
                        return Err(self.fault(EOF_STRING));
                    }
                    (Some(b'\\'), Some(_)) => {
                        self.at += 2;
                        return Err(self.fault(BAD_HEX_END));
                    }
                    (Some(_), _) => {
                        self.at += 1;
                        return Err(self.fault(BAD_HEX_END));
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fault(LONE_SURROGATE));
                }
                0x1_0000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(byte) = self.peek() else {
                return Err(self.fault(EOF_STRING));
            };
            self.at += 1;
            let digit = char::from(byte)
                .to_digit(16)
                .ok_or_else(|| self.fault(BAD_ESCAPE))?;
            n = n * 16 + digit;
        }
        Ok(n)
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?` (next), as its exact text.
    pub fn number(&mut self) -> Result<&'t str, Fault> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fault(BAD_NUMBER));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.fault(EOF_VALUE)),
            Some(_) => {
                self.at += 1;
                return Err(self.fault(BAD_NUMBER));
            }
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.digits() {
                return Err(match self.peek() {
                    Some(_) => self.fault(BAD_NUMBER),
                    None => self.fault(EOF_VALUE),
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
                return Err(self.fault(BAD_NUMBER));
            }
        }
        // ASCII digits and signs only, after text already read: inside the UTF-8 prefix.
        self.text
            .get(start..self.at)
            .ok_or_else(|| self.fault(BAD_NUMBER))
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A mask with the high bit set in a byte that is below `n` (n <= 128; the classic bit
/// trick: bytes above a match may be flagged too, but the mask is zero only when none is).
fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// Whether any of the 8 bytes is a quote, a backslash or a control character.
fn has_special(word: u64) -> bool {
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    quote | backslash | below(word, 0x20) != 0
}

#[cfg(test)]
mod tests;
