//! 一件事 as cases and 免申即办 successors, on the Haicang sample catalogue: one birth answer
//! opens cases at 卫健, 公安, 医保 (参保, and 生育津贴 for an insured mother) and 人社 that
//! join into the bundle's state; withdrawing the bundle withdraws what is open; a concluded
//! retirement starts 医保在职转退休 with mapped data, a birth certificate applied for alone
//! starts 生育津贴; mapped data that fails is flagged, never dropped; one timeline.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use doorstep::Coded;
use doorstep::authority::Role;
use doorstep::case::{
    BundleProgress, BundleState, Case, CaseError, Command, CommandEnvelope, Context, Event,
    EventKind, Outcome, Replay, Status, decide_with_members, evolve, replay, timeline,
    timeline_jsonl,
};
use doorstep::engine::{Engine, Target};
use serde_json::{Value, json};

mod common;

use common::{ctx, date, engine_on, fixture_step, sample_catalog, stamp, submit};

const STATION: &str = "350205-HC-01";
const BIRTH_CERT: &str = "350205-WJ-001";
const BIRTH_REG: &str = "350205-GA-001";
const NEWBORN_INSURANCE: &str = "350205-YB-001";
const SOCIAL_CARD: &str = "350205-RS-003";
const MATERNITY: &str = "350205-YB-002";
const PENSION: &str = "350205-RS-005";
const RETIRED_INSURANCE: &str = "350205-YB-003";

fn sample() -> Value {
    sample_catalog()
}

fn engine_of(catalog: &Value) -> Engine {
    engine_on(catalog, date(2025, 9, 1))
}

/// Every case the events so far built, and the events.
#[derive(Default)]
struct World {
    events: Vec<Event>,
}

impl World {
    fn cases(&self) -> Replay {
        let replay = replay(&self.events);
        assert!(replay.rejected.is_empty(), "{:?}", replay.rejected);
        replay
    }

    fn case(&self, id: &str) -> Case {
        self.cases().cases.get(id).cloned().unwrap()
    }

    /// The member matters of the bundle case `id`, in order.
    fn member_matters(&self, id: &str) -> Vec<String> {
        self.case(id)
            .members
            .iter()
            .map(|m| m.matter.to_string())
            .collect()
    }

    /// How the bundle case B-1 stands, joined from its members.
    fn birth(&self) -> BundleProgress {
        self.cases().bundle("B-1").unwrap().unwrap()
    }

    /// Decides `command` on case `id` (with the member cases of a bundle) and stores the
    /// events; the events, or the refusal.
    fn act(
        &mut self,
        id: &str,
        client: &str,
        command: Command,
        ctx: &Context,
    ) -> Result<Vec<Event>, CaseError> {
        let cases = self.cases();
        let case = cases.cases.get(id);
        let members: Vec<Case> = case
            .map(|c| {
                c.members
                    .iter()
                    .filter_map(|m| cases.cases.get(&m.case).cloned())
                    .collect()
            })
            .unwrap_or_default();
        let envelope = CommandEnvelope {
            case: id.into(),
            expected_version: case.map_or(0, |c| c.version),
            client_id: client.into(),
            command,
        };
        let events = decide_with_members(&engine_cache(), case, &members, &envelope, ctx)?;
        // Every event applies to the case it is for.
        for e in &events {
            let before = cases.cases.get(&e.case).cloned();
            evolve(before, e).unwrap();
        }
        self.events.extend(events.clone());
        Ok(events)
    }
}

thread_local! {
    static ENGINE: std::cell::RefCell<Option<Engine>> = const { std::cell::RefCell::new(None) };
}

/// The engine the current test set up (see [`with_engine`]).
fn engine_cache() -> Engine {
    ENGINE.with(|e| e.borrow().clone().unwrap())
}

fn with_engine(engine: Engine) {
    ENGINE.with(|e| *e.borrow_mut() = Some(engine));
}

/// Works a member case at its department: accepted by the front desk, reviewed unless a
/// 即办件, decided (approved or rejected) under the department's seal, concluded.
fn work(world: &mut World, case: &str, approve: bool, day: &str) {
    let c = world.case(case);
    let engine = engine_cache();
    let matter = engine.catalog().matter(&c.matter).unwrap().clone();
    let dept = matter.department.as_str();
    let fd = ctx(
        &format!("fd-{dept}"),
        Role::FrontDesk,
        dept,
        &format!("{day}T09:00:00+08:00"),
    );
    let bo = |time: &str| {
        ctx(
            &format!("bo-{dept}"),
            Role::BackOffice,
            dept,
            &format!("{day}T{time}+08:00"),
        )
    };
    world
        .act(case, &format!("{case}-accept"), Command::Accept, &fd)
        .unwrap();
    if !matter.immediate {
        world
            .act(
                case,
                &format!("{case}-review"),
                Command::StartReview,
                &bo("10:00:00"),
            )
            .unwrap();
    }
    let when = format!("{day}T11:00:00+08:00");
    let stamp = stamp(case, &c.matter, dept, &when);
    let decision = if approve {
        Command::Approve { stamp }
    } else {
        Command::Reject {
            reason: "材料不符".into(),
            stamp,
        }
    };
    world
        .act(case, &format!("{case}-decide"), decision, &bo("11:00:00"))
        .unwrap();
    world
        .act(
            case,
            &format!("{case}-conclude"),
            Command::Conclude,
            &bo("11:30:00"),
        )
        .unwrap();
}

fn bundle_answer(engine: &Engine, bundle: &str) -> Value {
    engine
        .form(&Target::bundle(bundle), date(2025, 9, 1))
        .unwrap()
        .example
}

