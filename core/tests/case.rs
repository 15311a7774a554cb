//! Cases: the lifecycle through `decide` and `evolve`, concurrency, idempotency, authority,
//! proxies, and deadlines across holidays and 补正 pauses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use doorstep::Coded;
use doorstep::authority::{Operator, Role, Stamp};
use doorstep::calendar::Light;
use doorstep::case::{
    Action, Case, CaseError, Command, CommandEnvelope, Context, Status, decide, evolve, replay,
};
use doorstep::engine::Engine;
use proptest::prelude::*;
use serde_json::json;

mod common;

use common::{ctx, engine_on, evolve_all, example, fixture_catalog, fixture_step, outcome, submit};

const STATION: &str = "350205-001-01";

/// The fixture catalogue with MED-INSURE as a 承诺件 of 5 working days.
fn engine() -> Engine {
    let mut catalog = fixture_catalog();
    for m in catalog["matters"].as_array_mut().unwrap() {
        if m["code"] == "MED-INSURE" {
            m["promisedLimitDays"] = json!(5);
            m["legalLimitDays"] = json!(20);
            m["immediate"] = json!(false);
        }
    }
    engine_on(&catalog, NaiveDate::from_ymd_opt(2025, 9, 1).unwrap())
}

/// The station's back-office officer bo-01 at `when`.
fn back_office(when: &str) -> Context {
    ctx("bo-01", Role::BackOffice, STATION, when)
}

/// The accepted case claimed and under review by the station's back office (bo-01, on
/// 9 October 2025), and bo-01's context.
fn reviewing(engine: &Engine) -> (Case, Context) {
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = run(
        engine,
        Some(accepted(engine)),
        "c-claim",
        Command::Claim,
        &back,
    );
    let case = run(engine, Some(case), "c-review", Command::StartReview, &back);
    (case, back)
}

/// Decides and applies; panics on refusal.
fn run(engine: &Engine, case: Option<Case>, client: &str, command: Command, ctx: &Context) -> Case {
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.as_ref().map_or(0, |c| c.version),
        client_id: client.into(),
        command,
    };
    let events =
        decide(engine, case.as_ref(), &envelope, ctx).unwrap_or_else(|e| panic!("{client}: {e:?}"));
    evolve_all(case, &events, evolve)
}

/// A decision stamp for HC-1 at the station, with its seal, operator and acceptor.
fn stamp(seal: &str, matter: &str, operator: &str, accepted_by: Option<&str>, when: &str) -> Stamp {
    Stamp {
        seal: seal.into(),
        operator: Operator {
            id: operator.into(),
            role: Role::BackOffice,
        },
        accepted_by: accepted_by.map(Into::into),
        ..common::stamp("HC-1", matter, STATION, when)
    }
}

/// `case` sent back for a supplement (补正) by `back`, as client `c-补正`.
fn asked_for_a_supplement(engine: &Engine, case: Case, back: &Context) -> Case {
    let reason = "缺少户口簿".into();
    run(
        engine,
        Some(case),
        "c-补正",
        Command::RequestSupplement { reason },
        back,
    )
}

/// Submitted by the applicant and accepted by the station's front desk on 2025-09-30.
fn accepted(engine: &Engine) -> Case {
    let submitted = run(
        engine,
        None,
        "c-submit",
        submit(engine, "MED-INSURE", "u-lin"),
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-09-30T09:00:00+08:00",
        ),
    );
    run(
        engine,
        Some(submitted),
        "c-accept",
        Command::Accept,
        &ctx(
            "fd-01",
            Role::FrontDesk,
            STATION,
            "2025-09-30T09:10:00+08:00",
        ),
    )
}

#[test]
fn due_across_national_day_and_later_by_a_supplement_pause() {
    let engine = engine();
    let case = accepted(&engine);
    let cal = engine.calendar();
    let now = NaiveDate::from_ymd_opt(2025, 10, 9).unwrap();
    let status = case.deadline_status(cal, now).unwrap().unwrap();
    // Oct 1–8 holiday; Oct 11 (Sat) a make-up working day: 9, 10, 11, 13, 14.
    assert_eq!(status.due, NaiveDate::from_ymd_opt(2025, 10, 14).unwrap());
    assert_eq!(status.light, Light::Green);

    let (case, back) = reviewing(&engine);
    let case = asked_for_a_supplement(&engine, case, &back);
    assert_eq!(case.status, Status::Supplementing);
    let case = run(
        &engine,
        Some(case),
        "c-supplied",
        Command::Supplement {
            answer: example(&engine, "MED-INSURE").into(),
        },
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-10-10T16:00:00+08:00",
        ),
    );
    // Paused on Oct 9 and 10, supplied on the 10th (two working days): due two working
    // days later.
    let now = NaiveDate::from_ymd_opt(2025, 10, 13).unwrap();
    let status = case.deadline_status(cal, now).unwrap().unwrap();
    assert_eq!(status.due, NaiveDate::from_ymd_opt(2025, 10, 16).unwrap());
}

