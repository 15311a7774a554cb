//! Policy matching (免申即享 / 政策匹配): 100,000 generated profiles (a district's 摸排登记
//! lists; 85 % people, 15 % enterprises) × 50 policies, one core, through one
//! [`PolicyMatcher`](doorstep::policy::PolicyMatcher) as a host batch runs it. Prints
//! profile × policy evaluations per second (criterion's throughput). Asserts nothing about
//! time.
//!
//! The 50 policies come from 10 templates (the sample catalogue's kinds: veterans, the
//! unemployed, graduates, hardship, disability, old age, hiring enterprises) with thresholds
//! varied per copy, 2 to 4 conditions each. `DOORSTEP_BENCH_PROFILES=N` matches N profiles
//! instead.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::too_many_lines,
    clippy::needless_pass_by_value,
    clippy::cast_precision_loss
)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use doorstep::Lang;
use doorstep::engine::Engine;
use serde_json::{Value, json};

const POLICIES: usize = 50;

fn var(key: &str) -> Value {
    json!({ "var": key })
}

fn condition(code: &str, rule: Value) -> Value {
    json!({"code": code, "description": code, "rule": rule})
}

/// Policy `n` of 50: template `n % 10`, thresholds varied by `n / 10`.
fn policy(n: usize) -> Value {
    let k = u32::try_from(n / 10).unwrap();
    let household = condition(
        "household",
        json!({"==": [{"substr": [var("household.division"), 0, 6]}, "350205"]}),
    );
    let age = json!({"if": [var("birthDate"),
        {"age_at": [var("birthDate"), var("$at")]},
        {"id_age": [var("residentId"), var("$at")]}]});
    let enterprise_credit = condition(
        "credit",
        json!({"and": [{"!=": [var("creditRating"), "D"]}, {"===": [var("dishonest"), false]}]}),
    );
    let (subject, conditions) = match n % 10 {
        0 => (
            "person",
            vec![
                condition("veteran", json!({"===": [var("veteran"), true]})),
                household.clone(),
            ],
        ),
        1 => (
            "person",
            vec![
                condition("unemployed", json!({"===": [var("unemployed"), true]})),
                condition(
                    "insured",
                    json!({">=": [var("unemploymentInsuranceMonths"), 6 + 3 * k]}),
                ),
                condition("working_age", json!({"<=": [16, age.clone(), 59 - k]})),
            ],
        ),
        2 => (
            "person",
            vec![
                condition(
                    "recent_graduate",
                    json!({">=": [var("graduateYear"), {"-": [{"substr": [var("$at"), 0, 4]}, 1 + k % 3]}]}),
                ),
                condition(
                    "higher_education",
                    json!({"in": [var("education"), ["college", "bachelor", "master", "doctor"]]}),
                ),
                condition("not_employed", json!({"===": [var("employed"), false]})),
            ],
        ),
        3 => (
            "person",
            vec![
                condition(
                    "hardship",
                    json!({"in": [var("hardship"), ["subsistence", "extreme_poverty", "low_income"]]}),
                ),
                household.clone(),
            ],
        ),
        4 => (
            "person",
            vec![
                condition(
                    "disabled",
                    json!({"<=": [1, var("disabilityLevel"), 2 + k % 3]}),
                ),
                condition(
                    "hardship",
                    json!({"in": [var("hardship"), ["subsistence", "low_income"]]}),
                ),
                household.clone(),
            ],
        ),
        5 => (
            "person",
            vec![
                condition("age", json!({">=": [age.clone(), 70 + 5 * k]})),
                household.clone(),
            ],
        ),
        6 => (
            "person",
            vec![
                condition(
                    "income",
                    json!({"or": [
                        {"in": [var("hardship"), ["subsistence", "extreme_poverty"]]},
                        {"and": [{"!==": [var("incomePerCapita"), null]},
                                 {"<=": [var("incomePerCapita"), 1000 + 250 * k]}]}
                    ]}),
                ),
                household,
            ],
        ),
        7 => (
            "enterprise",
            vec![
                condition("small", json!({"in": [var("size"), ["micro", "small"]]})),
                condition("new_hires", json!({">=": [var("newHires"), 1 + k]})),
                enterprise_credit,
            ],
        ),
        8 => (
            "enterprise",
            vec![
                condition(
                    "hired_graduates",
                    json!({">=": [var("newHireGraduates"), 1 + k % 2]}),
                ),
                condition("no_arrears", json!({"===": [var("arrears"), false]})),
                condition(
                    "registered",
                    json!({"==": [{"substr": [var("division"), 0, 6]}, "350205"]}),
                ),
                enterprise_credit,
            ],
        ),
        _ => (
            "enterprise",
            vec![
                condition("hired_hardship", json!({">=": [var("newHireHardship"), 1]})),
                condition(
                    "rating",
                    json!({"in": [var("creditRating"), ["A", "B", "M"]]}),
                ),
            ],
        ),
    };
    json!({
        "code": format!("P-{n:02}"),
        "name": format!("政策 {n}"),
        "subject": subject,
        "department": "350205-RS",
        "benefit": {"text": "示意", "amountFen": 10_000},
        "grantedWithoutApplication": n % 2 == 0,
        "effective": "2024-01-01",
        "conditions": conditions,
    })
}

