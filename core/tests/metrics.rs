//! Metrics as a fold over events: cases on time across holidays and pauses, bad reviews
//! rectified late, complaints, scopes and periods, the mixed JSON Lines stream, and the
//! shared fixture. Properties: the report does not depend on how cases interleave, and
//! folding event by event equals reading the stream at once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use doorstep::authority::Role;
use doorstep::authority::cst_date;
use doorstep::case::{self, Event};
use doorstep::catalog::Channel;
use doorstep::complaint::{
    self, Complaint, ComplaintCategory, ComplaintCommand, ComplaintEnvelope, ComplaintEvent,
};
use doorstep::engine::Engine;
use doorstep::metrics::{
    Metrics, MetricsOutcome, MetricsQuery, Period, StreamEvent, decode_stream,
};
use doorstep::review::{
    self, AppealGround, CaseFacts, EvaluationChannel, Rating, Review, ReviewCommand,
    ReviewEnvelope, ReviewEvent, ReviewStatus,
};
use doorstep::{Coded, Lang};
use proptest::prelude::*;
use serde_json::{Value, json};

mod common;

use common::{DIGEST, ctx_at as ctx, date as d, engine_on, fixture_catalog};

const S1: &str = "350205-001-01";
const S2: &str = "350205-001-02";
const STREET: &str = "350205-001";

fn engine() -> Engine {
    engine_on(&fixture_catalog(), d(2025, 1, 1))
}

fn at_on(day: NaiveDate, hour: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{day}T{hour:02}:00:00+08:00")).unwrap()
}

/// A step of a case's life: the event's kind, and the day.
type Step<'a> = (&'a str, NaiveDate);

/// One case's events from `(kind, day)` steps; versions and client ids in order.
fn life(id: &str, org: &str, matter: &str, limit: u32, steps: &[Step]) -> Vec<Event> {
    steps
        .iter()
        .enumerate()
        .map(|(i, (kind, day))| {
            let kind = match *kind {
                "submitted" => json!({"type": "submitted", "matter": matter, "matterVersion": 1,
                    "limitWorkingDays": limit, "applicant": "u-1", "answer": {}}),
                "accepted" => json!({"type": "accepted", "backOffice": org}),
                "approved" => json!({"type": "approved", "stamp": {"seal": "s", "case": id,
                    "matter": matter, "step": "decide", "operator": {"id": "bo", "role": "back_office"},
                    "place": org, "at": at_on(*day, 10), "digest": DIGEST}}),
                "supplement_requested" | "not_accepted" | "suspended" => {
                    json!({"type": kind, "reason": "r"})
                }
                "supplemented" => json!({"type": "supplemented", "answer": {}}),
                "extended" => {
                    json!({"type": "extended", "workingDays": 2, "reason": "r", "approvedBy": "c"})
                }
                other => json!({"type": other}),
            };
            serde_json::from_value(json!({"schema": 1, "case": id, "version": i + 1,
                "clientId": format!("{id}-{i}"), "actor": {"id": "fd", "role": "front_desk", "org": org},
                "channel": "window", "at": at_on(*day, 9 + u32::try_from(i % 8).unwrap()), "kind": kind}))
            .unwrap()
        })
        .collect()
}

fn fold<'a>(events: impl IntoIterator<Item = &'a StreamEvent>) -> Metrics {
    let mut m = Metrics::new();
    for e in events {
        m.apply(e);
    }
    m
}

fn period(from: NaiveDate, to: NaiveDate) -> Period {
    Period { from, to }
}

