//! 办件 (issue 5): `Engine.decide`, `Engine.actions` and `Engine.deadline` over a case as
//! the page holds it, and the free function `evolve` (`Engine.replay` and the calendar
//! queries are the back office's, in `src/office.rs`); 一件事 (issue 7): `Engine.decide` with
//! a bundle case's members (`options.members`, the request's `members`), and the citizen's
//! `timeline` over stored JSON Lines.
//!
//! As everywhere in this crate, the core decides. The JS arguments of one call are written
//! into the core's request type as one JSON text — `{"case": …, "command": …, "context":
//! …, "members": […]}` for a `DecideRequest`, each object through `JSON.stringify` (see
//! `src/answer.rs`) — and read with the core's bounded parser (`from_json`, at most 2 MiB),
//! so a case, a command, an event and a context are read exactly as the C ABI reads them.
//! The outcomes go back as JSON shows them ([`crate::to_js`]: a version read from input
//! past 2^53 is rounded, not refused).
//!
//! A refused command or event is a returned outcome (`{outcome: "refused", error}`), and
//! an event stream's unreadable or refused lines are in the replay's `rejected`; only a
//! wrong call throws a `DoorstepError`: `arg.invalid_type` (naming the argument),
//! `arg.invalid_date` (`now`), `arg.unknown_lang`, `input.malformed`, `input.shape` (a
//! missing or unknown field, an unknown `type`, `role`, `channel` or `op`, a time without
//! its offset), `input.too_large`, `input.too_deep`; `Engine.deadline` also
//! `calendar.out_of_range` (a day the shipped calendar has no arrangement for) and
//! `calendar.invalid_pause`.

