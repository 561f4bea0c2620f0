'use strict';
// The sans-IO wire format of core: what a request looks like on the wire, and what an answer
// parses to. For tests, proxies and debugging; the client uses the same code.

const native = require('./native.js');
const { toJson, decode } = require('./json.js');

/** `{ method, path, query: [[name, value]...], json_body }` (the key included: never log it). */
function buildRequest(operation, params, apiKey) {
  return decode(native.buildRequest(String(operation), toJson(params === undefined ? {} : params), String(apiKey ?? '')), null).ok;
}

function headerPairs(headers) {
  if (headers == null) return [];
  const entries =
    typeof headers[Symbol.iterator] === 'function' ? Array.from(headers) : Object.entries(headers);
  return entries.map(([name, value]) => [String(name), String(value)]);
}

/**
 * An answer `(status, headers, body)` read as `operation`'s result, as the client reads it:
 * `{ value, warnings }`, the warnings being those of reading it (`unreadable_value`: a value
 * kept as sent under `unreadable`; `unreadable_row`: a list item left out). Anything else is a
 * thrown CakeError.
 */
function readResponse(operation, status, headers, body) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body ?? []);
  return decode(
    native.parseResponse(String(operation), Number(status), toJson(headerPairs(headers)), bytes),
    null,
  ).ok;
}

/** The result of `readResponse`, without its warnings (see readResponse for them). */
function parseResponse(operation, status, headers, body) {
  return readResponse(operation, status, headers, body).value;
}

module.exports = { buildRequest, parseResponse, readResponse };
