// Warnings are never dropped: every warning of every request that went through reaches the
// Client's onWarning, once, with its operation, before the call settles, from every entry
// point (each method, call(), bulk items, report pages). Without onWarning each one is a
// process warning (CakeWarning, under Node in both engines; a page's console is the browser
// suite's); an onWarning that throws loses nothing. Run once per engine (CAKE_ENGINE).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { validate, schemas } from './support/sdk.mjs';
import { startMock, until } from './support/mock.mjs';
import { clientFor, OFFER, AFFILIATE, seedReport } from './support/fixtures.mjs';

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

/** A client whose onWarning records what it gets in `seen`. */
function watching(baseUrl = mock.url) {
  const seen = [];
  const client = clientFor(mock, {
    baseUrl,
    maxRetries: 0,
    onWarning: (warning, context) => seen.push({ warning, context }),
  });
  return { client, seen };
}

/** [operation, field, code] of each warning seen, and the bulk item's index where there is one. */
const brief = (seen) =>
  seen.map(({ warning, context }) => [context.operation, warning.field, warning.code, ...('index' in context ? [context.index] : [])]);

/**
 * Collects process warnings named `name` while `fn` runs, until `count` have come; and what
 * console.warn printed meanwhile (nothing, under Node).
 */
async function processWarnings(name, count, fn) {
  const got = [];
  const printed = [];
  const listener = (warning) => {
    if (warning.name === name) got.push(warning);
  };
  const original = console.warn;
  console.warn = (...args) => printed.push(args.join(' '));
  process.on('warning', listener);
  try {
    const value = await fn();
    // Process warnings are emitted on a later tick: waited for, within a bound.
    await until(() => got.length >= count, `${count} ${name} process warning(s), got ${got.length}`);
    return { value, got, printed };
  } finally {
    process.off('warning', listener);
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
  assert.equal(offer.payout, '40.00');
  assert.deepEqual(brief(seen), [['create_offer', 'payout', 'negative_margin']]);
  assert.equal(seen[0].warning.message, 'is above revenue: each conversion loses money');
  seen.length = 0;
  await client.updateOffer({ offer_id: 12345, payout: 50, revenue: 45.5 });
  await client.createOffer(OFFER);
  assert.deepEqual(brief(seen), [['update_offer', 'payout', 'negative_margin']], 'a call without warnings calls nothing');
});

test('call() returns the warnings and hands the same ones to onWarning', async () => {
  const { client, seen } = watching();
  const reply = await client.call('create_offer', { ...THIN, bogus: 1 });
  assert.equal(reply.value.payout, '40.00');
  assert.deepEqual(reply.warnings.map((w) => [w.field, w.code]).sort(), [['bogus', 'unknown_field'], ['payout', 'negative_margin']]);
  assert.equal(seen.length, 2);
  for (const [i, warning] of reply.warnings.entries()) {
    assert.equal(seen[i].warning, warning, 'the very objects call() returns, in order');
    assert.deepEqual(seen[i].context, { operation: 'create_offer' });
  }
});

test('validation, then the send: the warnings validate() shows come with the request that is sent', async () => {
  const { client, seen } = watching();
  const shown = validate('create_offer', THIN);
  assert.deepEqual(shown.map((i) => [i.field, i.code, i.severity]), [['payout', 'negative_margin', 'warning']]);
  await client.createOffer(THIN);
  assert.deepEqual(seen.map((s) => s.warning), shown);
  assert.equal((await mock.requests()).length, 1, 'a warning never blocks the request');
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
  await mock.addFault({ operation: 'create_sub_affiliate', kind: 'reset_after', times: 1 });
  const [resolved] = await client.bulk('create_sub_affiliate', [{ affiliate_id: 67890, sub_affiliate_name: 'lost', payout: 3, payout_type: 'cpa' }]);
  assert.equal(resolved.status, 'ok');
  assert.deepEqual(brief(seen).map(([op, , code, index]) => [op, code, index]), [['create_sub_affiliate', 'resolved_by_lookup', 0]]);
});

test('report rows: a report-level total_rows_mismatch is handed over when the iteration ends', async () => {
  await seedReport(mock, 7);
  // The server announces 9 rows and sends 7.
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 9 });
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
    // The value is kept as the server sent it, apart from the typed field (money as a decimal
    // string, or absent).
    assert.deepEqual(page.rows.map((r) => [r.payout, r.unreadable]), [['2.00', undefined], [undefined, { payout: 'n/a' }]]);
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

