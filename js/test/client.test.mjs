// Every operation against a live cake-mock, through the camelCase methods: results are plain
// objects with the reference's names, money as decimal strings ("24.00"), ids and counts as
// numbers, datetimes as strings. Also call(), report paging, bulk, every error code from a real
// fault, retries, deadlines, abort, the settings, and the api key kept out of errors and out of
// the client's repr. Run once per engine (CAKE_ENGINE=native | wasm).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import sdk, { ENGINE, Client, CakeError, operations, wire } from './support/sdk.mjs';
import { startMock, refusingUrl, until } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, rejection, settingsError } from './support/fixtures.mjs';
import { load, expand } from './support/vectors.mjs';
import { startDemoServer } from '../../bindings-wasm/demo/server.mjs';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Money as results give it: a decimal string with at least 2 places. */
const MONEY = /^-?\d+\.\d{2,}$/;

// The wasm engine's runtime (`__runtime`: its task, pager and in-flight counts) is that
// engine's own; the native engine runs calls on tokio inside the addon and exposes no such
// counts, so the checks reading them run on wasm only.
const RUNTIME = ENGINE === 'wasm' ? sdk.__runtime : null;

// The browser package's engine takes no api key by default: a page calls a same-origin proxy
// that adds it (and a key needs dangerouslyAllowBrowser). The Node package's engine requires a
// key (or CAKE_API_KEY) and ignores dangerouslyAllowBrowser.
const KEY_REQUIRED = ENGINE === 'native';

// An offer as a form gives it: ids as strings, an enum in capitals, an expiry.
const FORM_OFFER = Object.freeze({
  offer_name: 'Home Warranty Lead - Premium',
  advertiser_id: '101',
  vertical_id: 7,
  offer_url: 'https://track.example.com/c?o={offer_id}&a={aff_id}',
  payout: '24.00',
  payout_type: 'CPA',
  revenue: 30,
  revenue_type: 'cpa',
  expiration_date: '2031-12-31 23:59:59',
});

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock);
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
});

/** An affiliate and an offer, created through `c`. */
async function fixture(c) {
  const affiliate = await c.createAffiliate({ affiliate_name: 'Acme Media', account_manager_id: 42 });
  const created = await c.createOffer(FORM_OFFER);
  return { affiliate, offer: created };
}

/** The key is in none of the error's texts (message, stack, JSON, inspect). */
function assertNoKey(error, key = mock.apiKey) {
  const texts = [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 5, showHidden: true })];
  for (const text of texts) {
    assert.ok(!String(text).includes(key), `key in ${text}`);
    assert.ok(!String(text).includes(encodeURIComponent(key)), `encoded key in ${text}`);
  }
}

/** "12.30" for 1230 cents. */
const cents = (n) => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;

// ---- Each operation.

test('createAffiliate: the affiliate, with the server default status', async () => {
  const created = await client.createAffiliate({ ...AFFILIATE, website: 'https://nmg.example.com' });
  assert.equal(created.affiliate_id, 67890);
  assert.equal(created.affiliate_name, 'New Media Group Inc');
  assert.equal(created.affiliate_status, 'pending');
  assert.equal(created.account_manager.id, 42);
  assert.equal(typeof created.account_manager.name, 'string');
  assert.match(created.date_created, DATETIME);
  assert.equal(Object.getPrototypeOf(created), Object.prototype);
});

test('updateAffiliate: only the fields given change', async () => {
  const { affiliate_id } = await client.createAffiliate({ ...AFFILIATE, affiliate_status: 'active' });
  const updated = await client.updateAffiliate({ affiliate_id, affiliate_status: 'suspended' });
  assert.equal(updated.affiliate_id, affiliate_id);
  assert.equal(updated.affiliate_status, 'suspended');
  assert.equal(updated.affiliate_name, 'New Media Group Inc');
  const sent = (await mock.requests()).at(-1);
  assert.deepEqual(Object.keys(sent.body).sort(), ['affiliate_id', 'affiliate_status', 'api_key']);
  assert.equal(sent.body.api_key, '***', 'the mock log masks the key');
});

