//! `doorstep`: the command-line face of the doorstep engine.
//!
//! A thin host: it reads arguments and the clock, calls the core, and prints.
//! Exit status: 0 all good, 1 some input invalid (a number, a form, catalogue problems, a
//! refused event), 2 a usage error or input that cannot be used.

mod calendar;
mod case;
mod catalog;
mod demo;
mod id;
mod lines;
mod out;
mod policy;
mod query;
mod stamp;
mod usage;

use std::process::ExitCode;

use usage::UsageError;

fn main() -> ExitCode {
    let words: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match run(&words) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            out::note(&format!("doorstep: {e}"));
            // The usage helps with a mistyped command line, not with a file or a code it
            // names: then the error says all there is.
            if e.is_command_line() {
                out::note(&usage::usage_for(&words));
            }
            ExitCode::from(2)
        }
    }
}

/// Runs one command; `Ok(all_valid)`.
fn run(words: &[String]) -> Result<bool, UsageError> {
    // `doorstep COMMAND … --help`: that command's usage (after `--`, words are arguments).
    let help = |w: &&String| *w == "--help" || *w == "-h";
    if words.len() > 1 && words.iter().take_while(|w| *w != "--").any(|w| help(&w)) {
        let typed: Vec<String> = words.iter().filter(|w| !help(w)).cloned().collect();
        out::line(&usage::usage_for(&typed));
        return Ok(true);
    }
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
        ["--version" | "-V" | "version", extra, ..] => {
            Err(UsageError::UnexpectedArgument((*extra).to_owned()))
        }
        ["demo", rest @ ..] => demo::run(rest),
        ["id", "check", ..] => id::run(words.get(2..).unwrap_or_default()),
        ["catalog", "lint", ..] => catalog::lint(words.get(2..).unwrap_or_default()),
        ["catalog", "matters", ..] => query::matters(words.get(2..).unwrap_or_default()),
        ["catalog", "bundles", ..] => query::bundles(words.get(2..).unwrap_or_default()),
        ["catalog", "form", ..] => query::form(words.get(2..).unwrap_or_default()),
        ["catalog", "materials", ..] => query::materials(words.get(2..).unwrap_or_default()),
        ["catalog", "prefill", ..] => query::prefill(words.get(2..).unwrap_or_default()),
        ["calendar", "add-working-days", ..] => {
            calendar::add_working_days(words.get(2..).unwrap_or_default())
        }
        ["calendar", "years", ..] => calendar::years(words.get(2..).unwrap_or_default()),
        ["validate", ..] => catalog::validate(words.get(1..).unwrap_or_default()),
        ["stamp", "verify", ..] => stamp::verify(words.get(2..).unwrap_or_default()),
        ["ledger", "verify", ..] => stamp::verify_ledger(words.get(2..).unwrap_or_default()),
        ["case", "replay", ..] => case::replay(words.get(2..).unwrap_or_default()),
        ["case", "timeline", ..] => case::timeline(words.get(2..).unwrap_or_default()),
        ["metrics", ..] => demo::metrics(words.get(1..).unwrap_or_default()),
        ["policy", "match", ..] => policy::run_match(words.get(2..).unwrap_or_default()),
        [command, rest @ ..] => {
            let subcommands = usage::subcommands(command);
            Err(match rest.first() {
                _ if subcommands.is_empty() => UsageError::UnknownCommand((*command).to_owned()),
                None => UsageError::MissingSubcommand((*command).to_owned(), subcommands),
                Some(sub) => UsageError::UnknownCommand(format!("{command} {sub}")),
            })
        }
    }
}
