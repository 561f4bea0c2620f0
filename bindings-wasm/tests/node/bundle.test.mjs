// The package bundled by esbuild itself for a page, minified as production builds are: the
// build succeeds (no node: module reaches the bundler: its minifier works out constant import
// specifiers), the plugin copies the entry's .wasm beside the bundle, and the bundle runs
// (here under Node, which reads that copy from disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import cakeSdkWasm from 'cake-sdk-wasm/esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

for (const [build, entry] of [['validation', 'js/validation.js'], ['full', 'js/index.js']]) {
  test(`the ${build} build bundles minified for the browser, and the bundle runs`, async (t) => {
    const out = mkdtempSync(join(tmpdir(), 'cake-sdk-wasm-bundle-'));
    t.after(() => rmSync(out, { recursive: true, force: true }));
    const result = await esbuild.build({
      stdin: { contents: `export { validate } from ${JSON.stringify(join(root, entry))};`, resolveDir: root, sourcefile: 'page.js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(out, 'page.js'),
      plugins: [cakeSdkWasm()],
      logLevel: 'silent',
    });
    assert.deepEqual(result.errors, []);
    assert.equal(readdirSync(out).filter((name) => name.endsWith('.wasm')).length, 1);
    const { validate } = await import(pathToFileURL(join(out, 'page.js')).href);
    const issues = validate('create_offer', { offer_name: 'Summer' });
    assert.ok(issues.some((issue) => issue.field === 'advertiser_id' && issue.code === 'required'), JSON.stringify(issues));
  });
}
