#!/usr/bin/env python3
"""`make dist-check-python`: proves each artifact in $CAKE_DIST/python with a tool, runs what
can run on this Linux x86_64 machine, and writes one table ($CAKE_DIST/python/CHECKS.md).

Every artifact:  twine check --strict (metadata renders; what PyPI would refuse);
                 size within the budget (BUDGET below).
Every wheel:     abi3audit --strict (the extension uses the limited API of 3.9 only); exactly one
                 extension module; the filename's tags are the WHEEL file's.
Linux wheels:    auditwheel show (the tag's policy: manylinux_2_17 / musllinux_1_2), and with lief:
                 machine, DT_NEEDED only libc's own libraries, glibc symbol versions <= 2.17,
                 stripped (no .symtab), PyInit__core the only export.
macOS wheels:    lief: CPU type, only /usr/lib system libraries (no Homebrew/opt/rpath, no
                 frameworks), LC_BUILD_VERSION/LC_VERSION_MIN_MACOSX equal to the tag's version,
                 arm64 signed (macOS kills unsigned arm64 code), _PyInit__core exported.
Windows wheel:   lief: AMD64, imports only DLLs every Windows 10+ has, plus python3.dll (abi3),
                 never python3X.dll or MinGW's runtime DLLs; PyInit__core the only export; no
                 COFF symbol table.
sdist:           contents (vendored crates, .cargo/config.toml, no prebuilt binaries), its Cargo.lock
                 pins the repository's versions.
Run for real:    the manylinux2014 x86_64 wheel in fresh venvs (outside the repository) on the
                 oldest and newest CPython here: smoke import, then the top-level README's Python
                 example against cake_sdk.testing.MockServer; the manylinux2014 aarch64 wheel in a
                 Debian bookworm arm64 Python under qemu-user (a MockServer started inside it, a call);
                 the sdist built by pip in a fresh venv with an empty CARGO_HOME and cargo offline,
                 then imported and called.
What the embedded mock adds: the x86_64 manylinux2014 wheel built once more without it, compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import tomllib
import zipfile
from dataclasses import dataclass, field

import lief
from packaging.utils import parse_wheel_filename

lief.logging.disable()

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIST = pathlib.Path(os.environ.get("CAKE_DIST", ROOT / "dist")) / "python"
TARGET = pathlib.Path(os.environ.get("CAKE_DIST_TARGET", ROOT / "target/dist"))
BIN = pathlib.Path(sys.executable).parent  # the tools' venv (.venv-dist)
VERSION = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]

MB = 1_000_000
# Measured (0.1.0): wheels 2.53-3.74 MB (macOS largest: zig's Mach-O linker exports every symbol),
# extensions 5.23-8.24 MB, sdist 19.5 MB. Each budget is about a third above the largest: room
# for the API still to come; past it something big came in (a second TLS stack, a regex engine,
# debug info, an unstripped build) and the release should be looked at, not waved through.
BUDGET = {"wheel": 5 * MB, "extension": 11 * MB, "sdist": 26 * MB}

# platform tag prefix -> (binary format, architecture)
PLATFORMS = {
    "manylinux2014_x86_64": ("elf", "x86_64"),
    "manylinux2014_aarch64": ("elf", "aarch64"),
    "musllinux_1_2_x86_64": ("elf", "x86_64"),
    "musllinux_1_2_aarch64": ("elf", "aarch64"),
    "macosx_10_12_x86_64": ("macho", "x86_64"),
    "macosx_11_0_arm64": ("macho", "arm64"),
    "win_amd64": ("pe", "x86_64"),
    "win_arm64": ("pe", "arm64"),  # the release workflow's (aarch64-pc-windows-msvc); not made here
}
REQUIRED = set(PLATFORMS) - {"win_arm64"}  # what `make dist-python` builds
GLIBC_MAX = (2, 17)
ELF_NEEDED = {
    "glibc": re.compile(r"^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|"
                        r"libgcc_s\.so\.1|ld-linux-(x86-64|aarch64)\.so\.[12])$"),
    "musl": re.compile(r"^(libc\.so|libc\.musl-(x86_64|aarch64)\.so\.1)$"),
}
MACHO_LIBS = re.compile(r"^/usr/lib/(libSystem\.B\.dylib|libiconv\.2\.dylib|libcharset\.1\.dylib|libresolv\.9\.dylib|"
                        r"libc\+\+\.1\.dylib|libobjc\.A\.dylib)$")
# DLLs in every Windows 10+ install (and the UCRT's api sets), plus python3.dll for abi3, and
# the VC runtime every python.org CPython ships beside python3.dll (MSVC builds import it).
PE_DLLS = re.compile(r"^(kernel32|ntdll|ws2_32|bcrypt|bcryptprimitives|advapi32|userenv|secur32|"
                     r"crypt32|iphlpapi|ole32|oleaut32|shell32|user32|msvcrt|ucrtbase|"
                     r"synchronization|api-ms-win-[a-z0-9-]+|vcruntime140(_1)?|python3)\.dll$", re.I)


@dataclass
class Row:
    path: pathlib.Path
    tag: str = ""
    ext_size: int | None = None
    checks: list[str] = field(default_factory=list)
    ran: str = "no"
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, why: str = "") -> bool:
        self.checks.append(name if ok else f"{name} FAILED")
        if not ok:
            self.failures.append(f"{name}: {why}")
        return ok


def sh(*args: object, timeout: float = 900, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], text=True, capture_output=True, timeout=timeout, **kw)


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------- wheels

def extension(wheel: zipfile.ZipFile) -> tuple[str, bytes]:
    names = [n for n in wheel.namelist() if re.search(r"\.(so|pyd|dylib)$", n)]
    if len(names) != 1:
        raise ValueError(f"expected one extension module, found {names}")
    return names[0], wheel.read(names[0])


def check_wheel(row: Row) -> None:
    _, _, _, tags = parse_wheel_filename(row.path.name)
    platforms = sorted({t.platform for t in tags})
    interp = sorted({(t.interpreter, t.abi) for t in tags})
    row.tag = f"cp39-abi3-{'.'.join(platforms)}"
    kind = next((PLATFORMS[p] for p in platforms if p in PLATFORMS), None)
    row.check("tags", interp == [("cp39", "abi3")] and kind is not None,
              f"unexpected tags {interp} {platforms}")
    with zipfile.ZipFile(row.path) as wheel:
        info = next(n for n in wheel.namelist() if n.endswith(".dist-info/WHEEL"))
        declared = {line.split(":", 1)[1].strip() for line in wheel.read(info).decode().splitlines()
                    if line.startswith("Tag:")}
        row.check("WHEEL tags", declared == {str(t) for t in tags}, f"WHEEL says {declared}")
        try:
            name, data = extension(wheel)
        except ValueError as e:
            row.check("extension", False, str(e))
            return
    row.ext_size = len(data)
    abi3audit(row)
    if kind is None:
        return
    fmt, arch = kind
    if fmt == "elf":
        check_elf(row, data, arch, platforms)
    elif fmt == "macho":
        check_macho(row, data, arch, platforms)
    else:
        check_pe(row, data, name, arch)


def abi3audit(row: Row) -> None:
    result = sh(BIN / "abi3audit", "--strict", "--report", row.path)
    try:
        report = json.loads(result.stdout)
        (spec,) = report["specs"].values()
        exts = spec["wheel"]
        bad = [e for e in exts if not (e["result"]["is_abi3"] and e["result"]["is_abi3_baseline_compatible"]
                                         and not e["result"]["non_abi3_symbols"])]
        ok = result.returncode == 0 and len(exts) == 1 and not bad
        why = f"rc {result.returncode}, {bad or exts}"
    except (ValueError, KeyError) as e:
        ok, why = False, f"{e}: {result.stdout[-500:]} {result.stderr[-500:]}"
    row.check("abi3audit", ok, why)


def auditwheel(row: Row, platforms: list[str]) -> None:
    """`auditwheel show`, and the tag it says the wheel is consistent with must be at least as
    old as the one the wheel claims. For musllinux, auditwheel searches an empty directory:
    on this glibc host its default search finds glibc's libc.so (a linker script) and crashes.
    Its one objection is then the `libc.so` that zig's musl links by: musl's loader binds every
    `libc.*` name to itself (its reserved names), as it does Alpine's `libc.musl-<arch>.so.1`,
    so that one objection is accepted and noted; any other library fails."""
    musl = any(p.startswith("musllinux") for p in platforms)
    with tempfile.TemporaryDirectory() as empty:
        result = sh(BIN / "auditwheel", "show", *(["--ldpaths", empty] if musl else []), row.path)
    text = " ".join(result.stdout.split())
    found = re.search(r'consistent with the following platform tag: "([a-z0-9_]+)"', text)
    why = text[-500:] + result.stderr[-500:]
    policy = found.group(1) if found else None
    if musl and result.returncode == 0 and policy and policy.startswith("linux_"):
        objection = re.search(r"following shared library dependencies will need to be eliminated: (.*)$", text)
        wanted = re.search(r"tag platform tag '([a-z0-9_]+)'", text)
        if objection and objection.group(1).strip() == "libc.so" and wanted:
            policy = wanted.group(1)
            row.notes.append(f"auditwheel: {policy} once its objection to DT_NEEDED libc.so (musl itself) is set aside")
    elif policy:
        row.notes.append(f"auditwheel: {policy}")
    ok = result.returncode == 0 and policy is not None and not policy.startswith("linux_")
    if ok:
        family, major, minor = re.match(r"(manylinux|musllinux)_(\d+)_(\d+)_", policy).groups()
        declared = [tuple(map(int, m.groups())) for p in platforms
                    if (m := re.match(rf"{family}_(\d+)_(\d+)_", p.replace("manylinux2014", "manylinux_2_17")))]
        # The wheel may claim its policy or a newer one (a 1_1-clean wheel is fine as 1_2).
        ok = bool(declared) and all((int(major), int(minor)) <= d for d in declared)
        why = f"auditwheel: {policy}, the wheel claims {platforms}"
    row.check("auditwheel", ok, why)


def check_elf(row: Row, data: bytes, arch: str, platforms: list[str]) -> None:
    auditwheel(row, platforms)
    elf = lief.ELF.parse(list(data))
    machine = {"x86_64": lief.ELF.ARCH.X86_64, "aarch64": lief.ELF.ARCH.AARCH64}[arch]
    row.check("ELF machine", elf.header.machine_type == machine, str(elf.header.machine_type))
    libc = "musl" if any(p.startswith("musllinux") for p in platforms) else "glibc"
    extra = [lib for lib in elf.libraries if not ELF_NEEDED[libc].match(lib)]
    row.check("DT_NEEDED", not extra, f"links {extra}")
    if libc == "glibc":
        versions = {a.name for r in elf.symbols_version_requirement for a in r.get_auxiliary_symbols()}
        glibc = [tuple(map(int, v[6:].split("."))) for v in versions if v.startswith("GLIBC_2")]
        newest = max(glibc)
        row.check("glibc<=2.17", newest <= GLIBC_MAX, f"needs GLIBC_{'.'.join(map(str, newest))}")
        row.notes.append(f"newest symbol GLIBC_{'.'.join(map(str, newest))}")
    row.check("stripped", len(elf.symtab_symbols) == 0, f"{len(elf.symtab_symbols)} .symtab symbols")
    exported = sorted({s.name for s in elf.exported_functions})
    row.check("exports", exported == ["PyInit__core"], f"exports {exported[:5]}")


def check_macho(row: Row, data: bytes, arch: str, platforms: list[str]) -> None:
    fat = lief.MachO.parse(list(data))
    if fat is None or fat.size != 1:
        row.check("Mach-O", False, "not a single-architecture Mach-O")
        return
    macho = fat.at(0)
    cpu = {"x86_64": lief.MachO.Header.CPU_TYPE.X86_64, "arm64": lief.MachO.Header.CPU_TYPE.ARM64}[arch]
    row.check("Mach-O cpu", macho.header.cpu_type == cpu, str(macho.header.cpu_type))
    libs = [lib.name for lib in macho.libraries if lib.command != lief.MachO.LoadCommand.TYPE.ID_DYLIB]
    extra = [lib for lib in libs if not MACHO_LIBS.match(lib)]
    row.check("system libs only", not extra and bool(libs), f"links {extra or 'nothing'}")
    row.notes.append("links " + ", ".join(lib.rsplit("/", 1)[1] for lib in libs))
    if macho.has_build_version:
        minos = tuple(macho.build_version.minos[:2])
    elif macho.has_version_min:
        minos = tuple(macho.version_min.version[:2])
    else:
        minos = None
    tag = next(tuple(map(int, m.groups())) for p in platforms if (m := re.match(r"macosx_(\d+)_(\d+)_", p)))
    row.check("minos=tag", minos == tag, f"minimum macOS {minos}, tag says {tag}")
    row.notes.append(f"minimum macOS {'.'.join(map(str, minos or ()))}")
    if arch == "arm64":
        row.check("signed", macho.has_code_signature, "no LC_CODE_SIGNATURE (macOS refuses unsigned arm64 code)")
    exported = {s.name for s in macho.exported_symbols}
    row.check("exports", "_PyInit__core" in exported, "_PyInit__core is not exported")
    # zig's Mach-O linker ignores rustc's -exported_symbols_list: every Rust symbol stays
    # exported, so `strip -x` has nothing it may remove (see packaging/README.md). Reported,
    # and held by the size budget.
    row.notes.append(f"{len(exported):,} exported symbols (zig ld ignores the export list)")


def check_pe(row: Row, data: bytes, name: str, arch: str) -> None:
    pe = lief.PE.parse(list(data))
    machine = {"x86_64": lief.PE.Header.MACHINE_TYPES.AMD64, "arm64": lief.PE.Header.MACHINE_TYPES.ARM64}[arch]
    row.check("PE machine", pe.header.machine == machine, str(pe.header.machine))
    dlls = sorted(i.name.lower() for i in pe.imports)
    extra = [d for d in dlls if not PE_DLLS.match(d)]
    row.check("system DLLs only", not extra, f"imports {extra}")
    row.check("python3.dll", "python3.dll" in dlls, "does not import python3.dll")
    row.notes.append("imports " + ", ".join(dlls))
    row.check(".pyd", name.endswith("_core.pyd"), f"extension is {name}")
    exported = sorted(e.name for e in pe.get_export().entries) if pe.has_exports else []
    row.check("exports", exported == ["PyInit__core"], f"exports {len(exported)}: {exported[:5]}")
    row.check("stripped", pe.header.numberof_symbols == 0, f"{pe.header.numberof_symbols} COFF symbols")


# ----------------------------------------------------------------------------------------- sdist

def check_sdist(row: Row) -> None:
    row.tag = "sdist"
    top = f"cake_sdk-{VERSION}"
    with tarfile.open(row.path) as tar:
        names = set(tar.getnames())
        config = tar.extractfile(f"{top}/.cargo/config.toml").read().decode() if f"{top}/.cargo/config.toml" in names else ""
        lock = tomllib.loads(tar.extractfile(f"{top}/Cargo.lock").read().decode()) if f"{top}/Cargo.lock" in names else {}
        pyproject = tomllib.loads(tar.extractfile(f"{top}/pyproject.toml").read().decode())
    needed = ["PKG-INFO", "pyproject.toml", "Cargo.toml", "Cargo.lock", "README.md", "core/src/lib.rs",
              "mock-server/src/lib.rs", "bindings-python/Cargo.toml", "bindings-python/src/lib.rs",
              "python/cake_sdk/__init__.py", "python/cake_sdk/_core.pyi", "python/cake_sdk/py.typed"]
    missing = [n for n in needed if f"{top}/{n}" not in names]
    row.check("contents", not missing, f"missing {missing}")
    binaries = [n for n in names if re.search(r"\.(so|pyd|dylib|whl)$", n)]
    row.check("no binaries", not binaries, f"ships {binaries[:5]}")
    vendored = {n.split("/")[2] for n in names if n.startswith(f"{top}/vendor/") and n.count("/") >= 3}
    replaced = tomllib.loads(config).get("source", {}) if config else {}
    row.check("vendored", bool(vendored) and replaced.get("crates-io", {}).get("replace-with") == "vendored-sources"
              and replaced.get("vendored-sources", {}).get("directory") == "vendor",
              f"{len(vendored)} crates, config {replaced}")
    repo = {(p["name"], p["version"]): p.get("checksum")
            for p in tomllib.loads((ROOT / "Cargo.lock").read_text())["package"]}
    moved = [f"{p['name']} {p['version']}" for p in lock.get("package", [])
             if repo.get((p["name"], p["version"]), "absent") != p.get("checksum")]
    row.check("lock pinned", bool(lock) and not moved, f"not as the repository pins: {moved[:5]}")
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]
    project = pyproject["project"]
    row.check("pyproject", project["name"] == "cake-sdk" and project["requires-python"] == ">=3.9"
              and project.get("urls", {}).get("Repository") == workspace["repository"]
              and project["license"] == {"text": workspace["license"]},
              f"name, requires-python, Repository URL or license not as the workspace's: {project}")
    row.notes.append(f"{len(vendored)} crates in vendor/ (those no platform compiles are stubs)")


def twine(rows: list[Row]) -> None:
    for row in rows:
        result = sh(BIN / "twine", "--no-color", "check", "--strict", row.path)
        row.check("twine", result.returncode == 0 and "PASSED" in result.stdout,
                  (result.stdout + result.stderr)[-400:])


def budget(row: Row) -> None:
    size = row.path.stat().st_size
    if row.tag == "sdist":
        row.check("size", size <= BUDGET["sdist"], f"{size / MB:.2f} MB > {BUDGET['sdist'] / MB} MB")
        return
    ok = size <= BUDGET["wheel"] and (row.ext_size or 0) <= BUDGET["extension"]
    row.check("size", ok, f"wheel {size / MB:.2f} MB (budget {BUDGET['wheel'] / MB}), "
                          f"extension {(row.ext_size or 0) / MB:.2f} MB (budget {BUDGET['extension'] / MB})")


# ----------------------------------------------------------------------------------- running it

def pythons() -> list[tuple[tuple[int, int], pathlib.Path]]:
    """Every CPython >= 3.9 on this machine that can make a venv (pyenv's, Debian's)."""
    candidates = set()
    pyenv = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    candidates |= set(pyenv.glob("versions/*/bin/python3"))
    candidates |= set(pathlib.Path("/usr/bin").glob("python3.[0-9]*"))
    for name in ("python3",):
        if found := shutil.which(name):
            candidates.add(pathlib.Path(found))
    found: dict[tuple[int, int], pathlib.Path] = {}
    for exe in sorted(candidates):
        if not re.search(r"python3(\.\d+)?$", exe.name):
            continue
        probe = sh(exe, "-c", "import sys, venv, ensurepip; print(sys.implementation.name, *sys.version_info[:2])",
                   timeout=30)
        if probe.returncode != 0:
            continue
        impl, major, minor = probe.stdout.split()
        if impl == "cpython" and (int(major), int(minor)) >= (3, 9):
            found.setdefault((int(major), int(minor)), exe)
    return sorted(found.items())


SMOKE = """
import platform, sys, pathlib
import cake_sdk, cake_sdk.aio, cake_sdk.testing
from cake_sdk import Client, ValidationError
from cake_sdk.testing import MockServer
assert cake_sdk.__version__ == {version!r}, cake_sdk.__version__
where = pathlib.Path(cake_sdk._core.__file__).resolve()
assert {inside!r} in str(where), where
try:
    cake_sdk.validate("create_offer", {{"offer_name": ""}})
