// How an attempt's outcome is classified, which decides whether it may be retried. First the
// JS transport alone (lib/transport.js, plain JS: the WebAssembly fallback's Client sends each
// attempt with it), then through a Client, where both engines must give the same results:
// reqwest sends natively, lib/transport.js in the fallback. Each server here is a local one
// that counts what reached it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Client, CakeError } from 'cake-sdk';
import { AFFILIATE, refusingUrl, rejection, until } from './helpers.mjs';

const { createTransport } = createRequire(import.meta.url)('../lib/transport.js');
const KEY = 'tr4nsport-SECRET-key';
const fixture = (name) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
// A self-signed certificate for localhost and 127.0.0.1, made for these tests and trusted by
// nothing.
const TLS = { key: fixture('self-signed.key'), cert: fixture('self-signed.crt') };
const SUCCESS = JSON.stringify({ request_status: 'Success', affiliate: { affiliate_id: 777, affiliate_name: 'Redirected Media' } });

/** A local server answering with `handle`; it records every request (method, url, body) and connection. */
async function serve(handle, { tls = false } = {}) {
  const requests = [];
  const sockets = [];
  const listener = (req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handle(req, res);
    });
  };
  const server = tls ? https.createServer(TLS, listener) : http.createServer(listener);
  server.on('connection', (socket) => {
    sockets.push(socket);
    // A client that drops the connection (what several tests check for) is no error here.
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`,
    requests,
    sockets,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves once the server's end of `socket` has closed (the client let go of it, reset or not). */
const closed = (socket) => (socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', resolve)));

const CALL = { cancel: false, method: 'GET', timeoutMs: 10_000, connectTimeoutMs: 10_000, userAgent: 'cake-sdk-test', maxResponseBytes: 1_000_000 };
let ids = 0;
/** One attempt through a fresh transport, settled into its outcome. */
function attempt(call, transport = createTransport()) {
  ids += 1;
  return transport({ ...CALL, id: ids, ...call });
}

const redirectTo = (location, status = 302) => (req, res) => {
  res.writeHead(status, { location });
  res.end();
};

test('transport: a refused connection is not_sent, its message keyless, and no connection was made', async () => {
  const nobody = await refusingUrl();
  try {
    const outcome = await attempt({ url: `${nobody.url}/api/2/offer.json?api_key=${KEY}` });
    assert.equal(outcome.kind, 'not_sent');
    assert.match(outcome.message, /ECONNREFUSED/);
    assert.doesNotMatch(outcome.message, new RegExp(KEY));
    assert.equal(nobody.accepted(), 0, 'no connection reached any listener');
  } finally {
    await nobody.close();
  }
});

test('transport: a host that does not resolve is not_sent', async () => {
  // .invalid never resolves (RFC 2606). Whether the resolver says so at once or stays silent
  // until the connect timeout, nothing was sent.
  const outcome = await attempt({ url: `http://cake-sdk-test.invalid/api/2/offer.json?api_key=${KEY}`, connectTimeoutMs: 2000 });
  assert.equal(outcome.kind, 'not_sent', outcome.message);
  assert.doesNotMatch(outcome.message, new RegExp(KEY));
});

test('transport: no answer within timeoutMs is timed_out, and the connection is closed', async () => {
  const silent = await serve(() => {});
  try {
    const outcome = await attempt({ url: `${silent.url}/slow?api_key=${KEY}`, timeoutMs: 200 });
    assert.equal(outcome.kind, 'timed_out');
    assert.equal(silent.requests.length, 1, 'it was sent: a write may have been applied');
    await closed(silent.sockets[0]);
  } finally {
    await silent.close();
  }
});

test('transport: a Content-Length above maxResponseBytes is too_large before reading', async () => {
  const big = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000000' });
    res.write('{"request_status":"Success"');
  });
  try {
    const outcome = await attempt({ url: `${big.url}/big`, maxResponseBytes: 1000 });
    assert.equal(outcome.kind, 'too_large');
    assert.equal(outcome.status, 200);
    assert.equal(outcome.body.length, 0, 'nothing was read');
    await closed(big.sockets[0]);
  } finally {
    await big.close();
  }
});

