'use strict';
// Bulk outcomes as plain objects; a failed item's error is a CakeError like any other.

const { CakeError } = require('./errors.js');

const BulkOutcomes = {
  from(outcomes) {
    return outcomes.map((outcome) =>
      outcome.error ? { ...outcome, error: new CakeError(outcome.error) } : outcome,
    );
  },

  // The caller's progress callback, guarded: it runs from the native side, where a throw would
  // be an uncaught exception, so a failure is reported as a process warning instead.
  progress(onProgress) {
    if (onProgress == null) return null;
    if (typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    return (done, total) => {
      try {
        onProgress(done, total);
      } catch (error) {
        process.emitWarning(`cake-sdk: onProgress threw: ${error}`, 'CakeSdkWarning');
      }
    };
  },
};

module.exports = { BulkOutcomes };