except ValidationError:
    pass
with MockServer() as mock, Client(**mock.client_kwargs()) as cake:
    offer = cake.create_offer(offer_name="Smoke", advertiser_id=1001, vertical_id=7,
                              offer_url="https://shop.example.com/?sub={{sub_id}}", payout="24.00", revenue="30")
    assert str(offer.payout) == "24.00", offer.payout
    assert mock.state()["offers"], "the mock did not record the offer"
print(f"smoke ok: cake_sdk {{cake_sdk.__version__}}, CPython {{platform.python_version()}} {{platform.machine()}}, "
      f"offer {{offer.offer_id}} from {{where.name}}")
"""

README_HARNESS = """
import asyncio, os, textwrap
from decimal import Decimal
from cake_sdk.testing import MockServer

EXAMPLE = {example!r}
rows = [
    {{"offer_name": "Summer Sale CPA", "advertiser_id": 1001, "vertical_id": 7,
      "offer_url": "https://shop.example.com/?sub={{sub_id}}", "payout": "24.00", "payout_type": "cpa", "revenue": "30.00"}},
    {{"offer_name": "Autumn Leads", "advertiser_id": 1001, "vertical_id": 7,
      "offer_url": "https://shop.example.com/autumn", "payout": Decimal("12.5"), "revenue": 18}},
    {{"offer_name": "", "advertiser_id": 1001, "vertical_id": 7, "offer_url": "not a url", "payout": "1"}},
]
with MockServer() as mock:
    mock.seed({{"affiliates": [{{"affiliate_name": "Northwind Media", "account_manager_id": 1}}],
               "sub_affiliates": [{{"affiliate_id": 67890, "sub_affiliate_name": n, "payout": "5", "payout_type": "cpa"}}
                                  for n in ("blog-east", "social-west")]}})
    os.environ["CAKE_BASE_URL"], os.environ["CAKE_API_KEY"] = mock.url, mock.api_key
    # The README's snippet is top-level `async with`: run it as the body of a coroutine.
    source = "async def readme_example(rows):\\n" + textwrap.indent(EXAMPLE, "    ") + "\\n    return results, frame\\n"
    namespace = {{}}
    exec(compile(source, "README.md (## Python)", "exec"), namespace)
    results, frame = asyncio.run(namespace["readme_example"](rows))
    statuses = [r.status for r in results]
    assert statuses == ["ok", "ok", "invalid"], statuses
    assert len(mock.state()["offers"]) == 2
    assert type(frame).__module__.startswith("pandas"), type(frame)
    assert len(frame) == 2 and "payout" in frame.columns, frame
    print(f"README example ok: bulk {{statuses}}, report frame {{frame.shape[0]}} rows x {{frame.shape[1]}} columns")
