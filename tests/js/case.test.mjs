// 办件 and the working calendar in the npm package `doorstep`, in Node: the shared fixtures
// (tests/fixtures/cases.json, tests/fixtures/calendar.json), then the binding's contract for
// `Engine.decide`, `evolve`, `Engine.actions`, `Engine.deadline`, `Engine.replay`,
// `calendarQuery` and `Engine.calendarQuery` — a refused command or event and a date the
// calendar cannot answer for are returned values, misuse throws a coded Error, no JS value
// can crash the module.
import assert from 'node:assert/strict';
import { test } from 'node:test';

// The back office's module (a superset of the default one): these calls are there only.
import init, * as doorstep from 'doorstep/backoffice';

import {
  CASES_CATALOG_AT,
  applyPatch,
  caseOutcome,
  runCalendarCase,
  runCasesCase,
} from './fixture-rule.mjs';
import { readFixture, throwsCoded } from './node-helpers.mjs';

const { Engine, calendarQuery, evolve } = doorstep;

const calendar = JSON.parse(readFixture('calendar.json'));
const cases = JSON.parse(readFixture('cases.json'));
const catalogs = new Map();
const catalogFor = (name) => {
  if (!catalogs.has(name)) catalogs.set(name, JSON.parse(readFixture(name)));
  return catalogs.get(name);
};

for (const testCase of calendar.cases) {
  test(`calendar fixture: ${testCase.name}`, () => {
    const { catalog } = testCase.input;
    const doc = catalog === undefined ? undefined : catalogFor(catalog);
    const { problems } = runCalendarCase(doorstep, testCase, doc, calendar.loadAt);
    assert.deepEqual(problems, []);
  });
}

