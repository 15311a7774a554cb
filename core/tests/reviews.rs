//! 好差评 and 办不成事: ratings on the day of conclusion, defaults, the bad-review case
//! (verify, rectify by a working-day deadline, revisit; or appeal, decided by a
//! supervisor), complaints triaged and answered, and the shared fixture.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use doorstep::authority::Role;
use doorstep::case::Context;
use doorstep::catalog::Channel;
use doorstep::complaint::{
    self, Complaint, ComplaintCategory, ComplaintCommand, ComplaintEnvelope, ComplaintError,
    ComplaintStatus,
};
use doorstep::engine::Engine;
use doorstep::review::{
    self, AppealGround, CaseFacts, EvaluationChannel, Rating, Review, ReviewCommand,
    ReviewEnvelope, ReviewError, ReviewStatus,
};
use doorstep::{Coded, Lang};
use proptest::prelude::*;
use serde_json::{Value, json};

mod common;

use common::{at, ctx, date, engine_on, evolve_all, fixture_catalog, outcome};

const STATION: &str = "350205-001-01";
const OTHER_STATION: &str = "350205-001-02";
const STREET: &str = "350205-001";
const DISTRICT: &str = "350205";

fn catalog_json(reviews: Option<&Value>) -> Value {
    let mut catalog = fixture_catalog();
    if let Some(r) = reviews {
        catalog["reviews"] = r.clone();
    }
    catalog
}

fn engine_with(reviews: Option<&Value>) -> Engine {
    engine_on(&catalog_json(reviews), date(2025, 9, 1))
}

fn engine() -> Engine {
    engine_with(None)
}

/// HC-1, submitted at the station by u-lin, concluded on 2025-09-30 at 10:00.
fn facts() -> CaseFacts {
    CaseFacts {
        case: "HC-1".into(),
        matter: "MED-INSURE".into(),
        org: STATION.into(),
        channel: Channel::Window,
        applicant: "u-lin".into(),
        concluded_at: Some(at("2025-09-30T10:00:00+08:00")),
    }
}

fn try_run(
    engine: &Engine,
    review: Option<&Review>,
    client: &str,
    command: ReviewCommand,
    ctx: &Context,
) -> Result<Review, ReviewError> {
    let envelope = ReviewEnvelope {
        review: "HC-1".into(),
        expected_version: review.map_or(0, |r| r.version),
        client_id: client.into(),
        command,
    };
    let events = review::decide(engine, review, Some(&facts()), &envelope, ctx)?;
    Ok(evolve_all(review.cloned(), &events, review::evolve))
}

fn run(
    engine: &Engine,
    review: Option<&Review>,
    client: &str,
    command: ReviewCommand,
    ctx: &Context,
) -> Review {
    try_run(engine, review, client, command, ctx).unwrap_or_else(|e| panic!("{client}: {e:?}"))
}

fn rate(rating: Rating, real_name: bool) -> ReviewCommand {
    ReviewCommand::Rate {
        rating,
        channel: EvaluationChannel::OnSite,
        real_name,
        comment: None,
    }
}

fn applicant(when: &str) -> Context {
    ctx("u-lin", Role::Applicant, STATION, when)
}

fn chief(when: &str) -> Context {
    ctx("chief-01", Role::StationChief, STATION, when)
}

fn supervisor(when: &str) -> Context {
    ctx("sup-01", Role::Supervisor, DISTRICT, when)
}

fn bad(engine: &Engine, real_name: bool) -> Review {
    run(
        engine,
        None,
        "r1",
        rate(Rating::Dissatisfied, real_name),
        &applicant("2025-09-30T17:00:00+08:00"),
    )
}

/// `r` verified by the station chief the evening of the rating, with `finding`.
fn verified(engine: &Engine, r: &Review, finding: &str) -> Review {
    run(
        engine,
        Some(r),
        "r2",
        ReviewCommand::Verify {
            finding: finding.into(),
        },
        &chief("2025-09-30T18:00:00+08:00"),
    )
}

