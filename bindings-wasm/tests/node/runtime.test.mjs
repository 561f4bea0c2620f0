// The boundary itself: panics become errors and leave the module working, values convert
// exactly (bigints, floats, deep and cyclic structures), and random input never panics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { toJsonText, MAX_NESTING } from '../../js/sdk/json.js';
import { nest } from '../../../js/test/support/vectors.mjs';

const full = await import('../../js/index.js');
const validation = await import('../../js/validation.js');

const offer = {
  offer_name: 'Solar Quote - CA',
  advertiser_id: 101,
  vertical_id: 7,
  offer_url: 'https://t.example/c?o={offer_id}',
};

for (const [name, sdk] of Object.entries({ full, validation })) {
  test(`${name}: a panic is a thrown CakePanicError with its message, and the module keeps working`, () => {
    const runtime = sdk.__runtime;
    const resets = runtime.resets;
    assert.throws(
      () => runtime.call((glue) => glue.debug_panic('deliberate test panic')),
      (error) =>
        error instanceof sdk.CakePanicError &&
        error.name === 'CakePanicError' &&
        error.message.includes('deliberate test panic') &&
        error.cause instanceof WebAssembly.RuntimeError,
    );
    assert.equal(runtime.resets, resets + 1, 'a fresh instance replaced the crashed one');
    assert.deepEqual(sdk.validate('create_offer', offer), []);
    assert.equal(sdk.margin('30.00', '24.00'), '6.00');
  });

  test(`${name}: ten thousand panics in a row do not wear the module out`, () => {
    // A trap leaks the shadow stack (~160 bytes each here): without re-instantiation the
    // module dies after about 6,500 panics.
    const runtime = sdk.__runtime;
    for (let i = 0; i < 10_000; i++) {
      assert.throws(() => runtime.call((glue) => glue.debug_panic(`panic ${i}`)), sdk.CakePanicError);
    }
    assert.deepEqual(sdk.validate('create_offer', offer), []);
  });
}

