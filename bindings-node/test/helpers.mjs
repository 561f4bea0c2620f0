// Set-up for this package's own tests (the shared suite is ../../js/test): a live in-process
// MockServer per test file and clients against it; the data and helpers both suites use come
// from the shared suite's support.
import { MockServer, Client } from 'cake-sdk';

export { OFFER, AFFILIATE, seedReport, rejection } from '../../js/test/support/fixtures.mjs';
export { refusingUrl, until } from '../../js/test/support/mock.mjs';

export const API_KEY = 'sk-live-NODE-7f3a9c1e-secret';

export async function startMock() {
  return MockServer.start({ apiKey: API_KEY, seed: 7 });
}

export function clientFor(mock, options = {}) {
  return new Client({ baseUrl: mock.url, apiKey: mock.apiKey, ...options });
}
