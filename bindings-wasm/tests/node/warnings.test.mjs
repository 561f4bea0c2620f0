// Warnings are never dropped (as in the Node package, bindings-node/test/warnings.test.mjs):
// every warning of every request that went through reaches the Client's onWarning, once, with
// its operation, before the call settles, from every entry point (each method, call(), bulk
// items, report pages). Without onWarning each one is a console.warn line; an onWarning that
// throws loses nothing. The full build in Node against the cake-mock binary; the browser's own
// paths (console, reportError) are in tests/browser/demo.test.mjs.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { startMock, MOCK_KEY, until } from '../support/mock.mjs';

const { Client, validate, schemas } = await import('../../js/index.js');

const AFFILIATE = Object.freeze({ affiliate_name: 'Acme Media', account_manager_id: 42 });
const OFFER = Object.freeze({
  offer_name: 'Solar Quote',
  advertiser_id: 101,
  vertical_id: 7,
  offer_url: 'https://t.example/c?o={offer_id}',
  payout: '24.00',
  payout_type: 'cpa',
  revenue: 30,
});
// Payout above revenue: core's negative_margin warning.
const THIN = Object.freeze({ ...OFFER, offer_name: 'Thin Margin', payout: 40, revenue: 30 });
const RANGE = Object.freeze({ start_date: '2026-01-01', end_date: '2026-01-31' });

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
});

const clientFor = (options = {}) =>
  new Client({ baseUrl: mock.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true, maxRetries: 0, ...options });

/** A client whose onWarning records what it gets in `seen`. */
function watching(baseUrl = mock.url) {
  const seen = [];
  const client = clientFor({ baseUrl, onWarning: (warning, context) => seen.push({ warning, context }) });
  return { client, seen };
}

/** [operation, field, code] of each warning seen, and the bulk item's index where there is one. */
const brief = (seen) =>
  seen.map(({ warning, context }) => [context.operation, warning.field, warning.code, ...('index' in context ? [context.index] : [])]);

const seedSubs = (count) =>
  mock.seed({
    affiliates: [AFFILIATE],
    sub_affiliates: Array.from({ length: count }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: 1, payout_type: 'cpa' })),
  });

/** What console.warn printed while `fn` ran. */
async function consoleWarnings(fn) {
  const printed = [];
  const original = console.warn;
  console.warn = (...args) => printed.push(args.join(' '));
  try {
    return { value: await fn(), printed };
  } finally {
    console.warn = original;
  }
}

test('every method hands its warnings to onWarning, with its operation, before it settles', async () => {
  await mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
  const { client, seen } = watching();
  // A parameter the SDK does not know is sent anyway, with an unknown_field warning.
  const calls = [
    ['create_affiliate', () => client.createAffiliate({ ...AFFILIATE, bogus: 1 })],
    ['update_affiliate', () => client.updateAffiliate({ affiliate_id: 67890, affiliate_status: 'active', bogus: 1 })],
    ['get_affiliate_offer', () => client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345, bogus: 1 })],
    ['create_offer', () => client.createOffer({ ...OFFER, bogus: 1 })],
    ['update_offer', () => client.updateOffer({ offer_id: 12345, payout: 25, bogus: 1 })],
    ['list_sub_affiliates', () => client.listSubAffiliates({ bogus: 1 })],
    ['create_sub_affiliate', () => client.createSubAffiliate({ affiliate_id: 67890, sub_affiliate_name: 'w', payout: 1, payout_type: 'cpa', bogus: 1 })],
    ['sub_affiliate_report', () => client.subAffiliateReport({ ...RANGE, bogus: 1 })],
  ];
  for (const [operation, call] of calls) {
    seen.length = 0;
    await call();
    // Checked at once after the await: delivered before the call settled.
    assert.deepEqual(brief(seen), [[operation, 'bogus', 'unknown_field']], operation);
    assert.deepEqual(Object.keys(seen[0].warning).sort(), ['code', 'field', 'message', 'severity']);
    assert.equal(seen[0].warning.severity, 'warning');
    assert.deepEqual(Object.keys(seen[0].context), ['operation']);
  }
  seen.length = 0;
  const offer = await client.createOffer(THIN);
  assert.equal(offer.payout, 40);
  assert.deepEqual(brief(seen), [['create_offer', 'payout', 'negative_margin']]);
  seen.length = 0;
  await client.updateOffer({ offer_id: 12345, payout: 50, revenue: 45.5 });
  await client.createOffer(OFFER);
  assert.deepEqual(brief(seen), [['update_offer', 'payout', 'negative_margin']], 'a call without warnings calls nothing');
});

