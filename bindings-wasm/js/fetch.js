// The full build's transport: each attempt core makes (src/client/fetch.rs) is one call of the
// page's fetch here, and its outcome goes back to core in one array. Only the headers core
// names are read; a request that finished is never aborted (reqwest's fetch path aborted every
// one on drop, a DOMException each: 9% of a read in Node). Retries, timeouts, pages and bulk
// stay in core, which cancels an attempt it no longer waits for.

/**
 * Causes that say the request never left: no connection was made. Node's fetch (undici) gives
 * them (`cause.code`); a browser's fetch fails with a bare TypeError whatever happened, so there
 * every failure may have been sent (a write is then `unknown_outcome`, never repeated).
 */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** `Error: message: cause: ...`, each text once (core cuts the URL out: a platform's message may quote it). */
function describe(error) {
  const parts = [];
  for (let at = error, depth = 0; at != null && depth < 4; at = at.cause, depth += 1) {
    const text = at instanceof Error ? `${at.name}: ${at.message}` : String(at);
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(': ');
}

/**
 * One attempt: `[kind, status, body, message, ...values of the kept headers]`, kind being
 * `answer`, `too_large` (body: its start), `not_sent` (no connection was made) or `broken`
 * (fetch failed: it may have been sent).
 */
async function attempt(url, method, body, controller, kept, maxBytes, excerptBytes) {
  try {
    const init = { method, signal: controller.signal };
    if (body !== undefined) {
      init.body = body;
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await globalThis.fetch(url, init);
    const headers = kept.map((name) => response.headers.get(name));
    const declared = response.headers.get('content-length');
    if (declared !== null && Number(declared) > maxBytes) {
      controller.abort(); // not downloaded
      return ['too_large', response.status, undefined, undefined, ...headers];
    }
    // fetch holds the body itself: a longer one is refused once it has arrived.
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) return ['too_large', response.status, bytes.subarray(0, excerptBytes), undefined, ...headers];
    return ['answer', response.status, bytes, undefined, ...headers];
  } catch (error) {
    return [NOT_CONNECTED.has(error?.cause?.code) ? 'not_sent' : 'broken', 0, undefined, describe(error)];
  }
}

/** Gives every instance of the module (a fresh one after a panic) its fetch transport. */
export function installFetch(runtime) {
  runtime.setup((glue, generation) => {
    /** Attempts in flight: id -> AbortController. */
    const inFlight = new Map();
    const send = (id, method, url, body, maxBytes, excerptBytes) => {
      const controller = new AbortController();
      inFlight.set(id, controller);
      attempt(url, method, body, controller, kept, maxBytes, excerptBytes).then((outcome) => {
        // Cancelled meanwhile, or the instance was replaced: nobody waits for it.
        if (!inFlight.delete(id) || runtime.generation !== generation) return;
        try {
          runtime.call((current) => current.transport_settle(id, outcome));
        } catch {
          // A trap (runtime.call arranged a fresh instance): the call waiting for this attempt
          // ends at core's timeout; nothing is left to reject here.
        }
      });
    };
    const cancel = (id) => {
      const controller = inFlight.get(id);
      if (controller === undefined) return;
      inFlight.delete(id);
      controller.abort();
    };
    const kept = glue.transport_init(send, cancel);
  });
}
