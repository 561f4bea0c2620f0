// Behaving as real CAKE servers do: CAKE's "Restricted" throttle retried without a duplicate
// write, reports read whole from servers that cap pages and leave out or misstate total_rows,
// values that cannot be read kept under `unreadable`, and answers bounded by
// maxResponseBytes. Against the cake-mock binary and small local servers on 127.0.0.1; run
// once per engine (CAKE_ENGINE).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { ENGINE, Client, CakeError, wire } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, OFFER, seedReport, rejection } from './support/fixtures.mjs';
import { load } from './support/vectors.mjs';

// One day keeps the mock's work per row small.
const DAY = Object.freeze({ start_date: '2024-01-01', end_date: '2024-01-01' });
const ROWS = 1237;
const IDS = Array.from({ length: ROWS }, (_, i) => 301 + i);

// The native engine fetches report pages ahead (pagesAhead) while rows are consumed; the wasm
// engine checks pagesAhead but fetches each page when it is needed (a browser's fetch, one
// page at a time). So only native may ask for pages beyond the last row.
const FETCHES_AHEAD = ENGINE === 'native';

let mock;
before(async () => {
  mock = await startMock();
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
});

/** A client of `url` that is not the mock (any key: such servers ask for none). */
const clientOf = (url, options = {}) => new Client({ baseUrl: url, apiKey: 'k', dangerouslyAllowBrowser: true, ...options });

/** A server on 127.0.0.1 answering every request with `handler`; `close()` stops it. */
async function localServer(handler) {
  const server = createServer(handler);
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

// ---- Rate limits as CAKE signals them: HTTP 200, request_status Failure, "Restricted".

const FORMS = [
  ['message', {}],
  ['errors (older instances)', { in_errors: true }],
];

test('a write throttled with "Restricted" (both forms) is retried and creates exactly one offer', async () => {
  for (const [form, extra] of FORMS) {
    await mock.reset();
    await mock.clearFaults();
    await mock.addFault({ operation: 'create_offer', kind: 'restricted', times: 2, ...extra });
    const reply = await clientFor(mock, { maxRetries: 2 }).call('create_offer', OFFER);
    assert.equal(reply.meta.attempts, 3, form);
    assert.equal(reply.value.payout, '24.00');
    const state = await mock.state();
    assert.deepEqual(state.offers.map((o) => o.offer_id), [reply.value.offer_id], `${form}: one offer, the one answered`);
    const sent = (await mock.requests()).filter((r) => r.operation === 'create_offer');
    assert.deepEqual(sent.map((r) => [r.fault, r.applied]), [['restricted', false], ['restricted', false], [null, true]], form);
  }
});

test('a read restricted more often than maxRetries allows is rate_limited, with CAKE\'s message', async () => {
  for (const [form, extra] of FORMS) {
    await mock.reset();
    await mock.clearFaults();
    await mock.addFault({ operation: 'list_sub_affiliates', kind: 'restricted', times: 5, ...extra });
    const error = await rejection(clientFor(mock, { maxRetries: 1 }).listSubAffiliates());
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'rate_limited', `${form}: ${error.message}`);
    assert.deepEqual(error.messages, ['Restricted']);
    assert.equal(error.status, 200);
    assert.equal(error.attempts, 2, 'the first attempt and maxRetries more');
    assert.deepEqual((await mock.requests()).map((r) => r.fault), ['restricted', 'restricted']);
  }
});

// ---- Reports are never cut short.

const reportRequests = async () => (await mock.requests()).filter((r) => r.operation === 'sub_affiliate_report').length;

/** Every row of the 1,237-row report under `shape`, with the warnings and requests it took. */
async function readAll(shape, pagesAhead) {
  await mock.clearFaults();
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', ...shape });
  const warnings = [];
  const client = clientFor(mock, { maxRetries: 0, onWarning: (warning, context) => warnings.push([context.operation, warning.field, warning.code]) });
  const before = await reportRequests();
  const rows = client.subAffiliateReportRows(DAY, { pagesAhead });
  const ids = [];
  for await (const row of rows) ids.push(row.sub_affiliate_id);
  return { ids, warnings, requests: (await reportRequests()) - before, rows };
}

test('pages capped at 25/100/500, pagesAhead 0 and 4, total honest or left out: every row once, in order, at the promised cost', async () => {
  await seedReport(mock, ROWS);
  for (const cap of [25, 100, 500]) {
    for (const pagesAhead of [0, 4]) {
      const where = `cap ${cap}, pagesAhead ${pagesAhead}`;
      const honest = await readAll({ row_cap: cap }, pagesAhead);
      assert.deepEqual(honest.ids, IDS, `${where}, total given`);
      assert.deepEqual(honest.warnings, [], where);
      assert.equal(honest.requests, Math.ceil(ROWS / cap), `${where}: a short page reaching the total ends it`);
      assert.equal(honest.rows.totalRows, ROWS);
      assert.equal(honest.rows.rowsFetched, ROWS);
      const omitted = await readAll({ row_cap: cap, total_rows: 'omit' }, pagesAhead);
      assert.deepEqual(omitted.ids, IDS, `${where}, total left out`);
      assert.deepEqual(omitted.warnings, [], where);
      assert.equal(omitted.requests, Math.ceil(ROWS / cap) + 1, `${where}: without a total, one empty page more`);
    }
  }
});