use doorstep::Lang;
use doorstep::args::ArgError;
use doorstep::calendar;
use doorstep::case::{
    ActionsRequest, DeadlineRequest, DecideRequest, EvolveRequest, MAX_EVENTS_BYTES,
    MAX_REQUEST_BYTES, evolve_request, timeline_jsonl,
};
use doorstep::input::InputError;
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::lang_of;
use crate::answer::{self, bounded_text};
use crate::engine::{JsEngine, date_and_lang};
use crate::error::coded_error;
use crate::options::{CallOptions, DecideOptions, type_error_in};
use crate::types::{JsActions, JsDeadline, JsDecision, JsEvolution, JsTimelineOutcome};
use crate::{string_arg, to_js};

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Decides `command` against `current`, the case as the page holds it (`null` before
    /// `submit` and `submit_bundle`), for who acts, through which channel and when
    /// (`context.at`, RFC 3339 with offset: the core never reads the clock). For a command
    /// on a bundle case (一件事), `options.members` are its member cases as the page holds
    /// them (withdrawing the bundle withdraws its open members). `options.lang` words a
    /// refusal and a thrown error; `options.at` is checked but not used.
    ///
    /// Accepted: `{outcome: "accepted", events}`, the events to store and apply in order
    /// with `evolve`, each to the case it names (`submit_bundle` opens the bundle case and a
    /// case per member matter) — none when the command's `clientId` was applied before to
    /// the same action (a retry). Refused: `{outcome: "refused", error}`, nothing having
    /// changed (`case.conflict`, `case.wrong_status`, `case.no_authority`,
    /// `case.invalid_answer`, `case.client_id_reused`, `case.backdated`, …). Only a wrong
    /// call throws (`arg.*`, `input.*`; the objects together at most 2 MiB; `members` not
    /// an array is `arg.invalid_type`).
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Case | null")] current: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "CommandEnvelope")] command: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "CaseContext")] context: &JsValue,
        options: Option<Ts<DecideOptions>>,
    ) -> Result<JsDecision, js_sys::Error> {
        let (texts, members) = DecideOptions::read(options)?;
        let (_, lang) = date_and_lang(&texts)?;
        let mut request = Request::new(lang)
            .field("case", "current", current, true)?
            .field("command", "command", command, false)?
            .field("context", "context", context, false)?;
        if let Some(members) = members {
            if crate::js::is_array(&members) != Some(true) {
                return Err(type_error_in("members", "array", Some(lang)));
            }
            request = request.field("members", "members", &members, false)?;
        }
        let request =
            DecideRequest::from_json(&request.finish()).map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&self.engine.decide_case(&request, lang)).map(JsCast::unchecked_into)
    }

    /// The actions the actor of `context` may take on `current` at `context.at`, in lifecycle
    /// order: the buttons a window or an app offers. Status, role, assignment, authority and
    /// the matter's rules are checked; a command's payload (its answer, its stamp) only when
    /// it is decided. `[]` for a case whose matter version is not in the catalogue.
    ///
    /// Throws a `DoorstepError` (in zh-CN) only for a wrong call: `arg.invalid_type`,
    /// `input.*`.
    pub fn actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Case")] current: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "CaseContext")] context: &JsValue,
    ) -> Result<JsActions, js_sys::Error> {
        let text = Request::new(Lang::default())
            .field("case", "current", current, false)?
            .field("context", "context", context, false)?
            .finish();
        let request = ActionsRequest::from_json(&text).map_err(|e| coded_error(&e, None))?;
        to_js(&self.engine.case_actions(&request)).map(JsCast::unchecked_into)
    }

    /// The deadline of `current` on `now` (today in China Standard Time, `YYYY-MM-DD`, as the
    /// host's clock says), counted with the engine's working calendar: the due date, the
    /// 红黄灯 light and the 督办 escalation; `null` for a case not yet accepted or already
    /// decided, which has no running deadline.
    ///
    /// Throws a `DoorstepError` (in zh-CN): `calendar.out_of_range` when the count reaches a
    /// year the calendar has no holiday arrangement for (the known years in
    /// `params.knownYears`: the calendar never guesses), `calendar.invalid_pause` for a case
    /// whose pauses end before they start, `arg.invalid_date` for a `now` that is not a
    /// date, `arg.invalid_type`, `input.*`.
    pub fn deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Case")] current: &JsValue,
        now: &JsString,
    ) -> Result<JsDeadline, js_sys::Error> {
        let now = string_arg(now, "now", None)?;
        // Only digits and dashes once parsed: it goes into the JSON text as it is.
        if calendar::parse_date(&now).is_none() {
            return Err(coded_error(&ArgError::InvalidDate, None));
        }
        let mut request = Request::new(Lang::default()).field("case", "current", current, false)?;
        request.key("now");
        request.text.push('"');
        request.text.push_str(&now);
        request.text.push('"');
        let request =
            DeadlineRequest::from_json(&request.finish()).map_err(|e| coded_error(&e, None))?;
        let status = self
            .engine
            .case_deadline(&request)
            .map_err(|e| coded_error(&e, None))?;
        to_js(&status).map(JsCast::unchecked_into)
    }
}

/// Applies `event` to `current`, the case so far (`null` before its first event):
/// `{outcome: "applied", case}`, the case after it, or `{outcome: "refused", error}` when
/// the event cannot follow the case (`case.event_version` out of sequence,
/// `case.duplicate_event`, `case.wrong_status`, `case.event_schema` from a newer library,
/// …), the case being unchanged. No engine is needed: an event records what was decided.
/// `options.lang` words a refusal and a thrown error; `options.at` is checked but not used.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.*`, `input.*` (the two objects
/// together at most 2 MiB).
#[wasm_bindgen]
pub fn evolve(
    #[wasm_bindgen(unchecked_param_type = "Case | null")] current: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "CaseEvent")] event: &JsValue,
    options: Option<Ts<CallOptions>>,
) -> Result<JsEvolution, js_sys::Error> {
    let lang = lang_of(options)?;
    let text = Request::new(lang)
        .field("case", "current", current, true)?
        .field("event", "event", event, false)?
        .finish();
    let request = EvolveRequest::from_json(&text).map_err(|e| coded_error(&e, Some(lang)))?;
    to_js(&evolve_request(request, lang)).map(JsCast::unchecked_into)
}

