//! 免申即享 / 政策匹配到人 (issue 6): `Engine.policies`, `Engine.matchPolicies` and
//! `Engine.matchPolicyLines` over the catalogue's policies.
//!
//! As everywhere in this crate, the core decides: a profile goes to the core as JSON text
//! (an object through `JSON.stringify`, see `src/answer.rs`) and comes back as the core's
//! report, the one every binding returns (`Engine::policy_report`, as the C ABI's
//! `doorstep_engine_match_policies` and the shared fixture `tests/fixtures/policies.json`);
//! a station's 摸排登记 list goes as JSON Lines and comes back one outcome per line, as
//! `doorstep policy match` prints them (`Engine::policy_lines`).
//!
//! A policy the profile is not eligible for is an outcome, with its reasons; so is a
//! profile that cannot be matched (not JSON, over 1 MiB, too deep, not an object, no valid
//! `kind`): a report with that one problem in `errors`, or a line with its `error`. Only a
//! wrong call throws a `DoorstepError`: `arg.invalid_type`, `arg.invalid_date`,
//! `arg.unknown_lang`, and for a profile object `JSON.stringify` cannot write (a cycle, a
//! `BigInt`, nesting past the JS engine's stack) what `src/answer.rs` throws for it.

use doorstep::Coded;
use doorstep::input::InputError;
use doorstep::policy::{MAX_PROFILE_BYTES, PolicyError, PolicyLine, PolicyReport};
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{self, bounded_text};
use crate::engine::{JsEngine, date_and_lang};
use crate::error::coded_error;
use crate::options::{CallOptions, type_error_in};
use crate::to_js;
use crate::types::{JsPolicies, JsPolicyLines, JsPolicyReport};

/// The longest list `Engine.matchPolicyLines` takes, in UTF-16 code units of its text (as
/// `Engine.replay` takes events): a district's 摸排登记 list is far smaller.
pub(crate) const MAX_POLICY_LINES_UNITS: usize = 256 << 20;

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// The policies in effect on `options.at` (default: today in China Standard Time), in
    /// catalogue order, each as the catalogue gives it: code, name, subject, department,
    /// benefit, 免申即享, basis, conditions with their rules, effective and cancelled
    /// dates. `options.lang` is checked but not used.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.invalid_date`,
    /// `arg.unknown_lang`, `arg.invalid_type`.
    pub fn policies(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<
            Ts<CallOptions>,
        >,
    ) -> Result<JsPolicies, js_sys::Error> {
        let (at, _) = date_and_lang(&CallOptions::texts(options)?)?;
        to_js(&self.engine.policies(at)).map(JsCast::unchecked_into)
    }

    /// Matches one person's or enterprise's `profile` (an object, or its JSON text: at most
    /// 1 MiB, 32 levels deep; `kind` is `"person"` or `"enterprise"`) against every policy
    /// in effect on `options.at` (default: today in China Standard Time; a profile's own
    /// `$at` is replaced): the codes of the policies it is eligible for, and every policy
    /// in effect with a reason per condition, held or failed (for a profile of the other
    /// subject, the one reason `subject`), so that a page can say what is missing.
    /// `options.lang` words the descriptions and problems.
    ///
    /// A profile that cannot be matched is a report with its one problem in `errors`
    /// (`input.malformed`, `input.too_large`, `input.too_deep`,
    /// `policy.profile_not_object`, `policy.profile_kind`; no message quotes the profile).
    /// Only a wrong call throws: `arg.invalid_type` (a profile that is neither an object nor
    /// a string), `arg.invalid_date`, `arg.unknown_lang`.
    #[wasm_bindgen(js_name = matchPolicies)]
    pub fn match_policies(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyProfile | string")] profile: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsPolicyReport, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let (at, lang) = date_and_lang(&texts)?;
        let text = answer::json_text(profile, "profile", MAX_PROFILE_BYTES, Some(lang))?;
        let report = match bounded_text(&text, MAX_PROFILE_BYTES) {
            Ok(text) => self.engine.policy_report(&text, at, lang),
            // As the core reports a profile over its limit, without copying it first.
            Err(e) => PolicyReport {
                eligible: Vec::new(),
                matches: Vec::new(),
                errors: vec![PolicyError::Input(e).to_problem(lang)],
            },
        };
        to_js(&report).map(JsCast::unchecked_into)
    }

    /// Matches a station's 摸排登记 list: `lines` is JSON Lines, one profile per line (as
    /// `matchPolicies` takes one, each at most 1 MiB; a final `\r` is ignored, blank lines
    /// are skipped), matched on `options.at` (default: today in China Standard Time), the
    /// policies in effect found once for the whole list. One outcome per profile line, in
    /// order, numbered from 1 (blank lines counted): `{line, matches}`, every policy in
    /// effect with `eligible` and its reasons, or `{line, error}` for a line that is not a
    /// profile (`input.*`, `policy.profile_not_object`, `policy.profile_kind`); one bad line
    /// spoils nothing else. The same lines `doorstep policy match` prints.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.invalid_type` (not a string),
    /// `input.too_large` (text longer than 256 Mi UTF-16 code units, before it is copied),
    /// `arg.invalid_date`, `arg.unknown_lang`.
    #[wasm_bindgen(js_name = matchPolicyLines)]
    pub fn match_policy_lines(
        &self,
        lines: &JsString,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsPolicyLines, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let (at, lang) = date_and_lang(&texts)?;
        if !lines.is_string() {
            return Err(type_error_in("lines", "string", Some(lang)));
        }
        let text = bounded_text(lines, MAX_POLICY_LINES_UNITS).map_err(|_| {
            let too_large = InputError::TooLarge {
                max: MAX_POLICY_LINES_UNITS,
            };
            coded_error(&too_large, Some(lang))
        })?;
        let outcomes: Vec<PolicyLine<'_>> = self
            .engine
            .policy_lines(text.as_bytes(), at, lang)
            .collect();
        to_js(&outcomes).map(JsCast::unchecked_into)
    }
}
