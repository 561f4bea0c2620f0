//! Validation straight from JSON text, as a binding that holds its parameters as JSON hands
//! them over: the top-level object's entries are read in place (names and text borrowed from
//! the input unless they hold escapes), nested values are only checked to be well-formed
//! JSON, and no `serde_json::Value` is built. It accepts exactly the documents
//! `serde_json::from_str` accepts (nesting included: 127 levels; lone surrogate escapes are
//! errors), so a binding's answer does not depend on which reader ran.

use super::input::Input;
use super::issue::Issue;
use super::{not_an_object, unknown_operation, validate_entries};
use crate::operation::Operation;
use std::borrow::Cow;

/// The text is not a JSON document (or nests deeper than serde_json reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotJson;

/// Every issue of the JSON `params` for `operation` (`None`: an operation this SDK does not
/// have, one `unknown_operation` issue): what [`super::validate`] gives for
/// `serde_json::from_str(params)`, or `NotJson` where that fails to read (whatever the
/// operation).
pub fn validate_json(operation: Option<Operation>, params: &str) -> Result<Vec<Issue>, NotJson> {
    let mut entries = Entries::new();
    let is_object = read(params, &mut entries)?;
    let Some(operation) = operation else {
        return Ok(vec![unknown_operation()]);
    };
    if !is_object {
        return Ok(vec![not_an_object()]);
    }
    Ok(validate_entries(
        operation,
        entries
            .iter()
            .map(|(name, value)| (name.as_ref(), value.input())),
    ))
}

/// [`validate_json`] for an operation named by its id.
pub fn validate_json_by_id(operation: &str, params: &str) -> Result<Vec<Issue>, NotJson> {
    validate_json(Operation::from_id(operation), params)
}

/// serde_json's limit: it refuses to open a 128th nested array or object.
const MAX_DEPTH: u32 = 127;

type Entry<'t> = (Cow<'t, str>, Scalar<'t>);

/// Entries kept in place up to this many (a parameter object is small): no allocation.
const INLINE_ENTRIES: usize = 16;

/// The top-level object's entries in order.
struct Entries<'t> {
    inline: [Option<Entry<'t>>; INLINE_ENTRIES],
    len: usize,
    more: Vec<Entry<'t>>,
}

impl<'t> Entries<'t> {
    fn new() -> Self {
        Entries {
            inline: Default::default(),
            len: 0,
            more: Vec::new(),
        }
    }

    fn push(&mut self, entry: Entry<'t>) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = Some(entry),
            None => self.more.push(entry),
        }
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = &Entry<'t>> {
        self.inline.iter().flatten().chain(&self.more)
    }
}

/// A parameter value: as `Input`, with text that may have been unescaped.
enum Scalar<'t> {
    Null,
    Number(&'t str),
    Text(Cow<'t, str>),
    Other,
}

impl Scalar<'_> {
    fn input(&self) -> Input<'_> {
        match self {
            Scalar::Null => Input::Null,
            Scalar::Number(text) => Input::Number(text),
            Scalar::Text(text) => Input::Text(text),
            Scalar::Other => Input::Other,
        }
    }
}

