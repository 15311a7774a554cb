//! `doorstep stamp verify` and `doorstep ledger verify` as a user runs them: output, exit
//! status (0 valid, 1 invalid, 2 bad input), and the shared fixtures
//! (`tests/fixtures/authority/stamps.json`, `ledgers.json`) through the command.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

use doorstep::conformance;
use serde_json::{Value, json};

/// The catalogue the authority fixtures use.
const CATALOG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/catalog/authority.json"
);

fn fixture_path(name: &str) -> String {
    format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn doorstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

/// Writes `contents` to a fresh file in the target directory and returns its path.
fn temp_file(name: &str, contents: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("authority-{name}"));
    std::fs::write(&path, contents).expect("write");
    path.to_str().unwrap().to_owned()
}

/// The exit status, and the report printed (`Null` when none).
fn run(args: &[&str]) -> (Option<i32>, Value, String) {
    let out = doorstep(args);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), report, stderr)
}

/// The result as the fixtures see it: the report printed with exit 0 (valid) or 1
/// (invalid), or `{"error": code}` from the message of exit 2.
fn outcome(args: &[&str]) -> Value {
    let (status, report, stderr) = run(args);
    match status {
        Some(0 | 1) => {
            assert_eq!(
                report["valid"],
                status == Some(0),
                "exit {status:?} for {report}"
            );
            report
        }
        Some(2) => {
            let code = stderr
                .split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .map_or("", |(code, _)| code);
            json!({ "error": code })
        }
        other => panic!("exit status {other:?}: {stderr}"),
    }
}