#[test]
fn two_decisions_on_one_version_and_a_retried_command() {
    let engine = engine();
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = run(
        &engine,
        Some(accepted(&engine)),
        "c-review",
        Command::StartReview,
        &back,
    );
    let approve = |client: &str| CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: client.into(),
        command: Command::Approve {
            stamp: stamp(
                "seal-st1",
                "MED-INSURE",
                "bo-01",
                Some("fd-01"),
                "2025-10-09T11:00:00+08:00",
            ),
        },
    };
    let first = decide(&engine, Some(&case), &approve("c-a"), &back).unwrap();
    let mut after = case.clone();
    for e in &first {
        after = evolve(Some(after), e).unwrap();
    }
    assert_eq!(after.status, Status::Approved);
    // A second window decided against the same version: conflict, coded.
    let second = decide(&engine, Some(&after), &approve("c-b"), &back).unwrap_err();
    assert_eq!(
        second,
        CaseError::Conflict {
            expected: case.version,
            actual: after.version
        }
    );
    assert_eq!(doorstep::Coded::code(&second), "case.conflict");
    // The first window's retry (same client id): applied once, no new events.
    assert!(
        decide(&engine, Some(&after), &approve("c-a"), &back)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn forward_only_station_cannot_accept_or_decide() {
    let engine = engine();
    let desk = ctx(
        "fd-01",
        Role::FrontDesk,
        STATION,
        "2025-05-06T09:00:00+08:00",
    );
    let submitted = run(
        &engine,
        None,
        "c-1",
        submit(&engine, "BIRTH-CERT", "u-lin"),
        &desk,
    );
    // 窗口前移: the station received it, but may not accept it …
    let refused = decide(
        &engine,
        Some(&submitted),
        &CommandEnvelope {
            case: "HC-1".into(),
            expected_version: 1,
            client_id: "c-2".into(),
            command: Command::Accept,
        },
        &desk,
    )
    .unwrap_err();
    assert!(
        matches!(&refused, CaseError::NoAuthority { failures } if failures.contains(&"authority.forward_only".to_owned())),
        "{refused:?}"
    );
    // … nor decide it once the department accepted it (and it offers no such button).
    let wj = ctx(
        "wj-01",
        Role::FrontDesk,
        "350205-WJ",
        "2025-05-06T10:00:00+08:00",
    );
    let accepted = run(&engine, Some(submitted), "c-3", Command::Accept, &wj);
    let wj_back = ctx(
        "wj-02",
        Role::BackOffice,
        "350205-WJ",
        "2025-05-06T10:30:00+08:00",
    );
    let accepted = run(
        &engine,
        Some(accepted),
        "c-3b",
        Command::StartReview,
        &wj_back,
    );
    // The station's back office, which may review and decide what it may, may not here.
    let station_back = back_office("2025-05-06T11:00:00+08:00");
    let offered = doorstep::case::available_actions(&engine, &accepted, &station_back);
    assert!(
        !offered.contains(&doorstep::case::Action::Approve),
        "{offered:?}"
    );
    let s = stamp(
        "seal-st1",
        "BIRTH-CERT",
        "bo-01",
        Some("wj-01"),
        "2025-05-06T11:00:00+08:00",
    );
    let refused = decide(
        &engine,
        Some(&accepted),
        &CommandEnvelope {
            case: "HC-1".into(),
            expected_version: accepted.version,
            client_id: "c-4".into(),
            command: Command::Approve { stamp: s },
        },
        &station_back,
    )
    .unwrap_err();
    assert!(
        matches!(&refused, CaseError::NoAuthority { failures } if failures.contains(&"authority.forward_only".to_owned())),
        "{refused:?}"
    );
}

#[test]
fn proxy_needs_consent() {
    let engine = engine();
    let proxy = ctx("grid-07", Role::Proxy, STATION, "2025-05-06T09:00:00+08:00");
    let submit = |consent| CommandEnvelope {
        case: "HC-1".into(),
        expected_version: 0,
        client_id: "c-1".into(),
        command: Command::Submit {
            matter: "MED-INSURE".into(),
            applicant: "u-lin".into(),
            proxy: consent,
            answer: example(&engine, "MED-INSURE").into(),
            special_groups: vec![],
            appointment: None,
        },
    };
    let refused = decide(&engine, None, &submit(None), &proxy).unwrap_err();
    assert_eq!(refused, CaseError::NoConsent);
    let consent = |expires: &str| doorstep::case::ProxyConsent {
        proxy: "grid-07".into(),
        applicant: "u-lin".into(),
        matters: vec!["MED-INSURE".into()],
        expires: expires.parse().unwrap(),
    };
    let expired = decide(&engine, None, &submit(Some(consent("2025-05-05"))), &proxy);
    assert_eq!(expired.unwrap_err(), CaseError::NoConsent);
    let events = decide(&engine, None, &submit(Some(consent("2025-12-31"))), &proxy).unwrap();
    assert_eq!(events.len(), 1);
}

/// HUKOU-BIRTH (which separates duties; the station holds it by devolution until June
/// 2025) submitted, accepted, claimed and under review by the station's chief op-1 on
/// 6 May 2025; and the chief's context then.
fn hukou_under_review(engine: &Engine) -> (Case, Context) {
    let desk = ctx(
        "op-1",
        Role::StationChief,
        STATION,
        "2025-05-06T09:00:00+08:00",
    );
    let submitted = run(
        engine,
        None,
        "c-1",
        submit(engine, "HUKOU-BIRTH", "u-lin"),
        &desk,
    );
    let accepted = run(engine, Some(submitted), "c-2", Command::Accept, &desk);
    let claimed = run(engine, Some(accepted), "c-3", Command::Claim, &desk);
    let reviewing = run(engine, Some(claimed), "c-4", Command::StartReview, &desk);
    (reviewing, desk)
}

#[test]
fn separation_of_duties_and_assignment() {
    let engine = engine();
    let (reviewing, desk) = hukou_under_review(&engine);
    let other = ctx(
        "op-2",
        Role::BackOffice,
        STATION,
        "2025-05-06T10:00:00+08:00",
    );
    let envelope = |client: &str, command| CommandEnvelope {
        case: "HC-1".into(),
        expected_version: reviewing.version,
        client_id: client.into(),
        command,
    };
    let taken = decide(
        &engine,
        Some(&reviewing),
        &envelope("c-5", Command::Claim),
        &other,
    );
    assert_eq!(taken.unwrap_err(), CaseError::AssignedToOther);
    let mut s = stamp(
        "seal-st1",
        "HUKOU-BIRTH",
        "op-1",
        Some("op-1"),
        "2025-05-06T11:00:00+08:00",
    );
    s.operator.role = Role::StationChief;
    let own = decide(
        &engine,
        Some(&reviewing),
        &envelope("c-6", Command::Approve { stamp: s }),
        &desk,
    );
    assert_eq!(own.unwrap_err(), CaseError::SeparationOfDuties);
}

/// A pool of commands by different people; random sequences of them.
fn pool(engine: &Engine) -> Vec<(Command, Context)> {
    let station = |id: &str, role, when: &str| ctx(id, role, STATION, when);
    let answer = example(engine, "MED-INSURE");
    vec![
        (
            Command::Submit {
                matter: "MED-INSURE".into(),
                applicant: "u-lin".into(),
                proxy: None,
                answer: answer.clone().into(),
                special_groups: vec![],
                appointment: None,
            },
            station("u-lin", Role::Applicant, "2025-09-30T09:00:00+08:00"),
        ),
        (
            Command::Accept,
            station("fd-01", Role::FrontDesk, "2025-09-30T10:00:00+08:00"),
        ),
        (
            Command::Claim,
            station("bo-01", Role::BackOffice, "2025-10-09T09:00:00+08:00"),
        ),
        (
            Command::Claim,
            station("bo-02", Role::BackOffice, "2025-10-09T09:00:00+08:00"),
        ),
        (
            Command::Release,
            station("bo-01", Role::BackOffice, "2025-10-09T09:30:00+08:00"),
        ),
        (
            Command::StartReview,
            station("bo-01", Role::BackOffice, "2025-10-09T10:00:00+08:00"),
        ),
        (
            Command::RequestSupplement {
                reason: "缺材料".into(),
            },
            station("bo-01", Role::BackOffice, "2025-10-10T10:00:00+08:00"),
        ),
        (
            Command::Supplement {
                answer: answer.into(),
            },
            station("u-lin", Role::Applicant, "2025-10-14T10:00:00+08:00"),
        ),
        (
            Command::Suspend {
                reason: "专家评审".into(),
            },
            station("bo-01", Role::BackOffice, "2025-10-15T10:00:00+08:00"),
        ),
        (
            Command::Resume,
            station("bo-01", Role::BackOffice, "2025-10-20T10:00:00+08:00"),
        ),
        (
            Command::Extend {
                working_days: 10,
                reason: "情况复杂".into(),
                approved_by: "chief".into(),
            },
            station("bo-01", Role::BackOffice, "2025-10-16T10:00:00+08:00"),
        ),
        (
            Command::Approve {
                stamp: stamp(
                    "seal-st1",
                    "MED-INSURE",
                    "bo-01",
                    Some("fd-01"),
                    "2025-10-21T10:00:00+08:00",
                ),
            },
            station("bo-01", Role::BackOffice, "2025-10-21T10:00:00+08:00"),
        ),
        (
            Command::Conclude,
            station("bo-01", Role::BackOffice, "2025-10-21T11:00:00+08:00"),
        ),
        (
            Command::Deliver,
            station("fd-01", Role::FrontDesk, "2025-10-22T11:00:00+08:00"),
        ),
        (
            Command::Withdraw { reason: None },
            station("u-lin", Role::Applicant, "2025-10-12T11:00:00+08:00"),
        ),
        (
            Command::Withdraw { reason: None },
            station("u-other", Role::Applicant, "2025-10-12T11:00:00+08:00"),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Replay equals state; a refused command changes nothing; a retried command adds no
    /// event, another command under its id is refused; the days a case records only move
    /// forward, and a command dated the day before them is refused; the due date never
    /// moves earlier while the case is open.
    #[test]
    fn random_command_sequences(picks in prop::collection::vec((0usize..16, any::<bool>()), 1..40)) {
        let engine = engine();
        let pool = pool(&engine);
        let mut case: Option<Case> = None;
        let mut events = Vec::new();
        let mut last_due: Option<(NaiveDate, NaiveDate)> = None;
        let mut latest = None;
        for (step, (pick, stale)) in picks.into_iter().enumerate() {
            let (command, ctx) = &pool[pick];
            // Time runs forward: a command dated before one already tried on the case is not
            // drawn (before there is a case, a refused command observes nothing, so that a
            // late one drawn first does not rule out the submission).
            if latest.is_some_and(|t| ctx.at < t) {
                continue;
            }
            let version = case.as_ref().map_or(0, |c| c.version);
            let envelope = CommandEnvelope {
                case: "HC-1".into(),
                expected_version: if stale && version > 0 { version - 1 } else { version },
                client_id: format!("c-{step}"),
                command: command.clone(),
            };
            let before = case.clone();
            if case.is_some() || matches!(command, Command::Submit { .. }) {
                latest = Some(ctx.at);
            }
            if let Ok(new) = decide(&engine, case.as_ref(), &envelope, ctx) {
                for e in &new {
                    case = Some(evolve(case, e).unwrap());
                }
                // The same command again is applied once; another under its id is refused.
                let again = decide(&engine, case.as_ref(), &envelope, ctx).unwrap();
                prop_assert!(again.is_empty());
                let (other, _) = &pool[(pick + 1) % pool.len()];
                let reused = CommandEnvelope { command: other.clone(), ..envelope.clone() };
                let outcome = decide(&engine, case.as_ref(), &reused, ctx);
                if other.action() == command.action() {
                    prop_assert_eq!(outcome, Ok(vec![]));
                } else {
                    let action = command.action().name();
                    prop_assert_eq!(outcome, Err(CaseError::ClientIdReused { action }));
                }
                // (A submission on a case that exists is refused before its date is read.)
                let opens = matches!(command, Command::Submit { .. });
                if let Some(c) = case.as_ref().filter(|_| !opens) {
                    // The days a case records only move forward, and nothing is dated before them.
                    prop_assert!(before.as_ref().is_none_or(|b| b.latest_day() <= c.latest_day()));
                    let day_before = c.latest_day().pred_opt().unwrap();
                    let when = format!("{day_before}T12:00:00+08:00");
                    let backdated = Context {
                        at: chrono::DateTime::parse_from_rfc3339(&when).unwrap(),
                        ..ctx.clone()
                    };
                    let fresh = CommandEnvelope {
                        expected_version: c.version,
                        client_id: format!("late-{step}"),
                        ..envelope.clone()
                    };
                    let latest = c.latest_day();
                    prop_assert_eq!(
                        decide(&engine, case.as_ref(), &fresh, &backdated),
                        Err(CaseError::Backdated { latest })
                    );
                }
                events.extend(new);
            } else {
                prop_assert_eq!(&case, &before);
            }
            // The due date as the host sees it at the command's time, when time moved on.
            let now = ctx.at.date_naive();
            if let Some(c) = case.as_ref().filter(|_| last_due.is_none_or(|(t, _)| now >= t)) {
                if let Some(Ok(status)) = c.deadline_status(engine.calendar(), now) {
                    if let Some((_, previous)) = last_due {
                        prop_assert!(status.due >= previous, "{} < {}", status.due, previous);
                    }
                    last_due = Some((now, status.due));
                }
            }
        }
        let rebuilt = replay(&events);
        prop_assert!(rebuilt.rejected.is_empty());
        prop_assert_eq!(rebuilt.cases.get("HC-1"), case.as_ref());
        // Events survive a JSON round trip unchanged.
        let text = serde_json::to_string(&events).unwrap();
        let back: Vec<doorstep::case::Event> = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, events);
    }
}

#[test]
fn replay_rejects_out_of_sequence_and_duplicate_events() {
    let engine = engine();
    let case = accepted(&engine);
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: "c-x".into(),
        command: Command::Claim,
    };
    let back = back_office("2025-10-09T09:00:00+08:00");
    let claim = decide(&engine, Some(&case), &envelope, &back)
        .unwrap()
        .remove(0);
    // Applying the same event twice: the second is out of sequence.
    let once = evolve(Some(case.clone()), &claim).unwrap();
    assert!(matches!(
        evolve(Some(once.clone()), &claim),
        Err(CaseError::EventVersion { .. })
    ));
    // The same client id again, even renumbered: a duplicate.
    let mut renumbered = claim.clone();
    renumbered.version = once.version + 1;
    assert_eq!(
        evolve(Some(once), &renumbered).unwrap_err(),
        CaseError::DuplicateEvent
    );
}

#[test]
fn cases_fixtures() {
    use doorstep::conformance;
    let failures = conformance::run("cases.json", |input| {
        let raw = &input.raw;
        let catalog = conformance::catalog_of(raw);
        let engine = engine_on(&catalog, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        let mut case: Option<Case> = None;
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let (envelope, ctx) = fixture_step(step, &input.name);
            let decision = decide(&engine, case.as_ref(), &envelope, &ctx)
                .map_err(|e| doorstep::Coded::code(&e).to_owned());
            outcomes.push(outcome(&mut case, &mut events, decision, evolve));
        }
        let mut out = json!({
            "outcomes": outcomes,
            "status": case.as_ref().map(|c| c.status),
            "version": case.as_ref().map(|c| c.version),
            "replayed": replay(&events).cases.get("HC-1") == case.as_ref(),
        });
        if let (Some(c), Some(now)) = (&case, raw["now"].as_str()) {
            if let Some(Ok(status)) = c.deadline_status(engine.calendar(), now.parse().unwrap()) {
                out["due"] = json!(status.due);
                out["light"] = json!(status.light);
                out["escalation"] = json!(status.escalation);
            }
        }
        if let (Some(c), Some(who)) = (&case, raw.get("actionsFor")) {
            let ctx: Context = serde_json::from_value(who.clone()).unwrap();
            out["actions"] = json!(doorstep::case::available_actions(&engine, c, &ctx));
        }
        out
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn debug_output_masks_the_answer() {
    let engine = engine();
    let case = accepted(&engine);
    let text = format!("{case:?}");
    assert!(text.contains("Answer("), "{text}");
    assert!(!text.contains("350205199003071239"), "{text}");
}

/// A host may use a mobile number (or a name) as an applicant's account: `Debug` of the
/// case, its events, the command and the context masks it; the JSON keeps it whole.
#[test]
fn debug_output_masks_an_account_that_is_a_mobile_number() {
    let engine = engine();
    let mobile = "13912345678";
    let ctx = ctx(
        mobile,
        Role::Applicant,
        STATION,
        "2025-09-30T09:00:00+08:00",
    );
    let command = submit(&engine, "MED-INSURE", mobile);
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: 0,
        client_id: "c-submit".into(),
        command,
    };
    let events = decide(&engine, None, &envelope, &ctx).unwrap();
    let case = evolve_all(None, &events, evolve);
    assert_eq!(&*case.applicant, mobile);
    assert!(serde_json::to_string(&case).unwrap().contains(mobile));
    for text in [
        format!("{case:?}"),
        format!("{events:?}"),
        format!("{envelope:?}"),
        format!("{ctx:?}"),
    ] {
        assert!(!text.contains(mobile), "{text}");
        assert!(text.contains("AccountId(\"***********\")"), "{text}");
    }
    // So does a proxy's consent.
    let consent = doorstep::case::ProxyConsent {
        proxy: "13800001111".into(),
        applicant: mobile.into(),
        matters: vec![],
        expires: NaiveDate::from_ymd_opt(2025, 10, 30).unwrap(),
    };
    let text = format!("{consent:?}");
    assert!(
        !text.contains(mobile) && !text.contains("13800001111"),
        "{text}"
    );
    assert!(
        text.contains("applicant: AccountId(\"***********\")"),
        "{text}"
    );
    // Ids that are neither numbers nor names show as they are.
    assert_eq!(
        format!("{:?}", doorstep::case::AccountId::from("u-lin")),
        "AccountId(\"u-lin\")"
    );
    assert_eq!(
        format!("{:?}", doorstep::case::AccountId::from("林晓燕")),
        "AccountId(\"林**\")"
    );
}

/// 延期 needs approval (行政许可法 art. 42): a blank approver is nobody's.
#[test]
fn an_extension_needs_a_named_approver() {
    let engine = engine();
    let case = accepted(&engine);
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = run(&engine, Some(case), "c-claim", Command::Claim, &back);
    for approver in ["", "  "] {
        let envelope = CommandEnvelope {
            case: "HC-1".into(),
            expected_version: case.version,
            client_id: format!("c-ext{}", approver.len()),
            command: Command::Extend {
                working_days: 10,
                reason: "需现场核查".into(),
                approved_by: approver.into(),
            },
        };
        let refused = decide(&engine, Some(&case), &envelope, &back);
        assert_eq!(refused.unwrap_err(), CaseError::Extension, "{approver:?}");
    }
}

/// Two suspensions, the first resumed the same day (that day does not count), then one
/// after the due date: red, the overdue count standing still while suspended.
#[test]
fn suspensions_the_same_day_twice_and_after_the_due_date() {
    let engine = engine();
    let case = accepted(&engine);
    let back = |at: &str| ctx("bo-01", Role::BackOffice, STATION, at);
    let case = run(
        &engine,
        Some(case),
        "c-claim",
        Command::Claim,
        &back("2025-10-09T09:00:00+08:00"),
    );
    let case = run(
        &engine,
        Some(case),
        "c-review",
        Command::StartReview,
        &back("2025-10-09T09:01:00+08:00"),
    );
    let case = run(
        &engine,
        Some(case),
        "c-s1",
        Command::Suspend {
            reason: "听证".into(),
        },
        &back("2025-10-09T10:00:00+08:00"),
    );
    let case = run(
        &engine,
        Some(case),
        "c-r1",
        Command::Resume,
        &back("2025-10-09T15:00:00+08:00"),
    );
    let case = run(
        &engine,
        Some(case),
        "c-s2",
        Command::Suspend {
            reason: "检测".into(),
        },
        &back("2025-10-13T10:00:00+08:00"),
    );
    let case = run(
        &engine,
        Some(case),
        "c-r2",
        Command::Resume,
        &back("2025-10-14T15:00:00+08:00"),
    );
    assert_eq!(case.pauses.len(), 2);
    let cal = engine.calendar();
    let s = case
        .deadline_status(cal, NaiveDate::from_ymd_opt(2025, 10, 15).unwrap())
        .unwrap()
        .unwrap();
    // Counted: 10 (1), 11 (2), 15 (3), 16 (4), 17 (5).
    assert_eq!(s.due, NaiveDate::from_ymd_opt(2025, 10, 17).unwrap());
    // Suspended after the due date: red, but the overdue count stops with the clock.
    let case = run(
        &engine,
        Some(case),
        "c-s3",
        Command::Suspend {
            reason: "专家评审".into(),
        },
        &back("2025-10-21T10:00:00+08:00"),
    );
    let s = case
        .deadline_status(cal, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        (s.light, s.overdue_working_days, s.paused),
        (Light::Red, 1, true)
    );
}

/// Events with an extension `decide` would not grant — a second one, or one over 10
/// working days — are refused on replay, as the second would replace the first.
#[test]
fn replay_refuses_an_extension_decide_would_not_grant() {
    let engine = engine();
    let case = accepted(&engine);
    let back = back_office("2025-10-09T10:00:00+08:00");
    let extend = |days| Command::Extend {
        working_days: days,
        reason: "需现场核查".into(),
        approved_by: "chief-01".into(),
    };
    let extended = run(&engine, Some(case.clone()), "c-ext", extend(10), &back);
    // A second `extended` event, as a station's system might send it.
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: "c-ext2".into(),
        command: extend(1),
    };
    let mut second = decide(&engine, Some(&case), &envelope, &back)
        .unwrap()
        .remove(0);
    second.version = extended.version + 1;
    assert_eq!(
        evolve(Some(extended.clone()), &second).unwrap_err(),
        CaseError::Extension
    );
    // An extension out of 1–10 working days, as stored.
    let mut long = second.clone();
    long.version = case.version + 1;
    if let doorstep::case::EventKind::Extended { working_days, .. } = &mut long.kind {
        *working_days = 30;
    }
    assert_eq!(evolve(Some(case), &long).unwrap_err(), CaseError::Extension);
}

/// A decision stamped with a seal revoked before the decision is refused whatever date the
/// stamp claims: dated back to before the revocation, it is dated before the case was
/// accepted, so not this decision's stamp (`case.stamp_mismatch`); dated the decision's
/// day, the seal is revoked. `decide` refuses it, and `replay_checked` refuses the event a
/// station's system might send anyway.
#[test]
fn a_backdated_stamp_does_not_revive_a_revoked_seal() {
    use doorstep::case::{EventKind, replay_checked};
    let engine = engine();
    let mut sent = approved_under_seal_st1(&engine);
    assert!(replay_checked(&engine, &sent).rejected.is_empty());
    // The same event under the revoked seal: refused on replay as well.
    let last = sent.last_mut().unwrap();
    let EventKind::Approved { stamp } = &mut last.kind else {
        panic!("{last:?}");
    };
    std::sync::Arc::make_mut(stamp).seal = "seal-st1-2023".into();
    let rejected = replay_checked(&engine, &sent).rejected;
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0].0, sent.len() - 1);
    assert!(
        matches!(&rejected[0].1, CaseError::InvalidStamp { failures } if failures == &["seal.revoked".to_owned()]),
        "{rejected:?}"
    );
}

