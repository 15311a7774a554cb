//! Any bytes as a catalogue: reading and linting never panic, `Engine::load` agrees with
//! `lint_json`, a loaded catalogue writes back to JSON that reads as the same catalogue,
//! and every form it offers (matters and bundles) can be rendered and validated; a search
//! finds each matter and bundle by its own name, and lists exactly the bundles that have a
//! form on the date.
#![no_main]

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::catalog::{self, Catalog};
use doorstep::engine::{Engine, Target};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let problems = catalog::lint_json(text, at, Lang::En);
    let engine = Engine::load(text, at);
    assert_eq!(
        engine.is_ok(),
        problems.is_empty(),
        "load and lint disagree: {problems:?}"
    );
    for problem in &problems {
        assert!(!problem.code.is_empty() && !problem.message.is_empty());
    }
    let Ok(engine) = engine else { return };

    // Writing a catalogue out and reading it back gives the same catalogue.
    let written = serde_json::to_string(engine.catalog()).expect("a catalogue serialises");
    let again = Catalog::from_json(&written).expect("a written catalogue reads back");
    assert!(
        &again == engine.catalog(),
        "round trip changed the catalogue"
    );

    // Search: each by its own name; the bundles open on the date are those with a form.
    for m in engine.matters("", at) {
        let found = engine.matters(&m.name, at);
        assert!(
            found.iter().any(|f| f.code == m.code),
            "{} not found",
            m.code
        );
    }
    let open = engine.find_bundles("", at);
    for b in &open {
        let found = engine.find_bundles(&b.name, at);
        assert!(
            found.iter().any(|f| f.code == b.code),
            "{} not found",
            b.code
        );
    }
    let with_form: Vec<String> = engine
        .bundles()
        .into_iter()
        .filter(|b| engine.form(&Target::bundle(&b.code), at).is_ok())
        .map(|b| b.code)
        .collect();
    let open: Vec<String> = open.into_iter().map(|b| b.code).collect();
    assert_eq!(
        open, with_form,
        "open bundles and bundles with a form differ"
    );

    let targets = engine
        .matters("", at)
        .into_iter()
        .map(|m| Target::matter(&m.code))
        .chain(
            engine
                .bundles()
                .into_iter()
                .map(|b| Target::bundle(&b.code)),
        );
    for target in targets {
        let Ok(form) = engine.form(&target, at) else {
            continue;
        };
        let report = engine.validate(&target, &form.example, at, Lang::ZhCn);
        let _ = engine.materials(&target, &form.example, &["identity"], at);
        let _ = serde_json::to_string(&report.ok());
    }
});
