'use strict';
// Validation and the operation list, straight from core.

const native = require('./native.js');
const { toJson } = require('./json.js');

/** Every issue of `params` for `operation` (errors and warnings); [] when it is valid. */
function validate(operation, params) {
  return JSON.parse(native.validate(String(operation), toJson(params)));
}

/** The eight operation ids, in core's order. */
const operations = Object.freeze(JSON.parse(native.schema()).operations.map((op) => op.id));

module.exports = { validate, operations };
