//! The back office's calls beyond a citizen's (the `doorstep/backoffice` module of the npm
//! package, cargo feature `backoffice`): `Engine.replay` of a stored event stream,
//! `calendarQuery` over the shipped working calendar and `Engine.calendarQuery` over the
//! engine's, `lintCatalog` for catalogue authors, and 办不成事 (`Engine.decideComplaint`,
//! `evolveComplaint`). The stamp, authorisation and ledger calls (`src/authority.rs`) and
//! the metrics (`src/metrics.rs`) are the back office's too. Kept out of the default module
//! so that an H5 page or a kiosk downloads what it calls: each input type costs its parser
//! in the `.wasm` (see build.sh).
//!
//! Errors as in the modules these calls sit beside (`src/case.rs`, `src/engine.rs`,
//! `src/review.rs`).

use std::sync::OnceLock;

use doorstep::Coded;
use doorstep::calendar::{CalendarQuery, WorkCalendar};
use doorstep::case::{Event, MAX_EVENTS_BYTES, MAX_REQUEST_BYTES};
use doorstep::catalog;
use doorstep::complaint::{ComplaintDecideRequest, ComplaintEvolveRequest};
use doorstep::review::MAX_REVIEW_REQUEST_BYTES;
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{bounded_text, lang_of, object_arg};
use crate::engine::{JsEngine, catalog_text, date_and_lang};
use crate::error::coded_error;
use crate::options::{CallOptions, LintOptions, type_error_in};
use crate::to_js;
use crate::types::{
    JsCalendarReport, JsComplaintDecision, JsComplaintEvolution, JsProblems, JsReplayReport,
};

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Replays stored events, checked against the catalogue (a matter version it lacks, a
    /// decision's stamp that does not verify): every case they build, in id order, and
    /// every event refused, with its 0-based `index` and coded problem. A refused event
    /// changes nothing; the later events of its case are still tried. `options.lang` words
    /// the problems.
    ///
    /// `events` is an array of events (at most 256 MiB as JSON; one that is not an event
    /// throws `input.shape`), or their JSON Lines text, as hosts store them: there a line
    /// that is not an event is refused in `rejected` with its `input.*` code (the lines of
    /// reviews and complaints, with a `review` or `complaint` key and no `case` key, are
    /// skipped), every refusal
    /// carries its 1-based `line`, and `index` is the 0-based line; blank lines are
    /// skipped, a line may be at most 1 MiB; past 10,000 lines that are not events the rest
    /// are counted in one `input.too_many_errors` (`params.omitted`). Text that cannot fit the core's 256 MiB throws
    /// `input.too_large` before it is copied; text a little over it in UTF-8 is refused by
    /// the core, as `input.too_large` on line 1 of `rejected`.
    pub fn replay(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseEvent[] | string")] events: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsReplayReport, js_sys::Error> {
        let lang = lang_of(options)?;
        let report = if let Some(text) = events.dyn_ref::<JsString>() {
            let text =
                bounded_text(text, MAX_EVENTS_BYTES).map_err(|e| coded_error(&e, Some(lang)))?;
            self.engine.replay_jsonl(&text, lang)
        } else if crate::js::is_array(events) == Some(true) {
            let events: Vec<Event> = object_arg(events, "events", MAX_EVENTS_BYTES, lang)?;
            self.engine.replay_cases(&events, lang)
        } else {
            return Err(type_error_in("events", "array", Some(lang)));
        };
        to_js(&report).map(JsCast::unchecked_into)
    }

    /// Decides a 办不成事 command (`report`, `triage`, `answer`) against
    /// `request.complaint`, the complaint as the page holds it (`null` before `report`),
    /// for who acts, through which channel and when (`request.context`). A report's answer
    /// falls due on the engine's working calendar. `{outcome: "accepted", events}` (apply
    /// them with `evolveComplaint`; none for a retried `clientId`; another command under it
    /// is `complaint.client_id_reused`), or `{outcome: "refused", error}` (`complaint.*`).
    /// `options` as for `decideReview`.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 256 KiB).
    #[wasm_bindgen(js_name = decideComplaint)]
    pub fn decide_complaint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ComplaintDecideRequest")] request: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsComplaintDecision, js_sys::Error> {
        let lang = lang_of(options)?;
        let request: ComplaintDecideRequest =
            object_arg(request, "request", MAX_REVIEW_REQUEST_BYTES, lang)?;
        to_js(&self.engine.decide_complaint(&request, lang)).map(JsCast::unchecked_into)
    }

    /// Answers one question as `calendarQuery` does, with the engine's working calendar:
    /// the shipped years and the catalogue's own `calendar` (a year the library does not
    /// ship yet, or one it replaces), the calendar the engine's deadlines count with. A
    /// date outside both is a returned report with `calendar.out_of_range` in `errors`;
    /// `options.lang` words it.
    ///
    /// Throws a `DoorstepError` only for a wrong call, as `calendarQuery`: `arg.*`,
    /// `input.*` (a query of the wrong shape, an unknown `op`, larger than 2 MiB).
    #[wasm_bindgen(js_name = calendarQuery)]
    pub fn calendar_query(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CalendarQuery")] query: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsCalendarReport, js_sys::Error> {
        calendar_report(self.engine.calendar(), query, options)
    }
}

