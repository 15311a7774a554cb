//! 预约: booking within capacity, extended-hours slots on days off, home visits for special
//! groups, cancellation, no-shows, and an appointment becoming a case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use doorstep::appointment::{
    AppointmentBook, AppointmentCommand, AppointmentDecideRequest, AppointmentDecision,
    AppointmentError, AppointmentEvolution, AppointmentEvolveRequest, AppointmentStatus, Slot,
};
use doorstep::case::SpecialGroup;
use doorstep::conformance::{self, AppointmentStep};
use doorstep::engine::Engine;
use doorstep::{Coded, Lang};
use serde_json::{Value, json};

fn engine(home_visit: bool) -> Engine {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/catalog/authority.json"
    );
    let mut catalog: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    if home_visit {
        catalog["matters"][1]["channels"] = json!(["window", "home_visit"]);
    }
    Engine::load(
        &catalog.to_string(),
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    )
    .unwrap()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn slot(id: &str, date: &str, capacity: u32, extended_hours: bool) -> Slot {
    Slot {
        id: id.into(),
        station: "350205-001-01".into(),
        date: date.parse().unwrap(),
        start: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        capacity,
        extended_hours,
    }
}

fn book(id: &str, slot: &str, applicant: &str) -> AppointmentCommand {
    AppointmentCommand::Book {
        id: id.into(),
        slot: slot.into(),
        applicant: applicant.into(),
        matter: "MED-INSURE".into(),
        special_groups: vec![],
        home_visit: false,
    }
}

/// A book with a weekday slot (capacity 2) and a Saturday slot, regular and extended.
fn sample() -> AppointmentBook {
    AppointmentBook {
        slots: vec![
            slot("wed", "2025-05-07", 2, false),
            slot("sat", "2025-05-10", 5, false),
            slot("sat-late", "2025-05-10", 5, true),
        ],
        appointments: vec![],
    }
}

fn run(
    engine: &Engine,
    book: &mut AppointmentBook,
    command: AppointmentCommand,
    when: &str,
) -> Result<(), AppointmentError> {
    let event = book.decide(engine, command, at(when))?;
    book.apply(&event);
    Ok(())
}

#[test]
fn capacity_duplicates_and_days_off() {
    let engine = engine(false);
    let mut b = sample();
    let now = "2025-05-06T10:00:00+08:00";
    run(&engine, &mut b, book("a1", "wed", "u-1"), now).unwrap();
    assert_eq!(
        run(&engine, &mut b, book("a2", "wed", "u-1"), now),
        Err(AppointmentError::Duplicate)
    );
    run(&engine, &mut b, book("a3", "wed", "u-2"), now).unwrap();
    let full = run(&engine, &mut b, book("a4", "wed", "u-3"), now).unwrap_err();
    assert_eq!(full.code(), "appointment.full");
    // Cancelling frees the place.
    run(
        &engine,
        &mut b,
        AppointmentCommand::Cancel { id: "a1".into() },
        now,
    )
    .unwrap();
    run(&engine, &mut b, book("a4", "wed", "u-3"), now).unwrap();
    // 10 May 2025 is a Saturday and no make-up day: only the extended-hours slot is open.
    assert_eq!(
        run(&engine, &mut b, book("a5", "sat", "u-4"), now),
        Err(AppointmentError::NotWorkingDay)
    );
    run(&engine, &mut b, book("a5", "sat-late", "u-4"), now).unwrap();
    assert_eq!(
        run(&engine, &mut b, book("a5", "sat-late", "u-5"), now),
        Err(AppointmentError::Exists)
    );
}

#[test]
fn past_slots_no_shows_and_arrivals() {
    let engine = engine(false);
    let mut b = sample();
    run(
        &engine,
        &mut b,
        book("a1", "wed", "u-1"),
        "2025-05-06T10:00:00+08:00",
    )
    .unwrap();
    run(
        &engine,
        &mut b,
        book("a2", "wed", "u-2"),
        "2025-05-06T10:00:00+08:00",
    )
    .unwrap();
    // The slot starts at 18:00 CST (10:00 UTC).
    assert_eq!(
        run(
            &engine,
            &mut b,
            book("a3", "wed", "u-3"),
            "2025-05-07T10:00:00Z"
        ),
        Err(AppointmentError::Past)
    );
    let early = AppointmentCommand::NoShow { id: "a1".into() };
    assert_eq!(
        run(&engine, &mut b, early.clone(), "2025-05-07T18:30:00+08:00"),
        Err(AppointmentError::TooEarly)
    );
    run(&engine, &mut b, early, "2025-05-07T19:00:00+08:00").unwrap();
    let arrive = AppointmentCommand::Arrive {
        id: "a2".into(),
        case: "HC-1".into(),
    };
    run(&engine, &mut b, arrive.clone(), "2025-05-07T18:10:00+08:00").unwrap();
    assert_eq!(
        run(&engine, &mut b, arrive, "2025-05-07T18:11:00+08:00"),
        Err(AppointmentError::WrongStatus)
    );
    let a2 = b.appointment("a2").unwrap();
    assert_eq!(a2.status, AppointmentStatus::Arrived);
    assert_eq!(a2.case.as_deref(), Some("HC-1"));
    assert_eq!(
        b.appointment("a1").unwrap().status,
        AppointmentStatus::NoShow
    );
}

