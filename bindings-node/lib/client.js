'use strict';
// The client: one method per operation (camelCase), each taking one object of the reference's
// snake_case parameters. Validation, retries, deadlines and parsing all happen in Rust.

const native = require('./native.js');
const { CakeError } = require('./errors.js');
const { run, callOptions, meta, toJson } = require('./call.js');
const { ReportRows } = require('./rows.js');
const { BulkOutcomes } = require('./bulk.js');
const { deliverer, functionSetting } = require('./warnings.js');
const { unavailable } = require('./platform.js');
const { createTransport } = require('./transport.js');

// Native addons send with the core's own HTTP client. The WebAssembly fallback has no sockets
// (WASI): its core sends each attempt through lib/transport.js.
const ownHttp = typeof native.nativeTransport === 'function' && native.nativeTransport();

const inspect = Symbol.for('nodejs.util.inspect.custom');

// Each item as its own JSON text, so one unserializable item fails alone.
function bulkItems(items) {
  return Array.isArray(items) ? JSON.stringify(items.map((item) => toJson(item))) : toJson(items);
}

class Client {
  #native;
  #warn;

  /**
   * @param {object} [options] baseUrl, apiKey (else CAKE_BASE_URL / CAKE_API_KEY), timeoutMs
   *   (per attempt), maxRetries, deadlineMs (whole call), userAgent, allowInsecureHttp,
   *   maxResponseBytes (the largest answer read; default 64 MiB),
   *   onWarning(warning, { operation }) (default: a process warning of type CakeWarning).
   */
  constructor(options = {}) {
    if (typeof native.createClient !== 'function') throw unavailable('Client');
    // Under the names the caller wrote: the Rust side names them so in any issue. onWarning
    // stays here; the Rust side only checks what was given (see functionSetting).
    const config = {
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      deadlineMs: options.deadlineMs,
      userAgent: options.userAgent,
      allowInsecureHttp: options.allowInsecureHttp,
      maxResponseBytes: options.maxResponseBytes,
      onWarning: functionSetting(options.onWarning),
      // The fallbacks for baseUrl and apiKey, read now: the WebAssembly fallback's own view of
      // the environment is a copy made when it loaded.
      env: { CAKE_BASE_URL: process.env.CAKE_BASE_URL, CAKE_API_KEY: process.env.CAKE_API_KEY },
    };
    const made = native.createClient(toJson(config), ownHttp ? undefined : createTransport());
    if (typeof made === 'string') throw new CakeError(JSON.parse(made).error);
    this.#native = made;
    this.#warn = deliverer(options.onWarning);
  }

  /** The base URL in use. The api key cannot be read back. */
  get baseUrl() {
    return this.#native.baseUrl;
  }

  /**
   * Any operation by id, with the request's warnings and how the call went:
   * `{ value, warnings, meta: { operation, status, attempts, elapsedMs } }`. The warnings also
   * go to onWarning, as every method's do.
   */
  async call(operation, params, options) {
    const answer = await run(options?.signal, (token) =>
      this.#native.call(String(operation), toJson(params === undefined ? {} : params), toJson(callOptions(options)), token),
    );
    const reply = { value: answer.ok, warnings: answer.warnings, meta: meta(answer.meta) };
    this.#warn(reply.warnings, { operation: reply.meta.operation });
    return reply;
  }

  async #value(operation, params, options) {
    return (await this.call(operation, params, options)).value;
  }

  createAffiliate(params, options) {
    return this.#value('create_affiliate', params, options);
  }

  updateAffiliate(params, options) {
    return this.#value('update_affiliate', params, options);
  }

  getAffiliateOffer(params, options) {
    return this.#value('get_affiliate_offer', params, options);
  }

  createOffer(params, options) {
    return this.#value('create_offer', params, options);
  }

  updateOffer(params, options) {
    return this.#value('update_offer', params, options);
  }

  listSubAffiliates(params, options) {
    return this.#value('list_sub_affiliates', params, options);
  }

  createSubAffiliate(params, options) {
    return this.#value('create_sub_affiliate', params, options);
  }

  /** One page of the report: `{ rows, total_rows }`. */
  subAffiliateReport(params, options) {
    return this.#value('sub_affiliate_report', params, options);
  }

  /** Every row of the report, page by page, for `for await`; each row once. */
  subAffiliateReportRows(params, options) {
    const settings = { ...callOptions(options), pagesAhead: options?.pagesAhead };
    const made = this.#native.pager(toJson(params === undefined ? {} : params), toJson(settings));
    return new ReportRows(made, options?.signal, this.#warn);
  }

  /**
   * Runs a create or update for every item, `concurrency` at a time; one outcome per item, in
   * input order. `onProgress(done, total)` is called as items finish. The warnings of the
   * items sent go to onWarning (context `{ operation, index }`), in input order.
   */
  async bulk(operation, items, options) {
    const o = options ?? {};
    const settings = { ...callOptions(o), concurrency: o.concurrency };
    const progress = BulkOutcomes.progress(o.onProgress);
    const answer = await run(o.signal, (token) =>
      this.#native.bulk(String(operation), bulkItems(items), toJson(settings), progress, token),
    );
    const outcomes = BulkOutcomes.from(answer.ok);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'ok') this.#warn(outcome.warnings, { operation: String(operation), index });
    }
    return outcomes;
  }

  [inspect]() {
    return `Client { baseUrl: ${JSON.stringify(this.baseUrl)}, apiKey: '***' }`;
  }

  toJSON() {
    return { baseUrl: this.baseUrl };
  }
}

module.exports = { Client };
