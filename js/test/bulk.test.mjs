// bulk(): one outcome per item in input order; a failed item's error is a CakeError. Money in
// results is a decimal string; ids and counts are numbers.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { CakeError } from './support/sdk.mjs';
import { startMock, until } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, rejection } from './support/fixtures.mjs';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

/** The process warnings emitted while `fn` runs, until `done(warnings)` holds. */
async function warningsDuring(fn, done, what) {
  const warnings = [];
  const listener = (w) => warnings.push(w);
  process.on('warning', listener);
  try {
    const result = await fn();
    await until(() => done(warnings), what);
    return { result, warnings };
  } finally {
    process.off('warning', listener);
  }
}

test('ok, invalid, failed and unknown_outcome, each in its place', async () => {
  await mock.seed({ offers: [OFFER] });
  // The first update sent breaks after being applied.
  const items = [
    { offer_id: 12345, payout: 25 },
    { offer_id: 12345, payout: -1 },
    { offer_id: 99999, payout: 5 },
    { offer_id: 12345, offer_name: 'Renamed' },
  ];
  await mock.addFault({ operation: 'update_offer', kind: 'reset_after', times: 1 });
  const outcomes = await client.bulk('update_offer', items, { concurrency: 1 });
  assert.equal(outcomes.length, 4);
  assert.deepEqual(outcomes.map((o) => o.status), ['unknown_outcome', 'invalid', 'failed', 'ok']);
  assert.ok(outcomes[0].error instanceof CakeError);
  assert.equal(outcomes[0].error.code, 'unknown_outcome');
  assert.deepEqual(outcomes[1].issues.map((i) => [i.field, i.code]), [['payout', 'out_of_range']]);
  assert.ok(outcomes[2].error instanceof CakeError);
  assert.equal(outcomes[2].error.code, 'api');
  assert.deepEqual(outcomes[2].error.messages, ['offer_id: no offer with id 99999']);
  assert.equal(outcomes[3].result.offer_name, 'Renamed');
  assert.equal(outcomes[3].result.payout, '25.00', 'the lost-answer update was applied (money as a decimal string)');
  assert.equal(outcomes[3].result.offer_id, 12345, 'ids stay numbers');
  assert.equal(outcomes[3].attempts, 1);
  assert.deepEqual(outcomes[3].warnings, []);
});

test('many creates, concurrently, in input order, with progress', async () => {
  const items = Array.from({ length: 40 }, (_, i) => ({ ...AFFILIATE, affiliate_name: `Affiliate ${i}` }));
  const progress = [];
  const outcomes = await client.bulk('create_affiliate', items, {
    concurrency: 8,
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.deepEqual(outcomes.map((o) => o.result.affiliate_name), items.map((i) => i.affiliate_name));
  assert.equal(new Set(outcomes.map((o) => o.result.affiliate_id)).size, 40);
  assert.ok(outcomes.every((o) => typeof o.result.affiliate_id === 'number'));
  // Every progress call has been made by the time the promise settles.
  assert.equal(progress.length, 40);
  assert.deepEqual(progress.at(-1), [40, 40]);
  assert.deepEqual(progress.map(([d]) => d), Array.from({ length: 40 }, (_, i) => i + 1));
  assert.ok(progress.every(([, total]) => total === 40));
});

// The native engine reports progress through one threadsafe function and settles the promise
// through another, which Node may serve first: without the wait for the last report, about
// one bulk in six here settled before it.
test('a bulk settles only after its last progress call, every time', async () => {
  for (let round = 0; round < 100; round++) {
    const items = Array.from({ length: 8 }, (_, i) => ({ ...AFFILIATE, affiliate_name: `Round ${round} ${i}` }));
    const progress = [];
    await client.bulk('create_affiliate', items, { concurrency: 8, onProgress: (done) => progress.push(done) });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8], `round ${round}`);
  }
});

test('a lost create_sub_affiliate answer is resolved by a lookup, not duplicated', async () => {
  await mock.seed({ affiliates: [AFFILIATE] });
  await mock.addFault({ operation: 'create_sub_affiliate', kind: 'reset_after', times: 1 });
  const [outcome] = await client.bulk('create_sub_affiliate', [
    { affiliate_id: 67890, sub_affiliate_name: 'newsletter', payout: 3, payout_type: 'cpa' },
  ]);
  assert.equal(outcome.status, 'ok');
  assert.equal(outcome.result.sub_affiliate_name, 'newsletter');
  assert.ok(outcome.warnings.some((w) => w.code === 'resolved_by_lookup'));
  assert.equal((await mock.state()).sub_affiliates.length, 1);
});

