// Memory and stability under load: rounds of getAffiliateOffer calls from one Client at
// concurrency 256 (test/load-driver.mjs, a process of its own), against a mock in another
// process (test/mock-process.mjs), on 127.0.0.1; so the RSS measured is the client's alone.
// Every answer is checked; RSS is read at the start, after each round (after a full GC), at
// its peak and at the end, and must show no growth trend across rounds.
//
// The driver runs with V8's young generation pinned (--min/--max-semi-space-size=16): with
// V8's defaults it grows the young generation in steps of several MB under heavy allocation, at
// moments of its choosing, and keeps the pages. Measured with the defaults over 10 x 5,000: RSS
// stepped up by 13 and 14 MB at rounds 2 and 6 while the JS heap in use after GC stayed at
// 4.8-4.9 MB; that is V8's sizing, not the SDK's. Pinned, those steps are gone, but V8 still
// grows its old space in steps of its own (a `make soak` run of 2026-12-07: V8's committed heap
// 20.5, 20.5, 20.5, then 32.8 MB after round 4, the JS heap in use 4.2-4.3 MB throughout, the
// memory outside it 1.6 MB up from round 2). So RSS is reported, and its two parts are held
// flat: the memory outside V8's heap (Rust, napi, libuv) and the JS heap in use after a full GC.
// A leak on either side of the boundary shows in one of them, and is named.
//
// `make test` runs CAKE_LOAD_ROUNDS x CAKE_LOAD_REQUESTS = 4 x 300; `make soak` runs 4 x 5,000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.CAKE_LOAD_ROUNDS ?? 4);
const PER_ROUND = Number(process.env.CAKE_LOAD_REQUESTS ?? 300);
const CONCURRENCY = 256;
const KEY = 'load-key';
// Allowed growth of the memory outside V8's heap from the end of round 2 to the end of the last
// round. Measured (as RSS, with V8's heap flat in those runs) pinned over
// 30 x 5,000 (150,000 requests, 2 shared cores): RSS 92.0 MB after round 2, then between 92.8
// and 94.2 MB up to round 30 (93.6 at the end), no trend; JS heap in use 3.9-4.1 MB. Under the
// test runner, with other builds on the machine, rounds of 5,000 move up and down by up to
// 3.6 MB from one to the next (an 8-round run: 104.8, 101.6, 101.9, 103.6, 107.2, 103.9,
// 105.4 MB after rounds 2-8; a 4-round run: 103.6, 104.4, 104.6): allocator noise, not a
// trend. With rounds of 5,000 or more (`make soak`) the margin is 8 MB, about 1.4 times the
// widest spread seen (5.6 MB); a leak of 600 bytes per call fails the full run (15,000 calls
// after round 2: 8.6 MB), and the JS heap check below fails a JS leak of ~70 bytes per call.
// The short rounds of `make test` (300 calls) end inside the allocator's warm-up (~15,000
// calls here): rounds 2 -> 4 grew 0.7 to 4.8 MB in seven runs, then nothing more in longer
// runs. There the margin is 12 MB: a smoke test for gross leaks (~20 KB per call); the full
// run is the measure.
const RSS_MARGIN_KB = (PER_ROUND >= 5000 ? 8 : 12) * 1024;
const HEAP_MARGIN_KB = 1024;

function lines(child) {
  const iterator = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return async () => {
    const { value, done } = await iterator.next();
    if (done) throw new Error('the process ended early');
    return JSON.parse(value);
  };
}

function start(script, args, execArgv = []) {
  const child = spawn(process.execPath, [...execArgv, fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, next: lines(child), exited };
}

test(`memory is flat across ${ROUNDS} rounds of ${PER_ROUND} calls at concurrency ${CONCURRENCY}`, { timeout: 900_000 }, async () => {
  const mock = start('./mock-process.mjs', [KEY]);
  let driver;
  try {
    const { url } = await mock.next();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    driver = start('./load-driver.mjs', [url, KEY, String(ROUNDS), String(PER_ROUND), String(CONCURRENCY)], [
      '--expose-gc',
      '--min-semi-space-size=16',
      '--max-semi-space-size=16',
    ]);
    const first = await driver.next();
    assert.equal(first.at, 'start');
    const after = [];
    for (let round = 0; round < ROUNDS; round++) {
      const measured = await driver.next();
      assert.equal(measured.at, 'round');
      assert.equal(measured.checked, PER_ROUND, 'every call answered and checked');
      assert.equal(measured.most, Math.min(CONCURRENCY, PER_ROUND));
      assert.equal(measured.inFlight, 0, 'no native call left behind');
      after.push(measured);
    }
    const end = await driver.next();
    assert.equal(end.at, 'end');
    assert.equal(await driver.exited, 0);
    mock.child.stdin.end();
    const served = await mock.next();
    assert.equal(await mock.exited, 0);

    const total = ROUNDS * PER_ROUND;
    const time = after.reduce((sum, r) => sum + r.seconds, 0);
    const mb = (kb) => (kb / 1024).toFixed(1);
    const series = (key) => `[${after.map((a) => mb(a[key])).join(', ')}]`;
    const growth = (key) => after.at(-1)[key] - after[1][key];
    const line =
      `node load: ${total} getAffiliateOffer in ${ROUNDS} rounds at concurrency ${CONCURRENCY}, ${time.toFixed(1)} s ` +
      `(${(total / time).toFixed(0)}/s); RSS MB start ${mb(first.rss)}, after rounds ${series('rss')}, ` +
      `peak ${mb(end.peakKb)} (VmHWM ${mb(end.hwmKb)}), end ${mb(end.rss)}; of which V8 heap ${series('v8Heap')} ` +
      `(in use ${series('used')}), outside V8's heap ${series('native')}; threads [${after.map((a) => a.threads).join(', ')}]; last-second: RSS ${(growth('rss') / 1024).toFixed(1)} MB, ` +
      `outside heap ${(growth('native') / 1024).toFixed(1)} MB (margin ${RSS_MARGIN_KB / 1024}), heap in use ` +
      `${(growth('used') / 1024).toFixed(1)} MB (margin ${HEAP_MARGIN_KB / 1024}); mock process (request log kept): ` +
      `${served.requests} requests, RSS ${mb(served.rssKb)} MB, peak ${mb(served.hwmKb)} MB`;
    console.log(line);
    assert.equal(served.requests, total, 'every call reached the mock exactly once');
    assert.ok(ROUNDS >= 3);
    // Not RSS as a whole: V8 grows its old space in steps of its own choosing and keeps the
    // pages after a full GC (natively, above; in the WebAssembly fallback, where each attempt
    // is also sent from JS, one step of 9 MB within 4 rounds of 300), the heap in use flat.
    assert.ok(growth('native') <= RSS_MARGIN_KB, `memory outside V8's heap grows across rounds: ${line}`);
    assert.ok(growth('used') <= HEAP_MARGIN_KB, `the JS heap in use grows across rounds: ${line}`);
    assert.ok(end.peakKb >= Math.max(...after.map((a) => a.rss)));
  } finally {
    for (const process of [driver, mock]) if (process && process.child.exitCode === null) process.child.kill();
  }
});
