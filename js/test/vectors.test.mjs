// Every shared vector in tests/vectors, through the package's public functions; money as
// decimal strings, exactly as the vectors write it. Run once per engine (CAKE_ENGINE); on the
// wasm engine, the validation-only build too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import sdk, { ENGINE } from './support/sdk.mjs';
import { load, expand, sortedTriples } from './support/vectors.mjs';

// The builds under test. The browser package has a second, validation-only build
// (cake-sdk-wasm/validation: validation, schemas and payout functions over a smaller wasm
// module); the Node package has one entry, so the native engine runs `full` only.
const builds = { full: sdk };
if (ENGINE === 'wasm') builds.validation = await import('../../bindings-wasm/js/validation.js');

/** The wasm runtime behind a build (`__runtime`, the wasm engine's own), or null. */
const runtimeOf = (build) => (ENGINE === 'wasm' ? build.__runtime : null);

// Each payout function, called the way a JS user calls it (positional arguments), with the
// vector argument names it takes.
const PAYOUT = {
  sub_affiliate_payout: [['parent_payout', 'payout', 'payout_type'], (s, a) => s.subAffiliatePayout(a.parent_payout, a.payout, a.payout_type)],
  effective_payout: [['offer_payout', 'override'], (s, a) => s.effectivePayout(a.offer_payout, a.override)],
  margin: [['revenue', 'payout'], (s, a) => s.margin(a.revenue, a.payout)],
  margin_percent: [['revenue', 'payout'], (s, a) => s.marginPercent(a.revenue, a.payout)],
  earnings: [
    ['payout_type', 'rate', 'conversions', 'clicks', 'impressions', 'sale_amount'],
    (s, a) => s.earnings(a.payout_type, a.rate, { conversions: a.conversions, clicks: a.clicks, impressions: a.impressions, sale_amount: a.sale_amount }),
  ],
  report_metrics: [['clicks', 'conversions', 'payout'], (s, a) => s.reportMetrics(a.clicks, a.conversions, a.payout)],
  report_totals: [['rows'], (s, a) => s.reportTotals(a.rows)],
  split: [['total', 'weights'], (s, a) => s.split(a.total, a.weights)],
};

