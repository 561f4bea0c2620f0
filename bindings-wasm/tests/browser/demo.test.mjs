// The offer form demo and the package in real headless Chromium (Debian's, driven by
// playwright-core): typing, field errors and warnings, the margin, submit through the
// same-origin proxy to a live cake-mock, and the Standard Schemas through a form library.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startMock } from '../../../js/test/support/mock.mjs';
import { load } from '../../../js/test/support/vectors.mjs';
import { startDemoServer } from '../../demo/server.mjs';

const outputDir = fileURLToPath(new URL('../../../test-output/', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let mock;
let demo;
let browser;
let page;
const pageErrors = [];

before(async () => {
  mock = await startMock({ apiKey: `browser-${process.pid}-key` });
  demo = await startDemoServer({ mockUrl: mock.url, apiKey: mock.apiKey });
  // playwright starts Chromium headless with a fresh temporary profile (--user-data-dir).
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(demo.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
  await demo?.close();
  await mock?.stop();
});

const issuesOf = (field) =>
  page.$$eval(`#issues-${field} li`, (items) => items.map((li) => ({ severity: li.className, text: li.textContent })));

async function type(field, text) {
  const input = page.locator(`#field-${field}`);
  await input.fill('');
  await input.pressSequentially(text);
}

const typed = {
  offer_name: 'Home Warranty Lead - Premium',
  advertiser_id: '101',
  vertical_id: '7',
  offer_url: 'https://track.example.com/c?o={offer_id}&a={aff_id}',
  preview_url: 'https://homewarranty.example.com/landing',
  revenue: '30.00',
  currency_id: '1',
  session_hours: '72',
  expiration_date: '2031-12-31 23:59:59',
  offer_description: 'Exclusive home warranty leads, US only.',
};

test('the form has every create_offer field, and submit starts disabled', async () => {
  const names = await page.$$eval('#fields [data-field]', (nodes) => nodes.map((n) => n.dataset.field));
  const expected = await page.evaluate(async () => (await import('/pkg/js/index.js')).fields('create_offer').map((f) => f.name));
  assert.equal(expected.length, 14);
  assert.deepEqual(names, expected);
  assert.equal(await page.isDisabled('#submit'), true);
});

test('typing an invalid payout shows its error under the field; fixing it clears it', async () => {
  for (const [field, text] of Object.entries(typed)) await type(field, text);
  await page.selectOption('#field-payout_type', 'cpa');
  await page.selectOption('#field-revenue_type', 'cpa');
  await page.selectOption('#field-offer_status', 'active');
  await type('payout', '24.0x');
  const errors = await issuesOf('payout');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].severity, 'error');
  assert.match(errors[0].text, /amount|number|decimal/i);
  assert.equal(await page.isDisabled('#submit'), true, 'an error blocks submit');
  assert.equal(await page.textContent('#margin'), '—');

  await type('payout', '24.00');
  assert.deepEqual(await issuesOf('payout'), []);
  assert.equal(await page.isDisabled('#submit'), false);
});

test('a warning shows differently and does not block submit', async () => {
  await type('payout', '45');
  const warnings = await issuesOf('payout');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].severity, 'warning');
  const [errorColor, warningStyle] = await page.evaluate(() => {
    const li = document.querySelector('#issues-payout li.warning');
    return [getComputedStyle(li).color, getComputedStyle(li).backgroundColor];
  });
  assert.notEqual(warningStyle, 'rgba(0, 0, 0, 0)', 'warnings have their own background');
  assert.ok(errorColor);
  assert.equal(await page.isDisabled('#submit'), false);
  assert.equal(await page.textContent('#margin'), '-15.00');
  await type('payout', '24.00');
});

test('the margin and margin % are live, from the wasm payout functions', async () => {
  assert.equal(await page.textContent('#margin'), '6.00');
  assert.equal(await page.textContent('#margin-percent'), '20.00');
  await type('revenue', '32.50');
  assert.equal(await page.textContent('#margin'), '8.50');
  assert.equal(await page.textContent('#margin-percent'), '26.15');
  await type('revenue', typed.revenue);
  assert.equal(await page.textContent('#margin'), '6.00');
});

