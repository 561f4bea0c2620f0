// A bad option is reported under the name the caller wrote (timeoutMs, not core's timeout), in
// the issue and in the error's message, for the Client's options and each call's; the rules
// themselves are core's (the same limits as in Python), read through the code both engines
// share (crate cake-js-settings). Run once per engine (CAKE_ENGINE).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE, Client, CakeError } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, AFFILIATE, rejection, settingsError } from './support/fixtures.mjs';

// Core's names of the settings, none of which a JS caller writes.
const CORE_NAMES =
  /\b(base_url|api_key|timeout_ms|timeout|max_retries|deadline_ms|deadline|user_agent|allow_insecure_http|dangerously_allow_browser|pages_ahead|max_response_bytes)\b/;
const RANGE = { start_date: '2026-01-01', end_date: '2026-01-31' };

// dangerouslyAllowBrowser is the browser package's: its engine refuses an api key without it
// (key_in_browser) and checks its type. The Node package's engine is never in a page, takes a
// key as it is and ignores the setting. A key is required only there (a page may call a
// same-origin proxy that adds it).
const BROWSER_KEY_RULES = ENGINE === 'wasm';
const KEY_REQUIRED = ENGINE === 'native';

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock?.stop());
beforeEach(async () => {
  await mock.reset();
  await mock.clearFaults();
});

/** Runs `fn` with CAKE_BASE_URL and CAKE_API_KEY unset (the Node package reads them). */
function withoutEnv(fn) {
  const saved = [process.env.CAKE_BASE_URL, process.env.CAKE_API_KEY];
  delete process.env.CAKE_BASE_URL;
  delete process.env.CAKE_API_KEY;
  try {
    return fn();
  } finally {
    if (saved[0] !== undefined) process.env.CAKE_BASE_URL = saved[0];
    if (saved[1] !== undefined) process.env.CAKE_API_KEY = saved[1];
  }
}

// The error names `field` with `code` and mentions no core name, in the issue or the message.
function names(error, field, code) {
  assert.ok(error instanceof CakeError, String(error));
  assert.equal(error.code, 'validation');
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [[field, code]], error.message);
  assert.ok(error.message.includes(`${field}: `), error.message);
  assert.doesNotMatch(error.message, CORE_NAMES);
  assert.doesNotMatch(error.issues[0].message, CORE_NAMES);
}

test('each Client option is named as written, for a wrong type and a wrong value', () => {
  const valid = { baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true };
  // A key (and the browser's opt-in) where the url is wrong, so the url is the one problem.
  const keyed = { apiKey: 'k', dangerouslyAllowBrowser: true };
  const cases = [
    [{ ...keyed, baseUrl: 42 }, 'baseUrl', 'invalid_type'],
    [{ ...keyed, baseUrl: 'ftp://cake.example.com' }, 'baseUrl', 'invalid_url'],
    [{ ...keyed, baseUrl: 'http://cake.example.com' }, 'baseUrl', 'insecure_url'],
    [{ baseUrl: mock.url, apiKey: ['k'], dangerouslyAllowBrowser: true }, 'apiKey', 'invalid_type'],
    [{ ...valid, timeoutMs: '5s' }, 'timeoutMs', 'invalid_type'],
    [{ ...valid, timeoutMs: Number.NaN }, 'timeoutMs', 'invalid_type'],
    [{ ...valid, timeoutMs: 0 }, 'timeoutMs', 'out_of_range'],
    [{ ...valid, timeoutMs: -5 }, 'timeoutMs', 'out_of_range'],
    [{ ...valid, maxRetries: '2' }, 'maxRetries', 'invalid_type'],
    [{ ...valid, maxRetries: -1 }, 'maxRetries', 'out_of_range'],
    [{ ...valid, maxRetries: 1.5 }, 'maxRetries', 'out_of_range'],
    [{ ...valid, maxRetries: 21 }, 'maxRetries', 'out_of_range'],
    [{ ...valid, deadlineMs: true }, 'deadlineMs', 'invalid_type'],
    [{ ...valid, deadlineMs: 86_400_001 }, 'deadlineMs', 'out_of_range'],
    [{ ...valid, userAgent: 7 }, 'userAgent', 'invalid_type'],
    [{ ...valid, allowInsecureHttp: 'yes' }, 'allowInsecureHttp', 'invalid_type'],
    [{ ...valid, maxResponseBytes: '1MB' }, 'maxResponseBytes', 'invalid_type'],
    [{ ...valid, maxResponseBytes: 0 }, 'maxResponseBytes', 'out_of_range'],
    [{ ...valid, maxResponseBytes: 1.5 }, 'maxResponseBytes', 'out_of_range'],
    [{ ...valid, maxResponseBytes: -1 }, 'maxResponseBytes', 'out_of_range'],
    [{ ...valid, requestsPerSecond: '10/s' }, 'requestsPerSecond', 'invalid_type'],
    [{ ...valid, requestsPerSecond: 0 }, 'requestsPerSecond', 'out_of_range'],
    [{ ...valid, requestsPerSecond: -1 }, 'requestsPerSecond', 'out_of_range'],
    [{ ...valid, requestsPerSecond: 2_000_000 }, 'requestsPerSecond', 'out_of_range'],
    [{ ...valid, onWarning: 'console.warn' }, 'onWarning', 'invalid_type'],
    [{ ...valid, onWarning: {} }, 'onWarning', 'invalid_type'],
    [{ ...valid, onWarning: Symbol('warn') }, 'onWarning', 'invalid_type'],
  ];
  if (BROWSER_KEY_RULES) {
    cases.push(
      [{ baseUrl: mock.url, apiKey: mock.apiKey }, 'apiKey', 'key_in_browser'],
      [{ baseUrl: mock.url, dangerouslyAllowBrowser: 'yes' }, 'dangerouslyAllowBrowser', 'invalid_type'],
    );
  }
  for (const [options, field, code] of cases) names(settingsError(options), field, code);
  assert.match(settingsError({ ...valid, onWarning: true }).message, /onWarning: must be a function \(invalid_type\)$/);
  // A function, null and nothing are fine (the last two: the default).
  for (const onWarning of [() => {}, null, undefined]) assert.equal(new Client({ ...valid, onWarning }).baseUrl, mock.url);
  // The limits are core's: the edges are accepted.
  const edges = new Client({ ...valid, timeoutMs: 86_400_000, maxRetries: 20, deadlineMs: 1 });
  assert.equal(edges.baseUrl, mock.url);
});

