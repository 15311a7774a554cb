//! Review commands and events.
//!
//! The command and event kinds are tagged by `type` like the case's (`{"type": "rate", …}`),
//! read through [`crate::tagged`] without serde's content buffer; a mixed stream tells
//! review events apart by their top-level `review` key (see [`crate::metrics`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AppealGround, EvaluationChannel, Note, Rating};
use crate::case::{Actor, Text};
use crate::catalog::Channel;

/// A review command with what makes it safe to retry and to race.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewEnvelope {
    /// The review id: the id of the case rated.
    pub review: String,
    /// The review version the client saw (0 for `rate` and `apply_default`).
    pub expected_version: u64,
    /// A client-generated id, unique per command.
    pub client_id: String,
    /// The command.
    pub command: ReviewCommand,
}

crate::tagged::tagged_enum! {
    /// What an actor asks to do to a review.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum ReviewCommand {
        /// The applicant rates the concluded case.
        Rate {
            /// The level.
            rating: Rating,
            /// On site or online (not `default`).
            channel: EvaluationChannel,
            /// Whether the rater is known and may be called back (实名).
            #[serde(default = "yes")]
            real_name: bool,
            /// A comment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            comment: Option<Note>,
        },
        /// The system records the configured default rating: the window has passed unrated.
        ApplyDefault,
        /// 核实: the bad review is founded; the rectification deadline starts.
        Verify {
            /// What the verification found.
            finding: Note,
        },
        /// 申诉: the review is mistaken or malicious.
        Appeal {
            /// Mistaken or malicious.
            ground: AppealGround,
            /// References to the evidence; at least one.
            #[serde(deserialize_with = "super::read_notes")]
            evidence: Vec<Note>,
            /// Why.
            reason: Note,
        },
        /// A supervisor decides the appeal.
        DecideAppeal {
            /// Upheld (the review is void) or refused (rectify it).
            upheld: bool,
            /// Why.
            reason: Note,
        },
        /// 整改: the problem is put right.
        Rectify {
            /// What was done.
            measures: Note,
        },
        /// 回访: the citizen was called back.
        Revisit {
            /// Whether they are now satisfied.
            satisfied: bool,
            /// What they said.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            note: Option<Note>,
        },
    }
}

fn yes() -> bool {
    true
}

crate::named::named_enum! {
    /// What a review command or event does, without its payload.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ReviewAction {
        /// The applicant rates.
        Rate => "rate",
        /// The default rating, the window having passed.
        ApplyDefault => "apply_default",
        /// 核实.
        Verify => "verify",
        /// 申诉.
        Appeal => "appeal",
        /// A supervisor decides the appeal.
        DecideAppeal => "decide_appeal",
        /// 整改.
        Rectify => "rectify",
        /// 回访.
        Revisit => "revisit",
    }
}

impl ReviewAction {
    /// Its name as serialised.
    pub fn name(self) -> &'static str {
        crate::named::name(self)
    }
}

impl ReviewCommand {
    /// What it does, without its payload.
    pub fn action(&self) -> ReviewAction {
        match self {
            Self::Rate { .. } => ReviewAction::Rate,
            Self::ApplyDefault => ReviewAction::ApplyDefault,
            Self::Verify { .. } => ReviewAction::Verify,
            Self::Appeal { .. } => ReviewAction::Appeal,
            Self::DecideAppeal { .. } => ReviewAction::DecideAppeal,
            Self::Rectify { .. } => ReviewAction::Rectify,
            Self::Revisit { .. } => ReviewAction::Revisit,
        }
    }

    /// Its name as serialised.
    pub fn name(&self) -> &'static str {
        self.action().name()
    }
}

impl ReviewEventKind {
    /// What the command that caused it did: a rating by default is the system's.
    pub fn action(&self) -> ReviewAction {
        match self {
            Self::Rated { channel, .. } if *channel == super::EvaluationChannel::Default => {
                ReviewAction::ApplyDefault
            }
            Self::Rated { .. } => ReviewAction::Rate,
            Self::Verified { .. } => ReviewAction::Verify,
            Self::Appealed { .. } => ReviewAction::Appeal,
            Self::AppealDecided { .. } => ReviewAction::DecideAppeal,
            Self::Rectified { .. } => ReviewAction::Rectify,
            Self::Revisited { .. } => ReviewAction::Revisit,
        }
    }
}

/// One event of one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewEvent {
    /// The event format's version ([`super::REVIEW_EVENT_SCHEMA`]).
    pub schema: u32,
    /// The review (the id of the case rated).
    pub review: Text,
    /// The review's version after this event (1 for the first).
    pub version: u64,
    /// The id the client gave the command.
    pub client_id: String,
    /// Who acted.
    pub actor: Actor,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: ReviewEventKind,
}

crate::tagged::tagged_enum! {
    /// What happened to a review.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum ReviewEventKind {
        /// Rated (by the citizen, or by default).
        Rated {
            /// The matter's code.
            matter: Text,
            /// The station or centre the case was submitted to.
            org: Text,
            /// The case's channel.
            case_channel: Channel,
            /// How it was rated.
            channel: EvaluationChannel,
            /// The level.
            rating: Rating,
            /// Whether the rater is known.
            real_name: bool,
            /// A comment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            comment: Option<Note>,
        },
        /// 核实: founded; rectify by `rectify_by`.
        Verified {
            /// What the verification found.
            finding: Note,
            /// The last day to rectify.
            rectify_by: NaiveDate,
        },
        /// 申诉.
        Appealed {
            /// Mistaken or malicious.
            ground: AppealGround,
            /// References to the evidence.
            #[serde(deserialize_with = "super::read_notes")]
            evidence: Vec<Note>,
            /// Why.
            reason: Note,
        },
        /// A supervisor decided the appeal.
        AppealDecided {
            /// Upheld (void) or refused.
            upheld: bool,
            /// Why.
            reason: Note,
            /// When refused: the last day to rectify.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            rectify_by: Option<NaiveDate>,
        },
        /// 整改.
        Rectified {
            /// What was done.
            measures: Note,
        },
        /// 回访.
        Revisited {
            /// Whether the citizen is now satisfied.
            satisfied: bool,
            /// What they said.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            note: Option<Note>,
        },
    }
}
