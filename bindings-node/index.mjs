// ESM entry: the same objects as the CommonJS entry (one CakeError class for both).
import sdk from './index.js';

export const {
  Client,
  CakeError,
  MockServer,
  validate,
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
} = sdk;

export default sdk;
