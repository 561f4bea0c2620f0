// maxResponseBytes: the largest answer the client reads. Past it the call fails as `decode`
// (a write: `unknown_outcome`), naming the limit and the option as a JS caller writes it,
// without retrying. Against a small local server answering 2 MiB (chunked, or with its
// Content-Length declared), and the mock's `endless_body` fault: a 200 whose body never ends.
//
// The engines read differently past the limit (bindings-wasm/README.md, "Bounded answers"):
// the native engine stops reading at the limit, so even an endless body is bounded; the wasm
// engine's fetch holds the body itself, so there a declared Content-Length above the limit is
// refused before reading, and a longer body once it has all arrived (the mock's endless body
// stops after 1 GiB: on the wasm engine that is a 1 GiB read, so those tests are native-only).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { CakeError, ENGINE } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, rejection } from './support/fixtures.mjs';

const MIB = 1048576;
const LIMIT_NAMED = /larger than the client's limit of 1 MiB \(maxResponseBytes\)/;
/** Whether the engine stops reading a body at the limit (see above). */
const STOPS_AT_LIMIT = ENGINE === 'native';

let mock;
let big;
before(async () => {
  mock = await startMock();
  big = await startOversized();
});
after(async () => {
  await mock.stop();
  await big.close();
});
beforeEach(async () => {
  await mock.reset();
  big.requests.length = 0;
});

/**
 * A server answering every request with a 200 of 2 MiB: a report page with no rows, padded
 * with whitespace (valid JSON, read whole under a larger limit); chunked (no length: only
 * reading tells), or, under /declared/, with its Content-Length.
 */
async function startOversized() {
  const CHUNK = Buffer.alloc(64 * 1024, ' ');
  const HEAD = '{"request_status":"Success","sub_affiliate_report":[';
  const TAIL = ']}';
  const requests = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url);
    request.resume();
    response.on('error', () => {}); // the client hangs up at its limit
    const declared = request.url.startsWith('/declared/');
    response.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(HEAD.length + 32 * CHUNK.length + TAIL.length) } : {}) });
    response.write(HEAD);
    for (let i = 0; i < 32 && !response.destroyed; i += 1) {
      if (!response.write(CHUNK)) await drainedOrClosed(response);
    }
    response.end(TAIL);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits for `drain` or `close`, whichever comes first, and stops listening for the other. */
function drainedOrClosed(response) {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

const bigClient = (options, path = '') => clientFor({ url: `${big.url}${path}`, apiKey: 'k' }, options);

test('a read past maxResponseBytes fails as decode, naming the limit; not retried', async () => {
  const client = bigClient({ maxResponseBytes: MIB, maxRetries: 2, timeoutMs: 10_000 });
  const error = await rejection(client.listSubAffiliates());
  assert.ok(error instanceof CakeError, String(error));
  assert.equal(error.code, 'decode', error.message);
  assert.match(error.message, LIMIT_NAMED);
  assert.doesNotMatch(error.message, /max_response_bytes/, 'the option as JS writes it');
  assert.equal(error.attempts, 1, 'an answer too large is not asked for again');
  assert.equal(error.status, 200);
  assert.equal(error.operation, 'list_sub_affiliates');
  assert.ok(error.bodyExcerpt.startsWith('{"request_status":"Success"'), error.bodyExcerpt);
  assert.equal(big.requests.length, 1);
});

test('a declared Content-Length above maxResponseBytes is refused the same way; not retried', async () => {
  const client = bigClient({ maxResponseBytes: MIB, maxRetries: 2 }, '/declared');
  const error = await rejection(client.listSubAffiliates());
  assert.ok(error instanceof CakeError, String(error));
  assert.equal(error.code, 'decode', error.message);
  assert.match(error.message, LIMIT_NAMED);
  assert.equal(error.attempts, 1);
  assert.equal(error.status, 200);
  assert.equal(big.requests.length, 1);
  // A write answered so: unknown_outcome, never sent again.
  const write = await rejection(client.createAffiliate(AFFILIATE));
  assert.equal(write.code, 'unknown_outcome', write.message);
  assert.equal(write.causeCode, 'decode');
  assert.match(write.message, LIMIT_NAMED);
  assert.equal(write.attempts, 1, 'never sent again');
  assert.equal(big.requests.length, 2);
});

test('the same 2 MiB answers within a larger limit are read whole (chunked and declared)', async () => {
  for (const path of ['', '/declared']) {
    const page = await bigClient({ maxResponseBytes: 4 * MIB }, path).subAffiliateReport({ start_date: '2024-01-01', end_date: '2024-01-01' });
    assert.deepEqual(page.rows, [], path || 'chunked');
  }
  assert.equal(big.requests.length, 2);
});

test('a write past it is unknown_outcome (the server answered, so it was likely applied), naming the limit', async () => {
  const client = bigClient({ maxResponseBytes: MIB, maxRetries: 2 });
  const error = await rejection(client.createAffiliate(AFFILIATE));
  assert.ok(error instanceof CakeError, String(error));
  assert.equal(error.code, 'unknown_outcome', error.message);
  assert.equal(error.causeCode, 'decode');
  assert.match(error.message, LIMIT_NAMED);
  assert.doesNotMatch(error.message, /max_response_bytes/);
  assert.equal(error.attempts, 1, 'never sent again');
  // The same in a bulk item's error.
  const [outcome] = await client.bulk('create_offer', [OFFER]);
  assert.equal(outcome.status, 'unknown_outcome');
  assert.ok(outcome.error instanceof CakeError);
  assert.equal(outcome.error.causeCode, 'decode');
  assert.match(outcome.error.message, LIMIT_NAMED);
  assert.equal(big.requests.length, 2, 'each write sent once');
});

// Native only: the wasm engine reads a body whole before measuring it (see the top).
test('an endless body: the read stops at the limit, fails at once as decode; not retried', { skip: !STOPS_AT_LIMIT && 'the wasm engine reads a body whole (fetch)' }, async () => {
  const client = clientFor(mock, { maxResponseBytes: MIB, maxRetries: 2, timeoutMs: 10_000 });
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'endless_body' });
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
  // A bound far from the time the limit takes: reading the whole body (1 GiB) would take longer.
  assert.ok(Date.now() - started < 8_000, 'it stopped reading at the limit (the body is 1 GiB)');
  assert.equal((await mock.requests()).length, 1);
});

