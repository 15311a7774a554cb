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

/** The language of messages: Simplified Chinese (the default) or English. */
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
  /** Whether a 15-digit resident ID was upgraded to 18 digits (resident IDs). */
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
  /** The value as given. */
  value: string;
  /** The kind it was checked as. */
  kind: IdKind;
  valid: true;
  /** Always empty for a valid value. */
  errors: Problem[];
}

/** The report of an invalid identifier: every problem found. */
export interface InvalidIdReport {
  /** The value as given. */
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
 * `id_birth_date`, `id_sex`, `age_at` and `days_between`.
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
 * What every function throws on misuse (never for an invalid identifier or answer, which
 * is a report): a real `Error` with the core's stable `code` — `arg.unknown_kind`,
 * `arg.invalid_date`, `arg.unknown_lang`, `arg.clock`, `arg.invalid_type`;
 * `engine.catalog_invalid` (the lint problems in `params.problems`),
 * `engine.unknown_matter`, `engine.unknown_bundle`, `engine.target`; `input.too_large`,
 * `input.too_deep`, `input.malformed`, `input.shape` — and a message in zh-CN, or in English
 * when the call asked for `lang: "en"`.
 */
export interface DoorstepError extends Error {
  code: string;
  params?: Record<string, unknown>;
}
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
}
