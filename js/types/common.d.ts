// cake-sdk's declarations, part 1 of 2: what every entry of both packages exports (cake-sdk,
// cake-sdk-wasm and its validation-only build cake-sdk-wasm/validation): the API's types,
// issues, validation and Standard Schemas, the payout functions, errors and the engine's name.
// Hand-written, once for both packages (js/src is their one JS layer; this is its types). The
// API's own types (parameters, enums, results) are generated into api.d.ts by cake-codegen;
// the client is in index.d.ts. cake-sdk-wasm ships these files as js/sdk/*.d.ts; cake-sdk
// inlines them into its index.d.ts (bindings-node/scripts/gen-types.mjs).

import type {
  DecimalInput,
  DecimalString,
  FieldNamesByOperation,
  IntegerInput,
  IssueCode,
  Operation,
  PayoutType,
  SubAffiliatePayoutType,
  ValuesByOperation,
} from './api.js';

export * from './api.js';

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

/** Whether an issue blocks a request: an error does (nothing is sent), a warning never does. */
export type Severity = 'error' | 'warning';

/**
 * One problem found in a request. `field` is the parameter name as the reference spells it
 * ("" for the request as a whole); the message never repeats the value.
 */
export interface Issue {
  readonly field: string;
  readonly code: IssueCode;
  readonly message: string;
  readonly severity: Severity;
}

/** Every issue code, in the core's order (generated from core's IssueCode). */
export declare const ISSUE_CODES: readonly IssueCode[];

/** The eight operation ids, in the core's order. */
export declare const operations: readonly Operation[];

// ---------------------------------------------------------------------------------------------
// Validation: every rule is core's. Form input is taken as forms give it (numbers as strings,
// "" for not given).
// ---------------------------------------------------------------------------------------------

/** A value as a form field gives it. */
export type FormValue = string | number | bigint | boolean | null | undefined;

/**
 * What `validate()`, `check()` and the Standard Schemas take: any of the operation's fields,
 * as a form gives them; other keys are reported as warnings (`unknown_field`).
 */
export type FormInput<Op extends Operation> = {
  readonly [K in FieldNamesByOperation[Op]]?: FormValue;
} & { readonly [extra: string]: unknown };

/**
 * Every issue of `params` for `operation`, never just the first: errors block a request,
 * warnings never do. An unknown operation is one request-level issue (`unknown_operation`).
 */
export declare function validate<Op extends Operation>(operation: Op, params: FormInput<Op>): Issue[];
export declare function validate(operation: string, params: unknown): Issue[];

/** What `check()` gives: every issue, and the parameters normalized as they would be sent. */
export interface Checked<Op extends Operation> {
  readonly issues: Issue[];
  readonly params: Partial<ValuesByOperation[Op]>;
}

/** The issues, and the parameters normalized as they would be sent. */
export declare function check<Op extends Operation>(operation: Op, params: FormInput<Op>): Checked<Op>;

/** How one parameter is checked (from the core's field table). */
export type FieldInfo =
  | { name: string; required: boolean; kind: 'id'; min: number; max: number }
  | { name: string; required: boolean; kind: 'int'; min: number; max: number }
  | { name: string; required: boolean; kind: 'money'; min: number; max: number; places: number }
  | { name: string; required: boolean; kind: 'name' | 'text'; max_length: number }
  | { name: string; required: boolean; kind: 'url'; tokens: boolean; max_length: number }
  | { name: string; required: boolean; kind: 'enum'; values: string[] }
  | { name: string; required: boolean; kind: 'datetime' | 'date'; format: string };

/** The parameters of `operation`, in the reference's order, with how each is checked. */
export declare function fields(operation: Operation): FieldInfo[];

// ---- Standard Schema v1 (https://standardschema.dev): the interface copied, as the spec asks,
// so that using it needs no dependency.

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * A Standard Schema for one operation. Errors are its issues (`path: [field]`; no path for
 * the request as a whole). Warnings never block, so they are not issues: every result carries
 * them in `warnings`. On success `value` is the normalized parameters.
 */
export interface CakeSchema<Op extends Operation> extends StandardSchemaV1<FormInput<Op>, ValuesByOperation[Op]> {
  readonly '~standard': CakeSchemaProps<Op>;
}

export interface CakeSchemaProps<Op extends Operation> extends StandardSchemaV1.Props<FormInput<Op>, ValuesByOperation[Op]> {
  readonly vendor: 'cake-sdk';
  readonly validate: (value: unknown) => CakeSchemaResult<ValuesByOperation[Op]>;
}

export type CakeSchemaResult<Output> =
  | (StandardSchemaV1.SuccessResult<Output> & { readonly warnings: Issue[] })
  | (StandardSchemaV1.FailureResult & { readonly warnings: Issue[] });

export type Schemas = { readonly [Op in Operation]: CakeSchema<Op> };

/** A Standard Schema (v1) per operation: `schemas.create_offer['~standard'].validate(v)`. */
export declare const schemas: Schemas;

// ---------------------------------------------------------------------------------------------
// Payout arithmetic, decimal, in the core: amounts in as numbers, bigints or decimal strings,
// out as decimal strings (`DecimalString`, 2 places). Bad arguments throw a CakeError
// (`validation`) naming the argument.
// ---------------------------------------------------------------------------------------------

/** What a sub-affiliate earns: a flat amount (cpa) or `payout` percent of the parent payout. */
export declare function subAffiliatePayout(parentPayout: DecimalInput, payout: DecimalInput, payoutType: SubAffiliatePayoutType): DecimalString;
/** The override when one is given, else the offer's payout. */
export declare function effectivePayout(offerPayout: DecimalInput, override?: DecimalInput | null): DecimalString;
/** revenue - payout. */
export declare function margin(revenue: DecimalInput, payout: DecimalInput): DecimalString;
/** The margin as a percent of revenue; null when revenue is zero. */
export declare function marginPercent(revenue: DecimalInput, payout: DecimalInput): DecimalString | null;

/** What an activity is made of (for `earnings`). */
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
// Errors
// ---------------------------------------------------------------------------------------------

/** The core's stable error codes. */
export type ErrorCode =
  | 'validation'
  | 'api'
  | 'rate_limited'
  | 'http_status'
  | 'timeout'
  | 'connection'
  | 'decode'
  | 'unknown_outcome';

/** The core's error as data (`Error::to_json`, snake_case as core names it): what `CakeError` is built from. */
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

/**
 * Every failure of the SDK, with one of core's stable codes and core's fields in camelCase.
 * The api key is in no message, stack or field.
 */
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
  /** validation: every issue, errors and warnings ([] for other codes). */
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

/**
 * A bug inside the WebAssembly engine (a Rust panic or trap): the call that hit it fails with
 * this, and the module is re-instantiated, so later calls work. The native engine's panics
 * are caught by napi-rs and never surface as this; both packages export the class, so one
 * `instanceof` check works everywhere.
 */
export declare class CakePanicError extends Error {
  constructor(message: string, options?: { cause?: unknown });
  readonly name: 'CakePanicError';
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

/**
 * Which engine runs the core: `'native'` in cake-sdk (the napi addon, or its WebAssembly
 * fallback on a platform without one), `'wasm'` in cake-sdk-wasm.
 */
export declare const engine: 'native' | 'wasm';
