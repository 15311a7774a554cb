//! Runs the shared fixtures in `tests/fixtures/` through the Rust core. The Node, browser
//! and C suites run the same files with the same matching rule.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use doorstep::args::CheckOptions;
use doorstep::ids;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The matching rule shared by every suite: each expected key equals the actual one;
/// `errors` is compared as the list of codes; no message contains the input.
fn mismatches(input_value: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (key, want) in expected.as_object().into_iter().flatten() {
        let got = if key == "errors" {
            let codes = actual["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| e["code"].clone());
            Value::Array(codes.collect())
        } else {
            actual.get(key).cloned().unwrap_or(Value::Null)
        };
        if &got != want {
            out.push(format!("{key}: expected {want}, got {got}"));
        }
    }
    let trimmed = input_value.trim();
    for error in actual["errors"].as_array().into_iter().flatten() {
        let message = error["message"].as_str().unwrap_or_default();
        if message.is_empty() || (trimmed.len() >= 6 && message.contains(trimmed)) {
            out.push(format!("message empty or leaks the value: {message}"));
        }
    }
    out
}

#[test]
fn ids_fixtures() {
    let file = fixture("ids.json");
    let cases = file["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let input = &case["input"];
        let unit = input["value"].as_str().expect("value");
        let times = input["repeat"]
            .as_u64()
            .map_or(1, |n| usize::try_from(n).expect("repeat"));
        let value = unit.repeat(times);
        let options = CheckOptions::parse(
            input["kind"].as_str(),
            input["at"].as_str(),
            input["lang"].as_str(),
            || None,
        )
        .expect("fixture options are valid");
        let report = ids::report(&value, options.kind, options.at, options.lang);
        let actual = serde_json::to_value(&report).expect("report serialises");
        for m in mismatches(&value, &case["expected"], &actual) {
            failures.push(format!("{}: {m}", case["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
