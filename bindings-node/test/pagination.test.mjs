// subAffiliateReportRows: `for await` over every row of the report, page by page, each once;
// pages after the first are fetched ahead (pagesAhead, default 4).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { CakeError } from 'cake-sdk';
import { startMock, clientFor, seedReport, rejection } from './helpers.mjs';

let mock;
let client;
const RANGE = { start_date: '2026-03-01', end_date: '2026-03-31' };

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => {
  mock.reset();
  seedReport(mock, 1234);
});

const pagesAsked = () =>
  mock.requests().filter((r) => r.operation === 'sub_affiliate_report').map((r) => Object.fromEntries(r.query));

test('for await yields every row exactly once, in order, 500 rows per request', async () => {
  const rows = client.subAffiliateReportRows(RANGE);
  assert.equal(rows.totalRows, null, 'nothing fetched before iterating');
  const ids = [];
  for await (const row of rows) ids.push(row.sub_affiliate_id);
  assert.equal(ids.length, 1234);
  assert.equal(new Set(ids).size, 1234);
  assert.deepEqual(ids, Array.from({ length: 1234 }, (_, i) => 301 + i));
  assert.equal(rows.totalRows, 1234);
  assert.equal(rows.rowsFetched, 1234);
  // Pages fetched ahead reach the server in any order.
  const asked = pagesAsked().map((q) => [q.start_at_row, q.row_limit]);
  asked.sort((a, b) => Number(a[0]) - Number(b[0]));
  assert.deepEqual(asked, [['0', '500'], ['500', '500'], ['1000', '500']]);
});

const until = async (condition) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
};

test('pages are fetched ahead while the current one is read, pagesAhead at a time', async () => {
  for (const [pagesAhead, expected] of [[undefined, 5], [2, 3], [0, 1]]) {
    mock.reset();
    seedReport(mock, 1234);
    const rows = client.subAffiliateReportRows({ ...RANGE, row_limit: 100 }, { pagesAhead });
    assert.equal((await rows.next()).value.sub_affiliate_id, 301);
    await until(() => pagesAsked().length >= expected);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(pagesAsked().length, expected, `pagesAhead ${pagesAhead}`);
    const rest = await rows.toArray();
    assert.deepEqual(rest.map((r) => r.sub_affiliate_id), Array.from({ length: 1233 }, (_, i) => 302 + i));
    assert.equal(pagesAsked().length, 13, 'each page once');
  }
});

test('pagesAhead outside 0 to 16 is refused, naming it', async () => {
  for (const pagesAhead of [17, -1, 1.5, '4']) {
    const error = await rejection(client.subAffiliateReportRows(RANGE, { pagesAhead }).next());
    assert.equal(error.code, 'validation');
    assert.equal(error.issues[0].field, 'pagesAhead');
  }
  assert.deepEqual(pagesAsked(), []);
});

test('the rows equal the one-page answers', async () => {
  const all = await client.subAffiliateReportRows({ ...RANGE, row_limit: 100 }).toArray();
  const page = await client.subAffiliateReport({ ...RANGE, start_at_row: 200, row_limit: 100 });
  assert.deepEqual(all.slice(200, 300), page.rows);
  assert.equal(typeof all[0].payout, 'number');
});

test('start_at_row and row_limit set where and how big', async () => {
  const rows = [];
  for await (const row of client.subAffiliateReportRows({ ...RANGE, start_at_row: 1200, row_limit: 10 })) rows.push(row);
  assert.deepEqual(rows.map((r) => r.sub_affiliate_id), Array.from({ length: 34 }, (_, i) => 1501 + i));
  assert.equal(pagesAsked().length, 4);
});

test('break stops fetching', async () => {
  let seen = 0;
  for await (const row of client.subAffiliateReportRows({ ...RANGE, row_limit: 50 }, { pagesAhead: 0 })) {
    seen += 1;
    if (row.sub_affiliate_id === 360) break;
  }
  assert.equal(seen, 60);
  assert.equal(pagesAsked().length, 2);
});

test('break stops fetching ahead too', async () => {
  for await (const row of client.subAffiliateReportRows({ ...RANGE, row_limit: 50 })) {
    if (row.sub_affiliate_id === 360) break;
  }
  await new Promise((r) => setTimeout(r, 200));
  const asked = pagesAsked().length;
  assert.ok(asked <= 2 + 4, `${asked} pages: at most the two read and four ahead`);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(pagesAsked().length, asked, 'nothing more after the break');
});

test('overlapping next() calls get consecutive rows, never the same one', async () => {
  // A mock of its own: the pages fetched ahead when the test ends are dropped by return(), but
  // any already sent still reach their server; stopping it keeps them from the next tests'.
  const own = await startMock();
  try {
    seedReport(own, 1234);
    const rows = clientFor(own, { maxRetries: 0 }).subAffiliateReportRows({ ...RANGE, row_limit: 7 });
    const got = await Promise.all(Array.from({ length: 30 }, () => rows.next()));
    assert.deepEqual(got.map((r) => r.value.sub_affiliate_id), Array.from({ length: 30 }, (_, i) => 301 + i));
    await rows.return();
  } finally {
    await own.stop();
  }
});

test('invalid parameters reject the first next(), nothing sent', async () => {
  const rows = client.subAffiliateReportRows({ start_date: '2026-02-30', end_date: '2026-01-01' });
  const error = await rejection(rows.next());
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'validation');
  assert.equal(error.operation, 'sub_affiliate_report');
  assert.ok(error.issues.some((i) => i.field === 'start_date' && i.code === 'invalid_date'));
  assert.deepEqual(await rows.next(), { value: undefined, done: true });
  assert.deepEqual(pagesAsked(), []);
});

test('a failed page throws, and the next call asks for the same page again', async () => {
  // On demand, so the fault meets the next page rather than one fetched ahead already.
  const rows = client.subAffiliateReportRows({ ...RANGE, row_limit: 500 }, { pagesAhead: 0 });
  for (let i = 0; i < 500; i += 1) await rows.next();
  mock.addFault({ operation: 'sub_affiliate_report', kind: 'error_500', times: 1 });
  const error = await rejection(rows.next());
  assert.equal(error.code, 'http_status');
  const resumed = await rows.next();
  assert.equal(resumed.value.sub_affiliate_id, 801);
  assert.deepEqual(pagesAsked().map((q) => q.start_at_row), ['0', '500', '500']);
});

test('an empty report ends at once', async () => {
  mock.reset();
  const rows = await client.subAffiliateReportRows(RANGE).toArray();
  assert.deepEqual(rows, []);
});
