//! Dates as the core sees them: China Standard Time (UTC+8, no daylight saving), working
//! days (工作日 / 调休) and time limits counted in them.
//!
//! The core never reads the clock. Hosts read theirs and convert with
//! [`cst_date_from_unix_millis`], so that "today" means the same day at every window.
//!
//! - [`WorkCalendar`]: which days are working days, from the State Council's holiday
//!   arrangements as data ([`china_arrangements`]: 2024, 2025, 2026). A date outside the
//!   known years is [`CalendarError::OutOfRange`], never a guess.
//! - [`Deadline`]: a due date in working days, with pauses (补正 / 挂起) and an extension,
//!   and its [`Light`] (红黄灯) and [`Escalation`] (督办) on a given day.
//! - [`CalendarQuery`]: the one JSON-shaped entry point every binding exposes; the shared
//!   fixture `tests/fixtures/calendar.json` runs through it.
//!
//! # Adding a year
//!
//! The State Council (国务院办公厅) publishes the next year's arrangement each autumn
//! (《国务院办公厅关于 YYYY 年部分节假日安排的通知》). To ship it:
//!
//! 1. In `core/src/calendar/holidays.rs`, add a `Notice` to `NOTICES` (in year order) with
//!    the year, the notice number (e.g. `国办发明电〔2025〕7号`), every holiday exactly as the
//!    notice gives it (first and last day, both included) and every make-up working day
//!    (调休上班, "…（周六）上班").
//! 2. Put each date under the calendar year it falls in: every date of an arrangement must
//!    lie in its year, and a make-up day must be a Saturday or Sunday outside the holidays.
//!    The test `the_shipped_table_is_valid` in `core/tests/calendar.rs` checks this, and
//!    the count of working days in the year (compare it with the figure published with the
//!    notice).
//! 3. Add cases to `tests/fixtures/calendar.json`: each holiday's first and last weekday,
//!    each make-up day, `addWorkingDays` across the new year boundary, and the
//!    `calendar.out_of_range` case moved to the year after.
//! 4. Update the known years in the doc examples and in the CLI's tests.
//!
//! A host that cannot wait for a release builds its own calendar: it takes
//! [`china_arrangements`], pushes a [`YearArrangement`] and calls
//! [`WorkCalendar::from_years`], which checks the data the same way.
//!
//! ```
//! use chrono::NaiveDate;
//! use doorstep::calendar::{Holiday, WorkCalendar, YearArrangement, china_arrangements};
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let mut years = china_arrangements();
//! years.push(YearArrangement {
//!     year: 2027,
//!     notice: "(example)".into(),
//!     holidays: vec![Holiday { name: "元旦".into(), from: d(2027, 1, 1), to: d(2027, 1, 3) }],
//!     make_up_days: vec![],
//! });
//! let cal = WorkCalendar::from_years(years).unwrap();
//! assert_eq!(cal.add_working_days(d(2026, 12, 31), 1).unwrap(), d(2027, 1, 4));
//! ```

mod deadline;
mod error;
mod holidays;
mod query;
mod work;

pub use deadline::{Deadline, DeadlineStatus, Escalation, Light, Pause, Thresholds};
pub use error::CalendarError;
pub use holidays::china_arrangements;
pub use query::{CalendarAnswer, CalendarQuery, CalendarReport};
pub use work::{Holiday, WorkCalendar, YearArrangement};

use chrono::{DateTime, Datelike, NaiveDate};

/// Offset of China Standard Time from UTC, in milliseconds.
const CST_OFFSET_MILLIS: i64 = 8 * 60 * 60 * 1000;

/// The calendar date in China Standard Time at the given instant (milliseconds since
/// the Unix epoch), or `None` when the instant is outside chrono's range.
///
/// ```
/// use doorstep::calendar::cst_date_from_unix_millis;
/// // 2024-10-14T16:00:00Z is already 2024-10-15 in Xiamen.
/// let d = cst_date_from_unix_millis(1_728_921_600_000).unwrap();
/// assert_eq!(d.to_string(), "2024-10-15");
/// ```
pub fn cst_date_from_unix_millis(millis: i64) -> Option<NaiveDate> {
    let local = millis.checked_add(CST_OFFSET_MILLIS)?;
    DateTime::from_timestamp_millis(local).map(|t| t.date_naive())
}

/// Parses a calendar date written `YYYY-MM-DD`; `None` when it is malformed or does not exist.
///
/// ```
/// use doorstep::calendar::parse_date;
/// assert!(parse_date("2024-02-29").is_some());
/// assert!(parse_date("1999-02-30").is_none());
/// assert!(parse_date("2024-2-9").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    // By hand rather than with chrono's format parser, which costs 10 kB in the WASM package.
    let number = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .map(|digits| digits.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

/// Age in full years (周岁) on `at` of someone born on `birth`; `None` before the birth.
/// Someone born on 29 February turns a year older on 1 March in common years.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::calendar::age_at;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(age_at(d(2004, 2, 29), d(2023, 2, 28)), Some(18));
/// assert_eq!(age_at(d(2004, 2, 29), d(2023, 3, 1)), Some(19));
/// assert_eq!(age_at(d(2004, 2, 29), d(2024, 2, 29)), Some(20));
/// assert_eq!(age_at(d(2004, 2, 29), d(2004, 2, 28)), None);
/// ```
pub fn age_at(birth: NaiveDate, at: NaiveDate) -> Option<u32> {
    if birth > at {
        return None;
    }
    let years = at.year() - birth.year();
    let before_birthday = (at.month(), at.day()) < (birth.month(), birth.day());
    u32::try_from(years - i32::from(before_birthday)).ok()
}
