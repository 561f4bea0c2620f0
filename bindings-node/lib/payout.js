'use strict';
// Core's payout arithmetic. Amounts go in as numbers or decimal strings and come out as
// decimal strings with 2 places: the arithmetic is decimal, in Rust; nothing here computes.

const native = require('./native.js');
const { toJson, decode } = require('./json.js');

function call(name, args) {
  return decode(native.payout(name, toJson(args)), null).ok;
}

/** What a sub-affiliate earns: a flat amount (cpa) or a percent of the parent payout. */
function subAffiliatePayout(parentPayout, payout, payoutType) {
  return call('sub_affiliate_payout', { parent_payout: parentPayout, payout, payout_type: payoutType });
}

/** The override when one is set, else the offer's payout. */
function effectivePayout(offerPayout, override) {
  return call('effective_payout', { offer_payout: offerPayout, override });
}

/** revenue - payout. */
function margin(revenue, payout) {
  return call('margin', { revenue, payout });
}

/** The margin as a percent of revenue; null when revenue is zero. */
function marginPercent(revenue, payout) {
  return call('margin_percent', { revenue, payout });
}

/** Earnings at `rate` for an activity: { conversions, clicks, impressions, sale_amount }. */
function earnings(payoutType, rate, activity = {}) {
  return call('earnings', { payout_type: payoutType, rate, ...pick(activity, ACTIVITY) });
}

/** { conversion_rate, epc } of a report row; each null when there were no clicks. */
function reportMetrics(clicks, conversions, payout) {
  return call('report_metrics', { clicks, conversions, payout });
}

/** Sums of report rows ({ clicks, conversions, payout }) with their metrics. */
function reportTotals(rows) {
  return call('report_totals', { rows });
}

/** `total` split by `weights`, to the cent, never creating or losing one. */
function split(total, weights) {
  return call('split', { total, weights });
}

const ACTIVITY = ['conversions', 'clicks', 'impressions', 'sale_amount'];

function pick(object, names) {
  const out = {};
  for (const name of names) if (object?.[name] !== undefined) out[name] = object[name];
  return out;
}

module.exports = {
  subAffiliatePayout,
  effectivePayout,
  margin,
  marginPercent,
  earnings,
  reportMetrics,
  reportTotals,
  split,
};
