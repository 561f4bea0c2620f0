// The client's timers: each call's timeout fires on time whatever else is waiting, and none is
// left behind once the calls are done (the wasm engine sets one JS timeout for all of them:
// core's client/browser_timer.rs; the native engine, tokio's timer).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINE } from './support/sdk.mjs';
import { startMock, until } from './support/mock.mjs';
import { clientFor, rejection } from './support/fixtures.mjs';

let mock;
before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock.stop();
});

// No clock is read here: a timeout that did not fire on time would leave these calls waiting
// for answers the mock holds back for a minute, past each test's own time limit.
test('a short timeout fires while a longer one is waiting', { timeout: 20_000 }, async () => {
  await mock.reset();
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 60_000 });
  await mock.addFault({ operation: 'get_affiliate_offer', kind: 'delay', delay_ms: 60_000 });
  const client = clientFor(mock, { timeoutMs: 50_000, maxRetries: 0 });
  // The long wait first, so the short one's deadline comes before any timeout already set.
  const abort = new AbortController();
  const slow = rejection(client.listSubAffiliates({}, { signal: abort.signal }));
  await until(async () => (await mock.requests()).length === 1, 'the slow call sent');
  const error = await rejection(client.getAffiliateOffer({ affiliate_id: 1, offer_id: 1 }, { timeoutMs: 200 }));
  assert.equal(error.code, 'timeout', error.message);
  abort.abort();
  assert.equal((await slow).name, 'AbortError', 'the longer wait was still waiting');
});

test('timeouts of many calls, most dropped unfired, each fire when due', { timeout: 20_000 }, async () => {
  await mock.reset();
  await mock.addFault({ operation: 'list_sub_affiliates', kind: 'delay', delay_ms: 60_000, times: 8 });
  const client = clientFor(mock, { maxRetries: 0 });
  const answered = Array.from({ length: 24 }, () => client.getAffiliateOffer({ affiliate_id: 1, offer_id: 1 }, { timeoutMs: 30_000 }).catch((e) => e));
  const stuck = Array.from({ length: 8 }, (_, i) => rejection(client.listSubAffiliates({}, { timeoutMs: 300 + 100 * i })));
  assert.deepEqual((await Promise.all(stuck)).map((e) => e.code), Array(8).fill('timeout'));
  for (const outcome of await Promise.all(answered)) assert.notEqual(outcome?.code, 'timeout');
});

test('a process ends on its own once its calls are done, long timeouts notwithstanding', { timeout: 60_000 }, async () => {
  await mock.reset();
  const child = spawn(process.execPath, [fileURLToPath(new URL('./support/timer-child.mjs', import.meta.url)), mock.url, mock.apiKey], {
    env: { ...process.env, CAKE_ENGINE: ENGINE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = [];
  const err = [];
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => err.push(chunk));
  let doneAt = null;
  child.stdout.on('data', () => {
    if (doneAt === null && Buffer.concat(out).toString().includes('done')) doneAt = Date.now();
  });
  const code = await new Promise((resolve) => child.once('close', resolve));
  const lingered = Date.now() - (doneAt ?? Date.now());
  assert.equal(code, 0, Buffer.concat(err).toString());
  assert.ok(doneAt !== null, 'the calls finished');
  // A timeout left set would hold the process for 5 to 10 minutes.
  assert.ok(lingered < 5000, `the process lingered ${lingered} ms after its calls`);
});
