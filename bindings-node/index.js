'use strict';
// cake-sdk for Node.js: a Promise client for CAKE's affiliate API, validation, decimal payout
// arithmetic and an in-process mock server. The Rust core does the work, through the napi
// addon (lib/engine.js); the API is the shared JS layer (js/src, bundled as lib/sdk.cjs), the
// same as the browser package's.

const { makeSdk, CakeError, CakePanicError, ISSUE_CODES } = require('./lib/sdk.cjs');
const engine = require('./lib/engine.js');
const { MockServer } = require('./lib/mock.js');
const { setLogger } = require('./lib/log.js');

const sdk = makeSdk(engine);

module.exports = {
  ...sdk,
  CakeError,
  CakePanicError,
  ISSUE_CODES,
  /** Which engine runs core: 'native' here (the addon), 'wasm' in cake-sdk-wasm. */
  engine: engine.name,
  // The native engine's own (marked so in the types).
  MockServer,
  setLogger,
};
