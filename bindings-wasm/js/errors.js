// The SDK's errors: one class with the core's stable codes, and the error for a bug.

/**
 * Every failure of the SDK: `code` is one of the core's stable codes (validation, api,
 * rate_limited, http_status, timeout, connection, decode, unknown_outcome), with the core's
 * fields in camelCase, the same as the Node package's. The api key is in no message (the
 * core redacts it).
 */
export class CakeError extends Error {
  constructor(data) {
    super(String(data.message ?? data.code));
    this.code = data.code;
    this.operation = data.operation ?? null;
    this.status = data.status ?? null;
    this.attempts = data.attempts ?? 0;
    this.elapsedMs = data.elapsed_ms ?? 0;
    this.issues = data.issues ?? [];
    this.requestStatus = data.request_status ?? null;
    this.messages = data.messages ?? [];
    this.retryAfterMs = data.retry_after_ms ?? null;
    this.bodyExcerpt = data.body_excerpt ?? null;
    // unknown_outcome: the code of what happened (timeout, connection, http_status, ...).
    this.causeCode = data.cause ?? null;
  }
}

Object.defineProperty(CakeError.prototype, 'name', { value: 'CakeError', writable: true, configurable: true });

/**
 * A bug inside the WebAssembly module (a Rust panic or trap). The call that hit it fails with
 * this; the module is re-instantiated, so later calls work.
 */
export class CakePanicError extends Error {
  constructor(message, options) {
    super(`cake-sdk-wasm internal error (please report it): ${message}`, options);
  }
}

Object.defineProperty(CakePanicError.prototype, 'name', { value: 'CakePanicError', writable: true, configurable: true });

/** The envelope `{ok}` / `{error}` the wasm side answers with, as a value or a thrown error. */
export function unwrap(text) {
  const envelope = JSON.parse(text);
  if (envelope.error) throw new CakeError(envelope.error);
  return envelope.ok;
}
