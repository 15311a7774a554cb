//! The report of a scope and a period, read from the fold's records: what each count
//! means is in the module's documentation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CaseRec, ComplaintRec, End, ReviewRec};
use crate::calendar::{Deadline, Pause, WorkCalendar};
use crate::catalog::{Channel, OrgLevel};
use crate::review::{EvaluationChannel, Rating};

/// The days counted: `from..=to`, dates in China Standard Time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day (included).
    pub to: NaiveDate,
}

impl Period {
    /// Whether `day` is in the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    fn has(self, day: Option<NaiveDate>) -> bool {
        day.is_some_and(|d| self.contains(d))
    }
}

/// A fraction rounded to 4 decimals, `None` over nothing.
fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| rounded(part, whole, 10_000))
}

/// `part / whole` (`whole` > 0) rounded half up to the nearest `1 / scale`, in integers: in
/// floating point an exact half such as 2.175 (87 / 40) is a little under and rounded down,
/// 0.125 up.
#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn rounded(part: u64, whole: u64, scale: u64) -> f64 {
    let twice = whole.saturating_mul(2);
    let steps = part
        .saturating_mul(scale.saturating_mul(2))
        .saturating_add(whole)
        / twice.max(1);
    steps as f64 / scale as f64
}

/// Counted working days in `(accepted, concluded]` outside the pauses.
fn used_working_days(
    calendar: &WorkCalendar,
    accepted: NaiveDate,
    concluded: NaiveDate,
    pauses: &[Pause],
) -> Option<u64> {
    let mut used = 0;
    let mut day = accepted;
    while day < concluded {
        day = day.succ_opt()?;
        let stopped = pauses
            .iter()
            .any(|p| p.from <= day && day <= p.to.unwrap_or(concluded));
        if calendar.is_working_day(day).ok()? && !stopped {
            used += 1;
        }
    }
    Some(used)
}

pub(super) struct CaseMetrics<'c> {
    period: Period,
    calendar: &'c WorkCalendar,
    out: CaseReport,
    used_total: u64,
    used_count: u64,
}

impl<'c> CaseMetrics<'c> {
    pub(super) fn new(period: Period, calendar: &'c WorkCalendar) -> Self {
        Self {
            period,
            calendar,
            out: CaseReport::default(),
            used_total: 0,
            used_count: 0,
        }
    }

    pub(super) fn add(&mut self, rec: &CaseRec, immediate: bool) {
        let p = self.period;
        let o = &mut self.out;
        let channel = o.by_channel.entry(channel_name(rec.channel)).or_default();
        if p.contains(rec.submitted) {
            o.received += 1;
            channel.received += 1;
            if rec.proxy {
                o.proxy += 1;
            }
        }
        if p.has(rec.accepted) {
            o.accepted += 1;
        }
        if !p.has(rec.ended) {
            return;
        }
        match rec.end {
            End::NotAccepted => o.not_accepted += 1,
            End::Withdrawn => o.withdrawn += 1,
            End::Open => {}
            End::Concluded => {
                o.concluded += 1;
                channel.concluded += 1;
                if immediate {
                    o.immediate += 1;
                }
                let (Some(accepted), Some(concluded)) = (rec.accepted, rec.ended) else {
                    o.deadline_unknown += 1;
                    return;
                };
                let pauses = rec.pauses.as_deref().map_or(&[][..], Vec::as_slice);
                let deadline = Deadline {
                    accepted_on: accepted,
                    limit_working_days: rec.limit,
                    pauses: pauses.to_vec(),
                    extension_working_days: rec.extension,
                };
                match deadline.due(self.calendar, concluded) {
                    Ok(due) if concluded <= due => o.on_time += 1,
                    Ok(_) => o.late += 1,
                    Err(_) => o.deadline_unknown += 1,
                }
                if let Some(used) = used_working_days(self.calendar, accepted, concluded, pauses) {
                    self.used_total += used;
                    self.used_count += 1;
                }
            }
        }
    }