for (const [name, build] of Object.entries(builds)) {
  test(`${name}: validation.json, every case gives exactly its issues`, () => {
    const { cases } = load('validation.json');
    assert.ok(cases.length >= 80, `${cases.length} cases`);
    const failures = [];
    for (const c of cases) {
      const got = sortedTriples(build.validate(c.operation, c.params));
      const want = sortedTriples(c.issues);
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.name}: want ${want}, got ${got}`);
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} failed`);
  });

  test(`${name}: payout.json, every case, results as decimal strings, errors as CakeError issues`, () => {
    const { cases } = load('payout.json');
    assert.ok(cases.length >= 30, `${cases.length} cases`);
    const failures = [];
    for (const c of cases) {
      const entry = PAYOUT[c.function];
      assert.ok(entry, `${c.name}: no JS function for ${c.function}`);
      const [names, fn] = entry;
      for (const key of Object.keys(c.args ?? {})) assert.ok(names.includes(key), `${c.name}: argument ${key} not passed`);
      try {
        if ('expect' in c) {
          assert.deepEqual(fn(build, c.args ?? {}), c.expect);
        } else {
          let thrown;
          try {
            fn(build, c.args ?? {});
          } catch (error) {
            thrown = error;
          }
          assert.ok(thrown instanceof build.CakeError, `expected a CakeError, got ${thrown}`);
          assert.equal(thrown.code, 'validation');
          assert.equal(thrown.issues.length, 1);
          assert.equal(thrown.issues[0].field, c.error.field);
          assert.equal(thrown.issues[0].code, c.error.code);
        }
      } catch (error) {
        failures.push(`${c.name}: ${error.message.split('\n')[0]}`);
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} failed`);
  });

  test(`${name}: hostile.json, every case fails on exactly its fields, in time`, (t) => {
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
        const issues = build.validate(c.operation, params);
        got = [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field))].sort();
        // The Standard Schema must refuse it too, with the same fields.
        const result = build.schemas[c.operation]['~standard'].validate(params);
        const paths = [...new Set((result.issues ?? []).map((i) => (i.path ? i.path[0] : '')))].sort();
        if (JSON.stringify(paths) !== JSON.stringify(got)) failures.push(`${c.name}: schema paths ${paths} vs ${got}`);
      } catch (error) {
        thrown = error;
      }
      const took = performance.now() - started;
      if (took > slowest[0]) slowest = [took, c.name];
      if (thrown) {
        if (!c.expect.may_fail_whole_call || thrown instanceof build.CakePanicError) {
          failures.push(`${c.name}: threw ${thrown}`);
        }
      } else if (JSON.stringify(got) !== JSON.stringify(want)) {
        failures.push(`${c.name}: want ${want}, got ${got}`);
      }
      if (took > 5000) failures.push(`${c.name}: took ${took.toFixed(0)} ms`);
    }
    t.diagnostic(`${name}: hostile.json ${cases.length - failures.length} of ${cases.length}; slowest ${slowest[1]} ${slowest[0].toFixed(0)} ms`);
    assert.deepEqual(failures, []);
    // No case may panic: the wasm runtime counts its resets (a panic re-instantiates the
    // module); the native engine has no such count (napi-rs catches its panics).
    const runtime = runtimeOf(build);
    if (runtime) assert.equal(runtime.resets, 0, 'no case may panic');
  });
}

test('every operation has validation vectors, in every build', () => {
  const { cases } = load('validation.json');
  for (const build of Object.values(builds)) {
    assert.equal(build.operations.length, 8);
    for (const op of build.operations) {
      assert.ok(cases.filter((c) => c.operation === op).length >= 5, op);
    }
  }
});

test('wire.json requests: buildRequest gives the exact wire form', () => {
  const { requests } = load('wire.json');
  assert.ok(requests.length >= 8);
  for (const c of requests) {
    assert.deepEqual(sdk.wire.buildRequest(c.operation, c.params, c.api_key), c.expect, c.name);
  }
});

/** Money as results give it: a decimal string with at least 2 places, never a JS number. */
const MONEY = /^-?\d+\.\d{2,}$/;

/**
 * `actual` is the vector's `expected`. The vectors write money as decimal strings ("24.00")
 * or, where they compare by value as Rust's runner does, as JSON numbers (24): such a number
 * is matched by a money string of the same value. Everything else is equal as it is (ids and
 * counts stay numbers).
 */
function sameResult(actual, expected, path) {
  if (typeof expected === 'number' && typeof actual === 'string') {
    assert.match(actual, MONEY, `${path}: a number where money (a decimal string) was expected`);
    assert.equal(Number(actual), expected, path);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', path);
    assert.ok(actual !== null, path);
    assert.equal(Array.isArray(actual), Array.isArray(expected), path);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), path);
    for (const key of Object.keys(expected)) sameResult(actual[key], expected[key], `${path}.${key}`);
    return;
  }
  if (typeof expected === 'string' && MONEY.test(expected)) assert.equal(typeof actual, 'string', `${path}: money as a JS number`);
  assert.equal(actual, expected, path);
}

// The warnings of reading an answer, as the vectors write them: [field, code] in order (a case
// without `warnings` expects none).
const warningPairs = (warnings) => warnings.map((w) => [w.field, w.code]);

/** A case's headers in each form readResponse takes: object, Headers, Map, pairs. */
function headerForms(headers = {}) {
  const pairs = Object.entries(headers);
  return { object: headers, Headers: new Headers(pairs), Map: new Map(pairs), pairs };
}

test('wire.json responses: parseResponse gives the result or the CakeError; readResponse also the warnings', () => {
  const { responses } = load('wire.json');
  assert.ok(responses.length >= 30);
  let withWarnings = 0;
  for (const c of responses) {
    const run = () => sdk.wire.parseResponse(c.operation, c.status, c.headers, c.body);
    if (c.expect.ok !== undefined) {
      // Money exactly as the vector writes it: a decimal string, never a JS number.
      sameResult(run(), c.expect.ok, c.name);
      for (const [form, headers] of Object.entries(headerForms(c.headers))) {
        const read = sdk.wire.readResponse(c.operation, c.status, headers, c.body);
        assert.deepEqual(Object.keys(read).sort(), ['value', 'warnings'], c.name);
        sameResult(read.value, c.expect.ok, `${c.name} (headers as ${form})`);
        assert.deepEqual(warningPairs(read.warnings), warningPairs(c.expect.warnings ?? []), c.name);
        for (const warning of read.warnings) {
          assert.equal(warning.severity, 'warning', c.name);
          assert.equal(typeof warning.message, 'string', c.name);
        }
        if (form === 'object' && read.warnings.length > 0) withWarnings += 1;
      }
      continue;
    }
    for (const [form, headers] of Object.entries(headerForms(c.headers))) {
      assert.throws(
        () => sdk.wire.readResponse(c.operation, c.status, headers, c.body),
        (error) => error instanceof sdk.CakeError && error.code === c.expect.error.code,
        `${c.name} (headers as ${form})`,
      );
    }
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

test('wire: headers as a plain object, a Headers, a Map or pairs; body as text or bytes', () => {
  const text = '{"request_status":"Failure","errors":["slow down"]}';
  const bytes = new TextEncoder().encode(text);
  function* generated() {
    yield ['Retry-After', '7'];
  }
  const forms = [
    ['object', () => ({ 'Retry-After': '7' })],
    ['Headers', () => new Headers({ 'Retry-After': '7' })],
    ['Map', () => new Map([['Retry-After', '7']])],
    ['pairs', () => [['Retry-After', '7']]],
    ['generator', () => generated()],
  ];
  for (const [form, headers] of forms) {
    for (const body of [text, bytes, bytes.buffer]) {
      const error = (() => {
        try {
          sdk.wire.parseResponse('create_offer', 429, headers(), body);
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof sdk.CakeError, `${form}: ${error}`);
      assert.equal(error.code, 'rate_limited', form);
      assert.equal(error.retryAfterMs, 7000, form);
      assert.deepEqual(error.messages, ['slow down'], form);
    }
  }
  // No headers at all is fine too.
  const ok = '{"request_status":"Success","sub_affiliates":[]}';
  for (const headers of [undefined, null, {}, [], new Headers()]) {
    assert.deepEqual(sdk.wire.parseResponse('list_sub_affiliates', 200, headers, ok), []);
  }
});

test('wire: a status that is not an HTTP status code is a TypeError', () => {
  const body = '{"request_status":"Success","sub_affiliates":[]}';
  for (const status of [200.5, '200', Number.NaN, -1, 65536, null, undefined, 200n]) {
    assert.throws(
      () => sdk.wire.parseResponse('list_sub_affiliates', status, {}, body),
      (error) => error instanceof TypeError && !(error instanceof sdk.CakeError),
      String(status),
    );
    assert.throws(() => sdk.wire.readResponse('list_sub_affiliates', status, {}, body), TypeError, String(status));
  }
});

test('wire.buildRequest masks the api key in any issue text that holds it', () => {
  const key = 'sk-live-BUILD-9c1e-secret';
  // A parameter named after the key: an unknown_field issue names it, and the request is
  // refused for its missing fields.
  const error = (() => {
    try {
      sdk.wire.buildRequest('create_offer', { [key]: 1, [`x-${key}-y`]: 2 }, key);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof sdk.CakeError, String(error));
  assert.equal(error.code, 'validation');
  const unknown = error.issues.filter((i) => i.code === 'unknown_field');
  assert.deepEqual(unknown.map((i) => i.field), ['***', '***']);
  for (const text of [error.message, JSON.stringify(error), JSON.stringify(error.issues)]) {
    assert.ok(!text.includes(key), text);
  }
  // The key itself is sent as it is: buildRequest is the wire form.
  const sent = sdk.wire.buildRequest('list_sub_affiliates', {}, key);
  assert.ok(JSON.stringify(sent).includes(key));
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

// The list is the same object from every entry of a package: the Node package's CommonJS
// require, the browser package's validation-only build (each engine has only its own).
test('ISSUE_CODES: core\'s list, frozen, the same from every entry, covering every vector', () => {
  assert.ok(Object.isFrozen(sdk.ISSUE_CODES) && sdk.ISSUE_CODES.length >= 20);
  if (ENGINE === 'native') {
    const required = createRequire(import.meta.url)('../../bindings-node/index.js');
    assert.equal(required.ISSUE_CODES, sdk.ISSUE_CODES);
  } else {
    assert.deepEqual(builds.validation.ISSUE_CODES, sdk.ISSUE_CODES);
  }
  const found = new Set();
  for (const name of ['validation.json', 'wire.json', 'payout.json', 'hostile.json']) issueCodes(load(name), found);
  assert.ok(found.size >= 10);
  assert.deepEqual([...found].filter((code) => !sdk.ISSUE_CODES.includes(code)), []);
  const issues = sdk.validate('create_offer', { payout: 'x' });
  assert.ok(issues.length > 0 && issues.every((issue) => sdk.ISSUE_CODES.includes(issue.code)));
});