test('a panic inside an async call rejects that call only; others in flight complete', async () => {
  const runtime = full.__runtime;
  const slow = new full.Client({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', dangerouslyAllowBrowser: true, maxRetries: 0, timeoutMs: 300 });
  const resets = runtime.resets;
  const other = slow.listSubAffiliates({}).then(
    () => 'resolved',
    (error) => error.code,
  );
  const panicked = runtime.run((glue) => glue.debug_panic_async('async test panic'));
  await assert.rejects(panicked, (error) => error instanceof full.CakePanicError && error.message.includes('async test panic'));
  assert.match(await other, /^(connection|timeout)$/, 'the other call still ran to its end');
  assert.equal(runtime.resets, resets + 1, 'replaced once the other call finished');
  assert.equal(runtime.inFlight, 0);
  assert.deepEqual(full.validate('create_offer', offer), []);
});

test('no input panics: random values for every operation and payout function', () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const atoms = [
    '', ' ', '0', '-1', '1e999', '24.005', '9007199254740993', 'NaN', 'é', '\u0000', '{offer_id}',
    'https://x.example', '2026-02-30 25:61:61', '2026-01-01', 'CPA', 'percent', 'a'.repeat(300),
    0, -0, 1, -1, 0.1, 1e21, 2 ** 53 + 2, Number.MAX_VALUE, Number.NaN, Infinity, 12345678901234567890n, -5n,
    true, false, null, undefined, [], {}, [1, 2], { name: 'active' }, new Date(0),
  ];
  const value = (depth = 0) => (depth < 3 && random() < 0.15 ? (random() < 0.5 ? [value(depth + 1)] : { k: value(depth + 1) }) : pick(atoms));
  const fieldNames = [...new Set(full.operations.flatMap((op) => full.fields(op).map((f) => f.name)))];
  const fns = ['subAffiliatePayout', 'effectivePayout', 'margin', 'marginPercent', 'earnings', 'reportMetrics', 'reportTotals', 'split'];
  const argument = () => (random() < 0.2 ? [value(), { clicks: value(), payout: value() }] : random() < 0.1 ? { clicks: value(), sale_amount: value() } : value());
  const resets = full.__runtime.resets;
  for (let i = 0; i < 3000; i++) {
    const params = {};
    for (let j = Math.floor(random() * 8); j > 0; j--) params[pick(fieldNames)] = value();
    const op = pick([...full.operations, 'no_such_operation']);
    const issues = full.validate(op, params);
    assert.ok(Array.isArray(issues));
    full.schemas[pick(full.operations)]['~standard'].validate(params);
    try {
      full[pick(fns)](argument(), argument(), argument());
    } catch (error) {
      assert.ok(error instanceof full.CakeError, String(error));
      assert.equal(error.code, 'validation');
    }
    try {
      full.wire.parseResponse(pick(full.operations), pick([200, 429, 500, 204]), { 'Retry-After': String(value()) }, toJsonText({ request_status: pick(['Success', 'Failure', 'Restricted']), offer: params, sub_affiliates: [params], total_rows: value() }));
    } catch (error) {
      assert.ok(error instanceof full.CakeError, String(error));
    }
  }
  assert.equal(full.__runtime.resets, resets, 'no panic');
});

test('values convert exactly: bigints, floats, dates, boxed primitives', () => {
  assert.equal(toJsonText({ a: 12345678901234567890n, b: -0, c: 1e21, d: 0.1 }), '{"a":12345678901234567890,"b":0,"c":1e+21,"d":0.1}');
  assert.equal(toJsonText({ a: undefined, b: () => 1, c: Symbol('s'), d: [undefined] }), '{"d":[null]}');
  assert.equal(toJsonText({ n: Number.NaN }), '{"n":{"not_a_finite_number":true}}');
  assert.equal(toJsonText(new Date(0)), '"1970-01-01T00:00:00.000Z"');
  assert.equal(toJsonText([new Number(2), new String('x'), new Boolean(false)]), '[2,"x",false]');
  assert.equal(toJsonText('\ud800x'), '"\ufffdx"');
  // A bigint id keeps every digit: 2^53 + 1 is not a double.
  assert.deepEqual(
    full.validate('get_affiliate_offer', { affiliate_id: 9007199254740993n, offer_id: 1n }).map((i) => [i.field, i.code]),
    [['affiliate_id', 'out_of_range']],
  );
  assert.deepEqual(full.validate('get_affiliate_offer', { affiliate_id: 9007199254740991n, offer_id: 1n }), []);
  assert.equal(full.margin(10n, '0.01'), '9.99');
  // NaN is an error where it stands, never "not given".
  assert.deepEqual(
    full.validate('create_offer', { ...offer, payout: Number.NaN }).map((i) => [i.field, i.severity]),
    [['payout', 'error']],
  );
});

test('a flat object (JSON.stringify does it) converts as the general case would', () => {
  assert.equal(
    toJsonText({ a: 'x"\\\n\u0001', b: 1.5, c: true, d: null, e: undefined, f: -0 }),
    '{"a":"x\\"\\\\\\n\\u0001","b":1.5,"c":true,"d":null,"f":0}',
  );
  // Lone surrogates become U+FFFD in values and names; an escaped backslash before "ud" stays.
  assert.equal(toJsonText({ a: '\ud800', '\udc00': 1 }), '{"a":"\ufffd","\ufffd":1}');
  assert.equal(toJsonText({ a: '\\ud800' }), '{"a":"\\\\ud800"}');
  const bare = Object.create(null);
  bare.a = 1;
  assert.equal(toJsonText(bare), '{"a":1}');
  assert.equal(toJsonText({ a: Number.NaN, b: 1 }), '{"a":{"not_a_finite_number":true},"b":1}');
  assert.equal(toJsonText({ a: 1n }), '{"a":1}');
  assert.equal(toJsonText({ toJSON: () => 'x' }), '"x"');
  class Form {
    constructor() {
      this.a = 'y';
    }
  }
  assert.equal(toJsonText(new Form()), '{"a":"y"}');
});

test('validate and check hand text over through buffers in the module: any length, any order', () => {
  const tooLong = (field) => [[field, 'too_long']];
  const cases = [
    [{ ...offer, offer_description: 'x'.repeat(4001) }, tooLong('offer_description')],
    [{ ...offer, offer_name: 'Café 😀' }, []],
    // More than 64 KB at 3 bytes per unit: encoded before it is handed over.
    [{ ...offer, offer_description: 'é'.repeat(30_000) }, tooLong('offer_description')],
    // 2 MB: the module's memory grows, and the views onto it are renewed.
    [{ ...offer, offer_name: 'x'.repeat(2_000_000) }, tooLong('offer_name')],
    [offer, []],
  ];
  for (const sdk of [validation, full]) {
    for (let round = 0; round < 2; round++) {
      for (const [params, expected] of cases) {
        assert.deepEqual(sdk.validate('create_offer', params).map((i) => [i.field, i.code]), expected);
      }
    }
    // The memory grows under another call while the input buffer stays where it was.
    assert.throws(() => sdk.margin('x'.repeat(16_000_000), 1), sdk.CakeError);
    assert.deepEqual(sdk.validate('create_offer', offer), []);
    assert.deepEqual(sdk.validate(new String('create_offer'), offer), []);
    assert.deepEqual(sdk.validate('no_such_operation', offer).map((i) => [i.field, i.code]), [['', 'unknown_operation']]);
    assert.equal(sdk.check('create_offer', { ...offer, offer_name: ' Café 😀 ' }).params.offer_name, 'Café 😀');
    assert.deepEqual(sdk.check('create_offer', { ...offer, offer_name: 'x'.repeat(100_000) }).issues.map((i) => i.code), ['too_long']);
  }
});

test('nesting is cut at the core limit, without recursion past it', () => {
  const deep = nest(100_000);
  const text = toJsonText({ offer_name: deep });
  let depth = 0;
  let max = 0;
  for (const ch of text) {
    if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    if (ch === ']' || ch === '}') depth--;
  }
  assert.equal(max, MAX_NESTING + 1, 'the top object plus 64 levels, and what stands for the rest');
  assert.deepEqual(
    full.validate('create_offer', { ...offer, offer_name: deep }).map((i) => [i.field, i.code]),
    [['offer_name', 'invalid_type']],
  );
  // Exactly at the limit is still converted whole.
  assert.equal(toJsonText(nest(MAX_NESTING)), `${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`);
});

test('a structure that contains itself is a validation issue on the whole request, not a hang', () => {
  const cyclic = { offer_name: 'x' };
  cyclic.self = cyclic;
  assert.deepEqual(
    full.validate('create_offer', cyclic).map((i) => [i.field, i.code]),
    [['', 'invalid_type']],
  );
  // The same object twice (not a cycle) is fine.
  const shared = { a: 1 };
  assert.equal(toJsonText({ x: shared, y: shared }), '{"x":{"a":1},"y":{"a":1}}');
});

test('errors carry the core fields, typed and camelCased', () => {
  const error = (() => {
    try {
      full.split('10.001', [1]);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof full.CakeError);
  assert.equal(error.code, 'validation');
  assert.equal(error.name, 'CakeError');
  assert.equal(error.operation, null);
  assert.equal(error.attempts, 0);
  assert.equal(error.elapsedMs, 0);
  assert.equal(error.status, null);
  assert.equal(error.requestStatus, null);
  assert.deepEqual(error.messages, []);
  assert.equal(error.retryAfterMs, null);
  assert.equal(error.bodyExcerpt, null);
  assert.equal(error.causeCode, null);
  assert.deepEqual(error.issues, [{ field: 'total', code: 'too_many_decimals', message: 'must have at most 2 decimal places', severity: 'error' }]);
  assert.equal(error.message, 'total: must have at most 2 decimal places (too_many_decimals)');
  assert.match(inspect(error), /CakeError/);
});

test('the validation-only build carries no HTTP code', async () => {
  assert.equal(validation.build, 'validation');
  assert.equal(full.build, 'full');
  assert.equal('Client' in validation, false);
  assert.equal('wire' in validation, false);
  const glue = validation.__runtime.glue;
  for (const name of ['client_call', 'bulk', 'pager_open', 'build_request', 'parse_response', 'task_poll']) {
    assert.equal(name in glue, false, name);
  }
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../dist/validation/cake_wasm_bg.wasm', import.meta.url));
  const imports = WebAssembly.Module.imports(await WebAssembly.compile(bytes)).map((i) => i.name);
  assert.ok(!imports.some((name) => /fetch|Request|Response|Headers|AbortController/i.test(name)), imports.join(' '));
});
