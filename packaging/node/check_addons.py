#!/usr/bin/env python3
"""Checks every addon in the Node tarballs of $CAKE_DIST/node with tools, not eyes (lief for
ELF and Mach-O, the WebAssembly module's own sections for the wasi fallback):

- each platform package's manifest (os, cpu, libc, main, files) against the binary it holds;
- ELF: machine, a shared object; glibc builds need no GLIBC symbol version above 2.28 (Node 20's
  own minimum) and only glibc's libraries; musl builds only musl's libc;
- Mach-O: CPU, a dylib that only loads system libraries (/usr/lib, no Homebrew or
  /usr/local paths, no frameworks), its minimum macOS at most Node 20's own (10.15 on x64,
  11.0 on arm64), arm64 code-signed (macOS refuses unsigned arm64 code);
- wasm: a WebAssembly module that imports only what napi-rs's WASI runtime provides
  (env, wasi_snapshot_preview1, wasi, napi, emnapi) and a shared memory (wasi-threads);
- sizes against the budgets below; the main package holds no addon.

Writes the rows as JSON (for CHECKS.md) and exits 1 listing every failure.
    check_addons.py <dist/node> <rows.json>
"""

import io
import json
import sys
import tarfile

import lief

lief.logging.disable()

# Budgets, bytes of the addon as installed (stripped): the sizes of 0.1.0 with ~20% room.
MB = 1024 * 1024
BUDGET = {
    "linux": 7 * MB,  # 5.0-5.6 MB
    "darwin": 10 * MB,  # 7.8-8.1 MB: zig keeps local symbols, the code is ~5.2 MB
    # 1.77 MB: the client and the mock's routes since the fallback has them (0.58 MB without);
    # the reqwest/hyper stacks stay out (node:http sends and serves).
    "wasm32": int(2.25 * MB),
}
GLIBC_MAX = (2, 28)
GLIBC_LIBS = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libgcc_s.so.1",
              "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}
MACOS_SYSTEM = {"/usr/lib/libSystem.B.dylib", "/usr/lib/libiconv.2.dylib", "/usr/lib/libcharset.1.dylib"}
MACOS_MIN = {"x64": (10, 15), "arm64": (11, 0)}
WASI_MODULES = {"env", "wasi_snapshot_preview1", "wasi", "napi", "emnapi"}
ELF_ARCH = {"x64": lief.ELF.ARCH.X86_64, "arm64": lief.ELF.ARCH.AARCH64}
MACHO_CPU = {"x64": lief.MachO.Header.CPU_TYPE.X86_64, "arm64": lief.MachO.Header.CPU_TYPE.ARM64}


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def check_elf(data, cpu, libc, fail):
    binary = lief.ELF.parse(list(data))
    facts = []
    if binary is None:
        fail("not an ELF file")
        return facts
    if binary.header.machine_type != ELF_ARCH[cpu]:
        fail(f"machine {binary.header.machine_type}, not {cpu}")
    facts.append(f"ELF {cpu}")
    if binary.header.file_type != lief.ELF.Header.FILE_TYPE.DYN:
        fail(f"not a shared object: {binary.header.file_type}")
    needed = sorted(binary.libraries)
    versions = sorted({aux.name for req in binary.symbols_version_requirement for aux in req.get_auxiliary_symbols()})
    glibc = sorted((version_tuple(v[len("GLIBC_"):]) for v in versions if v.startswith("GLIBC_")), reverse=True)
    if libc == "glibc":
        top = glibc[0] if glibc else None
        if top is None or top > GLIBC_MAX:
            fail(f"needs GLIBC_{'.'.join(map(str, top)) if top else '?'} (at most {'.'.join(map(str, GLIBC_MAX))})")
        other = [lib for lib in needed if lib not in GLIBC_LIBS]
        if other:
            fail(f"needs libraries beyond glibc: {other}")
        facts.append(f"max GLIBC_{'.'.join(map(str, top))} (<= 2.28)" if top else "no GLIBC versions")
    else:
        musl = {"libc.so", f"libc.musl-{'x86_64' if cpu == 'x64' else 'aarch64'}.so.1"}
        if not needed or any(lib not in musl for lib in needed):
            fail(f"needs {needed}, not musl's libc alone")
        if versions:
            fail(f"glibc symbol versions in a musl build: {versions}")
        facts.append(f"needs {', '.join(needed)} only (musl), no GLIBC versions")
    if binary.has_interpreter:
        fail(f"has an interpreter ({binary.interpreter}): an executable, not an addon")
    if binary.has_section(".debug_info") or binary.has_section(".symtab"):
        fail("not stripped (.symtab or .debug_info present)")
    else:
        facts.append("stripped")
    if not any(s.name == "napi_register_module_v1" for s in binary.exported_symbols):
        fail("does not export napi_register_module_v1")
    return facts


