//! 办不成事反映窗口: a report that something could not get done, triaged and answered
//! within a deadline, and counted in the same metrics as cases and reviews.
//!
//! The seed: "健全办事堵点主动发现机制 … 设置“办不成事反映窗口”，对苗头性、典型性、集中性问题
//! 提前研判". A complaint may name the matter or the case it is about, or neither (a need
//! the catalogue does not meet is the most telling report of all).
//!
//! Lifecycle: `report` (received; the answer is due
//! [`crate::review::ReviewConfig::complaint_answer_working_days`] working days later on the
//! engine's calendar) → `triage` (a category, and the organisation that answers) →
//! `answer` (resolved or not: a reasoned answer also closes a report that cannot be met).
//! Like cases and reviews, it changes only through [`decide`] and [`evolve`].

mod error;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub use error::ComplaintError;

use crate::authority::{Role, cst_date};
use crate::case::{AccountId, Actor, ClientIds, Context, Text, is_client_id};
use crate::catalog::Channel;
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::review::{Note, REVIEW_EVENT_SCHEMA, ReviewConfig};
use crate::{Coded, Lang, Problem};

/// What a complaint is about, as triage finds it (for 苗头性、典型性、集中性 analysis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCategory {
    /// 政策限制: the rules do not allow it.
    Policy,
    /// 流程堵点: materials, steps, repeated trips.
    Process,
    /// 权限未下沉: the station may not handle it (not devolved or entrusted).
    Authority,
    /// 系统数据: systems or shared data failed.
    System,
    /// 服务态度或能力.
    Service,
    /// Anything else.
    Other,
}

impl ComplaintCategory {
    /// Its name as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Self::Policy => "policy",
            Self::Process => "process",
            Self::Authority => "authority",
            Self::System => "system",
            Self::Service => "service",
            Self::Other => "other",
        }
    }
}

/// Where a complaint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Received; to be triaged.
    Received,
    /// Triaged; to be answered.
    Triaged,
    /// Answered.
    Answered,
}

impl ComplaintStatus {
    /// Its name as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Triaged => "triaged",
            Self::Answered => "answered",
        }
    }
}

/// A complaint command with what makes it safe to retry and to race.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplaintEnvelope {
    /// The complaint id (for `report`, the id of the new one).
    pub complaint: String,
    /// The complaint version the client saw (0 for `report`).
    pub expected_version: u64,
    /// A client-generated id, unique per command.
    pub client_id: String,
    /// The command.
    pub command: ComplaintCommand,
}

crate::tagged::tagged_enum! {
    /// What an actor asks to do to a complaint (`{"type": "report", …}`).
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum ComplaintCommand {
        /// 反映: something could not get done.
        Report {
            /// The station or centre concerned (where it could not get done).
            org: String,
            /// The matter, when it is about one.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            matter: Option<String>,
            /// The case, when it is about one.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            case: Option<String>,
            /// What happened.
            summary: Note,
        },
        /// 研判: what it is about and who answers.
        Triage {
            /// The category.
            category: ComplaintCategory,
            /// The organisation that answers (the station itself, a department, …).
            handler: String,
        },
        /// 答复.
        Answer {
            /// The answer.
            answer: Note,
            /// Whether the thing got done after all.
            resolved: bool,
        },
    }
}

/// The commands of a complaint, in the one order they come in.
const COMMAND_ORDER: [&str; 3] = ["report", "triage", "answer"];

impl ComplaintCommand {
    /// Its name as serialised.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Report { .. } => "report",
            Self::Triage { .. } => "triage",
            Self::Answer { .. } => "answer",
        }
    }
}

/// One event of one complaint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplaintEvent {
    /// The event format's version.
    pub schema: u32,
    /// The complaint.
    pub complaint: Text,
    /// The complaint's version after this event (1 for the first).
    pub version: u64,
    /// The id the client gave the command.
    pub client_id: String,
    /// Who acted.
    pub actor: Actor,
    /// Through which channel.
    pub channel: Channel,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// What happened.
    pub kind: ComplaintEventKind,
}

crate::tagged::tagged_enum! {
    /// What happened to a complaint.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum ComplaintEventKind {
        /// Received.
        Reported {
            /// The station or centre concerned.
            org: Text,
            /// The matter, if named.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            matter: Option<Text>,
            /// The case, if named.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            case: Option<Text>,
            /// The reporter's account id, when a citizen reported it themselves.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reporter: Option<AccountId>,
            /// What happened.
            summary: Note,
            /// The last day to answer.
            answer_by: NaiveDate,
        },
        /// Triaged.
        Triaged {
            /// The category.
            category: ComplaintCategory,
            /// The organisation that answers.
            handler: Text,
        },
        /// Answered.
        Answered {
            /// The answer.
            answer: Note,
            /// Whether it got done after all.
            resolved: bool,
        },
    }
}

