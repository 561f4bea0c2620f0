// The fetch client (full build) against a live cake-mock: every operation, every error code
// from a real fault, retries, abort, pagination, bulk, and the api key kept out of errors.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { startMock, MOCK_KEY, refusingUrl, until } from '../support/mock.mjs';
import { load, expand } from '../support/vectors.mjs';
import { startDemoServer } from '../../demo/server.mjs';

const sdk = await import('../../js/index.js');
const { Client, CakeError } = sdk;

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
});

const client = (options = {}) =>
  new Client({ baseUrl: mock.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true, ...options });

const offer = {
  offer_name: 'Home Warranty Lead - Premium',
  advertiser_id: '101',
  vertical_id: 7,
  offer_url: 'https://track.example.com/c?o={offer_id}&a={aff_id}',
  payout: '24.00',
  payout_type: 'CPA',
  revenue: 30,
  revenue_type: 'cpa',
  expiration_date: '2031-12-31 23:59:59',
};

async function fixture(c) {
  const affiliate = await c.createAffiliate({ affiliate_name: 'Acme Media', account_manager_id: 42 });
  const created = await c.createOffer(offer);
  return { affiliate, offer: created };
}

/** The error a promise rejects with (fails if it resolves). */
async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

function assertNoKey(error) {
  for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 5 })]) {
    assert.ok(!String(text).includes(MOCK_KEY), `key in ${text}`);
  }
}

