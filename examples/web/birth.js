// 出生一件事 H5 page. Every rule, check, message, material, case transition, deadline and
// timeline comes from the catalogue through the package; the page draws inputs, collects the
// answer, keeps the event log in localStorage and words statuses in Chinese.
import init, { Engine, evolve, labels, maskId, timeline, version } from '../../bindings-wasm/pkg/index.js';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// ---------------------------------------------------------------------------------------------
// Fixed demo data. The page is a demo: a fixed logged-in citizen, a fixed clock for the
// back office so that screenshots and tests are repeatable.

/** The logged-in citizen (闽政通 login gives the identity); the ID number is the catalogue's
 * fictitious example, valid by the check digit rule. */
const CITIZEN = { account: 'u-demo-lin', name: '林晓燕', residentId: '350205199205120027' };
/** What the shared-data platform (数据共享) holds for this citizen, by source. `identity`
 * comes with the login; the others only once the citizen authorises it (the checkbox). */
const SHARED = {
  identity: { name: CITIZEN.name, residentId: CITIZEN.residentId },
  household: { address: '福建省厦门市海沧区海沧街道沧林东路 123 号 502 室' },
  birth_certificate: { certNo: 'Q350123456' },
};
/** The sources the authorisation covers. 婚姻登记信息 is left out on purpose (registered in
 * another province in this story), so one document stays on the list. */
const AUTHORISED_SOURCES = ['identity', 'household', 'birth_certificate'];

/** The demo clock: the first command happens at START, each later one STEP_MINUTES after the
 * last event, so the timeline reads the same on every run. */
const START = '2026-11-25T09:00:00+08:00';
const STEP_MINUTES = 10;

/** Where the events are kept (JSON Lines, as hosts store them). */
const STORE = 'doorstep.h5.events';

/** Submission channels this page offers, with the organisation the applicant applies at. */
const CHANNELS = [
  { channel: 'online', label: '网上提交（闽政通）', org: '350205' },
  { channel: 'partner_point', label: '合作网点代收（海沧街道）', org: '350205-HC' },
  { channel: 'window', label: '窗口（海沧街道便民服务中心）', org: '350205-HC' },
];

// The engine's words for its codes (statuses, actions, roles, channels, …): the page shows a
// case as the counter and the kiosk do. Set once the module is initialised.
let WORDS;

/** Commands the demo panel may send: those without a payload (no reason, stamp or answer). */
const DEMO_ACTIONS = ['accept', 'claim', 'start_review', 'release', 'resume', 'conclude', 'deliver'];
const DEMO_ROLES = [
  { role: 'front_desk', short: '窗口', id: 'fd' },
  { role: 'back_office', short: '后台', id: 'bo' },
];

// ---------------------------------------------------------------------------------------------
// Errors: only a wrong call throws (an Error with `.code`); show it, never swallow it.

function showError(e) {
  const banner = $('banner');
  banner.replaceChildren(
    el('b', {}, e?.code ? `出错了（${e.code}）` : '出错了'),
    el('span', {}, e?.message ?? String(e)),
    el('button', { type: 'button', className: 'close', textContent: '关闭', onclick: () => { banner.hidden = true; } }),
  );
  banner.hidden = false;
}

/** Wraps an event handler so that a thrown error becomes the banner. */
const guard = (fn) => (...args) => {
  try {
    const out = fn(...args);
    if (out instanceof Promise) out.catch(showError);
  } catch (e) {
    showError(e);
  }
};

window.addEventListener('error', (event) => showError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));

// ---------------------------------------------------------------------------------------------
// Loading

let engine;
let catalog; // the parsed catalogue, only for names the package does not expose (see names())
let matterByCode;

async function load() {
  await init();
  WORDS = labels();
  const response = await fetch('../../catalogs/haicang.json');
  if (!response.ok) throw Object.assign(new Error(`目录加载失败：HTTP ${response.status}`), { code: 'page.catalog' });
  const text = await response.text();
  engine = new Engine(text);
  catalog = JSON.parse(text);
  matterByCode = new Map(engine.matters().map((m) => [m.code, m]));
}

