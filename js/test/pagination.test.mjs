// subAffiliateReportRows: `for await` over every row of the report, page by page, each once.
// `pagesAhead` (0 to 16, default 4) is accepted by both engines: the native engine fetches
// that many pages ahead while rows are consumed; the wasm engine fetches each page when it is
// asked for (so there, whatever pagesAhead says, one page is asked for at a time).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CakeError, ENGINE } from './support/sdk.mjs';
import { startMock, until } from './support/mock.mjs';
import { clientFor, seedReport, rejection } from './support/fixtures.mjs';
import { openPagers } from './support/engine-probes.mjs';

let mock;
let client;
const RANGE = { start_date: '2026-03-01', end_date: '2026-03-31' };
/** Whether this engine fetches pages ahead (see above). */
const FETCHES_AHEAD = ENGINE === 'native';

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(async () => {
  await mock.reset();
  await seedReport(mock, 1234);
});

const pagesAsked = async () =>
  (await mock.requests()).filter((r) => r.operation === 'sub_affiliate_report').map((r) => Object.fromEntries(r.query));

/** Wasm only: every report pager of the module was released (the native engine has no count). */
function assertPagersReleased(what) {
  const open = openPagers();
  if (open !== null) assert.equal(open, 0, `${what}: the wasm pager is released`);
}

test('for await yields every row exactly once, in order, 500 rows per request', async () => {
  const rows = client.subAffiliateReportRows(RANGE);
  assert.equal(rows.totalRows, null, 'nothing fetched before iterating');
  assert.equal(rows.rowsFetched, 0);
  const ids = [];
  for await (const row of rows) ids.push(row.sub_affiliate_id);
  assert.equal(ids.length, 1234);
  assert.equal(new Set(ids).size, 1234);
  assert.deepEqual(ids, Array.from({ length: 1234 }, (_, i) => 301 + i));
  assert.equal(rows.totalRows, 1234);
  assert.equal(rows.rowsFetched, 1234);
  assert.deepEqual(await rows.toArray(), [], 'one pass: the rows are consumed');
  // Pages fetched ahead reach the server in any order.
  const asked = (await pagesAsked()).map((q) => [q.start_at_row, q.row_limit]);
  asked.sort((a, b) => Number(a[0]) - Number(b[0]));
  assert.deepEqual(asked, [['0', '500'], ['500', '500'], ['1000', '500']]);
  assertPagersReleased('read to the end');
});

test(`pages are fetched ${FETCHES_AHEAD ? 'ahead while the current one is read, pagesAhead at a time' : 'one at a time, as asked for, whatever pagesAhead says'}`, async () => {
  for (const [pagesAhead, ahead] of [[undefined, 5], [2, 3], [0, 1]]) {
    const expected = FETCHES_AHEAD ? ahead : 1;
    await mock.reset();
    await seedReport(mock, 1234);
    const rows = client.subAffiliateReportRows({ ...RANGE, row_limit: 100 }, { pagesAhead });
    assert.equal((await rows.next()).value.sub_affiliate_id, 301);
    await until(async () => (await pagesAsked()).length >= expected, `${expected} pages asked for (pagesAhead ${pagesAhead})`);
    // A grace period in which a pager fetching too far ahead would show; it can only make a
    // wrong pager pass, never a right one fail.
    await sleep(50);
    assert.equal((await pagesAsked()).length, expected, `pagesAhead ${pagesAhead}`);
    const rest = await rows.toArray();
    assert.deepEqual(rest.map((r) => r.sub_affiliate_id), Array.from({ length: 1233 }, (_, i) => 302 + i));
    assert.equal((await pagesAsked()).length, 13, 'each page once');
  }
});

test('pagesAhead outside 0 to 16 is refused, naming it', async () => {
  for (const pagesAhead of [17, -1, 1.5, '4']) {
    const error = await rejection(client.subAffiliateReportRows(RANGE, { pagesAhead }).next());
    assert.ok(error instanceof CakeError, `pagesAhead ${JSON.stringify(pagesAhead)}: ${error}`);
    assert.equal(error.code, 'validation');
    assert.equal(error.issues[0].field, 'pagesAhead');
  }
  assert.deepEqual(await pagesAsked(), []);
  // Read to the end, so no page fetched ahead is left to reach the mock in a later test.
  for (const pagesAhead of [0, 16, null, undefined]) {
    const rows = await client.subAffiliateReportRows(RANGE, { pagesAhead }).toArray();
    assert.equal(rows.length, 1234, `pagesAhead ${pagesAhead}`);
  }
  assertPagersReleased('read to the end');
});

test('the rows equal the one-page answers; money is a decimal string, ids and counts numbers', async () => {
  const all = await client.subAffiliateReportRows({ ...RANGE, row_limit: 100 }).toArray();
  const page = await client.subAffiliateReport({ ...RANGE, start_at_row: 200, row_limit: 100 });
  assert.deepEqual(all.slice(200, 300), page.rows);
  assert.equal(typeof all[0].payout, 'string');
  assert.match(all[0].payout, /^\d+\.\d{2,}$/);
  assert.ok(all.every((row) => typeof row.payout === 'string' && /^\d+\.\d{2,}$/.test(row.payout)));
  for (const key of ['sub_affiliate_id', 'clicks', 'conversions']) assert.equal(typeof all[0][key], 'number', key);
  assert.equal(typeof page.total_rows, 'number');
  assert.equal(page.total_rows, 1234);
});