#[test]
fn home_visits_are_for_special_groups_and_offered_matters() {
    let visit = |groups: Vec<SpecialGroup>| AppointmentCommand::Book {
        id: "h1".into(),
        slot: "wed".into(),
        applicant: "u-9".into(),
        matter: "MED-INSURE".into(),
        special_groups: groups,
        home_visit: true,
    };
    let now = "2025-05-06T10:00:00+08:00";
    let offered = engine(true);
    let mut b = sample();
    assert_eq!(
        run(&offered, &mut b, visit(vec![]), now),
        Err(AppointmentError::HomeVisit)
    );
    run(&offered, &mut b, visit(vec![SpecialGroup::Elderly]), now).unwrap();
    assert!(b.appointment("h1").unwrap().home_visit);
    let not_offered = engine(false);
    let mut b = sample();
    assert_eq!(
        run(
            &not_offered,
            &mut b,
            visit(vec![SpecialGroup::Disabled]),
            now
        ),
        Err(AppointmentError::HomeVisit)
    );
}

#[test]
fn unknown_slots_matters_and_years() {
    let engine = engine(false);
    let mut b = sample();
    b.slots.push(slot("far", "2031-05-07", 1, false));
    let now = "2025-05-06T10:00:00+08:00";
    assert_eq!(
        run(&engine, &mut b, book("a1", "nope", "u-1"), now),
        Err(AppointmentError::UnknownSlot)
    );
    // A day of a year the calendar does not have: the error names the year and how to add it.
    let Err(far @ AppointmentError::Calendar(_)) =
        run(&engine, &mut b, book("a1", "far", "u-1"), now)
    else {
        panic!("a day outside the calendar is refused");
    };
    assert_eq!(far.code(), "appointment.calendar");
    assert!(
        far.params().contains_key("knownYears"),
        "{:?}",
        far.params()
    );
    assert!(
        far.message(Lang::ZhCn).contains("calendar 中加入"),
        "{}",
        far.message(Lang::ZhCn)
    );
    let mut other = book("a1", "wed", "u-1");
    if let AppointmentCommand::Book { matter, .. } = &mut other {
        *matter = "BIRTH-CERT".into(); // not handled at community stations
    }
    assert_eq!(
        run(&engine, &mut b, other, now),
        Err(AppointmentError::UnknownMatter)
    );
    assert!(b.appointments.is_empty());
}

/// One evolve request `{book, event}` through JSON, as a binding sends it.
fn evolve_json(book: &Value, event: &Value, lang: Lang) -> AppointmentStep {
    let request = json!({"book": book, "event": event}).to_string();
    let request = AppointmentEvolveRequest::from_json(&request)
        .map_err(|e| (e.code().to_owned(), e.message(lang)))?;
    match request.run(lang) {
        AppointmentEvolution::Applied { book } => Ok(serde_json::to_value(book).unwrap()),
        AppointmentEvolution::Refused { error } => Err((error.code, error.message)),
    }
}

/// One decide request `{book, command, at}` through JSON: the event, or why not.
fn decide_json(engine: &Engine, book: &Value, step: &Value, lang: Lang) -> AppointmentStep {
    let request = json!({"book": book, "command": step["command"], "at": step["at"]});
    let request = AppointmentDecideRequest::from_json(&request.to_string())
        .map_err(|e| (e.code().to_owned(), e.message(lang)))?;
    match engine.decide_appointment(&request, lang) {
        AppointmentDecision::Accepted { event } => Ok(serde_json::to_value(event).unwrap()),
        AppointmentDecision::Refused { error } => Err((error.code, error.message)),
    }
}

