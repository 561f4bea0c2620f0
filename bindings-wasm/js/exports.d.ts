// The type names both builds export (re-exported by index.d.ts and validation.d.ts).

export { CakeError, CakePanicError } from './types.js';
export type {
  Activity,
  AffiliateCreateStatus,
  AffiliateOfferStatus,
  AffiliateStatus,
  CakeErrorData,
  CakeSchema,
  CakeSchemaProps,
  CakeSchemaResult,
  Checked,
  DecimalString,
  ErrorCode,
  FieldInfo,
  FormInput,
  FormValue,
  Issue,
  IssueCode,
  OfferStatus,
  PayoutType,
  ReportMetrics,
  ReportRowInput,
  ReportTotals,
  Schemas,
  Severity,
  StandardSchemaV1,
  SubAffiliatePayoutType,
  SubAffiliateStatus,
  SubAffiliateStatusFilter,
} from './types.js';
export type * from './params.js';
