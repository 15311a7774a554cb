//! `doorstep policy match`: a station's 摸排登记 list (one profile per line, JSON Lines)
//! matched against the catalogue's policies (免申即享 / 政策匹配到人).
//!
//! Output, one JSON document per profile line, in order: `{"line": n, "matches": [...]}`,
//! every policy in effect on `--at` with `eligible` and its `reasons`, or
//! `{"line": n, "error": {"code", "params"?, "message"}}` for a line that is not a profile
//! (not UTF-8, not JSON, longer than the core's limit, not an object, no valid `kind`).
//! Blank lines are skipped; `n` counts them. No output quotes a profile.
//!
//! Exit status 0 when every line was a profile, 1 when some line was not, 2 when matching
//! could not run (a bad option, an unreadable file, a catalogue that cannot be loaded; the
//! message on standard error).

use std::io::{BufRead, BufReader, Write};

use doorstep::args::{CheckOptions, parse_lang};
use doorstep::policy::MAX_PROFILE_BYTES;

use crate::id::today;
use crate::lines::read_line;
use crate::stamp::{engine, one_file};
use crate::usage::{UsageError, split_options};

/// `doorstep policy match --catalog FILE [--at YYYY-MM-DD] [--lang zh|en] PROFILES.jsonl`
/// (`-`: standard input); `Ok(every_line_a_profile)`.
pub(crate) fn run_match(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--catalog", "--at", "--lang"])?;
    let file = one_file(&command.positional, "PROFILES.jsonl")?;
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let at = CheckOptions::parse(None, command.option("--at"), None, today)
        .map_err(UsageError::Arg)?
        .at;
    let engine = engine(command.option("--catalog"), lang)?;
    let mut reader: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let opened = std::fs::File::open(file).map_err(|e| UsageError::File(file.to_owned(), e))?;
        Box::new(BufReader::new(opened))
    };
    let matcher = engine.policy_matcher(at, lang);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut all_read = true;
    let mut line = Vec::new();
    let mut number = 0;
    while read_line(&mut reader, MAX_PROFILE_BYTES, &mut line)
        .map_err(|e| UsageError::File(file.to_owned(), e))?
    {
        number += 1;
        let text = line.strip_suffix(b"\r").unwrap_or(&line);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let outcome = matcher.line(number, text);
        all_read &= outcome.error.is_none();
        write(
            &mut out,
            &serde_json::to_string(&outcome).unwrap_or_default(),
        );
    }
    if out.flush().is_err() {
        std::process::exit(0);
    }
    Ok(all_read)
}

/// Writes one line; when standard output is gone (the reader closed the pipe), ends the
/// process quietly, as [`crate::out::line`] does.
fn write(out: &mut impl Write, text: &str) {
    if writeln!(out, "{text}").is_err() {
        std::process::exit(0);
    }
}
