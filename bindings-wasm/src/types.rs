//! TypeScript declarations of the core's output types.
//!
//! The core does not depend on `wasm-bindgen`, so its serde types cannot derive `tsify`;
//! their JSON shape (serde, `camelCase`) is declared here by hand and checked from outside:
//! `tests/js` type-checks every report the shared fixtures produce against these
//! declarations (`tsc --strict`), so a field the core adds or renames fails the JS suite.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The kinds of identifier doorstep checks, by wire name. */
export type IdKind =
  | "resident_id"
  | "residence_permit"
  | "credit_code"
  | "org_code"
  | "mobile"
  | "landline"
  | "postal_code"
  | "bank_card";

/**
 * The language of messages: Simplified Chinese (the default) or English. At run time the
 * tags are read case-insensitively, and `zh`, `zh_CN`, `zh-Hans`, `en-US` and `en-GB` are
 * taken too; anything else is `arg.unknown_lang`.
 */
export type Lang = "zh-CN" | "en";

/** Sex as recorded in a resident ID number. */
export type Sex = "male" | "female";

/** A coded entry of a standard's table: the code and the name the standard gives it. */
export interface Label {
  code: string;
  name: string;
}

/** The administrative division an identifier names (GB/T 2260). */
export interface Region {
  /** Six-digit division code as written in the identifier. */
  code: string;
  /** Its province-level division. */
  province: Label;
}

/** One problem found in input: a stable code, its parameters and a message for people. */
export interface Problem {
  /** JSON Pointer to the offending value, when the input is a document. */
  path?: string;
  /** Stable code, e.g. `id.checksum`. Never changes once released. */
  code: string;
  /** Values the message was built from, for front ends that word their own messages. */
  params?: Record<string, unknown>;
  /** The message in the requested language; never contains the whole identifier. */
  message: string;
}

/** What a valid identifier says. Facts that do not apply to its kind are absent. */
export interface IdFacts {
  /** The canonical form: upper case, no separators or prefixes, 15-digit IDs upgraded. */
  normalized: string;
  /** The form to show people (personal numbers masked, e.g. `3502**********123X`). */
  masked: string;
  /**
   * Whether a 15-digit resident ID was upgraded to 18 digits (resident IDs, and residence
   * permits, which read alike and are always 18 digits: `false`).
   */
  upgraded?: boolean;
  /** Date of birth, `YYYY-MM-DD` (resident IDs and residence permits). */
  birthDate?: string;
  /** Sex (resident IDs and residence permits). */
  sex?: Sex;
  /** Age in full years at the reference date (resident IDs and residence permits). */
  age?: number;
  /** Administrative division (resident IDs, residence permits, credit codes). */
  region?: Region;
  /** Registration authority (credit codes). */
  registrationAuthority?: Label;
  /** Entity type under its registration authority (credit codes). */
  entityType?: Label;
  /** The GB 11714 organisation code embedded in a credit code. */
  orgCode?: string;
  /** Area code with its leading zero (landlines). */
  areaCode?: string;
}

/** The report of a valid identifier: its kind and facts, no errors. */
export interface ValidIdReport extends IdFacts {
  /** The value as given; one longer than 64 bytes as its first characters within 64 bytes, then `…`. */
  value: string;
  /** The kind it was checked as. */
  kind: IdKind;
  valid: true;
  /** Always empty for a valid value. */
  errors: Problem[];
}

/** The report of an invalid identifier: every problem found. */
export interface InvalidIdReport {
  /** The value as given; one longer than 64 bytes as its first characters within 64 bytes, then `…`. */
  value: string;
  /** The kind asked for, else the one its shape suggests; `null` when it fits no kind. */
  kind: IdKind | null;
  valid: false;
  /** Every problem found, at least one. */
  errors: Problem[];
}

/** The outcome of one check. Narrow on `valid` to read the facts. */
export type IdReport = ValidIdReport | InvalidIdReport;

/** A JSON value, as `JSON.parse` gives it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A JsonLogic rule (jsonlogic.com) as the catalogue writes it, e.g.
 * `{ "==": [{ "var": "married" }, true] }`; doorstep adds the domain operators `id_age`,
 * `id_birth_date`, `id_sex`, `age_at`, `days_between` and `working_days_between`.
 */
export type JsonLogicRule = JsonValue;

/** 事项类型: the kind of government service a matter is. */
export type MatterType =
  | "administrative_permit"
  | "administrative_benefit"
  | "administrative_confirmation"
  | "administrative_ruling"
  | "administrative_reward"
  | "other_power"
  | "public_service";

/** 办理渠道: window, 24-hour kiosk, online (app), home visit, partner point (bank, post…). */
export type Channel = "window" | "kiosk" | "online" | "home_visit" | "partner_point";

/** The level of an organisation, from the district down to the community station. */
export type OrgLevel = "district" | "department" | "street" | "community";

/** A matter (政务服务事项) as a list or a search shows it, in the version in effect. */
export interface MatterSummary {
  /** 事项编码, stable across versions. */
  code: string;
  /** The version in effect on the date asked about. */
  version: number;
  /** 事项名称. */
  name: string;
  /** 事项类型. */
  type: MatterType;
  /** The responsible department's code. */
  department: string;
  /** The responsible department's name (empty when the catalogue lacks it). */
  departmentName: string;
  /** 即办件: decided on the spot. */
  immediate: boolean;
  /** 承诺办结时限, working days. */
  promisedLimitDays: number;
  /** 法定办结时限, working days. */
  legalLimitDays: number;
  /** Where it can be applied for. */
  channels: Channel[];
  /** Levels where it can be handled (下沉: street, community). */
  levels: OrgLevel[];
  /** Whether a grid worker may handle it for the applicant (帮办代办). */
  proxyAllowed: boolean;
  /** Fee in fen (分); 0 when free. */
  feeFen: number;
}

/** A bundle (一件事: several matters handled as one) as a list shows it. */
export interface BundleSummary {
  /** Stable code, e.g. `birth`. */
  code: string;
  /** Name, e.g. 出生一件事. */
  name: string;
  /** The leading department's code (牵头部门). */
  leadDepartment: string;
  /** The member matters' codes; some may apply only under a condition on the answers. */
  members: string[];
  /**
   * The members that apply only when their condition holds on the answers (生育津贴, for a
   * mother with employee maternity insurance), in `members`' order.
   */
  conditional: string[];
}

/** What a call is about: exactly one matter or one bundle, by code. */
export type Target =
  | { matter: string; bundle?: undefined | null }
  | { bundle: string; matter?: undefined | null };

/** The type of a form field, which fixes how its value is checked and normalised. */
export type FieldType =
  | "text"
  | "integer"
  | "decimal"
  | "money"
  | "date"
  | "datetime"
  | "boolean"
  | "choice"
  | "multi_choice"
  | "resident_id"
  | "credit_code"
  | "mobile"
  | "phone"
  | "email"
  | "postal_code"
  | "bank_card"
  | "area_code"
  | "address"
  | "attachment"
  | "group"
  | "repeat";

/** One option of a choice field. */
export interface Choice {
  /** The value stored. */
  value: string;
  /** What people read. */
  label: string;
}

/** One field of a form. Constraints that do not apply to it are absent. */
export interface Field {
  /** Key in the answer object; in a bundle, fields with the same key are asked once. */
  key: string;
  /** Label (zh-CN). */
  label: string;
  /** Label in English. */
  labelEn?: string;
  /** A hint shown with the input (zh-CN), e.g. 18 位，末位可能为 X. */
  hint?: string;
  /** The hint in English. */
  hintEn?: string;
  type: FieldType;
  /** Always required. */
  required: boolean;
  /** Required when this rule holds over the answers (in a repeating group: over the item). */
  requiredIf?: JsonLogicRule;
  /** Shown (and so checked and kept) only when this rule holds. */
  visibleIf?: JsonLogicRule;
  /** Fewest characters (text types). */
  minLength?: number;
  /** Most characters (text types). */
  maxLength?: number;
  /** Smallest value (numbers; money in fen). */
  min?: number;
  /** Largest value (numbers; money in fen). */
  max?: number;
  /** A regular expression the whole trimmed text must match. */
  pattern?: string;
  /** Options of a choice or multi-choice field. */
  choices?: Choice[];
  /** Fields of a group or repeating group. */
  fields?: Field[];
  /** Fewest items (repeating groups, multi-choice). */
  minItems?: number;
  /** Most items (repeating groups, multi-choice). */
  maxItems?: number;
  /** Filled from shared data: `source.path`, e.g. `identity.residentId`. */
  prefill?: string;
}

