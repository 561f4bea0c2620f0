#!/usr/bin/env bash
# `make dist-check-wasm`: proves $CAKE_DIST/wasm/cake-sdk-wasm-<version>.tgz as a consumer uses
# it, outside the repository. Writes $CAKE_DIST/wasm/CHECKS.md.
#   1. the tarball: both builds, the js/ layer, and `exports` resolved by Node for ".",
#      "./validation" and "./esbuild" (each file there, each build loads and validates);
#   2. fresh npm projects with the tarball installed (--offline: it comes from the tarball
#      only), one built with Vite and one with esbuild (cake-sdk-wasm/esbuild, the package's
#      plugin), each into two pages: one importing `cake-sdk-wasm`, one importing only
#      `cake-sdk-wasm/validation`;
#   3. packaging/wasm/check_pages.mjs on the four outputs: the validation page emits and names
#      only the validation .wasm (the full page only the full one), and each page validates an
#      offer form in headless Chromium as validate() does in Node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist="${CAKE_DIST:-$root/dist}/wasm"
export CARGO_TARGET_DIR="${CAKE_DIST_TARGET:-$root/target/dist}"
export CI="${CI:-true}"
export DEBIAN_FRONTEND=noninteractive
# The consumers' tools, pinned so a check is repeatable (playwright-core: bindings-wasm's).
VITE=8.4.1
ESBUILD=0.28.2
PLAYWRIGHT=$(node -p "require('$root/bindings-wasm/package.json').devDependencies['playwright-core']")
report="$CARGO_TARGET_DIR/wasm-check"

command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
version=$(node -p "require('$root/bindings-wasm/package.json').version")
tarball="$dist/cake-sdk-wasm-$version.tgz"
[[ -f "$tarball" ]] || { echo "missing $tarball: run make dist-wasm" >&2; exit 1; }
rm -rf "$report"
mkdir -p "$report"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
npm_quiet() { npm --no-audit --no-fund --loglevel=error "$@"; }
project() {
  local dir="$scratch/$1"
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm pkg set type=module)
  echo "$dir"
}
start=$SECONDS

echo "== the tarball"
listing=$(tar -tzf "$tarball")
for file in dist/full/cake_wasm_bg.wasm dist/full/glue.js dist/validation/cake_wasm_bg.wasm dist/validation/glue.js \
  js/index.js js/validation.js js/esbuild.js js/index.d.ts js/validation.d.ts js/esbuild.d.ts js/sdk/sdk.js js/sdk/index.d.ts README.md package.json; do
  grep -qx "package/$file" <<<"$listing" || { echo "$tarball lacks $file" >&2; exit 1; }
done
echo "both builds, glue, js/ entry points and declarations present ($(wc -l <<<"$listing") files)"

