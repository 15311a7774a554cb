//! `doorstep id check`: one JSON report per value.

use chrono::Utc;
use doorstep::args::CheckOptions;
use doorstep::calendar::cst_date_from_unix_millis;
use doorstep::ids;

use crate::lines::read_line;
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
            let mut input = std::io::stdin().lock();
            let mut line = Vec::new();
            while read_line(&mut input, LINE_MAX, &mut line).map_err(UsageError::Stdin)? {
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

/// The bytes of a line of standard input past which the rest is skipped
/// ([`read_line`] keeps one more): a value longer than [`ids::MAX_INPUT_LEN`] bytes is
/// refused unread and shown by its first characters within that many, which the first
/// `MAX_INPUT_LEN + 4` bytes decide (lossy UTF-8 decoding looks at most 3 bytes ahead). So a
/// document piped in as one line is checked in a fixed amount of memory, with the report it
/// would have had whole.
const LINE_MAX: usize = ids::MAX_INPUT_LEN + 64;

/// Today in China Standard Time, by this machine's clock.
pub(crate) fn today() -> Option<chrono::NaiveDate> {
    cst_date_from_unix_millis(Utc::now().timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Vec<u8>> {
        // A small buffer, so that lines cross its refills.
        let mut input = std::io::BufReader::with_capacity(7, input);
        let mut line = Vec::new();
        let mut out = Vec::new();
        while read_line(&mut input, LINE_MAX, &mut line).unwrap() {
            out.push(line.clone());
        }
        out
    }

    #[test]
    fn lines_are_split_as_split_splits_them_and_cut_past_the_kept_bytes() {
        for input in [
            &b""[..],
            b"\n",
            b"a",
            b"a\n",
            b"13912345678\n0592-6881234\r\n\n350205199003071239",
            b"\xff\xfe\n\n\n",
        ] {
            let split: Vec<Vec<u8>> = input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            // `split` gives an empty last piece after a final `\n`; `BufRead::split` does not.
            let expected = match split.split_last() {
                Some((last, rest)) if last.is_empty() => rest.to_vec(),
                _ => split,
            };
            assert_eq!(lines(input), expected, "{input:?}");
        }
        let long = [b"1".repeat(1000), b"\n22\n".to_vec()].concat();
        assert_eq!(lines(&long), [b"1".repeat(LINE_MAX + 1), b"22".to_vec()]);
    }

    #[test]
    fn a_cut_line_is_reported_as_the_whole_line() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let report = |bytes: &[u8]| {
            ids::report(
                &String::from_utf8_lossy(bytes),
                None,
                at,
                doorstep::Lang::En,
            )
        };
        let mut cases = vec![
            "号".repeat(400).into_bytes(),
            [b" ".repeat(300), b"350205199003071239".to_vec()].concat(),
        ];
        // An invalid byte, or a character cut in two, at every place around the first 64
        // bytes and around the cut.
        for offset in (60..70).chain(LINE_MAX - 4..LINE_MAX + 4) {
            cases.push([b"1".repeat(offset), b"\xff".to_vec(), b"2".repeat(300)].concat());
            cases.push([b"1".repeat(offset), "号".repeat(100).into_bytes()].concat());
        }
        for whole in cases {
            let kept = &lines(&whole)[0];
            assert!(kept.len() <= LINE_MAX + 1);
            assert_eq!(report(kept), report(&whole), "{whole:?}");
        }
    }
}
