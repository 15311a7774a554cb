//! `decide`: a command → its events, or a refusal that changes nothing (the case's
//! evolution is in `evolve`, the replay of a stream in `replay`).

use std::sync::Arc;

use chrono::NaiveDate;

use super::{
    Action, Actor, Case, CaseError, Command, CommandEnvelope, Context, EVENT_SCHEMA, Event,
    EventKind, Note, Outcome, ProxyConsent, SpecialGroup, Status, Text,
};
use crate::authority::{Role, Stamp, StampAct, Step, cst_date};
use crate::catalog::{Channel, Matter};
use crate::engine::Engine;
use crate::{Coded, Lang, form};

/// The status `action` leads to from `from` (`None`: no case yet), or `None` when it
/// cannot happen there: the one transition table of the lifecycle. `decide` refuses what it
/// refuses, and `evolve` refuses stored events that break it.
#[allow(clippy::match_same_arms)] // one arm per transition reads as the table it is
pub(crate) fn transition(from: Option<Status>, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    let Some(from) = from else {
        return (action == A::Submit).then_some(S::Submitted);
    };
    let to = match (from, action) {
        (S::Submitted, A::Accept) => S::Accepted,
        // A case started without application (免申即办) waits in `Submitted` for this.
        (S::Submitted, A::Confirm) => S::Submitted,
        (S::Submitted, A::NotAccept) => S::NotAccepted,
        (_, A::Claim | A::Release) if !from.is_final() => from,
        (S::Accepted, A::StartReview) => S::UnderReview,
        (S::Accepted | S::UnderReview, A::RequestSupplement) => S::Supplementing,
        (S::Supplementing, A::Supplement) => S::UnderReview,
        (S::UnderReview, A::Suspend) => S::Suspended,
        (S::Suspended, A::Resume) => S::UnderReview,
        (S::Accepted | S::UnderReview | S::Supplementing | S::Suspended, A::Transfer) => from,
        (S::Accepted | S::UnderReview | S::Supplementing | S::Suspended, A::Extend) => from,
        // 即办件 are decided straight from acceptance; `decide` checks the matter.
        (S::Accepted | S::UnderReview, A::Approve) => S::Approved,
        (S::Accepted | S::UnderReview, A::Reject) => S::Rejected,
        (S::Approved | S::Rejected, A::Conclude) => S::Concluded,
        (S::Concluded, A::Deliver) => S::Delivered,
        (
            S::Submitted | S::Accepted | S::UnderReview | S::Supplementing | S::Suspended,
            A::Withdraw,
        ) => S::Withdrawn,
        _ => return None,
    };
    Some(to)
}

/// Decides `envelope` against the `case` as it is (`None` when it does not exist yet):
/// the events to store, none when the command was already applied (same client id), or
/// why not — in which case nothing changed.
///
/// Checks, in order: the case given is the one named (`case.not_found` if not),
/// idempotency, existence, version, status, role, proxy consent,
/// authority of the acting organisation, assignment, the answer, the stamp.
///
/// Events may be for several cases: `submit_bundle` opens the bundle case and one case per
/// member matter; concluding an approved case opens the cases its matter's successors start
/// (免申即办). A command on a bundle case needs its member cases: see
/// [`decide_with_members`].
pub fn decide(
    engine: &Engine,
    case: Option<&Case>,
    envelope: &CommandEnvelope,
    ctx: &Context,
) -> Result<Vec<Event>, CaseError> {
    decide_with_members(engine, case, &[], envelope, ctx)
}

