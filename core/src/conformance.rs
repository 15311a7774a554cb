//! The shared fixtures of `tests/fixtures/` and the rule that matches a result against
//! them, for the Rust suites of every crate (core, CLI, C ABI). The Node, browser and C
//! suites implement the same rule in their own languages.
//!
//! Available with the `conformance` feature; not part of the engine.
// Test support: a broken fixture file should stop the suite loudly.
// `value["key"]` gives null for a missing key: it never panics.
#![allow(clippy::missing_panics_doc, clippy::panic, clippy::indexing_slicing)]

use serde_json::Value;

/// One fixture case's input, with `repeat` applied.
#[derive(Debug, Clone)]
pub struct Input {
    /// The case's name.
    pub name: String,
    /// The value, repeated `repeat` times.
    pub value: String,
    /// Options as text, absent when not given: `kind`, `at`, `lang`.
    pub kind: Option<String>,
    /// The reference date.
    pub at: Option<String>,
    /// The language of messages.
    pub lang: Option<String>,
    /// The whole input object, for fixtures whose input is not an identifier.
    pub raw: Value,
}

/// Reads `tests/fixtures/{name}` (relative to the workspace root).
pub fn load(name: &str) -> Value {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs every case of fixture file `name` through `run` and returns one line per mismatch.
pub fn run(name: &str, mut run: impl FnMut(&Input) -> Value) -> Vec<String> {
    let file = load(name);
    let cases = file
        .get("cases")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert!(!cases.is_empty(), "{name} has no cases");
    let mut failures = Vec::new();
    for case in &cases {
        let input = case.get("input").cloned().unwrap_or_default();
        let text = |key: &str| input.get(key).and_then(Value::as_str).map(str::to_owned);
        let times = input.get("repeat").and_then(Value::as_u64).unwrap_or(1);
        let input = Input {
            name: case
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            value: text("value")
                .unwrap_or_default()
                .repeat(usize::try_from(times).unwrap_or(1)),
            kind: text("kind"),
            at: text("at"),
            lang: text("lang"),
            raw: input.clone(),
        };
        let actual = run(&input);
        let expected = case.get("expected").cloned().unwrap_or_default();
        failures.extend(
            mismatches(&input.value, &expected, &actual)
                .into_iter()
                .map(|m| format!("{}: {m}", input.name)),
        );
    }
    failures
}

/// Result keys that hold lists of coded problems.
const CODED_LISTS: [&str; 3] = ["errors", "failures", "problems"];

/// The matching rule: every key of `expected` equals (as JSON: numbers by value) the same
/// key of `actual` (missing = null), except `errors`, `failures` and `problems`, which list
/// the expected codes in order; `errorPaths`, the `errors`' paths in order; `errorMatters`,
/// the member matters each of the `errors` belongs to (`params.matters`); `errorLines`,
/// the `problems`' lines in order; and `chain`, the chain's grant ids in order. No message
/// in those lists is empty or contains the trimmed input (when that is 6 bytes or longer).
pub fn mismatches(value: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let coded = |key: &str| {
        actual
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    };
    let errors = || coded("errors");
    let mut out = Vec::new();
    for (key, want) in expected.as_object().into_iter().flatten() {
        let got = if let Some(list) = CODED_LISTS.iter().find(|k| **k == key) {
            Value::Array(
                coded(list)
                    .map(|e| e.get("code").cloned().unwrap_or_default())
                    .collect(),
            )
        } else if key == "chain" {
            Value::Array(
                coded("chain")
                    .map(|e| e.get("grant").cloned().unwrap_or_default())
                    .collect(),
            )
        } else if key == "errorLines" {
            Value::Array(
                coded("problems")
                    .map(|e| e.get("line").cloned().unwrap_or_default())
                    .collect(),
            )
        } else if key == "errorPaths" {
            Value::Array(
                errors()
                    .map(|e| e.get("path").cloned().unwrap_or_default())
                    .collect(),
            )
        } else if key == "errorMatters" {
            Value::Array(
                errors()
                    .map(|e| e.pointer("/params/matters").cloned().unwrap_or_default())
                    .collect(),
            )
        } else {
            actual.get(key).cloned().unwrap_or(Value::Null)
        };
        if !same(&got, want) {
            out.push(format!("{key}: expected {want}, got {got}"));
        }
    }
    let trimmed = value.trim();
    for error in CODED_LISTS.iter().flat_map(|k| coded(k)) {
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if message.is_empty() || (trimmed.len() >= 6 && message.contains(trimmed)) {
            out.push("an error message is empty or quotes the input".to_owned());
        }
    }
    out
}

/// Equality of JSON values as JSON means it (and the Node and C rules compare): a number
/// is its value, so `7000` and `7000.0` (an `f64` bound serialised) are the same.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The catalogue a fixture case names: `input.catalog` (a path under `tests/fixtures/`) with
/// `input.patch` applied.
pub fn catalog_of(input: &Value) -> Value {
    let mut doc = load(input["catalog"].as_str().unwrap_or_default());
    apply_patch(&mut doc, &input["patch"]);
    doc
}

/// Applies a fixture's `patch` (`[{"op": "set", "path", "value"}]`, JSON Pointers) to `doc`.
pub fn apply_patch(doc: &mut Value, patch: &Value) {
    for op in patch.as_array().into_iter().flatten() {
        let pointer = op.get("path").and_then(Value::as_str).unwrap_or_default();
        let value = op.get("value").cloned().unwrap_or_default();
        let target = doc
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("patch path {pointer} not found"));
        *target = value;
    }
}