test('call() returns the warnings and hands the same ones to onWarning', async () => {
  const { client, seen } = watching();
  const reply = await client.call('create_offer', { ...THIN, bogus: 1 });
  assert.equal(reply.value.payout, 40);
  assert.deepEqual(reply.warnings.map((w) => [w.field, w.code]).sort(), [['bogus', 'unknown_field'], ['payout', 'negative_margin']]);
  assert.equal(seen.length, 2);
  for (const [i, warning] of reply.warnings.entries()) {
    assert.equal(seen[i].warning, warning, 'the very objects call() returns, in order');
    assert.deepEqual(seen[i].context, { operation: 'create_offer' });
  }
});

test('a form validated by its Standard Schema, then sent: the schema\'s warnings come with the request', async () => {
  const { client, seen } = watching();
  const form = { ...THIN, advertiser_id: '101', payout: '40.00', revenue: '30' };
  const result = schemas.create_offer['~standard'].validate(form);
  assert.equal(result.issues, undefined);
  assert.deepEqual(result.warnings.map((w) => [w.field, w.code]), [['payout', 'negative_margin']]);
  assert.deepEqual(validate('create_offer', form), result.warnings);
  await client.createOffer(result.value);
  assert.deepEqual(seen.map((s) => s.warning), result.warnings);
  assert.equal((await mock.requests()).length, 1, 'a warning never blocks the request');
});

test('bulk: each sent item\'s warnings with its index, in input order; an invalid item\'s stay in its issues', async () => {
  const { client, seen } = watching();
  const items = [OFFER, THIN, { ...THIN, offer_url: 'not a url' }, { ...OFFER, bogus: 1 }];
  const outcomes = await client.bulk('create_offer', items, { concurrency: 4 });
  assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'ok', 'invalid', 'ok']);
  assert.deepEqual(brief(seen), [
    ['create_offer', 'payout', 'negative_margin', 1],
    ['create_offer', 'bogus', 'unknown_field', 3],
  ]);
  assert.equal(seen[0].warning, outcomes[1].warnings[0]);
  assert.ok(outcomes[2].issues.some((i) => i.code === 'negative_margin'), 'reported with the errors that blocked it');

  // A warning from running the item: the lost answer was resolved by a lookup.
  seen.length = 0;
  await mock.seed({ affiliates: [AFFILIATE] });
  await mock.fault({ operation: 'create_sub_affiliate', kind: 'reset_after', times: 1 });
  const [resolved] = await client.bulk('create_sub_affiliate', [{ affiliate_id: 67890, sub_affiliate_name: 'lost', payout: 3, payout_type: 'cpa' }]);
  assert.equal(resolved.status, 'ok');
  assert.deepEqual(brief(seen).map(([op, , code, index]) => [op, code, index]), [['create_sub_affiliate', 'resolved_by_lookup', 0]]);
});

test('report rows: a report-level total_rows_mismatch is handed over when the iteration ends', async () => {
  await seedSubs(7);
  // The server announces 9 rows and sends 7.
  await mock.fault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 9 });
  const { client, seen } = watching();
  const heardAt = [];
  for await (const row of client.subAffiliateReportRows({ ...RANGE, row_limit: 3 })) heardAt.push([row.sub_affiliate_id, seen.length]);
  assert.deepEqual(heardAt, Array.from({ length: 7 }, (_, i) => [301 + i, 0]), 'no warning while the rows came');
  assert.deepEqual(brief(seen), [['sub_affiliate_report', 'total_rows', 'total_rows_mismatch']]);
  assert.match(seen[0].warning.message, /announced 9 rows but sent 7/);
});