fn submit_bundle(
    world: &mut World,
    id: &str,
    bundle: &str,
    answer: Value,
) -> Result<Vec<Event>, CaseError> {
    world.act(
        id,
        "submit",
        Command::SubmitBundle {
            bundle: bundle.into(),
            applicant: "u-lin".into(),
            proxy: None,
            answer: answer.into(),
            special_groups: vec![],
            appointment: None,
        },
        &mother("2025-10-13T09:00:00+08:00"),
    )
}

/// u-lin, the applicant (and the mother), at the station at `when`.
fn mother(when: &str) -> Context {
    ctx("u-lin", Role::Applicant, STATION, when)
}

fn birth() -> World {
    birth_on(&sample())
}

/// The birth bundle's example submitted as B-1 on `catalog`.
fn birth_on(catalog: &Value) -> World {
    with_engine(engine_of(catalog));
    let mut world = World::default();
    let answer = bundle_answer(&engine_cache(), "birth");
    submit_bundle(&mut world, "B-1", "birth", answer).unwrap();
    world
}

/// The sample with 生育津贴 started by the birth certificate inside the bundle too (no
/// longer a member, its successor unconditional): a bundle whose member starts a case.
fn maternity_started_inside_the_bundle() -> Value {
    let mut catalog = sample();
    let birth = catalog["bundles"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|b| b["code"] == "birth")
        .unwrap();
    birth["members"]
        .as_array_mut()
        .unwrap()
        .retain(|m| m["matter"] != MATERNITY);
    let cert = catalog["matters"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["code"] == BIRTH_CERT)
        .unwrap();
    cert["successors"][0]
        .as_object_mut()
        .unwrap()
        .remove("condition");
    catalog
}

#[test]
fn one_birth_answer_opens_a_case_at_each_department() {
    let world = birth();
    let cases = world.cases();
    let bundle = &cases.cases["B-1"];
    assert!(bundle.is_bundle());
    assert_eq!(&*bundle.matter, "birth");
    let matters: Vec<&str> = bundle.members.iter().map(|m| &*m.matter).collect();
    // 生育津贴 too: the example's mother is insured.
    assert_eq!(
        matters,
        [
            BIRTH_CERT,
            BIRTH_REG,
            NEWBORN_INSURANCE,
            SOCIAL_CARD,
            MATERNITY
        ]
    );
    let engine = engine_cache();
    let departments: BTreeSet<String> = bundle
        .members
        .iter()
        .map(|m| {
            let child = &cases.cases[&m.case];
            assert_eq!(child.parent.as_deref(), Some("B-1"));
            assert_eq!(child.status, Status::Submitted);
            assert_eq!(child.id, m.case);
            // Each member keeps only what its own form asks.
            let form = &engine.catalog().matter(&m.matter).unwrap().form;
            for key in child.answer.as_object().unwrap().keys() {
                assert!(
                    form.fields.iter().any(|f| &f.key == key),
                    "{key} in {}",
                    m.matter
                );
            }
            engine
                .catalog()
                .matter(&m.matter)
                .unwrap()
                .department
                .clone()
        })
        .collect();
    assert_eq!(
        departments,
        ["350205-GA", "350205-RS", "350205-WJ", "350205-YB"]
            .map(String::from)
            .into()
    );
    // Each with its own promised limit.
    assert_eq!(cases.cases["B-1/350205-RS-003"].limit_working_days, 10);
    assert_eq!(cases.cases["B-1/350205-GA-001"].limit_working_days, 0);
    assert_eq!(world.birth().state, BundleState::Open);
}

#[test]
fn members_join_into_concluded_or_partly_rejected() {
    let mut world = birth();
    for m in [BIRTH_CERT, BIRTH_REG, NEWBORN_INSURANCE, MATERNITY] {
        work(&mut world, &format!("B-1/{m}"), true, "2025-10-14");
        assert_eq!(world.birth().state, BundleState::Open);
    }
    // Inside the bundle, the approved birth certificate starts no second 生育津贴.
    assert!(
        !world
            .cases()
            .cases
            .contains_key(format!("B-1/{BIRTH_CERT}/{MATERNITY}").as_str())
    );
    let mut approved = World {
        events: world.events.clone(),
    };
    work(
        &mut approved,
        &format!("B-1/{SOCIAL_CARD}"),
        true,
        "2025-10-15",
    );
    let joined = approved.birth();
    assert_eq!(joined.state, BundleState::Concluded);
    assert!(joined.rejected.is_empty());

    work(
        &mut world,
        &format!("B-1/{SOCIAL_CARD}"),
        false,
        "2025-10-15",
    );
    let joined = world.birth();
    assert_eq!(joined.state, BundleState::PartlyRejected);
    assert_eq!(
        joined.rejected,
        vec![std::sync::Arc::<str>::from(SOCIAL_CARD)]
    );
    let card = &joined.members[3];
    assert_eq!(
        (card.status, card.outcome),
        (Status::Concluded, Some(Outcome::Rejected))
    );
}

#[test]
fn an_uninsured_mother_gets_no_maternity_allowance_case() {
    with_engine(engine_of(&sample()));
    let mut world = World::default();
    let mut answer = bundle_answer(&engine_cache(), "birth");
    answer["motherInsured"] = json!(false);
    submit_bundle(&mut world, "B-1", "birth", answer).unwrap();
    assert_eq!(
        world.member_matters("B-1"),
        [BIRTH_CERT, BIRTH_REG, NEWBORN_INSURANCE, SOCIAL_CARD]
    );
    // Its fields, answered or not, are dropped like a hidden field's.
    assert!(world.case("B-1").answer.get("babyCount").is_none());
    work(&mut world, &format!("B-1/{BIRTH_CERT}"), true, "2025-10-14");
    assert_eq!(
        world.cases().cases.len(),
        5,
        "the bundle and its four members"
    );
}

