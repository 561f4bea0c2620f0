// cake-sdk's declarations, part 2 of 2: the whole shared API, what cake-sdk and cake-sdk-wasm
// (its full build) both export: everything of common.d.ts, and the Client with its warnings,
// bulk runs and report rows, and the sans-IO wire format. Hand-written, once for both packages
// (see common.d.ts); each package adds only what is its own.

import type {
  BulkOperation,
  OperationMethods,
  Operation,
  ParamsByOperation,
  ResultByOperation,
  SubAffiliateReportParams,
  SubAffiliateReportRow,
} from './api.js';
import type { CakeError, FormInput, Issue, IssueCode } from './common.js';

export * from './common.js';

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

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
 * handler that throws changes nothing for the call; its exception is reported the platform's
 * way: a process warning under Node, else as an event listener's is (`reportError`).
 */
export type WarningHandler = (warning: Warning, context: WarningContext) => void;

/**
 * What a listener of `process.on('warning')` gets for a warning when the Client has no
 * onWarning (under Node): printed as "[negative_margin] CakeWarning: create_offer: payout: ...".
 */
export interface CakeWarning extends Error {
  name: 'CakeWarning';
  /** The issue's code. */
  code: IssueCode;
  operation: Operation;
  /** The issue's field ("" for the request as a whole). */
  field: string;
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

export interface ClientOptions {
  /**
   * The CAKE instance, e.g. "https://demo.cakemarketing.com": https, or http to loopback.
   * cake-sdk: default CAKE_BASE_URL. cake-sdk-wasm: required; in a page it may be a
   * same-origin proxy that adds the key (a relative URL such as "/" is resolved against the
   * page).
   */
  baseUrl?: string;
  /**
   * Sent with every request; never readable back, never in an error. cake-sdk: default
   * CAKE_API_KEY. In a browser page anyone can read it: it is refused there unless
   * `dangerouslyAllowBrowser` is true (leave it out to call a proxy that adds it).
   */
  apiKey?: string;
  /** Per attempt (default 30000; above 0, at most a day). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2; 0 to 20); a write is retried only when it was not processed. */
  maxRetries?: number;
  /** Bounds the whole call, retries and waits included (default 120000; above 0, at most a day). */
  deadlineMs?: number;
  userAgent?: string;
  /** Allow plain http to a host that is not loopback (the key would travel in clear). */
  allowInsecureHttp?: boolean;
  /** In a browser page: opt in to sending `apiKey` from the page (cake-sdk-wasm; Node has no page). */
  dangerouslyAllowBrowser?: boolean;
  /**
   * The largest answer read, in bytes (default 67108864: 64 MiB; a whole number, at least 1).
   * A longer one fails the call as `decode` naming the limit (a write: as `unknown_outcome`),
   * and is not retried. A browser's fetch holds the body itself: there the limit refuses a
   * declared Content-Length above it before reading, and any longer body once it has arrived.
   */
  maxResponseBytes?: number;
  /**
   * At most this many attempts a second (retries included) over all calls of this client, on an
   * even schedule (above 0, at most 1000000). A call with no slot before its deadline fails as
   * `timeout` without being sent. Default: no limit.
   */
  requestsPerSecond?: number;
  /**
   * Receives every warning of every call, bulk item and report page. Default: under Node,
   * each one is a process warning (`process.emitWarning`, name "CakeWarning", `code` the
   * issue's code); in a page, one `console.warn` line. `() => {}` silences them.
   */
  onWarning?: WarningHandler | null;
}

/** Per-call overrides (the same ranges as the Client's), and an AbortSignal that cancels the call. */
export interface CallOptions {
  timeoutMs?: number;
  maxRetries?: number;
  deadlineMs?: number;
  /**
   * Aborting cancels the call: the request is dropped and the Promise rejects with the
   * signal's reason (an AbortError by default); a write already sent may have been applied.
   */
  signal?: AbortSignal;
}

export interface ReportRowsOptions extends CallOptions {
  /**
   * Pages fetched ahead while you read the current one (0 to 16, default 4; 0: each page when
   * it is needed). Checked the same in both packages; in a browser each page is fetched when
   * it is needed.
   */
  pagesAhead?: number;
}

export interface BulkOptions extends CallOptions {
  /** Items in flight at once (a whole number, default 8). */
  concurrency?: number;
  /**
   * Called as items finish, every call before bulk()'s promise settles. If it throws, the
   * exception is reported as onWarning's are, and the run goes on.
   */
  onProgress?: (done: number, total: number) => void;
}

/** How a call went. */
export interface CallMeta {
  operation: Operation;
  status: number | null;
  attempts: number;
  elapsedMs: number;
}

/** A result with its request's warnings (also given to onWarning) and how the call went. */
export interface Reply<T> {
  value: T;
  warnings: Warning[];
  meta: CallMeta;
}

/** What happened to one bulk item. */
export type BulkOutcome<T> =
  | { status: 'ok'; result: T; warnings: Warning[]; attempts: number }
  | { status: 'invalid'; issues: Issue[] }
  | { status: 'failed'; error: CakeError }
  /** May or may not have been applied; it was not repeated. */
  | { status: 'unknown_outcome'; error: CakeError };

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
 * The CAKE client: one method per operation (camelCase, see `OperationMethods`), each taking
 * one object of the reference's snake_case parameters. Every call validates first (an invalid
 * request rejects with a `validation` CakeError and nothing is sent), retries what cannot
 * duplicate a write, and rejects with a `CakeError` carrying a stable `code`.
 */
