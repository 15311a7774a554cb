//! `evolve`: an event → the case it leaves, checked against the lifecycle as `decide`
//! decides it, so that a stored stream that breaks it is refused event by event.

use chrono::NaiveDate;

use super::decide::{next_version, transition};
use super::{
    AccountId, Action, Answer, Case, CaseError, EVENT_SCHEMA, Event, EventKind, Outcome,
    ProxyConsent, SpecialGroup, Status,
};
use crate::authority::cst_date;
use crate::calendar::Pause;

/// Applies one event to a case (`None` before its first event). Refuses an event of
/// another case (`case.not_found`), of a newer schema, out of sequence, already applied,
/// that the lifecycle does not allow from the case's status, an acceptance before the
/// confirmation a case started without application waits for (`case.unconfirmed`) or a
/// confirmation it does not wait for, or an extension `decide` would not grant (a second
/// one, or one out of 1–10 working days: `case.extension`).
pub fn evolve(case: Option<Case>, event: &Event) -> Result<Case, CaseError> {
    let to = check(case.as_ref(), event)?;
    apply(case, event, to)
}

/// Whether `event` may be applied to `case`, and the status it leads to.
pub(super) fn check(case: Option<&Case>, event: &Event) -> Result<Status, CaseError> {
    if event.schema > EVENT_SCHEMA {
        return Err(CaseError::EventSchema {
            schema: event.schema,
        });
    }
    // An event of another case is not this case's to apply.
    if case.is_some_and(|c| c.id != event.case) {
        return Err(CaseError::NotFound);
    }
    let expected = next_version(case.map_or(0, |c| c.version))?;
    if event.version != expected {
        return Err(CaseError::EventVersion {
            expected,
            found: event.version,
        });
    }
    if !super::is_client_id(&event.client_id) {
        return Err(CaseError::ClientId);
    }
    if case.is_some_and(|c| c.client_ids.contains(&event.client_id)) {
        return Err(CaseError::DuplicateEvent);
    }
    let status = case.map(|c| c.status);
    // A bundle case is only opened and withdrawn; its members carry the work.
    if case.is_some_and(Case::is_bundle) && event.kind.action() != Action::Withdraw {
        return Err(CaseError::BundleCase { action: "event" });
    }
    let to = transition(status, event.kind.action()).ok_or(CaseError::WrongStatus {
        action: "event",
        status,
    })?;
    // A case started without application is confirmed once, then accepted, as `decide`
    // allows: accepted unconfirmed, it would wait for a confirmation for ever.
    if let Some(c) = case {
        match event.kind.action() {
            Action::Accept if c.awaiting_confirmation => return Err(CaseError::Unconfirmed),
            Action::Confirm if !c.awaiting_confirmation => {
                return Err(CaseError::WrongStatus {
                    action: "event",
                    status,
                });
            }
            _ => {}
        }
    }
    // One extension of 1 to 10 working days (行政许可法 art. 42), as `decide` grants it: a
    // stream with a second one would otherwise replace the first.
    if let EventKind::Extended { working_days, .. } = &event.kind {
        if case.is_some_and(|c| c.extension_working_days.is_some())
            || !(1..=10).contains(working_days)
        {
            return Err(CaseError::Extension);
        }
    }
    Ok(to)
}

/// Applies a checked event.
pub(super) fn apply(case: Option<Case>, event: &Event, to: Status) -> Result<Case, CaseError> {
    let mut case = match case {
        Some(case) => case,
        None => opened(event).ok_or(CaseError::NotFound)?,
    };
    apply_in_place(&mut case, event, to);
    Ok(case)
}

/// The case a `submitted` or `bundle_submitted` event opens (before the event itself is
/// applied to it).
fn opened(event: &Event) -> Option<Case> {
    let (EventKind::Submitted {
        applicant,
        proxy,
        answer,
        special_groups,
        appointment,
        ..
    }
    | EventKind::BundleSubmitted {
        applicant,
        proxy,
        answer,
        special_groups,
        appointment,
        ..
    }) = &event.kind
    else {
        return None;
    };
    let opened = blank(
        event,
        applicant,
        proxy.as_ref(),
        answer,
        special_groups,
        appointment.as_ref(),
    );
    Some(match &event.kind {
        EventKind::Submitted {
            matter,
            matter_version,
            limit_working_days,
            parent,
            origin,
            awaiting_confirmation,
            data_problems,
            ..
        } => Case {
            matter: matter.clone(),
            matter_version: *matter_version,
            limit_working_days: *limit_working_days,
            parent: parent.clone(),
            origin: origin.clone(),
            awaiting_confirmation: *awaiting_confirmation,
            data_problems: data_problems.clone(),
            ..opened
        },
        EventKind::BundleSubmitted {
            bundle, members, ..
        } => Case {
            matter: bundle.clone(),
            members: members.clone(),
            ..opened
        },
        // Not reached: the kinds above are the only ones that open a case.
        _ => opened,
    })
}

