// Runs in Chromium, loaded by browser.test.mjs: the web build of the package, every shared
// fixture (identifiers, forms, catalogue lint, page queries, stamps, ledgers, cases,
// calendar, policies, bundles, reviews and complaints, metrics, appointments) through the
// shared rule, and the misuse contract. Results go to window.__results.
import init, * as doorstep from '/pkg/index.js';
// The back office's module (a superset of the default one) for the back office's calls.
import initOffice, * as office from '/pkg/backoffice/index.js';
import {
  APPOINTMENTS_CATALOG_AT,
  CASES_CATALOG_AT,
  POLICIES_CATALOG_AT,
  applyPatch,
  authorityCatalogAt,
  caseOutcome,
  ledgerText,
  jsonLines,
  bundleOutcome,
  runAppointmentCase,
  runBundleCase,
  runMetricsCase,
  runReviewCase,
  runCalendarCase,
  runCase,
  runCasesCase,
  runFormCase,
  runLabelsCase,
  runLedgerCase,
  runLintCase,
  runPolicyCase,
  runQueryCase,
  runRuleCase,
  runStampCase,
  policyLine,
} from '/lib/fixture-rule.mjs';

const fetchJson = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
};
const fetchText = async (path) => {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
};

/** Runs `fn` for every case, each result `{name, problems}`; a throw is a problem. */
function runAll(cases, fn) {
  return cases.map((testCase) => {
    try {
      return { name: testCase.name, problems: fn(testCase) };
    } catch (e) {
      return { name: testCase.name, problems: [`threw: ${e?.code ?? ''} ${e}`] };
    }
  });
}

/** What a call threw, as plain data; `null` when it did not throw. */
function thrown(fn) {
  try {
    fn();
    return null;
  } catch (e) {
    return { isError: e instanceof Error, code: e.code, name: e.params?.name ?? null };
  }
}

/** The engine suite: the form, lint and queries fixtures, and the guards a page relies on. */
async function engineSuite() {
  const forms = await fetchJson('/fixtures/forms.json');
  const lint = await fetchJson('/fixtures/lint.json');
  const queries = await fetchJson('/fixtures/queries.json');
  const texts = new Map();
  // ../../catalogs/haicang.json resolves to /catalogs/, which the server serves.
  for (const c of [...forms.cases, ...lint.cases, ...queries.cases]) {
    if (!texts.has(c.input.catalog)) texts.set(c.input.catalog, await fetchText(`/fixtures/${c.input.catalog}`));
  }
  const engines = new Map();
  const engineFor = (input) => {
    const key = `${input.catalog}@${input.at}`;
    if (!engines.has(key)) engines.set(key, new doorstep.Engine(texts.get(input.catalog), { at: input.at }));
    return engines.get(key);
  };
  const formCases = runAll(forms.cases, (c) => runFormCase(engineFor(c.input), c).problems);
  const lintCases = runAll(lint.cases, (c) =>
    runLintCase(office, JSON.parse(texts.get(c.input.catalog)), c).problems,
  );
  // One engine per catalogue, as of the file's loadAt (not the case's at).
  const queryCases = runAll(queries.cases, (c) =>
    runQueryCase(engineFor({ catalog: c.input.catalog, at: queries.loadAt }), c).problems,
  );

  const at = '2026-11-25';
  const engine = doorstep.Engine.load(texts.get('catalog/mini.json'), { at });
  let deep = {};
  const root = deep;
  for (let i = 0; i < 10_000; i += 1) {
    deep.a = {};
    deep = deep.a;
  }
  const cyclic = {};
  cyclic.self = cyclic;
  const example = engine.form({ bundle: 'birth' }, { at }).example;
  const result = {
    formCases,
    lintCases,
    queryCases,
    bundles: engine.bundles().map((b) => b.code),
    matters: engine.matters('公安', { at }).map((m) => m.code),
    valid: engine.validate({ bundle: 'birth' }, example, { at }).valid,
    materials: engine.materials({ bundle: 'birth' }, example, { at, available: ['identity'] }).map((m) => m.code),
    deep: thrown(() => engine.validate({ matter: 'BIRTH-CERT' }, root, { at })),
    cyclic: thrown(() => engine.validate({ matter: 'BIRTH-CERT' }, cyclic, { at })),
    unknownMatter: thrown(() => engine.form({ matter: 'NO-SUCH' }, { at })),
    bothTargets: thrown(() => engine.form({ matter: 'BIRTH-CERT', bundle: 'birth' }, { at })),
    badCatalog: thrown(() => new doorstep.Engine('{}', { at })),
    stillWorks: engine.validate({ bundle: 'birth' }, JSON.stringify(example), { at }).valid,
  };
  engine.free();
  for (const e of engines.values()) e.free();
  return result;
}

