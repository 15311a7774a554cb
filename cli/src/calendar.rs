//! `doorstep calendar add-working-days [--catalog FILE] DATE N`: the N-th working day after
//! DATE.

use doorstep::Lang;
use doorstep::args::ArgError;
use doorstep::calendar::{WorkCalendar, parse_date};

use crate::usage::{UsageError, split_options};

/// Prints the `n`-th working day after the date (`YYYY-MM-DD`), by the shipped calendar,
/// or with `--catalog` by the engine's: the shipped years and the catalogue's own.
///
/// A malformed date, a malformed count or a date the calendar does not cover is a usage
/// error (status 2, the code and the message on standard error).
pub(crate) fn add_working_days(args: &[String]) -> Result<bool, UsageError> {
    let line = split_options(args, &["--catalog"])?;
    let (date, days) = match line.positional.as_slice() {
        [date, days] => (*date, *days),
        [] => return Err(UsageError::MissingValue("DATE")),
        [_] => return Err(UsageError::MissingValue("N")),
        [_, _, extra, ..] => return Err(UsageError::UnexpectedArgument((*extra).to_owned())),
    };
    let date = parse_date(date).ok_or(UsageError::Arg(ArgError::InvalidDate))?;
    let days = parse_days(days).ok_or(UsageError::WorkingDays)?;
    // With --catalog, the engine's calendar; else the shipped one, built only then.
    let due = match line.option("--catalog") {
        Some(file) => crate::stamp::engine(Some(file), Lang::ZhCn)?
            .calendar()
            .add_working_days(date, days),
        None => WorkCalendar::china().add_working_days(date, days),
    }
    .map_err(|e| UsageError::coded(&e))?;
    crate::out::line(&due.to_string());
    Ok(true)
}

/// A count of working days: ASCII digits only (no sign, no spaces), within `u32`.
fn parse_days(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
