// Reads: 5,000 get_affiliate_offer calls at concurrency 64.
//
//   node Client          cake-sdk Client.getAffiliateOffer (a plain object, money a number)
//   wasm Client (node)   cake-sdk-wasm Client (the browser build; its fetch is Node's undici)
//   rust core client (node rounds)  the pure-Rust ceiling, one round inside each of this
//                        script's rounds (the Node Client's ratio is taken against it)
//   node fetch           global fetch (undici, keep-alive), response.json(), the affiliate_offer
//                        object out of CAKE's `response` wrapper, request_status checked
//
// Same driver for all (64 workers over a shared counter); each warmed up first (connections
// open), rounds interleaved. The wasm row is skipped with a note when bindings-wasm is not built.

import { IDS, KEY, REPEAT, URL_, cakeJson, drive, emit, loadNodeSdk, loadWasmSdk, needMock, note, now, rustCeiling } from './_common.mjs';

const REQUESTS = 5_000;
const CONCURRENCY = 64;

needMock();
const params = { affiliate_id: IDS.affiliate_id, offer_id: IDS.offer_id };
const url = `${URL_}/api/2/affiliate_offer.json?${new URLSearchParams({ api_key: KEY, ...params })}`;

const impls = {};
const { Client } = loadNodeSdk();
const ours = new Client({ baseUrl: URL_, apiKey: KEY });
impls['node Client'] = () => ours.getAffiliateOffer(params);

const { sdk: wasm, reason } = await loadWasmSdk('full');
if (wasm) {
  const wasmClient = new wasm.Client({ baseUrl: URL_, apiKey: KEY, dangerouslyAllowBrowser: true });
  impls['wasm Client (node)'] = () => wasmClient.getAffiliateOffer(params);
} else {
  note(`NOTE: wasm Client (node) skipped: ${reason}`);
}

impls['node fetch'] = async () => (await cakeJson(await fetch(url))).response.affiliate_offer;

for (const [name, call] of Object.entries(impls)) {
  const results = await drive(call, 500, CONCURRENCY);
  // The SDK's clients give money as decimal strings ("18.00"), the raw fetch loop as a number.
  const payout = results.at(-1).payout;
  if (Number(payout) !== 18) throw new Error(`${name}: expected payout 18, got ${JSON.stringify(payout)}`);
}
for (let round = 0; round < REPEAT; round++) {
  for (const [name, call] of Object.entries(impls)) {
    const started = now();
    await drive(call, REQUESTS, CONCURRENCY);
    emit('reads', name, now() - started, REQUESTS, { concurrency: CONCURRENCY });
  }
  const ceiling = rustCeiling('reads', { requests: REQUESTS, concurrency: CONCURRENCY, 'affiliate-id': IDS.affiliate_id, 'offer-id': IDS.offer_id });
  emit('reads', 'rust core client (node rounds)', ceiling, REQUESTS, { concurrency: CONCURRENCY });
  note(`reads (node): round ${round + 1}/${REPEAT} done`);
}
