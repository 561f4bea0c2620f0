// The client's promises settle through one channel per JS thread (src/completions.rs): it
// holds the event loop open exactly while a call is pending, serves worker threads, and
// survives a worker torn down with calls in flight. Each case runs in a process of its own
// (loop-child.mjs) against this process's mock, and must end on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startMock, AFFILIATE, OFFER } from './helpers.mjs';

const CHILD = fileURLToPath(new URL('./loop-child.mjs', import.meta.url));
let mock;

before(async () => {
  mock = await startMock();
  mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
});
after(() => mock.stop());

/** The child's JSON line and exit code; a child still running after 60 s is killed and fails. */
async function child(mode) {
  const proc = spawn(process.execPath, [CHILD, mock.url, mock.apiKey, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (chunk) => (out += chunk));
  proc.stderr.on('data', (chunk) => (err += chunk));
  const killer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
  const [code, signal] = await once(proc, 'exit');
  clearTimeout(killer);
  assert.equal(signal, null, `${mode}: the process did not end on its own (something held its event loop); stderr: ${err}`);
  assert.equal(code, 0, `${mode}: exit ${code}; stderr: ${err}`);
  const line = out.trim().split('\n').at(-1);
  assert.ok(line, `${mode}: printed nothing (the process ended before its call settled); stderr: ${err}`);
  return JSON.parse(line);
}

test('a process ends on its own once its calls have settled', async () => {
  assert.deepEqual(await child('settle-then-end'), { answered: 300 });
});

test('a pending call keeps the process alive until it settles', async () => {
  mock.addFault({ operation: 'get_affiliate_offer', kind: 'delay', delay_ms: 400 });
  try {
    assert.deepEqual(await child('pending-holds-loop'), { payout: '24.00' });
  } finally {
    mock.clearFaults();
  }
});

test('calls from a worker thread and the main thread settle on their own threads', async () => {
  assert.deepEqual(await child('worker'), { fromWorker: 100, fromMain: 100, workerExit: 0, after: 100 });
});

test('a worker terminated with calls in flight leaves the process working', async () => {
  mock.addFault({ operation: 'get_affiliate_offer', kind: 'delay', delay_ms: 300, times: 20 });
  try {
    assert.deepEqual(await child('worker-terminated'), { after: 50, later: 10 });
  } finally {
    mock.clearFaults();
  }
});
