//! `doorstep case replay` as a user runs it: events decided by the core (as a station's
//! system stores them) replayed through the command — the final cases, the refused lines,
//! and the exit status (0 nothing refused, 1 some line refused, 2 bad input).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command as Process, Output};

use chrono::{DateTime, NaiveDate};
use doorstep::authority::Role;
use doorstep::case::{Actor, Case, Command, CommandEnvelope, Context, Event, decide, evolve};
use doorstep::catalog::Channel;
use doorstep::engine::Engine;
use serde_json::{Value, json};

/// The catalogue the events are decided with and replayed against.
const CATALOG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/catalog/authority.json"
);
const STATION: &str = "350205-001-01";

fn engine() -> Engine {
    let text = std::fs::read_to_string(CATALOG).unwrap();
    Engine::load(&text, NaiveDate::from_ymd_opt(2025, 9, 1).unwrap()).unwrap()
}

fn context(id: &str, role: Role, when: &str) -> Context {
    Context {
        actor: Actor {
            id: id.into(),
            role,
            org: STATION.into(),
        },
        channel: Channel::Window,
        at: DateTime::parse_from_rfc3339(when).unwrap(),
    }
}

/// Decides `command` against `case` and applies the events; panics on a refusal.
fn run(
    engine: &Engine,
    case: Option<Case>,
    id: &str,
    client: &str,
    command: Command,
    ctx: &Context,
    events: &mut Vec<Event>,
) -> Case {
    let envelope = CommandEnvelope {
        case: id.into(),
        expected_version: case.as_ref().map_or(0, |c| c.version),
        client_id: client.into(),
        command,
    };
    let new = decide(engine, case.as_ref(), &envelope, ctx).unwrap_or_else(|e| panic!("{e:?}"));
    let case = new
        .iter()
        .fold(case, |c, e| Some(evolve(c, e).unwrap()))
        .unwrap();
    events.extend(new);
    case
}

fn submit(engine: &Engine, applicant: &str) -> Command {
    Command::Submit {
        matter: "MED-INSURE".into(),
        applicant: applicant.into(),
        proxy: None,
        answer: engine
            .catalog()
            .matter("MED-INSURE")
            .unwrap()
            .form
            .example
            .clone()
            .into(),
        special_groups: vec![],
        appointment: None,
    }
}

/// Three events as JSON Lines: HC-2 submitted (line 1), HC-1 submitted (line 2), HC-1
/// accepted (line 3).
fn events() -> Vec<String> {
    let engine = engine();
    let mut events = Vec::new();
    let applicant = |id| context(id, Role::Applicant, "2025-09-30T09:00:00+08:00");
    run(
        &engine,
        None,
        "HC-2",
        "c-2-submit",
        submit(&engine, "u-wang"),
        &applicant("u-wang"),
        &mut events,
    );
    let hc1 = run(
        &engine,
        None,
        "HC-1",
        "c-1-submit",
        submit(&engine, "u-lin"),
        &applicant("u-lin"),
        &mut events,
    );
    run(
        &engine,
        Some(hc1),
        "HC-1",
        "c-1-accept",
        Command::Accept,
        &context("fd-01", Role::FrontDesk, "2025-09-30T09:10:00+08:00"),
        &mut events,
    );
    events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect()
}

/// Writes `contents` to a fresh file in the target directory and returns its path.
fn temp_file(name: &str, contents: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("case-{name}"));
    std::fs::write(&path, contents).expect("write");
    path.to_str().unwrap().to_owned()
}

fn jsonl(lines: &[String]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect()
}

fn doorstep(args: &[&str]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

/// The exit status, the `{"case"}` lines' cases and the `{"rejected"}` lines' contents.
fn replay(name: &str, lines: &[String], extra: &[&str]) -> (Option<i32>, Vec<Value>, Vec<Value>) {
    let file = temp_file(name, &jsonl(lines));
    let mut args = vec!["case", "replay", "--catalog", CATALOG];
    args.extend_from_slice(extra);
    args.push(&file);
    let out = doorstep(&args);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut cases = Vec::new();
    let mut rejected = Vec::new();
    for line in stdout.lines() {
        let value: Value = serde_json::from_str(line).expect("each line is JSON");
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), 1, "{line}");
        match (object.get("case"), object.get("rejected")) {
            (Some(case), None) => {
                assert!(rejected.is_empty(), "cases come first: {stdout}");
                cases.push(case.clone());
            }
            (None, Some(r)) => rejected.push(r.clone()),
            _ => panic!("unexpected line {line}"),
        }
    }
    (out.status.code(), cases, rejected)
}

