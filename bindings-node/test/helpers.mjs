// Shared set-up: a live mock per test file, clients against it, seed data.
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockServer, Client } from 'cake-sdk';

export const API_KEY = 'sk-live-NODE-7f3a9c1e-secret';

export async function startMock() {
  return MockServer.start({ apiKey: API_KEY, seed: 7 });
}

export function clientFor(mock, options = {}) {
  return new Client({ baseUrl: mock.url, apiKey: mock.apiKey, ...options });
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

/** Resolves with the CakeError a promise rejects with (fails if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

// hostile.json's placeholders ($repeat, $nest built iteratively, $float), expanded as the file says.
export function expandPlaceholders(value) {
  if (Array.isArray(value)) return value.map(expandPlaceholders);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$repeat') return value.$repeat[0].repeat(value.$repeat[1]);
  if (keys.length === 1 && keys[0] === '$nest') {
    let nested = [];
    for (let level = 1; level < value.$nest; level += 1) nested = [nested];
    return nested;
  }
  if (keys.length === 1 && keys[0] === '$float') {
    return { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }[value.$float];
  }
  return Object.fromEntries(keys.map((k) => [k, expandPlaceholders(value[k])]));
}

/**
 * A loopback URL where nothing listens, for as long as it is held (`close()` frees it). Not the
 * URL of a stopped server: any process may take a freed port before the test connects to it.
 * This port is the local end of a connection kept open here, which no one can listen on, so
 * connecting to it is refused.
 */
export async function refusingUrl() {
  const sockets = [];
  const server = createServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection');
  const held = connect(server.address().port, '127.0.0.1');
  await Promise.all([once(held, 'connect'), accepted]);
  return {
    url: `http://127.0.0.1:${held.localPort}`,
    /** Connections its listener accepted besides the held one: none, whatever tried the URL. */
    accepted: () => sockets.length - 1,
    close() {
      held.destroy();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until `condition()` holds, checking every 10 ms; fails after `ms` (a bound, not a guess). */
export async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${ms} ms: ${what}`);
    await sleep(10);
  }
}
