//! `cargo run -p cake-codegen`: writes the files generated from core's description of the API
//! (`cake_core::schema`); `--check` writes nothing and fails, naming them, when any differs
//! (`make test` runs it, so a stale file cannot land).

mod description;
mod outputs;
mod python;
mod rust;
#[cfg(test)]
mod synthetic;
mod text;
mod typescript;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for (path, content) in outputs::all() {
        let file = root.join(path);
        let current = std::fs::read_to_string(&file).unwrap_or_default();
        if current == content {
            continue;
        }
        if check {
            stale.push(path);
        } else if let Err(error) = std::fs::write(&file, content) {
            eprintln!("cannot write {path}: {error}");
            return ExitCode::FAILURE;
        } else {
            println!("wrote {path}");
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "generated files differ from core's description of the API: {}\n\
         run `make generate` (cargo run -p cake-codegen) and commit the result",
        stale.join(", ")
    );
    ExitCode::FAILURE
}
