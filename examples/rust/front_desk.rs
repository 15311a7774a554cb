//! The front desk of a community station taking 出生一件事 (the birth bundle) in one visit:
//! the merged form filled from shared data, a mistyped number caught with a message the
//! mother can read, the documents still to bring, and one submission that opens a case at
//! each department. Only masked values reach the log.
//!
//! Run: `cargo run -p doorstep --example front_desk` (from the repository root: it reads
//! `catalogs/haicang.json`).

use std::collections::BTreeMap;
use std::error::Error;

use chrono::{DateTime, NaiveDate};
use doorstep::Lang;
use doorstep::authority::Role;
use doorstep::case::{Actor, Case, Command, CommandEnvelope, Context, decide, evolve};
use doorstep::catalog::Channel;
use doorstep::engine::{Engine, Target};
use doorstep::ids::mask_json;
use serde_json::json;

const STATION: &str = "350205-HC-01";

fn main() -> Result<(), Box<dyn Error>> {
    run()
}

/// The whole visit, as `main` runs it (and a test of the crate).
pub fn run() -> Result<(), Box<dyn Error>> {
    // The host owns the clock and the files; the core is handed both.
    let today = NaiveDate::from_ymd_opt(2025, 10, 13).ok_or("date")?;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    let engine = Engine::load(&std::fs::read_to_string(path)?, today)?;
    let birth = Target::bundle("birth");
    let form = engine.form(&birth, today)?;
    println!(
        "出生一件事: {} fields asked once for all its matters",
        form.fields.len()
    );

    // 数据共享: what the platform already knows fills the form, so nobody types it twice.
    let shared = json!({
        "identity": {"name": "林晓燕", "residentId": "350205199205120027"},
        "household": {"address": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室"}
    });
    let prefilled = engine.prefill(&birth, &shared, &json!({}), today)?;
    println!("filled from shared data: {}", mask_json(&prefilled));

    // The mother completes the rest at the counter and mistypes her child's number.
    let mut answer = form.example.clone();
    if let (Some(answer), Some(prefilled)) = (answer.as_object_mut(), prefilled.as_object()) {
        answer.extend(prefilled.clone());
    }
    set(&mut answer, "childId", "350205202408010018");
    let first = engine.validate(&birth, &answer, today, Lang::ZhCn)?;
    for problem in &first.form.errors {
        let path = problem.path.as_deref().unwrap_or_default();
        println!("  {path}: [{}] {}", problem.code, problem.message);
    }

    set(&mut answer, "childId", "350205202408010017");
    let report = engine.validate(&birth, &answer, today, Lang::ZhCn)?;
    println!(
        "valid: {}; matters: {}",
        report.form.valid,
        report.matters.join(", ")
    );
    // The log line: Debug output masks the applicant's data.
    println!("log: {report:?}");

    // The documents to bring, each once, minus those the shared data stands in for.
    let available: Vec<&str> = ["identity", "household"].into();
    for material in engine.materials(&birth, &answer, &available, today)? {
        println!(
            "  bring: {} ×{} ({:?})",
            material.name, material.count, material.form
        );
    }

    // One submission: the bundle case and a case at each member's department.
    let ctx = Context {
        actor: Actor {
            id: "u-lin".into(),
            role: Role::Applicant,
            org: STATION.into(),
        },
        channel: Channel::Window,
        at: DateTime::parse_from_rfc3339("2025-10-13T09:00:00+08:00")?,
    };
    let envelope = CommandEnvelope {
        case: "B-2025-0001".into(),
        expected_version: 0,
        client_id: "front-desk-0001".into(),
        command: Command::SubmitBundle {
            bundle: "birth".into(),
            applicant: "u-lin".into(),
            proxy: None,
            answer: report.form.normalized.clone().into(),
            special_groups: vec![],
            appointment: None,
        },
    };
    let events = decide(&engine, None, &envelope, &ctx)?;
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    for event in &events {
        let case = evolve(cases.remove(event.case.as_ref()), event)?;
        cases.insert(case.id.to_string(), case);
    }
    for case in cases.values() {
        println!("  case {} {} {:?}", case.id, case.matter, case.status);
    }
    Ok(())
}

/// Sets the answer's field `key` to the text `value`.
fn set(answer: &mut serde_json::Value, key: &str, value: &str) {
    if let Some(fields) = answer.as_object_mut() {
        fields.insert(key.to_owned(), json!(value));
    }
}
