// The Promise client over the browser's fetch. Validation, retries, deadlines, pagination and
// bulk are the core's; this class converts options and results and maps errors.

import { toJsonText } from './json.js';
import { CakeError, CakePanicError, unwrap } from './errors.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** A relative base URL (the same-origin proxy pattern: `/`) is resolved against the page. */
function resolveBaseUrl(url) {
  const page = globalThis.location?.href;
  if (typeof url !== 'string' || typeof page !== 'string') return url;
  try {
    return new URL(url, page).href;
  } catch {
    return url; // the core reports it
  }
}

// The per-call overrides, under the names the caller wrote: the Rust side reads them so (as
// the Node package does) and names them so in any issue.
function callOptions(options) {
  const o = options ?? {};
  return { timeoutMs: o.timeoutMs, maxRetries: o.maxRetries, deadlineMs: o.deadlineMs };
}

function reply(envelopeText) {
  const { value, warnings, meta } = unwrap(envelopeText);
  return {
    value,
    warnings,
    meta: { operation: meta.operation, status: meta.status, attempts: meta.attempts, elapsedMs: meta.elapsed_ms },
  };
}

function outcome(item) {
  return item.error ? { ...item, error: new CakeError(item.error) } : item;
}

// ---- Warnings: those of every request that went through (core's issues with severity
// "warning", from validating the request or from reading the answer), one by one to the
// Client's `onWarning(warning, context)`, else to console.warn, before the call settles.

/** What is sent for `onWarning`: null for a function or nothing, else its JS type (an issue). */
function functionSetting(value) {
  return value === undefined || value === null || typeof value === 'function' ? null : typeof value;
}

/** The default: one console.warn line per warning (a page has no stderr; the console is it). */
function consoleWarning(warning, { operation }) {
  const field = warning.field ? `${warning.field}: ` : '';
  console.warn(`cake-sdk-wasm: ${operation}: ${field}${warning.message} (${warning.code})`);
}

// A throwing onWarning neither changes the call's outcome (its value was obtained, and a write
// was applied) nor stops the warnings after it. Its exception is reported the platform's way:
// in a browser as an event listener's is (reportError: the window's "error" event, then the
// console); in Node as a process warning, as the Node package does.
function reportThrown(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else if (typeof globalThis.process?.emitWarning === 'function') {
    globalThis.process.emitWarning(`cake-sdk-wasm: onWarning threw: ${error}`, 'CakeSdkWarning');
  } else {
    console.error('cake-sdk-wasm: onWarning threw:', error);
  }
}

function deliverer(onWarning) {
  const handler = typeof onWarning === 'function' ? onWarning : consoleWarning;
  return (warnings, context) => {
    if (!Array.isArray(warnings)) return;
    for (const warning of warnings) {
      try {
        handler(warning, { ...context });
      } catch (error) {
        reportThrown(error);
      }
    }
  };
}

