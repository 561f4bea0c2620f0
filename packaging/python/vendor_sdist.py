#!/usr/bin/env python3
"""Turns maturin's sdist into one that builds offline: `pip install cake_sdk-X.tar.gz` on a
machine with Rust and without the repository or crates.io.

maturin sdist already carries the Rust sources the wheel is built from (bindings-python, the
path dependencies core/ and mock-server/, a workspace manifest trimmed to those, Cargo.lock).
This adds what it lacks, the registry crates, the way orjson ships them:

1. `cargo vendor` into `vendor/` (Cargo.lock is pruned to the trimmed workspace on the way;
   every package left must be the one the repository's lock pins, same version and checksum);
2. `.cargo/config.toml` replacing crates.io with `vendor/` (cargo reads it from the directory
   pip builds in, the sdist's root);
3. crates that no supported platform compiles into the extension (the members' dev-dependencies,
   the wasm32-only ones) keep their manifest, so Cargo.lock still resolves unchanged, but lose
   their sources. Which crates are needed is asked of cargo itself: `cargo metadata
   --filter-platform` for each platform in PLATFORMS, following normal and build dependencies
   from cake-python. A build for a platform not listed fails cleanly ("can't find library")
   rather than fetching anything.

Then it repacks the archive reproducibly (sorted, root-owned, one mtime) into OUT.

usage: vendor_sdist.py MATURIN_SDIST OUT_DIR
"""

import gzip
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib

# Where `pip install` from the sdist is plausible (rustc hosts, Tier 1 and 2): wheels cover the
# first seven; the rest build from source. Windows keeps every CRT flavour (msvc, gnu, gnullvm).
PLATFORMS = [
    "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu",
    "x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin", "aarch64-apple-darwin", "x86_64-pc-windows-gnu",
    "x86_64-pc-windows-msvc", "i686-pc-windows-msvc", "aarch64-pc-windows-msvc",
    "i686-pc-windows-gnu", "x86_64-pc-windows-gnullvm", "aarch64-pc-windows-gnullvm",
    "i686-unknown-linux-gnu", "armv7-unknown-linux-gnueabihf", "arm-unknown-linux-gnueabihf",
    "powerpc64le-unknown-linux-gnu", "s390x-unknown-linux-gnu", "riscv64gc-unknown-linux-gnu",
    "loongarch64-unknown-linux-gnu", "x86_64-unknown-freebsd", "x86_64-unknown-netbsd",
    "x86_64-unknown-illumos",
]
ROOT_PACKAGE = "cake-python"
CONFIG = """\
# Written by packaging/python/vendor_sdist.py: build from the crates in vendor/, never crates.io.
[source.crates-io]
replace-with = "vendored-sources"

[source.vendored-sources]
directory = "vendor"
"""


def run(*args: str, cwd: pathlib.Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, text=True, stdout=subprocess.PIPE).stdout


def lock_packages(lock: pathlib.Path) -> dict[tuple[str, str], str | None]:
    data = tomllib.loads(lock.read_text())
    return {(p["name"], p["version"]): p.get("checksum") for p in data["package"]}


def needed_crates(src: pathlib.Path) -> set[tuple[str, str]]:
    needed: set[tuple[str, str]] = set()
    for platform in PLATFORMS:
        meta = json.loads(run("cargo", "metadata", "--format-version", "1", "--offline", "--locked",
                              "--filter-platform", platform, cwd=src))
        packages = {p["id"]: p for p in meta["packages"]}
        nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
        roots = [i for i in meta["workspace_members"] if packages[i]["name"] == ROOT_PACKAGE]
        if len(roots) != 1:
            raise SystemExit(f"{ROOT_PACKAGE} is not a member of the sdist's workspace")
        todo, seen = list(roots), set(roots)
        while todo:
            for dep in nodes[todo.pop()]["deps"]:
                kinds = {k["kind"] for k in dep["dep_kinds"]}
                if kinds & {None, "build"} and dep["pkg"] not in seen:
                    seen.add(dep["pkg"])
                    todo.append(dep["pkg"])
        needed |= {(packages[i]["name"], packages[i]["version"]) for i in seen}
    return needed


def stub(crate: pathlib.Path) -> None:
    """Leaves the manifest (the lock's graph stays the same) and empty target files."""
    manifest = tomllib.loads((crate / "Cargo.toml").read_text())
    checksum = json.loads((crate / ".cargo-checksum.json").read_text())
    for entry in crate.iterdir():
        if entry.name != "Cargo.toml":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    files = {manifest.get("lib", {}).get("path", "src/lib.rs"): ""}
    if isinstance(manifest.get("package", {}).get("build"), str):
        files[manifest["package"]["build"]] = "fn main() {}\n"
    for kind in ("bin", "example", "test", "bench"):
        for target in manifest.get(kind, []):
            if "path" in target:
                files[target["path"]] = "fn main() {}\n"
    for path, text in files.items():
        (crate / path).parent.mkdir(parents=True, exist_ok=True)
        (crate / path).write_text(text)
    (crate / ".cargo-checksum.json").write_text(
        json.dumps({"files": {}, "package": checksum.get("package")}))


def repack(src: pathlib.Path, out: pathlib.Path, mtime: int) -> None:
    def normalize(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = mtime
        info.mode = 0o755 if info.isdir() or info.mode & 0o111 else 0o644
        return info

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(src.rglob("*")):
            if path.is_dir():
                continue
            name = f"{src.name}/{path.relative_to(src).as_posix()}"
            tar.add(path, arcname=name, recursive=False, filter=normalize)
    with open(out, "wb") as f, gzip.GzipFile(filename="", fileobj=f, mode="wb", mtime=mtime,
                                             compresslevel=9) as gz:
        gz.write(raw.getvalue())


def main() -> int:
    sdist, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(sdist) as tar:
            tar.extractall(tmp, filter="data")
        (src,) = pathlib.Path(tmp).iterdir()
        mtime = int(os.environ.get("SOURCE_DATE_EPOCH", (src / "PKG-INFO").stat().st_mtime))
        pinned = lock_packages(src / "Cargo.lock")

        run("cargo", "vendor", "--quiet", "--manifest-path", "Cargo.toml", "vendor", cwd=src)
        (src / ".cargo").mkdir(exist_ok=True)
        (src / ".cargo/config.toml").write_text(CONFIG)
        pruned = lock_packages(src / "Cargo.lock")
        moved = [f"{n} {v}" for (n, v), c in pruned.items() if (n, v) not in pinned or pinned[(n, v)] != c]
        if moved:
            raise SystemExit("the sdist's Cargo.lock left the repository's pins: " + ", ".join(moved))

        needed = needed_crates(src)
        kept = stubbed = 0
        for crate in sorted((src / "vendor").iterdir()):
            package = tomllib.loads((crate / "Cargo.toml").read_text())["package"]
            if (package["name"], package["version"]) in needed:
                kept += 1
            else:
                stub(crate)
                stubbed += 1
        # The stubs must leave resolution exactly as it was.
        run("cargo", "metadata", "--format-version", "1", "--offline", "--locked", cwd=src)
        out_dir.mkdir(parents=True, exist_ok=True)
        repack(src, out_dir / sdist.name, mtime)
    size = (out_dir / sdist.name).stat().st_size
    print(f"{sdist.name}: {kept} crates vendored, {stubbed} stubbed (dev-only or wasm32-only), "
          f"{size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