/// Applies `request.event` to `request.complaint`, the complaint so far (`null` before its
/// first event): `{outcome: "applied", complaint}`, or `{outcome: "refused", error}`
/// (`complaint.event_version`, `complaint.duplicate_event`, `complaint.wrong_status`, …),
/// the complaint being unchanged. No engine is needed. `options` as for
/// `Engine.decideReview`.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (at most 256 KiB).
#[wasm_bindgen(js_name = evolveComplaint)]
pub fn evolve_complaint(
    #[wasm_bindgen(unchecked_param_type = "ComplaintEvolveRequest")] request: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsComplaintEvolution, js_sys::Error> {
    let lang = lang_of(options)?;
    let request: ComplaintEvolveRequest =
        object_arg(request, "request", MAX_REVIEW_REQUEST_BYTES, lang)?;
    to_js(&request.run(lang)).map(JsCast::unchecked_into)
}

/// Answers one question to the shipped working calendar (工作日 / 调休, 2024–2026), tagged
/// by `op`: `isWorkingDay` → `{workingDay}`, `addWorkingDays` → `{date}`,
/// `workingDaysBetween` → `{workingDays}`, `deadline` → the due date, light and escalation
/// of a time limit on `now`, `years` → `{knownYears}` (no deadline is counted into another
/// year). A question the calendar cannot answer (a date outside its
/// years, a pause that ends before it starts) is a returned report with the problem in
/// `errors`; `options.lang` words it. `Engine.calendarQuery` answers with an engine's
/// calendar, its catalogue's years included.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (a query of the wrong
/// shape, an unknown `op`, larger than 2 MiB).
#[wasm_bindgen(js_name = calendarQuery)]
pub fn calendar_query(
    #[wasm_bindgen(unchecked_param_type = "CalendarQuery")] query: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsCalendarReport, js_sys::Error> {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    calendar_report(CALENDAR.get_or_init(WorkCalendar::china), query, options)
}

/// The report of `query` (read as a `CalendarQuery`, at most 2 MiB) on `calendar`, worded
/// in `options.lang`: `calendarQuery` on the shipped calendar, `Engine.calendarQuery` on
/// the engine's.
fn calendar_report(
    calendar: &WorkCalendar,
    query: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsCalendarReport, js_sys::Error> {
    let lang = lang_of(options)?;
    let query: CalendarQuery = object_arg(query, "query", MAX_REQUEST_BYTES, lang)?;
    to_js(&query.report(calendar, lang)).map(JsCast::unchecked_into)
}

/// Lints a catalogue document: every problem, each with the JSON Pointer of its value, in
/// `options.lang`, with 填单示范 checked as of `options.at` (default: today in China
/// Standard Time). An empty list means `new Engine` accepts it. A document that cannot be
/// read is one problem at the path `""` (`input.malformed`, `input.too_large`, …); one
/// with a value the catalogue's types refuse (a date that does not exist, an unknown key:
/// `input.shape`) is one problem at that value's path.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.invalid_type`, `arg.invalid_date`,
/// `arg.unknown_lang`.
#[wasm_bindgen(js_name = lintCatalog)]
pub fn lint_catalog(
    #[wasm_bindgen(js_name = catalogJson)] catalog_json: &JsString,
    options: Option<Ts<LintOptions>>,
) -> Result<JsProblems, js_sys::Error> {
    let texts = LintOptions::texts(options)?;
    let (at, lang) = date_and_lang(&texts)?;
    let problems = match catalog_text(catalog_json, texts.hint)? {
        Ok(text) => catalog::lint_json(&text, at, lang),
        // As `lint_json` reports a document it cannot read.
        Err(e) => {
            let mut problem = e.to_problem(lang);
            problem.path = Some(String::new());
            vec![problem]
        }
    };
    to_js(&problems).map(JsCast::unchecked_into)
}
