//! Generated rules and data for the tests that hold the small evaluators (`fast`,
//! `flat`) to the general one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use serde_json::{Value, json};

/// The operators the small evaluators have (`fast` all of them, `flat` all but arithmetic
/// and `working_days_between`).
pub(super) const OPERATORS: [&str; 26] = [
    "if",
    "?:",
    "==",
    "===",
    "!=",
    "!==",
    "!",
    "!!",
    "or",
    "and",
    ">",
    ">=",
    "<",
    "<=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "in",
    "id_birth_date",
    "id_sex",
    "id_age",
    "age_at",
    "days_between",
    "working_days_between",
];

/// Rules made of [`OPERATORS`], over the keys `a`, `b`, `id`, `d`.
pub(super) fn rule() -> impl Strategy<Value = Value> {
    rule_of(OPERATORS.to_vec())
}

/// [`rule`] with the operators `ops` only.
pub(super) fn rule_of(ops: Vec<&'static str>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(json!({"var": "a"})),
        Just(json!({"var": "b"})),
        Just(json!({"var": "id"})),
        Just(json!({"var": "d"})),
        Just(json!({"var": ["a", 7]})),
        Just(json!({"var": "a.0"})),
        Just(json!({"var": "z"})),
        Just(json!({"var": ["z", "2024-08-01"]})),
        Just(json!({"id_sex": [{"var": "id"}]})),
        Just(json!({"id_birth_date": [{"var": "id"}]})),
        Just(json!({"==": [{"id_birth_date": [{"var": "id"}]}, {"var": "d"}]})),
        Just(json!({"age_at": [{"id_birth_date": [{"var": "id"}]}, {"var": "d"}]})),
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(0)),
        Just(json!(14)),
        Just(json!("1")),
        Just(json!("male")),
        Just(json!("2024-08-01")),
        Just(json!("")),
        Just(json!([1, "a"])),
    ];
    leaf.prop_recursive(4, 24, 3, move |inner| {
        let ops = prop::sample::select(ops.clone());
        (ops, prop::collection::vec(inner, 1..4)).prop_map(|(op, args)| {
            let arity = match op {
                "!" | "!!" | "id_birth_date" | "id_sex" => 1,
                "?:" => 3,
                "=="
                | "==="
                | "!="
                | "!=="
                | ">"
                | ">="
                | "/"
                | "%"
                | "in"
                | "id_age"
                | "age_at"
                | "days_between"
                | "working_days_between" => 2,
                "-" => args.len().min(2),
                _ => args.len(),
            };
            let mut args = args;
            while args.len() < arity {
                args.push(json!(1));
            }
            args.truncate(arity.max(1));
            json!({ op: args })
        })
    })
}

/// Data for [`rule`]: the keys `a`, `b`, `id`, `d`, each with a value of every kind.
pub(super) fn data() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(0)),
        Just(json!(3.5)),
        Just(json!("1")),
        Just(json!("")),
        Just(json!("male")),
        Just(json!("2024-08-01")),
        Just(json!("2024-07-31")),
        Just(json!("2025-10-14")),
        // A year the shipped calendar does not have.
        Just(json!("2027-01-04")),
        Just(json!("2006-03-07")),
        Just(json!("350205199003071239")),
        Just(json!("350205202408010017")),
        Just(json!("350205199205120027")),
        Just(json!("11010519491231002x")),
        Just(json!(" 350205199003071239")),
        Just(json!([])),
        Just(json!([1, 2])),
        Just(json!({"x": 1})),
    ];
    prop::collection::vec(value, 4)
        .prop_map(|v| json!({"a": v[0], "b": v[1], "id": v[2], "d": v[3]}))
}
