//! Validating the 出生一件事 (birth bundle) answer: the form engine against the `jsonschema`
//! crate running the equivalent JSON Schema, in one run. Prints figures; asserts nothing
//! about time.
//!
//! The catalogue is `catalogs/haicang.json` when it exists, else the test catalogue
//! `tests/fixtures/catalog/mini.json` (chosen when the bench starts; the choice is printed);
//! `DOORSTEP_BENCH_CATALOG=tests/fixtures/catalog/mini.json` picks one.
//! Two answers: the merged 填单示范 (valid) and the same answer with about seven problems.
//!
//! Benchmarks, per answer:
//! - `native CompiledForm::findings`: the form engine over the merged form, built and
//!   compiled once ([`form::CompiledForm`]), finding every problem (its code and where it
//!   is) and building nothing else, the problems worded only when asked — the same work
//!   `jsonschema` `iter_errors` does with its compiled schema (its errors' messages are
//!   formatted only when displayed; the bench counts them, as it counts the findings);
//! - `native CompiledForm::check`: the same, every problem worded for people (path,
//!   code, parameters with the field's label, message: about fifteen allocations each);
//! - `native Engine::check`: the call a page makes as the applicant types (member
//!   selection, the bundle's merged form, problems attributed to members);
//! - `native CompiledForm::validate`, `native Engine::validate`: the same, also building the
//!   normalised answer (a new JSON object of owned keys and values) and, for the engine, the
//!   list of matters;
//! - `jsonschema iter_errors`: every problem, as the form engine reports them all;
//! - `jsonschema is_valid`: the validator's fast yes/no path.
//!
//! At the end the mean times and the ratios native / `jsonschema` are printed, from the
//! measurements criterion itself takes (through `iter_custom`; warm-up included, so they can
//! differ a little from criterion's estimates); with `DOORSTEP_BENCH_JSON=FILE` they are
//! also written to FILE. `scripts/bench-forms.sh` runs this bench and the WASM one and
//! writes `BENCHMARKS.md` from their figures: the latest figures are there; the table below
//! is the history.
//!
//! Figures (mean ns per answer, `catalogs/haicang.json`, bench profile with fat LTO, a
//! two-core VM shared with other work, so absolute times swing by up to 2× — `jsonschema`
//! `iter_errors` on the valid answer took 2 734 ns in one run and 3 496 in the next; the
//! ratios to `jsonschema` in the same run are steadier):
//!
//! | | valid | 7 errors |
//! |---|---|---|
//! | first: `Engine::validate` | 32 000 (3.99× `iter_errors`) | 53 700 (7.25×) |
//! | session 4: `CompiledForm::validate` | 6 349 (2.04×) | 8 533 (1.92×) |
//! | session 5: `CompiledForm::check` | 3 028 (0.95×) | 5 019 (1.60×) |
//! | session 6: `CompiledForm::check` | 1 119 (0.41×) | 5 663 (1.50×) |
//! | session 6: `CompiledForm::validate` | 6 802 (2.49×) | 7 373 (1.95×) |
//! | session 7: `CompiledForm::check` | 793 (**0.25×**) | 4 927 (1.41×) |
//! | session 7: `Engine::check` | 1 119 (0.35×) | 5 904 (1.69×) |
//! | session 7: `CompiledForm::validate` | 2 158 (0.68×) | 7 252 (2.07×) |
//! | session 7: `Engine::validate` | 2 463 (0.78×) | 8 795 (2.52×) |
//! | session 7: `jsonschema` `iter_errors` / `is_valid` | 3 162 / 2 290 | 3 496 / 489 |
//! | session 11: `CompiledForm::check` | 561 (0.29×) | 3 004 (1.50×) |
//! | session 11: `jsonschema` `iter_errors` / `is_valid` | 1 961 / 1 431 | 2 006 / 234 |
//! | session 12, 28 fields: `CompiledForm::check` | 497 (0.24×) | 3 244 (0.94×) |
//! | session 12, 28 fields: `jsonschema` `iter_errors` / `is_valid` | 2 093 / 1 658 | 3 444 / 287 |
//! | session 13: `CompiledForm::findings` | 600 (0.23×) | 658 (**0.19×**) |
//! | session 13: `CompiledForm::check` | 672 (0.26×) | 2 409 (0.68×) |
//! | session 13: `jsonschema` `iter_errors` / `is_valid` | 2 624 / 1 936 | 3 519 / 321 |
//! | session 26: `CompiledForm::findings` | 560 (**0.21×**) | 633 (**0.23×**) |
//! | session 26: `jsonschema` `iter_errors` / `is_valid` | 2 624 / 1 618 | 2 810 / 251 |
//!
//! Session 6 gave a form a verdict (`form::verdict`, native builds), a flat pass that says
//! whether an answer has no problem at all and is run before the full check; when it says
//! so, that is the whole check. It matches the answer's keys to the fields by comparing
//! 8-byte words, reads each value with the checks the full validation uses (a resident ID
//! written plainly in one pass over its digits, no date built), and runs the rules compiled
//! against the fields (`rule::FlatRule`: each `var` a position, a condition shared by
//! fields evaluated once, `id_sex` / `id_birth_date` of a field taken from the digits,
//! truthiness tested without making values). Session 7: the rules' leaves are read in
//! their parent node (no call each), and the verdict also tells when the normalised answer
//! is the answer as given (every value kept, already trimmed, identifiers in their usual
//! form), so that `validate` copies it instead of building it. Callgrind, per valid answer:
//! `check` ~19 200 instructions (session 5) → ~9 000 (session 6) → ~8 700 (rules ~2 400,
//! values ~2 700 with four resident IDs ~660, matching the keys and the field loop the
//! rest); `validate` ~41 500 → ~21 500 (of which the copy ~5 300 and dropping the report
//! ~7 000, the caller's). The 7-error answer pays for a verdict that gives up at its first
//! problem (a few hundred instructions) before the full check. The issue's targets: 0.25×
//! `jsonschema` reached in this run (793 / 3 162 = 0.251, at the edge of the VM's noise);
//! 0.5 µs not (it needs ~5 500 instructions at this run's speed). Session 11, callgrind:
//! ~7 750 instructions per valid answer (key matching ~1 700, the field loop ~4 400 with its
//! value checks, rules ~1 850); ~36 800 with seven problems, of which ~15 000 build and
//! drop the seven `Problem`s the API returns (path, code, a params map with the label,
//! a message: ~110 allocations and frees in all) — alone more than 0.25× `jsonschema`,
//! which builds its errors' messages only when asked. Session 12: the bundle gained its
//! fifth member, 生育津贴 (four more fields, one a credit code): ~7 630 instructions per
//! valid answer after a credit code written plainly is taken directly (its full check,
//! with the facts' strings, had cost ~2 250) and ASCII patterns are matched over bytes;
//! ~36 800 with seven problems (from ~40 600) since the full validation evaluates the
//! top-level conditions and the checks by the verdict's flat rules first. Session 13: the
//! verdict's pass finds the problems itself (noting each, by field and kind, instead of
//! giving up at the first) and `CompiledForm::findings` words them only when asked:
//! ~9 800 instructions with seven problems, ~7 930 per valid answer (the pass that stops
//! at the first problem took ~7 720 before). Session 13's machine was slower than
//! session 12's (`jsonschema` `is_valid` of the valid answer 1 936 ns against 1 658).
//! Session 18: the checks read the answer as it is kept, so the pass tells for the fields a
//! check reads whether each is kept as written: ~8 330 instructions per valid answer
//! against ~8 180 the session before (+1.8 %), ~10 040 with seven problems against ~10 020
//! (callgrind, one LTO build each); in time, criterion alone on the valid answer, 485–505 ns
//! against 449–456 ns alternating builds on one machine (+8 %: the fields' loop holds two
//! copies of the value checks, one telling `same`; one copy telling it always, a runtime
//! flag, or the telling copy out of line all measured slower or no faster).
//! Session 22 (conditions read the kept answer, in dependency order): ~8 380 per valid
//! answer, ~10 230 with seven problems. Session 23: text refuses control characters and
//! bidirectional overrides (`form::control`: a pass over every text value's bytes, eight or
//! sixteen at a time): ~9 040 (+7.9 %) and ~11 820 (+15.6 %: the spoiled answer's two
//! over-long texts are 400 bytes). Tried and slower: one flat loop over the bytes
//! (vectorised, but 32 bytes an iteration leaves most values to its scalar tail), and
//! counting characters with a byte filter instead of `chars().count()` (its sum widened to
//! 64-bit lanes). Session 24: the verdict words a text problem from the fault it found
//! instead of checking the value again: ~8 970 per valid answer, ~10 460 with seven problems
//! (−11 %); the engine's rows for an answer with problems now also find each problem's
//! member matters from the members' own compiled forms (`Engine::check` ~4.9 → ~8.5 µs).
//! Session 26: an answer's key is told equal to the next field's before they are ordered:
//! ~8 570 per valid answer, ~10 080 with seven problems (−3 %, −2 %); in that session's run
//! `jsonschema` `iter_errors` took 2 624 ns on the valid answer against 2 170 in the run
//! before, so its ratios (0.21×, 0.23×) owe as much to the VM as to the change.
//! The equivalent JSON Schema ([`form_schema`]) maps each field type to a JSON type, a
//! `format` or a pattern — identifier types to custom formats that call
//! [`ids::check_as`], as the form engine does — and `required`, `minimum`/`maximum`,
//! `minLength`/`maxLength`, `pattern`, `enum` (choices), `minItems`/`maxItems`/`uniqueItems`
//! and `additionalProperties: false`. A `requiredIf` or `visibleIf` made of
//! `{"==": [{"var": "key"}, constant]}`, `and`, `or` and `!` becomes `if`/`then`.
//!
//! Dropped, as JSON Schema cannot say them (so the JSON Schema side does less work):
//! cross-field checks (`checks`, e.g. `id_age`), other conditions, rules inside groups (they
//! read the whole answer), trimming and "blank counts as missing", the province check of an
//! area code, and normalisation (`validate` also builds the normalised answer, `check` does
//! not; `jsonschema` builds nothing).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use doorstep::Lang;
use doorstep::engine::{Engine, Target};
use doorstep::form::{self, CompiledForm, Field, FieldType, FormSpec};
use doorstep::ids::{self, IdKind};
use serde_json::{Map, Value, json};

