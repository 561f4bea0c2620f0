// Fails unless a TAP report ran at least N tests and all of them passed: a browser run that
// silently ran nothing (toolchain.md, pitfall 7) must not pass.
//
// usage: node scripts/count-tests.mjs <report.tap> --at-least N
import { readFileSync } from 'node:fs';

const [file, flag, count] = process.argv.slice(2);
const atLeast = flag === '--at-least' ? Number(count) : 1;
const text = readFileSync(file, 'utf8');
const number = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
const [tests, pass, fail] = [number('tests'), number('pass'), number('fail')];
// Top-level results only ("ok 1 - ..."): subtests are indented.
const oks = (text.match(/^ok \d+ /gm) ?? []).length;
if (!(tests >= atLeast) || !(pass >= atLeast) || fail !== 0 || oks < atLeast) {
  console.error(`${file}: ${tests} tests, ${pass} passed, ${fail} failed; at least ${atLeast} must run and pass`);
  process.exit(1);
}
console.log(`${file}: ${pass} of ${tests} browser tests passed (at least ${atLeast} required)`);
