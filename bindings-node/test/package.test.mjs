// The package as published: entry points, generated declarations (committed, checked for
// drift), and a TypeScript consumer that type-checks against them.
import { test } from 'node:test';
import { ENGINE } from './engine.mjs';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esm from 'cake-sdk';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const read = (file) => readFileSync(join(root, file), 'utf8');
const GENERATED = ['index.d.ts', 'native.d.ts', 'native.js'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

// native.js and native.d.ts are what `napi build` writes for a native addon (the same files
// whichever addon this process loaded, so this runs on both engines).
test('native.js and native.d.ts match a fresh napi build', () => {
  const out = mkdtempSync(join(tmpdir(), 'cake-node-'));
  try {
    const napi = run(join(root, 'node_modules/.bin/napi'), [
      'build', '--platform', '--js', 'native.js', '--dts', 'native.d.ts', '--output-dir', out,
    ]);
    assert.equal(napi.code, 0, napi.output);
    assert.equal(readFileSync(join(out, 'native.d.ts'), 'utf8'), read('native.d.ts'), 'native.d.ts drifted: run make build');
    assert.equal(readFileSync(join(out, 'native.js'), 'utf8'), read('native.js'), 'native.js drifted: run make build');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// index.d.ts is generated from the declarations both packages share (../js/types, inlined) and
// this package's own (types/template.d.ts), with the loaded addon's fault kinds: the same from
// either addon.
test('index.d.ts matches a fresh generation from the loaded addon', () => {
  const types = run(process.execPath, ['scripts/gen-types.mjs', '--check']);
  assert.equal(types.code, 0, types.output);
});

test('the generated files are the committed ones (once committed)', () => {
  for (const file of GENERATED) {
    const tracked = run('git', ['ls-files', '--error-unmatch', file]).code === 0;
    if (!tracked) {
      // Before the first commit there is nothing to compare with; CI always has them.
      assert.ok(!process.env.CI, `${file} is not committed`);
      continue;
    }
    const diff = run('git', ['diff', '--exit-code', 'HEAD', '--', file]);
    assert.equal(diff.code, 0, `${file} differs from the committed file: run make build and commit it\n${diff.output.slice(0, 2000)}`);
  }
});

test('the public declarations use no `any`', () => {
  for (const file of ['index.d.ts', 'index.d.mts']) {
    const code = read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/, file);
  }
  assert.match(read('index.d.ts'), /export interface CreateOfferParams \{/);
  // Self-contained: the shared declarations are inlined, nothing is imported.
  assert.doesNotMatch(read('index.d.ts').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''), /\bfrom\s*'/);
});

test('index.d.ts declares exactly what the package exports', () => {
  const ts = require('typescript');
  const entry = join(root, 'index.d.ts');
  const program = ts.createProgram([entry], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
  const checker = program.getTypeChecker();
  const declared = checker
    .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)))
    .filter((symbol) => ((symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol).flags & ts.SymbolFlags.Value) !== 0)
    .map((symbol) => symbol.getName())
    .sort();
  assert.deepEqual(declared, Object.keys(require('cake-sdk')).sort());
});

// The one source of declarations (../js/types), proved through both packages as a user installs
// them: the same wrong uses are rejected by tsc --strict through cake-sdk (ESM and CommonJS) and
// cake-sdk-wasm (each with the error expected, on the line expected), the right uses pass, and
// the names one package has alone are not in the other. cake-sdk-wasm's declarations are staged
// as `make -C ../bindings-wasm sdk` ships them (its js/*.d.ts, js/sdk/ from ../js/types).
test('both packages, from the one source of declarations, reject the same wrong uses (tsc --strict)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cake-types-'));
  try {
    const sdkDir = join(dir, 'node_modules/cake-sdk');
    mkdirSync(sdkDir, { recursive: true });
    for (const file of ['package.json', 'index.d.ts', 'index.d.mts']) cpSync(join(root, file), join(sdkDir, file));
    const wasm = join(root, '../bindings-wasm');
    const wasmDir = join(dir, 'node_modules/cake-sdk-wasm');
    mkdirSync(join(wasmDir, 'js/sdk'), { recursive: true });
    cpSync(join(wasm, 'package.json'), join(wasmDir, 'package.json'));
    for (const file of readdirSync(join(wasm, 'js')).filter((f) => f.endsWith('.d.ts'))) cpSync(join(wasm, 'js', file), join(wasmDir, 'js', file));
    const shared = join(root, '../js/types');
    for (const file of readdirSync(shared).filter((f) => f.endsWith('.d.ts'))) cpSync(join(shared, file), join(wasmDir, 'js/sdk', file));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
        lib: ['es2022', 'dom'], types: [], skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
      },
      include: ['*.mts', '*.cts'],
    }));

    const offer = "{ offer_name: 'x', advertiser_id: 1, vertical_id: '2', offer_url: 'https://t.example/{offer_id}', payout: '24.00', payout_type: 'cpa' }";
    const ok = [
      `const created: sdk.Offer = await client.createOffer(${offer});`,
      "const exact: sdk.DecimalString = sdk.margin(created.revenue ?? '0.00', created.payout ?? '0.00');",
      'const id: number | undefined = created.offer_id;',
      "const settings: { baseUrl: string; apiKey: '***' | null } = client.toJSON();",
      "const engine: 'native' | 'wasm' = sdk.engine;",
      "const normalized: number | undefined = sdk.check('create_offer', { payout: '1' }).params.payout;",
      'void [exact, id, settings, engine, normalized, offer, sdk.CakePanicError, sdk.fields, sdk.schemas, sdk.ISSUE_CODES];',
    ];
    // Each wrong use: the line, and the error tsc must give for it (and no other).
    const wrong = {
      'misspelled-enum': [`await client.createOffer({ ...${offer}, payout_type: 'cpx' });`, 'TS2322'],
      'missing-required-parameter': ["await client.createOffer({ offer_name: 'x', advertiser_id: 1, vertical_id: 1 });", 'TS2345'],
      'missing-required-argument': ["sdk.margin('1.00');", 'TS2554'],
      'wrong-result-attribute': ['void offer.payuot;', 'TS2551'],
      'money-is-not-a-number': ['const payout: number | undefined = offer.payout;\nvoid payout;', 'TS2322'],
    };
    const header = {
      mts: (pkg) => `import * as sdk from '${pkg}';\n`,
      cts: (pkg) => `import sdk = require('${pkg}');\n`,
    };
    const body = (lines) => `export async function use(client: sdk.Client, offer: sdk.Offer): Promise<void> {\n${lines.join('\n')}\n}\n`;
    // [file stem, package, module kind, own right uses, the other package's names (wrong)]
    const consumers = [
      ['node-esm', 'cake-sdk', 'mts', ['sdk.setLogger(null);', 'void sdk.MockServer.start;'], { 'no-build': ['void sdk.build;', 'TS2339'] }],
      ['node-cjs', 'cake-sdk', 'cts', ['sdk.setLogger(null);', 'void sdk.MockServer.start;'], { 'no-runtime': ['void sdk.__runtime;', 'TS2339'] }],
      ['wasm', 'cake-sdk-wasm', 'mts', ["const build: 'full' = sdk.build;", 'void build;'], {
        'no-mock-server': ['void sdk.MockServer;', 'TS2339'],
        'no-set-logger': ['sdk.setLogger(null);', 'TS2339'],
      }],
    ];
    const expected = new Map();
    for (const [stem, pkg, kind, own, others] of consumers) {
      writeFileSync(join(dir, `${stem}-ok.${kind}`), header[kind](pkg) + body([...ok, ...own]));
      for (const [name, [line, code]] of Object.entries({ ...wrong, ...others })) {
        const file = `${stem}-${name}.${kind}`;
        const text = header[kind](pkg) + body([line]);
        writeFileSync(join(dir, file), text);
        expected.set(file, `${file}(3): ${code}`);
      }
    }
    // The validation-only build: the shared functions, no Client, no wire format.
    writeFileSync(join(dir, 'wasm-validation-ok.mts'), "import * as sdk from 'cake-sdk-wasm/validation';\nconst issues: sdk.Issue[] = sdk.validate('create_offer', {});\nconst m: sdk.DecimalString = sdk.margin(1, '0.5');\nconst build: 'validation' = sdk.build;\nvoid [issues, m, build];\n");
    writeFileSync(join(dir, 'wasm-validation-no-client.mts'), "import * as sdk from 'cake-sdk-wasm/validation';\nvoid sdk.wire;\nvoid sdk.Client;\n");

    const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', '.', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    const errors = [...`${tsc.stdout}${tsc.stderr}`.matchAll(/^([^\s(]+)\((\d+),\d+\): error (TS\d+)/gm)].map(([, file, line, code]) => `${file}(${line}): ${code}`);
    const seen = new Set(errors);
    const unexpected = errors.filter((e) => ![...expected.values()].includes(e) && !e.startsWith('wasm-validation-no-client.mts('));
    assert.deepEqual(unexpected, [], `tsc output:\n${tsc.stdout}${tsc.stderr}`);
    for (const [file, error] of expected) assert.ok(seen.has(error), `${file}: tsc accepted a wrong use (wanted ${error})\n${tsc.stdout}`);
    assert.deepEqual(errors.filter((e) => e.startsWith('wasm-validation-no-client.mts(')), ['wasm-validation-no-client.mts(2): TS2339', 'wasm-validation-no-client.mts(3): TS2339']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TypeScript consumer type-checks (tsc --noEmit), and wrong uses are rejected', () => {
  const tsc = run(join(root, 'node_modules/.bin/tsc'), ['-p', 'test/types']);
  assert.equal(tsc.code, 0, tsc.output);
  const consumer = read('test/types/consumer.mts');
  assert.ok((consumer.match(/@ts-expect-error/g) ?? []).length >= 10);
});

