//! [`WorkCalendar`]: which days are working days (工作日), from holiday arrangements as data.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::holidays::china_arrangements;

/// One statutory holiday of a year's arrangement, e.g. 春节 from 2025-01-28 to 2025-02-04.
///
/// Both ends are included. A range may include weekend days; they are rest days anyway.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Holiday {
    /// The holiday's name as the notice gives it, e.g. `春节`.
    pub name: String,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off (inclusive).
    pub to: NaiveDate,
}

/// One calendar year's holiday arrangement: the statutory holidays and the make-up working
/// days (调休上班日), with the notice they come from.
///
/// Every date must fall in `year`; a make-up day must be a Saturday or Sunday and not inside
/// a holiday. [`WorkCalendar::from_years`] checks this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearArrangement {
    /// The calendar year.
    pub year: i32,
    /// The notice the arrangement comes from, e.g. `国办发明电〔2024〕12号`.
    pub notice: String,
    /// The holidays, in any order.
    pub holidays: Vec<Holiday>,
    /// Weekend days that are working days (调休上班), in any order.
    pub make_up_days: Vec<NaiveDate>,
}

/// Words of a year's working-day bitset: bit `i` is day `i` of the year (0-based ordinal).
const WORDS: usize = 6;

/// One known year, precomputed: which of its days are working days.
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearTable {
    year: i32,
    working: [u64; WORDS],
}

impl YearTable {
    /// Computes the working days of one arrangement. Dates outside the year are ignored
    /// (validation rejects them first).
    fn new(arrangement: &YearArrangement) -> Self {
        let mut working = [0; WORDS];
        let mut day = NaiveDate::from_yo_opt(arrangement.year, 1);
        while let Some(d) = day.filter(|d| d.year() == arrangement.year) {
            let weekday = !is_weekend(d);
            let holiday = arrangement
                .holidays
                .iter()
                .any(|h| h.from <= d && d <= h.to);
            let make_up = arrangement.make_up_days.contains(&d);
            if make_up || (weekday && !holiday) {
                let index = d.ordinal0() as usize;
                if let Some(word) = working.get_mut(index / 64) {
                    *word |= 1 << (index % 64);
                }
            }
            day = d.succ_opt();
        }
        Self {
            year: arrangement.year,
            working,
        }
    }

    /// Whether day `ordinal0` (0-based) of this year is a working day.
    fn is_working(&self, ordinal0: u32) -> bool {
        let index = ordinal0 as usize;
        self.working
            .get(index / 64)
            .is_some_and(|word| (word >> (index % 64)) & 1 == 1)
    }

    /// The number of working days among days `from..=to` (0-based ordinals) of this year.
    fn count(&self, from: u32, to: u32) -> u32 {
        if from > to {
            return 0;
        }
        let (from, to) = (from as usize, to as usize);
        self.working
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let (lo, hi) = (i * 64, i * 64 + 63);
                if hi < from || lo > to {
                    return 0;
                }
                // Bits from..=to that fall in this word.
                let start = from.saturating_sub(lo);
                let end = to.min(hi) - lo;
                let mask = (u64::MAX >> (63 - end)) & (u64::MAX << start);
                (word & mask).count_ones()
            })
            .sum()
    }
}

/// Whether the date is a Saturday or Sunday.
fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Which days are working days (工作日): Monday to Friday unless a statutory holiday, plus
/// the weekend days made working days (调休上班), for the years whose arrangements it holds.
///
/// Built once (it precomputes one bitset per year) and shared; it is `Send + Sync`. Asking
/// about a date outside its years is [`CalendarError::OutOfRange`], never a guess.
///
/// Periods follow the Civil Code (民法典) art. 201: a period counted in days starts on the
/// day after the start day, so [`add_working_days`](Self::add_working_days)`(d, 1)` is the
/// first working day strictly after `d`.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::calendar::WorkCalendar;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let cal = WorkCalendar::china();
/// assert!(!cal.is_working_day(d(2025, 10, 8)).unwrap()); // 国庆节
/// assert!(cal.is_working_day(d(2025, 10, 11)).unwrap()); // Saturday, 调休上班
/// assert_eq!(cal.add_working_days(d(2025, 9, 30), 5).unwrap(), d(2025, 10, 14));
/// assert_eq!(cal.working_days_between(d(2025, 9, 30), d(2025, 10, 14)).unwrap(), 5);
/// assert!(cal.is_working_day(d(2027, 1, 4)).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    /// The arrangements, sorted by year.
    years: Vec<YearArrangement>,
    /// One table per arrangement, in the same order.
    tables: Vec<YearTable>,
}

