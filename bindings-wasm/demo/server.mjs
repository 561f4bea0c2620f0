// The demo's server: serves the offer form page and the package, and is the same-origin proxy
// the page calls. The proxy forwards only the eight CAKE endpoints, and sets api_key itself
// (whatever the browser sent is replaced), so the key stays on the server.
//
//   node demo/server.mjs [--port 8080] [--mock-url http://127.0.0.1:PORT --api-key KEY]
//
// Without --mock-url it starts cake-mock (target/wasm/debug/cake-mock) with a random key.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { extname, normalize, sep } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const API_PATHS = new Set([
  '/api/2/affiliate.json',
  '/api/2/update_affiliate.json',
  '/api/2/affiliate_offer.json',
  '/api/2/offer.json',
  '/api/2/update_offer.json',
  '/api/2/sub_affiliates.json',
  '/api/2/sub_affiliate.json',
  '/api/2/report/sub_affiliate.json',
]);
const MAX_BODY = 1 << 20;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};
// What the page may load: the demo's files, and the package's modules.
const STATIC = { '/': 'index.html', '/demo.js': 'demo.js', '/demo.css': 'demo.css', '/form-lib.js': 'form-lib.js' };

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function failure(res, status, message) {
  send(res, status, 'application/json', JSON.stringify({ request_status: 'Failure', errors: [message] }));
}

async function serveFile(res, file) {
  try {
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
  } catch {
    send(res, 404, 'text/plain', 'not found');
  }
}

/** `/pkg/js/...` and `/pkg/dist/...` from the package, never anything above it. */
function packageFile(pathname) {
  const relative = normalize(decodeURIComponent(pathname.slice('/pkg/'.length)));
  if (!/^(js|dist)[/\\]/.test(relative) || relative.split(sep).includes('..')) return null;
  return packageRoot + relative;
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function proxy(req, res, url, upstream, apiKey) {
  const target = new URL(url.pathname, upstream);
  let body;
  if (req.method === 'GET') {
    // api_key first, as the reference's samples; the browser's own api_key is dropped.
    target.searchParams.set('api_key', apiKey);
    for (const [name, value] of url.searchParams) if (name !== 'api_key') target.searchParams.append(name, value);
  } else if (req.method === 'POST') {
    let params;
    try {
      params = JSON.parse(await readBody(req));
    } catch {
      return failure(res, 400, 'the body must be a JSON object');
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      return failure(res, 400, 'the body must be a JSON object');
    }
    delete params.api_key;
    body = JSON.stringify({ api_key: apiKey, ...params });
  } else {
    return failure(res, 405, 'method not allowed');
  }
  let answer;
  try {
    answer = await fetch(target, { method: req.method, headers: body ? { 'content-type': 'application/json' } : {}, body });
  } catch {
    return failure(res, 502, 'the CAKE server cannot be reached');
  }
  const headers = { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' };
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter) headers['retry-after'] = retryAfter;
  res.writeHead(answer.status, headers);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/** Starts the demo server; resolves with `{url, close}`. */
export async function startDemoServer({ port = 0, host = '127.0.0.1', mockUrl, apiKey }) {
  if (!mockUrl || !apiKey) throw new Error('startDemoServer needs mockUrl and apiKey');
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (API_PATHS.has(url.pathname)) return await proxy(req, res, url, mockUrl, apiKey);
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
      if (url.pathname in STATIC) return await serveFile(res, here + STATIC[url.pathname]);
      const file = url.pathname.startsWith('/pkg/') ? packageFile(url.pathname) : null;
      if (file) return await serveFile(res, file);
      send(res, 404, 'text/plain', 'not found');
    } catch (error) {
      failure(res, 500, 'proxy error');
      console.error('demo server:', error.message);
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function startMock() {
  const binary = process.env.CAKE_MOCK_BIN ?? fileURLToPath(new URL('../../target/wasm/debug/cake-mock', import.meta.url));
  const apiKey = randomUUID();
  const child = spawn(binary, ['--port', '0', '--api-key', apiKey], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`cake-mock exited with ${code}`)));
  });
  return { url, apiKey, child };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  let mockUrl = option('--mock-url');
  let apiKey = option('--api-key');
  let mock;
  if (!mockUrl) {
    mock = await startMock();
    ({ url: mockUrl, apiKey } = mock);
    console.log(`cake-mock at ${mockUrl} (the key is known only to this server)`);
  }
  const demo = await startDemoServer({ port: Number(option('--port') ?? 8080), mockUrl, apiKey });
  console.log(`Offer form demo: ${demo.url}  (Ctrl-C to stop)`);
  const stop = async () => {
    mock?.child.kill('SIGTERM');
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
