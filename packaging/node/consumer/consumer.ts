// A TypeScript user of the installed cake-sdk package: `tsc --strict` against what npm
// installed (packaging/node/check.sh), not against the repository.
import { Client, CakeError, MockServer, validate, margin, split, type Offer, type Issue, type CreateOfferParams } from 'cake-sdk';

const offer: CreateOfferParams = {
  offer_name: 'Summer Sale CPA',
  advertiser_id: 11,
  vertical_id: 3,
  offer_url: 'https://track.example.com/?a={aff_id}&o={offer_id}',
  payout: '24.00',
  payout_type: 'cpa',
  revenue: 30,
};

const issues: Issue[] = validate('create_offer', offer);
const shares: string[] = split('100.00', [1, 1, 1]);
const kept: string = margin(30, '24.10');

export async function run(): Promise<number | undefined> {
  const mock = await MockServer.start({ apiKey: 'k' });
  try {
    const client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, maxRetries: 1 });
    const created: Offer = await client.createOffer(offer);
    for await (const row of client.subAffiliateReportRows({ start_date: '2026-06-01', end_date: '2026-06-30' })) {
      const clicks: number | undefined = row.clicks;
      void clicks;
    }
    return created.offer_id;
  } catch (error) {
    if (error instanceof CakeError) console.error(error.code, error.issues.length);
    throw error;
  } finally {
    await mock.stop();
  }
}

void issues;
void shares;
void kept;
