//! Every generated file, by its path from the repository root.

use crate::description::Description;
use crate::{python, rust, typescript};

pub fn all() -> Vec<(&'static str, String)> {
    let d = Description::core();
    vec![
        ("core/src/models/generated.rs", rust::models(&d)),
        (
            "bindings-python/python/cake_sdk/_schema.py",
            python::schema(&d),
        ),
        (
            "bindings-python/python/cake_sdk/_operations.py",
            python::operations(&d),
        ),
        ("bindings-wasm/js/params.d.ts", typescript::schema(&d)),
        ("js/src/issue-codes.js", typescript::issue_codes()),
        (
            "bindings-node/types/params.d.ts",
            typescript::node_params(&d),
        ),
        (
            "bindings-node/types/results.d.ts",
            typescript::node_results(&d),
        ),
    ]
}
