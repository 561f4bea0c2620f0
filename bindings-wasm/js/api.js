// Validation, Standard Schema objects, payout functions and (full build) the wire functions,
// over one runtime. Every rule is the core's; this file converts values and names.

import { toJsonText } from './json.js';
import { unwrap } from './errors.js';

function standardIssues(issues) {
  return issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => (issue.field ? { message: issue.message, path: [issue.field] } : { message: issue.message }));
}

const encoder = new TextEncoder();

/** Up to this many bytes the input buffer is reserved for the worst case (3 per UTF-16 unit). */
const ROOM_BEFORE_ENCODING = 65536;

/**
 * Writes JSON text as UTF-8 into the module's input buffer (src/buffers.rs) and gives its
 * length in bytes: the native encoder straight into wasm memory, through a view kept while
 * the buffer and the memory stay where they are (no copy or allocation per call). A long text
 * is encoded first, so the module reserves its exact size, not three times it.
 */
function inputWriter() {
  let view = null;
  return (glue, text) => {
    const room = text.length * 3;
    if (room > ROOM_BEFORE_ENCODING) {
      const bytes = encoder.encode(text);
      const at = glue.input_buffer(bytes.length); // first: it may grow the memory
      glue.memoryBytes().set(bytes, at);
      return bytes.length;
    }
    const at = glue.input_buffer(room); // first: it may grow the memory
    const memory = glue.memoryBytes();
    if (view === null || view.buffer !== memory.buffer || view.byteOffset !== at || view.length < room) {
      view = memory.subarray(at, at + room);
    }
    // At most `room` bytes are written, all reserved, even when the view is longer.
    return encoder.encodeInto(text, view).written;
  };
}

export function makeApi(runtime) {
  const putInput = inputWriter();
  /** The eight operation ids, as the core lists them. */
  const operations = Object.freeze(JSON.parse(runtime.call((glue) => glue.operations())));
  /** Operation id -> its index, as `validate_input` takes it (past the end: not one). */
  const operationIndex = new Map(operations.map((op, at) => [op, at]));

  /** Every issue of `params` for `operation`: errors block a request, warnings never do. */
  function validate(operation, params) {
    const text = toJsonText(params);
    const op = operationIndex.get(typeof operation === 'string' ? operation : String(operation)) ?? operations.length;
    return runtime.call((glue) => {
      const len = glue.validate_input(op, putInput(glue, text));
      // Most payloads have no issue: then nothing is written, and nothing is read.
      return len === 0 ? [] : JSON.parse(glue.memoryText(glue.output_buffer(), len));
    });
  }

  /** The issues, and the parameters normalized as they would be sent. */
  function check(operation, params) {
    const text = toJsonText(params);
    return JSON.parse(runtime.call((glue) => glue.check_input(String(operation), putInput(glue, text))));
  }

  /** The parameters of `operation`, in the reference's order, with what each holds. */
  function fields(operation) {
    return unwrap(runtime.call((glue) => glue.fields(String(operation))));
  }

  /**
   * A Standard Schema (v1) for `operation`. Errors become its issues (`path` = [field]);
   * warnings never block, so they are not issues: they are on `result.warnings` (every
   * result has it) and in `validate()`. On success `value` is the normalized parameters.
   */
  function standardSchema(operation) {
    return Object.freeze({
      '~standard': Object.freeze({
        version: 1,
        vendor: 'cake-sdk',
        validate(value) {
          const { issues, params } = check(operation, value);
          const warnings = issues.filter((issue) => issue.severity === 'warning');
          const errors = standardIssues(issues);
          return errors.length > 0 ? { issues: errors, warnings } : { value: params, warnings };
        },
      }),
    });
  }

  const schemas = Object.freeze(Object.fromEntries(operations.map((op) => [op, standardSchema(op)])));

  function payout(name, args) {
    const text = toJsonText(args ?? {});
    return unwrap(runtime.call((glue) => glue.payout(name, text)));
  }

  return {
    operations,
    validate,
    check,
    fields,
    schemas,
    // The same signatures as the Node package's; the core names the arguments.
    subAffiliatePayout: (parentPayout, payoutAmount, payoutType) =>
      payout('sub_affiliate_payout', { parent_payout: parentPayout, payout: payoutAmount, payout_type: payoutType }),
    effectivePayout: (offerPayout, override) => payout('effective_payout', { offer_payout: offerPayout, override }),
    margin: (revenue, payoutAmount) => payout('margin', { revenue, payout: payoutAmount }),
    marginPercent: (revenue, payoutAmount) => payout('margin_percent', { revenue, payout: payoutAmount }),
    earnings: (payoutType, rate, activity) => payout('earnings', { ...activity, payout_type: payoutType, rate }),
    reportMetrics: (clicks, conversions, payoutAmount) => payout('report_metrics', { clicks, conversions, payout: payoutAmount }),
    reportTotals: (rows) => payout('report_totals', { rows }),
    split: (total, weights) => payout('split', { total, weights }),
  };
}

/** The sans-IO wire format (full build): what would be sent, and how an answer reads. */
export function makeWire(runtime) {
  /**
   * An answer read as the client reads it: `{ value, warnings }`, the warnings being those of
   * reading it (`unreadable_value`: a value kept as sent under `unreadable`;
   * `unreadable_row`: a list item left out). Anything else is a thrown CakeError.
   */
  function readResponse(operation, status, headers, body) {
    if (!Number.isInteger(status) || status < 0 || status > 65535) {
      throw new TypeError('cake-sdk-wasm: status must be an HTTP status code');
    }
    const bytes = typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body ?? []);
    // An object, or pairs (a fetch Headers object iterates as pairs).
    const pairs = headers && typeof headers[Symbol.iterator] === 'function' ? Object.fromEntries(headers) : headers;
    const headerText = toJsonText(pairs ?? {});
    return unwrap(runtime.call((glue) => glue.parse_response(String(operation), status, headerText, bytes)));
  }

  return Object.freeze({
    buildRequest(operation, params, apiKey) {
      const text = toJsonText(params);
      return unwrap(runtime.call((glue) => glue.build_request(String(operation), text, String(apiKey ?? ''))));
    },
    /** The answer read as `readResponse` reads it, without the warnings. */
    parseResponse(operation, status, headers, body) {
      return readResponse(operation, status, headers, body).value;
    },
    readResponse,
  });
}
