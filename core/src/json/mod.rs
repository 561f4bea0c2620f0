//! Reading JSON text. One lexer (`lexer`) holds the grammar; each reader builds only what it
//! needs from it: a `serde_json::Value` ([`read_json`]), validation's parameters read in place,
//! or a report page read straight into rows.

pub(crate) mod lexer;
mod scalar;
mod value;
mod write;

pub(crate) use scalar::Scalar;

pub use value::{read_json, JsonSyntaxError};
pub use write::{write, write_issues, write_string, write_value};