test('transport: a body without a length is cut at maxResponseBytes, its start kept', async () => {
  const endless = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"request_status":"Success","rows":[');
    const chunk = Buffer.alloc(16 * 1024, '1,');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', pump);
    pump();
  });
  try {
    const outcome = await attempt({ url: `${endless.url}/endless`, maxResponseBytes: 100_000 });
    assert.equal(outcome.kind, 'too_large');
    assert.ok(outcome.body.length <= 100_000, `${outcome.body.length} bytes kept`);
    assert.ok(outcome.body.toString().startsWith('{"request_status":"Success","rows":[1,'), outcome.body.subarray(0, 60).toString());
    await closed(endless.sockets[0]);
  } finally {
    await endless.close();
  }
});

test('transport: only retry-after and content-type are kept, repeats and order as sent', async () => {
  const server = await serve((req, res) => {
    res.writeHead(503, ['Content-Type', 'application/json', 'X-Other', '1', 'Retry-After', '2', 'Set-Cookie', 'a=b', 'Retry-After', '3']);
    res.end('{}');
  });
  try {
    const outcome = await attempt({ url: `${server.url}/h` });
    assert.equal(outcome.kind, 'answer');
    assert.equal(outcome.status, 503);
    assert.deepEqual(outcome.headers, [['content-type', 'application/json'], ['retry-after', '2'], ['retry-after', '3']]);
    assert.equal(outcome.body.toString(), '{}');
  } finally {
    await server.close();
  }
});

test('transport: redirects to the same origin are followed (303 as a GET, 307 with the body)', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/see-other') redirectTo('/final', 303)(req, res);
    else if (req.url === '/temporary') redirectTo('/final', 307)(req, res);
    else res.end(`${req.method} ${req.url}`);
  });
  try {
    const body = Buffer.from(JSON.stringify({ api_key: KEY, affiliate_name: 'x' }));
    const other = await attempt({ method: 'POST', url: `${server.url}/see-other`, body });
    assert.equal(other.kind, 'answer');
    assert.equal(other.body.toString(), 'GET /final');
    const temporary = await attempt({ method: 'POST', url: `${server.url}/temporary`, body });
    assert.equal(temporary.body.toString(), 'POST /final');
    assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.body.length]), [
      ['POST', '/see-other', body.length],
      ['GET', '/final', 0],
      ['POST', '/temporary', body.length],
      ['POST', '/final', body.length],
    ]);
    assert.equal(server.requests[3].headers['content-type'], 'application/json');
  } finally {
    await server.close();
  }
});