/// The events of case HC-1 submitted and accepted on 2025-09-30, reviewed by the station's
/// back office and approved by it under seal-st1 on 2025-10-09; on the way, `decide`
/// refuses a stamp dated before the acceptance and one under seal-st1-2023, revoked.
fn approved_under_seal_st1(engine: &Engine) -> Vec<doorstep::case::Event> {
    let mut events = Vec::new();
    let mut step = |case: Option<Case>, client: &str, command: Command, ctx: &Context| {
        let envelope = CommandEnvelope {
            case: "HC-1".into(),
            expected_version: case.as_ref().map_or(0, |c| c.version),
            client_id: client.into(),
            command,
        };
        let new = decide(engine, case.as_ref(), &envelope, ctx).unwrap();
        events.extend(new.iter().cloned());
        evolve_all(case, &new, evolve)
    };
    let case = step(
        None,
        "c-submit",
        submit(engine, "MED-INSURE", "u-lin"),
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-09-30T09:00:00+08:00",
        ),
    );
    let case = step(
        Some(case),
        "c-accept",
        Command::Accept,
        &ctx(
            "fd-01",
            Role::FrontDesk,
            STATION,
            "2025-09-30T09:10:00+08:00",
        ),
    );
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = step(Some(case), "c-review", Command::StartReview, &back);
    // seal-st1-2023 was revoked on 2025-01-01.
    let approve = |seal: &str, when: &str| CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: "c-a".into(),
        command: Command::Approve {
            stamp: stamp(seal, "MED-INSURE", "bo-01", Some("fd-01"), when),
        },
    };
    // A stamp claiming 2024-12-01, before the revocation, is before the case was accepted
    // (2025-09-30): not this decision's stamp, whichever seal it names.
    for seal in ["seal-st1-2023", "seal-st1"] {
        let backdated = approve(seal, "2024-12-01T10:00:00+08:00");
        let refused = decide(engine, Some(&case), &backdated, &back).unwrap_err();
        assert_eq!(refused, CaseError::StampMismatch, "{seal}");
    }
    // Dated the day of the decision, the revoked seal is refused as revoked.
    let today = "2025-10-09T10:00:00+08:00";
    let refused = decide(engine, Some(&case), &approve("seal-st1-2023", today), &back).unwrap_err();
    assert!(
        matches!(&refused, CaseError::InvalidStamp { failures } if failures == &["seal.revoked".to_owned()]),
        "{refused:?}"
    );
    // The current seal, stamped the same way, is fine.
    let approved = decide(engine, Some(&case), &approve("seal-st1", today), &back).unwrap();
    events.extend(approved);
    events
}

