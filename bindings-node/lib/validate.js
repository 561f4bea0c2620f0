'use strict';
// Validation and the operation list, straight from core.

const native = require('./native.js');
const { toJson } = require('./json.js');

/** The eight operation ids, in core's order. */
const operations = Object.freeze(JSON.parse(native.schema()).operations.map((op) => op.id));
// The native side takes an operation by its place in that order (a number crosses faster
// than text); an unknown id crosses as undefined and core answers it.
const operationIndex = new Map(operations.map((id, at) => [id, at]));

/** Every issue of `params` for `operation` (errors and warnings); [] when it is valid. */
function validate(operation, params) {
  const issues = native.validate(operationIndex.get(String(operation)), toJson(params));
  // null: no issue (most requests), so nothing to parse.
  return issues === null ? [] : JSON.parse(issues);
}

module.exports = { validate, operations };