#[test]
fn rated_on_the_day_of_conclusion_and_not_after() {
    let engine = engine();
    let good = run(
        &engine,
        None,
        "r1",
        rate(Rating::VerySatisfied, true),
        &applicant("2025-09-30T23:59:00+08:00"),
    );
    assert_eq!(good.status, ReviewStatus::Rated);
    assert_eq!(good.rating, Rating::VerySatisfied);
    // 当日件、当日评: the next day is too late, before conclusion too early, and only the
    // applicant rates.
    for (who, refused) in [
        (
            applicant("2025-10-01T00:01:00+08:00"),
            "review.rating_closed",
        ),
        (
            applicant("2025-09-30T09:00:00+08:00"),
            "review.not_concluded",
        ),
        (
            ctx(
                "u-wang",
                Role::Applicant,
                STATION,
                "2025-09-30T12:00:00+08:00",
            ),
            "review.not_applicant",
        ),
        (
            ctx("grid-07", Role::Proxy, STATION, "2025-09-30T12:00:00+08:00"),
            "review.role_not_permitted",
        ),
    ] {
        let err = try_run(&engine, None, "r1", rate(Rating::Satisfied, true), &who).unwrap_err();
        assert_eq!(err.code(), refused);
    }
    // 一事一评: once.
    let again = try_run(
        &engine,
        Some(&good),
        "r2",
        rate(Rating::Satisfied, true),
        &applicant("2025-09-30T23:59:30+08:00"),
    );
    assert_eq!(again.unwrap_err(), ReviewError::Exists);
}

#[test]
fn the_invitation_names_the_last_day_and_the_default() {
    let engine = engine_with(Some(&json!({"ratingWindowDays": 1})));
    let value = serde_json::to_value(engine.review_invitation(&facts(), Lang::ZhCn)).unwrap();
    assert_eq!(value["outcome"], "invited");
    assert_eq!(value["invitation"]["lastDay"], "2025-10-01");
    assert_eq!(value["invitation"]["defaultRating"], "satisfied");
    assert_eq!(
        value["invitation"]["channels"],
        json!(["on_site", "online"])
    );
    let open = CaseFacts {
        concluded_at: None,
        ..facts()
    };
    let value = serde_json::to_value(engine.review_invitation(&open, Lang::En)).unwrap();
    assert_eq!(value["error"]["code"], "review.not_concluded");
}

#[test]
fn the_default_rating_comes_once_the_window_has_passed() {
    let engine = engine();
    let system = |when| ctx("sys", Role::System, DISTRICT, when);
    let early = try_run(
        &engine,
        None,
        "d1",
        ReviewCommand::ApplyDefault,
        &system("2025-09-30T23:00:00+08:00"),
    );
    assert_eq!(early.unwrap_err(), ReviewError::TooEarly);
    let r = run(
        &engine,
        None,
        "d1",
        ReviewCommand::ApplyDefault,
        &system("2025-10-01T00:00:00+08:00"),
    );
    assert_eq!(r.rating, Rating::Satisfied);
    assert_eq!(r.channel, EvaluationChannel::Default);
    assert_eq!(r.status, ReviewStatus::Rated);
    // A longer window and no default, from the catalogue.
    let engine = engine_with(Some(&json!({"ratingWindowDays": 2, "defaultRating": null})));
    let later = run(
        &engine,
        None,
        "r1",
        rate(Rating::Satisfied, true),
        &applicant("2025-10-02T08:00:00+08:00"),
    );
    assert_eq!(later.status, ReviewStatus::Rated);
    let none = try_run(
        &engine,
        None,
        "d1",
        ReviewCommand::ApplyDefault,
        &system("2025-10-03T00:00:00+08:00"),
    );
    assert_eq!(none.unwrap_err(), ReviewError::NoDefault);
}

#[test]
fn a_bad_review_is_verified_rectified_by_the_deadline_and_revisited() {
    let engine = engine();
    let r = bad(&engine, true);
    assert_eq!(r.status, ReviewStatus::Verifying);
    let r = verified(&engine, &r, "窗口人员解释不清");
    assert_eq!(r.status, ReviewStatus::Rectifying);
    // 5 working days from 2025-09-30 across National Day and the make-up Saturday.
    assert_eq!(r.rectify_by, NaiveDate::from_ymd_opt(2025, 10, 14));
    let front = ctx(
        "fd-01",
        Role::FrontDesk,
        STATION,
        "2025-10-15T09:00:00+08:00",
    );
    let r = run(
        &engine,
        Some(&r),
        "r3",
        ReviewCommand::Rectify {
            measures: "重新培训并当面解释".into(),
        },
        &front,
    );
    assert_eq!(r.status, ReviewStatus::Revisiting);
    assert_eq!(r.rectified_on_time(), Some(false));
    let r = run(
        &engine,
        Some(&r),
        "r4",
        ReviewCommand::Revisit {
            satisfied: true,
            note: None,
        },
        &chief("2025-10-16T09:00:00+08:00"),
    );
    assert_eq!(r.status, ReviewStatus::Closed);
    assert_eq!(r.revisit_satisfied, Some(true));
}

