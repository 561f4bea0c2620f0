// The same script through both engines gives the same bytes: every shared vector and every
// mock scenario (scenario.mjs), each engine against its own fresh cake-mock with the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startMock } from '../test/support/mock.mjs';

const run = promisify(execFile);
const SCENARIO = fileURLToPath(new URL('scenario.mjs', import.meta.url));

async function outputOf(engine) {
  const mock = await startMock({ seed: 11 });
  try {
    const env = { ...process.env, CAKE_ENGINE: engine, MOCK_URL: mock.url, MOCK_KEY: mock.apiKey };
    const { stdout } = await run(process.execPath, [SCENARIO], { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await mock.stop();
  }
}

test('the native and the wasm engine give byte-identical results for every vector and mock scenario', async () => {
  const native = await outputOf('native');
  const wasm = await outputOf('wasm');
  const steps = JSON.parse(native);
  assert.ok(steps.length > 300, `the scenario ran ${steps.length} steps`);
  if (native !== wasm) {
    const other = JSON.parse(wasm);
    const differing = steps.filter((step, at) => JSON.stringify(step) !== JSON.stringify(other[at]));
    assert.fail(`${differing.length} steps differ; first: ${JSON.stringify(differing[0])} vs ${JSON.stringify(other[steps.indexOf(differing[0])])}`);
  }
});
