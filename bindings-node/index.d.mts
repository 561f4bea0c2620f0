// ESM declarations: the same as the CommonJS ones, plus the default export.
export * from './index.js';
import * as sdk from './index.js';
export default sdk;
