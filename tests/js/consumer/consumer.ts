// A front-end team's typed consumer of the packed npm package `doorstep`, as an H5 page or a
// kiosk writes it: imports only from 'doorstep' and 'doorstep/backoffice' (the package's
// exports, resolved through node_modules), strict mode, no `any`, no casts. pack.test.mjs
// copies it into an empty project that installed the tarball, compiles it with tsc and runs
// the emitted JS with node, checking the lines it prints (one per step, no timings).
//
// Usage: node out/consumer.js CATALOGUE   (or DOORSTEP_CATALOG=CATALOGUE), the Haicang
// sample catalogue catalogs/haicang.json.
import { readFileSync } from 'node:fs';

import init, {
  Engine,
  checkResidentId,
  evolve,
  timeline,
  version,
  type Answer,
  type AnswerCheck,
  type BundleSummary,
  type Case,
  type CaseContext,
  type CaseEvent,
  type CommandEnvelope,
  type Decision,
  type Evolution,
  type FieldValidation,
  type FormSpec,
  type IdReport,
  type JsonValue,
  type Material,
  type MatterSummary,
  type PersonProfile,
  type PolicyReport,
  type Problem,
  type Target,
  type TimelineOutcome,
  type Validation,
} from 'doorstep';
import initBackOffice, {
  Engine as BackOfficeEngine,
  lintCatalog,
  type MetricsOutcome,
} from 'doorstep/backoffice';

// In Node both modules are ready on import; a browser page needs these two lines, and the
// same code runs in both.
await init();
await initBackOffice();

const say = (line: string): void => console.log(line);

const catalogPath = process.argv[2] ?? process.env['DOORSTEP_CATALOG'];
if (catalogPath === undefined) throw new Error('usage: node consumer.js CATALOGUE');
const catalogJson: string = readFileSync(catalogPath, 'utf8');

/** A JSON value that is an object, as the answer of a form is. */
function isAnswer(value: JsonValue): value is Answer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code of a wrong call's error (`engine.unknown_bundle`, …), or the error rethrown. */
function codeOf(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  throw error;
}

const codes = (problems: Problem[]): string => problems.map((p) => `${p.path ?? ''} ${p.code}`.trim()).join(', ');

say(`version ${version()}`);

// 1. The catalogue, linted once and kept.
const at = '2025-09-01';
const engine = new Engine(catalogJson, { at });
const matters: MatterSummary[] = engine.matters();
const births: MatterSummary[] = engine.matters('出生', { at });
say(`matters: ${matters.length} in effect; 出生: ${births.map((m) => m.code).join(' ')}`);
const bundles: BundleSummary[] = engine.bundles();
const birthBundle: BundleSummary | undefined = bundles.find((b) => b.code === 'birth');
say(`bundles: ${bundles.map((b) => b.code).join(' ')}; birth: ${birthBundle?.name ?? 'missing'} of ${birthBundle?.members.length ?? 0}`);

// 2. The 出生一件事 form: fields, prefill sources and the example (填单示范).
const birth: Target = { bundle: 'birth' };
const form: FormSpec = engine.form(birth, { at });
const prefilled = form.fields.filter((f) => f.prefill !== undefined).map((f) => `${f.key}<${f.prefill ?? ''}`);
say(`form birth: ${form.fields.length} fields; prefill ${prefilled.join(' ')}`);
if (!isAnswer(form.example)) throw new Error('the example is not an object');
const example: Answer = form.example;

// 3. Validation: the example is valid; a mistyped ID number is not.
const valid: Validation = engine.validate(birth, example, { at });
if (valid.valid) {
  const stored: Answer = valid.normalized;
  say(`example: valid, ${Object.keys(stored).length} answers, for ${valid.matters.join(' ')}`);
} else {
  say(`example: invalid ${codes(valid.errors)}`);
}
const spoiled: Answer = { ...example, motherId: '350205199205120028', childName: '' };
const invalid: Validation = engine.validate(birth, spoiled, { at, lang: 'en' });
if (invalid.valid) say('spoiled: valid');
else say(`spoiled: invalid ${codes(invalid.errors)}; kept ${invalid.normalized === null ? 'nothing' : 'the rest'}`);

// 4. The whole answer, then one field, as the applicant types.
const checked: AnswerCheck = engine.check(birth, spoiled, { at, lang: 'en' });
say(`check spoiled: ${checked.valid ? 'valid' : `invalid ${codes(checked.errors)}`}`);
const field: FieldValidation = engine.validateField(birth, spoiled, '/motherId', { at });
say(`field ${field.path}: ${field.valid ? 'valid' : `invalid ${codes(field.errors)}`}`);
const other: FieldValidation = engine.validateField(birth, spoiled, '/fatherId', { at });
say(`field ${other.path}: ${other.valid ? 'valid' : `invalid ${codes(other.errors)}`}`);

// 5. Materials, with and without the identity the window reads from shared data.
const all: Material[] = engine.materials(birth, example, { at });
const waived: Material[] = engine.materials(birth, example, { at, available: ['identity'] });
say(`materials: ${all.map((m) => m.code).join(' ')}; with identity: ${waived.map((m) => m.code).join(' ')}`);

// 6. Prefill from shared data (数据共享).
const shared = { identity: { residentId: '350205199205120027', name: '林晓燕' } };
const answer: Answer = engine.prefill(birth, shared, {}, { at });
say(`prefill: ${Object.entries(answer).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`);

