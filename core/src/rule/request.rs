//! A rule evaluated on request, for hosts that evaluate rules themselves (a form page
//! showing and hiding fields as the user types) and for the bindings' runs of the shared
//! rule fixtures.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Rule;
use crate::calendar::WorkCalendar;
use crate::ids::Masked;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Largest request accepted by [`RuleRequest::from_json`], in bytes.
pub const MAX_RULE_REQUEST_BYTES: usize = input::MAX_ANSWER_BYTES;

/// `{"rule": R, "data": D}`: a `JsonLogic` rule and the data it reads (`null` when absent).
/// Its `Debug` output masks the data ([`mask_json`](crate::ids::mask_json)).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    /// The rule.
    pub rule: Value,
    /// The data.
    #[serde(default)]
    pub data: Value,
}

impl RuleRequest {
    /// Reads the request from JSON (at most [`MAX_RULE_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, MAX_RULE_REQUEST_BYTES)
    }

    /// Compiles and evaluates the rule: its value, or why not (`rule.*`). Working days are
    /// counted on the shipped calendar.
    pub fn run(&self, lang: Lang) -> RuleOutcome {
        self.run_on(WorkCalendar::shipped(), lang)
    }

    /// [`run`](Self::run), with working days counted on `calendar` (an engine's, for a page
    /// evaluating the rules of its catalogue).
    pub fn run_on(&self, calendar: &WorkCalendar, lang: Lang) -> RuleOutcome {
        match Rule::compile(&self.rule).and_then(|r| r.evaluate_on(&self.data, calendar)) {
            Ok(result) => RuleOutcome::Evaluated { result },
            Err(e) => {
                let mut error = e.to_problem(lang);
                error.path = Some(e.pointer().to_owned());
                RuleOutcome::Refused { error }
            }
        }
    }
}

/// The outcome of a [`RuleRequest`]. Its `Debug` output masks the result, which may be a
/// value of the data ([`mask_json`](crate::ids::mask_json)).
#[derive(Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RuleOutcome {
    /// The rule's value.
    Evaluated {
        /// It.
        result: Value,
    },
    /// The rule cannot be compiled or evaluated.
    Refused {
        /// Why, coded (with the JSON Pointer into the rule in `path`).
        error: Problem,
    },
}

impl std::fmt::Debug for RuleRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleRequest")
            .field("rule", &self.rule)
            .field("data", &Masked(&self.data))
            .finish()
    }
}

impl std::fmt::Debug for RuleOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Evaluated { result } => f
                .debug_struct("Evaluated")
                .field("result", &Masked(result))
                .finish(),
            Self::Refused { error } => f.debug_struct("Refused").field("error", error).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_request_evaluates_or_says_why_not() {
        let ok = RuleRequest::from_json(r#"{"rule": {"+": [1, {"var": "a"}]}, "data": {"a": 2}}"#)
            .unwrap()
            .run(Lang::En);
        assert_eq!(
            serde_json::to_value(ok).unwrap(),
            serde_json::json!({"outcome": "evaluated", "result": 3})
        );
        let bad = RuleRequest::from_json(r#"{"rule": {"lg": 1}}"#)
            .unwrap()
            .run(Lang::En);
        let bad = serde_json::to_value(bad).unwrap();
        assert_eq!(bad["error"]["code"], "rule.unknown_operator");
        assert_eq!(bad["error"]["path"], "");
        assert!(RuleRequest::from_json(r#"{"rule": 1, "extra": 2}"#).is_err());
    }

    #[test]
    fn debug_output_masks_the_data_and_the_result() {
        let request = RuleRequest::from_json(
            r#"{"rule": {"var": "id"}, "data": {"id": "350205199003071239", "name": "陈志强"}}"#,
        )
        .unwrap();
        let shown = format!("{request:?} {:?}", request.run(Lang::ZhCn));
        assert!(shown.contains("350***********1239"), "{shown}");
        assert!(
            !shown.contains("350205199003071239") && !shown.contains("陈志强"),
            "{shown}"
        );
    }
}
