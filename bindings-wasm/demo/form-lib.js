// A tiny form library that speaks Standard Schema v1 (https://standardschema.dev), as real
// form libraries do: it knows nothing about CAKE. Given any schema, it validates values and
// maps issues to fields by their path. The demo and the browser tests use it.

/** Field errors of `values` under `schema`: `{ valid, value, errors: {field: [message]}, formErrors }`. */
export async function validateForm(schema, values) {
  const standard = schema?.['~standard'];
  if (!standard || standard.version !== 1 || typeof standard.validate !== 'function') {
    throw new TypeError('not a Standard Schema v1');
  }
  const result = await standard.validate(values);
  if (!result.issues) return { valid: true, value: result.value, errors: {}, formErrors: [] };
  const errors = {};
  const formErrors = [];
  for (const issue of result.issues) {
    const segment = issue.path?.[0];
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (key === undefined) formErrors.push(issue.message);
    else (errors[String(key)] ??= []).push(issue.message);
  }
  return { valid: false, value: undefined, errors, formErrors };
}
