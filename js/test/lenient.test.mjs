// One odd row never costs the whole answer: through the client, a value that cannot be read as
// its field's type is not in its field; it is kept as sent under `unreadable`, and its
// unreadable_value warning reaches onWarning; a list item that is not an object is left out
// with an unreadable_row warning. A small server on 127.0.0.1 replays wire.json's answers (the
// mock never sends such values). Money that is read is a decimal string.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { wire } from './support/sdk.mjs';
import { clientFor } from './support/fixtures.mjs';
import { load } from './support/vectors.mjs';

const { responses } = load('wire.json');
const answer = (name) => {
  const found = responses.find((c) => c.name === name);
  assert.ok(found, `wire.json has no case ${name}`);
  return found;
};
const REPORT = answer('sub_affiliate_report_unreadable_payout_kept_raw_with_warning');
const LIST = answer('list_sub_affiliates_row_that_is_not_an_object_left_out_with_warning');
// Each path answers with the vector's body, status and headers, whatever was asked.
const BY_PATH = { '/api/2/report/sub_affiliate.json': REPORT, '/api/2/sub_affiliates.json': LIST };
const RANGE = Object.freeze({ start_date: '2026-01-01', end_date: '2026-01-31' });

let server;
let url;
before(async () => {
  server = createServer((request, response) => {
    const c = BY_PATH[new URL(request.url, 'http://x').pathname];
    if (!c) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(c.status, c.headers);
    response.end(c.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

function watching() {
  const seen = [];
  const client = clientFor(
    { url, apiKey: 'k' },
    { maxRetries: 0, onWarning: (warning, context) => seen.push([context.operation, warning.field, warning.code]) },
  );
  return { client, seen };
}

test('a report row with an unreadable payout: kept under unreadable, no payout, the warning to onWarning', async () => {
  const { client, seen } = watching();
  const page = await client.subAffiliateReport(RANGE);
  assert.equal(page.total_rows, 2);
  assert.deepEqual(page.rows[0], { sub_affiliate_id: 301, clicks: 840, conversions: 42, payout: '210.00' });
  const odd = page.rows[1];
  assert.deepEqual(odd.unreadable, { payout: 'abc' });
  assert.ok(!('payout' in odd), 'the typed field never holds what could not be read');
  assert.deepEqual(odd, { sub_affiliate_id: 302, clicks: 10, conversions: 1, unreadable: { payout: 'abc' } });
  assert.deepEqual(seen, [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']]);

  // call() returns the same warning, and the rows iterator delivers it with its page.
  seen.length = 0;
  const reply = await client.call('sub_affiliate_report', RANGE);
  assert.deepEqual(reply.value, page);
  assert.deepEqual(reply.warnings.map((w) => [w.field, w.code, w.severity]), [['sub_affiliate_report[1].payout', 'unreadable_value', 'warning']]);
  assert.match(reply.warnings[0].message, /abc/, 'the warning quotes what was sent');
  assert.deepEqual(seen, [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']], 'call() delivers it too');
  seen.length = 0;
  const rows = client.subAffiliateReportRows(RANGE);
  assert.deepEqual(await rows.toArray(), page.rows);
  assert.equal(rows.totalRows, 2);
  assert.deepEqual(seen, [['sub_affiliate_report', 'sub_affiliate_report[1].payout', 'unreadable_value']]);
});

test('a list item that is not an object is left out, with unreadable_row; the others are read', async () => {
  const { client, seen } = watching();
  const subs = await client.listSubAffiliates();
  assert.deepEqual(subs, [
    { sub_affiliate_id: 301, payout: '5.00' },
    { sub_affiliate_id: 302, unreadable: { payout_type: 7 } },
  ]);
  assert.deepEqual(seen, [
    ['list_sub_affiliates', 'sub_affiliates[1]', 'unreadable_row'],
    ['list_sub_affiliates', 'sub_affiliates[2].payout_type', 'unreadable_value'],
  ]);
});

test('wire.readResponse gives what the client gives: the value and the warnings of reading it', async () => {
  const read = wire.readResponse('sub_affiliate_report', REPORT.status, REPORT.headers, REPORT.body);
  assert.deepEqual(read.value.rows[1], { sub_affiliate_id: 302, clicks: 10, conversions: 1, unreadable: { payout: 'abc' } });
  assert.deepEqual(read.warnings.map((w) => [w.field, w.code]), [['sub_affiliate_report[1].payout', 'unreadable_value']]);
  assert.deepEqual(wire.parseResponse('sub_affiliate_report', REPORT.status, REPORT.headers, REPORT.body), read.value);
  const { client } = watching();
  assert.deepEqual(read.value, await client.subAffiliateReport(RANGE), 'the same value, money included');
  const list = wire.readResponse('list_sub_affiliates', LIST.status, LIST.headers, LIST.body);
  assert.deepEqual(list.value, await client.listSubAffiliates());
  assert.deepEqual(list.warnings.map((w) => [w.field, w.code]), [['sub_affiliates[1]', 'unreadable_row'], ['sub_affiliates[2].payout_type', 'unreadable_value']]);
});