/**
 * The guards a page relies on around every call: 2,000 revoked proxies (whose type
 * `Array.isArray` cannot ask) leave both modules as they were, a freed Engine and another
 * module's Engine are coded refusals, a too long short argument is refused before it is
 * copied.
 */
async function guardSuite() {
  const wasm = await init();
  const officeWasm = await initOffice();
  const at = '2026-11-25';
  const text = await fetchText('/fixtures/catalog/mini.json');
  const engine = new doorstep.Engine(text, { at });
  const officeEngine = new office.Engine(text, { at });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const birth = { bundle: 'birth' };
  const calls = [
    () => engine.form(revoked),
    () => engine.form(birth, revoked),
    () => doorstep.checkResidentId('11010519491231002X', revoked),
    () => engine.materials(birth, {}, { at, available: revoked }),
    () => engine.decide(null, {}, {}, { members: revoked }),
    () => officeEngine.replay(revoked),
  ];
  const state = () => [
    wasm.memory.buffer.byteLength,
    wasm.__wbindgen_externrefs?.length,
    officeWasm.memory.buffer.byteLength,
    officeWasm.__wbindgen_externrefs?.length,
  ];
  const refusals = new Set();
  let before;
  for (let i = 0; i < 2000; i += 1) {
    if (i === 200) before = state();
    const t = thrown(calls[i % calls.length]);
    refusals.add(`${t?.code} ${t?.name}`);
  }
  const example = engine.form(birth, { at }).example;
  const revokedResult = {
    refusals: [...refusals].sort(),
    stateKept: JSON.stringify(state()) === JSON.stringify(before),
    stillWorks: engine.validate(birth, example, { at }).valid && officeEngine.replay([]).cases.length === 0,
  };
  const foreign = thrown(() => doorstep.Engine.prototype.bundles.call(officeEngine));
  const tooLong = thrown(() => engine.form({ bundle: 'b'.repeat(4097) }));
  const memory = wasm.memory.buffer.byteLength;
  const huge = thrown(() => engine.matters('q'.repeat(8 * 1024 * 1024)));
  const hugeKept = wasm.memory.buffer.byteLength === memory;
  const freeThrew = thrown(() => {
    engine.free();
    officeEngine.free();
  });
  return {
    revoked: { ...revokedResult, freeThrew },
    freed: thrown(() => engine.form(birth)),
    secondFree: thrown(() => engine.free()),
    foreign,
    tooLong,
    huge,
    hugeKept,
    afterAll: doorstep.checkResidentId('11010519491231002X', { at: '2024-10-15' }).valid,
  };
}

