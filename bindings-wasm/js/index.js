// cake-sdk-wasm: the full build (validation, payout math, wire format and the fetch client).
// Importing it loads the WebAssembly module (top-level await); every export is ready then.
// The API is the shared JS layer (sdk/, the same as the Node package's) over the wasm engine.

import { createGlue } from '../dist/full/glue.js';
import { Runtime } from './runtime.js';
import { fullEngine } from './engine.js';
import { installFetch } from './fetch.js';
import { makeSdk } from './sdk/sdk.js';

const runtime = await Runtime.load(createGlue, new URL('../dist/full/cake_wasm_bg.wasm', import.meta.url));
installFetch(runtime);
const wasm = fullEngine(runtime);
const sdk = makeSdk(wasm);

export { CakeError, CakePanicError, ISSUE_CODES } from './sdk/sdk.js';
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
  wire,
  Client,
} = sdk;
/** Which engine runs core: 'wasm' here, 'native' in the Node package. */
export const engine = wasm.name;
/** Which build this is: `'full'` here, `'validation'` from `cake-sdk-wasm/validation`. */
export const build = 'full';
/** For this package's own tests: the runtime behind the exports. */
export const __runtime = runtime;