#[test]
fn an_anonymous_bad_review_closes_at_rectification() {
    let engine = engine();
    let r = bad(&engine, false);
    let r = verified(&engine, &r, "属实");
    let r = run(
        &engine,
        Some(&r),
        "r3",
        ReviewCommand::Rectify {
            measures: "已整改".into(),
        },
        &chief("2025-10-09T09:00:00+08:00"),
    );
    assert_eq!(r.status, ReviewStatus::Closed);
    assert_eq!(r.rectified_on_time(), Some(true));
}

#[test]
fn only_a_supervisor_decides_an_appeal_with_evidence() {
    let engine = engine();
    let r = bad(&engine, true);
    let appeal = |evidence: Vec<doorstep::review::Note>| ReviewCommand::Appeal {
        ground: AppealGround::Malicious,
        evidence,
        reason: "评价内容与办件无关".into(),
    };
    let none = try_run(
        &engine,
        Some(&r),
        "r2",
        appeal(vec![]),
        &chief("2025-10-09T09:00:00+08:00"),
    );
    assert_eq!(none.unwrap_err(), ReviewError::Evidence);
    let r = run(
        &engine,
        Some(&r),
        "r2",
        appeal(vec!["录音 2025-09-30-17.mp3".into()]),
        &chief("2025-10-09T09:00:00+08:00"),
    );
    assert_eq!(r.status, ReviewStatus::Appealed);
    let by_chief = try_run(
        &engine,
        Some(&r),
        "r3",
        ReviewCommand::DecideAppeal {
            upheld: true,
            reason: "证据充分".into(),
        },
        &chief("2025-10-10T09:00:00+08:00"),
    );
    assert_eq!(by_chief.unwrap_err().code(), "review.role_not_permitted");
    let upheld = run(
        &engine,
        Some(&r),
        "r3",
        ReviewCommand::DecideAppeal {
            upheld: true,
            reason: "证据充分".into(),
        },
        &supervisor("2025-10-10T09:00:00+08:00"),
    );
    assert_eq!(upheld.status, ReviewStatus::Void);
    // Refused: rectify, due 5 working days after the decision.
    let refused = run(
        &engine,
        Some(&r),
        "r3",
        ReviewCommand::DecideAppeal {
            upheld: false,
            reason: "证据不足".into(),
        },
        &supervisor("2025-10-10T09:00:00+08:00"),
    );
    assert_eq!(refused.status, ReviewStatus::Rectifying);
    assert_eq!(refused.rectify_by, NaiveDate::from_ymd_opt(2025, 10, 16));
}

#[test]
fn only_the_station_or_those_above_it_handle_its_reviews() {
    let engine = engine();
    let r = bad(&engine, true);
    let verify = ReviewCommand::Verify {
        finding: "属实".into(),
    };
    let other = try_run(
        &engine,
        Some(&r),
        "r2",
        verify.clone(),
        &ctx(
            "chief-02",
            Role::StationChief,
            OTHER_STATION,
            "2025-10-09T09:00:00+08:00",
        ),
    );
    assert_eq!(other.unwrap_err(), ReviewError::WrongOrg);
    let street = run(
        &engine,
        Some(&r),
        "r2",
        verify,
        &ctx(
            "chief-st",
            Role::StationChief,
            STREET,
            "2025-10-09T09:00:00+08:00",
        ),
    );
    assert_eq!(street.status, ReviewStatus::Rectifying);
}

