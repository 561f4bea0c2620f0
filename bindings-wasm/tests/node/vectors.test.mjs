// Every shared vector (tests/vectors/*.json) against both wasm builds, through the public API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, expand, sortedTriples } from '../support/vectors.mjs';

const builds = {
  full: await import('../../js/index.js'),
  validation: await import('../../js/validation.js'),
};

/**
 * The vectors write money as decimal strings ("24.00", as Rust's runner compares them); in JS
 * money is a number, so a decimal string expected where we give a number compares by value.
 */
function sameAnswer(got, want) {
  if (typeof got === 'number' && typeof want === 'string' && /^-?\d+(\.\d+)?$/.test(want)) {
    return got === Number(want);
  }
  if (Array.isArray(want)) {
    return Array.isArray(got) && got.length === want.length && want.every((w, i) => sameAnswer(got[i], w));
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return false;
    const keys = Object.keys(want);
    return keys.length === Object.keys(got).length && keys.every((k) => k in got && sameAnswer(got[k], want[k]));
  }
  return Object.is(got, want);
}

/** Each payout function with its vector arguments in the positional order of its signature. */
const POSITIONAL = {
  sub_affiliate_payout: (sdk, a) => sdk.subAffiliatePayout(a.parent_payout, a.payout, a.payout_type),
  effective_payout: (sdk, a) => sdk.effectivePayout(a.offer_payout, a.override),
  margin: (sdk, a) => sdk.margin(a.revenue, a.payout),
  margin_percent: (sdk, a) => sdk.marginPercent(a.revenue, a.payout),
  earnings: (sdk, { payout_type, rate, ...activity }) => sdk.earnings(payout_type, rate, activity),
  report_metrics: (sdk, a) => sdk.reportMetrics(a.clicks, a.conversions, a.payout),
  report_totals: (sdk, a) => sdk.reportTotals(a.rows),
  split: (sdk, a) => sdk.split(a.total, a.weights),
};

