// The sans-IO wire format of core: what a request looks like on the wire, and what an answer
// reads as. For tests, proxies and debugging; the client uses the same code.

import { toJsonText } from './json.js';
import { unwrap } from './errors.js';

const encoder = new TextEncoder();

/**
 * Headers as `[[name, value], ...]`, from a plain object, a fetch `Headers`, a Map or any
 * iterable of pairs: pairs, so a header sent twice stays twice.
 */
function headerPairs(headers) {
  if (headers == null) return [];
  const entries = typeof headers[Symbol.iterator] === 'function' ? Array.from(headers) : Object.entries(headers);
  return entries.map(([name, value]) => [String(name), String(value)]);
}

function bodyBytes(body) {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return new Uint8Array(body.buffer ?? body, body.byteOffset ?? 0, body.byteLength);
  }
  return new Uint8Array(body ?? []);
}

export function makeWire(engine) {
  /**
   * An answer `(status, headers, body)` read as `operation`'s result, as the client reads it:
   * `{ value, warnings }`, the warnings being those of reading it (`unreadable_value`: a
   * value kept as sent under `unreadable`; `unreadable_row`: a list item left out). Anything
   * else is a thrown CakeError.
   */
  function readResponse(operation, status, headers, body) {
    if (!Number.isInteger(status) || status < 0 || status > 65535) {
      throw new TypeError('cake-sdk: status must be an HTTP status code');
    }
    const text = toJsonText(headerPairs(headers));
    return unwrap(engine.parseResponse(String(operation), status, text, bodyBytes(body)));
  }

  return Object.freeze({
    /**
     * `{ method, path, query: [[name, value]...], json_body }` exactly as it would be sent
     * (the key included: for tests and proxies, never for logs).
     */
    buildRequest(operation, params, apiKey) {
      const text = toJsonText(params === undefined ? {} : params);
      return unwrap(engine.buildRequest(String(operation), text, String(apiKey ?? '')));
    },
    /** The answer read as `readResponse` reads it, without the warnings. */
    parseResponse(operation, status, headers, body) {
      return readResponse(operation, status, headers, body).value;
    },
    readResponse,
  });
}
