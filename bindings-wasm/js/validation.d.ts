// cake-sdk-wasm/validation: the validation-only build (no HTTP client, a smaller module):
// validation, Standard Schemas and payout math for forms. A subset of the shared API
// (../../js/types/common.d.ts, copied here as sdk/common.d.ts by `make sdk`): no Client, no
// wire format. Below is only what is this package's own.

export * from './sdk/common.js';

// ---- Browser package only (cake-sdk-wasm)

/** Which build this is: `'validation'` here, `'full'` from `cake-sdk-wasm`. Browser package only. */
export declare const build: 'validation';
/** @internal The runtime behind the exports (for this package's tests). Browser package only. */
export declare const __runtime: unknown;
