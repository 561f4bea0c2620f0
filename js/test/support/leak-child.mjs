// Run by leak.test.mjs in a process of its own (with NODE_DEBUG=*, RUST_LOG=trace), on the
// engine CAKE_ENGINE names: provokes every error code with a distinctive api key, and writes to
// stdout and stderr everything a user might print: util.inspect (showHidden, full depth),
// console.log/console.error, String, JSON.stringify and the stack of every client, reply,
// record, pager, bulk outcome and error, plus process warnings. Its last act is an uncaught
// CakeError, which Node prints with its stack and properties. The parent scans all of it for
// the key. One JSON summary line starting with "SUMMARY " says what was covered.
//
// Arguments: KEY, the URL of a cake-mock expecting KEY, the URL of one expecting another key,
// a URL where nothing listens. The mocks (cake-mock binaries) are started by the parent, so
// that NODE_DEBUG=child_process here does not print their command lines (which hold the key).
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import sdk, { ENGINE, Client, CakeError, wire, split, validate, check } from './sdk.mjs';

const [KEY, mockUrl, otherUrl, goneUrl] = process.argv.slice(2);
const OFFER = {
  offer_name: 'Summer Sale CPA', advertiser_id: 11, vertical_id: 3,
  offer_url: 'https://track.example.com/click?a={aff_id}&o={offer_id}', payout: '24.00', payout_type: 'cpa', revenue: 30.5,
};
const codes = new Set();
const causes = new Set();
let shown = 0;
let lastError;

process.on('warning', (warning) => show('warning', warning));

/** Prints a value every way a user might. */
function show(label, value) {
  shown += 1;
  console.log(`--- ${label}`);
  console.log(inspect(value, { depth: Infinity, showHidden: true }));
  console.log(value);
  console.error(value);
  try {
    console.log(String(value));
  } catch {
    // an object without a string form (null prototype)
  }
  try {
    console.log(JSON.stringify(value));
  } catch {
    // cycles
  }
  if (value instanceof Error) {
    console.error(value.stack);
    console.log(JSON.stringify(Object.getOwnPropertyDescriptors(value)));
    if (value instanceof CakeError) {
      codes.add(value.code);
      if (value.causeCode) causes.add(value.causeCode);
    }
    lastError = value;
  }
}

async function expect(label, promiseOrFn, code) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    show(label, error);
    if (code !== undefined && error.code !== code) throw new Error(`${label}: expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  throw new Error(`${label}: expected a failure`);
}

/** The /_mock control endpoints of a mock the parent started. */
function control(url) {
  const call = async (method, path, body) => {
    const response = await fetch(`${url}/_mock/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/_mock/${path}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    url,
    requests: () => call('GET', 'requests'),
    state: () => call('GET', 'state'),
    seed: (data) => call('POST', 'seed', data),
    addFault: (rule) => call('POST', 'faults', rule),
    clearFaults: () => call('DELETE', 'faults'),
    faults: () => call('GET', 'faults'),
  };
}
const mock = control(mockUrl);
const other = control(otherUrl);

// dangerouslyAllowBrowser: the wasm engine refuses a key without it; the native one ignores it.
const options = { timeoutMs: 5000, dangerouslyAllowBrowser: true };
const client = new Client({ baseUrl: mock.url, apiKey: KEY, ...options });
show('client', client);
// Without a key: the wasm engine makes a client (a page may send through its own proxy,
// which adds the key); the native engine refuses it (its key may come from CAKE_API_KEY).
if (ENGINE === 'wasm') show('noKey', new Client({ baseUrl: mock.url }));
else await expect('no key', () => new Client({ baseUrl: mock.url }), 'validation');
show('check', check('create_offer', { offer_name: '', offer_url: KEY }));
show('validate', validate('create_offer', { offer_name: KEY, payout: KEY }));

if (ENGINE === 'native') {
  // The Node package's own: a key from CAKE_API_KEY, the addon's raw client handle, and its
  // in-process MockServer (holding the key), running and stopped.
  process.env.CAKE_BASE_URL = mock.url;
  process.env.CAKE_API_KEY = KEY;
  const fromEnv = new Client();
  delete process.env.CAKE_API_KEY;
  delete process.env.CAKE_BASE_URL;
  const native = createRequire(import.meta.url)('../../../bindings-node/native.js');
  const nativeClient = native.createClient(JSON.stringify({ baseUrl: mock.url, apiKey: KEY, env: {} }));
  const inProcess = await sdk.MockServer.start({ apiKey: KEY, seed: 3 });
  const stopped = await sdk.MockServer.start({ apiKey: KEY });
  await stopped.stop();
  for (const [label, value] of Object.entries({ fromEnv, nativeClient, inProcess, stopped })) show(label, value);
  await expect('in-process mock, wrong key', new Client({ baseUrl: inProcess.url, apiKey: 'not-it' }).listSubAffiliates(), 'api');
  show('in-process requests', inProcess.requests());
  await inProcess.stop();
}
if (ENGINE === 'wasm') {
  // The browser package's own: a key refused in a page without dangerouslyAllowBrowser.
  await expect('browser refusal', () => {
    globalThis.window = globalThis;
    globalThis.document = {};
    try {
      return new Client({ baseUrl: mock.url, apiKey: KEY });
    } finally {
      delete globalThis.window;
      delete globalThis.document;
    }
  });
}

const seeded = await mock.seed({ affiliates: [{ affiliate_name: 'Seed', account_manager_id: 42 }], offers: [OFFER] });
const affiliateId = seeded.affiliates[0].affiliate_id;
const offerId = seeded.offers[0].offer_id;

