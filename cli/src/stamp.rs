//! `doorstep stamp verify` and `doorstep ledger verify`: a stamp (盖章) checked against the
//! catalogue's registry of grants and seals, and a 用印台账 checked line by line.
//!
//! Both print the core's report as one line of JSON (the shape every binding returns) and
//! exit 0 when it is valid, 1 when it is not; a file that cannot be read or used is a usage
//! error (exit 2, the message on standard error).

use std::io::Read;
use std::path::Path;

use doorstep::Lang;
use doorstep::args::parse_lang;
use doorstep::authority::ledger::{LedgerHead, MAX_LEDGER_BYTES};
use doorstep::authority::{MAX_STAMP_BYTES, Stamp};
use doorstep::engine::Engine;
use doorstep::input::{InputError, MAX_ANSWER_BYTES};

use crate::id::today;
use crate::usage::{UsageError, split_options};

/// Reads at most `max + 1` bytes of a file (`-`: standard input, as `id check -` reads
/// it): enough for the core to tell that it is over its limit, without reading a huge file
/// whole. An unreadable file is a usage error.
pub(crate) fn read(path: &str, max: usize) -> Result<Vec<u8>, UsageError> {
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(Path::new(path))
            .and_then(|file| file.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| UsageError::File(path.to_owned(), e))?;
    Ok(bytes)
}

/// The text of a document [`read`] with limit `max`. One over the limit is too large
/// whatever its bytes, as the core checks the size first: the read stopped just past the
/// limit, perhaps inside a character, and that cut says nothing of the document's encoding.
pub(crate) fn text(bytes: &[u8], max: usize) -> Result<&str, InputError> {
    if bytes.len() > max {
        return Err(InputError::TooLarge { max });
    }
    std::str::from_utf8(bytes).map_err(|_| InputError::NotUtf8)
}

/// The one positional argument of a command, named `name` in the usage.
pub(crate) fn one_file<'a>(
    positional: &[&'a str],
    name: &'static str,
) -> Result<&'a str, UsageError> {
    match positional {
        [file] => Ok(file),
        [] => Err(UsageError::MissingArgument(name)),
        [_, extra, ..] => Err(UsageError::UnexpectedArgument((*extra).to_owned())),
    }
}

/// Loads the catalogue of `--catalog` as `doorstep validate` does (linted as of today); a
/// catalogue that cannot be read or fails lint is a usage error.
pub(crate) fn engine(file: Option<&str>, lang: Lang) -> Result<Engine, UsageError> {
    let file = file.ok_or(UsageError::MissingOption("--catalog"))?;
    let at = today().ok_or(UsageError::Arg(doorstep::args::ArgError::Clock))?;
    crate::catalog::load(file, at, lang)
}

/// `doorstep stamp verify --catalog FILE [--lang zh-CN|en] STAMP.json`: prints the verdict
/// `{"valid", "actsInNameOf", "chain", "failures"}`; `Ok(valid)`.
pub(crate) fn verify(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--catalog", "--lang"])?;
    let file = one_file(&command.positional, "STAMP.json")?;
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let engine = engine(command.option("--catalog"), lang)?;
    let bad_input = |e: InputError| UsageError::Input(e, lang);
    let bytes = read(file, MAX_STAMP_BYTES)?;
    let text = text(&bytes, MAX_STAMP_BYTES).map_err(bad_input)?;
    let stamp = Stamp::from_json(text).map_err(bad_input)?;
    let report = engine.verify_stamp(&stamp).report(lang);
    crate::out::line(&serde_json::to_string(&report).unwrap_or_default());
    Ok(report.valid)
}

/// `doorstep ledger verify --catalog FILE [--head HEAD.json] [--lang zh-CN|en]
/// LEDGER.jsonl`: prints the report `{"valid", "entries", "head", "problems"}`, each problem
/// with its line; `Ok(valid)`.
pub(crate) fn verify_ledger(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--catalog", "--head", "--lang"])?;
    let file = one_file(&command.positional, "LEDGER.jsonl")?;
    let lang = parse_lang(command.option("--lang")).map_err(UsageError::Arg)?;
    let engine = engine(command.option("--catalog"), lang)?;
    let head: Option<LedgerHead> = match command.option("--head") {
        // Read as every binding reads a kept head (at most 1 KiB, a count and hash it can be).
        Some(head) => Some(
            text(&read(head, MAX_ANSWER_BYTES)?, MAX_ANSWER_BYTES)
                .and_then(LedgerHead::from_json)
                .map_err(|e| UsageError::Input(e, lang))?,
        ),
        None => None,
    };
    let bytes = read(file, MAX_LEDGER_BYTES)?;
    // A changed byte may leave a line that is not UTF-8: it stays a changed line (every
    // invalid sequence becomes U+FFFD, which no canonical entry holds there), reported on
    // its own line like any other change. No line break is added or removed.
    let text = String::from_utf8_lossy(&bytes);
    let report = engine.verify_ledger(&text, head.as_ref(), lang);
    crate::out::line(&serde_json::to_string(&report).unwrap_or_default());
    Ok(report.valid)
}
