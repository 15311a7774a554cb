//! The working calendar (工作日 / 调休) behind the C ABI: one JSON query in, one JSON
//! report out (`doorstep::calendar::{CalendarQuery, CalendarReport}`), against the holiday
//! arrangements shipped with the library.
//!
//! The core decides; this module only translates. The shipped calendar is built once, on
//! the first query, and only read after that.

use std::ffi::c_char;
use std::sync::OnceLock;

use doorstep::calendar::{CalendarQuery, WorkCalendar};
use doorstep::input::{self, MAX_ANSWER_BYTES};

use crate::boundary::ffi_boundary;
use crate::engine::json_call;
use crate::error::doorstep_status;

/// The calendar of the arrangements shipped with the library, built on first use.
fn shipped() -> &'static WorkCalendar {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    CALENDAR.get_or_init(WorkCalendar::china)
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
///     "overdueWorkingDays", "paused"}`.
///
///   Dates are `"YYYY-MM-DD"` (China Standard Time).
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// A question the calendar cannot answer is a normal outcome: `DOORSTEP_OK` with the
/// problem in `"errors"`.
///
/// No engine is needed: thread-safe.
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
        let answer = |text: &str, lang| {
            let query: CalendarQuery = input::parse_json(text, MAX_ANSWER_BYTES)?;
            Ok(query.report(shipped(), lang))
        };
        let doc = (query_json, "query_json", MAX_ANSWER_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_report_json, answer) }
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
    use crate::error::doorstep_last_error_code;
    use crate::strings::doorstep_string_free;

    /// The report, or `{"error": code}` when the call failed.
    fn query(text: &str, lang: Option<&str>) -> Value {
        let text = CString::new(text).unwrap();
        let lang = lang.map(|l| CString::new(l).unwrap());
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NUL-terminated strings or NULL, and a local out-parameter.
        let status = unsafe {
            doorstep_calendar_query(
                text.as_ptr(),
                lang.as_deref().map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        if status == doorstep_status::DOORSTEP_OK {
            // SAFETY: `out` came from a successful call.
            let json = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
            // SAFETY: freed once.
            unsafe { doorstep_string_free(out) };
            serde_json::from_str(&json).unwrap()
        } else {
            assert!(out.is_null());
            // SAFETY: the last error code is a NUL-terminated string owned by this thread.
            let code = unsafe { CStr::from_ptr(doorstep_last_error_code()) };
            json!({ "error": code.to_str().unwrap() })
        }
    }

    /// calendar.json through the C ABI (`tests/c/test_cases.c` runs it from C too): the
    /// case's input without its `lang`, which goes as the argument.
    #[test]
    fn calendar_fixtures_through_the_c_abi() {
        let failures = conformance::run("calendar.json", |input| {
            let mut raw = input.raw.clone();
            raw.as_object_mut().unwrap().remove("lang");
            query(&raw.to_string(), input.lang.as_deref())
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
}
