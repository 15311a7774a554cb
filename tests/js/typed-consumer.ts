// A strictly typed consumer of the package's declarations, written as a front end would use
// them. Checked with `tsc --noEmit --strict` (run.sh); never run. Each `@ts-expect-error`
// line must stay an error: if a declaration loosened (to `any`, say), tsc reports it unused.
import init, {
  Engine,
  lintCatalog,
  checkBankCard,
  checkCreditCode,
  checkId,
  checkLandline,
  checkMobile,
  checkOrgCode,
  checkPostalCode,
  checkResidencePermit,
  checkResidentId,
  detectIdKind,
  idKinds,
  maskId,
  version,
  type CheckIdOptions,
  type CheckOptions,
  type DoorstepError,
  type IdKind,
  type IdKindInfo,
  type IdReport,
  type InvalidIdReport,
  type Lang,
  type Problem,
  type ValidIdReport,
  type Answer,
  type BundleSummary,
  type CallOptions,
  type Check,
  type Choice,
  type EngineOptions,
  type Field,
  type FieldType,
  type FormSpec,
  type InvalidValidation,
  type JsonValue,
  type RuleOutcome,
  type Material,
  type MaterialsOptions,
  type MatterSummary,
  type Target,
  type Validation,
  contentDigest,
  ledgerAppend,
  type AppendRequest,
  type Appended,
  type AuthorityQuery,
  type ChainLink,
  type GrantMode,
  type HashAlg,
  type LedgerHead,
  type LedgerProblem,
  type LedgerReport,
  type Operator,
  type Role,
  type Stamp,
  type StampAct,
  type Step,
  type VerdictReport,
  calendarQuery,
  evolve,
  type Action,
  type Actor,
  type CalendarQuery,
  type CalendarReport,
  type Case,
  type CaseContext,
  type CaseEvent,
  type Command,
  type CommandEnvelope,
  type DeadlineStatus,
  type Decision,
  type Escalation,
  type EventKind,
  type Evolution,
  type Light,
  type Pause,
  type ProxyConsent,
  type RejectedEvent,
  type ReplayReport,
  type SpecialGroup,
  type Status,
  type Thresholds,
} from 'doorstep/backoffice';

await init();

/** Exact type equality: `true` only when A and B are the same type. */
type Exactly<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const validIsBoolean: Exactly<IdReport['valid'], boolean> = true;
const kindOfInvalid: Exactly<InvalidIdReport['kind'], IdKind | null> = true;
const kindOfValid: Exactly<ValidIdReport['kind'], IdKind> = true;
const detected: Exactly<ReturnType<typeof detectIdKind>, IdKind | undefined> = true;
const masked: Exactly<ReturnType<typeof maskId>, string> = true;
const checkReturns: Exactly<ReturnType<typeof checkResidentId>, IdReport> = true;
const errorsAre: Exactly<IdReport['errors'], Problem[]> = true;
const kindsAre: Exactly<ReturnType<typeof idKinds>, IdKindInfo[]> = true;
export const typeChecks = [
  validIsBoolean,
  kindOfInvalid,
  kindOfValid,
  detected,
  masked,
  checkReturns,
  errorsAre,
  kindsAre,
];

/** What the kiosk shows after one check. */
interface Shown {
  ok: boolean;
  title: string;
  masked: string | null;
  lines: string[];
}

const labels = new Map<IdKind, string>(idKinds('zh-CN').map((k) => [k.kind, k.label]));

function show(report: IdReport): Shown {
  const ok: boolean = report.valid;
  if (report.valid) {
    const lines: string[] = [];
    if (report.birthDate !== undefined) lines.push(`出生日期 ${report.birthDate}`);
    if (report.sex !== undefined) lines.push(report.sex === 'female' ? '女' : '男');
    if (report.age !== undefined) lines.push(`${report.age.toFixed(0)} 岁`);
    if (report.region !== undefined) lines.push(`${report.region.province.name}（${report.region.code}）`);
    if (report.registrationAuthority !== undefined) lines.push(report.registrationAuthority.name);
    if (report.entityType !== undefined) lines.push(report.entityType.name);
    if (report.orgCode !== undefined) lines.push(`组织机构代码 ${report.orgCode}`);
    if (report.areaCode !== undefined) lines.push(`区号 ${report.areaCode}`);
    if (report.upgraded === true) lines.push('15 位号码已升级为 18 位');
    const kind: IdKind = report.kind;
    return { ok, title: labels.get(kind) ?? kind, masked: report.masked, lines };
  }
  const lines = report.errors.map((e: Problem) => {
    const position = e.params?.['position'];
    return typeof position === 'number' ? `${e.message}（第 ${position} 位）` : e.message;
  });
  const kind: IdKind | null = report.kind;
  return { ok, title: kind === null ? '无法识别' : (labels.get(kind) ?? kind), masked: null, lines };
}

function isDoorstepError(e: unknown): e is DoorstepError {
  return e instanceof Error && typeof (e as Partial<DoorstepError>).code === 'string';
}

/** A form field's check: the report, or the misuse code when the call itself was wrong. */
function checkField(value: string, kind: IdKind | undefined, lang: Lang): IdReport | string {
  const options: CheckIdOptions = { at: '2024-10-15', lang };
  if (kind !== undefined) options.kind = kind;
  try {
    return checkId(value, options);
  } catch (e) {
    if (isDoorstepError(e)) return e.code;
    throw e;
  }
}

const at: CheckOptions = { at: '2024-10-15' };
const reports: IdReport[] = [
  checkResidentId('11010519491231002X', at),
  checkResidencePermit('810000199408230021', at),
  checkCreditCode('9144030071526726XG'),
  checkOrgCode('71526726-X'),
  checkMobile('+86 139 1234 5678', { lang: 'en' }),
  checkLandline('0592-6881234'),
  checkPostalCode('361026', {}),
  checkBankCard('6222021234567890128', null),
];
const shown: Shown[] = reports.map(show);
const field = checkField('13912345678', detectIdKind('13912345678'), 'zh-CN');
const fieldShown: Shown | string = typeof field === 'string' ? field : show(field);
export const output = { shown, fieldShown, version: version(), mask: maskId('13912341234', 'mobile') };