// Successes: records, replies, pagers.
show('offer', await client.createOffer({ ...OFFER, offer_name: 'Thin', payout: 40, revenue: 30 }));
show('affiliate', await client.createAffiliate({ affiliate_name: 'A', account_manager_id: 1 }));
show('sub', await client.createSubAffiliate({ affiliate_id: affiliateId, sub_affiliate_name: 's1', payout: 2, payout_type: 'cpa' }));
show('reply', await client.call('create_offer', { ...OFFER, offer_name: 'Warned', payout: 50, revenue: 30 }));
show('affiliate offer', await client.getAffiliateOffer({ affiliate_id: affiliateId, offer_id: offerId }));
show('list', await client.listSubAffiliates({ affiliate_id: affiliateId }));
show('page', await client.subAffiliateReport({ start_date: '2026-01-01', end_date: '2026-01-31', row_limit: 1 }));
const rows = client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31', row_limit: 1 });
show('pager before', rows);
show('rows', await rows.toArray());
show('pager after', rows);

// validation: a bad request (the key as a value too), bad settings, a bad pager, bad bulk.
await expect('validation', client.createOffer({ offer_name: '', offer_url: KEY, payout: KEY }), 'validation');
await expect('settings', () => new Client({ baseUrl: `ftp://${KEY}`, apiKey: KEY, dangerouslyAllowBrowser: true }), 'validation');
await expect('pager validation', () => client.subAffiliateReportRows({ start_date: KEY }).next(), 'validation');
await expect('bulk validation', client.bulk('list_sub_affiliates', [{}]), 'validation');
await expect('wire', () => wire.parseResponse('create_offer', 500, {}, 'oops'));
await expect('split', () => split(KEY, [1]), 'validation');
// api: CAKE says Failure; this key sent to a mock that expects another.
await expect('api', client.getAffiliateOffer({ affiliate_id: 1, offer_id: 2 }), 'api');
await expect('api wrong key', new Client({ baseUrl: other.url, apiKey: KEY, ...options }).listSubAffiliates(), 'api');
await expect('api echo', client.updateOffer({ offer_id: 99999, offer_name: KEY }), 'api');

// Faults on a read, a write and a pager, no retries: each shows as itself.
const read = () => client.listSubAffiliates({ affiliate_id: affiliateId }, { maxRetries: 0 });
const write = () => client.createOffer(OFFER, { maxRetries: 0 });
const pager = () => client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-02' }, { maxRetries: 0 }).toArray();
for (const [kind, readCode, writeCode] of [
  ['rate_limit', 'rate_limited', 'rate_limited'],
  ['error_500', 'http_status', 'unknown_outcome'],
  ['error_503', 'http_status', 'unknown_outcome'],
  ['html', 'http_status', 'unknown_outcome'],
  ['reset_before', 'connection', 'unknown_outcome'],
  ['reset_after', 'connection', 'unknown_outcome'],
  ['malformed', 'decode', 'unknown_outcome'],
]) {
  await mock.clearFaults();
  await mock.addFault({ operation: '*', kind, retry_after: kind === 'rate_limit' ? '0' : undefined });
  await expect(`${kind} read`, read, readCode);
  await expect(`${kind} write`, write, writeCode);
  await expect(`${kind} pager`, pager, readCode);
}
await mock.clearFaults();
// timeout: an attempt's timeout, the call's deadline, a write that timed out.
await mock.addFault({ operation: '*', kind: 'delay', delay_ms: 800 });
await expect('timeout', client.listSubAffiliates({}, { timeoutMs: 150, maxRetries: 0 }), 'timeout');
await expect('deadline', client.listSubAffiliates({}, { deadlineMs: 300 }), 'timeout');
await expect('write timeout', client.createAffiliate({ affiliate_name: 'T', account_manager_id: 1 }, { timeoutMs: 150 }), 'unknown_outcome');
// Aborted: the signal's reason.
await expect('abort', client.listSubAffiliates({}, { signal: AbortSignal.timeout(100) }));
await mock.clearFaults();
// connection: nothing listens.
const dead = new Client({ baseUrl: goneUrl, apiKey: KEY, maxRetries: 0, dangerouslyAllowBrowser: true });
await expect('refused read', dead.listSubAffiliates(), 'connection');
// A refused connection sent nothing: reqwest says so, and so does Node's fetch (its cause).
await expect('refused write', dead.createOffer(OFFER), 'connection');

// bulk: ok, invalid (the key as a value), failed and unknown_outcome outcomes.
await mock.addFault({ operation: 'create_offer', kind: 'reset_after', times: 1 });
const outcomes = [
  ...(await client.bulk('create_offer', [{ ...OFFER, offer_name: 'b1' }, { ...OFFER, offer_url: KEY }, { ...OFFER, offer_name: 'b3' }], { concurrency: 1 })),
  ...(await client.bulk('update_offer', [{ offer_id: 99999, payout: 1 }])),
];
const statuses = outcomes.map((o) => o.status).join(',');
if (statuses !== 'unknown_outcome,invalid,ok,failed') throw new Error(`bulk statuses ${statuses}`);
show('outcomes', outcomes);
for (const outcome of outcomes) if (outcome.error) show('bulk error', outcome.error);
await mock.clearFaults();
show('requests', await mock.requests());
show('state', await mock.state());
show('faults', await mock.faults());
process.emitWarning(lastError);

console.log(`SUMMARY ${JSON.stringify({ engine: ENGINE, codes: [...codes].sort(), causes: [...causes].sort(), shown })}`);
// Last: an uncaught CakeError, printed by Node itself.
setImmediate(() => {
  throw lastError;
});
