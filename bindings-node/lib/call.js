'use strict';
// Runs one native call: per-call options to JSON, an AbortSignal to a native cancel token,
// the envelope back to a value or a CakeError.

const native = require('./native.js');
const { toJson, decode, abortReason } = require('./json.js');

// The per-call overrides, in core's names.
function callOptions(options) {
  const o = options ?? {};
  return { timeout_ms: o.timeoutMs, max_retries: o.maxRetries, deadline_ms: o.deadlineMs };
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
  if (!signal) return decode(await start(null), null);
  const token = new native.CancelToken();
  const cancel = () => token.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return decode(await start(token), signal);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

module.exports = { run, callOptions, meta, toJson };