    pub(super) fn finish(mut self) -> CaseReport {
        let o = &mut self.out;
        o.on_time_rate = rate(o.on_time, o.on_time + o.late);
        o.immediate_rate = rate(o.immediate, o.concluded);
        o.average_working_days =
            (self.used_count > 0).then(|| rounded(self.used_total, self.used_count, 100));
        o.by_channel
            .retain(|_, c| c.received > 0 || c.concluded > 0);
        self.out
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Window => "window",
        Channel::Kiosk => "kiosk",
        Channel::Online => "online",
        Channel::HomeVisit => "home_visit",
        Channel::PartnerPoint => "partner_point",
    }
}

pub(super) struct ReviewMetrics {
    out: ReviewReport,
}

impl ReviewMetrics {
    pub(super) fn new() -> Self {
        let mut out = ReviewReport::default();
        for level in Rating::ALL {
            out.by_level.insert(level.name(), 0);
        }
        Self { out }
    }

    pub(super) fn add(&mut self, rec: &ReviewRec, p: Period) {
        let o = &mut self.out;
        if p.contains(rec.rated) {
            if rec.rating.is_bad() {
                o.bad += 1;
                o.appealed += u64::from(rec.appealed);
                o.void += u64::from(rec.void);
                o.real_name += u64::from(rec.real_name);
                o.revisited += u64::from(rec.revisited);
            }
            if !rec.void {
                o.rated += 1;
                *o.by_level.entry(rec.rating.name()).or_default() += 1;
                *o.by_channel.entry(rec.channel.name()).or_default() += 1;
                if rec.rating.is_satisfied() {
                    o.satisfied += 1;
                }
                if rec.channel == EvaluationChannel::Default {
                    o.defaulted += 1;
                }
            }
        }
        if let Some(due) = rec.rectify_by.filter(|d| p.contains(*d) && !rec.void) {
            o.rectification_due += 1;
            match rec.rectified {
                Some(day) if day <= due => o.rectified_on_time += 1,
                Some(_) => o.rectified_late += 1,
                None => o.unrectified += 1,
            }
        }
    }

    pub(super) fn finish(mut self) -> ReviewReport {
        let o = &mut self.out;
        o.satisfaction_rate = rate(o.satisfied, o.rated);
        o.on_time_rectification_rate = rate(o.rectified_on_time, o.rectification_due);
        self.out
    }
}

#[derive(Default)]
pub(super) struct ComplaintMetrics {
    out: ComplaintReport,
}

impl ComplaintMetrics {
    pub(super) fn add(&mut self, rec: &ComplaintRec, p: Period) {
        let o = &mut self.out;
        if p.contains(rec.received) {
            o.received += 1;
            o.linked_to_case += u64::from(rec.case);
            o.linked_to_matter += u64::from(rec.matter);
        }
        if p.has(rec.answered) {
            o.answered += 1;
            o.resolved += u64::from(rec.resolved);
        }
        if p.contains(rec.answer_by) {
            o.answers_due += 1;
            match rec.answered {
                Some(day) if day <= rec.answer_by => o.answered_on_time += 1,
                Some(_) => o.answered_late += 1,
                None => o.unanswered += 1,
            }
        }
    }

    pub(super) fn finish(mut self) -> ComplaintReport {
        let o = &mut self.out;
        o.on_time_rate = rate(o.answered_on_time, o.answers_due);
        self.out
    }
}

/// The organisation reported on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeInfo {
    /// Its code.
    pub org: String,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: OrgLevel,
}

/// The metrics of a scope over a period; see the [module docs](super) for the definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsReport {
    /// The scope.
    pub scope: ScopeInfo,
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Cases.
    pub cases: CaseReport,
    /// 好差评.
    pub reviews: ReviewReport,
    /// 办不成事.
    pub complaints: ComplaintReport,
    /// Events of the whole stream the fold could not place.
    pub ignored_events: u64,
}

/// Received and concluded cases of one channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCounts {
    /// Received in the period.
    pub received: u64,
    /// Concluded in the period.
    pub concluded: u64,
}