/** The name of an organisation or a shared-data source. The package has no call for these
 * (only matters carry `departmentName`), so the page reads the catalogue it loaded. */
const names = {
  org: (code) => catalog.orgs?.find((o) => o.code === code)?.name ?? code,
  source: (code) => catalog.dataSources?.find((s) => s.code === code)?.name ?? code,
};
const matterName = (code) => matterByCode.get(code)?.name ?? code;

// ---------------------------------------------------------------------------------------------
// The bundle and its members

/** The search box: the bundles `engine.findBundles` finds (by their names, their members'
 * and the 检索词 people use, 社保卡 or 上户口), open today, as the choice; when it finds
 * none, the choice stays as it was and the note says so. */
function search() {
  const query = $('search').value;
  const found = engine.findBundles(query);
  $('search-note').textContent = found.length === 0
    ? '没有找到相关的“一件事”，换个说法试试'
    : query.trim() === '' ? '' : `找到 ${found.length} 件“一件事”`;
  if (found.length === 0) return;
  const current = $('bundle').value;
  $('bundle').replaceChildren(...found.map((b) => new Option(b.name, b.code, false, b.code === current)));
  // The choice moved to the first bundle found.
  if ($('bundle').value !== current) renderBundle();
}

const target = () => ({ bundle: $('bundle').value });

function renderBundle() {
  const bundle = engine.bundles().find((b) => b.code === $('bundle').value);
  $('title').textContent = bundle.name;
  document.title = `${bundle.name} · 海沧区政务服务`;
  $('lead').textContent = names.org(bundle.leadDepartment);
  $('members').replaceChildren(...bundle.members.map((code) => {
    const m = matterByCode.get(code);
    const limit = m ? (m.immediate ? '即办' : `承诺 ${m.promisedLimitDays} 个工作日`) : '';
    const channels = m ? m.channels.map((c) => WORDS.channel[c] ?? c).join('、') : '';
    // A member that applies only under a condition on the answers (生育津贴: an insured
    // mother) says so before the form is filled in.
    const when = bundle.conditional.includes(code)
      ? [el('span', { className: 'member-when' }, '符合条件时办理')]
      : [];
    return el('li', {},
      el('span', { className: 'member-name' }, el('span', {}, matterName(code)), ...when),
      el('span', { className: 'member-meta' }, `${m?.departmentName ?? ''} · ${limit} · 可办渠道：${channels}`));
  }));
  renderForm();
}

// ---------------------------------------------------------------------------------------------
// The form: one entry per field (leaves and groups), keyed by JSON Pointer.

/** path -> {field, node, msg, scope, kind} */
let entries = new Map();
/** Paths the person has touched: only these show messages while typing. */
let touched = new Set();
let form;

const idFor = (path) => `f${path.replaceAll('/', '-')}`;

function renderForm() {
  form = engine.form(target());
  entries = new Map();
  touched = new Set();
  $('fields').replaceChildren(...form.fields.map((f) => renderField(f, `/${f.key}`, null)));
  $('outcome').hidden = true;
  // The logged-in citizen's identity fills the empty fields that declare `identity.*`.
  prefill(['identity']);
  refresh();
}

