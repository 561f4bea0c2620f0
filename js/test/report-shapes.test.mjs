// Reports are never cut short: real servers cap page sizes below the row_limit asked for, and
// leave out or misstate total_rows. Against the mock's `report_shape` fault, every row of a
// 1,237-row report arrives exactly once, in order, for every cap and pagesAhead, at the cost
// core promises (a short last page reaching the total ends the report; without a total, one
// empty page more); a wrong total still gives every row, and one total_rows_mismatch warning.
// (pagesAhead is taken by both engines; only the native one fetches ahead, so on the wasm
// engine pagesAhead 4 costs what pagesAhead 0 does.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, seedReport } from './support/fixtures.mjs';

const ROWS = 1237;
const IDS = Array.from({ length: ROWS }, (_, i) => 301 + i);
/** Whether this engine fetches pages ahead (the wasm engine fetches each page when asked). */
const FETCHES_AHEAD = ENGINE === 'native';

// One day per read keeps the mock's work per row small, and a day of its own tells the read's
// requests apart from any page asked for ahead by an earlier read that reaches the mock late.
let days = 0;
function nextRange() {
  const day = new Date(Date.UTC(2024, 0, 1 + days++)).toISOString().slice(0, 10);
  return { start_date: day, end_date: day };
}

let mock;
before(async () => {
  mock = await startMock();
  await seedReport(mock, ROWS);
});
after(() => mock.stop());

const reportRequests = async (day) =>
  (await mock.requests()).filter((r) => r.operation === 'sub_affiliate_report' && Object.fromEntries(r.query).start_date === day).length;

/** Every row of the report under `shape`, with the warnings and the requests it took. */
async function readAll(shape, pagesAhead) {
  await mock.clearFaults();
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', ...shape });
  const warnings = [];
  const client = clientFor(mock, { maxRetries: 0, onWarning: (warning, context) => warnings.push([context.operation, warning.field, warning.code]) });
  const range = nextRange();
  const rows = client.subAffiliateReportRows(range, { pagesAhead });
  const ids = [];
  for await (const row of rows) ids.push(row.sub_affiliate_id);
  return { ids, warnings, requests: await reportRequests(range.start_date), rows };
}

for (const cap of [25, 100, 500]) {
  for (const pagesAhead of [0, 4]) {
    test(`pages capped at ${cap}, pagesAhead ${pagesAhead}: every row once, in order, at the promised cost`, async () => {
      const honest = await readAll({ row_cap: cap }, pagesAhead);
      assert.deepEqual(honest.ids, IDS, 'total given');
      assert.deepEqual(honest.warnings, []);
      assert.equal(honest.requests, Math.ceil(ROWS / cap), 'a short page reaching the total ends it');
      assert.equal(honest.rows.totalRows, ROWS);
      assert.equal(honest.rows.rowsFetched, ROWS);

      const omitted = await readAll({ row_cap: cap, total_rows: 'omit' }, pagesAhead);
      assert.deepEqual(omitted.ids, IDS, 'total left out');
      assert.deepEqual(omitted.warnings, []);
      assert.equal(omitted.requests, Math.ceil(ROWS / cap) + 1, 'without a total, one empty page more');
      assert.equal(omitted.rows.rowsFetched, ROWS);
    });
  }
}

for (const claimed of [1300, 1200]) {
  test(`a wrong total (${claimed} announced, ${ROWS} sent): every row still arrives, and one total_rows_mismatch`, async () => {
    for (const cap of [25, 100, 500]) {
      for (const pagesAhead of [0, 4]) {
        const where = `cap ${cap}, pagesAhead ${pagesAhead}`;
        const { ids, warnings, requests } = await readAll({ row_cap: cap, total_rows: claimed }, pagesAhead);
        assert.deepEqual(ids, IDS, where);
        assert.deepEqual(warnings, [['sub_affiliate_report', 'total_rows', 'total_rows_mismatch']], where);
        // One empty page more than the rows need (the total cannot end it); fetching ahead, a
        // total too high may also cost the pages asked for beyond the last row.
        const least = Math.ceil(ROWS / cap) + 1;
        if (pagesAhead === 0 || !FETCHES_AHEAD) assert.equal(requests, least, where);
        else assert.ok(requests >= least && requests <= least + pagesAhead, `${where}: ${requests} requests`);
      }
    }
  });
}

test('rows that are not objects are left out with unreadable_row, and still take their places: no row repeated', async () => {
  // Every 50th row of the report (by its place, from 1) is sent as a string.
  const kept = IDS.filter((id) => (id - 300) % 50 !== 0);
  for (const [cap, pagesAhead] of [[100, 0], [100, 4], [25, 4]]) {
    const where = `cap ${cap}, pagesAhead ${pagesAhead}`;
    const { ids, warnings, requests, rows } = await readAll({ row_cap: cap, broken_every: 50 }, pagesAhead);
    assert.deepEqual(ids, kept, where);
    assert.equal(warnings.length, Math.floor(ROWS / 50), where);
    for (const [operation, field, code] of warnings) {
      assert.equal(operation, 'sub_affiliate_report');
      assert.equal(code, 'unreadable_row');
      assert.match(field, /^sub_affiliate_report\[\d+\]$/);
    }
    assert.equal(requests, Math.ceil(ROWS / cap), `${where}: the pages advance by every row sent`);
    assert.equal(rows.totalRows, ROWS);
  }
  // Pages with no row at all, only warnings: each page's warnings delivered, nothing yielded,
  // and the iteration goes on to the end of the report.
  for (const pagesAhead of [0, 4]) {
    const none = await readAll({ row_cap: 100, broken_every: 1 }, pagesAhead);
    assert.deepEqual(none.ids, [], `pagesAhead ${pagesAhead}`);
    assert.equal(none.warnings.length, ROWS, `pagesAhead ${pagesAhead}`);
    assert.equal(none.requests, Math.ceil(ROWS / 100), `pagesAhead ${pagesAhead}`);
  }
});

test('a last page with no rows, only the mismatch warning: the warning is delivered, nothing is yielded, the report ends', async () => {
  // 1,237 rows in pages of 100 announced as 1,300: the page after row 1,237 is empty and
  // carries only the warning; next() keeps answering done afterwards.
  await mock.clearFaults();
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', row_cap: 100, total_rows: 1300 });
  // pagesAhead 0, and the default (pages fetched ahead natively).
  for (const pagesAhead of [0, undefined]) {
    const warnings = [];
    const client = clientFor(mock, { maxRetries: 0, onWarning: (warning) => warnings.push(warning.code) });
    const rows = client.subAffiliateReportRows(nextRange(), { pagesAhead });
    let last;
    for (let i = 0; i < ROWS; i += 1) last = await rows.next();
    assert.equal(last.value.sub_affiliate_id, 301 + ROWS - 1);
    assert.deepEqual(warnings, [], 'not before the report has ended');
    assert.deepEqual(await rows.next(), { value: undefined, done: true });
    assert.deepEqual(warnings, ['total_rows_mismatch']);
    assert.deepEqual(await rows.next(), { value: undefined, done: true });
    assert.deepEqual(warnings, ['total_rows_mismatch'], 'delivered once');
  }
});
