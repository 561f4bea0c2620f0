// Every operation against a live mock, through the camelCase methods; results are plain
// objects with the reference's names, money as numbers, datetimes as strings.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Client, CakeError, operations } from 'cake-sdk';
import { startMock, clientFor, OFFER, AFFILIATE, API_KEY, rejection } from './helpers.mjs';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock);
});
after(() => mock.stop());
beforeEach(() => mock.reset());

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
  const sent = mock.requests().at(-1);
  assert.deepEqual(Object.keys(sent.body).sort(), ['affiliate_id', 'affiliate_status', 'api_key']);
  assert.equal(sent.body.api_key, '***', 'the mock log masks the key');
});

test('createOffer: money exact, enums lowercase (the mock answers "CPA")', async () => {
  const offer = await client.createOffer(OFFER);
  assert.equal(offer.offer_id, 12345);
  assert.equal(offer.offer_name, 'Summer Sale CPA');
  assert.equal(offer.offer_status, 'active');
  assert.equal(offer.payout, 24);
  assert.equal(offer.revenue, 30.5);
  assert.equal(offer.payout_type, 'cpa');
  assert.equal(offer.revenue_type, 'cpa');
  assert.match(offer.created_date, DATETIME);
  // What went on the wire: the decimal text the caller gave, not a float's.
  assert.equal(mock.state().offers[0].payout, 24);
  assert.deepEqual(mock.requests()[0].body.payout, 24);
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
  assert.equal(offer.payout, 7.33);
  assert.equal(offer.revenue, 10);
  assert.equal(offer.expiration_date, '2099-12-31 23:59:59');
});

test('updateOffer: the changed offer', async () => {
  const { offer_id } = await client.createOffer(OFFER);
  const updated = await client.updateOffer({ offer_id, payout: 26.5, offer_status: 'inactive' });
  assert.equal(updated.offer_id, offer_id);
  assert.equal(updated.payout, 26.5);
  assert.equal(updated.offer_status, 'inactive');
  assert.equal(updated.revenue, 30.5);
});

test('getAffiliateOffer: the offer payout, then the override', async () => {
  mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
  const plain = await client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 });
  assert.deepEqual(plain, {
    affiliate_id: 67890,
    offer_id: 12345,
    payout: 24,
    payout_type: 'cpa',
    affiliate_offer_status: 'active',
  });
  mock.seed({ affiliate_offers: [{ affiliate_id: 67890, offer_id: 12345, payout: '20.75' }] });
  const override = await client.getAffiliateOffer({ affiliate_id: '67890', offer_id: 12345n });
  assert.equal(override.payout, 20.75);
});

test('createSubAffiliate and listSubAffiliates: create, then read back with filters', async () => {
  mock.seed({ affiliates: [AFFILIATE, { ...AFFILIATE, affiliate_name: 'Other' }] });
  const a = await client.createSubAffiliate({ affiliate_id: 67890, sub_affiliate_name: 'blog-a', payout: 15, payout_type: 'percent' });
  assert.equal(a.sub_affiliate_id, 301);
  assert.equal(a.sub_affiliate_name, 'blog-a');
  assert.equal(a.payout, 15);
  assert.equal(a.payout_type, 'percent');
  assert.equal(a.sub_affiliate_status, 'active');
  assert.equal(a.affiliate_id, 67890);
  await client.createSubAffiliate({ affiliate_id: 67891, sub_affiliate_name: 'blog-b', payout: '2.50', payout_type: 'cpa' });
  const all = await client.listSubAffiliates();
  assert.deepEqual(all.map((s) => s.sub_affiliate_name), ['blog-a', 'blog-b']);
  const mine = await client.listSubAffiliates({ affiliate_id: 67891 });
  assert.equal(mine.length, 1);
  assert.equal(mine[0].payout, 2.5);
  assert.deepEqual(await client.listSubAffiliates({ sub_affiliate_status: 'inactive' }), []);
});

test('listSubAffiliates filters by sub_affiliate_status: inactive, active, all (and all by default)', async () => {
  // The API creates sub-affiliates active; a seed may make some inactive.
  const statuses = ['active', 'inactive', 'active', 'inactive', 'inactive'];
  mock.seed({
    affiliates: [AFFILIATE],
    sub_affiliates: statuses.map((sub_affiliate_status, i) => ({
      affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa', sub_affiliate_status,
    })),
  });
  const ids = (subs) => subs.map((s) => [s.sub_affiliate_id, s.sub_affiliate_status]);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'inactive' })), [[302, 'inactive'], [304, 'inactive'], [305, 'inactive']]);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'active' })), [[301, 'active'], [303, 'active']]);
  const all = statuses.map((status, i) => [301 + i, status]);
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'all' })), all);
  assert.deepEqual(ids(await client.listSubAffiliates()), all);
  // Enums are read in any case, and the filter combines with the parent.
  assert.deepEqual(ids(await client.listSubAffiliates({ sub_affiliate_status: 'INACTIVE', affiliate_id: 67890 })), [[302, 'inactive'], [304, 'inactive'], [305, 'inactive']]);
  assert.deepEqual(
    mock.requests().map((r) => Object.fromEntries(r.query).sub_affiliate_status),
    ['inactive', 'active', 'all', undefined, 'inactive'],
    'the filter as sent',
  );
});

