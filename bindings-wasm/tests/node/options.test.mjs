// A bad option is reported under the name the caller wrote (timeoutMs, not core's timeout), in
// the issue and in the error's message, for the Client's options and each call's; the rules
// are core's, read through the code the Node package uses too (crate cake-js-settings), so the
// same options are refused in the browser and in Node (bindings-node/test/options.test.mjs).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, MOCK_KEY } from '../support/mock.mjs';

const { Client, CakeError } = await import('../../js/index.js');

// Core's names of the settings, none of which a JS caller writes.
const CORE_NAMES =
  /\b(base_url|api_key|timeout_ms|timeout|max_retries|deadline_ms|deadline|user_agent|allow_insecure_http|dangerously_allow_browser|pages_ahead|max_response_bytes)\b/;
const RANGE = { start_date: '2026-01-01', end_date: '2026-01-31' };
const AFFILIATE = { affiliate_name: 'Acme Media', account_manager_id: 42 };

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = new Client({ baseUrl: mock.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true, maxRetries: 0 });
});
after(() => mock?.stop());
beforeEach(() => mock.reset());

function settingsError(options) {
  try {
    new Client(options);
  } catch (error) {
    return error;
  }
  throw new Error(`new Client(${JSON.stringify(options)}) did not throw`);
}

/** The error a promise rejects with (fails if it resolves). */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
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
  const valid = { baseUrl: mock.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true };
  const cases = [
    [{ baseUrl: 42 }, 'baseUrl', 'invalid_type'],
    [{ baseUrl: 'ftp://cake.example.com' }, 'baseUrl', 'invalid_url'],
    [{ baseUrl: 'http://cake.example.com' }, 'baseUrl', 'insecure_url'],
    [{ baseUrl: mock.url, apiKey: ['k'] }, 'apiKey', 'invalid_type'],
    [{ baseUrl: mock.url, apiKey: MOCK_KEY }, 'apiKey', 'key_in_browser'],
    [{ baseUrl: mock.url, dangerouslyAllowBrowser: 'yes' }, 'dangerouslyAllowBrowser', 'invalid_type'],
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
    [{ ...valid, onWarning: 'console.warn' }, 'onWarning', 'invalid_type'],
    [{ ...valid, onWarning: {} }, 'onWarning', 'invalid_type'],
    [{ ...valid, onWarning: Symbol('warn') }, 'onWarning', 'invalid_type'],
  ];
  for (const [options, field, code] of cases) names(settingsError(options), field, code);
  assert.match(settingsError({ ...valid, onWarning: true }).message, /onWarning: must be a function \(invalid_type\)$/);
  // A function, null and nothing are fine (the last two: the default).
  for (const onWarning of [() => {}, null, undefined]) assert.equal(new Client({ ...valid, onWarning }).baseUrl, mock.url);
  // The limits are core's: the edges are accepted.
  const edges = new Client({ ...valid, timeoutMs: 86_400_000, maxRetries: 20, deadlineMs: 1 });
  assert.equal(edges.baseUrl, mock.url);
});

test('the fix a message suggests is written as JS writes it', () => {
  const error = settingsError({ baseUrl: 'http://cake.example.com' });
  assert.equal(
    error.message,
    'invalid request, not sent: baseUrl: must use https for a host that is not loopback (the api key would travel in clear); opt in with allowInsecureHttp (insecure_url)',
  );
  assert.match(settingsError({ baseUrl: mock.url, apiKey: MOCK_KEY }).issues[0].message, /opt in with dangerouslyAllowBrowser$/);
  // And the fixes work.
  assert.equal(new Client({ baseUrl: 'http://cake.example.com', allowInsecureHttp: true }).baseUrl, 'http://cake.example.com');
  assert.equal(new Client({ baseUrl: mock.url, apiKey: MOCK_KEY, dangerouslyAllowBrowser: true }).baseUrl, mock.url);
});

test('a missing baseUrl is named so; no key is the same-origin proxy pattern, not an issue', () => {
  const error = settingsError({});
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['baseUrl', 'required']]);
  assert.match(error.message, /baseUrl: is required/);
  assert.doesNotMatch(error.message, CORE_NAMES);
});

test('every problem at once, a value of the wrong type named once, the key in none', () => {
  const error = settingsError({ baseUrl: 5, timeoutMs: -1, maxRetries: 'x', deadlineMs: 0, apiKey: MOCK_KEY, onWarning: 'log' });
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [
    ['baseUrl', 'invalid_type'],
    ['maxRetries', 'invalid_type'],
    ['onWarning', 'invalid_type'],
    ['timeoutMs', 'out_of_range'],
    ['deadlineMs', 'out_of_range'],
    ['apiKey', 'key_in_browser'],
  ]);
  assert.deepEqual(
    error.issues.map((i) => i.message).slice(0, 4),
    ['must be a string', 'must be a whole number', 'must be a function', 'must be more than 0 and at most 86400 seconds'],
  );
  assert.doesNotMatch(error.message, CORE_NAMES);
  assert.ok(!JSON.stringify(error).includes(MOCK_KEY) && !error.message.includes(MOCK_KEY));
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

test('a per-call maxRetries or timeoutMs out of core\'s range is refused, as in Node and Python', async () => {
  // Accepted before this package checked per-call options through core.
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
  // Values in range are accepted (pagesAhead is checked as in Node; a browser fetches each page when needed).
  assert.deepEqual(await client.subAffiliateReportRows(RANGE, { pagesAhead: 16 }).toArray(), []);
  const outcomes = await client.bulk('create_affiliate', [AFFILIATE], { concurrency: 0 });
  assert.deepEqual(outcomes.map((o) => o.status), ['ok']);
});

test('the operation parameters keep their snake_case names (they are the reference\'s)', async () => {
  const error = await rejection(client.createAffiliate({ affiliate_name: '', account_manager_id: 'x' }));
  assert.deepEqual(error.issues.map((i) => i.field).sort(), ['account_manager_id', 'affiliate_name']);
});
