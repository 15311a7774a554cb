// The kiosk page's logic: every rule, label and message comes from the package.
import init, { checkId, idKinds, version } from '../../bindings-wasm/pkg/index.js';

await init();

const $ = (id) => document.getElementById(id);
const kinds = new Map(idKinds('zh-CN').map(({ kind, label }) => [kind, label]));
for (const [kind, label] of kinds) $('kind').append(new Option(label, kind));
$('footer').textContent = `doorstep ${version()} · 号码只在本机核验，不会上传`;

/** The facts a page shows, with this page's own captions. */
const captions = [
  ['birthDate', '出生日期', (v) => v],
  ['sex', '性别', (v) => (v === 'female' ? '女' : '男')],
  ['age', '年龄', (v) => `${v} 周岁`],
  ['region', '地区', (v) => `${v.province.name}（${v.code}）`],
  ['registrationAuthority', '登记管理部门', (v) => v.name],
  ['entityType', '机构类别', (v) => v.name],
  ['orgCode', '组织机构代码', (v) => v],
  ['areaCode', '区号', (v) => v],
  ['upgraded', '15 位升级', (v) => (v ? '是' : '否')],
];

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function show(report) {
  const out = $('result');
  out.replaceChildren();
  const kind = report.kind ? kinds.get(report.kind) : '无法识别的号码';
  if (report.valid) {
    out.append(el('p', { className: 'ok' }, `✔ 有效的${kind}`));
    out.append(el('p', { className: 'masked' }, report.masked));
    const dl = el('dl');
    for (const [key, caption, format] of captions) {
      if (report[key] !== undefined) dl.append(el('dt', {}, caption), el('dd', {}, format(report[key])));
    }
    out.append(dl);
  } else {
    out.append(el('p', { className: 'bad' }, `✘ ${kind}有误`));
    out.append(el('ul', {}, ...report.errors.map((e) => el('li', {}, e.message))));
  }
  out.hidden = false;
}

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  const kind = $('kind').value;
  try {
    show(checkId($('value').value, kind ? { kind } : {}));
  } catch (e) {
    // Only a wrong call throws; the page shows the core's message.
    show({ valid: false, kind: null, errors: [{ code: e.code, message: e.message }] });
  }
});
