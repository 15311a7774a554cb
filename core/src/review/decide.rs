//! `decide` (command → events, or a refusal that changes nothing), `evolve` (event →
//! review) and `replay` (events → reviews).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    Appeal, CaseFacts, EvaluationChannel, MAX_NOTE_CHARS, Note, REVIEW_EVENT_SCHEMA, Review,
    ReviewCommand, ReviewConfig, ReviewEnvelope, ReviewError, ReviewEvent, ReviewEventKind,
    ReviewStatus,
};
use crate::authority::{Role, cst_date};
use crate::case::{ClientIds, Context, Text, is_client_id};
use crate::engine::Engine;

/// Most pieces of evidence an appeal carries, and the longest reference, in bytes.
const MAX_EVIDENCE: usize = 20;
const MAX_EVIDENCE_BYTES: usize = 512;

/// Decides `envelope` against the `review` as it is (`None`: the case is not rated yet),
/// with the `facts` of the case rated (needed by `rate` and `apply_default`; the host takes
/// them from the replayed case, see [`CaseFacts::from_events`]): the events to store, none
/// when the command was already applied (same client id), or why not — in which case
/// nothing changed.
///
/// Checks, in order: the client id and idempotency, existence, version, status, role and
/// organisation, then the command's own rules (the rating window, the evidence, the texts,
/// the deadline on the engine's calendar).
pub fn decide(
    engine: &Engine,
    review: Option<&Review>,
    facts: Option<&CaseFacts>,
    envelope: &ReviewEnvelope,
    ctx: &Context,
) -> Result<Vec<ReviewEvent>, ReviewError> {
    if !is_client_id(&envelope.client_id) {
        return Err(ReviewError::ClientId);
    }
    let command = &envelope.command;
    // A retry is answered with nothing to do; another command under the same id is refused.
    let applied = review.and_then(|r| r.client_ids.applied(&r.client_actions, &envelope.client_id));
    let reused = |done: super::ReviewAction| ReviewError::ClientIdReused {
        action: done.name(),
    };
    if crate::record::retried(applied, command.action()).map_err(reused)? {
        return Ok(Vec::new());
    }
    let opens = matches!(
        command,
        ReviewCommand::Rate { .. } | ReviewCommand::ApplyDefault
    );
    match (review, opens) {
        (Some(_), true) => return Err(ReviewError::Exists),
        (None, false) => return Err(ReviewError::NotFound),
        _ => {}
    }
    let today = cst_date(ctx.at);
    let record = review.map(|r| (r.version, r.latest_day()));
    let version = crate::record::fits(record, envelope.expected_version, today)?;
    let config = ReviewConfig::of(engine);
    let kind = match review {
        None => rated(facts, envelope, ctx, &config, today)?,
        Some(review) => next(engine, review, command, ctx, &config, today)?,
    };
    if transition(review, &kind).is_none() {
        return Err(ReviewError::WrongStatus {
            action: command.name(),
            status: review.map(|r| r.status),
        });
    }
    Ok(vec![ReviewEvent {
        schema: REVIEW_EVENT_SCHEMA,
        review: envelope.review.as_str().into(),
        version: version.checked_add(1).ok_or(ReviewError::EventVersion {
            expected: version,
            found: version,
        })?,
        client_id: envelope.client_id.clone(),
        actor: ctx.actor.clone(),
        at: ctx.at,
        kind,
    }])
}

/// The `rated` event of a new review.
fn rated(
    facts: Option<&CaseFacts>,
    envelope: &ReviewEnvelope,
    ctx: &Context,
    config: &ReviewConfig,
    today: NaiveDate,
) -> Result<ReviewEventKind, ReviewError> {
    let facts = facts.ok_or(ReviewError::NotConcluded)?;
    if *facts.case != *envelope.review {
        return Err(ReviewError::CaseMismatch);
    }
    let concluded_at = facts.concluded_at.ok_or(ReviewError::NotConcluded)?;
    if ctx.at < concluded_at {
        return Err(ReviewError::NotConcluded);
    }
    let invitation = super::invitation(config, facts)?;
    let role = ctx.actor.role;
    let (rating, channel, real_name, comment) = if let ReviewCommand::Rate {
        rating,
        channel,
        real_name,
        comment,
    } = &envelope.command
    {
        if role != Role::Applicant {
            return Err(ReviewError::RoleNotPermitted {
                action: "rate",
                role,
            });
        }
        if *ctx.actor.id != *facts.applicant {
            return Err(ReviewError::NotApplicant);
        }
        // Only where the invitation asks: not `default` (the system's), and not on site
        // for a case handled online, where the citizen made no visit to rate (一次一评 is
        // per visit, 一事一评 online).
        if !invitation.channels.contains(channel) {
            return Err(ReviewError::Channel);
        }
        if today > invitation.last_day {
            return Err(ReviewError::RatingClosed);
        }
        if let Some(c) = comment {
            text(c)?;
        }
        (*rating, *channel, *real_name, comment.clone())
    } else {
        if role != Role::System {
            return Err(ReviewError::RoleNotPermitted {
                action: "apply_default",
                role,
            });
        }
        if today <= invitation.last_day {
            return Err(ReviewError::TooEarly);
        }
        let rating = config.default_rating.ok_or(ReviewError::NoDefault)?;
        (rating, EvaluationChannel::Default, false, None)
    };
    // The catalogue's default is validated as a good rating; a bad one never opens a case
    // by default.
    if channel == EvaluationChannel::Default && rating.is_bad() {
        return Err(ReviewError::NoDefault);
    }
    Ok(ReviewEventKind::Rated {
        matter: facts.matter.clone(),
        org: facts.org.clone(),
        case_channel: facts.channel,
        channel,
        rating,
        real_name,
        comment,
    })
}