#[test]
fn withdrawing_the_bundle_withdraws_its_open_members() {
    let mut world = birth();
    work(&mut world, &format!("B-1/{BIRTH_CERT}"), true, "2025-10-14");
    let applicant = mother("2025-10-14T15:00:00+08:00");

    // Without its members, the bundle cannot be withdrawn: nothing changes.
    let bundle = world.case("B-1");
    let envelope = CommandEnvelope {
        case: "B-1".into(),
        expected_version: bundle.version,
        client_id: "w".into(),
        command: Command::Withdraw { reason: None },
    };
    let err = decide_with_members(&engine_cache(), Some(&bundle), &[], &envelope, &applicant)
        .unwrap_err();
    assert_eq!(err.code(), "case.members_missing");

    // Someone else cannot withdraw it.
    let stranger = ctx(
        "u-other",
        Role::Applicant,
        STATION,
        "2025-10-14T15:00:00+08:00",
    );
    let err = world
        .act("B-1", "w", Command::Withdraw { reason: None }, &stranger)
        .unwrap_err();
    assert_eq!(err.code(), "case.role_not_permitted");

    let events = world
        .act(
            "B-1",
            "w",
            Command::Withdraw {
                reason: Some("不办了".into()),
            },
            &applicant,
        )
        .unwrap();
    let withdrawn: Vec<&str> = events.iter().map(|e| &*e.case).collect();
    assert_eq!(
        withdrawn,
        [
            "B-1",
            "B-1/350205-GA-001",
            "B-1/350205-YB-001",
            "B-1/350205-RS-003",
            "B-1/350205-YB-002"
        ]
    );
    let cases = world.cases();
    // The birth certificate was issued already: it stays issued.
    assert_eq!(cases.cases["B-1/350205-WJ-001"].status, Status::Concluded);
    assert_eq!(cases.cases["B-1/350205-GA-001"].status, Status::Withdrawn);
    assert_eq!(world.birth().state, BundleState::Withdrawn);
}

#[test]
fn a_bundle_case_itself_is_only_submitted_and_withdrawn() {
    let mut world = birth();
    let desk = ctx(
        "fd-1",
        Role::FrontDesk,
        STATION,
        "2025-10-13T10:00:00+08:00",
    );
    let err = world.act("B-1", "a", Command::Accept, &desk).unwrap_err();
    assert_eq!(err.code(), "case.bundle_case");
    // Nor does a stored event of another kind apply to it.
    let mut event = world.events[1].clone();
    event.case = "B-1".into();
    event.version = 2;
    event.client_id = "another".into();
    event.kind = EventKind::Accepted {
        back_office: "350205-WJ".into(),
    };
    assert_eq!(
        evolve(Some(world.case("B-1")), &event).unwrap_err().code(),
        "case.bundle_case"
    );
}

#[test]
fn a_bad_bundle_submission_changes_nothing() {
    with_engine(engine_of(&sample()));
    let mut world = World::default();
    let mut answer = bundle_answer(&engine_cache(), "birth");
    answer["motherId"] = json!("350205199003071230");
    let err = submit_bundle(&mut world, "B-2", "birth", answer).unwrap_err();
    assert_eq!(err.code(), "case.invalid_answer");
    let err = submit_bundle(&mut world, "B-2", "no-such-bundle", json!({})).unwrap_err();
    assert_eq!(err.code(), "case.unknown_bundle");
    assert!(world.events.is_empty());
}

/// u-zheng applies for the pension (case `id`) with the form's example.
fn submit_pension(world: &mut World, id: &str) {
    let command = submit(&engine_cache(), PENSION, "u-zheng");
    let applicant = ctx(
        "u-zheng",
        Role::Applicant,
        STATION,
        "2025-10-13T09:00:00+08:00",
    );
    world.act(id, "submit", command, &applicant).unwrap();
}

/// A retirement: the pension approved and concluded at 人社.
fn retired(catalog: &Value) -> (World, Vec<Event>) {
    with_engine(engine_of(catalog));
    let mut world = World::default();
    submit_pension(&mut world, "R-1");
    let before = world.events.len();
    work(&mut world, "R-1", true, "2025-10-14");
    let events = world.events[before..].to_vec();
    (world, events)
}

#[test]
fn a_concluded_retirement_starts_the_medical_insurance_change_without_application() {
    let (world, events) = retired(&sample());
    let concluded = events
        .iter()
        .position(|e| matches!(e.kind, EventKind::Concluded))
        .unwrap();
    let started = &events[concluded + 1];
    assert_eq!(&*started.case, "R-1/350205-YB-003");
    assert_eq!(started.actor.role, Role::System);
    assert_eq!(&*started.actor.org, "350205-YB");
    let case = world.case("R-1/350205-YB-003");
    assert_eq!(&*case.matter, RETIRED_INSURANCE);
    assert_eq!(case.origin.as_deref(), Some("R-1"));
    assert_eq!(&*case.applicant, "u-zheng");
    assert!(case.data_problems.is_empty(), "{:?}", case.data_problems);
    assert!(!case.awaiting_confirmation);
    let pension = world.case("R-1");
    for key in [
        "applicantName",
        "applicantId",
        "applicantMobile",
        "retirementDate",
    ] {
        assert_eq!(case.answer[key], pension.answer[key], "{key}");
    }
    // The 医保 back office takes it from there.
    let mut world = world;
    work(&mut world, "R-1/350205-YB-003", true, "2025-10-16");
    assert_eq!(world.case("R-1/350205-YB-003").status, Status::Concluded);
}

