// cake-sdk's own declarations: what the Node package has beyond the API both packages share
// (../../js/types, which scripts/gen-types.mjs inlines into index.d.ts ahead of this). Hand-
// written; the fault kinds are the mock's own list, spliced in by gen-types.mjs. Every name here
// is in scope of the shared declarations (Operation, ErrorCode, CreateOfferParams, ...).
// =============================================================================================
// Node package only (native engine): setLogger, MockServer. cake-sdk-wasm has neither.
// =============================================================================================

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
 * Node package only (native engine).
 *
 * Sends every log record of the SDK, process-wide, to `logger` (null: stops). A call settles
 * only after its own records were delivered. While no logger is set (and NODE_DEBUG does not
 * name cake-sdk) no record is even made.
 */
export declare function setLogger(logger: Logger | null): void;

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

/**
 * Node package only (native engine).
 *
 * An in-memory CAKE on 127.0.0.1, in this process: for tests of code that uses this SDK.
 */
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
