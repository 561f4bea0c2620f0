'use strict';
// The embedded CAKE mock, for tests of code that uses this SDK. Natively it is the Rust mock's
// own server, on a thread of its own. In the WebAssembly fallback (WASI has no sockets) its
// server is node:http, in front of the same Rust routes (lib/mock-front.js): the same API, the
// same answers and faults.

const native = require('./native.js');
const { toJsonText: toJson } = require('./sdk.cjs');
const { unavailable } = require('./platform.js');
const { serve } = require('./mock-front.js');

function answer(text) {
  const parsed = JSON.parse(text);
  if (parsed.error !== undefined) throw new Error(`cake-sdk mock: ${parsed.error}`);
  return parsed.ok;
}

// Native addons: the mock's own server. The WebAssembly fallback: its routes, served here.
const ownServer = typeof native.startMock === 'function';
const embedded = ownServer || typeof native.createMockRouter === 'function';
// The mock's own list (cake-mock's FaultKind::ALL), not a copy of it.
const FAULT_KINDS = embedded ? Object.freeze(native.mockFaultKinds()) : null;

class MockServer {
  #native;
  #front;

  /** Every fault kind the mock has, by name, in its order ('delay', ..., 'endless_body'). */
  static get faultKinds() {
    if (!embedded) throw unavailable('MockServer');
    return FAULT_KINDS;
  }

  constructor(handle, front = null) {
    this.#native = handle;
    this.#front = front;
  }

  /** Starts a mock on 127.0.0.1; options: apiKey (default "mock-api-key"), seed, port (0: any free). */
  static async start(options = {}) {
    if (!embedded) throw unavailable('MockServer');
    const settings = toJson({ api_key: options.apiKey, seed: options.seed, port: options.port });
    const made = ownServer ? native.startMock(settings) : native.createMockRouter(settings);
    if (typeof made === 'string') throw new Error(`cake-sdk mock: ${made}`);
    if (ownServer) return new MockServer(made);
    let front;
    try {
      front = await serve(made, made.port);
    } catch (error) {
      throw new Error(`cake-sdk mock: ${error.message}`);
    }
    return new MockServer(made, front);
  }

  /** The base URL, e.g. http://127.0.0.1:53121. */
  get url() {
    return this.#front ? this.#front.url : this.#native.url;
  }

  /** The one key this mock accepts. */
  get apiKey() {
    return this.#native.apiKey;
  }

  /** Stops the server; later calls do nothing. */
  async stop() {
    if (this.#front) await this.#front.stop();
    else await this.#native.stop();
  }

  /** Clears state, request log and faults; ids start again from the first. */
  reset() {
    this.#native.reset();
  }

  /**
   * Adds a fault rule: { operation, kind, times?, probability?, seed?, delay_ms?, retry_after?,
   * row_cap?, total_rows?, broken_every?, in_errors? } (row_cap, total_rows, broken_every:
   * 'report_shape'; in_errors: 'restricted'). A rule that could never mean what it says throws.
   */
  addFault(rule) {
    answer(this.#native.addFault(toJson(rule)));
  }

  clearFaults() {
    this.#native.clearFaults();
  }

  /** Every fault rule with how often it fired: [{ rule, fired }]. */
  faults() {
    return JSON.parse(this.#native.faults());
  }

  /** Every API request received (api keys masked), in order. */
  requests() {
    return JSON.parse(this.#native.requests());
  }

  /** Everything the mock holds. */
  state() {
    return JSON.parse(this.#native.state());
  }

  /** Creates entities all-or-nothing: { affiliates, offers, sub_affiliates, affiliate_offers }. */
  seed(data) {
    return answer(this.#native.seed(toJson(data)));
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `MockServer { url: ${JSON.stringify(this.url)} }`;
  }
}

module.exports = { MockServer };