#[test]
fn a_rejected_case_starts_no_successor() {
    with_engine(engine_of(&sample()));
    let (mut world, _) = retired(&sample());
    world.events.retain(|e| !e.case.starts_with("R-1"));
    submit_pension(&mut world, "R-2");
    work(&mut world, "R-2", false, "2025-10-14");
    assert!(world.events.iter().all(|e| &*e.case == "R-2"));
}

#[test]
fn mapped_data_that_fails_the_successors_form_is_flagged_for_the_back_office() {
    let mut catalog = sample();
    let pension = catalog["matters"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["code"] == PENSION)
        .unwrap();
    // A mapping that reads the wrong fact: a case id is no date. (Reading the wrong field of
    // the answer, a bank name, lint finds on the 填单示范: `catalog.successor_invalid`. The
    // case id it cannot know.)
    pension["successors"][0]["mapping"]["retirementDate"] = json!({"var": "case"});
    let (mut world, _) = retired(&catalog);
    let case = world.case("R-1/350205-YB-003");
    let flagged: Vec<(&str, &str)> = case
        .data_problems
        .iter()
        .map(|p| (p.path.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0].0, "/retirementDate");
    assert!(flagged[0].1.starts_with("form."), "{flagged:?}");
    // The data is kept as mapped, not dropped.
    assert_eq!(case.answer["retirementDate"], "R-1");

    // No decision rests on it until the applicant puts it right.
    let dept = "350205-YB";
    let id = "R-1/350205-YB-003";
    let fd = ctx(
        "fd-350205-YB",
        Role::FrontDesk,
        dept,
        "2025-10-15T09:00:00+08:00",
    );
    let bo = |t: &str| {
        ctx(
            "bo-350205-YB",
            Role::BackOffice,
            dept,
            &format!("2025-10-15T{t}+08:00"),
        )
    };
    world.act(id, "a", Command::Accept, &fd).unwrap();
    world
        .act(id, "r", Command::StartReview, &bo("10:00:00"))
        .unwrap();
    let err = world
        .act(
            id,
            "d",
            Command::Approve {
                stamp: stamp(id, RETIRED_INSURANCE, dept, "2025-10-15T11:00:00+08:00"),
            },
            &bo("11:00:00"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "case.invalid_answer");
    world
        .act(
            id,
            "s",
            Command::RequestSupplement {
                reason: "请核对退休日期".into(),
            },
            &bo("11:10:00"),
        )
        .unwrap();
    let mut fixed = (*case.answer).clone();
    fixed["retirementDate"] = json!("2025-07-10");
    world
        .act(
            id,
            "fix",
            Command::Supplement {
                answer: fixed.into(),
            },
            &ctx(
                "u-zheng",
                Role::Applicant,
                STATION,
                "2025-10-16T09:00:00+08:00",
            ),
        )
        .unwrap();
    assert!(world.case(id).data_problems.is_empty());
    world
        .act(
            id,
            "d2",
            Command::Approve {
                stamp: stamp(id, RETIRED_INSURANCE, dept, "2025-10-16T11:00:00+08:00"),
            },
            &ctx(
                "bo-350205-YB",
                Role::BackOffice,
                dept,
                "2025-10-16T11:00:00+08:00",
            ),
        )
        .unwrap();
}

#[test]
fn the_maternity_allowance_follows_the_birth_once_the_mother_confirms() {
    // The birth certificate applied for alone, outside 出生一件事.
    with_engine(engine_of(&sample()));
    let mut world = World::default();
    let command = submit(&engine_cache(), BIRTH_CERT, "u-lin");
    world
        .act(
            "W-1",
            "submit",
            command,
            &mother("2025-10-13T09:00:00+08:00"),
        )
        .unwrap();
    work(&mut world, "W-1", true, "2025-10-14");
    let id = format!("W-1/{MATERNITY}");
    let case = world.case(&id);
    assert!(case.awaiting_confirmation);
    assert!(case.data_problems.is_empty(), "{:?}", case.data_problems);
    assert_eq!(case.answer["babyCount"], json!(1));
    let fd = ctx(
        "fd-350205-YB",
        Role::FrontDesk,
        "350205-YB",
        "2025-10-15T09:00:00+08:00",
    );
    assert_eq!(
        world
            .act(&id, "a", Command::Accept, &fd)
            .unwrap_err()
            .code(),
        "case.unconfirmed"
    );
    // Only the applicant confirms.
    assert_eq!(
        world
            .act(&id, "c", Command::Confirm, &fd)
            .unwrap_err()
            .code(),
        "case.role_not_permitted"
    );
    let mother = mother("2025-10-15T08:00:00+08:00");
    world.act(&id, "c", Command::Confirm, &mother).unwrap();
    assert!(!world.case(&id).awaiting_confirmation);
    // Confirming twice is a wrong status.
    assert_eq!(
        world
            .act(&id, "c2", Command::Confirm, &mother)
            .unwrap_err()
            .code(),
        "case.wrong_status"
    );
    world.act(&id, "a", Command::Accept, &fd).unwrap();
}

#[test]
fn the_citizen_sees_one_timeline() {
    let mut world = birth_on(&maternity_started_inside_the_bundle());
    for m in [BIRTH_CERT, BIRTH_REG] {
        work(&mut world, &format!("B-1/{m}"), true, "2025-10-14");
    }
    work(
        &mut world,
        &format!("B-1/{SOCIAL_CARD}"),
        false,
        "2025-10-15",
    );
    // Another citizen's case in the same stream stays out of it.
    let (other, _) = {
        let saved = std::mem::take(&mut world.events);
        let out = retired(&sample());
        world.events = saved;
        with_engine(engine_of(&maternity_started_inside_the_bundle()));
        out
    };
    let mut events = other.events.clone();
    events.extend(world.events.iter().cloned());

    let line = timeline(&events, "B-1").unwrap();
    assert!(line.entries.windows(2).all(|w| w[0].at <= w[1].at));
    let cases: BTreeSet<&str> = line.entries.iter().map(|e| &*e.case).collect();
    assert_eq!(
        cases,
        [
            "B-1",
            "B-1/350205-GA-001",
            "B-1/350205-RS-003",
            "B-1/350205-WJ-001",
            "B-1/350205-WJ-001/350205-YB-002",
            "B-1/350205-YB-001",
        ]
        .into()
    );
    let bundle = line.bundle.unwrap();
    assert_eq!(bundle.state, BundleState::PartlyRejected);
    assert_eq!(line.cases.len(), 6);

    // From JSON Lines, the same; a case not in the stream, or a broken line, is refused.
    let jsonl: String = events
        .iter()
        .map(|e| serde_json::to_string(e).unwrap() + "\n")
        .collect();
    let outcome =
        serde_json::to_value(timeline_jsonl(jsonl.as_bytes(), "B-1", doorstep::Lang::En)).unwrap();
    assert_eq!(outcome["outcome"], "found");
    assert_eq!(outcome["timeline"]["bundle"]["state"], "partly_rejected");
    assert_eq!(
        outcome["timeline"]["bundle"]["rejected"],
        json!([SOCIAL_CARD])
    );
    let outcome =
        serde_json::to_value(timeline_jsonl(jsonl.as_bytes(), "nope", doorstep::Lang::En)).unwrap();
    assert_eq!(outcome["error"]["code"], "case.not_found");
    let broken = format!("{jsonl}{{\"schema\": 1\n");
    let outcome =
        serde_json::to_value(timeline_jsonl(broken.as_bytes(), "B-1", doorstep::Lang::En)).unwrap();
    assert_eq!(outcome["outcome"], "refused");
    assert!(
        outcome["error"]["code"]
            .as_str()
            .unwrap()
            .starts_with("input.")
    );
    assert!(outcome["error"]["params"]["line"].is_u64());

    // The district's one file of all events: the lines of reviews and complaints are
    // skipped, by the timeline and by replay, and only they (a broken line naming a case
    // too is still refused).
    let mixed = format!(
        "{{\"review\":\"B-1\",\"version\":1}}\n{jsonl}{{\"complaint\":\"C-1\",\"kind\":{{}}}}\n"
    );
    let outcome =
        serde_json::to_value(timeline_jsonl(mixed.as_bytes(), "B-1", doorstep::Lang::En)).unwrap();
    assert_eq!(outcome["outcome"], "found");
    assert_eq!(outcome["timeline"]["bundle"]["state"], "partly_rejected");
    let engine = engine_cache();
    let report = engine.replay_jsonl(&mixed, doorstep::Lang::En);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let whole = engine.replay_jsonl(&jsonl, doorstep::Lang::En);
    assert_eq!(
        serde_json::to_value(report).unwrap(),
        serde_json::to_value(whole).unwrap()
    );
    let named = format!("{jsonl}{{\"case\":\"B-1\",\"review\":\"B-1\"}}\n");
    let outcome =
        serde_json::to_value(timeline_jsonl(named.as_bytes(), "B-1", doorstep::Lang::En)).unwrap();
    assert_eq!(outcome["outcome"], "refused");
}

#[test]
fn lint_checks_successors() {
    let engine_at = date(2025, 9, 1);
    let lint = |catalog: &Value| -> Vec<(String, String)> {
        doorstep::catalog::lint_json(&catalog.to_string(), engine_at, doorstep::Lang::En)
            .into_iter()
            .map(|p| (p.path.unwrap_or_default(), p.code))
            .collect()
    };
    let catalog = sample();
    assert!(lint(&catalog).is_empty());
    let index = |c: &Value, code: &str| {
        c["matters"]
            .as_array()
            .unwrap()
            .iter()
            .position(|m| m["code"] == code)
            .unwrap()
    };
    let (pension, retired) = (index(&catalog, PENSION), index(&catalog, RETIRED_INSURANCE));

    // A loop: 医保 back to 人社.
    let mut looped = catalog.clone();
    looped["matters"][retired]["successors"] = json!([{"matter": PENSION}]);
    let problems = lint(&looped);
    assert!(
        problems.contains(&(
            format!("/matters/{retired}/successors/0/matter"),
            "catalog.successor_cycle".into()
        )),
        "{problems:?}"
    );
    assert!(
        problems.contains(&(
            format!("/matters/{pension}/successors/0/matter"),
            "catalog.successor_cycle".into()
        )),
        "{problems:?}"
    );

    // A matter that does not exist, a field the successor's form lacks, a fact that is not one.
    let mut wrong = catalog.clone();
    wrong["matters"][pension]["successors"] = json!([
        {"matter": "NO-SUCH"},
        {"matter": RETIRED_INSURANCE, "mapping": {"shoeSize": {"var": "answer.applicantName"}},
         "condition": {"==": [{"var": "answer.noSuchField"}, {"var": "weather"}]}}
    ]);
    let problems = lint(&wrong);
    let base = format!("/matters/{pension}/successors");
    for (path, code) in [
        (format!("{base}/0/matter"), "catalog.unknown_reference"),
        (
            format!("{base}/1/mapping/shoeSize"),
            "catalog.unknown_reference",
        ),
        (format!("{base}/1/condition"), "catalog.rule_unknown_field"),
    ] {
        assert!(
            problems.contains(&(path.clone(), code.into())),
            "{path} {code}: {problems:?}"
        );
    }
    assert_eq!(
        problems
            .iter()
            .filter(|(_, c)| c == "catalog.rule_unknown_field")
            .count(),
        2,
        "{problems:?}"
    );
}

#[test]
fn the_sample_declares_the_issues_successors() {
    let engine = engine_of(&sample());
    let successors = |code: &str| -> Vec<String> {
        engine
            .catalog()
            .matter(code)
            .unwrap()
            .successors
            .iter()
            .map(|s| s.matter.clone())
            .collect()
    };
    assert_eq!(successors(BIRTH_CERT), [MATERNITY]);
    assert_eq!(successors(PENSION), [RETIRED_INSURANCE]);
}

/// The shared fixture `tests/fixtures/bundles.json` (see its description): the same runs
/// in Node, Chromium and C.
#[test]
fn bundles_fixtures() {
    use doorstep::conformance;
    let failures = conformance::run("bundles.json", |input| {
        let raw = &input.raw;
        let catalog = conformance::load(raw["catalog"].as_str().unwrap());
        let engine = engine_on(&catalog, raw["at"].as_str().unwrap().parse().unwrap());
        let mut cases: std::collections::HashMap<String, Case> = std::collections::HashMap::new();
        let mut events = Vec::new();
        let mut outcomes = Vec::new();
        for step in raw["steps"].as_array().unwrap() {
            let (envelope, ctx) = fixture_step(step, &input.name);
            let case = cases.get(&envelope.case);
            let members: Vec<Case> = case
                .map(|c| {
                    c.members
                        .iter()
                        .filter_map(|m| cases.get(&*m.case).cloned())
                        .collect()
                })
                .unwrap_or_default();
            match decide_with_members(&engine, case, &members, &envelope, &ctx) {
                Ok(new) if new.is_empty() => outcomes.push(json!("noop")),
                Ok(new) => {
                    for e in &new {
                        let before = cases.remove(&*e.case);
                        cases.insert(e.case.to_string(), evolve(before, e).unwrap());
                    }
                    events.extend(new);
                    outcomes.push(json!("ok"));
                }
                Err(e) => outcomes.push(json!(e.code())),
            }
        }
        let mut out = json!({ "outcomes": outcomes });
        if let Some(named) = raw["statusOf"].as_array() {
            out["statuses"] = named
                .iter()
                .map(|id| {
                    let id = id.as_str().unwrap();
                    (id.to_owned(), json!(cases.get(id).map(|c| c.status)))
                })
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
        if let Some(id) = raw["timeline"].as_str() {
            // The district's one file of JSON Lines, as every binding reads it: the first of
            // input.otherEvents before the case events, the rest after (skipped).
            let others = raw["otherEvents"].as_array().cloned().unwrap_or_default();
            let (first, rest) = others.split_at(others.len().min(1));
            let mut lines = first.to_vec();
            lines.extend(events.iter().map(|e| serde_json::to_value(e).unwrap()));
            lines.extend_from_slice(rest);
            let file = lines
                .iter()
                .fold(String::new(), |file, line| file + &format!("{line}\n"));
            let found =
                serde_json::to_value(timeline_jsonl(file.as_bytes(), id, doorstep::Lang::En))
                    .unwrap();
            assert_eq!(found["outcome"], "found", "{found}");
            let line = &found["timeline"];
            out["bundleState"] = line["bundle"]["state"].clone();
            out["rejected"] = line["bundle"]["rejected"].clone();
            out["timelineCases"] = line["cases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["case"].clone())
                .collect();
        }
        out
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn metrics_count_the_members_and_place_the_bundle_cases_own_events() {
    use doorstep::metrics::{Metrics, Period, StreamEvent};
    let mut world = birth();
    work(&mut world, &format!("B-1/{BIRTH_CERT}"), true, "2025-10-14");
    let applicant = mother("2025-10-14T15:00:00+08:00");
    world
        .act("B-1", "w", Command::Withdraw { reason: None }, &applicant)
        .unwrap();
    let mut metrics = Metrics::new();
    for e in &world.events {
        metrics.apply(&StreamEvent::Case(e.clone()));
    }
    assert_eq!(metrics.ignored_events(), 0);
    let day = date(2025, 10, 13);
    let report = metrics
        .report(
            &engine_cache(),
            "350205",
            Period {
                from: day,
                to: day + chrono::Days::new(30),
            },
        )
        .unwrap();
    // The five members (生育津贴 among them), not the bundle.
    assert_eq!(report.cases.received, 5);
    assert_eq!(report.cases.withdrawn, 4);
    assert_eq!(report.cases.concluded, 1);
}

/// A field is found in a bundle's merged form without building it (`validate_field` on every
/// keystroke) exactly where the merged form has one: every pointer into any member's form,
/// nested and repeated ones too, agrees.
#[test]
fn merged_field_lookup_agrees_with_the_merged_form() {
    use doorstep::catalog::bundle::{merged_field_at, merged_form};
    use doorstep::form::Field;

    /// Every field's pointer (an item of a list as `/0`), and one below each that is not.
    fn pointers(fields: &[Field], prefix: &str, out: &mut Vec<String>) {
        for f in fields {
            let here = format!("{prefix}/{}", f.key);
            out.push(format!("{here}/missing"));
            let item = if f.field_type == doorstep::form::FieldType::Repeat {
                format!("{here}/0")
            } else {
                here.clone()
            };
            out.push(here);
            pointers(&f.fields, &item, out);
        }
    }

    let catalog: doorstep::catalog::Catalog =
        serde_json::from_value(sample_catalog()).expect("the sample catalogue");
    let mut compared = 0;
    for b in &catalog.bundles {
        let matters: Vec<_> = b
            .members
            .iter()
            .filter_map(|m| catalog.matters.iter().find(|x| x.code == m.matter))
            .collect();
        let merged = merged_form(&matters);
        let mut all = vec!["/nope".to_owned(), "/".to_owned(), String::new()];
        for m in &matters {
            pointers(&m.form.fields, "", &mut all);
        }
        for p in &all {
            let want = merged.field_at(p).map(|f| (&f.key, f.field_type));
            let got = merged_field_at(&matters, p).map(|f| (&f.key, f.field_type));
            assert_eq!(got, want, "{}: {p}", b.code);
            compared += 1;
        }
    }
    assert!(compared > 100, "{compared}");
}

/// A bundle's validation shows in `Debug` with the applicants' numbers, names and dates
/// masked, its shape kept; so does an answer's case.
#[test]
fn debug_output_of_a_validation_masks_the_answer() {
    let engine = engine_of(&sample());
    let at = date(2026, 11, 25);
    let answer = bundle_answer(&engine, "birth");
    let report = engine
        .validate(&Target::bundle("birth"), &answer, at, doorstep::Lang::ZhCn)
        .unwrap();
    assert!(report.form.valid);
    let shown = format!("{report:?}");
    assert!(
        shown.contains("normalized") && shown.contains("childSex"),
        "{shown}"
    );
    for key in [
        "motherId",
        "fatherId",
        "childId",
        "applicantMobile",
        "motherName",
        "childBirthDate",
    ] {
        let whole = answer[key].as_str().unwrap();
        assert!(!shown.contains(whole), "{key}: {shown}");
    }
}

#[path = "../../examples/rust/front_desk.rs"]
#[allow(dead_code, unreachable_pub)] // its `main` serves the example
mod front_desk;

/// The Rust example of a station's front desk taking 出生一件事 runs to its end.
#[test]
fn the_front_desk_example_runs() {
    front_desk::run().unwrap();
}

/// The catalogue entry of matter `code` (its only or first version), to edit.
fn matter_mut<'c>(catalog: &'c mut Value, code: &str) -> &'c mut Value {
    catalog["matters"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["code"] == code)
        .unwrap()
}

/// A member whose matter is cancelled before the application is not part of the bundle on
/// that date: not in its form, not validated, not in the materials, no case opened.
#[test]
fn a_member_no_longer_in_effect_is_left_out() {
    let mut catalog = sample();
    matter_mut(&mut catalog, SOCIAL_CARD)["cancelled"] = json!("2025-10-01");
    with_engine(engine_of(&catalog));
    let engine = engine_cache();
    let answer = bundle_answer(&engine, "birth");
    let on = date(2025, 10, 13);
    let birth = Target::bundle("birth");
    let report = engine
        .validate(&birth, &answer, on, doorstep::Lang::ZhCn)
        .unwrap();
    assert!(report.form.valid, "{:?}", report.form.errors);
    assert!(
        !report.matters.iter().any(|m| m == SOCIAL_CARD),
        "{:?}",
        report.matters
    );
    let form = engine.form(&birth, on).unwrap();
    assert!(form.fields.iter().all(|f| f.key != "cardBank"));
    let mut world = World::default();
    submit_bundle(&mut world, "B-1", "birth", answer).unwrap();
    assert_eq!(
        world.member_matters("B-1"),
        [BIRTH_CERT, BIRTH_REG, NEWBORN_INSURANCE, MATERNITY]
    );
}

/// A member's next version, in effect from a later date, asks nothing of an application made
/// before that date: the version in effect on the date decides the form and the materials.
#[test]
fn a_members_version_not_yet_in_effect_asks_nothing() {
    let mut catalog = sample();
    let card = matter_mut(&mut catalog, SOCIAL_CARD);
    card["cancelled"] = json!("2026-01-01");
    let mut next = card.clone();
    next["version"] = json!(2);
    next["effective"] = json!("2026-01-01");
    next.as_object_mut().unwrap().remove("cancelled");
    next["form"]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"key": "cardPin", "label": "社保卡密码", "type": "text", "required": true}));
    next["form"]["example"]["cardPin"] = json!("123456");
    next["materials"]
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "card_form", "name": "社保卡申领表", "form": "original"}));
    catalog["matters"].as_array_mut().unwrap().push(next);
    with_engine(engine_of(&catalog));
    let engine = engine_cache();
    let answer = bundle_answer(&engine, "birth");
    let birth = Target::bundle("birth");
    let on = date(2025, 10, 13);
    let report = engine
        .validate(&birth, &answer, on, doorstep::Lang::ZhCn)
        .unwrap();
    assert!(report.form.valid, "{:?}", report.form.errors);
    let check = engine
        .check(&birth, &answer, on, doorstep::Lang::ZhCn)
        .unwrap();
    assert!(check.valid, "{:?}", check.errors);
    let materials = engine.materials(&birth, &answer, &[], on).unwrap();
    assert!(materials.iter().all(|m| m.code != "card_form"));
    // From 2026, the new version asks for both.
    let later = date(2026, 1, 5);
    let report = engine
        .validate(&birth, &answer, later, doorstep::Lang::ZhCn)
        .unwrap();
    assert_eq!(report.form.errors.len(), 1, "{:?}", report.form.errors);
    assert_eq!(report.form.errors[0].path.as_deref(), Some("/cardPin"));
    let materials = engine.materials(&birth, &answer, &[], later).unwrap();
    assert!(materials.iter().any(|m| m.code == "card_form"));
    let mut world = World::default();
    submit_bundle(&mut world, "B-1", "birth", answer).unwrap();
    assert_eq!(world.case(&format!("B-1/{SOCIAL_CARD}")).matter_version, 1);
}

