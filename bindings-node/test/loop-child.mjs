// A process of its own for event-loop.test.mjs: `node loop-child.mjs URL KEY MODE` makes calls
// against the parent's mock as MODE says, prints one JSON line, and ends on its own (no
// process.exit): the test checks both what it printed and that it ended.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { once } from 'node:events';
import { Client } from 'cake-sdk';

const [url, apiKey, mode] = isMainThread ? process.argv.slice(2) : workerData;
const client = new Client({ baseUrl: url, apiKey });
const PARAMS = { affiliate_id: 67890, offer_id: 12345 };
const reads = (n) => Promise.all(Array.from({ length: n }, () => client.getAffiliateOffer(PARAMS)));
const report = (value) => console.log(JSON.stringify(value));

if (!isMainThread) {
  // A worker's calls settle on the worker's own thread.
  if (mode === 'worker') parentPort.postMessage((await reads(100)).length);
  else if (mode === 'worker-terminated') {
    // Calls the server holds; the main thread terminates this worker while they are pending.
    for (let i = 0; i < 20; i++) client.getAffiliateOffer(PARAMS).catch(() => {});
    parentPort.postMessage('sent');
  }
} else if (mode === 'settle-then-end') {
  report({ answered: (await reads(300)).length });
} else if (mode === 'pending-holds-loop') {
  // Nothing but the call keeps this process alive while the server delays its answer.
  client.getAffiliateOffer(PARAMS).then((offer) => report({ payout: offer.payout }));
} else if (mode === 'worker') {
  const worker = new Worker(new URL(import.meta.url), { workerData: [url, apiKey, 'worker'] });
  // Listened for from the start: the worker may exit before this thread's reads are done, and
  // an 'exit' emitted before anyone listens would leave nothing to settle this await.
  const exited = once(worker, 'exit');
  const [[fromWorker], fromMain] = await Promise.all([once(worker, 'message'), reads(100)]);
  const [code] = await exited;
  report({ fromWorker, fromMain: fromMain.length, workerExit: code, after: (await reads(100)).length });
} else if (mode === 'worker-terminated') {
  const worker = new Worker(new URL(import.meta.url), { workerData: [url, apiKey, 'worker-terminated'] });
  await once(worker, 'message');
  await worker.terminate();
  // The worker's answers arrive after its thread is gone (the server holds them 300 ms);
  // this thread's calls go on, before and after they do.
  const afterTermination = (await reads(50)).length;
  await new Promise((resolve) => setTimeout(resolve, 600));
  report({ after: afterTermination, later: (await reads(10)).length });
}
