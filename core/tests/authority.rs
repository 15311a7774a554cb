//! Authority (issue 4): the shared fixtures `tests/fixtures/authority/{stamps,ledgers}.json`,
//! the cases the issue must show, lint of registries, properties of verification, and the
//! sample ledger shipped beside the sample catalogue (`catalogs/haicang.ledger.jsonl`).
//!
//! `ledgers.json` is generated here, never by hand: regenerate it with
//! `DOORSTEP_BLESS=1 cargo test -p doorstep --test authority -- --ignored bless`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use doorstep::authority::ledger::{self, AppendRequest, GENESIS, HashAlg, LedgerHead, StampLedger};
use doorstep::authority::{AuthorityQuery, Stamp};
use doorstep::engine::Engine;
use doorstep::{Coded, Lang, conformance};
use serde_json::{Value, json};

/// The date engines are loaded as of (it only dates the catalogue's lint).
fn load_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn fixture_text(name: &str) -> String {
    let path = repo().join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Engines by fixture catalogue, loaded once per test.
#[derive(Default)]
struct Engines(HashMap<String, Engine>);

impl Engines {
    fn get(&mut self, name: &str) -> &Engine {
        self.0.entry(name.to_owned()).or_insert_with(|| {
            Engine::load(&fixture_text(name), load_date())
                .unwrap_or_else(|e| panic!("{name}: {e:?}"))
        })
    }
}

fn fixture_engine() -> Engine {
    Engine::load(&fixture_text("catalog/authority.json"), load_date()).unwrap()
}

fn lang_of(input: &conformance::Input) -> Lang {
    input
        .lang
        .as_deref()
        .map_or(Lang::ZhCn, |l| Lang::parse(l).expect("lang"))
}

fn error(e: &impl Coded) -> Value {
    json!({ "error": e.code() })
}

fn assert_no_mismatch(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether `text` has Chinese characters.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// ---------------------------------------------------------------------------------------
// stamps.json

/// One `stamps.json` case, as every binding runs it.
fn run_stamp_case(engines: &mut Engines, input: &conformance::Input) -> Value {
    let raw = &input.raw;
    let engine = engines.get(raw["catalog"].as_str().expect("catalog"));
    let lang = lang_of(input);
    let report = if let Some(value) = raw.get("stamp") {
        match Stamp::from_value(value.clone()) {
            Ok(stamp) => engine.verify_stamp(&stamp).report(lang),
            Err(e) => return error(&e),
        }
    } else if let Some(text) = raw.get("stampText") {
        match Stamp::from_json(text.as_str().expect("stampText is a string")) {
            Ok(stamp) => engine.verify_stamp(&stamp).report(lang),
            Err(e) => return error(&e),
        }
    } else {
        match serde_json::from_value::<AuthorityQuery>(raw["query"].clone()) {
            Ok(q) => engine
                .authorize(&q.org, &q.matter, q.step, q.at)
                .report(lang),
            Err(_) => return json!({ "error": "input.shape" }),
        }
    };
    serde_json::to_value(&report).unwrap()
}

#[test]
fn stamps_fixtures() {
    let mut engines = Engines::default();
    let mut language = Vec::new();
    let failures = conformance::run("authority/stamps.json", |input| {
        let actual = run_stamp_case(&mut engines, input);
        // Messages come in the language asked for (the matching rule compares codes only).
        for problem in actual["failures"].as_array().into_iter().flatten() {
            let message = problem["message"].as_str().unwrap_or_default();
            if has_cjk(message) == (lang_of(input) == Lang::En) {
                language.push(format!("{}: message {message:?}", input.name));
            }
        }
        actual
    });
    assert_no_mismatch(&failures);
    assert!(language.is_empty(), "{}", language.join("\n"));
}

/// Every failure code is exercised by `stamps.json`, and the file keeps its shape.
#[test]
fn stamps_fixtures_cover_every_failure() {
    let file = conformance::load("authority/stamps.json");
    let cases = file["cases"].as_array().unwrap();
    let seen: Vec<&str> = cases
        .iter()
        .flat_map(|c| c["expected"]["failures"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    for code in [
        "stamp.unknown_seal",
        "stamp.unknown_matter",
        "stamp.unknown_org",
        "stamp.bad_digest",
        "authority.no_chain",
        "authority.re_entrusted",
        "authority.forward_only",
        "authority.not_yet_valid",
        "authority.expired",
        "authority.matter_out_of_scope",
        "authority.step_out_of_scope",
        "authority.revoked",
        "seal.suspended",
        "seal.revoked",
        "seal.wrong_premises",
        "stamp.empty_digest",
        "stamp.official_seal_required",
        "stamp.separation_of_duties",
        "stamp.supervisor_decides",
        "stamp.role_not_permitted",
    ] {
        assert!(seen.contains(&code), "no case expects {code}");
    }
    for kind in ["stamp", "stampText", "query"] {
        assert!(
            cases.iter().any(|c| c["input"].get(kind).is_some()),
            "no {kind} case"
        );
    }
    assert!(cases.iter().any(|c| c["input"]["lang"] == "en"));
}

/// A number where an enumeration's string is expected is valid JSON of the wrong type:
/// `input.shape`, from text as from a value. (Found by this suite: `serde_json`'s reader
/// reports it as a syntax error, which `input.malformed` used to follow; `parse_json` now
/// re-checks such errors.)
#[test]
fn a_wrong_type_for_an_enumeration_is_shape_not_malformed() {
    let mut stamp =
        conformance::load("authority/stamps.json")["cases"][0]["input"]["stamp"].clone();
    stamp["step"] = json!(4);
    let from_value = Stamp::from_value(stamp.clone()).unwrap_err();
    assert_eq!(from_value.code(), "input.shape");
    let from_json = Stamp::from_json(&stamp.to_string()).unwrap_err();
    assert_eq!(
        from_json.code(),
        "input.shape",
        "valid JSON with a wrong type is input.shape, as from_value says"
    );
}

// ---------------------------------------------------------------------------------------
// ledgers.json: generated by `bless`, checked against the core by `ledgers_fixtures`.

const LEDGERS: &str = "authority/ledgers.json";

/// A stamp valid in `catalog/authority.json`; `document` is the stamped text.
#[allow(clippy::too_many_arguments)]
fn fixture_stamp(
    seal: &str,
    case: &str,
    matter: &str,
    step: &str,
    operator: (&str, &str),
    accepted_by: Option<&str>,
    place: &str,
    at: &str,
    document: &str,
) -> Value {
    let mut stamp = json!({
        "seal": seal,
        "case": case,
        "matter": matter,
        "step": step,
        "operator": { "id": operator.0, "role": operator.1 },
        "place": place,
        "at": at,
        "digest": HashAlg::Sha256.hex_digest(document.as_bytes()).unwrap(),
    });
    if let Some(by) = accepted_by {
        stamp["acceptedBy"] = json!(by);
    }
    stamp
}

/// Six valid stamps of one morning and afternoon, by a station, a street centre and a
/// department, in all the ways the fixture catalogue allows.
fn ledger_stamps() -> Vec<Value> {
    vec![
        fixture_stamp(
            "seal-st1",
            "HC-2025-000101",
            "MED-INSURE",
            "receive",
            ("op-0103", "front_desk"),
            None,
            "350205-001-01",
            "2025-05-06T09:12:00+08:00",
            "HC-2025-000101 收件回执",
        ),
        fixture_stamp(
            "seal-st1",
            "HC-2025-000101",
            "MED-INSURE",
            "accept",
            ("op-0103", "front_desk"),
            None,
            "350205-001-01",
            "2025-05-06T09:20:00+08:00",
            "HC-2025-000101 受理通知书",
        ),
        fixture_stamp(
            "seal-st1",
            "HC-2025-000101",
            "MED-INSURE",
            "decide",
            ("op-0101", "back_office"),
            Some("op-0103"),
            "350205-001-01",
            "2025-05-06T10:05:00+08:00",
            "HC-2025-000101 参保登记确认书",
        ),
        fixture_stamp(
            "seal-street",
            "HC-2025-000102",
            "HUKOU-BIRTH",
            "decide",
            ("op-0201", "station_chief"),
            Some("op-0202"),
            "350205-001",
            "2025-05-06T11:30:00+08:00",
            "HC-2025-000102 出生登记审批表",
        ),
        fixture_stamp(
            "seal-st1",
            "HC-2025-000103",
            "BIRTH-CERT",
            "deliver",
            ("op-0103", "front_desk"),
            None,
            "350205-001-01",
            "2025-05-06T14:00:00+08:00",
            "HC-2025-000103 送达回证",
        ),
        fixture_stamp(
            "seal-yb",
            "HC-2025-000104",
            "MED-INSURE",
            "decide",
            ("op-0901", "back_office"),
            None,
            "350205-YB",
            "2025-05-06T16:45:00+08:00",
            "HC-2025-000104 参保登记确认书",
        ),
    ]
}

fn stamp_of(value: &Value) -> Stamp {
    Stamp::from_value(value.clone()).unwrap()
}

/// The canonical lines of a ledger of `stamps`, and its head.
fn ledger_of(stamps: &[Value]) -> (Vec<String>, LedgerHead) {
    let mut ledger = StampLedger::new(HashAlg::Sha256);
    let lines = stamps
        .iter()
        .map(|s| ledger.append(stamp_of(s)).unwrap())
        .collect();
    (lines, ledger.head().clone())
}

/// `line` with the byte at `needle`'s first occurrence plus `offset` replaced by `by`.
fn change_at(line: &str, needle: &str, offset: usize, by: u8) -> String {
    let mut bytes = line.as_bytes().to_vec();
    let at = line.find(needle).unwrap() + offset;
    assert_ne!(bytes[at], by, "the change must change something");
    bytes[at] = by;
    String::from_utf8(bytes).unwrap()
}

/// The last hexadecimal digit of `hash`, changed.
fn other_digit(hash: &str) -> u8 {
    if hash.ends_with('0') { b'1' } else { b'0' }
}

/// A verify case of `ledgers.json`.
fn verify_case(
    name: &str,
    lines: &[String],
    head: Option<&LedgerHead>,
    lang: Option<&str>,
    valid: bool,
    entries: u64,
    problems: &[(&str, usize)],
) -> Value {
    let mut input = json!({ "catalog": "catalog/authority.json", "lines": lines });
    if let Some(head) = head {
        input["head"] = json!(head);
    }
    if let Some(lang) = lang {
        input["lang"] = json!(lang);
    }
    json!({
        "name": name,
        "input": input,
        "expected": {
            "valid": valid,
            "entries": entries,
            "problems": problems.iter().map(|(code, _)| code).collect::<Vec<_>>(),
            "errorLines": problems.iter().map(|(_, line)| line).collect::<Vec<_>>(),
        }
    })
}

/// The whole of `ledgers.json`: the lines and hashes computed by the core, the expected
/// problems stated here by hand.
#[allow(clippy::too_many_lines)] // one case after another
fn ledgers_document() -> Value {
    let stamps = ledger_stamps();
    let (lines, head) = ledger_of(&stamps);
    let with = |edit: &dyn Fn(&mut Vec<String>)| {
        let mut lines = lines.clone();
        edit(&mut lines);
        lines
    };
    let head_at = |n: usize| ledger_of(&stamps[..n]).1;
    let mut cases = vec![
        verify_case(
            "intact ledger of six valid stamps, with its kept head",
            &lines,
            Some(&head),
            None,
            true,
            6,
            &[],
        ),
        verify_case(
            "intact ledger without a kept head",
            &lines,
            None,
            None,
            true,
            6,
            &[],
        ),
        verify_case(
            "one byte changed in the middle of a stamp field (the case id)",
            &with(&|l| l[2] = change_at(&l[2], "HC-2025-000101", 12, b'9')),
            Some(&head),
            None,
            false,
            6,
            &[("ledger.hash_mismatch", 3)],
        ),
        verify_case(
            "one byte changed in the stamp's time, in English",
            &with(&|l| l[4] = change_at(&l[4], "T14:00", 2, b'5')),
            Some(&head),
            Some("en"),
            false,
            6,
            &[("ledger.hash_mismatch", 5)],
        ),
        verify_case(
            "a space added: not the canonical form it was written in",
            &with(&|l| l[1] = l[1].replacen("\"seq\":", "\"seq\": ", 1)),
            Some(&head),
            None,
            false,
            6,
            &[("ledger.not_canonical", 2)],
        ),
        verify_case(
            "the hash field edited: its entry, and the link to the next",
            &with(&|l| {
                let last = l[3].len() - 3;
                let by = other_digit(&l[3][..=last]);
                let mut bytes = l[3].clone().into_bytes();
                bytes[last] = by;
                l[3] = String::from_utf8(bytes).unwrap();
            }),
            Some(&head),
            None,
            false,
            6,
            &[("ledger.hash_mismatch", 4), ("ledger.broken_link", 5)],
        ),
        verify_case(
            "first entry deleted",
            &with(&|l| {
                l.remove(0);
            }),
            None,
            None,
            false,
            5,
            &[("ledger.sequence", 1), ("ledger.broken_link", 1)],
        ),
        verify_case(
            "a middle entry deleted",
            &with(&|l| {
                l.remove(3);
            }),
            None,
            None,
            false,
            5,
            &[("ledger.sequence", 4), ("ledger.broken_link", 4)],
        ),
        verify_case(
            "last entry deleted: only the kept head tells",
            &with(&|l| {
                l.pop();
            }),
            Some(&head),
            None,
            false,
            5,
            &[("ledger.head_mismatch", 5)],
        ),
        verify_case(
            "last entry deleted, no head kept: undetectable, hence the head",
            &with(&|l| {
                l.pop();
            }),
            None,
            None,
            true,
            5,
            &[],
        ),
        verify_case(
            "two entries swapped",
            &with(&|l| l.swap(2, 3)),
            Some(&head),
            None,
            false,
            6,
            &[
                ("ledger.sequence", 3),
                ("ledger.broken_link", 3),
                ("ledger.sequence", 4),
                ("ledger.broken_link", 4),
                ("ledger.sequence", 5),
                ("ledger.broken_link", 5),
            ],
        ),
    ];
    // An entry forged after the third and slipped in before the fourth.
    let mut writer_after_third = StampLedger::resume(HashAlg::Sha256, head_at(3));
    let mut forgery = stamps[2].clone();
    forgery["case"] = json!("HC-2025-000999");
    let forged = writer_after_third.append(stamp_of(&forgery)).unwrap();
    let replayed = lines[1].clone();
    // An intact entry whose stamp fails verification (the grant was revoked on 1 June).
    let mut revoked = stamps[3].clone();
    revoked["seal"] = json!("seal-st1");
    revoked["place"] = json!("350205-001-01");
    revoked["at"] = json!("2025-06-02T10:00:00+08:00");
    let (with_invalid, invalid_head) = ledger_of(&[stamps.clone(), vec![revoked]].concat());
    // An entry correctly hashed whose stamp breaks a length limit.
    let mut long = stamps[5].clone();
    long["case"] = json!(format!("HC-2025-{}", "0".repeat(510)));
    let mut writer = StampLedger::resume(HashAlg::Sha256, head.clone());
    let long_line = writer
        .append(serde_json::from_value::<Stamp>(long).unwrap())
        .unwrap();
    let wrong_hash = LedgerHead {
        entries: 6,
        hash: head_at(5).hash,
    };
    let empty_head = LedgerHead {
        entries: 0,
        hash: GENESIS.to_owned(),
    };
    cases.extend([
        verify_case(
            "an entry inserted (forged to follow the third)",
            &with(&|l| l.insert(3, forged.clone())),
            None,
            None,
            false,
            7,
            &[("ledger.sequence", 5), ("ledger.broken_link", 5)],
        ),
        verify_case(
            "an entry replayed (the second, again)",
            &with(&|l| l.insert(2, replayed.clone())),
            None,
            None,
            false,
            7,
            &[("ledger.sequence", 3), ("ledger.broken_link", 3)],
        ),
        verify_case(
            "intact ledger, kept head with another last hash",
            &lines,
            Some(&wrong_hash),
            None,
            false,
            6,
            &[("ledger.head_mismatch", 6)],
        ),
        verify_case(
            "intact ledger, kept head counting more entries",
            &lines[..5],
            Some(&LedgerHead {
                entries: 6,
                hash: head_at(5).hash,
            }),
            None,
            false,
            5,
            &[("ledger.head_mismatch", 5)],
        ),
        // Read by `LedgerHead::from_json` in every binding: a head that cannot be one is a
        // wrong call, not a mismatch to report.
        json!({
            "name": "a kept head whose hash is not 64 lowercase hex digits: input.shape",
            "input": {
                "catalog": "catalog/authority.json",
                "lines": &lines[..5],
                "head": { "entries": 5, "hash": head_at(5).hash.to_uppercase() }
            },
            "expected": { "error": "input.shape" }
        }),
        verify_case("empty ledger, no head", &[], None, None, true, 0, &[]),
        verify_case(
            "empty ledger with the empty head",
            &[],
            Some(&empty_head),
            None,
            true,
            0,
            &[],
        ),
        verify_case(
            "empty ledger where the head counts six entries: all cut off",
            &[],
            Some(&head),
            None,
            false,
            0,
            &[("ledger.head_mismatch", 1)],
        ),
        verify_case(
            "a line of garbage inserted",
            &with(&|l| l.insert(2, "这不是台账记录 / not an entry".to_owned())),
            Some(&head),
            None,
            false,
            6,
            &[("ledger.malformed", 3)],
        ),
        verify_case(
            "an empty line inserted",
            &with(&|l| l.insert(2, String::new())),
            Some(&head),
            None,
            false,
            6,
            &[("ledger.malformed", 3)],
        ),
        verify_case(
            "an entry overwritten with garbage",
            &with(&|l| "{\"seq\": 3}".clone_into(&mut l[2])),
            None,
            None,
            false,
            5,
            &[
                ("ledger.malformed", 3),
                ("ledger.sequence", 4),
                ("ledger.broken_link", 4),
            ],
        ),
        verify_case(
            "an intact entry whose stamp is invalid (after the grant's revocation)",
            &with_invalid,
            Some(&invalid_head),
            None,
            false,
            7,
            &[("ledger.invalid_stamp", 7)],
        ),
        verify_case(
            "an entry hashed correctly whose stamp breaks a length limit",
            &[lines.clone(), vec![long_line]].concat(),
            Some(writer.head()),
            None,
            false,
            7,
            &[("ledger.malformed", 7)],
        ),
    ]);
    // Append and digest.
    let mut more = stamps[0].clone();
    more["case"] = json!("HC-2025-000105");
    more["at"] = json!("2025-05-07T09:00:00+08:00");
    let appended = |request: &Value| {
        let request: AppendRequest = serde_json::from_value(request.clone()).unwrap();
        serde_json::to_value(ledger::append(request).unwrap()).unwrap()
    };
    for (name, request) in [
        ("append to an empty ledger", json!({ "stamp": stamps[0] })),
        (
            "append continuing a kept head",
            json!({ "head": head, "stamp": more }),
        ),
        (
            "append with the hash function named: the second line of the six",
            json!({ "alg": "sha256", "head": head_at(1), "stamp": stamps[1] }),
        ),
    ] {
        cases.push(json!({
            "name": name,
            "input": { "append": request },
            "expected": appended(&request),
        }));
    }
    let mut long = stamps[0].clone();
    long["case"] = json!("x".repeat(513));
    cases.extend([
        json!({
            "name": "append a stamp with a field over its length: ledger.malformed",
            "input": { "append": { "stamp": long } },
            "expected": { "error": "ledger.malformed" },
        }),
        json!({
            "name": "append request with an unknown field: input.shape",
            "input": { "append": { "stamp": stamps[0], "signature": "MEUCIQ" } },
            "expected": { "error": "input.shape" },
        }),
    ]);
    for (name, content) in [
        (
            "digest of ASCII text",
            "The quick brown fox jumps over the lazy dog",
        ),
        (
            "digest of Chinese text (its UTF-8 bytes)",
            "海沧区就近办、基层办：准予出生登记决定书",
        ),
        ("digest of empty content: the blank-paper digest", ""),
    ] {
        cases.push(json!({
            "name": name,
            "input": { "content": content },
            "expected": { "digest": HashAlg::Sha256.hex_digest(content.as_bytes()).unwrap() },
        }));
    }
    json!({
        "description": "用印台账 (issue 4), generated by core/tests/authority.rs (`DOORSTEP_BLESS=1 cargo test -p doorstep --test authority -- --ignored bless`); do not edit. Three kinds of input: verify {catalog, lines, head?, lang?}: the ledger is lines joined with \"\\n\" plus a final \"\\n\" (\"\" when there are none), verified against the catalogue's registry (engine loaded as of 2026-11-25) with the kept head if given -> {valid, entries, problems (codes in line order), errorLines (their lines)}; append {alg?, head?, stamp} -> {line, head}; content (text) -> {digest: SHA-256 of its UTF-8 bytes, lowercase hex}. A request that cannot be read or a stamp that breaks a limit gives {error: code}.",
        "cases": cases,
    })
}

/// `ledgers.json` as committed: one-space indentation, like the other fixtures.
fn render_fixture(doc: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    doc.serialize(&mut serializer).unwrap();
    String::from_utf8(out).unwrap() + "\n"
}

/// One `ledgers.json` case, as every binding runs it.
fn run_ledger_case(engines: &mut Engines, input: &conformance::Input) -> Value {
    let raw = &input.raw;
    if let Some(request) = raw.get("append") {
        return match serde_json::from_value::<AppendRequest>(request.clone()) {
            Ok(request) => match ledger::append(request) {
                Ok(appended) => serde_json::to_value(appended).unwrap(),
                Err(e) => error(&e),
            },
            Err(_) => json!({ "error": "input.shape" }),
        };
    }
    if let Some(content) = raw.get("content") {
        let content = content.as_str().expect("content is text");
        return json!({ "digest": HashAlg::Sha256.hex_digest(content.as_bytes()) });
    }
    let engine = engines.get(raw["catalog"].as_str().expect("catalog"));
    let lines: Vec<&str> = raw["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| l.as_str().expect("a line is text"))
        .collect();
    let text = if lines.is_empty() {
        String::new()
    } else {
        lines.join("\n") + "\n"
    };
    let head = match raw
        .get("head")
        .map(|h| LedgerHead::from_json(&h.to_string()))
    {
        Some(Err(e)) => return error(&e),
        head => head.and_then(Result::ok),
    };
    let report = engine.verify_ledger(&text, head.as_ref(), lang_of(input));
    serde_json::to_value(report).unwrap()
}

#[test]
fn ledgers_fixtures() {
    let mut engines = Engines::default();
    let failures = conformance::run(LEDGERS, |input| run_ledger_case(&mut engines, input));
    assert_no_mismatch(&failures);
}

/// The committed `ledgers.json` is what the core computes now (lines, hashes, heads).
#[test]
fn ledgers_fixture_is_generated() {
    let generated = render_fixture(&ledgers_document());
    assert!(
        fixture_text(LEDGERS) == generated,
        "tests/fixtures/{LEDGERS} differs from what the core computes; if the change is meant, \
         regenerate it with `DOORSTEP_BLESS=1 cargo test -p doorstep --test authority -- --ignored bless`"
    );
}

/// Writes `ledgers.json` (with `DOORSTEP_BLESS=1`).
#[test]
#[ignore = "writes tests/fixtures/authority/ledgers.json; run with DOORSTEP_BLESS=1"]
fn bless_ledgers_fixture() {
    if std::env::var_os("DOORSTEP_BLESS").is_none_or(|v| v != "1") {
        return;
    }
    let path = repo().join("tests/fixtures").join(LEDGERS);
    let fresh = path.with_extension("json.new");
    std::fs::write(&fresh, render_fixture(&ledgers_document())).unwrap();
    std::fs::rename(&fresh, &path).unwrap();
}

// ---------------------------------------------------------------------------------------
// The sample ledger beside the sample catalogue.

#[path = "../../examples/rust/sample_ledger.rs"]
#[allow(dead_code, unreachable_pub)] // its `main` and constants serve the example
mod sample_ledger;

/// The sample catalogue's engine, the ledger's text and its kept head, loaded once.
fn sample() -> &'static (Engine, String, LedgerHead) {
    static SAMPLE: std::sync::OnceLock<(Engine, String, LedgerHead)> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        let engine = sample_ledger::load_engine().unwrap();
        let root = sample_ledger::root();
        let text = std::fs::read_to_string(root.join(sample_ledger::LEDGER)).unwrap();
        let head: LedgerHead =
            serde_json::from_str(&std::fs::read_to_string(root.join(sample_ledger::HEAD)).unwrap())
                .unwrap();
        (engine, text, head)
    })
}

/// The sample ledger is valid against the sample catalogue with its kept head, has at
/// least 1,000 entries, and relies on every grant mode.
#[test]
fn sample_ledger_is_valid_and_uses_every_mode() {
    use doorstep::authority::GrantMode;
    use doorstep::authority::ledger::LedgerEntry;

    let (engine, text, head) = sample();
    let report = engine.verify_ledger(text, Some(head), Lang::ZhCn);
    assert!(
        report.valid,
        "{:?}",
        &report.problems[..report.problems.len().min(5)]
    );
    assert!(report.entries >= 1_000, "{} entries", report.entries);
    assert_eq!(&report.head, head);
    let mut modes = Vec::new();
    let mut own_authority = 0;
    let mut in_principals_name = 0;
    for line in text.lines() {
        let entry: LedgerEntry = serde_json::from_str(line).unwrap();
        assert!(
            !has_digit_run(&entry.stamp.operator.id, 11),
            "operator ids are staff numbers"
        );
        let verdict = engine.verify_stamp(&entry.stamp);
        assert!(verdict.is_valid());
        let owner = engine
            .catalog()
            .authority
            .seals
            .iter()
            .find(|s| s.code == entry.stamp.seal)
            .unwrap()
            .owner
            .as_str();
        own_authority += usize::from(verdict.chain.is_empty());
        in_principals_name += usize::from(verdict.acts_in_name_of != Some(owner));
        for grant in &verdict.chain {
            if !modes.contains(&grant.mode) {
                modes.push(grant.mode);
            }
        }
    }
    for mode in [
        GrantMode::Devolve,
        GrantMode::Authorize,
        GrantMode::Entrust,
        GrantMode::Forward,
    ] {
        assert!(modes.contains(&mode), "no stamp relies on {mode:?}");
    }
    assert!(own_authority > 0, "no department acts on its own authority");
    assert!(
        in_principals_name > 0,
        "no act stands in a principal's name"
    );
}

/// Re-running the generator gives the committed bytes.
#[test]
fn sample_ledger_is_what_the_generator_writes() {
    let (engine, text, head) = sample();
    let (generated, generated_head) = sample_ledger::generate(engine).unwrap();
    assert_eq!(&generated_head, head);
    assert!(
        &generated == text,
        "{} differs from what `cargo run -p doorstep --example sample_ledger` writes; regenerate it",
        sample_ledger::LEDGER
    );
    let committed_head =
        std::fs::read_to_string(sample_ledger::root().join(sample_ledger::HEAD)).unwrap();
    assert_eq!(committed_head, sample_ledger::head_text(head).unwrap());
}

/// Whether `text` has a run of at least `n` ASCII digits.
fn has_digit_run(text: &str, n: usize) -> bool {
    digit_runs(text, n).next().is_some()
}

/// The runs of at least `n` ASCII digits in `text`.
fn digit_runs(text: &str, n: usize) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(move |run| run.len() >= n)
}

/// The problems (line, code) the whole sample ledger would have if the lines from `first`
/// (1-based) on were `tail` instead — found without verifying 1,000 intact entries for
/// every change (a second each in a debug build).
///
/// The verifier reads a ledger line by line, and its state after an intact line is that
/// line's `seq` and `hash`; so verifying the intact line before `first` (the anchor), then
/// `tail`, leaves it in the same state at `tail` as the whole ledger would, and a `tail`
/// that ends with an intact line leaves it where the rest of the ledger expects. Problems of
/// the anchor itself (out of sequence as a first line) are dropped; lines are renumbered.
/// `window_verification_agrees_with_the_whole_ledger` checks this equivalence.
fn window_problems(lines: &[&str], first: usize, tail: &[&str]) -> Vec<(usize, String)> {
    let (engine, _, _) = sample();
    let anchor = first.checked_sub(2).map(|i| lines[i]);
    let window: Vec<&str> = anchor.into_iter().chain(tail.iter().copied()).collect();
    let text = window.join("\n") + "\n";
    let report = engine.verify_ledger(&text, None, Lang::ZhCn);
    let skip = usize::from(anchor.is_some());
    report
        .problems
        .iter()
        .filter_map(|p| {
            if p.line <= skip {
                assert!(
                    ["ledger.sequence", "ledger.broken_link"].contains(&p.problem.code.as_str()),
                    "the anchor line has a problem of its own: {p:?}"
                );
                None
            } else {
                Some((p.line - skip + first - 1, p.problem.code.clone()))
            }
        })
        .collect()
}

/// The whole ledger's problems, without the head.
fn whole_problems(text: &str) -> Vec<(usize, String)> {
    let (engine, _, _) = sample();
    let report = engine.verify_ledger(text, None, Lang::ZhCn);
    report
        .problems
        .iter()
        .map(|p| (p.line, p.problem.code.clone()))
        .collect()
}

/// The sample ledger without entry `k` (1-based): the window from line `k` on.
fn deleted_window<'a>(lines: &[&'a str], k: usize) -> Vec<&'a str> {
    lines.iter().skip(k).take(2).copied().collect()
}