test('submit creates the offer through the proxy: its id is shown and the mock got exactly it', async () => {
  await mock.reset();
  await page.click('#submit');
  await page.waitForSelector('#offer-id', { timeout: 20_000 });
  const id = await page.textContent('#offer-id');
  assert.match(id, /^\d+$/);
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: `${outputDir}wasm-demo.png`, fullPage: true });

  const creates = (await mock.requests()).filter((r) => r.operation === 'create_offer');
  assert.equal(creates.length, 1, 'exactly one create_offer');
  const [request] = creates;
  assert.equal(request.applied, true);
  assert.equal(request.body.api_key, '***', 'a key was sent (the proxy added it; the mock masks it)');
  const { api_key: _key, ...sent } = request.body;
  assert.deepEqual(sent, {
    offer_name: typed.offer_name,
    advertiser_id: 101,
    vertical_id: 7,
    offer_url: typed.offer_url,
    preview_url: typed.preview_url,
    offer_status: 'active',
    payout: 24,
    payout_type: 'cpa',
    revenue: 30,
    revenue_type: 'cpa',
    currency_id: 1,
    session_hours: 72,
    expiration_date: typed.expiration_date,
    offer_description: typed.offer_description,
  });
  const { offers } = await mock.state();
  assert.equal(offers.length, 1);
  assert.equal(String(offers[0].offer_id), id, 'the id shown is the offer the mock holds');
  assert.equal(offers[0].offer_name, typed.offer_name);
});

test('the Standard Schemas work through a form-library-style consumer in the page', async () => {
  const results = await page.evaluate(async () => {
    const { schemas } = await import('/pkg/js/index.js');
    const { validateForm } = await import('/form-lib.js');
    const bad = await validateForm(schemas.create_offer, { offer_name: '', advertiser_id: 'x', payout: '1.23456' });
    const good = await validateForm(schemas.create_sub_affiliate, { affiliate_id: '67890', sub_affiliate_name: 'Partner', payout: '7.50', payout_type: 'CPA' });
    const updateNothing = await validateForm(schemas.update_offer, { offer_id: '12345' });
    return {
      bad,
      good,
      updateNothing,
      vendor: schemas.create_offer['~standard'].vendor,
      version: schemas.create_offer['~standard'].version,
      operations: Object.keys(schemas),
    };
  });
  assert.equal(results.vendor, 'cake-sdk');
  assert.equal(results.version, 1);
  assert.equal(results.operations.length, 8);
  assert.equal(results.bad.valid, false);
  assert.deepEqual(Object.keys(results.bad.errors).sort(), ['advertiser_id', 'offer_name', 'offer_url', 'payout', 'vertical_id']);
  assert.equal(results.good.valid, true);
  assert.deepEqual(results.good.value, { affiliate_id: 67890, sub_affiliate_name: 'Partner', payout: 7.5, payout_type: 'cpa' });
  assert.equal(results.updateNothing.valid, false);
  assert.equal(results.updateNothing.formErrors.length, 1, 'a request-level issue has no path');
});

test('every validation vector gives the same issues in Chromium', async () => {
  const { cases } = load('validation.json');
  const mismatches = await page.evaluate(async (cases) => {
    const { validate } = await import('/pkg/js/validation.js');
    const triples = (issues) => issues.map((i) => `${i.field}|${i.code}|${i.severity}`).sort().join(',');
    return cases.filter((c) => triples(validate(c.operation, c.params)) !== triples(c.issues)).map((c) => c.name);
  }, cases);
  assert.deepEqual(mismatches, []);
});