// What the declarations must refuse.
// @ts-expect-error facts are there only once `valid` narrowed the report
export const noFactsBeforeNarrowing: string = reports[0]?.masked;
// @ts-expect-error `valid` is a boolean
export const validIsNotNumber: number = checkMobile('13912345678').valid;
// @ts-expect-error an invalid report's kind may be null
export const kindMayBeNull: IdKind = (checkId('x') as InvalidIdReport).kind;
// @ts-expect-error detectIdKind may give undefined
export const detectMayBeUndefined: IdKind = detectIdKind('x');
// @ts-expect-error `kind` is one of the IdKind names
checkId('x', { kind: 'passport' });
// @ts-expect-error `lang` is zh-CN or en
checkMobile('x', { lang: 'fr' });
// @ts-expect-error the per-kind checks take no `kind`
checkMobile('x', { kind: 'mobile' });
// @ts-expect-error `at` is a YYYY-MM-DD string, not a Date
checkResidentId('x', { at: new Date() });
// @ts-expect-error the value is a string
checkId(13912345678);
// @ts-expect-error maskId takes an IdKind
maskId('x', 'passport');
// @ts-expect-error a report is data, not a promise
export const notAPromise: Promise<IdReport> = checkMobile('13912345678');

// ---------------------------------------------------------------------------------------
// The catalogue engine, as an H5 form page uses it.

declare const catalogJson: string;

const engineOptions: EngineOptions = { at: '2026-11-25', lang: 'zh-CN' };
const engine: Engine = new Engine(catalogJson, engineOptions);
const sameEngine: Engine = Engine.load(catalogJson);

const matterList: MatterSummary[] = engine.matters('出生', { at: '2026-11-25' });
const allMatters: MatterSummary[] = engine.matters();
const bundleList: BundleSummary[] = sameEngine.bundles();
// The members that apply only under a condition on the answers.
const conditionalMembers: string[] = bundleList.flatMap((b) => b.conditional);
const birth: Target = { bundle: 'birth' };
const birthCert: Target = { matter: matterList[0]?.code ?? 'BIRTH-CERT' };
const form: FormSpec = engine.form(birth);

/** One input of the rendered form, as the page builds it. */
interface Input {
  key: string;
  label: string;
  kind: FieldType;
  options: string[];
  required: boolean | 'conditional';
  children: Input[];
}

function input(field: Field, lang: 'zh-CN' | 'en'): Input {
  const choices: Choice[] = field.choices ?? [];
  return {
    key: field.key,
    label: lang === 'en' ? (field.labelEn ?? field.key) : field.label,
    kind: field.type,
    options: choices.map((c) => c.label),
    required: field.required ? true : field.requiredIf !== undefined ? 'conditional' : false,
    children: (field.fields ?? []).map((f) => input(f, lang)),
  };
}
const inputs: Input[] = form.fields.map((f) => input(f, 'zh-CN'));
const checkCodes: string[] = (form.checks ?? []).map((c: Check) => c.code);

/** What the page shows after the applicant presses 提交. */
function submit(answer: Answer | string, options: CallOptions): string[] {
  const validation: Validation = engine.validate(birth, answer, options);
  if (validation.valid) {
    const stored: Answer = validation.normalized;
    return [`已提交 ${Object.keys(stored).length} 项`, ...validation.matters];
  }
  const kept: Answer | null = validation.normalized;
  const lines = validation.errors.map((e: Problem) => `${e.path ?? ''}: ${e.message}`);
  return kept === null ? ['请按表单填写', ...lines] : lines;
}
const example: JsonValue = form.example;
const shownAfterSubmit = submit(JSON.stringify(example), { at: '2026-11-25', lang: 'en' });
// Options as a page's state holds them: an option not set is `null`, as good as left out.
const shownInDefaultLanguage = submit(JSON.stringify(example), { at: '2026-11-25', lang: null });

/** The applicant's identity, as the window read it from shared data (数据共享). */
interface Identity {
  residentId: string;
  name: string;
}
const identity: Identity = { residentId: '350205199003071239', name: '林小红' };
const prefilled: Answer = engine.prefill(birth, { identity }, { childName: '林一一' }, { at: '2026-11-25' });
const prefilledFromText: Answer = engine.prefill(birthCert, JSON.stringify({ identity }), '{}');
const shownAfterPrefill = submit(prefilled, { at: '2026-11-25' });

const materialsOptions: MaterialsOptions = { available: ['identity'], at: '2026-11-25' };
const toBring: Material[] = engine.materials(birthCert, { married: true }, materialsOptions);
const lines: string[] = toBring.map((m) => `${m.name} ×${m.count}（${m.form}）${m.waivedBy ?? ''}`);
const lintProblems: Problem[] = lintCatalog(catalogJson, { at: '2026-11-25', lang: 'en' });

/** Whether the page shows a field for the answer so far: its `visibleIf` on the engine's calendar. */
function shows(field: Field, answer: Answer): boolean {
  if (field.visibleIf === undefined) return true;
  const outcome: RuleOutcome = engine.evaluateRule({ rule: field.visibleIf, data: answer });
  return outcome.outcome === 'evaluated' ? outcome.result === true : true;
}
const shownFields: string[] = form.fields.filter((f) => shows(f, { married: true })).map((f) => f.key);
engine.free();

const validIsTrue: Exactly<Extract<Validation, { valid: true }>['normalized'], Answer> = true;
const normalizedOfInvalid: Exactly<InvalidValidation['normalized'], Answer | null> = true;
const formOf: Exactly<ReturnType<Engine['form']>, FormSpec> = true;
const prefillOf: Exactly<ReturnType<Engine['prefill']>, Answer> = true;
const lintReturns: Exactly<ReturnType<typeof lintCatalog>, Problem[]> = true;
export const engineChecks = [validIsTrue, normalizedOfInvalid, formOf, prefillOf, lintReturns];
export const engineOutput = {
  allMatters,
  bundleList,
  conditionalMembers,
  inputs,
  checkCodes,
  shownAfterSubmit,
  shownInDefaultLanguage,
  prefilledFromText,
  shownAfterPrefill,
  lines,
  lintProblems,
  shownFields,
};