/** A cross-field check: `rule` must hold over the answers. */
export interface Check {
  /** The code of the problem when the rule fails, e.g. `form.applicant_adult`. */
  code: string;
  rule: JsonLogicRule;
  /** JSON Pointer of the field the problem is shown on (absent: the whole form). */
  path?: string;
  /** Message (zh-CN). */
  message: string;
  /** Message in English. */
  messageEn?: string;
}

/** 表单: the fields in the order they are asked, the cross-field checks, and 填单示范. */
export interface FormSpec {
  fields: Field[];
  /** Cross-field checks; absent when there are none. */
  checks?: Check[];
  /** A filled-in example that validates (填单示范). */
  example: JsonValue;
}

/** The answers to a form as the core stores them. */
export type Answer = { [key: string]: JsonValue };

/** The outcome of validating a valid answer. */
export interface ValidValidation {
  /** The matters the answer applies to (for a bundle: the members whose condition holds). */
  matters: string[];
  valid: true;
  /** Always empty for a valid answer. */
  errors: Problem[];
  /** The answer as it should be stored: visible fields only, normalised (trimmed text,
   * canonical ID numbers and phone numbers). */
  normalized: Answer;
}

/** The outcome of validating an invalid answer: every problem at once. */
export interface InvalidValidation {
  /** The matters the answer applies to (for a bundle: the members whose condition holds). */
  matters: string[];
  valid: false;
  /** Every problem, in field order, each with its JSON Pointer `path` and, for a bundle,
   * the member matters it belongs to in `params.matters`. */
  errors: Problem[];
  /** The values that passed, normalised; `null` when the answer is not an object. */
  normalized: Answer | null;
}

/** The outcome of `Engine.validate`. Narrow on `valid`. */
export type Validation = ValidValidation | InvalidValidation;

/** The outcome of `Engine.check` for a valid answer. */
export interface ValidAnswerCheck {
  valid: true;
  /** No problem. */
  errors: [];
}

/** The outcome of `Engine.check` for an invalid answer: the problems `Engine.validate`
 * reports, in the same order. */
export interface InvalidAnswerCheck {
  valid: false;
  /** Every problem, in field order, each with its JSON Pointer `path` and, for a bundle,
   * the member matters it belongs to in `params.matters`. */
  errors: Problem[];
}

/** The outcome of `Engine.check`: a `Validation` without `normalized` and `matters`.
 * Narrow on `valid`. */
export type AnswerCheck = ValidAnswerCheck | InvalidAnswerCheck;

/** 权力来源: where a matter's authority comes from. */
export type AuthoritySource =
  | "statutory"
  | "devolved_from_above"
  | "authorized_by_above"
  | "authorized_by_peer"
  | "entrusted_by_above"
  | "entrusted_by_peer";

/** `labels(lang)`: the words for the engine's codes, each table from code to words, in the
 * type's order (e.g. `labels().status.accepted` is 已受理). */
export interface Labels {
  status: Record<Status, string>;
  action: Record<Action, string>;
  role: Record<Role, string>;
  channel: Record<Channel, string>;
  matterType: Record<MatterType, string>;
  authoritySource: Record<AuthoritySource, string>;
  materialForm: Record<MaterialForm, string>;
  bundleState: Record<BundleState, string>;
  light: Record<Light, string>;
  rating: Record<Rating, string>;
  reviewStatus: Record<ReviewStatus, string>;
  complaintStatus: Record<ComplaintStatus, string>;
  appointmentStatus: Record<AppointmentStatus, string>;
  orgLevel: Record<OrgLevel, string>;
}

/** The outcome of `Engine.validateField`: the problems of one field as the applicant
 * types (those of the fields inside a group or list included), in field order. */
export interface FieldValidation {
  /** The field's JSON Pointer, as asked. */
  path: string;
  /** Whether the field has no problem (other fields may still have some). */
  valid: boolean;
  errors: Problem[];
}

/** Whether a document is the original, a copy, both, or electronic. */
export type MaterialForm = "original" | "copy" | "original_and_copy" | "electronic";

/** 材料: a document the applicant brings. */
export interface Material {
  /** Stable code; the same document in several matters has the same code. */
  code: string;
  /** Name, e.g. 出生医学证明. */
  name: string;
  form: MaterialForm;
  /** How many. */
  count: number;
  /** Needed only when this rule holds over the answers. */
  condition?: JsonLogicRule;
  /** The shared-data source that makes it unnecessary (免提交) when available. */
  waivedBy?: string;
}

/**
 * What every function throws on misuse (never for an invalid identifier, answer, stamp or
 * ledger, a refused command or event, or a date the calendar cannot answer for in
 * `calendarQuery`, which are returned values): a real `Error` with the core's stable `code` —
 * `arg.unknown_kind`, `arg.invalid_date`, `arg.unknown_lang`, `arg.clock`,
 * `arg.invalid_type` (`params.name`, the argument or option, `"this"` for a method called on
 * anything but an `Engine` of its own module; `params.expected`); `arg.too_long` (a code,
 * date, language, kind, path, query or case id longer than 4,096 UTF-16 code units, or
 * an `available` list of more than 4,096 items: `params.name`, `params.max`, refused before
 * it is copied); `arg.freed` (a method of an `Engine` after its `free()`; a second `free()`
 * does nothing); `engine.catalog_invalid` (the lint problems in `params.problems`),
 * `engine.unknown_matter`, `engine.unknown_bundle`, `engine.target`; `input.too_large`,
 * `input.too_deep`, `input.malformed`, `input.shape`; `ledger.malformed`,
 * `ledger.unsupported_alg` (`ledgerAppend`); `calendar.out_of_range`,
 * `calendar.invalid_pause` (`Engine.deadline`) — and a message in zh-CN, or in English when
 * the call asked for `lang: "en"`.
 */