test('a progress callback that throws is a CakeSdkWarning and does not break the bulk call', async () => {
  const items = [AFFILIATE, { ...AFFILIATE, affiliate_name: 'Second' }];
  let calls = 0;
  const { result: outcomes, warnings } = await warningsDuring(
    () =>
      client.bulk('create_affiliate', items, {
        concurrency: 1,
        onProgress: () => {
          calls += 1;
          throw new Error('boom');
        },
      }),
    (seen) => seen.filter((w) => String(w.message).includes('onProgress threw: Error: boom')).length >= 2,
    'a process warning for each throwing progress call',
  );
  assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'ok'], 'the run went on after the first throw');
  assert.equal(calls, 2);
  const thrown = warnings.filter((w) => String(w.message).includes('onProgress threw'));
  assert.ok(thrown.every((w) => w.name === 'CakeSdkWarning'), thrown.map((w) => w.name).join());
  assert.equal((await mock.state()).affiliates.length, 2);
});

test('onProgress that is not a function: the bulk() promise rejects with a TypeError, nothing sent', async () => {
  for (const onProgress of ['yes', 42, {}]) {
    const promise = client.bulk('create_affiliate', [AFFILIATE], { onProgress });
    assert.ok(promise instanceof Promise, 'not thrown synchronously');
    const error = await rejection(promise);
    assert.ok(error instanceof TypeError, String(error));
    assert.match(error.message, /onProgress/);
  }
  // null and undefined mean no callback.
  for (const onProgress of [null, undefined]) {
    const [outcome] = await client.bulk('create_affiliate', [{ ...AFFILIATE, affiliate_name: `none ${onProgress}` }], { onProgress });
    assert.equal(outcome.status, 'ok');
  }
  assert.equal((await mock.requests()).length, 2);
});

test('only creates and updates; bad settings are validation errors', async () => {
  const read = await rejection(client.bulk('list_sub_affiliates', [{}]));
  assert.ok(read instanceof CakeError);
  assert.equal(read.code, 'validation');
  assert.deepEqual(read.issues.map((i) => i.field), ['operation']);
  const concurrency = await rejection(client.bulk('create_affiliate', [AFFILIATE], { concurrency: -1 }));
  assert.deepEqual(concurrency.issues.map((i) => [i.field, i.code]), [['concurrency', 'out_of_range']]);
  const notArray = await rejection(client.bulk('create_affiliate', { 0: AFFILIATE }));
  assert.deepEqual(notArray.issues.map((i) => i.field), ['items']);
  assert.deepEqual(await mock.requests(), []);
  assert.deepEqual(await client.bulk('create_offer', []), []);
});

test('an item that cannot be serialized fails alone, as invalid', async () => {
  const cyclic = { ...AFFILIATE };
  cyclic.self = cyclic;
  const throwing = { ...AFFILIATE, affiliate_name: 'T', toJSON() { throw new Error('no'); } };
  const outcomes = await client.bulk('create_affiliate', [
    AFFILIATE,
    cyclic,
    { ...AFFILIATE, affiliate_name: 'big', account_manager_id: 9n },
    throwing,
    { ...AFFILIATE, affiliate_name: 'nan', account_manager_id: NaN },
  ]);
  assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'invalid', 'ok', 'invalid', 'invalid']);
  // (The item crosses as null, so its message is core's for a missing object; the field and
  // code are those of any value that cannot be read.)
  for (const at of [1, 3]) {
    assert.deepEqual(outcomes[at].issues.map((i) => [i.field, i.code, i.severity]), [['', 'invalid_type', 'error']], `item ${at}`);
    assert.equal(outcomes[at].error, undefined);
  }
  assert.equal(outcomes[2].result.account_manager.id, 9, 'a bigint id is sent as its digits');
  assert.deepEqual(outcomes[4].issues.map((i) => [i.field, i.code]), [['account_manager_id', 'invalid_type']], 'NaN is invalid');
  const sent = (await mock.requests()).map((r) => r.body.affiliate_name);
  assert.deepEqual(sent.sort(), ['New Media Group Inc', 'big'], 'only the readable items were sent');
});
