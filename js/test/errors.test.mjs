// Each error code of core, produced by a real mock fault (or a real refusal), as a CakeError
// with core's fields; the api key in none of them. Run once per engine (CAKE_ENGINE).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import sdk, { ENGINE, CakeError, CakePanicError, Client, wire, split } from './support/sdk.mjs';
import { startMock, refusingUrl } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, rejection } from './support/fixtures.mjs';

// Both engines tell a refused connection (nothing sent) from one lost after the request left:
// reqwest natively, and in the wasm engine Node's fetch through its error's cause. (A browser's
// fetch cannot: there a refused write is unknown_outcome; the browser tests run no such case.)

let mock;
let client;
const seen = [];

before(async () => {
  mock = await startMock();
  // No retries, short timeouts: each fault shows as itself.
  client = clientFor(mock, { maxRetries: 0, timeoutMs: 300 });
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
  await mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
});

function keyless(error) {
  const everything = [error.message, error.stack, inspect(error, { depth: 5, showHidden: true }), JSON.stringify(error)].join('\n');
  assert.ok(!everything.includes(mock.apiKey), `the key leaked in a ${error.code} error`);
  assert.ok(!everything.includes(encodeURIComponent(mock.apiKey)), `the encoded key leaked in a ${error.code} error`);
}

async function failure(promise, code) {
  const error = await rejection(promise);
  assert.ok(error instanceof CakeError, `${code}: not a CakeError: ${error}`);
  assert.ok(error instanceof Error);
  assert.ok(!(error instanceof CakePanicError));
  assert.equal(error.name, 'CakeError');
  assert.equal(error.code, code, error.message);
  keyless(error);
  seen.push(code);
  return error;
}

test('validation: every issue, nothing sent', async () => {
  const error = await failure(client.createOffer({ offer_name: '', payout: '1.23456', offer_url: 'ftp://x' }), 'validation');
  assert.equal(error.operation, 'create_offer');
  assert.equal(error.attempts, 0);
  assert.equal(error.status, null);
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]).sort(), [
    ['advertiser_id', 'required'],
    ['offer_name', 'required'],
    ['offer_url', 'invalid_url'],
    ['payout', 'too_many_decimals'],
    ['vertical_id', 'required'],
  ]);
  assert.match(error.message, /^create_offer: invalid request, not sent/);
  assert.deepEqual(await mock.requests(), []);
});

test('api: CAKE refused it (request_status Failure) with its messages', async () => {
  const error = await failure(client.updateOffer({ offer_id: 99999, offer_name: 'Nope' }), 'api');
  assert.equal(error.requestStatus, 'Failure');
  assert.deepEqual(error.messages, ['offer_id: no offer with id 99999']);
  assert.equal(error.status, 200);
  assert.equal(error.attempts, 1);
});

test('api: a wrong key is refused, and neither key is echoed', async () => {
  const wrongKey = 'sk-WRONG-0000-also-secret';
  const other = new Client({ baseUrl: mock.url, apiKey: wrongKey, dangerouslyAllowBrowser: true, maxRetries: 0 });
  const error = await failure(other.listSubAffiliates(), 'api');
  assert.ok(!error.message.includes(wrongKey) && !error.stack.includes(wrongKey));
  assert.ok(!JSON.stringify(error).includes(wrongKey) && !inspect(error).includes(wrongKey));
  assert.ok(error.messages.length > 0);
});

test('rate_limited: a 429 with Retry-After beyond the retries', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'rate_limit', retry_after: '3' });
  const error = await failure(client.listSubAffiliates(), 'rate_limited');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterMs, 3000);
});

test('http_status: a 500 on a read, and an HTML 502 page from a proxy', async () => {
  await mock.addFault({ operation: 'get_affiliate_offer', kind: 'error_500', times: 1 });
  const error = await failure(client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 }), 'http_status');
  assert.equal(error.status, 500);
  await mock.addFault({ operation: 'get_affiliate_offer', kind: 'html', times: 1 });
  const html = await failure(client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 }), 'http_status');
  assert.equal(html.status, 502);
  assert.match(html.bodyExcerpt, /html/i);
});

test('timeout: no answer within timeoutMs', async () => {
  // The answer would come after 5 s; the client gives up after 300 ms.
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 5000, times: 1 });
  const started = Date.now();
  const error = await failure(client.listSubAffiliates(), 'timeout');
  assert.ok(Date.now() - started < 4000, 'it did not wait for the answer');
  assert.equal(error.attempts, 1);
});

test('connection: the connection is reset before an answer (a read)', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'reset_before', times: 1 });
  const error = await failure(client.listSubAffiliates(), 'connection');
  assert.equal(error.status, null);
});