/// What a step of an appointment fixture gave: the event decided or the book after an
/// event, or the code and message of why not (a refusal, or a request that cannot be read).
pub type AppointmentStep = Result<Value, (String, String)>;

/// The result of one `appointments.json` case (see the fixture's description), with
/// `decide(book, step)` (a decide request `{book, command, at}`: the event) and
/// `evolve(book, event)` (an evolve request `{book, event}`: the book after it) as a binding
/// makes them.
pub fn appointment_outcome(
    raw: &Value,
    decide: impl Fn(&Value, &Value) -> AppointmentStep,
    evolve: impl Fn(&Value, &Value) -> AppointmentStep,
) -> Value {
    use serde_json::{Map, json};
    let initial = raw["book"].clone();
    let mut book = initial.clone();
    let (mut outcomes, mut messages, mut events) = (vec![], vec![], vec![]);
    for step in raw["steps"].as_array().into_iter().flatten() {
        let applied = match step.get("event") {
            Some(event) => evolve(&book, event).map(|b| (event.clone(), b)),
            None => decide(&book, step).map(|event| {
                let after = evolve(&book, &event);
                let after = after.unwrap_or_else(|e| panic!("evolve refused {e:?}"));
                (event, after)
            }),
        };
        match applied {
            Ok((event, after)) => {
                book = after;
                events.push(event);
                outcomes.push(json!("ok"));
            }
            Err((code, message)) => {
                assert!(!message.is_empty(), "{code}: empty message");
                outcomes.push(json!(code));
                messages.push(json!(message));
            }
        }
    }
    let replayed = events
        .iter()
        .try_fold(initial, |b, e| evolve(&b, e))
        .is_ok_and(|b| b == book);
    let appointments = book["appointments"].as_array().cloned().unwrap_or_default();
    let by_id = |key: &str| {
        appointments
            .iter()
            .filter_map(|a| Some((a["id"].as_str()?.to_owned(), a.get(key)?.clone())))
            .collect::<Map<String, Value>>()
    };
    let taken = |slot: &Value| {
        appointments
            .iter()
            .filter(|a| a["slot"] == *slot && (a["status"] == "booked" || a["status"] == "arrived"))
            .count()
    };
    let slots = book["slots"].as_array().cloned().unwrap_or_default();
    json!({
        "outcomes": outcomes,
        "messages": messages,
        "statuses": by_id("status"),
        "cases": by_id("case"),
        "homeVisits": appointments
            .iter()
            .filter(|a| a["homeVisit"] == true)
            .map(|a| a["id"].clone())
            .collect::<Vec<_>>(),
        "taken": slots
            .iter()
            .filter_map(|s| Some((s["id"].as_str()?.to_owned(), json!(taken(&s["id"])))))
            .collect::<Map<String, Value>>(),
        "replayed": replayed,
    })
}
