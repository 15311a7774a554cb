//! 办件: one application, whose state is a fold of its events.
//!
//! A case changes only through [`decide()`] (a command, checked against the engine, the
//! case and the actor, gives events or a coded [`CaseError`] and changes nothing) and
//! [`evolve()`] (an event applied to a case). Replaying a case's events with [`replay()`]
//! rebuilds it exactly; events are what a host stores and what the city platform
//! receives (一体化政务服务平台 对接).
//!
//! - Optimistic concurrency: every command names the case version it was made against;
//!   two windows acting on one version — one wins, the other gets `case.conflict`.
//! - Idempotency: every command carries a client-generated id; a command whose id the case
//!   has already seen is answered with no events (a kiosk retry or an offline sync applies
//!   once), unless the id was seen doing something else (`case.client_id_reused`: a
//!   command dropped as a retry would be lost unseen).
//! - Authority: acceptance, review and decision need a valid chain for the acting
//!   organisation ([`crate::authority::authorize`]); a decision needs a valid stamp, which
//!   the case records. 审管分离: whoever accepted may not decide where the matter says so.
//! - Assignment: an officer claims a case to work on it; nobody else may accept, review or
//!   decide it until it is released. Acceptance ends a claim made to accept (the back
//!   office claims the case anew), as a transfer ends the claim of the office it leaves.
//! - Time: a command is dated no earlier than the days the case records
//!   ([`Case::latest_day`]); the promised limit counts in working days from the day after
//!   acceptance; 补正 and 挂起 stop the clock (行政许可法 art. 45) from the day they start
//!   through the day they end (counting resumes the next day); one extension of up to 10
//!   working days, granted before the case is due (art. 42).
//!
//! Lifecycle (承诺件): `Submitted` → `Accepted` → `UnderReview` ⇄ `Supplementing` /
//! `Suspended` → `Approved` | `Rejected` → `Concluded` → `Delivered`; `NotAccepted` and
//! `Withdrawn` end it early.
//! 即办件 go from Accepted straight to a decision, in the same visit.

mod bundle;
mod command;
mod decide;
mod error;
mod event;
mod evolve;
mod replay;
mod successor;
mod surface;
mod timeline;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use bundle::{BundleProgress, BundleState, MemberProgress, join, member_case_id};
pub use command::{Action, Command, CommandEnvelope};
pub use decide::{available_actions, decide, decide_with_members};
pub use error::CaseError;
pub(crate) use event::decode_lines;
pub use event::{
    EVENT_SCHEMA, Event, EventKind, LineError, MAX_EVENT_BYTES, MAX_EVENTS_BYTES, decode_events,
};
pub use evolve::evolve;
pub use replay::{RejectedEvent, Replay, ReplayReport, replay, replay_checked};
pub(crate) use successor::example_problems as successor_example_problems;
pub use successor::{MAPPING_FAILED, SYSTEM_ACTOR, successor_case_id};
pub use surface::{
    ActionsRequest, DeadlineRequest, DecideRequest, Decision, Evolution, EvolveRequest,
    MAX_REQUEST_BYTES, evolve_request,
};
pub use timeline::{
    Timeline, TimelineCase, TimelineEntry, TimelineOutcome, timeline, timeline_jsonl,
};

use crate::authority::{Role, Stamp, Step};
use crate::calendar::{Pause, WorkCalendar};
use crate::catalog::Channel;

/// Shared, immutable text: an event and the case it builds hold the same strings, so
/// replaying copies no text (cloning is a reference count).
pub type Text = Arc<str>;

/// Free text a person wrote (a comment, a finding, an answer, a reason): shared, and masked in
/// `Debug` (people write their phone and ID numbers into comments).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Note(pub Text);

/// A list of [`Note`]s read as the texts they are: through the reader of `Vec<Text>` the
/// `.wasm` has anyway, not one more of its own.
pub(crate) fn read_notes<'de, D: serde::Deserializer<'de>>(
    texts: D,
) -> Result<Vec<Note>, D::Error> {
    Vec::<Text>::deserialize(texts).map(|texts| texts.into_iter().map(Note).collect())
}

impl std::fmt::Debug for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Note({:?})", crate::ids::mask_digit_runs(&self.0))
    }
}

