// Metrics in the npm package `doorstep`, in Node: the shared fixture
// (tests/fixtures/metrics.json) through `Engine.metrics`, and the binding's contract — a
// scope or period the core refuses, and lines that are not events, are returned values;
// misuse throws a coded Error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

// The back office's module (a superset of the default one): these calls are there only.
import * as doorstep from 'doorstep/backoffice';

import { REVIEWS_CATALOG_AT, metricsLines, runMetricsCase } from './fixture-rule.mjs';
import { catalogOf, readFixture, throwsCoded } from './node-helpers.mjs';

const metrics = JSON.parse(readFixture('metrics.json'));

for (const testCase of metrics.cases) {
  test(`metrics fixture: ${testCase.name}`, () => {
    const { problems } = runMetricsCase(doorstep, catalogOf(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

const first = metrics.cases[0].input;
const engine = new doorstep.Engine(JSON.stringify(catalogOf(first.catalog)), { at: REVIEWS_CATALOG_AT });
const query = { scope: first.scope, from: first.from, to: first.to };

test('the query as JSON text gives the same report as the object', () => {
  const lines = metricsLines(first);
  const byObject = engine.metrics(query, lines);
  assert.equal(byObject.outcome, 'report');
  assert.deepEqual(engine.metrics(JSON.stringify(query), lines), byObject);
  assert.equal(byObject.report.scope.org, first.scope);
});

test('an unreadable or oversized query is a refusal, not a throw', () => {
  const bad = engine.metrics('{"scope":', '', { lang: 'en' });
  assert.equal(bad.outcome, 'refused');
  assert.equal(bad.error.code, 'input.malformed');
  assert.ok(bad.error.message.length > 0);
  const big = engine.metrics({ ...query, pad: 'x'.repeat(5000) }, '');
  assert.equal(big.outcome, 'refused');
  assert.equal(big.error.code, 'input.too_large');
  const shape = engine.metrics({ ...query, extra: 1 }, '');
  assert.equal(shape.error.code, 'input.shape');
});

test('metrics misuse throws coded Errors', () => {
  let e = throwsCoded(() => engine.metrics(5, ''), 'arg.invalid_type');
  assert.equal(e.params.name, 'query');
  e = throwsCoded(() => engine.metrics(query, []), 'arg.invalid_type');
  assert.equal(e.params.name, 'events');
  throwsCoded(() => engine.metrics(query, '', { at: '2025-02-30' }), 'arg.invalid_date');
});
