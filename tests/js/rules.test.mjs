// JsonLogic rules in the npm package `doorstep`, in Node: the shared fixture
// (tests/fixtures/rules.json) through `evaluateRule` (and Engine.evaluateRule for the cases
// that name a catalogue), and its misuse contract.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as doorstep from 'doorstep';

import { runRuleCase } from './fixture-rule.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const rules = JSON.parse(fixture('rules.json'));
/** The Engine over a fixture catalogue (one each), as of the date the forms fixture loads them. */
const engines = new Map();
const engineFor = (catalog) => {
  if (!engines.has(catalog)) engines.set(catalog, new doorstep.Engine(fixture(catalog), { at: '2026-11-25' }));
  return engines.get(catalog);
};

for (const testCase of rules.cases) {
  test(`rules fixture: ${testCase.name}`, () => {
    assert.deepEqual(runRuleCase(doorstep, testCase, engineFor).problems, []);
  });
}

test('a rule that is not one is a refusal with its pointer; a wrong call throws a coded Error', () => {
  const refused = doorstep.evaluateRule({ rule: { if: [{ lg: 1 }, 'a', 'b'] } });
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.error.code, 'rule.unknown_operator');
  assert.equal(refused.error.path, '/if/0');
  for (const [call, code] of [
    [() => doorstep.evaluateRule(5), 'arg.invalid_type'],
    [() => doorstep.evaluateRule({ rule: 1, extra: 2 }), 'input.shape'],
    [() => doorstep.evaluateRule({ rule: 1 }, { lang: 'de' }), 'arg.unknown_lang'],
  ]) {
    assert.throws(call, (e) => e instanceof Error && e.code === code);
  }
});
