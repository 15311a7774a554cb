//! The citizen's one timeline: a case — for a bundle, with its member cases — and the
//! cases they started by themselves (免申即办), every step in time order.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::bundle::{BundleProgress, join};
use super::replay::{Cases, replay_one};
use super::{Action, CaseError, Event, EventKind, Outcome, Status, Text};
use crate::authority::Role;
use crate::catalog::Channel;
use crate::{Coded, Lang, Problem};

/// One step on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The case it happened to.
    pub case: Text,
    /// The case's matter (the bundle's code for a bundle case).
    pub matter: Text,
    /// What happened.
    pub action: Action,
    /// The case's status after it.
    pub status: Status,
    /// Who acted, by role (never a person's id: the timeline is shown to the citizen).
    pub role: Role,
    /// The organisation that acted.
    pub org: Text,
    /// Through which channel.
    pub channel: Channel,
}

/// A case on the timeline, as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineCase {
    /// The case.
    pub case: Text,
    /// Its matter (or bundle).
    pub matter: Text,
    /// Where it is.
    pub status: Status,
    /// How it was decided, once it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The bundle case it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<Text>,
    /// The case that started it (免申即办).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Text>,
    /// Waiting for the applicant to confirm it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_confirmation: bool,
}

/// A case's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The case asked for.
    pub case: Text,
    /// Every step of it and its related cases, in time order (ties in stream order).
    pub entries: Vec<TimelineEntry>,
    /// The related cases: the case, its members, the cases they started; in id order.
    pub cases: Vec<TimelineCase>,
    /// For a bundle case, the join of its members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle: Option<BundleProgress>,
}

/// The timeline of `case` from a stream of events (any mix of cases, each case's events in
/// order). Events of other cases are passed over; an event its case refuses is left out,
/// as a replay would. `case.not_found` when the stream never opens the case.
pub fn timeline<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    case: &str,
) -> Result<Timeline, CaseError> {
    let mut related: HashSet<Text> = HashSet::new();
    related.insert(case.into());
    let mut cases = Cases::default();
    let mut entries = Vec::new();
    for event in events {
        let opened_by_related = match &event.kind {
            EventKind::Submitted { parent, origin, .. } => parent
                .iter()
                .chain(origin.iter())
                .any(|c| related.contains(c)),
            _ => false,
        };
        if !(related.contains(&event.case) || opened_by_related) {
            continue;
        }
        if replay_one(&mut cases, event, |_, _| Ok(())).is_err() {
            continue;
        }
        related.insert(event.case.clone());
        let Some(now) = cases.get(&event.case) else {
            continue;
        };
        related.extend(now.members.iter().map(|m| m.case.clone()));
        entries.push(TimelineEntry {
            at: event.at,
            case: event.case.clone(),
            matter: now.matter.clone(),
            action: event.kind.action(),
            status: now.status,
            role: event.actor.role,
            org: event.actor.org.clone(),
            channel: event.channel,
        });
    }
    let root = cases.get(case).ok_or(CaseError::NotFound)?;
    let bundle = if root.is_bundle() {
        join(root, |id| cases.get(id)).ok()
    } else {
        None
    };
    entries.sort_by_key(|e| e.at);
    let mut listed: Vec<TimelineCase> = cases
        .values()
        .map(|c| TimelineCase {
            case: c.id.clone(),
            matter: c.matter.clone(),
            status: c.status,
            outcome: c.outcome,
            parent: c.parent.clone(),
            origin: c.origin.clone(),
            awaiting_confirmation: c.awaiting_confirmation,
        })
        .collect();
    listed.sort_by(|a, b| a.case.cmp(&b.case));
    Ok(Timeline {
        case: case.into(),
        entries,
        cases: listed,
        bundle,
    })
}

/// The outcome of a timeline request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TimelineOutcome {
    /// The timeline.
    Found {
        /// It.
        timeline: Box<Timeline>,
    },
    /// No timeline: the case is not in the stream, or a line is not an event.
    Refused {
        /// Why, coded (a line that is not an event gives its `input.*` code, with `line` in
        /// its params).
        error: Problem,
    },
}

/// [`timeline`] over events given as JSON Lines bytes (see [`super::decode_events`], which
/// skips the lines of reviews and complaints): a line that is not an event refuses the
/// whole request, naming the line.
pub fn timeline_jsonl(bytes: &[u8], case: &str, lang: Lang) -> TimelineOutcome {
    let (read, unreadable) = super::decode_events(bytes);
    if let Some((line, e)) = unreadable.first() {
        let mut error = e.to_problem(lang);
        error.params.insert("line".into(), (*line).into());
        return TimelineOutcome::Refused { error };
    }
    match timeline(read.iter().map(|(_, e)| e), case) {
        Ok(timeline) => TimelineOutcome::Found {
            timeline: Box::new(timeline),
        },
        Err(e) => TimelineOutcome::Refused {
            error: e.to_problem(lang),
        },
    }
}