test('createOffer: money as decimal strings, enums lowercase (the mock answers "CPA")', async () => {
  const offer = await client.createOffer(OFFER);
  assert.equal(offer.offer_id, 12345);
  assert.equal(offer.offer_name, 'Summer Sale CPA');
  assert.equal(offer.offer_status, 'active');
  assert.equal(offer.payout, '24.00');
  assert.equal(offer.revenue, '30.50');
  assert.equal(offer.payout_type, 'cpa');
  assert.equal(offer.revenue_type, 'cpa');
  assert.match(offer.created_date, DATETIME);
  // What went on the wire: the decimal the caller gave, not a float's.
  assert.equal((await mock.state()).offers[0].payout, 24);
  assert.deepEqual((await mock.requests())[0].body.payout, 24);
});

test('createOffer: numbers as strings and an expiry, as forms give them', async () => {
  const offer = await client.createOffer({
    ...OFFER,
    advertiser_id: '11',
    payout: '7.33',
    revenue: '10',
    expiration_date: '2099-12-31 23:59:59',
    offer_description: '',
  });
  assert.equal(offer.payout, '7.33');
  assert.equal(offer.revenue, '10.00');
  assert.equal(offer.expiration_date, '2099-12-31 23:59:59');
});

test('updateOffer: the changed offer', async () => {
  const { offer_id } = await client.createOffer(OFFER);
  const updated = await client.updateOffer({ offer_id, payout: 26.5, offer_status: 'inactive' });
  assert.equal(updated.offer_id, offer_id);
  assert.equal(updated.payout, '26.50');
  assert.equal(updated.offer_status, 'inactive');
  assert.equal(updated.revenue, '30.50');
});

test('getAffiliateOffer: the offer payout, then the override', async () => {
  await mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
  const plain = await client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 });
  assert.deepEqual(plain, {
    affiliate_id: 67890,
    offer_id: 12345,
    payout: '24.00',
    payout_type: 'cpa',
    affiliate_offer_status: 'active',
  });
  await mock.seed({ affiliate_offers: [{ affiliate_id: 67890, offer_id: 12345, payout: '20.75' }] });
  const override = await client.getAffiliateOffer({ affiliate_id: '67890', offer_id: 12345n });
  assert.equal(override.payout, '20.75');
});

test('createSubAffiliate and listSubAffiliates: create, then read back with filters', async () => {
  await mock.seed({ affiliates: [AFFILIATE, { ...AFFILIATE, affiliate_name: 'Other' }] });
  const a = await client.createSubAffiliate({ affiliate_id: 67890, sub_affiliate_name: 'blog-a', payout: 15, payout_type: 'percent' });
  assert.equal(a.sub_affiliate_id, 301);
  assert.equal(a.sub_affiliate_name, 'blog-a');
  assert.equal(a.payout, '15.00');
  assert.equal(a.payout_type, 'percent');
  assert.equal(a.sub_affiliate_status, 'active');
  assert.equal(a.affiliate_id, 67890);
  await client.createSubAffiliate({ affiliate_id: 67891, sub_affiliate_name: 'blog-b', payout: '2.50', payout_type: 'cpa' });
  const all = await client.listSubAffiliates();
  assert.deepEqual(all.map((s) => s.sub_affiliate_name), ['blog-a', 'blog-b']);
  const mine = await client.listSubAffiliates({ affiliate_id: 67891 });
  assert.equal(mine.length, 1);
  assert.equal(mine[0].payout, '2.50');
  assert.deepEqual(await client.listSubAffiliates({ sub_affiliate_status: 'inactive' }), []);
});

test('listSubAffiliates filters by sub_affiliate_status: inactive, active, all (and all by default)', async () => {
  // The API creates sub-affiliates active; a seed may make some inactive.
  const statuses = ['active', 'inactive', 'active', 'inactive', 'inactive'];
  await mock.seed({
    affiliates: [AFFILIATE],
    sub_affiliates: statuses.map((sub_affiliate_status, i) => ({
      affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa', sub_affiliate_status,
    })),
  });
  const ids = (subs) => subs.map((s) => [s.sub_affiliate_id, s.sub_affiliate_status]);
  const inactive = [[302, 'inactive'], [304, 'inactive'], [305, 'inactive']];
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'inactive' })), inactive);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'active' })), [[301, 'active'], [303, 'active']]);
  const all = statuses.map((status, i) => [301 + i, status]);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'all' })), all);
  assert.deepEqual(ids(await client.listSubAffiliates()), all);
  // Enums are read in any case (form input too), and the filter combines with the parent.
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'INACTIVE', affiliate_id: 67890 })), inactive);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'Inactive', affiliate_id: '67890' })), inactive);
  assert.deepEqual(
    (await mock.requests()).map((r) => Object.fromEntries(r.query).sub_affiliate_status),
    ['inactive', 'active', 'all', undefined, 'inactive', 'inactive'],
    'the filter as sent',
  );
});

