//! Policies (免申即享 / 政策匹配到人) behind the C ABI: the policies in effect on a day, and
//! one profile matched against them.
//!
//! As everywhere in this crate, the core decides and this module only translates: the
//! profile goes in as JSON text and the report comes back as the JSON every binding returns
//! (`doorstep::policy::PolicyReport`, from `Engine::policy_report`, the one entry point of
//! bindings). A policy the profile is not eligible for is an outcome, with its reasons; a
//! profile that cannot be matched (not JSON, too large or deep, not an object, no valid
//! `kind`) is a failure, coded as the other documents' are.

use std::ffi::c_char;

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::engine::Engine;
use doorstep::input;
use doorstep::policy::{MAX_PROFILE_BYTES, PolicyError};
use serde_json::Value;

use crate::boundary::ffi_boundary;
use crate::engine::{self, date, date_and_lang, document, doorstep_engine, write_json};
use crate::error::{Failure, doorstep_status};

/// Why `profile` cannot be matched, once `Engine::policy_report` has reported that it
/// cannot: the same steps, for the typed error the last error holds (they fail before any
/// rule is evaluated). `DOORSTEP_ERR_INTERNAL` if they do not fail (never expected).
fn profile_failure(engine: &Engine, profile: &str, at: NaiveDate, lang: Lang) -> Failure {
    input::parse_json::<Value>(profile, MAX_PROFILE_BYTES)
        .map_err(PolicyError::Input)
        .and_then(|profile| engine.match_policies(&profile, at, lang))
        .err()
        .map_or(Failure::Internal, Failure::from)
}

/// Lists the policies in effect on a day, as a JSON array, in catalogue order: each as the
/// catalogue gives it, `{"code", "name", "subject", "department", "benefit": {"text",
/// "amountFen"?}, "grantedWithoutApplication", "basis"?, "conditions": [{"code",
/// "description", "descriptionEn"?, "rule"}], "effective", "cancelled"?}`.
///
/// - `at`: the date `"YYYY-MM-DD"`; NULL is today in China Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status `*out_json` is left untouched and the thread's last error says why:
/// `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date (`arg.invalid_date`). Read-only:
/// thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `at` is NULL or a
/// NUL-terminated string; `out_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_policies(
    engine: *const doorstep_engine,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, out_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let at = unsafe { date(at) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let policies = unsafe { engine::engine(engine) }.policies(at);
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&policies)) }
    })
}