test('every operation against the live mock, with values converted at the boundary', async () => {
  const c = client();
  const { affiliate, offer: created } = await fixture(c);
  assert.equal(typeof affiliate.affiliate_id, 'number');
  assert.equal(affiliate.affiliate_name, 'Acme Media');
  assert.equal(affiliate.affiliate_status, 'pending'); // the reference's default on create
  assert.match(affiliate.date_created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

  assert.equal(created.offer_name, offer.offer_name);
  assert.equal(created.payout, 24);
  assert.equal(created.revenue, 30);
  assert.equal(created.payout_type, 'cpa');
  assert.equal(created.offer_status, 'active');
  assert.equal(created.expiration_date, '2031-12-31 23:59:59');

  const updatedAffiliate = await c.updateAffiliate({ affiliate_id: affiliate.affiliate_id, affiliate_status: 'Active' });
  assert.equal(updatedAffiliate.affiliate_status, 'active');

  const pairing = await c.getAffiliateOffer({ affiliate_id: affiliate.affiliate_id, offer_id: String(created.offer_id) });
  assert.equal(pairing.affiliate_id, affiliate.affiliate_id);
  assert.equal(pairing.offer_id, created.offer_id);
  assert.equal(pairing.payout, 24);

  const updatedOffer = await c.updateOffer({ offer_id: created.offer_id, payout: '25.50' });
  assert.equal(updatedOffer.payout, 25.5);

  const names = ['Partner_A', 'Partner_B', 'Partner_C'];
  for (const [i, name] of names.entries()) {
    const sub = await c.createSubAffiliate({
      affiliate_id: affiliate.affiliate_id,
      sub_affiliate_name: name,
      payout: i === 0 ? '5.00' : 20,
      payout_type: i === 0 ? 'cpa' : 'percent',
    });
    assert.equal(sub.sub_affiliate_name, name);
    assert.equal(sub.affiliate_id, affiliate.affiliate_id);
  }
  const listed = await c.listSubAffiliates({ affiliate_id: affiliate.affiliate_id });
  assert.deepEqual(listed.map((s) => s.sub_affiliate_name).sort(), names);
  assert.equal(listed.find((s) => s.sub_affiliate_name === 'Partner_A').payout, 5);

  const page = await c.subAffiliateReport({
    start_date: '2026-01-01',
    end_date: '2026-01-31',
    affiliate_id: affiliate.affiliate_id,
    row_limit: 2,
  });
  assert.equal(page.rows.length, 2);
  assert.equal(page.total_rows, 3);
  for (const row of page.rows) {
    assert.equal(typeof row.clicks, 'number');
    assert.equal(typeof row.payout, 'number');
    assert.equal(Math.round(row.payout * 100), row.payout * 100, 'money is rounded to the cent');
  }

  const requests = await mock.requests();
  const operations = new Set(requests.map((r) => r.operation));
  for (const op of sdk.operations) assert.ok(operations.has(op), `${op} reached the mock`);
  assert.ok(requests.every((r) => !JSON.stringify(r).includes(MOCK_KEY)));
});

test('listSubAffiliates filters by sub_affiliate_status: inactive, active, all (and all by default)', async () => {
  // The API creates sub-affiliates active; a seed may make some inactive.
  const statuses = ['active', 'inactive', 'active', 'inactive', 'inactive'];
  await mock.seed({
    affiliates: [{ affiliate_name: 'Acme Media', account_manager_id: 42 }],
    sub_affiliates: statuses.map((sub_affiliate_status, i) => ({
      affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa', sub_affiliate_status,
    })),
  });
  const c = client();
  const ids = (subs) => subs.map((s) => [s.sub_affiliate_id, s.sub_affiliate_status]);
  const inactive = [[302, 'inactive'], [304, 'inactive'], [305, 'inactive']];
  assert.deepEqual(ids(await c.listSubAffiliates({ sub_affiliate_status: 'inactive' })), inactive);
  assert.deepEqual(ids(await c.listSubAffiliates({ sub_affiliate_status: 'active' })), [[301, 'active'], [303, 'active']]);
  const all = statuses.map((status, i) => [301 + i, status]);
  assert.deepEqual(ids(await c.listSubAffiliates({ sub_affiliate_status: 'all' })), all);
  assert.deepEqual(ids(await c.listSubAffiliates()), all);
  // Form input: any case, and combined with the parent.
  assert.deepEqual(ids(await c.listSubAffiliates({ sub_affiliate_status: 'Inactive', affiliate_id: '67890' })), inactive);
  assert.deepEqual(
    (await mock.requests()).map((r) => Object.fromEntries(r.query).sub_affiliate_status),
    ['inactive', 'active', 'all', undefined, 'inactive'],
    'the filter as sent',
  );
});

test('call() gives the warnings and how the call went', async () => {
  const c = client();
  const reply = await c.call('create_offer', { ...offer, payout: 40 });
  assert.equal(reply.value.payout, 40);
  assert.deepEqual(
    reply.warnings.map((w) => [w.field, w.code, w.severity]),
    [['payout', 'negative_margin', 'warning']],
  );
  assert.equal(reply.meta.operation, 'create_offer');
  assert.equal(reply.meta.status, 200);
  assert.equal(reply.meta.attempts, 1);
  assert.equal(typeof reply.meta.elapsedMs, 'number');
});

test('subAffiliateReportRows pages through the report: each page fetched once, each row once', async () => {
  const c2 = client();
  const fresh = await fixture(c2);
  for (let i = 0; i < 7; i++) {
    await c2.createSubAffiliate({ affiliate_id: fresh.affiliate.affiliate_id, sub_affiliate_name: `S${i}`, payout: 1, payout_type: 'cpa' });
  }
  const before = (await mock.requests()).length;
  const rows = c2.subAffiliateReportRows({
    start_date: '2026-02-01',
    end_date: '2026-02-10',
    affiliate_id: fresh.affiliate.affiliate_id,
    row_limit: 3,
  });
  const seen = [];
  for await (const row of rows) seen.push(row.sub_affiliate_id);
  assert.deepEqual(await rows.toArray(), [], 'one pass: the rows are consumed');
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7, 'each row once');
  assert.equal(rows.totalRows, 7);
  assert.equal(rows.rowsFetched, 7);
  const pages = (await mock.requests()).slice(before).filter((r) => r.operation === 'sub_affiliate_report');
  assert.equal(pages.length, 3, 'pages of 3, 3 and 1, each asked for once');
  assert.deepEqual(
    pages.map((p) => Object.fromEntries(p.query).start_at_row),
    ['0', '3', '6'],
  );
  assert.equal(sdk.__runtime.glue.pager_count(), 0, 'the pager is released');

  // Breaking out early releases the pager too.
  for await (const row of c2.subAffiliateReportRows({ start_date: '2026-02-01', end_date: '2026-02-10', row_limit: 2 })) {
    assert.ok(row);
    break;
  }
  assert.equal(sdk.__runtime.glue.pager_count(), 0);

  // Invalid parameters fail at the first step, before anything is sent.
  const count = (await mock.requests()).length;
  const error = await failure(c2.subAffiliateReportRows({ start_date: 'yesterday' })[Symbol.asyncIterator]().next());
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'validation');
  assert.equal((await mock.requests()).length, count);
});

