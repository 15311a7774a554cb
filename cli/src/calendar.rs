//! `doorstep calendar add-working-days [--catalog FILE] [--lang zh-CN|en] DATE N`: the N-th
//! working day after DATE; `doorstep calendar years [--catalog FILE] [--lang zh-CN|en]`: the
//! years the calendar has. `--lang` is the language of a catalogue's refusal.

use doorstep::args::{ArgError, parse_lang};
use doorstep::calendar::{WorkCalendar, parse_date};

use crate::usage::{CommandLine, UsageError, split_options};

/// Prints the `n`-th working day after the date (`YYYY-MM-DD`), by the shipped calendar,
/// or with `--catalog` by the engine's: the shipped years and the catalogue's own.
///
/// A malformed date, a malformed count or a date the calendar does not cover is a usage
/// error (status 2, the code and the message on standard error).
pub(crate) fn add_working_days(args: &[String]) -> Result<bool, UsageError> {
    let line = split_options(args, &["--catalog", "--lang"])?;
    let (date, days) = match line.positional.as_slice() {
        [date, days] => (*date, *days),
        [] => return Err(UsageError::MissingArgument("YYYY-MM-DD N")),
        [_] => return Err(UsageError::MissingArgument("N")),
        [_, _, extra, ..] => return Err(UsageError::UnexpectedArgument((*extra).to_owned())),
    };
    let date = parse_date(date).ok_or(UsageError::Arg(ArgError::InvalidDate))?;
    let days = parse_days(days).ok_or(UsageError::WorkingDays)?;
    let due = with_calendar(&line, |calendar| calendar.add_working_days(date, days))?
        .map_err(|e| UsageError::coded(&e))?;
    crate::out::line(&due.to_string());
    Ok(true)
}

/// Prints the years whose holiday arrangement the calendar has, one a line: the shipped
/// years, and with `--catalog` the catalogue's own. No deadline is counted into another
/// year, so a district checks for the next one ahead of 31 December.
pub(crate) fn years(args: &[String]) -> Result<bool, UsageError> {
    let line = split_options(args, &["--catalog", "--lang"])?;
    if let Some(extra) = line.positional.first() {
        return Err(UsageError::UnexpectedArgument((*extra).to_owned()));
    }
    for year in with_calendar(&line, WorkCalendar::known_years)? {
        crate::out::line(&year.to_string());
    }
    Ok(true)
}

/// `ask` of the engine's calendar with `--catalog`, else of the shipped one (built only
/// then).
fn with_calendar<T>(
    line: &CommandLine<'_>,
    ask: impl FnOnce(&WorkCalendar) -> T,
) -> Result<T, UsageError> {
    let lang = parse_lang(line.option("--lang")).map_err(UsageError::Arg)?;
    Ok(match line.option("--catalog") {
        Some(file) => ask(crate::stamp::engine(Some(file), lang)?.calendar()),
        None => ask(&WorkCalendar::china()),
    })
}

/// A count of working days: ASCII digits only (no sign, no spaces), within `u32`.
fn parse_days(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