impl std::ops::Deref for Note {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Note {
    fn from(text: String) -> Self {
        Self(text.into())
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
}

/// A person's id in the host system: an applicant's account, a proxy's or a member of
/// staff's. Opaque to the core, and by contract never an ID number; but a host may well use
/// a mobile number or a name for an account, so `Debug` shows it as answers' text is
/// shown (digits of a long number, a name but its first character, the local part of an
/// e-mail address: masked), and it has no `Display`. The JSON is the text itself; `&*id`
/// (or [`as_str`](Self::as_str)) is the whole text, for the host that needs it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(Text);

impl AccountId {
    /// The whole id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for AccountId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for AccountId {
    fn from(id: &str) -> Self {
        Self(id.into())
    }
}

impl From<String> for AccountId {
    fn from(id: String) -> Self {
        Self(id.into())
    }
}

impl From<Text> for AccountId {
    fn from(id: Text) -> Self {
        Self(id)
    }
}

impl PartialEq<str> for AccountId {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for AccountId {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Debug for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AccountId({:?})", crate::ids::mask_text(&self.0))
    }
}

/// A form answer held by a case, its events and commands: shared, and masked in `Debug`
/// (an answer carries ID and phone numbers, which never appear whole in a log line).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answer(Arc<Value>);

impl std::ops::Deref for Answer {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.0
    }
}

impl From<Value> for Answer {
    fn from(value: Value) -> Self {
        Self(Arc::new(value))
    }
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Answer")
            .field(&crate::ids::Masked(&self.0))
            .finish()
    }
}

crate::named::named_enum! {
    /// Where a case is in its lifecycle.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Status {
        /// 收件: received, not yet accepted.
        Submitted => "submitted",
        /// 受理: accepted; the clock runs.
        Accepted => "accepted",
        /// 不予受理: refused at the door.
        NotAccepted => "not_accepted",
        /// 审查: under review in the back office.
        UnderReview => "under_review",
        /// 补齐补正: waiting for the applicant to complete it; the clock stops.
        Supplementing => "supplementing",
        /// 挂起 (特别程序: hearing, testing, expert review); the clock stops.
        Suspended => "suspended",
        /// 准予: approved.
        Approved => "approved",
        /// 不予许可: rejected.
        Rejected => "rejected",
        /// 办结: concluded.
        Concluded => "concluded",
        /// 送达: the result delivered.
        Delivered => "delivered",
        /// 撤回: withdrawn by the applicant.
        Withdrawn => "withdrawn",
    }
}

impl Status {
    /// Whether nothing more can happen to the case.
    pub fn is_final(self) -> bool {
        matches!(self, Self::NotAccepted | Self::Delivered | Self::Withdrawn)
    }

    /// The step of handling that comes next in this status (what an officer taking the
    /// case must hold authority for).
    pub fn step(self) -> Step {
        match self {
            Self::Submitted => Step::Accept,
            Self::Accepted | Self::UnderReview | Self::Supplementing | Self::Suspended => {
                Step::Review
            }
            Self::Approved
            | Self::Rejected
            | Self::Concluded
            | Self::Delivered
            | Self::NotAccepted
            | Self::Withdrawn => Step::Deliver,
        }
    }

    /// Whether the deadline clock is stopped.
    pub fn is_paused(self) -> bool {
        matches!(self, Self::Supplementing | Self::Suspended)
    }
}

/// Who acts: a person, in a role, for an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Actor {
    /// Their id in the host system (a staff number or an account id; never an ID number).
    pub id: AccountId,
    /// The role they act in.
    pub role: Role,
    /// The organisation they act for (for applicants: the station they apply at).
    pub org: Text,
}

/// The circumstances of a command: who, through which channel, when. The core never reads
/// the clock: `at` is the host's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    /// Who acts.
    pub actor: Actor,
    /// Through which channel.
    pub channel: Channel,
    /// When (RFC 3339 with offset).
    pub at: DateTime<FixedOffset>,
}

crate::named::named_enum! {
    /// A group the services go out of their way for (上门服务, 帮办代办, 绿色通道).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SpecialGroup {
        /// 老年人 (aged 60 or more).
        Elderly => "elderly",
        /// 残疾人.
        Disabled => "disabled",
        /// 孕产妇.
        Pregnant => "pregnant",
        /// 重病患者.
        SeriouslyIll => "seriously_ill",
        /// 行动不便 for another reason.
        ReducedMobility => "reduced_mobility",
    }
}

/// 帮办代办 consent: the applicant lets a proxy act for them, for some matters, until a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProxyConsent {
    /// The proxy's id (the grid worker).
    pub proxy: AccountId,
    /// The applicant's account id.
    pub applicant: AccountId,
    /// Matter codes it covers; empty means every matter that allows a proxy.
    #[serde(default)]
    pub matters: Vec<String>,
    /// Last day it is valid (CST).
    pub expires: NaiveDate,
}

