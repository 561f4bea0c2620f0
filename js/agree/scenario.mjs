// One script, run once per engine (CAKE_ENGINE=native | wasm) against a fresh cake-mock
// (MOCK_URL, MOCK_KEY; same seed): every shared vector through the pure functions, then every
// client operation, pagination, bulk and each of the mock's faults. It prints one JSON
// document; engines-agree.test.mjs requires the two documents to be byte-for-byte equal.
//
// Normalized before printing (and only these): elapsedMs (a duration), the mock's "now"
// timestamps (created_date, date_created), and the message of a connection/timeout failure
// (the platform's transport words it: reqwest natively, fetch in the wasm engine); its code,
// cause and attempts are compared.
import { readFileSync } from 'node:fs';
import sdk, { Client, validate, check, fields, wire } from '../test/support/sdk.mjs';
import { expand } from '../test/support/vectors.mjs';

const vectors = (name) => JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}.json`, import.meta.url), 'utf8'));
const out = [];
const NOW_FIELDS = new Set(['created_date', 'date_created']);
const TRANSPORT_WORDED = new Set(['connection', 'timeout']);

function plain(value) {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === 'elapsedMs') return undefined;
      if (NOW_FIELDS.has(key) && typeof v === 'string') return '<now>';
      return v;
    }),
  );
}

function errorData(error) {
  if (!(error instanceof sdk.CakeError)) return { thrown: error?.name ?? typeof error, message: String(error?.message ?? error) };
  const worded = TRANSPORT_WORDED.has(error.code) || TRANSPORT_WORDED.has(error.causeCode);
  return plain({ ...error, name: error.name, message: worded ? '<transport>' : error.message });
}

function record(step, run) {
  try {
    out.push({ step, ok: plain(run()) });
  } catch (error) {
    out.push({ step, error: errorData(error) });
  }
}

async function recordAsync(step, run) {
  try {
    out.push({ step, ok: plain(await run()) });
  } catch (error) {
    out.push({ step, error: errorData(error) });
  }
}

// ---- The shared vectors, through the pure functions.
for (const c of vectors('validation').cases) {
  record(`validate ${c.name}`, () => validate(c.operation, c.params));
  record(`check ${c.name}`, () => check(c.operation, c.params).issues);
}
for (const c of vectors('hostile').cases) record(`hostile ${c.name}`, () => validate(c.operation, expand(c.params)));
for (const c of vectors('payout').cases) record(`payout ${c.name}`, () => sdk[camel(c.function)](...payoutArgs(c)));
const wireVectors = vectors('wire');
for (const c of wireVectors.requests) record(`buildRequest ${c.name}`, () => wire.buildRequest(c.operation, c.params, c.api_key));
for (const c of wireVectors.responses) {
  record(`readResponse ${c.name}`, () => wire.readResponse(c.operation, c.status, c.headers ?? {}, c.body));
}
for (const op of sdk.operations) record(`fields ${op}`, () => fields(op));

// ---- The client against the mock.
const base = { baseUrl: process.env.MOCK_URL, apiKey: process.env.MOCK_KEY, dangerouslyAllowBrowser: true };
const warnings = [];
const client = new Client({ ...base, onWarning: (warning, context) => warnings.push([context, warning]) });
const RANGE = { start_date: '2024-01-01', end_date: '2024-01-01' };
const control = (method, path, body) =>
  fetch(`${process.env.MOCK_URL}/_mock/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  }).then((r) => r.text());