// A CAKE that sends values the SDK cannot read (the mock never does): five report rows, the
// payout of rows 1 and 3 not an amount. Core keeps such a value as sent under `unreadable`,
// with a warning.
async function startOddServer() {
  const rows = Array.from({ length: 5 }, (_, i) => ({
    sub_affiliate_id: 401 + i,
    sub_affiliate_name: `odd-${i}`,
    clicks: 10,
    conversions: 1,
    payout: i % 2 === 1 ? 'n/a' : 2,
  }));
  const server = createServer((request, response) => {
    const query = new URL(request.url, 'http://x').searchParams;
    const start = Number(query.get('start_at_row') ?? 0);
    const limit = Number(query.get('row_limit') ?? 500);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ request_status: 'Success', total_rows: rows.length, sub_affiliate_report: rows.slice(start, start + limit) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

test('answers the SDK cannot fully read: each page\'s warnings as the page arrives', async () => {
  const odd = await startOddServer();
  try {
    const { client, seen } = watching(odd.url);
    const page = await client.subAffiliateReport({ ...RANGE, row_limit: 2 });
    // The value is kept as the server sent it, apart from the typed field (which stays a number or absent).
    assert.deepEqual(page.rows.map((r) => [r.payout, r.unreadable]), [[2, undefined], [undefined, { payout: 'n/a' }]]);
    assert.ok(!('payout' in page.rows[1]));
    assert.deepEqual(brief(seen), [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']]);
    seen.length = 0;
    const heardAt = [];
    for await (const row of client.subAffiliateReportRows({ ...RANGE, row_limit: 2 })) heardAt.push([row.sub_affiliate_id, seen.length]);
    // Pages of rows 0-1, 2-3 and 4: each page's warning before its first row.
    assert.deepEqual(heardAt, [[401, 1], [402, 1], [403, 2], [404, 2], [405, 2]]);
    assert.deepEqual(brief(seen), [
      ['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value'],
      ['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value'],
    ]);
  } finally {
    await odd.close();
  }
});

test('without onWarning, each warning is one console.warn line, from every entry point', async () => {
  await seedSubs(3);
  const client = clientFor();
  const created = await consoleWarnings(() => client.createOffer(THIN));
  assert.equal(created.value.payout, 40);
  assert.deepEqual(created.printed, ['cake-sdk-wasm: create_offer: payout: is above revenue: each conversion loses money (negative_margin)']);
  const bulk = await consoleWarnings(() => client.bulk('create_offer', [THIN, { ...OFFER, bogus: 1 }]));
  assert.deepEqual(bulk.printed, [
    'cake-sdk-wasm: create_offer: payout: is above revenue: each conversion loses money (negative_margin)',
    'cake-sdk-wasm: create_offer: bogus: is not a parameter of create_offer (unknown_field)',
  ]);
  await mock.fault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 4 });
  const report = await consoleWarnings(() => client.subAffiliateReportRows(RANGE).toArray());
  assert.equal(report.value.length, 3);
  assert.equal(report.printed.length, 1);
  assert.match(report.printed[0], /^cake-sdk-wasm: sub_affiliate_report: total_rows: the server announced 4 rows .* \(total_rows_mismatch\)$/);
  const called = await consoleWarnings(() => client.call('create_offer', THIN));
  assert.equal(called.value.warnings.length, 1);
  assert.equal(called.printed.length, 1, 'call() returns them and prints them too');
  const quiet = await consoleWarnings(() => clientFor({ onWarning: () => {} }).createOffer(THIN));
  assert.deepEqual(quiet.printed, [], 'a handler of your own replaces the console');
});

test('an onWarning that throws loses nothing: the value, the other warnings; the exception is reported', async () => {
  // In a browser the exception goes to reportError (tests/browser); Node has none, and there
  // it is a process warning, as in the Node package.
  assert.equal(typeof globalThis.reportError, 'undefined', 'this test is about Node');
  const reported = [];
  const listener = (warning) => {
    if (warning.name === 'CakeSdkWarning') reported.push(warning.message);
  };
  process.on('warning', listener);
  try {
    const handled = [];
    const client = clientFor({
      onWarning: (warning) => {
        handled.push(warning.code);
        throw new Error(`handler bug on ${warning.code}`);
      },
    });
    const offer = await client.createOffer({ ...THIN, bogus: 1 });
    assert.equal(offer.payout, 40, 'the call resolved with its value');
    assert.deepEqual(handled.sort(), ['negative_margin', 'unknown_field'], 'the warning after the throw was delivered too');
    assert.equal((await mock.state()).offers.length, 1, 'the write was made once');
    const outcomes = await client.bulk('create_offer', [OFFER, THIN]);
    assert.deepEqual(outcomes.map((o) => o.status), ['ok', 'ok']);
    // Process warnings are emitted on a later tick: waited for, within a bound.
    await until(() => reported.length >= 3, `3 CakeSdkWarning process warnings, got ${reported.length}`);
    assert.deepEqual(reported.sort(), [
      'cake-sdk-wasm: onWarning threw: Error: handler bug on negative_margin',
      'cake-sdk-wasm: onWarning threw: Error: handler bug on negative_margin',
      'cake-sdk-wasm: onWarning threw: Error: handler bug on unknown_field',
    ]);
  } finally {
    process.off('warning', listener);
  }
});