impl WorkCalendar {
    /// The calendar of the arrangements shipped with the library
    /// ([`super::china_arrangements`]): 2024, 2025 and 2026.
    pub fn china() -> Self {
        // The shipped table passes `from_years` (a test checks), so building it unchecked
        // gives the same calendar without a fallible signature.
        Self::build(china_arrangements())
    }

    /// The shipped calendar ([`china`](Self::china)), built once and shared: what a rule
    /// evaluated outside an [`Engine`](crate::engine::Engine) counts working days on.
    pub fn shipped() -> &'static Self {
        static SHIPPED: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(Self::china)
    }

    /// A calendar of the given arrangements, checked: every year valid and given once
    /// (years need not be contiguous), every date inside its year, every holiday's end not
    /// before its start, every make-up day a Saturday or Sunday outside the holidays.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use doorstep::Coded;
    /// use doorstep::calendar::{WorkCalendar, YearArrangement, china_arrangements};
    ///
    /// let mut years = china_arrangements();
    /// years.push(YearArrangement {
    ///     year: 2030,
    ///     notice: "test".into(),
    ///     holidays: vec![],
    ///     make_up_days: vec![NaiveDate::from_ymd_opt(2030, 1, 7).unwrap()], // a Monday
    /// });
    /// let e = WorkCalendar::from_years(years).unwrap_err();
    /// assert_eq!(e.code(), "calendar.make_up_not_weekend");
    /// ```
    pub fn from_years(years: Vec<YearArrangement>) -> Result<Self, CalendarError> {
        let mut sorted: Vec<&YearArrangement> = years.iter().collect();
        sorted.sort_by_key(|y| y.year);
        for pair in sorted.windows(2) {
            if let [a, b] = pair {
                if a.year == b.year {
                    return Err(CalendarError::DuplicateYear { year: a.year });
                }
            }
        }
        for arrangement in &years {
            check(arrangement)?;
        }
        Ok(Self::build(years))
    }

    /// Sorts and precomputes, without checking.
    fn build(mut years: Vec<YearArrangement>) -> Self {
        years.sort_by_key(|y| y.year);
        let tables = years.iter().map(YearTable::new).collect();
        Self { years, tables }
    }

    /// The arrangements this calendar holds, sorted by year.
    pub fn years(&self) -> &[YearArrangement] {
        &self.years
    }

    /// The years this calendar knows, in order.
    ///
    /// ```
    /// use doorstep::calendar::WorkCalendar;
    /// assert_eq!(WorkCalendar::china().known_years(), [2024, 2025, 2026]);
    /// ```
    pub fn known_years(&self) -> Vec<i32> {
        self.tables.iter().map(|t| t.year).collect()
    }

    /// Whether the calendar knows the year of `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.table(date.year()).is_some()
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday, or a make-up
    /// working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.table_for(date)?.is_working(date.ordinal0()))
    }

    /// The `n`-th working day after `start`, counting from the day after `start`
    /// (民法典 art. 201): `n = 1` is the first working day strictly after `start`, `n = 0`
    /// is `start` itself (even when it is not a working day).
    ///
    /// `start` and every day up to the result must be in the calendar's years. Takes time
    /// in proportion to the days walked, without allocating.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use doorstep::calendar::WorkCalendar;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let cal = WorkCalendar::china();
    /// // 2026-01-01..03 are 元旦; Sunday 2026-01-04 is a make-up working day.
    /// assert_eq!(cal.add_working_days(d(2025, 12, 31), 1).unwrap(), d(2026, 1, 4));
    /// assert_eq!(cal.add_working_days(d(2025, 10, 4), 0).unwrap(), d(2025, 10, 4));
    /// ```
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.nth_working_day_after(start, n, |_| false)
    }

    /// The `n`-th working day after `start` not excluded by `skip`; see
    /// [`add_working_days`](Self::add_working_days).
    pub(super) fn nth_working_day_after(
        &self,
        start: NaiveDate,
        n: u32,
        skip: impl Fn(NaiveDate) -> bool,
    ) -> Result<NaiveDate, CalendarError> {
        let mut table = self.table_for(start)?;
        let mut day = start;
        let mut counted = 0;
        while counted < n {
            day = day.succ_opt().ok_or_else(|| self.out_of_range(day))?;
            if day.year() != table.year {
                table = self.table_for(day)?;
            }
            if table.is_working(day.ordinal0()) && !skip(day) {
                counted += 1;
            }
        }
        Ok(day)
    }

    /// The number of working days in `(from, to]`: after `from`, up to and including `to`.
    /// Negative, the count of `(to, from]`, when `to` is before `from`; so
    /// `working_days_between(d, add_working_days(d, n)?)` is `n`.
    ///
    /// Both dates and every day between them must be in the calendar's years.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use doorstep::calendar::WorkCalendar;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let cal = WorkCalendar::china();
    /// assert_eq!(cal.working_days_between(d(2024, 12, 31), d(2025, 12, 31)).unwrap(), 248);
    /// assert_eq!(cal.working_days_between(d(2025, 10, 14), d(2025, 9, 30)).unwrap(), -5);
    /// ```
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        if to < from {
            return self.working_days_between(to, from).map(|n| -n);
        }
        self.table_for(from)?;
        self.table_for(to)?;
        let mut total: i64 = 0;
        for year in from.year()..=to.year() {
            let Some(table) = self.table(year) else {
                return Err(self.out_of_range(NaiveDate::from_yo_opt(year, 1).unwrap_or(to)));
            };
            // Ordinals of the part of (from, to] in this year; `from` itself is excluded.
            let first = if year == from.year() {
                from.ordinal0() + 1
            } else {
                0
            };
            let last = if year == to.year() {
                to.ordinal0()
            } else {
                365
            };
            total += i64::from(table.count(first, last));
        }
        Ok(total)
    }

    /// The table of `year`, if known.
    fn table(&self, year: i32) -> Option<&YearTable> {
        self.tables
            .binary_search_by_key(&year, |t| t.year)
            .ok()
            .and_then(|i| self.tables.get(i))
    }

    /// The table of the year of `date`, or the out-of-range error.
    fn table_for(&self, date: NaiveDate) -> Result<&YearTable, CalendarError> {
        self.table(date.year())
            .ok_or_else(|| self.out_of_range(date))
    }

    /// The error for a date outside the known years.
    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            known_years: self.known_years(),
        }
    }
}

