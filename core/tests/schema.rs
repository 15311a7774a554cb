//! The catalogue's JSON Schema: the committed `catalogs/catalog.schema.json` is what the Rust
//! types generate (`DOORSTEP_BLESS=1` rewrites it), and the catalogues we ship validate
//! against it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use doorstep::catalog::schema::catalog_schema;
use doorstep::conformance;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn committed_path() -> PathBuf {
    repo().join("catalogs").join("catalog.schema.json")
}

/// The schema as committed: pretty JSON with a final newline.
fn render(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("schema serialises");
    text.push('\n');
    text
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(committed_path()).expect("catalogs/catalog.schema.json");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema is not a valid JSON Schema"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

/// Every problem, one per line, with the instance path.
fn problems(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schema_is_generated() {
    let generated = render(&catalog_schema());
    let path = committed_path();
    if std::env::var_os("DOORSTEP_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("catalogs/")).expect("mkdir catalogs");
        // Written whole, then renamed: the other tests read it meanwhile.
        let fresh = path.with_extension("json.new");
        std::fs::write(&fresh, &generated).expect("write the schema");
        std::fs::rename(&fresh, &path).expect("replace the schema");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} differs from the schema the Rust types generate; if the change is meant, \
         regenerate it with `DOORSTEP_BLESS=1 cargo test -p doorstep --test schema` and commit it",
        path.display()
    );
}

#[test]
fn shipped_catalogues_validate() {
    let validator = validator();
    let mut checked = 0;
    for path in [
        repo().join("tests/fixtures/catalog/mini.json"),
        repo().join("catalogs/haicang.json"),
    ] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // haicang.json is optional
        };
        let doc: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let found = problems(&validator, &doc);
        assert!(
            found.is_empty(),
            "{} fails the schema:\n{}",
            path.display(),
            found.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 1, "no catalogue checked");
}

/// The schema stands for the catalogue format as the engine reads it: every lint fixture is
/// a catalogue the engine reads, and the schema accepts it unless the fixture breaks a
/// length or range constraint (`catalog.constraint`) or gives a field a key a rule cannot
/// read (`catalog.field_key`), which the schema states too. A catalogue the engine cannot
/// read at all (`input.shape`) is left out: the schema refuses some of those (a date that
/// does not exist) and cannot say others (a rule's operators).
#[test]
fn schema_agrees_with_lint_fixtures() {
    let validator = validator();
    let file = conformance::load("lint.json");
    let cases = file["cases"].as_array().expect("lint.json cases");
    for case in cases {
        let input = &case["input"];
        let doc = conformance::catalog_of(input);
        let found = problems(&validator, &doc);
        let errors = || case["expected"]["errors"].as_array().into_iter().flatten();
        if errors().any(|e| e == "input.shape") {
            continue;
        }
        let constraint = errors().any(|e| e == "catalog.constraint" || e == "catalog.field_key");
        assert_eq!(
            found.is_empty(),
            !constraint,
            "{}: schema problems {found:?}",
            case["name"]
        );
    }
}

fn at_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date")
}

fn mini() -> Value {
    conformance::load("catalog/mini.json")
}

/// Sets the member named by `pointer`, adding it if its object lacks it.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    doc.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{parent} is not an object"))
        .insert(key.to_owned(), value);
}

#[test]
fn schema_reference_is_allowed() {
    let mut doc = mini();
    doc["$schema"] = json!("./catalog.schema.json");
    assert_eq!(problems(&validator(), &doc), Vec::<String>::new());
}

#[test]
fn schema_rejects_what_the_engine_refuses() {
    let validator = validator();
    let cases = [
        // A typo in a field name (deny_unknown_fields).
        ("/matters/0/legalLimitDay", json!(5), "/matters/0"),
        // An unknown enumeration value.
        (
            "/matters/0/type",
            json!("administrative_permission"),
            "/matters/0/type",
        ),
        (
            "/matters/0/form/fields/0/type",
            json!("string"),
            "/matters/0/form/fields/0/type",
        ),
        // A date that is not YYYY-MM-DD.
        (
            "/matters/0/effective",
            json!("2024/01/01"),
            "/matters/0/effective",
        ),
        // A rule with an unknown operator, and an object that is not one operation.
        (
            "/matters/0/form/fields/7/visibleIf",
            json!({"==": [{"lg": 1}, true]}),
            "/matters/0/form/fields/7/visibleIf",
        ),
        (
            "/bundles/0/members/2/condition",
            json!({"var": "applyInsurance", "==": true}),
            "/bundles/0/members/2/condition",
        ),
        // A pattern that is not a string.
        (
            "/matters/0/form/fields/0/pattern",
            json!(5),
            "/matters/0/form/fields/0/pattern",
        ),
        // A count out of range (validator's range(min = 1)).
        (
            "/matters/0/materials/0/count",
            json!(0),
            "/matters/0/materials/0/count",
        ),
    ];
    for (pointer, value, at) in cases {
        let mut doc = mini();
        set(&mut doc, pointer, value);
        let found = problems(&validator, &doc);
        assert!(
            found.iter().any(|p| p.starts_with(at)),
            "{pointer}: expected a problem at {at}, got {found:?}"
        );
        // The engine refuses the same document.
        let text = serde_json::to_string(&doc).unwrap();
        assert!(
            doorstep::engine::Engine::load(&text, at_date()).is_err(),
            "{pointer}: the engine loads it"
        );
    }
}

#[test]
fn every_rule_operator_is_in_the_schema() {
    let schema = catalog_schema();
    let operations = &schema["definitions"]["Rule"]["anyOf"][2]["properties"];
    for op in doorstep::rule::operators() {
        assert!(operations.get(op).is_some(), "operator {op} missing");
    }
}