test('the client calls the mock directly from the page (CORS), and refuses a key without the opt-in', async () => {
  const outcome = await page.evaluate(
    async ({ url, key }) => {
      const { Client, CakeError } = await import('/pkg/js/index.js');
      let refused;
      try {
        new Client({ baseUrl: url, apiKey: key });
      } catch (error) {
        refused = error instanceof CakeError ? error.issues.map((i) => `${i.field}:${i.code}`) : String(error);
      }
      const client = new Client({ baseUrl: url, apiKey: key, dangerouslyAllowBrowser: true });
      const affiliate = await client.createAffiliate({ affiliate_name: 'From the page', account_manager_id: '42' });
      const controller = new AbortController();
      const pending = client.listSubAffiliates({}, { signal: controller.signal });
      controller.abort();
      const aborted = await pending.then(() => 'resolved', (error) => error.name);
      return { refused, affiliate, aborted };
    },
    { url: mock.url, key: mock.apiKey },
  );
  assert.deepEqual(outcome.refused, ['apiKey:key_in_browser']);
  assert.equal(outcome.affiliate.affiliate_name, 'From the page');
  assert.equal(typeof outcome.affiliate.affiliate_id, 'number');
  assert.equal(outcome.aborted, 'AbortError');
});

test('a panic in the page becomes a CakePanicError and the module keeps working', async () => {
  const outcome = await page.evaluate(async () => {
    const sdk = await import('/pkg/js/index.js');
    let caught;
    try {
      sdk.__runtime.call((glue) => glue.debug_panic('browser test panic'));
    } catch (error) {
      caught = { name: error.name, message: error.message };
    }
    return { caught, after: sdk.margin('1.00', '0.25') };
  });
  assert.equal(outcome.caught.name, 'CakePanicError');
  assert.match(outcome.caught.message, /browser test panic/);
  assert.equal(outcome.after, '0.75');
});

test('warnings in the page: console.warn by default; a throwing onWarning is reported as a listener\'s exception', async () => {
  const warnings = [];
  const onConsole = (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  };
  page.on('console', onConsole);
  try {
    const outcome = await page.evaluate(
      async ({ url, key }) => {
        const { Client } = await import('/pkg/js/index.js');
        const thin = { offer_name: 'Thin', advertiser_id: 1, vertical_id: 1, offer_url: 'https://t.example/{offer_id}', payout: '40.00', revenue: '30.00' };
        const plain = new Client({ baseUrl: url, apiKey: key, dangerouslyAllowBrowser: true });
        const first = await plain.createOffer(thin);
        // reportError fires the window's "error" event, as for an event listener's exception;
        // handled here (preventDefault), so the browser does not log it as uncaught.
        const reported = [];
        const listener = (event) => {
          reported.push(event.error?.message);
          event.preventDefault();
        };
        window.addEventListener('error', listener);
        try {
          const handled = [];
          const throwing = new Client({
            baseUrl: url,
            apiKey: key,
            dangerouslyAllowBrowser: true,
            onWarning: (warning, context) => {
              handled.push(`${context.operation} ${warning.code}`);
              throw new Error(`handler bug on ${warning.code}`);
            },
          });
          const second = await throwing.createOffer({ ...thin, bogus: 1 });
          return { first: first.payout, second: second.payout, handled: handled.sort(), reported: reported.sort() };
        } finally {
          window.removeEventListener('error', listener);
        }
      },
      { url: mock.url, key: mock.apiKey },
    );
    assert.equal(outcome.first, '40.00', 'money as a decimal string');
    assert.equal(outcome.second, '40.00', 'the call resolved with its value');
    assert.deepEqual(outcome.handled, ['create_offer negative_margin', 'create_offer unknown_field']);
    assert.deepEqual(outcome.reported, ['handler bug on negative_margin', 'handler bug on unknown_field']);
    // Console messages reach the test asynchronously: waited for, within a bound.
    for (let i = 0; i < 500 && warnings.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(warnings, ['cake-sdk: create_offer: payout: is above revenue: each conversion loses money (negative_margin)']);
  } finally {
    page.off('console', onConsole);
  }
});

test('the page logged no errors', () => {
  assert.deepEqual(pageErrors, []);
});
