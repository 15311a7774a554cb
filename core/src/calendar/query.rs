//! The calendar's one JSON-shaped entry point: a [`CalendarQuery`] in, a [`CalendarReport`]
//! out. The bindings (WASM, C) and the shared fixture `tests/fixtures/calendar.json` all go
//! through it, so every host answers alike.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CalendarError, Deadline, DeadlineStatus, Pause, Thresholds, WorkCalendar};
use crate::{Coded, Lang, Problem};

// `Deserialize` without serde's `Content` buffer, through `crate::tagged` (a new variant is
// written here as in any enum).
crate::tagged::tagged_enum! {
    /// One question to a [`WorkCalendar`], as JSON tagged by `op`.
    ///
    /// ```
    /// use doorstep::calendar::{CalendarQuery, WorkCalendar};
    ///
    /// let q: CalendarQuery =
    ///     serde_json::from_str(r#"{"op":"addWorkingDays","date":"2025-09-30","days":5}"#).unwrap();
    /// let report = q.report(&WorkCalendar::china(), doorstep::Lang::ZhCn);
    /// assert_eq!(
    ///     serde_json::to_value(&report).unwrap(),
    ///     serde_json::json!({"date": "2025-10-14", "errors": []})
    /// );
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    #[serde(
        tag = "op",
        rename_all = "camelCase",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    #[non_exhaustive]
    pub enum CalendarQuery {
        /// `isWorkingDay`: whether `date` is a working day → `{"workingDay": bool}`.
        IsWorkingDay {
            /// The day asked about.
            date: NaiveDate,
        },
        /// `addWorkingDays`: the `days`-th working day after `date` → `{"date"}`.
        AddWorkingDays {
            /// The start day (not counted).
            date: NaiveDate,
            /// How many working days to add.
            days: u32,
        },
        /// `workingDaysBetween`: the working days in `(from, to]` → `{"workingDays": n}`.
        WorkingDaysBetween {
            /// The start (excluded).
            from: NaiveDate,
            /// The end (included).
            to: NaiveDate,
        },
        /// `deadline`: a time limit's due date, light and escalation on `now` →
        /// [`DeadlineStatus`].
        Deadline {
            /// The day the matter was accepted.
            accepted_on: NaiveDate,
            /// The time limit in working days.
            limit_working_days: u32,
            /// The stretches during which the clock is stopped.
            #[serde(default)]
            pauses: Vec<Pause>,
            /// Working days added by an extension.
            #[serde(default)]
            extension_working_days: Option<u32>,
            /// Today.
            now: NaiveDate,
            /// The light's and escalation's thresholds; defaults when absent.
            #[serde(default)]
            thresholds: Thresholds,
        },
        /// `years`: the years whose holiday arrangement the calendar has → `{"knownYears"}`:
        /// what a back office checks ahead of 31 December, as no deadline is counted into a
        /// year it lacks.
        Years,
    }
}

/// The answer to a [`CalendarQuery`]; its JSON has the fields of one variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
#[non_exhaustive]
pub enum CalendarAnswer {
    /// `{"workingDay": bool}`.
    WorkingDay {
        /// Whether the day is a working day.
        working_day: bool,
    },
    /// `{"date": "YYYY-MM-DD"}`.
    Date {
        /// The date found.
        date: NaiveDate,
    },
    /// `{"workingDays": n}`.
    WorkingDays {
        /// The number of working days, negative when the range is reversed.
        working_days: i64,
    },
    /// `{"due", "light", "escalation", …}`.
    Deadline(DeadlineStatus),
    /// `{"knownYears": [2024, …]}`.
    Years {
        /// The years the calendar has, in order.
        known_years: Vec<i32>,
    },
}

/// A query's outcome as bindings return it: the answer's fields, or none of them and one
/// problem in `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarReport {
    /// The answer, absent when there is an error.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<CalendarAnswer>,
    /// The problem that prevented an answer (at most one); empty on success.
    pub errors: Vec<Problem>,
}

impl CalendarQuery {
    /// Answers the query.
    pub fn run(&self, calendar: &WorkCalendar) -> Result<CalendarAnswer, CalendarError> {
        Ok(match self {
            Self::IsWorkingDay { date } => CalendarAnswer::WorkingDay {
                working_day: calendar.is_working_day(*date)?,
            },
            Self::AddWorkingDays { date, days } => CalendarAnswer::Date {
                date: calendar.add_working_days(*date, *days)?,
            },
            Self::WorkingDaysBetween { from, to } => CalendarAnswer::WorkingDays {
                working_days: calendar.working_days_between(*from, *to)?,
            },
            Self::Deadline {
                accepted_on,
                limit_working_days,
                pauses,
                extension_working_days,
                now,
                thresholds,
            } => {
                let deadline = Deadline {
                    accepted_on: *accepted_on,
                    limit_working_days: *limit_working_days,
                    pauses: pauses.clone(),
                    extension_working_days: *extension_working_days,
                };
                CalendarAnswer::Deadline(deadline.status(calendar, *now, thresholds)?)
            }
            Self::Years => CalendarAnswer::Years {
                known_years: calendar.known_years(),
            },
        })
    }

    /// Answers the query as a report, with any error as a [`Problem`] in `lang`.
    pub fn report(&self, calendar: &WorkCalendar, lang: Lang) -> CalendarReport {
        match self.run(calendar) {
            Ok(answer) => CalendarReport {
                answer: Some(answer),
                errors: Vec::new(),
            },
            Err(e) => CalendarReport {
                answer: None,
                errors: vec![e.to_problem(lang)],
            },
        }
    }
}
