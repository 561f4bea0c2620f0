// cake-sdk-wasm/esbuild, the plugin for pages bundled with esbuild, driven through a fake of
// esbuild's plugin API (esbuild itself runs it in `make dist-check-wasm`): every
// `new URL('…wasm', import.meta.url)` of the package becomes an import of that .wasm, which
// esbuild's `file` loader copies; other files are left to esbuild.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import cakeSdkWasm from 'cake-sdk-wasm/esbuild';

const path = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

function loaders() {
  const registered = [];
  const plugin = cakeSdkWasm();
  assert.equal(plugin.name, 'cake-sdk-wasm');
  plugin.setup({ onLoad: (options, callback) => registered.push({ ...options, callback }) });
  return async (file) => {
    const found = registered.find((r) => r.filter.test(file));
    return found ? found.callback({ path: file }) : undefined;
  };
}

for (const build of ['validation', 'full']) {
  test(`the ${build} entry imports its own .wasm, and no other`, async () => {
    const load = loaders();
    const entry = build === 'full' ? 'js/index.js' : 'js/validation.js';
    const result = await load(path(entry));
    assert.equal(result.loader, 'js');
    assert.equal(result.resolveDir, path('js'));
    assert.match(result.contents, new RegExp(`^import __cakeSdkWasm0 from "\\.\\./dist/${build}/cake_wasm_bg\\.wasm";\\n`));
    assert.match(result.contents, /new URL\(__cakeSdkWasm0, import\.meta\.url\)/);
    assert.doesNotMatch(result.contents, /new URL\('[^']*\.wasm'/);
    assert.doesNotMatch(result.contents, new RegExp(`dist/${build === 'full' ? 'validation' : 'full'}/`));
  });

  test(`the ${build} glue's default module URL points at the same copy`, async () => {
    const result = await loaders()(path(`dist/${build}/glue.js`));
    assert.equal(result.resolveDir, path(`dist/${build}`));
    assert.match(result.contents, /^import __cakeSdkWasm0 from "\.\/cake_wasm_bg\.wasm";\n/);
    assert.doesNotMatch(result.contents, /new URL\('cake_wasm_bg\.wasm'/);
  });
}

test('the .wasm is handed to the file loader; files outside the package are left alone', async () => {
  const load = loaders();
  const wasm = await load(path('dist/validation/cake_wasm_bg.wasm'));
  assert.equal(wasm.loader, 'file');
  assert.equal(wasm.contents.subarray(0, 4).toString('latin1'), '\0asm');
  assert.equal(await load('/elsewhere/node_modules/other/js/index.js'), undefined);
  assert.equal(await load('/elsewhere/cake_wasm_bg.wasm'), undefined);
  assert.equal(await load(path('js/api.js')), undefined);
});
