// examples/node/sync-offers.mjs runs against the mock: by default its own built-in one, or the
// one CAKE_BASE_URL names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFER, startMock } from './helpers.mjs';

const script = fileURLToPath(new URL('../../examples/node/sync-offers.mjs', import.meta.url));

// Not spawnSync: while the example talks to a MockServer of this process, this process's
// event loop must run (the WebAssembly fallback serves the mock from it).
async function runExample(args = [], env = {}) {
  const clean = { ...process.env };
  delete clean.CAKE_BASE_URL;
  delete clean.CAKE_API_KEY;
  const child = spawn(process.execPath, [script, ...args], { env: { ...clean, ...env }, timeout: 60_000 });
  const out = [];
  const err = [];
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => err.push(chunk));
  const [code] = await once(child, 'close');
  return { code, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() };
}

test('sync-offers.mjs with its offers.json against the built-in mock', async () => {
  const { code, out, err } = await runExample();
  assert.equal(code, 0, `${out}\n${err}`);
  const lines = out.trim().split('\n');
  assert.match(lines[0], /^sync-offers: 5 offers from offers\.json -> http:\/\/127\.0\.0\.1:\d+ \(built-in mock\)$/);
  assert.match(lines[1], /^created  offer 1234[789]  "Summer Sale CPA"  status active  payout 24\.00  revenue 30\.00  margin 6\.00$/);
  assert.match(lines[2], /^created  offer 1234[789]  "Insurance Leads US"  status active  payout 42\.50  revenue 55\.00  margin 12\.50$/);
  assert.match(lines[3], /^created  offer 1234[789]  "Mobile Game Installs"  status pending  payout 1\.75  revenue 2\.10  margin 0\.35$/);
  assert.equal(lines[4], 'updated  offer 12345  "Legacy Offer A"  status active  payout 26.50  revenue 33.00  margin 6.50');
  assert.equal(lines[5], 'updated  offer 12346  "Legacy Offer B"  status inactive  payout 5.00  revenue -  expires 2027-01-31 23:59:59');
  assert.equal(lines[6], 'done: 5 ok, 0 invalid, 0 failed, 0 unknown outcome');
  assert.equal(new Set(lines.slice(1, 4).map((l) => l.split(/\s+/)[2])).size, 3);
});

test('sync-offers.mjs against CAKE_BASE_URL, reporting bad items and exiting 1', async () => {
  const mock = await startMock();
  const dir = mkdtempSync(join(tmpdir(), 'cake-example-'));
  try {
    mock.seed({ offers: [OFFER] });
    const file = join(dir, 'mixed.json');
    writeFileSync(file, JSON.stringify([
      { ...OFFER, offer_name: 'Fine' },
      { ...OFFER, offer_name: 'Broken', offer_url: 'not a url', payout: '1.23456' },
      { offer_id: 12345, payout: 99, revenue: 100 },
      { offer_id: 424242, payout: 1 },
    ]));
    const { code, out, err } = await runExample([file], { CAKE_BASE_URL: mock.url, CAKE_API_KEY: mock.apiKey });
    assert.equal(code, 1, `${out}\n${err}`);
    const lines = out.trim().split('\n');
    assert.equal(lines[0], `sync-offers: 4 offers from mixed.json -> ${mock.url}`);
    assert.match(lines[1], /^created  offer 12346  "Fine"/);
    assert.match(lines[2], /^invalid  item 2  offer_url: must be an absolute http\(s\) URL.* \(invalid_url\)$/);
    assert.match(lines[3], /^invalid  item 2  payout: .* \(too_many_decimals\)$/);
    assert.equal(lines[4], 'updated  offer 12345  "Summer Sale CPA"  status active  payout 99.00  revenue 100.00  margin 1.00');
    assert.equal(lines[5], 'failed   item 4  api: update_offer: CAKE answered "Failure": offer_id: no offer with id 424242');
    assert.equal(lines[6], 'done: 2 ok, 1 invalid, 1 failed, 0 unknown outcome');
    assert.deepEqual(mock.state().offers.map((o) => o.offer_name), ['Summer Sale CPA', 'Fine']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await mock.stop();
  }
});
