//! The working calendar (工作日 / 调休) behind the C ABI: one JSON query in, one JSON
//! report out (`doorstep::calendar::{CalendarQuery, CalendarReport}`), against the holiday
//! arrangements shipped with the library or against an engine's calendar (those and the
//! catalogue's own).
//!
//! The core decides; this module only translates. The shipped calendar is built once, on
//! the first query, and only read after that; an engine's is built when it is loaded.

use std::ffi::c_char;
use std::sync::OnceLock;

use doorstep::calendar::{CalendarQuery, WorkCalendar};
use doorstep::input::{self, MAX_ANSWER_BYTES};

use crate::boundary::ffi_boundary;
use crate::engine::{self, doorstep_engine, json_call};
use crate::error::{Failure, doorstep_status};

/// The calendar of the arrangements shipped with the library, built on first use.
fn shipped() -> &'static WorkCalendar {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    CALENDAR.get_or_init(WorkCalendar::china)
}

/// What both exports do once their handles are checked: reads `query_json` (at most 1 MiB)
/// and `lang` (as [`json_call`]), answers the query with `calendar` and writes the report,
/// as JSON, through `out`.
///
/// # Safety
///
/// `query_json` and `lang` are NULL or NUL-terminated strings valid for the call; `out` is
/// NULL or points to a writable `char *`.
unsafe fn answer(
    calendar: &WorkCalendar,
    query_json: *const c_char,
    lang: *const c_char,
    out: *mut *mut c_char,
) -> Result<(), Failure> {
    let doc = (query_json, "query_json", MAX_ANSWER_BYTES);
    // SAFETY: the caller's guarantee, passed on.
    unsafe {
        json_call(doc, lang, out, |text, lang| {
            let query: CalendarQuery = input::parse_json(text, MAX_ANSWER_BYTES)?;
            Ok(query.report(calendar, lang))
        })
    }
}

/// Answers a question about working days with the calendar shipped with the library (the
/// State Council's holiday arrangements of 2024, 2025 and 2026, 调休 included) and writes
/// the report, as JSON, to `*out_report_json`: the answer's fields and `"errors": []`, or
/// only `"errors": [{"code", "params"?, "message"}]` with the one problem that prevented an
/// answer (`calendar.out_of_range` for a date in a year the calendar has no arrangement for
/// — it never guesses —, `calendar.invalid_pause`).
///
/// - `query_json`: one question, tagged by `op`, at most 1 MiB:
///   - `{"op": "isWorkingDay", "date"}` → `{"workingDay": bool}`;
///   - `{"op": "addWorkingDays", "date", "days"}` → `{"date"}`, the `days`-th working day
///     after `date` (`date` itself for 0);
///   - `{"op": "workingDaysBetween", "from", "to"}` → `{"workingDays"}`, the working days
///     in (`from`, `to`], negative when reversed;
///   - `{"op": "deadline", "acceptedOn", "limitWorkingDays", "pauses"?: [{"from", "to" |
///     null}], "extensionWorkingDays"?, "now", "thresholds"?}` → `{"due", "light",
///     "escalation", "totalWorkingDays", "usedWorkingDays", "remainingWorkingDays",
///     "overdueWorkingDays", "paused"}`;
///   - `{"op": "years"}` → `{"knownYears"}`, the years whose holiday arrangement the
///     calendar has (no deadline is counted into another).
///
///   Dates are `"YYYY-MM-DD"` (China Standard Time).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// A question the calendar cannot answer is a normal outcome: `DOORSTEP_OK` with the
/// problem in `"errors"`.
///
/// No engine is needed: thread-safe. (`doorstep_engine_calendar_query` answers with an
/// engine's calendar, the catalogue's own years included.)
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a query that cannot be read (`input.*`, also an unknown
/// `op` or an impossible date), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang.
///
/// # Safety
///
/// `query_json` and `lang` are NULL or NUL-terminated strings; `out_report_json` is NULL or
/// points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_calendar_query(
    query_json: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(query_json, out_report_json) => {
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { answer(shipped(), query_json, lang, out_report_json) }
    })
}

