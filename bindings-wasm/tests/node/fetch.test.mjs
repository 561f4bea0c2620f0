// The full build's transport (js/fetch.js + src/client/fetch.rs), seen from the page's fetch:
// one fetch per attempt with only what the request needs, a finished request never aborted,
// an attempt core stops waiting for (its timeout, the caller's AbortSignal) aborted, and no
// URL (it holds the key) in what a failed fetch reports. The shared suite (js/test) covers the
// client's behaviour on this engine; these are the transport's own promises.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from '../../../js/test/support/mock.mjs';

const sdk = await import('../../js/index.js');

const OFFER = {
  offer_name: 'Transport Test CPA',
  advertiser_id: 11,
  vertical_id: 3,
  offer_url: 'https://track.example.com/click?o={offer_id}',
  payout: '24.00',
  payout_type: 'cpa',
};

/** Every fetch the package makes: its URL, init and signal, and how it ended. */
const seen = [];
const realFetch = globalThis.fetch;
let mock;

before(async () => {
  mock = await startMock();
  globalThis.fetch = (url, init) => {
    const entry = { url: String(url), init, settled: false };
    seen.push(entry);
    const sent = realFetch(url, init);
    sent.then(
      () => (entry.settled = true),
      () => (entry.settled = true),
    );
    return sent;
  };
});
after(async () => {
  globalThis.fetch = realFetch;
  await mock.stop();
});
beforeEach(async () => {
  seen.length = 0;
  await mock.reset();
});

const clientOf = (options = {}) =>
  new sdk.Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true, ...options });

/** The package's own fetches (not the mock's control requests of this file). */
const apiFetches = () => seen.filter((entry) => entry.url.includes('/api/2/'));

test('a read is one GET without a body or content-type; once answered it is never aborted', async () => {
  const client = clientOf();
  const page = await client.listSubAffiliates();
  assert.ok(Array.isArray(page));
  const [read, ...more] = apiFetches();
  assert.equal(more.length, 0);
  assert.equal(read.init.method, 'GET');
  assert.equal(read.init.body, undefined);
  assert.equal(read.init.headers, undefined);
  assert.ok(read.url.includes(`api_key=${encodeURIComponent(mock.apiKey)}`), 'the key is in the query, as CAKE wants it');
  assert.equal(read.init.signal.aborted, false, 'a finished request is not aborted');
});

test('a write is one POST of JSON with its content-type; never aborted once answered', async () => {
  const client = clientOf();
  const offer = await client.createOffer(OFFER);
  assert.equal(typeof offer.offer_id, 'number');
  const [write, ...more] = apiFetches();
  assert.equal(more.length, 0);
  assert.equal(write.init.method, 'POST');
  assert.deepEqual(write.init.headers, { 'content-type': 'application/json' });
  const body = JSON.parse(new TextDecoder().decode(write.init.body));
  assert.equal(body.offer_name, OFFER.offer_name);
  assert.equal(body.api_key, mock.apiKey);
  assert.equal(write.init.signal.aborted, false);
});

test('an attempt past its timeout is aborted, and the call fails as timeout', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const client = clientOf({ timeoutMs: 100, maxRetries: 0 });
  await assert.rejects(client.listSubAffiliates(), (error) => error.code === 'timeout');
  const [read] = apiFetches();
  assert.equal(read.init.signal.aborted, true, 'core dropped the attempt: its fetch is aborted');
});

test("the caller's AbortSignal aborts the fetch in flight", async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const client = clientOf({ maxRetries: 0 });
  const controller = new AbortController();
  const call = client.listSubAffiliates({}, { signal: controller.signal });
  while (apiFetches().length === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await assert.rejects(call, (error) => error.name === 'AbortError');
  // The task is dropped in a microtask after the rejection; its fetch is aborted then.
  while (!apiFetches()[0].settled) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(apiFetches()[0].init.signal.aborted, true);
});

test('a failed fetch is reported without its URL (a GET holds the key there)', async () => {
  const saved = globalThis.fetch;
  // What undici says for a URL it cannot parse: the whole URL, key included.
  globalThis.fetch = async (url) => {
    throw new TypeError(`Failed to parse URL from ${url}`, { cause: new Error('Invalid URL') });
  };
  try {
    const client = clientOf({ maxRetries: 0 });
    const read = await client.listSubAffiliates().then(
      () => null,
      (error) => error,
    );
    assert.ok(read instanceof sdk.CakeError, String(read));
    assert.equal(read.code, 'connection');
    assert.doesNotMatch(read.message, new RegExp(mock.apiKey));
    assert.match(read.message, /Failed to parse URL from \*\*\*/);
    const write = await client.createOffer(OFFER).then(
      () => null,
      (error) => error,
    );
    // fetch does not say whether a request left: a write may have been sent.
    assert.equal(write.code, 'unknown_outcome');
    assert.doesNotMatch(write.message, new RegExp(mock.apiKey));
  } finally {
    globalThis.fetch = saved;
  }
});
