//! `doorstep case replay`: stored case events (办件事件, JSON Lines) replayed against a
//! catalogue, as a district checks what a station's system sends in; `doorstep case
//! timeline`: one case's timeline from them, as the citizen sees it.
//!
//! `replay` output, one JSON document per line:
//!
//! - first one `{"case": CASE}` line per case the events build, in case id order, each the
//!   case's final state (the shape every binding returns);
//! - then one `{"rejected": {"line", "index", "code", "params"?, "message"}}` line per
//!   refused line, in line order: a line that is not an event (`input.*`; the lines of
//!   reviews and complaints, as `demo --out` writes them beside case events, are skipped),
//!   an event that
//!   cannot follow its case (`case.event_version`, `case.duplicate_event`,
//!   `case.wrong_status`, ...) or that the catalogue contradicts (`case.unknown_matter`,
//!   `case.invalid_stamp`). `line` is 1-based, `index` 0-based.
//!
//! Exit status 0 when no line was refused, 1 when some was, 2 when the replay could not run
//! (an unreadable events file, a catalogue that cannot be loaded, a bad
//! option; the message on standard error).

use doorstep::args::parse_lang;
use doorstep::case::MAX_EVENTS_BYTES;
use serde_json::json;

use crate::stamp::{engine, one_file, read};
use crate::usage::{UsageError, split_options};

/// `doorstep case replay --catalog FILE [--lang zh-CN|en] EVENTS.jsonl`: prints every case
/// and every refused line; `Ok(nothing_refused)`.
pub(crate) fn replay(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--catalog", "--lang"])?;
    let file = one_file(&command.positional, "EVENTS.jsonl")?;
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let engine = engine(command.option("--catalog"), lang)?;
    let bytes = read(file, MAX_EVENTS_BYTES)?;
    // A line that is not UTF-8 is refused on its own, like any other bad line.
    let report = engine.replay_jsonl_bytes(&bytes, lang);
    for case in &report.cases {
        crate::out::line(&json!({ "case": case }).to_string());
    }
    for rejected in &report.rejected {
        crate::out::line(&json!({ "rejected": rejected }).to_string());
    }
    Ok(report.rejected.is_empty())
}

/// `doorstep case timeline [--lang zh-CN|en] EVENTS.jsonl CASE`: prints the case's timeline
/// (`{"outcome": "found", "timeline": {...}}`: for a 一件事 with its member cases and their
/// joined state, and the cases started by themselves, 免申即办) or why there is none
/// (`{"outcome": "refused", "error": {...}}`: `case.not_found`, or a line that is not an
/// event); `Ok(found)`. Needs no catalogue: the events say it all.
pub(crate) fn timeline(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--lang"])?;
    let [file, case] = command.positional.as_slice() else {
        return Err(match command.positional.get(2) {
            Some(extra) => UsageError::UnexpectedArgument((*extra).to_owned()),
            None => UsageError::MissingArgument("EVENTS.jsonl CASE"),
        });
    };
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let bytes = read(file, MAX_EVENTS_BYTES)?;
    let outcome = doorstep::case::timeline_jsonl(&bytes, case, lang);
    crate::out::line(&serde_json::to_string(&outcome).unwrap_or_default());
    Ok(matches!(
        outcome,
        doorstep::case::TimelineOutcome::Found { .. }
    ))
}
