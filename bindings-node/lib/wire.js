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

/** An answer `(status, headers, body)` parsed as `operation`'s result, or a CakeError thrown. */
function parseResponse(operation, status, headers, body) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body ?? []);
  return decode(
    native.parseResponse(String(operation), Number(status), toJson(headerPairs(headers)), bytes),
    null,
  ).ok;
}

module.exports = { buildRequest, parseResponse };
