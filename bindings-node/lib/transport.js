'use strict';
// The client's transport in the WebAssembly fallback, where WASI has no sockets: core
// (src/transport.rs) hands each HTTP attempt here and gets its outcome back. Only the sending is
// here; retries, deadlines, pages and bulk stay in core. The outcome kinds are core's `Attempt`:
//   answer      status, the retry-after and content-type headers, the body;
//   too_large   the answer passed maxResponseBytes (a Content-Length above it is refused before
//               reading; else the body is read chunk by chunk and cut there); its start is kept;
//   not_sent    the request cannot have left: refused, no such host, no connection in time;
//   untrusted   the server's TLS certificate is not trusted (nothing was sent);
//   timed_out   the attempt passed its timeout (core's per-attempt timeout, answer included);
//   broken      any other failure once the request may have left.
//
// node:http and node:https, not the global fetch (undici): whether a request can have left
// decides whether even a write may be retried, and node:http shows it exactly (the socket's
// connect, or its TLS handshake, comes before anything is written), where fetch folds every
// failure into one "fetch failed" whose cause varies with undici's version. node:http also
// gives the raw headers, reading with backpressure, and redirects left to us, to follow by
// core's rule (below).
//
// Redirects are followed only to the origin (scheme, host, port) of the first URL, so a body or
// query holding the api key is never replayed to another host, and only while fewer than 5 URLs
// were asked in the attempt (at most 4 redirects, as reqwest counts them natively); otherwise
// the redirect is the answer. 301, 302 and 303 turn a POST into a GET without its body; 307 and
// 308 keep both.
//
// No message here ever holds the URL or the body: both hold the api key.

const http = require('node:http');
const https = require('node:https');
const { urlToHttpOptions } = require('node:url');

const KEPT_HEADERS = new Set(['retry-after', 'content-type']);
const MAX_REDIRECT_URLS = 5;
const IDLE_TIMEOUT_MS = 90_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// A header value core keeps: visible ASCII and tabs, as Rust's HeaderValue::to_str accepts.
const VISIBLE = /^[\t\x20-\x7e]*$/;
// What Node's TLS layer reports for a certificate it does not trust (OpenSSL's verify errors,
// and the host name check).
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/;

function sameOrigin(a, b) {
  const port = (url) => url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  return a.protocol === b.protocol && a.hostname === b.hostname && port(a) === port(b);
}

function keptHeaders(raw) {
  const kept = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (KEPT_HEADERS.has(name) && VISIBLE.test(raw[i + 1])) kept.push([name, raw[i + 1]]);
  }
  return kept;
}

/**
 * A transport for one Client: its own connection pools (kept alive, as reqwest's are), and the
 * attempts in flight by id. `send(call)` is what the addon calls: an attempt (a Promise of its
 * outcome, never rejected) or `{ id, cancel: true }` when core dropped one (a timeout, an abort).
 */