// What the declarations must refuse.
// @ts-expect-error a target names one matter or one bundle, not both
engine.form({ matter: 'BIRTH-CERT', bundle: 'birth' });
// @ts-expect-error a target names a matter or a bundle
engine.form({});
// @ts-expect-error a target is an object, not a code
engine.form('BIRTH-CERT');
// @ts-expect-error the answer is an object or JSON text
engine.validate(birth, 42);
// @ts-expect-error the shared data is an object or JSON text
engine.prefill(birth, 42, {});
// @ts-expect-error prefill takes the answer to fill, even an empty one
engine.prefill(birth, { identity });
// @ts-expect-error prefill gives an Answer, not a Validation
export const prefillIsNotValidation: Validation = engine.prefill(birth, { identity }, {});
// @ts-expect-error `available` is a list of source codes
engine.materials(birth, {}, { available: 'identity' });
// @ts-expect-error `at` is a YYYY-MM-DD string
engine.validate(birth, {}, { at: new Date() });
// @ts-expect-error an invalid answer's normalized may be null
export const normalizedMayBeNull: Answer = (engine.validate(birth, {}) as InvalidValidation).normalized;
// @ts-expect-error normalized is there only as the Validation says: narrow on `valid` first
export const notNarrowed: Answer = engine.validate(birth, {}).normalized;
// @ts-expect-error a FormSpec's checks may be absent
export const checksMayBeAbsent: Check[] = form.checks;
// @ts-expect-error the catalogue is JSON text
new Engine({ catalogVersion: '1' });

// ---------------------------------------------------------------------------------------
// 盖章 and 用印台账, as a back-office page stamps a decision and keeps the ledger.

const desk: Engine = new Engine(catalogJson, { at: '2026-11-25' });
const decision = '准予出生登记决定书 HC-2025-000001';
const operator: Operator = { id: 'op-0101', role: 'back_office' };
const role: Role = operator.role;
const step: Step = 'decide';
const act: StampAct = 'ordinary';
const stamp: Stamp = {
  seal: 'seal-st1',
  case: 'HC-2025-000001',
  matter: 'MED-INSURE',
  step,
  act,
  operator,
  acceptedBy: 'op-0102',
  place: '350205-001-01',
  at: '2025-05-01T10:00:00+08:00',
  digest: contentDigest(decision),
};

/** What the page shows for a verdict. */
function verdictLines(report: VerdictReport): string[] {
  const chain = report.chain.map(
    (link: ChainLink) =>
      `${link.grant}（${link.mode}）${link.principal} → ${link.agent} ${link.validFrom}–${link.validUntil ?? ''} ${link.legalBasis} ${link.publication}`,
  );
  const name: string = report.actsInNameOf ?? '无';
  if (report.valid) return [`以 ${name} 名义`, ...chain];
  return report.failures.map((f: Problem) => `${f.code}: ${f.message}`);
}
const verdict: VerdictReport = desk.verifyStamp(stamp, { lang: 'en' });
const fromText: VerdictReport = desk.verifyStamp(JSON.stringify(stamp));
const query: AuthorityQuery = { org: '350205-001-01', matter: 'MED-INSURE', step: 'receive', at: stamp.at };
const may: VerdictReport = desk.authorize(query, { lang: 'zh-CN' });
const modes: GrantMode[] = may.chain.map((l) => l.mode);

/** The ledger as the page keeps it: its text and the head kept elsewhere. */
let ledger = '';
let kept: LedgerHead | null = null;
function record(s: Stamp, alg?: HashAlg): Appended {
  const request: AppendRequest = { stamp: s, head: kept };
  if (alg !== undefined) request.alg = alg;
  const appended: Appended = ledgerAppend(request);
  ledger += `${appended.line}\n`;
  kept = appended.head;
  return appended;
}
record(stamp);
record({ ...stamp, step: 'deliver' }, 'sha256');
const ledgerReport: LedgerReport = desk.verifyLedger(ledger, kept, { lang: 'en' });
const unanchored: LedgerReport = desk.verifyLedger(ledger);
const ledgerLines: string[] = ledgerReport.problems.map(
  (p: LedgerProblem) => `第 ${p.line} 行${p.seq === undefined ? '' : `（第 ${p.seq} 条）`}：${p.message}`,
);
const count: number = ledgerReport.head.entries + unanchored.entries;
desk.free();

const verifyReturns: Exactly<ReturnType<Engine['verifyStamp']>, VerdictReport> = true;
const authorizeReturns: Exactly<ReturnType<Engine['authorize']>, VerdictReport> = true;
const ledgerReturns: Exactly<ReturnType<Engine['verifyLedger']>, LedgerReport> = true;
const appendReturns: Exactly<ReturnType<typeof ledgerAppend>, Appended> = true;
const digestReturns: Exactly<ReturnType<typeof contentDigest>, string> = true;
const stepsAre: Exactly<Step, 'receive' | 'accept' | 'review' | 'decide' | 'deliver'> = true;
const algsAre: Exactly<HashAlg, 'sha256' | 'sm3'> = true;
const seqMayBeAbsent: Exactly<LedgerProblem['seq'], number | undefined> = true;
export const authorityChecks = [
  verifyReturns,
  authorizeReturns,
  ledgerReturns,
  appendReturns,
  digestReturns,
  stepsAre,
  algsAre,
  seqMayBeAbsent,
];
export const authorityOutput = {
  role,
  shownVerdict: verdictLines(verdict),
  fromText,
  modes,
  ledgerLines,
  count,
};