/// [`decide`], with the member cases of a bundle case as the client holds them (withdrawing
/// a bundle withdraws its open members; `case.members_missing` names any not given).
/// `members` is ignored for other cases.
pub fn decide_with_members(
    engine: &Engine,
    case: Option<&Case>,
    members: &[Case],
    envelope: &CommandEnvelope,
    ctx: &Context,
) -> Result<Vec<Event>, CaseError> {
    if !super::is_client_id(&envelope.client_id) {
        return Err(CaseError::ClientId);
    }
    // The case given must be the one the command names: another case's state would number
    // and judge the events, and its client ids answer a first command as a retry.
    if case.is_some_and(|c| *c.id != *envelope.case) {
        return Err(CaseError::NotFound);
    }
    let command = &envelope.command;
    // A retry is answered with nothing to do; another command under the same id, which
    // would be dropped unseen, is refused.
    let applied = case.and_then(|c| c.applied(&envelope.client_id));
    if crate::record::retried(applied, command.action()).map_err(CaseError::reused)? {
        return Ok(Vec::new());
    }
    let action = command.name();
    let opens = matches!(
        command,
        Command::Submit { .. } | Command::SubmitBundle { .. }
    );
    let current = match (case, opens) {
        (Some(_), true) => return Err(CaseError::Exists),
        // `/` joins the ids the engine derives (a bundle's members, successors): a case
        // opened under such an id could take one of theirs first.
        (None, true) if !super::is_case_id(&envelope.case) || envelope.case.contains('/') => {
            return Err(CaseError::CaseId);
        }
        (None, true) => None,
        (None, false) => return Err(CaseError::NotFound),
        (Some(c), false) => Some(c),
    };
    let date = cst_date(ctx.at);
    let record = current.map(|c| (c.version, c.latest_day()));
    let version = crate::record::fits(record, envelope.expected_version, date)?;
    let (kind, matter) = match (current, command) {
        (None, Command::SubmitBundle { .. }) => {
            return super::bundle::submit(engine, envelope, ctx, date);
        }
        (None, submit) => (submitted(engine, submit, ctx, date)?, None),
        (Some(case), _) if case.is_bundle() => {
            return super::bundle::on_bundle(case, members, envelope, ctx, date);
        }
        (Some(case), command) => {
            let matter = case_matter(engine, case).ok_or(CaseError::UnknownMatter)?;
            (
                next(engine, case, matter, command, ctx, date)?,
                Some(matter),
            )
        }
    };
    let status = current.map(|c| c.status);
    if transition(status, kind.action()).is_none() {
        return Err(CaseError::WrongStatus { action, status });
    }
    let concluded = matches!(kind, EventKind::Concluded);
    let mut events = vec![stamped_event(
        envelope.case.as_str().into(),
        next_version(version)?,
        envelope,
        ctx,
        kind,
    )];
    // 免申即办: an approval that concludes starts the matter's successors.
    if let (true, Some(case), Some(matter)) = (concluded, current, matter) {
        if case.outcome == Some(Outcome::Approved) {
            events.extend(super::successor::start(
                engine,
                case,
                matter,
                &envelope.client_id,
                ctx.at,
                date,
            ));
        }
    }
    Ok(events)
}

/// The event of `envelope` (its client id) by `ctx` (who, through which channel, when) for
/// version `version` of case `case`: how every event a command causes is stamped.
pub(super) fn stamped_event(
    case: Text,
    version: u64,
    envelope: &CommandEnvelope,
    ctx: &Context,
    kind: EventKind,
) -> Event {
    Event {
        schema: EVENT_SCHEMA,
        case,
        version,
        client_id: envelope.client_id.clone(),
        actor: ctx.actor.clone(),
        channel: ctx.channel,
        at: ctx.at,
        kind,
    }
}

/// The `submitted` event of a new case.
fn submitted(
    engine: &Engine,
    command: &Command,
    ctx: &Context,
    date: NaiveDate,
) -> Result<EventKind, CaseError> {
    let Command::Submit {
        matter,
        applicant,
        proxy,
        answer,
        special_groups,
        appointment,
    } = command
    else {
        return Err(CaseError::NotFound);
    };
    let m = engine
        .catalog()
        .matter_on(matter, date)
        .ok_or(CaseError::UnknownMatter)?;
    check_submitter(
        engine,
        m,
        applicant,
        proxy.as_ref(),
        special_groups,
        ctx,
        date,
    )?;
    // The case keeps the answer as the form normalises it, as a bundle's member does.
    let answer = valid_answer(engine, m, answer, date)?.into();
    Ok(EventKind::Submitted {
        matter: m.code.as_str().into(),
        matter_version: m.version,
        limit_working_days: m.promised_limit_days,
        applicant: applicant.as_str().into(),
        proxy: proxy.clone(),
        answer,
        special_groups: special_groups.clone(),
        appointment: appointment.clone(),
        parent: None,
        origin: None,
        awaiting_confirmation: false,
        data_problems: Vec::new(),
    })
}