/// The event of a command on an existing review.
fn next(
    engine: &Engine,
    review: &Review,
    command: &ReviewCommand,
    ctx: &Context,
    config: &ReviewConfig,
    today: NaiveDate,
) -> Result<ReviewEventKind, ReviewError> {
    use ReviewStatus as S;
    let action = command.name();
    let from = match command {
        ReviewCommand::Rate { .. } | ReviewCommand::ApplyDefault => {
            return Err(ReviewError::Exists);
        }
        ReviewCommand::Verify { .. } | ReviewCommand::Appeal { .. } => S::Verifying,
        ReviewCommand::DecideAppeal { .. } => S::Appealed,
        ReviewCommand::Rectify { .. } => S::Rectifying,
        ReviewCommand::Revisit { .. } => S::Revisiting,
    };
    if review.status != from {
        return Err(ReviewError::WrongStatus {
            action,
            status: Some(review.status),
        });
    }
    let allowed: &[Role] = match command {
        ReviewCommand::Verify { .. } | ReviewCommand::Revisit { .. } => {
            &[Role::StationChief, Role::Supervisor]
        }
        ReviewCommand::Appeal { .. } => &[Role::StationChief],
        ReviewCommand::DecideAppeal { .. } => &[Role::Supervisor],
        _ => &[Role::StationChief, Role::FrontDesk, Role::BackOffice],
    };
    let role = ctx.actor.role;
    if !allowed.contains(&role) {
        return Err(ReviewError::RoleNotPermitted { action, role });
    }
    if !crate::metrics::within(engine.catalog(), &review.org, &ctx.actor.org) {
        return Err(ReviewError::WrongOrg);
    }
    let rectify_by = || {
        engine
            .calendar()
            .add_working_days(today, config.rectify_working_days)
            .map_err(ReviewError::Calendar)
    };
    Ok(match command {
        ReviewCommand::Verify { finding } => {
            text(finding)?;
            ReviewEventKind::Verified {
                finding: finding.clone(),
                rectify_by: rectify_by()?,
            }
        }
        ReviewCommand::Appeal {
            ground,
            evidence,
            reason,
        } => {
            text(reason)?;
            if evidence.is_empty()
                || evidence.len() > MAX_EVIDENCE
                || evidence.iter().any(|e| {
                    e.trim().is_empty()
                        || e.len() > MAX_EVIDENCE_BYTES
                        || e.chars().any(char::is_control)
                })
            {
                return Err(ReviewError::Evidence);
            }
            ReviewEventKind::Appealed {
                ground: *ground,
                evidence: evidence.clone(),
                reason: reason.clone(),
            }
        }
        ReviewCommand::DecideAppeal { upheld, reason } => {
            text(reason)?;
            ReviewEventKind::AppealDecided {
                upheld: *upheld,
                reason: reason.clone(),
                rectify_by: if *upheld { None } else { Some(rectify_by()?) },
            }
        }
        ReviewCommand::Rectify { measures } => {
            text(measures)?;
            ReviewEventKind::Rectified {
                measures: measures.clone(),
            }
        }
        ReviewCommand::Revisit { satisfied, note } => {
            if let Some(n) = note {
                text(n)?;
            }
            ReviewEventKind::Revisited {
                satisfied: *satisfied,
                note: note.clone(),
            }
        }
        ReviewCommand::Rate { .. } | ReviewCommand::ApplyDefault => {
            return Err(ReviewError::Exists);
        }
    })
}

/// A text: not blank, at most [`MAX_NOTE_CHARS`] characters.
pub(crate) fn valid_text(note: &str) -> bool {
    !note.trim().is_empty() && note.chars().count() <= MAX_NOTE_CHARS
}

fn text(note: &Note) -> Result<(), ReviewError> {
    if valid_text(note) {
        Ok(())
    } else {
        Err(ReviewError::Text)
    }
}

