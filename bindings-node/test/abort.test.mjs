// An AbortSignal cancels a call: the Promise rejects with the signal's reason at once, and
// the Rust future (with its connection) is dropped, not left running.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startMock, clientFor, OFFER, AFFILIATE, seedReport, until } from './helpers.mjs';

const native = createRequire(import.meta.url)('../native.js');
let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

async function settlesAbort(promise) {
  const started = Date.now();
  const error = await promise.then(
    () => assert.fail('expected an abort'),
    (e) => e,
  );
  return { error, ms: Date.now() - started };
}

test('aborting an in-flight call rejects at once with the signal reason and drops the future', async () => {
  mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const controller = new AbortController();
  // Settled into a value from the start: however the call ends, nothing is left unhandled.
  const outcome = client.listSubAffiliates({}, { signal: controller.signal }).then(
    (value) => ({ name: 'not an abort', value }),
    (e) => e,
  );
  // The call starts on a runtime thread: waited for, not assumed to have started after a sleep.
  await until(() => native.inFlight() === 1, 'the call is running in Rust');
  const aborted = Date.now();
  controller.abort();
  const error = await outcome;
  const ms = Date.now() - aborted;
  assert.equal(error.name, 'AbortError');
  assert.equal(error, controller.signal.reason);
  assert.ok(ms < 1000, `settled after ${ms} ms`);
  assert.equal(native.inFlight(), 0, 'the Rust future was dropped');
});

test('a custom abort reason is what the call rejects with', async () => {
  mock.addFault({ operation: '*', kind: 'delay', delay_ms: 3000 });
  const controller = new AbortController();
  const call = client.createOffer(OFFER, { signal: controller.signal });
  const reason = new Error('user navigated away');
  setTimeout(() => controller.abort(reason), 30);
  const { error } = await settlesAbort(call);
  assert.equal(error, reason);
});

test('AbortSignal.timeout works as a per-call deadline from the caller side', async () => {
  mock.addFault({ operation: '*', kind: 'delay', delay_ms: 3000 });
  const { error, ms } = await settlesAbort(client.listSubAffiliates({}, { signal: AbortSignal.timeout(100) }));
  assert.equal(error.name, 'TimeoutError');
  assert.ok(ms < 1000);
  assert.equal(native.inFlight(), 0);
});

test('an already-aborted signal sends nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const { error } = await settlesAbort(client.createAffiliate(AFFILIATE, { signal: controller.signal }));
  assert.equal(error.name, 'AbortError');
  assert.deepEqual(mock.requests(), []);
});

test('a signal that never fires changes nothing', async () => {
  const controller = new AbortController();
  const created = await client.createAffiliate(AFFILIATE, { signal: controller.signal });
  assert.equal(created.affiliate_id, 67890);
});

test('aborting a bulk call stops the items still running', async () => {
  mock.addFault({ operation: 'create_affiliate', kind: 'delay', delay_ms: 2000 });
  const controller = new AbortController();
  const items = Array.from({ length: 6 }, (_, i) => ({ ...AFFILIATE, affiliate_name: `A${i}` }));
  const call = client.bulk('create_affiliate', items, { concurrency: 2, signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  const { error, ms } = await settlesAbort(call);
  assert.equal(error.name, 'AbortError');
  assert.ok(ms < 1000);
  assert.equal(native.inFlight(), 0);
  assert.ok(mock.requests().length <= 2, 'no further item was started');
});

test('aborting pagination rejects the pending next() and stops the iteration', async () => {
  seedReport(mock, 12);
  const controller = new AbortController();
  const rows = client.subAffiliateReportRows(
    { start_date: '2026-01-01', end_date: '2026-01-02', row_limit: 5 },
    // On demand: the delay below must meet the page the pending next() waits for.
    { signal: controller.signal, pagesAhead: 0 },
  );
  const first = await rows.next();
  assert.equal(first.value.sub_affiliate_id, 301);
  mock.addFault({ operation: 'sub_affiliate_report', kind: 'delay', delay_ms: 3000 });
  for (let i = 0; i < 4; i += 1) await rows.next();
  const pending = rows.next();
  setTimeout(() => controller.abort(), 50);
  const { error, ms } = await settlesAbort(pending);
  assert.equal(error.name, 'AbortError');
  assert.ok(ms < 1000);
  assert.equal(native.inFlight(), 0);
  const again = await settlesAbort(rows.next());
  assert.equal(again.error, controller.signal.reason, 'the aborted iteration stays stopped');
  assert.ok(mock.requests().length <= 2, 'no page was asked for after the abort');
});
