//! Authority (issue 4): verifying a stamp through a chain of three grants (target: at most
//! 1 µs native), and verifying the sample 用印台账 (entries per second).
//!
//! - `verify 3-link chain`: 医保局 devolves a matter to the street centre (下放), which
//!   devolves it to a station (下放), which entrusts a second station (委托); the second
//!   station stamps a decision with its approval seal — `Engine::verify_stamp` on a parsed
//!   stamp, the call a Rust host makes;
//! - `authorize 3-link chain`: the same question without the seal;
//! - `parse + verify 3-link chain`: `Stamp::from_json` then `verify_stamp`, the work behind a
//!   binding call;
//! - `verify sample stamp`: the first stamp of the sample ledger in the sample catalogue
//!   (672 grants, 70 seals);
//! - `ledger chain only` / `ledger chain + stamps`: `ledger::verify` and
//!   `Engine::verify_ledger` over `catalogs/haicang.ledger.jsonl`, with its kept head,
//!   reported as entries per second.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use doorstep::Lang;
use doorstep::authority::ledger::{self, LedgerHead};
use doorstep::authority::{Stamp, Step};
use doorstep::engine::Engine;
use serde_json::{Value, json};

fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn grant(id: &str, principal: &str, agent: &str, mode: &str, parent: Option<&str>) -> Value {
    let mut g = json!({
        "id": id,
        "principal": principal,
        "agent": agent,
        "mode": mode,
        "matters": ["MED-INSURE"],
        "steps": ["receive", "accept", "review", "decide", "deliver"],
        "validFrom": "2024-01-01",
        "validUntil": "2026-12-31",
        "legalBasis": "《中华人民共和国行政许可法》",
        "publication": "海政办〔2024〕12号",
    });
    if let Some(parent) = parent {
        g["parent"] = json!(parent);
    }
    g
}

/// The test catalogue with a registry holding one chain of three grants to 350205-001-02.
fn three_link_engine() -> Engine {
    let mut doc: Value =
        serde_json::from_str(&read("tests/fixtures/catalog/authority.json")).unwrap();
    doc["authority"] = json!({
        "grants": [
            grant("g-street", "350205-YB", "350205-001", "devolve", None),
            grant("g-st1", "350205-001", "350205-001-01", "devolve", Some("g-street")),
            grant("g-st2", "350205-001-01", "350205-001-02", "entrust", Some("g-st1")),
        ],
        "seals": [{
            "code": "seal-st2",
            "name": "示例二社区便民服务站审核审批专用章",
            "owner": "350205-001-02",
            "kind": "approval",
        }],
    });
    Engine::load(&doc.to_string(), at()).unwrap()
}

const THREE_LINK_STAMP: &str = r#"{"seal":"seal-st2","case":"HC-2025-000001","matter":"MED-INSURE","step":"decide","operator":{"id":"HC02-001","role":"back_office"},"acceptedBy":"HC02-002","place":"350205-001-02","at":"2025-05-01T10:00:00+08:00","digest":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}"#;

fn bench(c: &mut Criterion) {
    let engine = three_link_engine();
    let stamp = Stamp::from_json(THREE_LINK_STAMP).unwrap();
    let verdict = engine.verify_stamp(&stamp);
    assert!(verdict.is_valid(), "{:?}", verdict.failures);
    assert_eq!(verdict.chain.len(), 3);
    assert_eq!(verdict.acts_in_name_of, Some("350205-001-01"));
    c.bench_function("verify 3-link chain", |b| {
        b.iter(|| black_box(engine.verify_stamp(black_box(&stamp))).is_valid());
    });
    c.bench_function("authorize 3-link chain", |b| {
        b.iter(|| {
            black_box(engine.authorize(
                black_box("350205-001-02"),
                "MED-INSURE",
                Step::Decide,
                stamp.at,
            ))
            .failures
            .is_empty()
        });
    });
    c.bench_function("parse + verify 3-link chain", |b| {
        b.iter(|| {
            let stamp = Stamp::from_json(black_box(THREE_LINK_STAMP)).unwrap();
            engine.verify_stamp(&stamp).is_valid()
        });
    });

    let sample = Engine::load(&read("catalogs/haicang.json"), at()).unwrap();
    let text = read("catalogs/haicang.ledger.jsonl");
    let head: LedgerHead =
        serde_json::from_str(&read("catalogs/haicang.ledger.head.json")).unwrap();
    let first: ledger::LedgerEntry = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(sample.verify_stamp(&first.stamp).is_valid());
    c.bench_function("verify sample stamp", |b| {
        b.iter(|| black_box(sample.verify_stamp(black_box(&first.stamp))).is_valid());
    });
    assert!(sample.verify_ledger(&text, Some(&head), Lang::ZhCn).valid);
    let mut group = c.benchmark_group("ledger");
    group.throughput(Throughput::Elements(head.entries));
    group.bench_function("chain only", |b| {
        b.iter(|| ledger::verify(black_box(&text), Some(&head), Lang::ZhCn).valid);
    });
    group.bench_function("chain + stamps", |b| {
        b.iter(|| {
            sample
                .verify_ledger(black_box(&text), Some(&head), Lang::ZhCn)
                .valid
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
