//! `doorstep policy match` as a user runs it: a station's list of profiles (JSON Lines)
//! matched against the sample catalogue, bad lines, usage errors, and the shared fixture
//! `tests/fixtures/policies.json` through the command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use doorstep::conformance;
use serde_json::{Value, json};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
const FIXTURE_CATALOG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/catalog/policies.json"
);

fn doorstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

/// Writes `contents` to a fresh file in the target directory and returns its path.
fn temp_file(name: &str, contents: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("policy-{name}"));
    std::fs::write(&path, contents).expect("write");
    path.to_str().unwrap().to_owned()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn eligible(line: &Value) -> Vec<String> {
    line["matches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["eligible"] == true)
        .map(|m| m["code"].as_str().unwrap().to_owned())
        .collect()
}

const VETERAN: &str = r#"{"kind": "person", "name": "陈志强", "residentId": "350205199003071239", "veteran": true, "household": {"division": "350205"}}"#;
const ELDER: &str = r#"{"kind": "person", "residentId": "350205194003150049", "household": {"division": "350205"}}"#;
const COMPANY: &str = r#"{"kind": "enterprise", "creditCode": "91350100M000100Y43", "division": "350205", "size": "small", "creditRating": "A", "newHires": 4, "newHireGraduates": 1, "arrears": false, "dishonest": false}"#;

#[test]
fn a_station_list_gets_one_line_per_profile() {
    let file = temp_file(
        "list.jsonl",
        format!("{VETERAN}\n{ELDER}\r\n\n{COMPANY}\n").as_bytes(),
    );
    let out = doorstep(&[
        "policy",
        "match",
        "--catalog",
        SAMPLE,
        "--at",
        "2025-09-01",
        &file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = lines(&out);
    let numbers: Vec<u64> = found.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4]);
    assert_eq!(eligible(&found[0]), ["350205-ZC-TY-01"]);
    assert_eq!(eligible(&found[1]), ["350205-ZC-MZ-05"]);
    assert_eq!(eligible(&found[2]), ["350205-ZC-RS-04", "350205-ZC-RS-06"]);
    // Every policy in effect, each with its reasons.
    let first = &found[0]["matches"][0];
    assert_eq!(first["code"], "350205-ZC-TY-01");
    assert_eq!(first["grantedWithoutApplication"], true);
    assert_eq!(
        first["reasons"],
        json!([
            {"code": "veteran", "held": true, "description": "退役军人"},
            {"code": "household", "held": true, "description": "户籍在海沧区"}
        ])
    );
    assert_eq!(found[0]["matches"].as_array().unwrap().len(), 13);
    // Nothing echoes the profile.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("1990030712"), "{stdout}");
    assert!(!stdout.contains("陈志强"));
}

#[test]
fn bad_lines_get_their_error_and_exit_1() {
    let mut bytes = format!(
        "{VETERAN}\n{{\"kind\": \"person\", \"residentId\": \"350205199003071239\"\n[1]\n{{\"kind\": \"cat\"}}\n"
    )
    .into_bytes();
    bytes.extend_from_slice(b"\xff\xfe\n");
    bytes.extend(std::iter::repeat_n(b' ', 1 << 20));
    bytes.extend_from_slice(format!("{{}}\n{ELDER}\n").as_bytes());
    let file = temp_file("bad.jsonl", &bytes);
    let out = doorstep(&[
        "policy",
        "match",
        "--catalog",
        SAMPLE,
        "--at",
        "2025-09-01",
        "--lang",
        "en",
        &file,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let found = lines(&out);
    let codes: Vec<Value> = found.iter().map(|l| l["error"]["code"].clone()).collect();
    assert_eq!(
        codes,
        [
            Value::Null,
            json!("input.malformed"),
            json!("policy.profile_not_object"),
            json!("policy.profile_kind"),
            json!("input.not_utf8"),
            json!("input.too_large"),
            Value::Null
        ]
    );
    assert_eq!(found[6]["line"], 7);
    // Placed in the file: the profile on line 2 is not JSON.
    assert!(
        found[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Line 2,")
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("1990030712"), "{stdout}");
}

#[test]
fn profiles_can_come_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args([
            "policy",
            "match",
            "--catalog",
            SAMPLE,
            "--at",
            "2025-09-01",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{COMPANY}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        eligible(&lines(&out)[0]),
        ["350205-ZC-RS-04", "350205-ZC-RS-06"]
    );
}

#[test]
fn usage_errors_exit_2() {
    let file = temp_file("one.jsonl", VETERAN.as_bytes());
    let missing = temp_file("missing-dir", b"").replace("missing-dir", "no/such/file.jsonl");
    let broken = temp_file("broken-catalog.json", b"{\"catalogVersion\": ");
    for args in [
        vec!["policy", "match", &file],
        vec!["policy", "match", "--catalog", SAMPLE],
        vec!["policy", "match", "--catalog", SAMPLE, &file, &file],
        vec![
            "policy",
            "match",
            "--catalog",
            SAMPLE,
            "--at",
            "2025-02-30",
            &file,
        ],
        vec![
            "policy",
            "match",
            "--catalog",
            SAMPLE,
            "--lang",
            "fr",
            &file,
        ],
        vec![
            "policy",
            "match",
            "--catalog",
            SAMPLE,
            "--bundle",
            "x",
            &file,
        ],
        vec!["policy", "match", "--catalog", SAMPLE, &missing],
        vec!["policy", "match", "--catalog", &broken, &file],
        vec!["policy", "match", "--catalog", &missing, &file],
        vec!["policy", "list"],
    ] {
        let out = doorstep(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("1990030712"), "{stderr}");
    }
}

#[test]
fn help_lists_the_command() {
    let out = doorstep(&["help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("doorstep policy match --catalog FILE"));
}

/// The shared fixture through the command: each case as a one-line list, the line's
/// outcome read back as the core's report (`eligible`, `matches`, `errors`).
#[test]
fn policies_fixtures_through_the_command() {
    let file = conformance::load("policies.json");
    let mut failures = Vec::new();
    for (i, case) in file["cases"].as_array().unwrap().iter().enumerate() {
        let input = &case["input"];
        assert_eq!(input["catalog"], "catalog/policies.json");
        let text = match input.get("profile") {
            Some(profile) => profile.to_string(),
            None => input["value"]
                .as_str()
                .unwrap()
                .repeat(usize::try_from(input["repeat"].as_u64().unwrap_or(1)).unwrap()),
        };
        let path = temp_file(
            &format!("fixture-{i}.jsonl"),
            format!("{text}\n").as_bytes(),
        );
        let mut args = vec![
            "policy",
            "match",
            "--catalog",
            FIXTURE_CATALOG,
            "--at",
            input["at"].as_str().unwrap(),
        ];
        if let Some(lang) = input["lang"].as_str() {
            args.extend(["--lang", lang]);
        }
        args.push(&path);
        let out = doorstep(&args);
        let found = lines(&out);
        assert_eq!(found.len(), 1, "{}", case["name"]);
        let line = &found[0];
        let report = if let Some(error) = line.get("error") {
            assert_eq!(out.status.code(), Some(1));
            json!({"eligible": [], "matches": [], "errors": [error]})
        } else {
            assert_eq!(out.status.code(), Some(0));
            json!({"eligible": eligible(line), "matches": line["matches"], "errors": []})
        };
        let value = input["value"].as_str().unwrap_or_default();
        failures.extend(
            conformance::mismatches(value, &case["expected"], &report)
                .into_iter()
                .map(|m| format!("{}: {m}", case["name"])),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
