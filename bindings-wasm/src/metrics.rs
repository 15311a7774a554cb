//! 统计 (issue 7): `Engine.metrics`, the district's figures from the stored events.
//!
//! As everywhere in this crate, the core decides: the query goes to the core as JSON text
//! (an object through `JSON.stringify`, see `src/answer.rs`) with the events as JSON Lines,
//! and the outcome is the one every binding returns (`Engine::metrics_json`, as
//! `doorstep metrics` and the shared fixture `tests/fixtures/metrics.json`).

use doorstep::Coded;
use doorstep::case::MAX_EVENTS_BYTES;
use doorstep::metrics::{MetricsError, MetricsOutcome};
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::lang_of;
use crate::answer::{self, bounded_text};
use crate::engine::JsEngine;
use crate::error::coded_error;
use crate::options::{CallOptions, type_error_in};
use crate::to_js;
use crate::types::JsMetricsOutcome;

/// The longest query `Engine.metrics` reads, in bytes (as the core's `MetricsQuery::from_json`).
const MAX_QUERY_BYTES: usize = 4096;

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// The metrics of `query.scope` (an organisation of the catalogue: a station, a street
    /// centre, the district) over `query.from..=query.to` (`YYYY-MM-DD`, China Standard
    /// Time) from `events`: JSON Lines of case, review and complaint events mixed, as hosts
    /// store them. Cases (received, accepted, concluded on time, 即办件, 帮办代办, per
    /// channel), 好差评 (per level and channel, satisfaction, bad reviews rectified on time)
    /// and 办不成事 (answered on time), with every rate over nothing `null`.
    ///
    /// `{outcome: "report", report, problems}`, the lines that are not events skipped and
    /// listed with their `input.*` code and 1-based `line`; or `{outcome: "refused", error}`:
    /// `metrics.unknown_scope`, `metrics.period`, or the `input.*` code of a query that
    /// cannot be read (given as text). `options.lang` words the problems; `options.at` is
    /// checked but not used.
    ///
    /// Throws a `DoorstepError` only for a wrong call: `arg.invalid_type` (a query that is
    /// neither an object nor a string, events not a string), `input.too_large` (events
    /// longer than 256 Mi UTF-16 code units, before they are copied), `arg.invalid_date`,
    /// `arg.unknown_lang`, and for a query object `JSON.stringify` cannot write (a cycle, a
    /// `BigInt`, nesting past the JS engine's stack) what `Engine.validate` throws for such
    /// an answer (`arg.invalid_type`, `input.too_deep`).
    pub fn metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MetricsQuery | string")] query: &JsValue,
        events: &JsString,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsMetricsOutcome, js_sys::Error> {
        let lang = lang_of(options)?;
        let query = answer::json_text(query, "query", MAX_QUERY_BYTES, Some(lang))?;
        if !events.is_string() {
            return Err(type_error_in("events", "string", Some(lang)));
        }
        let events =
            bounded_text(events, MAX_EVENTS_BYTES).map_err(|e| coded_error(&e, Some(lang)))?;
        let outcome = match bounded_text(&query, MAX_QUERY_BYTES) {
            Ok(query) => self.engine.metrics_json(&query, events.as_bytes(), lang),
            // As the core refuses a query over its limit, without copying it first.
            Err(e) => MetricsOutcome::Refused {
                error: MetricsError::Input(e).to_problem(lang),
            },
        };
        to_js(&outcome).map(JsCast::unchecked_into)
    }
}