/** The authority suite: the stamp and ledger fixtures, a ledger written and checked here. */
async function authoritySuite() {
  const stamps = await fetchJson('/fixtures/authority/stamps.json');
  const ledgers = await fetchJson('/fixtures/authority/ledgers.json');
  const texts = new Map();
  for (const c of [...stamps.cases, ...ledgers.cases]) {
    const name = c.input.catalog;
    if (name !== undefined && !texts.has(name)) texts.set(name, await fetchText(`/fixtures/${name}`));
  }
  const engines = new Map();
  const engineFor = (input) => {
    const at = authorityCatalogAt(input);
    const key = `${input.catalog}@${at}`;
    if (!engines.has(key)) engines.set(key, new office.Engine(texts.get(input.catalog), { at }));
    return engines.get(key);
  };
  const stampCases = runAll(stamps.cases, (c) => runStampCase(engineFor(c.input), c).problems);
  const ledgerCases = runAll(ledgers.cases, (c) =>
    runLedgerCase(office, c.input.catalog === undefined ? null : engineFor(c.input), c).problems,
  );

  const engine = engineFor({ catalog: 'catalog/authority.json' });
  const stamp = { ...stamps.cases[0].input.stamp, digest: office.contentDigest('准予出生登记决定书') };
  const first = office.ledgerAppend({ stamp });
  const second = office.ledgerAppend({ head: first.head, stamp: { ...stamp, case: 'HC-2025-000002' } });
  const lines = [first.line, second.line];
  const tampered = [first.line, second.line.replace('HC-2025-000002', 'HC-2025-000009')];
  const result = {
    stampCases,
    ledgerCases,
    verdict: engine.verifyStamp(JSON.stringify(stamp), { lang: 'en' }),
    ledger: engine.verifyLedger(ledgerText(lines), second.head),
    tampered: engine.verifyLedger(ledgerText(tampered), second.head).problems.map((p) => [p.line, p.code]),
    digest: office.contentDigest('abc'),
    malformed: thrown(() => engine.verifyStamp('{"seal": ')),
    unknownStep: thrown(() => engine.authorize({ org: 'x', matter: 'y', step: 'sign', at: stamp.at })),
    notAQuery: thrown(() => engine.authorize('query')),
    sm3: thrown(() => office.ledgerAppend({ alg: 'sm3', stamp })),
    notText: thrown(() => office.contentDigest(5)),
  };
  for (const e of engines.values()) e.free();
  return result;
}

/** The case suite: the cases and calendar fixtures, a case decided and replayed here. */
async function caseSuite() {
  const cases = await fetchJson('/fixtures/cases.json');
  const calendar = await fetchJson('/fixtures/calendar.json');
  const catalogs = new Map();
  for (const c of [...cases.cases, ...calendar.cases]) {
    const name = c.input.catalog;
    if (name !== undefined && !catalogs.has(name)) catalogs.set(name, await fetchJson(`/fixtures/${name}`));
  }
  const caseCases = runAll(cases.cases, (c) => runCasesCase(office, catalogs.get(c.input.catalog), c).problems);
  // A case over a catalogue asks Engine.calendarQuery of an engine loaded as of the file's loadAt.
  const calendarCases = runAll(calendar.cases, (c) =>
    runCalendarCase(office, c, catalogs.get(c.input.catalog), calendar.loadAt).problems,
  );

  const { input } = cases.cases.find((c) => c.name.startsWith('即办件'));
  const engine = new office.Engine(JSON.stringify(applyPatch(catalogs.get(input.catalog), input.patch)), {
    at: CASES_CATALOG_AT,
  });
  const { case: delivered, events } = caseOutcome(office, engine, input);
  const [submit, accept] = input.steps;
  const submitted = office.evolve(null, events[0]).case;
  const accepted = office.evolve(submitted, events[1]).case;
  const jsonl = events.map((e) => JSON.stringify(e)).join('\n');
  const result = {
    caseCases,
    calendarCases,
    status: delivered.status,
    replayed: engine.replay(jsonl).cases.map((c) => [c.id, c.status, c.version]),
    refused: engine.decide(accepted, { ...accept.command, clientId: 'c-again' }, accept.context, { lang: 'en' }),
    actions: engine.actions(submitted, accept.context),
    deadline: engine.deadline({ ...accepted, limitWorkingDays: 5 }, '2025-05-07'),
    calendar: office.calendarQuery({ op: 'addWorkingDays', date: '2025-09-30', days: 5 }),
    outOfRange: thrown(() => engine.deadline(accepted, '2031-01-06')),
    badDate: thrown(() => engine.deadline(accepted, '2025-02-30')),
    badCommand: thrown(() => engine.decide(null, { ...submit.command, command: { type: 'sign' } }, submit.context)),
    notAnEvent: thrown(() => office.evolve(null, JSON.stringify(events[0]))),
    notEvents: thrown(() => engine.replay(5)),
  };
  engine.free();
  return result;
}

/** The rules fixture through `evaluateRule`, and Engine.evaluateRule where a case names a catalogue. */
async function ruleSuite() {
  const rules = await fetchJson('/fixtures/rules.json');
  const engines = new Map();
  for (const c of rules.cases) {
    const { catalog } = c.input;
    if (catalog !== undefined && !engines.has(catalog)) {
      engines.set(catalog, new doorstep.Engine(await fetchText(`/fixtures/${catalog}`), { at: '2026-11-25' }));
    }
  }
  const engineFor = (catalog) => engines.get(catalog);
  const ruleCases = runAll(rules.cases, (c) => runRuleCase(doorstep, c, engineFor).problems);
  for (const engine of engines.values()) engine.free();
  return { ruleCases };
}

