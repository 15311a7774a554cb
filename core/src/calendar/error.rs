//! Why a working-day question has no answer, or a calendar cannot be built.

use chrono::{Datelike as _, NaiveDate};
use serde_json::{Map, Value, json};

use crate::{Coded, Lang};

/// A working-day question the calendar cannot answer, a calendar that cannot be built
/// from its data, or a deadline given wrongly.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::calendar::WorkCalendar;
/// use doorstep::{Coded, Lang};
///
/// let cal = WorkCalendar::china();
/// let e = cal.is_working_day(NaiveDate::from_ymd_opt(2030, 1, 2).unwrap()).unwrap_err();
/// assert_eq!(e.code(), "calendar.out_of_range");
/// assert_eq!(e.params()["knownYears"], serde_json::json!([2024, 2025, 2026]));
/// assert!(e.message(Lang::ZhCn).contains("2030-01-02"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// `calendar.out_of_range`: the date lies in a year whose holiday arrangement the
    /// calendar does not have. The calendar never guesses.
    #[error("日期超出工作日历范围 / date outside the working calendar: {date}")]
    OutOfRange {
        /// The first date asked about (or reached) that the calendar does not cover.
        date: NaiveDate,
        /// The years the calendar covers, in order.
        known_years: Vec<i32>,
    },
    /// `calendar.invalid_year`: a year that no calendar date can have.
    #[error("年份无效 / invalid year: {year}")]
    InvalidYear {
        /// The year given.
        year: i32,
    },
    /// `calendar.duplicate_year`: two arrangements for the same year.
    #[error("年份重复 / duplicate year: {year}")]
    DuplicateYear {
        /// The year given twice.
        year: i32,
    },
    /// `calendar.date_outside_year`: a holiday or make-up day that is not in the year of
    /// the arrangement that lists it.
    #[error("日期不在所属年份内 / date outside its year: {date} ({year})")]
    DateOutsideYear {
        /// The arrangement's year.
        year: i32,
        /// The date listed under it.
        date: NaiveDate,
    },
    /// `calendar.invalid_range`: a holiday that ends before it starts.
    #[error("假期起止日期颠倒 / holiday ends before it starts: {from}..{to}")]
    InvalidRange {
        /// The first day of the holiday.
        from: NaiveDate,
        /// The last day of the holiday.
        to: NaiveDate,
    },
    /// `calendar.make_up_not_weekend`: a make-up working day (调休上班) on a weekday,
    /// which is a working day anyway.
    #[error("调休上班日不是周末 / make-up working day is not a weekend day: {date}")]
    MakeUpNotWeekend {
        /// The make-up day.
        date: NaiveDate,
    },
    /// `calendar.holiday_on_make_up`: a date listed both as a holiday and as a make-up
    /// working day.
    #[error("调休上班日与假期重叠 / make-up working day inside a holiday: {date}")]
    HolidayOnMakeUp {
        /// The date listed twice.
        date: NaiveDate,
    },
    /// `calendar.invalid_pause`: a pause of the time limit (补正 / 挂起) that ends before it starts.
    #[error("暂停计时的起止日期颠倒 / pause ends before it starts: {from}..{to}")]
    InvalidPause {
        /// The first paused day.
        from: NaiveDate,
        /// The last paused day.
        to: NaiveDate,
    },
}

