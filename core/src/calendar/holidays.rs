//! The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知), one
//! notice per year, as data.
//!
//! Each entry copies its notice: the holidays exactly as the notice lists them (a range
//! may include a weekend; a holiday the notice gives as one day "与周末连休" is that one day)
//! and the make-up working days (调休上班). To add a year, see the steps in
//! [`crate::calendar`].

use chrono::NaiveDate;

use super::work::{Holiday, YearArrangement};

/// One holiday of a notice: its name and first and last day as (month, day).
struct Day {
    name: &'static str,
    from: (u32, u32),
    to: (u32, u32),
}

/// One year's notice, as a constant: the year, the notice's number, its holidays and
/// make-up working days.
struct Notice {
    year: i32,
    number: &'static str,
    holidays: &'static [Day],
    make_up_days: &'static [(u32, u32)],
}

/// A holiday from `from` to `to` (inclusive).
const fn h(name: &'static str, from: (u32, u32), to: (u32, u32)) -> Day {
    Day { name, from, to }
}

/// The notices shipped with the library, in year order.
const NOTICES: &[Notice] = &[
    // 国务院办公厅关于2024年部分节假日安排的通知, 2023-10-25.
    Notice {
        year: 2024,
        number: "国办发明电〔2023〕7号",
        holidays: &[
            h("元旦", (1, 1), (1, 1)),
            h("春节", (2, 10), (2, 17)),
            h("清明节", (4, 4), (4, 6)),
            h("劳动节", (5, 1), (5, 5)),
            h("端午节", (6, 10), (6, 10)),
            h("中秋节", (9, 15), (9, 17)),
            h("国庆节", (10, 1), (10, 7)),
        ],
        make_up_days: &[
            (2, 4),
            (2, 18),
            (4, 7),
            (4, 28),
            (5, 11),
            (9, 14),
            (9, 29),
            (10, 12),
        ],
    },
    // 国务院办公厅关于2025年部分节假日安排的通知, 2024-11-12.
    Notice {
        year: 2025,
        number: "国办发明电〔2024〕12号",
        holidays: &[
            h("元旦", (1, 1), (1, 1)),
            h("春节", (1, 28), (2, 4)),
            h("清明节", (4, 4), (4, 6)),
            h("劳动节", (5, 1), (5, 5)),
            h("端午节", (5, 31), (6, 2)),
            h("国庆节、中秋节", (10, 1), (10, 8)),
        ],
        make_up_days: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    // 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04.
    Notice {
        year: 2026,
        number: "国办发明电〔2025〕7号",
        holidays: &[
            h("元旦", (1, 1), (1, 3)),
            h("春节", (2, 15), (2, 23)),
            h("清明节", (4, 4), (4, 6)),
            h("劳动节", (5, 1), (5, 5)),
            h("端午节", (6, 19), (6, 21)),
            h("中秋节", (9, 25), (9, 27)),
            h("国庆节", (10, 1), (10, 7)),
        ],
        make_up_days: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

/// The arrangements shipped with the library: mainland China's statutory holidays and
/// make-up working days for 2024, 2025 and 2026, one entry per State Council notice.
///
/// A host that needs another year adds its arrangement to these and builds its calendar
/// with [`WorkCalendar::from_years`](super::WorkCalendar::from_years).
///
/// ```
/// use doorstep::calendar::china_arrangements;
///
/// let years = china_arrangements();
/// assert_eq!(years.iter().map(|y| y.year).collect::<Vec<_>>(), [2024, 2025, 2026]);
/// assert_eq!(years[1].notice, "国办发明电〔2024〕12号");
/// ```
pub fn china_arrangements() -> Vec<YearArrangement> {
    NOTICES
        .iter()
        .map(|n| {
            let date = |(month, day): (u32, u32)| NaiveDate::from_ymd_opt(n.year, month, day);
            YearArrangement {
                year: n.year,
                notice: n.number.to_owned(),
                // The table is checked by a test; a date that does not exist would be
                // dropped here rather than panic.
                holidays: n
                    .holidays
                    .iter()
                    .filter_map(|d| {
                        Some(Holiday {
                            name: d.name.to_owned(),
                            from: date(d.from)?,
                            to: date(d.to)?,
                        })
                    })
                    .collect(),
                make_up_days: n.make_up_days.iter().filter_map(|&d| date(d)).collect(),
            }
        })
        .collect()
}
