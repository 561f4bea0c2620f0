// One process's proof that the installed package works: which addon loaded, validation and
// payout arithmetic, and one call through the Client to its MockServer.
//   node smoke.cjs native|wasm32-wasi
const assert = require('node:assert/strict');
const sdk = require('cake-sdk');
// The loader's record of what it loaded (not exported: reached by its path).
const target = require(require('node:path').join(require('node:path').dirname(require.resolve('cake-sdk')), 'native.js')).__napiBindingTarget;
const want = process.argv[2];

(async () => {
  assert.equal(target, want, `loaded ${target}, expected ${want}`);
  assert.equal(sdk.margin('30.00', '24.10'), '5.90');
  assert.deepEqual(sdk.validate('create_offer', { offer_name: '' }).map((i) => i.field).slice(0, 1), ['offer_name']);
  // Every addon, the WebAssembly fallback included, has the Client and the MockServer.
  const mock = await sdk.MockServer.start({ apiKey: 'k' });
  try {
    const client = new sdk.Client({ baseUrl: mock.url, apiKey: mock.apiKey });
    const created = await client.createAffiliate({ affiliate_name: 'Smoke Test Media', account_manager_id: 42 });
    assert.equal(created.affiliate_name, 'Smoke Test Media');
    console.log(`${process.platform}-${process.arch}: ${target} addon, createAffiliate -> ${created.affiliate_id} against ${mock.url}`);
  } finally {
    await mock.stop();
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