/// A bad review of `case` (concluded on 2025-09-30) rated and verified that day, then
/// rectified on `rectified`.
fn bad_review(engine: &Engine, case: &str, rectified: NaiveDate) -> Vec<StreamEvent> {
    let facts = CaseFacts {
        case: case.into(),
        matter: "HUKOU-BIRTH".into(),
        org: S1.into(),
        channel: Channel::Window,
        applicant: "u-1".into(),
        concluded_at: Some(at_on(d(2025, 9, 30), 10)),
    };
    let steps = [
        (
            ReviewCommand::Rate {
                rating: Rating::Dissatisfied,
                channel: EvaluationChannel::OnSite,
                real_name: true,
                comment: None,
            },
            ctx("u-1", Role::Applicant, S1, at_on(d(2025, 9, 30), 11)),
        ),
        (
            ReviewCommand::Verify {
                finding: "属实".into(),
            },
            ctx("chief", Role::StationChief, S1, at_on(d(2025, 9, 30), 12)),
        ),
        (
            ReviewCommand::Rectify {
                measures: "整改".into(),
            },
            ctx("chief", Role::StationChief, S1, at_on(rectified, 9)),
        ),
    ];
    let mut current = None;
    let mut out = Vec::new();
    for (i, (command, ctx)) in steps.into_iter().enumerate() {
        let envelope = ReviewEnvelope {
            review: case.into(),
            expected_version: u64::try_from(i).unwrap(),
            client_id: format!("{case}-r{i}"),
            command,
        };
        let events =
            review::decide(engine, current.as_ref(), Some(&facts), &envelope, &ctx).unwrap();
        for e in events {
            current = Some(review::evolve(current, &e).unwrap());
            out.push(StreamEvent::Review(e));
        }
    }
    out
}

#[test]
fn a_bad_review_rectified_late_counts_as_late() {
    let engine = engine();
    // Verified on 2025-09-30: due 2025-10-14 (5 working days across National Day).
    let mut events = bad_review(&engine, "HC-LATE", d(2025, 10, 15));
    events.extend(bad_review(&engine, "HC-ONTIME", d(2025, 10, 14)));
    let m = fold(&events);
    let october = period(d(2025, 10, 1), d(2025, 10, 31));
    let report = m.report(&engine, S1, october).unwrap();
    assert_eq!(report.reviews.rectification_due, 2);
    assert_eq!(report.reviews.rectified_on_time, 1);
    assert_eq!(report.reviews.rectified_late, 1);
    assert_eq!(report.reviews.on_time_rectification_rate, Some(0.5));
    // The ratings were given in September.
    assert_eq!(report.reviews.rated, 0);
    let september = m
        .report(&engine, STREET, period(d(2025, 9, 1), d(2025, 9, 30)))
        .unwrap();
    assert_eq!(september.reviews.bad, 2);
    assert_eq!(september.reviews.satisfaction_rate, Some(0.0));
    assert_eq!(september.reviews.rectification_due, 0);
    // Before the late rectification arrives, it is unrectified — never on time.
    let partial = fold(&events[..2]);
    let r = partial.report(&engine, S1, october).unwrap();
    assert_eq!((r.reviews.unrectified, r.reviews.rectified_on_time), (1, 0));
}

#[test]
fn cases_on_time_late_paused_and_extended() {
    let engine = engine();
    let sep30 = d(2025, 9, 30);
    let (oct9, oct10, oct14) = (d(2025, 10, 9), d(2025, 10, 10), d(2025, 10, 14));
    let lives: [(&str, &str, u32, &[Step]); 5] = [
        // Due 2025-10-11 (the make-up Saturday): concluded 10-10 on time, 10-14 late.
        (
            "A",
            "HUKOU-BIRTH",
            3,
            &[
                ("submitted", sep30),
                ("accepted", sep30),
                ("review_started", oct9),
                ("approved", oct10),
                ("concluded", oct10),
            ],
        ),
        (
            "B",
            "HUKOU-BIRTH",
            3,
            &[
                ("submitted", sep30),
                ("accepted", sep30),
                ("review_started", oct9),
                ("approved", oct14),
                ("concluded", oct14),
            ],
        ),
        // 补正 on 10-09 and 10-10: due 10-14.
        (
            "C",
            "HUKOU-BIRTH",
            3,
            &[
                ("submitted", sep30),
                ("accepted", sep30),
                ("supplement_requested", oct9),
                ("supplemented", oct10),
                ("approved", oct14),
                ("concluded", oct14),
            ],
        ),
        // Extended by 2: due 10-14.
        (
            "D",
            "HUKOU-BIRTH",
            3,
            &[
                ("submitted", sep30),
                ("accepted", sep30),
                ("extended", oct9),
                ("review_started", oct9),
                ("approved", oct14),
                ("concluded", oct14),
            ],
        ),
        (
            "E",
            "MED-INSURE",
            0,
            &[
                ("submitted", sep30),
                ("accepted", sep30),
                ("approved", sep30),
                ("concluded", sep30),
                ("delivered", sep30),
            ],
        ),
    ];
    let events: Vec<Event> = lives
        .iter()
        .flat_map(|(id, matter, limit, steps)| life(id, S1, matter, *limit, steps))
        .collect();
    let stream: Vec<StreamEvent> = events.iter().cloned().map(Into::into).collect();
    let r = fold(&stream)
        .report(&engine, S1, period(d(2025, 9, 1), d(2025, 10, 31)))
        .unwrap();
    let c = &r.cases;
    assert_eq!((c.received, c.accepted, c.concluded), (5, 5, 5));
    assert_eq!((c.on_time, c.late, c.deadline_unknown), (4, 1, 0));
    assert_eq!(c.on_time_rate, Some(0.8));
    // (2 + 5 + 3 + 5 + 0) / 5.
    assert_eq!(c.average_working_days, Some(3.0));
    assert_eq!((c.immediate, c.immediate_rate), (1, Some(0.2)));
    // The case module agrees on every due date.
    let replayed = case::replay(&events);
    assert!(replayed.rejected.is_empty(), "{:?}", replayed.rejected);
    let c_case = &replayed.cases["C"];
    assert_eq!(
        c_case
            .deadline()
            .unwrap()
            .due(engine.calendar(), d(2025, 10, 14))
            .unwrap(),
        d(2025, 10, 14)
    );
}