/// The checked replay asks of a decision's stamp what `decide` asks: a valid stamp of
/// another case, or dated after the decision, seals nothing; and of every event, that it is
/// not dated before a day its case records.
#[test]
fn a_checked_replay_refuses_what_decide_refuses() {
    use doorstep::case::{EventKind, replay_checked};
    let engine = engine();
    let mut sent = approved_under_seal_st1(&engine);
    for (case, when) in [
        ("HC-999", "2025-10-09T10:00:00+08:00"),
        ("HC-1", "2025-10-10T10:00:00+08:00"),
    ] {
        let last = sent.last_mut().unwrap();
        let EventKind::Approved { stamp } = &mut last.kind else {
            panic!("{last:?}");
        };
        let stamp = std::sync::Arc::make_mut(stamp);
        stamp.seal = "seal-st1".into();
        stamp.case = case.into();
        stamp.at = when.parse().unwrap();
        let rejected = replay_checked(&engine, &sent).rejected;
        assert_eq!(
            rejected,
            [(sent.len() - 1, CaseError::StampMismatch)],
            "{case} {when}"
        );
    }
    // An acceptance dated the day before the submission would count the deadline from
    // before the application: refused as `decide` refuses it (the plain replay takes it).
    let accept = sent
        .iter()
        .position(|e| matches!(e.kind, EventKind::Accepted { .. }))
        .unwrap();
    sent[accept].at = "2025-09-29T09:10:00+08:00".parse().unwrap();
    assert!(
        doorstep::case::replay(&sent)
            .rejected
            .iter()
            .all(|(i, _)| *i != accept)
    );
    let rejected = replay_checked(&engine, &sent).rejected;
    assert_eq!(
        rejected.first(),
        Some(&(
            accept,
            CaseError::Backdated {
                latest: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
            }
        )),
        "{rejected:?}"
    );
}

