'use strict';
// The one error class of the SDK, built from core's error data (`Error::to_json`). Core chose
// the code and the message, and removed the api key from both.

class CakeError extends Error {
  constructor(data) {
    super(String(data.message ?? data.code));
    /** validation | api | rate_limited | http_status | timeout | connection | decode | unknown_outcome */
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
    // For unknown_outcome: the code of what happened (e.g. "timeout", "connection").
    this.causeCode = data.cause ?? null;
  }
}

Object.defineProperty(CakeError.prototype, 'name', { value: 'CakeError', writable: true, configurable: true });

module.exports = { CakeError };
