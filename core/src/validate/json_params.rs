//! Validation straight from JSON text, as a binding that holds its parameters as JSON hands
//! them over: the top-level object's entries are read in place (names and text borrowed from
//! the input unless they hold escapes), nested values are only checked to be well-formed
//! JSON, and no `serde_json::Value` is built. It accepts exactly the documents
//! `serde_json::from_str` accepts (nesting included: 127 levels; lone surrogate escapes are
//! errors), so a binding's answer does not depend on which reader ran.

use super::issue::Issue;
use super::{not_an_object, unknown_operation, validate_entries};
use crate::json::lexer::Lexer;
use crate::json::Scalar;
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

/// Reads a document, keeping the entries of a top-level object; whether it is one.
fn read<'t>(text: &'t str, entries: &mut Entries<'t>) -> Result<bool, NotJson> {
    let mut lexer = Lexer::over_text(text);
    lexer.skip_space();
    let is_object = lexer.peek() == Some(b'{');
    let read = if is_object {
        lexer.object(|lexer, name| {
            entries.push((name, lexer.scalar()?));
            Ok(())
        })
    } else {
        lexer.skip_value()
    };
    read.and_then(|()| lexer.finish())
        .map(|()| is_object)
        .map_err(|_| NotJson)
}

#[cfg(test)]
mod tests;
