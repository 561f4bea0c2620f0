// The Promise client over an engine (the napi addon's core client on tokio and reqwest, or the
// wasm module's on the page's fetch). Validation, retries, deadlines, pagination and bulk are core's; this
// class converts options and results, delivers warnings and maps errors.

import { itemsText, toJsonText } from './json.js';
import { CakeError, unwrap } from './errors.js';
import { deliverer, functionSetting, progressCallback } from './warnings.js';
import { ReportRows } from './rows.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

// The per-call overrides, under the names the caller wrote: the engines read them so and name
// them so in any issue.
function callOptions(options) {
  const o = options ?? {};
  return { timeoutMs: o.timeoutMs, maxRetries: o.maxRetries, deadlineMs: o.deadlineMs };
}

// Most calls give no options: their text is always the same.
const NO_OPTIONS = '{}';
const optionsText = (options) => (options == null ? NO_OPTIONS : toJsonText(callOptions(options)));

function outcome(item) {
  return item.error ? { ...item, error: new CakeError(item.error) } : item;
}

/** "create_offer" -> "createOffer": each operation's method name. */
const camel = (id) => id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

export function makeClient(engine) {
  /**
   * The CAKE client: one method per operation (camelCase), each taking one object of the
   * reference's snake_case parameters.
   */
  class Client {
    #handle;
    #warn;

    constructor(options) {
      const o = options ?? {};
      // Under the names the caller wrote, as the engines name them in any issue. onWarning
      // stays here; the engine only checks what was given.
      this.#handle = engine.client({
        baseUrl: o.baseUrl,
        apiKey: o.apiKey,
        timeoutMs: o.timeoutMs,
        maxRetries: o.maxRetries,
        deadlineMs: o.deadlineMs,
        userAgent: o.userAgent,
        allowInsecureHttp: o.allowInsecureHttp,
        maxResponseBytes: o.maxResponseBytes,
        requestsPerSecond: o.requestsPerSecond,
        dangerouslyAllowBrowser: o.dangerouslyAllowBrowser,
        onWarning: functionSetting(o.onWarning),
      });
      this.#warn = deliverer(o.onWarning);
    }

    /** The base URL in use. The api key cannot be read back. */
    get baseUrl() {
      return this.#handle.baseUrl;
    }

    /**
     * Any operation by id, with the request's warnings and how the call went:
     * `{ value, warnings, meta: { operation, status, attempts, elapsedMs } }`. The warnings
     * also go to onWarning, as every method's do.
     */
    async call(operation, params, options) {
      const { value, warnings, meta } = unwrap(await this.#send(operation, params, options));
      const reply = {
        value,
        warnings,
        meta: { operation: meta.operation, status: meta.status, attempts: meta.attempts, elapsedMs: meta.elapsed_ms },
      };
      this.#warn(reply.warnings, { operation: reply.meta.operation });
      return reply;
    }

    /** The engine's envelope text for one call. */
    #send(operation, params, options) {
      return this.#handle.call(
        String(operation),
        toJsonText(params === undefined ? {} : params),
        optionsText(options),
        options?.signal,
      );
    }

    /** What each operation's method gives: the value alone, its warnings delivered. */
    async #value(operation, params, options) {
      const { value, warnings, meta } = unwrap(await this.#send(operation, params, options));
      if (warnings?.length) this.#warn(warnings, { operation: meta.operation });
      return value;
    }

    // One method per operation of core's list (createOffer, subAffiliateReport: one page, ...),
    // defined here to reach #value.
    static {
      for (const operation of engine.operations) {
        const method = function (params, options) {
          return this.#value(operation, params, options);
        };
        Object.defineProperty(method, 'name', { value: camel(operation) });
        Object.defineProperty(this.prototype, camel(operation), { value: method, writable: true, configurable: true });
      }
    }

    /** Every row of the sub-affiliate report, page by page, for `for await`; each row once. */
    subAffiliateReportRows(params, options) {
      const settings = toJsonText({ ...callOptions(options), pagesAhead: options?.pagesAhead });
      const open = () => this.#handle.pager(toJsonText(params === undefined ? {} : params), settings);
      return new ReportRows(open, options?.signal, this.#warn);
    }

    /**
     * Runs a create or update for every item, `concurrency` at a time (default 8); one
     * outcome per item, in input order. Nothing is repeated blindly: an item whose result
     * cannot be known is `unknown_outcome`. `onProgress(done, total)` is called as items
     * finish, every call before the promise settles. The warnings of the items sent go to
     * onWarning (context `{ operation, index }`), in input order.
     */
    async bulk(operation, items, options) {
      const o = options ?? {};
      const progress = progressCallback(o.onProgress);
      const settings = toJsonText({ ...callOptions(o), concurrency: o.concurrency });
      const text = await this.#handle.bulk(String(operation), itemsText(items), settings, progress, o.signal);
      const outcomes = unwrap(text).map(outcome);
      for (const [index, item] of outcomes.entries()) {
        if (item.status === 'ok') this.#warn(item.warnings, { operation: String(operation), index });
      }
      return outcomes;
    }

    toJSON() {
      return { baseUrl: this.baseUrl, apiKey: this.#handle.hasKey ? '***' : null };
    }

    [inspect]() {
      return `Client { baseUrl: ${JSON.stringify(this.baseUrl)}, apiKey: ${this.#handle.hasKey ? "'***'" : 'none'} }`;
    }
  }

  return Client;
}