#[test]
fn scopes_and_periods() {
    let engine = engine();
    let day = d(2025, 10, 9);
    let steps = [
        ("submitted", day),
        ("accepted", day),
        ("approved", day),
        ("concluded", day),
    ];
    let mut stream: Vec<StreamEvent> = Vec::new();
    for (id, org) in [("X1", S1), ("X2", S2), ("X3", STREET)] {
        stream.extend(
            life(id, org, "MED-INSURE", 0, &steps)
                .into_iter()
                .map(Into::into),
        );
    }
    let m = fold(&stream);
    let oct = period(d(2025, 10, 1), d(2025, 10, 31));
    let count = |scope: &str| m.report(&engine, scope, oct).unwrap().cases.received;
    assert_eq!(
        (count(S1), count(S2), count(STREET), count("350205")),
        (1, 1, 3, 3)
    );
    assert_eq!(count("350205-YB"), 0);
    let err = m.report(&engine, "nowhere", oct).unwrap_err();
    assert_eq!(err.code(), "metrics.unknown_scope");
    let err = m
        .report(&engine, S1, period(d(2025, 10, 2), d(2025, 10, 1)))
        .unwrap_err();
    assert_eq!(err.code(), "metrics.period");
    assert!(!err.message(Lang::En).is_empty());
    let sept = m
        .report(&engine, STREET, period(d(2025, 9, 1), d(2025, 9, 30)))
        .unwrap();
    assert_eq!(sept.cases.received, 0);
    assert_eq!(sept.cases.on_time_rate, None);
}

#[test]
fn the_mixed_stream_decodes_by_its_keys() {
    let engine = engine();
    let day = d(2025, 10, 9);
    let mut text = String::new();
    for e in life(
        "X1",
        S1,
        "MED-INSURE",
        0,
        &[("submitted", day), ("accepted", day)],
    ) {
        text.push_str(&serde_json::to_string(&e).unwrap());
        text.push('\n');
    }
    for e in bad_review(&engine, "X1", d(2025, 10, 9)) {
        text.push_str(&serde_json::to_string(&e).unwrap());
        text.push('\n');
    }
    text.push_str("\n{\"case\": \"X\", \"complaint\": \"K\"}\r\nnot json\n");
    let (events, problems) = decode_stream(text.as_bytes());
    assert_eq!(events.len(), 5);
    assert!(matches!(events[0].1, StreamEvent::Case(_)));
    assert!(matches!(events[4].1, StreamEvent::Review(_)));
    let codes: Vec<_> = problems.iter().map(|(l, e)| (*l, e.code())).collect();
    assert_eq!(codes, vec![(7, "input.shape"), (8, "input.malformed")]);
    let query = MetricsQuery::from_json(
        r#"{"scope": "350205-001-01", "from": "2025-09-01", "to": "2025-10-31"}"#,
    )
    .unwrap();
    let outcome = engine.metrics_jsonl(&query, text.as_bytes(), Lang::ZhCn);
    let value = serde_json::to_value(&outcome).unwrap();
    assert_eq!(value["outcome"], "report");
    assert_eq!(value["report"]["cases"]["received"], 1);
    assert_eq!(value["report"]["reviews"]["bad"], 1);
    assert_eq!(value["problems"][0]["line"], 7);
    let refused = engine.metrics_json("{", b"", Lang::En);
    assert!(matches!(refused, MetricsOutcome::Refused { .. }));
}

