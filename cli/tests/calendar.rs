//! `doorstep calendar add-working-days` and `years` as a user runs them, and the shared
//! fixture's `addWorkingDays` and `years` cases through the binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

use doorstep::conformance;
fn calendar(command: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(["calendar", command])
        .args(args)
        .output()
        .expect("doorstep runs")
}

fn add_working_days(args: &[&str]) -> Output {
    calendar("add-working-days", args)
}

/// Runs `doorstep calendar COMMAND ARGS` for a shared fixture's `input`: over the patched
/// catalogue through `--catalog` when the case has one (written as file `n`).
fn fixture_run(command: &str, input: &serde_json::Value, n: usize, args: &[&str]) -> Output {
    if input.get("catalog").is_none() {
        return calendar(command, args);
    }
    let file = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("calendar-{command}-catalog-{n}.json"));
    std::fs::write(&file, conformance::catalog_of(input).to_string()).unwrap();
    let mut all = vec!["--catalog", file.to_str().unwrap()];
    all.extend_from_slice(args);
    calendar(command, &all)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8")
}

#[test]
fn five_working_days_after_2025_09_30_is_2025_10_14() {
    // 10-01..08 国庆节、中秋节; Saturday 10-11 is a make-up working day.
    let out = add_working_days(&["2025-09-30", "5"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2025-10-14\n");
    assert!(out.stderr.is_empty());
}

#[test]
fn zero_days_is_the_date_itself_and_year_boundaries_follow_the_notices() {
    let cases = [
        (["2025-10-04", "0"], "2025-10-04\n"),
        (["2025-12-31", "1"], "2026-01-04\n"),
        (["2024-02-08", "2"], "2024-02-18\n"),
    ];
    for (args, want) in cases {
        let out = add_working_days(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stdout(&out), want, "{args:?}");
    }
}

#[test]
fn a_date_outside_the_calendar_exits_2_with_a_chinese_message() {
    for args in [["2026-12-31", "1"], ["2023-06-01", "3"]] {
        let out = add_working_days(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("calendar.out_of_range"), "{err}");
        assert!(err.contains("超出工作日历范围"), "{err}");
        assert!(err.contains("2024、2025、2026"), "{err}");
    }
}

#[test]
fn malformed_input_exits_2_with_a_chinese_message() {
    let cases: [(&[&str], &str); 9] = [
        (&["2025-9-30", "5"], "日期无效"),
        (&["2025-02-30", "5"], "日期无效"),
        (&["2025-09-30", "five"], "工作日数无效"),
        (&["2025-09-30", "-1"], "工作日数无效"),
        (&["2025-09-30", "+5"], "工作日数无效"),
        (&["2025-09-30", "4294967296"], "工作日数无效"),
        (&["2025-09-30"], "缺少参数"),
        (&[], "缺少参数"),
        (&["2025-09-30", "5", "6"], "多余的参数"),
    ];
    for (args, want) in cases {
        let out = add_working_days(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn the_usage_text_lists_the_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .arg("help")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("calendar add-working-days"));
}

#[test]
fn the_shared_fixture_add_working_days_cases_run_through_the_binary() {
    let file = conformance::load("calendar.json");
    let mut ran = 0;
    for case in file["cases"].as_array().unwrap() {
        let input = &case["input"];
        if input["op"] != "addWorkingDays" {
            continue;
        }
        let date = input["date"].as_str().unwrap();
        let days = input["days"].as_u64().unwrap().to_string();
        let name = case["name"].as_str().unwrap();
        let out = fixture_run("add-working-days", input, ran, &[date, &days]);
        let expected = &case["expected"];
        if let Some(want) = expected["date"].as_str() {
            assert_eq!(out.status.code(), Some(0), "{name}");
            assert_eq!(stdout(&out), format!("{want}\n"), "{name}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{name}");
            let code = expected["errors"][0].as_str().unwrap();
            assert!(stderr(&out).contains(code), "{name}");
        }
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} addWorkingDays cases");
}

#[test]
fn the_shared_fixture_years_cases_run_through_the_binary() {
    let file = conformance::load("calendar.json");
    let mut ran = 0;
    for case in file["cases"].as_array().unwrap() {
        let input = &case["input"];
        if input["op"] != "years" {
            continue;
        }
        let out = fixture_run("years", input, ran, &[]);
        let name = case["name"].as_str().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let years: Vec<i64> = stdout(&out).lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(
            serde_json::json!(years),
            case["expected"]["knownYears"],
            "{name}"
        );
        ran += 1;
    }
    assert!(ran >= 3, "only {ran} years cases");
}

#[test]
fn years_takes_no_argument() {
    let out = calendar("years", &["2027"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2027"), "{}", stderr(&out));
}

/// A catalogue `--catalog` names that cannot be loaded is refused in the language `--lang`
/// asks for, Chinese by default.
#[test]
fn a_refused_catalogue_speaks_the_language_asked_for() {
    let file = std::env::temp_dir().join(format!("calendar-bad-{}.json", std::process::id()));
    std::fs::write(&file, b"{\"oops\": 1}").unwrap();
    let path = file.to_str().unwrap();
    let en = calendar("years", &["--catalog", path, "--lang", "en"]);
    assert_eq!(en.status.code(), Some(2));
    assert!(
        stderr(&en).contains("[input.shape] Line 1, column 7"),
        "{}",
        stderr(&en)
    );
    let zh = add_working_days(&["--catalog", path, "2025-09-30", "5"]);
    assert_eq!(zh.status.code(), Some(2));
    assert!(stderr(&zh).contains("第 1 行第 7 列"), "{}", stderr(&zh));
    let bad = calendar("years", &["--lang", "fr"]);
    assert_eq!(bad.status.code(), Some(2));
    std::fs::remove_file(file).unwrap();
}