// What the declarations must refuse.
// @ts-expect-error `step` is one of the five steps
desk.authorize({ ...query, step: 'sign' });
// @ts-expect-error a query names the organisation
desk.authorize({ matter: 'MED-INSURE', step: 'receive', at: stamp.at });
// @ts-expect-error a query is an object, not JSON text
desk.authorize(JSON.stringify(query));
// @ts-expect-error `role` is one of the roles
export const badOperator: Operator = { id: 'op', role: 'clerk' };
// @ts-expect-error a stamp has no `signature`
export const signedStamp: Stamp = { ...stamp, signature: 'MEUCIQ' };
// @ts-expect-error the time is RFC 3339 text, not a Date
export const dated: Stamp = { ...stamp, at: new Date() };
// @ts-expect-error the ledger is JSON Lines text
desk.verifyLedger([ledger]);
// @ts-expect-error the kept head counts entries and names the last hash
desk.verifyLedger(ledger, { entries: 1 });
// @ts-expect-error `alg` is sha256 or sm3
ledgerAppend({ stamp, alg: 'md5' });
// @ts-expect-error an append request carries the stamp
ledgerAppend({ head: kept });
// @ts-expect-error contentDigest hashes text
contentDigest(new Uint8Array(4));
// @ts-expect-error actsInNameOf may be absent
export const nameAlways: string = verdict.actsInNameOf;
// @ts-expect-error a verdict's chain is links, not grant ids
export const chainIds: string[] = verdict.chain;

// ---------------------------------------------------------------------------------------
// 办件, as a window's page handles a case: it holds the case and its events, decides each
// button's command, applies the events, shows the deadline light and the buttons offered.

const window_: Engine = new Engine(catalogJson, { at: '2025-01-01' });
const frontDesk: Actor = { id: 'fd-01', role: 'front_desk', org: '350205-001-01' };
const here: CaseContext = { actor: frontDesk, channel: 'window', at: '2025-09-30T09:10:00+08:00' };
const consent: ProxyConsent = { proxy: 'grid-07', applicant: 'u-lin', matters: ['MED-INSURE'], expires: '2025-12-31' };
const groups: SpecialGroup[] = ['elderly'];
const submitCommand: Command = {
  type: 'submit',
  matter: 'MED-INSURE',
  applicant: 'u-lin',
  proxy: consent,
  answer: { applicantName: '林小红' },
  specialGroups: groups,
};

/** The page's store: the case as the events made it, and the events. */
let held: Case | null = null;
const stored: CaseEvent[] = [];
let clientIds = 0;

/** What the page shows after a button: an error, or the new status. */
function press(command: Command, context: CaseContext): string {
  const envelope: CommandEnvelope = {
    case: held?.id ?? 'HC-1',
    expectedVersion: held?.version ?? 0,
    clientId: `c${(clientIds += 1)}`,
    command,
  };
  const decision: Decision = window_.decide(held, envelope, context, { lang: 'zh-CN' });
  if (decision.outcome === 'refused') return `${decision.error.code}: ${decision.error.message}`;
  for (const event of decision.events) {
    const evolution: Evolution = evolve(held, event);
    if (evolution.outcome === 'refused') return evolution.error.message;
    held = evolution.case;
    stored.push(event);
  }
  return held?.status ?? '';
}
const pressed = [
  press(submitCommand, here),
  press({ type: 'accept' }, here),
  press({ type: 'extend', workingDays: 5, reason: '需现场核查', approvedBy: 'chief-01' }, here),
  press({ type: 'withdraw' }, { ...here, actor: { id: 'u-lin', role: 'applicant', org: '350205-001-01' } }),
];

/** What an event says, for the case's history. */
function describe(kind: EventKind): string {
  switch (kind.type) {
    case 'submitted':
      return `收件 ${kind.matter} v${kind.matterVersion}（${kind.limitWorkingDays} 个工作日）${kind.appointment ?? ''}`;
    case 'extended':
      return `延期 ${kind.workingDays} 个工作日（${kind.approvedBy} 批准）`;
    case 'approved':
    case 'rejected':
      return `${kind.type === 'approved' ? '准予' : `不予许可：${kind.reason}`}（${kind.stamp.seal}）`;
    case 'withdrawn':
      return `撤回${kind.reason === undefined ? '' : `：${kind.reason}`}`;
    default:
      return kind.type;
  }
}
const history: string[] = stored.map((e) => `${e.version} ${e.at} ${e.actor.role} ${describe(e.kind)}`);

/** The deadline light as the page draws it. */
const colours: Record<Light, string> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };
const supervision: Record<Escalation, string> = { none: '', level1: '一级督办', level2: '二级督办' };
function light(current: Case, today: string): string {
  const status: DeadlineStatus | null = window_.deadline(current, today);
  if (status === null) return '—';
  const pauses: Pause[] = current.pauses ?? [];
  const open = pauses.filter((p) => p.to === null || p.to === undefined).length;
  return `${colours[status.light]} ${status.due} 剩余 ${status.remainingWorkingDays} ${supervision[status.escalation]} ${open}`;
}
// `held` is assigned in `press`, which the checker does not follow from here.
const current = held as Case | null;
const buttons: Action[] = current === null ? [] : window_.actions(current, here);
const shownLight = current === null ? '' : light(current, '2025-10-09');
const status: Status | undefined = current?.status;

/** The district's nightly check of a station's events. */
const report: ReplayReport = window_.replay(stored.map((e) => JSON.stringify(e)).join('\n'), { lang: 'en' });
const sameReport: ReplayReport = window_.replay(stored);
const refusedLines: string[] = report.rejected.map((r: RejectedEvent) => `${r.line ?? r.index}: ${r.code}`);
const rebuilt: Case[] = [...report.cases, ...sameReport.cases];