def check_macho(data, cpu, fail):
    fat = lief.MachO.parse(list(data))
    facts = []
    if fat is None or fat.size != 1:
        fail("not a single-architecture Mach-O file")
        return facts
    binary = fat.at(0)
    if binary.header.cpu_type != MACHO_CPU[cpu]:
        fail(f"CPU {binary.header.cpu_type}, not {cpu}")
    if binary.header.file_type not in (lief.MachO.Header.FILE_TYPE.DYLIB, lief.MachO.Header.FILE_TYPE.BUNDLE):
        fail(f"not a dylib or bundle: {binary.header.file_type}")
    facts.append(f"Mach-O {cpu}")
    loads = [c.name for c in binary.commands if c.command in (
        lief.MachO.LoadCommand.TYPE.LOAD_DYLIB, lief.MachO.LoadCommand.TYPE.LOAD_WEAK_DYLIB,
        lief.MachO.LoadCommand.TYPE.REEXPORT_DYLIB, lief.MachO.LoadCommand.TYPE.LAZY_LOAD_DYLIB)]
    outside = [lib for lib in loads if lib not in MACOS_SYSTEM]
    if outside:
        fail(f"loads libraries beyond the system's: {outside}")
    facts.append("loads " + ", ".join(sorted(lib.rsplit('/', 1)[-1] for lib in loads)) + " only (no frameworks)")
    if binary.has_build_version:
        minimum = tuple(binary.build_version.minos[:2])
    elif binary.has_version_min:
        minimum = tuple(binary.version_min.version[:2])
    else:
        minimum = None
        fail("no minimum macOS version (LC_BUILD_VERSION / LC_VERSION_MIN_MACOSX)")
    if minimum is not None:
        if minimum > MACOS_MIN[cpu]:
            fail(f"needs macOS {minimum[0]}.{minimum[1]}, later than Node 20's {MACOS_MIN[cpu]}")
        facts.append(f"macOS >= {minimum[0]}.{minimum[1]}")
    if cpu == "arm64":
        if not binary.has_code_signature:
            fail("arm64 code without a code signature: macOS will not load it")
        else:
            signature = binary.code_signature
            problem = code_directory_problem(data, bytes(signature.content))
            if problem:
                fail(f"code signature does not match the code: {problem}")
            else:
                facts.append("code-signed (ad hoc), every page's hash matches")
    if not any(s.name == "_napi_register_module_v1" for s in binary.exported_symbols):
        fail("does not export napi_register_module_v1")
    return facts


def code_directory_problem(data, blob):
    """None if the CodeDirectory's page hashes match the file (what macOS checks on arm64: a
    strip after signing would break them), else what is wrong."""
    import hashlib
    import struct

    def u32(buf, at):
        return struct.unpack_from(">I", buf, at)[0]

    if u32(blob, 0) != 0xFADE0CC0:
        return "not an embedded signature SuperBlob"
    for index in range(u32(blob, 8)):
        slot_type, offset = struct.unpack_from(">II", blob, 12 + 8 * index)
        if slot_type != 0:  # CSSLOT_CODEDIRECTORY
            continue
        cd = blob[offset:]
        if u32(cd, 0) != 0xFADE0C02:
            return "bad CodeDirectory magic"
        hash_offset, _, _, n_code, code_limit = struct.unpack_from(">IIIII", cd, 16)
        hash_size, hash_type, _, page_shift = struct.unpack_from(">BBBB", cd, 36)
        if hash_type != 2 or hash_size != 32:
            return f"hash type {hash_type} (size {hash_size}), not SHA-256"
        page = 1 << page_shift
        for n in range(n_code):
            chunk = data[n * page:min((n + 1) * page, code_limit)]
            if hashlib.sha256(chunk).digest() != cd[hash_offset + 32 * n:hash_offset + 32 * (n + 1)]:
                return f"page {n} of {n_code} differs"
        return None
    return "no CodeDirectory"


def wasm_sections(data):
    """The import section's (module, name, kind) and whether the memory is shared."""
    def leb(pos):
        result = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return result, pos

    def name(pos):
        length, pos = leb(pos)
        return data[pos:pos + length].decode(), pos + length

    if data[:4] != b"\0asm":
        raise ValueError("not a WebAssembly module")
    pos, imports, shared = 8, [], False
    while pos < len(data):
        section, pos = data[pos], pos + 1
        size, pos = leb(pos)
        end = pos + size
        if section == 2:
            count, cur = leb(pos)
            for _ in range(count):
                module, cur = name(cur)
                field, cur = name(cur)
                kind, cur = data[cur], cur + 1
                if kind == 0:
                    _, cur = leb(cur)
                elif kind == 1:
                    cur += 1
                    flags, cur = leb(cur)
                    _, cur = leb(cur)
                    if flags & 1:
                        _, cur = leb(cur)
                elif kind == 2:
                    flags, cur = leb(cur)
                    shared = shared or bool(flags & 2)
                    _, cur = leb(cur)
                    if flags & 1:
                        _, cur = leb(cur)
                elif kind == 3:
                    cur += 2
                imports.append((module, field, kind))
        pos = end
    return imports, shared