test('subAffiliateReport: one page with rows and total_rows', async () => {
  await mock.seed({
    affiliates: [AFFILIATE],
    offers: [OFFER],
    sub_affiliates: ['x', 'y', 'z'].map((n) => ({ affiliate_id: 67890, sub_affiliate_name: n, payout: 10, payout_type: 'percent' })),
  });
  const page = await client.subAffiliateReport({ start_date: '2026-01-01', end_date: '2026-01-07', row_limit: 2 });
  assert.equal(page.total_rows, 3);
  assert.equal(page.rows.length, 2);
  const [row] = page.rows;
  assert.equal(row.sub_affiliate_id, 301);
  assert.equal(row.sub_affiliate_name, 'x');
  assert.ok(Number.isInteger(row.clicks) && row.clicks > 0);
  assert.ok(Number.isInteger(row.conversions) && row.conversions >= 0);
  // 10% of a 24.00 parent payout per conversion, computed in decimals by the mock.
  assert.equal(row.payout, cents(row.conversions * 240));
  const second = await client.subAffiliateReport({ start_date: '2026-01-01', end_date: '2026-01-07', row_limit: 2, start_at_row: 2 });
  assert.deepEqual(second.rows.map((r) => r.sub_affiliate_name), ['z']);
});

test('every operation against the live mock, with values converted at the boundary', async () => {
  const c = clientFor(mock);
  const { affiliate, offer: created } = await fixture(c);
  assert.equal(typeof affiliate.affiliate_id, 'number');
  assert.equal(affiliate.affiliate_name, 'Acme Media');
  assert.equal(affiliate.affiliate_status, 'pending'); // the reference's default on create
  assert.match(affiliate.date_created, DATETIME);

  assert.equal(created.offer_name, FORM_OFFER.offer_name);
  assert.equal(created.payout, '24.00');
  assert.equal(created.revenue, '30.00');
  assert.equal(created.payout_type, 'cpa');
  assert.equal(created.offer_status, 'active');
  assert.equal(created.expiration_date, '2031-12-31 23:59:59');

  const updatedAffiliate = await c.updateAffiliate({ affiliate_id: affiliate.affiliate_id, affiliate_status: 'Active' });
  assert.equal(updatedAffiliate.affiliate_status, 'active');

  const pairing = await c.getAffiliateOffer({ affiliate_id: affiliate.affiliate_id, offer_id: String(created.offer_id) });
  assert.equal(pairing.affiliate_id, affiliate.affiliate_id);
  assert.equal(pairing.offer_id, created.offer_id);
  assert.equal(pairing.payout, '24.00');

  const updatedOffer = await c.updateOffer({ offer_id: created.offer_id, payout: '25.50' });
  assert.equal(updatedOffer.payout, '25.50');

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
  assert.equal(listed.find((s) => s.sub_affiliate_name === 'Partner_A').payout, '5.00');

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
    assert.equal(typeof row.conversions, 'number');
    assert.equal(typeof row.payout, 'string', 'money is never a JS number');
    assert.match(row.payout, /^\d+\.\d{2}$/, 'money is rounded to the cent');
  }

  const requests = await mock.requests();
  const reached = new Set(requests.map((r) => r.operation));
  for (const op of operations) assert.ok(reached.has(op), `${op} reached the mock`);
  assert.ok(requests.every((r) => !JSON.stringify(r).includes(mock.apiKey)));
});

test('every core operation has its camelCase method', () => {
  const camel = (id) => id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  assert.equal(operations.length, 8);
  for (const id of operations) assert.equal(typeof Client.prototype[camel(id)], 'function', id);
});

test('4-decimal money is kept exact (core pads to 2 places, never rounds a stored amount)', async () => {
  const offer = await client.createOffer({ ...OFFER, payout: '24.1234' });
  assert.equal(offer.payout, '24.1234');
});

test('unknown server fields are kept', () => {
  const body = '{"request_status":"Success","offer":{"offer_id":5,"offer_name":"X","tier":"gold","bonus":{"amount":1.5}}}';
  const offer = wire.parseResponse('create_offer', 200, {}, body);
  assert.equal(offer.tier, 'gold');
  assert.deepEqual(offer.bonus, { amount: 1.5 });
});

