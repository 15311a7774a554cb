//! `doorstep catalog matters | bundles | form | materials | prefill`: what a page asks the
//! catalogue besides validation, each answer one line of JSON as the engine gives it.
//!
//! The catalogue is loaded (and so linted) as of today and `--at` dates only the query, so
//! that a query about a past date still loads a catalogue whose examples are valid today
//! (`validate` too loads it as of today, and checks the answer as of its `--at`).

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::args::ArgError;
use doorstep::engine::{Engine, EngineError, Target};
use serde_json::{Value, json};

use crate::catalog::{date_and_lang, json_file, load, target};
use crate::usage::{CommandLine, UsageError, split_options};

/// The options every query takes.
const DATED: [&str; 3] = ["--catalog", "--at", "--lang"];

/// A query's command line, checked whole before any file is read.
struct Query<'a> {
    command: CommandLine<'a>,
    /// The `--catalog` file.
    catalog: &'a str,
    /// The date the catalogue is loaded as of: today.
    today: NaiveDate,
    /// The date of the query (`--at`, today by default).
    at: NaiveDate,
    lang: Lang,
}

impl<'a> Query<'a> {
    /// Reads the options `names` (`--catalog` among them) and at most `arguments`
    /// positional arguments.
    fn parse(
        args: &'a [String],
        names: &[&'static str],
        arguments: usize,
    ) -> Result<Self, UsageError> {
        let command = split_options(args, names)?;
        if let Some(extra) = command.positional.get(arguments) {
            return Err(UsageError::UnexpectedArgument((*extra).to_owned()));
        }
        let (at, lang) = date_and_lang(command.option("--at"), command.option("--lang"))?;
        let catalog = command
            .option("--catalog")
            .ok_or(UsageError::MissingOption("--catalog"))?;
        let today = crate::id::today().ok_or(UsageError::Arg(ArgError::Clock))?;
        Ok(Self {
            command,
            catalog,
            today,
            at,
            lang,
        })
    }

    /// A query about one matter or bundle: the dated options, `--matter`, `--bundle` and
    /// `extra`; at most `arguments` positional arguments.
    fn about_target(
        args: &'a [String],
        extra: Option<&'static str>,
        arguments: usize,
    ) -> Result<(Self, Target), UsageError> {
        let mut names = DATED.to_vec();
        names.extend(["--matter", "--bundle"]);
        names.extend(extra);
        let query = Self::parse(args, &names, arguments)?;
        let target = target(&query.command)?;
        Ok((query, target))
    }

    /// The positional argument (QUERY, ANSWER.json), if given.
    fn argument(&self) -> Option<&'a str> {
        self.command.positional.first().copied()
    }

    fn engine(&self) -> Result<Engine, UsageError> {
        load(self.catalog, self.today, self.lang)
    }

    /// An engine refusal as a usage error in the query's language.
    fn refused(&self) -> impl Fn(EngineError) -> UsageError {
        let lang = self.lang;
        move |e| UsageError::Engine(e, lang)
    }
}

/// Prints the answer as one line of JSON; `true`, all good.
fn answer(value: &Value) -> bool {
    crate::out::line(&value.to_string());
    true
}

/// `doorstep catalog matters --catalog FILE [--at DATE] [--lang zh|en] [QUERY]`: the
/// matters in effect each word of QUERY is in the code, name, 检索词 or department name of
/// (all without it).
pub(crate) fn matters(args: &[String]) -> Result<bool, UsageError> {
    search(args, Engine::matters)
}

/// `doorstep catalog bundles --catalog FILE [--at DATE] [--lang zh|en] [QUERY]`: the
/// bundles with a member in effect each word of QUERY is in the code, name, 检索词 or lead
/// department's name of, or in a member's code, name or 检索词 (all without it).
pub(crate) fn bundles(args: &[String]) -> Result<bool, UsageError> {
    search(args, Engine::find_bundles)
}

/// A search of the catalogue (`find`: matters or bundles) by QUERY as of `--at`.
fn search<T: serde::Serialize>(
    args: &[String],
    find: fn(&Engine, &str, NaiveDate) -> Vec<T>,
) -> Result<bool, UsageError> {
    let query = Query::parse(args, &DATED, 1)?;
    let found = find(
        &query.engine()?,
        query.argument().unwrap_or_default(),
        query.at,
    );
    Ok(answer(&json!(found)))
}

/// `doorstep catalog form --catalog FILE (--matter CODE | --bundle CODE) [--at DATE]
/// [--lang zh|en]`: the form to render.
pub(crate) fn form(args: &[String]) -> Result<bool, UsageError> {
    let (query, target) = Query::about_target(args, None, 0)?;
    let form = query
        .engine()?
        .form(&target, query.at)
        .map_err(query.refused())?;
    Ok(answer(&json!(form)))
}

/// `doorstep catalog materials --catalog FILE (--matter CODE | --bundle CODE)
/// [--available SOURCE,…] [--at DATE] [--lang zh|en] [ANSWER.json]`: the documents to
/// bring for the answer (`{}` without one), minus those the sources stand for.
pub(crate) fn materials(args: &[String]) -> Result<bool, UsageError> {
    let (query, target) = Query::about_target(args, Some("--available"), 1)?;
    let available: Vec<&str> = query
        .command
        .option("--available")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|source| !source.is_empty())
        .collect();
    let engine = query.engine()?;
    let filled = match query.argument() {
        Some(file) => json_file(file, query.lang)?,
        None => json!({}),
    };
    let materials = engine
        .materials(&target, &filled, &available, query.at)
        .map_err(query.refused())?;
    Ok(answer(&json!(materials)))
}

/// `doorstep catalog prefill --catalog FILE (--matter CODE | --bundle CODE) --shared
/// SHARED.json [--at DATE] [--lang zh|en] ANSWER.json`: the answer with its empty fields
/// that declare a shared-data source filled from SHARED.json.
pub(crate) fn prefill(args: &[String]) -> Result<bool, UsageError> {
    let (query, target) = Query::about_target(args, Some("--shared"), 1)?;
    let answer_file = query
        .argument()
        .ok_or(UsageError::MissingArgument("ANSWER.json"))?;
    let shared_file = query
        .command
        .option("--shared")
        .ok_or(UsageError::MissingOption("--shared"))?;
    let engine = query.engine()?;
    let filled = json_file(answer_file, query.lang)?;
    let shared = json_file(shared_file, query.lang)?;
    let prefilled = engine
        .prefill(&target, &shared, &filled, query.at)
        .map_err(query.refused())?;
    Ok(answer(&prefilled))
}
