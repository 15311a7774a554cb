//! The working calendar (工作日 / 调休) and time limits: the shipped holiday table, the
//! arithmetic's invariants, and the shared fixture `tests/fixtures/calendar.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, NaiveDate, Weekday};
use doorstep::calendar::{
    CalendarError, CalendarQuery, CalendarReport, Deadline, Escalation, Holiday, Light, Pause,
    Thresholds, WorkCalendar, YearArrangement, china_arrangements,
};
use doorstep::{Coded, Lang, conformance};
use proptest::prelude::*;
use serde_json::{Value, json};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn calendar_fixtures() {
    let cal = WorkCalendar::china();
    let load_at = conformance::load("calendar.json")["loadAt"]
        .as_str()
        .and_then(doorstep::calendar::parse_date)
        .expect("calendar.json: loadAt");
    let failures = conformance::run("calendar.json", |input| {
        let mut raw = input.raw.clone();
        if let Some(map) = raw.as_object_mut() {
            for key in ["lang", "catalog", "patch"] {
                map.remove(key);
            }
        }
        let query: CalendarQuery = serde_json::from_value(raw)
            .unwrap_or_else(|e| panic!("{}: fixture query: {e}", input.name));
        let lang = doorstep::args::parse_lang(input.lang.as_deref()).expect("lang");
        // With a catalogue: the engine's calendar (the shipped years and the catalogue's).
        let report = if input.raw.get("catalog").is_some() {
            let catalog = serde_json::from_value(conformance::catalog_of(&input.raw))
                .unwrap_or_else(|e| panic!("{}: catalogue: {e}", input.name));
            let engine = doorstep::engine::Engine::new(catalog, load_at).expect("engine");
            query.report(engine.calendar(), lang)
        } else {
            query.report(&cal, lang)
        };
        serde_json::to_value(report).unwrap()
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---- the shipped table ----

#[test]
fn the_shipped_table_is_valid() {
    let years = china_arrangements();
    let notices: Vec<(i32, &str)> = years.iter().map(|y| (y.year, y.notice.as_str())).collect();
    assert_eq!(
        notices,
        [
            (2024, "国办发明电〔2023〕7号"),
            (2025, "国办发明电〔2024〕12号"),
            (2026, "国办发明电〔2025〕7号"),
        ]
    );
    // No entry lost in the conversion from the constant table.
    let counts: Vec<(usize, usize)> = years
        .iter()
        .map(|y| (y.holidays.len(), y.make_up_days.len()))
        .collect();
    assert_eq!(counts, [(7, 8), (6, 5), (7, 6)]);
    for y in &years {
        for h in &y.holidays {
            assert!(h.from <= h.to, "{} {}", y.year, h.name);
            assert_eq!((h.from.year(), h.to.year()), (y.year, y.year), "{}", h.name);
        }
        for &m in &y.make_up_days {
            assert_eq!(m.year(), y.year, "{m}");
            assert!(is_weekend(m), "make-up day {m} is not a weekend day");
            assert!(!y.holidays.iter().any(|h| h.from <= m && m <= h.to), "{m}");
        }
    }
    let checked = WorkCalendar::from_years(years).expect("the shipped table passes");
    assert_eq!(checked, WorkCalendar::china());
    assert_eq!(WorkCalendar::default(), WorkCalendar::china());
}

#[test]
fn the_calendar_is_shareable_between_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<WorkCalendar>();
    shareable::<CalendarQuery>();
    shareable::<CalendarError>();
}

#[test]
fn working_days_per_year_match_the_published_counts() {
    let cal = WorkCalendar::china();
    // 2024: 366 days, 104 weekend days, 19 weekday holidays, 8 make-up days.
    let jan1 = i64::from(cal.is_working_day(d(2024, 1, 1)).unwrap());
    assert_eq!(
        jan1 + cal
            .working_days_between(d(2024, 1, 1), d(2024, 12, 31))
            .unwrap(),
        251
    );
    // 2025: 365 − 104 − 18 + 5; 2026: 365 − 104 − 19 + 6.
    assert_eq!(
        cal.working_days_between(d(2024, 12, 31), d(2025, 12, 31))
            .unwrap(),
        248
    );
    assert_eq!(
        cal.working_days_between(d(2025, 12, 31), d(2026, 12, 31))
            .unwrap(),
        248
    );
}

#[test]
fn every_day_follows_the_rule() {
    let cal = WorkCalendar::china();
    for y in china_arrangements() {
        let mut day = d(y.year, 1, 1);
        while day.year() == y.year {
            let holiday = y.holidays.iter().any(|h| h.from <= day && day <= h.to);
            let want = y.make_up_days.contains(&day) || (!is_weekend(day) && !holiday);
            assert_eq!(cal.is_working_day(day).unwrap(), want, "{day}");
            day = day.succ_opt().unwrap();
        }
    }
}

// ---- the must-show case ----

#[test]
fn accepted_2025_09_30_with_five_working_days_is_due_2025_10_14() {
    let cal = WorkCalendar::china();
    // 10-01..08 国庆节、中秋节; 10-09 Thu (1), 10-10 Fri (2), 10-11 Sat make-up (3),
    // 10-12 Sun, 10-13 Mon (4), 10-14 Tue (5).
    assert_eq!(
        cal.add_working_days(d(2025, 9, 30), 5).unwrap(),
        d(2025, 10, 14)
    );
    let mut deadline = Deadline::new(d(2025, 9, 30), 5);
    assert_eq!(deadline.due(&cal, d(2025, 10, 1)).unwrap(), d(2025, 10, 14));
    // 补正 over 10-09..=10-10: 10-11 (1), 10-13 (2), 10-14 (3), 10-15 (4), 10-16 (5).
    deadline
        .pauses
        .push(Pause::closed(d(2025, 10, 9), d(2025, 10, 10)));
    let due = deadline.due(&cal, d(2025, 10, 20)).unwrap();
    assert_eq!(due, d(2025, 10, 16));
    assert_eq!(cal.add_working_days(d(2025, 10, 14), 2).unwrap(), due);
}

#[test]
fn lights_and_escalation_follow_the_thresholds() {
    let cal = WorkCalendar::china();
    let mut deadline = Deadline::new(d(2025, 9, 30), 5);
    deadline
        .pauses
        .push(Pause::closed(d(2025, 10, 9), d(2025, 10, 10)));
    let t = Thresholds::default();
    let at = |now| deadline.status(&cal, now, &t).unwrap();
    assert_eq!(at(d(2025, 10, 13)).light, Light::Green);
    assert_eq!(at(d(2025, 10, 15)).light, Light::Yellow);
    assert_eq!(at(d(2025, 10, 16)).light, Light::Yellow);
    let late = at(d(2025, 10, 17));
    assert_eq!(
        (late.light, late.escalation),
        (Light::Red, Escalation::Level1)
    );
    assert_eq!(at(d(2025, 10, 21)).escalation, Escalation::Level2);
    // Serialised as the bindings see them.
    assert_eq!(
        serde_json::to_value(at(d(2025, 10, 21))).unwrap(),
        json!({
            "due": "2025-10-16", "light": "red", "escalation": "level2",
            "totalWorkingDays": 5, "usedWorkingDays": 5, "remainingWorkingDays": 0,
            "overdueWorkingDays": 3, "paused": false
        })
    );
    // Stricter thresholds.
    let strict = Thresholds {
        yellow_remaining_working_days: 3,
        ..Thresholds::default()
    };
    assert_eq!(
        deadline
            .status(&cal, d(2025, 10, 13), &strict)
            .unwrap()
            .light,
        Light::Yellow
    );
}

#[test]
fn an_open_pause_stops_the_clock_today() {
    let cal = WorkCalendar::china();
    let mut deadline = Deadline::new(d(2025, 9, 30), 5);
    deadline.pauses.push(Pause::open(d(2025, 10, 13)));
    // Paused on 13 and 14: 9 (1), 10 (2), 11 (3), 15 (4), 16 (5).
    assert_eq!(
        deadline.due(&cal, d(2025, 10, 14)).unwrap(),
        d(2025, 10, 16)
    );
    // A day later the due date is a working day later.
    assert_eq!(
        deadline.due(&cal, d(2025, 10, 15)).unwrap(),
        d(2025, 10, 17)
    );
    assert!(
        deadline
            .status(&cal, d(2025, 10, 15), &Thresholds::default())
            .unwrap()
            .paused
    );
    // An open pause that starts after today pauses nothing yet.
    let later = Deadline {
        pauses: vec![Pause::open(d(2025, 10, 20))],
        ..Deadline::new(d(2025, 9, 30), 5)
    };
    assert_eq!(later.due(&cal, d(2025, 10, 10)).unwrap(), d(2025, 10, 14));
}

#[test]
fn an_extension_adds_working_days() {
    let cal = WorkCalendar::china();
    let deadline = Deadline {
        extension_working_days: Some(10),
        ..Deadline::new(d(2025, 9, 30), 5)
    };
    assert_eq!(deadline.total_working_days(), 15);
    assert_eq!(deadline.due(&cal, d(2025, 10, 1)).unwrap(), d(2025, 10, 28));
}

// ---- errors ----

#[test]
fn out_of_range_is_a_coded_error_in_both_languages() {
    let cal = WorkCalendar::china();
    let e = cal.add_working_days(d(2026, 12, 31), 1).unwrap_err();
    assert_eq!(
        e,
        CalendarError::OutOfRange {
            date: d(2027, 1, 1),
            known_years: vec![2024, 2025, 2026]
        }
    );
    assert_eq!(e.code(), "calendar.out_of_range");
    assert_eq!(
        Value::Object(e.params()),
        json!({"date": "2027-01-01", "knownYears": [2024, 2025, 2026]})
    );
    assert!(e.message(Lang::ZhCn).contains("2024、2025、2026"));
    assert!(e.message(Lang::En).contains("2024, 2025, 2026"));
    // n = 0 and between also ask about their dates.
    assert!(cal.add_working_days(d(2023, 12, 31), 0).is_err());
    assert!(
        cal.working_days_between(d(2026, 6, 1), d(2027, 6, 1))
            .is_err()
    );
    assert!(!cal.covers(d(2027, 1, 1)));
    assert!(cal.covers(d(2026, 12, 31)));
}

#[test]
fn an_empty_calendar_knows_nothing() {
    let cal = WorkCalendar::from_years(Vec::new()).unwrap();
    let e = cal.is_working_day(d(2025, 1, 2)).unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_range");
    assert!(!e.message(Lang::ZhCn).is_empty());
}

#[test]
fn gaps_between_years_are_out_of_range() {
    let mut years = china_arrangements();
    years.retain(|y| y.year != 2025);
    let cal = WorkCalendar::from_years(years).unwrap();
    assert_eq!(cal.known_years(), [2024, 2026]);
    let e = cal
        .working_days_between(d(2024, 12, 1), d(2026, 1, 10))
        .unwrap_err();
    assert_eq!(
        e,
        CalendarError::OutOfRange {
            date: d(2025, 1, 1),
            known_years: vec![2024, 2026]
        }
    );
    assert!(cal.add_working_days(d(2024, 12, 30), 5).is_err());
}

fn year(y: i32) -> YearArrangement {
    YearArrangement {
        year: y,
        notice: "test".into(),
        holidays: Vec::new(),
        make_up_days: Vec::new(),
    }
}

#[test]
fn from_years_rejects_bad_data() {
    let holiday = |from, to| Holiday {
        name: "假".into(),
        from,
        to,
    };
    let cases: Vec<(Vec<YearArrangement>, &str)> = vec![
        (vec![year(2030), year(2030)], "calendar.duplicate_year"),
        (vec![year(i32::MAX)], "calendar.invalid_year"),
        (
            vec![YearArrangement {
                make_up_days: vec![d(2030, 1, 7)], // Monday
                ..year(2030)
            }],
            "calendar.make_up_not_weekend",
        ),
        (
            vec![YearArrangement {
                make_up_days: vec![d(2031, 1, 4)],
                ..year(2030)
            }],
            "calendar.date_outside_year",
        ),
        (
            vec![YearArrangement {
                holidays: vec![holiday(d(2030, 12, 31), d(2031, 1, 1))],
                ..year(2030)
            }],
            "calendar.date_outside_year",
        ),
        (
            vec![YearArrangement {
                holidays: vec![holiday(d(2030, 1, 3), d(2030, 1, 1))],
                ..year(2030)
            }],
            "calendar.invalid_range",
        ),
        (
            vec![YearArrangement {
                holidays: vec![holiday(d(2030, 1, 1), d(2030, 1, 6))],
                make_up_days: vec![d(2030, 1, 5)], // Saturday inside the holiday
                ..year(2030)
            }],
            "calendar.holiday_on_make_up",
        ),
    ];
    for (years, code) in cases {
        let e = WorkCalendar::from_years(years).unwrap_err();
        assert_eq!(e.code(), code);
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!e.message(lang).is_empty(), "{code}");
        }
        assert!(!e.params().is_empty(), "{code}");
    }
}