/// A random case life: submitted on day `start` of 2025-09 onwards, then one of five
/// endings, with an optional pause and extension.
fn arb_life() -> impl Strategy<Value = (u8, u64, u8, bool, bool, u64)> {
    (
        0u8..3,
        0u64..60,
        0u8..5,
        any::<bool>(),
        any::<bool>(),
        0u64..15,
    )
}

fn build(
    index: usize,
    (org, start, ending, pause, extend, length): (u8, u64, u8, bool, bool, u64),
) -> Vec<Event> {
    let org = [S1, S2, STREET][usize::from(org)];
    let day0 = d(2025, 9, 1).checked_add_days(Days::new(start)).unwrap();
    let later = |n: u64| day0.checked_add_days(Days::new(n)).unwrap();
    let mut steps = vec![("submitted", day0)];
    if ending == 0 {
        steps.push(("not_accepted", day0));
    } else {
        steps.push(("accepted", day0));
        if pause {
            steps.push(("supplement_requested", later(1)));
            steps.push(("supplemented", later(2)));
        }
        if extend {
            steps.push(("extended", later(2)));
        }
        match ending {
            1 => steps.push(("withdrawn", later(3))),
            2 => {}
            _ => {
                steps.push(("approved", later(2 + length)));
                steps.push(("concluded", later(2 + length)));
            }
        }
    }
    life(&format!("P{index}"), org, "HUKOU-BIRTH", 3, &steps)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// However the cases' events interleave, the report is the same; folding event by
    /// event equals reading the JSON Lines at once; and the counts equal a recomputation
    /// from the replayed cases.
    #[test]
    fn the_fold_is_order_independent_and_incremental(
        lives in prop::collection::vec(arb_life(), 1..25),
        picks in prop::collection::vec(any::<usize>(), 0..400),
    ) {
        let engine = engine();
        let per_case: Vec<Vec<Event>> = lives.iter().enumerate().map(|(i, l)| build(i, *l)).collect();
        let sequential: Vec<StreamEvent> = per_case.iter().flatten().cloned().map(Into::into).collect();
        // Interleave: take the next event of a case chosen by `picks`.
        let mut queues: Vec<std::collections::VecDeque<Event>> =
            per_case.iter().map(|v| v.iter().cloned().collect()).collect();
        let mut shuffled: Vec<StreamEvent> = Vec::new();
        let mut pick = picks.iter().copied();
        loop {
            let open: Vec<usize> = (0..queues.len()).filter(|&i| !queues[i].is_empty()).collect();
            if open.is_empty() {
                break;
            }
            let i = open[pick.next().unwrap_or(0) % open.len()];
            shuffled.push(queues[i].pop_front().unwrap().into());
        }
        let all = period(d(2025, 9, 1), d(2025, 12, 31));
        for scope in [S1, STREET] {
            let a = fold(&sequential).report(&engine, scope, all).unwrap();
            let b = fold(&shuffled).report(&engine, scope, all).unwrap();
            prop_assert_eq!(&a, &b);
            let mut text = String::new();
            for e in &shuffled {
                text.push_str(&serde_json::to_string(e).unwrap());
                text.push('\n');
            }
            let query = MetricsQuery { scope: scope.into(), from: all.from, to: all.to };
            let batch = engine.metrics_jsonl(&query, text.as_bytes(), Lang::ZhCn);
            prop_assert_eq!(
                serde_json::to_value(&batch).unwrap()["report"].clone(),
                serde_json::to_value(&a).unwrap()
            );
        }
        // Recomputed from the replayed cases (the district sees them all).
        let events: Vec<Event> = per_case.iter().flatten().cloned().collect();
        let replayed = case::replay(&events);
        prop_assert!(replayed.rejected.is_empty());
        let report = fold(&shuffled).report(&engine, "350205", all).unwrap();
        let count = |s: case::Status| {
            u64::try_from(replayed.cases.values().filter(|c| c.status == s).count()).unwrap()
        };
        prop_assert_eq!(report.cases.received, u64::try_from(replayed.cases.len()).unwrap());
        prop_assert_eq!(report.cases.concluded, count(case::Status::Concluded));
        prop_assert_eq!(report.cases.not_accepted, count(case::Status::NotAccepted));
        prop_assert_eq!(report.cases.withdrawn, count(case::Status::Withdrawn));
        let on_time = replayed
            .cases
            .values()
            .filter(|c| c.status == case::Status::Concluded)
            .filter(|c| {
                let concluded = events
                    .iter()
                    .rfind(|e| e.case == c.id)
                    .map(|e| doorstep::calendar::cst_date_from_unix_millis(e.at.timestamp_millis()).unwrap())
                    .unwrap();
                c.deadline().unwrap().due(engine.calendar(), concluded).unwrap() >= concluded
            })
            .count();
        prop_assert_eq!(report.cases.on_time, u64::try_from(on_time).unwrap());
        prop_assert_eq!(report.ignored_events, 0);
    }
}