def check_wasm(data, fail):
    facts = []
    try:
        imports, shared = wasm_sections(data)
    except (ValueError, IndexError) as error:
        fail(f"unreadable module: {error}")
        return facts
    modules = sorted({module for module, _, _ in imports})
    foreign = [m for m in modules if m not in WASI_MODULES]
    if foreign:
        fail(f"imports from {foreign}: not provided by napi-rs's WASI runtime")
    facts.append(f"wasm, imports {', '.join(modules)} only")
    if not shared:
        fail("memory is not shared (wasi-threads needs it)")
    else:
        facts.append("shared memory")
    return facts


def main():
    dist, rows_file = sys.argv[1:3]
    from pathlib import Path
    rows, failures = [], []
    tarballs = sorted(Path(dist).glob("*.tgz"))
    if not tarballs:
        print(f"no tarballs in {dist}: run make dist-node", file=sys.stderr)
        return 1
    for tarball in tarballs:
        with tarfile.open(tarball) as archive:
            files = {m.name[len("package/"):]: m for m in archive.getmembers() if m.isfile()}
            manifest = json.load(archive.extractfile(files["package.json"]))
            addons = [f for f in files if f.endswith(".node") or f.endswith(".wasm")]
            name = manifest["name"]

            def fail(message, where=tarball.name):
                failures.append(f"{where}: {message}")

            if name == "cake-sdk":
                if addons:
                    fail(f"the main package holds addons: {addons}")
                optional = manifest.get("optionalDependencies", {})
                others = sorted(t.name for t in tarballs if t.name != tarball.name)
                wanted = sorted(f"{n}-{v}.tgz" for n, v in optional.items())
                if wanted != others:
                    fail(f"optionalDependencies {wanted} are not the platform tarballs {others}")
                if any(v != manifest["version"] for v in optional.values()):
                    fail("an optionalDependency is not at the package's version")
                rows.append({"file": tarball.name, "platform": "all (JS, loader, types)",
                             "size": tarball.stat().st_size, "addon_size": None,
                             "checks": [f"no addon inside; optionalDependencies: {len(optional)} platform packages at {manifest['version']}"]})
                continue
            platform = name[len("cake-sdk-"):]
            if len(addons) != 1:
                fail(f"expected one addon, found {addons}")
                continue
            addon = addons[0]
            data = archive.extractfile(files[addon]).read()
            checks = []
            if manifest.get("main") not in files:
                fail(f"main {manifest.get('main')} is not in the package")
            for listed in manifest.get("files", []):
                if listed not in files:
                    fail(f"files lists {listed}, which is not in the package")
            if platform == "wasm32-wasi":
                kind = "wasm32"
                # Installed everywhere, loaded where no native addon loads.
                if "cpu" in manifest or "os" in manifest:
                    fail(f"os/cpu {manifest.get('os')}/{manifest.get('cpu')}: the fallback must install everywhere")
                checks += check_wasm(data, lambda m: fail(m, f"{tarball.name}:{addon}"))
                deps = manifest.get("dependencies", {})
                emnapi = {deps.get("@emnapi/core"), deps.get("@emnapi/runtime")}
                if len(emnapi) != 1 or None in emnapi:
                    fail(f"@emnapi/core and @emnapi/runtime differ: {deps}")
                else:
                    checks.append(f"@emnapi/core = @emnapi/runtime = {emnapi.pop()}")
            else:
                os_name, cpu, *abi = platform.split("-")
                kind = os_name
                if manifest.get("os") != [os_name] or manifest.get("cpu") != [cpu]:
                    fail(f"os/cpu {manifest.get('os')}/{manifest.get('cpu')}, not {os_name}/{cpu}")
                if os_name == "linux":
                    libc = "glibc" if abi == ["gnu"] else "musl"
                    if manifest.get("libc") != [libc]:
                        fail(f"libc {manifest.get('libc')}, not {libc}")
                    checks += check_elf(data, cpu, libc, lambda m: fail(m, f"{tarball.name}:{addon}"))
                else:
                    checks += check_macho(data, cpu, lambda m: fail(m, f"{tarball.name}:{addon}"))
            budget = BUDGET[kind]
            if len(data) > budget:
                fail(f"{addon} is {len(data):,} bytes, over its budget of {budget:,}")
            checks.append(f"{len(data) / MB:.2f} MB <= budget {budget / MB:g} MB")
            rows.append({"file": tarball.name, "platform": platform, "size": tarball.stat().st_size,
                         "addon": addon, "addon_size": len(data), "checks": checks})
    Path(rows_file).write_text(json.dumps(rows, indent=1))
    for row in rows:
        print(f"{row['file']}: " + "; ".join(row["checks"]))
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
