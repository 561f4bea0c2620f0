// A TypeScript user of cake-sdk (ESM). `tsc --noEmit` must accept every line, and reject each
// line marked @ts-expect-error (so the declarations are precise, not merely present).
import {
  Client,
  CakeError,
  MockServer,
  validate,
  operations,
  split,
  margin,
  marginPercent,
  subAffiliatePayout,
  reportTotals,
  wire,
  setLogger,
  type LogRecord,
  type Offer,
  type SubAffiliate,
  type SubAffiliateReport,
  type Issue,
  type ErrorCode,
  type CreateOfferParams,
  type BulkOutcome,
  type Operation,
  type Warning,
  type WarningContext,
  type CakeWarning,
  type IssueCode,
  type JsonValue,
  type ResponseRead,
  type SubAffiliateReportRow,
  type FaultKind,
  type DecimalString,
  type FieldInfo,
  CakePanicError,
  check,
  fields,
  schemas,
  engine,
} from 'cake-sdk';
import * as everything from 'cake-sdk';

const mock: MockServer = await MockServer.start({ apiKey: 'k', seed: 1 });
mock.addFault({ operation: 'create_offer', kind: 'delay', delay_ms: 10, times: 1 });
// @ts-expect-error: not a fault kind
mock.addFault({ operation: '*', kind: 'explode' });
// The fault kinds of issue 14, with their options; the list comes from the mock.
mock.addFault({ operation: 'create_offer', kind: 'restricted', in_errors: true, times: 2 });
mock.addFault({ operation: 'sub_affiliate_report', kind: 'report_shape', row_cap: 25, total_rows: 'omit' });
mock.addFault({ operation: '*', kind: 'report_shape', total_rows: 1300, broken_every: 50 });
mock.addFault({ operation: 'list_sub_affiliates', kind: 'endless_body', times: 1 });
// @ts-expect-error: total_rows is a count or "omit"
mock.addFault({ operation: '*', kind: 'report_shape', total_rows: 'never' });
const kinds: readonly FaultKind[] = MockServer.faultKinds;
mock.seed({ sub_affiliates: [{ affiliate_id: 1, sub_affiliate_name: 's', payout: 1, payout_type: 'cpa', sub_affiliate_status: 'inactive' }] });
// @ts-expect-error: a sub-affiliate is active or inactive
mock.seed({ sub_affiliates: [{ affiliate_id: 1, sub_affiliate_name: 's', payout: 1, payout_type: 'cpa', sub_affiliate_status: 'all' }] });
const client = new Client({ baseUrl: mock.url, apiKey: mock.apiKey, timeoutMs: 5000, maxRetries: 1, deadlineMs: 20000, maxResponseBytes: 1048576 });
// @ts-expect-error: maxResponseBytes is a number of bytes
new Client({ baseUrl: mock.url, maxResponseBytes: '1MB' });
// @ts-expect-error: options are camelCase
new Client({ base_url: mock.url });

// Warnings: one call of onWarning per warning, with the operation (and a bulk item's index).
const delivered: Array<[Warning, WarningContext]> = [];
const watched = new Client({
  baseUrl: mock.url,
  apiKey: mock.apiKey,
  onWarning: (warning, context) => {
    const code: IssueCode = warning.code;
    const severity: 'warning' = warning.severity;
    const operation: Operation = context.operation;
    const index: number | undefined = context.index;
    void [code, severity, operation, index];
    delivered.push([warning, context]);
  },
});
new Client({ baseUrl: mock.url, apiKey: mock.apiKey, onWarning: null });
// @ts-expect-error: onWarning is a function, not a console method's name
new Client({ baseUrl: mock.url, onWarning: 'console.warn' });
// @ts-expect-error: a handler takes a warning and its context, not a string
new Client({ baseUrl: mock.url, onWarning: (message: string) => void message });
// @ts-expect-error: a warning's severity is 'warning'
const blocking: Warning = { field: '', code: 'required', message: 'is required', severity: 'error' };
process.on('warning', (warning) => {
  if (warning.name === 'CakeWarning') {
    const cake = warning as CakeWarning;
    const where: [Operation, string, IssueCode] = [cake.operation, cake.field, cake.code];
    void where;
  }
});