/// The sample ledger with byte `at` of line `k` (1-based) set to `by`: the window from line
/// `k` on (the changed line, then up to two intact ones).
fn changed_window(lines: &[&str], k: usize, at: usize, by: u8) -> (String, Vec<String>) {
    let mut bytes = lines[k - 1].as_bytes().to_vec();
    bytes[at] = by;
    let changed = String::from_utf8(bytes).unwrap();
    let rest = lines.iter().skip(k).take(2).map(|l| (*l).to_owned());
    (
        changed.clone(),
        std::iter::once(changed).chain(rest).collect(),
    )
}

/// A byte other than `original`, printable ASCII or a newline (the ledger is ASCII, so the
/// text stays UTF-8), drawn from `seed`.
fn other_byte(original: u8, seed: u64) -> u8 {
    const POOL: &[u8] = b"\n \"\\{}[]:,0123456789abcdefABCDEFxyzXYZ-+.T";
    let mut i = usize::try_from(seed % POOL.len() as u64).unwrap();
    while POOL[i] == original {
        i = (i + 1) % POOL.len();
    }
    POOL[i]
}

/// A near miss of `original`: a digit one up, a letter in the other case, else `seed`'s pick.
fn near_byte(original: u8, seed: u64) -> u8 {
    match original {
        b'0'..=b'8' => original + 1,
        b'9' => b'0',
        b'a'..=b'z' => original.to_ascii_uppercase(),
        b'A'..=b'Z' => original.to_ascii_lowercase(),
        _ => other_byte(original, seed),
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Byte positions to change in line `k` of `line`: three drawn at random, the first and the
/// last byte, and one byte of the `hash` and of the `prev` value.
fn positions(line: &str, k: usize) -> Vec<usize> {
    let mut state = k as u64;
    let mut out: Vec<usize> = (0..3)
        .map(|_| usize::try_from(splitmix(&mut state) % line.len() as u64).unwrap())
        .collect();
    out.extend([0, line.len() - 1]);
    for key in ["\"prev\":\"", "\"hash\":\""] {
        let start = line.find(key).unwrap() + key.len();
        out.push(start + usize::try_from(splitmix(&mut state) % 64).unwrap());
    }
    out
}

/// Must show: deleting any entry of the 1,000-entry sample ledger is found, at the line
/// where it was (the last one by the kept head, at the line that now ends the ledger).
#[test]
fn sample_ledger_every_deleted_entry_is_found_where_it_was() {
    let (_, text, head) = sample();
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    for k in 1..n {
        let found = window_problems(&lines, k, &deleted_window(&lines, k));
        assert_eq!(
            found,
            [
                (k, "ledger.sequence".to_owned()),
                (k, "ledger.broken_link".to_owned())
            ],
            "entry {k} deleted"
        );
    }
    // The last entry: only the kept head can tell.
    let cut = lines[..n - 1].join("\n") + "\n";
    let (engine, _, _) = sample();
    let report = engine.verify_ledger(&cut, Some(head), Lang::ZhCn);
    let found: Vec<(usize, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.problem.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [(n - 1, "ledger.head_mismatch")],
        "last entry deleted"
    );
}

/// Must show: changing a byte of any entry of the sample ledger is found on that line —
/// seven bytes of every entry (three at random, the first and last, one of `hash` and of
/// `prev`), and every byte of the first, a middle and the last entry, twice over.
#[test]
fn sample_ledger_every_changed_byte_is_found_on_its_line() {
    let (_, text, _) = sample();
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    let mut checked = 0;
    let mut check = |k: usize, at: usize, by: u8| {
        let (changed, window) = changed_window(&lines, k, at, by);
        let window: Vec<&str> = window.iter().map(String::as_str).collect();
        let found = window_problems(&lines, k, &window);
        assert!(
            found.first().is_some_and(|(line, _)| *line == k),
            "line {k}, byte {at} set to {:?}: {found:?}\n{changed}",
            char::from(by)
        );
        checked += 1;
    };
    for k in 1..=n {
        let line = lines[k - 1];
        for (i, at) in positions(line, k).into_iter().enumerate() {
            let seed = (k * 31 + i) as u64;
            check(k, at, other_byte(line.as_bytes()[at], seed));
        }
    }
    for k in [1, n / 2, n] {
        let line = lines[k - 1];
        for at in 0..line.len() {
            let original = line.as_bytes()[at];
            check(k, at, near_byte(original, at as u64));
            check(k, at, other_byte(original, at as u64 * 7 + 3));
        }
    }
    assert!(checked >= 7 * n, "{checked} changes");
}

/// The shortcut of `window_problems` gives what verifying the whole ledger gives.
#[test]
fn window_verification_agrees_with_the_whole_ledger() {
    let (_, text, _) = sample();
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    for k in [1, 2, n / 3, n - 1] {
        let mut whole = lines.clone();
        whole.remove(k - 1);
        assert_eq!(
            window_problems(&lines, k, &deleted_window(&lines, k)),
            whole_problems(&(whole.join("\n") + "\n")),
            "entry {k} deleted"
        );
    }
    for (k, at, by) in [
        (1, 0, b' '),
        (2, 9, b'\n'),
        (n / 2, 120, b'x'),
        (n, 20, b'7'),
    ] {
        let (changed, window) = changed_window(&lines, k, at, by);
        let window: Vec<&str> = window.iter().map(String::as_str).collect();
        let mut whole = lines.clone();
        whole[k - 1] = &changed;
        assert_eq!(
            window_problems(&lines, k, &window),
            whole_problems(&(whole.join("\n") + "\n")),
            "line {k}, byte {at}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Must show (issue 4), in `catalog/authority.json`.

/// A valid stamp of the entrusted station 350205-001-01 (see `stamps.json`, first case).
fn station_stamp() -> Value {
    conformance::load("authority/stamps.json")["cases"][0]["input"]["stamp"].clone()
}

fn verify_json(engine: &Engine, stamp: &Value) -> doorstep::authority::VerdictReport {
    engine.verify_stamp(&stamp_of(stamp)).report(Lang::En)
}

fn codes(report: &doorstep::authority::VerdictReport) -> Vec<&str> {
    report.failures.iter().map(|f| f.code.as_str()).collect()
}

fn chain_ids(report: &doorstep::authority::VerdictReport) -> Vec<&str> {
    report.chain.iter().map(|l| l.grant.as_str()).collect()
}

#[test]
fn must_show_an_entrusted_station_stamping_within_scope_is_valid_in_the_principals_name() {
    use doorstep::authority::GrantMode;
    let engine = fixture_engine();
    let report = verify_json(&engine, &station_stamp());
    assert!(report.valid, "{report:?}");
    // 医保局 devolved the matter to the street centre, which entrusted the station: the
    // station acts in the name of its entrusting principal, the street centre.
    assert_eq!(chain_ids(&report), ["g-yb-street", "g-yb-st1"]);
    assert_eq!(report.chain[1].mode, GrantMode::Entrust);
    assert_eq!(report.acts_in_name_of.as_deref(), Some("350205-001"));
    assert_eq!(report.chain[1].principal, "350205-001");
    // Entrusted by the department itself (g-wj-st2 in 2024), it acts in the department's name.
    let mut direct = station_stamp();
    direct["seal"] = json!("seal-st2");
    direct["place"] = json!("350205-001-02");
    direct["matter"] = json!("BIRTH-CERT");
    direct["at"] = json!("2024-06-03T10:00:00+08:00");
    let report = verify_json(&engine, &direct);
    assert!(report.valid, "{report:?}");
    assert_eq!(chain_ids(&report), ["g-wj-st2"]);
    assert_eq!(report.acts_in_name_of.as_deref(), Some("350205-WJ"));
}

#[test]
fn must_show_the_same_station_entrusting_onward_is_invalid_re_entrusted() {
    let engine = fixture_engine();
    let mut stamp = station_stamp();
    stamp["seal"] = json!("seal-st2");
    stamp["place"] = json!("350205-001-02");
    let report = verify_json(&engine, &stamp);
    assert!(!report.valid);
    assert_eq!(codes(&report), ["authority.re_entrusted"]);
    assert_eq!(chain_ids(&report), ["g-yb-street", "g-yb-st1", "g-st1-st2"]);
    assert_eq!(report.failures[0].params["grant"], "g-st1-st2");
}

#[test]
fn must_show_a_forward_only_station_deciding_is_invalid() {
    let engine = fixture_engine();
    let mut stamp = station_stamp();
    stamp["matter"] = json!("BIRTH-CERT");
    let report = verify_json(&engine, &stamp);
    assert!(!report.valid);
    assert_eq!(
        codes(&report),
        ["authority.forward_only", "authority.step_out_of_scope"]
    );
    // Receiving under the same grant is what 窗口前移 is for.
    stamp["step"] = json!("receive");
    stamp["operator"]["role"] = json!("front_desk");
    assert!(verify_json(&engine, &stamp).valid);
}

#[test]
fn must_show_a_stamp_one_day_after_revocation_is_invalid() {
    let engine = fixture_engine();
    let mut stamp = station_stamp();
    stamp["matter"] = json!("HUKOU-BIRTH");
    stamp["acceptedBy"] = json!("op-0102"); // 审管分离: someone else accepted it
    stamp["at"] = json!("2025-05-31T10:00:00+08:00");
    assert!(verify_json(&engine, &stamp).valid, "the day before");
    stamp["at"] = json!("2025-06-02T10:00:00+08:00");
    let report = verify_json(&engine, &stamp);
    assert!(!report.valid);
    assert_eq!(codes(&report), ["authority.revoked"]);
    // The street centre's grant was revoked; the station's, derived from it, falls with it.
    assert_eq!(report.failures[0].params["grant"], "g-ga-street");
    assert_eq!(report.failures[0].params["at"], "2025-06-01T00:00:00+08:00");
}

#[test]
fn must_show_a_seal_used_off_its_premises_is_invalid() {
    let engine = fixture_engine();
    let mut stamp = station_stamp();
    stamp["place"] = json!("350205-001-02");
    let report = verify_json(&engine, &stamp);
    assert!(!report.valid);
    assert_eq!(codes(&report), ["seal.wrong_premises"]);
    // A seal whose premises list the station is usable there.
    stamp["seal"] = json!("seal-street");
    stamp["place"] = json!("350205-001-01");
    assert!(verify_json(&engine, &stamp).valid);
}

#[test]
fn must_show_a_stamp_with_several_faults_lists_them_all() {
    let engine = fixture_engine();
    let mut stamp = station_stamp();
    stamp["seal"] = json!("seal-st2"); // re-entrusted, and suspended on 15 March
    stamp["place"] = json!("350205-001-01"); // not its premises
    stamp["act"] = json!("revocation"); // needs the official seal
    stamp["operator"]["role"] = json!("supervisor"); // may not decide
    stamp["digest"] = json!(""); // blank paper
    stamp["at"] = json!("2025-03-15T10:00:00+08:00");
    let report = verify_json(&engine, &stamp);
    assert_eq!(
        codes(&report),
        [
            "authority.re_entrusted",
            "seal.suspended",
            "seal.wrong_premises",
            "stamp.official_seal_required",
            "stamp.empty_digest",
            "stamp.supervisor_decides",
        ]
    );
    for failure in &report.failures {
        assert!(!failure.message.is_empty() && !has_cjk(&failure.message));
    }
}

// ---------------------------------------------------------------------------------------
// Lint of registries.

fn fixture_catalog_value() -> Value {
    conformance::load("catalog/authority.json")
}

/// The lint problems of the fixture catalogue after `edit`, as (path, code).
fn lint_after(edit: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut doc = fixture_catalog_value();
    edit(&mut doc);
    let catalog: doorstep::catalog::Catalog = serde_json::from_value(doc).unwrap();
    doorstep::catalog::lint(&catalog, load_date(), Lang::ZhCn)
        .into_iter()
        .map(|p| (p.path.unwrap_or_default(), p.code))
        .collect()
}

fn grant_index(doc: &Value, id: &str) -> usize {
    doc["authority"]["grants"]
        .as_array()
        .unwrap()
        .iter()
        .position(|g| g["id"] == id)
        .unwrap()
}

fn has(problems: &[(String, String)], path: &str, code: &str) -> bool {
    problems.iter().any(|(p, c)| p == path && c == code)
}

#[test]
fn lint_the_fixture_registry_is_clean() {
    assert_eq!(lint_after(|_| {}), []);
}

#[test]
fn lint_a_grant_wider_than_its_parent_is_grant_scope() {
    let doc = fixture_catalog_value();
    let i = grant_index(&doc, "g-ga-st1");
    // A matter its parent does not cover.
    let found = lint_after(|d| {
        d["authority"]["grants"][i]["matters"] = json!(["HUKOU-BIRTH", "MED-INSURE"]);
    });
    assert!(
        has(
            &found,
            &format!("/authority/grants/{i}/matters/1"),
            "catalog.grant_scope"
        ),
        "{found:?}"
    );
    // A step, a first day and a last day beyond the parent's.
    let j = grant_index(&doc, "g-yb-st1");
    let found = lint_after(|d| {
        let parent = &mut d["authority"]["grants"][grant_index(&doc, "g-yb-street")];
        parent["steps"] = json!(["receive", "accept", "review", "decide"]);
        let g = &mut d["authority"]["grants"][j];
        g["validFrom"] = json!("2023-12-31");
        g["validUntil"] = json!("2027-01-01");
    });
    for (member, code) in [
        ("steps/4", "catalog.grant_scope"),
        ("validFrom", "catalog.grant_scope"),
        ("validUntil", "catalog.grant_scope"),
    ] {
        assert!(
            has(&found, &format!("/authority/grants/{j}/{member}"), code),
            "{member}: {found:?}"
        );
    }
    // No end date under a parent that has one.
    let found = lint_after(|d| {
        d["authority"]["grants"][j]
            .as_object_mut()
            .unwrap()
            .remove("validUntil");
    });
    assert!(has(
        &found,
        &format!("/authority/grants/{j}/validUntil"),
        "catalog.grant_scope"
    ));
    // A root grant passing on another department's matter.
    let k = grant_index(&doc, "g-wj-st1");
    let found = lint_after(|d| d["authority"]["grants"][k]["matters"] = json!(["MED-INSURE"]));
    assert_eq!(
        found,
        [(
            format!("/authority/grants/{k}/matters/0"),
            "catalog.grant_scope".to_owned()
        )]
    );
}

#[test]
fn lint_a_parent_cycle_is_grant_chain() {
    let doc = fixture_catalog_value();
    let street = grant_index(&doc, "g-yb-street");
    let station = grant_index(&doc, "g-yb-st1");
    let found = lint_after(|d| {
        // The street centre's grant now claims to derive from the station's, which derives
        // from it.
        let g = &mut d["authority"]["grants"][street];
        g["parent"] = json!("g-yb-st1");
        g["principal"] = json!("350205-001-01");
    });
    assert!(
        has(
            &found,
            &format!("/authority/grants/{street}/parent"),
            "catalog.grant_chain"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            &format!("/authority/grants/{station}/parent"),
            "catalog.grant_chain"
        ),
        "{found:?}"
    );
    // A grant that is its own parent, and one to its own principal.
    let found = lint_after(|d| d["authority"]["grants"][station]["parent"] = json!("g-yb-st1"));
    assert!(
        has(
            &found,
            &format!("/authority/grants/{station}/parent"),
            "catalog.grant_chain"
        ),
        "{found:?}"
    );
    let found = lint_after(|d| d["authority"]["grants"][station]["agent"] = json!("350205-001"));
    assert!(
        has(
            &found,
            &format!("/authority/grants/{station}/agent"),
            "catalog.grant_chain"
        ),
        "{found:?}"
    );
    // A parent held by someone else.
    let found =
        lint_after(|d| d["authority"]["grants"][station]["principal"] = json!("350205-001-03"));
    assert!(
        has(
            &found,
            &format!("/authority/grants/{station}/principal"),
            "catalog.grant_chain"
        ),
        "{found:?}"
    );
}

#[test]
fn lint_unknown_references() {
    let doc = fixture_catalog_value();
    let i = grant_index(&doc, "g-yb-st1");
    let unknown = "catalog.unknown_reference";
    let found = lint_after(|d| {
        let g = &mut d["authority"]["grants"][i];
        g["agent"] = json!("350205-001-99");
        g["matters"] = json!(["MED-INSURE", "NO-SUCH-MATTER"]);
        d["authority"]["revocations"][0]["grant"] = json!("g-nowhere");
        d["authority"]["seals"][0]["owner"] = json!("350205-999");
        d["authority"]["seals"][1]["premises"] = json!(["350205-001-02", "350205-998"]);
    });
    for path in [
        format!("/authority/grants/{i}/agent"),
        format!("/authority/grants/{i}/matters/1"),
        "/authority/revocations/0/grant".to_owned(),
        "/authority/seals/0/owner".to_owned(),
        "/authority/seals/1/premises/1".to_owned(),
    ] {
        assert!(has(&found, &path, unknown), "{path}: {found:?}");
    }
    let found = lint_after(|d| d["authority"]["grants"][i]["parent"] = json!("g-nowhere"));
    assert!(
        has(&found, &format!("/authority/grants/{i}/parent"), unknown),
        "{found:?}"
    );
    let found = lint_after(|d| d["authority"]["grants"][i]["id"] = json!("g-yb-street"));
    assert!(
        found.iter().any(|(_, c)| c == "catalog.duplicate"),
        "{found:?}"
    );
}

#[test]
fn lint_seal_history_out_of_order_or_after_revocation() {
    // seal-st2: suspended 1 March, active again 1 April.
    let found = lint_after(|d| {
        d["authority"]["seals"][1]["history"][1]["from"] = json!("2025-02-01T00:00:00+08:00");
    });
    assert_eq!(
        found,
        [(
            "/authority/seals/1/history/1".to_owned(),
            "catalog.seal_history".to_owned()
        )]
    );
    // seal-st3 revoked on 1 January: it may not come back.
    let found = lint_after(|d| {
        d["authority"]["seals"][2]["history"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "status": "active", "from": "2025-02-01T00:00:00+08:00" }));
    });
    assert_eq!(
        found,
        [(
            "/authority/seals/2/history/1".to_owned(),
            "catalog.seal_history".to_owned()
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Properties, over registries drawn at random on the fixture catalogue's organisations
// and matters.

mod properties {
    use super::*;
    use doorstep::authority::{
        Grant, GrantMode, Operator, Registry, Revocation, Role, Seal, SealKind, Step,
    };
    use doorstep::catalog::Catalog;
    use proptest::prelude::*;

    const ORGS: [&str; 8] = [
        "350205",
        "350205-YB",
        "350205-GA",
        "350205-WJ",
        "350205-001",
        "350205-001-01",
        "350205-001-02",
        "350205-001-03",
    ];
    /// The fixture's matters and their departments.
    const MATTERS: [(&str, &str); 3] = [
        ("MED-INSURE", "350205-YB"),
        ("HUKOU-BIRTH", "350205-GA"),
        ("BIRTH-CERT", "350205-WJ"),
    ];
    const MODES: [GrantMode; 4] = [
        GrantMode::Devolve,
        GrantMode::Authorize,
        GrantMode::Entrust,
        GrantMode::Forward,
    ];

    /// The random choices behind one grant; `build` turns them into grants that mostly
    /// follow the rules (so that lint passes often) and sometimes break them.
    #[derive(Debug, Clone)]
    struct Raw {
        principal: usize,
        agent: usize,
        mode: usize,
        parent: Option<usize>,
        follows_rules: bool,
        matters: u8,
        steps: u8,
        from_days: i64,
        until_days: Option<i64>,
        revoked_minutes: Option<i64>,
    }

    fn raw() -> impl Strategy<Value = Raw> {
        (
            (0..ORGS.len(), 0..ORGS.len(), 0..MODES.len()),
            proptest::option::weighted(0.6, 0..8usize),
            proptest::bool::weighted(0.85),
            (1..8u8, 1..32u8),
            (0..900i64, proptest::option::weighted(0.4, 0..900i64)),
            proptest::option::weighted(0.25, 0..(3 * 365 * 24 * 60i64)),
        )
            .prop_map(
                |(
                    (principal, agent, mode),
                    parent,
                    follows_rules,
                    (matters, steps),
                    (from_days, until_days),
                    revoked_minutes,
                )| Raw {
                    principal,
                    agent,
                    mode,
                    parent,
                    follows_rules,
                    matters,
                    steps,
                    from_days,
                    until_days,
                    revoked_minutes,
                },
            )
    }

    fn day(offset: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(offset)
    }

    fn instant(minutes: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-01-01T00:00:00+08:00").unwrap()
            + chrono::Duration::minutes(minutes)
    }

    fn pick<T: Clone>(items: &[T], mask: u8) -> Vec<T> {
        items
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, x)| x.clone())
            .collect()
    }

    /// Grants and revocations from the random choices.
    fn build(raws: &[Raw]) -> Registry {
        let mut grants: Vec<Grant> = Vec::new();
        let mut revocations = Vec::new();
        let n = raws.len();
        for (i, r) in raws.iter().enumerate() {
            // Mostly an earlier grant (so chains form), now and then any, even itself.
            let parent = match (r.parent, r.follows_rules) {
                (Some(_), true) if i == 0 => None,
                (Some(p), true) => Some(p % i),
                (p, _) => p.map(|p| p % n),
            };
            let built_parent = parent.filter(|&p| p < i).map(|p| grants[p].clone());
            let all_matters: Vec<String> = MATTERS.iter().map(|(m, _)| (*m).to_owned()).collect();
            let (principal, matters, steps, valid_from, valid_until) =
                match (&built_parent, r.follows_rules) {
                    (Some(p), true) => {
                        let mut matters = pick(&p.matters, r.matters);
                        if matters.is_empty() {
                            matters.clone_from(&p.matters);
                        }
                        let mut steps = pick(&p.steps, r.steps);
                        if steps.is_empty() {
                            steps.clone_from(&p.steps);
                        }
                        let from = p.valid_from + chrono::Duration::days(r.from_days % 90);
                        let until = match (p.valid_until, r.until_days) {
                            (Some(pu), _) => Some(
                                pu.min(from + chrono::Duration::days(r.until_days.unwrap_or(900))),
                            ),
                            (None, Some(d)) => Some(from + chrono::Duration::days(d)),
                            (None, None) => None,
                        };
                        (p.agent.clone(), matters, steps, from, until)
                    }
                    (None, true) if parent.is_none() => {
                        // A root from the department of the first matter picked.
                        let first = (0..3).find(|b| r.matters & (1 << b) != 0).unwrap_or(0);
                        let (matter, department) = MATTERS[first];
                        let from = day(r.from_days);
                        (
                            department.to_owned(),
                            vec![matter.to_owned()],
                            pick(&Step::ALL, r.steps),
                            from,
                            r.until_days.map(|d| from + chrono::Duration::days(d)),
                        )
                    }
                    _ => {
                        let from = day(r.from_days);
                        (
                            ORGS[r.principal].to_owned(),
                            pick(&all_matters, r.matters),
                            pick(&Step::ALL, r.steps),
                            from,
                            r.until_days.map(|d| from + chrono::Duration::days(d)),
                        )
                    }
                };
            let matters = if matters.is_empty() {
                all_matters.clone()
            } else {
                matters
            };
            let steps = if steps.is_empty() {
                vec![Step::Receive]
            } else {
                steps
            };
            grants.push(Grant {
                id: format!("g{i}"),
                principal,
                agent: ORGS[r.agent].to_owned(),
                mode: MODES[r.mode],
                parent: parent.map(|p| format!("g{p}")),
                matters,
                steps,
                valid_from,
                valid_until,
                legal_basis: "《中华人民共和国行政许可法》".to_owned(),
                publication: "海政办〔2024〕1号".to_owned(),
            });
            if let Some(minutes) = r.revoked_minutes {
                revocations.push(Revocation {
                    grant: format!("g{i}"),
                    at: instant(minutes),
                    reason: "收回".to_owned(),
                    publication: None,
                });
            }
        }
        Registry {
            grants,
            revocations,
            seals: seals(),
        }
    }

    /// One approval seal per organisation, used at home, always active.
    fn seals() -> Vec<Seal> {
        ORGS.iter()
            .map(|org| Seal {
                code: format!("seal-{org}"),
                name: format!("{org} 审核审批专用章"),
                owner: (*org).to_owned(),
                kind: SealKind::Approval,
                premises: Vec::new(),
                history: Vec::new(),
            })
            .collect()
    }

    fn base() -> &'static Catalog {
        static BASE: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        BASE.get_or_init(|| serde_json::from_value(fixture_catalog_value()).unwrap())
    }

    fn catalog_with(registry: Registry) -> Catalog {
        let mut catalog = base().clone();
        catalog.authority = registry;
        catalog
    }

    /// Lint problems as (path, code).
    fn lint(catalog: &Catalog) -> Vec<(String, String)> {
        doorstep::catalog::lint(catalog, load_date(), Lang::ZhCn)
            .into_iter()
            .map(|p| (p.path.unwrap_or_default(), p.code))
            .collect()
    }

    /// The index `i` of a problem at `/authority/{list}/{i}/…`.
    fn index_in(path: &str, list: &str) -> Option<usize> {
        path.strip_prefix(&format!("/authority/{list}/"))?
            .split('/')
            .next()?
            .parse()
            .ok()
    }

    /// The registry with every grant lint finds fault with dropped (and what then dangles),
    /// until it lints clean.
    fn repaired(mut registry: Registry) -> Registry {
        loop {
            let problems = lint(&catalog_with(registry.clone()));
            if problems.is_empty() {
                return registry;
            }
            let bad: Vec<usize> = problems
                .iter()
                .filter_map(|(p, _)| index_in(p, "grants"))
                .collect();
            let bad_revocations: Vec<usize> = problems
                .iter()
                .filter_map(|(p, _)| index_in(p, "revocations"))
                .collect();
            assert!(
                !bad.is_empty() || !bad_revocations.is_empty(),
                "problems outside the registry: {problems:?}"
            );
            let mut i = 0;
            registry.grants.retain(|_| {
                i += 1;
                !bad.contains(&(i - 1))
            });
            let ids: Vec<String> = registry.grants.iter().map(|g| g.id.clone()).collect();
            let mut j = 0;
            registry.revocations.retain(|r| {
                j += 1;
                !bad_revocations.contains(&(j - 1)) && ids.contains(&r.grant)
            });
        }
    }

    fn engine_of(registry: Registry) -> Engine {
        Engine::new(catalog_with(registry), load_date()).unwrap()
    }

    /// A stamp by organisation `org` (with its own seal, at home), for matter `matter`
    /// (an index into MATTERS, or past it: an unknown matter), at `minutes` after 2024.
    fn stamp(org: usize, matter: usize, step: usize, minutes: i64) -> Stamp {
        Stamp {
            seal: format!("seal-{}", ORGS[org]),
            case: "HC-2025-000001".to_owned(),
            matter: MATTERS
                .get(matter)
                .map_or("NO-SUCH-MATTER", |m| m.0)
                .to_owned(),
            step: Step::ALL[step],
            act: doorstep::authority::StampAct::Ordinary,
            operator: Operator {
                id: "op-0101".to_owned(),
                role: Role::BackOffice,
            },
            accepted_by: None,
            place: ORGS[org].to_owned(),
            at: instant(minutes),
            digest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".to_owned(),
        }
    }

    /// How to draw a stamp: mostly one a grant of the registry seems to allow (its agent,
    /// one of its matters and steps, a time in its window), else any stamp at all.
    #[derive(Debug, Clone)]
    struct Pick {
        any: bool,
        grant: usize,
        matter: usize,
        step: usize,
        minutes: i64,
    }

    impl Pick {
        fn stamp(&self, registry: &Registry) -> Stamp {
            let Some(g) = registry
                .grants
                .get(self.grant % registry.grants.len().max(1))
                .filter(|_| !self.any)
            else {
                return stamp(
                    self.grant % ORGS.len(),
                    self.matter % 4,
                    self.step % 5,
                    self.minutes,
                );
            };
            let org = ORGS.iter().position(|o| *o == g.agent).unwrap();
            let matter = &g.matters[self.matter % g.matters.len()];
            let matter = MATTERS.iter().position(|m| m.0 == matter).unwrap();
            let step = Step::ALL
                .iter()
                .position(|s| *s == g.steps[self.step % g.steps.len()])
                .unwrap();
            let from = (g.valid_from - day(0)).num_minutes();
            let span = g.valid_until.map_or(2 * 365 * 24 * 60, |u| {
                (u - g.valid_from).num_minutes() + 24 * 60
            });
            stamp(org, matter, step, from + self.minutes % span.max(1))
        }
    }

    fn pick_strategy() -> impl Strategy<Value = Pick> {
        (
            proptest::bool::weighted(0.25),
            0..64usize,
            0..8usize,
            0..8usize,
            0..(3 * 365 * 24 * 60i64),
        )
            .prop_map(|(any, grant, matter, step, minutes)| Pick {
                any,
                grant,
                matter,
                step,
                minutes,
            })
    }

    /// Why a valid verdict should not have been valid, checked from the registry alone
    /// (an oracle independent of the verifier), if it should not.
    fn outside_scope(registry: &Registry, stamp: &Stamp, chain: &[&Grant]) -> Option<String> {
        let department = MATTERS.iter().find(|m| m.0 == stamp.matter)?.1;
        let date = stamp
            .at
            .with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
            .date_naive();
        let Some(first) = chain.first() else {
            return (stamp.seal != format!("seal-{department}"))
                .then(|| "no chain, not the department".to_owned());
        };
        if first.principal != department || first.parent.is_some() {
            return Some(format!("root {} is not the department's", first.id));
        }
        for (i, g) in chain.iter().enumerate() {
            if !g.covers(&stamp.matter, stamp.step) {
                return Some(format!("{} does not cover the act", g.id));
            }
            if !g.valid_on(date) {
                return Some(format!("{} not valid on {date}", g.id));
            }
            if registry
                .revocations
                .iter()
                .any(|r| r.grant == g.id && r.at <= stamp.at)
            {
                return Some(format!("{} revoked", g.id));
            }
            if g.mode == GrantMode::Forward && !stamp.step.is_clerical() {
                return Some(format!("{} is forward-only", g.id));
            }
            if let Some(next) = chain.get(i + 1) {
                if g.mode == GrantMode::Entrust {
                    return Some(format!("{} re-entrusted", next.id));
                }
                if next.parent.as_deref() != Some(g.id.as_str()) || next.principal != g.agent {
                    return Some(format!("{} does not derive from {}", next.id, g.id));
                }
            }
        }
        let last = chain.last()?;
        (format!("seal-{}", last.agent) != stamp.seal)
            .then(|| "the chain ends elsewhere".to_owned())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// (i) A delegated scope lies within its parent's: every grant lint lets through
        /// covers only matters and steps its parent covers, within its parent's validity,
        /// and a root only its principal's own matters.
        #[test]
        fn a_delegated_scope_lies_within_its_parents(raws in proptest::collection::vec(raw(), 1..9)) {
            let registry = build(&raws);
            let problems = lint(&catalog_with(registry.clone()));
            let faulty: Vec<usize> = problems.iter().filter_map(|(p, _)| index_in(p, "grants")).collect();
            for (i, g) in registry.grants.iter().enumerate() {
                if faulty.contains(&i) {
                    continue;
                }
                let parent = g.parent.as_deref().and_then(|p| registry.grants.iter().find(|x| x.id == p));
                if let Some(p) = parent {
                    prop_assert!(g.matters.iter().all(|m| p.matters.contains(m)), "{g:?} under {p:?}");
                    prop_assert!(g.steps.iter().all(|s| p.steps.contains(s)), "{g:?} under {p:?}");
                    prop_assert!(g.valid_from >= p.valid_from, "{g:?} under {p:?}");
                    if let Some(pu) = p.valid_until {
                        prop_assert!(g.valid_until.is_some_and(|u| u <= pu), "{g:?} under {p:?}");
                    }
                    prop_assert_eq!(&g.principal, &p.agent);
                } else {
                    prop_assert!(g.parent.is_none());
                    prop_assert!(
                        g.matters.iter().all(|m| MATTERS.iter().any(|(c, d)| c == m && *d == g.principal)),
                        "root {g:?}"
                    );
                }
            }
        }

        /// (i) Verification never accepts a stamp outside any link's scope (time,
        /// revocation, matter, step, mode), on registries an engine accepts.
        #[test]
        fn verify_never_accepts_outside_a_links_scope(
            raws in proptest::collection::vec(raw(), 1..9),
            picks in proptest::collection::vec(pick_strategy(), 1..12),
        ) {
            let registry = repaired(build(&raws));
            let engine = engine_of(registry.clone());
            let stamps: Vec<Stamp> = picks.iter().map(|p| p.stamp(&registry)).collect();
            for stamp in &stamps {
                let verdict = engine.verify_stamp(stamp);
                if verdict.is_valid() {
                    prop_assert_eq!(outside_scope(&registry, stamp, &verdict.chain), None, "{:?}", stamp);
                }
            }
        }

        /// (ii) Revocation is monotone: adding a revocation never turns an invalid verdict
        /// valid; a grant revoked at t is reported revoked at every later time on any chain
        /// through it; and without validity windows, a stamp invalid at t is invalid later.
        #[test]
        fn revocation_is_monotone(
            raws in proptest::collection::vec(raw(), 1..9),
            picks in proptest::collection::vec(pick_strategy(), 1..10),
            extra in (0..8usize, 0..(3 * 365 * 24 * 60i64)),
            later in 1..(365 * 24 * 60i64),
        ) {
            let registry = repaired(build(&raws));
            let engine = engine_of(registry.clone());
            let mut more = registry.clone();
            if !more.grants.is_empty() {
                let id = more.grants[extra.0 % more.grants.len()].id.clone();
                more.revocations.push(Revocation { grant: id, at: instant(extra.1), reason: "收回".into(), publication: None });
            }
            let more = engine_of(more);
            let mut windowless = registry.clone();
            for g in &mut windowless.grants {
                g.valid_from = day(-1000);
                g.valid_until = None;
            }
            let windowless = engine_of(windowless);
            let stamps: Vec<Stamp> = picks.iter().map(|p| p.stamp(&registry)).collect();
            for stamp in &stamps {
                let before = engine.verify_stamp(stamp);
                if !before.is_valid() {
                    prop_assert!(!more.verify_stamp(stamp).is_valid(), "a revocation made {stamp:?} valid");
                }
                let mut then = stamp.clone();
                then.at = stamp.at + chrono::Duration::minutes(later);
                let after = engine.verify_stamp(&then);
                for f in before.failures.iter().filter(|f| f.code() == "authority.revoked") {
                    let grant = f.params()["grant"].as_str().unwrap_or_default().to_owned();
                    if after.chain.iter().any(|g| g.id == grant) {
                        prop_assert!(
                            after.failures.iter().any(|f| f.code() == "authority.revoked" && f.params()["grant"] == grant),
                            "{grant} revoked at {} but not at {}", stamp.at, then.at
                        );
                    }
                }
                if !windowless.verify_stamp(stamp).is_valid() {
                    prop_assert!(!windowless.verify_stamp(&then).is_valid(), "{stamp:?} valid again later");
                }
            }
        }

        /// (iii) Verification is deterministic: twice the same report; the same validity
        /// whatever the order of the grants; and the same report when only grants the stamp
        /// does not rely on move.
        #[test]
        fn verification_is_deterministic(
            raws in proptest::collection::vec(raw(), 1..9),
            picks in proptest::collection::vec(pick_strategy(), 1..10),
            order in proptest::collection::vec(any::<u64>(), 9),
        ) {
            let registry = repaired(build(&raws));
            let engine = engine_of(registry.clone());
            let mut shuffled = registry.clone();
            let keys: Vec<u64> = (0..shuffled.grants.len()).map(|i| order[i % order.len()] ^ i as u64).collect();
            let mut keyed: Vec<(u64, Grant)> = keys.into_iter().zip(shuffled.grants).collect();
            keyed.sort_by_key(|(k, _)| *k);
            shuffled.grants = keyed.into_iter().map(|(_, g)| g).collect();
            let shuffled = engine_of(shuffled);
            let stamps: Vec<Stamp> = picks.iter().map(|p| p.stamp(&registry)).collect();
            for stamp in &stamps {
                let first = engine.verify_stamp(stamp).report(Lang::ZhCn);
                prop_assert_eq!(&first, &engine.verify_stamp(stamp).report(Lang::ZhCn));
                prop_assert_eq!(first.valid, shuffled.verify_stamp(stamp).is_valid(), "{:?}", stamp);
                // Grants the stamp's organisation does not hold, nor derive from: moved to the front.
                let owner = stamp.seal.trim_start_matches("seal-");
                let mut related: Vec<String> = Vec::new();
                for g in registry.grants.iter().filter(|g| g.agent == owner) {
                    let mut current = Some(g);
                    while let Some(c) = current {
                        if related.contains(&c.id) {
                            break;
                        }
                        related.push(c.id.clone());
                        current = c.parent.as_deref().and_then(|p| registry.grants.iter().find(|x| x.id == p));
                    }
                }
                let mut moved = registry.clone();
                let (mut unrelated, kept): (Vec<Grant>, Vec<Grant>) =
                    moved.grants.into_iter().partition(|g| !related.contains(&g.id));
                unrelated.reverse();
                unrelated.extend(kept);
                moved.grants = unrelated;
                prop_assert_eq!(&first, &engine_of(moved).verify_stamp(stamp).report(Lang::ZhCn));
            }
        }
    }
}

/// `ledger.sequence` and `ledger.head_mismatch` never quote a number read from the input
/// (a long digit run there could be an ID number): the numbers stay in `params`.
#[test]
fn ledger_messages_quote_no_number_from_the_input() {
    let engine = fixture_engine();
    let (lines, _) = ledger_of(&ledger_stamps());
    // 16 digits: below 2^53, so the line is read and its sequence number compared.
    let id = "3502051990030712";
    let line = lines[0].replacen("\"seq\":1,", &format!("\"seq\":{id},"), 1);
    let head = LedgerHead {
        entries: id.parse().unwrap(),
        hash: GENESIS.to_owned(),
    };
    let report = engine.verify_ledger(&(line + "\n"), Some(&head), Lang::ZhCn);
    let codes: Vec<&str> = report
        .problems
        .iter()
        .map(|p| p.problem.code.as_str())
        .collect();
    assert!(codes.contains(&"ledger.sequence") && codes.contains(&"ledger.head_mismatch"));
    for p in &report.problems {
        assert!(
            !p.problem.message.contains(id),
            "{} quotes the input: {}",
            p.problem.code,
            p.problem.message
        );
    }
}

/// An `input.shape` message carries `serde_json`'s own text, which quotes the offending
/// value: digit runs in it are masked, so an ID number given where a step or a case id
/// belongs never comes back whole.
#[test]
fn input_shape_messages_quote_no_number_from_the_input() {
    let id = "350205199003071239";
    let mut stamp = station_stamp();
    stamp["step"] = json!(id);
    let mut number = station_stamp();
    number["case"] = json!(350_205_199_003_071_239_u64);
    for text in [stamp.to_string(), number.to_string()] {
        let e = Stamp::from_json(&text).unwrap_err();
        assert_eq!(e.code(), "input.shape");
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!e.message(lang).contains(id), "{}", e.message(lang));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Audit probes.

/// A value too long for its field is quoted back by `validator` (and a wrong type by
/// `serde_json`): digit runs in `input.shape` must be masked on every path into a stamp or
/// a query, in the message and in `Debug`.
#[test]
fn shape_errors_of_every_stamp_path_mask_numbers() {
    let id = "350205199003071239";
    let long = format!("{}{id}", "x".repeat(60));
    let mut operator = station_stamp();
    operator["operator"]["id"] = json!(long);
    let mut number = station_stamp();
    number["case"] = json!(350_205_199_003_071_239_u64);
    let query = json!({
        "org": long, "matter": "MED-INSURE", "step": "decide", "at": "2025-05-01T10:00:00+08:00"
    });
    let errors = [
        Stamp::from_json(&operator.to_string()).unwrap_err(),
        Stamp::from_value(operator.clone()).unwrap_err(),
        Stamp::from_value(number).unwrap_err(),
        AuthorityQuery::from_json(&query.to_string()).unwrap_err(),
        AppendRequest::from_json(&json!({ "stamp": operator }).to_string()).unwrap_err(),
    ];
    // The field and its bounds are told instead.
    assert!(
        errors[0]
            .message(Lang::En)
            .ends_with("operator.id: length 1..=64"),
        "{}",
        errors[0].message(Lang::En)
    );
    for e in errors {
        assert_eq!(e.code(), "input.shape");
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!e.message(lang).contains(id), "{}", e.message(lang));
        }
        assert!(!format!("{e:?}").contains(id), "{e:?}");
    }
}

/// A head that counts no entry but names a hash is not a head: appending to it writes a
/// line that verification can only call a broken link.
#[test]
fn a_head_of_no_entries_must_be_genesis() {
    let hash = HashAlg::Sha256.hex_digest(b"x").unwrap();
    let head = LedgerHead {
        entries: 0,
        hash: hash.clone(),
    };
    let mut ledger = StampLedger::resume(HashAlg::Sha256, head);
    let appended = ledger.append(stamp_of(&station_stamp()));
    assert_eq!(
        appended.map_err(|e| e.code()),
        Err("ledger.malformed"),
        "appending to a head that is not one"
    );
    let text = json!({ "entries": 0, "hash": hash }).to_string();
    assert_eq!(
        LedgerHead::from_json(&text).map_err(|e| e.code()),
        Err("input.shape")
    );
}

/// A huge damaged ledger (64 MiB of blank lines would be 64 million problems) is reported
/// in bounded memory: the first `MAX_LINE_ERRORS` problems one by one, the rest counted in
/// one `ledger.too_many_problems` on the last line with one; the entries and the head are
/// still found, and a kept head that does not match is still reported.
#[test]
fn a_ledger_with_too_many_problems_lists_the_first_and_counts_the_rest() {
    use doorstep::input::MAX_LINE_ERRORS;
    let (engine, text, head) = sample();
    let damaged = "x\n".repeat(MAX_LINE_ERRORS + 3) + text;
    let report = engine.verify_ledger(&damaged, Some(head), Lang::En);
    let problems = &report.problems;
    assert_eq!(problems.len(), MAX_LINE_ERRORS + 1, "{:?}", problems.last());
    assert!(
        problems[..MAX_LINE_ERRORS]
            .iter()
            .enumerate()
            .all(|(i, p)| { p.line == i + 1 && p.problem.code == "ledger.malformed" })
    );
    let summary = &problems[MAX_LINE_ERRORS];
    assert_eq!(summary.problem.code, "ledger.too_many_problems");
    assert_eq!(summary.problem.params["omitted"], 3);
    assert_eq!(summary.line, MAX_LINE_ERRORS + 3);
    assert_eq!(
        summary.problem.message,
        "Too many problems: 3 more are not listed"
    );
    // The entries after the garbage are read and chained as ever.
    assert_eq!((report.entries, &report.head), (head.entries, head));
    // A kept head that does not match is reported past the limit too.
    let longer = LedgerHead {
        entries: head.entries + 1,
        hash: head.hash.clone(),
    };
    let report = engine.verify_ledger(&damaged, Some(&longer), Lang::En);
    let codes: Vec<&str> = report.problems[MAX_LINE_ERRORS..]
        .iter()
        .map(|p| p.problem.code.as_str())
        .collect();
    assert_eq!(codes, ["ledger.too_many_problems", "ledger.head_mismatch"]);
}
