// cake-sdk-wasm: the full build (validation, payout math, wire format and the fetch client).

import type { CakeError, FormInput, Issue } from './types.js';
import type {
  AccountManager,
  Affiliate,
  AffiliateOffer,
  JsonValue,
  Offer,
  Open,
  ResultByOperation,
  ResultExtras,
  SubAffiliate,
  SubAffiliateReport,
  SubAffiliateReportRow,
  Operation,
  ParamsByOperation,
  CreateAffiliateParams,
  UpdateAffiliateParams,
  GetAffiliateOfferParams,
  CreateOfferParams,
  UpdateOfferParams,
  ListSubAffiliatesParams,
  CreateSubAffiliateParams,
  SubAffiliateReportParams,
} from './params.js';

export * from './common.js';
export * from './exports.js';

/** Which build this is. */
export declare const build: 'full';
/** @internal The runtime behind the exports (for this package's tests). */
export declare const __runtime: unknown;

// ---- The client

/**
 * An issue that did not block its request: from validating it (`negative_margin`,
 * `expires_in_past`, `unknown_field`), from running it (`resolved_by_lookup`), or from reading
 * the answer (`unreadable_value`, `unreadable_row`, a report's `total_rows_mismatch`). `field`
 * may be a path into the answer, e.g. "sub_affiliate_report[3].payout".
 */
export interface Warning extends Issue {
  readonly severity: 'warning';
}

/** Which call a warning came from. */
export interface WarningContext {
  /** The operation id (for report rows: "sub_affiliate_report", once per page). */
  operation: Operation;
  /** bulk: the item's position in the input. */
  index?: number;
}

/**
 * Called once per warning of every request that went through, before its call settles. A
 * handler that throws changes nothing for the call; its exception is reported as an event
 * listener's is (`reportError`; under Node, a process warning).
 */
export type WarningHandler = (warning: Warning, context: WarningContext) => void;

export interface ClientOptions {
  /**
   * The CAKE instance, or a same-origin proxy that adds the key (a relative URL such as "/"
   * is resolved against the page). https, or http to loopback.
   */
  baseUrl: string;
  /**
   * Sent with every request. In a browser anyone can read it: it is refused unless
   * `dangerouslyAllowBrowser` is true. Leave it out to call a proxy that adds it.
   */
  apiKey?: string;
  /** Per-attempt timeout (default 30 000; above 0, at most a day). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2; 0 to 20); writes are retried only when not processed. */
  maxRetries?: number;
  /** Bounds the whole call, retries and waits included (default 120 000; above 0, at most a day). */
  deadlineMs?: number;
  userAgent?: string;
  /** Opt in to sending `apiKey` from a browser page. */
  dangerouslyAllowBrowser?: boolean;
  /** Allow plain http to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  /**
   * The largest answer read, in bytes (default 67108864: 64 MiB; a whole number, at least 1).
   * A longer one fails the call as `decode` naming the limit (a write: as `unknown_outcome`),
   * not retried. A browser's fetch holds the body itself: the limit refuses a declared
   * Content-Length above it before reading, and any longer body once it has arrived.
   */
  maxResponseBytes?: number;
  /**
   * Receives every warning of every call, bulk item and report page. Default: one
   * `console.warn` line each ("cake-sdk-wasm: create_offer: payout: ... (negative_margin)");
   * `() => {}` silences them.
   */
  onWarning?: WarningHandler | null;
}

/** Per-call overrides (the same ranges as the Client's), and an AbortSignal that cancels the call. */
export interface CallOptions {
  timeoutMs?: number;
  maxRetries?: number;
  deadlineMs?: number;
  /** Aborting rejects with the signal's reason (an AbortError by default); a write already sent may have been applied. */
  signal?: AbortSignal;
}

export interface ReportRowsOptions extends CallOptions {
  /**
   * Checked as in the Node package (0 to 16, default 4), so the same options work in both;
   * in a browser each page is fetched when it is needed.
   */
  pagesAhead?: number;
}

export interface BulkOptions extends CallOptions {
  /** Items in flight at once (a whole number, default 8; 0 runs one at a time). */
  concurrency?: number;
  /** Called after each item; if it throws, the run stops and rejects with that error. */
  onProgress?: (done: number, total: number) => void;
}

/** How a call went. */
export interface CallMeta {
  operation: Operation;
  status: number | null;
  attempts: number;
  elapsedMs: number;
}