/// One complaint, as its events made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Complaint {
    /// The complaint id.
    pub id: Text,
    /// The station or centre concerned.
    pub org: Text,
    /// The matter, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<Text>,
    /// The case, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Text>,
    /// The reporter's account id, when a citizen reported it themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<AccountId>,
    /// The channel it came in through.
    pub channel: Channel,
    /// What happened.
    pub summary: Note,
    /// Where it is.
    pub status: ComplaintStatus,
    /// Number of events applied.
    pub version: u64,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The last day to answer.
    pub answer_by: NaiveDate,
    /// The category, once triaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ComplaintCategory>,
    /// The organisation that answers, once triaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<Text>,
    /// The answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Note>,
    /// The day it was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_on: Option<NaiveDate>,
    /// Whether it got done after all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// Client ids of the commands applied, in order.
    #[serde(default, skip_serializing_if = "ClientIds::is_empty")]
    pub client_ids: ClientIds,
}

impl Complaint {
    /// The latest day this complaint records (China Standard Time): the day it was received,
    /// or answered. A command dated before it is refused (`complaint.backdated`).
    pub fn latest_day(&self) -> NaiveDate {
        self.answered_on
            .map_or(self.received_on, |answered| answered.max(self.received_on))
    }

    /// Whether the command with client id `id` was applied (`Some`), and then what it did.
    /// A complaint's commands come in one order (report, triage, answer), so where the id
    /// is among those applied says which.
    pub fn applied(&self, id: &str) -> Option<Option<&'static str>> {
        let at = self.client_ids.iter().position(|x| x == id)?;
        Some(COMMAND_ORDER.get(at).copied())
    }
}

fn text(note: &Note) -> Result<(), ComplaintError> {
    if crate::review::valid_text(note) {
        Ok(())
    } else {
        Err(ComplaintError::Text)
    }
}

/// Decides `envelope` against the `complaint` as it is (`None` before `report`): the
/// events to store, none when the command was already applied (same client id), or why
/// not — in which case nothing changed.
///
/// Roles: anyone but the back office reports (a citizen for themselves, a proxy or the
/// front desk for a walk-in, the system from the 12345 hotline); the station chief or a
/// supervisor triages; the station chief, front desk, back office or a supervisor of the
/// organisation concerned (or above it, or of the handler) answers.
pub fn decide(
    engine: &Engine,
    complaint: Option<&Complaint>,
    envelope: &ComplaintEnvelope,
    ctx: &Context,
) -> Result<Vec<ComplaintEvent>, ComplaintError> {
    if !is_client_id(&envelope.client_id) {
        return Err(ComplaintError::ClientId);
    }
    let command = &envelope.command;
    // A retry is answered with nothing to do; another command under the same id is refused.
    let applied = complaint.and_then(|c| c.applied(&envelope.client_id));
    let reused = |action| ComplaintError::ClientIdReused { action };
    if crate::record::retried(applied, command.name()).map_err(reused)? {
        return Ok(Vec::new());
    }
    let version = current_version(complaint, envelope, ctx)?;
    let action = command.name();
    let status = complaint.map(|c| c.status);
    let from = match command {
        ComplaintCommand::Report { .. } => None,
        ComplaintCommand::Triage { .. } => Some(ComplaintStatus::Received),
        ComplaintCommand::Answer { .. } => Some(ComplaintStatus::Triaged),
    };
    if status != from {
        return Err(ComplaintError::WrongStatus { action, status });
    }
    let role = ctx.actor.role;
    let allowed = roles(command);
    if !allowed.contains(&role) {
        return Err(ComplaintError::RoleNotPermitted { action, role });
    }
    let catalog = engine.catalog();
    let kind = match (complaint, command) {
        (
            None,
            ComplaintCommand::Report {
                org,
                matter,
                case,
                summary,
            },
        ) => reported(
            engine,
            ctx,
            &envelope.complaint,
            org,
            matter.as_deref(),
            case.as_deref(),
            summary,
        )?,
        (Some(c), ComplaintCommand::Triage { category, handler }) => {
            if !crate::metrics::within(catalog, &c.org, &ctx.actor.org) {
                return Err(ComplaintError::WrongOrg);
            }
            if catalog.org(handler).is_none() {
                return Err(ComplaintError::UnknownOrg);
            }
            ComplaintEventKind::Triaged {
                category: *category,
                handler: handler.as_str().into(),
            }
        }
        (Some(c), ComplaintCommand::Answer { answer, resolved }) => {
            let handles = c
                .handler
                .as_deref()
                .is_some_and(|h| crate::metrics::within(catalog, h, &ctx.actor.org));
            if !handles && !crate::metrics::within(catalog, &c.org, &ctx.actor.org) {
                return Err(ComplaintError::WrongOrg);
            }
            text(answer)?;
            ComplaintEventKind::Answered {
                answer: answer.clone(),
                resolved: *resolved,
            }
        }
        _ => return Err(ComplaintError::WrongStatus { action, status }),
    };
    Ok(vec![ComplaintEvent {
        schema: REVIEW_EVENT_SCHEMA,
        complaint: envelope.complaint.as_str().into(),
        version: version.checked_add(1).ok_or(ComplaintError::EventVersion {
            expected: version,
            found: version,
        })?,
        client_id: envelope.client_id.clone(),
        actor: ctx.actor.clone(),
        channel: ctx.channel,
        at: ctx.at,
        kind,
    }])
}

