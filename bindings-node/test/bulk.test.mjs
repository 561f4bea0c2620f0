// bulk(): one outcome per item in input order; a failed item's error is a CakeError.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { CakeError } from 'cake-sdk';
import { startMock, clientFor, OFFER, AFFILIATE, rejection, until } from './helpers.mjs';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

test('ok, invalid, failed and unknown_outcome, each in its place', async () => {
  mock.seed({ offers: [OFFER] });
  // The first update sent breaks after being applied.
  const items = [
    { offer_id: 12345, payout: 25 },
    { offer_id: 12345, payout: -1 },
    { offer_id: 99999, payout: 5 },
    { offer_id: 12345, offer_name: 'Renamed' },
  ];
  mock.addFault({ operation: 'update_offer', kind: 'reset_after', times: 1 });
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
  assert.equal(outcomes[3].result.payout, 25, 'the lost-answer update was applied');
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
  // Progress calls are queued to the event loop as items finish, and may come after the
  // outcomes: waited for, not assumed to be there one turn later.
  await until(() => progress.length >= 40, 'all 40 progress calls');
  assert.equal(progress.length, 40);
  assert.deepEqual(progress.at(-1), [40, 40]);
  assert.deepEqual(progress.map(([d]) => d), Array.from({ length: 40 }, (_, i) => i + 1));
});

test('a lost create_sub_affiliate answer is resolved by a lookup, not duplicated', async () => {
  mock.seed({ affiliates: [AFFILIATE] });
  mock.addFault({ operation: 'create_sub_affiliate', kind: 'reset_after', times: 1 });
  const [outcome] = await client.bulk('create_sub_affiliate', [
    { affiliate_id: 67890, sub_affiliate_name: 'newsletter', payout: 3, payout_type: 'cpa' },
  ]);
  assert.equal(outcome.status, 'ok');
  assert.equal(outcome.result.sub_affiliate_name, 'newsletter');
  assert.ok(outcome.warnings.some((w) => w.code === 'resolved_by_lookup'));
  assert.equal(mock.state().sub_affiliates.length, 1);
});

test('a progress callback that throws does not break the bulk call', async () => {
  const warnings = [];
  const listener = (w) => warnings.push(String(w.message));
  process.on('warning', listener);
  try {
    const outcomes = await client.bulk('create_affiliate', [AFFILIATE], {
      onProgress: () => {
        throw new Error('boom');
      },
    });
    assert.equal(outcomes[0].status, 'ok');
    await until(() => warnings.some((w) => w.includes('onProgress threw: Error: boom')), 'the process warning');
  } finally {
    process.off('warning', listener);
  }
});

test('only creates and updates; bad settings are validation errors', async () => {
  const read = await rejection(client.bulk('list_sub_affiliates', [{}]));
  assert.equal(read.code, 'validation');
  assert.deepEqual(read.issues.map((i) => i.field), ['operation']);
  const concurrency = await rejection(client.bulk('create_affiliate', [AFFILIATE], { concurrency: -1 }));
  assert.deepEqual(concurrency.issues.map((i) => [i.field, i.code]), [['concurrency', 'out_of_range']]);
  const notArray = await rejection(client.bulk('create_affiliate', { 0: AFFILIATE }));
  assert.deepEqual(notArray.issues.map((i) => i.field), ['items']);
  assert.deepEqual(mock.requests(), []);
  assert.deepEqual(await client.bulk('create_offer', []), []);
});

test('an item that cannot be serialized fails alone', async () => {
  const cyclic = { ...AFFILIATE };
  cyclic.self = cyclic;
  const outcomes = await client.bulk('create_affiliate', [AFFILIATE, cyclic, { ...AFFILIATE, account_manager_id: 9n }]);
  assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'invalid', 'ok']);
  assert.deepEqual(outcomes[1].issues.map((i) => [i.field, i.code]), [['', 'invalid_type']]);
  assert.equal(outcomes[2].result.account_manager.id, 9);
});
