// A consumer that must NOT compile: each line marked `// WRONG TSxxxx:` is a mistake a
// front-end team makes, and the package's types must reject it with that error. pack.test.mjs
// compiles this file in the empty project and checks that tsc fails with that error on every
// marked line and with no error on any other line (so each error is the one intended; a type
// loosened to `any` would leave a marked line without its error). Never run.
import {
  Engine,
  checkResidentId,
  evolve,
  type Case,
  type CaseEvent,
  type Decision,
  type Status,
  type Validation,
} from 'doorstep';
import { lintCatalog } from 'doorstep'; // WRONG TS2614: lintCatalog is in 'doorstep/backoffice' only
import { calendarQuery } from 'doorstep/backoffice';

declare const catalogJson: string;
declare const current: Case;
declare const event: CaseEvent;

const engine = new Engine(catalogJson);

// A number where a Target is expected, and a Target naming both a matter and a bundle.
engine.form(5); // WRONG TS2345: a number is not a Target
engine.form({ matter: '350205-GA-001', bundle: 'birth' }); // WRONG TS2345: a Target names one matter or one bundle

// Fields that are not in the type.
export const nickname = checkResidentId('11010519491231002X').nickname; // WRONG TS2339: no such field on IdReport
export const metrics = engine.metrics; // WRONG TS2339: metrics is a back-office call
export const engineCalendar = engine.calendarQuery; // WRONG TS2339: the engine's calendar query is a back-office call

// Tagged unions used without narrowing.
const decision: Decision = engine.decide(null, { case: 'C-1', expectedVersion: 0, clientId: 'c', command: { type: 'accept' } }, { actor: { id: 'u', role: 'applicant', org: 'o' }, channel: 'window', at: '2025-10-13T09:00:00+08:00' });
export const events: CaseEvent[] = decision.events; // WRONG TS2339: `events` only once `outcome` is 'accepted'
export const masked: string = checkResidentId('11010519491231002X').masked; // WRONG TS2339: facts only once `valid` is true
const validation: Validation = engine.validate({ bundle: 'birth' }, {});
export const stored: string[] = Object.keys(validation.normalized); // WRONG TS2769: normalized may be null before narrowing on `valid`
export const checkedAnswer = engine.check({ bundle: 'birth' }, {}).normalized; // WRONG TS2339: check gives no normalized answer
export const evolved: Case = evolve(current, event).case; // WRONG TS2339: `case` only once `outcome` is 'applied'

// Values outside the declared literals, and a command missing its payload.
export const status: Status = 'done'; // WRONG TS2322: not a Status
engine.decide(current, { case: current.id, expectedVersion: current.version, clientId: 'c2', command: { type: 'approve' } }, { actor: { id: 'u', role: 'back_office', org: 'o' }, channel: 'window', at: '2025-10-13T09:00:00+08:00' }); // WRONG TS2322: approve needs its stamp
engine.decide(current, { case: current.id, expectedVersion: current.version, clientId: 'c3', command: { type: 'accept' } }, { actor: { id: 'u', role: 'clerk', org: 'o' }, channel: 'window', at: '2025-10-13T09:00:00+08:00' }); // WRONG TS2322: not a Role
engine.matchPolicies({ kind: 'alien' }); // WRONG TS2322: a profile is a person or an enterprise
calendarQuery({ op: 'addWorkingDay', date: '2025-09-30', days: 5 }); // WRONG TS2820: not a CalendarQuery op
checkResidentId('11010519491231002X', { lang: 'fr' }); // WRONG TS2322: lang is zh-CN or en

// An error read without narrowing: a caught value is `unknown` in strict mode.
try {
  engine.form({ bundle: 'no-such-bundle' });
} catch (e) {
  console.log(e.code); // WRONG TS18046: `e` is unknown until narrowed (instanceof Error, 'code' in e)
}
