// What every Node bench script shares: the environment run.py gives (mock URL, key, seeded ids,
// repetitions), the packages under test, a concurrency driver and the JSON lines run.py reads.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BENCH = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH, '..');
// CAKE_BENCH_NODE_PKG / CAKE_BENCH_WASM_PKG: another copy of a package (profiling a build
// without installing it; checking that the wasm rows skip cleanly when it is not built).
export const NODE_PKG = process.env.CAKE_BENCH_NODE_PKG ?? resolve(ROOT, 'bindings-node');
export const WASM_PKG = process.env.CAKE_BENCH_WASM_PKG ?? resolve(ROOT, 'bindings-wasm');

export const URL_ = process.env.CAKE_BENCH_URL ?? '';
export const KEY = process.env.CAKE_BENCH_KEY ?? '';
export const REPEAT = Number(process.env.CAKE_BENCH_REPEAT ?? '5');
export const IDS = JSON.parse(process.env.CAKE_BENCH_IDS ?? '{}');
export const OFFER_URL = 'https://t.example/c?o={offer_id}';

export function needMock() {
  if (!URL_ || !KEY || IDS.affiliate_id === undefined) {
    console.error('run me through bench/run.py (CAKE_BENCH_URL, CAKE_BENCH_KEY, CAKE_BENCH_IDS unset)');
    process.exit(2);
  }
}

/** One JSON line for run.py. */
export function emit(workload, impl, seconds, ops, extra = {}) {
  process.stdout.write(`${JSON.stringify({ workload, impl, seconds, ops, ...extra })}\n`);
}

/** Notes and progress go to stderr (run.py shows them; only stdout JSON lines are collected). */
export function note(message) {
  process.stderr.write(`${message}\n`);
}

export const now = () => performance.now() / 1000;

/** `count` calls of `call(i)`, `concurrency` at a time; the results in index order. */
export async function drive(call, count, concurrency) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await call(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * One timed round of the pure-Rust core client (target/release/cake-bench) on the same mock,
 * run inside this script's rounds so that the Node rows' ceiling sees the same minutes of this
 * VM as they do (its speed drifts between scripts). As in the Python scripts: its first round
 * opens the connections, the second, warm one is the measurement.
 */
export function rustCeiling(workload, flags) {
  const args = [workload, '--url', URL_, '--key', KEY, '--repeat', '2'];
  for (const [name, value] of Object.entries(flags)) args.push(`--${name}`, String(value));
  let out;
  try {
    out = execFileSync(resolve(ROOT, 'target', 'release', 'cake-bench'), args, { encoding: 'utf8' });
  } catch (error) {
    console.error(`cake-bench ${workload} failed: ${error.stderr ?? error.message}`);
    process.exit(1);
  }
  const rounds = out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  return rounds.at(-1).seconds;
}

/** The Node package (the release build `make bench` made), loaded as a user's require would. */
export function loadNodeSdk() {
  return createRequire(import.meta.url)(NODE_PKG);
}

/**
 * The browser package's entry (`full` or `validation`), or null with the reason when it is
 * not built: the wasm workloads are then skipped with a printed note, never failed.
 */
export async function loadWasmSdk(variant) {
  const entry = resolve(WASM_PKG, 'js', variant === 'full' ? 'index.js' : 'validation.js');
  const wasm = resolve(WASM_PKG, 'dist', variant, 'cake_wasm_bg.wasm');
  const glue = resolve(WASM_PKG, 'dist', variant, 'glue.js');
  for (const needed of [entry, wasm, glue]) {
    if (!existsSync(needed)) return { sdk: null, reason: `${needed} is missing (bindings-wasm not built)` };
  }
  try {
    return { sdk: await import(pathToFileURL(entry).href), reason: null };
  } catch (error) {
    return { sdk: null, reason: `importing ${entry} failed: ${error?.stack ?? error}` };
  }
}

/** What a user writes around fetch for CAKE: HTTP errors and CAKE failures raised. */
export async function cakeJson(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const data = await response.json();
  if (data.request_status !== 'Success') throw new Error(`CAKE said ${data.request_status}`);
  return data;
}
