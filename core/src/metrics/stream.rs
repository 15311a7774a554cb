//! One decoder for a mixed JSON Lines stream of case, review and complaint events.
//!
//! Each line's top-level keys tell the kind: `review` (a [`ReviewEvent`]), `complaint`
//! (a [`ComplaintEvent`]) or `case` (a [`crate::case::Event`]). A small probe reads which
//! keys are present (skipping their values), then the line is read as that type: no
//! untagged or flattened derives, so no buffering of the whole line in serde's generic
//! content tree.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::case::{Event, LineError, MAX_EVENT_BYTES};
use crate::complaint::ComplaintEvent;
use crate::input::{self, InputError};
use crate::review::ReviewEvent;

/// One event of a mixed stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum StreamEvent {
    /// A case event.
    Case(Event),
    /// A review event.
    Review(ReviewEvent),
    /// A complaint event.
    Complaint(ComplaintEvent),
}

impl From<Event> for StreamEvent {
    fn from(e: Event) -> Self {
        Self::Case(e)
    }
}

impl From<ReviewEvent> for StreamEvent {
    fn from(e: ReviewEvent) -> Self {
        Self::Review(e)
    }
}

impl From<ComplaintEvent> for StreamEvent {
    fn from(e: ComplaintEvent) -> Self {
        Self::Complaint(e)
    }
}

/// Which of the telling keys a line has; every value skipped unread.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    case: Option<IgnoredAny>,
    #[serde(default)]
    review: Option<IgnoredAny>,
    #[serde(default)]
    complaint: Option<IgnoredAny>,
}

/// The stream a line belongs to, told by its top-level keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Case,
    Review,
    Complaint,
}

impl Stream {
    /// The stream of a line that has (or lacks) each of the keys `case`, `review` and
    /// `complaint`: the one it has, or none when it has none or more than one. Metrics reads
    /// every stream; readers of case events skip the lines of the others
    /// ([`decode_events`](crate::case::decode_events)).
    pub(crate) fn told(case: bool, review: bool, complaint: bool) -> Option<Self> {
        match (case, review, complaint) {
            (true, false, false) => Some(Self::Case),
            (false, true, false) => Some(Self::Review),
            (false, false, true) => Some(Self::Complaint),
            _ => None,
        }
    }
}

impl StreamEvent {
    /// Reads one line (at most [`MAX_EVENT_BYTES`]): `input.shape` when it has none, or
    /// more than one, of the keys `case`, `review`, `complaint`.
    pub fn from_json_bytes(line: &[u8]) -> Result<Self, InputError> {
        let probe: Probe = input::parse_json_bytes(line, MAX_EVENT_BYTES)?;
        let stream = Stream::told(
            probe.case.is_some(),
            probe.review.is_some(),
            probe.complaint.is_some(),
        );
        match stream {
            Some(Stream::Case) => input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Case),
            Some(Stream::Review) => {
                input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Review)
            }
            Some(Stream::Complaint) => {
                input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Complaint)
            }
            None => Err(InputError::Shape {
                line: 1,
                column: 1,
                detail: "an event has exactly one of the keys case, review, complaint".into(),
            }),
        }
    }

    /// Reads one line of text; see [`StreamEvent::from_json_bytes`].
    pub fn from_json(line: &str) -> Result<Self, InputError> {
        Self::from_json_bytes(line.as_bytes())
    }
}

/// Reads a mixed stream from JSON Lines (one event per line, blank lines skipped): every
/// event with its 1-based line, and every line that is not an event with its line and why
/// (`input.*`), as [`decode_events`](crate::case::decode_events) reads case events: a
/// stream over [`MAX_EVENTS_BYTES`](crate::case::MAX_EVENTS_BYTES) is refused whole
/// (`input.too_large`, on line 1), and
/// past [`MAX_LINE_ERRORS`](crate::input::MAX_LINE_ERRORS) unreadable lines the rest are
/// counted in one `input.too_many_errors`.
pub fn decode_stream(bytes: &[u8]) -> (Vec<(usize, StreamEvent)>, Vec<LineError>) {
    crate::case::decode_lines(bytes, |line| StreamEvent::from_json_bytes(line).map(Some))
}