/** The calendar widget. */
const thresholds: Thresholds = { yellowUsedPercent: 70 };
const queryDeadline: CalendarQuery = {
  op: 'deadline',
  acceptedOn: '2025-09-30',
  limitWorkingDays: 5,
  pauses: [{ from: '2025-10-09', to: null }],
  now: '2025-10-13',
  thresholds,
};
function answer(query: CalendarQuery): string {
  const reply: CalendarReport = calendarQuery(query, { lang: 'en' });
  if ('workingDay' in reply) return reply.workingDay ? '上班' : '休息';
  if ('due' in reply) return `${reply.due} ${reply.light} ${reply.paused ? '暂停' : ''}`;
  if ('date' in reply) return reply.date;
  if ('workingDays' in reply) return `${reply.workingDays}`;
  if ('knownYears' in reply) return reply.knownYears.join(' ');
  return reply.errors[0].code;
}
const answers = [
  answer({ op: 'isWorkingDay', date: '2025-10-11' }),
  answer({ op: 'addWorkingDays', date: '2025-09-30', days: 5 }),
  answer({ op: 'workingDaysBetween', from: '2025-09-30', to: '2025-10-14' }),
  answer(queryDeadline),
  answer({ op: 'years' }),
];
// The engine's calendar: the shipped years and its catalogue's own.
const engineReply: CalendarReport = window_.calendarQuery({ op: 'isWorkingDay', date: '2025-10-11' }, { lang: 'en' });
window_.free();

const decideReturns: Exactly<ReturnType<Engine['decide']>, Decision> = true;
const evolveReturns: Exactly<ReturnType<typeof evolve>, Evolution> = true;
const actionsReturn: Exactly<ReturnType<Engine['actions']>, Action[]> = true;
const deadlineReturns: Exactly<ReturnType<Engine['deadline']>, DeadlineStatus | null> = true;
const replayReturns: Exactly<ReturnType<Engine['replay']>, ReplayReport> = true;
const calendarReturns: Exactly<ReturnType<typeof calendarQuery>, CalendarReport> = true;
const engineCalendarReturns: Exactly<ReturnType<Engine['calendarQuery']>, CalendarReport> = true;
const engineCalendarTakes: Exactly<Parameters<Engine['calendarQuery']>[0], CalendarQuery> = true;
const lightsAre: Exactly<Light, 'green' | 'yellow' | 'red'> = true;
const lineMayBeAbsent: Exactly<RejectedEvent['line'], number | undefined> = true;
const eventsOfAccepted: Exactly<Extract<Decision, { outcome: 'accepted' }>['events'], CaseEvent[]> = true;
export const caseChecks = [
  decideReturns,
  evolveReturns,
  actionsReturn,
  deadlineReturns,
  replayReturns,
  calendarReturns,
  engineCalendarReturns,
  engineCalendarTakes,
  lightsAre,
  lineMayBeAbsent,
  eventsOfAccepted,
];
export const caseOutput = { pressed, history, buttons, shownLight, status, refusedLines, rebuilt, answers, engineReply };

// What the declarations must refuse.
declare const someCase: Case;
declare const someEvent: CaseEvent;
// @ts-expect-error a command is tagged by one of the command types
press({ type: 'sign' }, here);
// @ts-expect-error a rejection says why
press({ type: 'reject', stamp }, here);
// @ts-expect-error an extension names who approved it
press({ type: 'extend', workingDays: 5, reason: '核查' }, here);
// @ts-expect-error `channel` is one of the channels
export const byFax: CaseContext = { ...here, channel: 'fax' };
// @ts-expect-error the time is RFC 3339 text, not a Date
export const atDate: CaseContext = { ...here, at: new Date() };
// @ts-expect-error an actor acts for an organisation
export const noOrg: Actor = { id: 'fd-01', role: 'front_desk' };
// @ts-expect-error `specialGroups` are the declared groups
export const badGroup: SpecialGroup = 'student';
// @ts-expect-error the envelope names the version the client saw
export const noVersion: CommandEnvelope = { case: 'HC-1', clientId: 'c1', command: { type: 'accept' } };
// @ts-expect-error the case is an object (or null), not its JSON text
window_.decide(JSON.stringify(someCase), { case: 'HC-1', expectedVersion: 1, clientId: 'c', command: { type: 'accept' } }, here);
// @ts-expect-error actions need a case
window_.actions(null, here);
// @ts-expect-error `now` is `YYYY-MM-DD` text, not a Date
window_.deadline(someCase, new Date());
// @ts-expect-error the deadline may be null (no running deadline)
export const alwaysDue: DeadlineStatus = window_.deadline(someCase, '2025-10-09');
// @ts-expect-error replay takes events or their JSON Lines
window_.replay(someEvent);
// @ts-expect-error events are only there once `outcome` narrowed the decision
export const eventsBeforeNarrowing: CaseEvent[] = window_.decide(null, { case: 'HC-1', expectedVersion: 0, clientId: 'c', command: submitCommand }, here).events;
// @ts-expect-error evolve takes an event, not a command
evolve(null, submitCommand);
// @ts-expect-error a refused evolution has no case
export const refusedCase: Case = (evolve(null, someEvent) as Extract<Evolution, { outcome: 'refused' }>).case;
// @ts-expect-error a status is one of the statuses
export const lostStatus: Status = 'lost';
// @ts-expect-error an event kind is tagged by what happened, not by the command
export const commandAsKind: EventKind = { type: 'accept' };
// @ts-expect-error `op` is one of the calendar's questions
calendarQuery({ op: 'isHoliday', date: '2025-10-01' });
// @ts-expect-error the engine's calendar answers the same questions
window_.calendarQuery({ op: 'isHoliday', date: '2025-10-01' });
// @ts-expect-error a deadline query needs its acceptance day
calendarQuery({ op: 'deadline', limitWorkingDays: 5, now: '2025-10-13' });
// @ts-expect-error a report's answer is there only once narrowed
export const dueBeforeNarrowing: string = calendarQuery(queryDeadline).due;
// @ts-expect-error a pause starts on a day
export const openEnded: Pause = { to: '2025-10-10' };

// 免申即享 / 政策匹配: a station matches people it knows against the policies in effect and
// says what is missing.
import type {
  EnterpriseProfile,
  PersonProfile,
  Policy,
  PolicyLine,
  PolicyMatch,
  PolicyProfile,
  PolicyReason,
  PolicyReport,
  PolicySubject,
} from 'doorstep';

