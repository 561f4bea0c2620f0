// Validation, Standard Schema objects and each operation's fields, over an engine. Every
// rule is core's; this file converts values and names.

import { toJsonText } from './json.js';
import { unwrap } from './errors.js';

function standardIssues(issues) {
  return issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => (issue.field ? { message: issue.message, path: [issue.field] } : { message: issue.message }));
}

export function makeValidation(engine) {
  /** The eight operation ids, in core's order. */
  const operations = Object.freeze([...engine.operations]);
  // The engines take an operation by its place in that order (a number crosses faster than
  // text); an unknown id is the index past the end, which core answers as unknown_operation.
  const operationIndex = new Map(operations.map((op, at) => [op, at]));

  /** Every issue of `params` for `operation`: errors block a request, warnings never do. */
  function validate(operation, params) {
    const at = operationIndex.get(typeof operation === 'string' ? operation : String(operation)) ?? operations.length;
    const issues = engine.validate(at, toJsonText(params));
    // Most payloads have no issue: then the engine wrote nothing, and nothing is parsed.
    return issues === null ? [] : JSON.parse(issues);
  }

  /** The issues, and the parameters normalized as they would be sent. */
  function check(operation, params) {
    return JSON.parse(engine.check(String(operation), toJsonText(params)));
  }

  /** The parameters of `operation`, in the reference's order, with what each holds. */
  function fields(operation) {
    return unwrap(engine.fields(String(operation)));
  }

  /**
   * A Standard Schema (v1) for `operation`. Errors become its issues (`path` = [field]);
   * warnings never block, so they are not issues: they are on `result.warnings` (every
   * result has it) and in `validate()`. On success `value` is the normalized parameters.
   */
  function standardSchema(operation) {
    return Object.freeze({
      '~standard': Object.freeze({
        version: 1,
        vendor: 'cake-sdk',
        validate(value) {
          const { issues, params } = check(operation, value);
          const warnings = issues.filter((issue) => issue.severity === 'warning');
          const errors = standardIssues(issues);
          return errors.length > 0 ? { issues: errors, warnings } : { value: params, warnings };
        },
      }),
    });
  }

  const schemas = Object.freeze(Object.fromEntries(operations.map((op) => [op, standardSchema(op)])));

  return { operations, validate, check, fields, schemas };
}
