//! A value read in place for its scalar use: what validation and the typed report reader look
//! at (kind, number text, string text). Arrays, objects and booleans are only checked to be
//! well-formed; no field these readers know takes one.

use super::lexer::{Fault, Lexer};
use crate::input::Input;
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scalar<'t> {
    Null,
    /// A number's exact text.
    Number(&'t str),
    /// A string, unescaped (borrowed from the text unless it held escapes).
    Text(Cow<'t, str>),
    /// A boolean, array or object.
    Other,
}

impl Scalar<'_> {
    pub fn input(&self) -> Input<'_> {
        match self {
            Scalar::Null => Input::Null,
            Scalar::Number(text) => Input::Number(text),
            Scalar::Text(text) => Input::Text(text),
            Scalar::Other => Input::Other,
        }
    }
}

impl<'t> Lexer<'t> {
    /// The next value (whitespace already passed), as a scalar.
    pub fn scalar(&mut self) -> Result<Scalar<'t>, Fault> {
        match self.peek() {
            Some(b'"') => self.string().map(Scalar::Text),
            Some(b'-' | b'0'..=b'9') => self.number().map(Scalar::Number),
            Some(b'n') => self.literal().map(|_| Scalar::Null),
            _ => self.skip_value().map(|()| Scalar::Other),
        }
    }
}
