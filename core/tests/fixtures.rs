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

#[test]
fn forms_fixtures() {
    use doorstep::catalog::{Catalog, bundle};
    use doorstep::form;
    use serde_json::json;

    let failures = conformance::run("forms.json", |input| {
        let raw = &input.raw;
        let catalog: Catalog = serde_json::from_value(conformance::load(
            raw["catalog"].as_str().unwrap_or_default(),
        ))
        .unwrap_or_else(|e| panic!("{}: catalogue: {e}", input.name));
        let options =
            CheckOptions::parse(None, input.at.as_deref(), input.lang.as_deref(), || None)
                .unwrap_or_else(|e| panic!("{}: options: {e}", input.name));
        // The answer, or its JSON text as a window system sends it (`answerText`), read by
        // the core's parser as every binding reads text (a refusal: its code).
        let parsed;
        let answer = match raw["answerText"].as_str() {
            Some(text) => {
                use doorstep::Coded;
                use doorstep::input::{MAX_ANSWER_BYTES, parse_json};
                match parse_json::<serde_json::Value>(text, MAX_ANSWER_BYTES) {
                    Ok(value) => {
                        parsed = value;
                        &parsed
                    }
                    Err(e) => return json!({ "error": e.code() }),
                }
            }
            None => &raw["answer"],
        };
        if let Some(path) = raw["field"].as_str() {
            // One field as the applicant types, through the engine (a refusal: its code).
            use doorstep::Coded;
            use doorstep::engine::{Engine, Target};
            let engine = Engine::new(catalog, options.at).expect("engine");
            let target = match raw["matter"].as_str() {
                Some(code) => Target::matter(code),
                None => Target::bundle(raw["bundle"].as_str().unwrap_or_default()),
            };
            return match engine.validate_field(&target, answer, path, options.at, options.lang) {
                Ok(report) => serde_json::to_value(report).unwrap_or_default(),
                Err(e) => json!({ "error": e.code() }),
            };
        }
        // Every case is also checked through the engine (`Engine::check`): the same
        // problems, in the same order, without the normalised answer.
        let checked = {
            use doorstep::engine::{Engine, Target};
            let target = match raw["matter"].as_str() {
                Some(code) => Target::matter(code),
                None => Target::bundle(raw["bundle"].as_str().unwrap_or_default()),
            };
            Engine::new(catalog.clone(), options.at)
                .expect("engine")
                .check(&target, answer, options.at, options.lang)
                .expect("check")
        };
        let (report, value) = if let Some(code) = raw["matter"].as_str() {
            let matter = catalog.matter_on(code, options.at).expect("matter");
            // On the catalogue's calendar, as an engine's form (and `validate_bundle`).
            let calendar = std::sync::Arc::new(catalog.work_calendar());
            let compiled = form::CompiledForm::new(matter.form.clone()).with_calendar(calendar);
            let report = compiled.validate(answer, options.at, options.lang);
            let value = serde_json::to_value(&report).unwrap_or_default();
            (report, value)
        } else {
            let b = catalog
                .bundle(raw["bundle"].as_str().unwrap_or_default())
                .expect("bundle");
            let report = bundle::validate_bundle(&catalog, b, answer, options.at, options.lang);
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            value["kind"] = json!("bundle");
            (report.form, value)
        };
        assert_eq!(
            (checked.valid, &checked.errors),
            (report.valid, &report.errors),
            "{}: check and validate disagree",
            input.name
        );
        value
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn lint_fixtures() {
    use doorstep::catalog;
    use serde_json::json;

    // As the bindings lint: the patched catalogue as text, so that a value its types refuse
    // is a problem too.
    let failures = conformance::run("lint.json", |input| {
        let text = conformance::catalog_of(&input.raw).to_string();
        let at =
            doorstep::calendar::parse_date(input.at.as_deref().unwrap_or_default()).expect("at");
        let problems = catalog::lint_json(&text, at, doorstep::Lang::ZhCn);
        json!({ "valid": problems.is_empty(), "errors": problems })
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn labels_fixtures() {
    let failures = conformance::run("labels.json", |input| {
        let lang = doorstep::args::parse_lang(input.lang.as_deref())
            .unwrap_or_else(|e| panic!("{}: lang: {e}", input.name));
        serde_json::to_value(doorstep::labels::labels(lang)).unwrap_or_default()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn queries_fixtures() {
    use std::collections::HashMap;

    use doorstep::Coded;
    use doorstep::engine::{Engine, Target};
    use serde_json::{Value, json};

    // Each catalogue loaded once, as of the file's `loadAt`.
    let load_at = conformance::load("queries.json")["loadAt"]
        .as_str()
        .and_then(doorstep::calendar::parse_date)
        .expect("queries.json: loadAt");
    let mut engines: HashMap<String, Engine> = HashMap::new();
    let failures = conformance::run("queries.json", |input| {
        let raw = &input.raw;
        let file = raw["catalog"].as_str().unwrap_or_default().to_owned();
        let engine = engines.entry(file).or_insert_with_key(|file| {
            let catalog = serde_json::from_value(conformance::load(file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            Engine::new(catalog, load_at).expect("engine")
        });
        let text = |key: &str| raw[key].as_str().map(str::to_owned);
        let target = Target {
            matter: text("matter"),
            bundle: text("bundle"),
        };
        // A list's codes, as the report gives them beside the list.
        let codes = |list: &Value| -> Value {
            list.as_array()
                .map(|items| items.iter().map(|item| item["code"].clone()).collect())
                .unwrap_or_default()
        };
        // A refused call: its code.
        let report = || -> Result<Value, &'static str> {
            if raw["op"] == "bundles" {
                let bundles = json!(engine.bundles());
                return Ok(json!({ "codes": codes(&bundles), "bundles": bundles }));
            }
            let at = doorstep::args::CheckOptions::parse(None, input.at.as_deref(), None, || None)
                .map_err(|e| e.code())?
                .at;
            let refused = |e: doorstep::engine::EngineError| e.code();
            Ok(match raw["op"].as_str() {
                Some("matters") => {
                    let matters = json!(engine.matters(&text("query").unwrap_or_default(), at));
                    json!({ "codes": codes(&matters), "matters": matters })
                }
                Some("findBundles") => {
                    let query = text("query").unwrap_or_default();
                    let bundles = json!(engine.find_bundles(&query, at));
                    json!({ "codes": codes(&bundles), "bundles": bundles })
                }
                Some("form") => {
                    let form = json!(engine.form(&target, at).map_err(refused)?);
                    let keys: Vec<Value> = form["fields"]
                        .as_array()
                        .map(|fields| fields.iter().map(|f| f["key"].clone()).collect())
                        .unwrap_or_default();
                    json!({ "keys": keys, "form": form })
                }
                Some("materials") => {
                    let available: Vec<&str> = raw["available"]
                        .as_array()
                        .map(|list| list.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let materials = json!(
                        engine
                            .materials(&target, &raw["answer"], &available, at)
                            .map_err(refused)?
                    );
                    json!({ "codes": codes(&materials), "materials": materials })
                }
                Some("prefill") => {
                    let answer = engine
                        .prefill(&target, &raw["shared"], &raw["answer"], at)
                        .map_err(refused)?;
                    json!({ "answer": answer })
                }
                op => panic!("{}: unknown op {op:?}", input.name),
            })
        };
        report().unwrap_or_else(|code| json!({ "error": code }))
    });
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
