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
  type Material,
  type MaterialsOptions,
  type MatterSummary,
  type Target,
  type Validation,
} from 'doorstep';

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
  inputs,
  checkCodes,
  shownAfterSubmit,
  prefilledFromText,
  shownAfterPrefill,
  lines,
  lintProblems,
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
