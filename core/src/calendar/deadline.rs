//! Time limits in working days: the due date of a matter, with the clock stopped by pauses
//! (补正 / 挂起) and lengthened by an extension, and its warning light (红黄灯) and
//! supervision level (督办) on a given day.
//!
//! Pure arithmetic over a [`WorkCalendar`]; it knows nothing of cases. The rules are on
//! [`Deadline`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CalendarError, WorkCalendar};

/// A stretch of days during which a time limit's clock is stopped (补正, 挂起, a hearing…):
/// the days `from..=to`, both included; `to: None` while the clock is still stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pause {
    /// The first day the clock is stopped.
    pub from: NaiveDate,
    /// The last day the clock is stopped (included); `None` while it is still stopped.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Pause {
    /// A pause over `from..=to`.
    pub fn closed(from: NaiveDate, to: NaiveDate) -> Self {
        Self { from, to: Some(to) }
    }

    /// A pause from `from` that has not ended yet.
    pub fn open(from: NaiveDate) -> Self {
        Self { from, to: None }
    }

    /// The last paused day as of `now`: `to`, or `now` for an open pause.
    fn last(self, now: NaiveDate) -> NaiveDate {
        self.to.unwrap_or(now)
    }

    /// Whether `day` is paused as of `now`.
    fn covers(self, day: NaiveDate, now: NaiveDate) -> bool {
        self.from <= day && day <= self.last(now)
    }
}

/// A time limit in working days: accepted on a day, a limit, pauses and an extension.
///
/// # The rules
///
/// - **Counting.** The time limit counts working days from the day after acceptance
///   (民法典 art. 201): with a limit of `n`, the due date is the `n`-th counted working day
///   after `accepted_on`. A limit of 0 is due on the day of acceptance.
/// - **Pauses.** A [`Pause`] covers the days `from..=to`, both included. Working days inside
///   any pause are not counted (行政许可法 art. 45: time for 补正, hearings, testing, expert
///   review… is not counted), so a pause of `k` working days before the due date moves it
///   exactly `k` working days later; a pause can never move it earlier. Overlapping pauses
///   count once. An open pause (`to: None`, the clock is still stopped) lasts up to and
///   including `now`: the due date is the one that holds if the clock restarts tomorrow.
/// - **Extension.** `extension_working_days` (行政许可法 art. 42: usually 10, with approval)
///   adds to the limit.
/// - **Light and escalation**, on day `now`, with [`Thresholds`] (defaults in brackets):
///   - [`Light::Red`] when `now` is after the due date (overdue);
///   - otherwise [`Light::Yellow`] when at most `yellow_remaining_working_days` (1) counted
///     working days remain in `(now, due]`, or at least `yellow_used_percent` (80 %) of the
///     limit is used;
///   - otherwise [`Light::Green`].
///   - [`Escalation::Level2`] (二级督办) when overdue by at least
///     `level2_overdue_working_days` (3) working days — the counted working days in
///     `(due, now]`: a pause begun after the due date stops this clock too —, else
///     [`Escalation::Level1`] (一级督办) when by at least `level1_overdue_working_days` (1),
///     else [`Escalation::None`]. A matter due on Friday and still open on Saturday is
///     red but not yet escalated.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::calendar::{Deadline, Escalation, Light, Pause, Thresholds, WorkCalendar};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let cal = WorkCalendar::china();
/// let mut deadline = Deadline::new(d(2025, 9, 30), 5);
/// assert_eq!(deadline.due(&cal, d(2025, 10, 10)).unwrap(), d(2025, 10, 14));
///
/// // 补正 from 9 to 10 October: two working days do not count.
/// deadline.pauses.push(Pause::closed(d(2025, 10, 9), d(2025, 10, 10)));
/// let status = deadline.status(&cal, d(2025, 10, 17), &Thresholds::default()).unwrap();
/// assert_eq!(status.due, d(2025, 10, 16));
/// assert_eq!(status.light, Light::Red);
/// assert_eq!(status.escalation, Escalation::Level1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deadline {
    /// The day the matter was accepted (受理); counting starts the day after.
    pub accepted_on: NaiveDate,
    /// The time limit in working days (法定 or 承诺办结时限).
    pub limit_working_days: u32,
    /// The stretches during which the clock is stopped.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// Working days added by an approved extension (延期), if any.
    #[serde(default)]
    pub extension_working_days: Option<u32>,
}

impl Deadline {
    /// A time limit without pauses or extension.
    pub fn new(accepted_on: NaiveDate, limit_working_days: u32) -> Self {
        Self {
            accepted_on,
            limit_working_days,
            pauses: Vec::new(),
            extension_working_days: None,
        }
    }

    /// The limit plus the extension, in working days.
    pub fn total_working_days(&self) -> u32 {
        self.limit_working_days
            .saturating_add(self.extension_working_days.unwrap_or(0))
    }

    /// The due date as of `now` (which only matters for an open pause); see [`Deadline`]
    /// for the rules.
    pub fn due(&self, calendar: &WorkCalendar, now: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.check_pauses()?;
        calendar.nth_working_day_after(self.accepted_on, self.total_working_days(), |day| {
            self.paused(day, now)
        })
    }

