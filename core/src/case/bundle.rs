//! 一件事 as cases: one submission opens a bundle case and a case for every member matter
//! the answer includes, each routed, timed and authorised as its own; the bundle's state is
//! the join of its members'; withdrawing the bundle withdraws its open members.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::decide::{
    acts_for_applicant, check_submitter, fits, next_version, optional, stamped_event, transition,
    valid_answer,
};
use super::{
    Action, Case, CaseError, Command, CommandEnvelope, Context, Event, EventKind, Member, Outcome,
    Status, Text,
};
use crate::Lang;
use crate::engine::{Engine, Target};

/// The id of the case a bundle case opens for `matter`: `{bundle case}/{matter}`.
pub fn member_case_id(bundle_case: &str, matter: &str) -> String {
    format!("{bundle_case}/{matter}")
}

/// The events of `submit_bundle`: the bundle case's, then one `submitted` per member matter
/// the answer includes, each with the member's part of the (normalised) answer.
pub(super) fn submit(
    engine: &Engine,
    envelope: &CommandEnvelope,
    ctx: &Context,
    date: NaiveDate,
) -> Result<Vec<Event>, CaseError> {
    let Command::SubmitBundle {
        bundle,
        applicant,
        proxy,
        answer,
        special_groups,
        appointment,
    } = &envelope.command
    else {
        return Err(CaseError::NotFound);
    };
    let validation = engine
        .validate(&Target::bundle(bundle), answer, date, Lang::ZhCn)
        .map_err(|_| CaseError::UnknownBundle)?;
    if !validation.form.valid {
        return Err(CaseError::InvalidAnswer {
            errors: validation
                .form
                .errors
                .iter()
                .map(|p| p.code.clone())
                .collect(),
        });
    }
    let normalized = &validation.form.normalized;
    fits(normalized)?;
    let mut members = Vec::with_capacity(validation.matters.len());
    let mut opened = Vec::with_capacity(validation.matters.len());
    for code in &validation.matters {
        let matter = engine
            .catalog()
            .matter_on(code, date)
            .ok_or(CaseError::UnknownMatter)?;
        check_submitter(
            engine,
            matter,
            applicant,
            proxy.as_ref(),
            special_groups,
            ctx,
            date,
        )?;
        // The merged form is wider than each member's (a key is required or shown where any
        // member asks it): the member's own form decides what its case keeps.
        let part = valid_answer(
            engine,
            matter,
            &project(normalized, &matter.form.fields),
            date,
        )?;
        let case = member_case_id(&envelope.case, &matter.code);
        members.push(Member {
            matter: matter.code.as_str().into(),
            case: case.as_str().into(),
        });
        opened.push((
            case,
            EventKind::Submitted {
                matter: matter.code.as_str().into(),
                matter_version: matter.version,
                limit_working_days: matter.promised_limit_days,
                applicant: applicant.as_str().into(),
                proxy: proxy.clone(),
                answer: part.into(),
                special_groups: special_groups.clone(),
                appointment: appointment.clone(),
                parent: Some(envelope.case.as_str().into()),
                origin: None,
                awaiting_confirmation: false,
                data_problems: Vec::new(),
            },
        ));
    }
    let head = EventKind::BundleSubmitted {
        bundle: bundle.as_str().into(),
        applicant: applicant.as_str().into(),
        proxy: proxy.clone(),
        answer: normalized.clone().into(),
        special_groups: special_groups.clone(),
        appointment: appointment.clone(),
        members,
    };
    Ok(std::iter::once((envelope.case.clone(), head))
        .chain(opened)
        .map(|(case, kind)| stamped_event(case.into(), 1, envelope, ctx, kind))
        .collect())
}

/// The keys of `answer` a member's form asks (top level; a bundle's form asks each key
/// once, so a member sees exactly what it would have been asked alone).
fn project(answer: &Value, fields: &[crate::form::Field]) -> Value {
    let Value::Object(all) = answer else {
        return Value::Object(Map::new());
    };
    Value::Object(
        fields
            .iter()
            .filter_map(|f| all.get(&f.key).map(|v| (f.key.clone(), v.clone())))
            .collect(),
    )
}

