// cake-sdk-wasm/validation: the validation-only build (no HTTP client, a smaller module).

export * from './common.js';
export * from './exports.js';

/** Which build this is. */
export declare const build: 'validation';
/** @internal The runtime behind the exports (for this package's tests). */
export declare const __runtime: unknown;
