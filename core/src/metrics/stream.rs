//! One decoder for a mixed JSON Lines stream of case, review and complaint events.
//!
//! Each line's top-level keys tell the kind: `review` (a [`ReviewEvent`]), `complaint`
//! (a [`ComplaintEvent`]) or `case` (a [`crate::case::Event`]). A small probe reads which
//! keys are present (skipping their values), then the line is read as that type: no
//! untagged or flattened derives, so no buffering of the whole line in serde's generic
//! content tree.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use crate::case::{Event, LineError, MAX_EVENT_BYTES, MAX_EVENTS_BYTES};
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

impl StreamEvent {
    /// Reads one line (at most [`MAX_EVENT_BYTES`]): `input.shape` when it has none, or
    /// more than one, of the keys `case`, `review`, `complaint`.
    pub fn from_json_bytes(line: &[u8]) -> Result<Self, InputError> {
        let probe: Probe = input::parse_json_bytes(line, MAX_EVENT_BYTES)?;
        match (
            probe.case.is_some(),
            probe.review.is_some(),
            probe.complaint.is_some(),
        ) {
            (true, false, false) => input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Case),
            (false, true, false) => {
                input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Review)
            }
            (false, false, true) => {
                input::parse_json_bytes(line, MAX_EVENT_BYTES).map(Self::Complaint)
            }
            _ => Err(InputError::Shape {
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
/// (`input.*`). A stream over [`MAX_EVENTS_BYTES`] is refused whole (`input.too_large`,
/// on line 1).
pub fn decode_stream(bytes: &[u8]) -> (Vec<(usize, StreamEvent)>, Vec<LineError>) {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    if bytes.len() > MAX_EVENTS_BYTES {
        problems.push((
            1,
            InputError::TooLarge {
                max: MAX_EVENTS_BYTES,
            },
        ));
        return (events, problems);
    }
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match StreamEvent::from_json_bytes(line) {
            Ok(event) => events.push((i + 1, event)),
            Err(e) => problems.push((i + 1, e)),
        }
    }
    (events, problems)
}
