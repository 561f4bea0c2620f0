// Every row of the sub-affiliate report as an async iterator: each row is yielded once, in
// order; pages after the first are fetched ahead (pagesAhead, where the engine can) while rows
// are consumed, and a failed page can be retried by calling next() again (the pager stays on
// it).

import { unwrap } from './errors.js';

// A pager left behind (an iteration that failed and was never resumed nor returned) is closed
// when its ReportRows is collected: the wasm engine keeps pagers in a table until closed.
const abandoned =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((pager) => {
        try {
          pager.close();
        } catch {
          // A collector's callback has no caller to tell; the pager goes with its module.
        }
      })
    : null;

export class ReportRows {
  #open;
  #pager = null;
  #signal;
  #warn;
  #buffer = [];
  #finished = false;
  #queue = Promise.resolve();
  #totalRows = null;
  #rowsFetched = 0;

  /**
   * `open()` gives the engine's pager, at the first next() (or throws the CakeError of the
   * parameters, which that next() rejects with); `warn(warnings, context)` delivers each
   * page's warnings.
   */
  constructor(open, signal, warn) {
    this.#open = open;
    this.#signal = signal;
    this.#warn = warn;
  }

  /** The total the server announced, once a page has said it (else null). */
  get totalRows() {
    return this.#totalRows;
  }

  /** Rows fetched from the server so far. */
  get rowsFetched() {
    return this.#rowsFetched;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  // Calls are queued: overlapping next() calls get consecutive rows, never the same page.
  next() {
    const step = this.#queue.then(() => this.#next());
    this.#queue = step.catch(() => {});
    return step;
  }

  async #next() {
    // An aborted signal stays aborted: the iteration is over (its pager released), and every
    // next() rejects with the signal's reason.
    if (this.#signal?.aborted) {
      this.#close();
      throw this.#signal.reason;
    }
    if (this.#open !== null && !this.#finished) {
      const open = this.#open;
      this.#open = null;
      try {
        this.#pager = open();
        abandoned?.register(this, this.#pager, this);
      } catch (error) {
        this.#finished = true;
        throw error;
      }
    }
    while (this.#buffer.length === 0 && !this.#finished) {
      let page;
      try {
        page = unwrap(await this.#pager.next(this.#signal));
      } catch (error) {
        // Aborted: over (see above). Any other failure leaves the pager on the same page, for
        // next() to ask again.
        if (this.#signal?.aborted) this.#close();
        throw error;
      }
      if (page === null) {
        this.#finished = true;
        break;
      }
      this.#totalRows = page.total_rows;
      this.#rowsFetched = page.rows_fetched;
      // As each page arrives; the last one may hold no rows, only a report-level warning.
      this.#warn(page.warnings, { operation: 'sub_affiliate_report' });
      this.#buffer = page.value;
      if (page.done) this.#finished = true;
    }
    if (this.#buffer.length > 0) return { value: this.#buffer.shift(), done: false };
    this.#close();
    return { value: undefined, done: true };
  }

  #close() {
    const pager = this.#pager;
    this.#pager = null;
    this.#open = null;
    if (pager !== null) {
      abandoned?.unregister(this);
      pager.close();
    }
  }

  /** Stops early (what `break` in a for-await loop calls). */
  async return() {
    this.#finished = true;
    this.#buffer = [];
    // After a page being fetched now, so the pages it starts ahead are stopped too.
    await this.#queue;
    this.#close();
    return { value: undefined, done: true };
  }

  /** Every remaining row in one array. */
  async toArray() {
    const rows = [];
    for await (const row of this) rows.push(row);
    return rows;
  }
}
