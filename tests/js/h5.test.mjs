// The 出生一件事 H5 page (examples/web/birth.html) used as a person would, in headless
// Chromium on a phone-sized viewport: live zh-CN messages, materials with shared data, a
// submission and its timeline, the demo back office, and the page offline from its service
// worker. Every message the test expects is computed here with the package in Node, over
// the same catalogue, so the test cannot pass on a hard-coded string.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { Engine, labels } from '../../bindings-wasm/pkg/node.js';

import { serve } from './static-server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const results = join(here, 'results');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
mkdirSync(results, { recursive: true });

// ---------------------------------------------------------------------------------------------
// The expected values, from the package in Node.

const catalogText = readFileSync(join(repo, 'catalogs', 'haicang.json'), 'utf8');
const engine = new Engine(catalogText);
const birth = { bundle: 'birth' };
const example = engine.form(birth).example;
const VALID_ID = example.applicantId;
// The same number with another check digit: 18 digits that look right and are not.
const WRONG_ID = VALID_ID.slice(0, 17) + (VALID_ID[17] === '8' ? '9' : '8');
/** The page's demo citizen (examples/web/birth.js), whose identity prefills the form. */
const prefilled = engine.prefill(birth, { identity: { name: '林晓燕', residentId: VALID_ID } }, {});
/** What the page shows under the applicant's ID field for `answer`. */
const fieldMessage = (answer) => engine.validateField(birth, answer, '/applicantId').errors.map((e) => e.message).join('；');
const wrongIdMessage = fieldMessage({ ...prefilled, applicantId: WRONG_ID });
/** The sources the page's shared-data checkbox stands for (examples/web/birth.js). */
const AUTHORISED = ['identity', 'household', 'birth_certificate'];
const materialsBefore = engine.materials(birth, example, {});
const materialsAfter = engine.materials(birth, example, { available: AUTHORISED });
/** The online submission the page makes (闽政通), decided in Node: it opens the case. */
const online = engine.decide(null, {
  case: 'HC20261125-0001', expectedVersion: 0, clientId: 'x',
  command: { type: 'submit_bundle', bundle: 'birth', applicant: 'u-demo-lin', answer: example },
}, { actor: { id: 'u-demo-lin', role: 'applicant', org: '350205' }, channel: 'online', at: '2026-11-25T09:00:00+08:00' });

// ---------------------------------------------------------------------------------------------
// A static server with the repository's layout, only for the paths the page needs.

const routes = [
  ['/examples/web/', join(repo, 'examples', 'web')],
  ['/bindings-wasm/pkg/', join(repo, 'bindings-wasm', 'pkg')],
  ['/catalogs/', join(repo, 'catalogs')],
];
const server = await serve(routes);
const { origin, served } = server;

let browser;
let context;
let page;
const pageErrors = [];