test('a wrong total (1300 or 1200 announced): every row still arrives, and one total_rows_mismatch', async () => {
  await seedReport(mock, ROWS);
  for (const claimed of [1300, 1200]) {
    for (const cap of [25, 100, 500]) {
      for (const pagesAhead of [0, 4]) {
        const where = `${claimed} announced, cap ${cap}, pagesAhead ${pagesAhead}`;
        const { ids, warnings, requests } = await readAll({ row_cap: cap, total_rows: claimed }, pagesAhead);
        assert.deepEqual(ids, IDS, where);
        assert.deepEqual(warnings, [['sub_affiliate_report', 'total_rows', 'total_rows_mismatch']], where);
        // One empty page more than the rows need (the total cannot end it); fetching ahead
        // (native), a total too high may also cost the pages asked for beyond the last row.
        const least = Math.ceil(ROWS / cap) + 1;
        if (pagesAhead === 0 || !FETCHES_AHEAD) assert.equal(requests, least, where);
        else assert.ok(requests >= least && requests <= least + pagesAhead, `${where}: ${requests} requests`);
      }
    }
  }
});

test('rows that are not objects are left out with unreadable_row, and still take their places', async () => {
  await seedReport(mock, ROWS);
  // Every 50th row of the report (by its place, from 1) is sent as a string.
  const kept = IDS.filter((id) => (id - 300) % 50 !== 0);
  const { ids, warnings, requests } = await readAll({ row_cap: 100, broken_every: 50 }, 0);
  assert.deepEqual(ids, kept);
  assert.equal(warnings.length, Math.floor(ROWS / 50));
  assert.ok(warnings.every(([operation, field, code]) => operation === 'sub_affiliate_report' && code === 'unreadable_row' && /^sub_affiliate_report\[\d+\]$/.test(field)));
  assert.equal(requests, Math.ceil(ROWS / 100), 'the pages advance by every row sent');
  // Pages with no row at all, only warnings: each page's warnings delivered, nothing yielded,
  // and the iteration goes on to the end of the report.
  const none = await readAll({ row_cap: 100, broken_every: 1 }, 0);
  assert.deepEqual(none.ids, []);
  assert.equal(none.warnings.length, ROWS);
  assert.equal(none.requests, Math.ceil(ROWS / 100));
});

test('a last page with no rows, only the mismatch warning: delivered, nothing yielded, the report ends', async () => {
  await seedReport(mock, ROWS);
  await mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', row_cap: 100, total_rows: 1300 });
  const warnings = [];
  const rows = clientFor(mock, { maxRetries: 0, onWarning: (warning) => warnings.push(warning.code) }).subAffiliateReportRows(DAY);
  let last;
  for (let i = 0; i < ROWS; i += 1) last = await rows.next();
  assert.equal(last.value.sub_affiliate_id, 301 + ROWS - 1);
  assert.deepEqual(warnings, [], 'not before the report has ended');
  assert.deepEqual(await rows.next(), { value: undefined, done: true });
  assert.deepEqual(warnings, ['total_rows_mismatch']);
  assert.deepEqual(await rows.next(), { value: undefined, done: true });
  assert.deepEqual(warnings, ['total_rows_mismatch'], 'delivered once');
});

// ---- One odd row never costs the whole answer: wire.json's answers, replayed by a server.

