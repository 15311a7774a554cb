//! `doorstep catalog lint`, `doorstep validate` and the catalogue's queries as a user runs
//! them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

const MINI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/catalog/mini.json"
);

fn doorstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

/// Writes `contents` to a fresh file in the target directory and returns its path.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

fn validate(answer: &Value, extra: &[&str]) -> (Option<i32>, Value) {
    let file = temp_file(
        &format!("answer-{}.json", extra.join("-").replace('/', "_")),
        answer.to_string().as_bytes(),
    );
    let mut args = vec!["validate", "--catalog", MINI, "--at", "2026-11-25"];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let out = doorstep(&args);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code(), report)
}

#[test]
fn lint_passes_on_the_mini_catalogue() {
    let out = doorstep(&["catalog", "lint", "--at", "2026-11-25", MINI]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn lint_fails_with_paths() {
    let text = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("\"code\": \"HUKOU-BIRTH\"", "\"code\": \"BIRTH-CERT\"");
    let file = temp_file("dup.json", text.as_bytes());
    let out = doorstep(&["catalog", "lint", "--lang", "en", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("#/matters/2/code: [catalog.duplicate]"),
        "{text}"
    );
    assert!(text.ends_with(": 2 problems\n"), "{text}");
    // One problem, in the singular.
    let text = std::fs::read_to_string(MINI).unwrap().replace(
        "\"legalLimitDays\": 5, \"promisedLimitDays\": 1",
        "\"legalLimitDays\": 5, \"promisedLimitDays\": 6",
    );
    let file = temp_file("late.json", text.as_bytes());
    let out = doorstep(&["catalog", "lint", "--lang", "en", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.ends_with(": 1 problem\n"), "{text}");
}

#[test]
fn lint_reports_malformed_json_with_its_line_as_bad_input() {
    let file = temp_file("broken.json", b"{\n  \"catalogVersion\": \"1\",\n  oops\n}");
    let out = doorstep(&["catalog", "lint", file.to_str().unwrap()]);
    // Not a catalogue at all: bad input, as for every other command.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[input.malformed] 第 3 行"));
}

#[test]
fn lint_places_a_value_the_catalogue_types_refuse_at_its_path() {
    let text = std::fs::read_to_string(MINI).unwrap();
    let text = text.replacen("\"2024-01-01\"", "\"2026-02-30\"", 1);
    let file = temp_file("no-such-day.json", text.as_bytes());
    for (lang, message) in [
        ("zh", "结构不正确：日期或时间不存在"),
        ("en", "no such date or time"),
    ] {
        let out = doorstep(&["catalog", "lint", "--lang", lang, file.to_str().unwrap()]);
        // A problem of the catalogue, to fix where it is: exit 1, as for lint's own.
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("#/matters/0/effective: [input.shape] "),
            "{stdout}"
        );
        assert!(stdout.contains(message), "{stdout}");
        // The position once, in the words of the language asked for.
        assert_eq!(
            stdout.matches("line").count() + stdout.matches("Line").count(),
            usize::from(lang == "en"),
            "{stdout}"
        );
    }
}

#[test]
fn lint_counts_a_missing_top_level_key_as_the_author_s_problem_and_a_non_object_as_bad_input() {
    for (text, code) in [
        (
            &br#"{"catalogVersion": "1", "name": "x", "orgs": []}"#[..],
            1,
        ),
        (b"\xef\xbb\xbf\n {}", 1),
        (b"[]", 2),
        (b" \"catalogue\"", 2),
    ] {
        let file = temp_file("shapeless.json", text);
        let out = doorstep(&["catalog", "lint", "--lang", "en", file.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(code), "{stdout}");
        assert!(stdout.contains("#: [input.shape] "), "{stdout}");
    }
}

#[test]
fn lint_places_an_unknown_operator_at_its_rule() {
    let text = std::fs::read_to_string(MINI).unwrap();
    let text = text.replacen(
        "\"visibleIf\": { \"==\": [{ \"var\": \"married\" }, true] }",
        "\"visibleIf\": { \"nosuchop\": [1] }",
        1,
    );
    let file = temp_file("no-such-op.json", text.as_bytes());
    let out = doorstep(&["catalog", "lint", "--lang", "en", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("#/matters/0/form/fields/7/visibleIf: [input.shape] ")
            && stdout.contains("Unknown operator \"nosuchop\""),
        "{stdout}"
    );
}

#[test]
fn help_after_a_command_prints_its_usage() {
    for args in [
        &["validate", "--help"][..],
        &["catalog", "lint", "-h"],
        &["catalog", "--help"],
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(&format!("doorstep {}", args[0])),
            "{stdout}"
        );
        assert!(stdout.contains("退出码 / exit status"), "{stdout}");
    }
    let out = doorstep(&["validate", "--matter", "X", "form.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing option --catalog"));
}

#[test]
fn the_example_validates_and_is_normalised() {
    let (status, report) = validate(
        &serde_json::json!({"applicantId": "350205199003071239", "childName": "林一一",
            "householdAddress": " 示例路 1 号 ", "guardians": [{"name": "林小红", "relation": "mother"}]}),
        &["--matter", "HUKOU-BIRTH"],
    );
    assert_eq!(status, Some(0));
    assert_eq!(report["valid"], true);
    assert_eq!(report["normalized"]["householdAddress"], "示例路 1 号");
}

#[test]
fn an_invalid_id_is_reported_without_the_number() {
    let (status, report) = validate(
        &serde_json::json!({"applicantId": "350205199003071230", "childName": "林一一",
            "householdAddress": "示例路 1 号", "guardians": [{"name": "林小红", "relation": "mother"}]}),
        &["--matter", "HUKOU-BIRTH", "--lang", "en"],
    );
    assert_eq!(status, Some(1));
    let error = &report["errors"][0];
    assert_eq!(error["code"], "id.checksum");
    assert_eq!(error["path"], "/applicantId");
    assert!(!report.to_string().contains("350205199003071230"));
}

#[test]
fn bad_documents_are_coded_usage_errors() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let big = vec![b' '; 50 << 20];
    for (name, contents, code) in [
        ("deep.json", deep.as_bytes(), "input.too_deep"),
        ("big.json", big.as_slice(), "input.too_large"),
        ("malformed.json", b"{\"a\": ".as_slice(), "input.malformed"),
        (
            "latin1.json",
            b"{\"a\": \"\xe9\"}".as_slice(),
            "input.not_utf8",
        ),
    ] {
        let file = temp_file(name, contents);
        let out = doorstep(&[
            "validate",
            "--catalog",
            MINI,
            "--matter",
            "HUKOU-BIRTH",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(code),
            "{name}"
        );
    }
}

#[test]
fn unknown_matter_or_both_selectors_are_usage_errors() {
    let answer = serde_json::json!({});
    assert_eq!(validate(&answer, &["--matter", "NOPE"]).0, Some(2));
    assert_eq!(
        validate(&answer, &["--matter", "BIRTH-CERT", "--bundle", "birth"]).0,
        Some(2)
    );
    assert_eq!(validate(&answer, &[]).0, Some(2));
}

#[test]
fn validate_refuses_a_catalogue_that_fails_lint() {
    let text = std::fs::read_to_string(MINI)
        .unwrap()
        .replace("\"promisedLimitDays\": 1", "\"promisedLimitDays\": 9");
    let catalog = temp_file("unlinted.json", text.as_bytes());
    let answer = temp_file("empty-answer.json", b"{}");
    let out = doorstep(&[
        "validate",
        "--catalog",
        catalog.to_str().unwrap(),
        "--matter",
        "BIRTH-CERT",
        answer.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("engine.catalog_invalid") && err.contains("/matters/0/promisedLimitDays"),
        "{err}"
    );
}

#[test]
fn shared_data_prefills_empty_fields() {
    let shared = temp_file(
        "shared.json",
        br#"{"identity": {"residentId": "350205199003071239"}}"#,
    );
    let (status, report) = validate(
        &serde_json::json!({"applicantName": "林小红", "applicantMobile": "13912345678", "childName": "林一一",
            "childBirthDate": "2024-08-01", "childSex": "female", "married": false}),
        &[
            "--matter",
            "BIRTH-CERT",
            "--shared",
            shared.to_str().unwrap(),
        ],
    );
    assert_eq!(status, Some(0), "{report}");
    assert_eq!(report["normalized"]["applicantId"], "350205199003071239");
}

/// The code of a refusal: `doorstep: [CODE] …` on standard error's first line.
fn refusal_code(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap_or_default();
    first
        .strip_prefix("doorstep: [")
        .and_then(|rest| rest.split_once(']'))
        .map_or_else(|| panic!("no code: {stderr}"), |(code, _)| code.to_owned())
}

/// The shared query fixtures through the command line, reported as the Rust runner
/// reports them (core/tests/fixtures.rs `queries_fixtures`). The CLI loads each catalogue
/// as of today, not the file's `loadAt`: these catalogues are valid on both.
#[test]
fn queries_fixtures_through_the_cli() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/");
    let mut case = 0;
    let failures = doorstep::conformance::run("queries.json", |input| {
        case += 1;
        let raw = &input.raw;
        // The command line's `catalog bundles` is the engine's search of bundles (without
        // a query and a date, every bundle open today: all of them, in these catalogues).
        let op = match raw["op"].as_str().unwrap() {
            "findBundles" => "bundles",
            op => op,
        };
        let mut args = vec![
            "catalog".to_owned(),
            op.to_owned(),
            "--catalog".to_owned(),
            format!("{fixtures}{}", raw["catalog"].as_str().unwrap()),
        ];
        for key in ["matter", "bundle", "at"] {
            if let Some(value) = raw[key].as_str() {
                args.extend([format!("--{key}"), value.to_owned()]);
            }
        }
        if let Some(sources) = raw["available"].as_array() {
            let names: Vec<&str> = sources.iter().filter_map(Value::as_str).collect();
            args.push(format!("--available={}", names.join(",")));
        }
        if !raw["shared"].is_null() {
            let file = temp_file(
                &format!("query-{case}-shared.json"),
                raw["shared"].to_string().as_bytes(),
            );
            args.extend(["--shared".to_owned(), file.to_str().unwrap().to_owned()]);
        }
        args.push("--".to_owned());
        if let Some(query) = raw["query"].as_str() {
            args.push(query.to_owned());
        }
        if !raw["answer"].is_null() {
            let file = temp_file(
                &format!("query-{case}-answer.json"),
                raw["answer"].to_string().as_bytes(),
            );
            args.push(file.to_str().unwrap().to_owned());
        }
        let out = doorstep(&args.iter().map(String::as_str).collect::<Vec<_>>());
        if out.status.code() == Some(2) {
            return json!({ "error": refusal_code(&out) });
        }
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            input.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let answer: Value = serde_json::from_slice(&out.stdout).expect("one line of JSON");
        // A list's codes, or a form's top-level keys, as the report gives them beside it.
        let pluck = |list: &Value, key: &str| -> Value {
            list.as_array()
                .map(|items| items.iter().map(|item| item[key].clone()).collect())
                .unwrap_or_default()
        };
        match op {
            "form" => json!({ "keys": pluck(&answer["fields"], "key"), "form": answer }),
            "prefill" => json!({ "answer": answer }),
            list => json!({ "codes": pluck(&answer, "code"), list: answer }),
        }
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn query(args: &[&str]) -> Output {
    let mut all = vec!["catalog"];
    all.extend_from_slice(args);
    doorstep(&all)
}

#[test]
fn matters_prints_one_line_of_json() {
    let out = query(&["matters", "--catalog", MINI, "--lang", "en", "HUKOU"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let matters: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(matters[0]["code"], "HUKOU-BIRTH");
}

#[test]
fn both_targets_are_refused_with_the_engine_code() {
    let out = query(&[
        "form",
        "--catalog",
        MINI,
        "--matter",
        "BIRTH-CERT",
        "--bundle",
        "birth",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(refusal_code(&out), "engine.target");
    // A mistyped command line: its usage follows.
    assert!(String::from_utf8_lossy(&out.stderr).contains("  doorstep catalog form "));
}

#[test]
fn the_command_line_is_checked_before_any_file_is_read() {
    // No file named exists: the option left out is what is reported.
    let answer = "/no/such/answer.json";
    for (args, left_out) in [
        (
            &["materials", "--matter", "BIRTH-CERT", answer][..],
            "--catalog",
        ),
        (
            &[
                "prefill",
                "--catalog",
                "/no/such.json",
                "--bundle",
                "birth",
                answer,
            ][..],
            "--shared",
        ),
    ] {
        let out = query(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "doorstep: 缺少选项 {left_out} / missing option {left_out}"
            )) && !stderr.contains("/no/such"),
            "{stderr}"
        );
    }
}

#[test]
fn a_malformed_answer_is_refused_with_its_line_and_column() {
    let file = temp_file("query-malformed.json", b"{\n  \"married\": ?\n}");
    let out = query(&[
        "materials",
        "--catalog",
        MINI,
        "--matter",
        "BIRTH-CERT",
        "--lang",
        "en",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(refusal_code(&out), "input.malformed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Line 2, column 14:"), "{stderr}");
}

/// A file far over its limit is refused by its size, as the core refuses it
/// (`input.too_large`), after reading no more than the limit: with 1 GB of memory, a 4 GiB
/// file is a too-large document, not an allocation failure.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_file_is_too_large_not_out_of_memory() {
    let huge = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("huge-sparse.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(4 << 30))
        .expect("a sparse file");
    let huge = huge.to_str().unwrap();
    let answer = temp_file("huge-answer.json", b"{}");
    let answer = answer.to_str().unwrap();
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    let cases: [(&[&str], i32); 5] = [
        (&["catalog", "lint", huge], 2),
        (
            &[
                "validate",
                "--catalog",
                MINI,
                "--matter",
                "HUKOU-BIRTH",
                huge,
            ],
            2,
        ),
        (
            &[
                "validate",
                "--catalog",
                huge,
                "--matter",
                "HUKOU-BIRTH",
                answer,
            ],
            2,
        ),
        (&["catalog", "bundles", "--catalog", huge], 2),
        (&["case", "replay", "--catalog", catalog, huge], 1),
    ];
    for (args, status) in cases {
        let out = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1000000 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_doorstep"))
            .args(args)
            .output()
            .expect("doorstep runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(status), "{args:?}: {text}");
        assert!(text.contains("input.too_large"), "{args:?}: {text}");
    }
}

#[test]
fn validate_as_of_a_past_day_loads_the_catalogue_as_of_today() {
    // Examples in the sample catalogue have children born in August 2024: linted as of
    // March 2024 they would be born in the future. The catalogue is linted as of today and
    // the answer validated as of `--at`.
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    let form = doorstep(&[
        "catalog",
        "form",
        "--catalog",
        catalog,
        "--matter",
        "350205-GA-002",
    ]);
    assert_eq!(form.status.code(), Some(0));
    let form: Value = serde_json::from_slice(&form.stdout).unwrap();
    let answer = temp_file("ga-002.json", form["example"].to_string().as_bytes());
    let out = doorstep(&[
        "validate",
        "--catalog",
        catalog,
        "--matter",
        "350205-GA-002",
        "--at",
        "2024-03-01",
        answer.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true);
}

#[test]
fn validate_reads_the_answer_from_standard_input() {
    use std::io::Write as _;

    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args([
            "validate",
            "--catalog",
            MINI,
            "--matter",
            "HUKOU-BIRTH",
            "--at",
            "2026-11-25",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("doorstep runs");
    let answer = serde_json::json!({"applicantId": "350205199003071239", "childName": "林一一",
        "householdAddress": "示例路 1 号", "guardians": [{"name": "林小红", "relation": "mother"}]});
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answer.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true);
}
