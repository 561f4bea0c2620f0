// maxResponseBytes: the largest answer the client reads. Past it the call fails as `decode`
// (a write: `unknown_outcome`), naming the limit and the option as a JS caller writes it,
// without buffering the rest and without retrying. Against the mock's `endless_body` fault: a
// 200 whose body never ends.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client, CakeError } from 'cake-sdk';
import { startMock, clientFor, OFFER, AFFILIATE, rejection } from './helpers.mjs';

const MIB = 1048576;
const LIMIT_NAMED = /larger than the client's limit of 1 MiB \(maxResponseBytes\)/;

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock.stop());
beforeEach(() => mock.reset());

test('a read past maxResponseBytes fails at once as decode, naming the limit; not retried', async () => {
  const client = clientFor(mock, { maxResponseBytes: MIB, maxRetries: 2, timeoutMs: 10_000 });
  mock.addFault({ operation: 'list_sub_affiliates', kind: 'endless_body' });
  const started = Date.now();
  const error = await rejection(client.listSubAffiliates());
  assert.ok(error instanceof CakeError, String(error));
  assert.equal(error.code, 'decode', error.message);
  assert.match(error.message, LIMIT_NAMED);
  assert.doesNotMatch(error.message, /max_response_bytes/, 'the option as JS writes it');
  assert.equal(error.attempts, 1, 'an answer too large is not asked for again');
  assert.equal(error.status, 200);
  assert.equal(error.operation, 'list_sub_affiliates');
  assert.ok(error.bodyExcerpt.startsWith('{"request_status":"Success"'), error.bodyExcerpt);
  assert.ok(Date.now() - started < 8_000, 'it stopped reading at the limit (the body is 1 GiB)');
  assert.equal(mock.requests().length, 1);
});

test('a write past it is unknown_outcome (the server answered, so it was likely applied), naming the limit', async () => {
  const client = clientFor(mock, { maxResponseBytes: MIB, maxRetries: 2 });
  mock.addFault({ operation: 'create_affiliate', kind: 'endless_body', times: 1 });
  const error = await rejection(client.createAffiliate(AFFILIATE));
  assert.equal(error.code, 'unknown_outcome', error.message);
  assert.equal(error.causeCode, 'decode');
  assert.match(error.message, LIMIT_NAMED);
  assert.doesNotMatch(error.message, /max_response_bytes/);
  assert.equal(error.attempts, 1, 'never sent again');
  // The same in a bulk item's error.
  mock.addFault({ operation: 'create_offer', kind: 'endless_body', times: 1 });
  const [outcome] = await client.bulk('create_offer', [OFFER]);
  assert.equal(outcome.status, 'unknown_outcome');
  assert.match(outcome.error.message, LIMIT_NAMED);
});

test('answers within the limit are read as usual; the default is 64 MiB', async () => {
  mock.seed({ affiliates: [AFFILIATE] });
  const small = clientFor(mock, { maxResponseBytes: 4096 });
  assert.equal((await small.listSubAffiliates()).length, 0);
  // A report page of 500 rows is about 50 KB: too much for 4 KiB, fine by default.
  mock.seed({
    sub_affiliates: Array.from({ length: 500 }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa' })),
  });
  const range = { start_date: '2024-01-01', end_date: '2024-01-01', row_limit: 500 };
  const error = await rejection(small.subAffiliateReport(range));
  assert.equal(error.code, 'decode');
  assert.match(error.message, /limit of 4096 bytes \(maxResponseBytes\)/);
  const page = await clientFor(mock).subAffiliateReport(range);
  assert.equal(page.rows.length, 500);
});

test('a bad maxResponseBytes is refused, naming it; nothing is sent', () => {
  const valid = { baseUrl: mock.url, apiKey: mock.apiKey };
  for (const [value, code] of [[0, 'out_of_range'], [1.5, 'out_of_range'], [-1, 'out_of_range'], ['x', 'invalid_type'], [true, 'invalid_type']]) {
    let error;
    try {
      new Client({ ...valid, maxResponseBytes: value });
    } catch (thrown) {
      error = thrown;
    }
    assert.ok(error instanceof CakeError, `maxResponseBytes ${value} was accepted`);
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['maxResponseBytes', code]], error.message);
    assert.match(error.message, /maxResponseBytes: must be a whole number of bytes/);
    assert.doesNotMatch(error.message, /max_response_bytes/);
  }
  for (const maxResponseBytes of [1, MIB, 2 ** 40, null, undefined]) {
    assert.equal(new Client({ ...valid, maxResponseBytes }).baseUrl, mock.url);
  }
  assert.deepEqual(mock.requests(), []);
});
