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
            "bindings-python/python/cake_sdk/_types.py",
            python::types(&d),
        ),
        (
            "bindings-python/python/cake_sdk/_operations.py",
            python::operations(&d),
        ),
        // Both JS packages': the shared JS layer's issue codes, and the generated half of the
        // shared declarations (js/types; cake-sdk-wasm copies it, cake-sdk inlines it).
        ("js/src/issue-codes.js", typescript::issue_codes()),
        ("js/types/api.d.ts", typescript::declarations(&d)),
    ]
}
