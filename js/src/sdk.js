// The one JavaScript layer of cake-sdk, for both npm packages: `cake-sdk` (Node, over the napi
// addon) and `cake-sdk-wasm` (browsers, over the WebAssembly module). Each package gives
// `makeSdk` its engine; everything a caller touches is built here, the same for both.
//
// An engine is the compiled core behind a small text-in, text-out surface (every answer an
// envelope `{"ok": ...}` / `{"error": ...}` of core's JSON, money as decimal strings):
//   operations                       core's operation ids, in its order
//   validate(index, text)            issues JSON, or null when there is none
//   check(operation, text)           {"issues", "params"} JSON
//   fields(operation)                envelope of the operation's fields
//   payout(name, text)               envelope of a payout function's result
//   buildRequest(operation, text, key), parseResponse(operation, status, headers, bytes)
//   client(config)                   a handle: { baseUrl, hasKey,
//                                      call(operation, params, options, signal) -> Promise<envelope>,
//                                      bulk(operation, items, options, progress, signal) -> Promise<envelope>,
//                                      pager(params, options) -> { next(signal) -> Promise<envelope>, close() } }
// A call's Promise rejects only with its AbortSignal's reason (or, in wasm, a CakePanicError).

import { makeValidation } from './validation.js';
import { makePayout } from './payout.js';
import { makeWire } from './wire.js';
import { makeClient } from './client.js';

export { CakeError, CakePanicError, unwrap } from './errors.js';
export { ISSUE_CODES } from './issue-codes.js';
export { toJsonText } from './json.js';
export { reportThrown } from './warnings.js';

/** Everything of the SDK over `engine`: validation, payout functions, wire format, Client. */
export function makeSdk(engine) {
  return { ...makeValidation(engine), ...makePayout(engine), wire: makeWire(engine), Client: makeClient(engine) };
}