/// Reads a document, keeping the entries of a top-level object; whether it is one.
fn read<'t>(text: &'t str, entries: &mut Entries<'t>) -> Result<bool, NotJson> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    reader.skip_space();
    let is_object = reader.peek() == Some(b'{');
    if is_object {
        reader.object_entries(entries)?;
    } else {
        reader.skip_value()?;
    }
    reader.skip_space();
    if reader.at == reader.bytes.len() {
        Ok(is_object)
    } else {
        Err(NotJson)
    }
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    depth: u32,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` (after any whitespace) or fails.
    fn expect(&mut self, byte: u8) -> Result<(), NotJson> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    fn enter(&mut self) -> Result<(), NotJson> {
        self.depth += 1;
        self.at += 1;
        if self.depth > MAX_DEPTH {
            Err(NotJson)
        } else {
            Ok(())
        }
    }

    /// After `{`, `[` or a `,` inside one: whether the container ends here (`close`).
    fn closes(&mut self, close: u8) -> bool {
        self.skip_space();
        if self.peek() == Some(close) {
            self.at += 1;
            self.depth -= 1;
            true
        } else {
            false
        }
    }

    /// After a member: `,` (more follow) or the closing byte.
    fn more(&mut self, close: u8) -> Result<bool, NotJson> {
        self.skip_space();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.at += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(NotJson),
        }
    }

    /// The top-level object's entries in order, values read shallowly.
    fn object_entries(&mut self, entries: &mut Entries<'t>) -> Result<(), NotJson> {
        self.enter()?;
        if self.closes(b'}') {
            return Ok(());
        }
        loop {
            self.expect(b'"')?;
            let name = self.string()?;
            self.expect(b':')?;
            self.skip_space();
            entries.push((name, self.scalar()?));
            if !self.more(b'}')? {
                return Ok(());
            }
        }
    }

    fn scalar(&mut self) -> Result<Scalar<'t>, NotJson> {
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                self.string().map(Scalar::Text)
            }
            Some(b'n') => self.literal(b"null").map(|()| Scalar::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Scalar::Number),
            _ => self.skip_value().map(|()| Scalar::Other),
        }
    }

    /// Any value, checked to be well-formed and passed over.
    fn skip_value(&mut self) -> Result<(), NotJson> {
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                self.string().map(drop)
            }
            Some(b'n') => self.literal(b"null"),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(b'[') => {
                self.enter()?;
                if self.closes(b']') {
                    return Ok(());
                }
                loop {
                    self.skip_space();
                    self.skip_value()?;
                    if !self.more(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'{') => {
                self.enter()?;
                if self.closes(b'}') {
                    return Ok(());
                }
                loop {
                    self.expect(b'"')?;
                    self.string()?;
                    self.expect(b':')?;
                    self.skip_space();
                    self.skip_value()?;
                    if !self.more(b'}')? {
                        return Ok(());
                    }
                }
            }
            _ => Err(NotJson),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), NotJson> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as its exact text.
    fn number(&mut self) -> Result<&'t str, NotJson> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(NotJson),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        self.text.get(start..self.at).ok_or(NotJson)
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), NotJson> {
        let start = self.at;
        self.digits();
        if self.at > start {
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// A string's contents after its opening quote, through the closing one: borrowed unless
    /// it holds escapes.
    fn string(&mut self) -> Result<Cow<'t, str>, NotJson> {
        let start = self.at;
        self.skip_plain_text();
        let plain = self.text.get(start..self.at).ok_or(NotJson)?;
        let mut owned = match self.peek() {
            Some(b'"') => {
                self.at += 1;
                return Ok(Cow::Borrowed(plain));
            }
            Some(b'\\') => String::from(plain),
            // A raw control character (not allowed in JSON strings), or the end.
            _ => return Err(NotJson),
        };
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.at += 1;
                    owned.push(self.escape()?);
                }
                _ => return Err(NotJson),
            }
            let run = self.at;
            self.skip_plain_text();
            owned.push_str(self.text.get(run..self.at).ok_or(NotJson)?);
        }
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

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, NotJson> {
        let byte = self.peek().ok_or(NotJson)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(NotJson),
        })
    }

    /// `\uXXXX` after its `\u`; a surrogate must be a high one followed by `\u` and a low one.
    fn unicode_escape(&mut self) -> Result<char, NotJson> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                self.literal(b"\\u")?;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(NotJson);
                }
                0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(NotJson),
            other => u32::from(other),
        };
        char::from_u32(code).ok_or(NotJson)
    }

    fn hex4(&mut self) -> Result<u16, NotJson> {
        let digits = self.text.get(self.at..self.at + 4).ok_or(NotJson)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(NotJson);
        }
        self.at += 4;
        u16::from_str_radix(digits, 16).map_err(|_| NotJson)
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