// ---- call().

test('call(): any operation by id, with warnings and call metadata', async () => {
  const reply = await client.call('create_offer', { ...OFFER, payout: 40, revenue: 30, bogus: 1 });
  assert.equal(reply.value.offer_id, 12345);
  assert.deepEqual(reply.warnings.map((w) => [w.field, w.code, w.severity]).sort(), [
    ['bogus', 'unknown_field', 'warning'],
    ['payout', 'negative_margin', 'warning'],
  ]);
  assert.deepEqual(Object.keys(reply.meta).sort(), ['attempts', 'elapsedMs', 'operation', 'status']);
  assert.equal(reply.meta.operation, 'create_offer');
  assert.equal(reply.meta.status, 200);
  assert.equal(reply.meta.attempts, 1);
  assert.equal(typeof reply.meta.elapsedMs, 'number');
  assert.ok(reply.meta.elapsedMs >= 0);
});

test('call() gives the warnings and how the call went', async () => {
  const reply = await clientFor(mock).call('create_offer', { ...FORM_OFFER, payout: 40 });
  assert.equal(reply.value.payout, '40.00');
  assert.deepEqual(
    reply.warnings.map((w) => [w.field, w.code, w.severity]),
    [['payout', 'negative_margin', 'warning']],
  );
  assert.equal(reply.meta.operation, 'create_offer');
  assert.equal(reply.meta.status, 200);
  assert.equal(reply.meta.attempts, 1);
  assert.equal(typeof reply.meta.elapsedMs, 'number');
});

// ---- Report rows and bulk.

test('subAffiliateReportRows pages through the report: each page fetched once, each row once', async () => {
  const c2 = clientFor(mock);
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
  for await (const row of rows) {
    assert.match(row.payout, MONEY);
    seen.push(row.sub_affiliate_id);
  }
  assert.deepEqual(await rows.toArray(), [], 'one pass: the rows are consumed');
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7, 'each row once');
  assert.equal(rows.totalRows, 7);
  assert.equal(rows.rowsFetched, 7);
  const pages = (await mock.requests()).slice(before).filter((r) => r.operation === 'sub_affiliate_report');
  assert.equal(pages.length, 3, 'pages of 3, 3 and 1, each asked for once');
  // Sorted: pages fetched ahead (the native engine's pagesAhead) may reach the server in any order.
  assert.deepEqual(
    pages.map((p) => Number(Object.fromEntries(p.query).start_at_row)).sort((a, b) => a - b),
    [0, 3, 6],
  );
  if (RUNTIME) assert.equal(RUNTIME.glue.pager_count(), 0, 'the pager is released');

  // Breaking out early releases the pager too. (Nothing fetched ahead: no page of it may land
  // at the mock after this test; fetching ahead is pagination.test.mjs's.)
  const range = { start_date: '2026-02-01', end_date: '2026-02-10', row_limit: 2 };
  for await (const row of c2.subAffiliateReportRows(range, { pagesAhead: 0 })) {
    assert.ok(row);
    break;
  }
  if (RUNTIME) assert.equal(RUNTIME.glue.pager_count(), 0);

  // Invalid parameters fail at the first step, before anything is sent.
  const error = await rejection(c2.subAffiliateReportRows({ start_date: 'yesterday' })[Symbol.asyncIterator]().next());
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'validation');
  const sent = (await mock.requests()).filter((r) => Object.fromEntries(r.query ?? []).start_date === 'yesterday');
  assert.deepEqual(sent, []);
});

test('bulk: one outcome per item, in input order, with progress', async () => {
  const c = clientFor(mock);
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
  assert.equal(outcomes[0].result.payout, '1.50');
  assert.deepEqual(outcomes[2].issues.map((i) => i.field).sort(), ['payout', 'sub_affiliate_name']);
  assert.ok(outcomes[3].error instanceof CakeError);
  assert.equal(outcomes[3].error.code, 'api');
  assert.deepEqual(progress.at(-1), [5, 5]);
  assert.equal(progress.length, 5);

  const error = await rejection(c.bulk('list_sub_affiliates', [{}]));
  assert.equal(error.code, 'validation');
});