/// The checked replay grants an extension only as `decide` does: before the case is late
/// (行政许可法 art. 42); one dated months later, which the plain replay takes, is refused.
#[test]
fn a_checked_replay_refuses_a_late_extension() {
    use doorstep::case::{replay, replay_checked};
    let engine = engine();
    let mut sent = approved_under_seal_st1(&engine);
    sent.pop(); // the approval: the case is under review
    let case = replay(&sent).cases.remove("HC-1").unwrap();
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: "c-extend".into(),
        command: Command::Extend {
            working_days: 5,
            reason: "需现场核查".into(),
            approved_by: "chief-01".into(),
        },
    };
    let back = back_office("2025-10-10T09:00:00+08:00");
    sent.extend(decide(&engine, Some(&case), &envelope, &back).unwrap());
    assert!(replay_checked(&engine, &sent).rejected.is_empty());
    sent.last_mut().unwrap().at = "2026-03-02T09:00:00+08:00".parse().unwrap();
    assert!(replay(&sent).rejected.is_empty());
    assert_eq!(
        replay_checked(&engine, &sent).rejected,
        [(sent.len() - 1, CaseError::Extension)]
    );
}

/// A huge stream of garbage (256 MiB of `{}` lines would be 85 million errors) is read in
/// bounded memory: the first `MAX_LINE_ERRORS` unreadable lines are listed, the rest counted
/// in one `input.too_many_errors` on the last of them, and the events among them are read.
#[test]
fn a_stream_with_too_many_unreadable_lines_lists_the_first_and_counts_the_rest() {
    use doorstep::case::decode_events;
    use doorstep::input::MAX_LINE_ERRORS;
    use doorstep::{Coded, Lang};
    let engine = engine();
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: 0,
        client_id: "c-submit".into(),
        command: submit(&engine, "MED-INSURE", "u-lin"),
    };
    let submitted = decide(
        &engine,
        None,
        &envelope,
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-09-30T09:00:00+08:00",
        ),
    )
    .unwrap();
    let event = serde_json::to_string(&submitted[0]).unwrap();
    let text = format!("{}{event}\n{{}}\n", "{}\n".repeat(MAX_LINE_ERRORS + 1));
    let (events, errors) = decode_events(text.as_bytes());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].0, MAX_LINE_ERRORS + 2);
    assert_eq!(errors.len(), MAX_LINE_ERRORS + 1);
    assert!(
        errors[..MAX_LINE_ERRORS]
            .iter()
            .enumerate()
            .all(|(i, (line, e))| *line == i + 1 && e.code() == "input.shape")
    );
    let (line, summary) = &errors[MAX_LINE_ERRORS];
    assert_eq!(*line, MAX_LINE_ERRORS + 3);
    assert_eq!(summary.code(), "input.too_many_errors");
    assert_eq!(summary.params()["omitted"], 2);
    assert_eq!(
        summary.message(Lang::ZhCn),
        "无法读取的行过多：另有 2 行未逐一列出"
    );
}