export interface DoorstepError extends Error {
  code: string;
  params?: Record<string, unknown>;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_AUTHORITY_TYPES: &str = r#"
/** A step of handling a case: 收件, 受理, 审查, 决定, 送达. */
export type Step = "receive" | "accept" | "review" | "decide" | "deliver";

/** How authority reaches an agent: 下放, 授权, 委托, 窗口前移 (receive and forward only). */
export type GrantMode = "devolve" | "authorize" | "entrust" | "forward";

/**
 * Who a person is when acting on a case: 申请人, 帮办代办员, 前台综合受理, 后台审批, 站长,
 * 督查, the engine itself.
 */
export type Role =
  | "applicant"
  | "proxy"
  | "front_desk"
  | "back_office"
  | "station_chief"
  | "supervisor"
  | "system";

/** What a stamped document does, where that changes the seal it needs: 撤销, 注销, or else. */
export type StampAct = "ordinary" | "revocation" | "cancellation";

/** The hash function of a 用印台账: SHA-256, or SM3 (GB/T 32905; not in every build). */
export type HashAlg = "sha256" | "sm3";

/** The person stamping. */
export interface Operator {
  /** The officer's id in the host system (a staff number, never an ID number); 1–64 chars. */
  id: string;
  role: Role;
}

/** 盖章: one act of stamping. Text fields are 1–64 characters, but `case`. */
export interface Stamp {
  /** The seal's code in the registry. */
  seal: string;
  /** The case's id, 1–512 characters: a member's or successor's id is its parent's and a
   * matter code (`{case}/{matter}`). */
  case: string;
  /** The matter's code. */
  matter: string;
  /** The step the stamped document belongs to. */
  step: Step;
  /** What the document does; left out: `"ordinary"`. */
  act?: StampAct;
  operator: Operator;
  /** Who accepted the case (受理人), for 审管分离. */
  acceptedBy?: string;
  /** The organisation on whose premises the seal was used. */
  place: string;
  /** When: RFC 3339 with offset, e.g. `2025-05-01T10:00:00+08:00`. */
  at: string;
  /** SHA-256 (or SM3) of the stamped content, 64 lowercase hex digits (`contentDigest`). */
  digest: string;
}

/** A question for `Engine.authorize`: may `org` perform `step` of `matter` at `at`? */
export interface AuthorityQuery {
  /** The acting organisation's code. */
  org: string;
  /** The matter's code. */
  matter: string;
  step: Step;
  /** When: RFC 3339 with offset. */
  at: string;
}

/** One grant of a chain of authority, as a report shows it. */
export interface ChainLink {
  /** The grant's id. */
  grant: string;
  mode: GrantMode;
  /** Who passed authority on. */
  principal: string;
  /** Who received it. */
  agent: string;
  /** First day of validity, `YYYY-MM-DD`. */
  validFrom: string;
  /** Last day of validity, inclusive; absent: until further notice. */
  validUntil?: string;
  /** Legal basis, e.g. 《中华人民共和国行政许可法》第二十四条. */
  legalBasis: string;
  /** Where the grant was published, e.g. 海政办〔2024〕12号. */
  publication: string;
}

/** The verdict on a stamp, or the answer to an `AuthorityQuery`. */
export interface VerdictReport {
  /** No failure. */
  valid: boolean;
  /**
   * In whose name the act stands: the principal for 委托 and 窗口前移, the agent for 下放 and
   * 授权, the organisation itself on its own authority; absent when no chain was found.
   */
  actsInNameOf?: string;
  /** The grants relied on, from the responsible department down; empty on its own authority. */
  chain: ChainLink[];
  /**
   * Every failure, coded (`stamp.*`, `authority.*`, `seal.*`), in the order of the stages:
   * structure, chain, time, scope, revocation, stamp rules.
   */
  failures: Problem[];
}

/** Where a 用印台账 ends: how many entries, and the last one's hash. Keep it elsewhere. */
export interface LedgerHead {
  /** Number of entries. */
  entries: number;
  /** The last entry's hash, 64 hex digits (64 zeros for an empty ledger). */
  hash: string;
}

/** One problem of a ledger (`ledger.*`), on its line. */
export interface LedgerProblem extends Problem {
  /** 1-based line number. */
  line: number;
  /** The entry's sequence number, when the line could be read. */
  seq?: number;
}

/** The outcome of `Engine.verifyLedger`. */
export interface LedgerReport {
  /** No problem at all. */
  valid: boolean;
  /** Number of lines read as entries. */
  entries: number;
  /** Where the ledger ends, as found. */
  head: LedgerHead;
  /** Every problem, in line order. */
  problems: LedgerProblem[];
}

/** What `ledgerAppend` records. */
export interface AppendRequest {
  /** The hash function; left out: `"sha256"`. */
  alg?: HashAlg;
  /** Where the ledger ends now; left out or `null`: an empty ledger. */
  head?: LedgerHead | null;
  /** The stamp to record. */
  stamp: Stamp;
}

/** The outcome of `ledgerAppend`: the line to write and the head to keep. */
export interface Appended {
  /** The new entry in canonical JSON, without its newline. */
  line: string;
  /** The head after it. */
  head: LedgerHead;
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_CASE_TYPES: &str = r#"
/**
 * Where a case (办件) is in its lifecycle: 收件, 受理, 不予受理, 审查, 补齐补正, 挂起, 准予,
 * 不予许可, 办结, 送达, 撤回.
 */
export type Status =
  | "submitted"
  | "accepted"
  | "not_accepted"
  | "under_review"
  | "supplementing"
  | "suspended"
  | "approved"
  | "rejected"
  | "concluded"
  | "delivered"
  | "withdrawn";

/** A group the services go out of their way for (上门服务, 帮办代办, 绿色通道). */
export type SpecialGroup = "elderly" | "disabled" | "pregnant" | "seriously_ill" | "reduced_mobility";

/** 帮办代办 consent: the applicant lets a proxy act for them, for some matters, until a day. */
export interface ProxyConsent {
  /** The proxy's id (the grid worker). */
  proxy: string;
  /** The applicant's account id. */
  applicant: string;
  /** Matter codes it covers; empty or left out: every matter that allows a proxy. */
  matters?: string[];
  /** Last day it is valid (CST), `YYYY-MM-DD`. */
  expires: string;
}

/** Who acts: a person, in a role, for an organisation. */
export interface Actor {
  /** Their id in the host system (a staff number or an account id; never an ID number). */
  id: string;
  role: Role;
  /** The organisation they act for (for applicants: the station they apply at). */
  org: string;
}

/** The circumstances of a command: who, through which channel, when. */
export interface CaseContext {
  actor: Actor;
  channel: Channel;
  /** When: RFC 3339 with offset, e.g. `2025-09-30T09:00:00+08:00` (doorstep never reads the clock). */
  at: string;
}

/** A stretch of days the clock stood still (补正, 挂起): `from..=to`; `to` null while it still does. */
export interface Pause {
  /** The first day the clock is stopped, `YYYY-MM-DD`. */
  from: string;
  /** The last day it is stopped (included); `null` (or left out) while it is still stopped. */
  to?: string | null;
}

/** One case, as its events made it. Store it with its events; pass it back as it is. */
export interface Case {
  /** The case id. */
  id: string;
  /** The matter's code. */
  matter: string;
  /** The matter's version it started under; it keeps it to the end. */
  matterVersion: number;
  status: Status;
  /** Number of events applied; the next command must name it (`expectedVersion`). */
  version: number;
  /** The applicant's account id. */
  applicant: string;
  /** The proxy's consent, when a proxy handles it. */
  proxy?: ProxyConsent;
  /** The channel it came in through. */
  channel: Channel;
  /** Special groups the applicant belongs to; absent when none. */
  specialGroups?: SpecialGroup[];
  /** The appointment it came from, if any. */
  appointment?: string;
  /** The station or centre it was submitted to. */
  org: string;
  /** The answer (the form), as last submitted or supplemented. */
  answer: JsonValue;
  /** When it was submitted, RFC 3339 with offset. */
  submittedAt: string;
  /** The day it was accepted, from which the deadline counts, `YYYY-MM-DD`. */
  acceptedOn?: string;
  /** Who accepted it (for 审管分离). */
  acceptedBy?: string;
  /** The organisation whose back office works the case once accepted (后台分类审批). */
  backOffice?: string;
  /** The promised limit in working days, from the matter version. */
  limitWorkingDays: number;
  /** The stretches the clock stood still; absent when none. */
  pauses?: Pause[];
  /** Working days added by the one extension, if granted. */
  extensionWorkingDays?: number;
  /** The officer working it now. */
  assignee?: string;
  /** The stamps of its decisions; absent when none. */
  stamps?: Stamp[];
  /** Why it was refused, rejected, suspended or sent back, most recent last; absent when none. */
  reasons?: string[];
  /** How it was decided (准予 or 不予许可), once it was. */
  outcome?: "approved" | "rejected";
  /**
   * A bundle case (一件事): its member matters and their cases (`matter` is then the
   * bundle's code); absent for a case of one matter.
   */
  members?: Member[];
  /** The bundle case this case is a member of. */
  parent?: string;
  /** The case whose approval started this one (免申即办). */
  origin?: string;
  /** Started without application and not yet confirmed by the applicant (`confirm`). */
  awaitingConfirmation?: boolean;
  /** Problems of data nobody typed (a successor's mapped answer), for 补正; absent when none. */
  dataProblems?: DataProblem[];
  /** Client ids of the commands applied, in order (for idempotency); absent when none. */
  clientIds?: string[];
  /**
   * What the last of `clientIds` did, in the same order (all of them, but in a case kept by
   * an older version: the ids applied since), so that another command under an id already
   * used is refused (`case.client_id_reused`) rather than taken for a retry. Absent when
   * none.
   */
  clientActions?: Action[];
}

/** A member of a bundle case: the matter and the case opened for it. */
export interface Member {
  /** The matter's code. */
  matter: string;
  /** Its case's id (`{bundle case}/{matter}`). */
  case: string;
}

/** A problem of an answer nobody typed: where (JSON Pointer) and what (the form's code). */
export interface DataProblem {
  /** The field, as a JSON Pointer into the answer. */
  path: string;
  /** The problem's code (`form.*`, or `successor.mapping` for a mapping rule that failed). */
  code: string;
}

/** What an actor asks to do, tagged by `type`. */
export type Command =
  | {
      /** 收件: submit an application (applicant, proxy, front desk or the system). */
      type: "submit";
      /** The matter's code. */
      matter: string;
      /** The applicant's account id. */
      applicant: string;
      /** The consent a proxy acts under (required when the actor is a proxy). */
      proxy?: ProxyConsent | null;
      /** The answer; it must validate against the matter's form. */
      answer: JsonValue;
      /** Special groups the applicant belongs to (a home visit needs one). */
      specialGroups?: SpecialGroup[];
      /** The appointment it comes from, if any. */
      appointment?: string | null;
    }
  | {
      /**
       * 一件事: submit a bundle's answer at once, opening the bundle case (the envelope's case
       * id) and a case `{bundle case}/{matter}` for every member matter the answer includes.
       */
      type: "submit_bundle";
      /** The bundle's code. */
      bundle: string;
      /** The applicant's account id. */
      applicant: string;
      /** The consent a proxy acts under (required when the actor is a proxy). */
      proxy?: ProxyConsent | null;
      /** The answer to the bundle's merged form. */
      answer: JsonValue;
      /** Special groups the applicant belongs to (a home visit needs one). */
      specialGroups?: SpecialGroup[];
      /** The appointment it comes from, if any. */
      appointment?: string | null;
    }
  | {
      /** The applicant confirms a case started without application (免申即办). */
      type: "confirm";
    }
  | { type: "accept" }
  | { type: "not_accept"; reason: string }
  | { type: "claim" }
  | { type: "release" }
  | { type: "start_review" }
  | { type: "request_supplement"; reason: string }
  | { type: "supplement"; answer: JsonValue }
  | { type: "suspend"; reason: string }
  | { type: "resume" }
  | {
      /**
       * 移交: the matter's responsible department takes over a case whose back office may no
       * longer decide the matter (its grant revoked or run out).
       */
      type: "transfer";
    }
  | {
      /** 延期: once, 1–10 working days, approved by someone else. */
      type: "extend";
      workingDays: number;
      reason: string;
      approvedBy: string;
    }
  | { type: "approve"; stamp: Stamp }
  | { type: "reject"; reason: string; stamp: Stamp }
  | { type: "conclude" }
  | { type: "deliver" }
  | { type: "withdraw"; reason?: string | null };

/** A command with what makes it safe to retry and to race. */
export interface CommandEnvelope {
  /** The case id (for `submit`, the id of the new case). */
  case: string;
  /** The case version the client saw (0 for `submit`). */
  expectedVersion: number;
  /** A client-generated id, unique per command (a retry sends the same id). */
  clientId: string;
  command: Command;
}

/** What a command does, without its payload: the buttons a window offers. */
export type Action =
  | "submit"
  | "confirm"
  | "accept"
  | "not_accept"
  | "claim"
  | "release"
  | "start_review"
  | "request_supplement"
  | "supplement"
  | "suspend"
  | "resume"
  | "transfer"
  | "extend"
  | "approve"
  | "reject"
  | "conclude"
  | "deliver"
  | "withdraw";

/** What happened to a case, tagged by `type`. */
export type EventKind =
  | {
      /** 收件. */
      type: "submitted";
      /** The matter's code. */
      matter: string;
      /** The matter version in effect, which the case keeps. */
      matterVersion: number;
      /** The promised limit of that version, in working days. */
      limitWorkingDays: number;
      /** The applicant's account id. */
      applicant: string;
      /** The proxy's consent, when a proxy submitted. */
      proxy?: ProxyConsent;
      answer: JsonValue;
      specialGroups?: SpecialGroup[];
      appointment?: string;
      /** The bundle case it is a member of. */
      parent?: string;
      /** The case whose approval started it (免申即办). */
      origin?: string;
      /** Started without application; the applicant confirms before acceptance. */
      awaitingConfirmation?: boolean;
      /** Problems of the mapped answer, for the back office. */
      dataProblems?: DataProblem[];
    }
  | {
      /** 一件事 submitted: the bundle case opened, with the member cases opened with it. */
      type: "bundle_submitted";
      /** The bundle's code. */
      bundle: string;
      /** The applicant's account id. */
      applicant: string;
      /** The proxy's consent, when a proxy submitted. */
      proxy?: ProxyConsent;
      /** The answer to the merged form, normalised. */
      answer: JsonValue;
      specialGroups?: SpecialGroup[];
      appointment?: string;
      /** The member matters included and their cases. */
      members: Member[];
    }
  | {
      /** The applicant confirmed a case started without application. */
      type: "confirmed";
    }
  | {
      /** 受理, and passed to the back office that decides (前台综合受理、后台分类审批). */
      type: "accepted";
      /** The organisation whose back office works the case from now on. */
      backOffice: string;
    }
  | { type: "not_accepted"; reason: string }
  | { type: "claimed" }
  | { type: "released" }
  | { type: "review_started" }
  | { type: "supplement_requested"; reason: string }
  | { type: "supplemented"; answer: JsonValue }
  | { type: "suspended"; reason: string }
  | { type: "resumed" }
  | {
      /** 移交: the department took over; a claim on the case ended. */
      type: "transferred";
      /** The organisation whose back office works the case from now on. */
      backOffice: string;
    }
  | { type: "extended"; workingDays: number; reason: string; approvedBy: string }
  | { type: "approved"; stamp: Stamp }
  | { type: "rejected"; reason: string; stamp: Stamp }
  | { type: "concluded" }
  | { type: "delivered" }
  | { type: "withdrawn"; reason?: string };

/** One event of one case, as hosts store it and the city platform receives it. */
export interface CaseEvent {
  /** The event format's version (1). */
  schema: number;
  /** The case id. */
  case: string;
  /** The case's version after this event (1 for the first). */
  version: number;
  /** The id the client gave the command that caused it. */
  clientId: string;
  /** Who acted (role and organisation included). */
  actor: Actor;
  channel: Channel;
  /** When, RFC 3339 with offset. */
  at: string;
  kind: EventKind;
}

/** The outcome of `Engine.decide`. Narrow on `outcome`. */
export type Decision =
  | {
      outcome: "accepted";
      /** The events to store and apply with `evolve`, in order; none for a retried client id. */
      events: CaseEvent[];
    }
  | {
      outcome: "refused";
      /** Why, coded (`case.*`); nothing changed. */
      error: Problem;
    };

/** The outcome of `evolve`. Narrow on `outcome`. */
export type Evolution =
  | {
      outcome: "applied";
      /** The case after the event. */
      case: Case;
    }
  | {
      outcome: "refused";
      /** Why, coded (`case.*`); the case is unchanged. */
      error: Problem;
    };

/** One event `Engine.replay` refused: where, and why (`case.*`, or `input.*` for a line of JSON Lines). */
export interface RejectedEvent extends Problem {
  /** Its 0-based position among the events (for JSON Lines, the 0-based line). */
  index: number;
  /** Its 1-based line, when the events were JSON Lines. */
  line?: number;
}

/** The outcome of `Engine.replay`. */
export interface ReplayReport {
  /** Every case the events build, in id order. */
  cases: Case[];
  /** The events refused, in order. */
  rejected: RejectedEvent[];
}

/** The warning light of a time limit (红黄灯). */
export type Light = "green" | "yellow" | "red";

/** The supervision level of an overdue matter (督办): none, 一级, 二级. */
export type Escalation = "none" | "level1" | "level2";

/** A time limit as it stands on a day. */
export interface DeadlineStatus {
  /** The due date, `YYYY-MM-DD`. */
  due: string;
  light: Light;
  escalation: Escalation;
  /** The limit plus the extension, in working days. */
  totalWorkingDays: number;
  /** Counted working days used: the total minus those remaining. */
  usedWorkingDays: number;
  /** Counted working days left after today, up to and including the due date. */
  remainingWorkingDays: number;
  /** Working days after the due date, up to and including today. */
  overdueWorkingDays: number;
  /** Whether the clock is stopped today. */
  paused: boolean;
}

/** Where the light turns yellow and the escalation starts; each left out takes its default. */
export interface Thresholds {
  /** Yellow when at most this many counted working days remain (default 1). */
  yellowRemainingWorkingDays?: number;
  /** Yellow when at least this percentage of the working days is used (default 80). */
  yellowUsedPercent?: number;
  /** 一级督办 when overdue by at least this many working days (default 1). */
  level1OverdueWorkingDays?: number;
  /** 二级督办 when overdue by at least this many working days (default 3). */
  level2OverdueWorkingDays?: number;
}

/** One question to the working calendar, tagged by `op`. Dates are `YYYY-MM-DD`. */
export type CalendarQuery =
  | {
      /** Whether `date` is a working day → `{workingDay}`. */
      op: "isWorkingDay";
      date: string;
    }
  | {
      /** The `days`-th working day after `date` (not counted) → `{date}`. */
      op: "addWorkingDays";
      date: string;
      days: number;
    }
  | {
      /** The working days in `(from, to]` → `{workingDays}` (negative when reversed). */
      op: "workingDaysBetween";
      from: string;
      to: string;
    }
  | {
      /** A time limit's due date, light and escalation on `now` → `DeadlineStatus`. */
      op: "deadline";
      /** The day the matter was accepted; counting starts the day after. */
      acceptedOn: string;
      /** The time limit in working days. */
      limitWorkingDays: number;
      /** The stretches during which the clock is stopped. */
      pauses?: Pause[];
      /** Working days added by an extension. */
      extensionWorkingDays?: number | null;
      /** Today. */
      now: string;
      thresholds?: Thresholds;
    }
  | {
      /**
       * The years whose holiday arrangement the calendar has → `{knownYears}`: no deadline
       * is counted into another (a back office checks ahead of 31 December).
       */
      op: "years";
    };

/**
 * The answer of `calendarQuery` and `Engine.calendarQuery`: the answer's fields and no
 * errors, or one problem only.
 */
export type CalendarReport =
  | { workingDay: boolean; errors: [] }
  | { date: string; errors: [] }
  | { workingDays: number; errors: [] }
  | { knownYears: number[]; errors: [] }
  | (DeadlineStatus & { errors: [] })
  | {
      /** Why there is no answer (`calendar.out_of_range`, `calendar.invalid_pause`). */
      errors: [Problem];
    };

/** Who a policy is for, and what a profile describes (its `kind`): 个人 or 企业. */
export type PolicySubject = "person" | "enterprise";

/** What a policy gives. */
export interface PolicyBenefit {
  /** What it is, for people, e.g. 每月发放高龄津贴 100 元. */
  text: string;
  /** The amount in fen (分), when it is money and fixed. */
  amountFen?: number;
}

/** One eligibility condition of a policy. */
export interface PolicyCondition {
  /** Stable code, unique in the policy, e.g. `age`. */
  code: string;
  /** What must hold, in Chinese, e.g. 年满 80 周岁. */
  description: string;
  /** The same in English, when the catalogue gives it. */
  descriptionEn?: string;
  /** The rule over the profile (and `$at`, the matching date): it holds when truthy. */
  rule: JsonLogicRule;
}

/** 政策, as the catalogue gives it (`Engine.policies`). Dates are `YYYY-MM-DD`. */
export interface Policy {
  /** Stable code, unique in the catalogue. */
  code: string;
  /** Name, e.g. 高龄津贴. */
  name: string;
  subject: PolicySubject;
  /** Code of the department that grants it. */
  department: string;
  benefit: PolicyBenefit;
  /** 免申即享: granted without an application once the data show eligibility. */
  grantedWithoutApplication: boolean;
  /** 政策依据: the document it rests on. */
  basis?: string;
  /** Every one must hold; none: every profile of the subject. */
  conditions: PolicyCondition[];
  /** First day it applies. */
  effective: string;
  /** Day it stops applying, if cancelled or replaced. */
  cancelled?: string;
}

/**
 * A person's profile (个人): the keys policy rules may read. Values are not checked: a rule
 * sees what the profile holds, a missing value is `null`. Other keys (a phone number for the
 * station's list) may be carried; rules cannot read them.
 */
export interface PersonProfile {
  kind: "person";
  /** 公民身份号码: a resident ID or residence permit number. */
  residentId?: string;
  /** 姓名. */
  name?: string;
  /** 出生日期, `YYYY-MM-DD`. */
  birthDate?: string;
  /** 性别. */
  sex?: Sex;
  /** 户籍: the GB/T 2260 division code and urban or rural. */
  household?: { division?: string; type?: "urban" | "rural" };
  /** 居住地: the GB/T 2260 division code. */
  residence?: { division?: string };
  /** 退役军人. */
  veteran?: boolean;
  /** 登记失业. */
  unemployed?: boolean;
  /** 失业登记日期, `YYYY-MM-DD`. */
  unemployedSince?: string;
  /** 失业保险累计缴费月数. */
  unemploymentInsuranceMonths?: number;
  /** 已就业（含灵活就业）. */
  employed?: boolean;
  /** 毕业年份. */
  graduateYear?: number;
  /** 学历. */
  education?: "secondary" | "vocational" | "college" | "bachelor" | "master" | "doctor";
  /** 困难类别: 低保, 特困, 低保边缘; absent: none. */
  hardship?: "subsistence" | "extreme_poverty" | "low_income";
  /** 家庭人均月收入（元）. */
  incomePerCapita?: number;
  /** 残疾等级, 1 (most severe) to 4. */
  disabilityLevel?: 1 | 2 | 3 | 4;
  /** 残疾类别. */
  disabilityCategory?:
    | "visual"
    | "hearing"
    | "speech"
    | "physical"
    | "intellectual"
    | "mental"
    | "multiple";
  /** The district's own attributes, read as `extra.*`. */
  extra?: { [key: string]: JsonValue };
  [key: string]: unknown;
}

/** An enterprise's profile (企业): the keys policy rules may read (see `PersonProfile`). */
export interface EnterpriseProfile {
  kind: "enterprise";
  /** 统一社会信用代码. */
  creditCode?: string;
  /** 名称. */
  name?: string;
  /** 注册地行政区划 (GB/T 2260). */
  division?: string;
  /** 企业规模. */
  size?: "micro" | "small" | "medium" | "large";
  /** 纳税信用等级. */
  creditRating?: "A" | "B" | "M" | "C" | "D";
  /** 行业 (GB/T 4754 门类). */
  industry?: string;
  /** 成立日期, `YYYY-MM-DD`. */
  establishedDate?: string;
  /** 参保职工人数. */
  insuredEmployees?: number;
  /** 新增参保就业人数. */
  newHires?: number;
  /** 新招用离校未就业高校毕业生人数. */
  newHireGraduates?: number;
  /** 新招用就业困难人员人数. */
  newHireHardship?: number;
  /** 新招用退役军人人数. */
  newHireVeterans?: number;
  /** 欠缴社会保险费. */
  arrears?: boolean;
  /** 列入严重失信主体名单. */
  dishonest?: boolean;
  /** The district's own attributes, read as `extra.*`. */
  extra?: { [key: string]: JsonValue };
  [key: string]: unknown;
}

/** What `Engine.matchPolicies` matches: a person or an enterprise, told by `kind`. */
export type PolicyProfile = PersonProfile | EnterpriseProfile;

/** Whether one condition held. */
export interface PolicyReason {
  /** The condition's code, or `subject` for a profile of the other subject. */
  code: string;
  held: boolean;
  /** What the condition asks, in the language asked for (Chinese when there is no English). */
  description: string;
  /** Why the rule could not be evaluated, when it could not (then `held` is false). */
  error?: Problem;
}

/** One policy in effect, matched against one profile. */
export interface PolicyMatch {
  /** The policy's code. */
  code: string;
  /** The policy's name. */
  name: string;
  /** Whether the profile is of the policy's subject and every condition holds. */
  eligible: boolean;
  /** 免申即享. */
  grantedWithoutApplication: boolean;
  /** Every condition, in order, held or failed; for the other subject, `subject` alone. */
  reasons: PolicyReason[];
}

/** The outcome of `Engine.matchPolicies`: the matches and no errors, or one problem only. */
export type PolicyReport =
  | {
      /** The codes of the policies the profile is eligible for, in catalogue order. */
      eligible: string[];
      /** Every policy in effect, in catalogue order. */
      matches: PolicyMatch[];
      errors: [];
    }
  | {
      eligible: [];
      matches: [];
      /** Why the profile cannot be matched (`input.*`, `policy.profile_*`). */
      errors: [Problem];
    };

/** One profile line of `Engine.matchPolicyLines`: its matches, or why it is not a profile. */
export type PolicyLine =
  | {
      /** The 1-based line number (blank lines counted). */
      line: number;
      /** Every policy in effect, in catalogue order. */
      matches: PolicyMatch[];
      error?: undefined;
    }
  | {
      /** The 1-based line number (blank lines counted). */
      line: number;
      matches?: undefined;
      /** Why the line is not a profile (`input.*`, `policy.profile_*`). */
      error: Problem;
    };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_TIMELINE_TYPES: &str = r#"
/** The state of a bundle case (一件事), the join of its members'. */
export type BundleState = "open" | "concluded" | "partly_rejected" | "rejected" | "withdrawn";

/** How a case was decided: 准予 or 不予许可. */
export type CaseOutcome = "approved" | "rejected";

/** One member of a bundle case as it stands. */
export interface MemberProgress {
  /** The matter's code. */
  matter: string;
  /** Its case. */
  case: string;
  status: Status;
  /** How it was decided, once it was. */
  outcome?: CaseOutcome;
}

/** A bundle case joined from its members. */
export interface BundleProgress {
  /** The bundle case. */
  case: string;
  /** The bundle's code. */
  bundle: string;
  /** The joined state. */
  state: BundleState;
  /** Every member, in the bundle's order. */
  members: MemberProgress[];
  /** The matters rejected (不予许可) or refused at the door (不予受理). */
  rejected: string[];
}

/** One step on the citizen's timeline. */
export interface TimelineEntry {
  /** When, RFC 3339 with offset. */
  at: string;
  /** The case it happened to. */
  case: string;
  /** The case's matter (the bundle's code for a bundle case). */
  matter: string;
  /** What happened. */
  action: Action;
  /** The case's status after it. */
  status: Status;
  /** Who acted, by role (never a person's id). */
  role: Role;
  /** The organisation that acted. */
  org: string;
  channel: Channel;
}

/** A case on the timeline, as it stands. */
export interface TimelineCase {
  case: string;
  /** Its matter (or bundle). */
  matter: string;
  status: Status;
  /** How it was decided, once it was. */
  outcome?: CaseOutcome;
  /** The bundle case it belongs to. */
  parent?: string;
  /** The case that started it (免申即办). */
  origin?: string;
  /** Waiting for the applicant to confirm it; absent when not. */
  awaitingConfirmation?: boolean;
}

/** A case's timeline: the case, its members and the cases they started, in time order. */
export interface Timeline {
  /** The case asked for. */
  case: string;
  /** Every step of it and its related cases, in time order. */
  entries: TimelineEntry[];
  /** The related cases, in id order. */
  cases: TimelineCase[];
  /** For a bundle case, the join of its members. */
  bundle?: BundleProgress;
}

/** The outcome of `timeline`. Narrow on `outcome`. */
export type TimelineOutcome =
  | { outcome: "found"; timeline: Timeline }
  | {
      outcome: "refused";
      /** `case.not_found`, or a line that is not an event (`input.*`, `params.line`). */
      error: Problem;
    };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_REVIEW_TYPES: &str = r#"
/** The five levels of 好差评 (国办发〔2019〕51号); the last two are bad reviews (差评). */
export type Rating =
  | "very_satisfied"
  | "satisfied"
  | "basically_satisfied"
  | "dissatisfied"
  | "very_dissatisfied";

/** How a rating was given: on site (一次一评), online (一事一评), or by default. */
export type EvaluationChannel = "on_site" | "online" | "default";

/** Why a station appeals a bad review: 误评 or 恶意差评. */
export type AppealGround = "mistaken" | "malicious";

/** Where a review is: rated, 待核实, 申诉中, 整改中, 待回访, 已办结, void (appeal upheld). */
export type ReviewStatus =
  | "rated"
  | "verifying"
  | "appealed"
  | "rectifying"
  | "revisiting"
  | "closed"
  | "void";

/** What a rating needs to know of the case it rates. */
export interface CaseFacts {
  /** The case id (and the review's). */
  case: string;
  /** The matter's code. */
  matter: string;
  /** The station or centre the case was submitted to. */
  org: string;
  /** The channel the case came in through. */
  channel: Channel;
  /** The applicant's account id (who is invited to rate). */
  applicant: string;
  /** When the case concluded (办结), RFC 3339 with offset; `null` or absent while it has not. */
  concludedAt?: string | null;
}

/** The invitation to rate a concluded case (评价邀请). */
export interface Invitation {
  /** The case (and the review's id). */
  case: string;
  /** Who is invited. */
  applicant: string;
  /** Where the citizen may rate. */
  channels: EvaluationChannel[];
  /** The last day to rate (CST), `YYYY-MM-DD`. */
  lastDay: string;
  /** The rating recorded from the day after, if the citizen has not rated. */
  defaultRating?: Rating;
}

/** The outcome of `Engine.reviewInvitation`. Narrow on `outcome`. */
export type InvitationOutcome =
  | { outcome: "invited"; invitation: Invitation }
  | {
      outcome: "refused";
      /** Why (`review.not_concluded`). */
      error: Problem;
    };

/** A bad review's appeal (申诉). */
export interface Appeal {
  ground: AppealGround;
  /** References to the evidence. */
  evidence: string[];
  /** Why. */
  reason: string;
  /** Who appealed. */
  by: string;
  /** The day of the appeal, `YYYY-MM-DD`. */
  on: string;
  /** Whether a supervisor upheld it; absent while undecided. */
  upheld?: boolean;
}

/** One review, as its events made it. Dates are `YYYY-MM-DD`. */
export interface Review {
  /** The review id: the id of the case it rates. */
  id: string;
  /** The matter's code. */
  matter: string;
  /** The station or centre the case was submitted to. */
  org: string;
  /** The case's channel. */
  caseChannel: Channel;
  /** How the rating was given. */
  channel: EvaluationChannel;
  rating: Rating;
  /** Whether the rater is known (实名), so can be called back. */
  realName: boolean;
  /** The citizen's comment. */
  comment?: string;
  /** When it was rated, RFC 3339 with offset. */
  ratedAt: string;
  status: ReviewStatus;
  /** Number of events applied; the next command must name it. */
  version: number;
  /** The day the bad review was verified (核实). */
  verifiedOn?: string;
  /** The last day to rectify it. */
  rectifyBy?: string;
  /** The day it was rectified. */
  rectifiedOn?: string;
  appeal?: Appeal;
  /** Whether the citizen was satisfied when called back; absent: not revisited. */
  revisitSatisfied?: boolean;
  /** Client ids of the commands applied, in order; absent when none. */
  clientIds?: string[];
  /**
   * What the commands of the last of `clientIds` did, in the same order, so that another
   * command under an id already used is refused (`review.client_id_reused`) rather than
   * taken for a retry. Absent when none.
   */
  clientActions?: ReviewAction[];
}

/** What a review command does, without its payload. */
export type ReviewAction =
  | "rate"
  | "apply_default"
  | "verify"
  | "appeal"
  | "decide_appeal"
  | "rectify"
  | "revisit";

/** What an actor asks to do to a review, tagged by `type`. */
export type ReviewCommand =
  | {
      /** The applicant rates the concluded case. */
      type: "rate";
      rating: Rating;
      /** On site or online (not `default`). */
      channel: EvaluationChannel;
      /** Whether the rater is known and may be called back (实名); default true. */
      realName?: boolean;
      comment?: string | null;
    }
  | {
      /** The system records the configured default rating: the window passed unrated. */
      type: "apply_default";
    }
  | { /** 核实. */ type: "verify"; finding: string }
  | {
      /** 申诉: the review is mistaken or malicious. */
      type: "appeal";
      ground: AppealGround;
      /** At least one. */
      evidence: string[];
      reason: string;
    }
  | { /** A supervisor decides the appeal. */ type: "decide_appeal"; upheld: boolean; reason: string }
  | { /** 整改. */ type: "rectify"; measures: string }
  | { /** 回访. */ type: "revisit"; satisfied: boolean; note?: string | null };

/** A review command with what makes it safe to retry and to race. */
export interface ReviewEnvelope {
  /** The review id: the id of the case rated. */
  review: string;
  /** The review version the client saw (0 for `rate` and `apply_default`). */
  expectedVersion: number;
  /** A client-generated id, unique per command. */
  clientId: string;
  command: ReviewCommand;
}

/** What happened to a review, tagged by `type`. */
export type ReviewEventKind =
  | {
      /** Rated (by the citizen, or by default). */
      type: "rated";
      matter: string;
      org: string;
      caseChannel: Channel;
      channel: EvaluationChannel;
      rating: Rating;
      realName: boolean;
      comment?: string;
    }
  | { /** 核实: rectify by `rectifyBy`. */ type: "verified"; finding: string; rectifyBy: string }
  | { type: "appealed"; ground: AppealGround; evidence: string[]; reason: string }
  | {
      type: "appeal_decided";
      upheld: boolean;
      reason: string;
      /** When refused: the last day to rectify. */
      rectifyBy?: string;
    }
  | { type: "rectified"; measures: string }
  | { type: "revisited"; satisfied: boolean; note?: string };

/** One event of one review. */
export interface ReviewEvent {
  /** The event format's version (1). */
  schema: number;
  /** The review (the id of the case rated). */
  review: string;
  /** The review's version after this event. */
  version: number;
  clientId: string;
  actor: Actor;
  /** When, RFC 3339 with offset. */
  at: string;
  kind: ReviewEventKind;
}

/** What `Engine.decideReview` takes. */
export interface ReviewDecideRequest {
  /** The review as the page holds it; `null` (or absent) before the rating. */
  review?: Review | null;
  /** The case rated (needed by `rate` and `apply_default`). */
  facts?: CaseFacts | null;
  command: ReviewEnvelope;
  /** Who acts, when (the channel of the context is the case's). */
  context: CaseContext;
}

/** What `evolveReview` takes. */
export interface ReviewEvolveRequest {
  /** The review so far; `null` (or absent) before its first event. */
  review?: Review | null;
  event: ReviewEvent;
}

/** The outcome of `Engine.decideReview`. Narrow on `outcome`. */
export type ReviewDecision =
  | {
      outcome: "accepted";
      /** The events to store and apply with `evolveReview`; none for a retried client id. */
      events: ReviewEvent[];
    }
  | {
      outcome: "refused";
      /** Why, coded (`review.*`); nothing changed. */
      error: Problem;
    };

/** The outcome of `evolveReview`. Narrow on `outcome`. */
export type ReviewEvolution =
  | { outcome: "applied"; review: Review }
  | { outcome: "refused"; error: Problem };

/** What a 办不成事 complaint is about, as triage finds it. */
export type ComplaintCategory = "policy" | "process" | "authority" | "system" | "service" | "other";

/** Where a complaint is. */
export type ComplaintStatus = "received" | "triaged" | "answered";

/** What an actor asks to do to a complaint, tagged by `type`. */
export type ComplaintCommand =
  | {
      /** 反映: something could not get done. */
      type: "report";
      /** The station or centre concerned. */
      org: string;
      /** The matter, when it is about one. */
      matter?: string | null;
      /** The case, when it is about one. */
      case?: string | null;
      /** What happened. */
      summary: string;
    }
  | {
      /** 研判: what it is about and who answers. */
      type: "triage";
      category: ComplaintCategory;
      /** The organisation that answers. */
      handler: string;
    }
  | {
      /** 答复. */
      type: "answer";
      answer: string;
      /** Whether the thing got done after all. */
      resolved: boolean;
    };

/** A complaint command with what makes it safe to retry and to race. */
export interface ComplaintEnvelope {
  /** The complaint id (for `report`, the id of the new one). */
  complaint: string;
  /** The complaint version the client saw (0 for `report`). */
  expectedVersion: number;
  clientId: string;
  command: ComplaintCommand;
}

/** What happened to a complaint, tagged by `type`. */
export type ComplaintEventKind =
  | {
      type: "reported";
      org: string;
      matter?: string;
      case?: string;
      /** The reporter's account id, when a citizen reported it themselves. */
      reporter?: string;
      summary: string;
      /** The last day to answer, `YYYY-MM-DD`. */
      answerBy: string;
    }
  | { type: "triaged"; category: ComplaintCategory; handler: string }
  | { type: "answered"; answer: string; resolved: boolean };

/** One event of one complaint. */
export interface ComplaintEvent {
  /** The event format's version (1). */
  schema: number;
  complaint: string;
  /** The complaint's version after this event. */
  version: number;
  clientId: string;
  actor: Actor;
  channel: Channel;
  /** When, RFC 3339 with offset. */
  at: string;
  kind: ComplaintEventKind;
}

/** One complaint, as its events made it. Dates are `YYYY-MM-DD`. */
export interface Complaint {
  id: string;
  /** The station or centre concerned. */
  org: string;
  matter?: string;
  case?: string;
  reporter?: string;
  /** The channel it came in through. */
  channel: Channel;
  summary: string;
  status: ComplaintStatus;
  version: number;
  receivedOn: string;
  answerBy: string;
  category?: ComplaintCategory;
  handler?: string;
  answer?: string;
  answeredOn?: string;
  resolved?: boolean;
  clientIds?: string[];
}

/** What `Engine.decideComplaint` takes. */
export interface ComplaintDecideRequest {
  /** The complaint as the page holds it; `null` (or absent) before `report`. */
  complaint?: Complaint | null;
  command: ComplaintEnvelope;
  context: CaseContext;
}

/** What `evolveComplaint` takes. */
export interface ComplaintEvolveRequest {
  /** The complaint so far; `null` (or absent) before its first event. */
  complaint?: Complaint | null;
  event: ComplaintEvent;
}

/** The outcome of `Engine.decideComplaint`. Narrow on `outcome`. */
export type ComplaintDecision =
  | { outcome: "accepted"; events: ComplaintEvent[] }
  | { outcome: "refused"; error: Problem };

/** The outcome of `evolveComplaint`. Narrow on `outcome`. */
export type ComplaintEvolution =
  | { outcome: "applied"; complaint: Complaint }
  | { outcome: "refused"; error: Problem };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_APPOINTMENT_TYPES: &str = r#"
/** A bookable slot at a station (预约时段). Days are `YYYY-MM-DD`, times of day CST `HH:MM:SS`. */
export interface Slot {
  /** Stable id, 1 to 128 bytes (UTF-8), one slot's only. */
  id: string;
  /** The station (or street centre), 1 to 64 bytes (UTF-8). */
  station: string;
  /** The day. */
  date: string;
  /** Start, CST (`HH:MM:SS`). */
  start: string;
  /** End, CST: after the start. */
  end: string;
  /** How many appointments it takes (booked and arrived ones count), at most 100,000. */
  capacity: number;
  /**
   * 延时服务: outside office hours (evenings, weekends, holidays), so it may fall on a day
   * that is not a working day; left out: false.
   */
  extendedHours?: boolean;
}

/** What became of an appointment: booked (still ahead), cancelled, 爽约 (no-show), arrived. */
export type AppointmentStatus = "booked" | "cancelled" | "no_show" | "arrived";

/** One appointment, as the book's events made it. Its ids have 1 to 128 bytes (UTF-8). */
export interface Appointment {
  /** Stable id (client-generated, so a retried booking is recognised), one appointment's only. */
  id: string;
  /** The slot: one of the book's. */
  slot: string;
  /** The applicant's account id. */
  applicant: string;
  /** The matter's code. */
  matter: string;
  /** Special groups the applicant belongs to; absent when none. */
  specialGroups?: SpecialGroup[];
  /** 上门服务: the staff go to the applicant instead; left out: false. */
  homeVisit?: boolean;
  /** Where it stands. */
  status: AppointmentStatus;
  /** The case it became, once the applicant arrived. */
  case?: string;
}

/**
 * The slots of a station (or a district) and their appointments. Store it and pass it back
 * as it is: a book that does not hold together (an id out of bounds, a slot that ends before
 * it starts, two slots or two appointments of one id, an appointment in no slot of the
 * book) cannot be read (`input.shape`).
 */
export interface AppointmentBook {
  /** Slots offered. */
  slots: Slot[];
  /** Appointments made, in booking order; left out: none. */
  appointments?: Appointment[];
}

/** What a citizen or a station asks of the book, tagged by `type`. Ids have 1 to 128 bytes. */
export type AppointmentCommand =
  | {
      /** Book a slot. */
      type: "book";
      /** The new appointment's id. */
      id: string;
      /** The slot. */
      slot: string;
      /** The applicant's account id. */
      applicant: string;
      /** The matter's code (one handled at stations). */
      matter: string;
      /** Special groups the applicant belongs to (a home visit needs one). */
      specialGroups?: SpecialGroup[];
      /** A home visit instead of coming in (for a matter offered by home visit). */
      homeVisit?: boolean;
    }
  | { /** Cancel before the slot starts. */ type: "cancel"; id: string }
  | { /** Record that the applicant did not come (after the slot ended). */ type: "no_show"; id: string }
  | {
      /** Record that the applicant came, on the slot's day, and which case was opened for them. */
      type: "arrive";
      id: string;
      /** The case opened (its `submit` names this appointment). */
      case: string;
    };

/** What happened to the book: the command, accepted, at a time. */
export interface AppointmentEvent {
  /** The accepted command. */
  command: AppointmentCommand;
  /** When, RFC 3339 with offset. */
  at: string;
}

/** What `Engine.decideAppointment` takes. */
export interface AppointmentDecideRequest {
  /** The book as the page holds it: its slots and the appointments made. */
  book: AppointmentBook;
  /** What the citizen or the station asks. */
  command: AppointmentCommand;
  /** When: RFC 3339 with offset, e.g. `2025-05-06T10:00:00+08:00` (doorstep never reads the clock). */
  at: string;
}

/** What `evolveAppointment` takes. */
export interface AppointmentEvolveRequest {
  /** The book before the event. */
  book: AppointmentBook;
  /** The event, as `Engine.decideAppointment` gave it. */
  event: AppointmentEvent;
}

/** The outcome of `Engine.decideAppointment`. Narrow on `outcome`. */
export type AppointmentDecision =
  | {
      outcome: "accepted";
      /** The event to store and apply with `evolveAppointment`. */
      event: AppointmentEvent;
    }
  | {
      outcome: "refused";
      /** Why, coded (`appointment.*`); nothing changed. */
      error: Problem;
    };

/** The outcome of `evolveAppointment`. Narrow on `outcome`. */
export type AppointmentEvolution =
  | {
      outcome: "applied";
      /** The book after the event. */
      book: AppointmentBook;
    }
  | {
      outcome: "refused";
      /** Why, coded (`appointment.*`); the book is unchanged. */
      error: Problem;
    };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_METRICS_TYPES: &str = r#"
/** What `Engine.metrics` reports on: an organisation of the catalogue over `from..=to`. */
export interface MetricsQuery {
  /** An organisation code: a station, a street centre, the district. */
  scope: string;
  /** The first day (CST), `YYYY-MM-DD`. */
  from: string;
  /** The last day (CST, included). */
  to: string;
}

/** The organisation reported on. */
export interface ScopeInfo {
  org: string;
  name: string;
  level: OrgLevel;
}

/** Received and concluded cases of one channel. */
export interface ChannelCounts {
  received: number;
  concluded: number;
}

/** Case metrics. A rate over nothing is `null`. */
export interface CaseReport {
  /** Submitted (收件). */
  received: number;
  /** Accepted (受理). */
  accepted: number;
  notAccepted: number;
  withdrawn: number;
  /** Concluded (办结). */
  concluded: number;
  /** Concluded on or before the due date. */
  onTime: number;
  late: number;
  /** Concluded, due date unknown (outside the calendar). */
  deadlineUnknown: number;
  /** onTime / (onTime + late), 4 decimals. */
  onTimeRate: number | null;
  /** Mean counted working days from acceptance to conclusion (2 decimals). */
  averageWorkingDays: number | null;
  /** Concluded cases of 即办件 matters. */
  immediate: number;
  immediateRate: number | null;
  /** Received through 帮办代办. */
  proxy: number;
  /** Per channel; channels with nothing are left out. */
  byChannel: { [channel in Channel]?: ChannelCounts };
}

/** 好差评 metrics. A rate over nothing is `null`. */
export interface ReviewReport {
  /** Ratings given in the period, void ones excluded. */
  rated: number;
  /** Of them, per level (all five). */
  byLevel: { [level in Rating]: number };
  /** Of them, per evaluation channel. */
  byChannel: { [channel in EvaluationChannel]?: number };
  defaulted: number;
  satisfied: number;
  satisfactionRate: number | null;
  /** Bad reviews given in the period, void ones included. */
  bad: number;
  appealed: number;
  void: number;
  realName: number;
  revisited: number;
  /** Bad reviews whose rectification fell due in the period. */
  rectificationDue: number;
  rectifiedOnTime: number;
  rectifiedLate: number;
  unrectified: number;
  onTimeRectificationRate: number | null;
}

/** 办不成事 metrics. A rate over nothing is `null`. */
export interface ComplaintReport {
  received: number;
  linkedToCase: number;
  linkedToMatter: number;
  answered: number;
  resolved: number;
  /** Complaints whose answer fell due in the period. */
  answersDue: number;
  answeredOnTime: number;
  answeredLate: number;
  unanswered: number;
  onTimeRate: number | null;
}

/** The metrics of a scope over a period. */
export interface MetricsReport {
  scope: ScopeInfo;
  from: string;
  to: string;
  cases: CaseReport;
  reviews: ReviewReport;
  complaints: ComplaintReport;
  /** Events of the whole stream the fold could not place, or that `decide` would have refused in a way that moves a rate (dated back, ending an ended case, …): they change nothing. */
  ignoredEvents: number;
}

/** A line of the stream that is not an event (`input.*`), skipped. */
export interface LineProblem extends Problem {
  /** Its 1-based line. */
  line: number;
}

/** The outcome of `Engine.metrics`. Narrow on `outcome`. */
export type MetricsOutcome =
  | { outcome: "report"; report: MetricsReport; problems: LineProblem[] }
  | {
      outcome: "refused";
      /** `metrics.unknown_scope`, `metrics.period`, or an unreadable query's `input.*`. */
      error: Problem;
    };
"#;

#[wasm_bindgen]
extern "C" {
    /// What an engine call is about (`Target` in TypeScript): one matter or one bundle.
    #[wasm_bindgen(typescript_type = "Target")]
    pub type JsTarget;

    /// `MatterSummary[]`: the core's `doorstep::engine::MatterSummary` list.
    #[wasm_bindgen(typescript_type = "MatterSummary[]")]
    pub type JsMatterSummaries;

    /// `BundleSummary[]`: the core's `doorstep::engine::BundleSummary` list.
    #[wasm_bindgen(typescript_type = "BundleSummary[]")]
    pub type JsBundleSummaries;

    /// `FormSpec`: the core's `doorstep::form::FormSpec`.
    #[wasm_bindgen(typescript_type = "FormSpec")]
    pub type JsFormSpec;

    /// `Answer`: a form answer, an object keyed by field (`Engine.prefill`'s result).
    #[wasm_bindgen(typescript_type = "Answer")]
    pub type JsAnswer;

    /// `Validation`: the core's `doorstep::engine::Validation`.
    #[wasm_bindgen(typescript_type = "Validation")]
    pub type JsValidation;

    /// `AnswerCheck`: the core's `doorstep::engine::AnswerCheck`.
    #[wasm_bindgen(typescript_type = "AnswerCheck")]
    pub type JsAnswerCheck;

    /// `Labels`: the core's `doorstep::labels::Labels`.
    #[wasm_bindgen(typescript_type = "Labels")]
    pub type JsLabels;

    /// `FieldValidation`: the core's `doorstep::engine::FieldValidation`.
    #[wasm_bindgen(typescript_type = "FieldValidation")]
    pub type JsFieldValidation;

    /// `Material[]`: the core's `doorstep::catalog::Material` list.
    #[wasm_bindgen(typescript_type = "Material[]")]
    pub type JsMaterials;

    /// `Problem[]`: the core's `doorstep::Problem` list.
    #[wasm_bindgen(typescript_type = "Problem[]")]
    pub type JsProblems;

    /// The report of one check (`IdReport` in TypeScript): the core's `doorstep::ids::IdReport`
    /// serialised as JSON would show it.
    #[wasm_bindgen(typescript_type = "IdReport")]
    pub type JsIdReport;

    /// `IdKindInfo[]`: every identifier kind with its name (`idKinds`).
    #[wasm_bindgen(typescript_type = "IdKindInfo[]")]
    pub type JsIdKinds;

    /// `VerdictReport`: the core's `doorstep::authority::VerdictReport`.
    #[wasm_bindgen(typescript_type = "VerdictReport")]
    pub type JsVerdictReport;

    /// `LedgerReport`: the core's `doorstep::authority::ledger::LedgerReport`.
    #[wasm_bindgen(typescript_type = "LedgerReport")]
    pub type JsLedgerReport;

    /// `Appended`: the core's `doorstep::authority::ledger::Appended`.
    #[wasm_bindgen(typescript_type = "Appended")]
    pub type JsAppended;

    /// `Decision`: the core's `doorstep::case::Decision`.
    #[wasm_bindgen(typescript_type = "Decision")]
    pub type JsDecision;

    /// `Evolution`: the core's `doorstep::case::Evolution`.
    #[wasm_bindgen(typescript_type = "Evolution")]
    pub type JsEvolution;

    /// `Action[]`: the core's `doorstep::case::Action` list.
    #[wasm_bindgen(typescript_type = "Action[]")]
    pub type JsActions;

    /// `DeadlineStatus | null`: the core's `doorstep::calendar::DeadlineStatus`, if any.
    #[wasm_bindgen(typescript_type = "DeadlineStatus | null")]
    pub type JsDeadline;

    /// `ReplayReport`: the core's `doorstep::case::ReplayReport`.
    #[wasm_bindgen(typescript_type = "ReplayReport")]
    pub type JsReplayReport;

    /// `CalendarReport`: the core's `doorstep::calendar::CalendarReport`.
    #[wasm_bindgen(typescript_type = "CalendarReport")]
    pub type JsCalendarReport;

    /// `Policy[]`: the core's `doorstep::policy::Policy` list.
    #[wasm_bindgen(typescript_type = "Policy[]")]
    pub type JsPolicies;

    /// `PolicyReport`: the core's `doorstep::policy::PolicyReport`.
    #[wasm_bindgen(typescript_type = "PolicyReport")]
    pub type JsPolicyReport;

    /// `PolicyLine[]`: the core's `doorstep::policy::PolicyLine` list.
    #[wasm_bindgen(typescript_type = "PolicyLine[]")]
    pub type JsPolicyLines;

    /// `TimelineOutcome`: the core's `doorstep::case::TimelineOutcome`.
    #[wasm_bindgen(typescript_type = "TimelineOutcome")]
    pub type JsTimelineOutcome;

    /// `InvitationOutcome`: the core's `doorstep::review::InvitationOutcome`.
    #[wasm_bindgen(typescript_type = "InvitationOutcome")]
    pub type JsInvitationOutcome;

    /// `ReviewDecision`: the core's `doorstep::review::ReviewDecision`.
    #[wasm_bindgen(typescript_type = "ReviewDecision")]
    pub type JsReviewDecision;

    /// `ReviewEvolution`: the core's `doorstep::review::ReviewEvolution`.
    #[wasm_bindgen(typescript_type = "ReviewEvolution")]
    pub type JsReviewEvolution;

    /// `AppointmentDecision`: the core's `doorstep::appointment::AppointmentDecision`.
    #[wasm_bindgen(typescript_type = "AppointmentDecision")]
    pub type JsAppointmentDecision;

    /// `AppointmentEvolution`: the core's `doorstep::appointment::AppointmentEvolution`.
    #[wasm_bindgen(typescript_type = "AppointmentEvolution")]
    pub type JsAppointmentEvolution;

    /// `ComplaintDecision`: the core's `doorstep::complaint::ComplaintDecision`.
    #[wasm_bindgen(typescript_type = "ComplaintDecision")]
    pub type JsComplaintDecision;

    /// `ComplaintEvolution`: `evolveComplaint`'s outcome over the core's `Complaint`.
    #[wasm_bindgen(typescript_type = "ComplaintEvolution")]
    pub type JsComplaintEvolution;

    /// `MetricsOutcome`: the core's `doorstep::metrics::MetricsOutcome`.
    #[wasm_bindgen(typescript_type = "MetricsOutcome")]
    pub type JsMetricsOutcome;
}
