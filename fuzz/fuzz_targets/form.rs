//! Any bytes as a form answer for the birth bundle of the test catalogue: validation never
//! panics; an answer is judged the same in both languages (same codes, same paths), with
//! no whole phone, ID or card number in a problem's message or path; `check`
//! reports exactly what `validate` does; a valid answer's normalised form is valid again and
//! normalises to itself.
//!
//! Bytes that are JSON are the answer. Other bytes edit the bundle's 填单示范 instead, two
//! bytes an edit (which member, which value from a palette of near-valid values: untrimmed
//! text, 15-digit and lower-case-x ID numbers, formatted phone numbers, …), so that valid
//! answers needing normalisation — which random JSON seldom is — are checked too.
//!
//! The same bytes also answer the sample catalogue's birth bundle (five members, no group:
//! its merged form has a verdict, whose flat rules a compiled form's full validation
//! evaluates first, and whose problems it finds itself when it can), edited the same way
//! over its fields: the compiled form reports exactly what the uncompiled form's general
//! evaluation does, and so do its findings, once worded.
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::engine::{Engine, Target};
use doorstep::form::{self, CompiledForm, FormSpec};
use doorstep::input;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

mod privacy;

const CATALOG: &str = include_str!("../../tests/fixtures/catalog/mini.json");
const SAMPLE: &str = include_str!("../../catalogs/haicang.json");

fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::load(CATALOG, at()).expect("the test catalogue loads"));

/// The merged example of the birth bundle.
static EXAMPLE: LazyLock<Value> = LazyLock::new(|| {
    ENGINE
        .form(&Target::bundle("birth"), at())
        .map(|f| f.example)
        .unwrap_or_default()
});

/// The sample catalogue's birth bundle: its merged form, and the form compiled.
static SAMPLE_BIRTH: LazyLock<(FormSpec, CompiledForm)> = LazyLock::new(|| {
    let engine = Engine::load(SAMPLE, at()).expect("the sample catalogue loads");
    let form = engine
        .form(&Target::bundle("birth"), at())
        .expect("the sample has the birth bundle");
    (form.clone(), CompiledForm::new(form))
});

/// Where edits go: the bundle's fields, a guardian's fields, a second guardian, a stray key.
const PLACES: [&str; 18] = [
    "/applicantName",
    "/applicantId",
    "/applicantMobile",
    "/childName",
    "/childBirthDate",
    "/childSex",
    "/married",
    "/fatherId",
    "/applyInsurance",
    "/birthWeightGrams",
    "/householdAddress",
    "/bankCard",
    "/guardians",
    "/guardians/0/name",
    "/guardians/0/relation",
    "/guardians/0/relationNote",
    "/guardians/1",
    "/nickname",
];

fn palette() -> Vec<Value> {
    serde_json::json!([
        "", " ", "  林小红 ", "林", "林一一", "字字字字字字字字字字字字字字字字字字字字字",
        "350205199003071239", " 350205199003071239 ", "11010519491231002x", "350205900307123",
        "440524188001010014", "350205199003071238", "+86 139-1234-5678", "139 1234 5678",
        "13912345678", "2024-08-01", " 2024-08-01 ", "2024-8-1", "2008-08-01", "2024-02-30",
        "female", "male", "mother", "father", "other", " other", "外祖母",
        "6217 0012 3456 7890 122", "6217001234567890122", "厦门市海沧区海沧街道示例路 1 号",
        "\u{200b}", "\u{feff}林一一\u{200b}", "林\u{0}一一", "林\u{202e}一一", "阿依·买买提",
        "厦门市海沧区\u{1b}海沧街道示例路 1 号",
        0, 300, 3200, 7000, 7001, -1, 3200.0, 1e20, 9_007_199_254_740_992_u64, u64::MAX, i64::MIN,
        true, false, null, [], {},
        [{"name": "林小红", "relation": "mother"}],
        [{"name": "林小红", "relation": "other", "relationNote": "外祖母"}],
        {"name": " 陈大 ", "relation": "father"},
        {"name": "陈大", "relation": "other"}
    ])
    .as_array()
    .cloned()
    .unwrap_or_default()
}

static PALETTE: LazyLock<Vec<Value>> = LazyLock::new(palette);

/// The sample's birth example with `data`'s edits, as [`edited`] makes them over its
/// top-level fields.
fn sample_edited(data: &[u8]) -> Value {
    let (form, _) = &*SAMPLE_BIRTH;
    let mut answer = form.example.clone();
    for edit in data.chunks_exact(2) {
        let &[place, value] = edit else { continue };
        let Some(field) = form.fields.get(usize::from(place) % form.fields.len()) else {
            continue;
        };
        match PALETTE.get(usize::from(value) % (PALETTE.len() + 1)) {
            Some(v) => answer[&field.key] = v.clone(),
            None => {
                if let Value::Object(map) = &mut answer {
                    map.remove(&field.key);
                }
            }
        }
    }
    answer
}

