// Types shared by both builds: issues, field descriptions, Standard Schema, payout functions,
// errors. Hand-written; the API's own types (parameters, enums, results) are generated from
// core's description into params.d.ts.

import type {
  AffiliateCreateStatus,
  AffiliateOfferStatus,
  AffiliateStatus,
  DecimalInput,
  DecimalString,
  IntegerInput,
  OfferStatus,
  Operation,
  FieldNamesByOperation,
  IssueCode,
  PayoutType,
  SubAffiliatePayoutType,
  SubAffiliateStatus,
  SubAffiliateStatusFilter,
  ValuesByOperation,
} from './params.js';

export type {
  AffiliateCreateStatus,
  AffiliateOfferStatus,
  AffiliateStatus,
  DecimalInput,
  DecimalString,
  IntegerInput,
  IssueCode,
  OfferStatus,
  Operation,
  PayoutType,
  SubAffiliatePayoutType,
  SubAffiliateStatus,
  SubAffiliateStatusFilter,
};

/** Whether an issue blocks a request. */
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

/** A value as a form field gives it. */
export type FormValue = string | number | bigint | boolean | null | undefined;

/**
 * What `validate()` and the Standard Schemas take: any of the operation's fields, as a form
 * gives them (numbers as strings, "" for not given); other keys are reported as warnings.
 */
export type FormInput<Op extends Operation> = {
  readonly [K in FieldNamesByOperation[Op]]?: FormValue;
} & { readonly [extra: string]: unknown };

/** What `check()` gives: every issue, and the parameters normalized as they would be sent. */
export interface Checked<Op extends Operation> {
  readonly issues: Issue[];
  readonly params: Partial<ValuesByOperation[Op]>;
}

/** How one parameter is checked (from the core's field table). */
export type FieldInfo =
  | { name: string; required: boolean; kind: 'id'; min: number; max: number }
  | { name: string; required: boolean; kind: 'int'; min: number; max: number }
  | { name: string; required: boolean; kind: 'money'; min: number; max: number; places: number }
  | { name: string; required: boolean; kind: 'name' | 'text'; max_length: number }
  | { name: string; required: boolean; kind: 'url'; tokens: boolean; max_length: number }
  | { name: string; required: boolean; kind: 'enum'; values: string[] }
  | { name: string; required: boolean; kind: 'datetime' | 'date'; format: string };

// ---- Standard Schema v1 (https://standardschema.dev), the interface copied as the spec asks.

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
export interface CakeSchema<Op extends Operation>
  extends StandardSchemaV1<FormInput<Op>, ValuesByOperation[Op]> {
  readonly '~standard': CakeSchemaProps<Op>;
}

export interface CakeSchemaProps<Op extends Operation>
  extends StandardSchemaV1.Props<FormInput<Op>, ValuesByOperation[Op]> {
  readonly vendor: 'cake-sdk';
  readonly validate: (value: unknown) => CakeSchemaResult<ValuesByOperation[Op]>;
}

export type CakeSchemaResult<Output> =
  | (StandardSchemaV1.SuccessResult<Output> & { readonly warnings: Issue[] })
  | (StandardSchemaV1.FailureResult & { readonly warnings: Issue[] });

export type Schemas = { readonly [Op in Operation]: CakeSchema<Op> };

// ---- Payout functions: amounts in as numbers or decimal strings, decimal strings out.

/** What an activity is made of (for `earnings`). */
export interface Activity {
  conversions?: IntegerInput;
  clicks?: IntegerInput;
  impressions?: IntegerInput;
  /** For revshare. */
  sale_amount?: DecimalInput;
}

export interface ReportMetrics {
  conversion_rate: DecimalString | null;
  epc: DecimalString | null;
}

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

// ---- Errors

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

/** The core's error as data (snake_case), what `CakeError` is built from. */
export interface CakeErrorData {
  code: ErrorCode;
  message: string;
  operation?: Operation | null;
  attempts?: number;
  elapsed_ms?: number;
  status?: number | null;
  issues?: Issue[];
  request_status?: string;
  messages?: string[];
  retry_after_ms?: number | null;
  body_excerpt?: string;
  cause?: ErrorCode;
}

/**
 * Every failure of the SDK (the same fields as the Node package's). `code` is stable; the
 * api key is in no message, stack or field.
 */
export declare class CakeError extends Error {
  constructor(data: CakeErrorData);
  readonly code: ErrorCode;
  /** The operation, when the error is about a call. */
  readonly operation: Operation | null;
  /** The last HTTP status, when an answer arrived. */
  readonly status: number | null;
  /** HTTP attempts made (0: nothing was sent). */
  readonly attempts: number;
  readonly elapsedMs: number;
  /** validation: every issue (its errors blocked the call); [] for other codes. */
  readonly issues: Issue[];
  /** api: CAKE's request_status. */
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
 * A bug inside the WebAssembly module (a panic). The call that hit it fails with this; the
 * module is replaced by a fresh instance, so later calls work.
 */
export declare class CakePanicError extends Error {
  constructor(message: string, options?: { cause?: unknown });
}
