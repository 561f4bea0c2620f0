// Fault soak: mixed bulk writes (offers, affiliates, sub-affiliates under ten parents, some
// invalid, some refused) against the mock with every fault kind it has on >= 20% of requests.
// Judged from the mock's own state: nothing exists twice, every `ok` item exists once (with the
// id it was given), every `failed` or `invalid` item does not exist, every `unknown_outcome`
// item exists at most once and carries a CakeError with its cause.
//
// Both engines, against the real cake-mock binary (faults and state through its /_mock
// control endpoints). The size is CAKE_SOAK_ITEMS (300 in `make test`; `make soak` runs
// 2,000), modelled on core/tests/client_bulk.rs
// `soak_2000_writes_under_faults_creates_nothing_twice`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CakeError, ENGINE } from './support/sdk.mjs';
import { startMock } from './support/mock.mjs';
import { clientFor } from './support/fixtures.mjs';

const ITEMS = Number(process.env.CAKE_SOAK_ITEMS ?? 300);
const PARENTS = 10;
const MISSING_PARENT = 999999;
const KINDS = ['delay', 'rate_limit', 'error_500', 'error_503', 'html', 'reset_before', 'reset_after', 'malformed'];
// Nine rules, each on ~3.2% of requests: ~25% faulted. Retry-After "0" on rate_limit and on
// one of the two 503 rules keeps retried writes fast.
const RULES = [
  ['delay'],
  ['rate_limit', '0'],
  ['error_500'],
  ['error_503', '0'],
  ['error_503'],
  ['html'],
  ['reset_before'],
  ['reset_after'],
  ['malformed'],
];
const UNKNOWN_CAUSES = new Set(['timeout', 'connection', 'http_status', 'decode', 'rate_limited']);
const bad = (i) => i % 50 === 7; // invalid: must not be sent

function plans(parents) {
  const offers = Math.round(ITEMS * 0.35);
  const affiliates = Math.round(ITEMS * 0.3);
  const subs = ITEMS - offers - affiliates;
  const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  return [
    {
      operation: 'create_offer', list: 'offers', name: 'offer_name', id: 'offer_id',
      items: range(offers, (i) => ({
        offer_name: `soak-offer-${i}`, advertiser_id: 1, vertical_id: 2,
        offer_url: bad(i) ? 'not a url' : 'https://t.example/c?o={offer_id}', payout: '3.10', revenue: 4,
      })),
    },
    {
      operation: 'create_affiliate', list: 'affiliates', name: 'affiliate_name', id: 'affiliate_id',
      items: range(affiliates, (i) => ({ affiliate_name: `soak-aff-${i}`, account_manager_id: bad(i) ? 'x' : 7 })),
    },
    {
      operation: 'create_sub_affiliate', list: 'sub_affiliates', name: 'sub_affiliate_name', id: 'sub_affiliate_id',
      items: range(subs, (i) => ({
        // every 50th names a parent that does not exist: the server refuses it (`failed`)
        affiliate_id: i % 50 === 23 ? MISSING_PARENT : parents[i % parents.length],
        sub_affiliate_name: `soak-sub-${i}`, payout: '2.50', payout_type: bad(i) ? 'bogus' : 'cpa',
      })),
    },
  ];
}

