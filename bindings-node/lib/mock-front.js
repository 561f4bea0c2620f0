'use strict';
// MockServer's server in the WebAssembly fallback, where WASI has no sockets: node:http on
// 127.0.0.1 in front of the mock's routes (Rust: cake-mock's MockRouter through src/mock.rs).
// Each request is read and handed to the routes, which answer it exactly as the native mock's
// own server does (CORS, preflights, 404s, every fault); the reset faults come back as `reset`
// and the connection is then dropped with a TCP reset, unanswered. The endless body is passed on
// chunk by chunk as the client reads it, and dropped when the client goes.
//
// As the native server: connections are kept alive with no idle timeout, headers must arrive
// within 30 s, a Host header is not required, and the mock never keeps the process alive (its
// server and connections are unref'd; a request in flight is held by its client). stop() stops
// accepting, gives requests in flight 1 s, then closes every connection.

const http = require('node:http');

const HEADER_READ_TIMEOUT_MS = 30_000;
const SHUTDOWN_GRACE_MS = 1_000;

// Resolves once `res` can take more, or is gone.
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

// Passes a streamed body on as the client reads it; stops pulling when the client is gone.
async function pump(stream, res) {
  let ended = false;
  try {
    while (!res.destroyed) {
      const chunk = await stream.next();
      if (chunk === null) {
        ended = true;
        res.end();
        return;
      }
      if (res.destroyed) return;
      if (!res.write(chunk)) await drained(res);
    }
  } catch {
    // The body broke off: so does the answer (the client sees the connection close early).
    res.destroy();
  } finally {
    if (!ended) stream.close().catch(() => {});
  }
}

// Reads a request's body, at most `limit` bytes of it (the routes refuse it beyond); the rest
// is read and dropped. Null if the client went away before sending all of it.
async function body(req, limit) {
  const chunks = [];
  let kept = 0;
  req.on('data', (chunk) => {
    if (kept >= limit) return;
    const part = chunk.length > limit - kept ? chunk.subarray(0, limit - kept) : chunk;
    chunks.push(part);
    kept += part.length;
  });
  // 'close' without 'end': the client went away (or broke the request off) mid-body.
  const complete = await new Promise((resolve) => {
    req.once('end', () => resolve(true));
    req.once('close', () => resolve(req.complete));
  });
  return complete ? Buffer.concat(chunks, kept) : null;
}

/** Serves `router` (a NativeMock from createMockRouter) on 127.0.0.1:`port` (0: any free one). */
async function serve(router, port) {
  const limit = router.maxBodyBytes + 1;
  let active = 0;
  let idle = null;

  async function handle(req, res) {
    active += 1;
    // A client that goes away mid-way is not an error of the server's.
    req.on('error', () => {});
    res.on('error', () => {});
    try {
      const bytes = await body(req, limit);
      if (bytes === null || req.socket.destroyed) return;
      const answer = await router.answer(req.method, req.url, req.rawHeaders, bytes);
      if (res.destroyed || req.socket.destroyed) {
        answer.stream?.close().catch(() => {});
        return;
      }
      if (answer.reset) {
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(answer.status, answer.headers);
      if (answer.stream) await pump(answer.stream, res);
      else res.end(answer.body);
    } catch {
      // The routes answer everything; a failure here is a bug, and the client sees a close.
      req.socket.destroy();
    } finally {
      active -= 1;
      if (active === 0) idle?.();
    }
  }

  const server = http.createServer(
    { requireHostHeader: false, headersTimeout: HEADER_READ_TIMEOUT_MS, requestTimeout: 0 },
    (req, res) => {
      handle(req, res);
    },
  );
  server.keepAliveTimeout = 0;
  server.on('connection', (socket) => socket.unref());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Listening, nothing more is expected of the server itself; its connections' errors are theirs.
  server.on('error', () => {});
  server.unref();
  const url = `http://127.0.0.1:${server.address().port}`;

  let stopped = null;
  function stop() {
    if (stopped) return stopped;
    const closed = new Promise((resolve) => server.close(() => resolve()));
    stopped = (async () => {
      if (active > 0) {
        await new Promise((resolve) => {
          const timer = setTimeout(done, SHUTDOWN_GRACE_MS);
          function done() {
            clearTimeout(timer);
            idle = null;
            resolve();
          }
          idle = done;
        });
      }
      server.closeAllConnections();
      await closed;
    })();
    return stopped;
  }

  return { url, stop };
}

module.exports = { serve };
