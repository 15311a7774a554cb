//! 好差评 (reviews) and 办不成事 (complaints) behind the C ABI: a review command decided, a
//! review event applied, the invitation to rate a concluded case, a complaint command
//! decided and a complaint event applied.
//!
//! As everywhere in this crate, the core decides and this module only translates: requests
//! go in as JSON text (`doorstep::review::{ReviewDecideRequest, ReviewEvolveRequest,
//! CaseFacts}`, `doorstep::complaint::{ComplaintDecideRequest, ComplaintEvolveRequest}`),
//! and outcomes come back as the JSON every binding returns (`ReviewDecision`,
//! `ReviewEvolution`, `InvitationOutcome`, `ComplaintDecision`, `ComplaintEvolution`). A refused command or event is an outcome (`"outcome": "refused"`),
//! not a failure; a request that cannot be read is.
//!
//! The host stores the events and the reviews and complaints they make: every call is given
//! the review or complaint as the host holds it, and nothing is kept between calls.

use std::ffi::c_char;

use doorstep::complaint::{ComplaintDecideRequest, ComplaintEvolveRequest};
use doorstep::input;
use doorstep::review::{
    CaseFacts, MAX_REVIEW_REQUEST_BYTES, ReviewDecideRequest, ReviewEvolveRequest,
};

use crate::boundary::ffi_boundary;
use crate::engine::{self, doorstep_engine, json_call};
use crate::error::doorstep_status;

/// Decides a command against a review (好差评) and writes the decision, as JSON, to
/// `*out_decision_json`: `{"outcome": "accepted", "events": [...]}`, the events to store
/// and apply (with `doorstep_review_evolve`) in order — none when the command's client id
/// was applied before to the same action (a retry) — or `{"outcome": "refused", "error":
/// {"code", "params"?, "message"}}`, why the command was refused, nothing having changed
/// (`review.rating_closed`, `review.not_concluded`, `review.not_applicant`,
/// `review.role_not_permitted`, `review.wrong_org`, `review.conflict`,
/// `review.wrong_status`, `review.evidence`, `review.client_id_reused`, ...).
///
/// - `request_json`: `{"review": REVIEW | null, "facts"?: {"case", "matter", "org",
///   "channel", "applicant", "concludedAt"?}, "command": {"review", "expectedVersion",
///   "clientId", "command": {"type", ...}}, "context": {"actor": {"id", "role", "org"},
///   "channel", "at"}}`, at most 256 KiB: the review as the host holds it (`null` before
///   `rate` and `apply_default`), the facts of the case rated (needed by `rate` and
///   `apply_default`), the command with the version it was made against and its
///   client-generated id, and who acts, through which channel, when (RFC 3339 with offset;
///   doorstep never reads the clock). The commands: `rate`, `apply_default` (the default
///   rating once the window has passed), `verify`, `rectify`, `revisit`, `appeal`,
///   `decide_appeal`.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// A refused command is a normal outcome: `DOORSTEP_OK` with `"outcome": "refused"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_decision_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_decision_json` is left untouched and
/// the thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be
/// read (`input.too_large`, `input.too_deep`, `input.malformed`, `input.shape`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` and `lang`
/// are NULL or NUL-terminated strings; `out_decision_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_review_decide(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    lang: *const c_char,
    out_decision_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_decision_json) => {
        let decide = |text: &str, lang| {
            let request = ReviewDecideRequest::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.decide_review(&request, lang))
        };
        let doc = (request_json, "request_json", MAX_REVIEW_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_decision_json, decide) }
    })
}

/// Applies one event to a review and writes the outcome, as JSON, to
/// `*out_evolution_json`: `{"outcome": "applied", "review": REVIEW}`, the review after the
/// event, or `{"outcome": "refused", "error": {"code", "params"?, "message"}}` when the
/// event cannot follow the review (`review.event_version` out of sequence,
/// `review.duplicate_event`, `review.event_schema` from a newer library, ...), the review
/// then being unchanged.
///
/// - `request_json`: `{"review": REVIEW | null, "event": EVENT}`, at most 256 KiB: the
///   review so far (`null` before its first event) and the event, as
///   `doorstep_review_decide` gave it.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// No engine is needed: an event records what was decided, and applying it checks only
/// that it follows the review. Thread-safe.
///
/// On `DOORSTEP_OK` the caller owns `*out_evolution_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_evolution_json` is left untouched and
/// the thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be
/// read (`input.*`), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang.
///
/// # Safety
///
/// `request_json` and `lang` are NULL or NUL-terminated strings; `out_evolution_json` is
/// NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_review_evolve(
    request_json: *const c_char,
    lang: *const c_char,
    out_evolution_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_evolution_json) => {
        let evolve = |text: &str, lang| Ok(ReviewEvolveRequest::from_json(text)?.run(lang));
        let doc = (request_json, "request_json", MAX_REVIEW_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_evolution_json, evolve) }
    })
}

