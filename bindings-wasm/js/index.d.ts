// cake-sdk-wasm: the full build (validation, payout math, wire format and the fetch client).
// The API is the one both packages share (../../js/types, copied here as sdk/*.d.ts by
// `make sdk`, as the JS layer is copied to sdk/*.js); below is only what is this package's own.

export * from './sdk/index.js';

// ---- Browser package only (cake-sdk-wasm)

/** Which build this is: `'full'` here, `'validation'` from `cake-sdk-wasm/validation`. Browser package only. */
export declare const build: 'full';
/** @internal The runtime behind the exports (for this package's tests). Browser package only. */
export declare const __runtime: unknown;