"""


def readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = re.search(r"^## Python\n(.*?)^## ", text, re.S | re.M)
    block = re.search(r"```python\n(.*?)```", section.group(1), re.S) if section else None
    if block is None:
        raise SystemExit("README.md has no ```python block under '## Python'")
    return block.group(1)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CAKE_", "PYTHON", "VIRTUAL_ENV", "CARGO_TARGET_DIR", "CONDA"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_checked(row: Row, name: str, args: list, cwd: pathlib.Path, env: dict, timeout: float = 900) -> bool:
    start = time.monotonic()
    result = sh(*args, cwd=cwd, env=env, timeout=timeout)
    ok = result.returncode == 0
    row.check(name, ok, (result.stdout + result.stderr)[-1500:])
    if ok and result.stdout.strip():
        row.notes.append(f"{name}: {result.stdout.strip().splitlines()[-1]} ({time.monotonic() - start:.0f} s)")
    return ok


def run_wheel_in_venvs(row: Row, interpreters) -> None:
    ran = []
    for (major, minor), exe in interpreters:
        with tempfile.TemporaryDirectory(prefix="cake-wheel-") as tmp:
            tmp = pathlib.Path(tmp)
            env = clean_env()
            venv = tmp / "venv"
            if not run_checked(row, f"venv {major}.{minor}", [exe, "-m", "venv", venv], tmp, env):
                continue
            py = venv / "bin/python"
            # The [pandas] extra: the README example ends in .to_pandas().
            if not run_checked(row, f"pip {major}.{minor}",
                               [py, "-m", "pip", "install", "-q", f"{row.path}[pandas]"], tmp, env):
                continue
            (tmp / "smoke.py").write_text(SMOKE.format(version=VERSION, inside=str(venv)))
            (tmp / "readme_example.py").write_text(README_HARNESS.format(example=readme_example()))
            ok = run_checked(row, f"smoke {major}.{minor}", [py, "smoke.py"], tmp, env, 300)
            ok = run_checked(row, f"README {major}.{minor}", [py, "readme_example.py"], tmp, env, 300) and ok
            if ok:
                ran.append(f"{major}.{minor}")
    row.ran = f"yes: CPython {', '.join(ran)}" if ran else "no"


def debian_mirror() -> str:
    """The Debian mirror apt already uses for bookworm (deb822 .sources or one-line .list)."""
    files = sorted(pathlib.Path("/etc/apt/sources.list.d").glob("*.sources"))
    for path in files:
        for stanza in path.read_text().split("\n\n"):
            fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.M))
            if "bookworm" in fields.get("Suites", "").split() and fields.get("URIs", "").rstrip("/").endswith("/debian"):
                return fields["URIs"].split()[0]
    lists = [pathlib.Path("/etc/apt/sources.list"), *sorted(pathlib.Path("/etc/apt/sources.list.d").glob("*.list"))]
    for path in lists:
        if path.exists():
            for m in re.finditer(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+/debian)/?\s+bookworm\s", path.read_text(), re.M):
                return m.group(1)
    return "http://deb.debian.org/debian"


def aarch64_sysroot() -> pathlib.Path:
    """A Debian bookworm arm64 tree with python3.11 (its stdlib included), unpacked, not
    installed: debootstrap's first stage, then dpkg-deb -x of the .debs it fetched. Cached."""
    root = TARGET / "qemu-aarch64-bookworm"
    if (root / ".complete").exists():
        return root
    sudo = [] if os.geteuid() == 0 else ["sudo"]  # root here; a hosted runner's user elsewhere
    keyring = pathlib.Path("/usr/share/keyrings/debian-archive-keyring.gpg")
    if not shutil.which("qemu-aarch64-static") or not shutil.which("debootstrap") or not keyring.exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300",
                        "qemu-user-static", "debootstrap", "debian-archive-keyring"], check=True, env=env)
    subprocess.run([*sudo, "rm", "-rf", root], check=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    mirror = debian_mirror()
    log(f"   debootstrap arm64 bookworm from {mirror} into {root}")
    boot = sh(*sudo, "debootstrap", "--arch=arm64", "--foreign", "--variant=minbase", "--include=python3.11",
              f"--keyring={keyring}", "bookworm", root, mirror, timeout=900)
    if boot.returncode != 0:
        raise RuntimeError(f"debootstrap failed: {boot.stdout[-800:]}{boot.stderr[-800:]}")
    for deb in sorted((root / "var/cache/apt/archives").glob("*.deb")):
        subprocess.run([*sudo, "dpkg-deb", "-x", deb, root], check=True)
    subprocess.run([*sudo, "sh", "-c", f"echo {mirror} > {root}/.complete"], check=True)
    return root


def run_wheel_under_qemu(row: Row) -> None:
    try:
        sysroot = aarch64_sysroot()
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        row.check("qemu", False, str(e))
        return
    with tempfile.TemporaryDirectory(prefix="cake-aarch64-") as tmp:
        tmp = pathlib.Path(tmp)
        site = tmp / "site"
        with zipfile.ZipFile(row.path) as wheel:
            wheel.extractall(site)
        (tmp / "smoke.py").write_text(SMOKE.format(version=VERSION, inside=str(site)))
        env = clean_env(PYTHONPATH=str(site), PYTHONNOUSERSITE="1")
        python = sysroot / "usr/bin/python3.11"
        if run_checked(row, "qemu aarch64 3.11", ["qemu-aarch64-static", "-L", sysroot, python, "smoke.py"],
                       tmp, env, 600):
            row.ran = "yes: CPython 3.11 arm64 (Debian bookworm) under qemu-user"


def run_sdist(row: Row, interpreter) -> None:
    """pip builds the sdist in a fresh venv (cargo offline), then the smoke test runs."""
    (major, minor), exe = interpreter
    with tempfile.TemporaryDirectory(prefix="cake-sdist-") as tmp:
        tmp = pathlib.Path(tmp)
        # An empty CARGO_HOME and no network for cargo: the vendored crates are all it has. The
        # target dir is kept between runs (under target/dist) so a second check recompiles only
        # cake's own crates; the crates.io ones are the vendored sources either way.
        env = clean_env(CARGO_HOME=str(tmp / "cargo-home"), CARGO_NET_OFFLINE="true",
                        CARGO_TARGET_DIR=str(TARGET / "python-sdist"), CARGO_TERM_COLOR="never")
        venv = tmp / "venv"
        if not run_checked(row, f"venv {major}.{minor}", [exe, "-m", "venv", venv], tmp, env):
            return
        py = venv / "bin/python"
        if not run_checked(row, "pip install sdist", [py, "-m", "pip", "install", "-q", row.path], tmp, env, 1800):
            return
        (tmp / "smoke.py").write_text(SMOKE.format(version=VERSION, inside=str(venv)))
        if run_checked(row, f"smoke {major}.{minor}", [py, "smoke.py"], tmp, env, 300):
            row.ran = f"yes: built by pip (cargo offline, empty CARGO_HOME), CPython {major}.{minor}"


# ------------------------------------------------------------------------------ the mock's share

def loaded_size(data: bytes) -> int:
    """Bytes the extension maps into memory: its SHF_ALLOC sections with contents."""
    elf = lief.ELF.parse(list(data))
    return sum(s.size for s in elf.sections if s.has(lief.ELF.Section.FLAGS.ALLOC)
               and s.type != lief.ELF.Section.TYPE.NOBITS)


def mock_share(sdist: Row, shipped: Row) -> str:
    """What cake_sdk.testing.MockServer (cake-mock, with axum and hyper's server side) adds to
    the shipped x86_64 manylinux2014 wheel, measured by building that wheel once more without
    the mock. The sources are the sdist's, unpacked into target/dist/python-nomock (kept while
    the sdist is unchanged, so a second check rebuilds nothing), with the mock taken out of
    cake-python: its `cake-mock` dependency, `mod mock;`, the two `mock::` registrations in
    lib.rs, mock.rs. The vendored crates and their source replacement are dropped, so the build
    is the wheel's own: the same command, profile, zig linker wrappers and target dir, sharing
    every dependency the mock does not change. If the patch no longer applies, it says so."""
    work = TARGET / "python-nomock"
    top = work / f"cake_sdk-{VERSION}"
    digest = hashlib.sha256(sdist.path.read_bytes()).hexdigest()
    stamp = work / "sdist.sha256"
    if not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        with tarfile.open(sdist.path) as tar:
            tar.extractall(work, filter="data")
        shutil.rmtree(top / "vendor")
        shutil.rmtree(top / ".cargo")
        cargo_toml = top / "bindings-python/Cargo.toml"
        lib_rs = top / "bindings-python/src/lib.rs"
        manifest = re.sub(r"(?m)^cake-mock\s*=.*\n", "", cargo_toml.read_text())
        lib = "".join(line for line in lib_rs.read_text().splitlines(True)
                      if line.strip() != "mod mock;" and "mock::" not in line)
        if manifest == cargo_toml.read_text() or lib == lib_rs.read_text() or "mock" in lib:
            return ("not measured: bindings-python no longer takes the mock out the way check.py expects "
                    "(`cake-mock` in Cargo.toml, `mod mock;` and `mock::` lines in lib.rs)")
        cargo_toml.write_text(manifest)
        lib_rs.write_text(lib)
        (top / "bindings-python/src/mock.rs").unlink()
        stamp.write_text(digest)
    shutil.rmtree(work / "wheels", ignore_errors=True)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "CARGO_TARGET_DIR": str(TARGET),
           "CARGO_BIN_EXE_cargo-zigbuild": str(BIN / "maturin"), "CARGO_TERM_COLOR": "never"}
    build = sh(BIN / "maturin", "build", "--profile", "release-native", "--zig", "--target",
               "x86_64-unknown-linux-gnu", "--compatibility", "manylinux2014", "--out", work / "wheels",
               cwd=top, env=env, timeout=1800)
    wheels = list((work / "wheels").glob("*.whl"))
    if build.returncode != 0 or len(wheels) != 1:
        return f"not measured: the build without the mock failed: {build.stderr[-600:]}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        _, without = extension(wheel)
    with zipfile.ZipFile(shipped.path) as wheel:
        _, with_mock = extension(wheel)
    ext_a, ext_b = len(with_mock), len(without)
    whl_a, whl_b = shipped.path.stat().st_size, wheels[0].stat().st_size
    load_a, load_b = loaded_size(with_mock), loaded_size(without)
    return (f"The x86_64 manylinux2014 wheel built once more without the mock (same command, profile and "
            f"linker): the extension is {ext_a / MB:.2f} MB with it and {ext_b / MB:.2f} MB without, so the "
            f"mock adds {(ext_a - ext_b) / MB:.2f} MB ({(ext_a - ext_b) / ext_a:.1%}; loaded sections "
            f"{(load_a - load_b) / MB:.2f} MB); the wheel is {whl_a / MB:.2f} MB with it and {whl_b / MB:.2f} MB "
            f"without: {(whl_a - whl_b) / MB:.2f} MB ({(whl_a - whl_b) / whl_a:.1%}). The other wheels alike, "
            f"in proportion.")