/// The catalogues to bench with, the first that exists (relative to the workspace root).
const CATALOGS: [&str; 2] = ["catalogs/haicang.json", "tests/fixtures/catalog/mini.json"];

/// The reference date (examples must validate on it).
fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// `DOORSTEP_BENCH_CATALOG` (a path from the workspace root), else the first of
/// [`CATALOGS`] that exists.
fn catalog_path() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    if let Some(path) = std::env::var_os("DOORSTEP_BENCH_CATALOG") {
        return root.join(path);
    }
    CATALOGS
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.exists())
        .expect("no catalogue to bench with")
}

/// The birth bundle's code: `birth`, else the first bundle named 出生….
fn birth_bundle(engine: &Engine) -> String {
    let bundles = engine.bundles();
    bundles
        .iter()
        .find(|b| b.code == "birth")
        .or_else(|| bundles.iter().find(|b| b.name.contains("出生")))
        .map(|b| b.code.clone())
        .expect("no birth bundle in the catalogue")
}

// ---------------------------------------------------------------------------------------
// The equivalent JSON Schema

/// A rule as a JSON Schema condition over the object it reads, when it is made of
/// `{"==": [{"var": "key"}, constant]}` (either way round), `and`, `or` and `!`; `None`
/// for anything else.
fn condition(rule: &Value) -> Option<Value> {
    let (op, args) = rule.as_object()?.iter().next()?;
    let args: Vec<&Value> = match args {
        Value::Array(items) => items.iter().collect(),
        bare => vec![bare],
    };
    let all = |args: &[&Value]| {
        args.iter()
            .map(|a| condition(a))
            .collect::<Option<Vec<_>>>()
    };
    match (op.as_str(), args.as_slice()) {
        ("==", [a, b]) => {
            let (var, constant) = match (a, b) {
                (Value::Object(v), c) | (c, Value::Object(v))
                    if !c.is_object() && !c.is_array() =>
                {
                    (v, c)
                }
                _ => return None,
            };
            let key = var.get("var")?.as_str()?;
            (!key.is_empty() && !key.contains('.'))
                .then(|| json!({"properties": {key: {"const": constant}}, "required": [key]}))
        }
        ("or", args) => Some(json!({"anyOf": all(args)?})),
        ("and", args) => Some(json!({"allOf": all(args)?})),
        ("!", [a]) => Some(json!({"not": condition(a)?})),
        _ => None,
    }
}

