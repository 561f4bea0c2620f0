// A fresh process for the logging tests, whose environment (NODE_DEBUG) the parent chooses:
// `node log-child.mjs KEY [logger]` runs calls with retries, a failed connection, a key in
// the base URL and a report fetched ahead against a mock, then prints one JSON line:
// { before, after } (the native forwarding state around the calls), attempts (HTTP attempts
// made) and records (what a logger got, with `logger`).
// It never calls process.exit: it must end by itself, logger or not.
import { createRequire } from 'node:module';
import { Client, MockServer, setLogger } from 'cake-sdk';
import { refusingUrl } from './helpers.mjs';

const native = createRequire(import.meta.url)('../native.js');
const [key, withLogger] = process.argv.slice(2);
const records = [];
if (withLogger === 'logger') setLogger((record) => records.push(record));

const before = native.logState();
const mock = await MockServer.start({ apiKey: key, seed: 7 });
const client = new Client({ baseUrl: mock.url, apiKey: key, maxRetries: 2 });
mock.addFault({ operation: 'list_sub_affiliates', kind: 'error_503', times: 2, retry_after: '0' });
await client.listSubAffiliates();
const nobody = await refusingUrl();
await new Client({ baseUrl: nobody.url, apiKey: key, maxRetries: 0 }).listSubAffiliates().catch(() => {});
await nobody.close();
await new Client({ baseUrl: `${mock.url}/${key}`, apiKey: key, maxRetries: 0 }).listSubAffiliates().catch(() => {});
mock.seed({
  affiliates: [{ affiliate_name: 'Log Media', account_manager_id: 42 }],
  sub_affiliates: Array.from({ length: 12 }, (_, i) => ({ affiliate_id: 67890, sub_affiliate_name: `s${i}`, payout: '10', payout_type: 'percent' })),
});
await client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31', row_limit: 3 }).toArray();
// The mock's log holds neither the refused connection nor the request to an unknown path.
const attempts = mock.requests().length + 2;
const after = native.logState();
await mock.stop();
console.log(JSON.stringify({ before, after, attempts, records }));