#[test]
fn a_host_can_add_a_year_as_json() {
    let mut years = china_arrangements();
    let next: YearArrangement = serde_json::from_value(json!({
        "year": 2027,
        "notice": "(example)",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
        "makeUpDays": []
    }))
    .unwrap();
    years.push(next);
    let cal = WorkCalendar::from_years(years).unwrap();
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 1).unwrap(),
        d(2027, 1, 4)
    );
    // A typo is an error, not a silence.
    assert!(
        serde_json::from_value::<YearArrangement>(json!({
            "year": 2027, "notice": "", "holidays": [], "makeUpDay": []
        }))
        .is_err()
    );
}

#[test]
fn queries_are_strict_json() {
    let parse = |v: Value| serde_json::from_value::<CalendarQuery>(v);
    assert!(parse(json!({"op": "isWorkingDay", "date": "2025-10-11"})).is_ok());
    assert!(parse(json!({"op": "isWorkingDay", "date": "2025-10-11", "x": 1})).is_err());
    assert!(parse(json!({"op": "nextWorkingDay", "date": "2025-10-11"})).is_err());
    assert!(parse(json!({"op": "addWorkingDays", "date": "2025-10-11", "days": -1})).is_err());
    assert!(parse(json!({"op": "addWorkingDays", "date": "2025-13-11", "days": 1})).is_err());
    assert!(
        parse(json!({
            "op": "deadline", "acceptedOn": "2025-09-30", "limitWorkingDays": 5,
            "now": "2025-10-10", "thresholds": {"yellowPercent": 50}
        }))
        .is_err()
    );
}