// 7. A resident ID, checked as it is typed: narrow the report on `valid` to read its facts.
function describe(report: IdReport): string {
  if (report.valid) return `valid ${report.masked} ${report.birthDate ?? '?'} ${report.sex ?? '?'} ${report.age ?? '?'}`;
  return `invalid ${codes(report.errors)} (kind ${report.kind ?? 'unknown'})`;
}
say(`resident id: ${describe(checkResidentId('11010519491231002X', { at: '2024-10-15' }))}`);
say(`resident id: ${describe(checkResidentId('110105194912310021', { at: '2024-10-15', lang: 'en' }))}`);

// 8. A case: submit the bundle, apply the events, retry, refuse, accept.
const applicant: CaseContext = {
  actor: { id: 'u-lin', role: 'applicant', org: '350205-HC-01' },
  channel: 'window',
  at: '2025-10-13T09:00:00+08:00',
};
const frontDesk: CaseContext = {
  actor: { id: 'fd-01', role: 'front_desk', org: '350205-HC' },
  channel: 'window',
  at: '2025-10-13T09:10:00+08:00',
};
const submit: CommandEnvelope = {
  case: 'B-1',
  expectedVersion: 0,
  clientId: 'submit-1',
  command: { type: 'submit_bundle', bundle: 'birth', applicant: 'u-lin', answer: example },
};
const cases = new Map<string, Case>();
const stored: CaseEvent[] = [];

/** Stores and applies the events of an accepted decision; the outcome, for the log line. */
function apply(decision: Decision): string {
  if (decision.outcome === 'refused') return `refused ${decision.error.code}`;
  for (const event of decision.events) {
    const evolution: Evolution = evolve(cases.get(event.case) ?? null, event);
    if (evolution.outcome === 'refused') return `evolve refused ${evolution.error.code}`;
    stored.push(event);
    cases.set(event.case, evolution.case);
  }
  return `accepted ${decision.events.map((e) => e.kind.type).join(' ') || 'no events'}`;
}

say(`decide submit_bundle: ${apply(engine.decide(null, submit, applicant))}`);
say(`cases: ${[...cases.values()].map((c) => `${c.id} ${c.status} v${c.version}`).join(', ')}`);
// A retry (same client id) against the case the page now holds: no events.
say(`decide retry: ${apply(engine.decide(cases.get('B-1') ?? null, submit, applicant))}`);
const police: Case | undefined = cases.get('B-1/350205-GA-001');
if (police === undefined) throw new Error('no case at 公安');
const accept: CommandEnvelope = {
  case: police.id,
  expectedVersion: police.version,
  clientId: 'accept-1',
  command: { type: 'accept' },
};
say(`decide accept by the applicant: ${apply(engine.decide(police, accept, applicant))}`);
say(`actions of the front desk: ${engine.actions(police, frontDesk).join(' ')}`);
say(`decide accept by the front desk: ${apply(engine.decide(police, accept, frontDesk))}`);
const accepted: Case | undefined = cases.get(police.id);
say(`case ${police.id}: ${accepted?.status ?? 'missing'} v${accepted?.version ?? 0} back office ${accepted?.backOffice ?? 'none'}`);

// 9. The citizen's timeline, from the stored events as JSON Lines.
const lines: string = stored.map((e) => JSON.stringify(e)).join('\n');
const found: TimelineOutcome = timeline(lines, 'B-1');
if (found.outcome === 'found') {
  const t = found.timeline;
  say(`timeline B-1: ${t.entries.length} entries (${t.entries.map((e) => e.action).join(' ')}), bundle ${t.bundle?.state ?? 'none'}`);
} else {
  say(`timeline B-1: refused ${found.error.code}`);
}
const missing: TimelineOutcome = timeline(lines, 'B-404');
say(`timeline B-404: ${missing.outcome === 'refused' ? `refused ${missing.error.code}` : 'found'}`);

// 10. 免申即享: the policies a person is eligible for.
const veteran: PersonProfile = {
  kind: 'person',
  birthDate: '1960-01-01',
  veteran: true,
  household: { division: '350205', type: 'urban' },
};
const policies: PolicyReport = engine.matchPolicies(veteran, { at });
const [profileProblem] = policies.errors;
if (profileProblem !== undefined) say(`policies: refused ${profileProblem.code}`);
else say(`policies: eligible ${policies.eligible.join(' ')} of ${policies.matches.length} in effect`);

// 11. The back office (a separate module with its own .wasm): lint and metrics.
say(`backoffice lintCatalog: ${lintCatalog(catalogJson, { at }).length} problems`);
const backOffice = new BackOfficeEngine(catalogJson, { at });
const metrics: MetricsOutcome = backOffice.metrics({ scope: '350205', from: '2025-10-01', to: '2025-10-31' }, lines);
if (metrics.outcome === 'report') {
  const c = metrics.report.cases;
  say(`backoffice metrics ${metrics.report.scope.org}: received ${c.received} accepted ${c.accepted}; ${metrics.problems.length} bad lines`);
} else {
  say(`backoffice metrics: refused ${metrics.error.code}`);
}

// 12. Wrong calls throw an Error with a `code`.
try {
  engine.form({ bundle: 'no-such-bundle' });
  say('unknown bundle: no error');
} catch (e) {
  say(`unknown bundle: ${codeOf(e)}`);
}
try {
  engine.validateField(birth, spoiled, '/noSuchField');
  say('unknown field: no error');
} catch (e) {
  say(`unknown field: ${codeOf(e)}`);
}

engine.free();
backOffice.free();
say('done');
