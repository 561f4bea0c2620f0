// Behaving as real CAKE servers do: CAKE's "Restricted" throttle retried without a duplicate
// write, and values that cannot be read kept under `unreadable`. Against the cake-mock binary
// and a small local server on 127.0.0.1; run once per engine (CAKE_ENGINE). Reports read whole
// from servers that cap pages or misstate total_rows: report-shapes.test.mjs; answers bounded
// by maxResponseBytes: max-response.test.mjs.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { Client, CakeError, wire } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, OFFER, rejection } from './support/fixtures.mjs';
import { load } from './support/vectors.mjs';

// The date range of the reports read here.
const DAY = Object.freeze({ start_date: '2024-01-01', end_date: '2024-01-01' });

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
