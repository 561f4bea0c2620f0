// An AbortSignal cancels a call: the Promise rejects with the signal's reason at once (both
// engines), and the engine's work for it (the native Rust future with its connection, or the
// wasm task with its fetch) is dropped, not left running.
//
// Each abort is made once the mock has seen the request (waited for, not assumed after a
// sleep), so it always meets a call that is really in flight. A write the mock has read is
// still applied when its delay ends, even with the client gone: the tests that abort writes
// use a mock of their own, stopped at the end, so nothing lands in a later test's state.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, until } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, seedReport } from './support/fixtures.mjs';
import { nothingRunning } from './support/engine-probes.mjs';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

/** A mock of its own for `fn(mock, client)`, stopped afterwards (its delayed writes with it). */
async function withOwnMock(fn) {
  const own = await startMock();
  try {
    return await fn(own, clientFor(own, { maxRetries: 0 }));
  } finally {
    await own.stop();
  }
}

/** Waits until `target` has received `count` requests of `operation`. */
function seen(target, operation, count = 1) {
  return until(
    async () => (await target.requests()).filter((r) => r.operation === operation).length >= count,
    `${count} ${operation} request(s) reached the mock`,
  );
}

/**
 * The error `promise` rejects with and how long after `from` (default: now) it did. Settled
 * into a value from the start: however the call ends, nothing is left unhandled meanwhile.
 */
function settlement(promise) {
  const settled = promise.then(
    () => ({ error: new Error('expected an abort, but the call succeeded') }),
    (error) => ({ error, at: Date.now() }),
  );
  return async (from = Date.now()) => {
    const { error, at } = await settled;
    if (at === undefined) throw error;
    return { error, ms: at - from };
  };
}

test('aborting an in-flight call rejects at once with the signal reason and drops the call', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const controller = new AbortController();
  const outcome = settlement(client.listSubAffiliates({}, { signal: controller.signal }));
  await seen(mock, 'list_sub_affiliates');
  const aborted = Date.now();
  controller.abort();
  const { error, ms } = await outcome(aborted);
  assert.equal(error.name, 'AbortError');
  assert.equal(error, controller.signal.reason);
  assert.ok(ms < 1000, `settled after ${ms} ms`);
  await nothingRunning('the aborted call');
});

test('a custom abort reason is what the call rejects with', async () => {
  await withOwnMock(async (own, ownClient) => {
    await own.addFault({ operation: '*', kind: 'delay', delay_ms: 3000 });
    const controller = new AbortController();
    const outcome = settlement(ownClient.createOffer(OFFER, { signal: controller.signal }));
    await seen(own, 'create_offer');
    const reason = new Error('user navigated away');
    controller.abort(reason);
    const { error } = await outcome();
    assert.equal(error, reason);
    await nothingRunning('the aborted write');
  });
});

test('AbortSignal.timeout works as a per-call deadline from the caller side', async () => {
  await mock.addFault({ operation: '*', kind: 'delay', delay_ms: 3000 });
  const started = Date.now();
  const { error, ms } = await settlement(client.listSubAffiliates({}, { signal: AbortSignal.timeout(100) }))(started);
  assert.equal(error.name, 'TimeoutError');
  assert.ok(ms < 1000, `settled after ${ms} ms`);
  await nothingRunning('the timed-out call');
});

test('an already-aborted signal sends nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const { error } = await settlement(client.createAffiliate(AFFILIATE, { signal: controller.signal }))();
  assert.equal(error.name, 'AbortError');
  assert.equal(error, controller.signal.reason);
  // With a reason of the caller's too.
  const reason = new Error('never mind');
  const early = await settlement(client.listSubAffiliates({}, { signal: AbortSignal.abort(reason) }))();
  assert.equal(early.error, reason);
  assert.deepEqual(await mock.requests(), []);
});

test('a signal that never fires changes nothing', async () => {
  const controller = new AbortController();
  const created = await client.createAffiliate(AFFILIATE, { signal: controller.signal });
  assert.equal(created.affiliate_id, 67890);
});

test('aborting a bulk call stops the items still running', async () => {
  await withOwnMock(async (own, ownClient) => {
    await own.addFault({ operation: 'create_affiliate', kind: 'delay', delay_ms: 2000 });
    const controller = new AbortController();
    const items = Array.from({ length: 6 }, (_, i) => ({ ...AFFILIATE, affiliate_name: `A${i}` }));
    const outcome = settlement(ownClient.bulk('create_affiliate', items, { concurrency: 2, signal: controller.signal }));
    // Both items of the first round are at the server (and held there by the delay).
    await seen(own, 'create_affiliate', 2);
    const aborted = Date.now();
    controller.abort();
    const { error, ms } = await outcome(aborted);
    assert.equal(error.name, 'AbortError');
    assert.equal(error, controller.signal.reason);
    assert.ok(ms < 1000, `settled after ${ms} ms`);
    await nothingRunning('the aborted bulk call');
    assert.ok((await own.requests()).length <= 2, 'no further item was started');
  });
});

test('aborting pagination rejects the pending next() and stops the iteration', async () => {
  await seedReport(mock, 12);
  const controller = new AbortController();
  const rows = client.subAffiliateReportRows(
    { start_date: '2026-01-01', end_date: '2026-01-02', row_limit: 5 },
    // On demand: the delay below must meet the page the pending next() waits for.
    { signal: controller.signal, pagesAhead: 0 },
  );
  const first = await rows.next();
  assert.equal(first.value.sub_affiliate_id, 301);
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'delay', delay_ms: 3000 });
  for (let i = 0; i < 4; i += 1) await rows.next();
  const pending = settlement(rows.next());
  await seen(mock, 'sub_affiliate_report', 2);
  const aborted = Date.now();
  controller.abort();
  const { error, ms } = await pending(aborted);
  assert.equal(error.name, 'AbortError');
  assert.ok(ms < 1000, `settled after ${ms} ms`);
  await nothingRunning('the aborted page');
  const again = await settlement(rows.next())();
  assert.equal(again.error, controller.signal.reason, 'the aborted iteration stays stopped');
  assert.ok((await mock.requests()).length <= 2, 'no page was asked for after the abort');
});
