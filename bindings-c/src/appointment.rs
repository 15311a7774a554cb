//! 预约 (the appointment book) behind the C ABI: a command decided against the book, and an
//! event applied to it.
//!
//! As everywhere in this crate, the core decides and this module only translates: requests
//! go in as JSON text (`doorstep::appointment::{AppointmentDecideRequest,
//! AppointmentEvolveRequest}`), and outcomes come back as the JSON every binding returns
//! (`AppointmentDecision`, `AppointmentEvolution`). A refused command or event is an
//! outcome (`"outcome": "refused"`), not a failure; a request that cannot be read is.
//!
//! The host stores the events and the book they make: every call is given the book as the
//! host holds it, and nothing is kept between calls.

use std::ffi::c_char;

use doorstep::appointment::{
    AppointmentDecideRequest, AppointmentEvolveRequest, MAX_APPOINTMENT_REQUEST_BYTES,
};

use crate::boundary::ffi_boundary;
use crate::engine::{self, doorstep_engine, json_call};
use crate::error::doorstep_status;

/// Decides a command against the appointment book (预约) and writes the decision, as JSON,
/// to `*out_decision_json`: `{"outcome": "accepted", "event": EVENT}`, the one event to
/// store and apply (with `doorstep_appointment_evolve`), or `{"outcome": "refused",
/// "error": {"code", "params"?, "message"}}`, why the command was refused, nothing having
/// changed (`appointment.unknown_slot`, `appointment.unknown`, `appointment.exists`,
/// `appointment.unknown_matter`, `appointment.full`, `appointment.past`,
/// `appointment.duplicate`, `appointment.not_working_day`, `appointment.home_visit`,
/// `appointment.wrong_status`, `appointment.too_early`, `appointment.wrong_day` for an
/// arrival on another day than the slot's, `appointment.calendar`, `appointment.invalid_id`
/// for an id of the command empty or longer than 128 bytes).
///
/// - `request_json`: `{"book": {"slots": [{"id", "station", "date", "start", "end",
///   "capacity", "extendedHours"?}], "appointments"?: [{"id", "slot", "applicant",
///   "matter", "specialGroups"?, "homeVisit"?, "status", "case"?}]}, "command": {"type",
///   ...}, "at"}`, at most 4 MiB: the book as the host holds it (its slots, days and CST
///   times, and the appointments made; checked as it is read: ids and texts within their
///   bounds, each slot ending after it starts, no two slots or appointments of one id,
///   every appointment in a slot of the book), the command, and when (RFC 3339 with
///   offset; doorstep never reads the clock). The commands: `book` (`id`,
///   client-generated, so that a retried booking is refused as `appointment.exists`;
///   `slot`, `applicant`, `matter`, `specialGroups`?, `homeVisit`?), `cancel` (`id`, before
///   the slot starts), `no_show` (`id`, once the slot is over), `arrive` (`id`, `case`: the
///   case opened; on the slot's day). The engine's catalogue says whether the matter is
///   handled at stations and offered by home visit (上门, for special groups), its calendar
///   whether the slot's day is a working day (only extended-hours slots, 延时服务, fall on
///   days off).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// A refused command is a normal outcome: `DOORSTEP_OK` with `"outcome": "refused"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_decision_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_decision_json` is left untouched and
/// the thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be
/// read (`input.too_large`, `input.too_deep`, `input.malformed`, `input.shape`, also for a
/// book that fails its checks), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang.
/// Read-only: thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` and `lang`
/// are NULL or NUL-terminated strings; `out_decision_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_appointment_decide(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    lang: *const c_char,
    out_decision_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_decision_json) => {
        let decide = |text: &str, lang| {
            let request = AppointmentDecideRequest::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.decide_appointment(&request, lang))
        };
        let doc = (request_json, "request_json", MAX_APPOINTMENT_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_decision_json, decide) }
    })
}

