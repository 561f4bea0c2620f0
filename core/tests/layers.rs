//! core's modules form layers with no cycle: each uses only the ones before it in `LAYERS`.
//! (A cycle is how json, validate, money and models used to depend on each other.) Test code
//! (`tests.rs` files, `tests/` folders) may use anything.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Lowest first.
const LAYERS: &[&str] = &[
    "operation",
    "secret",
    "datetime",
    "issue",
    "input",
    "enums",
    "schema",
    "json",
    "money",
    "error",
    "models",
    "validate",
    "endpoint",
    "client",
];

fn sources(path: &Path, found: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && name != "tests" {
            sources(&path, found);
        } else if name.ends_with(".rs") && name != "tests.rs" {
            found.push(fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// The top-level modules `text` names as `crate::<module>`.
fn uses(text: &str) -> BTreeSet<String> {
    text.match_indices("crate::")
        .map(|(at, _)| {
            text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect::<String>()
        })
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn each_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (rank, module) in LAYERS.iter().enumerate() {
        let mut texts = Vec::new();
        sources(&src.join(module), &mut texts);
        if let Ok(text) = fs::read_to_string(src.join(format!("{module}.rs"))) {
            texts.push(text);
        }
        assert!(!texts.is_empty(), "no source for {module}");
        for used in texts.iter().flat_map(|t| uses(t)) {
            let Some(used_rank) = LAYERS.iter().position(|l| *l == used) else {
                wrong.push(format!("{module} uses {used}, which LAYERS does not list"));
                continue;
            };
            if used_rank > rank {
                wrong.push(format!("{module} uses {used}, a higher layer"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
