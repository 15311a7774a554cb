//! `evaluateRule`: a `JsonLogic` rule of the catalogue's kind evaluated in the page — what
//! a form uses to show and hide fields as the user types, with the engine's own operators
//! (domain ones included) — and what the shared rule fixture runs through in Node and
//! Chromium. `Engine.evaluateRule` evaluates the same way on the engine's working calendar
//! (the shipped years and the catalogue's own), which `working_days_between` counts on.

use doorstep::Lang;
use doorstep::rule::{MAX_RULE_REQUEST_BYTES, RuleOutcome, RuleRequest};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{lang_of, object_arg};
use crate::engine::JsEngine;
use crate::options::CallOptions;
use crate::to_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_RULE_TYPES: &str = r#"
/** What `evaluateRule` takes: a JsonLogic rule and the data it reads (`null` when absent). */
export interface RuleRequest {
  rule: JsonLogicRule;
  data?: JsonValue;
}

/** The outcome of `evaluateRule`. Narrow on `outcome`. */
export type RuleOutcome =
  | {
      outcome: "evaluated";
      /** The rule's value. */
      result: JsonValue;
    }
  | {
      outcome: "refused";
      /** Why, coded (`rule.*`), with the JSON Pointer into the rule in `path`. */
      error: Problem;
    };
"#;

#[wasm_bindgen]
extern "C" {
    /// `RuleOutcome`: the core's `doorstep::rule::RuleOutcome`.
    #[wasm_bindgen(typescript_type = "RuleOutcome")]
    pub type JsRuleOutcome;
}

/// Evaluates `request.rule` over `request.data`: `{outcome: "evaluated", result}`, or
/// `{outcome: "refused", error}` for a rule that cannot be compiled or evaluated
/// (`rule.unknown_operator`, `rule.arity`, `rule.out_of_calendar`, …). `options.lang` for
/// the refusal's message. Working days count on the shipped calendar: for a catalogue's
/// rules, use `Engine.evaluateRule`.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 1 MiB).
#[wasm_bindgen(js_name = evaluateRule)]
pub fn evaluate_rule(
    #[wasm_bindgen(unchecked_param_type = "RuleRequest")] request: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsRuleOutcome, js_sys::Error> {
    outcome(request, options, RuleRequest::run)
}

/// The outcome of `run` on the request read from `request` (at most 1 MiB), worded in
/// `options.lang`.
fn outcome(
    request: &JsValue,
    options: Option<Ts<CallOptions>>,
    run: impl FnOnce(&RuleRequest, Lang) -> RuleOutcome,
) -> Result<JsRuleOutcome, js_sys::Error> {
    let lang = lang_of(options)?;
    let request: RuleRequest = object_arg(request, "request", MAX_RULE_REQUEST_BYTES, lang)?;
    to_js(&run(&request, lang)).map(JsCast::unchecked_into)
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Evaluates `request.rule` over `request.data` as `evaluateRule` does, with working
    /// days (`working_days_between`) counted on the engine's calendar: the shipped years and
    /// the catalogue's own. What a page evaluates the rules of this catalogue's forms with.
    ///
    /// Throws a `DoorstepError` only for a wrong call, as `evaluateRule`.
    #[wasm_bindgen(js_name = evaluateRule)]
    pub fn evaluate_rule(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleRequest")] request: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsRuleOutcome, js_sys::Error> {
        outcome(request, options, |request, lang| {
            self.engine.evaluate_rule(request, lang)
        })
    }
}
