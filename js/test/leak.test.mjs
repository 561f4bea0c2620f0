// Secret-leak scan: support/leak-child.mjs, in a process of its own on this engine with every
// debug switch on (NODE_DEBUG=*, RUST_LOG=trace, RUST_BACKTRACE=full), provokes every error code
// with a distinctive api key and prints every client, reply, record, pager, bulk outcome,
// error, stack and warning every way a user might (on the native engine also the addon's raw
// client and the package's in-process MockServer), then dies of an uncaught CakeError.
// Everything it wrote to stdout and stderr must hold the key in no form. (Neither package has
// a logger of its own by default, and core's `log` records go nowhere: no `log` backend is
// installed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINE } from './support/sdk.mjs';
import { startMock, refusingUrl } from './support/mock.mjs';

// "/", "+" and spaces: the key's percent-encoded forms differ from it and from each other.
const KEY = `${ENGINE === 'native' ? 'n0de' : 'w4sm'}-Th4t/Must Not+Leak`;
const PREFIX = KEY.slice(0, 9); // n0de-Th4t, w4sm-Th4t
const FORMS = [
  KEY,
  encodeURIComponent(KEY), // %2F, %20, %2B
  encodeURIComponent(KEY).replaceAll('%20', '+'), // form encoding
  new URLSearchParams({ k: KEY }).toString().slice(2),
  encodeURIComponent(KEY).toLowerCase().replace(PREFIX.toLowerCase(), PREFIX).replace('must', 'Must').replace('not', 'Not').replace('leak', 'Leak'),
  JSON.stringify(KEY).slice(1, -1).replaceAll('/', '\\/'),
  Buffer.from(KEY).toString('base64'),
  'Th4t', // a fragment that survives a partial redaction
];

function run(urls) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./support/leak-child.mjs', import.meta.url)), KEY, ...urls], {
      env: { ...process.env, CAKE_ENGINE: ENGINE, NODE_DEBUG: '*', RUST_LOG: 'trace', RUST_BACKTRACE: 'full', CAKE_API_KEY: '', CAKE_BASE_URL: '' },
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
  const mock = await startMock({ apiKey: KEY, seed: 3 });
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
  assert.equal(summary.engine, ENGINE);
  assert.deepEqual(summary.codes, ['api', 'connection', 'decode', 'http_status', 'rate_limited', 'timeout', 'unknown_outcome', 'validation']);
  assert.deepEqual(summary.causes, ['connection', 'decode', 'http_status', 'timeout']);
  assert.equal(code, 1, 'it ended on the uncaught CakeError');
  assert.match(err, /CakeError/);
  assert.match(err, /code: '\w+'/, 'Node printed the uncaught error with its properties');
  assert.match(out, /apiKey: '\*\*\*'/, 'the client is inspected as masked');
  // Node's own fetch tracing (NODE_DEBUG=fetch, part of "*") prints every request URL: the
  // child's /_mock control calls on both engines, and on the wasm engine (which sends with
  // fetch) every CAKE request too, where a GET carries the key in its query string as CAKE's
  // reference requires. Those lines are Node's, not the SDK's (a browser shows the same URLs in
  // its network panel), so on the wasm engine they are set aside and counted, and everything
  // else is scanned. The native engine sends with its own HTTP client: there nothing is set
  // aside.
  const fetchTrace = /^FETCH \d+: .*$/gm;
  const traced = (out + err).match(fetchTrace) ?? [];
  assert.ok(traced.length > 0, 'NODE_DEBUG reached the child');
  const everything = ENGINE === 'wasm' ? (out + err).replace(fetchTrace, '') : out + err;
  console.log(
    `${ENGINE} leak scan: codes ${summary.codes.join(',')}, unknown_outcome causes ${summary.causes.join(',')}; ` +
      `${summary.shown} values shown 7 ways each (inspect, console.log, console.error, String, JSON, stack, property descriptors), ` +
      `process warnings and an uncaught CakeError; ${out.length} chars stdout + ${err.length} chars stderr ` +
      `(NODE_DEBUG=*; ${ENGINE === 'wasm' ? `${traced.length} lines of Node's own fetch trace set aside` : 'nothing set aside'}) ` +
      `scanned for ${FORMS.length} forms of the key`,
  );
  for (const form of FORMS) {
    const at = everything.indexOf(form);
    assert.equal(at, -1, `${JSON.stringify(form)} leaked: ...${everything.slice(Math.max(0, at - 300), at + 60)}`);
  }
});