// A lower bound only: a timer never wakes early; how fast the rest goes is the benchmarks'.
test('requestsPerSecond spaces the attempts of concurrent calls', async () => {
  const paced = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true, requestsPerSecond: 40, onWarning: () => {} });
  const started = Date.now();
  const answers = await Promise.allSettled(
    Array.from({ length: 9 }, () => paced.getAffiliateOffer({ affiliate_id: 1, offer_id: 1 })),
  );
  // 9 attempts at 40 a second: the last one 8 intervals of 25 ms after the first.
  assert.ok(Date.now() - started >= 195, `took ${Date.now() - started} ms`);
  assert.equal(answers.length, 9);
});

test('the Node package ignores dangerouslyAllowBrowser, whatever it holds', { skip: BROWSER_KEY_RULES && 'the browser package checks it (above)' }, () => {
  for (const dangerouslyAllowBrowser of ['yes', 0, {}, false, undefined]) {
    const c = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser });
    assert.deepEqual(c.toJSON(), { baseUrl: mock.url, apiKey: '***' });
  }
});

test('the fix a message suggests is written as JS writes it', () => {
  const error = settingsError({ baseUrl: 'http://cake.example.com', apiKey: 'k', dangerouslyAllowBrowser: true });
  assert.match(error.issues[0].message, /opt in with allowInsecureHttp$/);
  assert.equal(
    error.message,
    'invalid request, not sent: baseUrl: must use https for a host that is not loopback (the api key would travel in clear); opt in with allowInsecureHttp (insecure_url)',
  );
  // And the fix works.
  const fixed = new Client({ baseUrl: 'http://cake.example.com', apiKey: 'k', dangerouslyAllowBrowser: true, allowInsecureHttp: true });
  assert.equal(fixed.baseUrl, 'http://cake.example.com');
  if (BROWSER_KEY_RULES) {
    assert.match(settingsError({ baseUrl: mock.url, apiKey: mock.apiKey }).issues[0].message, /opt in with dangerouslyAllowBrowser$/);
    // Keyless, the insecure url alone is the problem, and its fix works too.
    assert.equal(settingsError({ baseUrl: 'http://cake.example.com' }).message, error.message);
    assert.equal(new Client({ baseUrl: 'http://cake.example.com', allowInsecureHttp: true }).baseUrl, 'http://cake.example.com');
    assert.equal(new Client({ baseUrl: mock.url, apiKey: mock.apiKey, dangerouslyAllowBrowser: true }).baseUrl, mock.url);
  }
});

test('a missing url or key names baseUrl and apiKey (no key: the proxy pattern in the browser package)', () => {
  withoutEnv(() => {
    const error = settingsError({});
    assert.doesNotMatch(error.message, CORE_NAMES);
    assert.match(error.message, /baseUrl: is required/);
    if (KEY_REQUIRED) {
      assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['baseUrl', 'required'], ['apiKey', 'required']]);
      // The Node package reads the environment, and says so.
      assert.match(error.message, /baseUrl: is required \(or set CAKE_BASE_URL\)/);
      assert.match(error.message, /apiKey: is required \(or set CAKE_API_KEY\)/);
    } else {
      // No key is the same-origin proxy pattern, not an issue.
      assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['baseUrl', 'required']]);
      assert.equal(new Client({ baseUrl: mock.url }).toJSON().apiKey, null);
    }
  });
});

// The browser package reads no environment, so its issues suggest none (core names the
// variables only when the environment was asked).
test('the browser package suggests no environment variable it does not read', {
  skip: ENGINE !== 'wasm' && 'the Node package reads CAKE_BASE_URL, and says so (above)',
}, () => {
  const error = withoutEnv(() => settingsError({}));
  assert.doesNotMatch(error.message, /CAKE_BASE_URL|CAKE_API_KEY/);
});

