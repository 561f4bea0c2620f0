'use strict';
// Runs one native call: per-call options to JSON, an AbortSignal to a native cancel token,
// the envelope back to a value or a CakeError.

const native = require('./native.js');
const { toJson, decode, abortReason } = require('./json.js');
const { flushed } = require('./log.js');

// The per-call overrides (the Rust side reads them under these names, and names them so in
// any issue).
function callOptions(options) {
  const o = options ?? {};
  return { timeoutMs: o.timeoutMs, maxRetries: o.maxRetries, deadlineMs: o.deadlineMs };
}

function meta(raw) {
  return {
    operation: raw.operation,
    status: raw.status,
    attempts: raw.attempts,
    elapsedMs: raw.elapsed_ms,
  };
}

// `start(token)` starts the native call and gives its Promise<string>; aborting the signal
// cancels the token, which drops the Rust future (and its connection) at once.
async function run(signal, start) {
  if (signal?.aborted) throw abortReason(signal);
  if (!signal) return answer(await start(null), null);
  const token = new native.CancelToken();
  const cancel = () => token.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return answer(await start(token), signal);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

// The envelope decoded, after the call's log lines were delivered (when anyone listens).
function answer(text, signal) {
  const logs = flushed();
  return logs === undefined ? decode(text, signal) : logs.then(() => decode(text, signal));
}

module.exports = { run, callOptions, meta, toJson };