/// A command on a bundle case: only `withdraw`, which withdraws the bundle and every member
/// case still open (a member already decided stays decided). `members` are the member cases
/// as the client holds them; every one must be there.
pub(super) fn on_bundle(
    bundle: &Case,
    members: &[Case],
    envelope: &CommandEnvelope,
    ctx: &Context,
    date: NaiveDate,
) -> Result<Vec<Event>, CaseError> {
    let Command::Withdraw { reason } = &envelope.command else {
        return Err(CaseError::BundleCase {
            action: envelope.command.name(),
        });
    };
    let action = Action::Withdraw.name();
    if transition(Some(bundle.status), Action::Withdraw).is_none() {
        return Err(CaseError::WrongStatus {
            action,
            status: Some(bundle.status),
        });
    }
    acts_for_applicant(bundle, ctx, date, action)?;
    let found: Vec<Option<&Case>> = bundle
        .members
        .iter()
        .map(|m| members.iter().find(|c| c.id == m.case))
        .collect();
    let missing: Vec<String> = bundle
        .members
        .iter()
        .zip(&found)
        .filter(|(_, c)| c.is_none())
        .map(|(m, _)| m.case.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CaseError::MembersMissing { cases: missing });
    }
    let withdrawn = |case: &Case| -> Result<Event, CaseError> {
        let latest = case.latest_day();
        if date < latest {
            return Err(CaseError::Backdated { latest });
        }
        let kind = EventKind::Withdrawn {
            reason: optional(reason.as_ref())?,
        };
        let version = next_version(case.version)?;
        Ok(stamped_event(case.id.clone(), version, envelope, ctx, kind))
    };
    let open: Vec<&Case> = found
        .into_iter()
        .flatten()
        .filter(|case| transition(Some(case.status), Action::Withdraw).is_some())
        .collect();
    // Every member decided (or withdrawn alone): there is nothing left to withdraw, and a
    // withdrawn bundle would hide what its members became.
    if open.is_empty() {
        let all_withdrawn = found_all_withdrawn(bundle, members);
        return Err(CaseError::WrongStatus {
            action,
            status: Some(if all_withdrawn {
                Status::Withdrawn
            } else {
                Status::Concluded
            }),
        });
    }
    let mut events = vec![withdrawn(bundle)?];
    for case in open {
        // A member that applied this id withdrew already (a retry); one that applied it
        // for something else cannot record the withdrawal under it.
        let applied = case.applied(&envelope.client_id);
        if !crate::record::retried(applied, Action::Withdraw).map_err(CaseError::reused)? {
            acts_for_applicant(case, ctx, date, action)?;
            events.push(withdrawn(case)?);
        }
    }
    Ok(events)
}

/// Whether every member case of `bundle` (among `members`) was withdrawn.
fn found_all_withdrawn(bundle: &Case, members: &[Case]) -> bool {
    bundle.members.iter().all(|m| {
        members
            .iter()
            .any(|c| c.id == m.case && c.status == Status::Withdrawn)
    })
}

/// Where a bundle stands, joined from its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleState {
    /// Some member is still being handled and none was rejected.
    Open,
    /// Every member concluded, approved (but those the applicant withdrew alone).
    Concluded,
    /// Some members were rejected or refused (see `rejected`), others not.
    PartlyRejected,
    /// Every member was rejected or refused (but those the applicant withdrew alone).
    Rejected,
    /// The applicant withdrew the bundle (or every member).
    Withdrawn,
}

/// A member as the join sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberProgress {
    /// The matter's code.
    pub matter: Text,
    /// Its case.
    pub case: Text,
    /// The case's status.
    pub status: Status,
    /// How it was decided, once it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// A bundle case's state and its members'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleProgress {
    /// The bundle case.
    pub case: Text,
    /// The bundle's code.
    pub bundle: Text,
    /// The joined state.
    pub state: BundleState,
    /// Every member, in the bundle's order.
    pub members: Vec<MemberProgress>,
    /// The matters rejected (不予许可) or refused at the door (不予受理).
    pub rejected: Vec<Text>,
}

/// Joins a bundle case's members (found through `lookup`): all concluded approved →
/// concluded; some rejected or refused → partly rejected, naming them (rejected when all
/// are); the bundle withdrawn, or every member → withdrawn; else open. A member withdrawn
/// alone is left out of "all".
pub fn join<'c>(
    bundle: &Case,
    lookup: impl Fn(&str) -> Option<&'c Case>,
) -> Result<BundleProgress, CaseError> {
    let mut members = Vec::with_capacity(bundle.members.len());
    let mut missing = Vec::new();
    for m in &bundle.members {
        match lookup(&m.case) {
            Some(case) => members.push(MemberProgress {
                matter: m.matter.clone(),
                case: m.case.clone(),
                status: case.status,
                outcome: case.outcome,
            }),
            None => missing.push(m.case.to_string()),
        }
    }
    if !missing.is_empty() {
        return Err(CaseError::MembersMissing { cases: missing });
    }
    let rejected: Vec<Text> = members
        .iter()
        .filter(|m| m.outcome == Some(Outcome::Rejected) || m.status == Status::NotAccepted)
        .map(|m| m.matter.clone())
        .collect();
    // A member the applicant withdrew alone no longer counts: the others decide.
    let live: Vec<&MemberProgress> = members
        .iter()
        .filter(|m| m.status != Status::Withdrawn)
        .collect();
    let all = |f: fn(&MemberProgress) -> bool| live.iter().all(|m| f(m));
    let state = if bundle.status == Status::Withdrawn || live.is_empty() {
        BundleState::Withdrawn
    } else if !rejected.is_empty() {
        if rejected.len() == live.len() {
            BundleState::Rejected
        } else {
            BundleState::PartlyRejected
        }
    } else if all(|m| {
        m.outcome == Some(Outcome::Approved)
            && matches!(m.status, Status::Concluded | Status::Delivered)
    }) {
        BundleState::Concluded
    } else {
        BundleState::Open
    };
    Ok(BundleProgress {
        case: bundle.id.clone(),
        bundle: bundle.matter.clone(),
        state,
        members,
        rejected,
    })
}