/// A member the applicant withdrew alone leaves the others to decide the bundle: when they
/// all conclude approved, the bundle is concluded, not open forever.
#[test]
fn a_member_withdrawn_alone_does_not_keep_the_bundle_open() {
    let mut world = birth();
    world
        .act(
            &format!("B-1/{SOCIAL_CARD}"),
            "w",
            Command::Withdraw { reason: None },
            &mother("2025-10-13T15:00:00+08:00"),
        )
        .unwrap();
    for m in [BIRTH_CERT, BIRTH_REG, NEWBORN_INSURANCE, MATERNITY] {
        work(&mut world, &format!("B-1/{m}"), true, "2025-10-14");
    }
    assert_eq!(world.birth().state, BundleState::Concluded);
}

/// A bundle whose members are all decided has nothing left to withdraw: refused, and the
/// bundle stays concluded.
#[test]
fn a_bundle_with_nothing_open_cannot_be_withdrawn() {
    let mut world = birth();
    for m in [
        BIRTH_CERT,
        BIRTH_REG,
        NEWBORN_INSURANCE,
        SOCIAL_CARD,
        MATERNITY,
    ] {
        work(&mut world, &format!("B-1/{m}"), true, "2025-10-14");
    }
    let err = world
        .act(
            "B-1",
            "w",
            Command::Withdraw { reason: None },
            &mother("2025-10-15T09:00:00+08:00"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "case.wrong_status");
    assert_eq!(world.birth().state, BundleState::Concluded);
}

/// Two successor entries for one matter (under two conditions that both hold) start one
/// case: the second would reuse its id.
#[test]
fn a_successor_listed_twice_starts_once() {
    let mut catalog = sample();
    let pension = matter_mut(&mut catalog, PENSION);
    let first = pension["successors"][0].clone();
    pension["successors"].as_array_mut().unwrap().push(first);
    let (world, events) = retired(&catalog);
    let started: Vec<&str> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Submitted { .. }))
        .map(|e| &*e.case)
        .collect();
    assert_eq!(started, ["R-1/350205-YB-003"]);
    assert!(world.cases().rejected.is_empty());
}