/// Answers a question about working days with the engine's calendar and writes the report,
/// as JSON, to `*out_report_json`, as `doorstep_calendar_query` does with the shipped one:
/// the same questions, the same report, the same statuses. The engine's calendar is the
/// arrangements shipped with the library and the catalogue's own `calendar`: a year the
/// library does not ship yet (the State Council's notice comes out each autumn), or one it
/// ships, replaced by the catalogue's. A date in a year neither has an arrangement for is
/// `calendar.out_of_range`, in `"errors"`.
///
/// - `query_json`: one question, tagged by `op`, at most 1 MiB, as for
///   `doorstep_calendar_query` (`isWorkingDay`, `addWorkingDays`, `workingDaysBetween`,
///   `deadline`, `years`: the shipped years and the catalogue's).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// A question the calendar cannot answer is a normal outcome: `DOORSTEP_OK` with the
/// problem in `"errors"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT` (a NULL `engine`, `query_json`
/// or `out_report_json`), `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT` for a
/// query that cannot be read (`input.*`, also an unknown `op` or an impossible date),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `query_json` and `lang`
/// are NULL or NUL-terminated strings; `out_report_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_calendar_query(
    engine: *const doorstep_engine,
    query_json: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, query_json, out_report_json) => {
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let calendar = unsafe { engine::engine(engine) }.calendar();
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { answer(calendar, query_json, lang, out_report_json) }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::ffi::{CStr, CString, c_char};
    use std::ptr;

    use doorstep::conformance;
    use serde_json::{Value, json};

    use super::*;
    use crate::test_support::{Loaded, last_params, outcome};

    /// The report of `doorstep_engine_calendar_query` with `engine` (which may be NULL), or
    /// of `doorstep_calendar_query` without one; `{"error": code}` when the call failed.
    fn ask(engine: Option<*const doorstep_engine>, text: &str, lang: Option<&str>) -> Value {
        let text = CString::new(text).unwrap();
        let lang = lang.map(|l| CString::new(l).unwrap());
        let lang = lang.as_deref().map_or(ptr::null(), CStr::as_ptr);
        let mut out: *mut c_char = ptr::null_mut();
        let status = match engine {
            // SAFETY: NULL or a live engine, NUL-terminated strings or NULL, and a local
            // out-parameter.
            Some(engine) => unsafe {
                doorstep_engine_calendar_query(engine, text.as_ptr(), lang, &raw mut out)
            },
            // SAFETY: NUL-terminated strings or NULL, and a local out-parameter.
            None => unsafe { doorstep_calendar_query(text.as_ptr(), lang, &raw mut out) },
        };
        outcome(status, out).unwrap_or_else(|(_, code)| json!({ "error": code }))
    }

    /// The report of `doorstep_calendar_query`, or `{"error": code}` when the call failed.
    fn query(text: &str, lang: Option<&str>) -> Value {
        ask(None, text, lang)
    }

    /// calendar.json through the C ABI (`tests/c/test_cases.c` runs it from C too): the
    /// case's input without its `lang`, which goes as the argument, nor its `catalog` and
    /// `patch`; a case with a catalogue asks an engine over it, loaded at the file's
    /// `loadAt`, with `doorstep_engine_calendar_query`.
    #[test]
    fn calendar_fixtures_through_the_c_abi() {
        let load_at = conformance::load("calendar.json")["loadAt"]
            .as_str()
            .map(|at| CString::new(at).unwrap())
            .unwrap();
        let failures = conformance::run("calendar.json", |input| {
            let mut raw = input.raw.clone();
            for key in ["lang", "catalog", "patch"] {
                raw.as_object_mut().unwrap().remove(key);
            }
            let lang = input.lang.as_deref();
            if input.raw.get("catalog").is_some() {
                let engine = Loaded::new(&conformance::catalog_of(&input.raw), &load_at);
                ask(Some(engine.0), &raw.to_string(), lang)
            } else {
                query(&raw.to_string(), lang)
            }
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn queries_that_cannot_be_read_are_coded_failures() {
        let good = r#"{"op": "isWorkingDay", "date": "2025-10-09"}"#;
        assert_eq!(query(good, Some("en"))["workingDay"], true);
        assert_eq!(
            query("{\"op\": ", None),
            json!({ "error": "input.malformed" })
        );
        assert_eq!(
            query(r#"{"op": "isHoliday", "date": "2025-10-09"}"#, None),
            json!({ "error": "input.shape" })
        );
        assert_eq!(
            query(r#"{"op": "isWorkingDay", "date": "2025-02-30"}"#, None),
            json!({ "error": "input.shape" })
        );
        assert_eq!(
            query(good, Some("fr")),
            json!({ "error": "arg.unknown_lang" })
        );
        let report = query(
            r#"{"op": "isWorkingDay", "date": "2031-01-06"}"#,
            Some("en"),
        );
        assert_eq!(report["errors"][0]["code"], "calendar.out_of_range");
        assert_eq!(report.get("workingDay"), None);
    }

    #[test]
    fn an_engine_answers_with_its_catalogues_years_too() {
        let mut catalog = conformance::load("catalog/mini.json");
        catalog["calendar"] = json!([{
            "year": 2027,
            "notice": "test",
            "holidays": [{ "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" }],
            "makeUpDays": [],
        }]);
        let engine = Loaded::new(&catalog, c"2026-11-25");
        let plain = Loaded::new(&conformance::load("catalog/mini.json"), c"2026-11-25");
        let next = r#"{"op": "addWorkingDays", "date": "2026-12-31", "days": 1}"#;
        assert_eq!(
            ask(Some(engine.0), next, Some("en")),
            json!({ "date": "2027-01-04", "errors": [] })
        );
        // The shipped calendar, and an engine whose catalogue has no calendar, stop at 2026.
        for report in [query(next, Some("en")), ask(Some(plain.0), next, None)] {
            assert_eq!(report["errors"][0]["code"], "calendar.out_of_range");
            assert_eq!(report.get("date"), None);
        }
        // The shipped years still answer.
        let shipped = r#"{"op": "isWorkingDay", "date": "2026-10-01"}"#;
        assert_eq!(ask(Some(engine.0), shipped, None)["workingDay"], false);

        // Refused as doorstep_calendar_query's are, and a NULL engine too.
        assert_eq!(
            ask(Some(ptr::null()), next, None),
            json!({ "error": "ffi.null_argument" })
        );
        assert_eq!(last_params()["name"], "engine");
        let cases = [
            ("{\"op\": ", None, "input.malformed"),
            (
                r#"{"op": "isHoliday", "date": "2027-01-04"}"#,
                None,
                "input.shape",
            ),
            (next, Some("fr"), "arg.unknown_lang"),
        ];
        for (text, lang, code) in cases {
            assert_eq!(ask(Some(engine.0), text, lang), json!({ "error": code }));
        }
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, a NULL query and a local out-parameter.
        let status = unsafe {
            doorstep_engine_calendar_query(engine.0, ptr::null(), ptr::null(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert!(out.is_null());
        assert_eq!(last_params()["name"], "query_json");
        let text = CString::new(next).unwrap();
        // SAFETY: a live engine, a NUL-terminated query and a NULL out-parameter.
        let status = unsafe {
            doorstep_engine_calendar_query(engine.0, text.as_ptr(), ptr::null(), ptr::null_mut())
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "out_report_json");
    }
}
