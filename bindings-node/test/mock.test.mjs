// MockServer: the in-process mock users start for their own tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { MockServer, Client } from 'cake-sdk';
import { AFFILIATE, OFFER, rejection } from './helpers.mjs';

test('start() gives a live server on 127.0.0.1 with the default key', async () => {
  const mock = await MockServer.start();
  try {
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(mock.apiKey, 'mock-api-key');
    const res = await fetch(`${mock.url}/_mock/state`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(await res.json()).sort(), ['affiliate_offers', 'affiliates', 'offers', 'sub_affiliates']);
    assert.match(inspect(mock), /^MockServer \{ url: "http:\/\/127\.0\.0\.1:\d+" \}$/);
  } finally {
    await mock.stop();
  }
});

test('seed, state, requests, reset', async () => {
  const mock = await MockServer.start({ apiKey: 'k1', seed: 3 });
  try {
    const created = mock.seed({ affiliates: [AFFILIATE], offers: [OFFER] });
    assert.equal(created.affiliates[0].affiliate_id, 67890);
    assert.equal(created.offers[0].offer_id, 12345);
    const client = new Client({ baseUrl: mock.url, apiKey: 'k1' });
    await client.updateOffer({ offer_id: 12345, payout: 22 });
    assert.equal(mock.state().offers[0].payout, 22);
    const [request] = mock.requests();
    assert.equal(request.seq, 1);
    assert.equal(request.operation, 'update_offer');
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/2/update_offer.json');
    assert.equal(request.applied, true);
    assert.equal(request.fault, null);
    assert.equal(request.body.api_key, '***');
    mock.reset();
    assert.deepEqual(mock.requests(), []);
    assert.deepEqual(mock.state().offers, []);
    assert.throws(() => mock.seed({ offers: [{ offer_name: 'no url' }] }), /offers\[0\]/);
    assert.deepEqual(mock.state().offers, [], 'a failed seed applies nothing');
  } finally {
    await mock.stop();
  }
});

test('faults: added, counted, cleared; bad rules refused', async () => {
  const mock = await MockServer.start();
  try {
    const client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, maxRetries: 0 });
    mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_500', times: 2 });
    assert.equal((await rejection(client.listSubAffiliates())).status, 500);
    assert.deepEqual(mock.faults().map((f) => [f.rule.kind, f.fired]), [['error_500', 1]]);
    assert.equal(mock.requests()[0].fault, 'error_500');
    mock.clearFaults();
    assert.deepEqual(await client.listSubAffiliates(), []);
    assert.throws(() => mock.addFault({ operation: 'nope', kind: 'delay' }), /operation/);
    assert.throws(() => mock.addFault({ operation: '*', kind: 'explode' }), /fault rule/);
  } finally {
    await mock.stop();
  }
});

test('faultKinds is the mock\'s own list; every kind, and the options of the new ones, are taken', async () => {
  const kinds = MockServer.faultKinds;
  assert.ok(Object.isFrozen(kinds));
  assert.equal(MockServer.faultKinds, kinds, 'one list');
  assert.deepEqual(kinds, [
    'delay', 'rate_limit', 'error_500', 'error_503', 'html', 'reset_before', 'reset_after', 'malformed',
    'restricted', 'report_shape', 'endless_body',
  ]);
  // The declarations are generated from the same list.
  const declared = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8').match(/^export type FaultKind = (.*);$/m);
  assert.deepEqual(declared[1].split(' | ').map((k) => JSON.parse(k)), kinds);
  const mock = await MockServer.start();
  try {
    for (const kind of kinds) {
      const shape = kind === 'report_shape' ? { row_cap: 10 } : {};
      mock.addFault({ operation: kind === 'report_shape' ? 'sub_affiliate_report' : '*', kind, times: 1, ...shape });
    }
    mock.addFault({ operation: '*', kind: 'restricted', in_errors: true, times: 1 });
    mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', total_rows: 'omit', times: 1 });
    mock.addFault({ operation: '*', kind: 'report_shape', row_cap: 3, total_rows: 99, broken_every: 4 });
    assert.deepEqual(mock.faults().map((f) => f.rule.kind), [...kinds, 'restricted', 'report_shape', 'report_shape']);
    assert.deepEqual(mock.faults().at(-1).rule, { operation: '*', kind: 'report_shape', row_cap: 3, total_rows: 99, broken_every: 4 });
    assert.throws(() => mock.addFault({ operation: '*', kind: 'report_shape' }), /report_shape: give row_cap, total_rows/);
    assert.throws(() => mock.addFault({ operation: '*', kind: 'error_500', row_cap: 5 }), /only for kind "report_shape"/);
    assert.throws(() => mock.addFault({ operation: '*', kind: 'report_shape', broken_every: 0 }), /broken_every: must be at least 1/);
    assert.throws(() => mock.addFault({ operation: '*', kind: 'report_shape', total_rows: 'never' }), /total_rows/);
    assert.throws(() => mock.addFault({ operation: '*', kind: 'report_shape', row_cap: 0 }), /row_cap: must be at least 1/);
    assert.throws(() => mock.addFault({ operation: 'create_offer', kind: 'report_shape', row_cap: 5 }), /operation must be/);
  } finally {
    await mock.stop();
  }
});

