// Secret-leak scan of the browser package's full build, in Node (adapted from
// bindings-node/test/leak.test.mjs): tests/support/leak-child.mjs, in a process of its own with every debug switch on
// (NODE_DEBUG=*, RUST_LOG=trace, RUST_BACKTRACE=full), provokes every error code with a
// distinctive api key and prints every client, mock, reply, record, pager, bulk outcome, error,
// stack and warning every way a user might, then dies of an uncaught CakeError. Everything it
// wrote to stdout and stderr must hold the key in no form. (The package has no logger; the
// core's `log` records go nowhere: no `log` backend is installed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMock, refusingUrl } from '../support/mock.mjs';

// "/", "+" and spaces: the key's percent-encoded forms differ from it and from each other.
const KEY = 'w4sm-Th4t/Must Not+Leak';
const FORMS = [
  KEY,
  encodeURIComponent(KEY), // %2F, %20, %2B
  encodeURIComponent(KEY).replaceAll('%20', '+'), // form encoding
  new URLSearchParams({ k: KEY }).toString().slice(2),
  encodeURIComponent(KEY).toLowerCase().replace('w4sm-th4t', 'w4sm-Th4t').replace('must', 'Must').replace('not', 'Not').replace('leak', 'Leak'),
  JSON.stringify(KEY).slice(1, -1).replaceAll('/', '\\/'),
  Buffer.from(KEY).toString('base64'),
  'Th4t', // a fragment that survives a partial redaction
];

function run(urls) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../support/leak-child.mjs', import.meta.url)), KEY, ...urls], {
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
  const mock = await startMock({ apiKey: KEY });
  const other = await startMock({ apiKey: 'another-key' });
  // Where nothing listens, held for the child's whole run (a stopped mock's port could be
  // taken by another process meanwhile).
  const nobody = await refusingUrl();
  let code;
  let out;
  let err;
  try {
    ({ code, out, err } = await run([mock.url, other.url, nobody.url]));
  } finally {
    await mock.stop();
    await other.stop();
    await nobody.close();
  }
  const summaryLine = out.split('\n').find((line) => line.startsWith('SUMMARY '));
  assert.ok(summaryLine, `the child did not finish:\n${err.slice(-3000)}`);
  const summary = JSON.parse(summaryLine.slice('SUMMARY '.length));
  assert.deepEqual(summary.codes, ['api', 'connection', 'decode', 'http_status', 'rate_limited', 'timeout', 'unknown_outcome', 'validation']);
  assert.deepEqual(summary.causes, ['connection', 'decode', 'http_status', 'timeout']);
  assert.equal(code, 1, 'it ended on the uncaught CakeError');
  assert.match(err, /CakeError/);
  assert.match(err, /code: '\w+'/, 'Node printed the uncaught error with its properties');
  assert.match(out, /apiKey: '\*\*\*'/, 'the client is inspected as masked');
  // Node's own fetch tracing (NODE_DEBUG=fetch, part of "*") prints every request URL, and a
  // GET carries the key in its query string as CAKE's reference requires; those lines are
  // Node's, not the SDK's (a browser shows the same URLs in its network panel), so they are
  // set aside and counted, and everything else is scanned.
  const fetchTrace = /^FETCH \d+: .*$/gm;
  const traced = (out + err).match(fetchTrace) ?? [];
  assert.ok(traced.length > 0, 'NODE_DEBUG reached the child');
  const everything = (out + err).replace(fetchTrace, '');
  console.log(
    `wasm leak scan (in Node): codes ${summary.codes.join(',')}, unknown_outcome causes ${summary.causes.join(',')}; ` +
      `${summary.shown} values shown 7 ways each (inspect, console.log, console.error, String, JSON, stack, property descriptors), ` +
      `process warnings and an uncaught CakeError; ${out.length} chars stdout + ${err.length} chars stderr ` +
      `(NODE_DEBUG=*; ${traced.length} lines of Node's own fetch trace set aside) scanned for ${FORMS.length} forms of the key`,
  );
  for (const form of FORMS) {
    const at = everything.indexOf(form);
    assert.equal(at, -1, `${JSON.stringify(form)} leaked: ...${everything.slice(Math.max(0, at - 300), at + 60)}`);
  }
});
