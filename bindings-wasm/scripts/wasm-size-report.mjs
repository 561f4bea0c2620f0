// Where the bytes of a build go: the biggest functions and the bytes per crate, read from the
// module's name section. The input is the cargo output (not dist/, whose names wasm-opt has
// stripped); it is run through wasm-bindgen and `wasm-opt -Oz -g` (-g keeps the names and
// changes the code little), so the figures are close to the shipped module's.
//
// usage: node scripts/wasm-size-report.mjs full|validation [top N functions, default 40]
//        node scripts/wasm-size-report.mjs --file some.wasm [N]   (a module that has names)
// WASM_SIZE_SAVE=path keeps the named module (for twiggy's `paths`/`dominators`).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function optimizedWithNames(variant) {
  const root = process.env.CARGO_TARGET_DIR ?? join(here, '../target/wasm');
  const [dir, profile] = variant === 'validation' ? [join(root, 'validation-build'), 'wasm-release-validation'] : [root, 'wasm-release'];
  const built = join(dir, 'wasm32-unknown-unknown', profile, 'cake_wasm.wasm');
  const stage = mkdtempSync(join(tmpdir(), 'wasm-size-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', stage, built], { stdio: 'inherit' });
    const opt = join(stage, 'opt.wasm');
    execFileSync(join(here, 'node_modules/.bin/wasm-opt'), ['-Oz', '-g', join(stage, 'cake_wasm_bg.wasm'), '-o', opt], {
      stdio: 'inherit',
    });
    if (process.env.WASM_SIZE_SAVE) copyFileSync(opt, process.env.WASM_SIZE_SAVE);
    return readFileSync(opt);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

// --- a minimal reader of the wasm binary format (sections, function bodies, names) ---
function reader(bytes, start = 0, end = bytes.length) {
  let at = start;
  const r = {
    get at() {
      return at;
    },
    done: () => at >= end,
    byte: () => bytes[at++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[at++];
        result += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return result;
        shift += 7;
      }
    },
    skip(n) {
      at += n;
    },
    name() {
      const n = r.u32();
      const s = Buffer.from(bytes.subarray(at, at + n)).toString('utf8');
      at += n;
      return s;
    },
  };
  return r;
}

function analyse(bytes) {
  const r = reader(bytes, 8);
  const sections = [];
  let importedFunctions = 0;
  const bodies = []; // sizes of defined functions, in order
  const names = new Map();
  while (!r.done()) {
    const id = r.byte();
    const size = r.u32();
    const start = r.at;
    let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] ?? `id${id}`;
    if (id === 0) {
      const s = reader(bytes, start, start + size);
      const name = s.name();
      label = `custom:${name}`;
      if (name === 'name') {
        while (!s.done()) {
          const sub = s.byte();
          const len = s.u32();
          const subEnd = s.at + len;
          if (sub === 1) {
            const count = s.u32();
            for (let i = 0; i < count; i++) names.set(s.u32(), s.name());
          }
          s.skip(subEnd - s.at);
        }
      }
    } else if (id === 2) {
      const s = reader(bytes, start, start + size);
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        s.name();
        s.name();
        const kind = s.byte();
        if (kind === 0) {
          importedFunctions++;
          s.u32();
        } else if (kind === 1) {
          s.byte();
          const flags = s.u32();
          s.u32();
          if (flags & 1) s.u32();
        } else if (kind === 2) {
          const flags = s.u32();
          s.u32();
          if (flags & 1) s.u32();
        } else if (kind === 3) {
          s.byte();
          s.byte();
        } else throw new Error(`import kind ${kind}`);
      }
    } else if (id === 10) {
      const s = reader(bytes, start, start + size);
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const len = s.u32();
        bodies.push(len);
        s.skip(len);
      }
    }
    sections.push({ label, size });
    r.skip(start + size - r.at);
  }
  const functions = bodies.map((size, i) => {
    const index = importedFunctions + i;
    return { name: names.get(index) ?? `func[${index}]`, size };
  });
  return { sections, functions };
}

// The crate a (demangled) function name belongs to: the first path segment, looking inside
// `<T as Trait>` to the type's crate (the trait's for primitive types), since that is the code
// that was instantiated for it. Exports that wasm-bindgen wrapped are named after the export.
const PRIMITIVES = new Set(['f32', 'f64', 'i8', 'i16', 'i32', 'i64', 'i128', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'isize', 'char', 'str', 'bool', 'T']);
function crateOf(name) {
  if (name.endsWith(' multivalue shim')) return '(exports, inlined code)';
  const n = name.replace(/\[[0-9a-f]{16}\]/g, '');
  const impl = /^<(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][\w]*)(?:::|<| as |>)/.exec(n);
  if (impl && !PRIMITIVES.has(impl[1])) return impl[1];
  if (impl) {
    const trait = / as (?:&)?([A-Za-z_]\w*)::/.exec(n);
    return trait ? trait[1] : 'core';
  }
  const plain = /^([A-Za-z_][\w]*)::/.exec(n);
  if (plain) return plain[1];
  return n.startsWith('func[') ? '(unnamed)' : `(${n})`;
}

const fileFlag = args[0] === '--file';
const variant = fileFlag ? args[1] : args[0];
const top = Number(args[fileFlag ? 2 : 1] ?? 40);
if (!variant) throw new Error('usage: wasm-size-report.mjs full|validation [N] | --file x.wasm [N]');
const bytes = fileFlag ? readFileSync(variant) : optimizedWithNames(variant);
const { sections, functions } = analyse(bytes);

const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
console.log(`module ${kb(bytes.length)} raw (names included), ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`);
console.log('\nsections');
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`${kb(s.size)}  ${s.label}`);

const crates = new Map();
for (const f of functions) {
  const c = crateOf(f.name);
  const entry = crates.get(c) ?? { size: 0, count: 0 };
  entry.size += f.size;
  entry.count++;
  crates.set(c, entry);
}
console.log('\ncode by crate (functions)');
for (const [c, e] of [...crates].sort((a, b) => b[1].size - a[1].size).slice(0, 30))
  console.log(`${kb(e.size)}  ${String(e.count).padStart(5)}  ${c}`);

console.log(`\nbiggest ${top} functions`);
for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, top))
  console.log(`${kb(f.size)}  ${f.name.length > 150 ? `${f.name.slice(0, 150)}...` : f.name}`);