function createTransport() {
  // Idle connections are closed after 90 s, as reqwest's pool closes them natively.
  const pool = { keepAlive: true, timeout: IDLE_TIMEOUT_MS };
  const agents = { 'http:': new http.Agent(pool), 'https:': new https.Agent(pool) };
  const inFlight = new Map();

  function send(call) {
    if (call.cancel) {
      inFlight.get(call.id)?.();
      return undefined;
    }
    return new Promise((resolve) => attempt(call, resolve));
  }

  function attempt(call, resolve) {
    let first;
    try {
      first = new URL(call.url);
      if (first.protocol !== 'http:' && first.protocol !== 'https:') throw new Error(`unsupported scheme ${first.protocol}`);
    } catch (error) {
      resolve({ kind: 'not_sent', message: `not a URL this client can send to: ${error.code ?? error.message}` });
      return;
    }
    // Whatever a message holds, the URL and its query (with the key) are not in it.
    const secrets = [call.url, first.search].filter((text) => text.length > 1);
    const clean = (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), String(text));
    let request = null;
    let settled = false;
    let urls = 0;

    const timer = setTimeout(() => finish({ kind: 'timed_out' }), call.timeoutMs);
    function finish(outcome, keep = false) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      inFlight.delete(call.id);
      // An answer read to its end leaves its connection to the pool; anything else closes it.
      if (!keep) request?.destroy();
      resolve(outcome);
    }
    inFlight.set(call.id, () => finish({ kind: 'broken', message: 'the attempt was abandoned' }));

    function failed(error, reached) {
      const message = clean(error?.message ?? error);
      const code = String(error?.code ?? '');
      if (!reached && CERTIFICATE.test(code)) finish({ kind: 'untrusted', message });
      else if (!reached) finish({ kind: 'not_sent', message });
      else finish({ kind: 'broken', message });
    }

    function go(url, method, body) {
      urls += 1;
      const headers = { 'user-agent': call.userAgent, accept: '*/*' };
      if (body) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(body.length);
      }
      let req;
      try {
        // A bare path at first: node:http prints a new connection's options under
        // NODE_DEBUG=http, and the path may hold the key (a GET's query; a base URL can too).
        // The real path is set before anything is written.
        const { protocol, hostname, port, auth, path } = urlToHttpOptions(url);
        const options = { protocol, hostname, port, auth, path: '/', method, headers, agent: agents[url.protocol] };
        req = (url.protocol === 'https:' ? https : http).request(options);
        req.path = path;
      } catch (error) {
        failed(error, false);
        return;
      }
      request = req;
      // Events of a request left behind by a redirect are not this attempt's any more.
      const current = () => request === req && !settled;
      // Whether the request may have left: at once on a pooled connection, else once connected
      // (TLS: once the handshake is done). A failure before that is not_sent.
      let reached = false;
      let connectTimer = null;
      req.once('socket', (socket) => {
        if (req.reusedSocket || (!socket.encrypted && !socket.connecting)) {
          reached = true;
          return;
        }
        socket.once(socket.encrypted ? 'secureConnect' : 'connect', () => {
          reached = true;
          clearTimeout(connectTimer);
        });
        connectTimer = setTimeout(() => {
          if (!reached && current()) failed(new Error(`no connection within ${call.connectTimeoutMs} ms`), false);
        }, call.connectTimeoutMs);
      });
      req.once('close', () => clearTimeout(connectTimer));
      req.on('error', (error) => {
        if (current()) failed(error, reached);
      });
      req.once('response', (res) => {
        if (current()) answered(res, url, method, body);
        else res.on('error', () => {}).destroy();
      });
      req.end(body ?? undefined);
    }

    function answered(res, url, method, body) {
      const status = res.statusCode;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location !== undefined) {
        let next = null;
        try {
          next = new URL(location, url);
        } catch {
          // Not a URL: the redirect is the answer.
        }
        if (next && sameOrigin(first, next) && urls < MAX_REDIRECT_URLS) {
          // Its body is not read; its errors are no longer this attempt's.
          res.on('error', () => {});
          res.resume();
          if (status === 307 || status === 308) go(next, method, body);
          else go(next, 'GET', null);
          return;
        }
      }
      const headers = keptHeaders(res.rawHeaders);
      const limit = call.maxResponseBytes;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        finish({ kind: 'too_large', status, body: Buffer.alloc(0) });
        return;
      }
      const chunks = [];
      let size = 0;
      let complete = false;
      res.on('data', (chunk) => {
        if (settled) return;
        if (size + chunk.length > limit) {
          // Cut: what was read before this chunk is the start core keeps for the excerpt.
          finish({ kind: 'too_large', status, body: Buffer.concat(chunks, size) });
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.once('end', () => {
        complete = true;
        finish({ kind: 'answer', status, headers, body: Buffer.concat(chunks, size) }, true);
      });
      res.on('error', (error) => failed(error, true));
      res.once('close', () => {
        if (!complete) failed(new Error('the connection closed before the answer ended'), true);
      });
    }

    go(first, call.method, call.body ?? null);
  }

  return send;
}

module.exports = { createTransport };