fn engine(at: NaiveDate) -> Engine {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/catalog/policies.json"
    );
    let mut catalog: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    catalog["policies"] = (0..POLICIES).map(policy).collect();
    Engine::load(&catalog.to_string(), at).unwrap()
}

/// A small deterministic generator (64-bit LCG), so every run matches the same profiles.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

fn profile(rng: &mut Lcg) -> Value {
    if rng.chance(15) {
        let sizes = ["micro", "small", "medium", "large"];
        let ratings = ["A", "B", "M", "C", "D"];
        return json!({
            "kind": "enterprise",
            "creditCode": "91350100M000100Y43",
            "division": if rng.chance(80) { "350205" } else { "350203" },
            "size": sizes[usize::try_from(rng.next(4)).unwrap()],
            "creditRating": ratings[usize::try_from(rng.next(5)).unwrap()],
            "newHires": rng.next(20),
            "newHireGraduates": rng.next(4),
            "newHireHardship": rng.next(3),
            "arrears": rng.chance(5),
            "dishonest": rng.chance(3),
        });
    }
    let birth = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Days::new(rng.next(28_000));
    let mut p = json!({
        "kind": "person",
        "name": "示例",
        "birthDate": birth.to_string(),
        "household": {"division": if rng.chance(85) { "350205001" } else { "350203" }},
    });
    let mut set = |key: &str, value: Value| p[key] = value;
    if rng.chance(8) {
        set("veteran", json!(true));
    }
    if rng.chance(10) {
        set("unemployed", json!(true));
        set("unemploymentInsuranceMonths", json!(rng.next(60)));
    }
    if rng.chance(10) {
        set("graduateYear", json!(2020 + rng.next(6)));
        set(
            "education",
            json!(
                ["vocational", "college", "bachelor", "master"]
                    [usize::try_from(rng.next(4)).unwrap()]
            ),
        );
        set("employed", json!(rng.chance(50)));
    }
    if rng.chance(12) {
        set(
            "hardship",
            json!(
                ["subsistence", "extreme_poverty", "low_income"]
                    [usize::try_from(rng.next(3)).unwrap()]
            ),
        );
    }
    if rng.chance(30) {
        set("incomePerCapita", json!(500 + rng.next(5000)));
    }
    if rng.chance(6) {
        set("disabilityLevel", json!(1 + rng.next(4)));
    }
    p
}

fn bench(c: &mut Criterion) {
    let count: usize = std::env::var("DOORSTEP_BENCH_PROFILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let at = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    let engine = engine(at);
    assert_eq!(engine.policies(at).len(), POLICIES);
    let mut rng = Lcg(2025);
    let profiles: Vec<Value> = (0..count).map(|_| profile(&mut rng)).collect();

    // What the batch finds, once, so the figure is about real work.
    let matcher = engine.policy_matcher(at, Lang::ZhCn);
    let eligible: usize = profiles
        .iter()
        .map(|p| {
            matcher
                .run(p)
                .unwrap()
                .iter()
                .filter(|m| m.eligible)
                .count()
        })
        .sum();
    println!(
        "{count} profiles × {POLICIES} policies: {eligible} eligible pairs ({:.2} per profile)",
        eligible as f64 / count.max(1) as f64
    );

    let mut group = c.benchmark_group("policy");
    group.throughput(Throughput::Elements((count * POLICIES) as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(
        format!("match {count} profiles x {POLICIES} policies"),
        |b| {
            b.iter(|| {
                let matcher = engine.policy_matcher(at, Lang::ZhCn);
                let mut eligible = 0usize;
                for profile in black_box(&profiles) {
                    eligible += matcher
                        .run(profile)
                        .unwrap()
                        .iter()
                        .filter(|m| m.eligible)
                        .count();
                }
                eligible
            });
        },
    );
    group.throughput(Throughput::Elements(POLICIES as u64));
    group.bench_function("match 1 profile x 50 policies, JSON in and out", |b| {
        let text = profiles[0].to_string();
        b.iter(|| serde_json::to_string(&engine.policy_report(black_box(&text), at, Lang::ZhCn)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
