// A TypeScript consumer of the public API: must type-check (tsc --noEmit) against the
// declarations, and the @ts-expect-error lines prove the types are precise.
import type { StandardSchemaV1 as Spec } from '@standard-schema/spec';
import {
  Client,
  CakeError,
  CakePanicError,
  validate,
  check,
  fields,
  schemas,
  margin,
  marginPercent,
  split,
  reportTotals,
  earnings,
  subAffiliatePayout,
  wire,
  operations,
  engine,
  type DecimalString,
  type Issue,
  type Offer,
  type CreateOfferValues,
  type BulkOutcome,
  type SubAffiliate,
  type FieldInfo,
  type Warning,
  type WarningContext,
  type IssueCode,
  type Operation,
  type JsonValue,
  type ResponseRead,
  type SubAffiliateReport,
  type SubAffiliateReportRow,
} from 'cake-sdk-wasm';
import * as validationOnly from 'cake-sdk-wasm/validation';
import * as full from 'cake-sdk-wasm';
// @ts-expect-error MockServer is the Node package's own (native engine)
import { MockServer } from 'cake-sdk-wasm';
// @ts-expect-error setLogger is the Node package's own (native engine)
import { setLogger } from 'cake-sdk-wasm';
void [MockServer, setLogger];
// @ts-expect-error no MockServer in the browser package
void full.MockServer;
const which: 'native' | 'wasm' = engine;
// @ts-expect-error engine is one of two names
const notAnEngine: typeof engine = 'python';
const fullBuild: 'full' = full.build;
void [which, notAnEngine, fullBuild];

// Standard Schema: ours are assignable to the spec's own interface, with the right output.
const schema: Spec<unknown, CreateOfferValues> = schemas.create_offer;
const result = schema['~standard'].validate({ offer_name: 'x' });
if (!(result instanceof Promise) && result.issues === undefined) {
  const payout: number | undefined = result.value.payout;
  void payout;
}
const ours = schemas.create_offer['~standard'].validate({});
const warnings: Issue[] = ours.warnings;
void warnings;

// validate takes form values; issues are precise.
const issues: Issue[] = validate('create_offer', { offer_name: '', payout: '24.00', advertiser_id: 3n });
const severity: 'error' | 'warning' = issues[0]!.severity;
void severity;
const checked = check('create_offer', { payout: '1' });
const normalized: number | undefined = checked.params.payout;
void normalized;
const described: FieldInfo[] = fields('create_offer');
void described;

// Payout functions: numbers or decimal strings in, decimal strings out.
const m: string = margin('30.00', 24);
const pct: string | null = marginPercent(0, 0);
const parts: string[] = split('100.00', [1, '2']);
const totals = reportTotals([{ clicks: 1, conversions: 0, payout: '1.00' }]);
const clicks: number = totals.clicks;
const earned: string = earnings('cpc', '0.25', { clicks: 10n });
const sub: string = subAffiliatePayout('20.00', 10, 'percent');
void [m, pct, parts, clicks, earned, sub];
// @ts-expect-error payout is required
margin('1.00');
// @ts-expect-error not a sub-affiliate payout type
subAffiliatePayout(1, 1, 'cpc');

