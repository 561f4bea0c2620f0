// Run by memory.test.mjs in a process of its own (node --expose-gc, young generation pinned):
// `node load-driver.mjs URL KEY ROUNDS PER_ROUND CONCURRENCY`. Makes ROUNDS x PER_ROUND
// getAffiliateOffer calls from one Client, CONCURRENCY in flight, checking every answer, and
// prints one JSON line per measurement: {at: "start"}, {at: "round", ...} after each round and
// {at: "end", peakKb, hwmKb}. Sizes are KB, taken after a full GC: rss, v8Heap (V8's committed
// physical heap), used (JS heap in use) and native (rss - v8Heap: Rust, napi, libuv, code).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { Client } from 'cake-sdk';

const native = createRequire(import.meta.url)('../native.js');
const [url, key, rounds, perRound, concurrency] = process.argv.slice(2);
const ROUNDS = Number(rounds);
const PER_ROUND = Number(perRound);
const CONCURRENCY = Number(concurrency);
const statusKb = (field) => Number(readFileSync('/proc/self/status', 'ascii').match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))[1]);

async function measure() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rss = statusKb('VmRSS');
  const heap = getHeapStatistics();
  const v8Heap = Math.round(heap.total_physical_size / 1024);
  return { rss, v8Heap, used: Math.round(heap.used_heap_size / 1024), native: rss - v8Heap, threads: statusKb('Threads') };
}

async function oneRound(client) {
  let remaining = PER_ROUND;
  let checked = 0;
  let inFlight = 0;
  let most = 0;
  const worker = async () => {
    while (remaining > 0) {
      remaining -= 1;
      inFlight += 1;
      most = Math.max(most, inFlight);
      let record;
      try {
        record = await client.getAffiliateOffer({ affiliate_id: 67890, offer_id: 12345 });
      } finally {
        inFlight -= 1;
      }
      if (record.affiliate_id !== 67890 || record.offer_id !== 12345 || record.payout !== "24.00") {
        throw new Error(`wrong answer: ${JSON.stringify(record)}`);
      }
      checked += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { checked, most };
}

const emit = (line) => console.log(JSON.stringify(line));
emit({ at: 'start', ...(await measure()) });
let peakKb = statusKb('VmRSS');
const sampler = setInterval(() => {
  peakKb = Math.max(peakKb, statusKb('VmRSS'));
}, 5);
const client = new Client({ baseUrl: url, apiKey: key, timeoutMs: 30_000, deadlineMs: 60_000 });
for (let round = 0; round < ROUNDS; round++) {
  const began = performance.now();
  const done = await oneRound(client);
  const seconds = (performance.now() - began) / 1000;
  const measured = await measure();
  // A reading between two of the sampler's counts too: the peak is at least every RSS reported.
  peakKb = Math.max(peakKb, measured.rss);
  emit({ at: 'round', ...done, seconds, inFlight: native.inFlight(), ...measured });
}
clearInterval(sampler);
const end = await measure();
emit({ at: 'end', ...end, peakKb: Math.max(peakKb, end.rss), hwmKb: statusKb('VmHWM') });