test('without onWarning, each warning is a process warning (CakeWarning, the issue code), from every entry point', async () => {
  await seedReport(mock, 3);
  const client = clientFor(mock, { maxRetries: 0 });
  const created = await processWarnings('CakeWarning', 1, () => client.createOffer(THIN));
  assert.equal(created.value.payout, '40.00');
  assert.equal(created.got.length, 1);
  const [warning] = created.got;
  assert.ok(warning instanceof Error);
  assert.equal(warning.name, 'CakeWarning');
  assert.equal(warning.code, 'negative_margin');
  assert.equal(warning.message, 'create_offer: payout: is above revenue: each conversion loses money');
  assert.equal(warning.operation, 'create_offer');
  assert.equal(warning.field, 'payout');
  assert.match(String(warning), /^CakeWarning: create_offer: payout: /);
  assert.deepEqual(created.printed, [], 'under Node, not console.warn');

  // From bulk items and report pages too, and from call() although it returns them.
  const bulk = await processWarnings('CakeWarning', 2, () => client.bulk('create_offer', [THIN, { ...OFFER, bogus: 1 }]));
  assert.deepEqual(bulk.got.map((w) => [w.operation, w.field, w.code]), [['create_offer', 'payout', 'negative_margin'], ['create_offer', 'bogus', 'unknown_field']]);
  assert.deepEqual(bulk.got.map((w) => w.message), [
    'create_offer: payout: is above revenue: each conversion loses money',
    'create_offer: bogus: is not a parameter of create_offer',
  ]);
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 4 });
  const report = await processWarnings('CakeWarning', 1, () => client.subAffiliateReportRows(RANGE).toArray());
  assert.equal(report.value.length, 3);
  assert.deepEqual(report.got.map((w) => [w.operation, w.code]), [['sub_affiliate_report', 'total_rows_mismatch']]);
  assert.match(report.got[0].message, /^sub_affiliate_report: total_rows: the server announced 4 rows /);
  const called = await processWarnings('CakeWarning', 1, () => client.call('create_offer', THIN));
  assert.equal(called.value.warnings.length, 1);
  assert.equal(called.got.length, 1, 'call() returns them and emits them too');
  assert.equal(called.got[0].code, 'negative_margin');
  for (const run of [bulk, report, called]) assert.deepEqual(run.printed, []);

  // A handler of your own replaces the default: no process warning, nothing printed. The
  // control: a client without one, called after it, whose warning is seen by the same listener.
  const quiet = await processWarnings('CakeWarning', 1, async () => {
    const value = await clientFor(mock, { onWarning: () => {} }).createOffer(THIN);
    await clientFor(mock).createOffer({ ...OFFER, offer_name: 'Control', bogus: 1 });
    return value;
  });
  // Waited for the control's warning; emitted after the quiet call's would have been.
  assert.deepEqual(quiet.got.map((w) => w.code), ['unknown_field']);
  assert.deepEqual(quiet.printed, []);
});

test('an onWarning that throws loses nothing: the value, the other warnings; the exception is a process warning', async () => {
  // In a page the exception goes to reportError (the browser suite); Node has none, and there
  // it is a CakeSdkWarning process warning, in both engines.
  assert.equal(typeof globalThis.reportError, 'undefined', 'this test is about Node');
  const handled = [];
  const client = clientFor(mock, {
    onWarning: (warning) => {
      handled.push(warning.code);
      throw new Error(`handler bug on ${warning.code}`);
    },
  });
  const { value: offer, got } = await processWarnings('CakeSdkWarning', 2, () => client.createOffer({ ...THIN, bogus: 1 }));
  assert.equal(offer.offer_id, 12345, 'the call resolved with its value');
  assert.equal(offer.payout, '40.00');
  assert.deepEqual(handled.sort(), ['negative_margin', 'unknown_field'], 'the warning after the throw was delivered too');
  assert.deepEqual(
    got.map((w) => w.message).sort(),
    ['cake-sdk: onWarning threw: Error: handler bug on negative_margin', 'cake-sdk: onWarning threw: Error: handler bug on unknown_field'],
  );
  assert.equal((await mock.state()).offers.length, 1, 'the write was made once');
  // bulk and report rows alike: the outcomes and rows come back.
  const bulk = await processWarnings('CakeSdkWarning', 1, () => client.bulk('create_offer', [OFFER, THIN]));
  assert.deepEqual(bulk.value.map((o) => o.status), ['ok', 'ok']);
  assert.deepEqual(bulk.got.map((w) => w.message), ['cake-sdk: onWarning threw: Error: handler bug on negative_margin']);
  await seedReport(mock, 3);
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 4 });
  const report = await processWarnings('CakeSdkWarning', 1, () => client.subAffiliateReportRows(RANGE).toArray());
  assert.equal(report.value.length, 3, 'every row, although the handler threw');
  assert.deepEqual(report.got.map((w) => w.message), ['cake-sdk: onWarning threw: Error: handler bug on total_rows_mismatch']);
});
