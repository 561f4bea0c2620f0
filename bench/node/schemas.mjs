// The create_offer schemas a competent user writes with zod v4 and with ajv (JSON Schema,
// allErrors: true), with the constraints the SDK's core checks: required fields; ids whole
// numbers >= 1 (numbers or numeric strings, as forms give them); offer_url an absolute http(s)
// URL that may hold CAKE {tokens} (preview_url without tokens); money a number or decimal
// string >= 0 with at most 4 places; enums case-insensitive; session_hours >= 1;
// expiration_date a real "YYYY-MM-DD HH:MM:SS".

import Ajv from 'ajv';
import * as z from 'zod';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const HOST = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?';
const URL_CHAR = '[^\\s{}<>"\\\\^`|]';
const TOKEN_URL = `^https?://${HOST}(?:[/?#](?:${URL_CHAR}|\\{[a-z0-9_]+\\})*)?$`;
const PLAIN_URL = `^https?://${HOST}(?:[/?#]${URL_CHAR}*)?$`;
const MONEY_TEXT = '^\\s*(?:\\d+(?:\\.\\d{0,4})?|\\.\\d{1,4})\\s*$';
const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const MONEY_RE = new RegExp(MONEY_TEXT);
const TOKEN_URL_RE = new RegExp(TOKEN_URL, 'i');
const PLAIN_URL_RE = new RegExp(PLAIN_URL, 'i');

const OFFER_STATUS = ['active', 'inactive', 'pending'];
const PAYOUT_TYPE = ['cpa', 'cpc', 'cpm', 'revshare'];

/** A real date and time in CAKE's form (2099-02-30 is not one). */
export function isCakeDateTime(text) {
  const m = DATETIME.exec(text.trim());
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && hour < 24 && minute < 60 && second < 60;
}

// ---- zod v4 --------------------------------------------------------------------------------

const zId = z.coerce.number().int().min(1).max(MAX_SAFE);
const zMoney = z
  .union([z.number(), z.string()])
  .refine((v) => MONEY_RE.test(String(v)), 'a decimal amount >= 0 with at most 4 places')
  .transform(Number)
  .pipe(z.number().max(1_000_000_000));
const zEnum = (values) => z.string().trim().toLowerCase().pipe(z.enum(values));

export const zodCreateOffer = z.object({
  offer_name: z.string().trim().min(1).max(255),
  advertiser_id: zId,
  vertical_id: zId,
  offer_url: z.string().trim().max(2048).regex(TOKEN_URL_RE),
  preview_url: z.string().trim().max(2048).regex(PLAIN_URL_RE).optional(),
  offer_status: zEnum(OFFER_STATUS).optional(),
  payout: zMoney.optional(),
  payout_type: zEnum(PAYOUT_TYPE).optional(),
  revenue: zMoney.optional(),
  revenue_type: zEnum(PAYOUT_TYPE).optional(),
  currency_id: zId.optional(),
  session_hours: z.coerce.number().int().min(1).max(MAX_SAFE).optional(),
  expiration_date: z.string().refine(isCakeDateTime, 'a real YYYY-MM-DD HH:MM:SS').optional(),
  offer_description: z.string().max(4000).optional(),
});

// ---- ajv (JSON Schema draft-07), allErrors: true --------------------------------------------

const ajvId = {
  anyOf: [
    { type: 'integer', minimum: 1, maximum: MAX_SAFE },
    { type: 'string', pattern: '^\\s*\\+?0*[1-9][0-9]{0,15}\\s*$' },
  ],
};
const ajvMoney = {
  anyOf: [
    { type: 'number', minimum: 0, maximum: 1_000_000_000, multipleOf: 0.0001 },
    { type: 'string', pattern: MONEY_TEXT },
  ],
};

export function ajvCreateOffer() {
  // multipleOfPrecision: 12.34 / 0.0001 is 123399.99999999999 in floating point.
  const ajv = new Ajv({ allErrors: true, multipleOfPrecision: 6 });
  const oneOf = (values) => ({ type: 'string', validate: (s) => values.includes(s.trim().toLowerCase()) });
  ajv.addFormat('offer-status', oneOf(OFFER_STATUS));
  ajv.addFormat('payout-type', oneOf(PAYOUT_TYPE));
  ajv.addFormat('cake-datetime', { type: 'string', validate: isCakeDateTime });
  ajv.addFormat('token-url', { type: 'string', validate: (s) => TOKEN_URL_RE.test(s.trim()) });
  ajv.addFormat('url', { type: 'string', validate: (s) => PLAIN_URL_RE.test(s.trim()) });
  return ajv.compile({
    type: 'object',
    required: ['offer_name', 'advertiser_id', 'vertical_id', 'offer_url'],
    properties: {
      offer_name: { type: 'string', maxLength: 255, pattern: '\\S' },
      advertiser_id: ajvId,
      vertical_id: ajvId,
      offer_url: { type: 'string', maxLength: 2048, format: 'token-url' },
      preview_url: { type: 'string', maxLength: 2048, format: 'url' },
      offer_status: { type: 'string', format: 'offer-status' },
      payout: ajvMoney,
      payout_type: { type: 'string', format: 'payout-type' },
      revenue: ajvMoney,
      revenue_type: { type: 'string', format: 'payout-type' },
      currency_id: ajvId,
      session_hours: ajvId,
      expiration_date: { type: 'string', format: 'cake-datetime' },
      offer_description: { type: 'string', maxLength: 4000 },
    },
  });
}