test('a throwing onProgress changes nothing: every item runs, each throw is a CakeSdkWarning', async () => {
  const c = clientFor(mock);
  const { affiliate } = await fixture(c);
  const items = Array.from({ length: 5 }, (_, i) => ({
    affiliate_id: affiliate.affiliate_id,
    sub_affiliate_name: `P${i}`,
    payout: 1,
    payout_type: 'cpa',
  }));
  const reported = [];
  const listener = (warning) => {
    if (warning.name === 'CakeSdkWarning') reported.push(warning.message);
  };
  process.on('warning', listener);
  try {
    let calls = 0;
    const outcomes = await c.bulk('create_sub_affiliate', items, {
      concurrency: 1,
      onProgress: () => {
        calls += 1;
        throw new Error('progress callback failed');
      },
    });
    assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'ok', 'ok', 'ok', 'ok']);
    assert.equal(calls, 5, 'called for every item although it threw');
    const created = (await mock.state()).sub_affiliates.map((s) => s.sub_affiliate_name);
    assert.deepEqual(created, ['P0', 'P1', 'P2', 'P3', 'P4']);
    // Process warnings are emitted on a later tick: waited for, within a bound.
    await until(() => reported.length >= 5, `5 CakeSdkWarning process warnings, got ${reported.length}`);
    assert.deepEqual(reported, Array(5).fill('cake-sdk: onProgress threw: Error: progress callback failed'));
  } finally {
    process.off('warning', listener);
  }
  if (RUNTIME) await until(() => RUNTIME.glue.task_count() === 0, 'the task is dropped');
});

// ---- Validation: nothing is sent.

test('validation: nothing is sent', async () => {
  const error = await rejection(client.createOffer({ offer_name: '', payout: 'abc' }));
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
  const { cases } = load('hostile.json');
  for (const hostile of cases) {
    const error = await rejection(client.call(hostile.operation, expand(hostile.params)));
    assert.ok(error instanceof CakeError, `${hostile.name}: ${error}`);
    assert.equal(error.code, 'validation', hostile.name);
    assert.equal(error.attempts, 0, hostile.name);
  }
  assert.deepEqual(await mock.requests(), []);
});

test('NaN and bigint parameters reach core as what they are', async () => {
  const error = await rejection(client.createOffer({ ...OFFER, payout: Number.NaN }));
  assert.equal(error.code, 'validation');
  assert.deepEqual(error.issues.map((i) => i.field), ['payout']);
  const offer = await client.createOffer({ ...OFFER, advertiser_id: 9007199254740991n });
  assert.equal(offer.offer_id, 12345);
});

test('a value that cannot be serialized (a cycle, a throwing toJSON) is a validation CakeError, never a TypeError', async () => {
  const cyclic = { ...OFFER };
  cyclic.self = cyclic;
  const throwing = { ...OFFER, extra: { toJSON() { throw new Error('no JSON for you'); } } };
  for (const params of [cyclic, throwing]) {
    const error = await rejection(client.createOffer(params));
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'validation');
    assert.equal(error.operation, 'create_offer');
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['', 'invalid_type']]);
    const rows = await rejection(client.subAffiliateReportRows(params).next());
    assert.ok(rows instanceof CakeError, String(rows));
    assert.deepEqual(rows.issues.map((i) => [i.field, i.code]), [['', 'invalid_type']]);
  }
  // In bulk such an item fails alone, as an invalid outcome; the others are sent.
  const outcomes = await client.bulk('create_offer', [OFFER, cyclic, throwing, { ...OFFER, offer_name: 'Last' }]);
  assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'invalid', 'invalid', 'ok']);
  for (const outcome of outcomes.slice(1, 3)) assert.deepEqual(outcome.issues.map((i) => [i.field, i.code]), [['', 'invalid_type']]);
  // Sent concurrently: applied in any order.
  assert.deepEqual((await mock.state()).offers.map((o) => o.offer_name).sort(), ['Last', 'Summer Sale CPA']);
  assert.equal((await mock.requests()).length, 2);
});

test('a value that cannot be serialized: the issue says so in core\'s words, the same in both engines', async () => {
  const cyclic = { ...OFFER };
  cyclic.self = cyclic;
  const error = await rejection(client.createOffer(cyclic));
  assert.equal(error.issues[0].message, 'cannot be read: cyclic, or not JSON-serializable');
  assert.equal(error.message, 'create_offer: invalid request, not sent: cannot be read: cyclic, or not JSON-serializable (invalid_type)');
});

// ---- Each error code, from a real fault.

