//! Operators `JsonLogic` does not have, for the rules of government services.
//!
//! | operator | 中文 | arguments | result |
//! |---|---|---|---|
//! | `id_birth_date` | 身份证出生日期 | ID number | `"YYYY-MM-DD"`, or `null` if not a valid number |
//! | `id_age` | 按身份证计算周岁 | ID number, reference date | full years on that date, or `null` |
//! | `id_sex` | 身份证性别 | ID number | `"male"` (男) / `"female"` (女), or `null` |
//! | `days_between` | 相隔天数 | from, to (`YYYY-MM-DD`) | calendar days `to − from`, or `null` |
//! | `working_days_between` | 相隔工作日 | from, to (`YYYY-MM-DD`) | working days in `(from, to]` (negative when `to` is earlier), or `null` |
//! | `age_at` | 按出生日期计算周岁 | birth date, reference date | full years on that date, or `null` |
//!
//! ID numbers are resident ID numbers (GB 11643-1999, 18 digits or the 15-digit legacy
//! form) and residence permit numbers for Hong Kong, Macau and Taiwan residents, checked by
//! [`ids::check_as`](crate::ids::check_as). Anything that is not a valid one (a typing error, a number, `null`)
//! gives `null`, like a malformed date given as data. A reference date that is not a date
//! is the host's mistake and an error, [`RuleError::InvalidDate`]. Someone not yet born on
//! the reference date has no age: `null`.
//!
//! Working days are counted on the working calendar the rule is evaluated with: an
//! engine's (the shipped years and its catalogue's), else the shipped one. A date in a
//! year the calendar does not have is [`RuleError::OutOfCalendar`], never a guess.

use chrono::NaiveDate;
use serde_json::Value;

use super::compile::Op;
use super::value::{Short, Val, View};
use super::{KnownIds, RuleError};
use crate::calendar::{WorkCalendar, parse_date};
use crate::ids::ResidentId;

/// Evaluates a domain operator over its first two arguments, resident IDs already read
/// taken from `known` and working days counted on `calendar`. `pointer` locates the
/// operation, for the error.
pub(super) fn apply(
    op: Op,
    a: View<'_>,
    b: View<'_>,
    pointer: &str,
    (known, calendar): (KnownIds<'_>, &WorkCalendar),
) -> Result<Val<'static>, RuleError> {
    const NULL: Val<'static> = Val::Json(Value::Null);
    let text = |s: &[u8]| Short::new(s).map_or(NULL, Val::Short);
    let reference_date = || {
        date(b).ok_or_else(|| RuleError::InvalidDate {
            operator: op.name(),
            pointer: pointer.to_owned(),
        })
    };
    Ok(match op {
        // 出生日期: validity only, so the reference date is as late as dates go.
        Op::IdBirthDate => {
            id_number(a, NaiveDate::MAX, known).map_or(NULL, |id| text(&id.birth_date_bytes()))
        }
        // 性别
        Op::IdSex => {
            id_number(a, NaiveDate::MAX, known).map_or(NULL, |id| text(id.sex().code().as_bytes()))
        }
        // 周岁 (by ID number): the check already refuses a birth date after `at`.
        Op::IdAge => {
            let at = reference_date()?;
            id_number(a, at, known)
                .and_then(|id| crate::calendar::age_at(id.birth_date(), at))
                .map_or(NULL, |age| Val::Num(f64::from(age)))
        }
        // 周岁 (by birth date)
        Op::AgeAt => {
            let at = reference_date()?;
            date(a)
                .and_then(|birth| crate::calendar::age_at(birth, at))
                .map_or(NULL, |age| Val::Num(f64::from(age)))
        }
        // 相隔天数
        Op::DaysBetween => match (date(a), date(b)) {
            // Day counts are far below 2^53, so exact.
            #[allow(clippy::cast_precision_loss)]
            (Some(from), Some(to)) => Val::Num(to.signed_duration_since(from).num_days() as f64),
            _ => NULL,
        },
        // 相隔工作日
        Op::WorkingDaysBetween => match (date(a), date(b)) {
            (Some(from), Some(to)) => match calendar.working_days_between(from, to) {
                // Day counts are far below 2^53, so exact.
                #[allow(clippy::cast_precision_loss)]
                Ok(days) => Val::Num(days as f64),
                Err(calendar) => {
                    return Err(RuleError::OutOfCalendar {
                        calendar,
                        pointer: pointer.to_owned(),
                    });
                }
            },
            _ => NULL,
        },
        _ => NULL,
    })
}

/// A date written `YYYY-MM-DD`, if `value` is one; spaces around it are not part of it, as a
/// date field reads it (an answer's value reaches the rules as typed).
fn date(value: View<'_>) -> Option<NaiveDate> {
    match value {
        View::Str(s) => parse_date(s.trim()),
        _ => None,
    }
}

/// A valid resident ID or residence permit number, checked on `at` (as
/// [`check_as`](crate::ids::check_as) with [`IdKind::ResidentId`](crate::ids::IdKind::ResidentId));
/// taken from `known` when the form engine has read it already.
fn id_number(value: View<'_>, at: NaiveDate, known: KnownIds<'_>) -> Option<ResidentId> {
    let View::Str(s) = value else { return None };
    // The text is usually the very slice the number was read from: same address, no
    // bytes to compare.
    let same = |text: &str| std::ptr::eq(text, s) || text == s;
    match known.iter().find(|(text, _)| same(text)) {
        // Read as of another date: the only check a date changes is a birth after it.
        Some((_, id)) => (id.birth_date() <= at).then_some(*id),
        None => ResidentId::read(s, at).ok(),
    }
}
