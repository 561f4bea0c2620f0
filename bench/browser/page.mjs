// What bench_browser.mjs measures inside Chromium. Every function returns plain numbers.

/** `count` calls of `call(i)`, `concurrency` at a time. */
async function drive(call, count, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await call(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

const OFFER_FORM = {
  offer_name: 'Summer Sale CPA',
  advertiser_id: '11',
  vertical_id: '3',
  offer_url: 'https://track.example.com/click?a={aff_id}&o={offer_id}',
  payout: '24.00',
  payout_type: 'cpa',
  revenue: '30.50',
  revenue_type: 'cpa',
  offer_status: 'active',
};

const BATCH = 10;
/** Reads through each before any is timed. */
const WARM_UP = 1000;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

window.bench = {
  /** Reads through the package's Client, and through a hand-written fetch + JSON.parse loop. */
  async reads({ url, key, ids, count, concurrency, clientFirst }) {
    const { Client } = await import('/bindings-wasm/js/index.js');
    const client = new Client({ baseUrl: url, apiKey: key, dangerouslyAllowBrowser: true, maxRetries: 0 });
    const params = { affiliate_id: ids.affiliate_id, offer_id: ids.offer_id };
    const query = `api_key=${encodeURIComponent(key)}&affiliate_id=${ids.affiliate_id}&offer_id=${ids.offer_id}`;
    const fetchOne = async () => {
      const response = await fetch(`${url}/api/2/affiliate_offer.json?${query}`);
      const answer = JSON.parse(await response.text());
      if (answer.response?.affiliate_offer === undefined) throw new Error('unexpected answer');
      return answer.response.affiliate_offer;
    };
    // Warm both (connections, JIT; V8 compiles the module's hot functions with its optimizing
    // tier in the background, slowly while every core is busy), then time each.
    await drive(() => client.getAffiliateOffer(params), WARM_UP, concurrency);
    await drive(fetchOne, WARM_UP, concurrency);
    const timed = async (call) => {
      const started = performance.now();
      await drive(call, count, concurrency);
      return performance.now() - started;
    };
    // The order alternates between rounds: whichever runs second inherits the first's
    // connections and the browser's state.
    const timeClient = () => timed(() => client.getAffiliateOffer(params));
    if (clientFirst) {
      const clientMs = await timeClient();
      return { clientMs, fetchMs: await timed(fetchOne) };
    }
    const fetchMs = await timed(fetchOne);
    return { clientMs: await timeClient(), fetchMs };
  },

  /**
   * One offer form validated `count` times: p50, p99 (µs per validation) per validator. Timed
   * in batches of BATCH calls: even cross-origin isolated (the server sends COOP/COEP),
   * Chromium's clock has 5 µs steps, about one validation.
   */
  async formLatency({ count }) {
    const full = await import('/bindings-wasm/js/index.js');
    const validation = await import('/bindings-wasm/js/validation.js');
    const { z } = await import('/bench/node/node_modules/zod/index.js');
    const zodOffer = z.object({
      offer_name: z.string().trim().min(1).max(255),
      advertiser_id: z.coerce.number().int().positive(),
      vertical_id: z.coerce.number().int().positive(),
      offer_url: z.string().url().max(2048),
      payout: z.string().regex(/^\d{1,10}(\.\d{1,4})?$/),
      payout_type: z.enum(['cpa', 'cpc', 'cpm', 'revshare']),
      revenue: z.string().regex(/^\d{1,10}(\.\d{1,4})?$/),
      revenue_type: z.enum(['cpa', 'cpc', 'cpm', 'revshare']),
      offer_status: z.enum(['active', 'inactive', 'pending']),
    });
    const runs = {
      'cake-sdk-wasm validate (full build)': () => full.validate('create_offer', OFFER_FORM),
      'cake-sdk-wasm validate (validation build)': () => validation.validate('create_offer', OFFER_FORM),
      'zod v4 safeParse': () => zodOffer.safeParse(OFFER_FORM),
    };
    const out = {};
    for (const [name, run] of Object.entries(runs)) {
      for (let i = 0; i < 1000; i++) run(); // warm-up
      const samples = Math.ceil(count / BATCH);
      const times = new Float64Array(samples);
      for (let s = 0; s < samples; s++) {
        const t = performance.now();
        for (let i = 0; i < BATCH; i++) run();
        times[s] = (performance.now() - t) / BATCH;
      }
      const sorted = Array.from(times).sort((a, b) => a - b);
      out[name] = { p50Us: quantile(sorted, 0.5) * 1000, p99Us: quantile(sorted, 0.99) * 1000 };
    }
    return out;
  },
};

/**
 * Cold start, on a fresh page of a fresh context (bench_browser.mjs): from here, the module's
 * fetch (`url`: the published entry or a bundle), compile and instantiate, and the first
 * validation of the offer form, in ms.
 */
window.coldStart = async (which, url) => {
  const started = performance.now();
  if (which === 'zod') {
    const { z } = await import(url);
    z.object({ offer_name: z.string().min(1), payout: z.string() }).safeParse(OFFER_FORM);
  } else {
    const sdk = await import(url);
    sdk.validate('create_offer', OFFER_FORM);
  }
  return performance.now() - started;
};
