//! A `JsonLogic` rule evaluated on request behind the C ABI: what a window system needs to
//! show and hide fields as a clerk types, with the engine's own operators (the domain ones
//! included: `id_birth_date`, `id_age`, `id_sex`, `days_between`, `working_days_between`,
//! `age_at`). Without an engine working days count on the shipped calendar; with one, on
//! the engine's (the shipped years and its catalogue's).

use std::ffi::c_char;

use doorstep::rule::{MAX_RULE_REQUEST_BYTES, RuleRequest};

use crate::boundary::ffi_boundary;
use crate::engine::{self, doorstep_engine, json_call};
use crate::error::doorstep_status;

/// Evaluates a rule over data and writes the outcome, as JSON, to `*out_outcome_json`:
/// `{"outcome": "evaluated", "result": VALUE}`, or `{"outcome": "refused", "error": {"path",
/// "code", "params"?, "message"}}` when the rule cannot be compiled or evaluated
/// (`rule.unknown_operator`, `rule.not_an_operation`, `rule.arity`, `rule.too_deep`,
/// `rule.invalid_date`, `rule.out_of_calendar`; `path` points into the rule). Working days
/// (`working_days_between`) count on the shipped calendar: for a catalogue's rules, use
/// `doorstep_engine_evaluate_rule`.
///
/// - `request_json`: `{"rule": RULE, "data": DATA}` (`data` may be left out: `null`), at
///   most 1 MiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// A refused rule is an outcome: `DOORSTEP_OK`. No engine is needed; thread-safe.
///
/// On `DOORSTEP_OK` the caller owns `*out_outcome_json` and frees it with
/// `doorstep_string_free`. On any other status it is left untouched and the thread's last
/// error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be read (`input.*`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang.
///
/// # Safety
///
/// `request_json` and `lang` are NULL or NUL-terminated strings; `out_outcome_json` is NULL
/// or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_rule_evaluate(
    request_json: *const c_char,
    lang: *const c_char,
    out_outcome_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_outcome_json) => {
        let evaluate = |text: &str, lang| Ok(RuleRequest::from_json(text)?.run(lang));
        let doc = (request_json, "request_json", MAX_RULE_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_outcome_json, evaluate) }
    })
}

/// Evaluates a rule over data as `doorstep_rule_evaluate` does, with working days
/// (`working_days_between`) counted on the engine's calendar: the shipped years and the
/// catalogue's own (`"calendar"`). What a window system evaluates the rules of the
/// engine's catalogue with (a form's `visibleIf`, as a clerk types).
///
/// - `request_json`, `lang`, `*out_outcome_json`: as for `doorstep_rule_evaluate`.
///
/// On `DOORSTEP_OK` the caller owns `*out_outcome_json` and frees it with
/// `doorstep_string_free`. On any other status it is left untouched and the thread's last
/// error says why, as for `doorstep_rule_evaluate`. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` and `lang`
/// are NULL or NUL-terminated strings; `out_outcome_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_evaluate_rule(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    lang: *const c_char,
    out_outcome_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_outcome_json) => {
        let evaluate = |text: &str, lang| {
            let request = RuleRequest::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.evaluate_rule(&request, lang))
        };
        let doc = (request_json, "request_json", MAX_RULE_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_outcome_json, evaluate) }
    })
}