/// The status `kind` leads to from `review` (`None`: not rated yet), or `None` when it
/// cannot happen there: the one transition table of the bad-review case.
#[allow(clippy::match_same_arms)] // one arm per transition reads as the table it is
fn transition(review: Option<&Review>, kind: &ReviewEventKind) -> Option<ReviewStatus> {
    use ReviewEventKind as K;
    use ReviewStatus as S;
    let Some(review) = review else {
        return match kind {
            K::Rated { rating, .. } if rating.is_bad() => Some(S::Verifying),
            K::Rated { .. } => Some(S::Rated),
            _ => None,
        };
    };
    match (review.status, kind) {
        (S::Verifying, K::Verified { .. }) => Some(S::Rectifying),
        (S::Verifying, K::Appealed { .. }) => Some(S::Appealed),
        (S::Appealed, K::AppealDecided { upheld: true, .. }) => Some(S::Void),
        (S::Appealed, K::AppealDecided { upheld: false, .. }) => Some(S::Rectifying),
        // Every real-name bad review is revisited; an anonymous one has nobody to call.
        (S::Rectifying, K::Rectified { .. }) if review.real_name => Some(S::Revisiting),
        (S::Rectifying, K::Rectified { .. }) => Some(S::Closed),
        (S::Revisiting, K::Revisited { .. }) => Some(S::Closed),
        _ => None,
    }
}

/// Applies one event to a review (`None` before its first event). Refuses an event of a
/// newer schema, out of sequence, already applied, or that the bad-review case does not
/// allow from the review's status.
pub fn evolve(review: Option<Review>, event: &ReviewEvent) -> Result<Review, ReviewError> {
    if event.schema > REVIEW_EVENT_SCHEMA {
        return Err(ReviewError::EventSchema {
            schema: event.schema,
        });
    }
    let version = review.as_ref().map_or(0, |r| r.version);
    let expected = version.checked_add(1).ok_or(ReviewError::EventVersion {
        expected: version,
        found: event.version,
    })?;
    if event.version != expected {
        return Err(ReviewError::EventVersion {
            expected,
            found: event.version,
        });
    }
    if !is_client_id(&event.client_id) {
        return Err(ReviewError::ClientId);
    }
    if review
        .as_ref()
        .is_some_and(|r| r.client_ids.contains(&event.client_id))
    {
        return Err(ReviewError::DuplicateEvent);
    }
    let status = review.as_ref().map(|r| r.status);
    let to = transition(review.as_ref(), &event.kind).ok_or(ReviewError::WrongStatus {
        action: "event",
        status,
    })?;
    let date = cst_date(event.at);
    let mut review = match (review, &event.kind) {
        (Some(r), _) => r,
        (
            None,
            ReviewEventKind::Rated {
                matter,
                org,
                case_channel,
                channel,
                rating,
                real_name,
                comment,
            },
        ) => Review {
            id: event.review.clone(),
            matter: matter.clone(),
            org: org.clone(),
            case_channel: *case_channel,
            channel: *channel,
            rating: *rating,
            real_name: *real_name,
            comment: comment.clone(),
            rated_at: event.at,
            status: to,
            version: 0,
            verified_on: None,
            rectify_by: None,
            rectified_on: None,
            appeal: None,
            revisit_satisfied: None,
            client_ids: ClientIds::default(),
            client_actions: Vec::new(),
        },
        (None, _) => return Err(ReviewError::NotFound),
    };
    record(&mut review, event, date);
    review.status = to;
    review.version = event.version;
    review.client_ids.push(&event.client_id);
    review.client_actions.push(event.kind.action());
    Ok(review)
}

/// What an event records on the review it applies to.
fn record(review: &mut Review, event: &ReviewEvent, date: NaiveDate) {
    match &event.kind {
        ReviewEventKind::Verified { rectify_by, .. } => {
            review.verified_on = Some(date);
            review.rectify_by = Some(*rectify_by);
        }
        ReviewEventKind::Appealed {
            ground,
            evidence,
            reason,
        } => {
            review.appeal = Some(Appeal {
                ground: *ground,
                evidence: evidence.clone(),
                reason: reason.clone(),
                by: event.actor.id.clone(),
                on: date,
                upheld: None,
            });
        }
        ReviewEventKind::AppealDecided {
            upheld, rectify_by, ..
        } => {
            if let Some(appeal) = review.appeal.as_mut() {
                appeal.upheld = Some(*upheld);
            }
            if rectify_by.is_some() {
                review.verified_on = Some(date);
                review.rectify_by = *rectify_by;
            }
        }
        ReviewEventKind::Rectified { .. } => review.rectified_on = Some(date),
        ReviewEventKind::Revisited { satisfied, .. } => review.revisit_satisfied = Some(*satisfied),
        ReviewEventKind::Rated { .. } => {}
    }
}

/// The reviews a stream of events builds, and the events that could not be applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewReplay {
    /// Every review, by id.
    pub reviews: BTreeMap<Text, Review>,
    /// Events refused: their 0-based position and the reason.
    pub rejected: Vec<(usize, ReviewError)>,
}

/// Replays `events` (any mix of reviews, each review's events in order). A rejected event
/// changes nothing; later events of its review are still tried.
pub fn replay<'a>(events: impl IntoIterator<Item = &'a ReviewEvent>) -> ReviewReplay {
    let mut out = ReviewReplay::default();
    for (position, event) in events.into_iter().enumerate() {
        let current = out.reviews.get(&event.review).cloned();
        match evolve(current, event) {
            Ok(review) => {
                out.reviews.insert(event.review.clone(), review);
            }
            Err(e) => out.rejected.push((position, e)),
        }
    }
    out
}
