// How values cross into Rust (lib/json.js): plain JSON.stringify first, the replacer only where
// it would change the text. Both must give the very same text for every value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate } from 'cake-sdk';
import { expandPlaceholders as expand } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { toJson, toJsonReplaced } = require('../lib/json.js');

const load = (name) => JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}`, import.meta.url), 'utf8'));

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
];

test('toJson writes the same text as the replacer for every vector, hostile case and edge', () => {
  const values = [
    ...load('validation.json').cases.map((c) => c.params),
    ...load('hostile.json').cases.map((c) => expand(c.params)),
    ...EDGES,
  ];
  assert.ok(values.length >= 293 + 353);
  for (const [at, value] of values.entries()) {
    assert.equal(toJson(value), toJsonReplaced(value), `value ${at}`);
  }
});

test('toJson keeps what plain JSON.stringify would lose or refuse', () => {
  assert.equal(toJson({ payout: NaN }), '{"payout":{"non_finite_number":"NaN"}}');
  assert.equal(toJson([Infinity, null]), '[{"non_finite_number":"Infinity"},null]');
  assert.equal(toJson({ id: 12345678901234567890n }), '{"id":12345678901234567890}');
  assert.equal(toJson({ '\ud800': 'a\udfffb' }), '{"\ufffd":"a\ufffdb"}');
  assert.equal(toJson(undefined), 'null');
  assert.equal(toJson(() => 1), 'null');
  assert.equal(toJson(cyclic), '\u0000');
  assert.equal(toJson({ offer_name: 'x', payout: 24.5 }), '{"offer_name":"x","payout":24.5}');
});

test('plain values are written once; values the replacer must change are written twice', () => {
  let reads = 0;
  const withGetter = (object) =>
    Object.defineProperty(object, 'offer_name', { get() { reads += 1; return 'x'; }, enumerable: true });
  toJson(withGetter({ payout: 1 }));
  assert.equal(reads, 1, 'plain JSON.stringify only');
  reads = 0;
  toJson(withGetter({ payout: NaN }));
  assert.equal(reads, 2, 'plain, then with the replacer');
});

test('validate: non-finite numbers and bigints reach core as what they are', () => {
  const base = { offer_name: 'O', advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example/{offer_id}' };
  const codes = (params) => validate('create_offer', params).map((i) => `${i.field}|${i.code}`);
  assert.deepEqual(codes(base), []);
  assert.deepEqual(codes({ ...base, payout: NaN }), ['payout|invalid_type']);
  assert.deepEqual(codes({ ...base, payout: -Infinity, session_hours: Infinity }), ['payout|invalid_type', 'session_hours|invalid_type']);
  assert.deepEqual(codes({ ...base, advertiser_id: 9007199254740993n }), ['advertiser_id|out_of_range']);
  assert.deepEqual(codes({ ...base, advertiser_id: 7n }), []);
  assert.deepEqual(codes({ ...base, offer_name: 'a\ud800' }), []);
  assert.deepEqual(codes({ ...base, offer_name: null, payout: null }), ['offer_name|required']);
  assert.deepEqual(codes(cyclic), ['|invalid_type']);
  assert.deepEqual(codes({ ...base, '\ud800': 1 }), ['\ufffd|unknown_field']);
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