test('bulk: one outcome per item, in input order, with progress', async () => {
  const c = client();
  const { affiliate } = await fixture(c);
  const id = affiliate.affiliate_id;
  const items = [
    { affiliate_id: id, sub_affiliate_name: 'B1', payout: '1.50', payout_type: 'cpa' },
    { affiliate_id: id, sub_affiliate_name: 'B2', payout: 10, payout_type: 'percent' },
    { affiliate_id: id, sub_affiliate_name: '', payout: 'lots', payout_type: 'cpa' },
    { affiliate_id: id, sub_affiliate_name: 'B1', payout: 2, payout_type: 'cpa' },
    { affiliate_id: id, sub_affiliate_name: 'B3', payout: 3, payout_type: 'cpa' },
  ];
  const progress = [];
  const outcomes = await c.bulk('create_sub_affiliate', items, {
    concurrency: 1,
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['ok', 'ok', 'invalid', 'failed', 'ok'],
  );
  assert.equal(outcomes[0].result.sub_affiliate_name, 'B1');
  assert.equal(outcomes[0].result.payout, 1.5);
  assert.deepEqual(outcomes[2].issues.map((i) => i.field).sort(), ['payout', 'sub_affiliate_name']);
  assert.ok(outcomes[3].error instanceof CakeError);
  assert.equal(outcomes[3].error.code, 'api');
  assert.deepEqual(progress.at(-1), [5, 5]);
  assert.equal(progress.length, 5);

  const error = await failure(c.bulk('list_sub_affiliates', [{}]));
  assert.equal(error.code, 'validation');
});

test('a throwing onProgress stops the bulk run with that error', async () => {
  const c = client();
  const { affiliate } = await fixture(c);
  const items = Array.from({ length: 5 }, (_, i) => ({
    affiliate_id: affiliate.affiliate_id,
    sub_affiliate_name: `P${i}`,
    payout: 1,
    payout_type: 'cpa',
  }));
  const boom = new Error('progress callback failed');
  const error = await failure(
    c.bulk('create_sub_affiliate', items, {
      concurrency: 1,
      onProgress: () => {
        throw boom;
      },
    }),
  );
  assert.equal(error, boom);
  await until(() => sdk.__runtime.glue.task_count() === 0, 'the task is dropped');
});

test('validation: nothing is sent', async () => {
  const c = client();
  const error = await failure(c.createOffer({ offer_name: '', payout: 'abc' }));
  assert.ok(error instanceof CakeError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'CakeError');
  assert.equal(error.code, 'validation');
  assert.equal(error.operation, 'create_offer');
  assert.equal(error.requestStatus, null);
  assert.equal(error.attempts, 0);
  assert.deepEqual(
    error.issues.filter((i) => i.severity === 'error').map((i) => i.field).sort(),
    ['advertiser_id', 'offer_name', 'offer_url', 'payout', 'vertical_id'],
  );
  assert.deepEqual(await mock.requests(), []);
  assertNoKey(error);
});

test('every hostile vector is refused by the client before anything is sent', async () => {
  const c = client();
  const { cases } = load('hostile.json');
  for (const hostile of cases) {
    const error = await failure(c.call(hostile.operation, expand(hostile.params)));
    assert.ok(error instanceof CakeError, `${hostile.name}: ${error}`);
    assert.equal(error.code, 'validation', hostile.name);
    assert.equal(error.attempts, 0, hostile.name);
  }
  assert.deepEqual(await mock.requests(), []);
});

test('api: CAKE answered Failure', async () => {
  const error = await failure(client().updateAffiliate({ affiliate_id: 999999, affiliate_name: 'Nobody' }));
  assert.equal(error.code, 'api');
  assert.equal(error.requestStatus, 'Failure');
  assert.ok(error.messages.length > 0);
  assert.equal(error.status, 200);
  assert.equal(error.attempts, 1);
  assertNoKey(error);
});

test('rate_limited: 429 with Retry-After, retries used up', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'rate_limit', retry_after: '1' });
  const error = await failure(client({ maxRetries: 0 }).listSubAffiliates({}));
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryAfterMs, 1000);
  assert.equal(error.status, 429);
  assertNoKey(error);
});