/// A document two members ask for is listed once, as much of it as either needs: the more
/// copies, and the original when one wants the original, the other a copy (whichever
/// member lists it first).
#[test]
fn a_document_two_members_need_is_listed_once_with_what_both_need() {
    let mut catalog = sample();
    let card = matter_mut(&mut catalog, SOCIAL_CARD);
    let id_card = card["materials"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["code"] == "id_card")
        .unwrap();
    id_card["count"] = json!(3);
    // 出生登记 (listed before 参保 and 生育津贴) wants a copy of the birth certificate only;
    // the certificate's own matter does not issue it here, so the bundle asks for it.
    matter_mut(&mut catalog, BIRTH_CERT)
        .as_object_mut()
        .unwrap()
        .remove("issues");
    let registration = matter_mut(&mut catalog, BIRTH_REG);
    registration["materials"][0]["form"] = json!("copy");
    let engine = engine_of(&catalog);
    let answer = bundle_answer(&engine, "birth");
    let materials = engine
        .materials(&Target::bundle("birth"), &answer, &[], date(2025, 10, 13))
        .unwrap();
    let listed = |code: &str| -> Vec<Value> {
        materials
            .iter()
            .filter(|m| m.code == code)
            .map(|m| json!([m.form, m.count]))
            .collect()
    };
    assert_eq!(listed("id_card"), [json!(["original", 3])]);
    assert_eq!(listed("birth_certificate"), [json!(["original", 1])]);
}