test('every problem at once, a value of the wrong type named once, the key in none', () => {
  // The key without dangerouslyAllowBrowser: one more problem in the browser package only.
  const error = settingsError({ baseUrl: 5, timeoutMs: -1, maxRetries: 'x', deadlineMs: 0, apiKey: mock.apiKey, onWarning: 'log' });
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [
    ['baseUrl', 'invalid_type'],
    ['maxRetries', 'invalid_type'],
    ['onWarning', 'invalid_type'],
    ['timeoutMs', 'out_of_range'],
    ['deadlineMs', 'out_of_range'],
    ...(BROWSER_KEY_RULES ? [['apiKey', 'key_in_browser']] : []),
  ]);
  assert.deepEqual(
    error.issues.map((i) => i.message).slice(0, 4),
    ['must be a string', 'must be a whole number', 'must be a function', 'must be more than 0 and at most 86400 seconds'],
  );
  assert.doesNotMatch(error.message, CORE_NAMES);
  assert.ok(!JSON.stringify(error).includes(mock.apiKey) && !error.message.includes(mock.apiKey));
});

test('each per-call option is named as written, on every kind of call, and nothing is sent', async () => {
  const cases = [
    [{ timeoutMs: 'soon' }, 'timeoutMs', 'invalid_type'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs', 'invalid_type'],
    [{ timeoutMs: 0 }, 'timeoutMs', 'out_of_range'],
    [{ maxRetries: 21 }, 'maxRetries', 'out_of_range'],
    [{ maxRetries: -1 }, 'maxRetries', 'out_of_range'],
    [{ maxRetries: null, deadlineMs: -1 }, 'deadlineMs', 'out_of_range'],
    [{ deadlineMs: {} }, 'deadlineMs', 'invalid_type'],
  ];
  for (const [options, field, code] of cases) {
    // Each call is made when it is awaited: one made earlier could reject before its turn,
    // with no handler yet (an unhandled rejection, which fails the run).
    const calls = [
      () => client.call('list_sub_affiliates', {}, options),
      () => client.createAffiliate(AFFILIATE, options),
      () => client.bulk('create_affiliate', [AFFILIATE], options),
      () => client.subAffiliateReportRows(RANGE, options).next(),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      names(error, field, code);
      assert.match(error.message, /^(list_sub_affiliates|create_affiliate|sub_affiliate_report): invalid request, not sent: /);
    }
  }
  assert.deepEqual(await mock.requests(), [], 'bad options send nothing');
});

test('a per-call maxRetries or timeoutMs out of core\'s range is refused, as in Python', async () => {
  const retries = await rejection(client.listSubAffiliates({}, { maxRetries: 1000 }));
  assert.equal(retries.message, 'list_sub_affiliates: invalid request, not sent: maxRetries: must be a whole number from 0 to 20 (out_of_range)');
  const timeout = await rejection(client.createAffiliate(AFFILIATE, { timeoutMs: 0 }));
  assert.equal(timeout.message, 'create_affiliate: invalid request, not sent: timeoutMs: must be more than 0 and at most 86400 seconds (out_of_range)');
  assert.equal(timeout.operation, 'create_affiliate');
  assert.equal(timeout.attempts, 0);
  assert.deepEqual(await mock.requests(), []);
  // The limit itself is fine, and the call goes out.
  assert.deepEqual(await client.listSubAffiliates({}, { maxRetries: 20, timeoutMs: 5_000 }), []);
  assert.equal((await mock.requests()).length, 1);
});

test('pagesAhead and concurrency are named as written', async () => {
  for (const [pagesAhead, code] of [[17, 'out_of_range'], [-1, 'out_of_range'], ['4', 'invalid_type']]) {
    names(await rejection(client.subAffiliateReportRows(RANGE, { pagesAhead }).next()), 'pagesAhead', code);
  }
  for (const [concurrency, code] of [[-1, 'out_of_range'], [2.5, 'out_of_range'], ['8', 'invalid_type']]) {
    names(await rejection(client.bulk('create_affiliate', [AFFILIATE], { concurrency })), 'concurrency', code);
  }
  assert.deepEqual(await mock.requests(), []);
  // Values in range are accepted (the wasm engine checks pagesAhead too, though it fetches
  // each page when needed).
  assert.deepEqual(await client.subAffiliateReportRows(RANGE, { pagesAhead: 16 }).toArray(), []);
  const outcomes = await client.bulk('create_affiliate', [AFFILIATE], { concurrency: 0 });
  assert.deepEqual(outcomes.map((o) => o.status), ['ok']);
});

test('the operation parameters keep their snake_case names (they are the reference\'s)', async () => {
  const error = await rejection(client.createAffiliate({ affiliate_name: '', account_manager_id: 'x' }));
  assert.deepEqual(error.issues.map((i) => i.field).sort(), ['account_manager_id', 'affiliate_name']);
});