test('subAffiliateReport: one page with rows and total_rows', async () => {
  mock.seed({
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
  assert.equal(row.payout, Math.round(row.conversions * 240) / 100);
  const second = await client.subAffiliateReport({ start_date: '2026-01-01', end_date: '2026-01-07', row_limit: 2, start_at_row: 2 });
  assert.deepEqual(second.rows.map((r) => r.sub_affiliate_name), ['z']);
});

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
  assert.ok(reply.meta.elapsedMs >= 0);
});

test('every core operation has its camelCase method', () => {
  const camel = (id) => id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  assert.equal(operations.length, 8);
  for (const id of operations) assert.equal(typeof Client.prototype[camel(id)], 'function', id);
});

test('4-decimal money is kept exact (core pads to 2 places, never rounds a stored amount)', async () => {
  const offer = await client.createOffer({ ...OFFER, payout: '24.1234' });
  assert.equal(offer.payout, 24.1234);
});

test('unknown server fields are kept', async () => {
  const { wire } = await import('cake-sdk');
  const body = '{"request_status":"Success","offer":{"offer_id":5,"offer_name":"X","tier":"gold","bonus":{"amount":1.5}}}';
  const offer = wire.parseResponse('create_offer', 200, {}, body);
  assert.equal(offer.tier, 'gold');
  assert.deepEqual(offer.bonus, { amount: 1.5 });
});

test('settings: from CAKE_BASE_URL / CAKE_API_KEY when not given', async () => {
  process.env.CAKE_BASE_URL = mock.url;
  process.env.CAKE_API_KEY = API_KEY;
  try {
    const fromEnv = new Client();
    assert.equal(fromEnv.baseUrl, mock.url);
    assert.equal((await fromEnv.createOffer(OFFER)).offer_id, 12345);
  } finally {
    delete process.env.CAKE_BASE_URL;
    delete process.env.CAKE_API_KEY;
  }
});

test('settings: every bad setting is a validation CakeError naming it', () => {
  const error = (() => {
    try {
      new Client({ baseUrl: 'http://cake.example.com', timeoutMs: -5, maxRetries: 1.5 });
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'validation');
  // Every problem at once, under the names the caller wrote.
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]).sort(), [
    ['apiKey', 'required'],
    ['baseUrl', 'insecure_url'],
    ['maxRetries', 'out_of_range'],
    ['timeoutMs', 'out_of_range'],
  ]);
  const second = (() => {
    try {
      new Client({ baseUrl: 'http://cake.example.com' });
    } catch (e) {
      return e;
    }
  })();
  assert.deepEqual(second.issues.map((i) => [i.field, i.code]).sort(), [
    ['apiKey', 'required'],
    ['baseUrl', 'insecure_url'],
  ]);
});

test('per-call options override the client for that call only', async () => {
  mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 1 });
  const error = await rejection(client.listSubAffiliates({}, { maxRetries: 0 }));
  assert.equal(error.code, 'http_status');
  assert.equal(error.attempts, 1);
  const reply = await client.call('list_sub_affiliates', {}, {});
  assert.equal(reply.meta.attempts, 1, 'the fault fired once only');
  const bad = await rejection(client.listSubAffiliates({}, { deadlineMs: 'soon' }));
  assert.equal(bad.code, 'validation');
  assert.deepEqual(bad.issues.map((i) => i.field), ['deadlineMs']);
  assert.equal(mock.requests().length, 2, 'bad options send nothing');
});

test('the key is not readable from the client', () => {
  const text = inspect(client, { showHidden: true, depth: 5 }) + JSON.stringify(client) + Object.keys(client).join();
  assert.ok(!text.includes(API_KEY));
  assert.match(inspect(client), /apiKey: '\*\*\*'/);
});

test('NaN and bigint parameters reach core as what they are', async () => {
  const error = await rejection(client.createOffer({ ...OFFER, payout: Number.NaN }));
  assert.equal(error.code, 'validation');
  assert.deepEqual(error.issues.map((i) => i.field), ['payout']);
  const offer = await client.createOffer({ ...OFFER, advertiser_id: 9007199254740991n });
  assert.equal(offer.offer_id, 12345);
  const cyclic = { ...OFFER };
  cyclic.self = cyclic;
  const unserializable = await rejection(client.createOffer(cyclic));
  assert.ok(unserializable instanceof CakeError);
  assert.deepEqual(unserializable.issues.map((i) => [i.field, i.code]), [['', 'invalid_type']]);
});