/// Accepts the member case `member` at its department's front desk on `day`, as `client`.
fn accept_member(world: &mut World, member: &str, client: &str, day: &str) {
    let matter = world.case(member).matter.clone();
    let engine = engine_cache();
    let dept = &engine.catalog().matter(&matter).unwrap().department;
    let desk = ctx(
        "fd",
        Role::FrontDesk,
        dept,
        &format!("{day}T09:00:00+08:00"),
    );
    world.act(member, client, Command::Accept, &desk).unwrap();
}

/// Withdrawing a bundle dates a step on each open member: refused, with nothing changed,
/// when a member records a later day (accepted after the date of the withdrawal).
#[test]
fn a_bundle_withdrawn_before_a_day_a_member_records_is_refused() {
    let mut world = birth();
    accept_member(&mut world, "B-1/350205-GA-001", "accept", "2025-10-15");
    let before = world.cases();
    let err = world
        .act(
            "B-1",
            "w",
            Command::Withdraw { reason: None },
            &mother("2025-10-14T15:00:00+08:00"),
        )
        .unwrap_err();
    assert_eq!(
        err,
        CaseError::Backdated {
            latest: date(2025, 10, 15)
        }
    );
    assert_eq!(world.cases(), before);
}

/// A bundle's withdrawal records a step on each open member under its client id: a member
/// that applied that id to something else refuses it, and nothing changes.
#[test]
fn a_bundle_withdrawn_under_an_id_a_member_used_is_refused() {
    let mut world = birth();
    accept_member(&mut world, "B-1/350205-GA-001", "w", "2025-10-14");
    let before = world.cases();
    let withdraw = Command::Withdraw { reason: None };
    let at = mother("2025-10-14T15:00:00+08:00");
    let err = world.act("B-1", "w", withdraw, &at).unwrap_err();
    assert_eq!(err, CaseError::ClientIdReused { action: "accept" });
    assert_eq!(world.cases(), before);
}
