// The wasm engine of the shared JS layer (sdk/sdk.js): core compiled to WebAssembly, one
// instance at a time (runtime.js), sending with the page's fetch. Every answer is core's
// envelope text; this file adds what is the module's own: the input buffer validation writes
// into, the client's settings kept as text (the module rebuilds its client per call), pagers
// kept by id, and relative base URLs resolved against the page.

// Only the modules it uses (not sdk.js): the validation build must not load the client's.
import { toJsonText } from './sdk/json.js';
import { unwrap, CakePanicError } from './sdk/errors.js';

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

/** A relative base URL (the same-origin proxy pattern: `/`) is resolved against the page. */
function resolveBaseUrl(url) {
  const page = globalThis.location?.href;
  if (typeof url !== 'string' || typeof page !== 'string') return url;
  try {
    return new URL(url, page).href;
  } catch {
    return url; // core reports it
  }
}

/** What both builds have: validation, fields, payout functions. */
export function validationEngine(runtime) {
  const putInput = inputWriter();
  return {
    name: 'wasm',
    operations: JSON.parse(runtime.call((glue) => glue.operations())),
    validate: (at, text) =>
      runtime.call((glue) => {
        const len = glue.validate_input(at, putInput(glue, text));
        return len === 0 ? null : glue.memoryText(glue.output_buffer(), len);
      }),
    check: (operation, text) => runtime.call((glue) => glue.check_input(operation, putInput(glue, text))),
    fields: (operation) => runtime.call((glue) => glue.fields(operation)),
    payout: (name, text) => runtime.call((glue) => glue.payout(name, text)),
  };
}

function pager(runtime, config, params, options) {
  const id = unwrap(runtime.call((glue) => glue.pager_open(config, params, options)));
  const generation = runtime.generation;
  return {
    next(signal) {
      if (runtime.generation !== generation) {
        return Promise.reject(new CakePanicError('the report was interrupted by an internal error; start it again'));
      }
      return runtime.run((glue) => glue.pager_next(id), signal);
    },
    close() {
      if (runtime.generation === generation) runtime.call((glue) => glue.pager_close(id));
    },
  };
}

let instances = 0;

function client(runtime, options) {
  // `instance`: the module keeps a core client per settings text, so two Clients made with the
  // same settings still get a requests-per-second schedule each (core ignores the key).
  const config = toJsonText({ ...options, baseUrl: resolveBaseUrl(options.baseUrl), instance: ++instances });
  // Core's checked settings: the base URL as core uses it (trimmed, no trailing slash).
  const baseUrl = unwrap(runtime.call((glue) => glue.client_check(config)));
  return {
    baseUrl,
    hasKey: typeof options.apiKey === 'string' && options.apiKey !== '',
    call: (operation, params, callOptions, signal) =>
      runtime.run((glue) => glue.client_call(config, operation, params, callOptions), signal),
    bulk: (operation, items, callOptions, progress, signal) =>
      runtime.run((glue) => glue.bulk(config, operation, items, callOptions, progress ?? undefined), signal),
    pager: (params, callOptions) => pager(runtime, config, params, callOptions),
  };
}

/** The full build's engine: validation's, the wire format and the fetch client. */
export function fullEngine(runtime) {
  return {
    ...validationEngine(runtime),
    buildRequest: (operation, text, apiKey) => runtime.call((glue) => glue.build_request(operation, text, apiKey)),
    parseResponse: (operation, status, headers, body) =>
      runtime.call((glue) => glue.parse_response(operation, status, headers, body)),
    client: (options) => client(runtime, options),
  };
}
