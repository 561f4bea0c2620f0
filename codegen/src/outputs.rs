//! Every generated file, by its path from the repository root.

use crate::{python, typescript};

pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "bindings-python/python/cake_sdk/_schema.py",
            python::schema(),
        ),
        (
            "bindings-python/python/cake_sdk/_operations.py",
            python::operations(),
        ),
        ("bindings-wasm/js/params.d.ts", typescript::schema()),
        (
            "bindings-wasm/js/issue-codes.js",
            typescript::issue_codes(false),
        ),
        (
            "bindings-node/lib/issue-codes.js",
            typescript::issue_codes(true),
        ),
    ]
}
