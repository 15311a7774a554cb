//! The JSON-shaped surface the bindings expose: one request type per call, and outcomes
//! as tagged values (a refused command is a domain outcome, not a misuse).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, Case, CaseError, CommandEnvelope, Context, Event};
use crate::calendar::{CalendarError, DeadlineStatus};
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Largest request accepted by the `from_json` readers here, in bytes (a case carries its
/// answer, so this is the answer limit with room for the rest).
pub const MAX_REQUEST_BYTES: usize = 2 * input::MAX_ANSWER_BYTES;

/// `decide`: a command against a case as the client holds it (`null` for a new one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecideRequest {
    /// The case, or `None` before `submit`.
    #[serde(default)]
    pub case: Option<Case>,
    /// For a command on a bundle case (withdrawal), its member cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Case>,
    /// The command with its case id, expected version and client id.
    pub command: CommandEnvelope,
    /// Who, through which channel, when.
    pub context: Context,
}

/// `actions`: what an actor may do to a case now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionsRequest {
    /// The case.
    pub case: Case,
    /// Who, through which channel, when.
    pub context: Context,
}

/// `deadline`: the deadline of a case on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeadlineRequest {
    /// The case.
    pub case: Case,
    /// Today (CST).
    pub now: NaiveDate,
}

/// `evolve`: one event applied to a case (`null` before its first event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvolveRequest {
    /// The case so far.
    #[serde(default)]
    pub case: Option<Case>,
    /// The event.
    pub event: Event,
}

macro_rules! from_json {
    ($($t:ty),*) => {$(
        impl $t {
            /// Reads the request from JSON (at most [`MAX_REQUEST_BYTES`]).
            pub fn from_json(text: &str) -> Result<Self, InputError> {
                input::parse_json(text, MAX_REQUEST_BYTES)
            }
        }
    )*};
}
from_json!(
    DecideRequest,
    ActionsRequest,
    DeadlineRequest,
    EvolveRequest
);

/// The outcome of `decide`: the events to store, or why the command was refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Decision {
    /// Accepted: store and apply these events (none when the client id was seen before).
    Accepted {
        /// The events.
        events: Vec<Event>,
    },
    /// Refused: nothing changed.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

/// The outcome of `evolve`: the case after the event, or why the event was refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Evolution {
    /// Applied.
    Applied {
        /// The case after the event.
        case: Box<Case>,
    },
    /// Refused: the case is unchanged.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// [`super::decide()`] for a request, as an outcome with messages in `lang`.
    pub fn decide_case(&self, request: &DecideRequest, lang: Lang) -> Decision {
        match super::decide_with_members(
            self,
            request.case.as_ref(),
            &request.members,
            &request.command,
            &request.context,
        ) {
            Ok(events) => Decision::Accepted { events },
            Err(e) => Decision::Refused {
                error: e.to_problem(lang),
            },
        }
    }

    /// [`super::available_actions`] for a request.
    pub fn case_actions(&self, request: &ActionsRequest) -> Vec<Action> {
        super::available_actions(self, &request.case, &request.context)
    }

    /// The deadline of a case on `now` with this engine's calendar; `None` before acceptance
    /// or once decided; an error outside the calendar's years.
    pub fn case_deadline(
        &self,
        request: &DeadlineRequest,
    ) -> Result<Option<DeadlineStatus>, CalendarError> {
        request
            .case
            .deadline_status(self.calendar(), request.now)
            .transpose()
    }

    /// [`super::replay_checked`] over events, as a report with messages in `lang`.
    pub fn replay_cases(&self, events: &[Event], lang: Lang) -> super::ReplayReport {
        super::replay_checked(self, events).report(lang)
    }

    /// Replays events given as JSON Lines (see [`super::decode_events`], which skips the
    /// lines of reviews and complaints): a line that is not an event is rejected with its
    /// `input.*` code, like an event the lifecycle
    /// refuses. Every rejection carries its line, and its `index` is the 0-based line.
    pub fn replay_jsonl(&self, text: &str, lang: Lang) -> super::ReplayReport {
        self.replay_jsonl_bytes(text.as_bytes(), lang)
    }

    /// [`Engine::replay_jsonl`] over bytes: a line that is not UTF-8 is rejected on its
    /// own (`input.not_utf8`).
    pub fn replay_jsonl_bytes(&self, bytes: &[u8], lang: Lang) -> super::ReplayReport {
        let (read, unreadable) = super::decode_events(bytes);
        let (lines, events): (Vec<usize>, Vec<Event>) = read.into_iter().unzip();
        let mut report = self.replay_cases(&events, lang);
        for r in &mut report.rejected {
            r.line = lines.get(r.index).copied();
            r.index = r.line.map_or(r.index, |l| l - 1);
        }
        report.rejected.extend(
            unreadable
                .into_iter()
                .map(|(line, e)| super::RejectedEvent {
                    index: line - 1,
                    line: Some(line),
                    problem: e.to_problem(lang),
                }),
        );
        report.rejected.sort_by_key(|r| r.index);
        report
    }
}

/// [`super::evolve()`] for a request, as an outcome with messages in `lang`.
pub fn evolve_request(request: EvolveRequest, lang: Lang) -> Evolution {
    match super::evolve(request.case, &request.event) {
        Ok(case) => Evolution::Applied {
            case: Box::new(case),
        },
        Err(e) => Evolution::Refused {
            error: CaseError::to_problem(&e, lang),
        },
    }
}