// Native only, as above.
test('an endless body answering a write: unknown_outcome, naming the limit, never sent again', { skip: !STOPS_AT_LIMIT && 'the wasm engine reads a body whole (fetch)' }, async () => {
  const client = clientFor(mock, { maxResponseBytes: MIB, maxRetries: 2 });
  await mock.addFault({ operation: 'create_affiliate', kind: 'endless_body', times: 1 });
  const error = await rejection(client.createAffiliate(AFFILIATE));
  assert.equal(error.code, 'unknown_outcome', error.message);
  assert.equal(error.causeCode, 'decode');
  assert.match(error.message, LIMIT_NAMED);
  assert.equal(error.attempts, 1, 'never sent again');
  await mock.addFault({ operation: 'create_offer', kind: 'endless_body', times: 1 });
  const [outcome] = await client.bulk('create_offer', [OFFER]);
  assert.equal(outcome.status, 'unknown_outcome');
  assert.match(outcome.error.message, LIMIT_NAMED);
  assert.deepEqual((await mock.requests()).map((r) => r.operation), ['create_affiliate', 'create_offer']);
});

test('answers within the limit are read as usual; the default is 64 MiB', async () => {
  await mock.seed({ affiliates: [AFFILIATE] });
  const small = clientFor(mock, { maxResponseBytes: 4096 });
  assert.equal((await small.listSubAffiliates()).length, 0);
  // A report page of 500 rows is about 50 KB: too much for 4 KiB, fine by default.
  await mock.seed({
    sub_affiliates: Array.from({ length: 500 }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa' })),
  });
  const range = { start_date: '2024-01-01', end_date: '2024-01-01', row_limit: 500 };
  const error = await rejection(small.subAffiliateReport(range));
  assert.equal(error.code, 'decode');
  assert.match(error.message, /limit of 4096 bytes \(maxResponseBytes\)/);
  const page = await clientFor(mock).subAffiliateReport(range);
  assert.equal(page.rows.length, 500);
});

test('a bad maxResponseBytes is refused, naming it; nothing is sent', async () => {
  for (const [value, code] of [[0, 'out_of_range'], [1.5, 'out_of_range'], [-1, 'out_of_range'], ['x', 'invalid_type'], [true, 'invalid_type']]) {
    let error;
    try {
      clientFor(mock, { maxResponseBytes: value });
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
    assert.equal(clientFor(mock, { maxResponseBytes }).baseUrl, mock.url);
  }
  assert.deepEqual(await mock.requests(), []);
});
