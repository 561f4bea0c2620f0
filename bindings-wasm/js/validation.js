// cake-sdk-wasm/validation: the validation-only build (no HTTP client, a smaller module):
// validation, Standard Schema objects and payout math for forms.
// Importing it loads the WebAssembly module (top-level await); every export is ready then.

import { createGlue } from '../dist/validation/glue.js';
import { Runtime } from './runtime.js';
import { makeApi } from './api.js';

const runtime = await Runtime.load(createGlue, new URL('../dist/validation/cake_wasm_bg.wasm', import.meta.url));
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
/** Which build this is. */
export const build = 'validation';
/** For this package's own tests: the runtime behind the exports. */
export const __runtime = runtime;