const params: CreateOfferParams = {
  offer_name: 'Summer Sale',
  advertiser_id: 11,
  vertical_id: '3',
  offer_url: 'https://track.example.com/?a={aff_id}',
  payout: '24.00',
  payout_type: 'cpa',
  revenue: 30.5,
};
const offer: Offer = await client.createOffer(params, { signal: AbortSignal.timeout(5000) });
// Every result field may be absent (a server may leave any out): narrowed before use.
// @ts-expect-error: offer_id may be absent
const unchecked: number = offer.offer_id;
const id: number = offer.offer_id ?? 0;
// Money in results is a decimal string, exact ("24.00"); ids and counts are numbers.
const payout: DecimalString | undefined = offer.payout;
// @ts-expect-error: money is a decimal string, not a number
const payoutNumber: number | undefined = offer.payout;
// A value the server sent that could not be read as its field's type, kept as sent.
const unreadable: Record<string, JsonValue> | undefined = offer.unreadable;
const rawPayout: JsonValue | undefined = offer.unreadable?.['payout'];
// @ts-expect-error: unreadable holds JSON values, not functions
const notJson: Record<string, JsonValue> = { payout: () => 1 };
const created: string | undefined = offer.created_date;
// Fields a server adds are kept on the object, not typed: a misspelled field is an error.
const extra: unknown = Object.fromEntries(Object.entries(offer))['some_new_server_field'];
// @ts-expect-error: a misspelled result field is not a field
void offer.payuot;
// @ts-expect-error: an id is a number
const wrongId: string = offer.offer_id;
// @ts-expect-error: not a payout type
await client.createOffer({ ...params, payout_type: 'cpx' });
// @ts-expect-error: offer_url is required
await client.createOffer({ offer_name: 'x', advertiser_id: 1, vertical_id: 1 });
// @ts-expect-error: a misspelt parameter
await client.updateOffer({ offer_id: id, offer_nam: 'x' });
// @ts-expect-error: no such method
await client.deleteOffer({ offer_id: id });

await client.updateOffer({ offer_id: id, payout: 26.5, expiration_date: null });
const subs: SubAffiliate[] = await client.listSubAffiliates();
await client.listSubAffiliates({ sub_affiliate_status: 'all' });
const pairing = await client.getAffiliateOffer({ affiliate_id: 67890n, offer_id: id });
const pairingPayout: DecimalString | undefined = pairing.payout;
const page = await client.subAffiliateReport({ start_date: '2026-01-01', end_date: '2026-01-31', row_limit: 50 });
const total: number | null = page.total_rows;
const rows = client.subAffiliateReportRows({ start_date: '2026-01-01', end_date: '2026-01-31' });
for await (const row of rows) {
  const clicks: number | undefined = row.clicks;
  const rowPayout: DecimalString | undefined = row.payout;
  // @ts-expect-error: payout may be absent (left out, or unreadable)
  const surePayout: string = row.payout;
  const odd: JsonValue | undefined = row.unreadable?.['payout'];
  const amount: string = row.payout ?? (typeof odd === 'string' ? odd : '0.00');
  void [clicks, rowPayout, surePayout, amount];
}
const known: number | null = rows.totalRows;

const reply = await client.call('get_affiliate_offer', { affiliate_id: 1, offer_id: 2 });
const replyPayout: DecimalString | undefined = reply.value.payout;
const settings: { baseUrl: string; apiKey: '***' | null } = client.toJSON();
const warnings: Issue[] = reply.warnings;
const replyWarnings: Warning[] = (await watched.call('create_offer', { ...params, payout: 40 })).warnings;
const attempts: number = reply.meta.attempts;
// @ts-expect-error: call checks parameters per operation
await client.call('get_affiliate_offer', { affiliate_id: 1 });

