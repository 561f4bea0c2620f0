// Run by timers.test.mjs in a process of its own: calls that each wait on a long timeout, all
// answered at once, then nothing. The process must end by itself as soon as they are done: a
// timeout of the client's left set would hold Node's event loop open until it fired.
// Argument: the URL of a cake-mock expecting the api key in argv[3].
import { Client } from './sdk.mjs';

const [url, apiKey] = process.argv.slice(2);
const client = new Client({ baseUrl: url, apiKey, dangerouslyAllowBrowser: true, timeoutMs: 600_000 });
// Concurrent calls (their timeouts overlap), then one at a time (each the only one waiting).
await Promise.all(Array.from({ length: 16 }, () => client.listSubAffiliates({})));
for (let i = 0; i < 4; i++) await client.listSubAffiliates({}, { timeoutMs: 300_000 });
process.stdout.write('done\n');
