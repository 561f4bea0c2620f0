// Loads the shared vectors (tests/vectors/*.json) and expands hostile.json's placeholders.
import { readFileSync } from 'node:fs';

const dir = new URL('../../../tests/vectors/', import.meta.url);

export function load(name) {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
}

/** Builds `[[...[]...]]` `depth` levels deep, iteratively. */
export function nest(depth) {
  let value = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

const floats = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** hostile.json's `$repeat`, `$nest` and `$float`, as JavaScript values. */
export function expand(value) {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key];
    if (key === '$repeat') return arg[0].repeat(arg[1]);
    if (key === '$nest') return nest(arg);
    if (key === '$float') {
      if (!(arg in floats)) throw new Error(`unknown $float ${arg}`);
      return floats[arg];
    }
  }
  return Object.fromEntries(keys.map((k) => [k, expand(value[k])]));
}

/** Numbers compare by value (24.0 == 24.00): JSON.parse already made them numbers. */
export function sortedTriples(issues) {
  return issues.map((i) => `${i.field}|${i.code}|${i.severity}`).sort();
}
