// 免申即享 / 政策匹配 in the npm package `doorstep`, in Node: the shared fixture
// (tests/fixtures/policies.json) through `Engine.matchPolicies`, the same profiles as a
// 摸排登记 list through `Engine.matchPolicyLines`, `Engine.policies`, and the binding's
// contract — a profile eligible for nothing or that cannot be matched is a returned value,
// misuse throws a coded Error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as doorstep from 'doorstep';

import {
  POLICIES_CATALOG_AT,
  caseOptions,
  deepEqual,
  policyLine,
  runPolicyCase,
} from './fixture-rule.mjs';
import { readFixture, throwsCoded } from './node-helpers.mjs';

const { Engine } = doorstep;

const policies = JSON.parse(readFixture('policies.json'));
const engines = new Map();
const engineFor = (name) => {
  if (!engines.has(name)) engines.set(name, new Engine(readFixture(name), { at: POLICIES_CATALOG_AT }));
  return engines.get(name);
};
const engine = engineFor('catalog/policies.json');
const at = '2025-09-01';

for (const testCase of policies.cases) {
  test(`policies fixture: ${testCase.name}`, () => {
    const { problems } = runPolicyCase(engineFor(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

test('policies fixtures as 摸排登记 lists: each line matched as the single profile is', () => {
  // One list per catalogue, date and language, the cases in fixture order, a blank line
  // (and a \r) between them: line numbers count the blank lines.
  const groups = new Map();
  for (const testCase of policies.cases) {
    const { catalog, at: day, lang } = testCase.input;
    const key = JSON.stringify([catalog, day, lang ?? null]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(testCase);
  }
  let lines = 0;
  for (const cases of groups.values()) {
    const { input } = cases[0];
    const list = cases.map((c) => policyLine(c.input)).join('\r\n\n');
    const outcomes = engineFor(input.catalog).matchPolicyLines(list, caseOptions(input));
    assert.equal(outcomes.length, cases.length);
    for (const [i, testCase] of cases.entries()) {
      const outcome = outcomes[i];
      const { report } = runPolicyCase(engineFor(input.catalog), testCase);
      assert.equal(outcome.line, 2 * i + 1, testCase.name);
      if (report.errors.length === 0) {
        assert.ok(deepEqual(outcome.matches, report.matches), testCase.name);
        assert.equal(outcome.error, undefined, testCase.name);
      } else {
        assert.equal(outcome.matches, undefined, testCase.name);
        // The same error, placed in the list: a position names the list's line.
        const [single] = report.errors;
        const placed = single.params?.line === undefined ? single : { ...single, params: { ...single.params, line: outcome.line } };
        assert.equal(outcome.error.code, placed.code, testCase.name);
        assert.ok(deepEqual(outcome.error.params, placed.params), testCase.name);
      }
      lines += 1;
    }
  }
  assert.equal(lines, policies.cases.length);
});

test('matchPolicies: a profile object or its text, eligible and every reason', () => {
  const veteran = { kind: 'person', veteran: true, household: { division: '350205' }, phone: '13912345678' };
  const report = engine.matchPolicies(veteran, { at });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.eligible, ['VET-HOLIDAY']);
  assert.deepEqual(
    report.matches.map((m) => m.code),
    engine.policies({ at }).map((p) => p.code),
  );
  assert.deepEqual(engine.matchPolicies(JSON.stringify(veteran), { at }), report);
  // In English, the subject reason of a policy for the other subject.
  const en = engine.matchPolicies({ kind: 'enterprise', size: 'large' }, { at, lang: 'en' });
  const person = en.matches.find((m) => m.reasons[0].code === 'subject');
  assert.deepEqual(person.reasons, [{ code: 'subject', held: false, description: 'For people' }]);
  // Nothing eligible is an outcome, not an error.
  assert.deepEqual(engine.matchPolicies({ kind: 'enterprise', dishonest: true }, { at }).errors, []);
});

test('matchPolicies: a profile that cannot be matched is a returned report, no message quoting it', () => {
  const id = '350205199003071239';
  const cases = [
    [[1], 'policy.profile_not_object'],
    [{ residentId: id }, 'policy.profile_kind'],
    [{ kind: 'family', residentId: id }, 'policy.profile_kind'],
    [`{"kind": "person", "residentId": "${id}"`, 'input.malformed'],
    ['"x"'.padEnd((1 << 20) + 1, ' '), 'input.too_large'],
    [`${'['.repeat(200)}${']'.repeat(200)}`, 'input.too_deep'],
  ];
  for (const [profile, code] of cases) {
    for (const lang of ['zh-CN', 'en']) {
      const report = engine.matchPolicies(profile, { at, lang });
      assert.deepEqual(report.eligible, []);
      assert.deepEqual(report.matches, []);
      assert.deepEqual(
        report.errors.map((e) => e.code),
        [code],
      );
      assert.doesNotMatch(report.errors[0].message, new RegExp(id));
    }
  }
  // Too long to copy: refused before it is read, as the core would.
  const huge = 'x'.repeat(4 << 20);
  assert.equal(engine.matchPolicies(huge, { at }).errors[0].params.max, 1 << 20);
});

test('matchPolicyLines: one outcome per profile line, bad lines coded, blank lines skipped', () => {
  const list = [
    JSON.stringify({ kind: 'person', veteran: true, household: { division: '350205' } }),
    '',
    '{"kind": "person", "residentId": "350205199003071239"',
    '   ',
    '[1]',
    JSON.stringify({ kind: 'enterprise' }),
  ].join('\n');
  const outcomes = engine.matchPolicyLines(list, { at });
  assert.deepEqual(
    outcomes.map((o) => [o.line, o.error?.code ?? null]),
    [
      [1, null],
      [3, 'input.malformed'],
      [5, 'policy.profile_not_object'],
      [6, null],
    ],
  );
  assert.equal(outcomes[0].matches[0].eligible, true);
  assert.ok(!JSON.stringify(outcomes).includes('3502051990'));
  assert.deepEqual(engine.matchPolicyLines('', { at }), []);
  assert.deepEqual(engine.matchPolicyLines('\n\r\n', { at }), []);
  // The date decides which policies are in effect; the default is today.
  assert.ok(Array.isArray(engine.matchPolicyLines('{"kind":"person"}')));
});

test('policies: the policies in effect on the date, as the catalogue gives them', () => {
  const catalog = JSON.parse(readFixture('catalog/policies.json'));
  const listed = engine.policies({ at });
  assert.ok(listed.length > 0 && listed.length <= catalog.policies.length);
  for (const policy of listed) {
    const original = catalog.policies.find((p) => p.code === policy.code);
    assert.ok(deepEqual(policy.conditions, original.conditions), policy.code);
    assert.equal(policy.effective <= at, true);
    assert.ok(policy.cancelled === undefined || at < policy.cancelled);
  }
  assert.ok(Array.isArray(engine.policies()));
  assert.ok(Array.isArray(engine.policies(null)));
});

test('policy misuse throws coded Errors', () => {
  throwsCoded(() => engine.policies({ at: '2025-02-30' }), 'arg.invalid_date');
  throwsCoded(() => engine.matchPolicies({ kind: 'person' }, { at: 'soon' }), 'arg.invalid_date');
  throwsCoded(() => engine.matchPolicies({ kind: 'person' }, { lang: 'fr' }), 'arg.unknown_lang');
  for (const profile of [undefined, null, 5, true]) {
    const e = throwsCoded(() => engine.matchPolicies(profile), 'arg.invalid_type');
    assert.equal(e.params.name, 'profile');
  }
  const cyclic = { kind: 'person' };
  cyclic.self = cyclic;
  assert.equal(throwsCoded(() => engine.matchPolicies(cyclic), 'arg.invalid_type').params.name, 'profile');
  for (const lines of [undefined, null, 5, [JSON.stringify({ kind: 'person' })]]) {
    const e = throwsCoded(() => engine.matchPolicyLines(lines), 'arg.invalid_type');
    assert.equal(e.params.name, 'lines');
  }
  // The engine still answers.
  assert.deepEqual(engine.matchPolicies({ kind: 'person' }, { at }).errors, []);
});
