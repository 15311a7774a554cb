//! Runs the shared fixtures in `tests/fixtures/` through the Rust core. The CLI, Node,
//! browser and C suites run the same files with the same matching rule.

use doorstep::args::CheckOptions;
use doorstep::{conformance, ids};

#[test]
fn ids_fixtures() {
    let failures = conformance::run("ids.json", |input| {
        let options = CheckOptions::parse(
            input.kind.as_deref(),
            input.at.as_deref(),
            input.lang.as_deref(),
            || None,
        )
        .unwrap_or_else(|e| panic!("{}: fixture options: {e}", input.name));
        let report = ids::report(&input.value, options.kind, options.at, options.lang);
        serde_json::to_value(&report).unwrap_or_default()
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
