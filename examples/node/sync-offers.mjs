// Sync offers from a JSON file into CAKE: items without an offer_id are created, items with one
// are updated (only the fields given). Prints one line per item, in file order, then a summary;
// exits 1 when any item did not go through.
//
//   node sync-offers.mjs [offers.json]
//
// Talks to CAKE_BASE_URL with CAKE_API_KEY when they are set; otherwise to the SDK's built-in
// mock, seeded with the two offers the example file updates.
// (In your own project: import { Client, MockServer, margin } from 'cake-sdk'.)
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Client, MockServer, margin } from '../../bindings-node/index.mjs';

const file = process.argv[2] ?? new URL('./offers.json', import.meta.url).pathname;
const items = JSON.parse(await readFile(file, 'utf8'));

let mock = null;
let client;
if (process.env.CAKE_BASE_URL) {
  client = new Client();
} else {
  mock = await MockServer.start();
  mock.seed({
    offers: [
      { offer_name: 'Legacy Offer A', advertiser_id: 11, vertical_id: 3, offer_url: 'https://track.example.com/a', payout: '25.00', revenue: '32.00' },
      { offer_name: 'Legacy Offer B', advertiser_id: 11, vertical_id: 3, offer_url: 'https://track.example.com/b', payout: '5.00' },
    ],
  });
  client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey });
}
console.log(`sync-offers: ${items.length} offers from ${basename(file)} -> ${client.baseUrl}${mock ? ' (built-in mock)' : ''}`);

// Money arrives as the server's exact decimal string ("25.00"): printed as it is, never rounded.
const money = (amount) => amount ?? '-';

function describe(offer) {
  const parts = [`offer ${offer.offer_id}`, JSON.stringify(offer.offer_name ?? ''), `status ${offer.offer_status}`];
  parts.push(`payout ${money(offer.payout)}`, `revenue ${money(offer.revenue)}`);
  // The margin in decimals (core's arithmetic), not in floats.
  if (offer.payout !== undefined && offer.revenue !== undefined) parts.push(`margin ${margin(offer.revenue, offer.payout)}`);
  if (offer.expiration_date) parts.push(`expires ${offer.expiration_date}`);
  return parts.join('  ');
}

try {
  const positions = { create_offer: [], update_offer: [] };
  items.forEach((item, index) => positions[item.offer_id == null ? 'create_offer' : 'update_offer'].push(index));
  const outcomes = new Array(items.length);
  await Promise.all(
    Object.entries(positions).map(async ([operation, indexes]) => {
      const results = await client.bulk(operation, indexes.map((i) => items[i]), { concurrency: 4 });
      results.forEach((outcome, k) => (outcomes[indexes[k]] = { operation, ...outcome }));
    }),
  );

  const counts = { ok: 0, invalid: 0, failed: 0, unknown_outcome: 0 };
  outcomes.forEach((outcome, index) => {
    counts[outcome.status] += 1;
    const verb = outcome.operation === 'create_offer' ? 'created' : 'updated';
    const item = `item ${index + 1}`;
    switch (outcome.status) {
      case 'ok':
        console.log(`${verb.padEnd(8)} ${describe(outcome.result)}`);
        for (const w of outcome.warnings) console.log(`         warning: ${w.field}: ${w.message} (${w.code})`);
        break;
      case 'invalid':
        for (const issue of outcome.issues.filter((i) => i.severity === 'error')) {
          console.log(`invalid  ${item}  ${issue.field}: ${issue.message} (${issue.code})`);
        }
        break;
      default:
        console.log(`${outcome.status === 'failed' ? 'failed ' : 'unknown'}  ${item}  ${outcome.error.code}: ${outcome.error.message}`);
    }
  });
  console.log(`done: ${counts.ok} ok, ${counts.invalid} invalid, ${counts.failed} failed, ${counts.unknown_outcome} unknown outcome`);
  process.exitCode = counts.ok === items.length ? 0 : 1;
} finally {
  await mock?.stop();
}