before(async () => {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  server.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

const field = (path) => page.locator(`[data-path="${path}"]`);
const idInput = () => page.getByLabel('申请人公民身份号码');
const materialItems = () => page.getByRole('list', { name: '所需材料' }).getByRole('listitem');
const timelineSteps = () => page.getByRole('list', { name: '办理时间线' }).getByRole('listitem');
const memberCases = () => page.getByRole('list', { name: '分项办件' }).getByRole('listitem');

async function screenshot(name, options = {}) {
  const path = join(results, name);
  // From the top, so the sticky title bar sits at the top of a full-page shot.
  if (options.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, ...options });
  // A blank or broken render is a few KB; a page with text is well over that.
  assert.ok(statSync(path).size > 10_000, `${name} is suspiciously small`);
}

/** The catalogue's hint for the ID field (填单提示). */
const idHint = engine.form(birth).fields.find((f) => f.key === 'applicantId').hint;

/** After a wrong ID is left: the field shows its hint and the engine's message; the message. */
async function wrongIdShown() {
  assert.ok(idHint, 'the catalogue gives the ID field a hint');
  assert.ok(await field('/applicantId').getByText(idHint, { exact: true }).isVisible());
  const message = field('/applicantId').getByText(wrongIdMessage, { exact: true });
  await message.waitFor();
  assert.ok(await message.isVisible());
  return message;
}

/** The text a person sees, without input values: it must never hold a whole ID number. */
const visibleText = () => page.evaluate(() => document.body.innerText);

// ---------------------------------------------------------------------------------------------

test('the expectations computed in Node are what the test needs', () => {
  assert.equal(prefilled.applicantId, VALID_ID);
  assert.notEqual(WRONG_ID, VALID_ID);
  assert.ok(wrongIdMessage.length > 0, 'the wrong ID number has a message');
  assert.ok(!wrongIdMessage.includes(WRONG_ID));
  assert.ok(materialsAfter.length < materialsBefore.length, 'shared data waives some documents');
  assert.equal(online.outcome, 'accepted');
});

test('the page loads with 出生一件事 selected and its member matters', async () => {
  await page.goto(`${origin}/examples/web/birth.html`);
  const bundle = page.getByLabel('选择“一件事”');
  await bundle.waitFor();
  assert.equal(await bundle.inputValue(), 'birth');
  const summary = engine.bundles().find((b) => b.code === 'birth');
  const members = page.getByRole('list', { name: '包含事项' }).getByRole('listitem');
  assert.equal(await members.count(), summary.members.length);
  for (const code of summary.members) {
    await page.getByText(engine.matters(code)[0].name, { exact: true }).first().waitFor();
  }
  // 生育津贴 applies only to an insured mother, and the list says so; no other member does.
  assert.deepEqual(summary.conditional, ['350205-YB-002']);
  const conditional = members.filter({ hasText: '符合条件时办理' });
  assert.equal(await conditional.count(), 1);
  await conditional.getByText(engine.matters('350205-YB-002')[0].name).waitFor();
  // The logged-in citizen's identity is prefilled.
  assert.equal(await idInput().inputValue(), VALID_ID);
});

test('a wrong ID number shows the engine’s zh-CN message under the field once left', async () => {
  await idInput().fill(WRONG_ID);
  // Not touched yet: no message while the person is still typing in a fresh field.
  assert.equal(await field('/applicantId').locator('.msg').textContent(), '');
  await idInput().press('Tab');
  const message = await wrongIdShown();
  assert.match(wrongIdMessage, /校验/);
  assert.ok(!(await visibleText()).includes(WRONG_ID), 'the whole number is shown');
  await idInput().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  assert.ok(await message.isVisible());
  await screenshot('h5-1-wrong-id.png');
});

test('corrected, filled in, the materials shrink with shared data', async () => {
  await idInput().fill(VALID_ID);
  await page.waitForFunction(() => document.querySelector('[data-path="/applicantId"] .msg').textContent === '');
  await page.getByRole('button', { name: '填单示范' }).click();
  // The ID typed by hand after the example.
  await idInput().fill('');
  await idInput().pressSequentially(VALID_ID);
  await idInput().press('Tab');
  assert.equal(await field('/applicantId').locator('.msg').textContent(), '');

  await page.waitForFunction((n) => document.querySelectorAll('#materials li').length === n, materialsBefore.length);
  for (const m of materialsBefore) await page.getByRole('list', { name: '所需材料' }).getByText(m.name).waitFor();
  const shared = page.getByLabel('已授权调取电子证照/共享数据');
  await shared.check();
  await page.waitForFunction((n) => document.querySelectorAll('#materials li').length === n, Math.max(materialsAfter.length, 1));
  for (const m of materialsAfter) assert.ok(await materialItems().getByText(m.name).isVisible());
  for (const m of materialsBefore.filter((b) => !materialsAfter.some((a) => a.code === b.code))) {
    assert.equal(await materialItems().getByText(m.name).count(), 0, `${m.name} still listed`);
  }
  await page.getByRole('heading', { name: '所需材料' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  assert.ok(await materialItems().first().isVisible());
  await screenshot('h5-2-materials.png');
});

test('submitted online (闽政通) it opens the bundle case and its member cases', async () => {
  await page.getByRole('radio', { name: /网上提交/ }).check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByText('HC20261125-0001', { exact: true }).waitFor();
  const members = engine.bundles().find((b) => b.code === 'birth').members;
  assert.equal(await memberCases().count(), members.length);
  // One submission step for the bundle case and one per member case.
  assert.equal(await timelineSteps().count(), members.length + 1);
  // Steps are worded with the engine's words for its codes (labels()).
  const words = labels();
  await timelineSteps().first().getByText(`${words.action.submit} · 一件事`).waitFor();
});

test('the demo back office accepts the members and the timeline grows', async () => {
  const before = await timelineSteps().count();
  const accept = page.getByRole('button', { name: /^窗口受理/ });
  await accept.click();
  await page.waitForFunction((n) => document.querySelectorAll('#timeline li').length > n, before);
  const after = await timelineSteps().count();
  assert.ok(after > before);
  await timelineSteps().last().getByText(new RegExp(`^${labels().action.accept} · `)).waitFor();
  assert.ok(await memberCases().getByText(labels().status.accepted, { exact: true }).first().isVisible());
  // Accepted cases run against their time limit: a light per member.
  assert.ok(await page.locator('#cases .light:not(.none)').count() > 0);
  assert.ok(!(await visibleText()).includes(VALID_ID), 'a whole ID number is shown');
  await screenshot('h5-3-timeline.png', { fullPage: true });
});

test('offline: from the service worker the page renders, validates and keeps the case', async () => {
  const steps = await timelineSteps().count();
  // Wait for the worker to be active and to control the page (it claims it on activation).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  server.refuse();
  const servedBefore = served.length;
  await page.reload();

  await idInput().waitFor();
  assert.equal(served.length, servedBefore, 'the server answered while offline');
  await idInput().fill(WRONG_ID);
  await idInput().press('Tab');
  const message = await wrongIdShown();
  // The earlier case, from localStorage.
  await page.getByText('HC20261125-0001', { exact: true }).waitFor();
  assert.equal(await timelineSteps().count(), steps);
  assert.ok(await page.getByRole('alert').filter({ hasText: '出错了' }).count() === 0, 'an error banner is shown');
  // Served by the worker, which the title bar's badge says (离线可用).
  assert.equal(await page.locator('#net').textContent(), '离线可用');
  assert.ok(await message.isVisible());
  // The whole page: the kept case and its timeline on top, the message in the form below.
  await screenshot('h5-4-offline.png', { fullPage: true });
});

test('the search box narrows the choice to what engine.findBundles finds, by 检索词 too', async () => {
  const search = page.getByLabel('搜索“一件事”');
  const choice = page.getByLabel('选择“一件事”');
  const names = (bundles) => bundles.map((b) => b.name);
  const all = engine.findBundles('');
  assert.deepEqual(all, engine.bundles(), 'every sample bundle is open today');
  for (const query of ['开公司', '社保卡', '上户口']) {
    const found = engine.findBundles(query);
    assert.ok(found.length > 0 && found.length < all.length, `${query}: finds some, not all`);
    await search.fill(query);
    await page.getByText(`找到 ${found.length} 件“一件事”`).waitFor();
    assert.deepEqual(await choice.locator('option').allTextContents(), names(found), query);
    assert.equal(await choice.inputValue(), found[0].code, query);
    await page.locator('#title').filter({ hasText: found[0].name }).waitFor();
  }
  // 社保卡 is no bundle's name: a member's 检索词 finds 出生一件事.
  assert.ok(engine.findBundles('社保卡').some((b) => b.code === 'birth'));
  // Nothing found: the choice stays as it was.
  const before = await choice.locator('option').allTextContents();
  assert.deepEqual(engine.findBundles('无此事项'), []);
  await search.fill('无此事项');
  await page.getByText('没有找到相关的“一件事”，换个说法试试').waitFor();
  assert.deepEqual(await choice.locator('option').allTextContents(), before);
  await search.fill('');
  await choice.locator('option').nth(all.length - 1).waitFor({ state: 'attached' });
  assert.deepEqual(await choice.locator('option').allTextContents(), names(all));
  // The card as a person sees it, searching by what people call the card.
  await search.fill('社保卡');
  await page.getByText(`找到 ${engine.findBundles('社保卡').length} 件“一件事”`).waitFor();
  await page.locator('#choose').evaluate((card) => card.scrollIntoView({ block: 'center' }));
  await screenshot('h5-5-search.png');
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});