# -------------------------------------------------------------------------------------- main

def table(rows: list[Row]) -> str:
    lines = ["| file | tag | size | extension (uncompressed) | checks | ran for real |",
             "|---|---|---:|---:|---|---|"]
    for r in rows:
        ext = f"{r.ext_size / MB:.2f} MB" if r.ext_size else ""
        lines.append(f"| {r.path.name} | {r.tag} | {r.path.stat().st_size / MB:.2f} MB | {ext} | "
                     f"{', '.join(r.checks)} | {r.ran} |")
    return "\n".join(lines)


PHASES: list[tuple[str, float]] = []


class phase:
    """Logs a step and how long it took (the times go into CHECKS.md)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        log(f"== {self.name}")
        self.start = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        PHASES.append((self.name, time.monotonic() - self.start))
        log(f"   {PHASES[-1][1]:.0f} s")


def main() -> int:
    started = time.monotonic()
    wheels = sorted(DIST.glob(f"cake_sdk-{VERSION}-*.whl"))
    sdists = sorted(DIST.glob(f"cake_sdk-{VERSION}.tar.gz"))
    expected = REQUIRED
    have = {p for w in wheels for t in parse_wheel_filename(w.name)[3] for p in [t.platform] if p in expected}
    if expected - have or not sdists:
        print(f"missing in {DIST}: {sorted(expected - have)} {'' if sdists else 'sdist'} (run make dist-python)",
              file=sys.stderr)
        return 1
    rows = [Row(w) for w in wheels] + [Row(s) for s in sdists]

    with phase("static checks (twine, abi3audit, auditwheel, lief, sizes)"):
        for row in rows:
            check_sdist(row) if row.path.name.endswith(".tar.gz") else check_wheel(row)
        twine(rows)
        for row in rows:
            budget(row)

    interpreters = pythons()
    chosen = [interpreters[0], interpreters[-1]] if len(interpreters) > 1 else interpreters
    log("== CPythons here: " + ", ".join(f"{v[0]}.{v[1]} ({p})" for v, p in interpreters)
        + f"; using {', '.join(f'{v[0]}.{v[1]}' for v, _ in chosen)}")
    by_platform = {p: r for r in rows for p in r.tag.split("-")[-1].split(".")}
    with phase("manylinux2014 x86_64 wheel in fresh venvs: smoke, README example"):
        run_wheel_in_venvs(by_platform["manylinux2014_x86_64"], chosen)
    with phase("manylinux2014 aarch64 wheel under qemu-user"):
        run_wheel_under_qemu(by_platform["manylinux2014_aarch64"])
    with phase("the sdist, built by pip (cargo offline)"):
        run_sdist(rows[-1], chosen[-1])
    for row in rows:
        if row.ran == "no":
            row.ran = {"musllinux": "no: no musl CPython from the registries (Alpine's are not reachable)",
                       "macosx": "no: macOS binaries do not run on Linux",
                       "win": "no: Windows binaries do not run here (no Wine from the registries is used)",
                       "manylinux2014": "no: see failures"}.get(
                next((k for k in ("musllinux", "macosx", "win", "manylinux2014") if k in row.tag), ""), "no")
    with phase("the embedded mock's share (the x86_64 wheel built without it)"):
        share = mock_share(rows[-1], by_platform["manylinux2014_x86_64"])

    summary = table(rows)
    notes = [f"- {r.path.name}: " + "; ".join(r.notes) for r in rows if r.notes]
    failures = [f"- {r.path.name}: {f}" for r in rows for f in r.failures]
    report = textwrap.dedent(f"""\
        # cake-sdk {VERSION}: Python artifacts, checked

        Written by `make dist-check-python` (packaging/python/check.py) in {time.monotonic() - started:.0f} s.
        Budgets: wheel <= {BUDGET['wheel'] / MB:g} MB, extension <= {BUDGET['extension'] / MB:g} MB uncompressed,
        sdist <= {BUDGET['sdist'] / MB:g} MB. CPythons found here: {', '.join(f'{v[0]}.{v[1]}' for v, _ in interpreters)}.

        """) + summary + "\n\n## Details\n\n" + "\n".join(notes) + f"\n\n## The embedded mock\n\n{share}\n" \
        + "\n## Time\n\n" + "\n".join(f"- {name}: {secs:.0f} s" for name, secs in PHASES) + "\n"
    if failures:
        report += "\n## Failures\n\n" + "\n".join(failures) + "\n"
    (DIST / "CHECKS.md").write_text(report)
    print(summary)
    print("\n" + share)
    if failures:
        print("\nFAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    print(f"\nall Python artifacts pass ({time.monotonic() - started:.0f} s); {DIST / 'CHECKS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