impl Coded for CalendarError {
    fn code(&self) -> &'static str {
        match self {
            Self::OutOfRange { .. } => "calendar.out_of_range",
            Self::InvalidYear { .. } => "calendar.invalid_year",
            Self::DuplicateYear { .. } => "calendar.duplicate_year",
            Self::DateOutsideYear { .. } => "calendar.date_outside_year",
            Self::InvalidRange { .. } => "calendar.invalid_range",
            Self::MakeUpNotWeekend { .. } => "calendar.make_up_not_weekend",
            Self::HolidayOnMakeUp { .. } => "calendar.holiday_on_make_up",
            Self::InvalidPause { .. } => "calendar.invalid_pause",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::OutOfRange { date, known_years }, Lang::ZhCn) => {
                let years = join(known_years, "、");
                if years.is_empty() {
                    format!("日期 {date} 超出工作日历范围：日历中没有任何年份的节假日安排")
                } else {
                    format!("日期 {date} 超出工作日历范围：仅有 {years} 年的节假日安排，无法推算")
                }
            }
            (Self::OutOfRange { date, known_years }, Lang::En) => {
                let years = join(known_years, ", ");
                if years.is_empty() {
                    format!("{date} is outside the working calendar, which has no years")
                } else {
                    format!(
                        "{date} is outside the working calendar, which only knows the holidays of {years}"
                    )
                }
            }
            (Self::InvalidYear { year }, Lang::ZhCn) => format!("年份 {year} 无效"),
            (Self::InvalidYear { year }, Lang::En) => format!("{year} is not a valid year"),
            (Self::DuplicateYear { year }, Lang::ZhCn) => {
                format!("{year} 年的节假日安排重复")
            }
            (Self::DuplicateYear { year }, Lang::En) => {
                format!("The holiday arrangement of {year} is given twice")
            }
            (Self::DateOutsideYear { year, date }, Lang::ZhCn) => {
                format!("{year} 年的节假日安排中列出了其他年份的日期 {date}")
            }
            (Self::DateOutsideYear { year, date }, Lang::En) => {
                format!("The arrangement of {year} lists {date}, a date of another year")
            }
            (Self::InvalidRange { from, to }, Lang::ZhCn) => {
                format!("假期的结束日期 {to} 早于开始日期 {from}")
            }
            (Self::InvalidRange { from, to }, Lang::En) => {
                format!("A holiday ends on {to}, before it starts on {from}")
            }
            (Self::MakeUpNotWeekend { date }, Lang::ZhCn) => {
                format!("调休上班日 {date} 不是周六或周日")
            }
            (Self::MakeUpNotWeekend { date }, Lang::En) => {
                format!("The make-up working day {date} is not a Saturday or Sunday")
            }
            (Self::HolidayOnMakeUp { date }, Lang::ZhCn) => {
                format!("{date} 既是假期又是调休上班日")
            }
            (Self::HolidayOnMakeUp { date }, Lang::En) => {
                format!("{date} is listed both as a holiday and as a make-up working day")
            }
            (Self::InvalidPause { from, to }, Lang::ZhCn) => {
                format!("暂停计时（补正、挂起）的结束日期 {to} 早于开始日期 {from}")
            }
            (Self::InvalidPause { from, to }, Lang::En) => {
                format!("A pause of the time limit ends on {to}, before it starts on {from}")
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::OutOfRange { date, known_years } => {
                json!({ "date": date.to_string(), "knownYears": known_years })
            }
            Self::InvalidYear { year } | Self::DuplicateYear { year } => json!({ "year": year }),
            Self::DateOutsideYear { year, date } => {
                json!({ "year": year, "date": date.to_string() })
            }
            Self::InvalidRange { from, to } | Self::InvalidPause { from, to } => {
                json!({ "from": from.to_string(), "to": to.to_string() })
            }
            Self::MakeUpNotWeekend { date } | Self::HolidayOnMakeUp { date } => {
                json!({ "date": date.to_string() })
            }
        };
        match params {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

impl CalendarError {
    /// This error as the reason a record's date cannot be worked out, `what` saying which
    /// (in Chinese and English: `("答复期限无法计算", "The answer deadline cannot be worked
    /// out")`). A year the calendar lacks is named with the way to add it: the State
    /// Council's arrangement of that year, in the catalogue's `calendar`.
    pub(crate) fn message_for(&self, (zh, en): (&str, &str), lang: Lang) -> String {
        match (self, lang) {
            (Self::OutOfRange { date, known_years }, Lang::ZhCn) => format!(
                "{zh}：工作日历没有 {} 年的节假日安排（现有：{}），请在目录的 calendar 中加入该年安排",
                date.year(),
                or_none(join(known_years, "、"), "无"),
            ),
            (Self::OutOfRange { date, known_years }, Lang::En) => format!(
                "{en}: the working calendar has no holiday arrangement for {} (it has: {}); add that year to the catalogue's calendar",
                date.year(),
                or_none(join(known_years, ", "), "none"),
            ),
            (_, Lang::ZhCn) => format!("{zh}：{}", self.message(lang)),
            (_, Lang::En) => format!("{en}: {}", self.message(lang)),
        }
    }
}

/// `text`, or `none` when it is empty.
fn or_none(text: String, none: &str) -> String {
    if text.is_empty() {
        none.to_owned()
    } else {
        text
    }
}

/// The years joined with `separator`.
fn join(years: &[i32], separator: &str) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}
