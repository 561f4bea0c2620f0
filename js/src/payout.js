// Core's payout arithmetic. Amounts go in as numbers, bigints or decimal strings and come out
// as decimal strings: the arithmetic is decimal, in Rust; nothing here computes.

import { toJsonText } from './json.js';
import { unwrap } from './errors.js';

const ACTIVITY = ['conversions', 'clicks', 'impressions', 'sale_amount'];

function pick(object, names) {
  const out = {};
  for (const name of names) if (object?.[name] !== undefined) out[name] = object[name];
  return out;
}

export function makePayout(engine) {
  const call = (name, args) => unwrap(engine.payout(name, toJsonText(args)));
  return {
    /** What a sub-affiliate earns: a flat amount (cpa) or a percent of the parent payout. */
    subAffiliatePayout: (parentPayout, payout, payoutType) =>
      call('sub_affiliate_payout', { parent_payout: parentPayout, payout, payout_type: payoutType }),
    /** The override when one is set, else the offer's payout. */
    effectivePayout: (offerPayout, override) => call('effective_payout', { offer_payout: offerPayout, override }),
    /** revenue - payout. */
    margin: (revenue, payout) => call('margin', { revenue, payout }),
    /** The margin as a percent of revenue; null when revenue is zero. */
    marginPercent: (revenue, payout) => call('margin_percent', { revenue, payout }),
    /** Earnings at `rate` for an activity: { conversions, clicks, impressions, sale_amount }. */
    earnings: (payoutType, rate, activity = {}) =>
      call('earnings', { payout_type: payoutType, rate, ...pick(activity, ACTIVITY) }),
    /** { conversion_rate, epc } of a report row; each null when there were no clicks. */
    reportMetrics: (clicks, conversions, payout) => call('report_metrics', { clicks, conversions, payout }),
    /** Sums of report rows ({ clicks, conversions, payout }) with their metrics. */
    reportTotals: (rows) => call('report_totals', { rows }),
    /** `total` split by `weights`, to the cent, never creating or losing one. */
    split: (total, weights) => call('split', { total, weights }),
  };
}
