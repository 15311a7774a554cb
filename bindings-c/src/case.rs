//! Cases (办件) behind the C ABI: deciding a command against a case, applying an event,
//! the actions an actor may take, a case's deadline on a day, and replaying stored events.
//!
//! As everywhere in this crate, the core decides and this module only translates: requests
//! go in as JSON text (`doorstep::case::{DecideRequest, EvolveRequest, ActionsRequest,
//! DeadlineRequest}`), events as JSON Lines, and outcomes come back as the JSON every binding
//! returns (`doorstep::case::{Decision, Evolution, ReplayReport}`). A refused command or
//! event is an outcome (`"outcome": "refused"`), not a failure; a request that cannot be
//! read is.
//!
//! The host stores a case's events and the case they make: every call is given the case
//! as the host holds it, and nothing is kept between calls.

use std::ffi::c_char;

use doorstep::case::{
    ActionsRequest, DeadlineRequest, DecideRequest, EvolveRequest, MAX_REQUEST_BYTES,
    evolve_request, timeline_jsonl,
};

use crate::authority::language;
use crate::boundary::ffi_boundary;
use crate::engine::{self, document, doorstep_engine, json_call, write_json};
use crate::error::doorstep_status;
use crate::strings::{required_lines, required_str};

/// Decides a command against a case and writes the decision, as JSON, to
/// `*out_decision_json`: `{"outcome": "accepted", "events": [...]}`, the events to store
/// and apply (with `doorstep_case_evolve`) in order — none when the command's client id
/// was applied before to the same action (a retry) — or `{"outcome": "refused", "error":
/// {"code", "params"?, "message"}}`, why the command was refused, nothing having changed
/// (`case.conflict`, `case.wrong_status`, `case.role_not_permitted`, `case.no_authority`,
/// `case.invalid_answer`, `case.invalid_stamp`, `case.client_id_reused`,
/// `case.backdated`, ...).
///
/// - `request_json`: `{"case": CASE | null, "members"?: [CASE, ...], "command": {"case",
///   "expectedVersion", "clientId", "command": {"type", ...}}, "context": {"actor": {"id",
///   "role", "org"}, "channel", "at"}}`, at most 2 MiB: the case as the host holds it
///   (`null` before `submit` and `submit_bundle`), for a bundle case its member cases (to
///   withdraw it), the command with the version it was made against and its
///   client-generated id, and who acts, through which channel, when (RFC 3339 with offset;
///   doorstep never reads the clock). The events may be for several cases: `submit_bundle`
///   opens the bundle case and its member cases, and concluding an approved case opens the
///   cases of its matter's successors (免申即办).
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
pub unsafe extern "C" fn doorstep_case_decide(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    lang: *const c_char,
    out_decision_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_decision_json) => {
        let decide = |text: &str, lang| {
            let request = DecideRequest::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.decide_case(&request, lang))
        };
        let doc = (request_json, "request_json", MAX_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_decision_json, decide) }
    })
}

/// Applies one event to a case and writes the outcome, as JSON, to `*out_evolution_json`:
/// `{"outcome": "applied", "case": CASE}`, the case after the event, or `{"outcome":
/// "refused", "error": {"code", "params"?, "message"}}` when the event cannot follow the
/// case (`case.event_version` out of sequence, `case.duplicate_event`,
/// `case.wrong_status`, `case.event_schema` from a newer library, ...), the case then
/// being unchanged.
///
/// - `request_json`: `{"case": CASE | null, "event": EVENT}`, at most 2 MiB: the case so
///   far (`null` before its first event) and the event, as `doorstep_case_decide` gave it.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the refusal's message; NULL is zh-CN.
///
/// No engine is needed: an event records what was decided, and applying it checks only
/// that it follows the case. Thread-safe.
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
pub unsafe extern "C" fn doorstep_case_evolve(
    request_json: *const c_char,
    lang: *const c_char,
    out_evolution_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_evolution_json) => {
        let evolve = |text: &str, lang| Ok(evolve_request(EvolveRequest::from_json(text)?, lang));
        let doc = (request_json, "request_json", MAX_REQUEST_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_evolution_json, evolve) }
    })
}