/** The element for `field` at `path`; `scope` is the repeat item path its rules read, or null. */
function renderField(field, path, scope) {
  const msg = el('p', { className: 'msg', id: `m${idFor(path)}` });
  const mark = el('span', { className: 'req', 'aria-hidden': 'true' });
  const entry = { field, path, msg, mark, scope, kind: field.type };
  entries.set(path, entry);

  if (field.type === 'group' || field.type === 'repeat') {
    // A repeating group is shown with one item; its answer is a list of that item.
    const itemPath = field.type === 'repeat' ? `${path}/0` : path;
    const inner = (field.fields ?? []).map((f) => renderField(f, `${itemPath}/${f.key}`, field.type === 'repeat' ? itemPath : scope));
    entry.node = el('fieldset', { className: 'group' }, el('legend', {}, field.label, mark), ...inner, msg);
    return entry.node;
  }

  const choices = field.type === 'boolean'
    ? [{ value: 'true', label: '是' }, { value: 'false', label: '否' }]
    : field.choices ?? [];
  if (field.type === 'boolean' || field.type === 'multi_choice' || (field.type === 'choice' && choices.length <= 3)) {
    // Few options: large tap targets instead of a dropdown.
    const multi = field.type === 'multi_choice';
    const boxes = choices.map((c) => el('label', { className: 'option' },
      el('input', { type: multi ? 'checkbox' : 'radio', name: idFor(path), value: c.value }), el('span', {}, c.label)));
    entry.node = el('fieldset', { className: 'field segmented', 'aria-describedby': msg.id },
      el('legend', {}, field.label, mark), el('div', { className: 'options' }, ...boxes), msg);
  } else {
    let control;
    if (field.type === 'choice') {
      control = el('select', {}, new Option('请选择', ''), ...choices.map((c) => new Option(c.label, c.value)));
    } else if (field.type === 'date') {
      control = el('input', { type: 'date' });
    } else if (field.type === 'datetime') {
      control = el('input', { type: 'datetime-local' });
    } else if (['integer', 'decimal', 'money'].includes(field.type)) {
      control = el('input', { type: 'text', inputMode: field.type === 'integer' ? 'numeric' : 'decimal' });
    } else {
      control = el('input', {
        type: 'text',
        inputMode: ['mobile', 'phone', 'postal_code', 'bank_card'].includes(field.type) ? 'tel' : 'text',
      });
    }
    // The catalogue's 填单提示 (what to enter) stays under the label while the person types.
    Object.assign(control, { id: idFor(path), name: path });
    control.setAttribute('aria-describedby', msg.id);
    const hint = field.hint ? [el('small', { className: 'hint' }, field.hint)] : [];
    entry.node = el('div', { className: 'field' }, el('label', { htmlFor: control.id }, field.label, mark), ...hint, control, msg);
  }
  entry.node.dataset.path = path;
  return entry.node;
}

const isLeaf = (entry) => entry.kind !== 'group' && entry.kind !== 'repeat';