/** A result with the request's warnings (also given to onWarning) and how the call went. */
export interface Reply<T> {
  value: T;
  warnings: Warning[];
  meta: CallMeta;
}

/** The operations `bulk` runs. */
export type BulkOperation = 'create_affiliate' | 'update_affiliate' | 'create_offer' | 'update_offer' | 'create_sub_affiliate';

/** What happened to one bulk item. */
export type BulkOutcome<T> =
  | { status: 'ok'; result: T; warnings: Warning[]; attempts: number }
  | { status: 'invalid'; issues: Issue[] }
  | { status: 'failed' | 'unknown_outcome'; error: CakeError };

/** Every row of the report, fetched page by page as they are consumed; each row once. */
export interface ReportRows extends AsyncIterableIterator<SubAffiliateReportRow> {
  /** The total the server announced, once a page has said it. */
  readonly totalRows: number | null;
  /** Rows fetched so far. */
  readonly rowsFetched: number;
  /** Every remaining row. */
  toArray(): Promise<SubAffiliateReportRow[]>;
}

/**
 * The CAKE client over fetch. Every method validates first (an invalid request rejects with
 * a `validation` CakeError and nothing is sent), retries what cannot duplicate a write, and
 * rejects with a `CakeError` carrying a stable `code`.
 */
export declare class Client {
  constructor(options: ClientOptions);
  readonly baseUrl: string;
  /** Any operation by id, with warnings and metadata. */
  call<Op extends Operation>(operation: Op, params: ParamsByOperation[Op], options?: CallOptions): Promise<Reply<ResultByOperation[Op]>>;
  createAffiliate(params: CreateAffiliateParams, options?: CallOptions): Promise<Affiliate>;
  updateAffiliate(params: UpdateAffiliateParams, options?: CallOptions): Promise<Affiliate>;
  getAffiliateOffer(params: GetAffiliateOfferParams, options?: CallOptions): Promise<AffiliateOffer>;
  createOffer(params: CreateOfferParams, options?: CallOptions): Promise<Offer>;
  updateOffer(params: UpdateOfferParams, options?: CallOptions): Promise<Offer>;
  listSubAffiliates(params?: ListSubAffiliatesParams, options?: CallOptions): Promise<SubAffiliate[]>;
  createSubAffiliate(params: CreateSubAffiliateParams, options?: CallOptions): Promise<SubAffiliate>;
  /** One page of the report. */
  subAffiliateReport(params: SubAffiliateReportParams, options?: CallOptions): Promise<SubAffiliateReport>;
  /** Every row of the report, page by page. */
  subAffiliateReportRows(params: SubAffiliateReportParams, options?: ReportRowsOptions): ReportRows;
  /** One outcome per item, in input order; invalid items are reported, not sent. */
  bulk<Op extends BulkOperation>(
    operation: Op,
    items: ReadonlyArray<ParamsByOperation[Op] | FormInput<Op>>,
    options?: BulkOptions,
  ): Promise<BulkOutcome<ResultByOperation[Op]>[]>;
  /** The settings without the key. */
  toJSON(): { baseUrl: string; apiKey: '***' | null };
}

// ---- The sans-IO wire format

export interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  /** api_key first for GET; empty for POST. */
  query: [string, string][];
  /** POST: api_key and the fields given; GET: null. */
  json_body: { [field: string]: unknown } | null;
}

/** Response headers: an object, or pairs (a fetch `Headers` object). */
export type HeadersInput = { readonly [name: string]: string } | Iterable<readonly [string, string]>;

export declare const wire: {
  /** The request exactly as it would be sent, the key included (for tests and proxies, not logs). */
  buildRequest<Op extends Operation>(operation: Op, params: ParamsByOperation[Op] | FormInput<Op>, apiKey: string): WireRequest;
  /** An answer read as the client reads it: the result, or a thrown CakeError. */
  parseResponse<Op extends Operation>(
    operation: Op,
    status: number,
    headers: HeadersInput,
    body: string | Uint8Array | ArrayBuffer,
  ): ResultByOperation[Op];
  /**
   * parseResponse with the warnings of reading the answer (`unreadable_value`,
   * `unreadable_row`), as the client hands them to onWarning.
   */
  readResponse<Op extends Operation>(
    operation: Op,
    status: number,
    headers: HeadersInput,
    body: string | Uint8Array | ArrayBuffer,
  ): ResponseRead<ResultByOperation[Op]>;
};

/** An answer as `wire.readResponse` reads it. */
export interface ResponseRead<T> {
  value: T;
  warnings: Warning[];
}
