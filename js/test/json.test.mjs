// How values cross into the engines: every value is JSON text from js/src/json.js
// (`toJsonText`; bulk items through `itemsText`). It writes a plain object of plain values
// with JSON.stringify (the fast path) and anything else by hand (the general path); both must
// give the very same text for every value. What JSON cannot say crosses as something core
// rejects: NaN and ±Infinity as a marker every field refuses as invalid_type, nesting past 64
// levels cut (still too deep, so invalid_type), and a value that cannot be written (a cycle, a
// throwing toJSON) as a `validation` error for the whole argument.
//
// The converter is tested as each package ships it (the Node package's bundle lib/sdk.cjs, the
// browser package's copy js/sdk/json.js), checked against js/src/json.js; the behaviour is
// tested through the public API (validate, check, Client, bulk) on the engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CakeError, ENGINE, validate, check, operations } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor, AFFILIATE, OFFER, rejection } from './support/fixtures.mjs';
import { load, expand, nest } from './support/vectors.mjs';
import * as source from '../src/json.js';

// The converter of the package under test: its own built copy of js/src/json.js.
const shipped =
  ENGINE === 'native'
    ? createRequire(import.meta.url)('../../bindings-node/lib/sdk.cjs')
    : await import('../../bindings-wasm/js/sdk/json.js');
const { toJsonText } = shipped;
const { UNSERIALIZABLE, MAX_NESTING, itemsText } = source;

const UNREADABLE = 'cannot be read: cyclic, or not JSON-serializable';
const NOT_FINITE = '{"not_a_finite_number":true}';

const cyclic = { a: 1 };
cyclic.self = cyclic;

const EDGES = [
  undefined, null, 0, -0, 1.5, 'text', true, [], {}, NaN, Infinity, -Infinity, 10n, -5n,
  { payout: NaN }, { payout: [1, [Infinity]] }, { id: 12345678901234567890n }, [1n, 2],
  { v: Object(3n) }, { v: new Number(NaN) }, { v: new Number(2) }, { v: new String('s') },
  { name: '\ud800' }, { name: 'a\udc00b', ok: 'x' }, { '\ud800key': 1 }, { '\ud800': 1, '\ud801': 2 },
  { name: '\ud83c\udf70' }, { name: 'back\\ud800slash' }, { name: 'null' }, { name: null },
  { a: undefined, b: () => 1, c: Symbol('s') }, [undefined, () => 1], { d: new Date(0) },
  { toJSON: () => ({ n: NaN }) }, { toJSON: () => 7n }, { v: { toJSON: () => 'x' } },
  { get lazy() { return 1; } }, cyclic, { toJSON() { throw new Error('no'); } },
  { ctl: '\u0000\u001f\n', 'quo"te': '\\' }, { __proto__: null, plain: 1 },
  Object.defineProperty({}, 'hidden', { value: NaN, enumerable: false }),
  { deep: nest(MAX_NESTING + 5) }, nest(MAX_NESTING), nest(MAX_NESTING + 1),
];

/** Each vector and hostile case with its operation (hostile ones expand to megabytes: once). */
const VECTOR_CASES = [
  ...load('validation.json').cases.map((c) => [c.operation, c.params]),
  ...load('hostile.json').cases.map((c) => [c.operation, expand(c.params)]),
];

const ALL_VALUES = [
  ...VECTOR_CASES.map(([, params]) => params),
  ...EDGES,
];

// For the tests through the client: a mock, to show what was sent.
let mock;
let client;
before(async () => {
  mock = await startMock();
  client = clientFor(mock, { maxRetries: 0 });
});
after(() => mock.stop());

/** The general path's text of `value`: a toJSON wrapper never takes the fast path. */
const general = (value) => toJsonText({ toJSON: () => value });

test('the fast path and the general one write the same text for every vector, hostile case and edge', () => {
  assert.ok(ALL_VALUES.length >= 293 + 353);
  let fast = 0;
  for (const [at, value] of ALL_VALUES.entries()) {
    const text = toJsonText(value);
    assert.equal(text, general(value), `value ${at}`);
    if (text !== UNSERIALIZABLE) assert.doesNotThrow(() => JSON.parse(text), `value ${at} is JSON`);
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) fast += 1;
  }
  assert.ok(fast > 500, `most values are plain objects (${fast}), so the fast path was compared`);
});