const station: Engine = new Engine(catalogJson, { at: '2025-09-01' });
const veteran: PersonProfile = {
  kind: 'person',
  veteran: true,
  household: { division: '350205', type: 'urban' },
  // Carried for the station's list; rules cannot read it.
  phone: '13912345678',
};
const hiring: EnterpriseProfile = { kind: 'enterprise', size: 'small', newHires: 3, creditRating: 'A' };
const inEffect: Policy[] = station.policies({ at: '2025-09-01' });
const subjects: PolicySubject[] = inEffect.map((p) => p.subject);
const benefits: (number | undefined)[] = inEffect.map((p) => p.benefit.amountFen);
const policyReport: PolicyReport = station.matchPolicies(veteran, { at: '2025-09-01', lang: 'en' });
const missing: string[] =
  policyReport.errors.length === 0
    ? policyReport.matches.flatMap((m: PolicyMatch) => m.reasons.filter((r: PolicyReason) => !r.held).map((r) => r.description))
    : policyReport.errors.map((e: Problem) => e.message);
const profileText: PolicyReport = station.matchPolicies(JSON.stringify(hiring));
const profiles: PolicyProfile[] = [veteran, hiring];
const list: PolicyLine[] = station.matchPolicyLines(profiles.map((p) => JSON.stringify(p)).join('\n'));
const eligibleByLine: [number, string[] | string][] = list.map((l) =>
  l.matches !== undefined ? [l.line, l.matches.filter((m) => m.eligible).map((m) => m.code)] : [l.line, l.error.code],
);
export const policyOutput = { subjects, benefits, missing, profileText, eligibleByLine };

// @ts-expect-error a profile says whether it is a person or an enterprise
station.matchPolicies({ veteran: true });
// @ts-expect-error `kind` is person or enterprise
export const family: PolicyProfile = { kind: 'family' };
// @ts-expect-error a veteran is a boolean
export const veteranText: PersonProfile = { kind: 'person', veteran: 'true' };
// @ts-expect-error an enterprise's size is one of the sizes
export const hugeSize: EnterpriseProfile = { kind: 'enterprise', size: 'huge' };
// @ts-expect-error the list is JSON Lines text, not an array of profiles
station.matchPolicyLines(profiles);
// @ts-expect-error a line's error is there only once narrowed
export const errorBeforeNarrowing: Problem = list[0]!.error;
// @ts-expect-error matches are there only once `errors` narrowed the report
export const firstMatch: PolicyMatch = station.matchPolicies(veteran).matches[0];

// ---------------------------------------------------------------------------------------
// 一件事 as cases, the citizen's timeline, 好差评, 办不成事 and the district's metrics.
import { evolveComplaint } from 'doorstep/backoffice';
import {
  evolveReview,
  timeline,
  type BundleProgress,
  type BundleState,
  type CaseFacts,
  type Complaint,
  type ComplaintDecideRequest,
  type ComplaintDecision,
  type ComplaintEvolution,
  type DecideOptions,
  type InvitationOutcome,
  type Member,
  type MetricsOutcome,
  type MetricsQuery,
  type Rating,
  type Review,
  type ReviewDecideRequest,
  type ReviewDecision,
  type ReviewEvolution,
  type ReviewStatus,
  type Timeline,
  type TimelineEntry,
  type TimelineOutcome,
} from 'doorstep';

const hall: Engine = new Engine(catalogJson, { at: '2025-09-01' });
const applicantHere: CaseContext = { actor: { id: 'u-lin', role: 'applicant', org: '350205-HC-01' }, channel: 'window', at: '2025-10-13T09:00:00+08:00' };
const bundleSubmit: Command = { type: 'submit_bundle', bundle: 'birth', applicant: 'u-lin', answer: { childName: '陈思远' } };
const opened: Decision = hall.decide(null, { case: 'B-1', expectedVersion: 0, clientId: 'b', command: bundleSubmit }, applicantHere);
const bundleCases: Case[] = [];
if (opened.outcome === 'accepted') {
  for (const event of opened.events) {
    const applied = evolve(null, event);
    if (applied.outcome === 'applied') bundleCases.push(applied.case);
    if (event.kind.type === 'bundle_submitted') {
      const members: Member[] = event.kind.members;
      bundleCases.push(...members.map((m) => ({ ...bundleCases[0]!, id: m.case, parent: 'B-1' })));
    }
  }
}
const bundleCase: Case = bundleCases[0]!;
const memberCases: Case[] = bundleCases.filter((c) => c.parent === bundleCase.id);
const decideOptions: DecideOptions = { members: memberCases, lang: 'en' };
const withdrawn: Decision = hall.decide(
  bundleCase,
  { case: 'B-1', expectedVersion: bundleCase.version, clientId: 'w', command: { type: 'withdraw' } },
  applicantHere,
  decideOptions,
);
const confirmed: Decision = hall.decide(
  { ...bundleCase, awaitingConfirmation: true, origin: 'HC-0', dataProblems: [{ path: '/x', code: 'form.required' }] },
  { case: 'B-1', expectedVersion: 1, clientId: 'k', command: { type: 'confirm' } },
  applicantHere,
);
const confirmIsAnAction: Action = 'confirm';
const storedEvents: string = opened.outcome === 'accepted' ? opened.events.map((e) => JSON.stringify(e)).join('\n') : '';
const line: TimelineOutcome = timeline(storedEvents, 'B-1', { lang: 'en' });
// @ts-expect-error the timeline reads stored JSON Lines, not an array of events
export const lineOfArray: TimelineOutcome = timeline(opened.outcome === 'accepted' ? opened.events : [], 'B-1');
let joined: BundleState | null = null;
let steps: [string, Action, Status][] = [];
if (line.outcome === 'found') {
  const t: Timeline = line.timeline;
  const progress: BundleProgress | undefined = t.bundle;
  joined = progress?.state ?? null;
  steps = t.entries.map((e: TimelineEntry) => [e.at, e.action, e.status]);
} else {
  const why: string = line.error.code;
  steps = [[why, 'submit', 'submitted']];
}
hall.free();
export const bundleOutput = { withdrawn, confirmed, confirmIsAnAction, joined, steps };

