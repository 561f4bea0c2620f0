// A CommonJS TypeScript user: the same declarations through `require`.
import sdk = require('cake-sdk');

export async function demo(): Promise<number | undefined> {
  const client = new sdk.Client({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });
  const affiliate = await client.createAffiliate({ affiliate_name: 'A', account_manager_id: 1 });
  const error: sdk.CakeError | null = null;
  void error;
  // @ts-expect-error: account_manager_id is required
  await client.createAffiliate({ affiliate_name: 'A' });
  // Every result field may be absent (a server may leave any out).
  return affiliate.affiliate_id;
}
