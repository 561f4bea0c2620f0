// The package as published: entry points, generated declarations (committed, checked for
// drift), and a TypeScript consumer that type-checks against them.
import { test } from 'node:test';
import { ENGINE } from './engine.mjs';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
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

// index.d.ts is generated from the loaded addon (core's schema, the mock's fault kinds): the
// same from either.
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
  for (const file of ['index.js', 'index.mjs', 'index.d.ts', 'native.js', 'lib/client.js', 'lib/platform.js']) {
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
