/* @generated:results */

// ---------------------------------------------------------------------------------------------
// Issues and errors
// ---------------------------------------------------------------------------------------------

/* @generated:issue-codes */

/** One problem of a request. The message never repeats the value. */
export interface Issue {
  /** The parameter as the reference spells it ("" for the request as a whole). */
  field: string;
  code: IssueCode;
  message: string;
  /** An error blocks the request (nothing is sent); a warning never does. */
  severity: 'error' | 'warning';
}

/**
 * An issue that did not block its request: from validating it (`negative_margin`,
 * `expires_in_past`, `unknown_field`), from running it (`resolved_by_lookup`), or from reading
 * the answer (`unreadable_value`, `unreadable_row`, a report's `total_rows_mismatch`). `field`
 * may be a path into the answer, e.g. "sub_affiliate_report[3].payout".
 */
export interface Warning extends Issue {
  severity: 'warning';
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
 * handler that throws changes nothing for the call; its exception becomes a process warning.
 */
export type WarningHandler = (warning: Warning, context: WarningContext) => void;

/**
 * What a listener of `process.on('warning')` gets for a warning when the Client has no
 * onWarning: printed by Node as "[negative_margin] CakeWarning: create_offer: payout: ...".
 */
export interface CakeWarning extends Error {
  name: 'CakeWarning';
  /** The issue's code. */
  code: IssueCode;
  operation: Operation;
  /** The issue's field ("" for the request as a whole). */
  field: string;
}

/** Core's stable error codes. */
export type ErrorCode =
  | 'validation'
  | 'api'
  | 'rate_limited'
  | 'http_status'
  | 'timeout'
  | 'connection'
  | 'decode'
  | 'unknown_outcome';

/** Core's error data (`Error::to_json`), snake_case as core names it. */
export interface CakeErrorData {
  code: ErrorCode;
  message: string;
  operation?: Operation | null;
  status?: number | null;
  attempts?: number;
  elapsed_ms?: number;
  issues?: Issue[];
  request_status?: string | null;
  messages?: string[];
  retry_after_ms?: number | null;
  body_excerpt?: string | null;
  cause?: ErrorCode | null;
}

/** Every error this SDK throws for a request. The api key is never in its message or stack. */
export declare class CakeError extends Error {
  /** Built from core's error data (what the SDK itself does); for tests that need one. */
  constructor(data: CakeErrorData);
  readonly name: 'CakeError';
  readonly code: ErrorCode;
  /** The operation id, when the error is about one. */
  readonly operation: Operation | null;
  /** The last HTTP status seen, if any. */
  readonly status: number | null;
  /** HTTP attempts made (0: nothing was sent). */
  readonly attempts: number;
  readonly elapsedMs: number;
  /** validation: every issue, errors and warnings. */
  readonly issues: Issue[];
  /** api: CAKE's request_status (e.g. "Failure"). */
  readonly requestStatus: string | null;
  /** api, rate_limited: the server's messages. */
  readonly messages: string[];
  /** rate_limited: the wait the server asked for. */
  readonly retryAfterMs: number | null;
  /** http_status, decode: the start of the body. */
  readonly bodyExcerpt: string | null;
  /** unknown_outcome: the code of what went wrong (e.g. "timeout", "connection", "http_status"). */
  readonly causeCode: ErrorCode | null;
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

export interface ClientOptions {
  /** e.g. "https://demo.cakemarketing.com"; default: CAKE_BASE_URL. */
  baseUrl?: string;
  /** Default: CAKE_API_KEY. Never readable back, never in an error. */
  apiKey?: string;
  /** Per attempt (default 30000; above 0, at most a day). */
  timeoutMs?: number;
  /** Retries of a call that cannot duplicate anything (default 2; 0 to 20). */
  maxRetries?: number;
  /** Bounds the whole call, retries and waits included (default 120000; above 0, at most a day). */
  deadlineMs?: number;
  userAgent?: string;
  /** Allow plain http to a host that is not loopback (the key would travel in clear). */
  allowInsecureHttp?: boolean;
  /**
   * The largest answer read, in bytes (default 67108864: 64 MiB; a whole number, at least 1).
   * A longer one is not buffered: the call fails as `decode` naming the limit (a write: as
   * `unknown_outcome`), and is not retried.
   */
  maxResponseBytes?: number;
  /**
   * Receives every warning of every call, bulk item and report page. Default: each one is a
   * process warning (`process.emitWarning`, name "CakeWarning", `code` the issue's code).
   */
  onWarning?: WarningHandler | null;
}

/** Per-call overrides. */
export interface CallOptions {
  timeoutMs?: number;
  maxRetries?: number;
  deadlineMs?: number;
  /** Aborting cancels the call: the request is dropped and the Promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ReportRowsOptions extends CallOptions {
  /** Pages fetched ahead while you read the current one (0 to 16, default 4; 0: each page when it is needed). */
  pagesAhead?: number;
}

export interface BulkOptions extends CallOptions {
  /** Items in flight at once (default 8). */
  concurrency?: number;
  /** Called as items finish. */
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

export declare class Client {
  /** Throws a CakeError (code "validation") naming each bad setting. */
  constructor(options?: ClientOptions);
  /** The base URL in use. */
  readonly baseUrl: string;
  /** Any operation by id, with its warnings and call metadata. */
  call<Op extends Operation>(operation: Op, params: ParamsByOperation[Op], options?: CallOptions): Promise<Reply<ResultByOperation[Op]>>;
/* @generated:methods */
  /** Every row of the report for `for await`, `row_limit` (default 500) rows per request. */
  subAffiliateReportRows(params: SubAffiliateReportParams, options?: ReportRowsOptions): ReportRows;
  /** Runs a create or update for every item; one outcome per item, in input order. */
  bulk<Op extends BulkOperation>(operation: Op, items: ReadonlyArray<ParamsByOperation[Op]>, options?: BulkOptions): Promise<Array<BulkOutcome<ResultByOperation[Op]>>>;
}

// ---------------------------------------------------------------------------------------------
// Logging: NODE_DEBUG=cake-sdk prints every line to stderr; setLogger hands them to a function.
// ---------------------------------------------------------------------------------------------

/** One log line of the SDK: today one per HTTP attempt, at level "debug". */
export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** The whole line: "GET <url> -> 503 http_status (attempt 1, 12 ms)". */
  message: string;
  /** The fields below are those of an attempt's line (absent from any other line). */
  method?: 'GET' | 'POST';
  /** The URL requested, the api key masked as "***" (a POST carries the key in its body). */
  url?: string;
  /** The HTTP status; null when no answer came (connection failure, timeout). */
  status?: number | null;
  /** "ok", or the code of what went wrong in this attempt (it may be retried). */
  outcome?: 'ok' | ErrorCode;
  /** 1 for a call's first attempt. */
  attempt?: number;
  /** Since the call started (earlier attempts and waits included). */
  elapsedMs?: number;
}

/** Receives each record on the JS thread; a throw is reported as a process warning. */
export type Logger = (record: LogRecord) => void;

/**
 * Sends every log record of the SDK, process-wide, to `logger` (null: stops). A call settles
 * only after its own records were delivered. While no logger is set (and NODE_DEBUG does not
 * name cake-sdk) no record is even made.
 */
export declare function setLogger(logger: Logger | null): void;

// ---------------------------------------------------------------------------------------------
// Validation and payout arithmetic (decimal, in Rust: amounts in as numbers or decimal strings,
// out as decimal strings with 2 places).
// ---------------------------------------------------------------------------------------------

/** Every issue of `params` for `operation`: [] when valid. Accepts form input as forms give it. */
export declare function validate(operation: Operation, params: unknown): Issue[];

/** The eight operation ids. */
export declare const operations: readonly Operation[];

/** What a sub-affiliate earns: a flat amount (cpa) or `payout` percent of the parent payout. */
export declare function subAffiliatePayout(parentPayout: DecimalInput, payout: DecimalInput, payoutType: SubAffiliatePayoutType): DecimalString;
/** The override when one is given, else the offer's payout. */
export declare function effectivePayout(offerPayout: DecimalInput, override?: DecimalInput | null): DecimalString;
/** revenue - payout. */
export declare function margin(revenue: DecimalInput, payout: DecimalInput): DecimalString;
/** The margin as a percent of revenue; null when revenue is zero. */
export declare function marginPercent(revenue: DecimalInput, payout: DecimalInput): DecimalString | null;

export interface Activity {
  conversions?: IntegerInput;
  clicks?: IntegerInput;
  impressions?: IntegerInput;
  /** For revshare. */
  sale_amount?: DecimalInput;
}

/** Earnings at `rate` for an activity, by payout type. */
export declare function earnings(payoutType: PayoutType, rate: DecimalInput, activity?: Activity): DecimalString;

export interface ReportMetrics {
  conversion_rate: DecimalString | null;
  epc: DecimalString | null;
}

/** Conversion rate and EPC of a report row (null when there were no clicks). */
export declare function reportMetrics(clicks: IntegerInput, conversions: IntegerInput, payout: DecimalInput): ReportMetrics;

export interface ReportTotals extends ReportMetrics {
  clicks: number;
  conversions: number;
  payout: DecimalString;
}

export interface ReportRowInput {
  clicks?: IntegerInput;
  conversions?: IntegerInput;
  payout?: DecimalInput;
}

/** Sums of report rows, with their metrics. */
export declare function reportTotals(rows: ReadonlyArray<ReportRowInput>): ReportTotals;
/** `total` split by `weights` to the cent; the parts add up to `total` exactly. */
export declare function split(total: DecimalInput, weights: ReadonlyArray<DecimalInput>): DecimalString[];

// ---------------------------------------------------------------------------------------------
// The sans-IO wire format
// ---------------------------------------------------------------------------------------------

export interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  query: Array<[string, string]>;
  /** POST only (null for GET); it holds the api key: never log it. */
  json_body: { [field: string]: unknown } | null;
}

export type HeadersInput = { [name: string]: string } | Iterable<readonly [string, string]>;

export declare const wire: {
  /** The request `operation` would send, exactly. */
  buildRequest<Op extends Operation>(operation: Op, params: ParamsByOperation[Op], apiKey: string): WireRequest;
  /** An answer parsed as `operation`'s result; throws a CakeError for anything else. */
  parseResponse<Op extends Operation>(operation: Op, status: number, headers: HeadersInput, body: string | Uint8Array): ResultByOperation[Op];
  /**
   * parseResponse with the warnings of reading the answer (`unreadable_value`,
   * `unreadable_row`), as the client hands them to onWarning.
   */
  readResponse<Op extends Operation>(operation: Op, status: number, headers: HeadersInput, body: string | Uint8Array): ResponseRead<ResultByOperation[Op]>;
};

/** An answer as `wire.readResponse` reads it. */
export interface ResponseRead<T> {
  value: T;
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------
// The mock server
// ---------------------------------------------------------------------------------------------

/* @generated:fault-kinds */

/** Breaks matching requests: the next `times`, or with `probability` (seeded), or every one. */
export interface FaultRule {
  operation: Operation | '*';
  kind: FaultKind;
  times?: number;
  probability?: number;
  seed?: number;
  /** delay: how long (default 1000). */
  delay_ms?: number;
  /** rate_limit, error_503: seconds or an HTTP date. */
  retry_after?: string;
  /** report_shape: the most rows a page holds, whatever row_limit asked (at least 1). */
  row_cap?: number;
  /** report_shape: `total_rows` left out ("omit") or announced as this count, true or not. */
  total_rows?: number | 'omit';
  /** report_shape: every n-th row of the report (from its first) sent as a string, not an object. */
  broken_every?: number;
  /** restricted: the older form, `"errors": ["Restricted"]`, instead of `"message"`. */
  in_errors?: boolean;
}

export interface FaultStat {
  rule: FaultRule;
  fired: number;
}

export interface RecordedRequest {
  seq: number;
  operation: Operation;
  method: 'GET' | 'POST';
  path: string;
  query: Array<[string, string]>;
  body: unknown;
  fault: FaultKind | null;
  /** The request reached the state and succeeded. */
  applied: boolean;
}

export interface MockState {
  affiliates: Array<{ [field: string]: unknown }>;
  offers: Array<{ [field: string]: unknown }>;
  sub_affiliates: Array<{ [field: string]: unknown }>;
  affiliate_offers: Array<{ [field: string]: unknown }>;
}

export interface MockSeed {
  affiliates?: ReadonlyArray<CreateAffiliateParams>;
  offers?: ReadonlyArray<CreateOfferParams>;
  /** `sub_affiliate_status` (default "active") seeds an inactive one. */
  sub_affiliates?: ReadonlyArray<CreateSubAffiliateParams & { sub_affiliate_status?: SubAffiliateStatus }>;
  affiliate_offers?: ReadonlyArray<{ affiliate_id: IntegerInput; offer_id: IntegerInput; payout: DecimalInput }>;
}

export interface MockOptions {
  /** The one key the mock accepts (default "mock-api-key"). */
  apiKey?: string;
  /** Seeds the report numbers. */
  seed?: number;
  /** 0 (default): any free port. */
  port?: number;
}

/** An in-memory CAKE on 127.0.0.1, in this process: for tests of code that uses this SDK. */
export declare class MockServer {
  private constructor();
  /** Every fault kind the mock has, in its order (the mock's own list). */
  static readonly faultKinds: readonly FaultKind[];
  static start(options?: MockOptions): Promise<MockServer>;
  readonly url: string;
  readonly apiKey: string;
  stop(): Promise<void>;
  /** Clears state, requests and faults. */
  reset(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  faults(): FaultStat[];
  requests(): RecordedRequest[];
  state(): MockState;
  /** Creates entities all-or-nothing; gives the created ones by section. */
  seed(data: MockSeed): MockState;
}
