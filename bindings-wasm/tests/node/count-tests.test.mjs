// The guard on the browser run: a TAP report with zero tests (or a failure) must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/count-tests.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cake-tap-'));

function run(report, atLeast = 5) {
  const file = join(dir, `${Math.random()}.tap`);
  writeFileSync(file, report);
  return spawnSync(process.execPath, [script, file, '--at-least', String(atLeast)], { encoding: 'utf8' }).status;
}

const ok = (n) => Array.from({ length: n }, (_, i) => `ok ${i + 1} - t${i}`).join('\n');

test('a run of zero browser tests fails the check', () => {
  assert.equal(run('TAP version 13\n1..0\n# tests 0\n# pass 0\n# fail 0\n'), 1);
});

test('too few tests, or any failure, fails the check', () => {
  assert.equal(run(`${ok(3)}\n# tests 3\n# pass 3\n# fail 0\n`), 1);
  assert.equal(run(`${ok(6)}\nnot ok 7 - t\n# tests 7\n# pass 6\n# fail 1\n`), 1);
});

test('enough passing tests pass the check', () => {
  assert.equal(run(`${ok(6)}\n# tests 6\n# pass 6\n# fail 0\n`), 0);
});
