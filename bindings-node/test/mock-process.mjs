// A cake mock in a process of its own, for load tests that measure the client's memory alone.
// `node mock-process.mjs API_KEY`: starts the mock on 127.0.0.1, seeds one affiliate with one
// offer, prints {"url"} as one JSON line and serves until its stdin closes; then prints
// {"requests", "rssKb", "hwmKb"} (its RSS and peak RSS before the request log is read) and exits.
import { readFileSync } from 'node:fs';
import { MockServer } from 'cake-sdk';

const statusKb = (field) => Number(readFileSync('/proc/self/status', 'ascii').match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))[1]);

const mock = await MockServer.start({ apiKey: process.argv[2], seed: 7 });
mock.seed({
  affiliates: [{ affiliate_name: 'Load Media', account_manager_id: 42 }],
  offers: [{ offer_name: 'Load Offer', advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example/c?o={offer_id}', payout: '24.00', revenue: '30.00' }],
});
console.log(JSON.stringify({ url: mock.url }));
process.stdin.resume();
process.stdin.on('end', async () => {
  const rssKb = statusKb('VmRSS');
  const hwmKb = statusKb('VmHWM');
  const requests = mock.requests().length;
  await mock.stop();
  console.log(JSON.stringify({ requests, rssKb, hwmKb }));
});
