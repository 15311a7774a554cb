//! The `doorstep` command as a user runs it: output, exit status, and the shared fixtures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn doorstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

fn reports(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn the_standard_example_is_a_woman_born_1949_12_31() {
    let out = doorstep(&["id", "check", "11010519491231002X"]);
    assert_eq!(out.status.code(), Some(0));
    let r = &reports(&out)[0];
    assert_eq!(r["kind"], "resident_id");
    assert_eq!(r["valid"], true);
    assert_eq!(r["birthDate"], "1949-12-31");
    assert_eq!(r["sex"], "female");
    assert_eq!(r["value"], "11010519491231002X");
}

#[test]
fn the_standard_credit_code_is_valid() {
    let out = doorstep(&["id", "check", "9144030071526726XG"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(reports(&out)[0]["kind"], "credit_code");
    assert_eq!(reports(&out)[0]["valid"], true);
}

#[test]
fn every_bad_input_gives_a_coded_error_and_exit_1() {
    let long = "1".repeat(10 * 1024);
    let cases: [(&[&str], &str); 8] = [
        (&["--kind", "resident_id", "11010519491231002"], "id.length"),
        (&["110105194912310021"], "id.checksum"),
        (&["350205199902301237"], "id.birth_date_invalid"),
        (
            &["--at", "2024-10-15", "350205203001011231"],
            "id.birth_date_future",
        ),
        (&["91350100M000100I43"], "id.character"),
        (&[""], "id.empty"),
        (&[long.as_str()], "id.too_long"),
        (&["１１０１０５１９４９１２３１００２Ｘ"], "id.non_ascii"),
    ];
    for (args, code) in cases {
        let mut all = vec!["id", "check"];
        all.extend_from_slice(args);
        let out = doorstep(&all);
        assert_eq!(out.status.code(), Some(1), "{code}");
        let r = &reports(&out)[0];
        assert_eq!(r["valid"], false, "{code}");
        assert_eq!(r["errors"][0]["code"], code);
        assert!(
            r["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[test]
fn one_invalid_value_among_valid_ones_gives_exit_1_and_a_line_each() {
    let out = doorstep(&["id", "check", "11010519491231002X", "12912345678", "361026"]);
    assert_eq!(out.status.code(), Some(1));
    let valid: Vec<bool> = reports(&out).iter().map(|r| r["valid"] == true).collect();
    assert_eq!(valid, [true, false, true]);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["id", "check"][..],
        &["id", "check", "--kind", "passport", "x"][..],
        &["id", "check", "--at", "1999-02-30", "x"][..],
        &["id", "check", "--lang", "fr", "x"][..],
        &["id", "check", "--bogus", "x"][..],
        &["id", "check", "--at"][..],
        &["frobnicate"][..],
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// A usage error repeats what was typed, but never a whole ID or phone number typed in the
/// wrong place.
#[test]
fn usage_errors_mask_numbers_typed_in_the_wrong_place() {
    for (args, echoed) in [
        (&["350205199003071239"][..], true),
        (&["id", "check", "--kind", "139 1234 5678", "x"][..], false),
        (&["id", "check", "--13912345678", "x"][..], true),
        (
            &[
                "validate",
                "--catalog",
                "/no/such/350205199003071239.json",
                "--matter",
                "M",
                "x",
            ][..],
            true,
        ),
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.contains("***"), echoed, "{args:?}: {stderr}");
        for number in ["350205199003071239", "139 1234 5678", "13912345678"] {
            assert!(!stderr.contains(number), "{args:?}: {stderr}");
        }
    }
}

/// `doorstep ARGS` with `input` on its standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("doorstep runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("doorstep ends")
}

#[test]
fn values_can_come_from_standard_input() {
    let out = with_stdin(
        &["id", "check", "--lang", "en", "-"],
        b"13912345678\n0592-6881234\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let kinds: Vec<Value> = reports(&out).iter().map(|r| r["kind"].clone()).collect();
    assert_eq!(kinds, ["mobile", "landline"]);
}

#[test]
fn the_identifier_demo_runs_and_never_shows_a_whole_id_number() {
    let out = doorstep(&["demo", "ids"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("110105********002X"));
    assert!(!text.contains("11010519491231002X"));
}

/// The shared fixtures through the command line, one more host of the same rules.
#[test]
fn ids_fixtures_through_the_cli() {
    let failures = doorstep::conformance::run("ids.json", |input| {
        let mut args = vec!["id".to_owned(), "check".to_owned()];
        for (name, value) in [
            ("--kind", &input.kind),
            ("--at", &input.at),
            ("--lang", &input.lang),
        ] {
            if let Some(v) = value {
                args.extend([name.to_owned(), v.clone()]);
            }
        }
        args.extend(["--".to_owned(), input.value.clone()]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = doorstep(&refs);
        let report = reports(&out).pop().unwrap_or_default();
        let want_status = i32::from(report["valid"] != true);
        assert_eq!(
            out.status.code(),
            Some(want_status),
            "{}: exit status",
            input.name
        );
        report
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A mistyped command line is answered with the usage of the command typed (all of it
/// when no command is recognised); an error in what the command line names — a file, a
/// code — with the error alone, which says all there is.
#[test]
fn usage_is_shown_for_the_command_line_only() {
    let full = String::from_utf8_lossy(&doorstep(&["help"]).stdout).into_owned();
    let forms = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("  doorstep "))
            .count()
    };
    assert!(forms(&full) >= 12, "{full}");
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    for (args, wanted) in [
        (
            &["validate", "--catalog", catalog, "answer.json"][..],
            &["validate"][..],
        ),
        (&["case", "replay", "--bogus"][..], &["case replay"][..]),
        (&["case"][..], &["case replay", "case timeline"][..]),
        (&["demo", "--days", "x"][..], &["demo [", "demo ids"][..]),
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(forms(&stderr), wanted.len(), "{args:?}: {stderr}");
        for w in wanted {
            assert!(
                stderr.contains(&format!("  doorstep {w}")),
                "{args:?}: {stderr}"
            );
        }
        assert!(stderr.contains("exit status"), "{args:?}: {stderr}");
    }
    for args in [&["frobnicate"][..], &[][..]] {
        let stderr = String::from_utf8_lossy(&doorstep(args).stderr).into_owned();
        assert_eq!(forms(&stderr), forms(&full), "{args:?}: {stderr}");
    }
    let missing = doorstep(&[
        "validate",
        "--catalog",
        "/no/such.json",
        "--matter",
        "M",
        "a.json",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("doorstep: "), "{stderr}");
}

/// A command that takes a subcommand, given none or one it does not have, says so and
/// names the ones it has, rather than calling the command itself unknown.
#[test]
fn a_missing_or_unknown_subcommand_is_named() {
    for (args, wanted) in [
        (
            &["catalog"][..],
            "catalog 需要子命令（lint、matters、bundles、form、materials、prefill）/ catalog needs a subcommand: lint, matters, bundles, form, materials, prefill",
        ),
        (
            &["calendar"][..],
            "calendar needs a subcommand: add-working-days, years",
        ),
        (&["id"][..], "id needs a subcommand: check"),
        (
            &["catalog", "frobnicate"][..],
            "unknown command: catalog frobnicate",
        ),
        (
            &["case", "--lang", "en"][..],
            "unknown command: case --lang",
        ),
        (&["frobnicate", "lint"][..], "unknown command: frobnicate\n"),
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(wanted), "{args:?}: {stderr}");
    }
}

/// A positional argument left out is named as the usage names it.
#[test]
fn a_missing_argument_is_named() {
    for (args, name) in [
        (&["id", "check"][..], "VALUE"),
        (&["catalog", "lint"][..], "FILE"),
        (
            &["stamp", "verify", "--catalog", "c.json"][..],
            "STAMP.json",
        ),
        (
            &["ledger", "verify", "--catalog", "c.json"][..],
            "LEDGER.jsonl",
        ),
        (
            &["case", "replay", "--catalog", "c.json"][..],
            "EVENTS.jsonl",
        ),
        (
            &["case", "timeline", "events.jsonl"][..],
            "EVENTS.jsonl CASE",
        ),
        (
            &["policy", "match", "--catalog", "c.json"][..],
            "PROFILES.jsonl",
        ),
        (&["metrics"][..], "EVENTS.jsonl"),
        (&["calendar", "add-working-days"][..], "YYYY-MM-DD N"),
        (&["calendar", "add-working-days", "2025-09-30"][..], "N"),
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.ends_with(&format!("missing argument: {name}")),
            "{args:?}: {first}"
        );
    }
}

/// A positional argument the command does not take is named, not taken for a missing one.
#[test]
fn an_extra_argument_is_named() {
    for args in [
        &["catalog", "lint", "a.json", "b.json"][..],
        &[
            "validate",
            "--catalog",
            "c.json",
            "--matter",
            "M",
            "a.json",
            "b.json",
        ][..],
        &["--version", "b.json"][..],
        &["-V", "b.json"][..],
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.ends_with("unexpected argument: b.json"),
            "{args:?}: {first}"
        );
    }
}

/// An option given twice is refused, whether written `--lang en` or `--lang=en`: the
/// command cannot tell which was meant (before, the last one silently won).
#[test]
fn an_option_given_twice_is_refused() {
    for args in [
        &["id", "check", "--lang", "en", "--lang", "zh", "13912345678"][..],
        &["id", "check", "--lang=en", "--lang=en", "13912345678"][..],
        &[
            "metrics",
            "--from",
            "2025-01-01",
            "--from=2025-02-01",
            "e.jsonl",
        ][..],
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        assert!(first.ends_with("given more than once"), "{args:?}: {first}");
        assert!(first.contains("只能给出一次"), "{args:?}: {first}");
    }
}

/// A document piped in as one line is checked without being kept whole: refused as too
/// long and shown cut, as the same value given whole is; the next line is still checked.
#[test]
fn a_huge_line_on_standard_input_is_refused_as_too_long_and_shown_cut() {
    let mut input = "号".repeat(8 << 20).into_bytes();
    input.extend_from_slice(b"\n13912345678\n");
    let out = with_stdin(&["id", "check", "-"], &input);
    assert_eq!(out.status.code(), Some(1));
    let lines = reports(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["errors"][0]["code"], "id.too_long");
    assert_eq!(lines[0]["value"], format!("{}…", "号".repeat(21)));
    assert_eq!(lines[1]["valid"], true);
}

/// A line of standard input that is not UTF-8 is checked like the same bytes given as an
/// argument (refused on its own, `id.non_ascii`); the lines after it are still checked.
#[test]
fn a_value_on_standard_input_that_is_not_utf8_is_refused_on_its_own() {
    let out = with_stdin(&["id", "check", "-"], b"139\xff12345678\n13912345678\n");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = reports(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["errors"][0]["code"], "id.non_ascii");
    assert_eq!(lines[1]["valid"], true);
}
