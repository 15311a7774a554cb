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
use std::process::{Command, Output};

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
        &["demo", "extra"],
        &["metrics"],
    ] {
        assert_eq!(doorstep(args).status.code(), Some(2), "{args:?}");
    }
}
