//! `doorstep demo`, the district simulation, as a newcomer runs it: it finishes, its
//! `metrics.json` is exactly what `doorstep metrics` computes from its `events.jsonl`,
//! another seed gives other numbers, the dashboard is one self-contained file, and no
//! whole ID number appears in what it prints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn doorstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(args)
        .output()
        .expect("doorstep runs")
}

/// Runs a small demo into a fresh directory; its path and output.
fn demo(name: &str, seed: &str) -> (PathBuf, Output) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("demo-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let out = doorstep(&[
        "demo",
        "--days",
        "24",
        "--cases-per-day",
        "80",
        "--seed",
        seed,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, out)
}

#[test]
fn metrics_recomputed_from_the_events_are_the_demos_and_another_seed_differs() {
    let (dir, out) = demo("a", "7");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("按时办结率"), "{text}");
    assert!(text.contains("满意率"), "{text}");
    // Progress went to standard error.
    assert!(String::from_utf8_lossy(&out.stderr).contains("day 24/24"));

    let written = std::fs::read_to_string(dir.join("metrics.json")).unwrap();
    let events = dir.join("events.jsonl");
    let again = doorstep(&["metrics", events.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(String::from_utf8(again.stdout).unwrap(), written);

    let metrics: Value = serde_json::from_str(&written).unwrap();
    let district = &metrics["district"];
    assert!(district["cases"]["received"].as_u64().unwrap() > 1000);
    assert!(district["cases"]["concluded"].as_u64().unwrap() > 500);
    assert!(district["reviews"]["rated"].as_u64().unwrap() > 300);
    assert!(district["reviews"]["bad"].as_u64().unwrap() > 0);
    assert!(district["complaints"]["received"].as_u64().unwrap() > 0);
    assert_eq!(metrics["stations"].as_array().unwrap().len(), 48);
    assert_eq!(district["ignoredEvents"], 0);
    // Every kind of event is in the stream: bundles, successors, reviews, complaints.
    let stream = std::fs::read_to_string(&events).unwrap();
    for needle in [
        "\"bundle_submitted\"",
        "\"origin\"",
        "\"rated\"",
        "\"verified\"",
        "\"reported\"",
        "\"home_visit\"",
        "\"proxy\"",
        "\"supplement_requested\"",
        "\"appointment\"",
    ] {
        assert!(stream.contains(needle), "no {needle} in the events");
    }

    // The one file of all events replays as it is, and a case's timeline follows from it:
    // the lines of reviews and complaints are skipped.
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    let replayed = doorstep(&[
        "case",
        "replay",
        "--catalog",
        sample,
        events.to_str().unwrap(),
    ]);
    let replay = String::from_utf8(replayed.stdout).unwrap();
    assert_eq!(
        replayed.status.code(),
        Some(0),
        "{}",
        replay.lines().last().unwrap_or_default()
    );
    assert!(!replay.lines().any(|l| l.starts_with("{\"rejected\"")));
    let first: Value = serde_json::from_str(replay.lines().next().unwrap()).unwrap();
    let id = first["case"]["id"].as_str().unwrap();
    let timeline = doorstep(&["case", "timeline", events.to_str().unwrap(), id]);
    assert_eq!(timeline.status.code(), Some(0));
    let timeline: Value = serde_json::from_slice(&timeline.stdout).unwrap();
    assert_eq!(timeline["outcome"], "found", "{timeline}");

    let (other, _) = demo("b", "8");
    let other = std::fs::read_to_string(other.join("metrics.json")).unwrap();
    assert_ne!(other, written);

    let html = std::fs::read_to_string(dir.join("dashboard.html")).unwrap();
    assert!(html.contains("<svg id=\"on-time\""));
    assert!(html.contains("<svg id=\"satisfaction\""));
    assert!(html.contains("<svg id=\"weekly\""));
    assert!(!html.contains("<script"), "no script needed");
    assert!(!html.contains("http"), "nothing fetched");
}

#[test]
fn the_same_seed_gives_the_same_events() {
    let (a, _) = demo("same-1", "11");
    let (b, _) = demo("same-2", "11");
    assert_eq!(
        std::fs::read(a.join("events.jsonl")).unwrap(),
        std::fs::read(b.join("events.jsonl")).unwrap()
    );
}

#[test]
fn bad_options_exit_2() {
    for args in [
        &["demo", "--days", "0"][..],
        &["demo", "--days", "x"],
        &["demo", "--start", "2025-02-30"],
        // A date as every other command reads it: YYYY-MM-DD, nothing else.
        &["demo", "--start", "2025-9-15"],
        &["demo", "--start", "+2025-09-15"],
        &["demo", "extra"],
        &["metrics"],
    ] {
        assert_eq!(doorstep(args).status.code(), Some(2), "{args:?}");
    }
}

/// `doorstep demo --out DIR | head -1`: the reader goes away after the first line, and the
/// files the run was asked to write are written all the same.
#[test]
fn a_closed_output_pipe_leaves_every_file_written() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-closed-pipe");
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(["demo", "--days", "6", "--cases-per-day", "10", "--out"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("doorstep runs");
    // Both ends closed before anything is written: `2>&1 | head` once head has quit.
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().expect("doorstep ends");
    assert_eq!(status.code(), Some(0));
    for file in ["events.jsonl", "metrics.json", "dashboard.html"] {
        assert!(dir.join(file).is_file(), "{file} not written");
    }
}

/// Progress on standard error is for people watching; a reader that has gone away does not
/// end the run.
#[test]
fn a_closed_error_pipe_does_not_stop_the_run() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .args(["demo", "--days", "6", "--cases-per-day", "10"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("doorstep runs");
    drop(child.stderr.take());
    let out = child.wait_with_output().expect("doorstep ends");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("满意率"));
}

#[test]
fn seed_zero_is_a_seed() {
    let out = doorstep(&["demo", "--seed", "0", "--days", "1", "--cases-per-day", "5"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("种子 0"));
}

/// A line of the events that cannot be read is refused with its code, in zh-CN then en,
/// and a number in the file's name is not repeated whole.
#[test]
fn metrics_refuses_an_unreadable_line_with_its_code() {
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("350205199003071239.jsonl");
    std::fs::write(&file, b"{\"bad\":1}\n").unwrap();
    let out = doorstep(&["metrics", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[input.shape]"), "{stderr}");
    assert!(stderr.contains("结构不正确"), "{stderr}");
    assert!(stderr.contains("Line 1, column 1"), "{stderr}");
    assert!(!stderr.contains("350205199003071239"), "{stderr}");
}

#[test]
fn metrics_reads_dates_as_every_command_does() {
    let (dir, _) = demo("dates", "3");
    let events = dir.join("events.jsonl");
    for date in ["2025-9-15", "+2025-09-15"] {
        let out = doorstep(&["metrics", "--from", date, events.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{date}");
        assert!(out.stdout.is_empty(), "{date}");
    }
    let out = doorstep(&["metrics", "--from", "2025-09-15", events.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

/// A file without events has no first or last day: the period is asked for by name (not
/// "needs a value", which reads as a typo), and once given the counts are all zero.
#[test]
fn metrics_of_a_file_without_events_asks_for_the_period() {
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-events.jsonl");
    std::fs::write(&file, b"\n").unwrap();
    let path = file.to_str().unwrap();
    for (args, missing) in [
        (&["metrics", path][..], "--from"),
        (&["metrics", "--from", "2026-11-02", path][..], "--to"),
    ] {
        let out = doorstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("no events in the file to take {missing} from")),
            "{stderr}"
        );
        assert!(!stderr.contains("needs a value"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let out = doorstep(&[
        "metrics",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-06",
        path,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let metrics: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(metrics["district"]["cases"]["received"], 0, "{metrics}");
    assert_eq!(metrics["district"]["ignoredEvents"], 0, "{metrics}");
}

/// A directory that cannot be made is named without a whole ID number in it.
#[test]
fn a_failed_out_directory_is_named_masked() {
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("demo-not-a-directory");
    std::fs::write(&file, b"").unwrap();
    let dir = file.join("350205199003071239");
    let out = doorstep(&["demo", "--days", "1", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("demo-not-a-directory"), "{stderr}");
    assert!(!stderr.contains("350205199003071239"), "{stderr}");
}
