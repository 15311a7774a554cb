//! `doorstep catalog lint` and `doorstep validate` as a user runs them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

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
}

#[test]
fn lint_reports_malformed_json_with_its_line() {
    let file = temp_file("broken.json", b"{\n  \"catalogVersion\": \"1\",\n  oops\n}");
    let out = doorstep(&["catalog", "lint", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[input.malformed] 第 3 行"));
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