test('start_at_row and row_limit set where and how big', async () => {
  const rows = [];
  for await (const row of client.subAffiliateReportRows({ ...RANGE, start_at_row: 1200, row_limit: 10 })) rows.push(row);
  assert.deepEqual(rows.map((r) => r.sub_affiliate_id), Array.from({ length: 34 }, (_, i) => 1501 + i));
  assert.equal((await pagesAsked()).length, 4);
});

test('break stops fetching', async () => {
  let seen = 0;
  for await (const row of client.subAffiliateReportRows({ ...RANGE, row_limit: 50 }, { pagesAhead: 0 })) {
    seen += 1;
    if (row.sub_affiliate_id === 360) break;
  }
  assert.equal(seen, 60);
  assert.equal((await pagesAsked()).length, 2);
  assertPagersReleased('break');
});

test('break stops fetching ahead too', async () => {
  // A mock of its own (see the overlapping next() test below): pages asked for ahead before
  // the break may still reach it after the test.
  const own = await startMock();
  try {
    await seedReport(own, 1234);
    await breakStopsFetchingAhead(own);
  } finally {
    await own.stop();
  }
});

async function breakStopsFetchingAhead(own) {
  for await (const row of clientFor(own, { maxRetries: 0 }).subAffiliateReportRows({ ...RANGE, row_limit: 50 })) {
    if (row.sub_affiliate_id === 360) break;
  }
  assertPagersReleased('break');
  // Pages asked for before the break may still reach the mock after it, so the count is not
  // compared at two moments. What is checked at both: no more than the two pages read and
  // four ahead, and none past them (a pager still running would go on to rows 300 and on).
  const check = async (when) => {
    const starts = (await own.requests())
      .filter((r) => r.operation === 'sub_affiliate_report')
      .map((r) => Number(Object.fromEntries(r.query).start_at_row));
    const most = FETCHES_AHEAD ? 2 + 4 : 2;
    assert.ok(starts.length <= most, `${when}: ${starts.length} pages: at most the two read and ${most - 2} ahead`);
    assert.equal(new Set(starts).size, starts.length, `${when}: each page once`);
    assert.ok(starts.every((s) => s < 50 * most), `${when}: nothing past the pages ahead: ${starts}`);
  };
  await check('at once');
  // As above: a grace period that can only make a wrong pager pass, never a right one fail.
  await sleep(200);
  await check('later');
}

test('overlapping next() calls get consecutive rows, never the same one', async () => {
  // A mock of its own: the pages fetched ahead when the test ends are dropped by return(), but
  // any already sent still reach their server; stopping it keeps them from the next tests'.
  const own = await startMock();
  try {
    await seedReport(own, 1234);
    const rows = clientFor(own, { maxRetries: 0 }).subAffiliateReportRows({ ...RANGE, row_limit: 7 });
    const got = await Promise.all(Array.from({ length: 30 }, () => rows.next()));
    assert.deepEqual(got.map((r) => r.value.sub_affiliate_id), Array.from({ length: 30 }, (_, i) => 301 + i));
    await rows.return();
    assert.deepEqual(await rows.next(), { value: undefined, done: true }, 'stopped');
    assertPagersReleased('return()');
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
  assert.deepEqual(await pagesAsked(), []);
});

test('a failed page throws, and the next call asks for the same page again', async () => {
  // On demand, so the fault meets the next page rather than one fetched ahead already.
  const rows = client.subAffiliateReportRows({ ...RANGE, row_limit: 500 }, { pagesAhead: 0 });
  for (let i = 0; i < 500; i += 1) await rows.next();
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'error_500', times: 1 });
  const error = await rejection(rows.next());
  assert.ok(error instanceof CakeError);
  assert.equal(error.code, 'http_status');
  assert.equal(error.status, 500);
  const resumed = await rows.next();
  assert.equal(resumed.value.sub_affiliate_id, 801);
  assert.deepEqual((await pagesAsked()).map((q) => q.start_at_row), ['0', '500', '500']);
  assert.equal((await rows.toArray()).length, 1234 - 501, 'and goes on to the end');
});

test('an empty report ends at once', async () => {
  await mock.reset();
  const rows = client.subAffiliateReportRows(RANGE);
  assert.deepEqual(await rows.toArray(), []);
  assert.equal(rows.rowsFetched, 0);
  assertPagersReleased('an empty report');
});

// Wasm only (the native engine's pagers are napi objects, freed with their iterator; it has no
// count). The wasm module keeps a pager in a table until it is closed: an iterator opens it at
// its first next() (one never started holds none), and an aborted iteration, which stays
// stopped (every next() rejects with the reason), releases it at once, though for await and
// toArray() do not call return() when next() throws.
test(
  'an aborted report iteration releases its wasm pager, and one never started holds none',
  ENGINE === 'wasm' ? {} : { skip: 'native: no pager count' },
  async () => {
    const before = openPagers();
    for (let i = 0; i < 100; i++) client.subAffiliateReportRows(RANGE);
    assert.equal(openPagers(), before, 'iterators never started hold no pager');
    const controller = new AbortController();
    const rows = client.subAffiliateReportRows(RANGE, { signal: controller.signal });
    assert.equal((await rows.next()).value.sub_affiliate_id, 301);
    controller.abort();
    await rejection(rows.toArray());
    await until(() => openPagers() === before, "the aborted iteration's pager released", 1000);
  },
);