/// Writes the invitation to rate a concluded case (当日件、当日评), as JSON, to
/// `*out_invitation_json`: `{"outcome": "invited", "invitation": {"case", "applicant",
/// "channels", "lastDay", "defaultRating"?}}` — whom to invite, where they may rate
/// (`on_site`, `online`), the last day to rate and the rating recorded if they do not (the
/// catalogue's `reviews` settings) — or
/// `{"outcome": "refused", "error": {"code", "params"?, "message"}}` for a case that has
/// not concluded (`review.not_concluded`).
///
/// - `facts_json`: the facts of the case, `{"case", "matter", "org", "channel",
///   "applicant", "concludedAt"?}`, at most 256 KiB, as the host's stored events give them
///   (its `submitted` and `concluded` events).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// On `DOORSTEP_OK` the caller owns `*out_invitation_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_invitation_json` is left untouched and
/// the thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for facts that cannot be read
/// (`input.*`), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only:
/// thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `facts_json` and `lang`
/// are NULL or NUL-terminated strings; `out_invitation_json` is NULL or points to a
/// writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_review_invitation(
    engine: *const doorstep_engine,
    facts_json: *const c_char,
    lang: *const c_char,
    out_invitation_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, facts_json, out_invitation_json) => {
        let invite = |text: &str, lang| {
            let facts: CaseFacts = input::parse_json(text, MAX_REVIEW_REQUEST_BYTES)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.review_invitation(&facts, lang))
        };
        let doc = (facts_json, "facts_json", MAX_REVIEW_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_invitation_json, invite) }
    })
}

/// Decides a command against a complaint (办不成事反映) and writes the decision, as JSON,
/// to `*out_decision_json`: `{"outcome": "accepted", "events": [...]}`, the events to
/// store in order — none when the command's client id was applied before to the same
/// command (a retry) — or `{"outcome": "refused", "error": {"code", "params"?,
/// "message"}}`, why the command was refused, nothing having changed (`complaint.exists`,
/// `complaint.not_found`, `complaint.wrong_status`, `complaint.role_not_permitted`,
/// `complaint.wrong_org`, `complaint.unknown_org`, `complaint.unknown_matter`,
/// `complaint.text`, `complaint.client_id_reused`, ...).
///
/// - `request_json`: `{"complaint": COMPLAINT | null, "command": {"complaint",
///   "expectedVersion", "clientId", "command": {"type", ...}}, "context": {"actor": {"id",
///   "role", "org"}, "channel", "at"}}`, at most 256 KiB: the complaint as the host holds
///   it (`null` before `report`), the command (`report`, `triage`, `answer`) with the
///   version it was made against and its client-generated id, and who acts, through which
///   channel, when (RFC 3339 with offset). The answer is due a number of working days
///   after the report (the catalogue's `reviews` settings), on the engine's calendar.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// A refused command is a normal outcome: `DOORSTEP_OK` with `"outcome": "refused"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_decision_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_decision_json` is left untouched and
/// the thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be
/// read (`input.*`), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only:
/// thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` and `lang`
/// are NULL or NUL-terminated strings; `out_decision_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_complaint_decide(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    lang: *const c_char,
    out_decision_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_decision_json) => {
        let decide = |text: &str, lang| {
            let request = ComplaintDecideRequest::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.decide_complaint(&request, lang))
        };
        let doc = (request_json, "request_json", MAX_REVIEW_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_decision_json, decide) }
    })
}

