// 预约 in the npm package `doorstep`, in Node: the shared fixture
// (tests/fixtures/appointments.json) through `Engine.decideAppointment` and
// `evolveAppointment` of the back office's module `doorstep/backoffice` (the default module
// has no room for them under its size budget: see bindings-wasm/build.sh), and the binding's
// contract — a refused command or event is a
// returned outcome, misuse throws a coded Error and changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as doorstep from 'doorstep';
import * as office from 'doorstep/backoffice';

import { APPOINTMENTS_CATALOG_AT, appointmentOutcome, applyPatch, runAppointmentCase } from './fixture-rule.mjs';
import { catalogOf, readFixture, throwsCoded } from './node-helpers.mjs';

const appointments = JSON.parse(readFixture('appointments.json'));

for (const testCase of appointments.cases) {
  test(`appointments fixture: ${testCase.name}`, () => {
    const { problems } = runAppointmentCase(office, catalogOf(testCase.input.catalog), testCase);
    assert.deepEqual(problems, []);
  });
}

const first = appointments.cases[0].input;
const engine = new office.Engine(JSON.stringify(applyPatch(catalogOf(first.catalog), first.patch)), {
  at: APPOINTMENTS_CATALOG_AT,
});
const [bookA1] = first.steps;
const request = { book: first.book, command: bookA1.command, at: bookA1.at };

test('the appointment calls are in the back office module, not in the default one', () => {
  assert.equal('evolveAppointment' in doorstep, false);
  assert.equal('decideAppointment' in doorstep.Engine.prototype, false);
  assert.equal(typeof office.evolveAppointment, 'function');
  assert.equal(typeof office.Engine.prototype.decideAppointment, 'function');
});

test('a booking decided and applied, a second one refused as a returned value', () => {
  const decision = engine.decideAppointment(request);
  assert.equal(decision.outcome, 'accepted');
  assert.deepEqual(decision.event.command, { ...bookA1.command, specialGroups: [], homeVisit: false });
  assert.equal(decision.event.at, bookA1.at);
  const applied = office.evolveAppointment({ book: first.book, event: decision.event });
  assert.equal(applied.outcome, 'applied');
  assert.deepEqual(
    applied.book.appointments.map((a) => [a.id, a.slot, a.status]),
    [['a1', 'wed', 'booked']],
  );
  const again = engine.decideAppointment({ ...request, book: applied.book }, { lang: 'en' });
  assert.equal(again.outcome, 'refused');
  assert.equal(again.error.code, 'appointment.exists');
  assert.equal(again.error.message, 'An appointment with this id exists');
  const twice = office.evolveAppointment({ book: applied.book, event: decision.event });
  assert.equal(twice.outcome, 'refused');
  assert.equal(twice.error.code, 'appointment.exists');
  assert.ok(twice.error.message.length > 0);
});

test('a counter records an arrival; its case is on the book', () => {
  const { book } = appointmentOutcome(office, engine, {
    book: first.book,
    steps: [bookA1, { command: { type: 'arrive', id: 'a1', case: 'HC-7' }, at: '2025-05-07T18:05:00+08:00' }],
  });
  assert.deepEqual(book.appointments[0], {
    id: 'a1',
    slot: 'wed',
    applicant: 'u-1',
    matter: 'MED-INSURE',
    homeVisit: false,
    status: 'arrived',
    case: 'HC-7',
  });
});

test('appointment misuse throws coded Errors and changes nothing', () => {
  const kept = structuredClone(request);
  for (const notAnObject of [JSON.stringify(request), null, undefined, 5, true]) {
    const e = throwsCoded(() => engine.decideAppointment(notAnObject), 'arg.invalid_type');
    assert.equal(e.params.name, 'request');
    throwsCoded(() => office.evolveAppointment(notAnObject), 'arg.invalid_type');
  }
  throwsCoded(() => engine.decideAppointment({}), 'input.shape');
  throwsCoded(() => engine.decideAppointment({ ...request, note: 'x' }), 'input.shape');
  throwsCoded(() => engine.decideAppointment({ ...request, command: { type: 'reschedule', id: 'a1' } }), 'input.shape');
  throwsCoded(() => engine.decideAppointment({ ...request, command: { ...request.command, room: 3 } }), 'input.shape');
  throwsCoded(() => engine.decideAppointment({ ...request, at: '2025-05-06T10:00:00' }), 'input.shape');
  throwsCoded(() => engine.decideAppointment({ ...request, command: { ...request.command, specialGroups: ['student'] } }), 'input.shape');
  const slot = request.book.slots[0];
  for (const bad of [{ start: '25:00:00' }, { date: '2025-02-30' }, { capacity: -1 }, { capacity: '2' }]) {
    const book = { slots: [{ ...slot, ...bad }] };
    throwsCoded(() => engine.decideAppointment({ ...request, book }), 'input.shape');
  }
  const appointment = { id: 'a0', slot: 'wed', applicant: 'u-0', matter: 'MED-INSURE', status: 'lost' };
  throwsCoded(
    () => office.evolveAppointment({ book: { ...request.book, appointments: [appointment] }, event: { command: request.command, at: request.at } }),
    'input.shape',
  );
  throwsCoded(() => office.evolveAppointment({ book: request.book, event: { command: request.command } }), 'input.shape');
  throwsCoded(() => office.evolveAppointment({ book: request.book, event: 5 }), 'input.shape');
  const en = throwsCoded(() => engine.decideAppointment({}, { lang: 'en' }), 'input.shape');
  assert.doesNotMatch(en.message, /[\u4e00-\u9fff]/, en.message);
  throwsCoded(() => engine.decideAppointment(request, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => office.evolveAppointment({ book: request.book }, { lang: 'fr' }), 'arg.unknown_lang');
  throwsCoded(() => engine.decideAppointment(request, { at: '2025-02-30' }), 'arg.invalid_date');
  const big = { ...request, note: 'x'.repeat(4 * 1024 * 1024) };
  throwsCoded(() => engine.decideAppointment(big), 'input.too_large');
  // The request passed in is never modified, and the engine decides as before.
  assert.deepEqual(request, kept);
  assert.equal(engine.decideAppointment(request).outcome, 'accepted');
});

test('a refused command or event changes nothing', () => {
  const full = { slots: [{ ...first.book.slots[0], capacity: 0 }] };
  const kept = structuredClone(full);
  const refused = engine.decideAppointment({ ...request, book: full }, { lang: 'en' });
  assert.equal(refused.outcome, 'refused');
  assert.equal(refused.error.code, 'appointment.full');
  assert.equal(refused.error.message, 'The slot is full; choose another');
  const cancel = { command: { type: 'cancel', id: 'a1' }, at: request.at };
  const unknown = office.evolveAppointment({ book: full, event: cancel });
  assert.equal(unknown.outcome, 'refused');
  assert.equal(unknown.error.code, 'appointment.unknown');
  assert.equal(unknown.error.message, '预约不存在');
  assert.deepEqual(full, kept);
});