/// One case, as its events made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case {
    /// The case id.
    pub id: Text,
    /// The matter's code.
    pub matter: Text,
    /// The matter's version it started under; it keeps it to the end.
    pub matter_version: u32,
    /// Where it is.
    pub status: Status,
    /// Number of events applied; the next command must name it.
    pub version: u64,
    /// The applicant's account id.
    pub applicant: AccountId,
    /// The proxy's consent, when a proxy handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyConsent>,
    /// The channel it came in through.
    pub channel: Channel,
    /// Special groups the applicant belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_groups: Vec<SpecialGroup>,
    /// The appointment it came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<String>,
    /// The station or centre it was submitted to.
    pub org: Text,
    /// The answer (the form), as last submitted or supplemented, normalised by the form.
    pub answer: Answer,
    /// When it was submitted.
    pub submitted_at: DateTime<FixedOffset>,
    /// The day it was accepted, from which the deadline counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<NaiveDate>,
    /// Who accepted it (for 审管分离).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_by: Option<AccountId>,
    /// The organisation whose back office works the case once accepted. Should it no
    /// longer be allowed to decide the matter (its grant revoked or run out), the matter's
    /// responsible department works the case instead, and a claim on it lapses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_office: Option<Text>,
    /// The promised limit in working days, from the matter version.
    pub limit_working_days: u32,
    /// The stretches the clock stood still.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// Working days added by the one extension, if granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_working_days: Option<u32>,
    /// The officer working it now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AccountId>,
    /// The stamps of its decisions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stamps: Vec<Arc<Stamp>>,
    /// Why it was refused, rejected, suspended or sent back, most recent last.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "read_notes"
    )]
    pub reasons: Vec<Note>,
    /// How it was decided, once it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// A bundle case (一件事): its member matters and their cases; `matter` is then the
    /// bundle's code. Empty for a case of one matter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// The bundle case this case is a member of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Text>,
    /// The case whose approval started this one (免申即办).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Text>,
    /// Started without application and not yet confirmed by the applicant.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_confirmation: bool,
    /// Problems of data nobody typed (a successor's mapped answer) for the back office to
    /// resolve, by 补正; none once the answer validates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_problems: Vec<DataProblem>,
    /// Client ids of the commands applied, in order (for idempotency).
    #[serde(default, skip_serializing_if = "ClientIds::is_empty")]
    pub client_ids: ClientIds,
    /// What the last of `client_ids` did, in the same order (all of them, but in a case
    /// kept by an older version, which did not record this: the ids applied since): a
    /// command that reuses an id for something else is told from a retry
    /// (`case.client_id_reused`). An id with no action recorded passes as a retry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_actions: Vec<Action>,
}

crate::named::named_enum! {
    /// How a case was decided.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Outcome {
        /// 准予.
        Approved => "approved",
        /// 不予许可.
        Rejected => "rejected",
    }
}

/// A member of a bundle case: the matter and the case opened for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Member {
    /// The matter's code.
    pub matter: Text,
    /// Its case's id.
    pub case: Text,
}

/// A problem of an answer nobody typed: where (JSON Pointer) and what (the form's code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataProblem {
    /// The field, as a JSON Pointer into the answer.
    pub path: String,
    /// The problem's code (`form.*`, or `successor.mapping` for a rule that failed).
    pub code: String,
}

/// Longest client id, in bytes.
pub const MAX_CLIENT_ID_BYTES: usize = 128;

/// Longest id of a case a `submit` or `submit_bundle` opens, in bytes. The cases opened
/// from it are named after it (`{case}/{matter}`, for a bundle's members and for
/// successors), so their ids are longer: a stamp takes a case id of up to
/// [`MAX_STAMP_CASE_CHARS`](crate::authority::MAX_STAMP_CASE_CHARS), room for five such
/// levels below a submitted case.
pub const MAX_CASE_ID_BYTES: usize = 128;

/// The longest reason a command gives (不予受理, 补正, 挂起, 延期, 不予许可, 撤回), in
/// characters: as long as a review's free text.
pub const MAX_REASON_CHARS: usize = crate::review::MAX_NOTE_CHARS;

/// The largest answer a case's event carries, serialised: an event is read back from at
/// most [`MAX_EVENT_BYTES`], and the answer leaves room for the rest of it (a stamp, ids).
pub const MAX_EVENT_ANSWER_BYTES: usize = MAX_EVENT_BYTES - 64 * 1024;

/// Whether `id` can name a case a command opens: 1 to [`MAX_CASE_ID_BYTES`] bytes, no
/// control characters.
pub fn is_case_id(id: &str) -> bool {
    (1..=MAX_CASE_ID_BYTES).contains(&id.len()) && !id.chars().any(char::is_control)
}