/// Case metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseReport {
    /// Submitted (收件).
    pub received: u64,
    /// Accepted (受理).
    pub accepted: u64,
    /// Not accepted (不予受理).
    pub not_accepted: u64,
    /// Withdrawn (撤回).
    pub withdrawn: u64,
    /// Concluded (办结).
    pub concluded: u64,
    /// Concluded on or before the due date.
    pub on_time: u64,
    /// Concluded after the due date.
    pub late: u64,
    /// Concluded, due date unknown (outside the calendar).
    pub deadline_unknown: u64,
    /// onTime / (onTime + late).
    pub on_time_rate: Option<f64>,
    /// Mean counted working days from acceptance to conclusion (2 decimals).
    pub average_working_days: Option<f64>,
    /// Concluded cases of 即办件 matters.
    pub immediate: u64,
    /// immediate / concluded.
    pub immediate_rate: Option<f64>,
    /// Received through 帮办代办.
    pub proxy: u64,
    /// Per channel, channels with nothing left out.
    pub by_channel: BTreeMap<&'static str, ChannelCounts>,
}

/// 好差评 metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewReport {
    /// Ratings given in the period, void ones excluded.
    pub rated: u64,
    /// Of them, per level (all five, zeros included).
    pub by_level: BTreeMap<&'static str, u64>,
    /// Of them, per evaluation channel.
    pub by_channel: BTreeMap<&'static str, u64>,
    /// Of them, recorded by default.
    pub defaulted: u64,
    /// Of them, 非常满意 + 满意 + 基本满意.
    pub satisfied: u64,
    /// satisfied / rated.
    pub satisfaction_rate: Option<f64>,
    /// Bad reviews given in the period, void ones included.
    pub bad: u64,
    /// Of them, appealed.
    pub appealed: u64,
    /// Of them, void (appeal upheld).
    pub void: u64,
    /// Of them, real-name.
    pub real_name: u64,
    /// Of them, revisited.
    pub revisited: u64,
    /// Bad reviews whose rectification fell due in the period.
    pub rectification_due: u64,
    /// Of them, rectified by the due date.
    pub rectified_on_time: u64,
    /// Of them, rectified after it.
    pub rectified_late: u64,
    /// Of them, not rectified yet.
    pub unrectified: u64,
    /// rectifiedOnTime / rectificationDue.
    pub on_time_rectification_rate: Option<f64>,
}

/// 办不成事 metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintReport {
    /// Received in the period.
    pub received: u64,
    /// Of them, naming a case.
    pub linked_to_case: u64,
    /// Of them, naming a matter.
    pub linked_to_matter: u64,
    /// Answered in the period.
    pub answered: u64,
    /// Of them, resolved.
    pub resolved: u64,
    /// Complaints whose answer fell due in the period.
    pub answers_due: u64,
    /// Of them, answered by the due date.
    pub answered_on_time: u64,
    /// Of them, answered after it.
    pub answered_late: u64,
    /// Of them, not answered yet.
    pub unanswered: u64,
    /// answeredOnTime / answersDue.
    pub on_time_rate: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::{rate, rounded};

    /// Exact halves round up, whatever their binary form (87 / 40 = 2.175 is a little under
    /// 2.175 as a float, 1 / 8 = 0.125 exact).
    #[test]
    fn exact_halves_round_up() {
        // As JSON writes them.
        let shown = |r: Option<f64>| r.map(|r| r.to_string());
        assert_eq!(shown(Some(rounded(1, 8, 100))), shown(Some(0.13)));
        assert_eq!(rounded(87, 40, 100).to_string(), "2.18");
        for (part, whole, want) in [
            (581, 800, "0.7263"),
            (2, 3, "0.6667"),
            (1, 3, "0.3333"),
            (0, 5, "0"),
            (5, 5, "1"),
        ] {
            assert_eq!(shown(rate(part, whole)).as_deref(), Some(want));
        }
        assert_eq!(rate(1, 0), None);
    }
}
