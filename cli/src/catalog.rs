//! `doorstep catalog lint` and `doorstep validate`: the catalogue and the form engine; the
//! pieces the catalogue's queries share (see `crate::query`).

use chrono::NaiveDate;
use doorstep::args::{CheckOptions, parse_lang};
use doorstep::catalog;
use doorstep::engine::{Engine, EngineError, Target};
use doorstep::input::{self, MAX_ANSWER_BYTES, MAX_CATALOG_BYTES};
use doorstep::{Coded, Lang};
use serde_json::Value;

use crate::id::today;
use crate::stamp::{one_file, read, text};
use crate::usage::{CommandLine, UsageError, split_options};

/// The reference date and language of a command.
pub(crate) fn date_and_lang(
    at: Option<&str>,
    lang: Option<&str>,
) -> Result<(NaiveDate, Lang), UsageError> {
    let parsed = CheckOptions::parse(None, at, None, today).map_err(UsageError::Arg)?;
    Ok((parsed.at, parse_lang(lang).map_err(UsageError::Arg)?))
}

/// The matter or bundle `--matter CODE` / `--bundle CODE` name: exactly one of them.
pub(crate) fn target(command: &CommandLine<'_>) -> Result<Target, UsageError> {
    match (command.option("--matter"), command.option("--bundle")) {
        (Some(code), None) => Ok(Target::matter(code)),
        (None, Some(code)) => Ok(Target::bundle(code)),
        _ => Err(UsageError::MatterOrBundle),
    }
}

/// The engine over the catalogue in `file`, loaded (and so linted) as of `at`; the
/// problems of a catalogue that fails lint worded in `lang`.
pub(crate) fn load(file: &str, at: NaiveDate, lang: Lang) -> Result<Engine, UsageError> {
    let bytes = read(file, MAX_CATALOG_BYTES)?;
    let text = text(&bytes, MAX_CATALOG_BYTES).map_err(|e| UsageError::Input(e, lang))?;
    Engine::load(text, at).map_err(|e| match e {
        // The engine words them in Chinese; linted again only to say why it refuses.
        EngineError::CatalogInvalid(_) if lang != Lang::ZhCn => UsageError::Engine(
            EngineError::CatalogInvalid(catalog::lint_json(text, at, lang)),
            lang,
        ),
        e => UsageError::Engine(e, lang),
    })
}

/// The JSON document (an answer, shared data) in `file`, within the answer's size limit.
pub(crate) fn json_file(file: &str, lang: Lang) -> Result<Value, UsageError> {
    input::parse_json_bytes(&read(file, MAX_ANSWER_BYTES)?, MAX_ANSWER_BYTES)
        .map_err(|e| UsageError::Input(e, lang))
}

/// `doorstep catalog lint [--at DATE] [--lang zh|en] FILE`: one line per problem, with its
/// JSON Pointer; `Ok(no_problems)`. A file that is not a catalogue at all (not UTF-8, not
/// JSON, too large or deep, not an object) is reported the same way but is bad input, exit
/// 2, as every other command reports it; a value the catalogue's types refuse (a date that
/// does not exist, at its path; a missing key, at its object's) is a problem to fix like any
/// other, exit 1.
pub(crate) fn lint(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--at", "--lang"])?;
    let file = one_file(&command.positional, "FILE")?;
    let (at, lang) = date_and_lang(command.option("--at"), command.option("--lang"))?;
    let bytes = read(file, MAX_CATALOG_BYTES)?;
    let (problems, object) = match text(&bytes, MAX_CATALOG_BYTES) {
        Ok(text) => {
            let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r']);
            (catalog::lint_json(text, at, lang), start.starts_with('{'))
        }
        Err(e) => (vec![e.to_problem(lang)], false),
    };
    // A wrong shape is the author's to fix (a missing key, at the top level too), unless
    // the document is not an object at all.
    let unreadable = problems.iter().any(|p| {
        p.code.starts_with("input.")
            && (p.code != "input.shape" || (p.path.as_deref() == Some("") && !object))
    });
    // The file as the lines name it: a number in its name masked, as usage errors mask it.
    let file = crate::usage::echo(file);
    for p in &problems {
        crate::out::line(&format!(
            "{file}#{}: [{}] {}",
            p.path.as_deref().unwrap_or_default(),
            p.code,
            p.message
        ));
    }
    let summary = match lang {
        Lang::ZhCn => format!("{file}：发现 {} 个问题", problems.len()),
        Lang::En if problems.len() == 1 => format!("{file}: 1 problem"),
        Lang::En => format!("{file}: {} problems", problems.len()),
    };
    crate::out::line(&summary);
    if unreadable {
        return Err(UsageError::Unusable);
    }
    Ok(problems.is_empty())
}

/// `doorstep validate --catalog FILE (--matter CODE | --bundle CODE) [--at DATE]
/// [--lang zh|en] FORM.json`: prints `{"matters", "valid", "errors", "normalized"}`;
/// `Ok(valid)`.
pub(crate) fn validate(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(
        args,
        &[
            "--catalog",
            "--matter",
            "--bundle",
            "--at",
            "--lang",
            "--shared",
        ],
    )?;
    let answer_file = one_file(&command.positional, "FORM.json")?;
    let (at, lang) = date_and_lang(command.option("--at"), command.option("--lang"))?;
    let catalog_file = command
        .option("--catalog")
        .ok_or(UsageError::MissingOption("--catalog"))?;
    // The command line is checked whole before any file is read.
    let target = target(&command)?;
    // Loaded (and so linted) as of today, as the queries load it: `--at` dates the
    // validation, so an answer is checked as of its filing day against a catalogue whose
    // examples are valid now.
    let engine = crate::stamp::engine(Some(catalog_file), lang)?;
    let answer = json_file(answer_file, lang)?;
    // Shared data (数据共享) fills the empty fields that declare a source.
    let answer = match command.option("--shared") {
        Some(file) => {
            let shared = json_file(file, lang)?;
            engine
                .prefill(&target, &shared, &answer, at)
                .map_err(|e| UsageError::Engine(e, lang))?
        }
        None => answer,
    };
    let report = engine
        .validate(&target, &answer, at, lang)
        .map_err(|e| UsageError::Engine(e, lang))?;
    // The core's report as it is, the shape every binding prints.
    crate::out::line(&serde_json::to_string(&report).unwrap_or_default());
    Ok(report.form.valid)
}
