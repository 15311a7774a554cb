// The 一件事 page's logic: the form, every check and every message come from the catalogue
// through the package; the page only draws inputs and collects the answer.
import init, { Engine, version } from '../../bindings-wasm/pkg/index.js';

await init();

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** The district catalogue, or the test catalogue when it is not there. */
async function catalogText() {
  for (const path of ['../../catalogs/haicang.json', '../../tests/fixtures/catalog/mini.json']) {
    const response = await fetch(path);
    if (response.ok) return response.text();
  }
  throw new Error('no catalogue');
}

const engine = new Engine(await catalogText());
for (const b of engine.bundles()) $('bundle').append(new Option(b.name, b.code));
const matterNames = new Map(engine.matters().map((m) => [m.code, m.name]));
$('footer').textContent = `doorstep ${version()} · 填写内容只在本机校验`;

const TEXT_TYPES = new Set(['text', 'address', 'attachment', 'resident_id', 'credit_code', 'mobile',
  'phone', 'email', 'postal_code', 'bank_card', 'area_code']);

/** An input for `field` under the JSON Pointer `path`; returns the element to show. */
function input(field, path) {
  const caption = `${field.label}${field.required ? ' *' : ''}${field.requiredIf || field.visibleIf ? '（视情况填写）' : ''}`;
  const error = el('span', { className: 'error', id: `error:${path}` });
  if (field.type === 'group' || field.type === 'repeat') {
    // A repeating group is shown with one item; its answer is a list of that item.
    const inner = (field.fields ?? []).map((f) => input(f, `${path}${field.type === 'repeat' ? '/0' : ''}/${f.key}`));
    return tag(path, field, el('fieldset', {}, el('legend', {}, caption), ...inner, error));
  }
  let control;
  if (field.type === 'boolean') {
    control = el('input', { type: 'checkbox' });
    return tag(path, field, el('label', { className: 'check' }, control, caption, error));
  }
  if (field.type === 'choice') {
    control = el('select', {}, new Option('请选择', ''), ...(field.choices ?? []).map((c) => new Option(c.label, c.value)));
  } else if (field.type === 'multi_choice') {
    const boxes = (field.choices ?? []).map((c) => el('label', { className: 'check' }, el('input', { type: 'checkbox', value: c.value }), c.label));
    return tag(path, field, el('fieldset', {}, el('legend', {}, caption), ...boxes, error));
  } else if (TEXT_TYPES.has(field.type)) {
    control = el('input', { type: 'text' });
  } else if (field.type === 'date') {
    control = el('input', { type: 'date' });
  } else if (field.type === 'datetime') {
    control = el('input', { type: 'datetime-local' });
  } else {
    control = el('input', { type: 'number', step: field.type === 'decimal' ? 'any' : '1' });
  }
  return tag(path, field, el('label', {}, caption, control, error));
}

/** Marks `node` as the input of `path`. */
function tag(path, field, node) {
  node.dataset.path = path;
  node.dataset.type = field.type;
  return node;
}

/** The value an input holds, as the answer has it (`undefined`: left empty). */
function read(node) {
  const type = node.dataset.type;
  if (type === 'boolean') return node.querySelector('input').checked;
  if (type === 'multi_choice') {
    const chosen = [...node.querySelectorAll('input:checked')].map((i) => i.value);
    return chosen.length > 0 ? chosen : undefined;
  }
  const raw = node.querySelector('input, select')?.value ?? '';
  if (raw === '') return undefined;
  if (type === 'integer' || type === 'money' || type === 'decimal') return Number(raw);
  return raw;
}

/** The answer: every input that holds a value, at its JSON Pointer. */
function answer() {
  const out = {};
  for (const node of $('fields').querySelectorAll('[data-path]')) {
    if (node.dataset.type === 'group' || node.dataset.type === 'repeat') continue;
    const value = read(node);
    if (value === undefined) continue;
    const tokens = node.dataset.path.slice(1).split('/');
    let target = out;
    tokens.slice(0, -1).forEach((token, i) => {
      target[token] ??= /^\d+$/.test(tokens[i + 1]) ? [] : {};
      target = target[token];
    });
    target[tokens[tokens.length - 1]] = value;
  }
  return out;
}

/** Fills the inputs from `example` (the 填单示范). */
function fill(example) {
  for (const node of $('fields').querySelectorAll('[data-path]')) {
    const value = node.dataset.path.slice(1).split('/').reduce((v, t) => v?.[t], example);
    const type = node.dataset.type;
    if (type === 'boolean') node.querySelector('input').checked = value === true;
    else if (type === 'multi_choice') node.querySelectorAll('input').forEach((i) => { i.checked = value?.includes(i.value) ?? false; });
    else if (type !== 'group' && type !== 'repeat') node.querySelector('input, select').value = value ?? '';
  }
}

let form;
function render() {
  const target = { bundle: $('bundle').value };
  form = engine.form(target);
  $('title').textContent = $('bundle').selectedOptions[0]?.text ?? '一件事';
  $('fields').replaceChildren(...form.fields.map((f) => input(f, `/${f.key}`)));
  $('result').hidden = true;
}

$('bundle').addEventListener('change', render);
$('example').addEventListener('click', () => fill(form.example));
$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const target = { bundle: $('bundle').value };
  const out = $('result');
  for (const e of document.querySelectorAll('.error')) e.textContent = '';
  try {
    const given = answer();
    const validation = engine.validate(target, given);
    const general = [];
    for (const e of validation.errors) {
      const slot = document.getElementById(`error:${e.path}`);
      if (slot) slot.textContent = e.message;
      else general.push(e.message);
    }
    const available = $('identity').checked ? ['identity'] : [];
    const materials = engine.materials(target, given, { available });
    out.replaceChildren(
      el('p', { className: validation.valid ? 'ok' : 'bad' },
        validation.valid ? '✔ 表单已填好' : `✘ 有 ${validation.errors.length} 处需要修改`),
      ...general.map((m) => el('p', { className: 'error' }, m)),
      el('p', { className: 'hint' }, `办理事项：${validation.matters.map((c) => matterNames.get(c) ?? c).join('、')}`),
      el('p', {}, '请携带：'),
      el('ul', {}, ...materials.map((m) => el('li', {}, `${m.name} ×${m.count}`))),
    );
  } catch (e) {
    // Only a wrong call throws (e.code); the page shows the core's message.
    out.replaceChildren(el('p', { className: 'bad' }, `${e.code}: ${e.message}`));
  }
  out.hidden = false;
});

render();