/// Writes the actions an actor may take on a case now, as a JSON array of their names in
/// lifecycle order, to `*out_actions_json`: e.g. `["claim", "start_review",
/// "request_supplement", "extend", "withdraw"]` — the buttons a window or an app offers.
/// Status, role, assignment, authority and the matter's rules are checked; the payload of
/// a command (its answer, its stamp) only when it is decided. `[]` for a case whose matter
/// version is not in the catalogue.
///
/// - `request_json`: `{"case": CASE, "context": {"actor": {"id", "role", "org"},
///   "channel", "at"}}`, at most 2 MiB.
///
/// On `DOORSTEP_OK` the caller owns `*out_actions_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_actions_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be read (`input.*`). Read-only:
/// thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` is NULL or
/// a NUL-terminated string; `out_actions_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_case_actions(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    out_actions_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_actions_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let text = unsafe { document(request_json, "request_json", MAX_REQUEST_BYTES) }?;
        let request = ActionsRequest::from_json(text)?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let actions = unsafe { engine::engine(engine) }.case_actions(&request);
        // SAFETY: `out_actions_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_actions_json, serde_json::to_string(&actions)) }
    })
}

/// Writes a case's deadline on a day, as JSON, to `*out_status_json`: `{"due", "light",
/// "escalation", "totalWorkingDays", "usedWorkingDays", "remainingWorkingDays",
/// "overdueWorkingDays", "paused"}` — the due date in working days from acceptance (补正 and
/// 挂起 stop the clock, an extension adds to it), the 红黄灯 light (`green`, `yellow`,
/// `red`) and the 督办 escalation (`none`, `level1`, `level2`) — or `null` for a case that
/// is not accepted yet or already decided, which has no running deadline.
///
/// - `request_json`: `{"case": CASE, "now": "YYYY-MM-DD"}`, at most 2 MiB: `now` is today
///   in China Standard Time, as the host's clock says.
///
/// On `DOORSTEP_OK` the caller owns `*out_status_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_status_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a request that cannot be read (`input.*`) or a case
/// whose pauses contradict themselves (`calendar.invalid_pause`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for a day the count reaches that the working calendar
/// has no holiday arrangement for (`calendar.out_of_range`, the known years in
/// `doorstep_last_error_params`: the calendar never guesses). Read-only: thread-safe, also
/// on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `request_json` is NULL or
/// a NUL-terminated string; `out_status_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_case_deadline(
    engine: *const doorstep_engine,
    request_json: *const c_char,
    out_status_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, request_json, out_status_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let text = unsafe { document(request_json, "request_json", MAX_REQUEST_BYTES) }?;
        let request = DeadlineRequest::from_json(text)?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let status = unsafe { engine::engine(engine) }.case_deadline(&request)?;
        // SAFETY: `out_status_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_status_json, serde_json::to_string(&status)) }
    })
}

/// Replays stored events and writes the report, as JSON, to `*out_report_json`: `{"cases":
/// [CASE, ...], "rejected": [{"index", "line", "code", "params"?, "message"}]}` — every case
/// the events build, in id order, and every line that was refused, in line order. A line
/// that is not an event is refused with its `input.*` code (a review's or a complaint's
/// event, a line with a `review` or `complaint` key and no `case` key, is skipped: the
/// district's one file of all events can be replayed); an event that cannot follow its
/// case with its `case.*` code (out of sequence, a duplicate, a status it cannot happen in),
/// as is one the catalogue contradicts (a matter version it does not have,
/// `case.unknown_matter`; a decision whose stamp does not verify, `case.invalid_stamp`). A
/// refused event changes nothing; the later events of its case are still tried. `line` is
/// the 1-based line and `index` the 0-based one. Past 10,000 lines that are not events, the
/// rest are counted, not listed: one `input.too_many_errors` (`params.omitted`) on the last.
///
/// - `events_jsonl`: the events as JSON Lines (what `doorstep_case_decide` gave, one event
///   per line, any mix of cases, each case's events in order); blank lines are skipped, a
///   line may be at most 1 MiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// Refused lines are a normal outcome: `DOORSTEP_OK` with them in `"rejected"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`
/// for a `lang` that is not UTF-8, `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. A
/// line of `events_jsonl` that is not UTF-8 text is refused on its own (`input.not_utf8`),
/// as any other bad line. Read-only: thread-safe, also on one engine shared by many
/// threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `events_jsonl` and `lang`
/// are NULL or NUL-terminated strings; `out_report_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_case_replay(
    engine: *const doorstep_engine,
    events_jsonl: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, events_jsonl, out_report_json) => {
        // SAFETY: (both) the caller passes NULL or a NUL-terminated string.
        let lines = unsafe { required_lines(events_jsonl, "events_jsonl") }?;
        // SAFETY: as above.
        let lang = unsafe { language(lang) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let report = unsafe { engine::engine(engine) }.replay_jsonl_bytes(lines, lang);
        // SAFETY: `out_report_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_report_json, serde_json::to_string(&report)) }
    })
}