/// Applies one event to the appointment book and writes the outcome, as JSON, to
/// `*out_evolution_json`: `{"outcome": "applied", "book": BOOK}`, the book after the
/// event, or `{"outcome": "refused", "error": {"code", "params"?, "message"}}` when the
/// event cannot follow the book (a booking under an id taken, `appointment.exists`, or for
/// a slot the book does not have, `appointment.unknown_slot`; a cancellation, no-show or
/// arrival of an appointment it does not have, `appointment.unknown`, or no longer booked,
/// `appointment.wrong_status`; `appointment.invalid_id`), the book then being unchanged.
///
/// - `request_json`: `{"book": BOOK, "event": EVENT}`, at most 4 MiB: the book before the
///   event, as for `doorstep_appointment_decide`, and the event, as
///   `doorstep_appointment_decide` gave it (`{"command", "at"}`).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// No engine is needed: an event records what was decided, and applying it checks only
/// that it follows the book. Thread-safe.
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
pub unsafe extern "C" fn doorstep_appointment_evolve(
    request_json: *const c_char,
    lang: *const c_char,
    out_evolution_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_evolution_json) => {
        let evolve = |text: &str, lang| Ok(AppointmentEvolveRequest::from_json(text)?.run(lang));
        let doc = (request_json, "request_json", MAX_APPOINTMENT_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_evolution_json, evolve) }
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

    type Outcome = Result<Value, (doorstep_status, String)>;

    fn decide(engine: &Loaded, request: &str, lang: Option<&CStr>) -> Outcome {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_appointment_decide(
                engine.0,
                request.as_ptr(),
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
            doorstep_appointment_evolve(
                request.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    /// The engine of an appointments.json input: its catalogue, patched, loaded as of
    /// 2025-01-01.
    fn engine_of(raw: &Value) -> Loaded {
        Loaded::new(&conformance::catalog_of(raw), c"2025-01-01")
    }

    /// What a step gave (see `conformance::AppointmentStep`): a refusal, or the last error.
    type Step = conformance::AppointmentStep;

    /// A call's outcome as a step: `key` of what it wrote when it is `done`, else why not.
    fn step(outcome: Outcome, done: &str, key: &str, lang: Option<&CStr>) -> Step {
        let written = outcome.map_err(|(_, code)| (code, last_message(lang)))?;
        if written["outcome"] == done {
            return Ok(written[key].clone());
        }
        assert_eq!(written["outcome"], "refused", "{written}");
        let error = &written["error"];
        Err((
            error["code"].as_str().unwrap().to_owned(),
            error["message"].as_str().unwrap().to_owned(),
        ))
    }

    fn decide_step(engine: &Loaded, book: &Value, command: &Value, lang: Option<&CStr>) -> Step {
        let request = json!({"book": book, "command": command["command"], "at": command["at"]});
        step(
            decide(engine, &request.to_string(), lang),
            "accepted",
            "event",
            lang,
        )
    }

    fn evolve_step(book: &Value, event: &Value, lang: Option<&CStr>) -> Step {
        let request = json!({"book": book, "event": event}).to_string();
        step(evolve(&request, lang), "applied", "book", lang)
    }

    /// What one case of appointments.json gives through the C ABI: the shared runner
    /// (`doorstep::conformance::appointment_outcome`), every request through the exports.
    fn run_case(raw: &Value, lang: Option<&CStr>) -> Value {
        let engine = engine_of(raw);
        conformance::appointment_outcome(
            raw,
            |book, step| decide_step(&engine, book, step, lang),
            |book, event| evolve_step(book, event, lang),
        )
    }

    /// appointments.json through the C ABI (`tests/c/test_appointments.c` runs it from C
    /// too).
    #[test]
    fn appointments_fixtures_through_the_c_abi() {
        let failures = conformance::run("appointments.json", |input| {
            let lang = input.lang.as_deref().map(c);
            run_case(&input.raw, lang.as_deref())
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The first case of appointments.json: its engine and its book.
    fn first_case() -> (Loaded, Value) {
        let raw = conformance::load("appointments.json")["cases"][0]["input"].clone();
        (engine_of(&raw), raw["book"].clone())
    }

    #[test]
    fn a_refused_event_is_an_outcome_and_an_unreadable_request_a_failure() {
        let (engine, book) = first_case();
        let command = json!({"type": "book", "id": "a1", "slot": "wed", "applicant": "u-1",
            "matter": "MED-INSURE"});
        let request = json!({"book": book, "command": command, "at": "2025-05-06T10:00:00+08:00"});
        let decision = decide(&engine, &request.to_string(), None).unwrap();
        assert_eq!(decision["outcome"], "accepted", "{decision}");
        let event = decision["event"].clone();
        let applied = evolve(&json!({"book": book, "event": event}).to_string(), None).unwrap();
        assert_eq!(applied["outcome"], "applied");
        // The same event again: the id is taken.
        let again = evolve(
            &json!({"book": applied["book"], "event": event}).to_string(),
            Some(c"en"),
        )
        .unwrap();
        assert_eq!(again["outcome"], "refused");
        assert_eq!(again["error"]["code"], "appointment.exists");
        let huge = format!("\"{}\"", "a".repeat(MAX_APPOINTMENT_REQUEST_BYTES));
        let failures = [
            decide(&engine, "{\"book\": {\"slots\": []}", None),
            decide(&engine, "{}", None),
            decide(&engine, &huge, None),
            evolve("{\"book\": {\"slots\": []}}", None),
            evolve(&huge, None),
            decide(&engine, &request.to_string(), Some(c"fr")),
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
        let (engine, _) = first_case();
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe {
            doorstep_appointment_decide(ptr::null(), c"{}".as_ptr(), ptr::null(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // SAFETY: NULL out-parameter: rejected before it is written.
        let status =
            unsafe { doorstep_appointment_evolve(c"{}".as_ptr(), ptr::null(), ptr::null_mut()) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "out_evolution_json");
        // SAFETY: NULL request: rejected before it is read.
        let status = unsafe { doorstep_appointment_evolve(ptr::null(), ptr::null(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "request_json");
        // SAFETY: a live engine, a string that is not UTF-8.
        let status = unsafe {
            doorstep_appointment_decide(
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