/// A line that is not an event is placed in the file, in its message and its params alike,
/// not at line 1 of the one-line document it was parsed as.
#[test]
fn an_unreadable_line_names_its_line_in_the_file() {
    use doorstep::case::decode_events;
    use doorstep::{Coded, Lang};
    let (_, errors) = decode_events(b"\n{}\n{\"case\": 1,\n{not json\n");
    let [(2, shape), (3, malformed), (4, other)] = errors.as_slice() else {
        panic!("{errors:?}");
    };
    assert_eq!(shape.code(), "input.shape");
    assert_eq!(shape.params()["line"], 2);
    assert!(shape.message(Lang::ZhCn).starts_with("第 2 行第 "));
    assert_eq!(malformed.code(), "input.malformed");
    assert_eq!(malformed.params()["line"], 3);
    assert_eq!(
        malformed.message(Lang::En),
        "Line 3, column 11: not valid JSON"
    );
    assert_eq!(other.params()["line"], 4);
}

/// A case withdrawn while suspended keeps the deadline it had that day: the pause ends
/// with the withdrawal, rather than staying open and moving the due date every day after.
#[test]
fn a_case_withdrawn_while_suspended_keeps_its_deadline() {
    let engine = engine();
    let (case, back) = reviewing(&engine);
    let case = run(
        &engine,
        Some(case),
        "c-suspend",
        Command::Suspend {
            reason: "待鉴定".into(),
        },
        &back,
    );
    let case = run(
        &engine,
        Some(case),
        "c-withdraw",
        Command::Withdraw { reason: None },
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-10-10T09:00:00+08:00",
        ),
    );
    assert_eq!(case.status, doorstep::case::Status::Withdrawn);
    let pause = case.pauses.last().unwrap();
    assert_eq!(pause.to, NaiveDate::from_ymd_opt(2025, 10, 10));
    let calendar = engine.calendar();
    let due = |d: &doorstep::calendar::Deadline, now| d.due(calendar, now).unwrap();
    let deadline = case.deadline().unwrap();
    let later = NaiveDate::from_ymd_opt(2025, 10, 31).unwrap();
    assert_eq!(
        due(&deadline, later),
        due(&deadline, NaiveDate::from_ymd_opt(2025, 10, 10).unwrap())
    );
}

/// `command` on `case` as the client saw it, under `client`.
fn on(case: &Case, client: &str, command: Command) -> CommandEnvelope {
    CommandEnvelope {
        case: case.id.to_string(),
        expected_version: case.version,
        client_id: client.into(),
        command,
    }
}

/// A command is decided against the case it names: given another case, it is refused
/// (`case.not_found`), rather than numbered after that case's version, or answered as a
/// retry because that case applied the same client id.
#[test]
fn a_command_for_another_case_is_refused() {
    let engine = engine();
    let case = accepted(&engine);
    let back = back_office("2025-10-09T10:00:00+08:00");
    for client in ["c-claim", "c-accept"] {
        let mut envelope = on(&case, client, Command::Claim);
        envelope.case = "HC-2".into();
        let refused = decide(&engine, Some(&case), &envelope, &back);
        assert_eq!(refused, Err(CaseError::NotFound), "{client}");
    }
    // And an event of another case is not applied to this one.
    let mut claimed = decide(
        &engine,
        Some(&case),
        &on(&case, "c-claim", Command::Claim),
        &back,
    )
    .unwrap()
    .remove(0);
    claimed.case = "HC-2".into();
    assert_eq!(evolve(Some(case), &claimed), Err(CaseError::NotFound));
}

/// A station chief frees another officer's claim only where the chief could take the case:
/// not at another station, nor without authority for the matter.
#[test]
fn a_chief_frees_a_claim_only_where_they_could_take_the_case() {
    let engine = engine();
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = run(
        &engine,
        Some(accepted(&engine)),
        "c-claim",
        Command::Claim,
        &back,
    );
    let at = "2025-10-09T11:00:00+08:00";
    // The street centre may handle MED-INSURE, but the case is the station's.
    let elsewhere = ctx("chief-st", Role::StationChief, "350205-001", at);
    let release = on(&case, "c-release", Command::Release);
    assert_eq!(
        decide(&engine, Some(&case), &release, &elsewhere),
        Err(CaseError::WrongOffice)
    );
    let offered = doorstep::case::available_actions(&engine, &case, &elsewhere);
    assert!(
        !offered.contains(&doorstep::case::Action::Release),
        "{offered:?}"
    );
    let other_matter = ctx("chief-wj", Role::StationChief, "350205-WJ", at);
    assert!(matches!(
        decide(&engine, Some(&case), &release, &other_matter),
        Err(CaseError::NoAuthority { .. })
    ));
    let own = ctx("chief-01", Role::StationChief, STATION, at);
    let freed = run(&engine, Some(case), "c-release", Command::Release, &own);
    assert_eq!(freed.assignee, None);
}

/// 办结 is the office's that works the case: a desk of another organisation may not
/// conclude it (nor start its successors).
#[test]
fn only_the_office_working_a_case_concludes_it() {
    let engine = engine();
    let back = back_office("2025-10-09T10:00:00+08:00");
    let case = run(
        &engine,
        Some(accepted(&engine)),
        "c-review",
        Command::StartReview,
        &back,
    );
    let s = stamp(
        "seal-st1",
        "MED-INSURE",
        "bo-01",
        Some("fd-01"),
        "2025-10-09T11:00:00+08:00",
    );
    let case = run(
        &engine,
        Some(case),
        "c-approve",
        Command::Approve { stamp: s },
        &back,
    );
    let other = ctx(
        "wj-01",
        Role::FrontDesk,
        "350205-WJ",
        "2025-10-09T12:00:00+08:00",
    );
    let conclude = on(&case, "c-conclude", Command::Conclude);
    assert_eq!(
        decide(&engine, Some(&case), &conclude, &other),
        Err(CaseError::WrongOffice)
    );
    assert!(doorstep::case::available_actions(&engine, &case, &other).is_empty());
    let concluded = run(&engine, Some(case), "c-conclude", Command::Conclude, &back);
    assert_eq!(concluded.status, Status::Concluded);
}

