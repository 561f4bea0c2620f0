// The SDK under test: one suite, two engines. CAKE_ENGINE=native (default) loads the Node
// package (its ESM entry, over the napi addon); CAKE_ENGINE=wasm loads the browser package's
// full build (over the WebAssembly module, sending with fetch). Both are built from js/src.
const ENGINES = {
  native: new URL('../../../bindings-node/index.mjs', import.meta.url),
  wasm: new URL('../../../bindings-wasm/js/index.js', import.meta.url),
};

export const ENGINE = process.env.CAKE_ENGINE ?? 'native';
if (!(ENGINE in ENGINES)) throw new Error(`CAKE_ENGINE must be native or wasm, not ${ENGINE}`);

const sdk = await import(ENGINES[ENGINE].href);
if (sdk.engine !== ENGINE) throw new Error(`loaded the ${sdk.engine} engine for CAKE_ENGINE=${ENGINE}`);

export default sdk;
export const {
  Client,
  CakeError,
  CakePanicError,
  ISSUE_CODES,
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
} = sdk;