test('a write refused with 429 is retried and applied once', async () => {
  await mock.fault({ operation: 'create_offer', kind: 'rate_limit', retry_after: '1', times: 1 });
  const reply = await client().call('create_offer', offer);
  assert.equal(reply.meta.attempts, 2);
  const writes = (await mock.requests()).filter((r) => r.operation === 'create_offer');
  assert.deepEqual(writes.map((w) => w.applied), [false, true]);
});

test('http_status: a 500 on a read, retries used up', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'error_500' });
  const error = await failure(client({ maxRetries: 1 }).listSubAffiliates({}, { maxRetries: 0 }));
  assert.equal(error.code, 'http_status');
  assert.equal(error.status, 500);
  assert.equal(error.attempts, 1, 'the per-call maxRetries wins');
  assert.equal(typeof error.bodyExcerpt, 'string');
  assertNoKey(error);
});

test('a read is retried after a 503 and succeeds', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 1 });
  const reply = await client().call('list_sub_affiliates', {});
  assert.equal(reply.meta.attempts, 2);
  assert.deepEqual(reply.value, []);
});

test('timeout: no answer within timeoutMs', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const started = Date.now();
  const error = await failure(client({ timeoutMs: 30_000 }).listSubAffiliates({}, { timeoutMs: 200, maxRetries: 0 }));
  assert.equal(error.code, 'timeout');
  assert.ok(Date.now() - started < 2000, 'the per-call timeout applies');
  assertNoKey(error);
});

test('connection: nothing listens there', async () => {
  const nobody = await refusingUrl();
  try {
    const c = new Client({ baseUrl: nobody.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true, maxRetries: 0 });
    const error = await failure(c.listSubAffiliates({}));
    assert.equal(error.code, 'connection');
    assertNoKey(error);
  } finally {
    await nobody.close();
  }
});

test('decode: a malformed answer to a read', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'malformed' });
  const error = await failure(client({ maxRetries: 0 }).listSubAffiliates({}));
  assert.equal(error.code, 'decode');
  assert.equal(typeof error.bodyExcerpt, 'string');
  assertNoKey(error);
});

test('unknown_outcome: a write answered 500 is not repeated', async () => {
  await mock.fault({ operation: 'create_offer', kind: 'error_500' });
  const error = await failure(client().createOffer(offer));
  assert.equal(error.code, 'unknown_outcome');
  assert.equal(error.causeCode, 'http_status');
  assert.equal(error.status, 500);
  const writes = (await mock.requests()).filter((r) => r.operation === 'create_offer');
  assert.equal(writes.length, 1, 'sent once, never repeated');
  assertNoKey(error);
});

