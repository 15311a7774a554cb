//! The appointment book as every binding reaches it: a command decided against the book
//! the host holds, an event applied to it, each a JSON request read by the core's bounded
//! parser and answered with a tagged outcome (`accepted` / `applied`, or `refused` with a
//! coded error), as for cases and reviews. The host stores the events and the book; nothing
//! is kept between calls.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{AppointmentBook, AppointmentCommand, AppointmentEvent};
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::{Coded, Lang, Problem};

/// Largest appointment request, in bytes: a station's book for some weeks (thousands of
/// appointments) with a command or an event.
pub const MAX_APPOINTMENT_REQUEST_BYTES: usize = 4 << 20;

/// `appointment decide`: a command against the book as the host holds it, at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentDecideRequest {
    /// The book: its slots and the appointments made.
    pub book: AppointmentBook,
    /// What the citizen or the station asks.
    pub command: AppointmentCommand,
    /// When (RFC 3339 with offset; doorstep never reads the clock).
    pub at: DateTime<FixedOffset>,
}

/// `appointment evolve`: an event applied to the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentEvolveRequest {
    /// The book before the event.
    pub book: AppointmentBook,
    /// The event, as `decide` gave it.
    pub event: AppointmentEvent,
}

impl AppointmentDecideRequest {
    /// Reads the request from JSON (at most [`MAX_APPOINTMENT_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, MAX_APPOINTMENT_REQUEST_BYTES)
    }
}

impl AppointmentEvolveRequest {
    /// Reads the request from JSON (at most [`MAX_APPOINTMENT_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, MAX_APPOINTMENT_REQUEST_BYTES)
    }

    /// Applies the event: the book after it, or why it cannot follow (`lang` words it).
    pub fn run(self, lang: Lang) -> AppointmentEvolution {
        match self.book.evolve(&self.event) {
            Ok(book) => AppointmentEvolution::Applied { book },
            Err(e) => AppointmentEvolution::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}

/// The outcome of `appointment decide`: `{"outcome": "accepted", "event"}` or
/// `{"outcome": "refused", "error": {code, message}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AppointmentDecision {
    /// Accepted: store the event and apply it.
    Accepted {
        /// The event.
        event: AppointmentEvent,
    },
    /// Refused: nothing changed.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

/// The outcome of `appointment evolve`: `{"outcome": "applied", "book"}` or
/// `{"outcome": "refused", "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AppointmentEvolution {
    /// Applied.
    Applied {
        /// The book after the event.
        book: AppointmentBook,
    },
    /// Refused: the book is unchanged.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// Decides an appointment command (预约: `book`, `cancel`, `no_show`, `arrive`) against
    /// the book the host holds, with this engine's catalogue (is the matter handled at
    /// stations, offered by home visit?) and calendar (is the slot's day a working day?).
    pub fn decide_appointment(
        &self,
        request: &AppointmentDecideRequest,
        lang: Lang,
    ) -> AppointmentDecision {
        match request
            .book
            .decide(self, request.command.clone(), request.at)
        {
            Ok(event) => AppointmentDecision::Accepted { event },
            Err(e) => AppointmentDecision::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}
