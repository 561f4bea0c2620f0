// The TypeScript declarations: they type-check a consumer (with @ts-expect-error lines that
// prove precision), match what the modules really export and hold no `any`. The shared part is
// ../js/types/*.d.ts (one source for both packages; api.d.ts generated from core's description,
// `make lint` fails when it is stale), copied into js/sdk/ by `make sdk`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const path = (p) => fileURLToPath(new URL(p, root));
const ts = createRequire(import.meta.url)('typescript');

test('a TypeScript consumer type-checks against the declarations (tsc --noEmit, strict)', () => {
  const output = (() => {
    try {
      return execFileSync(path('node_modules/.bin/tsc'), ['-p', path('tests/types/tsconfig.json')], { encoding: 'utf8' });
    } catch (error) {
      return `${error.stdout}${error.stderr}FAILED`;
    }
  })();
  assert.equal(output, '');
});

const SHARED = fileURLToPath(new URL('../js/types/', root));
const shared = readdirSync(SHARED).filter((f) => f.endsWith('.d.ts')).sort();

test('js/sdk/ holds the shared declarations as they are in js/types (make sdk)', () => {
  assert.deepEqual(shared, ['api.d.ts', 'common.d.ts', 'index.d.ts']);
  const copied = readdirSync(path('js/sdk')).filter((f) => f.endsWith('.d.ts')).sort();
  assert.deepEqual(copied, shared, 'js/sdk/*.d.ts: run make sdk');
  for (const file of shared) {
    assert.equal(readFileSync(path(`js/sdk/${file}`), 'utf8'), readFileSync(SHARED + file, 'utf8'), `js/sdk/${file} is stale: run make sdk`);
  }
  // This package's own declarations re-export the shared ones and add only its own names.
  assert.match(readFileSync(path('js/index.d.ts'), 'utf8'), /^export \* from '\.\/sdk\/index\.js';$/m);
  assert.match(readFileSync(path('js/validation.d.ts'), 'utf8'), /^export \* from '\.\/sdk\/common\.js';$/m);
});

test('no `any` on the public surface', () => {
  const files = [
    ...readdirSync(path('js')).filter((f) => f.endsWith('.d.ts')),
    ...readdirSync(path('js/sdk')).filter((f) => f.endsWith('.d.ts')).map((f) => `sdk/${f}`),
  ];
  assert.ok(files.length >= 6);
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path(`js/${file}`), 'utf8'), ts.ScriptTarget.Latest, true);
    const found = [];
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) found.push(node.getStart());
      ts.forEachChild(node, visit);
    };
    visit(source);
    assert.deepEqual(found, [], `${file} uses any`);
  }
});

function declaredValues(entry) {
  const program = ts.createProgram([path(entry)], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(path(entry)));
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.getName())
    .sort();
}

for (const [entry, declarations] of [
  ['js/index.js', 'js/index.d.ts'],
  ['js/validation.js', 'js/validation.d.ts'],
]) {
  test(`${declarations} declares exactly what ${entry} exports`, async () => {
    const runtime = Object.keys(await import(new URL(entry, root))).sort();
    assert.deepEqual(declaredValues(declarations), runtime);
  });
}