    /// The due date, the light and the escalation on day `now`.
    pub fn status(
        &self,
        calendar: &WorkCalendar,
        now: NaiveDate,
        thresholds: &Thresholds,
    ) -> Result<DeadlineStatus, CalendarError> {
        let due = self.due(calendar, now)?;
        let total = self.total_working_days();
        let paused = self.paused(now, now);
        if now > due {
            let overdue = u32::try_from(self.overdue(calendar, due, now)?).unwrap_or(0);
            let escalation = if overdue >= thresholds.level2_overdue_working_days {
                Escalation::Level2
            } else if overdue >= thresholds.level1_overdue_working_days {
                Escalation::Level1
            } else {
                Escalation::None
            };
            return Ok(DeadlineStatus {
                due,
                light: Light::Red,
                escalation,
                total_working_days: total,
                used_working_days: total,
                remaining_working_days: 0,
                overdue_working_days: overdue,
                paused,
            });
        }
        // Counted working days left in (max(now, accepted_on), due].
        let mut remaining: u32 = 0;
        let mut day = now.max(self.accepted_on);
        while day < due {
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
            if calendar.is_working_day(day)? && !self.paused(day, now) {
                remaining += 1;
            }
        }
        let remaining = remaining.min(total);
        let used = total - remaining;
        let yellow = remaining <= thresholds.yellow_remaining_working_days
            || u64::from(used) * 100
                >= u64::from(thresholds.yellow_used_percent) * u64::from(total);
        Ok(DeadlineStatus {
            due,
            light: if yellow { Light::Yellow } else { Light::Green },
            escalation: Escalation::None,
            total_working_days: total,
            used_working_days: used,
            remaining_working_days: remaining,
            overdue_working_days: 0,
            paused,
        })
    }

    /// The counted working days in `(due, now]`: a pause begun after the due date (补正 or
    /// 挂起 of a case already late) stops the clock there too (行政许可法 art. 45), so a
    /// suspended case is not escalated further while it waits.
    fn overdue(
        &self,
        calendar: &WorkCalendar,
        due: NaiveDate,
        now: NaiveDate,
    ) -> Result<i64, CalendarError> {
        // Every day of (due, now] must be known, paused or not.
        let mut overdue = calendar.working_days_between(due, now)?;
        if self.pauses.iter().any(|p| p.last(now) > due) {
            let mut day = due;
            while day < now {
                day = match day.succ_opt() {
                    Some(d) => d,
                    None => break,
                };
                if self.paused(day, now) && calendar.is_working_day(day)? {
                    overdue -= 1;
                }
            }
        }
        Ok(overdue)
    }

    /// Whether `day` is inside any pause, as of `now`.
    fn paused(&self, day: NaiveDate, now: NaiveDate) -> bool {
        self.pauses.iter().any(|p| p.covers(day, now))
    }

    /// Rejects a closed pause that ends before it starts. (An open pause that starts after
    /// `now` has not begun, and pauses nothing.)
    fn check_pauses(&self) -> Result<(), CalendarError> {
        for pause in &self.pauses {
            if let Some(to) = pause.to {
                if to < pause.from {
                    return Err(CalendarError::InvalidPause {
                        from: pause.from,
                        to,
                    });
                }
            }
        }
        Ok(())
    }
}

/// The warning light of a time limit (红黄灯).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Time enough (绿灯).
    Green,
    /// About to fall due (黄灯): little time left or most of it used.
    Yellow,
    /// Overdue (红灯).
    Red,
}

/// The supervision level of an overdue matter (督办).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Escalation {
    /// Not escalated.
    #[default]
    None,
    /// 一级督办: overdue by at least `level1_overdue_working_days`.
    Level1,
    /// 二级督办: overdue by at least `level2_overdue_working_days`.
    Level2,
}

/// Where the light turns yellow and the escalation starts; see [`Deadline`] for the rules.
/// Every field has its default when absent from JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Thresholds {
    /// Yellow when at most this many counted working days remain (default 1).
    pub yellow_remaining_working_days: u32,
    /// Yellow when at least this percentage of the working days is used (default 80).
    pub yellow_used_percent: u32,
    /// 一级督办 when overdue by at least this many working days (default 1).
    pub level1_overdue_working_days: u32,
    /// 二级督办 when overdue by at least this many working days (default 3).
    pub level2_overdue_working_days: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            yellow_remaining_working_days: 1,
            yellow_used_percent: 80,
            level1_overdue_working_days: 1,
            level2_overdue_working_days: 3,
        }
    }
}

/// A time limit as it stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineStatus {
    /// The due date.
    pub due: NaiveDate,
    /// The warning light.
    pub light: Light,
    /// The supervision level.
    pub escalation: Escalation,
    /// The limit plus the extension.
    pub total_working_days: u32,
    /// Counted working days used: the total minus those remaining.
    pub used_working_days: u32,
    /// Counted working days left after today, up to and including the due date.
    pub remaining_working_days: u32,
    /// Counted working days after the due date, up to and including today (outside the
    /// pauses).
    pub overdue_working_days: u32,
    /// Whether the clock is stopped today.
    pub paused: bool,
}