/// The example with `data`'s edits: each pair of bytes sets a place to a palette value,
/// or removes it.
fn edited(data: &[u8]) -> Value {
    let mut answer = EXAMPLE.clone();
    for edit in data.chunks_exact(2) {
        let &[place, value] = edit else { continue };
        let palette = &*PALETTE;
        let place = PLACES[usize::from(place) % PLACES.len()];
        let Some((parent, key)) = place.rsplit_once('/') else {
            continue;
        };
        let value = palette
            .get(usize::from(value) % (palette.len() + 1))
            .cloned();
        match (answer.pointer_mut(parent), value) {
            (Some(Value::Object(map)), Some(v)) => {
                map.insert(key.to_owned(), v);
            }
            (Some(Value::Object(map)), None) => {
                map.remove(key);
            }
            (Some(Value::Array(items)), v) => {
                let v = v.unwrap_or(Value::Null);
                match key.parse::<usize>() {
                    Ok(i) if i < items.len() => items[i] = v,
                    Ok(i) if i == items.len() => items.push(v),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    answer
}

fuzz_target!(|data: &[u8]| {
    let json = input::parse_json_bytes::<Value>(data, input::MAX_ANSWER_BYTES).ok();
    let sample_answer = json.clone().unwrap_or_else(|| sample_edited(data));
    let (form, compiled) = &*SAMPLE_BIRTH;
    let general = form::validate(form, &sample_answer, at(), Lang::ZhCn);
    assert_eq!(
        compiled.validate(&sample_answer, at(), Lang::ZhCn),
        general,
        "the compiled form and the general evaluation disagree"
    );
    let findings = compiled.findings(&sample_answer, at(), Lang::ZhCn);
    let found: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.path().into_owned(), f.code().to_owned()))
        .collect();
    let expected: Vec<(String, String)> = general
        .errors
        .iter()
        .map(|p| (p.path.clone().unwrap_or_default(), p.code.clone()))
        .collect();
    assert_eq!(
        found, expected,
        "the findings and the general evaluation disagree"
    );
    assert_eq!(
        findings.into_problems(),
        general.errors,
        "the findings are worded otherwise"
    );

    let answer = json.unwrap_or_else(|| edited(data));
    let target = Target::bundle("birth");
    let zh = ENGINE
        .validate(&target, &answer, at(), Lang::ZhCn)
        .expect("the birth bundle exists");
    let en = ENGINE
        .validate(&target, &answer, at(), Lang::En)
        .expect("the birth bundle exists");
    let judged = |r: &doorstep::engine::Validation| -> Vec<(Option<String>, String)> {
        r.form
            .errors
            .iter()
            .map(|e| (e.path.clone(), e.code.clone()))
            .collect()
    };
    assert_eq!(judged(&zh), judged(&en), "languages disagree");
    // No whole phone, ID or card number in a problem: not in its message, nor in its path
    // (an unknown key is named with its digits masked).
    for problem in zh.form.errors.iter().chain(&en.form.errors) {
        let path = problem.path.as_deref().unwrap_or_default();
        assert!(
            !privacy::long_digit_run(&problem.message) && !privacy::long_digit_run(path),
            "a whole number in {problem:?}"
        );
    }
    let checked = ENGINE
        .check(&target, &answer, at(), Lang::ZhCn)
        .expect("the birth bundle exists");
    assert_eq!(
        (checked.valid, &checked.errors),
        (zh.form.valid, &zh.form.errors),
        "check and validate disagree"
    );
    assert_eq!(zh.form.valid, zh.form.errors.is_empty());
    assert_eq!(zh.form.normalized, en.form.normalized);
    let _ = serde_json::to_string(&zh).expect("a report serialises");

    if zh.form.valid {
        let normalized = &zh.form.normalized;
        let again = ENGINE
            .validate(&target, normalized, at(), Lang::ZhCn)
            .expect("the birth bundle exists");
        assert!(
            again.form.valid,
            "the normalised answer {normalized} is not valid: {:?}",
            again.form.errors
        );
        assert_eq!(
            &again.form.normalized, normalized,
            "normalising is not idempotent"
        );
        assert_eq!(
            again.matters, zh.matters,
            "the normalised answer changes the members"
        );
    }
});