test('api: CAKE answered Failure', async () => {
  const error = await rejection(clientFor(mock).updateAffiliate({ affiliate_id: 999999, affiliate_name: 'Nobody' }));
  assert.equal(error.code, 'api');
  assert.equal(error.requestStatus, 'Failure');
  assert.ok(error.messages.length > 0);
  assert.equal(error.status, 200);
  assert.equal(error.attempts, 1);
  assertNoKey(error);
});

test('rate_limited: 429 with Retry-After, retries used up', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'rate_limit', retry_after: '1' });
  const error = await rejection(clientFor(mock, { maxRetries: 0 }).listSubAffiliates({}));
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryAfterMs, 1000);
  assert.equal(error.status, 429);
  assertNoKey(error);
});

test('a write refused with 429 is retried and applied once', async () => {
  await mock.addFault({ operation: 'create_offer', kind: 'rate_limit', retry_after: '1', times: 1 });
  const reply = await clientFor(mock).call('create_offer', FORM_OFFER);
  assert.equal(reply.meta.attempts, 2);
  const writes = (await mock.requests()).filter((r) => r.operation === 'create_offer');
  assert.deepEqual(writes.map((w) => w.applied), [false, true]);
});

test('http_status: a 500 on a read, retries used up', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_500' });
  const error = await rejection(clientFor(mock, { maxRetries: 1 }).listSubAffiliates({}, { maxRetries: 0 }));
  assert.equal(error.code, 'http_status');
  assert.equal(error.status, 500);
  assert.equal(error.attempts, 1, 'the per-call maxRetries wins');
  assert.equal(typeof error.bodyExcerpt, 'string');
  assertNoKey(error);
});

test('a read is retried after a 503 and succeeds', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 1 });
  const reply = await clientFor(mock).call('list_sub_affiliates', {});
  assert.equal(reply.meta.attempts, 2);
  assert.deepEqual(reply.value, []);
});

test('per-call options override the client for that call only', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 1 });
  const error = await rejection(client.listSubAffiliates({}, { maxRetries: 0 }));
  assert.equal(error.code, 'http_status');
  assert.equal(error.attempts, 1);
  const reply = await client.call('list_sub_affiliates', {}, {});
  assert.equal(reply.meta.attempts, 1, 'the fault fired once only');
  const bad = await rejection(client.listSubAffiliates({}, { deadlineMs: 'soon' }));
  assert.equal(bad.code, 'validation');
  assert.deepEqual(bad.issues.map((i) => i.field), ['deadlineMs']);
  assert.equal((await mock.requests()).length, 2, 'bad options send nothing');
});

test('timeout: no answer within timeoutMs', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 5000 });
  const started = Date.now();
  const error = await rejection(clientFor(mock, { timeoutMs: 30_000 }).listSubAffiliates({}, { timeoutMs: 200, maxRetries: 0 }));
  assert.equal(error.code, 'timeout');
  assert.ok(Date.now() - started < 4000, 'the per-call timeout applies');
  assertNoKey(error);
});

test('connection: nothing listens there', async () => {
  const nobody = await refusingUrl();
  try {
    const c = new Client({ baseUrl: nobody.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true, maxRetries: 0 });
    const error = await rejection(c.listSubAffiliates({}));
    assert.equal(error.code, 'connection');
    assertNoKey(error);
  } finally {
    await nobody.close();
  }
});

test('decode: a malformed answer to a read', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'malformed' });
  const error = await rejection(clientFor(mock, { maxRetries: 0 }).listSubAffiliates({}));
  assert.equal(error.code, 'decode');
  assert.equal(typeof error.bodyExcerpt, 'string');
  assertNoKey(error);
});

test('unknown_outcome: a write answered 500 is not repeated', async () => {
  await mock.addFault({ operation: 'create_offer', kind: 'error_500' });
  const error = await rejection(clientFor(mock).createOffer(FORM_OFFER));
  assert.equal(error.code, 'unknown_outcome');
  assert.equal(error.causeCode, 'http_status');
  assert.equal(error.status, 500);
  const writes = (await mock.requests()).filter((r) => r.operation === 'create_offer');
  assert.equal(writes.length, 1, 'sent once, never repeated');
  assertNoKey(error);
});

// Where the deadline falls decides the error, so each test places it where it must fall: in
// a wait (the last answer is the error) or in an attempt (a timeout). A deadline that could
// fall in either made the error depend on how fast the machine answered.
test('deadlineMs: a retry whose wait would pass the deadline is not made; the last answer is the error', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503' });
  // The first retry waits 250-500 ms (core's backoff: half the 500 ms base, plus jitter).
  const error = await rejection(clientFor(mock, { maxRetries: 10 }).listSubAffiliates({}, { deadlineMs: 240 }));
  assert.equal(error.code, 'http_status');
  assert.equal(error.status, 503);
  assert.equal(error.attempts, 1, 'the deadline stopped the retries');
});