test('stop() closes the port; a second stop does nothing', async () => {
  const mock = await MockServer.start();
  const client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, maxRetries: 0 });
  await mock.stop();
  await mock.stop();
  assert.equal((await rejection(client.listSubAffiliates())).code, 'connection');
});

test('bad options are refused', async () => {
  await assert.rejects(MockServer.start({ port: 70000 }), /port/);
  await assert.rejects(MockServer.start({ apiKey: 5 }), /apiKey/);
});

// The mock over raw HTTP: the same from its own server (native) and from node:http in front of
// its routes (the WebAssembly fallback).

/** One raw request: resolves to { status, headers, body } or to the socket error it met. */
function raw(url, { method = 'GET', headers = {}, body, readUpTo = Infinity } = {}) {
  return new Promise((resolve) => {
    const req = request(url, { method, headers, agent: false });
    req.on('error', (error) => resolve({ error }));
    req.on('response', (res) => {
      const chunks = [];
      let size = 0;
      res.on('error', (error) => resolve({ error }));
      res.on('data', (chunk) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= readUpTo) {
          req.destroy();
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), cut: true });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end(body);
  });
}

test('raw HTTP: CORS on answers and preflights, a length on whole answers, JSON control endpoints', async () => {
  const mock = await MockServer.start({ apiKey: 'raw-key' });
  try {
    const preflight = await raw(`${mock.url}/api/2/offer.json`, {
      method: 'OPTIONS',
      headers: { origin: 'http://page.example', 'access-control-request-headers': 'x-trace' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(preflight.headers['access-control-allow-headers'], 'content-type, x-trace');
    const listed = await raw(`${mock.url}/api/2/sub_affiliates.json?api_key=raw-key`);
    assert.equal(listed.status, 200);
    assert.equal(listed.headers['content-type'], 'application/json');
    assert.equal(listed.headers['access-control-allow-origin'], '*');
    assert.equal(Number(listed.headers['content-length']), listed.body.length);
    assert.equal(JSON.parse(listed.body).request_status, 'Success');
    const seeded = await raw(`${mock.url}/_mock/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ affiliates: [AFFILIATE] }),
    });
    assert.equal(JSON.parse(seeded.body).affiliates[0].affiliate_id, 67890);
    const refused = await raw(`${mock.url}/_mock/seed`, { method: 'POST', body: '{' });
    assert.equal(refused.status, 400);
    assert.match(JSON.parse(refused.body).error, /not valid JSON/);
    const missing = await raw(`${mock.url}/nowhere`);
    assert.equal(missing.status, 404);
    const wrongMethod = await raw(`${mock.url}/api/2/offer.json?api_key=raw-key`);
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
  } finally {
    await mock.stop();
  }
});

test('raw HTTP: the reset faults reset the connection, before or after applying', async () => {
  const mock = await MockServer.start({ apiKey: 'raw-key' });
  try {
    const create = () =>
      raw(`${mock.url}/api/2/affiliate.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: 'raw-key', ...AFFILIATE }),
      });
    mock.addFault({ operation: 'create_affiliate', kind: 'reset_before', times: 1 });
    assert.equal((await create()).error?.code, 'ECONNRESET');
    assert.deepEqual(mock.state().affiliates, []);
    mock.addFault({ operation: 'create_affiliate', kind: 'reset_after', times: 1 });
    assert.equal((await create()).error?.code, 'ECONNRESET');
    assert.equal(mock.state().affiliates.length, 1, 'reset_after applied it first');
    assert.deepEqual(mock.requests().map((r) => [r.fault, r.applied]), [['reset_before', false], ['reset_after', true]]);
    assert.equal((await create()).status, 200, 'and it goes on serving');
  } finally {
    await mock.stop();
  }
});

test('raw HTTP: the endless body streams as it is read, and stops when the client goes', async () => {
  const mock = await MockServer.start({ apiKey: 'raw-key' });
  try {
    mock.addFault({ operation: 'list_sub_affiliates', kind: 'endless_body', times: 1 });
    const read = await raw(`${mock.url}/api/2/sub_affiliates.json?api_key=raw-key`, { readUpTo: 4 * 1024 * 1024 });
    assert.equal(read.status, 200);
    assert.equal(read.cut, true);
    assert.equal(read.headers['content-length'], undefined);
    assert.equal(read.headers['transfer-encoding'], 'chunked');
    assert.ok(read.body.toString().startsWith('{"request_status":"Success","sub_affiliate_report":[{'));
    const next = await raw(`${mock.url}/api/2/sub_affiliates.json?api_key=raw-key`);
    assert.equal(next.status, 200);
  } finally {
    await mock.stop();
  }
});