/// Whether `ctx` may submit an application of matter `m` for `applicant`: the applicant, a
/// proxy under consent, a desk with authority to receive it, or the system; a consent given
/// (by whoever submits) valid for the applicant and matter; a home visit only for a special
/// group; a channel the matter offers.
pub(super) fn check_submitter(
    engine: &Engine,
    m: &Matter,
    applicant: &str,
    proxy: Option<&ProxyConsent>,
    special_groups: &[SpecialGroup],
    ctx: &Context,
    date: NaiveDate,
) -> Result<(), CaseError> {
    let matter = &m.code;
    let actor = &ctx.actor;
    match actor.role {
        Role::Applicant if *actor.id == *applicant => {}
        Role::Proxy => {
            let consent = proxy.ok_or(CaseError::NoConsent)?;
            if *consent.proxy != *actor.id {
                return Err(CaseError::NoConsent);
            }
        }
        Role::FrontDesk | Role::StationChief => {
            authorized(engine, ctx, matter, Step::Receive)?;
        }
        Role::System => {}
        role => {
            return Err(CaseError::RoleNotPermitted {
                action: "submit",
                role,
            });
        }
    }
    // A consent the case keeps lets its proxy supplement and withdraw, whoever submitted
    // it: it must be valid, for this applicant and matter, as a proxy's own.
    if let Some(consent) = proxy {
        let covers = consent.matters.is_empty() || consent.matters.contains(matter);
        if !m.proxy_allowed || consent.applicant != applicant || consent.expires < date || !covers {
            return Err(CaseError::NoConsent);
        }
    }
    // 上门服务 is for those who cannot come: a special group.
    if ctx.channel == Channel::HomeVisit && special_groups.is_empty() {
        return Err(CaseError::HomeVisit);
    }
    if !m.channels.contains(&ctx.channel) {
        return Err(CaseError::Channel);
    }
    Ok(())
}

/// Roles that work at a window or in the back office.
const DESK: &[Role] = &[Role::FrontDesk, Role::BackOffice, Role::StationChief];
/// Roles that review.
const BACK: &[Role] = &[Role::BackOffice, Role::StationChief];
/// Roles that work a case in `status` (claim it, decide it): 前台综合受理、后台分类审批, so
/// those who review while it is under review (or paused there), the desk otherwise — a
/// 即办件 is decided on the spot at the window that accepted it.
fn working(status: Status) -> &'static [Role] {
    if matches!(
        status,
        Status::UnderReview | Status::Supplementing | Status::Suspended
    ) {
        BACK
    } else {
        DESK
    }
}
/// Roles that transfer a case to their department.
const TRANSFER: &[Role] = &[Role::BackOffice, Role::StationChief, Role::System];
/// Roles that close a case.
const CLOSE: &[Role] = &[
    Role::FrontDesk,
    Role::BackOffice,
    Role::StationChief,
    Role::System,
];

