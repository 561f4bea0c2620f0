// The browser package in a real browser: headless Chromium (Playwright) loads bench/browser/page.html
// from a static server on 127.0.0.1 (cross-origin isolated: COOP/COEP, for a finer clock) and
// calls the release cake-mock run.py started (CORS). Rows:
//   browser-reads       the package's Client vs a hand-written fetch + JSON.parse loop, same page
//   browser-cold-start  fresh context, module fetch + compile + instantiate + first validation:
//                       full build, validation build, zod; each as its ES modules are published,
//                       and bundled as a web app ships it (esbuild, minified: "bundled" rows)
//   browser-form        one offer form validated 10,000 times: p50/p99 µs per validation, vs zod
// The wasm package must be built (make -C bindings-wasm build) and bench/node's zod and esbuild
// installed (make bench-deps).
import { createServer } from 'node:http';
import { once } from 'node:events';
import { existsSync, createReadStream, rmSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ROOT, URL_, KEY, IDS, REPEAT, emit, note, needMock } from '../node/_common.mjs';

needMock();
const WASM = resolve(ROOT, 'bindings-wasm');
// Each entry as published (ES modules, one request per file), and what the page imports from it.
const MODULES = { full: '/bindings-wasm/js/index.js', validation: '/bindings-wasm/js/validation.js', zod: '/bench/node/node_modules/zod/index.js' };
const IMPORTED = { full: 'validate', validation: 'validate', zod: 'z' };
const ZOD = join(ROOT, MODULES.zod);
const ESBUILD = resolve(ROOT, 'bench/node/node_modules/esbuild/package.json');
if (!existsSync(join(WASM, 'dist/full/cake_wasm_bg.wasm')) || !existsSync(ZOD) || !existsSync(ESBUILD)) {
  note('NOTE: browser rows skipped: bindings-wasm is not built or bench/node has no zod or esbuild (make bench-wasm bench-deps)');
  process.exit(0);
}
const { chromium } = createRequire(join(WASM, 'package.json'))('playwright-core');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const COUNT = 5000;
const CONCURRENCY = 64;
const FORMS = 10_000;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// The bundles: each entry in one minified ES module, as a page's build would ship it (the
// package's esbuild plugin copies the .wasm beside the bundle). Published ES modules load one
// file per import (zod's classic API: dozens), which no production page does.
const BUNDLES = join(ROOT, 'target', 'bench-browser');
rmSync(BUNDLES, { recursive: true, force: true });
const esbuild = createRequire(join(ROOT, 'bench/node/package.json'))('esbuild');
const { default: cakeSdkWasm } = await import(pathToFileURL(join(WASM, 'js/esbuild.js')).href);
for (const [name, module] of Object.entries(MODULES)) {
  await esbuild.build({
    stdin: { contents: `export { ${IMPORTED[name]} } from ${JSON.stringify(join(ROOT, module))};`, resolveDir: ROOT, sourcefile: `${name}-entry.js` },
    bundle: true, format: 'esm', minify: true, target: 'es2022', logLevel: 'error',
    outfile: join(BUNDLES, `${name}.js`), plugins: [cakeSdkWasm()],
  });
}

// Only what the pages load.
const SERVED = [join(ROOT, 'bindings-wasm') + '/', join(ROOT, 'bench') + '/', BUNDLES + '/'];

const server = createServer((request, response) => {
  const path = normalize(join(ROOT, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
  if (!SERVED.some((dir) => path.startsWith(dir)) || !existsSync(path) || !statSync(path).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  });
  createReadStream(path).pipe(response);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const origin = `http://127.0.0.1:${server.address().port}`;
const PAGE = `${origin}/bench/browser/page.html`;

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  await page.goto(PAGE);
  await page.waitForFunction(() => window.bench !== undefined);
  if (!(await page.evaluate(() => window.crossOriginIsolated))) note('NOTE: the bench page is not cross-origin isolated');

  for (let round = 0; round < REPEAT; round++) {
    const r = await page.evaluate((args) => window.bench.reads(args), { url: URL_, key: KEY, ids: IDS, count: COUNT, concurrency: CONCURRENCY, clientFirst: round % 2 === 0 });
    emit('browser-reads', 'wasm Client (chromium)', r.clientMs / 1000, COUNT, { concurrency: CONCURRENCY });
    emit('browser-reads', 'fetch + JSON.parse (chromium)', r.fetchMs / 1000, COUNT, { concurrency: CONCURRENCY });

    for (const [which, bundled] of ['full', 'validation', 'zod'].flatMap((w) => [[w, false], [w, true]])) {
      const context = await browser.newContext();
      const cold = await context.newPage();
      await cold.goto(PAGE);
      await cold.waitForFunction(() => window.coldStart !== undefined);
      const url = bundled ? `/target/bench-browser/${which}.js` : MODULES[which];
      const ms = await cold.evaluate(([w, u]) => window.coldStart(w, u), [which, url]);
      await context.close();
      const impl = `${which === 'zod' ? 'zod v4' : `wasm ${which} build`}${bundled ? ', bundled' : ''} (chromium)`;
      // One "op": throughput = cold starts per second, so the ratio reads like the others.
      emit('browser-cold-start', impl, ms / 1000, 1, { ms: Number(ms.toFixed(1)) });
    }

    const forms = await page.evaluate((count) => window.bench.formLatency({ count }), FORMS);
    for (const [impl, { p50Us, p99Us }] of Object.entries(forms)) {
      // seconds = the median validation's time, so ops/s is validations per second at p50.
      emit('browser-form', `${impl} (chromium)`, p50Us / 1e6, 1, { p50_us: Number(p50Us.toFixed(2)), p99_us: Number(p99Us.toFixed(2)) });
    }
    note(`browser: round ${round + 1}/${REPEAT} done`);
  }
} finally {
  await browser.close();
  server.close();
}
