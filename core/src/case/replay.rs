//! `replay`: a stream of events → the cases it builds and the events it refuses.

use std::collections::HashMap;

use super::decide::{case_matter, extensible, stamped, valid_stamp};
use super::evolve::{apply, apply_in_place, check};
use super::{Case, CaseError, Event, EventKind, Text};
use crate::authority::cst_date;
use crate::engine::Engine;
use crate::{Coded, Lang};

/// Cases by id, as a replay builds them.
pub(super) type Cases = HashMap<Text, Case, crate::IdHasher>;

/// The cases a stream of events builds, and the events that could not be applied (by
/// position, with why). A rejected event changes nothing; later events of its case are
/// still tried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replay {
    /// Every case, by id (see [`Replay::report`] for them in id order).
    pub cases: Cases,
    /// Events refused: their 0-based position and the reason.
    pub rejected: Vec<(usize, CaseError)>,
}

/// Replays `events` (any mix of cases, each case's events in order).
pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Replay {
    let events = events.into_iter();
    let mut out = Replay::default();
    // A case has several events (8 in a typical life): room for that many cases up front
    // saves growing a large table step by step.
    out.cases.reserve(events.size_hint().0 / 8);
    for (position, event) in events.enumerate() {
        if let Err(e) = replay_one(&mut out.cases, event, |_, _| Ok(())) {
            out.rejected.push((position, e));
        }
    }
    out
}

/// Applies one event of a stream to the cases so far, in place; `extra` checks it further,
/// with the case as it was before it (`None` for a new case).
pub(super) fn replay_one(
    cases: &mut Cases,
    event: &Event,
    extra: impl Fn(Option<&Case>, &Event) -> Result<(), CaseError>,
) -> Result<(), CaseError> {
    if let Some(case) = cases.get_mut(&event.case) {
        let to = check(Some(case), event)?;
        extra(Some(case), event)?;
        apply_in_place(case, event, to);
    } else {
        let to = check(None, event)?;
        extra(None, event)?;
        let case = apply(None, event, to)?;
        cases.insert(event.case.clone(), case);
    }
    Ok(())
}

/// [`replay`], also checking the events against the catalogue: the matter version a case
/// started under exists, and every decision's stamp is that decision's and verifies (as
/// `decide` checks it); no event is dated before a day its case records (`case.backdated`:
/// an acceptance dated before the submission would count the deadline from before the
/// application); and an extension is one `decide` grants (`case.extension`: once, before
/// the case is late, of a 承诺件). What a district runs over the
/// events a station's system sends in.
pub fn replay_checked<'a>(engine: &Engine, events: impl IntoIterator<Item = &'a Event>) -> Replay {
    let mut out = Replay::default();
    for (position, event) in events.into_iter().enumerate() {
        if let Err(e) = replay_one(&mut out.cases, event, |case, e| consistent(engine, case, e)) {
            out.rejected.push((position, e));
        }
    }
    out
}

/// What an event claims that the catalogue can confirm, of `case` as it was before it, and
/// what `decide` would have asked of it besides: not dated before a day the case records.
fn consistent(engine: &Engine, case: Option<&Case>, event: &Event) -> Result<(), CaseError> {
    let day = cst_date(event.at);
    crate::record::dated(case.map(Case::latest_day), day)?;
    match &event.kind {
        EventKind::Submitted {
            matter,
            matter_version,
            ..
        } => engine
            .catalog()
            .matters
            .iter()
            .any(|m| *m.code == **matter && m.version == *matter_version)
            .then_some(())
            .ok_or(CaseError::UnknownMatter),
        EventKind::BundleSubmitted { bundle, .. } => engine
            .catalog()
            .bundle(bundle)
            .map(|_| ())
            .ok_or(CaseError::UnknownBundle),
        // An extension granted once the case was late, a second one, or one of a 即办件.
        EventKind::Extended { .. } => {
            let refused = case.is_some_and(|case| {
                case_matter(engine, case).is_some_and(|m| !extensible(engine, case, m, day))
            });
            if refused {
                Err(CaseError::Extension)
            } else {
                Ok(())
            }
        }
        EventKind::Approved { stamp } | EventKind::Rejected { stamp, .. } => match case {
            Some(case) => stamped(engine, case, stamp, &event.actor, event.at),
            None => valid_stamp(engine, stamp, event.at),
        },
        _ => Ok(()),
    }
}

impl Replay {
    /// The join of bundle case `id`'s members (see [`super::join`]); `None` when `id` is
    /// not a bundle case.
    pub fn bundle(&self, id: &str) -> Option<Result<super::BundleProgress, CaseError>> {
        let bundle = self.cases.get(id).filter(|c| c.is_bundle())?;
        Some(super::join(bundle, |member| self.cases.get(member)))
    }

    /// The replay as every binding shows it: the cases in id order, and each refused
    /// event's position with its coded problem in `lang`.
    pub fn report(&self, lang: Lang) -> ReplayReport {
        ReplayReport {
            cases: {
                let mut cases: Vec<Case> = self.cases.values().cloned().collect();
                cases.sort_by(|a, b| a.id.cmp(&b.id));
                cases
            },
            rejected: self
                .rejected
                .iter()
                .map(|(index, e)| RejectedEvent {
                    index: *index,
                    line: None,
                    problem: e.to_problem(lang),
                })
                .collect(),
        }
    }
}

/// A replay as JSON: `{cases, rejected: [{index, code, message, params}]}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplayReport {
    /// The cases, in id order.
    pub cases: Vec<Case>,
    /// The events refused.
    pub rejected: Vec<RejectedEvent>,
}

/// One refused event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedEvent {
    /// Its 0-based position among the events replayed (for JSON Lines: its 0-based line).
    pub index: usize,
    /// Its 1-based line, when read from JSON Lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why.
    #[serde(flatten)]
    pub problem: crate::Problem,
}
