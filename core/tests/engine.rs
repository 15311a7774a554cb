//! The engine's queries on the Haicang sample catalogue where a target or a document is
//! not what they take: a bundle none of whose matters is in effect, documents of the wrong
//! type; and a catalogue of thousands of bundles, whose merged forms are not all built at
//! load.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use doorstep::engine::{Engine, Target};
use doorstep::{Coded, Lang};
use serde_json::{Value, json};

mod common;

use common::{date, engine_on, sample_catalog};

#[test]
fn a_bundle_none_of_whose_matters_is_in_effect_names_no_matter() {
    let engine = engine_on(&sample_catalog(), date(2026, 11, 25));
    let birth = Target::bundle("birth");
    // Every member of the birth bundle takes effect in 2024.
    let before = date(2023, 8, 1);
    let code = |e: doorstep::engine::EngineError| e.code();
    assert_eq!(
        engine.form(&birth, before).map_err(code).err(),
        Some("engine.unknown_matter")
    );
    for answer in [
        json!({}),
        engine.form(&birth, date(2026, 11, 25)).unwrap().example,
    ] {
        assert_eq!(
            engine
                .validate(&birth, &answer, before, Lang::En)
                .map_err(code)
                .err(),
            Some("engine.unknown_matter")
        );
        assert_eq!(
            engine
                .check(&birth, &answer, before, Lang::En)
                .map_err(code)
                .err(),
            Some("engine.unknown_matter")
        );
        assert_eq!(
            engine
                .materials(&birth, &answer, &[], before)
                .map_err(code)
                .err(),
            Some("engine.unknown_matter")
        );
        assert_eq!(
            engine
                .prefill(&birth, &json!({}), &answer, before)
                .map_err(code)
                .err(),
            Some("engine.unknown_matter")
        );
    }
    assert_eq!(
        engine
            .form(&Target::bundle("nope"), before)
            .map_err(code)
            .err(),
        Some("engine.unknown_bundle")
    );
}

#[test]
fn materials_and_prefill_refuse_a_document_that_is_not_an_object() {
    let at = date(2026, 11, 25);
    let engine = engine_on(&sample_catalog(), at);
    let birth = Target::bundle("birth");
    for wrong in [json!([]), json!(null), json!("x"), json!(1)] {
        let refused = engine.materials(&birth, &wrong, &[], at).unwrap_err();
        assert_eq!(refused.code(), "input.shape");
        assert_eq!(
            refused.message(Lang::En),
            "the answer must be a JSON object"
        );
        let refused = engine.prefill(&birth, &wrong, &json!({}), at).unwrap_err();
        assert_eq!(refused.code(), "input.shape");
        assert!(refused.message(Lang::ZhCn).contains("对象"), "{refused:?}");
    }
    assert!(engine.materials(&birth, &json!({}), &[], at).is_ok());
}

/// A document's condition reads the answer as validation keeps it: a father's ID number
/// given while the form hides it (not married) is dropped, and asks for no marriage
/// certificate; trimmed text compares as trimmed.
#[test]
fn a_document_condition_reads_the_answer_as_kept() {
    let at = date(2026, 11, 25);
    let mut mini: Value =
        serde_json::from_str(include_str!("../../tests/fixtures/catalog/mini.json")).unwrap();
    let marriage = &mut mini["matters"][0]["materials"][1];
    assert_eq!(marriage["code"], "marriage_certificate");
    marriage["condition"] = json!({"or": [{"!!": [{"var": "fatherId"}]},
        {"==": [{"var": "applicantName"}, "林小红"]}]});
    let engine = Engine::load(&mini.to_string(), at).unwrap();
    let cert = Target::matter("BIRTH-CERT");
    let codes = |answer: Value| -> Vec<String> {
        let listed = engine.materials(&cert, &answer, &[], at).unwrap();
        listed.into_iter().map(|m| m.code).collect()
    };
    let father = "440524188001010014";
    assert_eq!(
        codes(json!({"married": false, "fatherId": father})),
        ["applicant_id_card"]
    );
    assert_eq!(
        codes(json!({"married": true, "fatherId": father})),
        ["applicant_id_card", "marriage_certificate"]
    );
    assert_eq!(
        codes(json!({"applicantName": " 林小红 "})),
        ["applicant_id_card", "marriage_certificate"]
    );
}

