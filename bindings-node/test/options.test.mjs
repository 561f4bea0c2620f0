// A bad option is reported under the name the caller wrote (timeoutMs, not core's timeout),
// in the issue and in the error's message, for the Client's options and each call's; the
// rules themselves are core's (the same limits as in Python).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client, CakeError } from 'cake-sdk';
import { startMock, clientFor, AFFILIATE, rejection } from './helpers.mjs';

// Core's names of the settings, none of which a JS caller writes.
const CORE_NAMES = /\b(base_url|api_key|timeout_ms|timeout|max_retries|deadline_ms|deadline|user_agent|allow_insecure_http|pages_ahead|max_response_bytes)\b/;
const RANGE = { start_date: '2026-01-01', end_date: '2026-01-31' };

let mock;
let client;

before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());
beforeEach(() => mock.reset());

function settingsError(options) {
  try {
    new Client(options);
  } catch (error) {
    return error;
  }
  throw new Error(`new Client(${JSON.stringify(options)}) did not throw`);
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
  const valid = { baseUrl: mock.url, apiKey: mock.apiKey };
  const cases = [
    [{ baseUrl: 42, apiKey: 'k' }, 'baseUrl', 'invalid_type'],
    [{ baseUrl: 'ftp://cake.example.com', apiKey: 'k' }, 'baseUrl', 'invalid_url'],
    [{ baseUrl: 'http://cake.example.com', apiKey: 'k' }, 'baseUrl', 'insecure_url'],
    [{ baseUrl: mock.url, apiKey: ['k'] }, 'apiKey', 'invalid_type'],
    [{ ...valid, timeoutMs: '5s' }, 'timeoutMs', 'invalid_type'],
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
});

test('the fix a message suggests is written as JS writes it', () => {
  const error = settingsError({ baseUrl: 'http://cake.example.com', apiKey: 'k' });
  assert.match(error.issues[0].message, /opt in with allowInsecureHttp$/);
  assert.equal(
    error.message,
    'invalid request, not sent: baseUrl: must use https for a host that is not loopback (the api key would travel in clear); opt in with allowInsecureHttp (insecure_url)',
  );
  // And the fix works.
  assert.equal(new Client({ baseUrl: 'http://cake.example.com', apiKey: 'k', allowInsecureHttp: true }).baseUrl, 'http://cake.example.com');
});

test('a missing url or key names baseUrl and apiKey', () => {
  const saved = [process.env.CAKE_BASE_URL, process.env.CAKE_API_KEY];
  delete process.env.CAKE_BASE_URL;
  delete process.env.CAKE_API_KEY;
  try {
    const error = settingsError({});
    assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [['baseUrl', 'required'], ['apiKey', 'required']]);
    assert.match(error.message, /baseUrl: is required \(or set CAKE_BASE_URL\)/);
    assert.match(error.message, /apiKey: is required \(or set CAKE_API_KEY\)/);
  } finally {
    if (saved[0] !== undefined) process.env.CAKE_BASE_URL = saved[0];
    if (saved[1] !== undefined) process.env.CAKE_API_KEY = saved[1];
  }
});

test('every problem at once, a value of the wrong type named once', () => {
  const error = settingsError({ baseUrl: 5, timeoutMs: -1, maxRetries: 'x', deadlineMs: 0, apiKey: 'k', onWarning: 'log' });
  assert.deepEqual(error.issues.map((i) => [i.field, i.code]), [
    ['baseUrl', 'invalid_type'],
    ['maxRetries', 'invalid_type'],
    ['onWarning', 'invalid_type'],
    ['timeoutMs', 'out_of_range'],
    ['deadlineMs', 'out_of_range'],
  ]);
  assert.doesNotMatch(error.message, CORE_NAMES);
});

test('each per-call option is named as written, on every kind of call', async () => {
  const cases = [
    [{ timeoutMs: 'soon' }, 'timeoutMs', 'invalid_type'],
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
  assert.deepEqual(mock.requests(), [], 'bad options send nothing');
});

test('pagesAhead and concurrency are named as written', async () => {
  for (const [pagesAhead, code] of [[17, 'out_of_range'], [-1, 'out_of_range'], ['4', 'invalid_type']]) {
    names(await rejection(client.subAffiliateReportRows(RANGE, { pagesAhead }).next()), 'pagesAhead', code);
  }
  for (const [concurrency, code] of [[-1, 'out_of_range'], [2.5, 'out_of_range'], ['8', 'invalid_type']]) {
    names(await rejection(client.bulk('create_affiliate', [AFFILIATE], { concurrency })), 'concurrency', code);
  }
  assert.deepEqual(mock.requests(), []);
});

test('the operation parameters keep their snake_case names (they are the reference\'s)', async () => {
  const error = await rejection(client.createAffiliate({ affiliate_name: '', account_manager_id: 'x' }));
  assert.deepEqual(error.issues.map((i) => i.field).sort(), ['account_manager_id', 'affiliate_name']);
});
