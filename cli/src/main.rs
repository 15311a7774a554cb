//! `doorstep`: the command-line face of the doorstep engine.
//!
//! A thin host: it reads arguments and the clock, calls the core, and prints.
//! Exit status: 0 all good, 1 some input invalid (or some event refused), 2 usage error.

mod calendar;
mod case;
mod catalog;
mod demo;
mod id;
mod out;
mod policy;
mod stamp;
mod usage;

use std::ffi::OsString;
use std::process::ExitCode;

use usage::UsageError;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("doorstep: {e}");
            eprintln!("{}", usage::USAGE);
            ExitCode::from(2)
        }
    }
}

/// Runs one command; `Ok(all_valid)`.
fn run(args: &[OsString]) -> Result<bool, UsageError> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Err(UsageError::NoCommand),
        ["help" | "--help" | "-h", ..] => {
            out::line(usage::USAGE);
            Ok(true)
        }
        ["--version" | "-V" | "version"] => {
            out::line(&format!("doorstep {}", env!("CARGO_PKG_VERSION")));
            Ok(true)
        }
        ["demo", rest @ ..] => demo::run(rest),
        ["id", "check", ..] => id::run(words.get(2..).unwrap_or_default()),
        ["catalog", "lint", ..] => catalog::lint(words.get(2..).unwrap_or_default()),
        ["calendar", "add-working-days", ..] => {
            calendar::add_working_days(words.get(2..).unwrap_or_default())
        }
        ["validate", ..] => catalog::validate(words.get(1..).unwrap_or_default()),
        ["stamp", "verify", ..] => stamp::verify(words.get(2..).unwrap_or_default()),
        ["ledger", "verify", ..] => stamp::verify_ledger(words.get(2..).unwrap_or_default()),
        ["case", "replay", ..] => case::replay(words.get(2..).unwrap_or_default()),
        ["case", "timeline", ..] => case::timeline(words.get(2..).unwrap_or_default()),
        ["metrics", ..] => demo::metrics(words.get(1..).unwrap_or_default()),
        ["policy", "match", ..] => policy::run_match(words.get(2..).unwrap_or_default()),
        [other, ..] => Err(UsageError::UnknownCommand((*other).to_owned())),
    }
}
