// The functions both builds export (declarations for index.js and validation.js).

import type { DecimalInput, IntegerInput, IssueCode, Operation } from './params.js';
import type {
  Activity,
  Checked,
  DecimalString,
  FieldInfo,
  FormInput,
  Issue,
  PayoutType,
  ReportMetrics,
  ReportRowInput,
  ReportTotals,
  Schemas,
  SubAffiliatePayoutType,
} from './types.js';

/** The eight operation ids, as the core lists them. */
export declare const operations: readonly Operation[];
/** Every issue code, in the core's order (generated from core's IssueCode). */
export declare const ISSUE_CODES: readonly IssueCode[];

/**
 * Every issue of `params` for `operation`, never just the first: errors block a request,
 * warnings never do. Accepts form values as forms give them. An unknown operation is one
 * request-level issue (`unknown_operation`).
 */
export declare function validate<Op extends Operation>(operation: Op, params: FormInput<Op>): Issue[];
export declare function validate(operation: string, params: unknown): Issue[];

/** The issues, and the parameters normalized as they would be sent. */
export declare function check<Op extends Operation>(operation: Op, params: FormInput<Op>): Checked<Op>;

/** The parameters of `operation`, in the reference's order, with how each is checked. */
export declare function fields(operation: Operation): FieldInfo[];

/** A Standard Schema (v1) per operation: `schemas.create_offer['~standard'].validate(v)`. */
export declare const schemas: Schemas;

// The payout functions: the same signatures as the Node package's. Amounts in as numbers or
// decimal strings, out as decimal strings with 2 places; bad arguments throw a CakeError
// (`validation`) naming the argument.

/** What a sub-affiliate earns: a flat amount (cpa) or `payout` percent of the parent payout. */
export declare function subAffiliatePayout(parentPayout: DecimalInput, payout: DecimalInput, payoutType: SubAffiliatePayoutType): DecimalString;
/** The override when one is given, else the offer's payout. */
export declare function effectivePayout(offerPayout: DecimalInput, override?: DecimalInput | null): DecimalString;
/** revenue - payout. */
export declare function margin(revenue: DecimalInput, payout: DecimalInput): DecimalString;
/** The margin as a percent of revenue; null when revenue is zero. */
export declare function marginPercent(revenue: DecimalInput, payout: DecimalInput): DecimalString | null;
/** Earnings at `rate` for an activity, by payout type. */
export declare function earnings(payoutType: PayoutType, rate: DecimalInput, activity?: Activity): DecimalString;
/** Conversion rate and EPC of a report row (null when there were no clicks). */
export declare function reportMetrics(clicks: IntegerInput, conversions: IntegerInput, payout: DecimalInput): ReportMetrics;
/** Sums of report rows, with their metrics. */
export declare function reportTotals(rows: ReadonlyArray<ReportRowInput>): ReportTotals;
/** `total` split by `weights` to the cent; the parts add up to `total` exactly. */
export declare function split(total: DecimalInput, weights: ReadonlyArray<DecimalInput>): DecimalString[];