test('deadlineMs: an attempt still unanswered at the deadline ends the call as a timeout', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 5000 });
  const started = Date.now();
  const error = await rejection(clientFor(mock, { maxRetries: 10, timeoutMs: 30_000 }).listSubAffiliates({}, { deadlineMs: 300 }));
  const took = Date.now() - started;
  assert.equal(error.code, 'timeout');
  assert.equal(error.attempts, 1);
  assert.ok(took >= 290 && took < 3000, `took ${took} ms`);
});

test('an AbortSignal cancels the call; nothing is left running', async () => {
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 5000 });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 100);
  const error = await rejection(clientFor(mock).listSubAffiliates({}, { signal: controller.signal }));
  assert.equal(error.name, 'AbortError');
  assert.ok(Date.now() - started < 4000, 'it did not wait for the answer');
  if (RUNTIME) await until(() => RUNTIME.inFlight === 0 && RUNTIME.glue.task_count() === 0, 'nothing left running');

  const already = AbortSignal.abort(new Error('never mind'));
  const early = await rejection(clientFor(mock).listSubAffiliates({}, { signal: already }));
  assert.equal(early.message, 'never mind');
});

test('200 concurrent calls all complete', async () => {
  const c = clientFor(mock);
  const { affiliate, offer: created } = await fixture(c);
  const results = await Promise.all(
    Array.from({ length: 200 }, () => c.getAffiliateOffer({ affiliate_id: affiliate.affiliate_id, offer_id: created.offer_id })),
  );
  assert.equal(results.length, 200);
  assert.ok(results.every((r) => r.payout === '24.00'));
  if (RUNTIME) assert.equal(RUNTIME.inFlight, 0);
});

// ---- Settings and the key.

test('settings: from CAKE_BASE_URL / CAKE_API_KEY when not given (the Node package; a browser has no environment)', async () => {
  const saved = [process.env.CAKE_BASE_URL, process.env.CAKE_API_KEY];
  process.env.CAKE_BASE_URL = mock.url;
  process.env.CAKE_API_KEY = mock.apiKey;
  try {
    if (ENGINE === 'native') {
      const fromEnv = new Client();
      assert.equal(fromEnv.baseUrl, mock.url);
      assert.equal((await fromEnv.createOffer(OFFER)).offer_id, 12345);
    } else {
      // The browser package reads no environment (its README): baseUrl stays required.
      const error = settingsError({ dangerouslyAllowBrowser: true });
      assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['baseUrl', 'required']]);
      assert.deepEqual(await mock.requests(), []);
    }
  } finally {
    if (saved[0] === undefined) delete process.env.CAKE_BASE_URL;
    else process.env.CAKE_BASE_URL = saved[0];
    if (saved[1] === undefined) delete process.env.CAKE_API_KEY;
    else process.env.CAKE_API_KEY = saved[1];
  }
});

test('settings: every bad setting is a validation CakeError naming it', () => {
  const saved = process.env.CAKE_API_KEY;
  delete process.env.CAKE_API_KEY;
  try {
    // No key: required in Node, the proxy pattern in a browser (KEY_REQUIRED).
    const missingKey = KEY_REQUIRED ? [['apiKey', 'required']] : [];
    const error = settingsError({ baseUrl: 'http://cake.example.com', timeoutMs: -5, maxRetries: 1.5 });
    assert.ok(error instanceof CakeError);
    assert.equal(error.code, 'validation');
    // Every problem at once, under the names the caller wrote.
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]).sort(), [
      ...missingKey,
      ['baseUrl', 'insecure_url'],
      ['maxRetries', 'out_of_range'],
      ['timeoutMs', 'out_of_range'],
    ]);
    const second = settingsError({ baseUrl: 'http://cake.example.com' });
    assert.deepEqual(second.issues.map((i) => [i.field, i.code]).sort(), [...missingKey, ['baseUrl', 'insecure_url']]);
    const ftp = settingsError({ baseUrl: 'ftp://example.com' });
    assert.equal(ftp.code, 'validation');
    assert.deepEqual(ftp.issues.map((i) => i.field), ['baseUrl', ...missingKey.map(([field]) => field)]);
  } finally {
    if (saved !== undefined) process.env.CAKE_API_KEY = saved;
  }
});