/// The timeline of one case, as the citizen sees it, from stored events: writes
/// `{"outcome": "found", "timeline": {"case", "entries": [{"at", "case", "matter",
/// "action", "status", "role", "org", "channel"}], "cases": [{"case", "matter", "status",
/// "outcome"?, "parent"?, "origin"?, "awaitingConfirmation"?}], "bundle"?: {"case", "bundle",
/// "state", "members", "rejected"}}}` to `*out_timeline_json`: the case — for a 一件事, with
/// its member cases and their joined state (`open`, `concluded`, `partly_rejected`,
/// `rejected`, `withdrawn`) — and the cases they started by themselves (免申即办), every step
/// in time order. Or `{"outcome": "refused", "error": {...}}`: `case.not_found` when the
/// events never open the case, or the `input.*` code of the first line that is not an event
/// (its 1-based `line` in `params`; the lines of reviews and complaints are skipped, as
/// `doorstep_case_replay` skips them).
///
/// - `events_jsonl`: the events as JSON Lines (any mix of cases, each case's events in
///   order); blank lines are skipped; a line that is not UTF-8 text is a line that is not
///   an event (`input.not_utf8`).
/// - `case_id`: the case.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for a refusal's message; NULL is zh-CN.
///
/// On `DOORSTEP_OK` the caller owns `*out_timeline_json` and frees it with
/// `doorstep_string_free`. On any other status it is left untouched and the thread's last
/// error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Needs no engine; thread-safe.
///
/// # Safety
///
/// `events_jsonl`, `case_id` and `lang` are NULL or NUL-terminated strings;
/// `out_timeline_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_case_timeline(
    events_jsonl: *const c_char,
    case_id: *const c_char,
    lang: *const c_char,
    out_timeline_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(events_jsonl, case_id, out_timeline_json) => {
        // SAFETY: (all three) the caller passes NULL or a NUL-terminated string.
        let lines = unsafe { required_lines(events_jsonl, "events_jsonl") }?;
        // SAFETY: as above.
        let case = unsafe { required_str(case_id, "case_id") }?;
        // SAFETY: as above.
        let lang = unsafe { language(lang) }?;
        let outcome = timeline_jsonl(lines, case, lang);
        // SAFETY: `out_timeline_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_timeline_json, serde_json::to_string(&outcome)) }
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
    use crate::test_support::{Loaded, c, last_params, outcome};

    fn decide(
        engine: &Loaded,
        request: &str,
        lang: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_case_decide(
                engine.0,
                request.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    fn evolve(request: &str) -> Result<Value, (doorstep_status, String)> {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a NUL-terminated string, NULL and a local out-parameter.
        let status = unsafe { doorstep_case_evolve(request.as_ptr(), ptr::null(), &raw mut out) };
        outcome(status, out)
    }

    fn actions(engine: &Loaded, request: &str) -> Result<Value, (doorstep_status, String)> {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, a NUL-terminated string, a local out-parameter.
        let status = unsafe { doorstep_case_actions(engine.0, request.as_ptr(), &raw mut out) };
        outcome(status, out)
    }

    fn deadline(engine: &Loaded, request: &str) -> Result<Value, (doorstep_status, String)> {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, a NUL-terminated string, a local out-parameter.
        let status = unsafe { doorstep_case_deadline(engine.0, request.as_ptr(), &raw mut out) };
        outcome(status, out)
    }

    fn replay(
        engine: &Loaded,
        text: &str,
        lang: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let text = c(text);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_case_replay(
                engine.0,
                text.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    /// What one case of cases.json gives through the C ABI: the runner of
    /// `cases_fixtures` (core/tests/case.rs), every step through the exports.
    fn run_case(raw: &Value) -> (Value, Vec<Value>) {
        let engine = Loaded::new(&conformance::catalog_of(raw), c"2025-01-01");
        let mut case = Value::Null;
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let request =
                json!({ "case": case, "command": step["command"], "context": step["context"] });
            let decision = decide(&engine, &request.to_string(), None).unwrap();
            if decision["outcome"] == "refused" {
                outcomes.push(decision["error"]["code"].clone());
                continue;
            }
            let new = decision["events"].as_array().unwrap();
            if new.is_empty() {
                outcomes.push(json!("noop"));
                continue;
            }
            for event in new {
                let evolution =
                    evolve(&json!({ "case": case, "event": event }).to_string()).unwrap();
                assert_eq!(evolution["outcome"], "applied", "{evolution}");
                case = evolution["case"].clone();
                events.push(event.clone());
            }
            outcomes.push(json!("ok"));
        }
        let mut jsonl = String::new();
        for event in &events {
            jsonl.push_str(&event.to_string());
            jsonl.push('\n');
        }
        let report = replay(&engine, &jsonl, None).unwrap();
        let rebuilt = report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "HC-1")
            .cloned()
            .unwrap_or(Value::Null);
        let mut out = json!({
            "outcomes": outcomes,
            "status": case.get("status"),
            "version": case.get("version"),
            "replayed": rebuilt == case && report["rejected"] == json!([]),
        });
        if let (false, Some(now)) = (case.is_null(), raw["now"].as_str()) {
            // As the Rust runner: no running deadline, or none to be had, adds nothing.
            let request = json!({ "case": case, "now": now }).to_string();
            if let Ok(Value::Object(status)) = deadline(&engine, &request) {
                for key in ["due", "light", "escalation"] {
                    out[key] = status[key].clone();
                }
            }
        }
        if let (false, Some(who)) = (case.is_null(), raw.get("actionsFor")) {
            let request = json!({ "case": case, "context": who });
            out["actions"] = actions(&engine, &request.to_string()).unwrap();
        }
        (out, events)
    }

    /// cases.json through the C ABI (`tests/c/test_cases.c` runs it from C too).
    #[test]
    fn cases_fixtures_through_the_c_abi() {
        let failures = conformance::run("cases.json", |input| run_case(&input.raw).0);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The first case of cases.json: its events, and the engine they were decided with.
    fn first_case() -> (Loaded, Vec<Value>) {
        let raw = conformance::load("cases.json")["cases"][0]["input"].clone();
        (
            Loaded::new(&conformance::catalog_of(&raw), c"2025-01-01"),
            run_case(&raw).1,
        )
    }

    #[test]
    fn replay_reports_refused_lines_with_their_numbers() {
        let (engine, events) = first_case();
        assert_eq!(events.len(), 2);
        // Line 2 blank, line 3 garbage, the second event twice (lines 4 and 5).
        let text = format!(
            "{}\n\n{{\"schema\":\n{}\n{}\n",
            events[0], events[1], events[1]
        );
        let report = replay(&engine, &text, Some(c"en")).unwrap();
        assert_eq!(report["cases"][0]["version"], 2, "{report}");
        let rejected: Vec<(Value, Value, Value)> = report["rejected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["line"].clone(), r["index"].clone(), r["code"].clone()))
            .collect();
        assert_eq!(
            rejected,
            [
                (json!(3), json!(2), json!("input.malformed")),
                (json!(5), json!(4), json!("case.event_version")),
            ]
        );
        let report = replay(&engine, "", None).unwrap();
        assert_eq!(report, json!({ "cases": [], "rejected": [] }));
    }

    #[test]
    fn decisions_refusals_and_failures() {
        let (engine, events) = first_case();
        let raw = conformance::load("cases.json")["cases"][0]["input"].clone();
        let step = &raw["steps"][1];
        // Accepting again against version 1 of a case at version 2: a coded refusal.
        let case =
            evolve(&json!({ "case": null, "event": events[0] }).to_string()).unwrap()["case"]
                .clone();
        let case =
            evolve(&json!({ "case": case, "event": events[1] }).to_string()).unwrap()["case"]
                .clone();
        let mut command = step["command"].clone();
        command["clientId"] = json!("c-again");
        let request = json!({ "case": case, "command": command, "context": step["context"] });
        let refused = decide(&engine, &request.to_string(), Some(c"en")).unwrap();
        assert_eq!(refused["outcome"], "refused", "{refused}");
        assert_eq!(refused["error"]["code"], "case.conflict");
        assert_eq!(
            refused["error"]["params"],
            json!({ "expected": 1, "actual": 2 })
        );
        // The same client id again: accepted with no events.
        let request =
            json!({ "case": case, "command": step["command"], "context": step["context"] });
        assert_eq!(
            decide(&engine, &request.to_string(), None).unwrap(),
            json!({ "outcome": "accepted", "events": [] })
        );
        // An event applied twice: refused, not a failure.
        let twice = evolve(&json!({ "case": case, "event": events[1] }).to_string()).unwrap();
        assert_eq!(twice["outcome"], "refused");
        assert_eq!(twice["error"]["code"], "case.event_version");

        // Requests that cannot be read.
        let failures = [
            decide(&engine, "{\"case\": null", None),
            decide(&engine, "{}", None),
            decide(
                &engine,
                &format!("\"{}\"", "a".repeat(MAX_REQUEST_BYTES)),
                None,
            ),
            evolve("{\"event\": {}}"),
            actions(&engine, "[]"),
            deadline(
                &engine,
                &json!({ "case": case, "now": "2025-02-30" }).to_string(),
            ),
            decide(&engine, &request.to_string(), Some(c"fr")),
            replay(&engine, "", Some(c"fr")),
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
                (input, "input.shape".to_owned()),
                (input, "input.shape".to_owned()),
                (argument, "arg.unknown_lang".to_owned()),
                (argument, "arg.unknown_lang".to_owned()),
            ]
        );
    }

    #[test]
    fn deadlines_are_null_before_acceptance_and_fail_outside_the_calendar() {
        let (engine, events) = first_case();
        let submitted =
            evolve(&json!({ "case": null, "event": events[0] }).to_string()).unwrap()["case"]
                .clone();
        let status = deadline(
            &engine,
            &json!({ "case": submitted, "now": "2025-10-09" }).to_string(),
        );
        assert_eq!(status.unwrap(), Value::Null);
        let accepted = evolve(&json!({ "case": submitted, "event": events[1] }).to_string())
            .unwrap()["case"]
            .clone();
        let status = deadline(
            &engine,
            &json!({ "case": accepted, "now": "2025-10-09" }).to_string(),
        );
        assert_eq!(status.unwrap()["due"], "2025-10-14");
        let (status, code) = deadline(
            &engine,
            &json!({ "case": accepted, "now": "2031-01-06" }).to_string(),
        )
        .unwrap_err();
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT);
        assert_eq!(code, "calendar.out_of_range");
        assert_eq!(last_params()["knownYears"], json!([2024, 2025, 2026]));
        // Pauses that contradict themselves: the case document is at fault.
        let mut paused = accepted.clone();
        paused["pauses"] = json!([{ "from": "2025-10-10", "to": "2025-10-09" }]);
        let (status, code) = deadline(
            &engine,
            &json!({ "case": paused, "now": "2025-10-13" }).to_string(),
        )
        .unwrap_err();
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(code, "calendar.invalid_pause");
    }

    #[test]
    fn null_arguments_and_text_that_is_not_utf8() {
        let (engine, _) = first_case();
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status =
            unsafe { doorstep_case_decide(ptr::null(), c"{}".as_ptr(), ptr::null(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // SAFETY: NULL out-parameter: rejected before it is written.
        let status = unsafe { doorstep_case_evolve(c"{}".as_ptr(), ptr::null(), ptr::null_mut()) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "out_evolution_json");
        // SAFETY: a live engine, a line that is not UTF-8: refused on its own.
        let status = unsafe {
            doorstep_case_replay(engine.0, c"\xff\n".as_ptr(), ptr::null(), &raw mut out)
        };
        let report = outcome(status, out).unwrap();
        assert_eq!(report["rejected"][0]["code"], "input.not_utf8");
        assert_eq!(report["rejected"][0]["line"], 1);
        // SAFETY: a string that is not UTF-8 as the case id: refused whole.
        let status = unsafe {
            doorstep_case_timeline(c"".as_ptr(), c"\xff".as_ptr(), ptr::null(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_UTF8);
        assert_eq!(last_params()["name"], "case_id");
    }
}
