// The warnings of requests that went through (core's issues with severity "warning": from
// validating the request, such as negative_margin, or from reading the answer, such as
// unreadable_value), handed to the caller one by one, and what happens when a caller's
// callback throws. Where no onWarning is given, each warning goes where the platform shows
// warnings: a process warning under Node, console.warn in a page.

const proc = typeof globalThis.process?.emitWarning === 'function' ? globalThis.process : null;

/** What the JS layer sends for `onWarning`: null for a function or nothing, else its JS type. */
export function functionSetting(value) {
  return value === undefined || value === null || typeof value === 'function' ? null : typeof value;
}

function text(warning, operation) {
  const field = warning.field ? `${warning.field}: ` : '';
  return `${operation}: ${field}${warning.message}`;
}

/**
 * The default: under Node one process warning per warning, printed as
 * "(node:4242) [negative_margin] CakeWarning: create_offer: payout: is above revenue: ..."
 * (`process.on('warning')` listeners also get its operation and field); in a page, one
 * console.warn line.
 */
function platformWarning(warning, { operation }) {
  if (proc === null) {
    console.warn(`cake-sdk: ${text(warning, operation)} (${warning.code})`);
    return;
  }
  const emitted = new Error(text(warning, operation));
  emitted.name = 'CakeWarning';
  emitted.code = warning.code;
  emitted.operation = operation;
  emitted.field = warning.field;
  proc.emitWarning(emitted);
}

/**
 * A callback of the caller's (`what`: onWarning, onProgress, the logger) threw. It does not
 * change the call's outcome (a write was applied) nor stop what follows; the exception is
 * reported the platform's way: a CakeSdkWarning process warning under Node, else as an event
 * listener's is (reportError: the window's "error" event, then the console).
 */
export function reportThrown(what, error) {
  if (proc !== null) proc.emitWarning(`cake-sdk: ${what} threw: ${error}`, 'CakeSdkWarning');
  else if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(`cake-sdk: ${what} threw:`, error);
}

/**
 * `deliver(warnings, context)` for a client: each warning to `onWarning` (else the
 * platform's default), in order, before the call that got them settles.
 */
export function deliverer(onWarning) {
  const handler = typeof onWarning === 'function' ? onWarning : platformWarning;
  return (warnings, context) => {
    if (!Array.isArray(warnings)) return;
    for (const warning of warnings) {
      try {
        handler(warning, { ...context });
      } catch (error) {
        reportThrown('onWarning', error);
      }
    }
  };
}

/** The caller's onProgress, guarded (see reportThrown), or null. */
export function progressCallback(onProgress) {
  if (onProgress == null) return null;
  if (typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
  return (done, total) => {
    try {
      onProgress(done, total);
    } catch (error) {
      reportThrown('onProgress', error);
    }
  };
}
