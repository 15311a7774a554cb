//! The rule engine: the shared fixtures (`tests/fixtures/rules.json`), `JsonLogic`'s official
//! conformance cases when a copy is at hand, and properties over generated rules.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use doorstep::engine::Engine;
use doorstep::rule::{self, MAX_DEPTH, Rule, RuleError, RuleOutcome, RuleRequest};
use doorstep::{Coded, Lang, conformance};
use proptest::prelude::*;
use serde_json::{Value, json};

/// What a rule gives over data, in the fixtures' shape: `{"result"}` or `{"error"}`.
fn outcome(rule: &Value, data: &Value) -> Value {
    match Rule::compile(rule).and_then(|r| r.evaluate(data)) {
        Ok(result) => json!({ "result": result }),
        Err(e) => json!({ "error": e.code() }),
    }
}

/// What a fixture case's input gives: [`outcome`], or with `catalog`, what an engine over
/// that catalogue evaluates (on its calendar).
fn fixture_outcome(input: &Value) -> Value {
    if input["catalog"].is_null() {
        return outcome(&input["rule"], &input["data"]);
    }
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let engine = Engine::load(&conformance::catalog_of(input).to_string(), at).unwrap();
    let request = RuleRequest {
        rule: input["rule"].clone(),
        data: input["data"].clone(),
    };
    match engine.evaluate_rule(&request, Lang::En) {
        RuleOutcome::Evaluated { result } => json!({ "result": result }),
        RuleOutcome::Refused { error } => json!({ "error": error.code }),
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn fixture_cases() -> Vec<Value> {
    conformance::load("rules.json")["cases"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn rules_fixtures() {
    let cases = fixture_cases();
    assert!(cases.len() > 100, "rules.json has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let input = &case["input"];
            let actual = fixture_outcome(input);
            let expected = &case["expected"];
            (!same(&actual, expected))
                .then(|| format!("{}: expected {expected}, got {actual}", case["name"]))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every operator name used as a key somewhere in `value`.
fn operators_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                out.push(key.clone());
                operators_in(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| operators_in(v, out)),
        _ => {}
    }
}

#[test]
fn fixtures_cover_every_operator_and_error_code() {
    let cases = fixture_cases();
    let mut used = Vec::new();
    let mut codes = Vec::new();
    for case in &cases {
        operators_in(&case["input"]["rule"], &mut used);
        if let Some(code) = case["expected"]["error"].as_str() {
            codes.push(code.to_owned());
        }
    }
    for op in rule::operators() {
        assert!(used.iter().any(|u| u == op), "no fixture uses {op}");
    }
    for code in [
        "rule.unknown_operator",
        "rule.not_an_operation",
        "rule.arity",
        "rule.too_deep",
        "rule.invalid_date",
        "rule.out_of_calendar",
    ] {
        assert!(codes.iter().any(|c| c == code), "no fixture expects {code}");
    }
}

/// `JsonLogic`'s conformance cases (`tests/tests.json` of json-logic-js, as published at
/// jsonlogic.com), run when a copy is at `$JSONLOGIC_TESTS` or `/tmp/jsonlogic/tests.json`;
/// skipped otherwise. Cases using operators this engine leaves out are skipped.
#[test]
fn official_conformance_cases() {
    let path =
        std::env::var("JSONLOGIC_TESTS").unwrap_or_else(|_| "/tmp/jsonlogic/tests.json".to_owned());
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let cases: Vec<Value> = serde_json::from_str(&text).expect("tests.json is JSON");
    let supported: Vec<&str> = rule::operators().collect();
    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    for case in cases.iter().filter_map(Value::as_array) {
        let [rule, data, expected] = case.as_slice() else {
            continue;
        };
        let mut ops = Vec::new();
        operators_in(rule, &mut ops);
        if ops.iter().any(|op| !supported.contains(&op.as_str())) {
            skipped += 1;
            continue;
        }
        let actual = outcome(rule, data);
        if same(&actual, &json!({ "result": expected })) {
            passed += 1;
        } else {
            failures.push(format!(
                "{rule} over {data}: expected {expected}, got {actual}"
            ));
        }
    }
    println!(
        "{path}: {passed} passed, {} failed, {skipped} skipped",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_rule_can_be_shared_between_threads() {
    fn check<T: Clone + std::fmt::Debug + PartialEq + Send + Sync>() {}
    check::<Rule>();
    check::<RuleError>();
}

#[test]
fn errors_say_where() {
    let at = |rule: Value| Rule::compile(&rule).unwrap_err();
    let e = at(json!({"and": [true, {"or": [{"==": [{"foo": 1}, 1]}]}]}));
    assert_eq!(e.code(), "rule.unknown_operator");
    assert_eq!(e.pointer(), "/and/1/or/0/==/0");
    assert_eq!(at(json!({"==": [1]})).pointer(), "");
    assert_eq!(at(json!({"/": [1, {"!": []}]})).pointer(), "/~1/1");
    assert_eq!(at(json!({"!": {"a": 1, "b": 2}})).pointer(), "/!");
    let e = at(json!({"id_age": ["x", {"var": ["a", 1, 2]}]}));
    assert_eq!(e.code(), "rule.arity");
    assert_eq!(e.pointer(), "/id_age/1");
    assert_eq!(e.params()["operator"], "var");
    assert_eq!(e.params()["max"], 2);
    let e = Rule::compile(&json!({"if": [true, {"age_at": ["2000-01-01", "x"]}]}))
        .unwrap()
        .evaluate(&json!({}))
        .unwrap_err();
    assert_eq!(e.code(), "rule.invalid_date");
    assert_eq!(e.pointer(), "/if/1");
}

#[test]
fn every_error_has_messages_and_its_pointer_in_params() {
    let errors = [
        Rule::compile(&json!({"and": [{"nope": 1}]})).unwrap_err(),
        Rule::compile(&json!({"and": [{}]})).unwrap_err(),
        Rule::compile(&json!({"and": [{"<": [1]}]})).unwrap_err(),
        Rule::compile(&json!({"and": [{"+": []}, {"*": []}]})).unwrap_err(),
        Rule::compile(&nested(MAX_DEPTH + 1)).unwrap_err(),
        Rule::compile(&json!({"and": [{"id_age": ["x", "y"]}]}))
            .unwrap()
            .evaluate(&json!(null))
            .unwrap_err(),
    ];
    for e in &errors {
        for lang in [Lang::ZhCn, Lang::En] {
            let problem = e.to_problem(lang);
            assert!(!problem.message.is_empty());
            assert!(problem.code.starts_with("rule."));
            assert_eq!(problem.params["pointer"], e.pointer(), "{e:?}");
        }
        assert!(!e.to_string().is_empty());
    }
    let arity = &errors[3];
    assert_eq!(
        arity.message(Lang::En),
        "Operator \"*\" at /and/1 in the rule takes at least 1 argument, got 0"
    );
    assert_eq!(
        arity.message(Lang::ZhCn),
        "规则 /and/1 处的运算符“*”应有至少 1 个参数，实有 0 个"
    );
}

/// `{"!": {"!": … true}}`, `levels` objects deep, built without recursion (`json!` would
/// serialise its argument, recursively).
fn nested(levels: usize) -> Value {
    let mut value = Value::Bool(true);
    for _ in 0..levels {
        value = Value::Object(std::iter::once(("!".to_owned(), value)).collect());
    }
    value
}

/// Takes a deeply nested value apart, so that dropping it does not recurse.
fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

#[test]
fn ten_thousand_levels_is_too_deep_not_a_crash() {
    let deep = nested(10_000);
    let e = Rule::compile(&deep).unwrap_err();
    assert_eq!(e.code(), "rule.too_deep");
    assert_eq!(e.pointer(), "/!".repeat(MAX_DEPTH));
    assert_eq!(e.params()["max"], MAX_DEPTH);
    dismantle(deep);

    let mut deep = Value::from(1);
    for _ in 0..10_000 {
        deep = Value::Array(vec![deep, json!({"var": "x"})]);
    }
    assert_eq!(Rule::compile(&deep).unwrap_err().code(), "rule.too_deep");
    dismantle(deep);

    assert!(Rule::compile(&nested(MAX_DEPTH)).is_ok());
}

#[test]
fn numbers_serialise_as_integers_when_integral() {
    let eval = |rule: Value| {
        serde_json::to_string(&Rule::compile(&rule).unwrap().evaluate(&json!({})).unwrap()).unwrap()
    };
    assert_eq!(eval(json!({"+": [1.5, 1.5]})), "3");
    assert_eq!(eval(json!({"*": ["2", 0.5]})), "1");
    assert_eq!(eval(json!({"-": [0]})), "0");
    assert_eq!(eval(json!({"/": [1, 4]})), "0.25");
    assert_eq!(eval(json!({"/": [1, 0]})), "null");
    assert_eq!(eval(json!({"max": [1.0, 2.0]})), "2");
    assert_eq!(
        eval(json!({"id_age": ["11010519491231002X", "2024-10-15"]})),
        "74"
    );
}

#[test]
fn a_rule_serialises_as_written_and_loads_by_compiling() {
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Field {
        required_if: Option<Rule>,
    }
    let text = r#"{"requiredIf":{"and":[{"var":"married"},{"!":{"var":["spouse.id",null]}},[1.0,2,"x"]]}}"#;
    let field: Field = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&field).unwrap(), text);
    let rule = field.required_if.unwrap();
    assert!(rule.truthy(&json!({"married": true})).unwrap());
    assert_eq!(
        format!("{rule:?}"),
        format!("Rule({})", &text[14..text.len() - 1])
    );

    let bad = serde_json::from_str::<Field>(r#"{"requiredIf":{"and":[{"var":"a"},{"==":[1]}]}}"#);
    let message = bad.unwrap_err().to_string();
    assert!(message.contains("/and/1"), "{message}");
}

#[test]
fn vars_lists_the_data_a_rule_reads() {
    let rule = Rule::compile(&json!({"and": [
        {"var": "a.b"},
        {"var": ["c", {"var": "d"}]},
        {"var": 1},
        {"var": ""},
        {"var": "a.b"},
        {"missing": ["e", "f"]},
        {"missing": [["g"]]},
        {"missing_some": [1, ["h", "i"]]},
        {"map": [{"var": "items"}, {"var": "qty"}]},
        {"reduce": [{"var": "rows"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "start"}]},
        {"id_age": [{"var": "applicant.id"}, {"var": "today"}]}
    ]}))
    .unwrap();
    assert_eq!(
        rule.vars(),
        [
            "a.b",
            "c",
            "d",
            "1",
            "e",
            "f",
            "g",
            "h",
            "i",
            "items",
            "rows",
            "start",
            "applicant.id",
            "today"
        ]
    );
    assert!(rule.computed_vars().is_empty());

    let rule = Rule::compile(&json!({"or": [
        {"var": {"cat": ["pie.", {"var": "kind"}]}},
        {"missing": {"merge": ["vin", {"if": [{"var": "financing"}, ["apr"], []]}]}},
        {"missing_some": [1, {"var": "keys"}]}
    ]}))
    .unwrap();
    assert_eq!(rule.vars(), ["kind", "financing", "keys"]);
    assert_eq!(rule.computed_vars(), ["/or/0", "/or/1", "/or/2"]);
}

/// Rules made of known operators with the argument counts they take.
fn valid_rule() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        (-1e6..1e6f64).prop_map(Value::from),
        "[a-c.0-9]{0,4}".prop_map(Value::from),
        "[a-c]{1,3}".prop_map(|p| json!({ "var": p })),
    ];
    leaf.prop_recursive(6, 64, 4, |inner| {
        let ops = prop::sample::select(vec![
            ("==", 2, 2),
            ("===", 2, 2),
            ("!=", 2, 2),
            ("!", 1, 1),
            ("!!", 1, 1),
            ("and", 1, 4),
            ("or", 1, 4),
            ("if", 0, 5),
            ("?:", 3, 3),
            (">", 2, 2),
            ("<", 2, 3),
            ("<=", 2, 3),
            ("max", 0, 3),
            ("+", 0, 3),
            ("-", 1, 2),
            ("*", 1, 3),
            ("/", 2, 2),
            ("%", 2, 2),
            ("map", 2, 2),
            ("filter", 2, 2),
            ("reduce", 2, 3),
            ("all", 2, 2),
            ("some", 2, 2),
            ("none", 2, 2),
            ("merge", 0, 3),
            ("in", 2, 2),
            ("cat", 0, 3),
            ("substr", 2, 3),
            ("var", 0, 2),
            ("missing", 0, 3),
            ("missing_some", 2, 2),
            ("id_birth_date", 1, 1),
            ("id_sex", 1, 1),
            ("id_age", 2, 2),
            ("days_between", 2, 2),
            ("age_at", 2, 2),
        ]);
        prop_oneof![
            4 => (ops, prop::collection::vec(inner.clone(), 0..5), any::<bool>()).prop_map(
                |((op, min, max), mut args, bare)| {
                    args.resize(args.len().clamp(min, max), Value::Null);
                    match (bare, args.as_slice()) {
                        (true, [arg]) if !arg.is_array() => json!({ op: arg }),
                        _ => json!({ op: args }),
                    }
                }
            ),
            1 => prop::collection::vec(inner, 0..4).prop_map(Value::Array),
        ]
    })
}

/// Any JSON, with keys that are often operators.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,6}".prop_map(Value::from),
        prop::sample::select(vec!["2024-02-29", "11010519491231002X", "", "0", "a.b"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(8, 128, 5, |inner| {
        let key = prop_oneof![
            prop::sample::select(rule::operators().collect::<Vec<_>>()).prop_map(str::to_owned),
            "[a-z]{1,3}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn compiling_then_serialising_gives_the_rule_back(json in valid_rule()) {
        let rule = Rule::compile(&json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        prop_assert_eq!(&rule.to_value(), &json);
        prop_assert_eq!(serde_json::to_value(&rule).unwrap(), json);
    }

    #[test]
    fn any_rule_that_compiles_serialises_back(json in any_json()) {
        if let Ok(rule) = Rule::compile(&json) {
            prop_assert_eq!(rule.to_value(), json);
        }
    }

    #[test]
    fn evaluating_never_panics(json in prop_oneof![valid_rule(), any_json()], data in any_json()) {
        if let Ok(rule) = Rule::compile(&json) {
            match rule.evaluate(&data) {
                // A non-finite number (1 / null is Infinity, truthy) has no JSON form and
                // comes out as null, so only other values must agree with `truthy`.
                Ok(Value::Null) => {}
                Ok(value) => prop_assert_eq!(rule::truthy(&value), rule.truthy(&data).unwrap()),
                Err(e) => prop_assert!(matches!(e, RuleError::InvalidDate { .. }), "{e:?}"),
            }
        }
    }
}

/// The rules of an engine's catalogue count working days on the engine's calendar wherever
/// the engine evaluates them: here a material's condition and a field's `visibleIf` (which
/// decides whether prefill fills it), over dates in 2027, a year only the fixture
/// catalogue's own `calendar` has. On the shipped calendar both would fail to evaluate (a
/// material is then listed, a field shown).
#[test]
fn an_engine_counts_working_days_on_its_own_calendar() {
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut catalog = conformance::load("catalog/workdays.json");
    // 2026-12-31 to 2027-01-08: 5 working days (01-01 off, then a weekend).
    let short =
        json!({"<": [{"working_days_between": [{"var": "noticeStart"}, {"var": "noticeEnd"}]}, 5]});
    catalog["dataSources"] = json!([{"code": "notes", "name": "公示记录"}]);
    let matter = &mut catalog["matters"][0];
    matter["materials"] = json!([{
        "code": "extension_note", "name": "公示期不足说明", "form": "original", "condition": short
    }]);
    matter["form"]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "key": "extensionReason", "label": "公示期不足原因", "type": "text",
            "visibleIf": short, "prefill": "notes.reason"
        }));
    let engine = Engine::load(&catalog.to_string(), at).unwrap();
    let target = doorstep::engine::Target::matter("TEMP-RELIEF");
    let answer =
        json!({"applicantName": "陈志强", "noticeStart": "2026-12-31", "noticeEnd": "2027-01-08"});
    let materials = engine.materials(&target, &answer, &[], at).unwrap();
    assert!(materials.is_empty(), "{materials:?}");
    let shared = json!({"notes": {"reason": "元旦假期"}});
    let filled = engine.prefill(&target, &shared, &answer, at).unwrap();
    assert_eq!(filled, answer, "a hidden field is not filled");
    // Four working days: the note is needed, and the field shown and filled.
    let answer =
        json!({"applicantName": "陈志强", "noticeStart": "2026-12-31", "noticeEnd": "2027-01-07"});
    let materials = engine.materials(&target, &answer, &[], at).unwrap();
    assert_eq!(materials.len(), 1);
    let filled = engine.prefill(&target, &shared, &answer, at).unwrap();
    assert_eq!(filled["extensionReason"], "元旦假期");
    // The same rule outside the engine counts on the shipped calendar, which lacks 2027.
    let rule = Rule::compile(&short).unwrap();
    assert_eq!(
        rule.truthy(&answer).unwrap_err().code(),
        "rule.out_of_calendar"
    );
}