/// The consent a case keeps lets its proxy supplement and withdraw, whoever submitted it:
/// given by the applicant or a desk, it must still be valid for the applicant and matter.
#[test]
fn a_consent_submitted_by_anyone_must_be_valid() {
    let engine = engine();
    let applicant = ctx(
        "u-lin",
        Role::Applicant,
        STATION,
        "2025-05-06T09:00:00+08:00",
    );
    let consent = |applicant: &str, expires: &str| doorstep::case::ProxyConsent {
        proxy: "grid-07".into(),
        applicant: applicant.into(),
        matters: vec![],
        expires: expires.parse().unwrap(),
    };
    let with = |matter: &str, consent| {
        let Command::Submit { matter, answer, .. } = submit(&engine, matter, "u-lin") else {
            unreachable!()
        };
        CommandEnvelope {
            case: "HC-1".into(),
            expected_version: 0,
            client_id: "c-submit".into(),
            command: Command::Submit {
                matter,
                applicant: "u-lin".into(),
                proxy: Some(consent),
                answer,
                special_groups: vec![],
                appointment: None,
            },
        }
    };
    // HUKOU-BIRTH allows no proxy; a consent of another applicant; an expired one.
    for envelope in [
        with("HUKOU-BIRTH", consent("u-lin", "2025-12-31")),
        with("MED-INSURE", consent("u-other", "2025-12-31")),
        with("MED-INSURE", consent("u-lin", "2025-05-05")),
    ] {
        let refused = decide(&engine, None, &envelope, &applicant);
        assert_eq!(refused, Err(CaseError::NoConsent));
    }
    let valid = with("MED-INSURE", consent("u-lin", "2025-12-31"));
    let case = evolve_all(
        None,
        &decide(&engine, None, &valid, &applicant).unwrap(),
        evolve,
    );
    let proxy = ctx("grid-07", Role::Proxy, STATION, "2025-05-07T09:00:00+08:00");
    let withdrawn = run(
        &engine,
        Some(case),
        "c-w",
        Command::Withdraw { reason: None },
        &proxy,
    );
    assert_eq!(withdrawn.status, Status::Withdrawn);
}

/// An office that may no longer review a matter (its grant revoked) does not extend the
/// case's time either, as it may not suspend it: 延期 is the deciding office's.
#[test]
fn an_office_whose_grant_was_revoked_does_not_extend() {
    let engine = engine();
    let (case, _) = hukou_under_review(&engine);
    // g-ga-street was revoked on 2025-06-01.
    let later = ctx(
        "op-1",
        Role::StationChief,
        STATION,
        "2025-06-02T09:00:00+08:00",
    );
    let extend = on(
        &case,
        "c-5",
        Command::Extend {
            working_days: 5,
            reason: "需现场核查".into(),
            approved_by: "chief-01".into(),
        },
    );
    assert!(matches!(
        decide(&engine, Some(&case), &extend, &later),
        Err(CaseError::NoAuthority { failures }) if failures == ["authority.revoked"]
    ));
    let offered = doorstep::case::available_actions(&engine, &case, &later);
    assert_eq!(offered, [doorstep::case::Action::Release]);
}

/// A desk officer who claimed a submitted case took its acceptance: another desk may not
/// accept or refuse it until it is released.
#[test]
fn a_claim_on_a_submitted_case_holds_its_acceptance() {
    let engine = engine();
    let case = run(
        &engine,
        None,
        "c-submit",
        submit(&engine, "MED-INSURE", "u-lin"),
        &ctx(
            "u-lin",
            Role::Applicant,
            STATION,
            "2025-09-30T09:00:00+08:00",
        ),
    );
    let fd2 = ctx(
        "fd-02",
        Role::FrontDesk,
        STATION,
        "2025-09-30T09:05:00+08:00",
    );
    let case = run(&engine, Some(case), "c-claim", Command::Claim, &fd2);
    let fd1 = ctx(
        "fd-01",
        Role::FrontDesk,
        STATION,
        "2025-09-30T09:10:00+08:00",
    );
    let not_accept = Command::NotAccept {
        reason: "材料不全".into(),
    };
    for command in [Command::Accept, not_accept] {
        let refused = decide(&engine, Some(&case), &on(&case, "c-x", command), &fd1);
        assert_eq!(refused, Err(CaseError::AssignedToOther));
    }
    assert!(doorstep::case::available_actions(&engine, &case, &fd1).is_empty());
    let accepted = run(&engine, Some(case), "c-accept", Command::Accept, &fd2);
    assert_eq!(accepted.status, Status::Accepted);
    // 受理 hands the case to the back office: the claim made to accept it ends there, and
    // the back office's officers claim it anew.
    assert_eq!(accepted.assignee, None);
    let back = back_office("2025-10-09T09:00:00+08:00");
    let claimed = run(&engine, Some(accepted), "c-claim-bo", Command::Claim, &back);
    assert_eq!(claimed.assignee.as_deref(), Some("bo-01"));
}

/// A case keeps its answer as the form normalises it (values trimmed), when submitted and
/// when supplemented, as a bundle's member case does.
#[test]
fn a_case_keeps_its_answer_as_the_form_normalises_it() {
    let engine = engine();
    let normal = example(&engine, "MED-INSURE");
    let mut padded = normal.clone();
    for value in padded.as_object_mut().unwrap().values_mut() {
        if let Some(text) = value.as_str() {
            *value = format!(" {text} ").into();
        }
    }
    let Command::Submit { matter, .. } = submit(&engine, "MED-INSURE", "u-lin") else {
        unreachable!()
    };
    let command = Command::Submit {
        matter,
        applicant: "u-lin".into(),
        proxy: None,
        answer: padded.clone().into(),
        special_groups: vec![],
        appointment: None,
    };
    let applicant = |at: &str| ctx("u-lin", Role::Applicant, STATION, at);
    let case = run(
        &engine,
        None,
        "c-submit",
        command,
        &applicant("2025-09-30T09:00:00+08:00"),
    );
    assert_eq!(*case.answer, normal);
    let desk = ctx(
        "fd-01",
        Role::FrontDesk,
        STATION,
        "2025-09-30T09:10:00+08:00",
    );
    let case = run(&engine, Some(case), "c-accept", Command::Accept, &desk);
    let back = back_office("2025-10-09T10:00:00+08:00");
    let supplement = Command::RequestSupplement {
        reason: "缺少户口簿".into(),
    };
    let case = run(&engine, Some(case), "c-补正", supplement, &back);
    let supplied = Command::Supplement {
        answer: padded.into(),
    };
    let case = run(
        &engine,
        Some(case),
        "c-supplied",
        supplied,
        &applicant("2025-10-10T09:00:00+08:00"),
    );
    assert_eq!(*case.answer, normal);
}

/// Replay refuses what `decide` never gives on a case started without application: an
/// acceptance before its confirmation (`case.unconfirmed`), and a confirmation of a case
/// that waits for none.
#[test]
fn replay_refuses_an_unconfirmed_acceptance_and_a_needless_confirmation() {
    use doorstep::case::{Event, EventKind};
    let engine = engine();
    let desk = ctx(
        "fd-01",
        Role::FrontDesk,
        STATION,
        "2025-09-30T09:10:00+08:00",
    );
    let case = accepted(&engine);
    let mut started = case.clone();
    started.awaiting_confirmation = true;
    started.status = Status::Submitted;
    started.version = 1;
    let event = |client: &str, kind| Event {
        schema: doorstep::case::EVENT_SCHEMA,
        case: "HC-1".into(),
        version: 2,
        client_id: client.into(),
        actor: desk.actor.clone(),
        channel: desk.channel,
        at: desk.at,
        kind,
    };
    let accept = event(
        "c-accept-2",
        EventKind::Accepted {
            back_office: STATION.into(),
        },
    );
    assert_eq!(
        evolve(Some(started.clone()), &accept),
        Err(CaseError::Unconfirmed)
    );
    let confirmed = evolve(Some(started), &event("c-confirm", EventKind::Confirmed)).unwrap();
    assert!(!confirmed.awaiting_confirmation);
    let mut again = event("c-confirm-2", EventKind::Confirmed);
    again.version = 3;
    assert!(matches!(
        evolve(Some(confirmed), &again),
        Err(CaseError::WrongStatus { .. })
    ));
}

