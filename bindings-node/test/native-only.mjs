// node:test's test and hooks for tests that need the Client or the MockServer. With a native
// addon loaded they are node:test's own. With the WebAssembly fallback (wasm32-wasip1-threads:
// NAPI_RS_FORCE_WASI, or a platform without a native package) there is neither (WASI preview
// 1 has no sockets; packaging/README.md), so each such test is reported as skipped with that
// reason and its hooks do not run. Tests that need neither import from node:test directly and
// run on every build.
import * as nodeTest from 'node:test';
import { createRequire } from 'node:module';

const binding = createRequire(import.meta.url)('../lib/native.js');

/** Which addon this process loaded: 'native', or 'wasm32-wasi' for the fallback. */
export const bindingTarget = binding.__napiBindingTarget ?? 'native';
export const WASI = bindingTarget.startsWith('wasm32');
export const REASON =
  'native addon only: needs the Client or the MockServer, and the WebAssembly fallback has no sockets (WASI preview 1)';

function skipped(name, options, fn) {
  const opts = typeof options === 'object' && options !== null ? options : {};
  return nodeTest.test(name, { ...opts, skip: REASON }, () => {});
}

const noHook = () => {};

export const test = WASI ? skipped : nodeTest.test;
export const before = WASI ? noHook : nodeTest.before;
export const after = WASI ? noHook : nodeTest.after;
export const beforeEach = WASI ? noHook : nodeTest.beforeEach;
export const afterEach = WASI ? noHook : nodeTest.afterEach;