/// The JSON Schema of one field's value.
fn field_schema(field: &Field, in_group: bool) -> Value {
    let mut s = Map::new();
    let mut put = |k: &str, v: Value| {
        s.insert(k.to_owned(), v);
    };
    let format = |name: &str| json!({"type": "string", "format": name});
    match field.field_type {
        FieldType::Text | FieldType::Address | FieldType::Attachment => {
            put("type", json!("string"));
            if let Some(n) = field.min_length {
                put("minLength", json!(n));
            }
            if let Some(n) = field.max_length {
                put("maxLength", json!(n));
            }
            if let Some(p) = &field.pattern {
                put("pattern", json!(format!("^(?:{})$", p.as_str())));
            }
        }
        FieldType::Integer | FieldType::Money | FieldType::Decimal => {
            let json_type = if field.field_type == FieldType::Decimal {
                "number"
            } else {
                "integer"
            };
            put("type", json!(json_type));
            let floor = (field.field_type == FieldType::Money).then_some(0.0);
            if let Some(min) = field.min.into_iter().chain(floor).reduce(f64::max) {
                put("minimum", json!(min));
            }
            if let Some(max) = field.max {
                put("maximum", json!(max));
            }
        }
        FieldType::Boolean => put("type", json!("boolean")),
        FieldType::Date => return format("date"),
        FieldType::Datetime => {
            return json!({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$"});
        }
        FieldType::Choice => {
            put("type", json!("string"));
            put(
                "enum",
                field.choices.iter().map(|c| json!(c.value)).collect(),
            );
        }
        FieldType::MultiChoice => {
            put("type", json!("array"));
            put(
                "items",
                json!({"type": "string", "enum": field.choices.iter().map(|c| &c.value).collect::<Vec<_>>()}),
            );
            put("uniqueItems", json!(true));
            if let Some(n) = field.min_items {
                put("minItems", json!(n));
            }
            if let Some(n) = field.max_items {
                put("maxItems", json!(n));
            }
        }
        FieldType::ResidentId => return format("resident-id"),
        FieldType::CreditCode => return format("credit-code"),
        FieldType::Mobile => return format("mobile"),
        FieldType::Phone => return format("phone"),
        FieldType::PostalCode => return format("postal-code"),
        FieldType::BankCard => return format("bank-card"),
        FieldType::Email => return format("email"),
        FieldType::AreaCode => return json!({"type": "string", "pattern": "^[0-9]{6}$"}),
        // Rules in a group read the whole answer, which a nested schema cannot see.
        FieldType::Group => return object_schema(&field.fields, true),
        FieldType::Repeat => {
            put("type", json!("array"));
            put("items", object_schema(&field.fields, in_group));
            if let Some(n) = field.min_items {
                put("minItems", json!(n));
            }
            if let Some(n) = field.max_items {
                put("maxItems", json!(n));
            }
        }
    }
    Value::Object(s)
}

/// The JSON Schema of an object of `fields`; `in_group`: conditions are dropped.
fn object_schema(fields: &[Field], in_group: bool) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut conditions = Vec::new();
    for field in fields {
        let schema = field_schema(field, in_group);
        let visible = field
            .visible_if
            .as_ref()
            .and_then(|r| condition(&r.to_value()))
            .filter(|_| !in_group);
        let required_if = field
            .required_if
            .as_ref()
            .and_then(|r| condition(&r.to_value()))
            .filter(|_| !in_group);
        if let Some(when) = visible {
            // Hidden: anything goes (and is dropped); shown: checked.
            properties.insert(field.key.clone(), json!(true));
            let mut then = json!({"properties": {field.key.clone(): schema}});
            if field.required {
                then["required"] = json!([field.key]);
            }
            conditions.push(json!({"if": when, "then": then}));
        } else {
            properties.insert(field.key.clone(), schema);
            if field.required {
                required.push(json!(field.key));
            }
        }
        if let Some(when) = required_if {
            conditions.push(json!({
                "if": when,
                "then": {"required": [field.key]}
            }));
        }
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    });
    if !conditions.is_empty() {
        schema["allOf"] = Value::Array(conditions);
    }
    schema
}

