//! Metrics behind the C ABI: the figures of a station, a street centre or the district over
//! a period (办件, 好差评, 办不成事), folded from the stored events.
//!
//! The core computes (`doorstep::engine::Engine::metrics_jsonl`); this module reads the
//! query and the events and writes the outcome as the JSON every binding returns
//! (`doorstep::metrics::MetricsOutcome`).

use std::ffi::c_char;

use doorstep::metrics::MetricsQuery;

use crate::authority::language;
use crate::boundary::ffi_boundary;
use crate::engine::{self, doorstep_engine, write_json};
use crate::error::doorstep_status;
use crate::strings::{required_lines, required_str};

/// Computes the metrics of a scope over a period from stored events and writes the outcome,
/// as JSON, to `*out_report_json`: `{"outcome": "report", "report": {"scope": {"org", "name",
/// "level"}, "from", "to", "ignoredEvents", "cases": {...}, "reviews": {...}, "complaints": {...}}, "problems":
/// [{"line", "code", "params"?, "message"}]}` — 办件 received, accepted, concluded on time or
/// late (working days, 补正 pauses and extensions counted), 好差评 ratings, bad reviews and
/// their rectification, 办不成事 complaints answered on time; the events that change nothing
/// (a duplicate, one out of sequence, one `decide` would have refused: dated back, ending
/// an ended case) counted in `ignoredEvents`; every line that is not an
/// event skipped and listed in `problems` with its 1-based line and `input.*` code — or
/// `{"outcome": "refused", "error": {"code", "params"?, "message"}}` for a scope that is no
/// organisation of the catalogue (`metrics.unknown_scope`) or a period that ends before it
/// starts (`metrics.period`).
///
/// - `query_json`: `{"scope", "from", "to"}`, at most 4 KiB: an organisation code of the
///   catalogue (a station, a street centre, the district: each counts what is under it),
///   and the first and last day, `"YYYY-MM-DD"` (China Standard Time, both included).
/// - `events_jsonl`: the events as JSON Lines, case, review and complaint events mixed (each
///   line has exactly one of the keys `case`, `review`, `complaint`), each case's, review's
///   and complaint's events in order; blank lines are skipped, a line may be at most 1 MiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// Skipped lines and a refused query are normal outcomes: `DOORSTEP_OK`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`
/// for a query or `lang` that is not UTF-8 (a line of `events_jsonl` that is not is
/// skipped and listed in `problems`, `input.not_utf8`, as any other bad line),
/// `DOORSTEP_ERR_INVALID_INPUT` for a query that
/// cannot be read (`input.too_large`, `input.too_deep`, `input.malformed`, `input.shape`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `query_json`,
/// `events_jsonl` and `lang` are NULL or NUL-terminated strings; `out_report_json` is NULL
/// or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_metrics(
    engine: *const doorstep_engine,
    query_json: *const c_char,
    events_jsonl: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, query_json, events_jsonl, out_report_json) => {
        // SAFETY: (all three) the caller passes NULL or a NUL-terminated string.
        let query = unsafe { required_str(query_json, "query_json") }?;
        // SAFETY: as above.
        let events = unsafe { required_lines(events_jsonl, "events_jsonl") }?;
        // SAFETY: as above.
        let lang = unsafe { language(lang) }?;
        // The query's own size limit applies (`input.too_large`).
        let query = MetricsQuery::from_json(query)?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let outcome = unsafe { engine::engine(engine) }.metrics_jsonl(&query, events, lang);
        // SAFETY: `out_report_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_report_json, serde_json::to_string(&outcome)) }
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

    fn metrics(
        engine: &Loaded,
        query: &str,
        events: &str,
        lang: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let query = c(query);
        let events = c(events);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_metrics(
                engine.0,
                query.as_ptr(),
                events.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    /// The engine of a metrics.json input.
    fn engine_of(raw: &Value) -> Loaded {
        let mut catalog = conformance::load(raw["catalog"].as_str().unwrap());
        if let Some(r) = raw.get("reviews") {
            catalog["reviews"] = r.clone();
        }
        Loaded::new(&catalog, c"2025-01-01")
    }

    /// The events of a metrics.json input, then its raw lines, as JSON Lines.
    fn jsonl(raw: &Value) -> String {
        let mut text = String::new();
        for e in raw["events"].as_array().unwrap() {
            text.push_str(&e.to_string());
            text.push('\n');
        }
        for line in raw["lines"].as_array().into_iter().flatten() {
            text.push_str(line.as_str().unwrap());
            text.push('\n');
        }
        text
    }

    /// The metrics outcome flattened for the fixture's matching rule, as `metrics_fixtures`
    /// (core/tests/metrics.rs) does.
    fn flatten(outcome: &Value) -> Value {
        let mut out = json!({ "outcome": outcome["outcome"] });
        if let Some(error) = outcome.get("error") {
            out["errors"] = json!([error]);
            return out;
        }
        let report = &outcome["report"];
        out["scope"] = report["scope"].clone();
        out["ignoredEvents"] = report["ignoredEvents"].clone();
        out["problems"] = outcome["problems"].clone();
        for part in ["cases", "reviews", "complaints"] {
            for (k, v) in report[part].as_object().unwrap() {
                out[format!("{part}.{k}")] = v.clone();
            }
        }
        out
    }

    /// metrics.json through the C ABI (`tests/c/test_reviews.c` runs it from C too).
    #[test]
    fn metrics_fixtures_through_the_c_abi() {
        let failures = conformance::run("metrics.json", |input| {
            let raw = &input.raw;
            let query = json!({ "scope": raw["scope"], "from": raw["from"], "to": raw["to"] });
            let outcome = metrics(&engine_of(raw), &query.to_string(), &jsonl(raw), None).unwrap();
            flatten(&outcome)
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn an_unreadable_query_fails_and_a_refused_one_is_an_outcome() {
        let raw = conformance::load("metrics.json")["cases"][0]["input"].clone();
        let engine = engine_of(&raw);
        let period = r#"{"scope": "350205-001-01", "from": "2025-10-31", "to": "2025-10-01"}"#;
        let refused = metrics(&engine, period, "", Some(c"en")).unwrap();
        assert_eq!(refused["outcome"], "refused");
        assert_eq!(refused["error"]["code"], "metrics.period");
        let empty = metrics(
            &engine,
            r#"{"scope": "350205", "from": "2025-10-01", "to": "2025-10-31"}"#,
            "\n\n",
            None,
        )
        .unwrap();
        assert_eq!(empty["report"]["cases"]["received"], 0);
        assert_eq!(empty["problems"], json!([]));
        let failures = [
            metrics(&engine, "{", "", None),
            metrics(&engine, r#"{"scope": "350205"}"#, "", None),
            metrics(&engine, &format!("\"{}\"", "a".repeat(4096)), "", None),
            metrics(&engine, period, "", Some(c"fr")),
        ];
        let codes: Vec<(doorstep_status, String)> =
            failures.into_iter().map(Result::unwrap_err).collect();
        let input = doorstep_status::DOORSTEP_ERR_INVALID_INPUT;
        assert_eq!(
            codes,
            [
                (input, "input.malformed".to_owned()),
                (input, "input.shape".to_owned()),
                (input, "input.too_large".to_owned()),
                (
                    doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT,
                    "arg.unknown_lang".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn null_arguments_and_events_that_are_not_utf8() {
        let raw = conformance::load("metrics.json")["cases"][0]["input"].clone();
        let engine = engine_of(&raw);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe {
            doorstep_metrics(
                ptr::null(),
                c"{}".as_ptr(),
                c"".as_ptr(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // A line that is not UTF-8 (a remark written in GB18030, say) is skipped and listed
        // on its own; the events around it still count.
        let events = jsonl(&raw);
        let mut bytes = b"{\"remark\": \"\xb0\xec\xbc\xfe\"}\n".to_vec();
        bytes.extend_from_slice(events.as_bytes());
        let events = std::ffi::CString::new(bytes).unwrap();
        let query = json!({ "scope": raw["scope"], "from": raw["from"], "to": raw["to"] });
        let query = c(&query.to_string());
        // SAFETY: a live engine, NUL-terminated strings, a local out-parameter.
        let status = unsafe {
            doorstep_metrics(
                engine.0,
                query.as_ptr(),
                events.as_ptr(),
                ptr::null(),
                &raw mut out,
            )
        };
        let with_bad_line = outcome(status, out).unwrap();
        assert_eq!(with_bad_line["problems"][0]["code"], "input.not_utf8");
        assert_eq!(with_bad_line["problems"][0]["line"], 1);
        let without = metrics(&engine, query.to_str().unwrap(), &jsonl(&raw), None).unwrap();
        assert_eq!(with_bad_line["report"], without["report"]);
    }
}