const outcomes: Array<BulkOutcome<Offer>> = await client.bulk('create_offer', [params], {
  concurrency: 4,
  onProgress: (done: number, all: number) => void [done, all],
});
for (const outcome of outcomes) {
  if (outcome.status === 'ok') {
    const createdId: number | undefined = outcome.result.offer_id;
    void createdId;
  } else if (outcome.status === 'invalid') {
    const fields: string[] = outcome.issues.map((i) => i.field);
    void fields;
  } else {
    const code: ErrorCode = outcome.error.code;
    void code;
  }
}
// @ts-expect-error: bulk runs creates and updates only
await client.bulk('list_sub_affiliates', [{}]);

try {
  await client.createOffer(params);
} catch (error) {
  if (error instanceof CakeError) {
    const code: ErrorCode = error.code;
    const status: number | null = error.status;
    const issues: Issue[] = error.issues;
    const elapsed: number = error.elapsedMs;
    const requestStatus: string | null = error.requestStatus;
    const messages: string[] = error.messages;
    // @ts-expect-error: not a core error code
    const never: typeof error.code = 'exploded';
    void [code, status, issues, elapsed, requestStatus, messages, never];
  }
}

const issues: Issue[] = validate('create_offer', { payout: 'abc' });
const ops: readonly Operation[] = operations;
const parts: string[] = split('100.00', [1, 2, 3]);
const m: string = margin(30, '24.00');
const pct: string | null = marginPercent(0, 0);
const sub: string = subAffiliatePayout('30.00', 20, 'percent');
// @ts-expect-error: not a sub-affiliate payout type
subAffiliatePayout('30.00', 20, 'cpm');
const totals = reportTotals([{ clicks: 10, conversions: 1, payout: '2.50' }]);
const totalPayout: string = totals.payout;
const request = wire.buildRequest('get_affiliate_offer', { affiliate_id: 1, offer_id: 2 }, 'key');
const method: 'GET' | 'POST' = request.method;
const parsed: SubAffiliate[] = wire.parseResponse('list_sub_affiliates', 200, { 'content-type': 'application/json' }, '{}');
const read: ResponseRead<SubAffiliateReport> = wire.readResponse('sub_affiliate_report', 200, {}, '{}');
const readRows: SubAffiliateReportRow[] = read.value.rows;
const readWarnings: Warning[] = read.warnings;
const oddValues: Array<Record<string, JsonValue> | undefined> = readRows.map((row) => row.unreadable);

setLogger((record: LogRecord) => {
  const status: number | null | undefined = record.status;
  const attempt: number | undefined = record.attempt;
  const outcome: ErrorCode | 'ok' | undefined = record.outcome;
  void [record.level, record.message, status, attempt, outcome];
});
setLogger(null);
// @ts-expect-error: a logger is a function of one record (console.debug is one; console is not)
setLogger(console);
// @ts-expect-error: not a log level
const loud: LogRecord['level'] = 'fatal';

// Validation beyond validate(), the same as cake-sdk-wasm's (one source of declarations).
const normalized: number | undefined = check('create_offer', { payout: '24.10' }).params.payout;
const described: FieldInfo[] = fields('create_sub_affiliate');
const schemaResult = schemas.create_offer['~standard'].validate({ offer_name: 'x' });
const schemaWarnings: Issue[] = schemaResult.warnings;
const which: 'native' | 'wasm' = engine;
const panic: Error = new CakePanicError('x');
// @ts-expect-error: `build` is cake-sdk-wasm's own
void everything.build;
void [normalized, described, schemaWarnings, which, panic, payoutNumber, settings];

await mock.stop();
void [delivered, blocking, replyWarnings];
void [loud, extra, payout, created, wrongId, subs, pairingPayout, total, known, replyPayout, warnings, attempts];
void [issues, ops, parts, m, pct, sub, totalPayout, method, parsed];
void [kinds, unchecked, unreadable, rawPayout, notJson, readWarnings, oddValues];

import sdkDefault from 'cake-sdk';
const viaDefault: typeof Client = sdkDefault.Client;
void viaDefault;