#[test]
fn retries_conflicts_and_replays() {
    let engine = engine();
    let r = bad(&engine, true);
    // The same client id again: no events.
    let envelope = ReviewEnvelope {
        review: "HC-1".into(),
        expected_version: 0,
        client_id: "r1".into(),
        command: rate(Rating::Dissatisfied, true),
    };
    let ctx1 = applicant("2025-09-30T17:00:00+08:00");
    assert_eq!(
        review::decide(&engine, Some(&r), Some(&facts()), &envelope, &ctx1).unwrap(),
        vec![]
    );
    let stale = ReviewEnvelope {
        review: "HC-1".into(),
        expected_version: 0,
        client_id: "r9".into(),
        command: ReviewCommand::Verify {
            finding: "属实".into(),
        },
    };
    let err = review::decide(
        &engine,
        Some(&r),
        None,
        &stale,
        &chief("2025-10-09T09:00:00+08:00"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "review.conflict");
    assert!(!err.to_problem(Lang::En).message.is_empty());
    // Facts of another case.
    let mismatch = ReviewEnvelope {
        review: "HC-2".into(),
        expected_version: 0,
        client_id: "x".into(),
        command: rate(Rating::Satisfied, true),
    };
    assert_eq!(
        review::decide(&engine, None, Some(&facts()), &mismatch, &ctx1).unwrap_err(),
        ReviewError::CaseMismatch
    );
    // Replay rebuilds; an event out of sequence or applied twice is refused.
    let events = review::decide(
        &engine,
        None,
        Some(&facts()),
        &ReviewEnvelope {
            review: "HC-1".into(),
            expected_version: 0,
            client_id: "r1".into(),
            command: rate(Rating::Dissatisfied, true),
        },
        &ctx1,
    )
    .unwrap();
    let replayed = review::replay(&events);
    assert_eq!(replayed.reviews.get("HC-1"), Some(&r));
    let again = review::replay(events.iter().chain(&events));
    assert_eq!(again.rejected.len(), 1);
    assert_eq!(again.rejected[0].1.code(), "review.event_version");
    let mut renumbered = events[0].clone();
    renumbered.version = 2;
    assert_eq!(
        review::evolve(Some(r), &renumbered).unwrap_err(),
        ReviewError::DuplicateEvent
    );
}

#[test]
fn facts_come_from_the_case_events() {
    let line = |v: Value| serde_json::from_value::<doorstep::case::Event>(v).unwrap();
    let actor = json!({"id": "u-lin", "role": "applicant", "org": STATION});
    let events = [
        line(
            json!({"schema": 1, "case": "HC-1", "version": 1, "clientId": "c1", "actor": actor,
            "channel": "online", "at": "2025-09-30T09:00:00+08:00",
            "kind": {"type": "submitted", "matter": "MED-INSURE", "matterVersion": 1,
                "limitWorkingDays": 0, "applicant": "u-lin", "answer": {}}}),
        ),
        line(
            json!({"schema": 1, "case": "HC-1", "version": 2, "clientId": "c2", "actor": actor,
            "channel": "online", "at": "2025-09-30T10:00:00+08:00", "kind": {"type": "concluded"}}),
        ),
    ];
    let f = CaseFacts::from_events(&events).unwrap();
    assert_eq!(f.channel, Channel::Online);
    assert_eq!(f.concluded_at, Some(at("2025-09-30T10:00:00+08:00")));
    assert_eq!(&*f.org, STATION);
}

#[test]
fn debug_masks_comments_and_config_is_checked() {
    let engine = engine();
    let r = run(
        &engine,
        None,
        "r1",
        ReviewCommand::Rate {
            rating: Rating::VeryDissatisfied,
            channel: EvaluationChannel::Online,
            real_name: true,
            comment: Some("打 13812345678 没人接".into()),
        },
        &applicant("2025-09-30T17:00:00+08:00"),
    );
    let text = format!("{r:?}");
    assert!(!text.contains("13812345678"), "{text}");
    // A default rating may not be a bad review; limits are bounded.
    for bad in [
        json!({"defaultRating": "dissatisfied"}),
        json!({"rectifyWorkingDays": 0}),
        json!({"rectifyDays": 3}),
    ] {
        let problems = doorstep::catalog::lint_json(
            &catalog_json(Some(&bad)).to_string(),
            NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
            Lang::ZhCn,
        );
        assert!(!problems.is_empty(), "{bad}");
    }
    let two = engine_with(Some(&json!({"rectifyWorkingDays": 2})));
    let r = bad(&two, true);
    let r = verified(&two, &r, "属实");
    assert_eq!(r.rectify_by, NaiveDate::from_ymd_opt(2025, 10, 10));
}

fn complaint_run(
    engine: &Engine,
    c: Option<&Complaint>,
    client: &str,
    command: ComplaintCommand,
    ctx: &Context,
) -> Result<Complaint, ComplaintError> {
    let envelope = ComplaintEnvelope {
        complaint: "K-1".into(),
        expected_version: c.map_or(0, |c| c.version),
        client_id: client.into(),
        command,
    };
    let events = complaint::decide(engine, c, &envelope, ctx)?;
    Ok(evolve_all(c.cloned(), &events, complaint::evolve))
}

#[test]
fn a_complaint_is_triaged_and_answered_by_its_deadline() {
    let engine = engine();
    let report = ComplaintCommand::Report {
        org: STATION.into(),
        matter: Some("HUKOU-BIRTH".into()),
        case: None,
        summary: "出生落户需回户籍地办理，社区办不了".into(),
    };
    let c = complaint_run(
        &engine,
        None,
        "k1",
        report.clone(),
        &applicant("2025-09-30T11:00:00+08:00"),
    )
    .unwrap();
    assert_eq!(c.status, ComplaintStatus::Received);
    assert_eq!(c.answer_by, NaiveDate::from_ymd_opt(2025, 10, 14).unwrap());
    assert_eq!(c.reporter.as_deref(), Some("u-lin"));
    let answer = ComplaintCommand::Answer {
        answer: "已协调公安分局窗口前移".into(),
        resolved: true,
    };
    let early = complaint_run(
        &engine,
        Some(&c),
        "k2",
        answer.clone(),
        &chief("2025-10-09T09:00:00+08:00"),
    );
    assert_eq!(early.unwrap_err().code(), "complaint.wrong_status");
    let triage = ComplaintCommand::Triage {
        category: ComplaintCategory::Authority,
        handler: "350205-GA".into(),
    };
    let front = complaint_run(
        &engine,
        Some(&c),
        "k2",
        triage.clone(),
        &ctx(
            "fd-01",
            Role::FrontDesk,
            STATION,
            "2025-10-09T09:00:00+08:00",
        ),
    );
    assert_eq!(front.unwrap_err().code(), "complaint.role_not_permitted");
    let c = complaint_run(
        &engine,
        Some(&c),
        "k2",
        triage,
        &chief("2025-10-09T09:00:00+08:00"),
    )
    .unwrap();
    // The department it was referred to answers.
    let c = complaint_run(
        &engine,
        Some(&c),
        "k3",
        answer,
        &ctx(
            "ga-01",
            Role::BackOffice,
            "350205-GA",
            "2025-10-13T09:00:00+08:00",
        ),
    )
    .unwrap();
    assert_eq!(c.status, ComplaintStatus::Answered);
    assert_eq!(c.resolved, Some(true));
}

/// Late in December, before the next year's holiday arrangement is in the catalogue: the
/// answer deadline cannot be counted, and the refusal says which year to add and where,
/// with the calendar's own params (the first day it lacks, the years it has).
#[test]
fn a_deadline_past_the_calendar_names_the_year_to_add() {
    let report = ComplaintCommand::Report {
        org: STATION.into(),
        matter: None,
        case: None,
        summary: "年底办不成".into(),
    };
    let e = complaint_run(
        &engine(),
        None,
        "k1",
        report,
        &applicant("2026-12-28T11:00:00+08:00"),
    )
    .unwrap_err();
    assert_eq!(e.code(), "complaint.calendar");
    assert_eq!(
        Value::Object(e.params()),
        json!({"date": "2027-01-01", "knownYears": [2024, 2025, 2026]})
    );
    assert_eq!(
        e.message(Lang::ZhCn),
        "答复期限无法计算：工作日历没有 2027 年的节假日安排（现有：2024、2025、2026），请在目录的 calendar 中加入该年安排"
    );
    assert_eq!(
        e.message(Lang::En),
        "The answer deadline cannot be worked out: the working calendar has no holiday arrangement for 2027 (it has: 2024, 2025, 2026); add that year to the catalogue's calendar"
    );
}

#[test]
fn a_complaint_names_a_known_organisation_and_masks_numbers() {
    let engine = engine();
    let unknown = complaint_run(
        &engine,
        None,
        "k1",
        ComplaintCommand::Report {
            org: "nowhere".into(),
            matter: None,
            case: None,
            summary: "x".into(),
        },
        &applicant("2025-09-30T11:00:00+08:00"),
    );
    assert_eq!(unknown.unwrap_err(), ComplaintError::UnknownOrg);
    let text = format!(
        "{:?}",
        complaint_run(
            &engine,
            None,
            "k1",
            ComplaintCommand::Report {
                org: STATION.into(),
                matter: None,
                case: Some("HC-1".into()),
                summary: "身份证 350205199003071239 办不了".into(),
            },
            &applicant("2025-09-30T11:00:00+08:00"),
        )
        .unwrap()
    );
    assert!(!text.contains("350205199003071239"), "{text}");
}

#[test]
fn commands_and_events_use_the_type_tag() {
    let command: ReviewCommand =
        serde_json::from_value(json!({"type": "rate", "rating": "satisfied", "channel": "online"}))
            .unwrap();
    assert_eq!(
        command,
        ReviewCommand::Rate {
            rating: Rating::Satisfied,
            channel: EvaluationChannel::Online,
            real_name: true,
            comment: None
        }
    );
    assert_eq!(
        serde_json::to_value(ReviewCommand::ApplyDefault).unwrap(),
        json!({"type": "apply_default"})
    );
    assert!(
        serde_json::from_value::<ReviewCommand>(json!({"type": "apply_default", "x": 1})).is_err()
    );
    let c: ComplaintCommand =
        serde_json::from_value(json!({"type": "triage", "category": "process", "handler": STREET}))
            .unwrap();
    assert_eq!(c.name(), "triage");
}

/// The review fixture: `{catalog, reviews?, facts, steps: [{command, context}]}` →
/// outcomes, status, version, rectifyBy, replayed.
#[test]
fn reviews_fixtures() {
    use doorstep::conformance;
    let failures = conformance::run("reviews.json", |input| {
        let raw = &input.raw;
        let mut catalog = conformance::catalog_of(raw);
        if let Some(r) = raw.get("reviews") {
            catalog["reviews"] = r.clone();
        }
        let engine = engine_on(&catalog, date(2025, 1, 1));
        if input.kind.as_deref() == Some("complaint") {
            return complaint_fixture(&engine, raw);
        }
        let facts: Option<CaseFacts> = raw
            .get("facts")
            .map(|f| serde_json::from_value(f.clone()).unwrap());
        let mut review: Option<Review> = None;
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let request = json!({"review": review, "facts": facts, "command": step["command"],
                "context": step["context"]});
            let request = review::ReviewDecideRequest::from_json(&request.to_string())
                .unwrap_or_else(|e| panic!("{}: {e}", input.name));
            let decision = match engine.decide_review(&request, Lang::ZhCn) {
                review::ReviewDecision::Accepted { events } => Ok(events),
                review::ReviewDecision::Refused { error } => {
                    assert!(!error.message.is_empty());
                    Err(error.code)
                }
            };
            outcomes.push(outcome(&mut review, &mut events, decision, review::evolve));
        }
        json!({
            "outcomes": outcomes,
            "status": review.as_ref().map(|r| r.status),
            "version": review.as_ref().map(|r| r.version),
            "rating": review.as_ref().map(|r| r.rating),
            "rectifyBy": review.as_ref().and_then(|r| r.rectify_by),
            "onTime": review.as_ref().and_then(Review::rectified_on_time),
            "replayed": review::replay(&events).reviews.get("HC-1") == review.as_ref(),
        })
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A complaint case of the review fixture: steps as complaint decide requests.
fn complaint_fixture(engine: &Engine, raw: &Value) -> Value {
    let mut complaint: Option<Complaint> = None;
    let mut events = Vec::new();
    let mut outcomes = Vec::new();
    for step in raw["steps"].as_array().unwrap() {
        let request = json!({"complaint": complaint, "command": step["command"],
            "context": step["context"]});
        let request = complaint::ComplaintDecideRequest::from_json(&request.to_string()).unwrap();
        let decision = match engine.decide_complaint(&request, Lang::En) {
            complaint::ComplaintDecision::Accepted { events } => Ok(events),
            complaint::ComplaintDecision::Refused { error } => {
                assert!(!error.message.is_empty());
                Err(error.code)
            }
        };
        outcomes.push(outcome(
            &mut complaint,
            &mut events,
            decision,
            complaint::evolve,
        ));
    }
    let (replayed, rejected) = complaint::replay(&events);
    assert!(rejected.is_empty());
    json!({
        "outcomes": outcomes,
        "status": complaint.as_ref().map(|c| c.status),
        "version": complaint.as_ref().map(|c| c.version),
        "answerBy": complaint.as_ref().map(|c| c.answer_by),
        "answeredOnTime": complaint.as_ref().and_then(|c| c.answered_on.map(|d| d <= c.answer_by)),
        "replayed": replayed.get("K-1") == complaint.as_ref(),
    })
}

/// Commands any actor might send a bad review, with their contexts.
fn pool() -> Vec<(ReviewCommand, Context)> {
    let when = "2025-10-09T09:00:00+08:00";
    vec![
        (
            rate(Rating::Dissatisfied, true),
            applicant("2025-09-30T17:00:00+08:00"),
        ),
        (
            rate(Rating::Satisfied, false),
            applicant("2025-09-30T17:00:00+08:00"),
        ),
        (
            ReviewCommand::ApplyDefault,
            ctx("sys", Role::System, DISTRICT, "2025-10-01T00:00:00+08:00"),
        ),
        (
            ReviewCommand::Verify {
                finding: "属实".into(),
            },
            chief(when),
        ),
        (
            ReviewCommand::Verify {
                finding: "属实".into(),
            },
            ctx("fd-01", Role::FrontDesk, STATION, when),
        ),
        (
            ReviewCommand::Appeal {
                ground: AppealGround::Mistaken,
                evidence: vec!["截图".into()],
                reason: "误评".into(),
            },
            chief(when),
        ),
        (
            ReviewCommand::DecideAppeal {
                upheld: true,
                reason: "成立".into(),
            },
            supervisor(when),
        ),
        (
            ReviewCommand::DecideAppeal {
                upheld: false,
                reason: "不成立".into(),
            },
            supervisor(when),
        ),
        (
            ReviewCommand::Rectify {
                measures: "整改".into(),
            },
            chief("2025-10-20T09:00:00+08:00"),
        ),
        (
            ReviewCommand::Revisit {
                satisfied: false,
                note: None,
            },
            chief(when),
        ),
        (
            ReviewCommand::Revisit {
                satisfied: true,
                note: None,
            },
            ctx("chief-02", Role::StationChief, OTHER_STATION, when),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is sent in whatever order: a refused command changes nothing, accepted
    /// events always apply, and replaying them rebuilds the review.
    #[test]
    fn random_command_sequences(picks in prop::collection::vec((0usize..11, any::<bool>()), 1..24)) {
        let engine = engine();
        let pool = pool();
        let mut review: Option<Review> = None;
        let mut events = Vec::new();
        for (i, (pick, stale)) in picks.into_iter().enumerate() {
            let (command, ctx) = pool[pick].clone();
            let version = review.as_ref().map_or(0, |r| r.version);
            let envelope = ReviewEnvelope {
                review: "HC-1".into(),
                expected_version: if stale { version.saturating_sub(1) } else { version },
                client_id: format!("c{i}"),
                command,
            };
            let before = review.clone();
            match review::decide(&engine, review.as_ref(), Some(&facts()), &envelope, &ctx) {
                Ok(new) => {
                    for e in &new {
                        review = Some(review::evolve(review, e).unwrap());
                    }
                    events.extend(new);
                }
                Err(e) => {
                    prop_assert!(!e.message(Lang::ZhCn).is_empty());
                    prop_assert_eq!(&review, &before);
                }
            }
        }
        let replayed = review::replay(&events);
        prop_assert_eq!(replayed.reviews.get("HC-1"), review.as_ref());
    }
}

/// The invitation of a case handled online offers only the online rating (一事一评): there
/// was no visit to rate on site, and `decide` agrees with it.
#[test]
fn a_case_handled_online_is_rated_online() {
    let engine = engine();
    let online = CaseFacts {
        channel: Channel::Online,
        ..facts()
    };
    let rate_by = |channel| ReviewEnvelope {
        review: "HC-1".into(),
        expected_version: 0,
        client_id: "r1".into(),
        command: ReviewCommand::Rate {
            rating: Rating::Satisfied,
            channel,
            real_name: true,
            comment: None,
        },
    };
    let when = applicant("2025-09-30T12:00:00+08:00");
    let on_site = review::decide(
        &engine,
        None,
        Some(&online),
        &rate_by(EvaluationChannel::OnSite),
        &when,
    );
    assert_eq!(on_site.unwrap_err().code(), "review.channel");
    let events = review::decide(
        &engine,
        None,
        Some(&online),
        &rate_by(EvaluationChannel::Online),
        &when,
    )
    .unwrap();
    assert_eq!(events.len(), 1);
}

/// Concluding an approved case starts its successors (免申即办) in the same events: the
/// facts stay those of the case concluded.
#[test]
fn facts_skip_the_successors_a_conclusion_starts() {
    let line = |v: Value| serde_json::from_value::<doorstep::case::Event>(v).unwrap();
    let actor = json!({"id": "u-lin", "role": "applicant", "org": STATION});
    let system = json!({"id": "sys", "role": "system", "org": STATION});
    let events = [
        line(
            json!({"schema": 1, "case": "HC-1", "version": 1, "clientId": "c1", "actor": actor,
            "channel": "window", "at": "2025-09-30T09:00:00+08:00",
            "kind": {"type": "submitted", "matter": "MED-INSURE", "matterVersion": 1,
                "limitWorkingDays": 0, "applicant": "u-lin", "answer": {}}}),
        ),
        line(
            json!({"schema": 1, "case": "HC-1", "version": 2, "clientId": "c2", "actor": actor,
            "channel": "window", "at": "2025-09-30T10:00:00+08:00", "kind": {"type": "concluded"}}),
        ),
        line(
            json!({"schema": 1, "case": "HC-1-S", "version": 1, "clientId": "c2", "actor": system,
            "channel": "online", "at": "2025-09-30T10:00:00+08:00",
            "kind": {"type": "submitted", "matter": "HUKOU-BIRTH", "matterVersion": 1,
                "limitWorkingDays": 0, "applicant": "u-lin", "answer": {}}}),
        ),
    ];
    let f = CaseFacts::from_events(&events).unwrap();
    assert_eq!(&*f.case, "HC-1");
    assert_eq!(&*f.matter, "MED-INSURE");
    assert_eq!(f.channel, Channel::Window);
    assert_eq!(f.concluded_at, Some(at("2025-09-30T10:00:00+08:00")));
}

/// Times in UTC: 15:30Z is still the day of conclusion in China, 16:30Z the next day.
#[test]
fn the_rating_day_is_the_china_date_of_a_utc_time() {
    let engine = engine();
    let utc = CaseFacts {
        concluded_at: Some(at("2025-09-30T02:00:00Z")),
        ..facts()
    };
    let envelope = ReviewEnvelope {
        review: "HC-1".into(),
        expected_version: 0,
        client_id: "r1".into(),
        command: rate(Rating::Satisfied, true),
    };
    let late = ctx("u-lin", Role::Applicant, STATION, "2025-09-30T16:30:00Z");
    assert_eq!(
        review::decide(&engine, None, Some(&utc), &envelope, &late).unwrap_err(),
        ReviewError::RatingClosed
    );
    let ok = ctx("u-lin", Role::Applicant, STATION, "2025-09-30T15:30:00Z");
    assert!(review::decide(&engine, None, Some(&utc), &envelope, &ok).is_ok());
}

/// A complaint's id is held to a case id's rule (1 to 128 bytes, no control characters).
#[test]
fn a_complaint_id_is_a_well_formed_id() {
    let engine = engine();
    let report = |id: String| ComplaintEnvelope {
        complaint: id,
        expected_version: 0,
        client_id: "k1".into(),
        command: ComplaintCommand::Report {
            org: STATION.into(),
            matter: None,
            case: None,
            summary: "办不成".into(),
        },
    };
    let when = applicant("2025-09-30T11:00:00+08:00");
    for bad in [String::new(), "K\n1".into(), "K".repeat(129)] {
        let refused = complaint::decide(&engine, None, &report(bad), &when);
        assert_eq!(refused.unwrap_err(), ComplaintError::Text);
    }
    assert!(complaint::decide(&engine, None, &report("K".repeat(128)), &when).is_ok());
}

/// An appeal's evidence references (a recording named after the caller's number, say) are
/// masked in `Debug` output as every other text a person wrote; their JSON is plain strings.
#[test]
fn appeal_evidence_is_masked_in_debug_output() {
    let command = ReviewCommand::Appeal {
        ground: AppealGround::Mistaken,
        evidence: vec!["录音-13912345678.mp3".into()],
        reason: "误评".into(),
    };
    let shown = format!("{command:?}");
    assert!(!shown.contains("13912345678"), "{shown}");
    assert_eq!(
        serde_json::to_value(&command).unwrap()["evidence"],
        json!(["录音-13912345678.mp3"])
    );
}
