//! `doorstep catalog lint` and `doorstep validate`: the catalogue and the form engine.

use std::path::Path;

use chrono::NaiveDate;
use doorstep::args::{CheckOptions, parse_lang};
use doorstep::catalog::{self, Catalog, bundle};
use doorstep::input::{self, InputError};
use doorstep::{Coded, Lang, form};
use serde_json::{Value, json};

use crate::id::today;
use crate::usage::{UsageError, split_options};

/// Reads a file, mapping an unreadable one to a usage error.
fn read(path: &str) -> Result<Vec<u8>, UsageError> {
    std::fs::read(Path::new(path)).map_err(|e| UsageError::File(path.to_owned(), e))
}

/// The reference date and language of a command.
fn date_and_lang(at: Option<&str>, lang: Option<&str>) -> Result<(NaiveDate, Lang), UsageError> {
    let parsed = CheckOptions::parse(None, at, None, today).map_err(UsageError::Arg)?;
    Ok((parsed.at, parse_lang(lang).map_err(UsageError::Arg)?))
}

/// `doorstep catalog lint [--at DATE] [--lang zh|en] FILE`: one line per problem, with its
/// JSON Pointer; `Ok(no_problems)`.
pub(crate) fn lint(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(args, &["--at", "--lang"])?;
    let [file] = command.positional.as_slice() else {
        return Err(UsageError::NoValues);
    };
    let (at, lang) = date_and_lang(command.option("--at"), command.option("--lang"))?;
    let bytes = read(file)?;
    let problems = match std::str::from_utf8(&bytes) {
        Ok(text) => catalog::lint_json(text, at, lang),
        Err(_) => vec![InputError::NotUtf8.to_problem(lang)],
    };
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
        Lang::En => format!("{file}: {} problems", problems.len()),
    };
    crate::out::line(&summary);
    Ok(problems.is_empty())
}

/// `doorstep validate --catalog FILE (--matter CODE | --bundle CODE) [--at DATE]
/// [--lang zh|en] FORM.json`: prints `{"valid", "errors", "normalized"}`; `Ok(valid)`.
pub(crate) fn validate(args: &[String]) -> Result<bool, UsageError> {
    let command = split_options(
        args,
        &["--catalog", "--matter", "--bundle", "--at", "--lang"],
    )?;
    let [answer_file] = command.positional.as_slice() else {
        return Err(UsageError::NoValues);
    };
    let (at, lang) = date_and_lang(command.option("--at"), command.option("--lang"))?;
    let catalog_file = command
        .option("--catalog")
        .ok_or(UsageError::MissingValue("--catalog"))?;
    let bad_input = |e: InputError| UsageError::Input(e, lang);
    let catalog: Catalog = input::parse_json_bytes(&read(catalog_file)?, input::MAX_CATALOG_BYTES)
        .map_err(bad_input)?;
    let answer: Value =
        input::parse_json_bytes(&read(answer_file)?, input::MAX_ANSWER_BYTES).map_err(bad_input)?;
    let out = match (command.option("--matter"), command.option("--bundle")) {
        (Some(code), None) => {
            let matter = catalog
                .matter_on(code, at)
                .ok_or_else(|| UsageError::UnknownCode(code.to_owned()))?;
            let report = form::validate(&matter.form, &answer, at, lang);
            json!({ "valid": report.valid, "errors": report.errors, "normalized": report.normalized })
        }
        (None, Some(code)) => {
            let b = catalog
                .bundle(code)
                .ok_or_else(|| UsageError::UnknownCode(code.to_owned()))?;
            let report = bundle::validate_bundle(&catalog, b, &answer, at, lang);
            json!({
                "valid": report.form.valid,
                "matters": report.matters,
                "errors": report.form.errors,
                "normalized": report.form.normalized,
            })
        }
        _ => return Err(UsageError::MatterOrBundle),
    };
    crate::out::line(&out.to_string());
    Ok(out.get("valid") == Some(&Value::Bool(true)))
}