impl Default for WorkCalendar {
    /// The shipped calendar, [`WorkCalendar::china`].
    fn default() -> Self {
        Self::china()
    }
}

/// Checks one arrangement on its own (as [`WorkCalendar::from_years`] does, and the
/// catalogue's lint for the years a catalogue carries).
pub(crate) fn check(arrangement: &YearArrangement) -> Result<(), CalendarError> {
    let year = arrangement.year;
    if NaiveDate::from_yo_opt(year, 1).is_none() || NaiveDate::from_ymd_opt(year, 12, 31).is_none()
    {
        return Err(CalendarError::InvalidYear { year });
    }
    let inside = |date: NaiveDate| {
        if date.year() == year {
            Ok(())
        } else {
            Err(CalendarError::DateOutsideYear { year, date })
        }
    };
    for holiday in &arrangement.holidays {
        inside(holiday.from)?;
        inside(holiday.to)?;
        if holiday.to < holiday.from {
            return Err(CalendarError::InvalidRange {
                from: holiday.from,
                to: holiday.to,
            });
        }
    }
    for &date in &arrangement.make_up_days {
        inside(date)?;
        if !is_weekend(date) {
            return Err(CalendarError::MakeUpNotWeekend { date });
        }
        if arrangement
            .holidays
            .iter()
            .any(|h| h.from <= date && date <= h.to)
        {
            return Err(CalendarError::HolidayOnMakeUp { date });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_matches_bit_by_bit() {
        let table = YearTable::new(&china_arrangements()[1]);
        for from in [0, 1, 63, 64, 65, 127, 200, 364] {
            for to in [0, 5, 63, 64, 128, 191, 192, 300, 364, 365] {
                let slow = (from..=to).filter(|&i| table.is_working(i)).count();
                assert_eq!(table.count(from, to) as usize, slow, "{from}..={to}");
            }
        }
    }
}
