// Every shared vector in tests/vectors, through the package's public functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as sdk from 'cake-sdk';

const load = (name) => JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}`, import.meta.url), 'utf8'));

const issueKey = (i) => `${i.field}|${i.code}|${i.severity}`;

test('validation.json: every case gives exactly its issues', () => {
  const { cases } = load('validation.json');
  assert.ok(cases.length >= 80);
  const failures = [];
  for (const c of cases) {
    const got = sdk.validate(c.operation, c.params).map(issueKey).sort();
    const want = c.issues.map(issueKey).sort();
    try {
      assert.deepEqual(got, want);
    } catch {
      failures.push(`${c.name}: want ${want}, got ${got}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} failed`);
});

// Each payout function, called the way a JS user calls it (positional arguments).
const PAYOUT = {
  sub_affiliate_payout: [['parent_payout', 'payout', 'payout_type'], (a) => sdk.subAffiliatePayout(a.parent_payout, a.payout, a.payout_type)],
  effective_payout: [['offer_payout', 'override'], (a) => sdk.effectivePayout(a.offer_payout, a.override)],
  margin: [['revenue', 'payout'], (a) => sdk.margin(a.revenue, a.payout)],
  margin_percent: [['revenue', 'payout'], (a) => sdk.marginPercent(a.revenue, a.payout)],
  earnings: [
    ['payout_type', 'rate', 'conversions', 'clicks', 'impressions', 'sale_amount'],
    (a) => sdk.earnings(a.payout_type, a.rate, { conversions: a.conversions, clicks: a.clicks, impressions: a.impressions, sale_amount: a.sale_amount }),
  ],
  report_metrics: [['clicks', 'conversions', 'payout'], (a) => sdk.reportMetrics(a.clicks, a.conversions, a.payout)],
  report_totals: [['rows'], (a) => sdk.reportTotals(a.rows)],
  split: [['total', 'weights'], (a) => sdk.split(a.total, a.weights)],
};

test('payout.json: every case, results as decimal strings, errors as CakeError issues', () => {
  const { cases } = load('payout.json');
  assert.ok(cases.length >= 30);
  const failures = [];
  for (const c of cases) {
    const entry = PAYOUT[c.function];
    assert.ok(entry, `${c.name}: no JS function for ${c.function}`);
    const [names, fn] = entry;
    for (const key of Object.keys(c.args)) assert.ok(names.includes(key), `${c.name}: argument ${key} not passed`);
    try {
      if ('expect' in c) {
        assert.deepEqual(fn(c.args), c.expect);
      } else {
        let thrown;
        try {
          fn(c.args);
        } catch (error) {
          thrown = error;
        }
        assert.ok(thrown instanceof sdk.CakeError, 'expected a CakeError');
        assert.equal(thrown.code, 'validation');
        assert.equal(thrown.issues[0].field, c.error.field);
        assert.equal(thrown.issues[0].code, c.error.code);
      }
    } catch (error) {
      failures.push(`${c.name}: ${error.message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} failed`);
});

test('wire.json requests: buildRequest gives the exact wire form', () => {
  const { requests } = load('wire.json');
  assert.ok(requests.length >= 8);
  for (const c of requests) {
    assert.deepEqual(sdk.wire.buildRequest(c.operation, c.params, c.api_key), c.expect, c.name);
  }
});

// The vectors write amounts as decimal strings ("20.00"); results give money as numbers (the
// same decimal, rounded to the cent). Anything else must be equal as it is.
function sameResult(actual, expected, path) {
  if (typeof expected === 'string' && typeof actual === 'number') {
    assert.match(expected, /^-?\d+(\.\d+)?$/, `${path}: expected text where money came`);
    assert.equal(actual, Number(expected), path);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', path);
    assert.equal(Array.isArray(actual), Array.isArray(expected), path);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), path);
    for (const key of Object.keys(expected)) sameResult(actual[key], expected[key], `${path}.${key}`);
    return;
  }
  assert.equal(actual, expected, path);
}

// The warnings of reading an answer, as the vectors write them: [field, code] in order (a case
// without `warnings` expects none).
const warningPairs = (warnings) => warnings.map((w) => [w.field, w.code]);

test('wire.json responses: parseResponse gives the result or the CakeError; readResponse also the warnings', () => {
  const { responses } = load('wire.json');
  assert.ok(responses.length >= 30);
  let withWarnings = 0;
  for (const c of responses) {
    const run = () => sdk.wire.parseResponse(c.operation, c.status, c.headers ?? {}, c.body);
    if (c.expect.ok !== undefined) {
      sameResult(run(), c.expect.ok, c.name);
      const read = sdk.wire.readResponse(c.operation, c.status, c.headers ?? {}, c.body);
      assert.deepEqual(Object.keys(read).sort(), ['value', 'warnings'], c.name);
      sameResult(read.value, c.expect.ok, c.name);
      assert.deepEqual(warningPairs(read.warnings), warningPairs(c.expect.warnings ?? []), c.name);
      for (const warning of read.warnings) {
        assert.equal(warning.severity, 'warning', c.name);
        assert.equal(typeof warning.message, 'string', c.name);
      }
      if (read.warnings.length > 0) withWarnings += 1;
      continue;
    }
    assert.throws(
      () => sdk.wire.readResponse(c.operation, c.status, c.headers ?? {}, c.body),
      (error) => error instanceof sdk.CakeError && error.code === c.expect.error.code,
      c.name,
    );
    let thrown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof sdk.CakeError, `${c.name}: expected a CakeError`);
    const want = c.expect.error;
    assert.equal(thrown.code, want.code, c.name);
    if (want.status !== undefined) assert.equal(thrown.status, want.status, c.name);
    if (want.request_status !== undefined) assert.equal(thrown.requestStatus, want.request_status, c.name);
    if (want.messages !== undefined) assert.deepEqual(thrown.messages, want.messages, c.name);
  }
  assert.ok(withWarnings >= 4, `${withWarnings} cases with warnings`);
});

test('wire: headers as a Headers object, body as bytes', () => {
  const body = new TextEncoder().encode('{"request_status":"Failure","errors":["slow down"]}');
  const error = (() => {
    try {
      sdk.wire.parseResponse('create_offer', 429, new Headers({ 'Retry-After': '7' }), body);
    } catch (e) {
      return e;
    }
  })();
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryAfterMs, 7000);
  assert.deepEqual(error.messages, ['slow down']);
});

/** The code of every issue in a vector file (objects with a field and a code). */
function issueCodes(value, found = new Set()) {
  if (Array.isArray(value)) for (const inner of value) issueCodes(inner, found);
  else if (value !== null && typeof value === 'object') {
    if ('field' in value && typeof value.code === 'string') found.add(value.code);
    for (const inner of Object.values(value)) issueCodes(inner, found);
  }
  return found;
}

test('ISSUE_CODES: core\'s list, frozen, the same from require and import, covering every vector', async () => {
  const { createRequire } = await import('node:module');
  const required = createRequire(import.meta.url)('cake-sdk');
  assert.ok(Object.isFrozen(sdk.ISSUE_CODES) && sdk.ISSUE_CODES.length >= 20);
  assert.equal(required.ISSUE_CODES, sdk.ISSUE_CODES);
  const found = new Set();
  for (const name of ['validation.json', 'wire.json', 'payout.json', 'hostile.json']) issueCodes(load(name), found);
  assert.ok(found.size >= 10);
  assert.deepEqual([...found].filter((code) => !sdk.ISSUE_CODES.includes(code)), []);
  const issues = sdk.validate('create_offer', { payout: 'x' });
  assert.ok(issues.length > 0 && issues.every((issue) => sdk.ISSUE_CODES.includes(issue.code)));
});
