#!/usr/bin/env python3
"""One version for every package: the workspace's (Cargo.toml [workspace.package] version).
Fails, naming each file, when a package says otherwise: the npm packages (bindings-node, its
per-platform packages under bindings-node/npm/, bindings-wasm) and the crates. The Python
distribution takes its version from Cargo (pyproject's `dynamic = ["version"]`), which is
checked too, so it cannot be set apart by hand."""

import json
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> int:
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text())
    version = workspace["workspace"]["package"]["version"]
    problems = []

    pyproject = tomllib.loads((ROOT / "bindings-python/pyproject.toml").read_text())
    if "version" in pyproject["project"] or "version" not in pyproject["project"].get("dynamic", []):
        problems.append("bindings-python/pyproject.toml: the version must be dynamic (from Cargo)")

    for manifest in sorted(ROOT.glob("*/Cargo.toml")) + sorted(ROOT.glob("bench/*/Cargo.toml")):
        package = tomllib.loads(manifest.read_text()).get("package", {})
        if package.get("publish") is False and package.get("version") != {"workspace": True}:
            continue  # a crate of its own that ships nowhere (fuzz targets)
        given = package.get("version")
        if given is not None and given != {"workspace": True} and given != version:
            problems.append(f"{manifest.relative_to(ROOT)}: version {given}, not {version}")

    npm = [ROOT / "bindings-node/package.json", ROOT / "bindings-wasm/package.json"]
    npm += sorted(ROOT.glob("bindings-node/npm/*/package.json"))
    for path in npm:
        data = json.loads(path.read_text())
        if data.get("version") != version:
            problems.append(f"{path.relative_to(ROOT)}: version {data.get('version')}, not {version}")
        for name, wanted in data.get("optionalDependencies", {}).items():
            if wanted != version:
                problems.append(f"{path.relative_to(ROOT)}: {name} {wanted}, not {version}")

    for problem in problems:
        print(f"version mismatch: {problem}", file=sys.stderr)
    if not problems:
        print(f"every package is version {version}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