test('the package ships js/src/json.js: its converter writes the same text', () => {
  for (const [at, value] of ALL_VALUES.entries()) assert.equal(toJsonText(value), source.toJsonText(value), `value ${at}`);
});

test('toJsonText keeps what plain JSON.stringify would lose or refuse', () => {
  assert.equal(toJsonText({ payout: NaN }), `{"payout":${NOT_FINITE}}`);
  assert.equal(toJsonText([Infinity, null, -Infinity]), `[${NOT_FINITE},null,${NOT_FINITE}]`);
  assert.equal(toJsonText({ v: new Number(NaN) }), `{"v":${NOT_FINITE}}`);
  assert.equal(toJsonText({ id: 12345678901234567890n }), '{"id":12345678901234567890}');
  assert.equal(toJsonText([1n, -5n]), '[1,-5]');
  assert.equal(toJsonText({ '\ud800': 'a\udfffb' }), '{"\ufffd":"a\ufffdb"}');
  assert.equal(toJsonText({ name: '\ud83c\udf70' }), '{"name":"\ud83c\udf70"}', 'a pair is kept');
  assert.equal(toJsonText({ name: 'back\\ud800slash' }), '{"name":"back\\\\ud800slash"}', 'an escaped backslash is not a surrogate');
  assert.equal(toJsonText(-0), '0');
  assert.equal(toJsonText(undefined), 'null');
  assert.equal(toJsonText(() => 1), 'null');
  assert.equal(toJsonText({ a: undefined, b: () => 1, c: Symbol('s') }), '{}');
  assert.equal(toJsonText([undefined, () => 1]), '[null,null]');
  assert.equal(toJsonText({ d: new Date(0) }), '{"d":"1970-01-01T00:00:00.000Z"}');
  assert.equal(toJsonText(cyclic), UNSERIALIZABLE);
  assert.equal(toJsonText({ toJSON() { throw new Error('no'); } }), UNSERIALIZABLE);
  assert.equal(UNSERIALIZABLE, '\u0000', 'not JSON: core cannot mistake it for a value');
  assert.equal(toJsonText({ offer_name: 'x', payout: 24.5 }), '{"offer_name":"x","payout":24.5}');
  // A structure met twice but not inside itself is no cycle.
  const shared = { x: 1 };
  assert.equal(toJsonText({ a: shared, b: [shared] }), '{"a":{"x":1},"b":[{"x":1}]}');
});

test(`nesting stops at ${MAX_NESTING} levels: deeper parts are cut, and what is left is still too deep`, () => {
  const depth = (text) => text.split('[').length - 1;
  assert.equal(depth(toJsonText(nest(MAX_NESTING))), MAX_NESTING, 'up to the limit, kept whole');
  assert.equal(depth(toJsonText(nest(MAX_NESTING + 1))), MAX_NESTING + 1, 'one deeper: cut, still one too deep');
  assert.equal(toJsonText(nest(100_000)), toJsonText(nest(MAX_NESTING + 1)), 'however deep, no recursion past the cut');
});

test('a getter is read at most twice: a plain object is checked, then written by JSON.stringify', () => {
  for (const other of [{ payout: 1 }, { payout: NaN }, { payout: 1n }, { payout: [1] }]) {
    let reads = 0;
    const value = Object.defineProperty({ ...other }, 'offer_name', {
      get() {
        reads += 1;
        return 'x';
      },
      enumerable: true,
    });
    const text = toJsonText(value);
    assert.ok(reads >= 1 && reads <= 2, `${reads} reads of ${text}`);
    assert.match(text, /"offer_name":"x"/);
  }
});

test('bulk items: an item that cannot be written is null, so it fails alone', () => {
  assert.equal(itemsText([{ a: 1 }, cyclic, 2n]), '[{"a":1},null,2]');
  assert.equal(itemsText({ 0: 1 }), '{"0":1}', 'not an array: written as it is (core names `items`)');
  assert.equal(itemsText([]), '[]');
});