/// Flattens a metrics outcome for the fixture's matching rule.
fn flatten(outcome: &Value) -> Value {
    let mut out = json!({"outcome": outcome["outcome"]});
    if let Some(error) = outcome.get("error") {
        out["errors"] = json!([error]);
        return out;
    }
    let report = &outcome["report"];
    out["scope"] = report["scope"].clone();
    out["ignoredEvents"] = report["ignoredEvents"].clone();
    out["problems"] = outcome["problems"].clone();
    for part in ["cases", "reviews", "complaints"] {
        for (k, v) in report[part].as_object().unwrap() {
            out[format!("{part}.{k}")] = v.clone();
        }
    }
    out
}

#[test]
fn metrics_fixtures() {
    use doorstep::conformance;
    let failures = conformance::run("metrics.json", |input| {
        let raw = &input.raw;
        let mut catalog = conformance::load(raw["catalog"].as_str().unwrap());
        if let Some(r) = raw.get("reviews") {
            catalog["reviews"] = r.clone();
        }
        let engine = engine_on(&catalog, d(2025, 1, 1));
        let mut text = String::new();
        for e in raw["events"].as_array().unwrap() {
            text.push_str(&e.to_string());
            text.push('\n');
        }
        for line in raw["lines"].as_array().into_iter().flatten() {
            text.push_str(line.as_str().unwrap());
            text.push('\n');
        }
        let query = json!({"scope": raw["scope"], "from": raw["from"], "to": raw["to"]});
        let outcome = engine.metrics_json(&query.to_string(), text.as_bytes(), Lang::ZhCn);
        flatten(&serde_json::to_value(&outcome).unwrap())
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A random review life: concluded on day `start` of 2025-09 onwards; `path` picks the
/// rating and what follows it (good, default, bad verified then rectified, appealed and
/// upheld, appealed and refused then rectified, verified and left); `real_name`; the
/// working delay of the rectification; the hour (UTC) of the rating and of the
/// rectification, so that some fall on the next day in China.
fn arb_review() -> impl Strategy<Value = (u8, u64, u8, bool, u64, u32, bool)> {
    (
        0u8..3,
        0u64..60,
        0u8..6,
        any::<bool>(),
        0u64..12,
        0u32..24,
        any::<bool>(),
    )
}

/// The events of review `R{index}` as `review::decide` makes them.
fn review_life(
    engine: &Engine,
    index: usize,
    (org, start, path, real_name, delay, hour, revisit): (u8, u64, u8, bool, u64, u32, bool),
) -> Vec<ReviewEvent> {
    let org = [S1, S2, STREET][usize::from(org)];
    let id = format!("R{index}");
    let day0 = d(2025, 9, 1).checked_add_days(Days::new(start)).unwrap();
    // Concluded at 09:00 CST (01:00 UTC); rated at `hour` UTC when it is still that day
    // in China (before 16:00 UTC), else at 15:59 UTC.
    let utc = |day: NaiveDate, h: u32, m: u32| {
        DateTime::parse_from_rfc3339(&format!("{day}T{h:02}:{m:02}:00+00:00")).unwrap()
    };
    let facts = CaseFacts {
        case: id.as_str().into(),
        matter: "HUKOU-BIRTH".into(),
        org: org.into(),
        channel: Channel::Window,
        applicant: "u-1".into(),
        concluded_at: Some(utc(day0, 1, 0)),
    };
    let rated_at = if (1..16).contains(&hour) {
        utc(day0, hour, 0)
    } else {
        utc(day0, 15, 59)
    };
    let chief = |when| ctx("chief", Role::StationChief, "350205", when);
    let later = |n: u64, h: u32| utc(day0.checked_add_days(Days::new(n)).unwrap(), h, 30);
    let rate = |rating| {
        (
            ReviewCommand::Rate {
                rating,
                channel: EvaluationChannel::OnSite,
                real_name,
                comment: None,
            },
            ctx("u-1", Role::Applicant, org, rated_at),
        )
    };
    let rectify = |n| {
        (
            ReviewCommand::Rectify {
                measures: "整改".into(),
            },
            chief(later(n, hour)),
        )
    };
    let verify = (
        ReviewCommand::Verify {
            finding: "属实".into(),
        },
        chief(rated_at),
    );
    let appeal = (
        ReviewCommand::Appeal {
            ground: AppealGround::Mistaken,
            evidence: vec!["截图".into()],
            reason: "误评".into(),
        },
        chief(rated_at),
    );
    let decide_appeal = |upheld| {
        (
            ReviewCommand::DecideAppeal {
                upheld,
                reason: "裁定".into(),
            },
            ctx("sup", Role::Supervisor, "350205", later(1, 2)),
        )
    };
    let bad = if real_name {
        Rating::VeryDissatisfied
    } else {
        Rating::Dissatisfied
    };
    let mut steps = match path {
        0 => vec![rate(Rating::BasicallySatisfied)],
        1 => vec![(
            ReviewCommand::ApplyDefault,
            ctx("sys", Role::System, "350205", later(1, hour)),
        )],
        2 => vec![rate(bad), verify, rectify(delay)],
        3 => vec![rate(bad), appeal, decide_appeal(true)],
        4 => vec![rate(bad), appeal, decide_appeal(false), rectify(delay + 1)],
        _ => vec![rate(bad), verify],
    };
    if real_name && revisit && matches!(path, 2 | 4) {
        steps.push((
            ReviewCommand::Revisit {
                satisfied: true,
                note: None,
            },
            chief(later(delay + 2, 3)),
        ));
    }
    decide_all(engine, &id, &facts, steps)
}

/// The events `steps` make of review `id`, each command decided against the review as the
/// events so far made it.
fn decide_all(
    engine: &Engine,
    id: &str,
    facts: &CaseFacts,
    steps: Vec<(ReviewCommand, doorstep::case::Context)>,
) -> Vec<ReviewEvent> {
    let mut current = None;
    let mut out = Vec::new();
    for (i, (command, ctx)) in steps.into_iter().enumerate() {
        let envelope = ReviewEnvelope {
            review: id.into(),
            expected_version: u64::try_from(i).unwrap(),
            client_id: format!("{id}-{i}"),
            command,
        };
        let events = review::decide(engine, current.as_ref(), Some(facts), &envelope, &ctx)
            .unwrap_or_else(|e| panic!("{id} step {i}: {e:?}"));
        for e in events {
            current = Some(review::evolve(current, &e).unwrap());
            out.push(e);
        }
    }
    out
}

/// A random complaint life: reported on day `start` of 2025-09 onwards about a station,
/// triaged, then answered `delay` days later (resolved or not), or never.
fn complaint_life(
    engine: &Engine,
    index: usize,
    (org, start, answered, delay, resolved, hour): (u8, u64, bool, u64, bool, u32),
) -> Vec<ComplaintEvent> {
    let org = [S1, S2, STREET][usize::from(org)];
    let id = format!("K{index}");
    let day0 = d(2025, 9, 1).checked_add_days(Days::new(start)).unwrap();
    let utc = |n: u64| {
        let day = day0.checked_add_days(Days::new(n)).unwrap();
        DateTime::parse_from_rfc3339(&format!("{day}T{hour:02}:10:00+00:00")).unwrap()
    };
    let mut steps = vec![
        (
            ComplaintCommand::Report {
                org: org.into(),
                matter: (index % 2 == 0).then(|| "HUKOU-BIRTH".into()),
                case: (index % 3 == 0).then(|| "HC-1".into()),
                summary: "办不成".into(),
            },
            ctx("u-1", Role::Applicant, org, utc(0)),
        ),
        (
            ComplaintCommand::Triage {
                category: ComplaintCategory::Process,
                handler: org.into(),
            },
            ctx("chief", Role::StationChief, "350205", utc(0)),
        ),
    ];
    if answered {
        steps.push((
            ComplaintCommand::Answer {
                answer: "已答复".into(),
                resolved,
            },
            ctx("chief", Role::StationChief, "350205", utc(delay)),
        ));
    }
    let mut current = None;
    let mut out = Vec::new();
    for (i, (command, ctx)) in steps.into_iter().enumerate() {
        let envelope = ComplaintEnvelope {
            complaint: id.clone(),
            expected_version: u64::try_from(i).unwrap(),
            client_id: format!("{id}-{i}"),
            command,
        };
        let events = complaint::decide(engine, current.as_ref(), &envelope, &ctx)
            .unwrap_or_else(|e| panic!("{id} step {i}: {e:?}"));
        for e in events {
            current = Some(complaint::evolve(current, &e).unwrap());
            out.push(e);
        }
    }
    out
}

/// Interleaves per-record queues of events, taking the next event of the record `picks`
/// chooses.
fn interleave(queues: Vec<Vec<StreamEvent>>, picks: &[usize]) -> Vec<StreamEvent> {
    let mut queues: Vec<std::collections::VecDeque<StreamEvent>> =
        queues.into_iter().map(Into::into).collect();
    let mut out = Vec::new();
    let mut pick = picks.iter().copied();
    loop {
        let open: Vec<usize> = (0..queues.len())
            .filter(|&i| !queues[i].is_empty())
            .collect();
        if open.is_empty() {
            return out;
        }
        let i = open[pick.next().unwrap_or(0) % open.len()];
        out.push(queues[i].pop_front().unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Reviews and complaints: however their events interleave and however the stream is
    /// cut into chunks folded one after another, the report is the one the JSON Lines give
    /// at once, and its counts are those recomputed from the replayed reviews and
    /// complaints, by the China date of each event, over a random period.
    #[test]
    fn reviews_and_complaints_fold_as_they_replay(
        reviews in prop::collection::vec(arb_review(), 0..16),
        complaints in prop::collection::vec(
            (0u8..3, 0u64..60, any::<bool>(), 0u64..15, any::<bool>(), 0u32..24), 0..10),
        picks in prop::collection::vec(any::<usize>(), 0..200),
        cuts in prop::collection::vec(0usize..200, 0..6),
        (from, length) in (0u64..80, 0u64..60),
    ) {
        let engine = engine();
        let review_events: Vec<Vec<ReviewEvent>> = reviews
            .iter()
            .enumerate()
            .map(|(i, r)| review_life(&engine, i, *r))
            .collect();
        let complaint_events: Vec<Vec<ComplaintEvent>> = complaints
            .iter()
            .enumerate()
            .map(|(i, c)| complaint_life(&engine, i, *c))
            .collect();
        let queues: Vec<Vec<StreamEvent>> = review_events
            .iter()
            .map(|v| v.iter().cloned().map(Into::into).collect())
            .chain(complaint_events.iter().map(|v| v.iter().cloned().map(Into::into).collect()))
            .collect();
        let sequential: Vec<StreamEvent> = queues.iter().flatten().cloned().collect();
        let shuffled = interleave(queues, &picks);
        let first = d(2025, 9, 1).checked_add_days(Days::new(from)).unwrap();
        let p = period(first, first.checked_add_days(Days::new(length)).unwrap());
        // Chunks: folds of consecutive pieces, carried over.
        let mut chunked = Metrics::new();
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (shuffled.len() + 1)).collect();
        bounds.sort_unstable();
        let mut start = 0;
        for end in bounds.into_iter().chain([shuffled.len()]) {
            for e in &shuffled[start..end.max(start)] {
                chunked.apply(e);
            }
            start = end.max(start);
        }
        let mut text = String::new();
        for e in &shuffled {
            text.push_str(&serde_json::to_string(e).unwrap());
            text.push('\n');
        }
        for scope in [S1, STREET, "350205"] {
            let a = fold(&sequential).report(&engine, scope, p).unwrap();
            prop_assert_eq!(&a, &fold(&shuffled).report(&engine, scope, p).unwrap());
            prop_assert_eq!(&a, &chunked.report(&engine, scope, p).unwrap());
            let query = MetricsQuery { scope: scope.into(), from: p.from, to: p.to };
            let batch = engine.metrics_jsonl(&query, text.as_bytes(), Lang::ZhCn);
            prop_assert_eq!(
                serde_json::to_value(&batch).unwrap()["report"].clone(),
                serde_json::to_value(&a).unwrap()
            );
        }
        // Recomputed from the replayed reviews and complaints (the district sees them all).
        let report = fold(&shuffled).report(&engine, "350205", p).unwrap();
        prop_assert_eq!(report.ignored_events, 0);
        let all: Vec<ReviewEvent> = review_events.into_iter().flatten().collect();
        let replayed = review::replay(&all);
        prop_assert!(replayed.rejected.is_empty());
        let count = |f: &dyn Fn(&Review) -> bool| {
            u64::try_from(replayed.reviews.values().filter(|r| f(r)).count()).unwrap()
        };
        let in_p = |r: &Review| p.contains(cst_date(r.rated_at));
        let void = |r: &Review| r.status == ReviewStatus::Void;
        let due = |r: &Review| r.rectify_by.is_some_and(|d| p.contains(d)) && !void(r);
        let rv = &report.reviews;
        prop_assert_eq!(rv.rated, count(&|r| in_p(r) && !void(r)));
        prop_assert_eq!(rv.satisfied, count(&|r| in_p(r) && !void(r) && !r.rating.is_bad()));
        prop_assert_eq!(
            rv.defaulted,
            count(&|r| in_p(r) && r.channel == EvaluationChannel::Default)
        );
        prop_assert_eq!(rv.bad, count(&|r| in_p(r) && r.rating.is_bad()));
        prop_assert_eq!(rv.void, count(&|r| in_p(r) && void(r)));
        prop_assert_eq!(rv.revisited, count(&|r| in_p(r) && r.revisit_satisfied.is_some()));
        prop_assert_eq!(rv.rectification_due, count(&due));
        prop_assert_eq!(
            rv.rectified_on_time,
            count(&|r| due(r) && r.rectified_on_time() == Some(true))
        );
        prop_assert_eq!(
            rv.rectified_late,
            count(&|r| due(r) && r.rectified_on_time() == Some(false))
        );
        prop_assert_eq!(rv.unrectified, count(&|r| due(r) && r.rectified_on.is_none()));
        let all: Vec<ComplaintEvent> = complaint_events.into_iter().flatten().collect();
        let (complaints, rejected) = complaint::replay(&all);
        prop_assert!(rejected.is_empty());
        let count = |f: &dyn Fn(&Complaint) -> bool| {
            u64::try_from(complaints.values().filter(|c| f(c)).count()).unwrap()
        };
        let answered = |c: &Complaint| c.answered_on.is_some_and(|d| p.contains(d));
        let due = |c: &Complaint| p.contains(c.answer_by);
        let rc = &report.complaints;
        prop_assert_eq!(rc.received, count(&|c| p.contains(c.received_on)));
        prop_assert_eq!(rc.answered, count(&answered));
        prop_assert_eq!(rc.resolved, count(&|c| answered(c) && c.resolved == Some(true)));
        prop_assert_eq!(rc.answers_due, count(&due));
        prop_assert_eq!(
            rc.answered_on_time,
            count(&|c| due(c) && c.answered_on.is_some_and(|d| d <= c.answer_by))
        );
        prop_assert_eq!(rc.unanswered, count(&|c| due(c) && c.answered_on.is_none()));
    }
}
