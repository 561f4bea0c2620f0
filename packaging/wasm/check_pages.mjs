// Checks the pages packaging/wasm/check.sh built from the installed cake-sdk-wasm tarball, one
// per bundler and entry point. Run from the driver project (playwright-core and the tarball
// installed there):
//   node check_pages.mjs <results.json> <screenshots dir> <bundler>:<entry>:<output dir>...
// For each page:
//   - the bundle: exactly one .wasm emitted, byte for byte the package's build for its entry
//     (the validation page ships dist/validation only), the JS names that file and no other
//     .wasm, and no module is inlined as data: URL;
//   - in headless Chromium (Debian's, through playwright-core, with a fresh --user-data-dir):
//     the page loads its build, a wrong offer shows exactly the issues validate() gives in
//     Node for the same values, a right one shows none and its margin.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import * as sdk from 'cake-sdk-wasm/validation';

const [resultsFile, shots, ...pages] = process.argv.slice(2);
const require = createRequire(join(process.cwd(), 'package.json'));
const packageDir = join(require.resolve('cake-sdk-wasm/package.json'), '..');
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const BUILDS = Object.fromEntries(
  ['full', 'validation'].map((build) => [sha(readFileSync(join(packageDir, `dist/${build}/cake_wasm_bg.wasm`))), build]),
);
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const WRONG = {
  offer_name: '', advertiser_id: '101', vertical_id: '7', offer_url: 'not a url',
  payout: '9.123456', payout_type: 'cpx', revenue: '30.00',
};
const RIGHT = {
  offer_name: 'Summer Sale CPA', advertiser_id: '101', vertical_id: '7',
  offer_url: 'https://track.example.com/c?o={offer_id}&a={aff_id}', payout: '24.00', payout_type: 'cpa', revenue: '30.00',
};
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

const failures = [];
const fail = (page, message) => failures.push(`${page}: ${message}`);

function files(dir) {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile());
}

function checkBundle(name, entry, dir) {
  const all = files(dir);
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  const js = all.filter((f) => f.endsWith('.js'));
  const emitted = wasm.map((f) => ({ file: f, build: BUILDS[sha(readFileSync(join(dir, f)))] ?? 'unknown', size: statSync(join(dir, f)).size }));
  if (emitted.length !== 1 || emitted[0].build !== entry) {
    fail(name, `emits ${JSON.stringify(emitted.map((e) => `${e.file} (${e.build})`))}, not the ${entry} build alone`);
  }
  const text = js.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  // Names in string literals (a bundler's path comments do not count).
  const named = [...new Set([...text.matchAll(/["'`]([^"'`\s]*?\.wasm)["'`]/g)].map((m) => m[1].split('/').pop()))];
  const shipped = emitted.map((e) => e.file.split(/[\\/]/).pop());
  if (named.length !== 1 || named[0] !== shipped[0]) fail(name, `its JS names ${JSON.stringify(named)}, not ${JSON.stringify(shipped)}`);
  if (/data:application\/wasm|AGFzbQ/.test(text)) fail(name, 'a WebAssembly module is inlined in the JS');
  const jsBytes = Buffer.from(text);
  return {
    wasm: emitted,
    js: { files: js.length, raw: jsBytes.length, gzip: gzipSync(jsBytes, { level: 9 }).length },
  };
}

async function serve(dir) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (relative(dir, file).startsWith('..')) return response.writeHead(403).end();
    try {
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

async function fillAndCheck(page, values) {
  for (const [field, value] of Object.entries(values)) await page.fill(`input[name="${field}"]`, value);
  const before = Number((await page.getAttribute('body', 'data-checked')) ?? 0);
  await page.click('#check');
  await page.waitForFunction((n) => Number(document.body.dataset.checked ?? 0) > n, before);
  const shown = await page.$$eval('#issues li', (items) => items.map((li) => [li.dataset.field, li.dataset.code, li.dataset.severity]));
  return { shown, margin: await page.inputValue('#margin').catch(() => page.$eval('#margin', (o) => o.value)) };
}

const expected = (values) => sdk.validate('create_offer', values).map((i) => [i.field, i.code, i.severity]);

const results = [];
const profile = mkdtempSync(join(tmpdir(), 'cake-chromium-'));
mkdirSync(shots, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
});
try {
  for (const spec of pages) {
    const [bundler, entry, dir] = spec.split(':');
    const name = `${bundler} page importing ${entry === 'full' ? 'cake-sdk-wasm' : 'cake-sdk-wasm/validation'}`;
    const bundle = checkBundle(name, entry, dir);
    const { server, url } = await serve(dir);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()} for ${response.url()}`));
    const outsideRequests = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) outsideRequests.push(request.url());
    });
    const record = { bundler, entry, dir, ...bundle };
    try {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      const build = await page.getAttribute('body', 'data-build');
      if (build !== entry) fail(name, `the page runs the ${build} build`);
      const wrong = await fillAndCheck(page, WRONG);
      const wanted = expected(WRONG);
      if (JSON.stringify(wrong.shown) !== JSON.stringify(wanted)) {
        fail(name, `a wrong offer shows ${JSON.stringify(wrong.shown)}, validate() in Node gives ${JSON.stringify(wanted)}`);
      }
      if (!wrong.shown.some(([field, code]) => field === 'offer_name' && code === 'required')) fail(name, 'no required offer_name');
      await page.screenshot({ path: join(shots, `${bundler}-${entry}-wrong.png`), fullPage: true });
      const right = await fillAndCheck(page, RIGHT);
      if (right.shown.some(([, , severity]) => severity === 'error')) fail(name, `a right offer shows errors: ${JSON.stringify(right.shown)}`);
      if (right.margin !== '6.00') fail(name, `margin ${JSON.stringify(right.margin)}, not "6.00"`);
      record.browser = { wrong: wrong.shown, right: right.shown, margin: right.margin };
    } catch (error) {
      fail(name, `in Chromium: ${error.message}`);
    } finally {
      if (errors.length) fail(name, `page errors: ${errors.join(' | ')}`);
      if (outsideRequests.length) fail(name, `requests beyond the page's server: ${outsideRequests.join(', ')}`);
      await page.close();
      server.close();
    }
    results.push(record);
    const wasm = bundle.wasm.map((w) => `${w.file} (${w.build}, ${w.size} bytes)`).join(', ');
    console.log(`${name}: emits ${wasm}; JS ${bundle.js.files} file(s), ${bundle.js.gzip} bytes gzip; ` +
      (record.browser ? `Chromium: ${record.browser.wrong.length} issues shown for the wrong offer, margin ${record.browser.margin} for the right one` : 'Chromium: not run'));
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
writeFileSync(resultsFile, JSON.stringify({ results, failures }, null, 1));
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exitCode = failures.length ? 1 : 0;
