// The district dashboard in a real browser: `doorstep demo --days 24 --cases-per-day 80
// --out DIR` (the CLI binary: DOORSTEP_CLI, else $CARGO_TARGET_DIR/debug/doorstep, else
// target/debug/doorstep) writes DIR/dashboard.html, one self-contained page; Debian's
// Chromium, driven by playwright-core, opens it from file:// with the network cut off and
// checks its three inline SVG charts (svg#on-time and svg#satisfaction: one bar per station,
// 48; svg#weekly: one per week), takes a screenshot into results/dashboard.png and checks
// that it is not blank (sampled on a canvas).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const cli =
  process.env.DOORSTEP_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'doorstep');
const screenshot = join(here, 'results', 'dashboard.png');

const out = mkdtempSync(join(tmpdir(), 'doorstep-dashboard-'));
const profile = mkdtempSync(join(tmpdir(), 'doorstep-chromium-'));
let context;
after(async () => {
  await context?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
});

/** What the page shows: per chart, its bars' heights, and the page's own problems. */
async function collect(file) {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    timeout: 60_000,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  // Self-contained: anything but the file itself is a request it should not make.
  await page.route('**/*', (route) => {
    if (route.request().url() === file) return route.continue();
    problems.push(`request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(file);
  const charts = await page.evaluate(() =>
    Object.fromEntries(
      ['on-time', 'satisfaction', 'weekly'].map((id) => {
        const svg = document.querySelector(`svg#${id}`);
        if (svg === null) return [id, null];
        const bars = [...svg.querySelectorAll('rect.bar')].map((r) => ({
          height: Number(r.getAttribute('height')),
          drawn: r.getBoundingClientRect().height,
          fill: getComputedStyle(r).fill,
        }));
        return [id, bars];
      }),
    ),
  );
  mkdirSync(join(here, 'results'), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  // The screenshot sampled on a canvas: the share of pixels that are not the background,
  // and how many colours there are.
  const png = readFileSync(screenshot).toString('base64');
  const blank = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data: px } = g.getImageData(0, 0, img.width, img.height);
    const colours = new Set();
    let inked = 0;
    let sampled = 0;
    for (let i = 0; i < px.length; i += 4 * 7) {
      sampled += 1;
      colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) inked += 1;
    }
    return { width: img.width, height: img.height, colours: colours.size, inked: inked / sampled };
  }, png);
  return { charts, problems, blank };
}

let shown;
let dashboard;
test('doorstep demo writes the dashboard', () => {
  assert.ok(existsSync(cli), `no CLI binary at ${cli} (cargo build -p doorstep-cli)`);
  execFileSync(cli, ['demo', '--days', '24', '--cases-per-day', '80', '--out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  });
  dashboard = join(out, 'dashboard.html');
  assert.ok(existsSync(dashboard), 'no dashboard.html');
});

test('the dashboard opens from file:// without errors or requests', async () => {
  assert.ok(dashboard, 'no dashboard');
  shown = await collect(pathToFileURL(dashboard).href);
  assert.deepEqual(shown.problems, []);
});

for (const [id, count] of [
  ['on-time', 48],
  ['satisfaction', 48],
  ['weekly', null],
]) {
  test(`chart svg#${id}: ${count ?? 'its'} bars, each drawn with a height`, () => {
    const bars = shown?.charts?.[id];
    assert.ok(Array.isArray(bars), `no svg#${id}`);
    if (count !== null) assert.equal(bars.length, count);
    // 24 days from the demo's start touch four or five weeks.
    else assert.ok(bars.length >= 4 && bars.length <= 5, `${bars.length} weekly bars`);
    for (const [i, bar] of bars.entries()) {
      assert.ok(bar.height > 0 && bar.drawn > 0, `bar ${i} of svg#${id}: ${JSON.stringify(bar)}`);
      assert.notEqual(bar.fill, 'none');
    }
  });
}

test('the screenshot is not blank', () => {
  assert.ok(shown, 'no page');
  assert.ok(statSync(screenshot).size > 20_000, `screenshot of ${statSync(screenshot).size} bytes`);
  const { width, height, colours, inked } = shown.blank;
  assert.ok(width >= 1000 && height >= 600, `${width}x${height}`);
  assert.ok(colours >= 8, `${colours} colours`);
  assert.ok(inked > 0.02, `${(inked * 100).toFixed(1)} % inked`);
});
