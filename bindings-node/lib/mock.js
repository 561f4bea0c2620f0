'use strict';
// The embedded CAKE mock (Rust, on its own thread), for tests of code that uses this SDK.

const native = require('./native.js');
const { toJson } = require('./json.js');
const { unavailable } = require('./platform.js');

function answer(text) {
  const parsed = JSON.parse(text);
  if (parsed.error !== undefined) throw new Error(`cake-sdk mock: ${parsed.error}`);
  return parsed.ok;
}

// Every native addon embeds the mock; the WebAssembly fallback cannot (no sockets).
const embedded = typeof native.startMock === 'function';
// The mock's own list (cake-mock's FaultKind::ALL), not a copy of it.
const FAULT_KINDS = embedded ? Object.freeze(native.mockFaultKinds()) : null;

class MockServer {
  #native;

  /** Every fault kind the mock has, by name, in its order ('delay', ..., 'endless_body'). */
  static get faultKinds() {
    if (!embedded) throw unavailable('MockServer');
    return FAULT_KINDS;
  }

  constructor(handle) {
    this.#native = handle;
  }

  /** Starts a mock on 127.0.0.1; options: apiKey (default "mock-api-key"), seed, port (0: any free). */
  static async start(options = {}) {
    if (!embedded) throw unavailable('MockServer');
    const settings = { api_key: options.apiKey, seed: options.seed, port: options.port };
    const made = native.startMock(toJson(settings));
    if (typeof made === 'string') throw new Error(`cake-sdk mock: ${made}`);
    return new MockServer(made);
  }

  /** The base URL, e.g. http://127.0.0.1:53121. */
  get url() {
    return this.#native.url;
  }

  /** The one key this mock accepts. */
  get apiKey() {
    return this.#native.apiKey;
  }

  /** Stops the server; later calls do nothing. */
  async stop() {
    await this.#native.stop();
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