test('the key is not readable from the client: toJSON and inspect show *** or none', () => {
  const text = inspect(client, { showHidden: true, depth: 5 }) + JSON.stringify(client) + String(client) + Object.keys(client).join();
  assert.ok(!text.includes(mock.apiKey));
  assert.deepEqual(client.toJSON(), { baseUrl: mock.url, apiKey: '***' });
  assert.deepEqual(JSON.parse(JSON.stringify(client)), { baseUrl: mock.url, apiKey: '***' });
  assert.equal(inspect(client), `Client { baseUrl: ${JSON.stringify(mock.url)}, apiKey: '***' }`);
  assert.match(inspect(client), /apiKey: '\*\*\*'/);
  assert.deepEqual(Object.keys(client), []);
});

test('an api key needs dangerouslyAllowBrowser in the browser package; the Node package ignores it', () => {
  if (ENGINE === 'wasm') {
    const error = settingsError({ baseUrl: mock.url, apiKey: mock.apiKey });
    assert.ok(error instanceof CakeError);
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['apiKey', 'key_in_browser']]);
    assertNoKey(error);
  } else {
    // A Node process is not a browser: the key is taken with or without the setting.
    for (const dangerouslyAllowBrowser of [undefined, false, true]) {
      const c = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser });
      assert.deepEqual(c.toJSON(), { baseUrl: mock.url, apiKey: '***' });
    }
  }
  const c = clientFor(mock);
  assert.ok(!inspect(c).includes(mock.apiKey));
  assert.ok(!JSON.stringify(c).includes(mock.apiKey));
  assert.ok(!String(c).includes(mock.apiKey));
});

test('without a key: the proxy pattern in the browser package (apiKey none), refused in the Node package', () => {
  const saved = process.env.CAKE_API_KEY;
  delete process.env.CAKE_API_KEY;
  try {
    if (KEY_REQUIRED) {
      const error = settingsError({ baseUrl: mock.url });
      assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['apiKey', 'required']]);
    } else {
      const keyless = new Client({ baseUrl: mock.url });
      assert.deepEqual(keyless.toJSON(), { baseUrl: mock.url, apiKey: null });
      assert.equal(inspect(keyless), `Client { baseUrl: ${JSON.stringify(mock.url)}, apiKey: none }`);
    }
  } finally {
    if (saved !== undefined) process.env.CAKE_API_KEY = saved;
  }
});

// Both engines read the base URL back from core, normalized (trimmed, no trailing slash).
test('baseUrl reads back as core normalized it, the same in both engines', () => {
  const read = (baseUrl) => new Client({ baseUrl, apiKey: 'k', dangerouslyAllowBrowser: true }).toJSON().baseUrl;
  assert.equal(read('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.equal(read('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
  assert.equal(read('https://cake.example.com/a/b/'), 'https://cake.example.com/a/b');
  assert.equal(read(' https://cake.example.com '), 'https://cake.example.com');
});

test('a wrong key is refused by the server, and not echoed', async () => {
  const secret = 'wrong-secret-key-4d2c';
  const c = new Client({ baseUrl: mock.url, apiKey: secret, dangerouslyAllowBrowser: true });
  const error = await rejection(c.listSubAffiliates({}));
  assert.equal(error.code, 'api');
  assertNoKey(error, secret);
});

test('the same-origin proxy pattern: the proxy adds the key, whatever the client sent', async () => {
  const proxy = await startDemoServer({ mockUrl: mock.url, apiKey: mock.apiKey });
  try {
    // The browser package's client holds no key at all; the Node package's needs one, and
    // any placeholder does (the proxy replaces it).
    const proxied = KEY_REQUIRED ? new Client({ baseUrl: proxy.url, apiKey: 'placeholder' }) : new Client({ baseUrl: proxy.url });
    assert.deepEqual(proxied.toJSON(), { baseUrl: proxied.baseUrl, apiKey: KEY_REQUIRED ? '***' : null });
    // Both engines give the URL as core normalized it, without the trailing slash.
    assert.equal(proxied.baseUrl, proxy.url.replace(/\/$/, ''));
    const created = await proxied.createOffer(FORM_OFFER);
    assert.equal(created.payout, '24.00');
    const listed = await proxied.listSubAffiliates({});
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