/** The value an entry's inputs hold, as the answer has it (`undefined`: left empty). */
function read(entry) {
  const { node, kind } = entry;
  if (kind === 'boolean') {
    const v = node.querySelector('input:checked')?.value;
    return v === undefined ? undefined : v === 'true';
  }
  if (kind === 'multi_choice') {
    const chosen = [...node.querySelectorAll('input:checked')].map((i) => i.value);
    return chosen.length > 0 ? chosen : undefined;
  }
  if (kind === 'choice' && node.tagName === 'FIELDSET') return node.querySelector('input:checked')?.value;
  const raw = node.querySelector('input, select').value;
  if (raw.trim() === '') return undefined;
  // Numbers go as numbers when they read as one; anything else goes as typed, so the engine
  // words the problem (the page does not judge the value).
  if (['integer', 'decimal', 'money'].includes(kind) && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

function write(entry, value) {
  const { node, kind } = entry;
  if (node.tagName === 'FIELDSET' && isLeaf(entry)) {
    const wanted = kind === 'boolean' ? (value === undefined ? [] : [String(value)])
      : kind === 'multi_choice' ? (value ?? []) : [value];
    node.querySelectorAll('input').forEach((i) => { i.checked = wanted.includes(i.value); });
  } else if (isLeaf(entry)) {
    node.querySelector('input, select').value = value ?? '';
  }
}

const getAt = (obj, path) => path.slice(1).split('/').reduce((v, t) => v?.[t], obj);
function setAt(obj, path, value) {
  const tokens = path.slice(1).split('/');
  let here = obj;
  tokens.slice(0, -1).forEach((token, i) => {
    here[token] ??= /^\d+$/.test(tokens[i + 1]) ? [] : {};
    here = here[token];
  });
  here[tokens[tokens.length - 1]] = value;
}

/** Every value typed, hidden fields included (the rules of visibility read this). */
function rawAnswer() {
  const out = {};
  for (const entry of entries.values()) {
    if (!isLeaf(entry)) continue;
    const value = read(entry);
    if (value !== undefined) setAt(out, entry.path, value);
  }
  return out;
}

/** A field's rule over the answer (or, in a repeating group, over its item), by the engine's
 * own JsonLogic on its working calendar (as validation counts working days); a rule the
 * engine refuses counts as true, so no field is hidden by mistake. */
function holds(rule, entry, raw) {
  const data = entry.scope ? getAt(raw, entry.scope) ?? {} : raw;
  const outcome = engine.evaluateRule({ rule, data });
  return outcome.outcome === 'evaluated' ? Boolean(outcome.result) && !isEmpty(outcome.result) : true;
}
const isEmpty = (v) => v === '' || (Array.isArray(v) && v.length === 0);

/** Shows and hides fields by `visibleIf`, marks required ones (`requiredIf` live), and
 * returns the answer of the visible fields. */
function answer() {
  const raw = rawAnswer();
  const out = {};
  for (const entry of entries.values()) {
    const { field } = entry;
    const parentHidden = [...entries.values()].some((p) => p.hidden && entry.path.startsWith(`${p.path}/`));
    entry.hidden = parentHidden || (field.visibleIf !== undefined && !holds(field.visibleIf, entry, raw));
    entry.node.hidden = entry.hidden;
    const required = field.required || (field.requiredIf !== undefined && holds(field.requiredIf, entry, raw));
    entry.mark.textContent = required ? ' *' : '';
    if (entry.hidden || !isLeaf(entry)) continue;
    const value = read(entry);
    if (value !== undefined) setAt(out, entry.path, value);
  }
  return out;
}

/** Puts `filled` (an answer) into the inputs that are empty. */
function fillEmpty(filled) {
  for (const entry of entries.values()) {
    if (!isLeaf(entry) || read(entry) !== undefined) continue;
    const value = getAt(filled, entry.path);
    if (value !== undefined) write(entry, value);
  }
}

/** Fills the empty fields from the citizen's shared data, the sources named. */
function prefill(sources) {
  const shared = Object.fromEntries(sources.map((s) => [s, SHARED[s]]).filter(([, v]) => v));
  fillEmpty(engine.prefill(target(), shared, answer()));
}

function showMessages(entry, errors) {
  entry.msg.textContent = errors.map((e) => e.message).join('；');
  const control = entry.node.querySelector('input, select');
  if (control && isLeaf(entry)) control.setAttribute('aria-invalid', String(errors.length > 0));
  entry.node.classList.toggle('invalid', errors.length > 0);
}

/** Re-checks every touched field (a rule may read other fields) and redraws the materials. */
function refresh() {
  const given = answer();
  for (const entry of entries.values()) {
    if (entry.hidden || !touched.has(entry.path)) {
      showMessages(entry, []);
      continue;
    }
    // Only leaves are checked live; a group's own problems (too few items) show on submit.
    if (isLeaf(entry)) showMessages(entry, engine.validateField(target(), given, entry.path).errors);
  }
  renderMaterials(given);
}

function renderMaterials(given) {
  const available = $('shared').checked ? AUTHORISED_SOURCES : [];
  const all = engine.materials(target(), given, {});
  const needed = engine.materials(target(), given, { available });
  const waived = all.filter((m) => !needed.some((n) => n.code === m.code));
  $('materials').replaceChildren(...needed.map((m) => el('li', {},
    el('span', { className: 'material-name' }, m.name),
    el('span', { className: 'material-meta' }, `${WORDS.materialForm[m.form] ?? m.form} ${m.count} 份`))));
  if (needed.length === 0) $('materials').append(el('li', { className: 'none' }, '无需提交纸质材料'));
  $('shared-note').textContent = waived.length > 0
    ? `已通过共享数据免提交：${waived.map((m) => `${m.name}（${names.source(m.waivedBy)}）`).join('、')}`
    : '勾选后，可由电子证照、共享数据代替的材料无需提交。';
}

// ---------------------------------------------------------------------------------------------
// Cases: the event log in localStorage, the cases built from it with `evolve`.

let events = [];
let cases = new Map();

function loadEvents() {
  const text = localStorage.getItem(STORE) ?? '';
  events = [];
  cases = new Map();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    apply(JSON.parse(line));
  }
}

/** Applies one event to its case; a refused event is not kept (it cannot follow the case). */
function apply(event) {
  const evolution = evolve(cases.get(event.case) ?? null, event);
  if (evolution.outcome !== 'applied') return evolution.error;
  cases.set(event.case, evolution.case);
  events.push(event);
  return null;
}

const jsonLines = () => events.map((e) => JSON.stringify(e)).join('\n');
const save = () => localStorage.setItem(STORE, jsonLines());

/** The time of the next command on the demo clock. */
function nextAt() {
  if (events.length === 0) return START;
  const last = Math.max(...events.map((e) => Date.parse(e.at)));
  return cst(last + STEP_MINUTES * 60_000);
}
/** RFC 3339 in China Standard Time. */
const cst = (ms) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
/** The demo clock's day, `YYYY-MM-DD`, for deadlines. */
const today = () => (events.length === 0 ? START : cst(Math.max(...events.map((e) => Date.parse(e.at))))).slice(0, 10);

/** Decides `command` on case `id` for `context`, stores and applies the events; returns the
 * refusal (a domain outcome) or null. */
function run(id, command, context) {
  const current = cases.get(id) ?? null;
  const envelope = {
    case: id,
    expectedVersion: current?.version ?? 0,
    // Unique per command and stable on a retry of the same command on the same version.
    clientId: `${id}:${command.type}:${current?.version ?? 0}`,
    command,
  };
  const decision = engine.decide(current, envelope, context);
  if (decision.outcome === 'refused') return decision.error;
  for (const event of decision.events) {
    const refused = apply(event);
    if (refused) return refused;
  }
  save();
  return null;
}

/** The bundle case to follow: the last one submitted from this device. */
const currentBundleCase = () => [...events].reverse().find((e) => e.kind.type === 'bundle_submitted')?.case;

function submit(event) {
  event.preventDefault();
  const given = answer();
  const validation = engine.validate(target(), given);
  const outcome = $('outcome');
  outcome.hidden = false;
  outcome.className = 'outcome';
  if (!validation.valid) {
    // On submit every problem shows, touched or not.
    const byPath = new Map();
    const general = [];
    for (const e of validation.errors) {
      const entry = entries.get(e.path);
      if (entry && !entry.hidden) byPath.set(e.path, [...byPath.get(e.path) ?? [], e]);
      else general.push(e.message);
    }
    for (const entry of entries.values()) {
      if (!entry.hidden) touched.add(entry.path);
      showMessages(entry, byPath.get(entry.path) ?? []);
    }
    outcome.classList.add('bad');
    outcome.replaceChildren(el('b', {}, `还有 ${validation.errors.length} 处需要修改`), ...general.map((m) => el('p', {}, m)));
    document.querySelector('.field.invalid input, .field.invalid select, .invalid input')?.focus();
    return;
  }
  const choice = CHANNELS.find((c) => c.channel === document.querySelector('input[name="channel"]:checked')?.value) ?? CHANNELS[0];
  const submitted = events.filter((e) => e.kind.type === 'bundle_submitted').length;
  const caseId = `HC${nextAt().slice(0, 10).replaceAll('-', '')}-${String(submitted + 1).padStart(4, '0')}`;
  const refused = run(caseId, {
    type: 'submit_bundle', bundle: $('bundle').value, applicant: CITIZEN.account, answer: validation.normalized,
  }, { actor: { id: CITIZEN.account, role: 'applicant', org: choice.org }, channel: choice.channel, at: nextAt() });
  if (refused) {
    // A refused command changes nothing; say why, in the engine's words.
    outcome.classList.add('bad');
    outcome.replaceChildren(el('b', {}, `未能提交（${WORDS.channel[choice.channel]}）`), el('p', { className: 'refusal' }, refused.message), el('p', { className: 'code' }, refused.code));
    return;
  }
  outcome.classList.add('ok');
  outcome.replaceChildren(el('b', {}, '提交成功'), el('p', {}, `办件编号 ${caseId}，可在下方查看办理进度。`));
  renderProgress();
  $('progress').scrollIntoView({ behavior: 'instant', block: 'start' });
}

// ---------------------------------------------------------------------------------------------
// Progress: the timeline, the member cases with their deadline lights, the demo back office.

function renderProgress() {
  const id = currentBundleCase();
  $('progress').hidden = id === undefined;
  $('demo').hidden = id === undefined;
  if (id === undefined) return;
  const found = timeline(jsonLines(), id);
  if (found.outcome === 'refused') {
    $('timeline').replaceChildren(el('li', { className: 'bad' }, `${found.error.code}：${found.error.message}`));
    return;
  }
  const t = found.timeline;
  $('case-no').textContent = t.case;
  $('state').textContent = t.bundle ? WORDS.bundleState[t.bundle.state] ?? t.bundle.state : WORDS.status[cases.get(id)?.status] ?? '';
  $('state').className = `state ${t.bundle?.state ?? ''}`;

  const day = today();
  $('cases').replaceChildren(...t.cases.filter((c) => c.case !== t.case).map((c) => {
    const current = cases.get(c.case);
    const deadline = current ? engine.deadline(current, day) : null;
    const light = deadline
      ? el('span', { className: `light ${deadline.light}`, title: WORDS.light[deadline.light] },
        el('i', { className: `dot ${deadline.light}` }),
        deadline.overdueWorkingDays > 0 ? `超期 ${deadline.overdueWorkingDays} 个工作日（截止 ${deadline.due}）`
          : deadline.totalWorkingDays === 0 ? `即办件 · ${deadline.due} 当日办结`
            : `${WORDS.light[deadline.light]} · 剩余 ${deadline.remainingWorkingDays} 个工作日 · ${deadline.due} 前办结`)
      : el('span', { className: 'light none' }, el('i', { className: 'dot none' }), '待受理');
    return el('li', { className: 'case' },
      el('span', { className: 'case-name' }, matterName(c.matter), c.origin ? el('small', {}, '（免申即办）') : null),
      el('span', { className: `status ${c.status}` }, WORDS.status[c.status] ?? c.status),
      light);
  }));

  $('timeline').replaceChildren(...t.entries.map((e) => el('li', { className: `step ${e.action}` },
    el('time', { dateTime: e.at }, e.at.slice(5, 16).replace('T', ' ')),
    el('div', { className: 'step-body' },
      el('b', {}, `${WORDS.action[e.action] ?? e.action} · ${e.case === t.case ? '一件事' : matterName(e.matter)}`),
      el('span', {}, `${WORDS.role[e.role] ?? e.role} · ${names.org(e.org)} · ${WORDS.channel[e.channel] ?? e.channel}`),
      el('span', { className: 'after' }, `→ ${WORDS.status[e.status] ?? e.status}`)))));

  renderDemo(t);
}

/** The actor of a role at the department of `matter` (the demo's front desk or back office). */
function staff(role, matter) {
  const dept = matterByCode.get(matter)?.department ?? '350205';
  return { id: `${DEMO_ROLES.find((r) => r.role === role).id}-${dept}`, role, org: dept };
}

/** One button per (role, action) the engine offers on some case of the timeline. */
function renderDemo(t) {
  $('clock').textContent = nextAt().slice(0, 16).replace('T', ' ');
  const at = nextAt();
  const offers = new Map();
  for (const c of t.cases) {
    const current = cases.get(c.case);
    if (!current || c.case === t.case) continue;
    for (const { role } of DEMO_ROLES) {
      const context = { actor: staff(role, current.matter), channel: 'window', at };
      for (const action of engine.actions(current, context)) {
        if (!DEMO_ACTIONS.includes(action)) continue;
        const key = `${role}:${action}`;
        if (!offers.has(key)) offers.set(key, { role, action, cases: [] });
        offers.get(key).cases.push(c.case);
      }
    }
  }
  const buttons = [...offers.values()].map(({ role, action, cases: ids }) => el('button', {
    type: 'button',
    className: 'demo-button',
    textContent: `${DEMO_ROLES.find((r) => r.role === role).short}${WORDS.action[action]}（${ids.length} 件）`,
    onclick: guard(() => advance(role, action, ids)),
  }));
  $('demo-buttons').replaceChildren(...buttons);
  if (buttons.length === 0) $('demo-buttons').append(el('p', { className: 'note' }, '暂无可演示的无需填写内容的办理操作。'));
}

function advance(role, action, ids) {
  const at = nextAt();
  const refusals = [];
  for (const id of ids) {
    const current = cases.get(id);
    const refused = run(id, { type: action }, { actor: staff(role, current.matter), channel: 'window', at });
    if (refused) refusals.push(`${matterName(current.matter)}：${refused.message}（${refused.code}）`);
  }
  $('demo-note').textContent = refusals.join('；');
  renderProgress();
}

// ---------------------------------------------------------------------------------------------
// Start

function renderChannels() {
  $('channels').append(...CHANNELS.map((c, i) => el('label', { className: 'option' },
    el('input', { type: 'radio', name: 'channel', value: c.channel, checked: i === 0 }), el('span', {}, c.label))));
}

function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js').catch(showError);
  const badge = () => {
    $('net').hidden = !navigator.serviceWorker.controller && navigator.onLine;
    $('net').textContent = navigator.onLine ? '离线可用' : '当前离线';
  };
  navigator.serviceWorker.addEventListener('controllerchange', badge);
  window.addEventListener('online', badge);
  window.addEventListener('offline', badge);
  badge();
}

