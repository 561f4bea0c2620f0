// Core's line per HTTP attempt reaches JS: to stderr under NODE_DEBUG=cake-sdk, and as
// structured records to setLogger's function, each call's records before the call settles;
// never the api key; nothing at all (not even a native call) while nobody listens.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client, MockServer, setLogger } from 'cake-sdk';
import { OFFER, AFFILIATE, rejection, refusingUrl } from './helpers.mjs';

// A key with characters that encode ('/', ' ', '+'), so every encoded form can be looked for.
const KEY = 'k3y-Th4t/Must Not+Leak';
const KEY_FORMS = [
  KEY,
  'k3y-Th4t%2FMust%20Not%2BLeak',
  'k3y-Th4t%2FMust+Not%2BLeak',
  'k3y-Th4t%2fMust%20Not%2bLeak',
  'k3y-Th4t\\/Must Not+Leak',
  Buffer.from(KEY).toString('base64'),
  'Th4t',
];
const CHILD = fileURLToPath(new URL('log-child.mjs', import.meta.url));
const WASI_NOTICE =
  /\(node:\d+\) ExperimentalWarning: WASI is an experimental feature and might change at any time\n\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n/g;

let mock;
let records;

before(async () => {
  mock = await MockServer.start({ apiKey: KEY, seed: 7 });
});
after(() => mock.stop());
beforeEach(() => {
  mock.reset();
  records = [];
  setLogger((record) => records.push(record));
});
afterEach(() => setLogger(null));

const clientFor = (options = {}) => new Client({ baseUrl: mock.url, apiKey: KEY, ...options });
const urlOf = (path) => `${mock.url}${path}?api_key=***`;

function assertKeyless(text) {
  for (const form of KEY_FORMS) assert.ok(!text.includes(form), `the key (as ${form}) is in: ${text}`);
}

test('a read with retries: one record per attempt, with its fields, before the call settles', async () => {
  mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 2, retry_after: '0' });
  const reply = await clientFor({ maxRetries: 2 }).call('list_sub_affiliates', {});
  // Checked synchronously after the await: the records came first.
  assert.equal(reply.meta.attempts, 3);
  const url = urlOf('/api/2/sub_affiliates.json');
  assert.deepEqual(
    records.map(({ elapsedMs, ...fields }) => fields),
    [
      [503, 'http_status', 1],
      [503, 'http_status', 2],
      [200, 'ok', 3],
    ].map(([status, outcome, attempt]) => ({
      level: 'debug',
      message: `GET ${url} -> ${status} ${outcome} (attempt ${attempt}, ${records[attempt - 1].elapsedMs} ms)`,
      method: 'GET',
      url,
      status,
      outcome,
      attempt,
    })),
  );
  for (const [i, record] of records.entries()) {
    assert.ok(Number.isInteger(record.elapsedMs) && record.elapsedMs >= 0);
    if (i > 0) assert.ok(record.elapsedMs >= records[i - 1].elapsedMs, 'elapsed time since the call started');
  }
  assert.ok(records[2].elapsedMs <= reply.meta.elapsedMs);
});

test('a write: POST to its URL (the key is in the body, not the URL); a 429 is retried', async () => {
  mock.addFault({ operation: 'create_offer', kind: 'rate_limit', times: 1, retry_after: '0' });
  const offer = await clientFor({ maxRetries: 1 }).createOffer(OFFER);
  assert.equal(offer.offer_name, OFFER.offer_name);
  assert.deepEqual(
    records.map((r) => [r.method, r.url, r.status, r.outcome, r.attempt]),
    [
      ['POST', `${mock.url}/api/2/offer.json`, 429, 'rate_limited', 1],
      ['POST', `${mock.url}/api/2/offer.json`, 200, 'ok', 2],
    ],
  );
});