await recordAsync('createAffiliate', () =>
  client.createAffiliate({ affiliate_name: 'New Media Group Inc', account_manager_id: 42, minimum_payment_threshold: '50' }),
);
await recordAsync('createOffer', () =>
  client.createOffer({
    offer_name: 'Summer Sale CPA',
    advertiser_id: 11,
    vertical_id: 3,
    offer_url: 'https://track.example.com/click?a={aff_id}&o={offer_id}',
    payout: '24.1234',
    revenue: 30.5,
    payout_type: 'CPA',
    bogus: 1,
  }),
);
await recordAsync('createOffer invalid', () => client.createOffer({ offer_name: '', payout: -1 }));
await recordAsync('updateOffer', () => client.updateOffer({ offer_id: 12345, payout: 26n, revenue: '31.00' }));
await recordAsync('getAffiliateOffer', () => client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 }));
await recordAsync('call unknown operation', () => client.call('delete_everything', {}));
await recordAsync('call unserializable', () => {
  const cycle = {};
  cycle.self = cycle;
  return client.call('create_offer', cycle);
});
await recordAsync('call with bad options', () => client.getAffiliateOffer({ affiliate_id: 1, offer_id: 2 }, { timeoutMs: -5 }));
await recordAsync('wrong key', () =>
  new Client({ ...base, apiKey: 'not-the-key' }).getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 }),
);
await recordAsync('bulk createSubAffiliate', () => {
  const cycle = {};
  cycle.self = cycle;
  const items = Array.from({ length: 40 }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `sub-${i}`, payout: `${i}.5`, payout_type: 'percent' }));
  // One at a time: the ids the mock gives follow the order items reach it.
  return client.bulk('create_sub_affiliate', [...items, { affiliate_id: 67890 }, cycle], { concurrency: 1 });
});
await recordAsync('listSubAffiliates', () => client.listSubAffiliates({ affiliate_id: 67890, sub_affiliate_status: 'all' }));
await recordAsync('subAffiliateReport page', () => client.subAffiliateReport({ affiliate_id: 67890, ...RANGE, row_limit: 7 }));
await recordAsync('subAffiliateReportRows', async () => {
  const rows = client.subAffiliateReportRows({ affiliate_id: 67890, ...RANGE, row_limit: 9 }, { pagesAhead: 0 });
  const all = await rows.toArray();
  return { all, totalRows: rows.totalRows, rowsFetched: rows.rowsFetched };
});
await recordAsync('subAffiliateReportRows bad params', () => client.subAffiliateReportRows({ affiliate_id: 0 }).toArray());

// ---- Each fault of the mock, on a read and (where it matters) a write.
const FAULTS = [
  { kind: 'rate_limit', retry_after: 1 },
  { kind: 'error_500' },
  { kind: 'error_503' },
  { kind: 'html' },
  { kind: 'malformed' },
  { kind: 'restricted' },
  { kind: 'reset_before' },
  { kind: 'reset_after' },
  { kind: 'delay', delay_ms: 3000 },
];
const faulty = new Client({ ...base, maxRetries: 0, timeoutMs: 300, onWarning: () => {} });
for (const fault of FAULTS) {
  for (const operation of ['get_affiliate_offer', 'create_offer']) {
    await control('DELETE', 'faults');
    await control('POST', 'faults', { operation, ...fault });
    const params =
      operation === 'get_affiliate_offer'
        ? { affiliate_id: 67890, offer_id: 12345 }
        : { offer_name: 'F', advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example/c' };
    await recordAsync(`fault ${fault.kind} ${operation}`, () => faulty.call(operation, params));
  }
}
await control('DELETE', 'faults');
await control('POST', 'faults', { operation: 'sub_affiliate_report', kind: 'report_shape', broken_every: 3 });
await recordAsync('report with broken rows', () => client.subAffiliateReportRows({ affiliate_id: 67890, ...RANGE, row_limit: 10 }).toArray());
await control('DELETE', 'faults');

out.push({ step: 'warnings delivered', ok: plain(warnings) });
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);

function camel(id) {
  return id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

// The payout vectors' named arguments, in each function's order.
function payoutArgs(c) {
  const a = c.args;
  switch (c.function) {
    case 'sub_affiliate_payout':
      return [a.parent_payout, a.payout, a.payout_type];
    case 'effective_payout':
      return [a.offer_payout, a.override];
    case 'margin':
    case 'margin_percent':
      return [a.revenue, a.payout];
    case 'earnings':
      return [a.payout_type, a.rate, a];
    case 'report_metrics':
      return [a.clicks, a.conversions, a.payout];
    case 'report_totals':
      return [a.rows];
    case 'split':
      return [a.total, a.weights];
    default:
      throw new Error(`no argument order for ${c.function}`);
  }
}