fn form_schema(form: &FormSpec) -> Value {
    let mut schema = object_schema(&form.fields, false);
    schema["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    schema
}

fn validator(schema: &Value, at: NaiveDate) -> jsonschema::Validator {
    let id = move |kind: IdKind| move |s: &str| ids::check_as(kind, s, at).is_ok();
    jsonschema::options()
        .should_validate_formats(true)
        .with_format("resident-id", id(IdKind::ResidentId))
        .with_format("credit-code", id(IdKind::CreditCode))
        .with_format("mobile", id(IdKind::Mobile))
        .with_format("postal-code", id(IdKind::PostalCode))
        .with_format("bank-card", id(IdKind::BankCard))
        .with_format("phone", move |s: &str| {
            ids::check_as(IdKind::Mobile, s, at).is_ok()
                || ids::check_as(IdKind::Landline, s, at).is_ok()
        })
        .build(schema)
        .expect("the form's JSON Schema compiles")
}

// ---------------------------------------------------------------------------------------
// The answers

/// A wrong value for `field` (whose valid value is `good`), or `None` for types left alone.
fn spoil(field: &Field, good: &Value) -> Option<Value> {
    let flip_last = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        let last = chars.pop()?;
        chars.push(if last == '1' { '2' } else { '1' });
        Some(Value::String(chars.into_iter().collect()))
    };
    match field.field_type {
        FieldType::ResidentId | FieldType::BankCard | FieldType::CreditCode => {
            flip_last(good.as_str()?)
        }
        FieldType::Mobile | FieldType::Phone => Some(json!("1391234567")),
        FieldType::PostalCode => Some(json!("36102")),
        FieldType::Date => Some(json!("2024-02-30")),
        FieldType::Choice => Some(json!("none-of-these")),
        FieldType::Boolean => Some(json!("yes")),
        FieldType::Email => Some(json!("someone@")),
        FieldType::Text | FieldType::Address => field
            .max_length
            .map(|n| Value::String("字".repeat(usize::try_from(n).unwrap() + 1))),
        FieldType::Decimal => field.max.map(|max| json!(max + 1.0)),
        #[allow(clippy::cast_possible_truncation)] // bounds of whole-number fields
        FieldType::Integer | FieldType::Money => field.max.map(|max| json!(max as i64 + 1)),
        _ => None,
    }
}