/// Matches one profile against every policy in effect on a day and writes the report, as
/// JSON, to `*out_report_json`: `{"eligible": ["CODE", ...], "matches": [{"code", "name",
/// "eligible", "grantedWithoutApplication", "reasons": [{"code", "held", "description",
/// "error"?}]}], "errors": []}` — the codes of the policies the profile is eligible for,
/// and every policy in effect, in catalogue order, with a reason per condition (held or
/// failed; for a profile of the other subject the one reason `subject`, failed), so that a
/// front end can say what is missing.
///
/// - `profile_json`: a person's or an enterprise's profile, `{"kind": "person" |
///   "enterprise", ...}` (the keys rules may read are listed in the core's `policy`
///   module), at most 1 MiB and 32 levels deep. Its own `"$at"`, if any, is replaced by
///   `at`.
/// - `at`: the date `"YYYY-MM-DD"` to match on; NULL is today in China Standard Time.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the descriptions; NULL is zh-CN.
///
/// A profile eligible for nothing is a normal outcome: `DOORSTEP_OK` with `"eligible": []`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a profile that cannot be matched (`input.too_large`,
/// `input.too_deep`, `input.malformed`, `policy.profile_not_object`,
/// `policy.profile_kind`; no message quotes the profile), `DOORSTEP_ERR_INVALID_ARGUMENT`
/// for an impossible date (`arg.invalid_date`) or an unknown lang (`arg.unknown_lang`).
/// Read-only: thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `profile_json`, `at` and
/// `lang` are NULL or NUL-terminated strings; `out_report_json` is NULL or points to a
/// writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_match_policies(
    engine: *const doorstep_engine,
    profile_json: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, profile_json, out_report_json) => {
        // SAFETY: (all) the caller passes NULL or a NUL-terminated string.
        let text = unsafe { document(profile_json, "profile_json", MAX_PROFILE_BYTES) }?;
        // SAFETY: as above.
        let (at, lang) = unsafe { date_and_lang(at, lang) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let engine = unsafe { engine::engine(engine) };
        let report = engine.policy_report(text, at, lang);
        if !report.errors.is_empty() {
            return Err(profile_failure(engine, text, at, lang));
        }
        // SAFETY: `out_report_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_report_json, serde_json::to_string(&report)) }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use doorstep::conformance;
    use serde_json::{Value, json};

    use super::*;
    use crate::test_support::{Loaded, c, last_message, last_params, outcome};

    fn policies(engine: &Loaded, at: Option<&CStr>) -> Result<Value, (doorstep_status, String)> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, a NUL-terminated string or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_engine_policies(engine.0, at.map_or(ptr::null(), CStr::as_ptr), &raw mut out)
        };
        outcome(status, out)
    }

    fn match_policies(
        engine: &Loaded,
        profile: &str,
        at: Option<&CStr>,
        lang: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let profile = c(profile);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_engine_match_policies(
                engine.0,
                profile.as_ptr(),
                at.map_or(ptr::null(), CStr::as_ptr),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    /// policies.json through the C ABI (`tests/c/test_policies.c` runs it from C too): the
    /// report, or for a profile that cannot be matched the report `policy_report` gives,
    /// made from the last error (`DOORSTEP_ERR_INVALID_INPUT`).
    #[test]
    fn policies_fixtures_through_the_c_abi() {
        let engine = Loaded::new(&conformance::load("catalog/policies.json"), c"2025-09-01");
        let failures = conformance::run("policies.json", |input| {
            let text = match input.raw.get("profile") {
                Some(profile) => profile.to_string(),
                None => input.value.clone(),
            };
            let at = c(input.at.as_deref().unwrap());
            let lang = input.lang.as_deref().map(c);
            match match_policies(&engine, &text, Some(&at), lang.as_deref()) {
                Ok(report) => report,
                Err((status, code)) => {
                    assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
                    let tag = lang.unwrap_or_else(|| c("zh-CN"));
                    json!({
                        "eligible": [], "matches": [],
                        "errors": [{ "code": code, "message": last_message(Some(&tag)) }],
                    })
                }
            }
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_policies_in_effect_on_a_day() {
        let engine = Loaded::new(&conformance::load("catalog/policies.json"), c"2025-09-01");
        let listed = policies(&engine, Some(c"2025-09-01")).unwrap();
        let catalog = conformance::load("catalog/policies.json");
        let all = catalog["policies"].as_array().unwrap();
        let listed = listed.as_array().unwrap();
        assert!(!listed.is_empty() && listed.len() <= all.len());
        for policy in listed {
            let original = all.iter().find(|p| p["code"] == policy["code"]).unwrap();
            assert_eq!(policy["conditions"], original["conditions"]);
        }
        // Today: whatever is in effect, a list.
        assert!(policies(&engine, None).unwrap().is_array());
        assert_eq!(
            policies(&engine, Some(c"2025-02-30")).unwrap_err(),
            (
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT,
                "arg.invalid_date".to_owned()
            )
        );
    }

    #[test]
    fn profiles_that_cannot_be_matched_are_coded() {
        let engine = Loaded::new(&conformance::load("catalog/policies.json"), c"2025-09-01");
        let at = Some(c"2025-09-01");
        let input = doorstep_status::DOORSTEP_ERR_INVALID_INPUT;
        let argument = doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT;
        let cases = [
            ("{\"kind\": \"person\"", None, input, "input.malformed"),
            ("[1]", None, input, "policy.profile_not_object"),
            ("{\"kind\": \"family\"}", None, input, "policy.profile_kind"),
            (
                "{\"kind\": \"person\"}",
                Some(c"fr"),
                argument,
                "arg.unknown_lang",
            ),
        ];
        for (profile, lang, status, code) in cases {
            assert_eq!(
                match_policies(&engine, profile, at, lang).unwrap_err(),
                (status, code.to_owned()),
                "{profile}"
            );
        }
        let kind = match_policies(&engine, "{}", at, None).unwrap_err();
        assert_eq!(kind.1, "policy.profile_kind");
        assert_eq!(last_params()["allowed"], json!(["person", "enterprise"]));
        let huge = format!("\"{}\"", "a".repeat(MAX_PROFILE_BYTES));
        assert_eq!(
            match_policies(&engine, &huge, at, None).unwrap_err(),
            (input, "input.too_large".to_owned())
        );
        // A profile of the other subject for every policy: eligible for none, not a failure.
        let report = match_policies(&engine, "{\"kind\": \"enterprise\"}", at, None).unwrap();
        assert_eq!(report["errors"], json!([]));
    }

    #[test]
    fn null_arguments_and_text_that_is_not_utf8() {
        let engine = Loaded::new(&conformance::load("catalog/policies.json"), c"2025-09-01");
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe { doorstep_engine_policies(ptr::null(), ptr::null(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // SAFETY: NULL profile: rejected before it is read.
        let status = unsafe {
            doorstep_engine_match_policies(
                engine.0,
                ptr::null(),
                ptr::null(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "profile_json");
        // SAFETY: a live engine, a profile that is not UTF-8.
        let status = unsafe {
            doorstep_engine_match_policies(
                engine.0,
                c"{\"kind\": \"\xff\"}".as_ptr(),
                ptr::null(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_UTF8);
        assert_eq!(last_params()["name"], "profile_json");
        // SAFETY: a live engine, a date that is not UTF-8.
        let status = unsafe { doorstep_engine_policies(engine.0, c"\xff".as_ptr(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_UTF8);
        assert_eq!(last_params()["name"], "at");
        assert!(out.is_null());
    }
}
