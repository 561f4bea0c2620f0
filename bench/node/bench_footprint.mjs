// Footprint of the Node and browser packages: the release .node's size, `require('cake-sdk')`
// time in a fresh node (only the require, not node's start; IMPORT_SAMPLES of them, run.py takes
// the median), and the wasm builds' sizes: raw and gzip -9 of the .wasm and of its JS glue,
// for the full build and the validation-only build, plus the time to import each in Node.
// The wasm rows are skipped with a note when bindings-wasm is not built.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { NODE_PKG, REPEAT, WASM_PKG, emit, note } from './_common.mjs';

const IMPORT_SAMPLES = Math.max(11, REPEAT);

const binaries = readdirSync(NODE_PKG).filter((f) => f.endsWith('.node'));
if (binaries.length === 0) {
  console.error(`no .node in ${NODE_PKG}: make bench builds it (make -C bindings-node release)`);
  process.exit(2);
}
for (const file of binaries) {
  const bytes = statSync(resolve(NODE_PKG, file)).size;
  emit('footprint', 'node .node', 0, 0, { bytes, gzip_bytes: gzipSync(readFileSync(resolve(NODE_PKG, file)), { level: 9 }).length, file });
}

const requireTimer = `const t = process.hrtime.bigint(); require(${JSON.stringify(NODE_PKG)}); console.log(Number(process.hrtime.bigint() - t) / 1e9)`;
const importTimer = (entry) =>
  `const t = process.hrtime.bigint(); await import(${JSON.stringify(pathToFileURL(entry).href)}); console.log(Number(process.hrtime.bigint() - t) / 1e9)`;

const timers = [['node require(cake-sdk)', ['-e', requireTimer]]];
for (const [variant, entry] of [['full', 'index.js'], ['validation', 'validation.js']]) {
  const dir = resolve(WASM_PKG, 'dist', variant);
  const wasm = resolve(dir, 'cake_wasm_bg.wasm');
  const glue = resolve(dir, 'glue.js');
  if (!existsSync(wasm) || !existsSync(glue)) {
    note(`NOTE: wasm ${variant} build skipped: ${wasm} or glue.js missing (bindings-wasm not built)`);
    continue;
  }
  const wasmBytes = readFileSync(wasm);
  const glueBytes = readFileSync(glue);
  emit('footprint', `wasm ${variant} build .wasm`, 0, 0, { bytes: wasmBytes.length, gzip_bytes: gzipSync(wasmBytes, { level: 9 }).length });
  emit('footprint', `wasm ${variant} build glue.js`, 0, 0, { bytes: glueBytes.length, gzip_bytes: gzipSync(glueBytes, { level: 9 }).length });
  timers.push([`wasm import (${variant} build, node)`, ['--input-type=module', '-e', importTimer(resolve(WASM_PKG, 'js', entry))]]);
}

for (let sample = 0; sample < IMPORT_SAMPLES; sample++) {
  for (const [name, args] of timers) {
    try {
      const seconds = Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim());
      emit('footprint', name, seconds, 1);
    } catch (error) {
      note(`NOTE: ${name} skipped: ${error.message.split('\n')[0]}`);
    }
  }
}