test('a live answer with an unreadable payout: the row keeps it under unreadable, no payout; the warning to onWarning', async () => {
  const { responses } = load('wire.json');
  const byName = (name) => responses.find((c) => c.name === name);
  const REPORT = byName('sub_affiliate_report_unreadable_payout_kept_raw_with_warning');
  const LIST = byName('list_sub_affiliates_row_that_is_not_an_object_left_out_with_warning');
  const BY_PATH = { '/api/2/report/sub_affiliate.json': REPORT, '/api/2/sub_affiliates.json': LIST };
  const server = await localServer((request, response) => {
    const c = BY_PATH[new URL(request.url, 'http://x').pathname];
    if (!c) return response.writeHead(404).end();
    response.writeHead(c.status, c.headers);
    response.end(c.body);
  });
  try {
    const seen = [];
    const client = clientOf(server.url, { maxRetries: 0, onWarning: (warning, context) => seen.push([context.operation, warning.field, warning.code]) });
    const page = await client.subAffiliateReport(DAY);
    assert.deepEqual(page.rows[0], { sub_affiliate_id: 301, clicks: 840, conversions: 42, payout: '210.00' });
    assert.deepEqual(page.rows[1], { sub_affiliate_id: 302, clicks: 10, conversions: 1, unreadable: { payout: 'abc' } });
    assert.ok(!('payout' in page.rows[1]), 'the typed field never holds what could not be read');
    assert.deepEqual(seen, [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']]);
    seen.length = 0;
    assert.deepEqual(await client.subAffiliateReportRows(DAY).toArray(), page.rows);
    assert.deepEqual(seen, [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']]);
    seen.length = 0;
    assert.deepEqual(await client.listSubAffiliates(), [{ sub_affiliate_id: 301, payout: '5.00' }, { sub_affiliate_id: 302, unreadable: { payout_type: 7 } }]);
    assert.deepEqual(seen, [
      ['list_sub_affiliates', 'sub_affiliates[1]', 'unreadable_row'],
      ['list_sub_affiliates', 'sub_affiliates[2].payout_type', 'unreadable_value'],
    ]);
    // wire.readResponse reads it as the client does.
    const read = wire.readResponse('sub_affiliate_report', REPORT.status, REPORT.headers, REPORT.body);
    assert.deepEqual(read.value, page);
    assert.deepEqual(read.warnings.map((w) => [w.field, w.code, w.severity]), [['sub_affiliate_report[1].payout', 'unreadable_value', 'warning']]);
  } finally {
    await server.close();
  }
});

// ---- Bounded answers: maxResponseBytes.

const MIB = 1048576;
const LIMIT_NAMED = /larger than the client's limit of 1 MiB \(maxResponseBytes\)/;

/** A 200 report page of `rows` rows (about 100 bytes each), with or without a Content-Length. */
function bigAnswer(rows, declareLength) {
  const row = '{"sub_affiliate_id":301,"sub_affiliate_name":"big","clicks":1,"conversions":0,"payout":0.00}';
  const body = Buffer.from(`{"request_status":"Success","sub_affiliate_report":[${Array(rows).fill(row).join(',')}]}`);
  return (request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': body.length } : {}) });
    // In pieces, as a server streams a long answer (chunked when no length is declared).
    for (let at = 0; at < body.length; at += 65536) response.write(body.subarray(at, at + 65536));
    response.end();
  };
}

test('an answer past maxResponseBytes fails as decode naming the limit, once; a write as unknown_outcome', async () => {
  for (const declareLength of [false, true]) {
    // About 2 MiB.
    const server = await localServer(bigAnswer(22_000, declareLength));
    try {
      const client = clientOf(server.url, { maxResponseBytes: MIB, maxRetries: 2 });
      const error = await rejection(client.subAffiliateReport(DAY));
      const where = declareLength ? 'Content-Length declared' : 'chunked';
      assert.ok(error instanceof CakeError, String(error));
      assert.equal(error.code, 'decode', `${where}: ${error.message}`);
      assert.match(error.message, LIMIT_NAMED, where);
      assert.doesNotMatch(error.message, /max_response_bytes/, 'the option as JS writes it');
      assert.equal(error.attempts, 1, `${where}: an answer too large is not asked for again`);
      assert.equal(error.status, 200);
      const write = await rejection(client.createOffer(OFFER));
      assert.equal(write.code, 'unknown_outcome', write.message);
      assert.equal(write.causeCode, 'decode');
      assert.match(write.message, LIMIT_NAMED);
      assert.equal(write.attempts, 1, 'never sent again');
      // Within a larger limit, the same answer is read.
      const roomy = clientOf(server.url, { maxResponseBytes: 4 * MIB });
      const page = await roomy.subAffiliateReport(DAY);
      assert.equal(page.rows.length, 22_000, where);
      assert.equal(page.rows[0].payout, '0.00');
    } finally {
      await server.close();
    }
  }
});

test('maxResponseBytes against the mock: a 500-row page is too much for 4 KiB, fine by default', async () => {
  await seedReport(mock, 500);
  const range = { ...DAY, row_limit: 500 };
  const error = await rejection(clientFor(mock, { maxResponseBytes: 4096 }).subAffiliateReport(range));
  assert.equal(error.code, 'decode');
  assert.match(error.message, /limit of 4096 bytes \(maxResponseBytes\)/);
  assert.equal((await clientFor(mock).subAffiliateReport(range)).rows.length, 500);
});

test('a bad maxResponseBytes is refused, naming it', () => {
  for (const [value, code] of [[0, 'out_of_range'], [1.5, 'out_of_range'], [-1, 'out_of_range'], ['x', 'invalid_type'], [true, 'invalid_type']]) {
    let error;
    try {
      clientFor(mock, { maxResponseBytes: value });
    } catch (thrown) {
      error = thrown;
    }
    assert.ok(error instanceof CakeError, `maxResponseBytes ${value} was accepted`);
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['maxResponseBytes', code]], error.message);
    assert.match(error.message, /maxResponseBytes: must be a whole number of bytes/);
    assert.doesNotMatch(error.message, /max_response_bytes/);
  }
  for (const maxResponseBytes of [1, MIB, 2 ** 40, null, undefined]) {
    assert.equal(clientFor(mock, { maxResponseBytes }).baseUrl, mock.url);
  }
});