test('deadlineMs bounds the whole call, retries included', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'error_503' });
  const started = Date.now();
  const error = await failure(client({ maxRetries: 10 }).listSubAffiliates({}, { deadlineMs: 300 }));
  assert.equal(error.code, 'http_status');
  assert.ok(Date.now() - started < 1500);
});

test('an AbortSignal cancels the call; nothing is left running', async () => {
  await mock.fault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 3000 });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 100);
  const error = await failure(client().listSubAffiliates({}, { signal: controller.signal }));
  assert.equal(error.name, 'AbortError');
  assert.ok(Date.now() - started < 1000);
  await until(() => sdk.__runtime.inFlight === 0 && sdk.__runtime.glue.task_count() === 0, 'nothing left running');

  const already = AbortSignal.abort(new Error('never mind'));
  const early = await failure(client().listSubAffiliates({}, { signal: already }));
  assert.equal(early.message, 'never mind');
});

test('200 concurrent calls all complete', async () => {
  const c = client();
  const { affiliate, offer: created } = await fixture(c);
  const results = await Promise.all(
    Array.from({ length: 200 }, () => c.getAffiliateOffer({ affiliate_id: affiliate.affiliate_id, offer_id: created.offer_id })),
  );
  assert.equal(results.length, 200);
  assert.ok(results.every((r) => r.payout === 24));
  assert.equal(sdk.__runtime.inFlight, 0);
});

test('an api key needs dangerouslyAllowBrowser; without a key nothing is sent in its place', () => {
  let error;
  try {
    new Client({ baseUrl: mock.url, apiKey: MOCK_KEY });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'validation');
  assert.deepEqual(
    error.issues.map((i) => [i.field, i.code]),
    [['apiKey', 'key_in_browser']],
  );
  assertNoKey(error);

  const c = client();
  assert.ok(!inspect(c).includes(MOCK_KEY));
  assert.ok(!JSON.stringify(c).includes(MOCK_KEY));
  assert.ok(!String(c).includes(MOCK_KEY));

  const bad = (() => {
    try {
      return new Client({ baseUrl: 'ftp://example.com' });
    } catch (e) {
      return e;
    }
  })();
  assert.equal(bad.code, 'validation');
  assert.deepEqual(bad.issues.map((i) => i.field), ['baseUrl']);
});

test('a wrong key is refused by the server, and not echoed', async () => {
  const secret = 'wrong-secret-key-4d2c';
  const c = new Client({ baseUrl: mock.url, apiKey: secret, dangerouslyAllowBrowser: true });
  const error = await failure(c.listSubAffiliates({}));
  assert.equal(error.code, 'api');
  for (const text of [error.message, error.stack, JSON.stringify(error), inspect(error)]) {
    assert.ok(!text.includes(secret));
  }
});

test('the same-origin proxy pattern: no key in the client, the proxy adds it', async () => {
  const proxy = await startDemoServer({ mockUrl: mock.url, apiKey: MOCK_KEY });
  try {
    const keyless = new Client({ baseUrl: proxy.url });
    assert.deepEqual(keyless.toJSON(), { baseUrl: proxy.url, apiKey: null });
    const created = await keyless.createOffer(offer);
    assert.equal(created.payout, 24);
    const listed = await keyless.listSubAffiliates({});
    assert.deepEqual(listed, []);
    const requests = await mock.requests();
    assert.deepEqual(requests.map((r) => r.operation), ['create_offer', 'list_sub_affiliates']);
    assert.equal(requests[0].body.api_key, '***', 'the proxy sent the key (the mock masks it in its log)');
    assert.ok(requests.every((r) => r.applied));
    // The proxy forwards only the CAKE endpoints.
    assert.equal((await fetch(new URL('_mock/requests', proxy.url))).status, 404);
  } finally {
    await proxy.close();
  }
});