test('validate: non-finite numbers and bigints reach core as what they are', () => {
  const base = { offer_name: 'O', advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example/{offer_id}' };
  const codes = (params) => validate('create_offer', params).map((i) => `${i.field}|${i.code}`);
  assert.deepEqual(codes(base), []);
  assert.deepEqual(codes({ ...base, payout: NaN }), ['payout|invalid_type']);
  assert.deepEqual(codes({ ...base, payout: -Infinity, session_hours: Infinity }), ['payout|invalid_type', 'session_hours|invalid_type']);
  assert.deepEqual(codes({ ...base, advertiser_id: NaN }), ['advertiser_id|invalid_type']);
  assert.deepEqual(codes({ ...base, advertiser_id: 9007199254740993n }), ['advertiser_id|out_of_range']);
  assert.deepEqual(codes({ ...base, advertiser_id: 7n }), []);
  assert.deepEqual(codes({ ...base, offer_name: 'a\ud800' }), []);
  assert.deepEqual(codes({ ...base, offer_name: null, payout: null }), ['offer_name|required']);
  assert.deepEqual(codes(cyclic), ['|invalid_type']);
  assert.deepEqual(codes({ ...base, '\ud800': 1 }), ['\ufffd|unknown_field']);
  // Nesting past the limit: the top-level parameter holding it is invalid_type.
  assert.deepEqual(codes({ ...base, offer_name: nest(100_000) }), ['offer_name|invalid_type']);
  assert.deepEqual(codes({ ...base, offer_name: { deep: nest(MAX_NESTING + 5) } }), ['offer_name|invalid_type']);
});

test('validate and check: a value that cannot be read is one issue for the whole argument', () => {
  const throwing = { ...OFFER, toJSON() { throw new Error('no'); } };
  for (const value of [cyclic, throwing, { ...OFFER, nested: cyclic }]) {
    const issues = validate('create_offer', value);
    assert.deepEqual(issues, [{ field: '', code: 'invalid_type', message: UNREADABLE, severity: 'error' }]);
    assert.deepEqual(check('create_offer', value).issues, issues);
  }
});

test('validate: each operation id reaches its own rules; an unknown one is one issue', () => {
  const codes = (operation, params) => validate(operation, params).map((i) => `${i.field}|${i.code}`);
  assert.deepEqual(codes('get_affiliate_offer', {}), ['affiliate_id|required', 'offer_id|required']);
  assert.deepEqual(codes('update_offer', { offer_id: 1 }), ['|nothing_to_update']);
  assert.deepEqual(codes('sub_affiliate_report', { start_date: '2026-02-02', end_date: '2026-02-01' }), ['end_date|date_order']);
  assert.deepEqual(codes('delete_everything', {}), ['|unknown_operation']);
  assert.deepEqual(codes('Create_Offer', []), ['|unknown_operation']);
  // What cannot be read is reported first, whatever the operation.
  assert.deepEqual(codes('delete_everything', cyclic), ['|invalid_type']);
  assert.deepEqual(codes('create_offer', 'text'), ['|invalid_type']);
});

// Edges of reading a payload: strings whose ends fall at each of the eight places in core's
// reader's eight-byte steps, and far longer ones, multi-byte characters and lone surrogates at
// their ends, numbers JS writes in other forms, keys JS orders, values
// JSON leaves out, throwing getters and proxy traps.
const cut = (n, tail) => `${'a'.repeat(n)}${tail}`;
const READING_EDGES = [
  ...[122, 123, 124, 125, 126, 127, 128, 129, 1000, 100_000].flatMap((n) => [
    { offer_name: cut(n, '') }, { offer_name: cut(n, '\u00e9') }, { offer_name: cut(n, '\u{1F370}') },
    { offer_name: cut(n, '\ud800') }, { [cut(n, '\u20ac')]: 1 }, { offer_name: 'x', [cut(n, '')]: cut(n, '') },
  ]),
  { offer_name: '\u00e9'.repeat(70), private_notes: '\u{1F370}'.repeat(40) },
  ...[0.1, 24.5, 1e21, 1e-7, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 123456789.125, -0, 5e-324, Number.MAX_VALUE, -1, 3]
    .map((payout) => ({ ...OFFER, payout, advertiser_id: payout })),
  { 2: 'b', 1: 'a', offer_name: 'x', 10: 'c' },
  { ...OFFER, [Symbol('s')]: 1, skipped: Symbol('v'), gone: undefined },
  { ...OFFER, offer_name: () => 'x' }, { ...OFFER, toJSON: () => ({ offer_name: 1 }) },
  { ...OFFER, get payout() { throw new Error('no'); } },
  { get offer_name() { return 'x'; }, payout: [1] },
  new Proxy({ ...OFFER }, {}),
  new Proxy({ ...OFFER }, { ownKeys() { throw new Error('no'); } }),
  new Proxy({ ...OFFER }, { getPrototypeOf() { throw new Error('no'); } }),
  Object.assign(Object.create(null), OFFER, { payout: 2n }),
];

// Two readers of one text in core: validate's reads it in place, check's through serde_json.
// The vectors and hostile cases on their own operation (hostile ones are megabytes); the
// edges on every operation and an unknown one.
test('validate gives the issues check gives, for every vector, hostile case and edge', () => {
  const cases = [
    ...VECTOR_CASES,
    ...[...EDGES, ...READING_EDGES].flatMap((value) => [...operations, 'no_such_operation'].map((op) => [op, value])),
  ];
  for (const [at, [operation, value]] of cases.entries()) {
    assert.deepEqual(validate(operation, value), check(operation, value).issues, `case ${at}: ${operation}`);
  }
  assert.ok(cases.length > 293 + 353 + 9 * 100, `${cases.length}`);
});

test('Client: a value that cannot be serialized is a validation CakeError; nothing is sent', async () => {
  const throwing = { ...AFFILIATE, toJSON() { throw new Error('no'); } };
  for (const value of [cyclic, throwing]) {
    const error = await rejection(client.createAffiliate(value));
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'validation');
    assert.equal(error.operation, 'create_affiliate');
    assert.equal(error.attempts, 0);
    assert.deepEqual(error.issues.map((i) => [i.field, i.code, i.severity]), [['', 'invalid_type', 'error']]);
    const viaCall = await rejection(client.call('create_affiliate', value));
    assert.equal(viaCall.code, 'validation');
  }
  assert.deepEqual(await mock.requests(), []);
});

