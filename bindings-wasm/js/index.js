// cake-sdk-wasm: the full build (validation, payout math, wire format and the fetch client).
// Importing it loads the WebAssembly module (top-level await); every export is ready then.

import { createGlue } from '../dist/full/glue.js';
import { Runtime } from './runtime.js';
import { makeApi, makeWire } from './api.js';
import { makeClient } from './client.js';

const runtime = await Runtime.load(createGlue, new URL('../dist/full/cake_wasm_bg.wasm', import.meta.url));
const api = makeApi(runtime);

export { CakeError, CakePanicError } from './errors.js';
export { ISSUE_CODES } from './issue-codes.js';
export const {
  operations,
  validate,
  check,
  fields,
  schemas,
  subAffiliatePayout,
  effectivePayout,
  margin,
  marginPercent,
  earnings,
  reportMetrics,
  reportTotals,
  split,
} = api;
export const wire = makeWire(runtime);
export const Client = makeClient(runtime);
/** Which build this is: `'full'` here, `'validation'` from `cake-sdk-wasm/validation`. */
export const build = 'full';
/** For this package's own tests: the runtime behind the exports. */
export const __runtime = runtime;