#[test]
fn a_catalogue_of_thousands_of_bundles_merges_the_forms_past_its_budget_when_asked() {
    let at = date(2026, 11, 25);
    let mut catalog = sample_catalog();
    let bundles = catalog["bundles"].as_array_mut().unwrap();
    let school = bundles
        .iter()
        .find(|b| b["code"] == "school_entry")
        .cloned()
        .unwrap();
    for i in 0..2_000 {
        let mut copy = school.clone();
        copy["code"] = Value::from(format!("school_entry_{i}"));
        bundles.push(copy);
    }
    let engine = Engine::load(&catalog.to_string(), at).unwrap();
    let original = Target::bundle("school_entry");
    let example = engine.form(&original, at).unwrap().example;
    let answers = [example.clone(), json!({}), json!({"unknown": 1})];
    // The first copies' forms are built at load, the last ones' when asked: the same.
    for copy in ["school_entry_0", "school_entry_1999"] {
        let copy = Target::bundle(copy);
        assert_eq!(
            engine.form(&copy, at).unwrap(),
            engine.form(&original, at).unwrap()
        );
        for answer in &answers {
            for lang in [Lang::ZhCn, Lang::En] {
                let validated = engine.validate(&copy, answer, at, lang).unwrap();
                assert_eq!(
                    validated,
                    engine.validate(&original, answer, at, lang).unwrap()
                );
                assert_eq!(
                    engine.check(&copy, answer, at, lang).unwrap(),
                    engine.check(&original, answer, at, lang).unwrap()
                );
            }
        }
    }
    assert!(
        engine
            .validate(
                &Target::bundle("school_entry_1999"),
                &example,
                at,
                Lang::ZhCn
            )
            .unwrap()
            .form
            .valid
    );
}

/// The form to render shows the fields only 生育津贴 asks (a member under the condition
/// that the mother is insured) where that member applies, as validation asks them; prefill
/// fills them whatever the answer so far says, since a page prefills before the applicant
/// answers what selects the members.
#[test]
fn fields_of_a_member_under_a_condition_show_where_it_applies_and_prefill_anyway() {
    let mut catalog = sample_catalog();
    let matters = catalog["matters"].as_array_mut().unwrap();
    let allowance = matters
        .iter_mut()
        .find(|m| m["code"] == "350205-YB-002")
        .unwrap();
    let fields = allowance["form"]["fields"].as_array_mut().unwrap();
    let name = fields
        .iter_mut()
        .find(|f| f["key"] == "employerName")
        .unwrap();
    name["prefill"] = json!("social_insurance.employerName");
    let at = date(2026, 11, 25);
    let engine = engine_on(&catalog, at);
    let birth = Target::bundle("birth");
    let form = engine.form(&birth, at).unwrap();
    let shown = |key: &str| {
        form.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.visible_if.as_ref().map(doorstep::rule::Rule::to_value))
            .unwrap()
    };
    let insured = Some(json!({"==": [{"var": "motherInsured"}, true]}));
    for key in ["employerName", "employerCreditCode", "babyCount"] {
        assert_eq!(shown(key), insured, "{key}");
    }
    // Asked by members that always apply: as each member asks it.
    assert_eq!(shown("childName"), None);
    let filled = engine
        .prefill(
            &birth,
            &json!({"social_insurance": {"employerName": "厦门海沧鹭岛科技有限公司"}}),
            &json!({}),
            at,
        )
        .unwrap();
    assert_eq!(filled["employerName"], json!("厦门海沧鹭岛科技有限公司"));
}