/// The first case of a fixture file whose input has `key` and whose expected result
/// satisfies `wanted`.
fn case(file: &str, key: &str, wanted: impl Fn(&Value) -> bool) -> Value {
    conformance::load(file)["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["input"].get(key).is_some() && wanted(&c["expected"]))
        .unwrap_or_else(|| panic!("{file}: no such case"))
        .clone()
}

/// A ledger's text: every line followed by "\n".
fn joined<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn has_code(list: &Value, code: &str) -> bool {
    list.as_array().is_some_and(|l| l.iter().any(|c| c == code))
}

/// Every stamp case of stamps.json through `doorstep stamp verify`, with the matching rule
/// every suite uses (the `query` cases have no command: the C ABI and the bindings run
/// them).
#[test]
fn stamps_fixtures_through_the_command() {
    let file = conformance::load("authority/stamps.json");
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in file["cases"].as_array().unwrap() {
        let input = &case["input"];
        let text = match (input.get("stamp"), input["stampText"].as_str()) {
            (Some(stamp), _) => stamp.to_string(),
            (None, Some(text)) => text.to_owned(),
            (None, None) => continue,
        };
        ran += 1;
        assert_eq!(input["catalog"], "catalog/authority.json");
        let stamp = temp_file(&format!("stamp-{ran}.json"), text.as_bytes());
        let mut args = vec!["stamp", "verify", "--catalog", CATALOG];
        if let Some(lang) = input["lang"].as_str() {
            args.extend(["--lang", lang]);
        }
        args.push(&stamp);
        let actual = outcome(&args);
        let name = case["name"].as_str().unwrap_or_default();
        let value = input["value"].as_str().unwrap_or_default();
        failures.extend(
            conformance::mismatches(value, &case["expected"], &actual)
                .into_iter()
                .map(|m| format!("{name}: {m}")),
        );
    }
    assert!(ran > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every verification case of ledgers.json through `doorstep ledger verify` (the `append`
/// and `content` cases have no command).
#[test]
fn ledgers_fixtures_through_the_command() {
    let file = conformance::load("authority/ledgers.json");
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in file["cases"].as_array().unwrap() {
        let input = &case["input"];
        let Some(lines) = input["lines"].as_array() else {
            continue;
        };
        ran += 1;
        assert_eq!(input["catalog"], "catalog/authority.json");
        let text = joined(lines.iter().map(|l| l.as_str().unwrap()));
        let ledger = temp_file(&format!("ledger-{ran}.jsonl"), text.as_bytes());
        let head = input
            .get("head")
            .filter(|h| !h.is_null())
            .map(|h| temp_file(&format!("head-{ran}.json"), h.to_string().as_bytes()));
        let mut args = vec!["ledger", "verify", "--catalog", CATALOG];
        if let Some(head) = &head {
            args.extend(["--head", head]);
        }
        if let Some(lang) = input["lang"].as_str() {
            args.extend(["--lang", lang]);
        }
        args.push(&ledger);
        let actual = outcome(&args);
        let name = case["name"].as_str().unwrap_or_default();
        let value = input["value"].as_str().unwrap_or_default();
        failures.extend(
            conformance::mismatches(value, &case["expected"], &actual)
                .into_iter()
                .map(|m| format!("{name}: {m}")),
        );
    }
    assert!(ran > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_valid_stamp_exits_0_a_re_entrusted_one_1() {
    let valid = case("authority/stamps.json", "stamp", |e| e["valid"] == true);
    let file = temp_file("valid.json", valid["input"]["stamp"].to_string().as_bytes());
    let (status, report, _) = run(&["stamp", "verify", "--catalog", CATALOG, &file]);
    assert_eq!(status, Some(0), "{report}");
    assert_eq!(report["valid"], true);
    assert_eq!(report["failures"], json!([]));
    assert_eq!(report["actsInNameOf"], valid["expected"]["actsInNameOf"]);

    let re_entrusted = case("authority/stamps.json", "stamp", |e| {
        has_code(&e["failures"], "authority.re_entrusted")
    });
    let file = temp_file(
        "re-entrusted.json",
        re_entrusted["input"]["stamp"].to_string().as_bytes(),
    );
    let out = doorstep(&[
        "stamp",
        "verify",
        "--catalog",
        CATALOG,
        "--lang",
        "en",
        &file,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("authority.re_entrusted"), "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert!(
        report["failures"][0]["message"]
            .as_str()
            .is_some_and(|m| m.is_ascii() && !m.is_empty())
    );
}

#[test]
fn bad_input_exits_2_with_a_zh_cn_message() {
    let valid = case("authority/stamps.json", "stamp", |e| e["valid"] == true);
    let stamp = temp_file("ok.json", valid["input"]["stamp"].to_string().as_bytes());
    let malformed = temp_file("malformed.json", b"{\"seal\": \"seal-st1\",");
    let wrong_shape = temp_file("shape.json", b"{\"seal\": \"seal-st1\"}");
    let latin1 = temp_file("latin1.json", b"{\"seal\": \"\xe9\"}");
    let big = temp_file("big.json", &vec![b' '; 1 << 20]);
    let mut broken = conformance::load("catalog/authority.json");
    broken["matters"][1]["code"] = broken["matters"][0]["code"].clone();
    let broken = temp_file("broken-catalog.json", broken.to_string().as_bytes());
    let missing = fixture_path("authority/no-such-file.json");
    let cases: [(&[&str], &str); 7] = [
        (&["--catalog", CATALOG, &malformed], "input.malformed"),
        (&["--catalog", CATALOG, &wrong_shape], "input.shape"),
        (&["--catalog", CATALOG, &latin1], "input.not_utf8"),
        (&["--catalog", CATALOG, &big], "input.too_large"),
        (&["--catalog", &broken, &stamp], "engine.catalog_invalid"),
        (&["--catalog", &missing, &stamp], "无法读取文件"),
        (&["--catalog", CATALOG, &missing], "无法读取文件"),
    ];
    for (args, wanted) in cases {
        let mut all = vec!["stamp", "verify"];
        all.extend_from_slice(args);
        let (status, report, stderr) = run(&all);
        assert_eq!(status, Some(2), "{wanted}: {stderr}");
        assert_eq!(report, Value::Null, "{wanted}: nothing on standard output");
        assert!(stderr.contains(wanted), "{wanted}: {stderr}");
    }
    // The messages are zh-CN unless asked otherwise.
    let (_, _, stderr) = run(&["stamp", "verify", "--catalog", CATALOG, &malformed]);
    assert!(stderr.contains("不是有效的 JSON"), "{stderr}");
    let (_, _, stderr) = run(&["stamp", "verify", "--catalog", &broken, &stamp]);
    assert!(stderr.contains("事项目录未通过检查"), "{stderr}");
    // Usage errors.
    for args in [
        &["stamp", "verify", &stamp][..],
        &["stamp", "verify", "--catalog", CATALOG][..],
        &[
            "stamp",
            "verify",
            "--catalog",
            CATALOG,
            "--lang",
            "fr",
            &stamp,
        ][..],
        &["stamp", "verify", "--catalog", CATALOG, &stamp, &stamp][..],
        &[
            "ledger",
            "verify",
            "--catalog",
            CATALOG,
            "--at",
            "2025-01-01",
            &stamp,
        ][..],
    ] {
        assert_eq!(doorstep(args).status.code(), Some(2), "{args:?}");
    }
}

/// The intact ledger of ledgers.json (with its kept head), as files.
fn intact_ledger() -> (Vec<String>, Value) {
    let intact = case("authority/ledgers.json", "lines", |e| {
        e["valid"] == true && e["entries"].as_u64() > Some(2)
    });
    let lines = intact["input"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_owned())
        .collect();
    (lines, intact["input"]["head"].clone())
}

fn verify_ledger(name: &str, lines: &[String], head: &Value) -> (Option<i32>, Value, String) {
    let text = joined(lines.iter().map(String::as_str));
    verify_ledger_bytes(name, text.as_bytes(), head)
}

fn verify_ledger_bytes(name: &str, text: &[u8], head: &Value) -> (Option<i32>, Value, String) {
    let ledger = temp_file(&format!("{name}.jsonl"), text);
    let mut args = vec!["ledger", "verify", "--catalog", CATALOG];
    let head_file;
    if !head.is_null() {
        head_file = temp_file(&format!("{name}.head.json"), head.to_string().as_bytes());
        args.extend(["--head", &head_file]);
    }
    args.push(&ledger);
    run(&args)
}

#[test]
fn an_intact_ledger_exits_0_and_a_changed_byte_1_with_its_line() {
    let (lines, head) = intact_ledger();
    let (status, report, stderr) = verify_ledger("intact", &lines, &head);
    assert_eq!(status, Some(0), "{report} {stderr}");
    assert_eq!(report["valid"], true);
    assert_eq!(report["head"], head);

    // One byte of the third line's case id changed.
    let mut changed = lines.clone();
    let at = changed[2].find("\"case\":\"").unwrap() + "\"case\":\"".len() + 2;
    let mut bytes = changed[2].clone().into_bytes();
    bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
    changed[2] = String::from_utf8(bytes).unwrap();
    let (status, report, _) = verify_ledger("changed", &changed, &head);
    assert_eq!(status, Some(1), "{report}");
    assert_eq!(report["valid"], false);
    assert_eq!(report["problems"][0]["line"], 3, "{report}");
    assert_eq!(report["problems"][0]["code"], "ledger.hash_mismatch");

    // A byte changed so that the line is no longer UTF-8: still that line, not bad input.
    let mut text: Vec<u8> = lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    let second = lines[0].len() + 1 + lines[1].find("\"case\":\"").unwrap() + 8;
    text[second] = 0xff;
    let (status, report, _) = verify_ledger_bytes("not-utf8", &text, &head);
    assert_eq!(status, Some(1), "{report}");
    assert_eq!(report["problems"][0]["line"], 2, "{report}");

    // The last line cut off: the kept head tells.
    let (status, report, _) = verify_ledger("cut", &lines[..lines.len() - 1], &head);
    assert_eq!(status, Some(1), "{report}");
    assert_eq!(report["problems"][0]["code"], "ledger.head_mismatch");
    let (status, _, _) = verify_ledger("cut-no-head", &lines[..lines.len() - 1], &Value::Null);
    assert_eq!(status, Some(0));

    // A head that cannot be read, a ledger that cannot be opened: bad input.
    let (status, _, stderr) = verify_ledger("bad-head", &lines, &json!({ "entries": "six" }));
    assert_eq!(status, Some(2));
    assert!(stderr.contains("input.shape"), "{stderr}");
    let missing = fixture_path("authority/no-such-ledger.jsonl");
    let (status, _, stderr) = run(&["ledger", "verify", "--catalog", CATALOG, &missing]);
    assert_eq!(status, Some(2));
    assert!(stderr.contains("无法读取文件"), "{stderr}");
}

/// The sample station's files in `catalogs/`: the Haicang catalogue, its 用印台账 and the
/// head kept for it.
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
const SAMPLE_LEDGER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../catalogs/haicang.ledger.jsonl"
);
const SAMPLE_HEAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../catalogs/haicang.ledger.head.json"
);

#[test]
fn the_sample_ledger_is_intact_and_a_changed_byte_is_found_on_its_line() {
    let text = std::fs::read_to_string(SAMPLE_LEDGER).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 2);
    let (status, report, stderr) = run(&[
        "ledger",
        "verify",
        "--catalog",
        SAMPLE,
        "--head",
        SAMPLE_HEAD,
        SAMPLE_LEDGER,
    ]);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(report["valid"], true);
    assert_eq!(report["entries"], lines.len());

    // One hexadecimal digit of a stamp's digest changed, in the middle of the ledger.
    let number = lines.len() / 2;
    let mut bytes = text.clone().into_bytes();
    let start: usize = lines[..number - 1].iter().map(|l| l.len() + 1).sum();
    let at = start + lines[number - 1].find("\"digest\":\"").unwrap() + "\"digest\":\"".len();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    let changed = temp_file("sample-changed.jsonl", &bytes);
    let (status, report, _) = run(&[
        "ledger",
        "verify",
        "--catalog",
        SAMPLE,
        "--head",
        SAMPLE_HEAD,
        &changed,
    ]);
    assert_eq!(status, Some(1), "{report}");
    assert_eq!(report["problems"].as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report["problems"][0]["line"], number);
    assert_eq!(report["problems"][0]["code"], "ledger.hash_mismatch");

    // Every recorded stamp was valid: the first one, verified alone.
    let entry: Value = serde_json::from_str(lines[0]).unwrap();
    let stamp = temp_file("sample-stamp.json", entry["stamp"].to_string().as_bytes());
    let (status, report, stderr) = run(&["stamp", "verify", "--catalog", SAMPLE, &stamp]);
    assert_eq!(status, Some(0), "{report} {stderr}");
    assert_eq!(report["valid"], true);
}

/// A document over its limit is too large whatever its bytes: reading stops just past the
/// limit, which may cut a character in two, and that cut is not the document's encoding.
#[test]
fn an_oversized_document_of_chinese_text_is_too_large_not_not_utf8() {
    // `{"a":"` and then 中 (three bytes) until well past each limit, so the bytes kept end
    // inside a character.
    let text = |bytes: usize| format!("{{\"a\":\"{}\"}}", "中".repeat(bytes / 3));
    let stamp = temp_file("zh-stamp.json", text(20 << 10).as_bytes());
    let catalog = temp_file("zh-catalog.json", text(17 << 20).as_bytes());
    for args in [
        ["stamp", "verify", "--catalog", CATALOG, stamp.as_str()],
        [
            "stamp",
            "verify",
            "--catalog",
            catalog.as_str(),
            stamp.as_str(),
        ],
    ] {
        let (status, _, stderr) = run(&args);
        assert_eq!(status, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("[input.too_large]"), "{args:?}: {stderr}");
    }
}