async function main() {
  registerWorker();
  await load();
  for (const b of engine.bundles()) $('bundle').append(new Option(b.name, b.code, b.code === 'birth', b.code === 'birth'));
  $('who').textContent = `当前登录：${CITIZEN.name}（${maskId(CITIZEN.residentId, 'resident_id')}）`;
  $('footer').textContent = `doorstep ${version()} · 表单在本机校验，办件记录保存在本机（演示）`;
  renderChannels();
  renderBundle();

  $('bundle').addEventListener('change', guard(renderBundle));
  $('search').addEventListener('input', guard(search));
  // Live messages: a field counts as touched once changed (`change` fires when the person
  // leaves an edited text field or picks a choice); from then on each keystroke re-checks
  // it, so a corrected value clears its message at once.
  $('fields').addEventListener('input', guard(refresh));
  $('fields').addEventListener('change', guard((event) => {
    const path = event.target.closest('[data-path]')?.dataset.path;
    if (path) touched.add(path);
    refresh();
  }));
  $('example').addEventListener('click', guard(() => {
    for (const entry of entries.values()) if (isLeaf(entry)) write(entry, getAt(form.example, entry.path));
    refresh();
  }));
  $('shared').addEventListener('change', guard(() => {
    if ($('shared').checked) prefill(AUTHORISED_SOURCES);
    refresh();
  }));
  $('form').addEventListener('submit', guard(submit));
  $('reset').addEventListener('click', guard(() => {
    localStorage.removeItem(STORE);
    loadEvents();
    renderProgress();
    $('outcome').hidden = true;
  }));

  loadEvents();
  renderProgress();
  $('loading').hidden = true;
  for (const id of ['choose', 'form']) $(id).hidden = false;
  $('app').setAttribute('aria-busy', 'false');
}

main().catch(showError);
