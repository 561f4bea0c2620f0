// cake-sdk-wasm/validation: the validation-only build (no HTTP client, a smaller module):
// validation, Standard Schema objects and payout math for forms.
// Importing it loads the WebAssembly module (top-level await); every export is ready then.
// Only the shared layer's validation and payout modules are loaded.

import { createGlue } from '../dist/validation/glue.js';
import { Runtime } from './runtime.js';
import { validationEngine } from './engine.js';
import { makeValidation } from './sdk/validation.js';
import { makePayout } from './sdk/payout.js';

const runtime = await Runtime.load(createGlue, new URL('../dist/validation/cake_wasm_bg.wasm', import.meta.url));
const wasm = validationEngine(runtime);

export { CakeError, CakePanicError } from './sdk/errors.js';
export { ISSUE_CODES } from './sdk/issue-codes.js';
export const { operations, validate, check, fields, schemas } = makeValidation(wasm);
export const { subAffiliatePayout, effectivePayout, margin, marginPercent, earnings, reportMetrics, reportTotals, split } =
  makePayout(wasm);
/** Which engine runs core. */
export const engine = wasm.name;
/** Which build this is. */
export const build = 'validation';
/** For this package's own tests: the runtime behind the exports. */
export const __runtime = runtime;