/// `(id, status, version)` of each case.
fn states(cases: &[Value]) -> Vec<(String, String, u64)> {
    cases
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
                c["version"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn state(id: &str, status: &str, version: u64) -> (String, String, u64) {
    (id.to_owned(), status.to_owned(), version)
}

/// `(line, code)` of each refused line.
fn refusals(rejected: &[Value]) -> Vec<(u64, String)> {
    rejected
        .iter()
        .map(|r| {
            assert!(!r["message"].as_str().unwrap().is_empty());
            (
                r["line"].as_u64().unwrap(),
                r["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn replay_prints_each_case_in_id_order_and_exits_0() {
    let lines = events();
    let (status, cases, rejected) = replay("ok.jsonl", &lines, &[]);
    assert_eq!(status, Some(0));
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(
        states(&cases),
        [state("HC-1", "accepted", 2), state("HC-2", "submitted", 1)]
    );
    assert_eq!(cases[0]["acceptedBy"], "fd-01");
    assert_eq!(cases[0]["clientIds"], json!(["c-1-submit", "c-1-accept"]));

    // Blank lines are skipped; an empty file has no cases.
    let spaced = vec![String::new(), lines[0].clone(), "   ".into()];
    let (status, cases, _) = replay("spaced.jsonl", &spaced, &[]);
    assert_eq!(status, Some(0));
    assert_eq!(states(&cases), [state("HC-2", "submitted", 1)]);
    let (status, cases, rejected) = replay("empty.jsonl", &[], &[]);
    assert_eq!((status, cases.len(), rejected.len()), (Some(0), 0, 0));
}

#[test]
fn a_tampered_or_out_of_sequence_line_exits_1_with_its_line() {
    let lines = events();

    // The acceptance renumbered: out of sequence, HC-1 stays submitted.
    let mut tampered = lines.clone();
    tampered[2] = tampered[2].replace("\"version\":2", "\"version\":3");
    assert_ne!(tampered[2], lines[2]);
    let (status, cases, rejected) = replay("renumbered.jsonl", &tampered, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(refusals(&rejected), [(3, "case.event_version".to_owned())]);
    assert_eq!(rejected[0]["params"], json!({ "expected": 2, "found": 3 }));
    assert_eq!(rejected[0]["index"], 2);
    assert_eq!(
        states(&cases),
        [state("HC-1", "submitted", 1), state("HC-2", "submitted", 1)]
    );

    // A matter version the catalogue does not have: the case never starts, so its
    // acceptance cannot follow either.
    let mut tampered = lines.clone();
    tampered[1] = tampered[1].replace("\"matterVersion\":1", "\"matterVersion\":99");
    assert_ne!(tampered[1], lines[1]);
    let (status, cases, rejected) = replay("matter.jsonl", &tampered, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(
        refusals(&rejected),
        [
            (2, "case.unknown_matter".to_owned()),
            (3, "case.event_version".to_owned())
        ]
    );
    assert_eq!(states(&cases), [state("HC-2", "submitted", 1)]);

    // The acceptance before the submission.
    let swapped = vec![lines[0].clone(), lines[2].clone(), lines[1].clone()];
    let (status, cases, rejected) = replay("swapped.jsonl", &swapped, &["--lang", "en"]);
    assert_eq!(status, Some(1));
    assert_eq!(refusals(&rejected), [(2, "case.event_version".to_owned())]);
    assert!(
        rejected[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Event version"),
        "{rejected:?}"
    );
    assert_eq!(
        states(&cases),
        [state("HC-1", "submitted", 1), state("HC-2", "submitted", 1)]
    );

    // The same event twice.
    let twice = vec![lines[1].clone(), lines[2].clone(), lines[2].clone()];
    let (status, _, rejected) = replay("twice.jsonl", &twice, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(refusals(&rejected), [(3, "case.event_version".to_owned())]);
}

#[test]
fn a_garbage_line_exits_1_with_input_malformed() {
    let lines = events();
    let garbage = vec![
        lines[0].clone(),
        "{\"schema\": 1, \"case\": ".to_owned(),
        lines[1].clone(),
        "not an event".to_owned(),
        lines[2].clone(),
        "[]".to_owned(),
    ];
    let (status, cases, rejected) = replay("garbage.jsonl", &garbage, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(
        refusals(&rejected),
        [
            (2, "input.malformed".to_owned()),
            (4, "input.malformed".to_owned()),
            (6, "input.shape".to_owned())
        ]
    );
    assert_eq!(
        states(&cases),
        [state("HC-1", "accepted", 2), state("HC-2", "submitted", 1)]
    );
}

/// The exit status and standard error of a replay that cannot run.
fn refused_run(args: &[&str]) -> (Option<i32>, String, bool) {
    let out = doorstep(args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.stdout.is_empty(),
    )
}

#[test]
fn bad_input_exits_2() {
    let events = temp_file("bad-input.jsonl", &jsonl(&events()));
    let missing = temp_file("missing-dir-marker", b"");
    let missing = format!("{missing}.does-not-exist");
    let mut broken: Value =
        serde_json::from_str(&std::fs::read_to_string(CATALOG).unwrap()).unwrap();
    broken["matters"][1]["code"] = json!("BIRTH-CERT");
    let broken = temp_file("broken-catalog.json", broken.to_string().as_bytes());

    let cases: [(Vec<&str>, &str); 6] = [
        (vec!["--catalog", CATALOG, &missing], "无法读取文件"),
        (vec!["--catalog", &missing, &events], "无法读取文件"),
        (
            vec!["--catalog", &broken, &events],
            "[engine.catalog_invalid]",
        ),
        (
            vec!["--catalog", CATALOG, "--lang", "fr", &events],
            "[arg.unknown_lang]",
        ),
        (vec![&events], "--catalog"),
        (vec!["--catalog", CATALOG], "缺少参数 EVENTS.jsonl"),
    ];
    for (args, want) in cases {
        let mut all = vec!["case", "replay"];
        all.extend(args.iter().copied());
        let (status, stderr, quiet) = refused_run(&all);
        assert_eq!(status, Some(2), "{args:?}: {stderr}");
        assert!(quiet, "{args:?}: nothing on standard output");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
    }
}

#[test]
fn the_usage_text_lists_the_command() {
    let out = doorstep(&["help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("case replay --catalog FILE"));
}

#[test]
fn a_line_that_is_not_utf8_is_refused_on_its_own() {
    let mut bytes = jsonl(&events());
    bytes.extend_from_slice(b"{\"schema\": \xff}\n");
    let file = temp_file("not-utf8-line.jsonl", &bytes);
    let out = doorstep(&["case", "replay", "--catalog", CATALOG, &file]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("input.not_utf8"), "{stdout}");
    assert!(stdout.contains("\"case\""), "{stdout}");
}

#[test]
fn timeline_prints_one_cases_steps_and_exits_0_or_1() {
    let file = temp_file("timeline", &jsonl(&events()));
    let out = doorstep(&["case", "timeline", "--lang", "en", &file, "HC-1"]);
    assert_eq!(out.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["outcome"], "found");
    let steps: Vec<(&str, &str)> = value["timeline"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["case"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    // HC-2's step is another citizen's: not on HC-1's timeline.
    assert_eq!(steps, [("HC-1", "submit"), ("HC-1", "accept")]);
    assert!(value["timeline"].get("bundle").is_none());

    let out = doorstep(&["case", "timeline", "--lang", "en", &file, "HC-9"]);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["error"]["code"], "case.not_found");

    let out = doorstep(&["case", "timeline", &file]);
    assert_eq!(out.status.code(), Some(2));
}
