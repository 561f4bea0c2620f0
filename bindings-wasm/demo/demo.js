// The offer form: fields from the core's field table, issues under each field as you type
// (errors block, warnings do not), a live margin from the wasm payout functions, and submit
// through the wasm Client to a same-origin proxy that adds the API key server-side.
import { fields, validate, schemas, margin, marginPercent, Client, CakeError } from '/pkg/js/index.js';
import { validateForm } from '/form-lib.js';

const OPERATION = 'create_offer';
// No key here: the proxy (demo/server.mjs) adds it. `/` is resolved against the page.
const client = new Client({ baseUrl: '/' });

const form = document.getElementById('offer-form');
const submit = document.getElementById('submit');
const status = document.getElementById('status');
const touched = new Set();
let submitted = false;

const label = (name) =>
  name
    .split('_')
    .map((word, i) => (['id', 'url'].includes(word) ? word.toUpperCase() : i === 0 ? word[0].toUpperCase() + word.slice(1) : word))
    .join(' ');

const hints = {
  money: 'a decimal amount, e.g. 24.00',
  id: 'a number',
  int: 'a whole number',
  datetime: 'YYYY-MM-DD HH:MM:SS',
  url: 'https://…',
};

function control(field) {
  if (field.kind === 'enum') {
    const select = document.createElement('select');
    select.append(new Option(field.required ? 'Choose…' : '(not set)', ''));
    for (const value of field.values) select.append(new Option(value, value));
    return select;
  }
  if (field.kind === 'text') return Object.assign(document.createElement('textarea'), { rows: 3 });
  const input = Object.assign(document.createElement('input'), { type: 'text', autocomplete: 'off' });
  if (field.kind === 'money') input.inputMode = 'decimal';
  if (field.kind === 'id' || field.kind === 'int') input.inputMode = 'numeric';
  if (field.kind === 'datetime') input.placeholder = 'YYYY-MM-DD HH:MM:SS';
  if (field.kind === 'url') input.placeholder = field.tokens ? 'https://track.example.com/c?o={offer_id}' : 'https://…';
  return input;
}

const list = fields(OPERATION);
const container = document.getElementById('fields');
for (const field of list) {
  const wrapper = Object.assign(document.createElement('div'), { className: 'field' });
  wrapper.dataset.field = field.name;
  const caption = document.createElement('label');
  caption.htmlFor = `field-${field.name}`;
  caption.textContent = `${label(field.name)}${field.required ? ' *' : ''} `;
  if (hints[field.kind]) caption.append(Object.assign(document.createElement('span'), { className: 'hint', textContent: `(${hints[field.kind]})` }));
  const input = control(field);
  input.id = `field-${field.name}`;
  input.name = field.name;
  const issues = Object.assign(document.createElement('ul'), { className: 'issues', id: `issues-${field.name}` });
  issues.setAttribute('aria-live', 'polite');
  input.setAttribute('aria-describedby', issues.id);
  wrapper.append(caption, input, issues);
  container.append(wrapper);
}

/** The form's values as a form gives them: strings, "" for not given. */
function values() {
  return Object.fromEntries(list.map((field) => [field.name, form.elements[field.name].value]));
}

function show(list, issues) {
  list.replaceChildren(
    ...issues.map((issue) => Object.assign(document.createElement('li'), { className: issue.severity, textContent: issue.message })),
  );
}

function amount(compute) {
  try {
    return compute() ?? '—';
  } catch (error) {
    if (error instanceof CakeError) return '—';
    throw error;
  }
}

function update() {
  const current = values();
  const issues = validate(OPERATION, current);
  for (const field of list) {
    const mine = touched.has(field.name) || submitted ? issues.filter((i) => i.field === field.name) : [];
    show(document.getElementById(`issues-${field.name}`), mine);
    const wrapper = container.querySelector(`[data-field="${field.name}"]`);
    wrapper.classList.toggle('has-error', mine.some((i) => i.severity === 'error'));
    wrapper.classList.toggle('has-warning', mine.some((i) => i.severity === 'warning'));
  }
  show(document.getElementById('issues-request'), touched.size > 0 || submitted ? issues.filter((i) => i.field === '') : []);
  submit.disabled = issues.some((i) => i.severity === 'error');
  const given = current.revenue.trim() !== '' && current.payout.trim() !== '';
  document.getElementById('margin').textContent = given ? amount(() => margin(current.revenue, current.payout)) : '—';
  document.getElementById('margin-percent').textContent = given
    ? amount(() => marginPercent(current.revenue, current.payout))
    : '—';
}

form.addEventListener('input', (event) => {
  if (event.target.name) touched.add(event.target.name);
  update();
});
form.addEventListener('change', (event) => {
  if (event.target.name) touched.add(event.target.name);
  update();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  submitted = true;
  // Through the Standard Schema, as a form library would: its value is the normalized offer.
  const checked = await validateForm(schemas[OPERATION], values());
  if (!checked.valid) {
    update();
    return;
  }
  submit.disabled = true;
  status.className = '';
  status.textContent = 'Creating…';
  try {
    const offer = await client.createOffer(checked.value);
    status.className = 'ok';
    status.replaceChildren('Created offer ', Object.assign(document.createElement('strong'), { id: 'offer-id', textContent: String(offer.offer_id) }));
  } catch (error) {
    status.className = 'failed';
    status.textContent = error instanceof CakeError ? `Not created (${error.code}): ${error.message}` : String(error);
  } finally {
    update();
  }
});

update();
document.body.dataset.ready = 'true';
