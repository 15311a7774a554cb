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
//! A district that cannot wait for a release puts the year in its catalogue instead
//! (`Catalog::calendar`, the same shape as [`YearArrangement`]): lint checks it as the
//! shipped years are checked, and the engine's calendar takes it, replacing a shipped year
//! of the same number. Until then a case counted into the year has no deadline, and a
//! complaint, a bad review's verification or a booking that needs one is refused with the
//! year to add; `{"op": "years"}` (`doorstep calendar years --catalog FILE`) tells which
//! years an engine has, for a check ahead of 31 December. A Rust host without a catalogue builds its own calendar: it takes
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
pub(crate) use work::check as check_arrangement;
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
    let n = date_number(text)?;
    NaiveDate::from_ymd_opt(i32::try_from(n / 10_000).ok()?, n / 100 % 100, n % 100)
}

/// The date written `YYYY-MM-DD` as the number `YYYYMMDD`, when it exists: what
/// [`parse_date`] accepts, told without making a date (two such numbers order as their
/// dates, and differ by 10 000 a year). By hand rather than with chrono's format parser,
/// which costs 10 kB in the WASM package.
pub(crate) fn date_number(text: &str) -> Option<u32> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text.as_bytes() else {
        return None;
    };
    if ![y0, y1, y2, y3, m0, m1, d0, d1]
        .iter()
        .all(u8::is_ascii_digit)
    {
        return None;
    }
    // The parts from their digits, rather than the whole number divided up again.
    let d = |b: u8| u32::from(b - b'0');
    let year = d(y0) * 1000 + d(y1) * 100 + d(y2) * 10 + d(y3);
    let (month, day) = (d(m0) * 10 + d(m1), d(d0) * 10 + d(d1));
    (1..=days_in_month(year, month))
        .contains(&day)
        .then_some(year * 10_000 + month * 100 + day)
}

/// The days of a month of the (proleptic) Gregorian calendar; 0 for a month that is not
/// 1 to 12.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// [`age_at`] of two dates given as [`date_number`]s.
#[cfg(not(target_arch = "wasm32"))] // for the rules of forms' verdicts
pub(crate) fn age_between_numbers(birth: u32, at: u32) -> Option<u32> {
    // The years apart, less one when `at` falls before the birthday in its year: the
    // month and day (`MMDD`, below 10 000) decide the carry.
    at.checked_sub(birth).map(|d| d / 10_000)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    use super::{age_at, age_between_numbers, date_number};

    /// chrono's date of the digits of `YYYY-MM-DD`.
    fn chrono_date(text: &str) -> Option<NaiveDate> {
        let n = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
        NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)
    }

    fn number(date: NaiveDate) -> u32 {
        u32::try_from(date.year()).unwrap() * 10_000 + date.month() * 100 + date.day()
    }

    #[test]
    fn leap_days_and_month_ends() {
        for (text, exists) in [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("0000-02-29", true),
            ("2024-04-31", false),
            ("2024-12-31", true),
            ("2024-13-01", false),
            ("2024-00-10", false),
            ("2024-01-00", false),
            ("2024-1-010", false),
            ("2024/01/01", false),
        ] {
            assert_eq!(date_number(text).is_some(), exists, "{text}");
        }
    }

    proptest! {
        /// A date exists by `date_number` exactly when chrono makes it, with its number.
        #[test]
        fn date_numbers_are_chrono_dates(
            y in 0u32..10_000, m in 0u32..14, d in 0u32..33, text in "[0-9-]{0,11}"
        ) {
            let shaped = format!("{y:04}-{m:02}-{d:02}");
            for text in [shaped.as_str(), text.as_str()] {
                let bytes = text.as_bytes();
                let shaped = bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
                let expected = if shaped { chrono_date(text).map(number) } else { None };
                prop_assert_eq!(date_number(text), expected, "{}", text);
            }
        }

        /// The age from two date numbers is `age_at` of the dates (29 February included).
        #[test]
        fn ages_from_numbers_are_age_at(a in 0i32..80_000, b in 0i32..80_000) {
            let first = NaiveDate::from_ymd_opt(1960, 2, 28).unwrap();
            let day = |n: i32| first + chrono::Days::new(u64::try_from(n).unwrap());
            let (birth, at) = (day(a), day(b));
            prop_assert_eq!(age_between_numbers(number(birth), number(at)), age_at(birth, at));
        }
    }
}