/// The citizen's one timeline of case `caseId` (for a bundle case, with its member cases,
/// and the cases they started by themselves, 免申即办) from stored `events`, JSON Lines as
/// hosts store them (blank lines skipped; a final `\r` ignored): every step in time order
/// (who acted by role and organisation, never a person's id), every related case as it
/// stands, and for a bundle case the join of its members' states. No engine is needed:
/// events record what was decided. `options.lang` words a refusal.
///
/// `{outcome: "found", timeline}`, or `{outcome: "refused", error}`: `case.not_found` when
/// the events never open the case, or a line that is not an event (its `input.*` code,
/// with `params.line`), which refuses the whole request. Events of other cases are passed
/// over, and so are the lines of reviews and complaints (a `review` or `complaint` key and no
/// `case` key: the district's one file of all events can be followed); an event its case refuses is left out, as a replay leaves it out. JSON Lines only,
/// not an array: one path into the core (`timeline_jsonl`) keeps one copy of its code in
/// the `.wasm` (an array would instantiate the core's generic `timeline` a second time,
/// its sorts included); `events.map((e) => JSON.stringify(e)).join("\n")` makes the text.
///
/// Throws a `DoorstepError` only for a wrong call: `arg.invalid_type` (events or the case
/// id not a string), `input.too_large` (text longer than 256 Mi UTF-16 code units, before
/// it is copied), `arg.invalid_date`, `arg.unknown_lang`.
#[wasm_bindgen]
pub fn timeline(
    events: &JsString,
    #[wasm_bindgen(js_name = caseId)] case_id: &JsString,
    options: Option<Ts<CallOptions>>,
) -> Result<JsTimelineOutcome, js_sys::Error> {
    let lang = lang_of(options)?;
    if !events.is_string() {
        return Err(type_error_in("events", "string", Some(lang)));
    }
    let case_id = string_arg(case_id, "caseId", Some(lang))?;
    let text = bounded_text(events, MAX_EVENTS_BYTES).map_err(|e| coded_error(&e, Some(lang)))?;
    to_js(&timeline_jsonl(text.as_bytes(), &case_id, lang)).map(JsCast::unchecked_into)
}

/// The JSON text of one request object, written field by field from the call's
/// arguments, at most [`MAX_REQUEST_BYTES`] in all.
struct Request {
    /// The text so far.
    text: String,
    /// The language of the errors.
    lang: Lang,
}

impl Request {
    /// `{`.
    fn new(lang: Lang) -> Self {
        Self {
            text: String::from("{"),
            lang,
        }
    }

    /// Starts the field `key`.
    fn key(&mut self, key: &str) {
        if self.text.len() > 1 {
            self.text.push(',');
        }
        self.text.push('"');
        self.text.push_str(key);
        self.text.push_str("\":");
    }

    /// The field `key`: the JSON of the object argument `name`, or `null` for `null` or
    /// `undefined` when `nullable`. Anything else (a string included: JSON text might not
    /// be one value) is `arg.invalid_type`.
    fn field(
        mut self,
        key: &str,
        name: &'static str,
        value: &JsValue,
        nullable: bool,
    ) -> Result<Self, js_sys::Error> {
        let lang = Some(self.lang);
        if nullable && (value.is_null() || value.is_undefined()) {
            self.key(key);
            self.text.push_str("null");
            return Ok(self);
        }
        if !value.is_object() {
            return Err(type_error_in(name, "object", lang));
        }
        // `JSON.stringify` of an object is one JSON value, so fields cannot leak between
        // arguments.
        let json = answer::json_text(value, name, MAX_REQUEST_BYTES, lang)?;
        self.key(key);
        let room = MAX_REQUEST_BYTES.saturating_sub(self.text.len());
        let json = bounded_text(&json, room).map_err(|_| {
            let too_large = InputError::TooLarge {
                max: MAX_REQUEST_BYTES,
            };
            coded_error(&too_large, lang)
        })?;
        self.text.push_str(&json);
        Ok(self)
    }

    /// `}`: the request's text.
    fn finish(mut self) -> String {
        self.text.push('}');
        self.text
    }
}