test('transport: a redirect to another origin is the answer; the other host gets nothing', async () => {
  const elsewhere = await serve((req, res) => res.end('stolen'));
  const server = await serve(redirectTo(`${elsewhere.url}/collect`, 307));
  try {
    const outcome = await attempt({ method: 'POST', url: `${server.url}/api/2/offer.json`, body: Buffer.from(`{"api_key":"${KEY}"}`) });
    assert.equal(outcome.kind, 'answer');
    assert.equal(outcome.status, 307);
    assert.equal(server.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
    assert.equal(elsewhere.sockets.length, 0);
  } finally {
    await server.close();
    await elsewhere.close();
  }
});

test('transport: at most 5 URLs per attempt; the last redirect is the answer', async () => {
  const server = await serve((req, res) => redirectTo(`/hop${Number(req.url.slice(4) || 0) + 1}`)(req, res));
  try {
    const outcome = await attempt({ url: `${server.url}/hop0` });
    assert.equal(outcome.kind, 'answer');
    assert.equal(outcome.status, 302);
    assert.deepEqual(server.requests.map((r) => r.url), ['/hop0', '/hop1', '/hop2', '/hop3', '/hop4']);
  } finally {
    await server.close();
  }
});

test('transport: cancel abandons the attempt and closes its connection', async () => {
  const silent = await serve(() => {});
  const transport = createTransport();
  try {
    ids += 1;
    const id = ids;
    // Settled into a value from the start: nothing is left unhandled whatever happens.
    const outcome = transport({ ...CALL, id, url: `${silent.url}/wait` }).then((value) => value, (error) => error);
    await until(() => silent.requests.length === 1, 'the request reached the server');
    assert.equal(transport({ id, cancel: true }), undefined);
    await closed(silent.sockets[0]);
    assert.equal((await outcome).kind, 'broken');
  } finally {
    await silent.close();
  }
});

test('transport: an untrusted certificate is untrusted, and no request was sent', async () => {
  const server = await serve((req, res) => res.end('{}'), { tls: true });
  try {
    const outcome = await attempt({ url: `${server.url}/api/2/offer.json?api_key=${KEY}` });
    assert.equal(outcome.kind, 'untrusted');
    assert.doesNotMatch(outcome.message, new RegExp(KEY));
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

// Through the Client: the same results from either engine.

test('client: a refused write is retried (nothing was sent) and ends as connection', async () => {
  const nobody = await refusingUrl();
  try {
    const client = new Client({ baseUrl: nobody.url, apiKey: KEY, maxRetries: 1 });
    const error = await rejection(client.createAffiliate(AFFILIATE));
    assert.ok(error instanceof CakeError);
    assert.equal(error.code, 'connection', error.message);
    assert.equal(error.attempts, 2);
    assert.doesNotMatch(error.message, new RegExp(KEY));
    assert.equal(nobody.accepted(), 0);
  } finally {
    await nobody.close();
  }
});

test('client: no answer in timeoutMs is timeout for a read, unknown_outcome for a write', async () => {
  const silent = await serve(() => {});
  try {
    const client = new Client({ baseUrl: silent.url, apiKey: KEY, timeoutMs: 200, maxRetries: 0 });
    const read = await rejection(client.listSubAffiliates());
    assert.equal(read.code, 'timeout', read.message);
    const write = await rejection(client.createAffiliate(AFFILIATE));
    assert.equal(write.code, 'unknown_outcome', write.message);
    assert.equal(write.causeCode, 'timeout');
    assert.equal(silent.requests.length, 2);
    assert.equal(silent.requests[1].headers['user-agent'], 'cake-sdk-node/0.1.0');
    assert.equal(silent.requests[1].headers['content-type'], 'application/json');
  } finally {
    await silent.close();
  }
});

test('client: a Content-Length above maxResponseBytes is decode at once, not retried', async () => {
  const big = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000000' });
    res.write('{');
  });
  try {
    const client = new Client({ baseUrl: big.url, apiKey: KEY, maxResponseBytes: 4096, maxRetries: 2 });
    const error = await rejection(client.listSubAffiliates());
    assert.equal(error.code, 'decode', error.message);
    assert.match(error.message, /larger than the client's limit of 4096 bytes \(maxResponseBytes\)/);
    assert.equal(error.attempts, 1);
    assert.equal(error.status, 200);
  } finally {
    await big.close();
  }
});

test('client: a redirect to another origin is not followed; a same-origin 307 is, body and all', async () => {
  const elsewhere = await serve((req, res) => res.end(SUCCESS));
  const server = await serve((req, res) => {
    if (req.url === '/api/2/affiliate.json') redirectTo('/moved/affiliate.json', 307)(req, res);
    else if (req.url === '/moved/affiliate.json') res.end(SUCCESS);
    else redirectTo(`${elsewhere.url}${req.url}`)(req, res);
  });
  try {
    const client = new Client({ baseUrl: server.url, apiKey: KEY, maxRetries: 0 });
    const created = await client.createAffiliate(AFFILIATE);
    assert.equal(created.affiliate_id, 777);
    assert.deepEqual(server.requests.map((r) => [r.method, r.url]), [['POST', '/api/2/affiliate.json'], ['POST', '/moved/affiliate.json']]);
    assert.equal(server.requests[1].body, server.requests[0].body, 'the same body, sent again to the same origin');
    const error = await rejection(client.listSubAffiliates());
    assert.equal(error.code, 'http_status', error.message);
    assert.equal(error.status, 302);
    assert.equal(elsewhere.requests.length, 0, 'the key went nowhere else');
  } finally {
    await server.close();
    await elsewhere.close();
  }
});

test('client: an untrusted certificate ends as connection at once, nothing sent', async () => {
  const server = await serve((req, res) => res.end(SUCCESS), { tls: true });
  try {
    const client = new Client({ baseUrl: server.url, apiKey: KEY, maxRetries: 2 });
    const error = await rejection(client.createAffiliate(AFFILIATE));
    assert.equal(error.code, 'connection', error.message);
    assert.match(error.message, /certificate is not trusted/);
    assert.equal(error.attempts, 1, 'not retried: it would not change');
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});
