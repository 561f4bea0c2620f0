// ESM entry: the same objects as the CommonJS entry (one CakeError class for both).
import sdk from './index.js';

export const {
  Client,
  CakeError,
  MockServer,
  CakePanicError,
  validate,
  check,
  fields,
  schemas,
  operations,
  ISSUE_CODES,
  setLogger,
  subAffiliatePayout,
  effectivePayout,
  margin,
  marginPercent,
  earnings,
  reportMetrics,
  reportTotals,
  split,
  wire,
  engine,
} = sdk;

export default sdk;
