//! `doorstep id check`: one JSON report per value.

use std::io::BufRead;

use chrono::Utc;
use doorstep::args::CheckOptions;
use doorstep::calendar::cst_date_from_unix_millis;
use doorstep::ids;

use crate::usage::{UsageError, split_options};

/// Checks every value given and prints one JSON object per line; `Ok(all_valid)`.
pub(crate) fn run(args: &[String]) -> Result<bool, UsageError> {
    let line = split_options(args, &["--kind", "--at", "--lang"])?;
    let parsed = CheckOptions::parse(
        line.option("--kind"),
        line.option("--at"),
        line.option("--lang"),
        today,
    )
    .map_err(UsageError::Arg)?;
    let values = line.positional;
    if values.is_empty() {
        return Err(UsageError::MissingArgument("VALUE"));
    }
    let mut all_valid = true;
    let mut check = |value: &str| {
        let report = ids::report(value, parsed.kind, parsed.at, parsed.lang);
        all_valid &= report.valid;
        // A report is plain data; serialising it cannot fail.
        crate::out::line(&serde_json::to_string(&report).unwrap_or_default());
    };
    for value in values {
        if value == "-" {
            for line in std::io::stdin().lock().split(b'\n') {
                let line = line.map_err(UsageError::Stdin)?;
                // A line that is not UTF-8 is checked as the same bytes given as an
                // argument are (read lossily): refused on its own, the rest still checked.
                check(&String::from_utf8_lossy(
                    line.strip_suffix(b"\r").unwrap_or(&line),
                ));
            }
        } else {
            check(value);
        }
    }
    Ok(all_valid)
}

/// Today in China Standard Time, by this machine's clock.
pub(crate) fn today() -> Option<chrono::NaiveDate> {
    cst_date_from_unix_millis(Utc::now().timestamp_millis())
}
