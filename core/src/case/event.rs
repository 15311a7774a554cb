//! Events: what happened to a case, as hosts store them and the platform receives them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::{
    AccountId, Action, Actor, Answer, DataProblem, Member, Note, ProxyConsent, SpecialGroup, Text,
};
use crate::authority::Stamp;
use crate::catalog::Channel;
use crate::input::{InputError, MAX_LINE_ERRORS};
use crate::metrics::Stream;

/// Longest event line accepted by [`decode_events`], in bytes.
pub const MAX_EVENT_BYTES: usize = 1024 * 1024;

/// The version of the event format. A reader refuses events of a newer schema.
pub const EVENT_SCHEMA: u32 = 1;

/// One event of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Event {
    /// The event format's version ([`EVENT_SCHEMA`]).
    pub schema: u32,
    /// The case.
    pub case: Text,
    /// The case's version after this event (1 for the first).
    pub version: u64,
    /// The id the client gave the command that caused it.
    pub client_id: String,
    /// Who acted (role and organisation included).
    pub actor: Actor,
    /// Through which channel.
    pub channel: Channel,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: EventKind,
}

// `Deserialize` without serde's `Content` buffer, through `crate::tagged` (a new variant is
// written here as in any enum).
crate::tagged::tagged_enum! {
    /// What happened.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum EventKind {
        /// 收件.
        Submitted {
            /// The matter's code.
            matter: Text,
            /// The matter version in effect, which the case keeps.
            matter_version: u32,
            /// The promised limit of that version, in working days.
            limit_working_days: u32,
            /// The applicant's account id.
            applicant: AccountId,
            /// The proxy's consent, when a proxy submitted.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            proxy: Option<ProxyConsent>,
            /// The answer, normalised by the form.
            answer: Answer,
            /// Special groups the applicant belongs to.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            special_groups: Vec<SpecialGroup>,
            /// The appointment it came from, if any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            appointment: Option<String>,
            /// The bundle case it is a member of.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            parent: Option<Text>,
            /// The case whose approval started it (免申即办).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            origin: Option<Text>,
            /// Started without application; the applicant confirms before acceptance.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            awaiting_confirmation: bool,
            /// Problems of the mapped answer, for the back office.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            data_problems: Vec<DataProblem>,
        },
        /// 一件事 submitted: the bundle case opened, with the member cases opened with it.
        BundleSubmitted {
            /// The bundle's code.
            bundle: Text,
            /// The applicant's account id.
            applicant: AccountId,
            /// The proxy's consent, when a proxy submitted.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            proxy: Option<ProxyConsent>,
            /// The answer to the merged form, normalised.
            answer: Answer,
            /// Special groups the applicant belongs to.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            special_groups: Vec<SpecialGroup>,
            /// The appointment it came from, if any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            appointment: Option<String>,
            /// The member matters included and their cases.
            members: Vec<Member>,
        },
        /// The applicant confirmed a case started without application.
        Confirmed,
        /// 受理, and passed to the back office that decides (前台综合受理、后台分类审批).
        Accepted {
            /// The organisation whose back office works the case from now on.
            back_office: Text,
        },
        /// 不予受理.
        NotAccepted {
            /// Why.
            reason: Note,
        },
        /// An officer took the case.
        Claimed,
        /// The officer let it go.
        Released,
        /// 审查 began.
        ReviewStarted,
        /// 补齐补正 requested; the clock stops.
        SupplementRequested {
            /// What is missing.
            reason: Note,
        },
        /// The applicant supplied it; the clock runs again.
        Supplemented {
            /// The completed answer, normalised by the form.
            answer: Answer,
        },
        /// 挂起; the clock stops.
        Suspended {
            /// Why (hearing, testing, expert review …).
            reason: Note,
        },
        /// Back from 挂起; the clock runs again.
        Resumed,
        /// 移交: the matter's responsible department took over the case, its back office
        /// no longer allowed to decide the matter; a claim on it ended.
        Transferred {
            /// The organisation whose back office works the case from now on.
            back_office: Text,
        },
        /// 延期 (行政许可法 art. 42).
        Extended {
            /// Working days added.
            working_days: u32,
            /// Why.
            reason: Note,
            /// Who approved it.
            approved_by: Text,
        },
        /// 准予, under a verified stamp.
        Approved {
            /// The stamp.
            stamp: Arc<Stamp>,
        },
        /// 不予许可, under a verified stamp.
        Rejected {
            /// Why.
            reason: Note,
            /// The stamp.
            stamp: Arc<Stamp>,
        },
        /// 办结.
        Concluded,
        /// 送达.
        Delivered,
        /// 撤回.
        Withdrawn {
            /// Why, if said.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reason: Option<Note>,
        },
    }
}