/// The version `envelope` is made against, if it fits the complaint as it stands: one to
/// report that does not exist yet, or one to work that does, at the version the client saw,
/// not dated before a day the complaint records.
fn current_version(
    complaint: Option<&Complaint>,
    envelope: &ComplaintEnvelope,
    ctx: &Context,
) -> Result<u64, ComplaintError> {
    match (complaint, &envelope.command) {
        (Some(_), ComplaintCommand::Report { .. }) => return Err(ComplaintError::Exists),
        (None, ComplaintCommand::Triage { .. } | ComplaintCommand::Answer { .. }) => {
            return Err(ComplaintError::NotFound);
        }
        _ => {}
    }
    let record = complaint.map(|c| (c.version, c.latest_day()));
    Ok(crate::record::fits(
        record,
        envelope.expected_version,
        cst_date(ctx.at),
    )?)
}

/// Who may give `command`.
fn roles(command: &ComplaintCommand) -> &'static [Role] {
    match command {
        ComplaintCommand::Report { .. } => &[
            Role::Applicant,
            Role::Proxy,
            Role::FrontDesk,
            Role::StationChief,
            Role::Supervisor,
            Role::System,
        ],
        ComplaintCommand::Triage { .. } => &[Role::StationChief, Role::Supervisor],
        ComplaintCommand::Answer { .. } => &[
            Role::StationChief,
            Role::FrontDesk,
            Role::BackOffice,
            Role::Supervisor,
        ],
    }
}

/// The `reported` event of a new complaint.
fn reported(
    engine: &Engine,
    ctx: &Context,
    id: &str,
    org: &str,
    matter: Option<&str>,
    case: Option<&str>,
    summary: &Note,
) -> Result<ComplaintEventKind, ComplaintError> {
    let catalog = engine.catalog();
    // The complaint's own id, like a case's: 1 to 128 bytes, no control characters (an
    // empty or unbounded id would be stored and keyed on by every replay).
    if !crate::case::is_case_id(id) {
        return Err(ComplaintError::Text);
    }
    text(summary)?;
    if catalog.org(org).is_none() {
        return Err(ComplaintError::UnknownOrg);
    }
    if matter.is_some_and(|m| catalog.matter(m).is_none()) {
        return Err(ComplaintError::UnknownMatter);
    }
    if case.is_some_and(|c| !crate::case::is_case_id(c)) {
        return Err(ComplaintError::Text);
    }
    let today = cst_date(ctx.at);
    let answer_by = engine
        .calendar()
        .add_working_days(
            today,
            ReviewConfig::of(engine).complaint_answer_working_days,
        )
        .map_err(ComplaintError::Calendar)?;
    Ok(ComplaintEventKind::Reported {
        org: org.into(),
        matter: matter.map(Into::into),
        case: case.map(Into::into),
        reporter: (ctx.actor.role == Role::Applicant).then(|| ctx.actor.id.clone()),
        summary: summary.clone(),
        answer_by,
    })
}