export declare class Client {
  /** Throws a CakeError (code "validation") naming each bad setting. */
  constructor(options?: ClientOptions);
  /** The base URL in use. The api key cannot be read back. */
  readonly baseUrl: string;
  /** Any operation by id, with its warnings and call metadata. */
  call<Op extends Operation>(operation: Op, params: ParamsByOperation[Op], options?: CallOptions): Promise<Reply<ResultByOperation[Op]>>;
  /** Every row of the report for `for await`, `row_limit` (default 500) rows per request. */
  subAffiliateReportRows(params: SubAffiliateReportParams, options?: ReportRowsOptions): ReportRows;
  /**
   * Runs a create or update for every item, `concurrency` at a time; one outcome per item, in
   * input order. Invalid items are reported, not sent; nothing is repeated blindly.
   */
  bulk<Op extends BulkOperation>(
    operation: Op,
    items: ReadonlyArray<ParamsByOperation[Op] | FormInput<Op>>,
    options?: BulkOptions,
  ): Promise<Array<BulkOutcome<ResultByOperation[Op]>>>;
  /** The settings, without the key (`JSON.stringify(client)`). */
  toJSON(): { baseUrl: string; apiKey: '***' | null };
}

/** The method per operation, from core's description (api.d.ts). */
export interface Client extends OperationMethods<CallOptions> {}

// ---------------------------------------------------------------------------------------------
// The sans-IO wire format
// ---------------------------------------------------------------------------------------------

export interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  /** api_key first for GET; empty for POST. */
  query: Array<[string, string]>;
  /** POST: api_key and the fields given (it holds the key: never log it); GET: null. */
  json_body: { [field: string]: unknown } | null;
}

/** Response headers: an object, or pairs (a fetch `Headers` object, a Map). */
export type HeadersInput = { readonly [name: string]: string } | Iterable<readonly [string, string]>;

/** An answer's body. */
export type BodyInput = string | Uint8Array | ArrayBuffer;

/** An answer as `wire.readResponse` reads it. */
export interface ResponseRead<T> {
  value: T;
  warnings: Warning[];
}

export declare const wire: {
  /** The request exactly as it would be sent, the key included (for tests and proxies, not logs). */
  buildRequest<Op extends Operation>(operation: Op, params: ParamsByOperation[Op] | FormInput<Op>, apiKey: string): WireRequest;
  /** An answer read as the client reads it: the result, or a thrown CakeError. */
  parseResponse<Op extends Operation>(operation: Op, status: number, headers: HeadersInput, body: BodyInput): ResultByOperation[Op];
  /**
   * parseResponse with the warnings of reading the answer (`unreadable_value`,
   * `unreadable_row`), as the client hands them to onWarning.
   */
  readResponse<Op extends Operation>(operation: Op, status: number, headers: HeadersInput, body: BodyInput): ResponseRead<ResultByOperation[Op]>;
};