impl EventKind {
    /// The action it records.
    pub fn action(&self) -> Action {
        match self {
            Self::Submitted { .. } | Self::BundleSubmitted { .. } => Action::Submit,
            Self::Confirmed => Action::Confirm,
            Self::Accepted { .. } => Action::Accept,
            Self::NotAccepted { .. } => Action::NotAccept,
            Self::Claimed => Action::Claim,
            Self::Released => Action::Release,
            Self::ReviewStarted => Action::StartReview,
            Self::SupplementRequested { .. } => Action::RequestSupplement,
            Self::Supplemented { .. } => Action::Supplement,
            Self::Suspended { .. } => Action::Suspend,
            Self::Resumed => Action::Resume,
            Self::Transferred { .. } => Action::Transfer,
            Self::Extended { .. } => Action::Extend,
            Self::Approved { .. } => Action::Approve,
            Self::Rejected { .. } => Action::Reject,
            Self::Concluded => Action::Conclude,
            Self::Delivered => Action::Deliver,
            Self::Withdrawn { .. } => Action::Withdraw,
        }
    }
}

/// A line of an event stream that is not an event: its 1-based number and why.
pub type LineError = (usize, InputError);

/// Largest event stream [`decode_events`] reads in one call, in bytes.
pub const MAX_EVENTS_BYTES: usize = 256 * 1024 * 1024;

/// Reads events from JSON Lines given as bytes (one event per line, blank lines skipped):
/// every event with its 1-based line, and for every line that is not an event, its line
/// and why (`input.*`: not UTF-8, over [`MAX_EVENT_BYTES`], malformed, wrong shape). One bad
/// line spoils nothing else. A stream over [`MAX_EVENTS_BYTES`] is refused whole
/// (`input.too_large`, reported on line 1). Past [`MAX_LINE_ERRORS`] unreadable lines the
/// rest are counted, not listed: one `input.too_many_errors` on the last of them.
///
/// The events of the other streams a district writes beside case events, a review's or a
/// complaint's (a line with a `review` or `complaint` key and no `case` key, as the mixed
/// stream of [`metrics`](crate::metrics::decode_stream) tells them apart), are skipped, so
/// that the one file of all events can be replayed and followed.
pub fn decode_events(bytes: &[u8]) -> (Vec<(usize, Event)>, Vec<LineError>) {
    decode_lines(bytes, |line| {
        match crate::input::parse_json_bytes::<Event>(line, MAX_EVENT_BYTES) {
            Ok(event) => Ok(Some(event)),
            Err(_) if of_another_stream(line) => Ok(None),
            Err(e) => Err(e),
        }
    })
}

/// Whether a line that is not a case event is a review's or a complaint's event, told by
/// its keys as the mixed stream tells them ([`Stream::told`]). (Read as a JSON value, which
/// costs the WASM module nothing more: answers are read so.)
fn of_another_stream(line: &[u8]) -> bool {
    std::str::from_utf8(line)
        .ok()
        .and_then(|text| crate::input::parse_json::<serde_json::Value>(text, MAX_EVENT_BYTES).ok())
        .as_ref()
        .and_then(serde_json::Value::as_object)
        .is_some_and(|object| {
            let has = |key| object.contains_key(key);
            matches!(
                Stream::told(has("case"), has("review"), has("complaint")),
                Some(Stream::Review | Stream::Complaint)
            )
        })
}

/// A stream of JSON Lines read as [`decode_events`] reads events, each line that is not
/// blank with `read` (which gives `None` for a line to skip).
pub(crate) fn decode_lines<T>(
    bytes: &[u8],
    read: impl Fn(&[u8]) -> Result<Option<T>, InputError>,
) -> (Vec<(usize, T)>, Vec<LineError>) {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    if bytes.len() > MAX_EVENTS_BYTES {
        problems.push((
            1,
            InputError::TooLarge {
                max: MAX_EVENTS_BYTES,
            },
        ));
        return (items, problems);
    }
    // The last unreadable line not listed, and how many there were.
    let mut omitted: Option<(usize, usize)> = None;
    for (i, line) in crate::input::without_bom(bytes)
        .split(|&b| b == b'\n')
        .enumerate()
    {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match read(line) {
            Ok(Some(item)) => items.push((i + 1, item)),
            Ok(None) => {}
            Err(e) if problems.len() < MAX_LINE_ERRORS => problems.push((i + 1, e.on_line(i + 1))),
            Err(_) => omitted = Some((i + 1, omitted.map_or(1, |(_, n)| n + 1))),
        }
    }
    if let Some((line, omitted)) = omitted {
        problems.push((line, InputError::TooManyErrors { omitted }));
    }
    (items, problems)
}