/// Whether `ctx.actor` may take `action` on `case` now, leaving aside the command's payload
/// (answer, stamp, extension): status, role, assignment, authority, and the matter's rules.
/// What [`available_actions`] lists and what [`decide`] checks first.
fn permitted(
    engine: &Engine,
    case: &Case,
    matter: &Matter,
    action: Action,
    ctx: &Context,
    date: NaiveDate,
) -> Result<(), CaseError> {
    let name = action.name();
    if transition(Some(case.status), action).is_none() {
        return Err(CaseError::WrongStatus {
            action: name,
            status: Some(case.status),
        });
    }
    let actor = &ctx.actor;
    let role = actor.role;
    let staff = |allowed: &[Role]| {
        if allowed.contains(&role) {
            Ok(())
        } else {
            Err(CaseError::RoleNotPermitted { action: name, role })
        }
    };
    // 前台综合受理、后台分类审批: a case is worked by the back office it was passed to, or
    // passed back to (asked once); nobody works a case another officer has claimed.
    let passed = std::cell::OnceCell::new();
    let passed_back = || *passed.get_or_init(|| has_passed_back(engine, case, matter, ctx));
    match action {
        Action::Submit => return Err(CaseError::Exists),
        Action::Accept if case.awaiting_confirmation => return Err(CaseError::Unconfirmed),
        Action::Accept | Action::NotAccept => {
            staff(DESK)?;
            // A desk officer who claimed the case took its acceptance.
            claimable(case, ctx, passed_back)?;
            authorized(engine, ctx, &case.matter, Step::Accept)?;
        }
        Action::Confirm => {
            if !case.awaiting_confirmation {
                return Err(CaseError::WrongStatus {
                    action: name,
                    status: Some(case.status),
                });
            }
            acts_for_applicant(case, ctx, date, name)?;
        }
        Action::Claim => {
            staff(working(case.status))?;
            // Held already: a second claim would only repeat the first.
            if case.assignee.as_deref() == Some(&*actor.id) {
                return Err(CaseError::AlreadyClaimed);
            }
            claimable(case, ctx, passed_back)?;
            // Only someone who may work the case's current step, where it is, takes it.
            authorized(engine, ctx, &case.matter, case.status.step())?;
            worked_here(case, ctx, passed_back)?;
        }
        Action::Release => {
            staff(DESK)?;
            let Some(assignee) = &case.assignee else {
                return Err(CaseError::NotClaimed);
            };
            if role == Role::StationChief && *assignee != actor.id {
                // A chief frees another officer's claim only where they could claim the
                // case themselves: not at another station, nor without authority for it.
                authorized(engine, ctx, &case.matter, case.status.step())?;
                worked_here(case, ctx, passed_back)?;
            } else {
                claimable(case, ctx, passed_back)?;
            }
        }
        // An office that may no longer review the matter does not extend its time either.
        Action::StartReview
        | Action::RequestSupplement
        | Action::Suspend
        | Action::Resume
        | Action::Extend => {
            staff(BACK)?;
            claimable(case, ctx, passed_back)?;
            authorized(engine, ctx, &case.matter, Step::Review)?;
            worked_here(case, ctx, passed_back)?;
            if action == Action::Extend && !extensible(engine, case, matter, date) {
                return Err(CaseError::Extension);
            }
        }
        // Only a case that has passed back, by the department (or its system).
        Action::Transfer => {
            staff(TRANSFER)?;
            if !passed_back() {
                return Err(CaseError::WrongOffice);
            }
        }
        Action::Approve | Action::Reject => {
            staff(working(case.status))?;
            claimable(case, ctx, passed_back)?;
            decidable(case, matter, actor, name)?;
            authorized(engine, ctx, &case.matter, Step::Decide)?;
            worked_here(case, ctx, passed_back)?;
        }
        // 办结 closes the handling, so it is the office that works the case (or the system).
        Action::Conclude => {
            staff(CLOSE)?;
            if role != Role::System {
                worked_here(case, ctx, passed_back)?;
            }
        }
        Action::Deliver => {
            staff(CLOSE)?;
            if role != Role::System {
                authorized(engine, ctx, &case.matter, Step::Deliver)?;
            }
        }
        Action::Supplement | Action::Withdraw => acts_for_applicant(case, ctx, date, name)?,
    }
    Ok(())
}

/// Whether `case` may still be extended (行政许可法 art. 42): once, while its time runs, and
/// only a 承诺件 (a 即办件 has no time limit to extend).
pub(super) fn extensible(engine: &Engine, case: &Case, matter: &Matter, date: NaiveDate) -> bool {
    !matter.immediate && case.extension_working_days.is_none() && !overdue(engine, case, date)
}

/// Whether the matter's rules let `actor` decide `case` (`action`) now: only 即办件 skip
/// review, 审管分离 where the matter says so, and no data nobody typed left in doubt.
fn decidable(
    case: &Case,
    matter: &Matter,
    actor: &super::Actor,
    action: &'static str,
) -> Result<(), CaseError> {
    if case.status == Status::Accepted && !matter.immediate {
        return Err(CaseError::WrongStatus {
            action,
            status: Some(case.status),
        });
    }
    if matter.separation_of_duties && case.accepted_by.as_deref() == Some(&actor.id) {
        return Err(CaseError::SeparationOfDuties);
    }
    // Data nobody typed must be put right (补正) before a decision rests on it.
    if !case.data_problems.is_empty() {
        return Err(CaseError::InvalidAnswer {
            errors: case.data_problems.iter().map(|p| p.code.clone()).collect(),
        });
    }
    Ok(())
}

