//! Dates as the core sees them: China Standard Time (UTC+8, no daylight saving).
//!
//! The core never reads the clock. Hosts read theirs and convert with
//! [`cst_date_from_unix_millis`], so that "today" means the same day at every window.

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