/// A case as its opening event leaves it, before what only a matter's case has.
fn blank(
    event: &Event,
    applicant: &AccountId,
    proxy: Option<&ProxyConsent>,
    answer: &Answer,
    special_groups: &[SpecialGroup],
    appointment: Option<&String>,
) -> Case {
    Case {
        id: event.case.clone(),
        matter: event.case.clone(),
        matter_version: 0,
        status: Status::Submitted,
        version: 0,
        applicant: applicant.clone(),
        proxy: proxy.cloned(),
        channel: event.channel,
        special_groups: special_groups.to_vec(),
        appointment: appointment.cloned(),
        org: event.actor.org.clone(),
        answer: answer.clone(),
        submitted_at: event.at,
        accepted_on: None,
        accepted_by: None,
        back_office: None,
        limit_working_days: 0,
        pauses: Vec::new(),
        extension_working_days: None,
        assignee: None,
        stamps: Vec::new(),
        reasons: Vec::new(),
        outcome: None,
        members: Vec::new(),
        parent: None,
        origin: None,
        awaiting_confirmation: false,
        data_problems: Vec::new(),
        client_ids: super::ClientIds::default(),
        client_actions: Vec::new(),
    }
}

/// Applies a checked event to an existing case, in place.
pub(super) fn apply_in_place(case: &mut Case, event: &Event, to: Status) {
    let date = cst_date(event.at);
    match &event.kind {
        // 受理 hands the case to the back office, whose officers claim it anew: a claim
        // made to accept it ends (else it would hold the case against them).
        EventKind::Accepted { back_office } => {
            case.accepted_on = Some(date);
            case.accepted_by = Some(event.actor.id.clone());
            case.back_office = Some(back_office.clone());
            case.assignee = None;
        }
        EventKind::Claimed => case.assignee = Some(event.actor.id.clone()),
        EventKind::Transferred { back_office } => {
            case.back_office = Some(back_office.clone());
            case.assignee = None;
        }
        EventKind::Released => case.assignee = None,
        EventKind::NotAccepted { reason }
        | EventKind::SupplementRequested { reason }
        | EventKind::Suspended { reason } => {
            case.reasons.push(reason.clone());
            if to.is_paused() {
                case.pauses.push(Pause {
                    from: date,
                    to: None,
                });
            }
        }
        EventKind::Supplemented { answer } => {
            case.answer = answer.clone();
            // The applicant's answer validated: nothing mapped is left in doubt.
            case.data_problems.clear();
            close_pause(&mut case.pauses, date);
        }
        EventKind::Confirmed => case.awaiting_confirmation = false,
        EventKind::Resumed => close_pause(&mut case.pauses, date),
        EventKind::Extended { working_days, .. } => {
            case.extension_working_days = Some(*working_days);
        }
        EventKind::Approved { stamp } => {
            case.outcome = Some(Outcome::Approved);
            case.stamps.push(stamp.clone());
        }
        EventKind::Rejected { reason, stamp } => {
            case.outcome = Some(Outcome::Rejected);
            case.reasons.push(reason.clone());
            case.stamps.push(stamp.clone());
        }
        EventKind::Withdrawn { reason } => {
            case.reasons.extend(reason.clone());
            // Withdrawn while waiting for a supplement or suspended: the clock stopped for
            // good that day, and `Case::deadline` no longer grows with each day after.
            close_pause(&mut case.pauses, date);
        }
        EventKind::Submitted { .. }
        | EventKind::BundleSubmitted { .. }
        | EventKind::ReviewStarted
        | EventKind::Concluded
        | EventKind::Delivered => {}
    }
    case.status = to;
    case.version = event.version;
    case.record_client(&event.client_id, event.kind.action());
}

/// The clock runs again after `date`: like acceptance (民法典 art. 201), resumption counts
/// from the next day, so the open pause closes on `date` itself. Closing then never moves
/// the due date earlier than it stood while the pause was open.
fn close_pause(pauses: &mut [Pause], date: NaiveDate) {
    if let Some(last) = pauses.last_mut().filter(|p| p.to.is_none()) {
        last.to = Some(date.max(last.from));
    }
}