async function flows(): Promise<void> {
  const client = new Client({ baseUrl: '/', timeoutMs: 5_000, maxResponseBytes: 1_048_576 });
  // @ts-expect-error maxResponseBytes is a number of bytes
  new Client({ baseUrl: '/', maxResponseBytes: '1MB' });
  const offer: Offer = await client.createOffer({
    offer_name: 'x',
    advertiser_id: 1,
    vertical_id: '7',
    offer_url: 'https://t.example/{offer_id}',
    payout: '24.00',
    payout_type: 'cpa',
  });
  // Every result field may be absent (a server may leave any out): narrowed before use.
  // @ts-expect-error a misspelled result field is not a field
  void offer.payuot;
  // @ts-expect-error offer_id may be absent
  const unchecked: number = offer.offer_id;
  const id: number = offer.offer_id ?? 0;
  // Money in results is a decimal string, exact ("24.00"); ids and counts are numbers.
  const payout: DecimalString | undefined = offer.payout;
  // @ts-expect-error money is a decimal string, not a number
  const payoutNumber: number | undefined = offer.payout;
  const exact: string = margin(offer.revenue ?? '0', offer.payout ?? '0');
  // A value the server sent that could not be read as its field's type, kept as sent.
  const unreadable: Record<string, JsonValue> | undefined = offer.unreadable;
  const rawPayout: JsonValue | undefined = offer.unreadable?.['payout'];
  // @ts-expect-error unreadable holds JSON values, not functions
  const notJson: Record<string, JsonValue> = { payout: () => 1 };
  void [unchecked, id, payout, payoutNumber, exact, unreadable, rawPayout, notJson];
  const settings: { baseUrl: string; apiKey: '***' | null } = client.toJSON();
  void settings;
  // @ts-expect-error offer_name is required
  await client.createOffer({ advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example' });
  // @ts-expect-error not a payout type
  await client.createOffer({ offer_name: 'x', advertiser_id: 1, vertical_id: 1, offer_url: 'u', payout_type: 'cpz' });
  const reply = await client.call('list_sub_affiliates', {}, { signal: AbortSignal.timeout(1000) });
  const subs: SubAffiliate[] = reply.value;
  const elapsed: number = reply.meta.elapsedMs;
  const replyWarnings: Warning[] = reply.warnings;
  void [subs, elapsed, replyWarnings];
  // Warnings: one call of onWarning per warning, with the operation (and a bulk item's index).
  const delivered: Array<[Warning, WarningContext]> = [];
  const watched = new Client({
    baseUrl: '/',
    onWarning: (warning, context) => {
      const code: IssueCode = warning.code;
      const severity: 'warning' = warning.severity;
      const operation: Operation = context.operation;
      const index: number | undefined = context.index;
      void [code, severity, operation, index];
      delivered.push([warning, context]);
    },
  });
  void [watched, delivered, new Client({ baseUrl: '/', onWarning: null })];
  // @ts-expect-error onWarning is a function, not a console method's name
  new Client({ baseUrl: '/', onWarning: 'console.warn' });
  // @ts-expect-error a handler takes a warning and its context, not a string
  new Client({ baseUrl: '/', onWarning: (message: string) => void message });
  // @ts-expect-error a warning's severity is 'warning'
  const blocking: Warning = { field: '', code: 'required', message: 'is required', severity: 'error' };
  void blocking;
  const rows = client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31', affiliate_id: null });
  for await (const row of rows) {
    const rowPayout: DecimalString | undefined = row.payout;
    const rowClicks: number | undefined = row.clicks;
    // @ts-expect-error payout may be absent (left out, or unreadable)
    const surePayout: string = row.payout;
    const odd: JsonValue | undefined = row.unreadable?.['payout'];
    void [rowPayout, rowClicks, surePayout, odd];
  }
  const total: number | null = rows.totalRows;
  const rest = await client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31' }, { pagesAhead: 0 }).toArray();
  void [total, rest.length];
  // @ts-expect-error pagesAhead is a number
  client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31' }, { pagesAhead: '4' });
  const outcomes: BulkOutcome<Offer>[] = await client.bulk('create_offer', [{ offer_name: 'x' }], {
    concurrency: 2,
    onProgress: (done: number, total: number) => void [done, total],
  });
  for (const outcome of outcomes) {
    if (outcome.status === 'ok') {
      const created: number | undefined = outcome.result.offer_id;
      void created;
    } else if (outcome.status === 'invalid') {
      const fieldsWithIssues: string[] = outcome.issues.map((i) => i.field);
      void fieldsWithIssues;
    } else {
      const code: string = outcome.error.code;
      void code;
    }
  }
  // @ts-expect-error bulk only runs creates and updates
  await client.bulk('list_sub_affiliates', []);
  try {
    await client.getAffiliateOffer({ affiliate_id: 1, offer_id: 2 });
  } catch (error) {
    if (error instanceof CakeError) {
      const code: 'validation' | 'api' | 'rate_limited' | 'http_status' | 'timeout' | 'connection' | 'decode' | 'unknown_outcome' = error.code;
      const attempts: number = error.attempts;
      const status: number | null = error.status;
      const cause: string | null = error.causeCode;
      const excerpt: string | null = error.bodyExcerpt;
      void [code, attempts, status, cause, excerpt, error.issues.length, error.requestStatus, error.retryAfterMs];
    } else if (error instanceof CakePanicError) {
      const message: string = error.message;
      void message;
    }
  }
  const request = wire.buildRequest('get_affiliate_offer', { affiliate_id: 1, offer_id: 2 }, 'key');
  const method: 'GET' | 'POST' = request.method;
  void method;
  const parsed: Offer = wire.parseResponse('create_offer', 200, new Headers(), '{}');
  const read: ResponseRead<SubAffiliateReport> = wire.readResponse('sub_affiliate_report', 200, {}, '{}');
  const readRows: SubAffiliateReportRow[] = read.value.rows;
  const readWarnings: Warning[] = read.warnings;
  const oddValues: Array<Record<string, JsonValue> | undefined> = readRows.map((row) => row.unreadable);
  void [parsed, readWarnings, oddValues];
}
void flows;

const ops: readonly string[] = operations;
void ops;
// The validation-only build has the same functions and no client.
const v: Issue[] = validationOnly.validate('create_offer', {});
void v;
// @ts-expect-error no Client in the validation-only build
void validationOnly.Client;
// @ts-expect-error no wire format in the validation-only build
void validationOnly.wire;
const validationChecked: number | undefined = validationOnly.check('create_offer', { payout: '1' }).params.payout;
const validationEngine: 'native' | 'wasm' = validationOnly.engine;
void [validationChecked, validationEngine, new validationOnly.CakePanicError('x') instanceof Error];
const build: 'validation' = validationOnly.build;
void build;
