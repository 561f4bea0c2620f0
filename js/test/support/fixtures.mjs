// Shared test data and small helpers: a client against a mock, the offer and affiliate the
// tests create, a report's seed, the CakeError a promise rejects with.
import { Client } from './sdk.mjs';

/**
 * A client of `mock`. dangerouslyAllowBrowser: the wasm engine refuses a key without it (it is
 * the browser package's engine); the native engine has no such setting and ignores it.
 */
export function clientFor(mock, options = {}) {
  return new Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true, ...options });
}

export const OFFER = Object.freeze({
  offer_name: 'Summer Sale CPA',
  advertiser_id: 11,
  vertical_id: 3,
  offer_url: 'https://track.example.com/click?a={aff_id}&o={offer_id}',
  payout: '24.00',
  payout_type: 'cpa',
  revenue: 30.5,
  revenue_type: 'cpa',
});

export const AFFILIATE = Object.freeze({ affiliate_name: 'New Media Group Inc', account_manager_id: 42 });

/** A parent affiliate with `count` sub-affiliates, and one offer. */
export function seedReport(mock, count) {
  return mock.seed({
    affiliates: [AFFILIATE],
    offers: [OFFER],
    sub_affiliates: Array.from({ length: count }, (_, i) => ({
      affiliate_id: 67890,
      sub_affiliate_name: `sub-${String(i).padStart(4, '0')}`,
      payout: '10',
      payout_type: 'percent',
    })),
  });
}

/** Resolves with the error a promise rejects with (fails if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** What `new Client(options)` throws (fails if it does not). */
export function settingsError(options) {
  try {
    new Client(options);
  } catch (error) {
    return error;
  }
  throw new Error(`new Client(${JSON.stringify(options)}) did not throw`);
}
