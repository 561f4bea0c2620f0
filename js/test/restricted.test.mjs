// CAKE's usual throttle is not a 429 but an HTTP 200 whose request_status is "Failure" with
// the message "Restricted" (or, on older instances, "errors": ["Restricted"]). Core reads it as
// `rate_limited` and retries it like a 429, writes included: a throttled call was not
// processed. Against the mock's `restricted` fault (both forms), checked in its state and log.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { CakeError } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, OFFER, rejection } from './support/fixtures.mjs';

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock.stop());
beforeEach(() => mock.reset());

const FORMS = [
  ['message', {}],
  ['errors (older instances)', { in_errors: true }],
];

for (const [form, extra] of FORMS) {
  test(`a write throttled with "Restricted" in ${form} is retried and creates exactly one offer`, async () => {
    const client = clientFor(mock, { maxRetries: 2 });
    await mock.addFault({ operation: 'create_offer', kind: 'restricted', times: 2, ...extra });
    const reply = await client.call('create_offer', OFFER);
    assert.equal(reply.meta.attempts, 3);
    assert.equal(reply.meta.operation, 'create_offer');
    assert.equal(reply.value.offer_name, OFFER.offer_name);
    assert.equal(reply.value.payout, '24.00', 'money as a decimal string');
    assert.equal(typeof reply.value.offer_id, 'number');
    assert.deepEqual((await mock.state()).offers.map((o) => o.offer_id), [reply.value.offer_id], 'one offer, the one answered');
    const sent = (await mock.requests()).filter((r) => r.operation === 'create_offer');
    assert.deepEqual(sent.map((r) => [r.fault, r.applied]), [['restricted', false], ['restricted', false], [null, true]]);
  });
}

test('a read restricted more often than maxRetries allows is rate_limited, with CAKE\'s message', async () => {
  const client = clientFor(mock, { maxRetries: 1 });
  for (const [, extra] of FORMS) {
    await mock.reset();
    await mock.addFault({ operation: 'list_sub_affiliates', kind: 'restricted', times: 5, ...extra });
    const error = await rejection(client.listSubAffiliates());
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'rate_limited', error.message);
    assert.deepEqual(error.messages, ['Restricted']);
    assert.equal(error.status, 200);
    assert.equal(error.attempts, 2, 'the first attempt and maxRetries more');
    assert.equal(error.operation, 'list_sub_affiliates');
    assert.deepEqual((await mock.requests()).map((r) => r.fault), ['restricted', 'restricted']);
  }
});