/// `case.wrong_office` unless `ctx.actor`'s organisation works `case`: the back office it
/// was passed to, or the one it passed back to (`passed_back`: [`has_passed_back`]).
fn worked_here(
    case: &Case,
    ctx: &Context,
    passed_back: impl Fn() -> bool,
) -> Result<(), CaseError> {
    match &case.back_office {
        Some(office) if **office != *ctx.actor.org && !passed_back() => Err(CaseError::WrongOffice),
        _ => Ok(()),
    }
}

/// `case.assigned_to_other` when another officer's claim on `case` holds: it lapses when the
/// case passes back (`passed_back`: [`has_passed_back`]).
fn claimable(case: &Case, ctx: &Context, passed_back: impl Fn() -> bool) -> Result<(), CaseError> {
    match &case.assignee {
        Some(who) if *who != ctx.actor.id && !passed_back() => Err(CaseError::AssignedToOther),
        _ => Ok(()),
    }
}

/// Whether `case` has passed back to `ctx.actor`: the matter's responsible department, when
/// the back office the case was passed to may no longer decide the matter at `ctx.at` (its
/// grant revoked or run out). The case is then the department's to work, as a case accepted
/// from then on goes there ([`back_office`]), and the office's claim on it lapses; the
/// department records it as its own with `transfer` (移交).
fn has_passed_back(engine: &Engine, case: &Case, matter: &Matter, ctx: &Context) -> bool {
    case.back_office.as_ref().is_some_and(|office| {
        *ctx.actor.org == *matter.department
            && **office != *ctx.actor.org
            && !engine
                .authorize(office, &case.matter, Step::Decide, ctx.at)
                .failures
                .is_empty()
    })
}

/// The actions `ctx.actor` may take on `case` at `ctx.at`, in lifecycle order: what a
/// window or an app offers as buttons. Payload checks (the answer, the stamp) come when the
/// command is decided.
pub fn available_actions(engine: &Engine, case: &Case, ctx: &Context) -> Vec<Action> {
    let Some(matter) = case_matter(engine, case) else {
        return Vec::new();
    };
    let date = cst_date(ctx.at);
    Action::ALL
        .iter()
        .copied()
        .filter(|&a| a != Action::Submit && permitted(engine, case, matter, a, ctx, date).is_ok())
        .collect()
}

/// The matter version a case started under.
pub(super) fn case_matter<'e>(engine: &'e Engine, case: &Case) -> Option<&'e Matter> {
    engine
        .catalog()
        .matters
        .iter()
        .find(|m| *m.code == *case.matter && m.version == case.matter_version)
}