const facts: CaseFacts = { case: 'HC-1', matter: 'MED-INSURE', org: '350205-001-01', channel: 'window', applicant: 'u-lin', concludedAt: '2025-09-30T10:00:00+08:00' };
const invited: InvitationOutcome = engine.reviewInvitation(facts, { lang: 'en' });
const lastDay: string | null = invited.outcome === 'invited' ? invited.invitation.lastDay : null;
const rateRequest: ReviewDecideRequest = {
  review: null,
  facts,
  command: { review: 'HC-1', expectedVersion: 0, clientId: 'r1', command: { type: 'rate', rating: 'dissatisfied', channel: 'on_site', comment: '等太久' } },
  context: { actor: { id: 'u-lin', role: 'applicant', org: '350205-001-01' }, channel: 'window', at: '2025-09-30T16:00:00+08:00' },
};
const rated: ReviewDecision = engine.decideReview(rateRequest);
let review: Review | null = null;
if (rated.outcome === 'accepted') {
  for (const event of rated.events) {
    const next: ReviewEvolution = evolveReview({ review, event });
    if (next.outcome === 'applied') review = next.review;
  }
}
const reviewStatus: ReviewStatus | null = review?.status ?? null;
const level: Rating | null = review?.rating ?? null;
const rectifyBy: string | undefined = review?.rectifyBy;
const reportRequest: ComplaintDecideRequest = {
  complaint: null,
  command: { complaint: 'K-1', expectedVersion: 0, clientId: 'k1', command: { type: 'report', org: '350205-001-01', summary: '跑了三趟' } },
  context: here,
};
const reported: ComplaintDecision = engine.decideComplaint(reportRequest, { lang: 'en' });
let complaint: Complaint | null = null;
if (reported.outcome === 'accepted') {
  for (const event of reported.events) {
    const next: ComplaintEvolution = evolveComplaint({ complaint, event });
    complaint = next.outcome === 'applied' ? next.complaint : complaint;
  }
}
const answerBy: string | undefined = complaint?.answerBy;
const metricsQuery: MetricsQuery = { scope: '350205-001-01', from: '2025-09-01', to: '2025-10-31' };
const figures: MetricsOutcome = engine.metrics(metricsQuery, storedEvents, { lang: 'en' });
const figuresOfText: MetricsOutcome = engine.metrics(JSON.stringify(metricsQuery), '');
let onTimeRate: number | null = null;
let veryDissatisfied = 0;
if (figures.outcome === 'report') {
  onTimeRate = figures.report.cases.onTimeRate;
  veryDissatisfied = figures.report.reviews.byLevel.very_dissatisfied;
  const skipped: number[] = figures.problems.map((p) => p.line);
  veryDissatisfied += skipped.length;
}
export const reviewOutput = { lastDay, reviewStatus, level, rectifyBy, answerBy, figuresOfText, onTimeRate, veryDissatisfied };

const timelineReturns: Exactly<ReturnType<typeof timeline>, TimelineOutcome> = true;
const reviewDecisionReturns: Exactly<ReturnType<Engine['decideReview']>, ReviewDecision> = true;
const metricsReturns: Exactly<ReturnType<Engine['metrics']>, MetricsOutcome> = true;
const statesAre: Exactly<BundleState, 'open' | 'concluded' | 'partly_rejected' | 'rejected' | 'withdrawn'> = true;
export const issue7Checks = [timelineReturns, reviewDecisionReturns, metricsReturns, statesAre];

// @ts-expect-error members are cases, not case ids
export const memberIds: DecideOptions = { members: ['B-1/350205-WJ-001'] };
// @ts-expect-error a bundle submission names its bundle
export const noBundle: Command = { type: 'submit_bundle', applicant: 'u-lin', answer: {} };
// @ts-expect-error the timeline is found only once narrowed
export const entriesBeforeNarrowing: TimelineEntry[] = line.timeline.entries;
// @ts-expect-error a rating is one of the five levels
export const fiveStars: Rating = 'five_stars';
// @ts-expect-error the evaluation channel is on site, online or default
export const smsRating: ReviewDecideRequest = { ...rateRequest, command: { ...rateRequest.command, command: { type: 'rate', rating: 'satisfied', channel: 'sms' } } };
// @ts-expect-error a complaint is reported with what happened
export const silent: ComplaintDecideRequest = { ...reportRequest, command: { ...reportRequest.command, command: { type: 'report', org: 'x' } } };
// @ts-expect-error the metrics query is an object or its JSON text
engine.metrics(['350205'], '');
// @ts-expect-error a rate may be null: there is nothing to rate over nothing
export const rateAlways: number = (figures as Extract<MetricsOutcome, { outcome: 'report' }>).report.reviews.satisfactionRate;

// ---------------------------------------------------------------------------------------
// 预约, from the back office's module (the default one has no room for it): a citizen books
// and cancels, a counter records the arrival; the page holds the book and stores the events.
import {
  evolveAppointment,
  type Appointment,
  type AppointmentBook,
  type AppointmentCommand,
  type AppointmentDecideRequest,
  type AppointmentDecision,
  type AppointmentEvent,
  type AppointmentEvolution,
  type AppointmentEvolveRequest,
  type AppointmentStatus,
  type Slot,
} from 'doorstep/backoffice';

const evening: Slot = {
  id: 'wed-18',
  station: '350205-001-01',
  date: '2025-05-07',
  start: '18:00:00',
  end: '19:00:00',
  capacity: 2,
  extendedHours: true,
};
let book: AppointmentBook = { slots: [evening] };
const bookedEvents: AppointmentEvent[] = [];