/// Applies one event to a 办不成事 complaint and writes the outcome, as JSON, to
/// `*out_evolution_json`: `{"outcome": "applied", "complaint": COMPLAINT}`, or
/// `{"outcome": "refused", "error": {"code", "params"?, "message"}}` when the event cannot
/// follow the complaint (`complaint.event_version`, `complaint.duplicate_event`,
/// `complaint.wrong_status`, ...), the complaint then being unchanged.
///
/// - `request_json`: `{"complaint": COMPLAINT | null, "event": EVENT}`, at most 256 KiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// No engine is needed. Thread-safe. Ownership and failures as for
/// `doorstep_review_evolve`.
///
/// # Safety
///
/// `request_json` and `lang` are NULL or NUL-terminated strings; `out_evolution_json` is
/// NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_complaint_evolve(
    request_json: *const c_char,
    lang: *const c_char,
    out_evolution_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_evolution_json) => {
        let evolve = |text: &str, lang| Ok(ComplaintEvolveRequest::from_json(text)?.run(lang));
        let doc = (request_json, "request_json", MAX_REVIEW_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_evolution_json, evolve) }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use doorstep::complaint::{self, Complaint, ComplaintEvent};
    use doorstep::conformance;
    use serde_json::{Value, json};

    use super::*;
    use crate::test_support::{Loaded, c, last_params, outcome};

    type Outcome = Result<Value, (doorstep_status, String)>;

    /// An export that takes an engine, a document and a lang.
    type EngineCall = unsafe extern "C" fn(
        *const doorstep_engine,
        *const c_char,
        *const c_char,
        *mut *mut c_char,
    ) -> doorstep_status;

    fn call(f: EngineCall, engine: &Loaded, text: &str, lang: Option<&CStr>) -> Outcome {
        let text = c(text);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            f(
                engine.0,
                text.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    fn evolve(request: &str, lang: Option<&CStr>) -> Outcome {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_review_evolve(
                request.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    /// The engine of a reviews.json input.
    fn engine_of(raw: &Value) -> Loaded {
        let mut catalog = conformance::catalog_of(raw);
        if let Some(r) = raw.get("reviews") {
            catalog["reviews"] = r.clone();
        }
        Loaded::new(&catalog, c"2025-01-01")
    }

    /// What one review case of reviews.json gives through the C ABI: the runner of
    /// `reviews_fixtures` (core/tests/reviews.rs), every step through the exports, the
    /// replay by evolving every event from the start.
    fn run_review(raw: &Value) -> Value {
        let engine = engine_of(raw);
        let facts = raw.get("facts").cloned().unwrap_or(Value::Null);
        let mut review = Value::Null;
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let request = json!({ "review": review, "facts": facts, "command": step["command"],
                "context": step["context"] });
            let decision =
                call(doorstep_review_decide, &engine, &request.to_string(), None).unwrap();
            if decision["outcome"] == "refused" {
                assert_ne!(decision["error"]["message"], "");
                outcomes.push(decision["error"]["code"].clone());
                continue;
            }
            let new = decision["events"].as_array().unwrap();
            if new.is_empty() {
                outcomes.push(json!("noop"));
                continue;
            }
            for event in new {
                let request = json!({ "review": review, "event": event }).to_string();
                let evolution = evolve(&request, None).unwrap();
                assert_eq!(evolution["outcome"], "applied", "{evolution}");
                review = evolution["review"].clone();
                events.push(event.clone());
            }
            outcomes.push(json!("ok"));
        }
        let mut replayed = Value::Null;
        for event in &events {
            let request = json!({ "review": replayed, "event": event }).to_string();
            replayed = evolve(&request, Some(c"en")).unwrap()["review"].clone();
        }
        let on_time = match (review.get("rectifiedOn"), review.get("rectifyBy")) {
            (Some(Value::String(on)), Some(Value::String(by))) => json!(on <= by),
            _ => Value::Null,
        };
        json!({
            "outcomes": outcomes,
            "status": review.get("status"),
            "version": review.get("version"),
            "rating": review.get("rating"),
            "rectifyBy": review.get("rectifyBy"),
            "onTime": on_time,
            "replayed": replayed == review,
        })
    }

    /// A complaint case of reviews.json: decided through the C ABI, its events applied with
    /// the core (the C ABI has no complaint evolve).
    fn run_complaint(raw: &Value) -> Value {
        let engine = engine_of(raw);
        let mut complaint: Option<Complaint> = None;
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let request = json!({ "complaint": complaint, "command": step["command"],
                "context": step["context"] });
            let decision = call(
                doorstep_complaint_decide,
                &engine,
                &request.to_string(),
                Some(c"en"),
            )
            .unwrap();
            if decision["outcome"] == "refused" {
                assert_ne!(decision["error"]["message"], "");
                outcomes.push(decision["error"]["code"].clone());
                continue;
            }
            let new = decision["events"].as_array().unwrap();
            if new.is_empty() {
                outcomes.push(json!("noop"));
                continue;
            }
            for event in new {
                let event: ComplaintEvent = serde_json::from_value(event.clone()).unwrap();
                complaint = Some(complaint::evolve(complaint, &event).unwrap());
                events.push(event);
            }
            outcomes.push(json!("ok"));
        }
        json!({
            "outcomes": outcomes,
            "status": complaint.as_ref().map(|c| c.status),
            "version": complaint.as_ref().map(|c| c.version),
            "answerBy": complaint.as_ref().map(|c| c.answer_by),
            "answeredOnTime":
                complaint.as_ref().and_then(|c| c.answered_on.map(|d| d <= c.answer_by)),
            "replayed": complaint::replay(&events).0.get("K-1") == complaint.as_ref(),
        })
    }

    /// reviews.json through the C ABI (`tests/c/test_reviews.c` runs it from C too).
    #[test]
    fn reviews_fixtures_through_the_c_abi() {
        let failures = conformance::run("reviews.json", |input| {
            if input.kind.as_deref() == Some("complaint") {
                run_complaint(&input.raw)
            } else {
                run_review(&input.raw)
            }
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The facts of the first case of reviews.json (concluded on 2025-09-30) and its engine.
    fn first_review() -> (Loaded, Value, Value) {
        let raw = conformance::load("reviews.json")["cases"][0]["input"].clone();
        (
            engine_of(&raw),
            raw["facts"].clone(),
            raw["steps"][0].clone(),
        )
    }

    #[test]
    fn the_invitation_names_the_last_day_or_refuses_an_open_case() {
        let (engine, facts, _) = first_review();
        let invited = call(
            doorstep_review_invitation,
            &engine,
            &facts.to_string(),
            None,
        )
        .unwrap();
        assert_eq!(invited["outcome"], "invited");
        assert_eq!(invited["invitation"]["lastDay"], "2025-09-30");
        assert_eq!(invited["invitation"]["defaultRating"], "satisfied");
        assert_eq!(
            invited["invitation"]["channels"],
            json!(["on_site", "online"])
        );
        let mut open = facts.clone();
        open.as_object_mut().unwrap().remove("concludedAt");
        let refused = call(
            doorstep_review_invitation,
            &engine,
            &open.to_string(),
            Some(c"en"),
        )
        .unwrap();
        assert_eq!(refused["outcome"], "refused");
        assert_eq!(refused["error"]["code"], "review.not_concluded");
        let (status, code) = call(
            doorstep_review_invitation,
            &engine,
            "{\"case\": \"HC-1\"}",
            None,
        )
        .unwrap_err();
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(code, "input.shape");
    }

    #[test]
    fn a_refused_event_is_an_outcome_and_an_unreadable_request_a_failure() {
        let (engine, facts, step) = first_review();
        let request = json!({ "review": null, "facts": facts, "command": step["command"],
            "context": step["context"] });
        let decision = call(doorstep_review_decide, &engine, &request.to_string(), None).unwrap();
        let event = decision["events"][0].clone();
        let review = evolve(&json!({ "review": null, "event": event }).to_string(), None).unwrap()
            ["review"]
            .clone();
        // The same event again: out of sequence.
        let again = evolve(
            &json!({ "review": review, "event": event }).to_string(),
            Some(c"en"),
        )
        .unwrap();
        assert_eq!(again["outcome"], "refused");
        assert_eq!(again["error"]["code"], "review.event_version");
        let huge = format!("\"{}\"", "a".repeat(MAX_REVIEW_REQUEST_BYTES));
        let failures = [
            call(doorstep_review_decide, &engine, "{\"review\": null", None),
            call(doorstep_review_decide, &engine, "{}", None),
            call(
                doorstep_complaint_decide,
                &engine,
                "{\"complaint\": null}",
                None,
            ),
            call(doorstep_complaint_decide, &engine, &huge, None),
            evolve("{\"event\": {}}", None),
            evolve(&huge, None),
            call(
                doorstep_review_decide,
                &engine,
                &request.to_string(),
                Some(c"fr"),
            ),
            evolve("{}", Some(c"fr")),
        ];
        let codes: Vec<(doorstep_status, String)> =
            failures.into_iter().map(Result::unwrap_err).collect();
        let input = doorstep_status::DOORSTEP_ERR_INVALID_INPUT;
        let argument = doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT;
        assert_eq!(
            codes,
            [
                (input, "input.malformed".to_owned()),
                (input, "input.shape".to_owned()),
                (input, "input.shape".to_owned()),
                (input, "input.too_large".to_owned()),
                (input, "input.shape".to_owned()),
                (input, "input.too_large".to_owned()),
                (argument, "arg.unknown_lang".to_owned()),
                (argument, "arg.unknown_lang".to_owned()),
            ]
        );
    }

    #[test]
    fn null_arguments_and_text_that_is_not_utf8() {
        let (engine, _, _) = first_review();
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe {
            doorstep_complaint_decide(ptr::null(), c"{}".as_ptr(), ptr::null(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // SAFETY: NULL out-parameter: rejected before it is written.
        let status =
            unsafe { doorstep_review_evolve(c"{}".as_ptr(), ptr::null(), ptr::null_mut()) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "out_evolution_json");
        // SAFETY: NULL facts: rejected before they are read.
        let status =
            unsafe { doorstep_review_invitation(engine.0, ptr::null(), ptr::null(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "facts_json");
        // SAFETY: a live engine, a string that is not UTF-8.
        let status = unsafe {
            doorstep_review_decide(
                engine.0,
                c"{\"x\": \"\xff\"}".as_ptr(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_UTF8);
        assert_eq!(last_params()["name"], "request_json");
        assert!(out.is_null());
    }
}
