// What only one engine can show about itself, for tests that prove nothing is left running:
// the native addon counts its Rust futures alive (bindings-node/src/tracking.rs, `inFlight`);
// the wasm runtime counts its tasks on the JS side (`__runtime.inFlight`), in the module
// (`task_count`) and its open report pagers (`pager_count`). Neither engine has the other's
// counters, so each probe is behind ENGINE; a test uses them through these functions.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import sdk, { ENGINE } from './sdk.mjs';
import { until } from './mock.mjs';

// The addon the Node package loaded (the same module: require's cache is keyed by its path).
const native = ENGINE === 'native' ? createRequire(import.meta.url)('../../../bindings-node/native.js') : null;
const runtime = ENGINE === 'wasm' ? sdk.__runtime : null;

/** Calls (and report pages) the engine is running now. */
export function running() {
  if (ENGINE === 'native') return native.inFlight();
  return Math.max(runtime.inFlight, runtime.glue.task_count());
}

/**
 * Asserts that a call which just settled left nothing running. Native: at once (a call's
 * Promise settles only when its Rust future has ended, aborted or not). Wasm: the task is
 * cancelled in a microtask after an abort rejects, so it is waited for (with a bound).
 */
export async function nothingRunning(what) {
  if (ENGINE === 'native') {
    assert.equal(native.inFlight(), 0, `${what}: the Rust future was dropped`);
    return;
  }
  await until(() => running() === 0, `${what}: the wasm task was dropped`);
}

/** Report pagers open in the wasm module; null on the native engine (which has no count). */
export function openPagers() {
  return ENGINE === 'wasm' ? runtime.glue.pager_count() : null;
}
