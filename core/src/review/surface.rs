//! The JSON-shaped surface of reviews for the bindings: one request type per call, and
//! outcomes as tagged values (a refused command is a domain outcome, not a misuse).

use serde::{Deserialize, Serialize};

use super::{CaseFacts, Invitation, Review, ReviewConfig, ReviewEnvelope, ReviewEvent};
use crate::case::Context;
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Largest review or complaint request accepted by the `from_json` readers, in bytes.
pub const MAX_REVIEW_REQUEST_BYTES: usize = 256 * 1024;

/// `review decide`: a command against a review as the client holds it (`null` before the
/// rating), with the facts of the case rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewDecideRequest {
    /// The review, or `None` before `rate` / `apply_default`.
    #[serde(default)]
    pub review: Option<Review>,
    /// The case rated (needed by `rate` and `apply_default`).
    #[serde(default)]
    pub facts: Option<CaseFacts>,
    /// The command with its review id, expected version and client id.
    pub command: ReviewEnvelope,
    /// Who, when.
    pub context: Context,
}

/// `review evolve`: one event applied to a review (`null` before its first event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewEvolveRequest {
    /// The review so far.
    #[serde(default)]
    pub review: Option<Review>,
    /// The event.
    pub event: ReviewEvent,
}

impl ReviewDecideRequest {
    /// Reads the request from JSON (at most [`MAX_REVIEW_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, MAX_REVIEW_REQUEST_BYTES)
    }
}

impl ReviewEvolveRequest {
    /// Reads the request from JSON (at most [`MAX_REVIEW_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, MAX_REVIEW_REQUEST_BYTES)
    }
}

/// The outcome of `review decide`: `{"outcome": "accepted", "events": […]}` or
/// `{"outcome": "refused", "error": {code, message, params}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReviewDecision {
    /// Accepted: store and apply these events (none when the client id was seen before).
    Accepted {
        /// The events.
        events: Vec<ReviewEvent>,
    },
    /// Refused: nothing changed.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

/// The outcome of `review evolve`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReviewEvolution {
    /// Applied.
    Applied {
        /// The review after the event.
        review: Box<Review>,
    },
    /// Refused: the review is unchanged.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

/// The outcome of `review invitation`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InvitationOutcome {
    /// The invitation to send.
    Invited {
        /// The invitation.
        invitation: Invitation,
    },
    /// Refused (the case has not concluded).
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// [`super::invitation`] with the catalogue's settings, as an outcome with messages in
    /// `lang`: what to send the applicant when `facts`' case concludes.
    pub fn review_invitation(&self, facts: &CaseFacts, lang: Lang) -> InvitationOutcome {
        match super::invitation(&ReviewConfig::of(self), facts) {
            Ok(invitation) => InvitationOutcome::Invited { invitation },
            Err(e) => InvitationOutcome::Refused {
                error: e.to_problem(lang),
            },
        }
    }

    /// [`super::decide()`] for a request, as an outcome with messages in `lang`.
    pub fn decide_review(&self, request: &ReviewDecideRequest, lang: Lang) -> ReviewDecision {
        match super::decide(
            self,
            request.review.as_ref(),
            request.facts.as_ref(),
            &request.command,
            &request.context,
        ) {
            Ok(events) => ReviewDecision::Accepted { events },
            Err(e) => ReviewDecision::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}

impl ReviewEvolveRequest {
    /// [`super::evolve`] for the request, as an outcome with messages in `lang`.
    pub fn run(self, lang: Lang) -> ReviewEvolution {
        match super::evolve(self.review, &self.event) {
            Ok(review) => ReviewEvolution::Applied {
                review: Box::new(review),
            },
            Err(e) => ReviewEvolution::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}
