// Which addon this process loaded: 'native', or 'wasm32-wasi' for the WebAssembly fallback
// (NAPI_RS_FORCE_WASI, or a platform without a native package). Both have everything, and
// every test runs on both.
import { createRequire } from 'node:module';

const binding = createRequire(import.meta.url)('../lib/native.js');

export const ENGINE = binding.__napiBindingTarget ?? 'native';
