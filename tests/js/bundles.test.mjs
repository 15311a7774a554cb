// 一件事 bundle cases, 免申即办 successors and the citizen's timeline in the npm package
// `doorstep`, in Node: the shared fixture (tests/fixtures/bundles.json) through
// `Engine.decide` with `{members}`, `evolve` and `timeline`, and the binding's contract — a
// refused command or an unknown case is a returned outcome, misuse throws a coded Error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as doorstep from 'doorstep';

import { bundleOutcome, jsonLines, runBundleCase } from './fixture-rule.mjs';
import { readFixture, throwsCoded } from './node-helpers.mjs';

const bundles = JSON.parse(readFixture('bundles.json'));
const texts = new Map();
const catalogText = (name) => {
  if (!texts.has(name)) texts.set(name, readFixture(name));
  return texts.get(name);
};

for (const testCase of bundles.cases) {
  test(`bundles fixture: ${testCase.name}`, () => {
    const { problems } = runBundleCase(doorstep, catalogText(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

const birth = bundles.cases[0].input;
const engine = new doorstep.Engine(catalogText(birth.catalog), { at: birth.at });

test('a bundle submission opens the bundle case and its members, and the timeline joins them', () => {
  const { cases, events } = bundleOutcome(doorstep, engine, birth);
  const bundle = cases.get('B-1');
  assert.equal(bundle.matter, 'birth');
  // 出生医学证明, 户口登记, 医保参保, 社保卡 and (the mother being insured) 生育津贴.
  assert.equal(bundle.members.length, 5);
  for (const m of bundle.members) assert.equal(cases.get(m.case).parent, 'B-1');
  assert.deepEqual(events[0].kind.type, 'bundle_submitted');
  const found = doorstep.timeline(jsonLines(events), 'B-1');
  assert.equal(found.outcome, 'found');
  assert.equal(found.timeline.bundle.state, 'open');
  assert.ok(found.timeline.entries.every((e) => e.action === 'submit'));
  // The events without their final newline, with \r\n and blank lines: the same timeline.
  const crlf = events.map((e) => JSON.stringify(e)).join('\r\n\n');
  assert.deepEqual(doorstep.timeline(crlf, 'B-1'), found);
});

test('timeline: an unknown case or a line that is not an event is a refusal, in the language asked', () => {
  const { events } = bundleOutcome(doorstep, engine, birth);
  const missing = doorstep.timeline(jsonLines(events), 'B-404', { lang: 'en' });
  assert.equal(missing.outcome, 'refused');
  assert.equal(missing.error.code, 'case.not_found');
  assert.ok(missing.error.message.length > 0);
  const broken = doorstep.timeline(`${jsonLines(events)}{"not": "an event"}\n`, 'B-1');
  assert.equal(broken.outcome, 'refused');
  assert.equal(broken.error.code, 'input.shape');
  assert.equal(broken.error.params.line, events.length + 1);
  assert.deepEqual(doorstep.timeline('', 'B-1').error.code, 'case.not_found');
});

test('withdrawing a bundle needs its members: decide passes options.members to the core', () => {
  const withdraw = bundles.cases.find((c) => c.name.startsWith('withdrawing the bundle'));
  assert.ok(withdraw, 'the fixture has a withdrawal case');
  const { cases } = bundleOutcome(doorstep, engine, withdraw.input);
  for (const m of cases.get('B-1').members) assert.ok(cases.get(m.case).status, m.case);
});

test('decide misuse throws coded Errors', () => {
  const [step] = birth.steps;
  const { events } = bundleOutcome(doorstep, engine, birth);
  const notArray = throwsCoded(
    () => engine.decide(null, step.command, step.context, { members: 5, lang: 'en' }),
    'arg.invalid_type',
  );
  assert.equal(notArray.message, 'Argument members has the wrong type: expected an array');
  throwsCoded(() => engine.decide(null, step.command, step.context, { members: [{}] }), 'input.shape');
  const e = throwsCoded(() => doorstep.timeline(5, 'B-1'), 'arg.invalid_type');
  assert.equal(e.params.name, 'events');
  throwsCoded(() => doorstep.timeline('', 5), 'arg.invalid_type');
  throwsCoded(() => doorstep.timeline('', 'B-1', { lang: 'fr' }), 'arg.unknown_lang');
  // JSON Lines only: an array of events is a wrong call.
  throwsCoded(() => doorstep.timeline(events ?? [], 'B-1'), 'arg.invalid_type');
  // members null or left out: none.
  assert.equal(engine.decide(null, step.command, step.context, { members: null }).outcome, 'accepted');
});