test('CommonJS and ESM entry points give the same objects', () => {
  const cjs = require('cake-sdk');
  const names = Object.keys(cjs).sort();
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), names);
  for (const name of names) assert.equal(esm[name], cjs[name], name);
  assert.equal(esm.default, cjs);
  for (const name of ['Client', 'CakeError', 'MockServer', 'validate', 'split', 'wire']) assert.ok(names.includes(name), name);
  assert.ok(new esm.CakeError({ code: 'timeout', message: 'x' }) instanceof Error);
});

test('package.json: name, engines, exports and files are right', () => {
  const pkg = JSON.parse(read('package.json'));
  assert.equal(pkg.name, 'cake-sdk');
  assert.equal(pkg.engines.node, '>=20');
  for (const target of [pkg.main, pkg.types, pkg.exports['.'].import.default, pkg.exports['.'].import.types, pkg.exports['.'].require.types]) {
    assert.ok(existsSync(join(root, target)), target);
  }
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = packed[0].files.map((f) => f.path);
  for (const file of ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'native.js', 'lib/sdk.cjs', 'lib/engine.js', 'lib/platform.js']) {
    assert.ok(files.includes(file), `${file} is not in the package`);
  }
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/')), 'tests or Rust sources in the package');
  // The addons are in the per-platform packages (npm/*), not in this one.
  assert.deepEqual(files.filter((f) => f.endsWith('.node') || f.endsWith('.wasm')), []);
});

test(`the loaded addon (${ENGINE}) has the Client and the MockServer`, async () => {
  const { Client, MockServer, validate, margin } = esm;
  const mock = await MockServer.start();
  try {
    const client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey });
    assert.deepEqual(await client.listSubAffiliates(), []);
    assert.equal(mock.requests().length, 1);
  } finally {
    await mock.stop();
  }
  assert.equal(margin('30.00', '24.10'), '5.90');
  assert.deepEqual(validate('create_offer', {}).map((i) => i.code).slice(0, 1), ['required']);
});