# The driver: playwright-core (registry), then the tarball (--offline).
driver=$(project driver)
(cd "$driver" && npm_quiet install "playwright-core@$PLAYWRIGHT" && npm_quiet install --offline "$tarball")
(cd "$driver" && node --input-type=module -e "
  import { createRequire } from 'node:module';
  const require = createRequire(process.cwd() + '/');
  for (const entry of ['cake-sdk-wasm', 'cake-sdk-wasm/validation', 'cake-sdk-wasm/esbuild']) {
    const file = import.meta.resolve(entry);
    if (!file.includes('/node_modules/cake-sdk-wasm/js/')) throw new Error(entry + ' resolves to ' + file);
  }
  const full = await import('cake-sdk-wasm');
  const validation = await import('cake-sdk-wasm/validation');
  if (full.build !== 'full' || validation.build !== 'validation' || typeof full.Client !== 'function' || 'Client' in validation) throw new Error('wrong builds');
  const issues = validation.validate('create_offer', { payout: '1.234567' }).map((i) => i.code);
  if (!issues.includes('required') || !issues.includes('too_many_decimals')) throw new Error(String(issues));
  if (typeof (await import('cake-sdk-wasm/esbuild')).default !== 'function') throw new Error('no esbuild plugin');
  console.log('exports: cake-sdk-wasm (full), cake-sdk-wasm/validation, cake-sdk-wasm/esbuild resolve and load in Node');
")

page() { # <project dir> <entry: full|validation>: the offer form page importing that entry
  local dir="$1/pages/$2"
  mkdir -p "$dir"
  cp "$here/page/index.html" "$dir/"
  if [[ $2 == full ]]; then
    sed "s#from 'cake-sdk-wasm/validation'#from 'cake-sdk-wasm'#" "$here/page/main.js" >"$dir/main.js"
  else
    cp "$here/page/main.js" "$dir/"
  fi
}

echo "== Vite $VITE"
vite=$(project vite)
(cd "$vite" && npm_quiet install --save-dev "vite@$VITE" && npm_quiet install --offline "$tarball")
for entry in validation full; do
  page "$vite" $entry
  (cd "$vite" && npx vite build "pages/$entry" --outDir "$vite/out/$entry" --emptyOutDir --base ./ --logLevel warn)
done

echo "== esbuild $ESBUILD"
esb=$(project esbuild)
(cd "$esb" && npm_quiet install --save-dev "esbuild@$ESBUILD" && npm_quiet install --offline "$tarball")
cat >"$esb/build.mjs" <<'EOF'
// esbuild with the package's plugin (it copies the imported build's .wasm into the output).
import { copyFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import cakeSdkWasm from 'cake-sdk-wasm/esbuild';

const [page, outdir] = process.argv.slice(2);
await esbuild.build({
  entryPoints: [`${page}/main.js`],
  bundle: true,
  minify: true, // as production builds are: its constant folding once broke the build (runtime.js)
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  outdir,
  logLevel: 'warning',
  plugins: [cakeSdkWasm()],
});
copyFileSync(`${page}/index.html`, `${outdir}/index.html`);
EOF
for entry in validation full; do
  page "$esb" $entry
  (cd "$esb" && node build.mjs "pages/$entry" "out/$entry")
done

echo "== the pages: bundle contents, and the form in headless Chromium"
cp "$here/check_pages.mjs" "$driver/"
status=0
(cd "$driver" && node check_pages.mjs "$report/pages.json" "$report/screenshots" \
  "vite:validation:$vite/out/validation" "vite:full:$vite/out/full" \
  "esbuild:validation:$esb/out/validation" "esbuild:full:$esb/out/full") || status=$?

node - "$tarball" "$report/pages.json" "$dist/CHECKS.md" "$VITE" "$ESBUILD" <<'EOF'
const fs = require('node:fs');
const zlib = require('node:zlib');
const { execFileSync } = require('node:child_process');
const [tarball, pagesFile, out, vite, esbuild] = process.argv.slice(2);
const { results, failures } = JSON.parse(fs.readFileSync(pagesFile, 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const member = (path) => execFileSync('tar', ['-xzOf', tarball, `package/${path}`], { maxBuffer: 1 << 26 });
const lines = [
  '# Browser package: checks', '',
  'Written by `make dist-check-wasm` (packaging/wasm/check.sh). KB = 1,024 bytes; gzip -9.', '',
  '| file | platform | size | checks | ran for real |', '|---|---|---|---|---|',
  `| ${tarball.split('/').pop()} | browsers, bundlers, Node >= 20 | ${kb(fs.statSync(tarball).size)} | both builds, glue, js/ and declarations inside; exports ".", "./validation", "./esbuild" resolve and load in Node | yes: Node, and the pages below |`,
];
for (const build of ['validation', 'full']) {
  const wasm = member(`dist/${build}/cake_wasm_bg.wasm`);
  lines.push(`| dist/${build}/cake_wasm_bg.wasm (in the tarball) | ${build} build | ${kb(wasm.length)} (${kb(zlib.gzipSync(wasm, { level: 9 }).length)} gzip) | ${build === 'validation' ? 'the only .wasm a page importing cake-sdk-wasm/validation ships' : 'shipped by pages importing cake-sdk-wasm'} | yes: headless Chromium |`);
}
lines.push('', `Pages built from the installed tarball in fresh projects (Vite ${vite}, esbuild ${esbuild} with cake-sdk-wasm/esbuild), checked by packaging/wasm/check_pages.mjs:`, '',
  '| page | .wasm emitted | JS (gzip) | offer form in headless Chromium |', '|---|---|---|---|');
for (const r of results) {
  const wasm = r.wasm.map((w) => `${w.file.split('/').pop()}: the ${w.build} build, ${kb(w.size)}`).join('; ');
  const browser = r.browser ? `wrong offer: ${r.browser.wrong.map(([f, c]) => `${f} ${c}`).join(', ')} (as validate() in Node); right offer: no error, margin ${r.browser.margin}` : 'did not run';
  lines.push(`| ${r.bundler}, import ${r.entry === 'full' ? "'cake-sdk-wasm'" : "'cake-sdk-wasm/validation'"} | ${wasm} | ${kb(r.js.gzip)} | ${browser} |`);
}
if (failures.length) lines.push('', 'Failures:', '', ...failures.map((f) => `- ${f}`));
fs.writeFileSync(out, `${lines.join('\n')}\n`);
console.log(fs.readFileSync(out, 'utf8'));
EOF
echo "dist-check-wasm: $((SECONDS - start)) s"
exit $status