export function makeClient(runtime) {
  /**
   * Rows of the sub-affiliate report, every page, for `for await` (one pass, like the Node
   * package's). Each page is fetched once and each row yielded once; leaving the loop early
   * releases the pager.
   */
  class ReportRows {
    #config;
    #params;
    #options;
    #warn;
    #rows = null;
    #totalRows = null;
    #rowsFetched = 0;

    constructor(config, params, options, warn) {
      this.#config = config;
      this.#params = toJsonText(params ?? {});
      this.#options = options ?? {};
      this.#warn = warn;
    }

    /** The total the server announced, once a page has said it. */
    get totalRows() {
      return this.#totalRows;
    }

    /** Rows fetched so far. */
    get rowsFetched() {
      return this.#rowsFetched;
    }

    next() {
      return this.#iterator().next();
    }

    return(value) {
      return this.#iterator().return(value);
    }

    throw(error) {
      return this.#iterator().throw(error);
    }

    [Symbol.asyncIterator]() {
      return this;
    }

    /** Every remaining row. */
    async toArray() {
      const rows = [];
      for await (const row of this) rows.push(row);
      return rows;
    }

    #iterator() {
      this.#rows ??= this.#pages();
      return this.#rows;
    }

    async *#pages() {
      const options = toJsonText({ ...callOptions(this.#options), pagesAhead: this.#options.pagesAhead });
      const config = this.#config;
      const params = this.#params;
      const id = unwrap(runtime.call((glue) => glue.pager_open(config, params, options)));
      const generation = runtime.generation;
      try {
        for (;;) {
          if (runtime.generation !== generation) {
            throw new CakePanicError('the report was interrupted by an internal error; start it again');
          }
          const page = unwrap(await runtime.run((glue) => glue.pager_next(id), this.#options.signal));
          if (page === null) return;
          this.#totalRows = page.total_rows;
          this.#rowsFetched = page.rows_fetched;
          // As each page arrives; the last one may hold no rows, only a report-level warning.
          this.#warn(page.warnings, { operation: 'sub_affiliate_report' });
          yield* page.value;
          if (page.done) return;
        }
      } finally {
        if (runtime.generation === generation) runtime.call((glue) => glue.pager_close(id));
      }
    }
  }

  /**
   * The CAKE client. Without `apiKey` it sends none: the same-origin proxy pattern, where a
   * server adds the key. With one it refuses to be built in a browser unless
   * `dangerouslyAllowBrowser: true` (anyone using the page could read the key).
   */
  class Client {
    #config;
    #baseUrl;
    #hasKey;
    #warn;

    constructor(options) {
      const o = options ?? {};
      this.#baseUrl = resolveBaseUrl(o.baseUrl);
      this.#hasKey = typeof o.apiKey === 'string' && o.apiKey !== '';
      // Under the names the caller wrote, as the Rust side names them in any issue.
      this.#config = toJsonText({
        baseUrl: this.#baseUrl,
        apiKey: o.apiKey,
        timeoutMs: o.timeoutMs,
        maxRetries: o.maxRetries,
        deadlineMs: o.deadlineMs,
        userAgent: o.userAgent,
        dangerouslyAllowBrowser: o.dangerouslyAllowBrowser,
        allowInsecureHttp: o.allowInsecureHttp,
        maxResponseBytes: o.maxResponseBytes,
        // The function stays here; the Rust side checks only what was given.
        onWarning: functionSetting(o.onWarning),
      });
      const config = this.#config;
      unwrap(runtime.call((glue) => glue.client_check(config)));
      this.#warn = deliverer(o.onWarning);
    }

    get baseUrl() {
      return this.#baseUrl;
    }

    /**
     * Any operation by id: the result with the request's warnings and how the call went. The
     * warnings also go to onWarning, as every method's do.
     */
    call(operation, params, options) {
      const config = this.#config;
      const paramsText = toJsonText(params ?? {});
      const optionsText = toJsonText(callOptions(options));
      return runtime
        .run((glue) => glue.client_call(config, String(operation), paramsText, optionsText), options?.signal)
        .then((text) => {
          const answer = reply(text);
          this.#warn(answer.warnings, { operation: answer.meta.operation });
          return answer;
        });
    }

    #value(operation, params, options) {
      return this.call(operation, params, options).then((r) => r.value);
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

    /** One page of the report: `{rows, total_rows}`. */
    subAffiliateReport(params, options) {
      return this.#value('sub_affiliate_report', params, options);
    }

    /** Every row of the sub-affiliate report, page by page (`for await`). */
    subAffiliateReportRows(params, options) {
      return new ReportRows(this.#config, params, options, this.#warn);
    }

    /**
     * Runs a create or update for every item, `concurrency` at a time (default 8); one
     * outcome per item, in input order. Nothing is repeated blindly: an item whose result
     * cannot be known is `unknown_outcome`. The warnings of the items sent go to onWarning
     * (context `{ operation, index }`), in input order.
     */
    bulk(operation, items, options) {
      const o = options ?? {};
      const config = this.#config;
      const itemsText = toJsonText(items);
      const optionsText = toJsonText({ ...callOptions(o), concurrency: o.concurrency });
      // Our own signal, following the caller's, so that a throwing onProgress stops the run.
      const controller = new AbortController();
      if (o.signal?.aborted) controller.abort(o.signal.reason);
      o.signal?.addEventListener('abort', () => controller.abort(o.signal.reason), { once: true });
      const onProgress = typeof o.onProgress === 'function' ? o.onProgress : undefined;
      const progress = onProgress
        ? (done, total) => {
            try {
              onProgress(done, total);
            } catch (error) {
              controller.abort(error);
            }
          }
        : undefined;
      return runtime
        .run((glue) => glue.bulk(config, String(operation), itemsText, optionsText, progress), controller.signal)
        .then((text) => {
          const outcomes = unwrap(text).map(outcome);
          for (const [index, item] of outcomes.entries()) {
            if (item.status === 'ok') this.#warn(item.warnings, { operation: String(operation), index });
          }
          return outcomes;
        });
    }

    toJSON() {
      return { baseUrl: this.#baseUrl, apiKey: this.#hasKey ? '***' : null };
    }

    [inspect]() {
      return `Client { baseUrl: ${JSON.stringify(this.#baseUrl)}, apiKey: ${this.#hasKey ? "'***'" : 'none'} }`;
    }
  }

  return Client;
}
