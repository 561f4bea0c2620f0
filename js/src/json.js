// Values to JSON text for the engines. JSON text (not structured cloning) keeps money exact:
// core reads a number's exact digits, and a bigint's digits go through as they are.

/** Deepest nesting converted (core's cake_core::validate::MAX_NESTING). */
export const MAX_NESTING = 64;

/**
 * Not JSON: what stands for a value that cannot be written (a cycle, a throwing toJSON or
 * getter). Core answers it with a `validation` error for the whole argument, so bad input is
 * an error naming what was wrong, never an exception from inside the SDK.
 */
export const UNSERIALIZABLE = '\u0000';

/** A value core reads as invalid for any parameter (no field takes an object like it). */
const NOT_FINITE = '{"not_a_finite_number":true}';
/** What stands for anything nested deeper than MAX_NESTING: still too deep, still invalid. */
const TOO_DEEP = '[]';

// isWellFormed: Chrome 111, Safari 16.4, Node 20; older engines keep the string as it is.
const wellFormed = (s) => (typeof s.isWellFormed !== 'function' || s.isWellFormed() ? s : s.toWellFormed());
/** What JSON.stringify would escape, and surrogates (a lone one becomes U+FFFD). */
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
// Most strings need no escaping: quoting them directly is twice as fast as JSON.stringify.
const quote = (s) => (NEEDS_CARE.test(s) ? JSON.stringify(wellFormed(s)) : `"${s}"`);

/**
 * JSON text of `value` as core should read it. Like JSON.stringify, except:
 * - a bigint is written as its digits;
 * - NaN and ±Infinity become a value every field rejects as `invalid_type` (JSON has no
 *   form for them, and reading them as "not given" would hide the bug that made them);
 * - a lone surrogate becomes U+FFFD (what a Rust string holds);
 * - nesting stops at MAX_NESTING levels: deeper parts are cut, and what is left is still
 *   too deep, so the top-level parameter holding it is `invalid_type`; this also keeps the
 *   conversion from recursing without bound;
 * - what cannot be written at all (a cycle, a throwing toJSON) is UNSERIALIZABLE.
 * This runs on every validation call.
 */
export function toJsonText(value) {
  // Everything inside the try: a getter or toJSON of the caller's may throw at any level.
  try {
    if (isFlat(value)) {
      const text = JSON.stringify(value);
      // JSON.stringify escapes a lone surrogate as `\udXXX` (walked writes U+FFFD instead).
      if (!text.includes('\\ud')) return text;
    }
    return walked(value);
  } catch {
    return UNSERIALIZABLE;
  }
}

/** Bulk items as one JSON array; an item that cannot be written is null, so it fails alone. */
export function itemsText(items) {
  if (!Array.isArray(items)) return toJsonText(items);
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const text = toJsonText(items[i]);
    out += `${i > 0 ? ',' : ''}${text === UNSERIALIZABLE ? 'null' : text}`;
  }
  return `${out}]`;
}

/**
 * Whether `value` is what a form gives (a plain object of strings, finite numbers, booleans,
 * null or undefined), which JSON.stringify writes as `walked` does, in about 30% less time (an
 * accessor property is read twice then: here and by JSON.stringify).
 */
function isFlat(value) {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    const v = value[key];
    switch (typeof v) {
      case 'number':
        if (!Number.isFinite(v)) return false;
        break;
      case 'string':
      case 'boolean':
      case 'undefined':
        break;
      default:
        if (v !== null) return false;
    }
  }
  return true;
}

/** The general case, by hand; text built by concatenation (no part arrays). */
function walked(value) {
  const active = new Set();
  const walk = (v, depth) => {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        if (!Number.isFinite(v)) return NOT_FINITE;
        return Object.is(v, -0) ? '0' : String(v);
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        break;
      default:
        return undefined; // undefined, functions, symbols: not given
    }
    if (v === null) return 'null';
    if (v instanceof Number || v instanceof String || v instanceof Boolean) return walk(v.valueOf(), depth);
    if (typeof v.toJSON === 'function') return walk(v.toJSON(), depth);
    if (depth >= MAX_NESTING) return TOO_DEEP;
    if (active.has(v)) throw new TypeError('a structure that contains itself');
    active.add(v);
    let out;
    if (Array.isArray(v)) {
      out = '[';
      for (let i = 0; i < v.length; i++) out += `${i > 0 ? ',' : ''}${walk(v[i], depth + 1) ?? 'null'}`;
      out += ']';
    } else {
      out = '{';
      for (const key of Object.keys(v)) {
        const text = walk(v[key], depth + 1);
        if (text !== undefined) out += `${out.length > 1 ? ',' : ''}${quote(key)}:${text}`;
      }
      out += '}';
    }
    active.delete(v);
    return out;
  };
  return walk(value, 0) ?? 'null';
}