test('connection: nothing listens at the URL', async () => {
  const nobody = await refusingUrl();
  try {
    const dead = new Client({ baseUrl: nobody.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true, maxRetries: 0 });
    const read = await failure(dead.listSubAffiliates(), 'connection');
    assert.equal(read.attempts, 1);
    // Nothing was sent, so even a write fails as connection (and could be sent again).
    const write = await failure(dead.createOffer(OFFER), 'connection');
    assert.equal(write.attempts, 1);
  } finally {
    await nobody.close();
  }
});

test('decode: a 200 whose body is cut short (a read)', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'malformed', times: 1 });
  const error = await failure(client.listSubAffiliates(), 'decode');
  assert.equal(error.status, 200);
  assert.equal(typeof error.bodyExcerpt, 'string');
});

test('unknown_outcome: a write whose connection broke after it was applied', async () => {
  await mock.addFault({ operation: 'create_offer', kind: 'reset_after', times: 1 });
  const error = await failure(client.createOffer({ ...OFFER, offer_name: 'Maybe' }), 'unknown_outcome');
  assert.equal(error.causeCode, 'connection');
  assert.equal(error.attempts, 1, 'a write is never repeated blindly');
  const names = (await mock.state()).offers.map((o) => o.offer_name);
  assert.deepEqual(names, ['Summer Sale CPA', 'Maybe'], 'the mock applied it once');
});

test('unknown_outcome: a write answered 500 is not repeated even with retries allowed', async () => {
  const retrying = clientFor(mock, { maxRetries: 3 });
  await mock.addFault({ operation: 'update_offer', kind: 'error_500' });
  const error = await failure(retrying.updateOffer({ offer_id: 12345, payout: 1 }), 'unknown_outcome');
  assert.equal(error.causeCode, 'http_status');
  assert.equal(error.status, 500);
  assert.equal((await mock.requests()).length, 1);
});

test('every core error code was produced', () => {
  assert.deepEqual([...new Set(seen)].sort(), [
    'api', 'connection', 'decode', 'http_status', 'rate_limited', 'timeout', 'unknown_outcome', 'validation',
  ]);
});

test('a read retries a transient fault and succeeds', async () => {
  const retrying = clientFor(mock, { maxRetries: 2 });
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 1, retry_after: '0' });
  const reply = await retrying.call('list_sub_affiliates', {});
  assert.equal(reply.meta.attempts, 2);
  assert.deepEqual(reply.value, []);
});

test('errors from every entry point are CakeErrors', async () => {
  const thrown = [];
  const grab = async (fn) => {
    try {
      await fn();
    } catch (e) {
      thrown.push(e);
    }
  };
  await grab(() => new Client({}));
  await grab(() => client.call('delete_everything', {}));
  await grab(() => client.bulk('get_affiliate_offer', []));
  await grab(() => client.subAffiliateReportRows({ start_date: 'x' }).next());
  await grab(() => wire.buildRequest('create_offer', {}, mock.apiKey));
  await grab(() => wire.parseResponse('create_offer', 500, {}, 'oops'));
  await grab(() => split('ten', [1]));
  assert.equal(thrown.length, 7);
  for (const error of thrown) {
    assert.ok(error instanceof CakeError, String(error));
    keyless(error);
  }
  assert.deepEqual(thrown[1].issues.map((i) => i.code), ['unknown_operation']);
  assert.deepEqual(thrown[2].issues.map((i) => [i.field, i.code]), [['operation', 'invalid_enum']]);
});

test('CakeError and CakePanicError: exported, named, Errors', () => {
  const error = new CakeError({ code: 'validation', message: 'bad' });
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'CakeError');
  assert.equal(error.code, 'validation');
  // The native engine never throws CakePanicError (napi-rs catches its panics); the class
  // exists in both packages so code can test for it.
  assert.equal(typeof CakePanicError, 'function');
  const panic = new CakePanicError('boom');
  assert.ok(panic instanceof Error);
  assert.ok(!(panic instanceof CakeError));
  assert.equal(panic.name, 'CakePanicError');
  assert.match(panic.message, /boom/);
});

// Each package has one CakeError class for all its entries. Its second entry differs: the
// Node package's CommonJS require (the ESM entry re-exports it), the browser package's
// validation-only build (cake-sdk-wasm/validation), which only the wasm engine has.
test('every entry of the package sees the same CakeError class', async () => {
  if (ENGINE === 'native') {
    const cjs = createRequire(import.meta.url)('../../bindings-node/index.js');
    assert.equal(cjs.CakeError, CakeError);
    assert.equal(cjs.CakePanicError, CakePanicError);
    const error = await rejection(clientFor(mock).createOffer({}));
    assert.ok(error instanceof cjs.CakeError);
  } else {
    const validation = await import('../../bindings-wasm/js/validation.js');
    assert.equal(validation.CakeError, CakeError);
    assert.equal(validation.CakePanicError, CakePanicError);
    const error = (() => {
      try {
        validation.split('ten', [1]);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'validation');
    const fromClient = await rejection(clientFor(mock).createOffer({}));
    assert.ok(fromClient instanceof validation.CakeError);
  }
  assert.equal(sdk.CakeError, CakeError);
});
