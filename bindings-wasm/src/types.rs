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

/**
 * What every function throws on misuse (never for an invalid identifier, which is a
 * report): a real `Error` with the core's stable `code` — `arg.unknown_kind`,
 * `arg.invalid_date`, `arg.unknown_lang`, `arg.clock` or `arg.invalid_type` — and a message
 * in zh-CN, or in English when the call asked for `lang: "en"`.
 */
export interface DoorstepError extends Error {
  code: string;
  params?: Record<string, unknown>;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The report of one check (`IdReport` in TypeScript): the core's `doorstep::ids::IdReport`
    /// serialised as JSON would show it.
    #[wasm_bindgen(typescript_type = "IdReport")]
    pub type JsIdReport;
}