/// The valid answer with problems added, field by field, until the form engine reports
/// `target` (or as close as the form allows): an unknown key, a missing required field,
/// then wrong values.
fn spoiled(form: &FormSpec, valid: &Value, target: usize, at: NaiveDate) -> Value {
    let count = |answer: &Value| form::validate(form, answer, at, Lang::ZhCn).errors.len();
    let mut answer = valid.clone();
    answer["nickname"] = json!("小宝");
    if let Some(f) = form
        .fields
        .iter()
        .rev()
        .find(|f| f.required && f.visible_if.is_none() && answer.get(&f.key).is_some())
    {
        answer.as_object_mut().unwrap().remove(&f.key);
    }
    for field in &form.fields {
        if count(&answer) >= target {
            break;
        }
        let Some(good) = answer.get(&field.key).cloned() else {
            continue;
        };
        if let Some(bad) = spoil(field, &good) {
            let mut tried = answer.clone();
            tried[&field.key] = bad;
            if count(&tried) > count(&answer) {
                answer = tried;
            }
        }
    }
    answer
}

// ---------------------------------------------------------------------------------------
// Measuring

/// Mean time per iteration of each benchmark, as criterion measured it.
static MEANS: Mutex<BTreeMap<String, (Duration, u64)>> = Mutex::new(BTreeMap::new());

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Benchmarks `f` as `name` in `group` (called `group_name`), keeping criterion's
/// measurements for the summary.
fn bench<O>(group: &mut Group<'_>, group_name: &str, name: &str, mut f: impl FnMut() -> O) {
    let id = format!("{group_name}/{name}");
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            let elapsed = start.elapsed();
            let mut means = MEANS.lock().unwrap();
            let entry = means.entry(id.clone()).or_default();
            entry.0 += elapsed;
            entry.1 += iters;
            elapsed
        });
    });
}

