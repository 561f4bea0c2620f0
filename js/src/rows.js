// Every row of the sub-affiliate report as an async iterator: each row is yielded once, in
// order; pages after the first are fetched ahead (pagesAhead, where the engine can) while rows
// are consumed, and a failed page can be retried by calling next() again (the pager stays on
// it).

import { unwrap } from './errors.js';

export class ReportRows {
  #pager = null;
  #error;
  #signal;
  #warn;
  #buffer = [];
  #finished = false;
  #queue = Promise.resolve();
  #totalRows = null;
  #rowsFetched = 0;

  /**
   * `open()` gives the engine's pager (or throws the CakeError of the parameters: thrown by
   * the first next()); `warn(warnings, context)` delivers each page's warnings.
   */
  constructor(open, signal, warn) {
    try {
      this.#pager = open();
    } catch (error) {
      this.#error = error;
    }
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
    if (this.#error) {
      const error = this.#error;
      this.#error = undefined;
      this.#finished = true;
      throw error;
    }
    while (this.#buffer.length === 0 && !this.#finished) {
      const page = unwrap(await this.#pager.next(this.#signal));
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
    pager?.close();
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