/** The policy suite: the policies fixture, and the same profiles as one 摸排登记 list. */
async function policySuite() {
  const policies = await fetchJson('/fixtures/policies.json');
  const engines = new Map();
  for (const c of policies.cases) {
    const name = c.input.catalog;
    if (!engines.has(name)) {
      engines.set(name, new doorstep.Engine(await fetchText(`/fixtures/${name}`), { at: POLICIES_CATALOG_AT }));
    }
  }
  const policyCases = runAll(policies.cases, (c) => runPolicyCase(engines.get(c.input.catalog), c).problems);
  const engine = engines.get('catalog/policies.json');
  const at = '2025-09-01';
  const list = policies.cases
    .filter((c) => c.input.at === at && c.input.lang === undefined)
    .map((c) => policyLine(c.input))
    .join('\n');
  const lines = engine.matchPolicyLines(list, { at });
  const result = {
    policyCases,
    listed: engine.policies({ at }).map((p) => p.code),
    veteran: engine.matchPolicies({ kind: 'person', veteran: true, household: { division: '350205' } }, { at }),
    lines: lines.map((l) => [l.line, l.matches ? l.matches.filter((m) => m.eligible).map((m) => m.code) : l.error.code]),
    notAProfile: thrown(() => engine.matchPolicies(5, { at })),
    notLines: thrown(() => engine.matchPolicyLines({}, { at })),
    badDate: thrown(() => engine.policies({ at: '2025-02-30' })),
  };
  for (const e of engines.values()) e.free();
  return result;
}

/** Bundles, the timeline, reviews and complaints, metrics: their fixtures and contract. */
async function issue7Suite() {
  const bundles = await fetchJson('/fixtures/bundles.json');
  const reviews = await fetchJson('/fixtures/reviews.json');
  const metrics = await fetchJson('/fixtures/metrics.json');
  const texts = new Map();
  for (const c of [...bundles.cases, ...reviews.cases, ...metrics.cases]) {
    // Catalogue paths are relative to tests/fixtures (the Haicang sample is ../../catalogs/).
    const name = c.input.catalog;
    if (!texts.has(name)) texts.set(name, await fetchText(`/fixtures/${name}`));
  }
  const parsed = (name) => JSON.parse(texts.get(name));
  const bundleCases = runAll(bundles.cases, (c) => runBundleCase(doorstep, texts.get(c.input.catalog), c).problems);
  const reviewCases = runAll(reviews.cases, (c) => runReviewCase(office, parsed(c.input.catalog), c).problems);
  const metricsCases = runAll(metrics.cases, (c) => runMetricsCase(office, parsed(c.input.catalog), c).problems);

  const birth = bundles.cases[0].input;
  const engine = new doorstep.Engine(texts.get(birth.catalog), { at: birth.at });
  const officeEngine = new office.Engine(texts.get(birth.catalog), { at: birth.at });
  const { events } = bundleOutcome(doorstep, engine, birth);
  const found = doorstep.timeline(jsonLines(events), 'B-1');
  const review = reviews.cases[0].input;
  const result = {
    bundleCases,
    reviewCases,
    metricsCases,
    timeline: found.outcome === 'found' ? [found.timeline.bundle?.state, found.timeline.cases.length] : found.error.code,
    missing: doorstep.timeline('', 'B-1', { lang: 'en' }).error.code,
    invitation: engine.reviewInvitation(review.facts),
    notMembers: thrown(() => engine.decide(null, birth.steps[0].command, birth.steps[0].context, { members: 5 })),
    notARequest: thrown(() => engine.decideReview('{}')),
    notEvents: thrown(() => officeEngine.metrics({ scope: '350205', from: '2025-09-01', to: '2025-09-30' }, [])),
  };
  engine.free();
  officeEngine.free();
  return result;
}

/** 预约 from the back office's module (the default one has no room for it: see build.sh): the
 * appointments fixture, and the contract a page relies on. */