/// A reason is free text a person wrote, and people write phone and ID numbers into it:
/// the command, its event and the case show it masked in `Debug`, whole in JSON.
#[test]
fn a_reason_is_masked_in_debug() {
    let engine = engine();
    let (case, back) = reviewing(&engine);
    let reason = "请补充材料，联系电话 13912345678";
    let command = Command::Suspend {
        reason: reason.into(),
    };
    let envelope = CommandEnvelope {
        case: "HC-1".into(),
        expected_version: case.version,
        client_id: "c-suspend".into(),
        command: command.clone(),
    };
    let events = decide(&engine, Some(&case), &envelope, &back).unwrap();
    let suspended = evolve_all(Some(case), &events, evolve);
    for shown in [
        format!("{command:?}"),
        format!("{events:?}"),
        format!("{suspended:?}"),
    ] {
        assert!(!shown.contains("13912345678"), "{shown}");
    }
    assert!(serde_json::to_string(&events).unwrap().contains(reason));
    assert_eq!(&*suspended.reasons[0], reason);
}

/// An answer larger than its event may carry is refused at submission: an event is read
/// back from at most 1 MiB, so a case stored with it could never be replayed.
#[test]
fn an_answer_too_large_for_its_event_is_refused() {
    use doorstep::Coded;
    use doorstep::case::{MAX_EVENT_ANSWER_BYTES, MAX_EVENT_BYTES, decode_events};
    let mut catalog = fixture_catalog();
    for m in catalog["matters"].as_array_mut().unwrap() {
        if m["code"] == "MED-INSURE" {
            for f in m["form"]["fields"].as_array_mut().unwrap() {
                f.as_object_mut().unwrap().remove("maxLength");
            }
        }
    }
    let engine = engine_on(&catalog, NaiveDate::from_ymd_opt(2025, 9, 1).unwrap());
    let applicant = ctx(
        "u-lin",
        Role::Applicant,
        STATION,
        "2025-09-30T09:00:00+08:00",
    );
    let with_name = |len: usize| {
        let mut answer = example(&engine, "MED-INSURE");
        answer["childName"] = json!("林".repeat(len / 3));
        CommandEnvelope {
            case: "HC-1".into(),
            expected_version: 0,
            client_id: "c-submit".into(),
            command: Command::Submit {
                matter: "MED-INSURE".into(),
                applicant: "u-lin".into(),
                proxy: None,
                answer: answer.into(),
                special_groups: vec![],
                appointment: None,
            },
        }
    };
    let refused = decide(&engine, None, &with_name(MAX_EVENT_BYTES), &applicant).unwrap_err();
    assert_eq!(refused.code(), "case.invalid_answer");
    assert_eq!(refused.params()["errors"], json!(["input.too_large"]));
    // Just within: stored, and read back.
    let events = decide(
        &engine,
        None,
        &with_name(MAX_EVENT_ANSWER_BYTES - 1024),
        &applicant,
    )
    .unwrap();
    let line = serde_json::to_string(&events[0]).unwrap() + "\n";
    let (read, problems) = decode_events(line.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(read.len(), 1);
}

/// A step is dated no earlier than the latest day the case records (submission,
/// acceptance, the days its clock stopped and ran again): a supplement dated before the
/// request for it would close a pause before it opened. An earlier hour of that same day
/// (two windows' clocks a little apart) is taken.
#[test]
fn a_step_dated_before_a_day_the_case_records_is_refused() {
    let engine = engine();
    let (case, back) = reviewing(&engine);
    assert_eq!(
        case.latest_day(),
        NaiveDate::from_ymd_opt(2025, 9, 30).unwrap()
    );
    let asked = asked_for_a_supplement(&engine, case, &back);
    let oct_9 = NaiveDate::from_ymd_opt(2025, 10, 9).unwrap();
    assert_eq!(asked.latest_day(), oct_9);
    let supplement = on(
        &asked,
        "c-supplied",
        Command::Supplement {
            answer: example(&engine, "MED-INSURE").into(),
        },
    );
    let at = |when| ctx("u-lin", Role::Applicant, STATION, when);
    let before = at("2025-10-08T23:59:00+08:00");
    let refused = decide(&engine, Some(&asked), &supplement, &before).unwrap_err();
    assert_eq!(refused, CaseError::Backdated { latest: oct_9 });
    assert_eq!(refused.code(), "case.backdated");
    assert_eq!(refused.params()["latest"], json!("2025-10-09"));
    // The day is China Standard Time's: 16:00 UTC on the 8th is midnight on the 9th.
    let same_day = at("2025-10-08T16:00:00+00:00");
    let events = decide(&engine, Some(&asked), &supplement, &same_day).unwrap();
    let supplied = evolve_all(Some(asked), &events, evolve);
    assert_eq!(supplied.status, Status::UnderReview);
    assert_eq!(supplied.latest_day(), oct_9);
}

/// What each client id did travels with the case as JSON (`clientActions`), so that a host
/// keeping cases as JSON tells a retry from another command under the same id; a case kept
/// without it (an older version's) takes any reuse of its ids as a retry, and records the
/// actions of ids applied from then on.
#[test]
fn a_reused_client_id_is_told_from_a_retry_through_json() {
    let engine = engine();
    let case = accepted(&engine);
    let kept: Case = serde_json::from_value(serde_json::to_value(&case).unwrap()).unwrap();
    assert_eq!(kept, case);
    let json = serde_json::to_value(&case).unwrap();
    assert_eq!(json["clientActions"], json!(["submit", "accept"]));
    let back = back_office("2025-10-09T10:00:00+08:00");
    let reused = on(&case, "c-accept", Command::Claim);
    assert_eq!(
        decide(&engine, Some(&kept), &reused, &back).unwrap_err(),
        CaseError::ClientIdReused { action: "accept" }
    );

    let mut older = json.clone();
    older.as_object_mut().unwrap().remove("clientActions");
    let older: Case = serde_json::from_value(older).unwrap();
    assert_eq!(older.applied("c-accept"), Some(None));
    assert_eq!(decide(&engine, Some(&older), &reused, &back), Ok(vec![]));
    let claimed = run(&engine, Some(older), "c-claim", Command::Claim, &back);
    assert_eq!(claimed.client_actions, [Action::Claim]);
    assert_eq!(claimed.applied("c-submit"), Some(None));
    assert_eq!(claimed.applied("c-claim"), Some(Some(Action::Claim)));
}