#[test]
fn reports_round_trip() {
    let cal = WorkCalendar::china();
    for q in [
        json!({"op": "isWorkingDay", "date": "2025-10-11"}),
        json!({"op": "addWorkingDays", "date": "2025-09-30", "days": 5}),
        json!({"op": "workingDaysBetween", "from": "2025-09-30", "to": "2025-10-14"}),
        json!({"op": "deadline", "acceptedOn": "2025-09-30", "limitWorkingDays": 5, "now": "2025-10-10"}),
        json!({"op": "isWorkingDay", "date": "2030-01-01"}),
    ] {
        let query: CalendarQuery = serde_json::from_value(q).unwrap();
        let report = query.report(&cal, Lang::En);
        let text = serde_json::to_string(&report).unwrap();
        let back: CalendarReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report, "{text}");
    }
}

// ---- properties ----

/// Any day of the known years: 2024-01-01 plus 0..1096 days.
fn known_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..1096).prop_map(|n| d(2024, 1, 1) + chrono::Days::new(n))
}

proptest! {
    #[test]
    fn add_working_days_lands_on_a_working_day_and_is_monotone(
        start in known_day(),
        n in 0u32..300,
        extra in 0u32..50,
    ) {
        let cal = WorkCalendar::china();
        let later = cal.add_working_days(start, n + extra);
        let here = cal.add_working_days(start, n);
        if let Ok(later) = later {
            // If the larger count is answerable, so is the smaller, and it is not later.
            let here = here.clone().unwrap();
            prop_assert!(here <= later);
            if extra > 0 {
                prop_assert!(here < later);
            }
        }
        if let Ok(here) = here {
            if n >= 1 {
                prop_assert!(cal.is_working_day(here).unwrap());
                prop_assert!(here > start);
            } else {
                prop_assert_eq!(here, start);
            }
            prop_assert_eq!(cal.working_days_between(start, here).unwrap(), i64::from(n));
            prop_assert_eq!(cal.working_days_between(here, start).unwrap(), -i64::from(n));
        } else {
            prop_assert_eq!(here.unwrap_err().code(), "calendar.out_of_range");
        }
    }

    #[test]
    fn a_pause_never_moves_the_due_date_earlier(
        accepted in known_day(),
        limit in 0u32..40,
        from in known_day(),
        len in 0u64..30,
        now in known_day(),
    ) {
        let cal = WorkCalendar::china();
        let plain = Deadline::new(accepted, limit);
        let to = from + chrono::Days::new(len);
        let paused = Deadline { pauses: vec![Pause::closed(from, to)], ..plain.clone() };
        if let Ok(with) = paused.due(&cal, now) {
            let without = plain.due(&cal, now).unwrap();
            prop_assert!(with >= without);
        }
        let open = Deadline { pauses: vec![Pause::open(from)], ..plain.clone() };
        if let Ok(with) = open.due(&cal, now) {
            prop_assert!(with >= plain.due(&cal, now).unwrap());
        }
    }

    #[test]
    fn a_pause_before_the_due_date_moves_it_by_its_working_days(
        accepted in known_day(),
        limit in 1u32..40,
        offset in 0u32..40,
        len in 0u64..20,
    ) {
        let cal = WorkCalendar::china();
        let plain = Deadline::new(accepted, limit);
        let Ok(due) = plain.due(&cal, accepted) else { return Ok(()) };
        // A pause starting on some day after acceptance and ending by the due date.
        let Ok(from) = cal.add_working_days(accepted, offset % limit + 1) else { return Ok(()) };
        let to = (from + chrono::Days::new(len)).min(due);
        let k = cal.working_days_between(from, to).unwrap()
            + i64::from(cal.is_working_day(from).unwrap());
        let paused = Deadline { pauses: vec![Pause::closed(from, to)], ..plain.clone() };
        let k = u32::try_from(k).unwrap();
        match cal.add_working_days(due, k) {
            Ok(want) => prop_assert_eq!(paused.due(&cal, accepted).unwrap(), want),
            Err(_) => prop_assert!(paused.due(&cal, accepted).is_err()),
        }
    }

    #[test]
    fn status_never_fails_inside_the_calendar_unless_out_of_range(
        accepted in known_day(),
        limit in 0u32..30,
        now in known_day(),
        from in known_day(),
        len in 0u64..10,
    ) {
        let cal = WorkCalendar::china();
        let deadline = Deadline {
            pauses: vec![Pause::closed(from, from + chrono::Days::new(len))],
            ..Deadline::new(accepted, limit)
        };
        match deadline.status(&cal, now, &Thresholds::default()) {
            Ok(s) => {
                prop_assert_eq!(s.used_working_days + s.remaining_working_days, s.total_working_days);
                prop_assert_eq!(s.light == Light::Red, now > s.due);
                prop_assert!(s.escalation == Escalation::None || s.light == Light::Red);
            }
            Err(e) => prop_assert_eq!(e.code(), "calendar.out_of_range"),
        }
    }

    #[test]
    fn queries_never_panic(
        op in prop::sample::select(vec!["isWorkingDay", "addWorkingDays", "workingDaysBetween", "deadline"]),
        y in -300_000i32..300_000,
        m in 0u32..14,
        day in 0u32..33,
        n in any::<u32>(),
    ) {
        let date = format!("{y:04}-{m:02}-{day:02}");
        let q = match op {
            "isWorkingDay" => json!({"op": op, "date": date}),
            "addWorkingDays" => json!({"op": op, "date": date, "days": n}),
            "workingDaysBetween" => json!({"op": op, "from": date, "to": "2025-01-01"}),
            _ => json!({
                "op": op, "acceptedOn": date, "limitWorkingDays": n, "now": "2025-06-01",
                "pauses": [{"from": date, "to": null}], "extensionWorkingDays": n
            }),
        };
        // A date that does not exist is a shape error; every query that parses answers.
        if let Ok(query) = serde_json::from_value::<CalendarQuery>(q) {
            let report = query.report(&WorkCalendar::china(), Lang::ZhCn);
            prop_assert!(report.errors.len() == usize::from(report.answer.is_none()));
        }
        let cal = WorkCalendar::china();
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, day) {
            let _ = cal.is_working_day(date);
            let _ = cal.add_working_days(date, n);
            let _ = cal.working_days_between(date, d(2025, 1, 1));
            let _ = Deadline::new(date, n).status(&cal, date, &Thresholds::default());
        }
    }
}

