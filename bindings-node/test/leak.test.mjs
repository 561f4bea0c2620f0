// Secret-leak scan: leak-child.mjs, in a process of its own with every debug switch on
// (NODE_DEBUG=*, RUST_LOG=trace, RUST_BACKTRACE=full), provokes every error code with a
// distinctive api key and prints every client, mock, reply, record, pager, bulk outcome, error,
// stack and warning every way a user might, then dies of an uncaught CakeError. Everything it
// wrote to stdout and stderr must hold the key in no form. (The Node package has no logger of
// its own, and the core's `log` records go nowhere in Node: no `log` backend is installed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// "/", "+" and spaces: the key's percent-encoded forms differ from it and from each other.
const KEY = 'n0de-Th4t/Must Not+Leak';
const FORMS = [
  KEY,
  encodeURIComponent(KEY), // %2F, %20, %2B
  encodeURIComponent(KEY).replaceAll('%20', '+'), // form encoding
  new URLSearchParams({ k: KEY }).toString().slice(2),
  encodeURIComponent(KEY).toLowerCase().replace('n0de-th4t', 'n0de-Th4t').replace('must', 'Must').replace('not', 'Not').replace('leak', 'Leak'),
  JSON.stringify(KEY).slice(1, -1).replaceAll('/', '\\/'),
  Buffer.from(KEY).toString('base64'),
  'Th4t', // a fragment that survives a partial redaction
];

function run() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./leak-child.mjs', import.meta.url)), KEY], {
      env: { ...process.env, NODE_DEBUG: '*', RUST_LOG: 'trace', RUST_BACKTRACE: 'full', CAKE_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }));
  });
}

test('the api key is in nothing printed, inspected, thrown or warned, at every error code', { timeout: 120_000 }, async () => {
  const { code, out, err } = await run();
  const summaryLine = out.split('\n').find((line) => line.startsWith('SUMMARY '));
  assert.ok(summaryLine, `the child did not finish:\n${err.slice(-3000)}`);
  const summary = JSON.parse(summaryLine.slice('SUMMARY '.length));
  assert.deepEqual(summary.codes, ['api', 'connection', 'decode', 'http_status', 'rate_limited', 'timeout', 'unknown_outcome', 'validation']);
  assert.deepEqual(summary.causes, ['connection', 'decode', 'http_status', 'timeout']);
  assert.equal(code, 1, 'it ended on the uncaught CakeError');
  assert.match(err, /CakeError/);
  assert.match(err, /code: '\w+'/, 'Node printed the uncaught error with its properties');
  assert.match(out, /apiKey: '\*\*\*'/, 'the client is inspected as masked');
  const everything = out + err;
  console.log(
    `node leak scan: codes ${summary.codes.join(',')}, unknown_outcome causes ${summary.causes.join(',')}; ` +
      `${summary.shown} values shown 7 ways each (inspect, console.log, console.error, String, JSON, stack, property descriptors), ` +
      `process warnings and an uncaught CakeError; ${out.length} chars stdout + ${err.length} chars stderr ` +
      `(NODE_DEBUG=*) scanned for ${FORMS.length} forms of the key`,
  );
  for (const form of FORMS) {
    const at = everything.indexOf(form);
    assert.equal(at, -1, `${JSON.stringify(form)} leaked: ...${everything.slice(Math.max(0, at - 300), at + 60)}`);
  }
});