/// Applies one event to a complaint (`None` before its first event). Refuses an event of
/// a newer schema, out of sequence, already applied, or out of the lifecycle.
pub fn evolve(
    complaint: Option<Complaint>,
    event: &ComplaintEvent,
) -> Result<Complaint, ComplaintError> {
    if event.schema > REVIEW_EVENT_SCHEMA {
        return Err(ComplaintError::EventSchema {
            schema: event.schema,
        });
    }
    let version = complaint.as_ref().map_or(0, |c| c.version);
    let expected = version.checked_add(1).ok_or(ComplaintError::EventVersion {
        expected: version,
        found: event.version,
    })?;
    if event.version != expected {
        return Err(ComplaintError::EventVersion {
            expected,
            found: event.version,
        });
    }
    if !is_client_id(&event.client_id) {
        return Err(ComplaintError::ClientId);
    }
    if complaint
        .as_ref()
        .is_some_and(|c| c.client_ids.contains(&event.client_id))
    {
        return Err(ComplaintError::DuplicateEvent);
    }
    let status = complaint.as_ref().map(|c| c.status);
    let date = cst_date(event.at);
    let mut complaint = match (complaint, &event.kind) {
        (
            None,
            ComplaintEventKind::Reported {
                org,
                matter,
                case,
                reporter,
                summary,
                answer_by,
            },
        ) => Complaint {
            id: event.complaint.clone(),
            org: org.clone(),
            matter: matter.clone(),
            case: case.clone(),
            reporter: reporter.clone(),
            channel: event.channel,
            summary: summary.clone(),
            status: ComplaintStatus::Received,
            version: 0,
            received_on: date,
            answer_by: *answer_by,
            category: None,
            handler: None,
            answer: None,
            answered_on: None,
            resolved: None,
            client_ids: ClientIds::default(),
        },
        (Some(mut c), ComplaintEventKind::Triaged { category, handler })
            if c.status == ComplaintStatus::Received =>
        {
            c.category = Some(*category);
            c.handler = Some(handler.clone());
            c.status = ComplaintStatus::Triaged;
            c
        }
        (Some(mut c), ComplaintEventKind::Answered { answer, resolved })
            if c.status == ComplaintStatus::Triaged =>
        {
            c.answer = Some(answer.clone());
            c.answered_on = Some(date);
            c.resolved = Some(*resolved);
            c.status = ComplaintStatus::Answered;
            c
        }
        _ => {
            return Err(ComplaintError::WrongStatus {
                action: "event",
                status,
            });
        }
    };
    complaint.version = event.version;
    complaint.client_ids.push(&event.client_id);
    Ok(complaint)
}

/// The complaints a stream of events builds, and the events refused (0-based position and
/// why).
pub fn replay<'a>(
    events: impl IntoIterator<Item = &'a ComplaintEvent>,
) -> (BTreeMap<Text, Complaint>, Vec<(usize, ComplaintError)>) {
    let mut complaints: BTreeMap<Text, Complaint> = BTreeMap::new();
    let mut rejected = Vec::new();
    for (position, event) in events.into_iter().enumerate() {
        let current = complaints.get(&event.complaint).cloned();
        match evolve(current, event) {
            Ok(c) => {
                complaints.insert(event.complaint.clone(), c);
            }
            Err(e) => rejected.push((position, e)),
        }
    }
    (complaints, rejected)
}

/// `complaint decide`: a command against a complaint as the client holds it (`null`
/// before `report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplaintDecideRequest {
    /// The complaint, or `None` before `report`.
    #[serde(default)]
    pub complaint: Option<Complaint>,
    /// The command with its complaint id, expected version and client id.
    pub command: ComplaintEnvelope,
    /// Who, through which channel, when.
    pub context: Context,
}

impl ComplaintDecideRequest {
    /// Reads the request from JSON (at most
    /// [`crate::review::MAX_REVIEW_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, crate::review::MAX_REVIEW_REQUEST_BYTES)
    }
}

/// `complaint evolve`: one event applied to a complaint (`null` before its first event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComplaintEvolveRequest {
    /// The complaint so far.
    #[serde(default)]
    pub complaint: Option<Complaint>,
    /// The event.
    pub event: ComplaintEvent,
}

impl ComplaintEvolveRequest {
    /// Reads the request from JSON (at most
    /// [`crate::review::MAX_REVIEW_REQUEST_BYTES`]).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, crate::review::MAX_REVIEW_REQUEST_BYTES)
    }

    /// Applies the event: the complaint after it, or why not (the complaint unchanged).
    pub fn run(self, lang: Lang) -> ComplaintEvolution {
        match evolve(self.complaint, &self.event) {
            Ok(complaint) => ComplaintEvolution::Applied {
                complaint: Box::new(complaint),
            },
            Err(e) => ComplaintEvolution::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}

/// The outcome of `complaint evolve`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ComplaintEvolution {
    /// Applied.
    Applied {
        /// The complaint after the event.
        complaint: Box<Complaint>,
    },
    /// Refused: the complaint is unchanged.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

/// The outcome of `complaint decide`: `{"outcome": "accepted", "events"}` or
/// `{"outcome": "refused", "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ComplaintDecision {
    /// Accepted: store and apply these events (none when the client id was seen before).
    Accepted {
        /// The events.
        events: Vec<ComplaintEvent>,
    },
    /// Refused: nothing changed.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// [`decide`] for a request, as an outcome with messages in `lang`.
    pub fn decide_complaint(
        &self,
        request: &ComplaintDecideRequest,
        lang: Lang,
    ) -> ComplaintDecision {
        match decide(
            self,
            request.complaint.as_ref(),
            &request.command,
            &request.context,
        ) {
            Ok(events) => ComplaintDecision::Accepted { events },
            Err(e) => ComplaintDecision::Refused {
                error: e.to_problem(lang),
            },
        }
    }
}