/// The event of a command on an existing case.
fn next(
    engine: &Engine,
    case: &Case,
    matter: &Matter,
    command: &Command,
    ctx: &Context,
    date: NaiveDate,
) -> Result<EventKind, CaseError> {
    permitted(engine, case, matter, command.action(), ctx, date)?;
    Ok(match command {
        Command::Submit { .. } | Command::SubmitBundle { .. } => return Err(CaseError::Exists),
        Command::Confirm => EventKind::Confirmed,
        Command::Accept => EventKind::Accepted {
            back_office: back_office(engine, case, matter, ctx),
        },
        Command::NotAccept { reason } => EventKind::NotAccepted {
            reason: given(reason)?,
        },
        Command::Claim => EventKind::Claimed,
        Command::Release => EventKind::Released,
        Command::StartReview => EventKind::ReviewStarted,
        Command::RequestSupplement { reason } => EventKind::SupplementRequested {
            reason: given(reason)?,
        },
        Command::Suspend { reason } => EventKind::Suspended {
            reason: given(reason)?,
        },
        Command::Resume => EventKind::Resumed,
        Command::Transfer => EventKind::Transferred {
            back_office: ctx.actor.org.clone(),
        },
        Command::Supplement { answer } => EventKind::Supplemented {
            answer: valid_answer(engine, matter, answer, date)?.into(),
        },
        Command::Extend {
            working_days,
            reason,
            approved_by,
        } => {
            // 经本行政机关负责人批准 (art. 42): an approver who is named (an id, as the
            // officer's: 1 to 128 bytes), and not the officer asking; a blank name is no
            // approval.
            let approver = approved_by.trim();
            if !(1..=10).contains(working_days)
                || !super::is_client_id(approver)
                || approver == ctx.actor.id.trim()
            {
                return Err(CaseError::Extension);
            }
            EventKind::Extended {
                working_days: *working_days,
                reason: given(reason)?,
                approved_by: approved_by.as_str().into(),
            }
        }
        Command::Approve { stamp } => {
            stamped(engine, case, stamp, &ctx.actor, ctx.at)?;
            EventKind::Approved {
                stamp: Arc::new(stamp.clone()),
            }
        }
        Command::Reject { reason, stamp } => {
            stamped(engine, case, stamp, &ctx.actor, ctx.at)?;
            EventKind::Rejected {
                reason: given(reason)?,
                stamp: Arc::new(stamp.clone()),
            }
        }
        Command::Conclude => EventKind::Concluded,
        Command::Deliver => EventKind::Delivered,
        Command::Withdraw { reason } => EventKind::Withdrawn {
            reason: optional(reason.as_ref())?,
        },
    })
}

/// The back office a case accepted by `ctx.actor` goes to: the accepting organisation
/// itself for a 即办件 or when it may decide the matter, else the responsible department.
fn back_office(engine: &Engine, case: &Case, matter: &Matter, ctx: &Context) -> Text {
    let decides_here = matter.immediate
        || engine
            .authorize(&ctx.actor.org, &case.matter, Step::Decide, ctx.at)
            .failures
            .is_empty();
    if decides_here {
        ctx.actor.org.clone()
    } else {
        matter.department.as_str().into()
    }
}

/// Whether `ctx.actor` acts for the case's applicant: the applicant themselves, or their
/// proxy under the case's unexpired consent (who may supplement, confirm and withdraw).
pub(super) fn acts_for_applicant(
    case: &Case,
    ctx: &Context,
    date: NaiveDate,
    action: &'static str,
) -> Result<(), CaseError> {
    let actor = &ctx.actor;
    match actor.role {
        Role::Applicant if actor.id == case.applicant => Ok(()),
        Role::Applicant => Err(CaseError::RoleNotPermitted {
            action,
            role: actor.role,
        }),
        Role::Proxy => match &case.proxy {
            Some(consent) if *consent.proxy == *actor.id && consent.expires >= date => Ok(()),
            _ => Err(CaseError::NoConsent),
        },
        role => Err(CaseError::RoleNotPermitted { action, role }),
    }
}

/// The acting organisation's authority for `step` of `matter` now.
fn authorized(engine: &Engine, ctx: &Context, matter: &str, step: Step) -> Result<(), CaseError> {
    let authorization = engine.authorize(&ctx.actor.org, matter, step, ctx.at);
    if authorization.failures.is_empty() {
        Ok(())
    } else {
        Err(CaseError::NoAuthority {
            failures: codes(&authorization.failures),
        })
    }
}

/// The stamp of a decision (准予 or 不予) `actor` makes on `case` at `at`: for this case,
/// matter, decision step, person and organisation (the seal's owner), an ordinary act (a
/// decision is not a 撤销 or 注销), dated from the day the case was accepted to the day of
/// the decision (China Standard Time; days, so that a seal's clock a little ahead of the
/// host's is no matter) — a stamp dated before the case could be decided, or after the
/// decision it seals, is not that decision's — and valid at `at`. Checked when the decision is made and again
/// by [`super::replay_checked`] over the events a station sends in, so that one stamp
/// cannot seal another case's decision.
pub(super) fn stamped(
    engine: &Engine,
    case: &Case,
    stamp: &Stamp,
    actor: &Actor,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), CaseError> {
    let owner = engine
        .catalog()
        .authority
        .seals
        .iter()
        .find(|s| s.code == stamp.seal)
        .map(|s| s.owner.as_str());
    if *stamp.case != *case.id
        || *stamp.matter != *case.matter
        || stamp.step != Step::Decide
        || stamp.act != StampAct::Ordinary
        || *stamp.operator.id != *actor.id
        || stamp.accepted_by.as_deref() != case.accepted_by.as_deref()
        || owner.is_some_and(|o| o != &*actor.org)
        || cst_date(stamp.at) > cst_date(at)
        || case
            .accepted_on
            .is_some_and(|accepted| cst_date(stamp.at) < accepted)
    {
        return Err(CaseError::StampMismatch);
    }
    valid_stamp(engine, stamp, at)
}