test('Client: the unreadable value is named the same way as validate() names it', async () => {
  const error = await rejection(client.createAffiliate(cyclic));
  assert.deepEqual(error.issues, [{ field: '', code: 'invalid_type', message: UNREADABLE, severity: 'error' }]);
});

test('Client: NaN, Infinity and nesting past the limit are invalid_type on their field; nothing is sent', async () => {
  for (const [params, field] of [
    [{ ...AFFILIATE, account_manager_id: NaN }, 'account_manager_id'],
    [{ ...AFFILIATE, account_manager_id: -Infinity }, 'account_manager_id'],
    [{ ...AFFILIATE, affiliate_name: nest(10_000) }, 'affiliate_name'],
  ]) {
    const error = await rejection(client.createAffiliate(params));
    assert.ok(error instanceof CakeError, String(error));
    assert.equal(error.code, 'validation');
    assert.deepEqual(error.issues.filter((i) => i.severity === 'error').map((i) => [i.field, i.code]), [[field, 'invalid_type']]);
  }
  assert.deepEqual(await mock.requests(), []);
});

test('Client: bigints are sent as their digits; a lone surrogate as U+FFFD', async () => {
  const created = await client.createAffiliate({ affiliate_name: 'Odd \ud800 name', account_manager_id: 9n });
  assert.equal(created.account_manager.id, 9);
  assert.equal(created.affiliate_name, 'Odd \ufffd name');
  const [sent] = await mock.requests();
  assert.equal(sent.body.account_manager_id, 9);
});

// A getter that throws, on a plain object at the top level, is read by the fast path's check
// outside the guard that turns a throwing toJSON into the validation error (js/src/json.js,
// toJsonText: `isFlat(value)` is called before the try). Nested, it is caught.
test('a throwing getter is a validation error, like a throwing toJSON', async () => {
  const make = () => Object.defineProperty({ ...AFFILIATE }, 'affiliate_name', { get() { throw new Error('getter'); }, enumerable: true });
  assert.deepEqual(validate('create_affiliate', { nested: make() }).map((i) => [i.field, i.code]), [['', 'invalid_type']], 'nested: caught');
  assert.deepEqual(validate('create_affiliate', make()).map((i) => [i.field, i.code]), [['', 'invalid_type']]);
  const error = await rejection(client.createAffiliate(make()));
  assert.ok(error instanceof CakeError, String(error));
  const [outcome] = await client.bulk('create_affiliate', [make()]);
  assert.equal(outcome.status, 'invalid');
});