async function appointmentSuite() {
  const appointments = await fetchJson('/fixtures/appointments.json');
  const catalogs = new Map();
  for (const c of appointments.cases) {
    const name = c.input.catalog;
    if (!catalogs.has(name)) catalogs.set(name, await fetchJson(`/fixtures/${name}`));
  }
  const appointmentCases = runAll(appointments.cases, (c) =>
    runAppointmentCase(office, catalogs.get(c.input.catalog), c).problems,
  );
  const { input } = appointments.cases[0];
  const engine = new office.Engine(JSON.stringify(catalogs.get(input.catalog)), { at: APPOINTMENTS_CATALOG_AT });
  const [step] = input.steps;
  const request = { book: input.book, command: step.command, at: step.at };
  const decision = engine.decideAppointment(request);
  const applied = decision.outcome === 'accepted' ? office.evolveAppointment({ book: input.book, event: decision.event }) : decision;
  const result = {
    appointmentCases,
    inDefault: ['decideAppointment' in doorstep.Engine.prototype, 'evolveAppointment' in doorstep],
    inOffice: ['decideAppointment' in office.Engine.prototype, 'evolveAppointment' in office],
    booked: applied.outcome === 'applied' ? applied.book.appointments.map((a) => [a.id, a.status]) : applied.error.code,
    refused: engine.decideAppointment({ ...request, book: { slots: [] } }, { lang: 'en' }),
    notARequest: thrown(() => engine.decideAppointment(JSON.stringify(request))),
    badShape: thrown(() => office.evolveAppointment({ book: input.book, event: { command: step.command } })),
    badLang: thrown(() => engine.decideAppointment(request, { lang: 'fr' })),
  };
  engine.free();
  return result;
}

/** The back office's calls are in `doorstep/backoffice` only. */
const OFFICE_FUNCTIONS = ['ledgerAppend', 'contentDigest', 'lintCatalog', 'calendarQuery', 'evolveComplaint', 'evolveAppointment'];
const OFFICE_METHODS = [
  'verifyStamp',
  'authorize',
  'verifyLedger',
  'replay',
  'metrics',
  'decideComplaint',
  'decideAppointment',
  'calendarQuery',
];

async function main() {
  await init();
  await initOffice();
  const fixtures = await (await fetch('/fixtures/ids.json')).json();
  const cases = fixtures.cases.map((testCase) => {
    try {
      return { name: testCase.name, problems: runCase(doorstep, testCase).problems };
    } catch (e) {
      return { name: testCase.name, problems: [`threw: ${e}`] };
    }
  });
  let misuse = null;
  try {
    doorstep.checkId('13912345678', { kind: 'passport', lang: 'en' });
  } catch (e) {
    misuse = { isError: e instanceof Error, code: e.code, message: e.message };
  }
  const labelCases = (await fetchJson('/fixtures/labels.json')).cases;
  return {
    labelCases: runAll(labelCases, (c) => runLabelsCase(doorstep, c).problems),
    version: doorstep.version(),
    split: {
      inDefault: [
        ...OFFICE_FUNCTIONS.filter((name) => name in doorstep),
        ...OFFICE_METHODS.filter((name) => name in doorstep.Engine.prototype),
      ],
      inOffice: [
        ...OFFICE_FUNCTIONS.filter((name) => name in office),
        ...OFFICE_METHODS.filter((name) => name in office.Engine.prototype),
      ].length,
      officeVersion: office.version(),
    },
    cases,
    engine: await engineSuite(),
    guards: await guardSuite(),
    authority: await authoritySuite(),
    case: await caseSuite(),
    policy: await policySuite(),
    rule: await ruleSuite(),
    issue7: await issue7Suite(),
    appointment: await appointmentSuite(),
    misuse,
    wrongType: (() => {
      try {
        doorstep.checkResidentId(350205199003071239);
        return null;
      } catch (e) {
        return { isError: e instanceof Error, code: e.code, name: e.params?.name };
      }
    })(),
    report: doorstep.checkResidentId('350205199003071239', { at: '2024-10-15' }),
  };
}

main().then(
  (results) => {
    window.__results = results;
    document.getElementById('status').textContent = 'done';
  },
  (error) => {
    window.__results = { fatal: String(error?.stack ?? error) };
    document.getElementById('status').textContent = 'failed';
  },
);