/// The stamp verifies against the registry, and its seal is still usable at `decided`, when
/// the decision it seals is made: a stamp dated back to before its seal was suspended or
/// revoked does not make the seal usable again. (The grant is asked at `decided` by the
/// decision's own authority check.)
pub(super) fn valid_stamp(
    engine: &Engine,
    stamp: &Stamp,
    decided: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), CaseError> {
    let failures = codes(&engine.verify_stamp_used(stamp, decided).failures);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CaseError::InvalidStamp { failures })
    }
}

/// The answer validates against the matter's form (`case.invalid_answer` with the codes),
/// on the engine's calendar: the answer as the form normalises it (hidden fields dropped).
pub(super) fn valid_answer(
    engine: &Engine,
    matter: &Matter,
    answer: &serde_json::Value,
    date: NaiveDate,
) -> Result<serde_json::Value, CaseError> {
    let when = (date, engine.calendar());
    let report = form::validate_on(&matter.form, answer, when, Lang::ZhCn, &|_| false);
    if report.valid {
        fits(&report.normalized)?;
        Ok(report.normalized)
    } else {
        Err(CaseError::InvalidAnswer {
            errors: report.errors.iter().map(|p| p.code.clone()).collect(),
        })
    }
}

/// `case.invalid_answer` (`input.too_large`) for an answer larger than its event may carry
/// ([`MAX_EVENT_ANSWER_BYTES`](super::MAX_EVENT_ANSWER_BYTES)): a case stored with it could
/// not be read back.
pub(super) fn fits(answer: &serde_json::Value) -> Result<(), CaseError> {
    let size = serde_json::to_string(answer).map_or(usize::MAX, |text| text.len());
    if size > super::MAX_EVENT_ANSWER_BYTES {
        return Err(CaseError::InvalidAnswer {
            errors: vec!["input.too_large".into()],
        });
    }
    Ok(())
}

/// A reason that must be given: not blank, and within
/// [`MAX_REASON_CHARS`](super::MAX_REASON_CHARS) characters (`case.reason`), as a review's
/// text.
fn given(reason: &Note) -> Result<Note, CaseError> {
    if crate::review::valid_text(reason) {
        Ok(reason.clone())
    } else {
        Err(CaseError::Reason)
    }
}

/// A reason that may be left out (a withdrawal's): a blank one is none.
pub(super) fn optional(reason: Option<&Note>) -> Result<Option<Note>, CaseError> {
    reason
        .filter(|r| !r.trim().is_empty())
        .map(given)
        .transpose()
}

fn codes(failures: &[crate::authority::Failure]) -> Vec<String> {
    failures.iter().map(|f| f.code().to_owned()).collect()
}

/// Whether `case` is past its due date on `date`. An extension is granted while the time
/// runs (行政许可法 art. 42: 二十日内不能作出决定的 …), not to hide a case already late. A
/// due date the calendar cannot tell (a year whose holidays are not known) is not past.
fn overdue(engine: &Engine, case: &Case, date: NaiveDate) -> bool {
    case.deadline()
        .and_then(|deadline| deadline.due(engine.calendar(), date).ok())
        .is_some_and(|due| date > due)
}

/// The version after `version`; a case at the largest version takes no more events.
pub(super) fn next_version(version: u64) -> Result<u64, CaseError> {
    version.checked_add(1).ok_or(CaseError::EventVersion {
        expected: version,
        found: version,
    })
}