/// The appointment fixture (see its description): steps decided and applied through the
/// JSON requests every binding sends, then the book's appointments, places taken and a
/// replay of the accepted events.
#[test]
fn appointments_fixtures() {
    let failures = conformance::run("appointments.json", |input| {
        let raw = &input.raw;
        let catalog = conformance::catalog_of(raw);
        let engine = Engine::load(
            &catalog.to_string(),
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        )
        .unwrap();
        let lang = Lang::parse(input.lang.as_deref().unwrap_or("zh-CN")).unwrap();
        conformance::appointment_outcome(
            raw,
            |book, step| decide_json(&engine, book, step, lang),
            |book, event| evolve_json(book, event, lang),
        )
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A stored book is checked as it is read: bounds, slot times, ids unique, appointments
/// in slots of the book; taken as the core writes it.
#[test]
fn books_are_checked_as_they_are_read() {
    let good = json!({"slots": [{"id": "wed", "station": "350205-001-01", "date": "2025-05-07",
        "start": "18:00:00", "end": "19:00:00", "capacity": 2}],
        "appointments": [{"id": "a1", "slot": "wed", "applicant": "u-1", "matter": "MED-INSURE",
        "status": "booked"}]});
    let read = |book: &Value| {
        let request = json!({"book": book, "command": {"type": "cancel", "id": "a1"},
            "at": "2025-05-06T10:00:00+08:00"});
        AppointmentDecideRequest::from_json(&request.to_string()).map(|r| r.book)
    };
    let book = read(&good).unwrap();
    assert_eq!(
        serde_json::to_value(&book).unwrap()["slots"][0]["extendedHours"],
        false
    );
    let spoil = |pointer: &str, value: Value| {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).unwrap() = value;
        bad
    };
    let mut two_slots = good.clone();
    let slot = two_slots["slots"][0].clone();
    two_slots["slots"].as_array_mut().unwrap().push(slot);
    let mut two_appointments = good.clone();
    let a = two_appointments["appointments"][0].clone();
    two_appointments["appointments"]
        .as_array_mut()
        .unwrap()
        .push(a);
    for bad in [
        spoil("/slots/0/id", json!("")),
        spoil("/slots/0/id", json!("s".repeat(129))),
        spoil("/slots/0/station", json!("x".repeat(65))),
        spoil("/slots/0/end", json!("18:00:00")),
        spoil("/slots/0/capacity", json!(100_001)),
        spoil("/appointments/0/slot", json!("thu")),
        spoil("/appointments/0/applicant", json!("")),
        spoil("/appointments/0", {
            let mut arrived = good["appointments"][0].clone();
            arrived["case"] = json!("c".repeat(129));
            arrived
        }),
        two_slots,
        two_appointments,
    ] {
        let e = read(&bad).unwrap_err();
        assert_eq!(e.code(), "input.shape", "{bad}");
        let message = e.message(Lang::En);
        for long in ["ssssss", "xxxxxx", "cccccc"] {
            assert!(!message.contains(long), "{message}");
        }
    }
}

mod properties {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::{AppointmentBook, AppointmentCommand, AppointmentStatus, at, engine, sample};
    use doorstep::case::SpecialGroup;

    /// Times around the sample's slots (Wednesday 7 May 2025 18:00–19:00, Saturday 10 May
    /// 18:00–19:00): before them, during and after the first, on the Saturday, after all.
    const TIMES: [&str; 5] = [
        "2025-05-06T10:00:00+08:00",
        "2025-05-07T18:10:00+08:00",
        "2025-05-07T19:30:00+08:00",
        "2025-05-10T18:20:00+08:00",
        "2025-05-11T09:00:00+08:00",
    ];
    const SLOTS: [&str; 4] = ["wed", "sat", "sat-late", "nope"];

    /// Mostly the Wednesday slot (capacity 2), so that it fills.
    fn slot() -> impl Strategy<Value = usize> {
        prop_oneof![3 => Just(0), 2 => 0..SLOTS.len()]
    }

    /// Mostly the day before the slots, when they can be booked.
    fn time() -> impl Strategy<Value = usize> {
        prop_oneof![3 => Just(0), 2 => 0..TIMES.len()]
    }

    /// A command over a few ids, slots and applicants, so that they collide.
    fn command() -> impl Strategy<Value = AppointmentCommand> {
        let id = (0..6u8).prop_map(|i| format!("a{i}"));
        prop_oneof![
            4 => (id.clone(), slot(), 0..4u8, any::<bool>(), any::<bool>()).prop_map(
                |(id, slot, who, elderly, home_visit)| AppointmentCommand::Book {
                    id,
                    slot: SLOTS[slot].into(),
                    applicant: format!("u-{who}").into(),
                    matter: "MED-INSURE".into(),
                    special_groups: if elderly { vec![SpecialGroup::Elderly] } else { vec![] },
                    home_visit,
                }
            ),
            1 => id.clone().prop_map(|id| AppointmentCommand::Cancel { id }),
            1 => id.clone().prop_map(|id| AppointmentCommand::NoShow { id }),
            1 => (id, 0..3u8).prop_map(|(id, c)| AppointmentCommand::Arrive {
                id,
                case: format!("HC-{c}"),
            }),
        ]
    }

    proptest! {
        /// Whatever citizens and stations ask, in any order and at any time: a slot never
        /// holds more than its capacity, an applicant holds a slot once, ids stay unique,
        /// an appointment leaves `booked` once and for all, every accepted event applies,
        /// and the book it makes reads back as itself (it passes the checks a stored book
        /// is read with).
        #[test]
        fn the_book_keeps_its_rules(
            steps in proptest::collection::vec((command(), time()), 1..40),
            home_visit_offered in any::<bool>(),
        ) {
            let engine = engine(home_visit_offered);
            let mut book = sample();
            for (command, time) in steps {
                let before: Vec<_> = book.appointments.iter().map(|a| (a.id.clone(), a.status)).collect();
                let Ok(event) = book.decide(&engine, command, at(TIMES[time])) else {
                    continue;
                };
                book = book.evolve(&event).expect("an event decide gave applies");
                for slot in &book.slots {
                    prop_assert!(book.taken(&slot.id) <= slot.capacity as usize, "{} over capacity", slot.id);
                }
                let held: Vec<_> = book.appointments.iter()
                    .filter(|a| a.status == AppointmentStatus::Booked)
                    .map(|a| (&a.slot, &a.applicant))
                    .collect();
                prop_assert_eq!(held.iter().collect::<HashSet<_>>().len(), held.len());
                let ids: HashSet<_> = book.appointments.iter().map(|a| &a.id).collect();
                prop_assert_eq!(ids.len(), book.appointments.len());
                for (id, status) in before {
                    let now = book.appointment(&id).map(|a| a.status);
                    prop_assert!(status == AppointmentStatus::Booked || now == Some(status), "{id} left {status:?}");
                }
                let text = serde_json::to_string(&book).unwrap();
                let read: AppointmentBook = serde_json::from_str(&text).expect("the book reads back");
                prop_assert_eq!(&read, &book);
            }
        }
    }
}

/// A slot at a street centre (a catalogue org of level `street`) takes the matters handled
/// at street centres, not those handled only at community stations; a slot whose station the
/// catalogue does not name is taken as a community station's.
#[test]
fn a_street_centre_slot_takes_the_matters_handled_there() {
    let engine = engine(false);
    let mut b = sample();
    let mut centre = slot("centre", "2025-05-07", 2, false);
    centre.station = "350205-001".into();
    b.slots.push(centre);
    let now = "2025-05-06T10:00:00+08:00";
    let of = |id: &str, slot: &str, code: &str| {
        let mut command = book(id, slot, "u-1");
        if let AppointmentCommand::Book { matter, .. } = &mut command {
            *matter = code.into();
        }
        command
    };
    // BIRTH-CERT is handled at the district and at street centres, not at stations.
    run(&engine, &mut b, of("c1", "centre", "BIRTH-CERT"), now).unwrap();
    assert_eq!(
        run(&engine, &mut b, of("c2", "wed", "BIRTH-CERT"), now),
        Err(AppointmentError::UnknownMatter)
    );
    // A matter handled only at community stations is not booked at a street centre.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/catalog/authority.json"
    );
    let mut catalog: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    catalog["matters"][1]["levels"] = json!(["community"]);
    let community_only = Engine::load(
        &catalog.to_string(),
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(
        run(
            &community_only,
            &mut b,
            of("c3", "centre", "MED-INSURE"),
            now
        ),
        Err(AppointmentError::UnknownMatter)
    );
    run(&community_only, &mut b, of("c3", "wed", "MED-INSURE"), now).unwrap();
    // A station the catalogue does not name: a community station, as before.
    let mut elsewhere = slot("elsewhere", "2025-05-07", 2, false);
    elsewhere.station = "350205-009-09".into();
    b.slots.push(elsewhere);
    run(&engine, &mut b, of("c4", "elsewhere", "MED-INSURE"), now).unwrap();
}

/// One place per applicant in a slot: an applicant who came early (arrived, on the slot's
/// day, before it starts) still holds their place, which counts against capacity, and
/// cannot book a second one in the same slot.
#[test]
fn an_arrival_still_holds_the_applicants_place() {
    let engine = engine(false);
    let mut b = sample();
    run(
        &engine,
        &mut b,
        book("a1", "wed", "u-1"),
        "2025-05-06T10:00:00+08:00",
    )
    .unwrap();
    let arrive = AppointmentCommand::Arrive {
        id: "a1".into(),
        case: "HC-1".into(),
    };
    run(&engine, &mut b, arrive, "2025-05-07T09:00:00+08:00").unwrap();
    assert_eq!(b.taken("wed"), 1);
    assert_eq!(
        run(
            &engine,
            &mut b,
            book("a2", "wed", "u-1"),
            "2025-05-07T09:30:00+08:00"
        ),
        Err(AppointmentError::Duplicate)
    );
    assert_eq!(b.appointments.len(), 1);
    // Another applicant takes the second place.
    run(
        &engine,
        &mut b,
        book("a2", "wed", "u-2"),
        "2025-05-07T09:30:00+08:00",
    )
    .unwrap();
}