/** What the page shows after a tap: the refusal, or the appointment's new status. */
function tap(command: AppointmentCommand, at: string): string {
  const asked: AppointmentDecideRequest = { book, command, at };
  const decision: AppointmentDecision = station.decideAppointment(asked, { lang: 'zh-CN' });
  if (decision.outcome === 'refused') return `${decision.error.code}: ${decision.error.message}`;
  const applying: AppointmentEvolveRequest = { book, event: decision.event };
  const evolution: AppointmentEvolution = evolveAppointment(applying);
  if (evolution.outcome === 'refused') return evolution.error.message;
  book = evolution.book;
  bookedEvents.push(decision.event);
  const mine: Appointment | undefined = (book.appointments ?? []).find((a) => a.id === command.id);
  return mine?.status ?? '';
}
const tapped = [
  tap({ type: 'book', id: 'ap-1', slot: 'wed-18', applicant: 'u-lin', matter: 'MED-INSURE', specialGroups: groups, homeVisit: false }, '2025-05-06T10:00:00+08:00'),
  tap({ type: 'book', id: 'ap-2', slot: 'wed-18', applicant: 'u-chen', matter: 'MED-INSURE' }, '2025-05-06T10:05:00+08:00'),
  tap({ type: 'cancel', id: 'ap-2' }, '2025-05-06T11:00:00+08:00'),
  tap({ type: 'arrive', id: 'ap-1', case: 'HC-1' }, '2025-05-07T18:05:00+08:00'),
  tap({ type: 'no_show', id: 'ap-2' }, '2025-05-07T19:05:00+08:00'),
];

/** The counter's list for the evening: who is expected, who came and as which case. */
const statusWords: Record<AppointmentStatus, string> = { booked: '已预约', cancelled: '已取消', no_show: '爽约', arrived: '已到场' };
const expected: string[] = (book.appointments ?? []).map(
  (a: Appointment) => `${a.id} ${statusWords[a.status]}${a.case === undefined ? '' : ` → ${a.case}`}${a.homeVisit === true ? ' 上门' : ''}`,
);
const left: number = book.slots.reduce((n, s) => n + s.capacity, 0) - expected.length;
/** A stored event, replayed on the host's copy of the book. */
function replayed(event: AppointmentEvent): AppointmentBook | null {
  const next = evolveAppointment({ book, event }, { lang: 'en' });
  return next.outcome === 'applied' ? next.book : null;
}
const again: (AppointmentBook | null)[] = bookedEvents.map(replayed);
function commandWords(command: AppointmentCommand): string {
  switch (command.type) {
    case 'book':
      return `预约 ${command.slot}${command.homeVisit === true ? '（上门）' : ''}`;
    case 'arrive':
      return `到场 → ${command.case}`;
    default:
      return command.type;
  }
}
const diary: string[] = bookedEvents.map((e) => `${e.at} ${commandWords(e.command)}`);
export const appointmentOutput = { tapped, expected, left, again, diary };

const decideAppointmentReturns: Exactly<ReturnType<Engine['decideAppointment']>, AppointmentDecision> = true;
const evolveAppointmentReturns: Exactly<ReturnType<typeof evolveAppointment>, AppointmentEvolution> = true;
const appointmentStatusesAre: Exactly<AppointmentStatus, 'booked' | 'cancelled' | 'no_show' | 'arrived'> = true;
const eventOfAccepted: Exactly<Extract<AppointmentDecision, { outcome: 'accepted' }>['event'], AppointmentEvent> = true;
const caseMayBeAbsent: Exactly<Appointment['case'], string | undefined> = true;
export const appointmentChecks = [
  decideAppointmentReturns,
  evolveAppointmentReturns,
  appointmentStatusesAre,
  eventOfAccepted,
  caseMayBeAbsent,
];

// @ts-expect-error a command is tagged by book, cancel, no_show or arrive
tap({ type: 'reschedule', id: 'ap-1' }, '2025-05-06T10:00:00+08:00');
// @ts-expect-error a booking names the matter
tap({ type: 'book', id: 'ap-3', slot: 'wed-18', applicant: 'u-lin' }, '2025-05-06T10:00:00+08:00');
// @ts-expect-error an arrival names the case opened
tap({ type: 'arrive', id: 'ap-1' }, '2025-05-07T18:05:00+08:00');
// @ts-expect-error special groups are the declared groups
tap({ type: 'book', id: 'ap-3', slot: 'wed-18', applicant: 'u-lin', matter: 'M', specialGroups: ['student'] }, '2025-05-06T10:00:00+08:00');
// @ts-expect-error a slot's capacity is a number
export const roomy: Slot = { ...evening, capacity: '2' };
// @ts-expect-error a book has slots
export const noSlots: AppointmentBook = { appointments: [] };
// @ts-expect-error a status is one of the four
export const lateStatus: AppointmentStatus = 'late';
// @ts-expect-error the request is an object, not its JSON text
station.decideAppointment(JSON.stringify({ book, command: { type: 'cancel', id: 'ap-1' }, at: '2025-05-06T10:00:00+08:00' }));
// @ts-expect-error the time is RFC 3339 text, not a Date
export const atNow: AppointmentDecideRequest = { book, command: { type: 'cancel', id: 'ap-1' }, at: new Date() };
// @ts-expect-error evolve takes an event, not a command
evolveAppointment({ book, event: { type: 'cancel', id: 'ap-1' } });
// @ts-expect-error the event is there only once `outcome` narrowed the decision
export const eventBeforeNarrowing: AppointmentEvent = station.decideAppointment({ book, command: { type: 'cancel', id: 'ap-1' }, at: '2025-05-06T10:00:00+08:00' }).event;
// @ts-expect-error a refused evolution has no book
export const refusedBook: AppointmentBook = (evolveAppointment({ book, event: bookedEvents[0]! }) as Extract<AppointmentEvolution, { outcome: 'refused' }>).book;
// @ts-expect-error the language is zh-CN or en
evolveAppointment({ book, event: bookedEvents[0]! }, { lang: 'fr' });

// ---------------------------------------------------------------------------------------
// The words for the engine's codes, from the default module.
import { labels as wordsFor, type Labels } from 'doorstep';

const words: Labels = wordsFor('en');
export const acceptedWords: string = words.status.accepted;
export const frontDeskWords: string = wordsFor().role.front_desk;
// @ts-expect-error a table has exactly the type's codes
export const noSuchStatus: string = words.status.approvedd;
// @ts-expect-error the language is zh-CN or en
wordsFor('fr');
