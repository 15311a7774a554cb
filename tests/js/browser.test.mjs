// The web build of the package in a real browser: a static server on 127.0.0.1 serves the
// package (bindings-wasm/pkg), the fixtures and a test page; Debian's Chromium, driven by
// playwright-core, loads the page, which runs every fixture with the shared rule.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from './static-server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** URL prefix -> directory, or a single file. */
const routes = [
  ['/pkg/', join(repo, 'bindings-wasm', 'pkg')],
  ['/fixtures/', join(repo, 'tests', 'fixtures')],
  // The Haicang sample catalogue, which fixtures name as ../../catalogs/haicang.json.
  ['/catalogs/', join(repo, 'catalogs')],
  ['/page/', join(here, 'page')],
  ['/lib/fixture-rule.mjs', join(here, 'fixture-rule.mjs')],
];

const server = await serve(routes);
const { origin } = server;

const profile = mkdtempSync(join(tmpdir(), 'doorstep-chromium-'));
let context;
after(async () => {
  await context?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
});

const pageErrors = [];

/** Starts Chromium, loads the test page and returns what it reports. */
async function collect() {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${origin}/page/index.html`);
  await page.waitForFunction(() => window.__results !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => window.__results);
}

let results;
try {
  results = await collect();
} catch (e) {
  // A browser that cannot start or a page that never reports fails the suite; leave no
  // browser, server or profile behind.
  await context?.close().catch(() => {});
  server.close();
  rmSync(profile, { recursive: true, force: true });
  throw e;
}

const readFixture = (name) => JSON.parse(readFileSync(join(repo, 'tests', 'fixtures', name), 'utf8'));
const fixtures = readFixture('ids.json');
const forms = readFixture('forms.json');
const lint = readFixture('lint.json');
const queries = readFixture('queries.json');
const stamps = readFixture('authority/stamps.json');
const ledgers = readFixture('authority/ledgers.json');
const casesFixture = readFixture('cases.json');
const calendarFixture = readFixture('calendar.json');
const policiesFixture = readFixture('policies.json');
const bundlesFixture = readFixture('bundles.json');
const reviewsFixture = readFixture('reviews.json');
const metricsFixture = readFixture('metrics.json');
const appointmentsFixture = readFixture('appointments.json');

test('browser: the page ran without errors', () => {
  assert.equal(results.fatal, undefined);
  assert.deepEqual(pageErrors, []);
});

test('browser: every fixture case ran', () => {
  assert.deepEqual(
    results.cases?.map((c) => c.name),
    fixtures.cases.map((c) => c.name),
  );
});

for (const [i, testCase] of fixtures.cases.entries()) {
  test(`browser fixture: ${testCase.name}`, () => {
    const result = results.cases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

test('browser: misuse throws an Error with the core code and message', () => {
  assert.equal(results.misuse?.isError, true);
  assert.equal(results.misuse.code, 'arg.unknown_kind');
  assert.match(results.misuse.message, /^Unknown identifier kind/);
  assert.deepEqual(results.wrongType, { isError: true, code: 'arg.invalid_type', name: 'value' });
});

test('browser: a report is plain data with the masked value', () => {
  const version = JSON.parse(readFileSync(join(repo, 'bindings-wasm', 'pkg', 'package.json'), 'utf8')).version;
  assert.equal(results.version, version);
  assert.equal(results.report.valid, true);
  assert.equal(results.report.masked, '350205********1239');
  assert.equal(results.report.region.province.name, '福建省');
});

test('browser: every labels fixture case matches', () => {
  const expected = readFixture('labels.json').cases.map((c) => c.name);
  assert.deepEqual(results.labelCases?.map((c) => c.name), expected);
  for (const c of results.labelCases) assert.deepEqual(c.problems, [], c.name);
});

test('browser: the back office calls are in doorstep/backoffice only', () => {
  // page.mjs lists them by name (OFFICE_FUNCTIONS, OFFICE_METHODS): 6 functions and 8 Engine
  // methods, Engine.calendarQuery among them (the default module's Engine has none).
  assert.deepEqual(results.split?.inDefault, []);
  assert.equal(results.split.inOffice, 14);
  assert.equal(results.split.officeVersion, results.version);
});

/**
 * The tests of fixture files one suite of the page ran (`results[suite]`): every case ran,
 * in order, and each without a mismatch. `table`: [label, fixture, key in the suite].
 */
function fixtureTests(suite, table) {
  test(`browser: every ${table.map(([label]) => label).join(', ')} fixture case ran`, () => {
    for (const [, fixture, key] of table) {
      assert.deepEqual(
        results[suite]?.[key]?.map((c) => c.name),
        fixture.cases.map((c) => c.name),
      );
    }
  });
  for (const [label, fixture, key] of table) {
    for (const [i, testCase] of fixture.cases.entries()) {
      test(`browser ${label} fixture: ${testCase.name}`, () => {
        const result = results[suite]?.[key]?.[i];
        assert.equal(result?.name, testCase.name);
        assert.deepEqual(result.problems, []);
      });
    }
  }
}

fixtureTests('engine', [
  ['forms', forms, 'formCases'],
  ['lint', lint, 'lintCases'],
  ['queries', queries, 'queryCases'],
]);

test('browser: the engine answers queries, validates and lists materials', () => {
  const e = results.engine;
  assert.deepEqual(e.bundles, ['birth']);
  assert.deepEqual(e.matters, ['HUKOU-BIRTH']);
  assert.equal(e.valid, true);
  assert.deepEqual(e.materials, ['marriage_certificate', 'birth_certificate', 'household_register']);
  assert.equal(e.stillWorks, true);
});

test('browser: misuse and hostile answers throw coded Errors', () => {
  const e = results.engine;
  assert.deepEqual(e.deep, { isError: true, code: 'input.too_deep', name: null });
  assert.deepEqual(e.cyclic, { isError: true, code: 'arg.invalid_type', name: 'answer' });
  assert.deepEqual(e.unknownMatter, { isError: true, code: 'engine.unknown_matter', name: null });
  assert.deepEqual(e.bothTargets, { isError: true, code: 'engine.target', name: null });
  assert.deepEqual(e.badCatalog, { isError: true, code: 'input.shape', name: null });
});

test('browser: 2,000 revoked proxies are arg.invalid_type and leave both modules, the engines and free() working', () => {
  const g = results.guards;
  assert.deepEqual(g.revoked, {
    refusals: [
      'arg.invalid_type available',
      'arg.invalid_type events',
      'arg.invalid_type members',
      'arg.invalid_type options',
      'arg.invalid_type target',
    ],
    stateKept: true,
    stillWorks: true,
    freeThrew: null,
  });
  assert.equal(g.afterAll, true);
});

test("browser: a freed Engine, another module's Engine, a too long argument are coded refusals", () => {
  const g = results.guards;
  assert.deepEqual(g.freed, { isError: true, code: 'arg.freed', name: null });
  assert.equal(g.secondFree, null);
  assert.deepEqual(g.foreign, { isError: true, code: 'arg.invalid_type', name: 'this' });
  assert.deepEqual(g.tooLong, { isError: true, code: 'arg.too_long', name: 'bundle' });
  assert.deepEqual(g.huge, { isError: true, code: 'arg.too_long', name: 'query' });
  assert.equal(g.hugeKept, true);
});

test('browser: every stamp and ledger fixture case ran', () => {
  assert.deepEqual(
    results.authority?.stampCases?.map((c) => c.name),
    stamps.cases.map((c) => c.name),
  );
  assert.deepEqual(
    results.authority?.ledgerCases?.map((c) => c.name),
    ledgers.cases.map((c) => c.name),
  );
});

for (const [i, testCase] of stamps.cases.entries()) {
  test(`browser stamps fixture: ${testCase.name}`, () => {
    const result = results.authority?.stampCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

for (const [i, testCase] of ledgers.cases.entries()) {
  test(`browser ledgers fixture: ${testCase.name}`, () => {
    const result = results.authority?.ledgerCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

test('browser: stamps verify, ledgers written here verify, a changed byte is found', () => {
  const a = results.authority;
  assert.equal(a.verdict.valid, true, JSON.stringify(a.verdict.failures));
  assert.deepEqual(a.verdict.chain.map((l) => l.grant), ['g-yb-street', 'g-yb-st1']);
  assert.equal(a.ledger.valid, true, JSON.stringify(a.ledger.problems));
  assert.equal(a.ledger.entries, 2);
  assert.deepEqual(a.tampered, [[2, 'ledger.hash_mismatch']]);
  assert.equal(a.digest, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('browser: authority misuse throws coded Errors', () => {
  const a = results.authority;
  assert.deepEqual(a.malformed, { isError: true, code: 'input.malformed', name: null });
  assert.deepEqual(a.unknownStep, { isError: true, code: 'input.shape', name: null });
  assert.deepEqual(a.notAQuery, { isError: true, code: 'arg.invalid_type', name: 'query' });
  assert.deepEqual(a.sm3, { isError: true, code: 'ledger.unsupported_alg', name: null });
  assert.deepEqual(a.notText, { isError: true, code: 'arg.invalid_type', name: 'content' });
});

test('browser: every cases and calendar fixture case ran', () => {
  assert.deepEqual(
    results.case?.caseCases?.map((c) => c.name),
    casesFixture.cases.map((c) => c.name),
  );
  assert.deepEqual(
    results.case?.calendarCases?.map((c) => c.name),
    calendarFixture.cases.map((c) => c.name),
  );
});

for (const [i, testCase] of casesFixture.cases.entries()) {
  test(`browser cases fixture: ${testCase.name}`, () => {
    const result = results.case?.caseCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

for (const [i, testCase] of calendarFixture.cases.entries()) {
  test(`browser calendar fixture: ${testCase.name}`, () => {
    const result = results.case?.calendarCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

test('browser: a case decided, refused, replayed from JSON Lines, with its deadline and actions', () => {
  const c = results.case;
  assert.equal(c.status, 'delivered');
  assert.deepEqual(c.replayed, [['HC-1', 'delivered', 5]]);
  assert.equal(c.refused.outcome, 'refused');
  assert.equal(c.refused.error.code, 'case.conflict');
  assert.match(c.refused.error.message, /^The case moved on/);
  assert.deepEqual(c.actions, ['accept', 'not_accept', 'claim']);
  assert.deepEqual([c.deadline.due, c.deadline.light, c.deadline.escalation], ['2025-05-13', 'green', 'none']);
  assert.deepEqual(c.calendar, { date: '2025-10-14', errors: [] });
});

test('browser: case misuse throws coded Errors', () => {
  const c = results.case;
  assert.deepEqual(c.outOfRange, { isError: true, code: 'calendar.out_of_range', name: null });
  assert.deepEqual(c.badDate, { isError: true, code: 'arg.invalid_date', name: null });
  assert.deepEqual(c.badCommand, { isError: true, code: 'input.shape', name: null });
  assert.deepEqual(c.notAnEvent, { isError: true, code: 'arg.invalid_type', name: 'event' });
  assert.deepEqual(c.notEvents, { isError: true, code: 'arg.invalid_type', name: 'events' });
});

const rulesFixture = readFixture('rules.json');

test('browser: every rules fixture case ran, each as in Rust', () => {
  const ran = results.rule?.ruleCases ?? [];
  assert.deepEqual(
    ran.map((c) => c.name),
    rulesFixture.cases.map((c) => c.name),
  );
  assert.deepEqual(
    ran.filter((c) => c.problems.length > 0),
    [],
  );
});

test('browser: every policies fixture case ran', () => {
  assert.deepEqual(
    results.policy?.policyCases?.map((c) => c.name),
    policiesFixture.cases.map((c) => c.name),
  );
});

for (const [i, testCase] of policiesFixture.cases.entries()) {
  test(`browser policies fixture: ${testCase.name}`, () => {
    const result = results.policy?.policyCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

test('browser: policies listed and matched, one by one and as a 摸排登记 list', () => {
  const p = results.policy;
  assert.ok(p.listed.includes('VET-HOLIDAY'));
  assert.deepEqual(p.veteran.eligible, ['VET-HOLIDAY']);
  assert.deepEqual(p.veteran.errors, []);
  // The list is the fixture's cases on 2025-09-01 without a language, one per line, in order.
  const cases = policiesFixture.cases.filter((c) => c.input.at === '2025-09-01' && c.input.lang === undefined);
  assert.deepEqual(
    p.lines,
    cases.map((c, i) => [i + 1, c.expected.errors.length === 0 ? c.expected.eligible : c.expected.errors[0]]),
  );
});

test('browser: policy misuse throws coded Errors', () => {
  const p = results.policy;
  assert.deepEqual(p.notAProfile, { isError: true, code: 'arg.invalid_type', name: 'profile' });
  assert.deepEqual(p.notLines, { isError: true, code: 'arg.invalid_type', name: 'lines' });
  assert.deepEqual(p.badDate, { isError: true, code: 'arg.invalid_date', name: null });
});

fixtureTests('issue7', [
  ['bundles', bundlesFixture, 'bundleCases'],
  ['reviews', reviewsFixture, 'reviewCases'],
  ['metrics', metricsFixture, 'metricsCases'],
]);

test('browser: the timeline of a bundle, an invitation to rate, and their misuse', () => {
  const r = results.issue7;
  // The bundle case and its five members.
  assert.deepEqual(r.timeline, ['open', 6]);
  assert.equal(r.missing, 'case.not_found');
  assert.equal(r.invitation.outcome, 'invited');
  assert.deepEqual(r.notMembers, { isError: true, code: 'arg.invalid_type', name: 'members' });
  assert.deepEqual(r.notARequest, { isError: true, code: 'arg.invalid_type', name: 'request' });
  assert.deepEqual(r.notEvents, { isError: true, code: 'arg.invalid_type', name: 'events' });
});

test('browser: every appointments fixture case ran', () => {
  assert.deepEqual(
    results.appointment?.appointmentCases?.map((c) => c.name),
    appointmentsFixture.cases.map((c) => c.name),
  );
});

for (const [i, testCase] of appointmentsFixture.cases.entries()) {
  test(`browser appointments fixture: ${testCase.name}`, () => {
    const result = results.appointment?.appointmentCases?.[i];
    assert.equal(result?.name, testCase.name);
    assert.deepEqual(result.problems, []);
  });
}

test('browser: 预约 from the default module: booked, refused, and its misuse', () => {
  const a = results.appointment;
  assert.deepEqual(a.inDefault, [false, false]);
  assert.deepEqual(a.inOffice, [true, true]);
  assert.deepEqual(a.booked, [['a1', 'booked']]);
  assert.equal(a.refused.outcome, 'refused');
  assert.equal(a.refused.error.code, 'appointment.unknown_slot');
  assert.equal(a.refused.error.message, 'No such slot');
  assert.deepEqual(a.notARequest, { isError: true, code: 'arg.invalid_type', name: 'request' });
  assert.deepEqual(a.badShape, { isError: true, code: 'input.shape', name: null });
  assert.deepEqual(a.badLang, { isError: true, code: 'arg.unknown_lang', name: null });
});
