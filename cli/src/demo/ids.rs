//! `doorstep demo ids`: the identifier checks on sample values, as a window clerk would see them.

use doorstep::args::CheckOptions;
use doorstep::ids::{self, IdReport};
use doorstep::{Lang, calendar};

use crate::usage::{UsageError, split_options};

/// Sample values: the standards' own examples, and typical mistakes at a window.
const SAMPLES: [&str; 12] = [
    "11010519491231002X",
    "440524188001010014",
    "350205900307123",
    "810000199001010027",
    "110105194912310021",
    "350205199902301237",
    "9144030071526726XG",
    "91350100M000100I43",
    "+86 139-1234-5678",
    "0592-6881234",
    "361026",
    "6217 0012 3456 7890 122",
];

/// Prints each sample's report as a line of text; always succeeds.
pub(crate) fn run(args: &[&str]) -> Result<bool, UsageError> {
    let owned: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let command = split_options(&owned, &["--lang"])?;
    if let Some(extra) = command.positional.first() {
        return Err(UsageError::UnexpectedArgument((*extra).to_owned()));
    }
    // The demo pins its reference date so that its output is the same every day.
    let at = calendar::parse_date("2024-10-15");
    let parsed = CheckOptions::parse(None, None, command.option("--lang"), || at)
        .map_err(UsageError::Arg)?;
    let lang = parsed.lang;
    crate::out::line(lang.pick(
        "doorstep 号码核验演示（参照日期 2024-10-15）",
        "doorstep identifier checks (reference date 2024-10-15)",
    ));
    for value in SAMPLES {
        let report = ids::report(value, None, parsed.at, lang);
        crate::out::line(&line(&report, lang));
    }
    Ok(true)
}

/// One human-readable line: kind, masked value, verdict, facts or problems.
fn line(report: &IdReport, lang: Lang) -> String {
    let kind = report.kind.map_or("?", |k| k.label(lang));
    let Some(facts) = &report.facts else {
        let problems: Vec<String> = report
            .errors
            .iter()
            .map(|p| format!("[{}] {}", p.code, p.message))
            .collect();
        return format!(
            "✘ {kind} {} {}",
            ids::mask_any(&report.value),
            problems.join("; ")
        );
    };
    let mut details = Vec::new();
    if let Some(d) = facts.birth_date {
        details.push(d.to_string());
    }
    if let Some(sex) = facts.sex {
        let sex = match sex {
            ids::Sex::Male => lang.pick("男", "male"),
            ids::Sex::Female => lang.pick("女", "female"),
        };
        details.push(sex.to_owned());
    }
    if let Some(region) = &facts.region {
        details.push(region.province.name.to_owned());
    }
    if let Some(t) = facts.entity_type {
        details.push(t.name.to_owned());
    }
    if facts.upgraded == Some(true) {
        details.push(
            lang.pick("15 位已升级", "upgraded from 15 digits")
                .to_owned(),
        );
    }
    format!("✔ {kind} {} {}", facts.masked, details.join(" "))
}