/// The merged form of every member of bundle `code` in effect on `at`: what
/// `Engine::check` validates an answer all members apply to (the valid one) against.
/// (`Engine::form`, the form to render, also shows the fields of members under a condition
/// only where they apply.)
fn merged_form(engine: &Engine, code: &str, at: NaiveDate) -> FormSpec {
    let catalog = engine.catalog();
    let matters: Vec<_> = catalog
        .bundle(code)
        .unwrap()
        .members
        .iter()
        .filter_map(|m| catalog.matter_on(&m.matter, at))
        .collect();
    doorstep::catalog::bundle::merged_form(&matters)
}

fn forms(c: &mut Criterion) {
    let at = at();
    let path = catalog_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let engine = Engine::load(&text, at).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let code = birth_bundle(&engine);
    let target = Target::bundle(&code);
    let form = merged_form(&engine, &code, at);
    let valid = form.example.clone();
    let invalid = spoiled(&form, &valid, 7, at);
    let schema = form_schema(&form);
    let validator = validator(&schema, at);
    let compiled = CompiledForm::new(form.clone());

    // What is measured, and that both sides agree on the verdicts.
    let native_valid = engine.validate(&target, &valid, at, Lang::ZhCn).unwrap();
    let native_invalid = engine.validate(&target, &invalid, at, Lang::ZhCn).unwrap();
    for answer in [&valid, &invalid] {
        let report = compiled.validate(answer, at, Lang::ZhCn);
        assert_eq!(report, form::validate(&form, answer, at, Lang::ZhCn));
        assert_eq!(compiled.check(answer, at, Lang::ZhCn), report.errors);
        let findings = compiled.findings(answer, at, Lang::ZhCn);
        assert_eq!(findings.into_problems(), report.errors);
        let whole = engine.validate(&target, answer, at, Lang::ZhCn).unwrap();
        let checked = engine.check(&target, answer, at, Lang::ZhCn).unwrap();
        assert_eq!(checked.errors, whole.form.errors);
    }
    assert!(native_valid.form.valid, "{:?}", native_valid.form.errors);
    assert!(
        validator.is_valid(&valid),
        "{:?}",
        validator
            .iter_errors(&valid)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    assert!(!validator.is_valid(&invalid));
    let native_codes: Vec<String> = native_invalid
        .form
        .errors
        .iter()
        .map(|p| format!("{} {}", p.path.as_deref().unwrap_or_default(), p.code))
        .collect();
    let schema_errors: Vec<String> = validator
        .iter_errors(&invalid)
        .map(|e| format!("{} {}", e.instance_path(), e))
        .collect();
    eprintln!(
        "catalogue {} — bundle {code}: {} fields, {} checks, members {:?}",
        path.display(),
        form.fields.len(),
        form.checks.len(),
        native_valid.matters,
    );
    eprintln!(
        "JSON Schema: {} bytes (DOORSTEP_BENCH_SCHEMA=1 prints it)",
        schema.to_string().len()
    );
    if std::env::var_os("DOORSTEP_BENCH_SCHEMA").is_some() {
        eprintln!("{}", serde_json::to_string_pretty(&schema).unwrap());
    }
    eprintln!("answer with problems: {invalid}");
    eprintln!("  native ({}): {native_codes:?}", native_codes.len());
    eprintln!("  jsonschema ({}): {schema_errors:?}", schema_errors.len());

    for (label, answer) in [("valid", &valid), ("7 errors", &invalid)] {
        let name = format!("birth/{label}");
        let mut group = c.benchmark_group(&name);
        bench(&mut group, &name, "native CompiledForm::findings", || {
            compiled.findings(black_box(answer), at, Lang::ZhCn).len()
        });
        bench(&mut group, &name, "native CompiledForm::check", || {
            compiled.check(black_box(answer), at, Lang::ZhCn)
        });
        bench(&mut group, &name, "native Engine::check", || {
            engine.check(&target, black_box(answer), at, Lang::ZhCn)
        });
        bench(&mut group, &name, "native CompiledForm::validate", || {
            compiled.validate(black_box(answer), at, Lang::ZhCn)
        });
        bench(&mut group, &name, "native Engine::validate", || {
            engine.validate(&target, black_box(answer), at, Lang::ZhCn)
        });
        bench(&mut group, &name, "jsonschema iter_errors", || {
            validator.iter_errors(black_box(answer)).count()
        });
        bench(&mut group, &name, "jsonschema is_valid", || {
            validator.is_valid(black_box(answer))
        });
        group.finish();
    }

    report(&Context {
        catalog: path.display().to_string(),
        bundle: code.clone(),
        fields: form.fields.len(),
        checks: form.checks.len(),
        native_errors: native_codes,
        schema_errors,
    });
}

/// What was measured, for the JSON figures ([`report`]).
struct Context {
    catalog: String,
    bundle: String,
    fields: usize,
    checks: usize,
    native_errors: Vec<String>,
    schema_errors: Vec<String>,
}

/// Prints the mean times and the ratios to `jsonschema`; with `DOORSTEP_BENCH_JSON=FILE`,
/// also writes them as JSON to FILE (for `scripts/bench-forms.sh`, which writes the report
/// `BENCHMARKS.md` from them and the WASM figures of the same run).
fn report(context: &Context) {
    let means = MEANS.lock().unwrap();
    let mean = |id: &str| {
        means.get(id).and_then(|&(total, iters)| {
            #[allow(clippy::cast_precision_loss)] // iteration counts are far below 2^52
            (iters > 0).then(|| total.as_secs_f64() * 1e9 / iters as f64)
        })
    };
    if let Some(file) = std::env::var_os("DOORSTEP_BENCH_JSON") {
        let mut ns = Map::new();
        for id in means.keys() {
            let (group, name) = id.rsplit_once('/').unwrap();
            let label = group.trim_start_matches("birth/");
            let row = ns.entry(name).or_insert_with(|| json!({}));
            row[label] = json!(mean(id));
        }
        let figures = json!({
            "catalog": context.catalog,
            "bundle": context.bundle,
            "fields": context.fields,
            "checks": context.checks,
            "errors": {"native": context.native_errors, "jsonschema": context.schema_errors},
            "ns": ns,
        });
        std::fs::write(&file, serde_json::to_string_pretty(&figures).unwrap()).unwrap();
    }
    eprintln!("\nmean per answer (ns), and as a multiple of jsonschema iter_errors / is_valid:");
    for label in ["valid", "7 errors"] {
        let g = |f: &str| mean(&format!("birth/{label}/{f}"));
        let (Some(errors), Some(is_valid)) =
            (g("jsonschema iter_errors"), g("jsonschema is_valid"))
        else {
            continue;
        };
        eprintln!("  {label}: jsonschema iter_errors {errors:.0}, is_valid {is_valid:.0}");
        for native in [
            "CompiledForm::findings",
            "CompiledForm::check",
            "Engine::check",
            "CompiledForm::validate",
            "Engine::validate",
        ] {
            if let Some(t) = g(&format!("native {native}")) {
                eprintln!(
                    "    {native:23} {t:7.0}   {:5.2}× iter_errors   {:5.2}× is_valid",
                    t / errors,
                    t / is_valid
                );
            }
        }
    }
}

criterion_group!(benches, forms);
criterion_main!(benches);
