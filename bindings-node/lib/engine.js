'use strict';
// The native engine of the shared JS layer (js/src/sdk.js): the napi addon, whose core sends
// with reqwest on tokio (or, in the WebAssembly fallback, through lib/transport.js). Every
// answer is core's envelope text; this file adds what is Node's own: cancel tokens for
// AbortSignals, the environment variables, the log lines delivered before a call settles.

const native = require('./native.js');
const { toJsonText, unwrap } = require('./sdk.cjs');
const { unavailable } = require('./platform.js');
const { createTransport } = require('./transport.js');
const { flushed } = require('./log.js');

// Native addons send with core's own HTTP client. The WebAssembly fallback has no sockets
// (WASI): its core sends each attempt through lib/transport.js.
const ownHttp = typeof native.nativeTransport === 'function' && native.nativeTransport();
const ABORTED = '{"aborted":true}';

function abortReason(signal) {
  if (signal && signal.reason !== undefined) return signal.reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

// Runs one native call: `start(token)` starts it and gives its Promise<string>; aborting the
// signal cancels the token, which drops the Rust future (and its connection) at once. The
// envelope is handed on once the call's log lines were delivered (when anyone listens).
// Without a signal there is no token, so no aborted envelope, and one promise step less.
function run(signal, start) {
  if (!signal) {
    try {
      return start(null).then(afterLogs);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return runCancellable(signal, start);
}

async function runCancellable(signal, start) {
  if (signal.aborted) throw abortReason(signal);
  const token = new native.CancelToken();
  const cancel = () => token.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  let text;
  try {
    text = await start(token);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  const logs = flushed();
  if (logs !== undefined) await logs;
  if (text === ABORTED) throw abortReason(signal);
  return text;
}

// `text`, or a promise of it once the log lines queued before it were delivered.
function afterLogs(text) {
  const logs = flushed();
  return logs === undefined ? text : logs.then(() => text);
}

function client(config) {
  if (typeof native.createClient !== 'function') throw unavailable('Client');
  // The fallbacks for baseUrl and apiKey, read now: the WebAssembly fallback's own view of
  // the environment is a copy made when it loaded.
  const env = { CAKE_BASE_URL: process.env.CAKE_BASE_URL, CAKE_API_KEY: process.env.CAKE_API_KEY };
  const made = native.createClient(toJsonText({ ...config, env }), ownHttp ? undefined : createTransport());
  // A string: the error envelope of its settings, thrown as the CakeError it holds.
  if (typeof made === 'string') unwrap(made);
  return {
    baseUrl: made.baseUrl,
    hasKey: made.hasApiKey,
    call: (operation, params, options, signal) =>
      run(signal, (token) => made.call(operation, params, options, token)),
    bulk: (operation, items, options, progress, signal) =>
      run(signal, (token) => made.bulk(operation, items, options, progress, token)),
    pager(params, options) {
      const pager = made.pager(params, options);
      if (typeof pager === 'string') unwrap(pager);
      return { next: (signal) => run(signal, (token) => pager.nextPage(token)), close: () => pager.close() };
    },
  };
}

const bytes = (view) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);

module.exports = {
  name: 'native',
  operations: JSON.parse(native.schema()).operations.map((op) => op.id),
  validate: (at, text) => native.validate(at, text),
  check: (operation, text) => native.check(operation, text),
  fields: (operation) => native.fields(operation),
  payout: (name, text) => native.payout(name, text),
  buildRequest: (operation, text, apiKey) => native.buildRequest(operation, text, apiKey),
  parseResponse: (operation, status, headers, body) => native.parseResponse(operation, status, headers, bytes(body)),
  client,
};
