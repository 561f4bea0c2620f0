'use strict';
// Values cross into Rust as JSON text, so numbers keep the digits the caller wrote and money
// never passes through a float on the Rust side. Answers come back as one JSON envelope.

const { randomUUID } = require('node:crypto');
const { CakeError } = require('./errors.js');

// Not JSON: the Rust side answers it with a `validation` error for the whole argument (a cycle,
// a toJSON that throws, nesting too deep to serialize).
const UNSERIALIZABLE = '\u0000';

// A bigint is written as a JSON number with all its digits: JSON.stringify cannot, so it is
// first written as a marked string and the marks are then removed from the text. The nonce
// keeps any string of the caller's from looking like a mark.
const BIGINT_MARK = `\u0000${randomUUID()}:`;
const BIGINT_TEXT = new RegExp(`"\\\\u0000${BIGINT_MARK.slice(1)}(-?\\d+)"`, 'g');

function wellFormedKeys(object) {
  const out = {};
  for (const [key, value] of Object.entries(object)) out[key.toWellFormed()] = value;
  return out;
}

// Each value as core should see what the caller gave:
// - NaN and the infinities have no JSON form, and JSON.stringify would write null ("not given");
//   they become a value that no parameter accepts, so core reports them where they were given.
// - Lone UTF-16 surrogates cannot exist in Rust strings; they become U+FFFD, as any UTF-16 to
//   UTF-8 conversion (TextEncoder included) does.
function replacer(_key, value) {
  switch (typeof value) {
    case 'bigint':
      return BIGINT_MARK + value.toString();
    case 'number':
      return Number.isFinite(value) ? value : { non_finite_number: String(value) };
    case 'string':
      return value.isWellFormed() ? value : value.toWellFormed();
    case 'object':
      if (value !== null && !Array.isArray(value) && Object.keys(value).some((k) => !k.isWellFormed())) {
        return wellFormedKeys(value);
      }
      return value;
    default:
      return value;
  }
}

// The text with the replacer: what every value crosses as.
function toJsonReplaced(value) {
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value, replacer);
  } catch {
    return UNSERIALIZABLE;
  }
  if (text === undefined) return 'null';
  return text.includes(BIGINT_MARK.slice(1)) ? text.replace(BIGINT_TEXT, '$1') : text;
}

// The same text, faster: calling the replacer for every value costs more than the rest of
// JSON.stringify. Plain JSON.stringify writes the very same text unless the value holds what
// the replacer changes, and each of those shows: a bigint makes it throw, NaN and the
// infinities come out as `null`, a lone surrogate as a `\udXXX` escape (JSON.stringify writes
// no other \ud escape). So the replacer runs only when plain stringify throws or its text
// holds "null" or "\ud" (a real null or such text in a string also lands there: the answer
// is the same, only slower; getters and toJSON methods then run twice).
function toJson(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    return toJsonReplaced(value);
  }
  if (text === undefined) return 'null';
  if (text.includes('null') || text.includes('\\ud')) return toJsonReplaced(value);
  return text;
}

function abortReason(signal) {
  if (signal && signal.reason !== undefined) return signal.reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

// Decodes a native envelope: the answer, a CakeError thrown, or the signal's reason on abort.
function decode(text, signal) {
  const answer = JSON.parse(text);
  if (answer.aborted) throw abortReason(signal);
  if (answer.error) throw new CakeError(answer.error);
  return answer;
}

module.exports = { toJson, toJsonReplaced, decode, abortReason };
