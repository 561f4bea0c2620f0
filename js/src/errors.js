// The SDK's errors, the same in both engines: one class with core's stable codes, and the
// error for a bug inside the WebAssembly engine.

/**
 * Every failure of the SDK: `code` is one of core's stable codes (validation, api,
 * rate_limited, http_status, timeout, connection, decode, unknown_outcome), with core's
 * fields in camelCase. The api key is in no message (core redacts it).
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
 * A bug inside the WebAssembly engine (a Rust panic or trap). The call that hit it fails with
 * this; the module is re-instantiated, so later calls work. (The native engine's panics
 * are caught by napi-rs and never reach here.)
 */
export class CakePanicError extends Error {
  constructor(message, options) {
    super(`cake-sdk internal error (please report it): ${message}`, options);
  }
}

Object.defineProperty(CakePanicError.prototype, 'name', { value: 'CakePanicError', writable: true, configurable: true });

/** An engine's envelope `{ok}` / `{error}` as a value or a thrown CakeError. */
export function unwrap(text) {
  const envelope = JSON.parse(text);
  if (envelope.error) throw new CakeError(envelope.error);
  return envelope.ok;
}
