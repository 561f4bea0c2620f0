// Validation: the 100,000 create_offer payloads of bench/data/validation_payloads.json
// (bench/gen_payloads.py: fixed seed, 80% valid, 20% with one to three errors).
//
//   node validate         cake-sdk validate('create_offer', p): flagged when an issue is an error
//   wasm validate (node)  cake-sdk-wasm/validation (the validation-only build), the same call
//   wasm full validate    cake-sdk-wasm (the full build), the same call
//   node zod v4           zodCreateOffer.safeParse(p): flagged when !success
//   node ajv              the compiled JSON Schema (allErrors: true): flagged when it fails
//
// Every validator must flag exactly the same payload indices as ours: each row carries
// `flagged` and `flagged_sha1` (of the sorted indices, as the Python script writes it), which
// run.py compares across languages; a disagreement also fails this script, with examples.
// The wasm rows are skipped with a note when bindings-wasm is not built.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH, REPEAT, emit, loadNodeSdk, loadWasmSdk, note, now } from './_common.mjs';
import { ajvCreateOffer, zodCreateOffer } from './schemas.mjs';

const PAYLOADS = resolve(BENCH, 'data', 'validation_payloads.json');
if (!existsSync(PAYLOADS)) {
  console.error(`${PAYLOADS} is missing: run bench/gen_payloads.py (make bench does)`);
  process.exit(2);
}
const payloads = JSON.parse(readFileSync(PAYLOADS, 'utf8'));

const hasError = (issues) => issues.some((issue) => issue.severity === 'error');
const impls = {};

const sdk = loadNodeSdk();
impls['node validate'] = (p) => hasError(sdk.validate('create_offer', p));

for (const [name, variant] of [['wasm validate (node)', 'validation'], ['wasm full validate (node)', 'full']]) {
  const { sdk: wasm, reason } = await loadWasmSdk(variant);
  if (wasm) impls[name] = (p) => hasError(wasm.validate('create_offer', p));
  else note(`NOTE: ${name} skipped: ${reason}`);
}

impls['node zod v4'] = (p) => !zodCreateOffer.safeParse(p).success;
const ajvValidate = ajvCreateOffer();
impls['node ajv'] = (p) => !ajvValidate(p);

const sha1 = (indices) => createHash('sha1').update(indices.join(',')).digest('hex');

// Warm-up (JIT, lazy initialisation): the first 10,000 payloads through every validator.
for (const check of Object.values(impls)) for (let i = 0; i < 10_000; i++) check(payloads[i]);

let reference = null;
for (let round = 0; round < REPEAT; round++) {
  for (const [name, check] of Object.entries(impls)) {
    const started = now();
    const flagged = [];
    for (let i = 0; i < payloads.length; i++) if (check(payloads[i])) flagged.push(i);
    const seconds = now() - started;
    if (reference === null) {
      reference = flagged;
    } else if (flagged.length !== reference.length || flagged.some((v, i) => v !== reference[i])) {
      const ours = new Set(reference);
      const theirs = new Set(flagged);
      const differ = [...new Set([...reference, ...flagged])].filter((i) => ours.has(i) !== theirs.has(i)).sort((a, b) => a - b);
      for (const i of differ.slice(0, 5)) {
        note(`  payload ${i}: ours ${ours.has(i) ? 'flags' : 'accepts'}, ${name} ${theirs.has(i) ? 'flags' : 'accepts'}: ${JSON.stringify(payloads[i])}`);
      }
      console.error(`validation: ${name} flags ${flagged.length} payloads, ours ${reference.length}; ${differ.length} differ (examples above)`);
      process.exit(1);
    }
    emit('validation', name, seconds, payloads.length, { flagged: flagged.length, flagged_sha1: sha1(flagged) });
  }
  note(`validation (node): round ${round + 1}/${REPEAT} done`);
}
