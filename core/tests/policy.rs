//! Policies (免申即享 / 政策匹配): the shared fixture `tests/fixtures/policies.json`, lint of
//! the policy section, batches and JSON Lines, the sample catalogue's policies, and the
//! properties of matching over generated profiles.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use chrono::NaiveDate;
use doorstep::catalog::{self, Catalog};
use doorstep::engine::Engine;
use doorstep::policy::{PolicyError, PolicyMatch, Subject};
use doorstep::{Coded, Lang, conformance};
use proptest::prelude::*;
use serde_json::{Value, json};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at() -> NaiveDate {
    d(2025, 9, 1)
}

fn fixture_catalog() -> Value {
    conformance::load("catalog/policies.json")
}

fn engine_of(doc: &Value) -> Engine {
    Engine::load(&doc.to_string(), at()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn lint(doc: &Value) -> Vec<(String, String)> {
    let catalog: Catalog = serde_json::from_value(doc.clone()).unwrap();
    catalog::lint(&catalog, at(), Lang::ZhCn)
        .into_iter()
        .map(|p| (p.path.unwrap_or_default(), p.code))
        .collect()
}

fn eligible<'a>(matches: &'a [PolicyMatch<'_>]) -> Vec<&'a str> {
    matches
        .iter()
        .filter(|m| m.eligible)
        .map(|m| m.code)
        .collect()
}

// ---- the shared fixture ----

#[test]
fn policies_fixtures() {
    let mut engines: HashMap<String, Engine> = HashMap::new();
    let failures = conformance::run("policies.json", |input| {
        let name = input.raw["catalog"].as_str().unwrap_or_default().to_owned();
        let engine = engines
            .entry(name.clone())
            .or_insert_with(|| engine_of(&conformance::load(&name)));
        let at = doorstep::calendar::parse_date(input.at.as_deref().unwrap_or_default())
            .unwrap_or_else(|| panic!("{}: at", input.name));
        let lang = doorstep::args::parse_lang(input.lang.as_deref()).expect("lang");
        let text = match input.raw.get("profile") {
            Some(profile) => profile.to_string(),
            None => input.value.clone(),
        };
        serde_json::to_value(engine.policy_report(&text, at, lang)).unwrap()
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_fixture_has_enough_cases() {
    let file = conformance::load("policies.json");
    assert!(file["cases"].as_array().unwrap().len() >= 20);
}

// ---- lint ----

#[test]
fn the_fixture_catalogue_is_clean() {
    assert_eq!(lint(&fixture_catalog()), []);
}

#[test]
fn lint_finds_every_policy_problem_with_its_path() {
    let mut doc = fixture_catalog();
    let policies = doc["policies"].as_array_mut().unwrap();
    policies[1]["code"] = json!("VET-HOLIDAY");
    policies[2]["department"] = json!("350205-XX");
    policies[3]["department"] = json!("350205-HC");
    policies[4]["cancelled"] = json!("2024-01-01");
    policies[0]["conditions"][1]["code"] = json!("veteran");
    policies[5]["conditions"][0]["code"] = json!("subject");
    policies[6]["conditions"] = json!([
        {"code": "typo", "description": "拼写错误", "rule": {"var": "newHire"}},
        {"code": "person_key", "description": "个人字段", "rule": {"var": "veteran"}},
        {"code": "local", "description": "自定义属性", "rule": {"and": [{"var": "extra.zone"}, {"var": "$at"}, {"var": "kind"}]}},
        {"code": "", "description": "", "rule": true}
    ]);
    let found = lint(&doc);
    let expected = [
        ("/policies/6/conditions/3/code", "catalog.constraint"),
        ("/policies/6/conditions/3/description", "catalog.constraint"),
        ("/policies/1/code", "catalog.duplicate"),
        ("/policies/0/conditions/1/code", "catalog.duplicate"),
        ("/policies/2/department", "catalog.unknown_reference"),
        ("/policies/3/department", "catalog.wrong_level"),
        ("/policies/4/cancelled", "catalog.dates"),
        ("/policies/5/conditions/0/code", "catalog.reserved_code"),
        (
            "/policies/6/conditions/0/rule",
            "catalog.profile_unknown_field",
        ),
        (
            "/policies/6/conditions/1/rule",
            "catalog.profile_unknown_field",
        ),
    ];
    for (path, code) in expected {
        assert!(
            found.iter().any(|(p, c)| p == path && c == code),
            "{path} {code} not in {found:?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
    // The message names the key and the way out, in both languages.
    let catalog: Catalog = serde_json::from_value(doc).unwrap();
    let problems = catalog::lint(&catalog, at(), Lang::En);
    let unknown = problems
        .iter()
        .find(|p| p.code == "catalog.profile_unknown_field")
        .unwrap();
    assert_eq!(unknown.params["var"], "newHire");
    assert!(unknown.message.contains("extra"), "{}", unknown.message);
}

#[test]
fn unknown_fields_and_bad_rules_do_not_load() {
    let mut doc = fixture_catalog();
    doc["policies"][0]["benefits"] = json!("typo");
    let err = Catalog::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(err.code(), "input.shape");

    let mut doc = fixture_catalog();
    doc["policies"][0]["conditions"][0]["descripton"] = json!("typo");
    assert_eq!(
        Catalog::from_json(&doc.to_string()).unwrap_err().code(),
        "input.shape"
    );

    let mut doc = fixture_catalog();
    doc["policies"][0]["conditions"][0]["rule"] = json!({"older_than": [80]});
    assert_eq!(
        Catalog::from_json(&doc.to_string()).unwrap_err().code(),
        "input.shape"
    );

    let mut doc = fixture_catalog();
    doc["policies"][0]["subject"] = json!("family");
    assert_eq!(
        Catalog::from_json(&doc.to_string()).unwrap_err().code(),
        "input.shape"
    );
}

#[test]
fn an_engine_refuses_a_catalogue_whose_policies_fail_lint() {
    let mut doc = fixture_catalog();
    doc["policies"][0]["department"] = json!("nowhere");
    let err = Engine::load(&doc.to_string(), at()).unwrap_err();
    assert_eq!(err.code(), "engine.catalog_invalid");
}

// ---- matching ----

#[test]
fn a_rule_that_cannot_be_evaluated_fails_its_condition_with_the_error() {
    let mut doc = fixture_catalog();
    doc["policies"][7]["effective"] = json!("2024-01-01");
    doc["policies"][7]["conditions"] = json!([
        {"code": "age_then", "description": "毕业时年满 20 周岁",
         "rule": {">=": [{"age_at": [{"var": "birthDate"}, {"var": "unemployedSince"}]}, 20]}},
        {"code": "always", "description": "总是成立", "rule": true}
    ]);
    let engine = engine_of(&doc);
    let profile =
        json!({"kind": "person", "birthDate": "1990-01-01", "unemployedSince": "2025-02-30"});
    let matches = engine.match_policies(&profile, at(), Lang::En).unwrap();
    let m = matches.iter().find(|m| m.code == "NEW-2026").unwrap();
    assert!(!m.eligible);
    assert!(!m.reasons[0].held);
    assert_eq!(
        m.reasons[0].error.as_ref().unwrap().code,
        "rule.invalid_date"
    );
    assert!(m.reasons[1].held);
    assert!(m.reasons[1].error.is_none());
    let json = serde_json::to_value(m).unwrap();
    assert_eq!(json["reasons"][0]["error"]["code"], "rule.invalid_date");
    assert!(json["reasons"][1].get("error").is_none());
}

#[test]
fn profiles_that_cannot_be_matched_are_coded_errors() {
    let engine = engine_of(&fixture_catalog());
    let err = |v: Value| engine.match_policies(&v, at(), Lang::ZhCn).unwrap_err();
    assert_eq!(err(json!("person")), PolicyError::NotAnObject);
    assert_eq!(err(json!(null)), PolicyError::NotAnObject);
    assert_eq!(err(json!({"kind": 1})), PolicyError::Kind);
    assert_eq!(err(json!({"kind": "Person"})), PolicyError::Kind);
    assert_eq!(err(json!({"veteran": true})).code(), "policy.profile_kind");
    let mut deep = json!(0);
    for _ in 0..1000 {
        deep = json!([deep]);
    }
    let e = err(json!({"kind": "person", "extra": deep}));
    assert_eq!(e.code(), "input.too_deep");
    assert_eq!(
        PolicyError::Kind.params()["allowed"],
        json!(["person", "enterprise"])
    );
    for e in [PolicyError::NotAnObject, PolicyError::Kind] {
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(!e.message(lang).is_empty());
        }
    }
}

/// `{"kind": "person"}` is an error only when `kind` is not what it should be.
#[test]
fn the_kind_alone_is_a_profile() {
    let engine = engine_of(&fixture_catalog());
    let matches = engine
        .match_policies(&json!({"kind": "person"}), at(), Lang::ZhCn)
        .unwrap();
    assert_eq!(matches.len(), 7);
    assert_eq!(eligible(&matches), Vec::<&str>::new());
}

#[test]
fn batches_match_as_single_profiles_do() {
    let engine = engine_of(&fixture_catalog());
    let profiles = [
        json!({"kind": "person", "veteran": true, "household": {"division": "350205"}}),
        json!([1]),
        json!({"kind": "enterprise", "size": "small", "newHires": 2, "creditRating": "B",
               "dishonest": false}),
    ];
    let batch: Vec<_> = engine
        .match_policies_batch(&profiles, at(), Lang::ZhCn)
        .collect();
    assert_eq!(batch.len(), 3);
    for (profile, outcome) in profiles.iter().zip(&batch) {
        assert_eq!(
            outcome,
            &engine.match_policies(profile, at(), Lang::ZhCn),
            "{profile}"
        );
    }
    assert_eq!(
        eligible(batch[2].as_ref().unwrap()),
        ["HIRE-SUBSIDY", "ALL-ENTERPRISES"]
    );
}

#[test]
fn json_lines_give_one_outcome_per_line_without_quoting_it() {
    let engine = engine_of(&fixture_catalog());
    let text =
        b"{\"kind\": \"person\", \"veteran\": true, \"household\": {\"division\": \"350205\"}}\r\n\
\n\
{\"kind\": \"person\", \"residentId\": \"350205199003071239\"\n\
   \n\
\xff\xfe\n\
{\"kind\": \"enterprise\"}";
    let lines: Vec<Value> = engine
        .policy_lines(text, at(), Lang::ZhCn)
        .map(|l| serde_json::to_value(l).unwrap())
        .collect();
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 3, 5, 6]);
    assert_eq!(lines[0]["matches"][0]["eligible"], true);
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["error"]["code"], "input.malformed");
    // Placed in the file, not at line 1 of the one-line document.
    assert_eq!(lines[1]["error"]["params"]["line"], 3);
    assert!(lines[1].get("matches").is_none());
    assert_eq!(lines[2]["error"]["code"], "input.not_utf8");
    assert_eq!(lines[3]["matches"].as_array().unwrap().len(), 7);
    let all = serde_json::to_string(&lines).unwrap();
    assert!(!all.contains("3502051990"), "{all}");

    // The matcher a host keeps for its own lines answers alike.
    let matcher = engine.policy_matcher(at(), Lang::ZhCn);
    assert_eq!(
        serde_json::to_value(matcher.line(6, b"{\"kind\": \"enterprise\"}")).unwrap(),
        lines[3]
    );
}

#[test]
fn reasons_speak_the_language_asked_for() {
    let engine = engine_of(&fixture_catalog());
    let profile = json!({"kind": "enterprise", "size": "large"});
    let zh = engine.match_policies(&profile, at(), Lang::ZhCn).unwrap();
    let en = engine.match_policies(&profile, at(), Lang::En).unwrap();
    assert_eq!(zh[0].reasons[0].description, "适用对象为个人");
    assert_eq!(en[0].reasons[0].description, "For people");
    let hire = |m: &[PolicyMatch<'_>]| -> Vec<String> {
        m.iter()
            .find(|m| m.code == "HIRE-SUBSIDY")
            .unwrap()
            .reasons
            .iter()
            .map(|r| r.description.to_owned())
            .collect()
    };
    assert_eq!(hire(&zh)[0], "中小微企业");
    assert_eq!(hire(&en)[0], "A micro, small or medium enterprise");
    // No English in the catalogue: the Chinese.
    assert_eq!(hire(&en)[1], "新招用并参保 1 人以上");
}

#[test]
fn policies_in_effect_are_listed_by_date() {
    let engine = engine_of(&fixture_catalog());
    let codes = |date| {
        engine
            .policies(date)
            .iter()
            .map(|p| p.code.clone())
            .collect::<Vec<_>>()
    };
    assert!(codes(d(2025, 12, 31)).contains(&"HIRE-SUBSIDY".to_owned()));
    assert!(!codes(d(2026, 1, 1)).contains(&"HIRE-SUBSIDY".to_owned()));
    assert!(codes(d(2026, 1, 1)).contains(&"NEW-2026".to_owned()));
    assert_eq!(codes(d(2023, 12, 31)), Vec::<String>::new());
}

#[test]
fn policies_round_trip_through_json() {
    let doc = fixture_catalog();
    let catalog: Catalog = serde_json::from_value(doc).unwrap();
    let written = serde_json::to_value(&catalog).unwrap();
    assert_eq!(written["policies"][1]["grantedWithoutApplication"], false);
    let again: Catalog = serde_json::from_value(written).unwrap();
    assert_eq!(again, catalog);
    assert_eq!(Subject::parse("enterprise"), Some(Subject::Enterprise));
    assert_eq!(Subject::Person.as_str(), "person");
}

// ---- the sample catalogue ----

fn sample() -> Engine {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
    Engine::load(&std::fs::read_to_string(path).unwrap(), d(2026, 11, 25)).unwrap()
}

#[test]
fn the_sample_catalogue_has_policies_for_every_group() {
    let engine = sample();
    let policies = engine.policies(at());
    assert!(policies.len() >= 8, "{}", policies.len());
    let enterprises = policies
        .iter()
        .filter(|p| p.subject == Subject::Enterprise)
        .count();
    assert!(enterprises >= 2);
    assert!(policies.iter().any(|p| p.granted_without_application));
    let matched = |profile: Value| {
        eligible(&engine.match_policies(&profile, at(), Lang::ZhCn).unwrap())
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let household = json!({"division": "350205"});
    let groups = [
        json!({"kind": "person", "veteran": true, "household": household}),
        json!({"kind": "person", "unemployed": true, "unemploymentInsuranceMonths": 36,
               "birthDate": "1985-06-20", "household": household}),
        json!({"kind": "person", "graduateYear": 2025, "education": "bachelor", "employed": false,
               "birthDate": "2002-06-18", "household": household}),
        json!({"kind": "person", "hardship": "subsistence", "household": household}),
        json!({"kind": "person", "disabilityLevel": 1, "hardship": "subsistence", "household": household}),
        json!({"kind": "person", "birthDate": "1940-03-15", "household": household}),
        json!({"kind": "enterprise", "size": "small", "division": "350205", "creditRating": "A",
               "newHires": 5, "newHireGraduates": 2, "newHireHardship": 1, "insuredEmployees": 40,
               "arrears": false, "dishonest": false}),
    ];
    for profile in groups {
        assert!(
            !matched(profile.clone()).is_empty(),
            "nothing for {profile}"
        );
    }
    assert!(matched(json!({"kind": "person"})).is_empty());
}

// ---- properties ----

/// A catalogue of the fixture's organisations and `policies`.
fn engine_with(policies: &Value) -> Engine {
    let mut doc = fixture_catalog();
    doc["policies"] = policies.clone();
    engine_of(&doc)
}

fn policy(code: &str, subject: &str, conditions: &[Value]) -> Value {
    json!({
        "code": code, "name": code, "subject": subject, "department": "350205-RS",
        "benefit": {"text": "示意"}, "effective": "2024-01-01", "conditions": conditions
    })
}

prop_compose! {
    fn person()(
        veteran in proptest::option::of(any::<bool>()),
        unemployed in proptest::option::of(any::<bool>()),
        months in proptest::option::of(0u32..200),
        graduate in proptest::option::of(2015i32..2027),
        employed in proptest::option::of(any::<bool>()),
        hardship in proptest::option::of(prop::sample::select(vec!["subsistence", "extreme_poverty", "low_income"])),
        level in proptest::option::of(1u8..5),
        birth in proptest::option::of(0u64..36_000),
        division in prop::sample::select(vec!["350205", "350203", "350205001", ""]),
    ) -> Value {
        let mut p = json!({"kind": "person", "household": {"division": division}});
        let mut set = |k: &str, v: Option<Value>| if let Some(v) = v { p[k] = v; };
        set("veteran", veteran.map(Value::from));
        set("unemployed", unemployed.map(Value::from));
        set("unemploymentInsuranceMonths", months.map(Value::from));
        set("graduateYear", graduate.map(Value::from));
        set("employed", employed.map(Value::from));
        set("hardship", hardship.map(Value::from));
        set("disabilityLevel", level.map(Value::from));
        set("birthDate", birth.map(|days| {
            Value::from((d(1925, 1, 1) + chrono::Days::new(days)).to_string())
        }));
        p
    }
}

prop_compose! {
    fn enterprise()(
        size in proptest::option::of(prop::sample::select(vec!["micro", "small", "medium", "large"])),
        rating in proptest::option::of(prop::sample::select(vec!["A", "B", "M", "C", "D"])),
        hires in proptest::option::of(0u32..50),
        dishonest in proptest::option::of(any::<bool>()),
    ) -> Value {
        let mut p = json!({"kind": "enterprise"});
        let mut set = |k: &str, v: Option<Value>| if let Some(v) = v { p[k] = v; };
        set("size", size.map(Value::from));
        set("creditRating", rating.map(Value::from));
        set("newHires", hires.map(Value::from));
        set("dishonest", dishonest.map(Value::from));
        p
    }
}

fn profile() -> impl Strategy<Value = Value> {
    prop_oneof![person(), enterprise()]
}

/// A condition about `subject`'s profiles, drawn from templates with a random threshold or
/// value.
fn condition(subject: &'static str) -> BoxedStrategy<Value> {
    if subject == "enterprise" {
        return prop_oneof![
            (0u32..50).prop_map(|n| json!({">": [{"var": "newHires"}, n]})),
            prop::sample::select(vec!["A", "D"])
                .prop_map(|r| json!({"!=": [{"var": "creditRating"}, r]})),
            prop::sample::select(vec!["micro", "large"])
                .prop_map(|s| json!({"in": [{"var": "size"}, [s, "small"]]})),
            Just(json!({"!": {"var": "dishonest"}})),
        ]
        .boxed();
    }
    let age = json!({"if": [{"var": "birthDate"},
        {"age_at": [{"var": "birthDate"}, {"var": "$at"}]},
        {"id_age": [{"var": "residentId"}, {"var": "$at"}]}]});
    prop_oneof![
        any::<bool>().prop_map(|b| json!({"===": [{"var": "veteran"}, b]})),
        (0u32..100).prop_map(move |n| json!({">=": [age.clone(), n]})),
        (0u32..200).prop_map(|n| json!({">=": [{"var": "unemploymentInsuranceMonths"}, n]})),
        prop::sample::select(vec!["subsistence", "low_income"])
            .prop_map(|h| json!({"==": [{"var": "hardship"}, h]})),
        (1u8..5).prop_map(|n| json!({"<=": [1, {"var": "disabilityLevel"}, n]})),
        (0u32..5).prop_map(|n| json!({">=": [
            {"var": "graduateYear"},
            {"-": [{"substr": [{"var": "$at"}, 0, 4]}, n]}
        ]})),
        prop::sample::select(vec!["350205", "350203"])
            .prop_map(|c| json!({"==": [{"substr": [{"var": "household.division"}, 0, 6]}, c]})),
    ]
    .boxed()
}

/// A subject, some conditions about it, and one more.
fn subject_and_conditions() -> impl Strategy<Value = (&'static str, Vec<Value>, Value)> {
    prop::sample::select(vec!["person", "enterprise"]).prop_flat_map(|subject| {
        (
            Just(subject),
            prop::collection::vec(condition(subject), 0..5),
            condition(subject),
        )
    })
}

fn conditions(rules: &[Value]) -> Vec<Value> {
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| json!({"code": format!("c{i}"), "description": "示意", "rule": rule}))
        .collect()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..4000).prop_map(|days| d(2024, 1, 1) + chrono::Days::new(days))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Matching is a function of (profile, date): twice the same, one by one or in a batch.
    #[test]
    fn matching_is_deterministic(
        profiles in prop::collection::vec(profile(), 1..8),
        (subject, rules, _) in subject_and_conditions(),
        at in date(),
    ) {
        let engine = engine_with(&json!([policy("P", subject, &conditions(&rules))]));
        let once: Vec<_> = profiles.iter().map(|p| engine.match_policies(p, at, Lang::ZhCn)).collect();
        let twice: Vec<_> = profiles.iter().map(|p| engine.match_policies(p, at, Lang::ZhCn)).collect();
        let batch: Vec<_> = engine.match_policies_batch(&profiles, at, Lang::ZhCn).collect();
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(&once, &batch);
    }

    /// A policy without conditions is every profile of its subject's, and no other's.
    #[test]
    fn a_policy_without_conditions_matches_its_whole_subject(
        profile in profile(),
        at in date(),
    ) {
        let engine = engine_with(&json!([
            policy("FOR-PEOPLE", "person", &[]),
            policy("FOR-ENTERPRISES", "enterprise", &[]),
        ]));
        let matches = engine.match_policies(&profile, at, Lang::ZhCn).unwrap();
        let expected = if profile["kind"] == "person" { "FOR-PEOPLE" } else { "FOR-ENTERPRISES" };
        prop_assert_eq!(eligible(&matches), vec![expected]);
        for m in matches.iter().filter(|m| !m.eligible) {
            prop_assert_eq!(m.reasons.len(), 1);
            prop_assert_eq!(m.reasons[0].code, "subject");
        }
    }

    /// Adding a condition never makes a profile eligible: eligible with it means eligible
    /// without it and the condition held; a condition that fails makes it ineligible.
    #[test]
    fn adding_a_condition_never_makes_a_profile_eligible(
        profile in profile(),
        (subject, rules, extra) in subject_and_conditions(),
        at in date(),
    ) {
        let mut more = rules.clone();
        more.push(extra);
        let engine = engine_with(&json!([
            policy("BASE", subject, &conditions(&rules)),
            policy("MORE", subject, &conditions(&more)),
            policy("FAILING", subject, &conditions(&[rules.clone(), vec![json!(false)]].concat())),
        ]));
        let matches = engine.match_policies(&profile, at, Lang::ZhCn).unwrap();
        let (base, more, failing) = (&matches[0], &matches[1], &matches[2]);
        if more.eligible {
            prop_assert!(base.eligible);
            prop_assert!(more.reasons.last().unwrap().held);
        }
        prop_assert!(!failing.eligible);
        // The shared conditions held or failed alike.
        if base.reasons.first().is_none_or(|r| r.code != "subject") {
            for (a, b) in base.reasons.iter().zip(&more.reasons) {
                prop_assert_eq!(a.held, b.held);
            }
        }
    }
}

/// Born on 29 February (the ID number's birth date): 80 周岁 on 29 February 2024 (a leap
/// year), 81 周岁 not on 28 February 2025 (a common year) but on 1 March, as
/// [`doorstep::calendar::age_at`] counts.
#[test]
fn a_leap_day_birthday_by_the_id_number() {
    let age = |years: u32| {
        json!({"code": format!("age{years}"), "description": format!("年满 {years} 周岁"),
            "rule": {">=": [{"id_age": [{"var": "residentId"}, {"var": "$at"}]}, years]}})
    };
    let engine = engine_with(&json!([policy("P", "person", &[age(80), age(81)])]));
    // 110101 1944-02-29 001, with its MOD 11-2 check character.
    let body = "11010119440229001";
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .bytes()
        .zip(weights)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = char::from(b"10X98765432"[(sum % 11) as usize]);
    let profile = json!({"kind": "person", "residentId": format!("{body}{check}")});
    let held = |date| -> Vec<bool> {
        engine.match_policies(&profile, date, Lang::ZhCn).unwrap()[0]
            .reasons
            .iter()
            .map(|r| r.held)
            .collect()
    };
    assert_eq!(held(d(2024, 2, 28)), [false, false]);
    assert_eq!(held(d(2024, 2, 29)), [true, false]);
    assert_eq!(held(d(2025, 2, 28)), [true, false]);
    assert_eq!(held(d(2025, 3, 1)), [true, true]);
}
