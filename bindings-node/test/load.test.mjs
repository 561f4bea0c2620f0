// Many calls at once: they all complete, and JavaScript keeps running meanwhile (the work is
// on Rust's threads, not the event loop).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startMock, clientFor, AFFILIATE, OFFER } from './helpers.mjs';

const native = createRequire(import.meta.url)('../native.js');
let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock);
  mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
});
after(() => mock.stop());

test('1,000 concurrent calls complete without error, each with its own answer', async () => {
  const calls = Array.from({ length: 1000 }, (_, i) =>
    i % 2 === 0
      ? client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 })
      : client.createSubAffiliate({ affiliate_id: 67890, sub_affiliate_name: `load-${i}`, payout: '1.25', payout_type: 'cpa' }),
  );
  const results = await Promise.all(calls);
  assert.equal(results.length, 1000);
  const created = results.filter((r) => 'sub_affiliate_id' in r);
  assert.equal(created.length, 500);
  assert.equal(new Set(created.map((r) => r.sub_affiliate_id)).size, 500, 'every create got its own id');
  assert.deepEqual(new Set(created.map((r) => r.sub_affiliate_name)).size, 500);
  for (const r of results.filter((r) => 'offer_id' in r)) assert.equal(r.payout, '24.00');
  assert.equal(mock.state().sub_affiliates.length, 500);
  assert.equal(native.inFlight(), 0);
});

test('the event loop stays responsive while calls are in flight', async () => {
  mock.addFault({ operation: 'get_affiliate_offer', kind: 'delay', delay_ms: 600 });
  let ticks = 0;
  let longestGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    ticks += 1;
  }, 10);
  try {
    const started = performance.now();
    await Promise.all(Array.from({ length: 50 }, () => client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 })));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 600, 'the calls really waited on the server');
    // A blocked loop would not tick at all while the server waits; margins allow a busy machine.
    assert.ok(ticks >= 15, `only ${ticks} ticks in ${elapsed.toFixed(0)} ms`);
    assert.ok(longestGap < 300, `the timer was blocked for ${longestGap.toFixed(0)} ms`);
  } finally {
    clearInterval(timer);
    mock.clearFaults();
  }
});