for (const testCase of cases.cases) {
  test(`cases fixture: ${testCase.name}`, () => {
    const { problems } = runCasesCase(doorstep, catalogFor(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

test('cases fixtures: the events as JSON Lines replay to the same cases, each line numbered', () => {
  for (const testCase of cases.cases) {
    const { input } = testCase;
    const engine = new Engine(JSON.stringify(applyPatch(catalogFor(input.catalog), input.patch)), {
      at: CASES_CATALOG_AT,
    });
    const { events } = caseOutcome(doorstep, engine, input);
    const fromArray = engine.replay(events);
    const jsonl = events.map((e) => `${JSON.stringify(e)}\n`).join('');
    assert.deepEqual(engine.replay(jsonl), fromArray, testCase.name);
    // Every line refused at once: events[0] twice, the second with its line number.
    if (events.length > 0) {
      const twice = engine.replay(`${JSON.stringify(events[0])}\n\n${JSON.stringify(events[0])}\n`);
      assert.deepEqual(
        twice.rejected.map((r) => [r.index, r.line, r.code]),
        [[2, 3, 'case.event_version']],
        testCase.name,
      );
    }
    engine.free();
  }
});

// ---------------------------------------------------------------------------------------
// The binding's contract, over the 即办件 case of the fixtures (MED-INSURE, decided at once).

const immediate = cases.cases.find((c) => c.name.startsWith('即办件')).input;
const engine = new Engine(JSON.stringify(applyPatch(catalogFor(immediate.catalog), immediate.patch)), {
  at: CASES_CATALOG_AT,
});
const [submit, accept, approve, conclude, deliver] = immediate.steps;
const han = /\p{Script=Han}/u;

/** Decides `step` against `current`, which must be accepted; returns the case after its events. */
function run(current, step) {
  const decision = engine.decide(current, step.command, step.context);
  assert.equal(decision.outcome, 'accepted', JSON.stringify(decision));
  let next = current;
  for (const event of decision.events) {
    const evolution = evolve(next, event);
    assert.equal(evolution.outcome, 'applied', JSON.stringify(evolution));
    next = evolution.case;
  }
  return { case: next, events: decision.events };
}

const submitted = run(null, submit);
const accepted = run(submitted.case, accept);
const events = [...submitted.events, ...accepted.events];

/** An object nested `levels` deep (itself the first level): {a: {a: … {}}}. */
function nestedObject(levels) {
  const root = {};
  let node = root;
  for (let i = 1; i < levels; i += 1) {
    node.a = {};
    node = node.a;
  }
  return root;
}

test('decide: an accepted command is the events to store; the case is what they make', () => {
  const decision = engine.decide(null, submit.command, submit.context);
  assert.deepEqual(Object.keys(decision).sort(), ['events', 'outcome']);
  assert.equal(decision.outcome, 'accepted');
  assert.equal(decision.events.length, 1);
  const [event] = decision.events;
  assert.deepEqual(event, {
    schema: 1,
    case: 'HC-1',
    version: 1,
    clientId: 'c1',
    actor: submit.context.actor,
    channel: 'window',
    at: '2025-05-06T09:00:00+08:00',
    kind: {
      type: 'submitted',
      matter: 'MED-INSURE',
      matterVersion: event.kind.matterVersion,
      limitWorkingDays: event.kind.limitWorkingDays,
      applicant: 'u-lin',
      answer: submit.command.command.answer,
    },
  });
  const { case: current } = submitted;
  assert.equal(current.id, 'HC-1');
  assert.equal(current.status, 'submitted');
  assert.equal(current.version, 1);
  assert.deepEqual(current.clientIds, ['c1']);
  assert.equal('acceptedOn' in current, false);
  // The same command again (its client id seen): accepted, no events.
  assert.deepEqual(engine.decide(current, submit.command, submit.context), { outcome: 'accepted', events: [] });
  assert.deepEqual(engine.decide(accepted.case, accept.command, accept.context), { outcome: 'accepted', events: [] });
  // `undefined` is no case, as `null`.
  assert.deepEqual(engine.decide(undefined, submit.command, submit.context), decision);
});

test('decide: a refused command is a returned outcome with a coded error, in lang', () => {
  const again = { ...accept.command, clientId: 'c-again' };
  const zh = engine.decide(accepted.case, again, accept.context);
  assert.equal(zh.outcome, 'refused');
  assert.equal(zh.error.code, 'case.conflict');
  assert.deepEqual(zh.error.params, { expected: 1, actual: 2 });
  assert.match(zh.error.message, han);
  const en = engine.decide(accepted.case, again, accept.context, { lang: 'en' });
  assert.equal(en.error.code, 'case.conflict');
  assert.doesNotMatch(en.error.message, han);
  // No case yet: only submit starts one.
  assert.equal(engine.decide(null, accept.command, accept.context).error.code, 'case.not_found');
  // An applicant cannot accept.
  const byApplicant = engine.decide(submitted.case, accept.command, submit.context);
  assert.equal(byApplicant.error.code, 'case.role_not_permitted');
  assert.deepEqual(byApplicant.error.params, { action: 'accept', role: 'applicant' });
  // An answer that fails the form.
  const bad = { ...submit.command, command: { ...submit.command.command, answer: { applicantId: '123' } } };
  const invalid = engine.decide(null, bad, submit.context, { lang: 'en' });
  assert.equal(invalid.error.code, 'case.invalid_answer');
  assert.ok(invalid.error.params.errors.length > 0);
});

test('decide and evolve: a 即办件 from submission to delivery', () => {
  let current = accepted.case;
  const all = [...events];
  for (const step of [approve, conclude, deliver]) {
    const next = run(current, step);
    current = next.case;
    all.push(...next.events);
  }
  assert.equal(current.status, 'delivered');
  assert.equal(current.version, 5);
  assert.equal(current.stamps.length, 1);
  assert.deepEqual(current.stamps[0], approve.command.command.stamp);
  assert.deepEqual(engine.actions(current, deliver.context), []);
  assert.equal(engine.deadline(current, '2025-05-07'), null);
  assert.deepEqual(engine.replay(all), { cases: [current], rejected: [] });
});

test('evolve: an event that cannot follow the case is refused, the case unchanged', () => {
  const twice = evolve(accepted.case, accepted.events[0]);
  assert.equal(twice.outcome, 'refused');
  assert.equal(twice.error.code, 'case.event_version');
  assert.deepEqual(twice.error.params, { expected: 3, found: 2 });
  assert.doesNotMatch(evolve(accepted.case, accepted.events[0], { lang: 'en' }).error.message, han);
  // The first event of a case must open it.
  const notFirst = evolve(null, { ...accepted.events[0], version: 1 });
  assert.equal(notFirst.outcome, 'refused');
  // A newer schema.
  const newer = evolve(null, { ...submitted.events[0], schema: 2 });
  assert.equal(newer.error.code, 'case.event_schema');
  assert.deepEqual(evolve(null, submitted.events[0]), { outcome: 'applied', case: submitted.case });
});

test('actions: the buttons the actor is offered now', () => {
  assert.deepEqual(engine.actions(submitted.case, accept.context), ['accept', 'not_accept', 'claim']);
  const backOffice = approve.context;
  const offered = engine.actions(accepted.case, backOffice);
  assert.ok(offered.includes('approve'), offered.join());
  assert.ok(!offered.includes('accept'));
  assert.deepEqual(engine.actions(accepted.case, submit.context), ['withdraw']);
  // A case whose matter version the catalogue lacks: nothing.
  assert.deepEqual(engine.actions({ ...accepted.case, matterVersion: 99 }, backOffice), []);
});

test('deadline: null before acceptance; due, light and escalation after; the calendar never guesses', () => {
  assert.equal(engine.deadline(submitted.case, '2025-05-06'), null);
  const promised = { ...accepted.case, limitWorkingDays: 5 };
  const status = engine.deadline(promised, '2025-05-07');
  assert.deepEqual(Object.keys(status).sort(), [
    'due',
    'escalation',
    'light',
    'overdueWorkingDays',
    'paused',
    'remainingWorkingDays',
    'totalWorkingDays',
    'usedWorkingDays',
  ]);
  assert.equal(status.due, '2025-05-13');
  assert.equal(status.light, 'green');
  assert.equal(status.escalation, 'none');
  const late = engine.deadline(promised, '2025-05-19');
  assert.deepEqual([late.light, late.escalation, late.overdueWorkingDays], ['red', 'level2', 4]);
  const outside = throwsCoded(() => engine.deadline(promised, '2031-01-06'), 'calendar.out_of_range');
  assert.deepEqual(outside.params.knownYears, [2024, 2025, 2026]);
  assert.match(outside.message, han);
  const reversed = { ...promised, pauses: [{ from: '2025-05-09', to: '2025-05-08' }] };
  throwsCoded(() => engine.deadline(reversed, '2025-05-12'), 'calendar.invalid_pause');
  for (const now of ['2025-02-30', '2025-5-7', '', '2025-05-07T00:00:00+08:00', '"2025-05-07"']) {
    throwsCoded(() => engine.deadline(promised, now), 'arg.invalid_date');
  }
});

test('replay: an array of events, or their JSON Lines with every bad line refused on its number', () => {
  const report = engine.replay(events, { lang: 'en' });
  assert.deepEqual(report, { cases: [accepted.case], rejected: [] });
  assert.deepEqual(engine.replay([]), { cases: [], rejected: [] });
  assert.deepEqual(engine.replay(''), { cases: [], rejected: [] });
  const [first, second] = events.map((e) => JSON.stringify(e));
  const text = `${first}\n\n{"schema":\n${second}\n${second}\n`;
  const lines = engine.replay(text, { lang: 'en' });
  assert.deepEqual(lines.cases, [accepted.case]);
  assert.deepEqual(
    lines.rejected.map((r) => [r.index, r.line, r.code]),
    [
      [2, 3, 'input.malformed'],
      [4, 5, 'case.event_version'],
    ],
  );
  for (const r of lines.rejected) assert.doesNotMatch(r.message, han);
  // In an array, the refused event's position.
  const refused = engine.replay([events[0], events[0], events[1]]);
  assert.deepEqual(refused.rejected.map((r) => [r.index, r.line, r.code]), [[1, undefined, 'case.event_version']]);
  assert.equal('line' in refused.rejected[0], false);
  // An event whose stamp does not verify, or whose matter version the catalogue lacks.
  const unknown = { ...events[0], kind: { ...events[0].kind, matterVersion: 99 } };
  assert.deepEqual(engine.replay([unknown]).rejected.map((r) => r.code), ['case.unknown_matter']);
  // Another case's events interleaved.
  const other = events.map((e) => ({ ...e, case: 'HC-2' }));
  assert.deepEqual(
    engine.replay([other[0], events[0], other[1], events[1]]).cases.map((c) => c.id),
    ['HC-1', 'HC-2'],
  );
});

test('calendarQuery: answers, and a date outside the calendar as a returned problem', () => {
  assert.deepEqual(calendarQuery({ op: 'isWorkingDay', date: '2025-10-01' }), { workingDay: false, errors: [] });
  assert.deepEqual(calendarQuery({ op: 'addWorkingDays', date: '2025-09-30', days: 5 }), {
    date: '2025-10-14',
    errors: [],
  });
  assert.deepEqual(calendarQuery({ op: 'workingDaysBetween', from: '2025-10-14', to: '2025-09-30' }), {
    workingDays: -5,
    errors: [],
  });
  const deadline = calendarQuery({
    op: 'deadline',
    acceptedOn: '2025-09-30',
    limitWorkingDays: 5,
    pauses: [{ from: '2025-10-09', to: '2025-10-10' }],
    now: '2025-10-17',
    thresholds: { level2OverdueWorkingDays: 5 },
  });
  assert.deepEqual(deadline, {
    due: '2025-10-16',
    light: 'red',
    escalation: 'level1',
    totalWorkingDays: 5,
    usedWorkingDays: 5,
    remainingWorkingDays: 0,
    overdueWorkingDays: 1,
    paused: false,
    errors: [],
  });
  const zh = calendarQuery({ op: 'isWorkingDay', date: '2030-01-02' });
  assert.deepEqual(Object.keys(zh), ['errors']);
  assert.equal(zh.errors[0].code, 'calendar.out_of_range');
  assert.deepEqual(zh.errors[0].params.knownYears, [2024, 2025, 2026]);
  assert.match(zh.errors[0].message, han);
  const en = calendarQuery({ op: 'isWorkingDay', date: '2030-01-02' }, { lang: 'en' });
  assert.doesNotMatch(en.errors[0].message, han);
  // An engine whose catalogue carries no calendar answers as the shipped one.
  assert.deepEqual(engine.calendarQuery({ op: 'addWorkingDays', date: '2025-09-30', days: 5 }), {
    date: '2025-10-14',
    errors: [],
  });
  assert.deepEqual(engine.calendarQuery({ op: 'isWorkingDay', date: '2030-01-02' }, { lang: 'en' }), en);
});

test('a request that is not one throws input.* codes', () => {
  const big = 'x'.repeat(3 << 20);
  const tooLarge = () =>
    engine.decide(null, { ...submit.command, command: { ...submit.command.command, answer: big } }, submit.context);
  const cases = [
    [() => engine.decide(null, {}, submit.context), 'input.shape'],
    [() => engine.decide(null, { ...submit.command, extra: 1 }, submit.context), 'input.shape'],
    [() => engine.decide(null, { ...submit.command, command: { type: 'sign' } }, submit.context), 'input.shape'],
    [() => engine.decide(null, submit.command, { ...submit.context, channel: 'fax' }), 'input.shape'],
    [() => engine.decide(null, submit.command, { ...submit.context, at: '2025-05-06T09:00:00' }), 'input.shape'],
    [() => engine.decide(null, submit.command, { ...submit.context, actor: { id: 'x', role: 'clerk', org: 'y' } }), 'input.shape'],
    [() => engine.decide({}, submit.command, submit.context), 'input.shape'],
    [() => engine.decide([], submit.command, submit.context), 'input.shape'],
    [() => engine.decide(null, [submit.command], submit.context), 'input.shape'],
    [() => engine.decide(null, { ...submit.command, expectedVersion: -1 }, submit.context), 'input.shape'],
    [() => engine.decide(null, { ...submit.command, expectedVersion: 1.5 }, submit.context), 'input.shape'],
    [tooLarge, 'input.too_large'],
    [() => engine.decide(null, { ...submit.command, command: { ...submit.command.command, answer: nestedObject(200) } }, submit.context), 'input.too_deep'],
    [() => engine.decide(nestedObject(1_000_000), submit.command, submit.context), 'input.too_deep'],
    [() => evolve(null, {}), 'input.shape'],
    [() => evolve(null, { ...events[0], kind: { type: 'stamped' } }), 'input.shape'],
    [() => evolve({ ...submitted.case, status: 'lost' }, events[1]), 'input.shape'],
    [() => evolve(null, { ...events[0], kind: { ...events[0].kind, answer: big } }), 'input.too_large'],
    [() => engine.actions({}, accept.context), 'input.shape'],
    [() => engine.actions(accepted.case, {}), 'input.shape'],
    [() => engine.deadline({ ...accepted.case, extra: 1 }, '2025-05-07'), 'input.shape'],
    [() => engine.replay([{}]), 'input.shape'],
    [() => engine.replay([events[0], 5]), 'input.shape'],
    [() => engine.replay(' '.repeat((256 << 20) + 1)), 'input.too_large'],
    [() => calendarQuery({ op: 'isHoliday', date: '2025-10-01' }), 'input.shape'],
    [() => calendarQuery({ date: '2025-10-01' }), 'input.shape'],
    [() => calendarQuery({ op: 'isWorkingDay', date: '2025-02-30' }), 'input.shape'],
    [() => calendarQuery({ op: 'addWorkingDays', date: '2025-10-01', days: -1 }), 'input.shape'],
    [() => calendarQuery({ op: 'isWorkingDay', date: '2025-10-01', lang: 'en' }), 'input.shape'],
    [() => calendarQuery([]), 'input.shape'],
    [() => engine.calendarQuery({ op: 'isHoliday', date: '2025-10-01' }), 'input.shape'],
    // A fixture's catalog is not part of the query.
    [() => engine.calendarQuery({ catalog: 'catalog/mini.json', op: 'isWorkingDay', date: '2025-10-01' }), 'input.shape'],
  ];
  for (const [fn, code] of cases) throwsCoded(fn, code);
  const e = throwsCoded(() => engine.decide(null, {}, submit.context, { lang: 'en' }), 'input.shape');
  assert.doesNotMatch(e.message, han);
  assert.equal(throwsCoded(tooLarge, 'input.too_large').params.max, 2 << 20);
});

test(
  'a field a command or event without payload does not have is input.shape, as for the others',
  () => {
    throwsCoded(() => engine.decide(submitted.case, { ...accept.command, command: { type: 'accept', reason: 'x' } }, accept.context), 'input.shape');
    const claimed = { ...accepted.events[0], version: 3, clientId: 'c-claim', kind: { type: 'claimed', by: 'x' } };
    throwsCoded(() => evolve(accepted.case, claimed), 'input.shape');
  },
);

test('arguments of the wrong type throw arg.invalid_type naming the argument', () => {
  const cyclic = { ...submit.command };
  cyclic.self = cyclic;
  const throwing = {
    get case() {
      throw new Error('boom');
    },
  };
  const cases = [
    [() => engine.decide(5, submit.command, submit.context), 'current'],
    [() => engine.decide(JSON.stringify(submitted.case), submit.command, submit.context), 'current'],
    [() => engine.decide(null, JSON.stringify(submit.command), submit.context), 'command'],
    [() => engine.decide(null, null, submit.context), 'command'],
    [() => engine.decide(null, cyclic, submit.context), 'command'],
    [() => engine.decide(null, throwing, submit.context), 'command'],
    [() => engine.decide(null, { n: 1n }, submit.context), 'command'],
    [() => engine.decide(null, submit.command, undefined), 'context'],
    [() => engine.decide(null, submit.command, submit.context, 'en'), 'options'],
    [() => engine.decide(null, submit.command, submit.context, { lang: 1 }), 'lang'],
    [() => evolve(null, null), 'event'],
    [() => evolve(null, JSON.stringify(events[0])), 'event'],
    [() => evolve('case', events[0]), 'current'],
    [() => evolve(null, events[0], 7), 'options'],
    [() => engine.actions(null, accept.context), 'current'],
    [() => engine.actions(accepted.case, 'front_desk'), 'context'],
    [() => engine.deadline(null, '2025-05-07'), 'current'],
    [() => engine.deadline(accepted.case, 20250507), 'now'],
    [() => engine.deadline(accepted.case), 'now'],
    [() => engine.replay(null), 'events'],
    [() => engine.replay({ 0: events[0], length: 1 }), 'events'],
    [() => engine.replay(5), 'events'],
    [() => engine.replay(events, { at: 5 }), 'at'],
    [() => calendarQuery('isWorkingDay'), 'query'],
    [() => calendarQuery(null), 'query'],
    [() => engine.calendarQuery('isWorkingDay'), 'query'],
    [() => engine.calendarQuery({ op: 'isWorkingDay', date: '2025-10-01' }, 'en'), 'options'],
  ];
  for (const [fn, name] of cases) {
    const e = throwsCoded(fn, 'arg.invalid_type');
    assert.equal(e.params.name, name, e.message);
  }
  throwsCoded(() => engine.decide(null, submit.command, submit.context, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => evolve(null, events[0], { at: '2025-02-30' }), 'arg.invalid_date');
  throwsCoded(() => calendarQuery({ op: 'isWorkingDay', date: '2025-10-01' }, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => engine.calendarQuery({ op: 'isWorkingDay', date: '2025-10-01' }, { lang: 'fr' }), 'arg.unknown_lang');
  const en = throwsCoded(() => engine.replay(5, { lang: 'en' }), 'arg.invalid_type');
  assert.doesNotMatch(en.message, han);
});

test('versions past 2^53 read from a case are returned as JSON.parse reads them, not thrown', () => {
  const huge = 2 ** 60;
  const far = { ...accepted.case, version: huge };
  const conflict = engine.decide(far, { ...approve.command, clientId: 'c-far' }, approve.context);
  assert.equal(conflict.outcome, 'refused');
  assert.deepEqual(conflict.error.params, { expected: 2, actual: huge });
  const decision = engine.decide(far, { ...approve.command, clientId: 'c-far', expectedVersion: huge }, approve.context);
  assert.equal(decision.outcome, 'accepted', JSON.stringify(decision));
  assert.equal(decision.events[0].version, huge + 1);
});

test('thousands of case calls and misuses do not grow wasm memory or the externref table', async () => {
  const wasm = await init();
  const cyclic = {};
  cyclic.self = cyclic;
  const jsonl = events.map((e) => `${JSON.stringify(e)}\n`).join('');
  const round = () => {
    for (let i = 0; i < 100; i += 1) {
      engine.decide(null, submit.command, submit.context);
      engine.decide(accepted.case, { ...accept.command, clientId: 'c-again' }, accept.context, { lang: 'en' });
      evolve(submitted.case, accepted.events[0]);
      evolve(accepted.case, accepted.events[0]);
      engine.actions(accepted.case, approve.context);
      engine.deadline(accepted.case, '2025-05-07');
      engine.replay(events);
      engine.replay(jsonl);
      calendarQuery({ op: 'addWorkingDays', date: '2025-09-30', days: 5 });
      calendarQuery({ op: 'isWorkingDay', date: '2030-01-02' });
      engine.calendarQuery({ op: 'isWorkingDay', date: '2030-01-02' });
      for (const misuse of [
        () => engine.decide(cyclic, submit.command, submit.context),
        () => engine.decide(null, { type: 'x' }, submit.context),
        () => engine.deadline(accepted.case, '2031-01-06'),
        () => engine.deadline(accepted.case, 'today'),
        () => evolve(null, 5),
        () => engine.replay([{}]),
        () => calendarQuery({ op: 'x' }),
        () => engine.calendarQuery({ op: 'x' }),
      ]) {
        assert.throws(misuse);
      }
    }
  };
  round();
  const memory = wasm.memory.buffer.byteLength;
  const table = wasm.__wbindgen_externrefs?.length;
  for (let i = 0; i < 3; i += 1) round();
  assert.equal(wasm.memory.buffer.byteLength, memory);
  assert.equal(wasm.__wbindgen_externrefs?.length, table);
});
