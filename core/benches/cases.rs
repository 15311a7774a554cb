//! Replaying case events: 580,000 cases × 8 events (Haicang's yearly volume order), one
//! core, through [`case::replay`] — the fold a host runs to rebuild its cases or keep
//! metrics live. Prints events per second (criterion's throughput) and the memory a replayed
//! case holds (a counting allocator). Asserts nothing about time.
//!
//! `DOORSTEP_BENCH_CASES=N` replays N cases instead (the events are built once, in memory:
//! about 2 KB per case).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    // A counting global allocator is the one way to measure memory per case.
    unsafe_code
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use doorstep::authority::{Operator, Role, Stamp, StampAct, Step};
use doorstep::case::{self, Actor, Case, Command, CommandEnvelope, Context, Event};
use doorstep::catalog::Channel;
use doorstep::engine::Engine;
use serde_json::{Value, json};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const STATION: &str = "350205-001-01";

fn engine() -> Engine {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/catalog/authority.json"
    );
    let mut catalog: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let med = &mut catalog["matters"][1];
    assert_eq!(med["code"], "MED-INSURE");
    med["promisedLimitDays"] = json!(5);
    med["legalLimitDays"] = json!(20);
    med["immediate"] = json!(false);
    Engine::load(
        &catalog.to_string(),
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    )
    .unwrap()
}

/// One case's 8 events, decided by the engine: submit, accept, claim, review, 补正,
/// supplement, approve, conclude.
fn template(engine: &Engine) -> Vec<Event> {
    let ctx = |id: &str, role, at: &str| Context {
        actor: Actor {
            id: id.into(),
            role,
            org: STATION.into(),
        },
        channel: Channel::Window,
        at: DateTime::parse_from_rfc3339(at).unwrap(),
    };
    let answer = engine
        .catalog()
        .matter("MED-INSURE")
        .unwrap()
        .form
        .example
        .clone();
    let stamp = Stamp {
        seal: "seal-st1".into(),
        case: "T".into(),
        matter: "MED-INSURE".into(),
        step: Step::Decide,
        act: StampAct::Ordinary,
        operator: Operator {
            id: "bo-01".into(),
            role: Role::BackOffice,
        },
        accepted_by: Some("fd-01".into()),
        place: STATION.into(),
        at: DateTime::parse_from_rfc3339("2025-10-15T10:00:00+08:00").unwrap(),
        digest: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
    };
    let steps = [
        (
            Command::Submit {
                matter: "MED-INSURE".into(),
                applicant: "u-0001".into(),
                proxy: None,
                answer: answer.into(),
                special_groups: vec![],
                appointment: None,
            },
            ctx("u-0001", Role::Applicant, "2025-09-30T09:00:00+08:00"),
        ),
        (
            Command::Accept,
            ctx("fd-01", Role::FrontDesk, "2025-09-30T09:10:00+08:00"),
        ),
        (
            Command::Claim,
            ctx("bo-01", Role::BackOffice, "2025-10-09T09:00:00+08:00"),
        ),
        (
            Command::StartReview,
            ctx("bo-01", Role::BackOffice, "2025-10-09T09:10:00+08:00"),
        ),
        (
            Command::RequestSupplement {
                reason: "缺少户口簿".into(),
            },
            ctx("bo-01", Role::BackOffice, "2025-10-09T10:00:00+08:00"),
        ),
        (
            Command::Supplement {
                answer: engine
                    .catalog()
                    .matter("MED-INSURE")
                    .unwrap()
                    .form
                    .example
                    .clone()
                    .into(),
            },
            ctx("u-0001", Role::Applicant, "2025-10-13T09:00:00+08:00"),
        ),
        (
            Command::Approve { stamp },
            ctx("bo-01", Role::BackOffice, "2025-10-15T10:00:00+08:00"),
        ),
        (
            Command::Conclude,
            ctx("bo-01", Role::BackOffice, "2025-10-15T10:05:00+08:00"),
        ),
    ];
    let mut case: Option<Case> = None;
    let mut events = Vec::new();
    for (i, (command, ctx)) in steps.into_iter().enumerate() {
        let envelope = CommandEnvelope {
            case: "T".into(),
            expected_version: case.as_ref().map_or(0, |c| c.version),
            client_id: format!("T-{i}"),
            command,
        };
        for event in case::decide(engine, case.as_ref(), &envelope, &ctx).unwrap() {
            case = Some(case::evolve(case, &event).unwrap());
            events.push(event);
        }
    }
    assert_eq!(events.len(), 8);
    events
}

fn bench(c: &mut Criterion) {
    let cases: usize = std::env::var("DOORSTEP_BENCH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(580_000);
    let engine = engine();
    let template = template(&engine);
    let mut events = Vec::with_capacity(cases * template.len());
    for n in 0..cases {
        let id = format!("HC-{n:07}");
        let shared: std::sync::Arc<str> = id.as_str().into();
        for (i, e) in template.iter().enumerate() {
            let mut e = e.clone();
            e.case = shared.clone();
            e.client_id = format!("{id}-{i}");
            events.push(e);
        }
    }

    let before = LIVE.load(Ordering::Relaxed);
    let replayed = case::replay(&events);
    let held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    assert!(replayed.rejected.is_empty());
    assert_eq!(replayed.cases.len(), cases);
    println!(
        "replayed {cases} cases × 8 events; memory held per replayed case: {} bytes",
        held / cases.max(1)
    );
    drop(replayed);

    let mut group = c.benchmark_group("cases");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(format!("replay {cases} cases x 8 events"), |b| {
        // The cases replayed are what a host keeps: dropping them is not part of replaying.
        b.iter_with_large_drop(|| case::replay(black_box(&events)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
