//! 好差评 in the simulation: same-day ratings (a default one when none is given), bad
//! reviews verified, rectified (some late) or appealed.

use chrono::{DateTime, Duration, FixedOffset};
use doorstep::authority::{Role, cst_date};
use doorstep::case::Text;
use doorstep::catalog::Channel;
use doorstep::metrics::StreamEvent;
use doorstep::review::{
    self, AppealGround, EvaluationChannel, ReviewCommand, ReviewEnvelope, ReviewStatus,
};

use super::{Fate, Simulation, Sink, Work, chief, context};

impl<S: Sink> Simulation<'_, S> {
    #[allow(clippy::too_many_lines)] // one arm per step of a bad review
    pub(super) fn review_step(
        &mut self,
        id: &Text,
        work: &Work,
        at: DateTime<FixedOffset>,
    ) -> Result<(), String> {
        let day = cst_date(at);
        // A review's fate is its case's, kept with the review once the case is gone.
        let (review, fate) = if let Some((r, f)) = self.reviews.get(id) {
            (Some(r.clone()), *f)
        } else {
            (None, self.cases.get(id).map_or(Fate::BLANK, |(_, f)| *f))
        };
        let facts = self.facts.get(id).cloned();
        let org = review
            .as_ref()
            .map(|r| r.org.clone())
            .or_else(|| facts.as_ref().map(|f| f.org.clone()))
            .unwrap_or_else(|| "350205".into());
        let chief = chief(&org, at);
        let (command, ctx, client) = match work {
            Work::Rate => {
                let Some(facts) = &facts else { return Ok(()) };
                let Some(rating) = fate.rating else {
                    return Ok(());
                };
                let channel = if facts.channel == Channel::Online {
                    EvaluationChannel::Online
                } else {
                    EvaluationChannel::OnSite
                };
                let command = ReviewCommand::Rate {
                    rating,
                    channel,
                    real_name: fate.real_name,
                    comment: rating.is_bad().then(|| "等候时间太长".into()),
                };
                let who = context(
                    &facts.applicant,
                    Role::Applicant,
                    &facts.org,
                    Channel::Online,
                    at,
                );
                (command, who, "rate")
            }
            Work::ApplyDefault => (
                ReviewCommand::ApplyDefault,
                context("system", Role::System, &org, Channel::Online, at),
                "default",
            ),
            Work::Verify => (
                ReviewCommand::Verify {
                    finding: "经核实，窗口高峰期排队时间过长".into(),
                },
                chief,
                "verify",
            ),
            Work::Appeal => (
                ReviewCommand::Appeal {
                    ground: AppealGround::Mistaken,
                    evidence: vec![format!("录像-{id}").as_str().into()],
                    reason: "评价人误选评价等级".into(),
                },
                chief,
                "appeal",
            ),
            Work::DecideAppeal => (
                ReviewCommand::DecideAppeal {
                    upheld: self.rng.chance(500),
                    reason: "经调阅录像核查".into(),
                },
                context("dc-350205", Role::Supervisor, "350205", Channel::Window, at),
                "appeal-decision",
            ),
            Work::Rectify => (
                ReviewCommand::Rectify {
                    measures: "增开高峰窗口，推行预约分时办理".into(),
                },
                chief,
                "rectify",
            ),
            Work::Revisit => (
                ReviewCommand::Revisit {
                    satisfied: true,
                    note: None,
                },
                chief,
                "revisit",
            ),
            _ => return Ok(()),
        };
        let envelope = ReviewEnvelope {
            review: id.to_string(),
            expected_version: review.as_ref().map_or(0, |r| r.version),
            client_id: client.into(),
            command,
        };
        let events = match review::decide(
            &self.district.engine,
            review.as_ref(),
            facts.as_ref(),
            &envelope,
            &ctx,
        ) {
            Ok(events) => events,
            Err(e) => {
                self.refused(&e);
                return Ok(());
            }
        };
        let mut current = review;
        for event in events {
            current = Some(review::evolve(current, &event).map_err(|e| format!("{id}: {e}"))?);
            self.totals.events += 1;
            self.sink.event(StreamEvent::Review(event))?;
        }
        self.facts.remove(id);
        let Some(current) = current else {
            return Ok(());
        };
        // The bad-review case: verify the next working day, then appeal or rectify (some
        // late), then call the citizen back.
        let next = match current.status {
            ReviewStatus::Verifying => {
                let work = if fate.appeal {
                    Work::Appeal
                } else {
                    Work::Verify
                };
                let on = self.working_day(day + Duration::days(1), 0);
                Some((self.during(on), work))
            }
            ReviewStatus::Appealed => {
                let on = self.working_day(day + Duration::days(1), 0);
                Some((self.during(on), Work::DecideAppeal))
            }
            ReviewStatus::Rectifying => {
                let due = current.rectify_by.unwrap_or(day);
                let on = if fate.rectify_late {
                    self.working_day(due, 2)
                } else {
                    let span = self
                        .district
                        .engine
                        .calendar()
                        .working_days_between(day, due)
                        .unwrap_or(0);
                    let span = u32::try_from(span.max(1)).unwrap_or(1);
                    let after = 1 + self.draw(u64::from(span));
                    self.working_day(day, after)
                };
                Some((self.during(on), Work::Rectify))
            }
            ReviewStatus::Revisiting => {
                let on = self.working_day(day + Duration::days(1), 0);
                Some((self.during(on), Work::Revisit))
            }
            _ => None,
        };
        match next {
            Some((when, work)) => {
                self.reviews.insert(id.clone(), (current, fate));
                self.schedule(when, id.clone(), work);
            }
            None => {
                self.reviews.remove(id);
            }
        }
        Ok(())
    }
}