test('failures are logged as what the attempt got: no answer (status null), a 500 on a write', async () => {
  const nobody = await refusingUrl();
  const goneUrl = nobody.url;
  await rejection(new Client({ baseUrl: goneUrl, apiKey: KEY, maxRetries: 0 }).listSubAffiliates()).finally(() => nobody.close());
  mock.addFault({ operation: 'update_offer', kind: 'error_500', times: 1 });
  const error = await rejection(clientFor({ maxRetries: 3 }).updateOffer({ offer_id: 1, payout: 1 }));
  assert.equal(error.code, 'unknown_outcome');
  assert.deepEqual(
    records.map((r) => [r.url, r.status, r.outcome, r.attempt]),
    [
      [`${goneUrl}/api/2/sub_affiliates.json?api_key=***`, null, 'connection', 1],
      [`${mock.url}/api/2/update_offer.json`, 500, 'http_status', 1],
    ],
  );
  assert.match(records[0].message, / -> - connection \(attempt 1, \d+ ms\)$/);
});

test('the key is in no record: in the query, in the base URL as given or encoded, on every path', async () => {
  const client = clientFor({ maxRetries: 1, timeoutMs: 300 });
  await client.createAffiliate(AFFILIATE);
  await client.listSubAffiliates({ affiliate_id: 67890 });
  await client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 1 }).catch(() => {});
  for (const kind of ['html', 'malformed', 'reset_before', 'reset_after', 'error_500']) {
    mock.clearFaults();
    mock.addFault({ operation: '*', kind, times: 1 });
    await client.listSubAffiliates({}, { maxRetries: 0 }).catch(() => {});
    await client.createOffer(OFFER, { maxRetries: 0 }).catch(() => {});
  }
  mock.clearFaults();
  for (const path of [KEY, encodeURIComponent(KEY)]) {
    const holding = new Client({ baseUrl: `${mock.url}/${path}`, apiKey: KEY, maxRetries: 0 });
    assert.equal((await rejection(holding.listSubAffiliates())).status, 404);
  }
  assert.deepEqual(records.slice(-2).map((r) => r.url), Array(2).fill(`${mock.url}/***/api/2/sub_affiliates.json?api_key=***`));
  assert.ok(records.length >= 15, `${records.length} records`);
  assertKeyless(JSON.stringify(records));
  assertKeyless(records.map((r) => r.message).join('\n'));
});

test('pages fetched ahead on background tasks and bulk items are logged too, each attempt once', async () => {
  mock.seed({
    affiliates: [AFFILIATE],
    sub_affiliates: Array.from({ length: 30 }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: '10', payout_type: 'percent' })),
  });
  const client = clientFor({ maxRetries: 0 });
  const rows = await client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31', row_limit: 3 }, { pagesAhead: 4 }).toArray();
  assert.equal(rows.length, 30);
  const pages = records.filter((r) => r.url.includes('/api/2/report/sub_affiliate.json?'));
  // Ten pages of rows, and the one more request core makes after a full last page that
  // reaches the announced total (to learn that the report really ends there).
  assert.equal(pages.length, mock.requests().length);
  assert.deepEqual(
    pages.map((r) => Number(new URL(r.url).searchParams.get('start_at_row'))).sort((a, b) => a - b),
    Array.from({ length: 11 }, (_, i) => i * 3),
  );
  records = [];
  const outcomes = await client.bulk('create_affiliate', Array(20).fill(AFFILIATE), { concurrency: 8 });
  assert.equal(outcomes.filter((o) => o.status === 'ok').length, 20);
  assert.equal(records.length, 20);
  assert.ok(records.every((r) => r.method === 'POST' && r.url === `${mock.url}/api/2/affiliate.json` && r.outcome === 'ok'));
});

