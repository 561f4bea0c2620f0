// cake-sdk-wasm/esbuild: an esbuild plugin for pages that bundle this package with esbuild.
// The entry points find their .wasm as `new URL('../dist/<build>/cake_wasm_bg.wasm',
// import.meta.url)`, which Vite, webpack 5 and Parcel copy into the output; esbuild does not
// (evanw/esbuild#795), so after bundling the URL would point next to the bundle at a file that
// is not there. The plugin turns each such URL in this package into an import of the .wasm
// with esbuild's `file` loader: esbuild then copies the module into the output directory
// (hashed, once) and the URL points at the copy. Only the build a page imports is copied.
// Use (Node, at build time):
//
//   import cakeSdkWasm from 'cake-sdk-wasm/esbuild';
//   await esbuild.build({ entryPoints: ['page.js'], bundle: true, format: 'esm', outdir: 'out',
//                         plugins: [cakeSdkWasm()] });

import { readFile } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
// The files that locate a .wasm: the entry points (js/index.js, js/validation.js) and
// wasm-bindgen's glue (dist/<build>/glue.js, whose default init path names its module too).
const LOCATORS = /[\\/](index|validation|glue)\.js$/;
const WASM_URL = /new URL\((['"])((?:\.{1,2}\/)?[\w./-]+\.wasm)\1, import\.meta\.url\)/g;

/** The plugin: `plugins: [cakeSdkWasm()]`. */
export default function cakeSdkWasm() {
  return {
    name: 'cake-sdk-wasm',
    setup(build) {
      build.onLoad({ filter: LOCATORS }, async (args) => {
        if (!args.path.startsWith(root + sep)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const imports = [];
        const contents = source.replace(WASM_URL, (_, quote, path) => {
          const name = `__cakeSdkWasm${imports.length}`;
          const specifier = path.startsWith('.') ? path : `./${path}`;
          imports.push(`import ${name} from ${JSON.stringify(specifier)};\n`);
          return `new URL(${name}, import.meta.url)`;
        });
        if (imports.length === 0) return undefined;
        return { contents: imports.join('') + contents, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onLoad({ filter: /[\\/]cake_wasm_bg\.wasm$/ }, async (args) =>
        args.path.startsWith(root + sep) ? { contents: await readFile(args.path), loader: 'file' } : undefined,
      );
    },
  };
}