for (const [name, sdk] of Object.entries(builds)) {
  test(`${name}: validation.json, every case`, () => {
    const { cases } = load('validation.json');
    assert.ok(cases.length >= 80, `${cases.length} cases`);
    const failures = [];
    for (const c of cases) {
      const got = sortedTriples(sdk.validate(c.operation, c.params));
      const want = sortedTriples(c.issues);
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.name}: want ${want}, got ${got}`);
    }
    assert.deepEqual(failures, []);
  });

  test(`${name}: payout.json, every case, through the typed functions`, () => {
    const { cases } = load('payout.json');
    assert.ok(cases.length >= 30, `${cases.length} cases`);
    const failures = [];
    for (const c of cases) {
      const call = POSITIONAL[c.function];
      let got;
      try {
        if (!call) throw new Error(`no typed function for ${c.function}`);
        got = { ok: call(sdk, c.args ?? {}) };
      } catch (error) {
        got = { error };
      }
      if ('expect' in c) {
        if (!('ok' in got) || JSON.stringify(got.ok) !== JSON.stringify(c.expect)) {
          failures.push(`${c.name}: want ${JSON.stringify(c.expect)}, got ${got.ok !== undefined ? JSON.stringify(got.ok) : got.error}`);
        }
      } else {
        const e = got.error;
        const ok =
          e instanceof sdk.CakeError &&
          e.code === 'validation' &&
          e.issues.length === 1 &&
          e.issues[0].field === c.error.field &&
          e.issues[0].code === c.error.code;
        if (!ok) failures.push(`${c.name}: want error ${JSON.stringify(c.error)}, got ${got.error ?? JSON.stringify(got.ok)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test(`${name}: hostile.json, every case fails on exactly its fields, in time`, () => {
    const { cases } = load('hostile.json');
    assert.ok(cases.length >= 100, `${cases.length} cases`);
    const failures = [];
    let slowest = [0, ''];
    for (const c of cases) {
      const params = expand(c.params);
      const want = [...c.expect.error_fields].sort();
      const started = performance.now();
      let got;
      let thrown;
      try {
        const issues = sdk.validate(c.operation, params);
        got = [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field))].sort();
        // The Standard Schema must refuse it too, with the same fields.
        const result = sdk.schemas[c.operation]['~standard'].validate(params);
        const paths = [...new Set((result.issues ?? []).map((i) => (i.path ? i.path[0] : '')))].sort();
        if (JSON.stringify(paths) !== JSON.stringify(got)) failures.push(`${c.name}: schema paths ${paths} vs ${got}`);
      } catch (error) {
        thrown = error;
      }
      const took = performance.now() - started;
      if (took > slowest[0]) slowest = [took, c.name];
      if (thrown) {
        if (!c.expect.may_fail_whole_call || thrown instanceof sdk.CakePanicError) {
          failures.push(`${c.name}: threw ${thrown}`);
        }
      } else if (JSON.stringify(got) !== JSON.stringify(want)) {
        failures.push(`${c.name}: want ${want}, got ${got}`);
      }
      if (took > 5000) failures.push(`${c.name}: took ${took.toFixed(0)} ms`);
    }
    console.log(`${name}: hostile.json ${cases.length - failures.length} of ${cases.length}; slowest ${slowest[1]} ${slowest[0].toFixed(0)} ms`);
    assert.deepEqual(failures, []);
    assert.equal(sdk.__runtime.resets, 0, 'no case may panic');
  });
}

const full = builds.full;

test('full: wire.json requests, every case, through wire.buildRequest', () => {
  const { requests } = load('wire.json');
  assert.ok(requests.length >= 8);
  for (const c of requests) {
    const got = full.wire.buildRequest(c.operation, c.params, c.api_key);
    assert.deepEqual(got, c.expect, c.name);
  }
});

/** The warnings of reading an answer as the vectors write them: "field|code", in order. */
const warningPairs = (warnings) => warnings.map((w) => `${w.field}|${w.code}`);

test('full: wire.json responses, every case, through wire.parseResponse and wire.readResponse (with its warnings)', () => {
  const { responses } = load('wire.json');
  assert.ok(responses.length >= 30);
  const failures = [];
  let withWarnings = 0;
  for (const c of responses) {
    let got;
    let read;
    try {
      got = { ok: full.wire.parseResponse(c.operation, c.status, c.headers, c.body) };
    } catch (error) {
      got = { error };
    }
    try {
      read = { ok: full.wire.readResponse(c.operation, c.status, c.headers, c.body) };
    } catch (error) {
      read = { error };
    }
    if (c.expect.ok !== undefined) {
      if (!sameAnswer(got.ok, c.expect.ok)) {
        failures.push(`${c.name}: want ${JSON.stringify(c.expect.ok)}, got ${got.error ?? JSON.stringify(got.ok)}`);
      }
      // A case without `warnings` expects none.
      const want = warningPairs(c.expect.warnings ?? []);
      const ok =
        read.ok !== undefined &&
        JSON.stringify(Object.keys(read.ok).sort()) === '["value","warnings"]' &&
        sameAnswer(read.ok.value, c.expect.ok) &&
        JSON.stringify(warningPairs(read.ok.warnings)) === JSON.stringify(want) &&
        read.ok.warnings.every((w) => w.severity === 'warning' && typeof w.message === 'string');
      if (!ok) failures.push(`${c.name}: readResponse want warnings ${want}, got ${read.error ?? JSON.stringify(read.ok)}`);
      if (read.ok?.warnings.length > 0) withWarnings += 1;
      continue;
    }
    if (!(read.error instanceof full.CakeError) || read.error.code !== c.expect.error.code) {
      failures.push(`${c.name}: readResponse want error ${c.expect.error.code}, got ${read.error ?? JSON.stringify(read.ok)}`);
    }
    const want = c.expect.error;
    const e = got.error;
    const ok =
      e instanceof full.CakeError &&
      e.code === want.code &&
      (want.request_status === undefined || e.requestStatus === want.request_status) &&
      (want.messages === undefined || JSON.stringify(e.messages) === JSON.stringify(want.messages)) &&
      (want.status === undefined || e.status === want.status);
    if (!ok) failures.push(`${c.name}: want ${JSON.stringify(want)}, got ${e ? `${e.code} ${e.message}` : JSON.stringify(got.ok)}`);
  }
  assert.deepEqual(failures, []);
  assert.ok(withWarnings >= 4, `${withWarnings} cases with warnings`);
});

test('every operation has validation vectors in both builds', () => {
  const { cases } = load('validation.json');
  for (const sdk of Object.values(builds)) {
    for (const op of sdk.operations) {
      assert.ok(cases.filter((c) => c.operation === op).length >= 5, op);
    }
  }
});

test('ISSUE_CODES: core\'s list, frozen, the same in both builds, covering every vector', () => {
  const { full, validation } = builds;
  assert.ok(Object.isFrozen(full.ISSUE_CODES) && full.ISSUE_CODES.length >= 20);
  assert.deepEqual(validation.ISSUE_CODES, full.ISSUE_CODES);
  const found = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      if ('field' in value && typeof value.code === 'string') found.add(value.code);
      Object.values(value).forEach(walk);
    }
  };
  for (const name of ['validation.json', 'wire.json', 'payout.json', 'hostile.json']) walk(load(name));
  assert.ok(found.size >= 10);
  assert.deepEqual([...found].filter((code) => !full.ISSUE_CODES.includes(code)), []);
  const issues = full.validate('create_offer', { payout: 'x' });
  assert.ok(issues.length > 0 && issues.every((issue) => full.ISSUE_CODES.includes(issue.code)));
});
