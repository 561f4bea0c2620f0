// An offer form checked in the browser with cake-sdk-wasm, as a consumer writes it. The import
// below is the package's main entry or 'cake-sdk-wasm/validation' (check.sh writes one page of
// each); everything after it is the same.
import { validate, margin, build } from 'cake-sdk-wasm/validation';

const form = document.querySelector('#offer');
const list = document.querySelector('#issues');
const output = document.querySelector('#margin');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const values = Object.fromEntries(new FormData(form));
  const issues = validate('create_offer', values);
  list.replaceChildren(
    ...issues.map((issue) => {
      const item = document.createElement('li');
      Object.assign(item.dataset, { field: issue.field, code: issue.code, severity: issue.severity });
      item.textContent = `${issue.field}: ${issue.message}`;
      return item;
    }),
  );
  const blocked = issues.some((issue) => issue.severity === 'error');
  output.value = blocked ? '' : margin(values.revenue, values.payout);
  document.body.dataset.checked = String(Number(document.body.dataset.checked ?? 0) + 1);
});

document.body.dataset.build = build;
document.body.dataset.ready = 'true';
