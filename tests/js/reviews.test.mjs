// 好差评 and 办不成事 in the npm package `doorstep`, in Node: the shared fixture
// (tests/fixtures/reviews.json, complaints included) through `Engine.decideReview`,
// `evolveReview`, `Engine.decideComplaint` and `evolveComplaint`, the invitation to rate, and
// the binding's contract — a refused command is a returned outcome, misuse throws a coded
// Error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

// The back office's module (a superset of the default one): these calls are there only.
import * as doorstep from 'doorstep/backoffice';

import { REVIEWS_CATALOG_AT, reviewOutcome, runReviewCase } from './fixture-rule.mjs';
import { catalogOf, readFixture, throwsCoded } from './node-helpers.mjs';

const reviews = JSON.parse(readFixture('reviews.json'));

for (const testCase of reviews.cases) {
  test(`reviews fixture: ${testCase.name}`, () => {
    const { problems } = runReviewCase(doorstep, catalogOf(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

const rated = reviews.cases[0].input;
const engine = new doorstep.Engine(JSON.stringify(catalogOf(rated.catalog)), { at: REVIEWS_CATALOG_AT });

test('the invitation to rate: same day, on site and online; refused before conclusion', () => {
  const invited = engine.reviewInvitation(rated.facts);
  assert.equal(invited.outcome, 'invited');
  assert.equal(invited.invitation.lastDay, '2025-09-30');
  assert.deepEqual(invited.invitation.channels, ['on_site', 'online']);
  assert.equal(invited.invitation.defaultRating, 'satisfied');
  const early = engine.reviewInvitation({ ...rated.facts, concludedAt: null }, { lang: 'en' });
  assert.equal(early.outcome, 'refused');
  assert.equal(early.error.code, 'review.not_concluded');
  assert.ok(early.error.message.length > 0);
});

test('a review decided, evolved and refused as returned values', () => {
  const { state, events } = reviewOutcome(doorstep, engine, rated);
  assert.equal(state.status, 'rated');
  assert.equal(events.length, 1);
  const again = engine.decideReview({ review: state, facts: rated.facts, command: rated.steps[0].command, context: rated.steps[0].context });
  assert.deepEqual(again, { outcome: 'accepted', events: [] });
  const replayed = doorstep.evolveReview({ review: state, event: events[0] });
  assert.equal(replayed.outcome, 'refused');
});

test('a complaint decided and evolved', () => {
  const complaint = reviews.cases.find((c) => c.input.kind === 'complaint').input;
  const { state, events } = reviewOutcome(doorstep, engine, complaint);
  assert.ok(state !== null);
  assert.equal(events[0].kind.type, 'reported');
  const twice = doorstep.evolveComplaint({ complaint: state, event: events[0] }, { lang: 'en' });
  assert.equal(twice.outcome, 'refused');
  assert.ok(twice.error.code.startsWith('complaint.'), twice.error.code);
});

test('review and complaint misuse throws coded Errors', () => {
  const e = throwsCoded(() => engine.decideReview('{}'), 'arg.invalid_type');
  assert.equal(e.params.name, 'request');
  throwsCoded(() => engine.decideReview({}), 'input.shape');
  throwsCoded(() => engine.decideComplaint({ command: {}, context: {} }), 'input.shape');
  throwsCoded(() => doorstep.evolveReview(null), 'arg.invalid_type');
  throwsCoded(() => doorstep.evolveComplaint({ event: 5 }), 'input.shape');
  throwsCoded(() => engine.reviewInvitation(5), 'arg.invalid_type');
  throwsCoded(() => engine.decideReview({}, { lang: 'fr' }), 'arg.unknown_lang');
  const big = { ...rated.steps[0], note: 'x'.repeat(300 * 1024) };
  throwsCoded(() => engine.decideReview(big), 'input.too_large');
});
