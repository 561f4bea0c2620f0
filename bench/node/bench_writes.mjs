// Writes: 2,000 create_offer at concurrency 32.
//
//   node bulk    cake-sdk client.bulk('create_offer', items, { concurrency: 32 }): every item
//                validated, sent, its outcome reported in input order
//   wasm bulk (node)  the browser build's client.bulk, the same call
//   rust core client (node rounds)  the pure-Rust ceiling, one round inside each of this
//                script's rounds (the node bulk's ratio is taken against it)
//   node fetch   32 workers POSTing JSON.stringify({ api_key, ...item }) with global fetch,
//                response.json(), outcomes in input order
//
// Offer names are distinct per implementation and round, so nothing collides in the mock.

import { KEY, OFFER_URL, REPEAT, URL_, cakeJson, drive, emit, loadNodeSdk, loadWasmSdk, needMock, note, now, rustCeiling } from './_common.mjs';

const REQUESTS = 2_000;
const CONCURRENCY = 32;

needMock();
const items = (tag, round) =>
  Array.from({ length: REQUESTS }, (_, i) => ({
    offer_name: `bench-${tag}-${round}-${i}`, advertiser_id: 1, vertical_id: 1, offer_url: OFFER_URL,
    payout: '3.10', payout_type: 'cpa', revenue: '4.00',
  }));

const impls = {};
const { Client } = loadNodeSdk();
const ours = new Client({ baseUrl: URL_, apiKey: KEY });
impls['node bulk'] = ['node', async (todo) => (await ours.bulk('create_offer', todo, { concurrency: CONCURRENCY })).filter((o) => o.status === 'ok').length];

const { sdk: wasm, reason } = await loadWasmSdk('full');
if (wasm) {
  const wasmClient = new wasm.Client({ baseUrl: URL_, apiKey: KEY, dangerouslyAllowBrowser: true });
  impls['wasm bulk (node)'] = ['wasm', async (todo) => (await wasmClient.bulk('create_offer', todo, { concurrency: CONCURRENCY })).filter((o) => o.status === 'ok').length];
} else {
  note(`NOTE: wasm bulk (node) skipped: ${reason}`);
}

const endpoint = `${URL_}/api/2/offer.json`;
const send = async (item) => {
  try {
    // Money as JSON numbers, as CAKE wants them.
    const body = JSON.stringify({ api_key: KEY, ...item, payout: Number(item.payout), revenue: Number(item.revenue) });
    const data = await cakeJson(await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    return { status: 'ok', result: data.offer };
  } catch (error) {
    return { status: 'failed', error };
  }
};
impls['node fetch'] = ['fetch', async (todo) => (await drive((i) => send(todo[i]), todo.length, CONCURRENCY)).filter((o) => o.status === 'ok').length];

for (const [, [tag, run]] of Object.entries(impls)) await run(items(`${tag}-warm`, 0).slice(0, 200));
for (let round = 0; round < REPEAT; round++) {
  for (const [name, [tag, run]] of Object.entries(impls)) {
    const todo = items(tag, round);
    const started = now();
    const ok = await run(todo);
    const seconds = now() - started;
    if (ok !== REQUESTS) throw new Error(`${name}: ${REQUESTS - ok} of ${REQUESTS} writes failed`);
    emit('writes', name, seconds, REQUESTS, { concurrency: CONCURRENCY });
  }
  const ceiling = rustCeiling('writes', { requests: REQUESTS, concurrency: CONCURRENCY });
  emit('writes', 'rust core client (node rounds)', ceiling, REQUESTS, { concurrency: CONCURRENCY });
  note(`writes (node): round ${round + 1}/${REPEAT} done`);
}
