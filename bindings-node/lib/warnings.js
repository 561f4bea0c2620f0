'use strict';
// The warnings of requests that went through (core's issues with severity "warning": from
// validating the request, such as negative_margin, or from reading the answer, such as
// unreadable_value or a report's total_rows_mismatch), handed to the caller one by one: to the
// Client's `onWarning(warning, context)`, or without one, as a process warning (CakeWarning).

/** What the JS layer sends for `onWarning`: null for a function or nothing, else its JS type. */
function functionSetting(value) {
  return value === undefined || value === null || typeof value === 'function' ? null : typeof value;
}

function text(warning, operation) {
  const field = warning.field ? `${warning.field}: ` : '';
  return `${operation}: ${field}${warning.message}`;
}

// The default: one process warning per warning, printed by Node as
// "(node:4242) [negative_margin] CakeWarning: create_offer: payout: is above revenue: ...";
// `process.on('warning')` listeners also get its operation and field.
function emitProcessWarning(warning, { operation }) {
  const emitted = new Error(text(warning, operation));
  emitted.name = 'CakeWarning';
  emitted.code = warning.code;
  emitted.operation = operation;
  emitted.field = warning.field;
  process.emitWarning(emitted);
}

/**
 * `deliver(warnings, context)` for a client: each warning to `onWarning` (else the default),
 * in order, before the call that got them settles. A handler that throws does not change the
 * call's outcome (its value was obtained, and a write was applied), nor stop the warnings
 * after it: the exception is reported as a CakeSdkWarning, as for onProgress and setLogger.
 */
function deliverer(onWarning) {
  const handler = typeof onWarning === 'function' ? onWarning : emitProcessWarning;
  return (warnings, context) => {
    if (!Array.isArray(warnings)) return;
    for (const warning of warnings) {
      try {
        handler(warning, { ...context });
      } catch (error) {
        process.emitWarning(`cake-sdk: onWarning threw: ${error}`, 'CakeSdkWarning');
      }
    }
  };
}

module.exports = { deliverer, functionSetting };