test(`fault soak: ${ITEMS} mixed bulk writes under faults create nothing twice`, { timeout: 600_000 }, async () => {
  const started = performance.now();
  const mock = await startMock({ apiKey: 'soak-key', seed: 11 });
  let state;
  let requests;
  let stats;
  let results;
  let work;
  try {
    const seeded = await mock.seed({
      affiliates: Array.from({ length: PARENTS }, (_, i) => ({ affiliate_name: `Parent ${i}`, account_manager_id: 42 })),
    });
    const parents = seeded.affiliates.map((a) => a.affiliate_id);
    for (const [i, [kind, retryAfter]] of RULES.entries()) {
      await mock.addFault({ operation: '*', kind, probability: 0.032, seed: i + 1, delay_ms: 15, retry_after: retryAfter });
    }
    work = plans(parents);
    const client = clientFor(mock, { timeoutMs: 5000 });
    // The three operations at once on one client: the writes really interleave.
    results = await Promise.all(work.map((p) => client.bulk(p.operation, p.items, { concurrency: 16 })));
    state = await mock.state();
    requests = await mock.requests();
    stats = await mock.faults();
  } finally {
    await mock.stop();
  }

  const outcomes = {};
  const causes = {};
  let duplicates = 0;
  let expectedInvalid = 0;
  work.forEach((plan, p) => {
    const got = results[p];
    assert.equal(got.length, plan.items.length, `${plan.operation}: one outcome per item`);
    const inState = new Map();
    for (const entity of state[plan.list]) {
      const ids = inState.get(entity[plan.name]) ?? [];
      ids.push(entity[plan.id]);
      inState.set(entity[plan.name], ids);
    }
    duplicates += [...inState.values()].filter((ids) => ids.length > 1).length;
    expectedInvalid += plan.items.filter((_, i) => bad(i)).length;
    // The faults each item's own requests met, by the item's name.
    const met = new Map();
    for (const request of requests) {
      if (request.operation !== plan.operation || request.body === null || typeof request.body !== 'object') continue;
      const key = request.body[plan.name];
      met.set(key, [...(met.get(key) ?? []), request.fault]);
    }
    plan.items.forEach((item, i) => {
      const outcome = got[i];
      const name = item[plan.name];
      const ids = inState.get(name) ?? [];
      const where = `${plan.operation} ${outcome.status} item ${name}`;
      outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
      if (outcome.status !== 'invalid') {
        const faults = met.get(name) ?? [];
        assert.ok(faults.length > 0, `${where}: sent, so the mock saw it`);
        // Nothing went wrong on the way: the one outcome this item can have. (Which items meet
        // a fault depends on how the concurrent requests interleave, so nothing is asserted
        // about how many do.)
        if (faults.every((f) => f == null)) {
          assert.equal(outcome.status, item.affiliate_id === MISSING_PARENT ? 'failed' : 'ok', `${where}: no fault met`);
        }
      }
      if (item.affiliate_id === MISSING_PARENT) {
        assert.ok(['failed', 'unknown_outcome', 'invalid'].includes(outcome.status), `${where}: no such parent`);
        if (outcome.status === 'failed') {
          assert.equal(outcome.error.code, 'api', where);
          assert.ok(outcome.error.messages.some((m) => m.includes(String(MISSING_PARENT))), where);
        }
      }
      switch (outcome.status) {
        case 'ok':
          assert.equal(ids.length, 1, `${where} must exist once, found ${ids}`);
          assert.equal(outcome.result[plan.id], ids[0], where);
          assert.equal(outcome.result[plan.name], name, where);
          assert.equal(outcome.error, undefined, where);
          // Money in results is a decimal string; ids are numbers.
          assert.equal(typeof outcome.result[plan.id], 'number', where);
          if (plan.operation !== 'create_affiliate') assert.equal(outcome.result.payout, item.payout, where);
          break;
        case 'invalid':
          assert.deepEqual(ids, [], `${where} was sent`);
          assert.ok(outcome.issues.length > 0 && outcome.issues.every((x) => x.code), where);
          break;
        case 'failed':
          assert.deepEqual(ids, [], `${where} must not exist (${outcome.error?.message})`);
          assert.ok(outcome.error instanceof CakeError, where);
          assert.ok(!['unknown_outcome', 'validation'].includes(outcome.error.code), where);
          assert.equal(outcome.error.operation, plan.operation, where);
          break;
        case 'unknown_outcome': {
          assert.ok(ids.length <= 1, `${where} exists ${ids.length} times`);
          const { error } = outcome;
          assert.ok(error instanceof CakeError, where);
          assert.equal(error.code, 'unknown_outcome', where);
          assert.equal(error.operation, plan.operation, where);
          assert.ok(UNKNOWN_CAUSES.has(error.causeCode), `${where}: cause ${error.causeCode}`);
          assert.ok(error.attempts >= 1 && error.message.startsWith(`${plan.operation}: `), where);
          causes[error.causeCode] = (causes[error.causeCode] ?? 0) + 1;
          break;
        }
        default:
          assert.fail(`${where}: unexpected status`);
      }
    });
    const asked = new Set(plan.items.map((item) => item[plan.name]));
    const extra = [...inState.keys()].filter((n) => !asked.has(n) && !n.startsWith('Parent '));
    assert.deepEqual(extra, [], `${plan.operation}: unexpected entities`);
  });

  const byKind = {};
  for (const { rule, fired } of stats) byKind[rule.kind] = (byKind[rule.kind] ?? 0) + fired;
  const faulted = Object.values(byKind).reduce((a, b) => a + b, 0);
  assert.equal(faulted, requests.filter((r) => r.fault != null).length, 'fault stats agree with the request log');
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const line =
    `${ENGINE} soak: items=${ITEMS} requests=${requests.length} faults=${faulted} ` +
    `(${((100 * faulted) / requests.length).toFixed(1)}%) by kind ${JSON.stringify(sorted(byKind))}; ` +
    `outcomes ${JSON.stringify(sorted(outcomes))}; unknown_outcome causes ${JSON.stringify(sorted(causes))}; ` +
    `duplicates=${duplicates}; ${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.log(line);
  assert.equal(duplicates, 0);
  assert.equal(Object.values(outcomes).reduce((a, b) => a + b, 0), ITEMS);
  assert.equal(outcomes.invalid, expectedInvalid);
  assert.ok(faulted * 5 >= requests.length, `at least 20% of requests faulted: ${line}`);
  assert.deepEqual(Object.keys(byKind).sort(), [...KINDS].sort());
  assert.ok(KINDS.every((k) => byKind[k] > 0), `every kind fired: ${line}`);
  assert.ok(outcomes.ok > ITEMS / 2, line);
});