/// Whether `id` can be a client id: 1 to [`MAX_CLIENT_ID_BYTES`] bytes, no control
/// characters.
pub fn is_client_id(id: &str) -> bool {
    (1..=MAX_CLIENT_ID_BYTES).contains(&id.len()) && !id.chars().any(char::is_control)
}

/// The client ids a case has applied, in order, as a JSON array of strings. Held in one
/// buffer (ids have no control characters, so a newline separates them): a replayed case
/// costs one allocation for its ids, not one per id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientIds(String);

impl ClientIds {
    /// Whether `id` was applied.
    pub fn contains(&self, id: &str) -> bool {
        !self.0.is_empty()
            && self
                .0
                .as_bytes()
                .split(|&b| b == b'\n')
                .any(|x| x == id.as_bytes())
    }

    /// Records `id` (a valid client id, see [`is_client_id`]).
    pub fn push(&mut self, id: &str) {
        if self.0.is_empty() {
            // Room for a typical case's ids at once: one allocation, not one per event.
            self.0.reserve(8 * (id.len() + 1));
        } else {
            self.0.push('\n');
        }
        self.0.push_str(id);
    }

    /// Whether none was applied.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `id` was applied (`Some`), and then what its command did when `actions`,
    /// what the last ids' commands did in order, records it (a record kept by an older
    /// version, which did not record actions, has them for the ids applied since).
    pub fn applied<A: Copy>(&self, actions: &[A], id: &str) -> Option<Option<A>> {
        let (mut at, mut count) = (None, 0_usize);
        for x in self.iter() {
            if x == id {
                at = Some(count);
            }
            count += 1;
        }
        let at = at?;
        // The first id with a recorded action is this far in.
        let first = count.checked_sub(actions.len());
        Some(first.and_then(|first| actions.get(at.checked_sub(first)?).copied()))
    }

    /// The ids, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split('\n').filter(|_| !self.0.is_empty())
    }
}

impl Serialize for ClientIds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ClientIds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ids = Vec::<String>::deserialize(deserializer)?;
        let mut out = Self::default();
        for id in &ids {
            if !is_client_id(id) {
                return Err(serde::de::Error::custom(
                    "a client id has 1 to 128 bytes and no control characters",
                ));
            }
            out.push(id);
        }
        Ok(out)
    }
}

impl Case {
    /// Whether this is a bundle case (一件事 as a whole).
    pub fn is_bundle(&self) -> bool {
        !self.members.is_empty()
    }

    /// Whether the command with client id `id` was applied (`Some`), and then what it
    /// did, when the case recorded it.
    pub fn applied(&self, id: &str) -> Option<Option<Action>> {
        self.client_ids.applied(&self.client_actions, id)
    }

    /// Records that the command with client id `id` did `action`.
    fn record_client(&mut self, id: &str, action: Action) {
        self.client_ids.push(id);
        self.client_actions.push(action);
    }

    /// The latest day this case records, in China Standard Time: the day it was
    /// submitted, accepted, or its clock stopped or ran again. A command dated before it is
    /// refused (`case.backdated`): its deadline counts working days between those days.
    pub fn latest_day(&self) -> NaiveDate {
        let submitted = crate::authority::cst_date(self.submitted_at);
        let pauses = self.pauses.iter().flat_map(|p| [Some(p.from), p.to]);
        pauses
            .flatten()
            .chain(self.accepted_on)
            .fold(submitted, NaiveDate::max)
    }

    /// The deadline as it stands (see [`crate::calendar::Deadline`]); `None` before
    /// acceptance.
    pub fn deadline(&self) -> Option<crate::calendar::Deadline> {
        let accepted_on = self.accepted_on?;
        let mut deadline = crate::calendar::Deadline::new(accepted_on, self.limit_working_days);
        deadline.pauses.clone_from(&self.pauses);
        deadline.extension_working_days = self.extension_working_days;
        Some(deadline)
    }

    /// The deadline's due date, light and escalation on `now`; `None` before acceptance or
    /// once decided.
    pub fn deadline_status(
        &self,
        calendar: &WorkCalendar,
        now: NaiveDate,
    ) -> Option<Result<crate::calendar::DeadlineStatus, crate::calendar::CalendarError>> {
        if matches!(
            self.status,
            Status::Submitted
                | Status::NotAccepted
                | Status::Withdrawn
                | Status::Approved
                | Status::Rejected
                | Status::Concluded
                | Status::Delivered
        ) {
            return None;
        }
        let deadline = self.deadline()?;
        Some(deadline.status(calendar, now, &crate::calendar::Thresholds::default()))
    }
}