test('many concurrent calls: every attempt logged once, each call after its own records', async () => {
  const client = clientFor();
  mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', probability: 0.3, seed: 11, retry_after: '0' });
  const settledWith = [];
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      const reply = await client.call('list_sub_affiliates', {}).catch((error) => ({ meta: error }));
      settledWith.push([records.length, reply.meta.attempts]);
    }),
  );
  assert.equal(records.length, mock.requests().length);
  assert.ok(records.some((r) => r.status === 503) && records.some((r) => r.attempt === 2));
  // At each settlement there were at least as many records as attempts made so far.
  let attemptsSoFar = 0;
  for (const [seen, attempts] of settledWith) {
    attemptsSoFar += attempts;
    assert.ok(seen >= attemptsSoFar, `${seen} records when ${attemptsSoFar} attempts had settled`);
  }
});

test('setLogger(null) stops the records; a logger that throws is a warning, not a failed call', async () => {
  const client = clientFor();
  setLogger(null);
  await client.listSubAffiliates();
  assert.deepEqual(records, []);
  setLogger(() => {
    throw new Error('logger down');
  });
  const warned = once(process, 'warning');
  assert.deepEqual(await client.listSubAffiliates(), []);
  const [warning] = await warned;
  assert.equal(warning.name, 'CakeSdkWarning');
  assert.match(warning.message, /the logger threw: Error: logger down/);
  for (const wrong of ['console.log', {}, 42]) assert.throws(() => setLogger(wrong), TypeError);
});

function child(env, ...args) {
  const run = spawnSync(process.execPath, [CHILD, KEY, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(run.status, 0, `the child did not end by itself: ${run.stderr}`);
  return { ...JSON.parse(run.stdout), stderr: run.stderr };
}

const withoutNodeDebug = () => {
  const env = { ...process.env };
  delete env.NODE_DEBUG;
  return env;
};

test('NODE_DEBUG=cake-sdk prints each attempt to stderr, keyless, and the process still ends', () => {
  const { stderr, attempts, after: state } = child({ ...withoutNodeDebug(), NODE_DEBUG: 'http,cake-sdk' });
  const lines = stderr.split('\n').filter((line) => line.startsWith('CAKE-SDK '));
  assert.equal(lines.length, attempts);
  assert.equal(state.queued, attempts);
  const line = /^CAKE-SDK \d+: (GET|POST) http:\/\/127\.0\.0\.1:\d+\/\S+ -> (\d{3}|-) [a-z_]+ \(attempt \d+, \d+ ms\)$/;
  for (const text of lines) assert.match(text, line);
  assert.match(lines[0], / -> 503 http_status \(attempt 1, /);
  assert.match(lines[1], / -> 503 http_status \(attempt 2, /);
  assert.match(lines[2], / -> 200 ok \(attempt 3, /);
  assert.match(lines[3], / -> - connection \(attempt 1, /);
  assert.match(lines[4], /\/\*\*\*\/api\/2\/sub_affiliates\.json\?api_key=\*\*\* -> 404 /);
  assertKeyless(stderr);
});

test('nobody listening: log level off, no record made or queued, nothing printed', () => {
  const { before: start, after: end, records: got, attempts, stderr } = child(withoutNodeDebug());
  assert.ok(attempts >= 8);
  assert.deepEqual(start, { maxLevel: 'OFF', queued: 0 });
  assert.deepEqual(end, { maxLevel: 'OFF', queued: 0 });
  assert.deepEqual(got, []);
  // Node's own notice that node:wasi is experimental, printed whenever the WebAssembly
  // fallback loads, is not the SDK's.
  assert.equal(stderr.replace(WASI_NOTICE, ''), '');
});

test('a logger in a fresh process gets the same records as NODE_DEBUG prints, and the process ends', () => {
  const { records: got, attempts, after: state } = child(withoutNodeDebug(), 'logger');
  assert.equal(got.length, attempts);
  assert.deepEqual(state, { maxLevel: 'DEBUG', queued: attempts });
  assert.deepEqual(got.slice(0, 3).map((r) => [r.status, r.attempt]), [[503, 1], [503, 2], [200, 3]]);
  assertKeyless(JSON.stringify(got));
});