/// A catalogue's `calendar` adds a year the library does not ship and replaces one it
/// does; the engine's deadlines count with the result.
#[test]
fn a_catalogue_adds_and_replaces_years() {
    let mut doc: Value = conformance::load("catalog/mini.json");
    doc["calendar"] = json!([
        {"year": 2027, "notice": "test", "makeUpDays": [],
         "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}]},
        // 2026 as shipped, plus a day off on Tuesday 1 December.
        {"year": 2026, "notice": "test, amended", "makeUpDays": ["2026-01-04"],
         "holidays": [{"name": "元旦", "from": "2026-01-01", "to": "2026-01-03"},
                      {"name": "test", "from": "2026-12-01", "to": "2026-12-01"}]},
    ]);
    let engine = doorstep::engine::Engine::load(&doc.to_string(), d(2026, 11, 25)).unwrap();
    let calendar = engine.calendar();
    assert_eq!(calendar.known_years(), [2024, 2025, 2026, 2027]);
    assert_eq!(calendar.is_working_day(d(2026, 12, 1)), Ok(false));
    // The catalogue's 2026 replaced the shipped one whole: 春节 2026 is a working week now.
    assert_eq!(calendar.is_working_day(d(2026, 2, 16)), Ok(true));
    assert_eq!(calendar.is_working_day(d(2027, 1, 4)), Ok(true));
    assert_eq!(
        calendar.add_working_days(d(2026, 12, 31), 1),
        Ok(d(2027, 1, 4))
    );
    // Without it, the shipped calendar: no 2027, 1 December a working day.
    let plain = doorstep::engine::Engine::load(
        &conformance::load("catalog/mini.json").to_string(),
        d(2026, 11, 25),
    )
    .unwrap();
    assert_eq!(plain.calendar().is_working_day(d(2026, 12, 1)), Ok(true));
    assert!(plain.calendar().is_working_day(d(2027, 1, 4)).is_err());
}

// ---- pauses at the edges ----

/// A suspension that pushes the due date past the last known year: an error, not a guess.
#[test]
fn a_suspension_into_an_unknown_year_is_an_error() {
    let cal = WorkCalendar::china();
    // Six working days to 12-09, suspended since 12-10: the other 14 fall in 2027.
    let mut deadline = Deadline::new(d(2026, 12, 1), 20);
    deadline.pauses.push(Pause::open(d(2026, 12, 10)));
    let e = deadline
        .status(&cal, d(2026, 12, 20), &Thresholds::default())
        .unwrap_err();
    assert_eq!(e.code(), "calendar.out_of_range");
}

/// 补正 or 挂起 begun after the due date stops the clock too (行政许可法 art. 45): the
/// light stays red, but the overdue count and the escalation stand still while it lasts.
#[test]
fn a_pause_after_the_due_date_stops_the_overdue_count() {
    let cal = WorkCalendar::china();
    // Due 2025-10-14; 10-15 is one day late; 挂起 from 10-16, still suspended on 10-24.
    let mut deadline = Deadline::new(d(2025, 9, 30), 5);
    deadline.pauses.push(Pause::open(d(2025, 10, 16)));
    let s = deadline
        .status(&cal, d(2025, 10, 24), &Thresholds::default())
        .unwrap();
    assert_eq!(s.due, d(2025, 10, 14));
    assert_eq!(
        (s.light, s.escalation, s.overdue_working_days, s.paused),
        (Light::Red, Escalation::Level1, 1, true)
    );
    // Resumed on 10-27: counting again from 10-28.
    deadline.pauses[0].to = Some(d(2025, 10, 27));
    let s = deadline
        .status(&cal, d(2025, 10, 29), &Thresholds::default())
        .unwrap();
    assert_eq!(
        (s.overdue_working_days, s.escalation),
        (3, Escalation::Level2)
    );
}
