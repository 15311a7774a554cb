//! 一件事: one merged form, one material set, for several matters at once.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{Bundle, Catalog, Material, Matter};
use crate::form::{self, CompiledForm, FormReport, FormSpec};
use crate::rule::Rule;
use crate::{Lang, Problem};

/// Which members of `bundle` apply to `answer`: bit `i` is set when member `i` has no
/// condition or its condition holds (one whose condition cannot be evaluated does not).
/// Members past the 64th always apply.
pub fn member_mask(bundle: &Bundle, answer: &Value) -> u64 {
    bundle.members.iter().enumerate().fold(0, |mask, (i, m)| {
        let applies = m
            .condition
            .as_ref()
            .is_none_or(|rule| rule.truthy(answer).unwrap_or(false));
        if applies {
            mask | 1u64
                .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                .unwrap_or(0)
        } else {
            mask
        }
    })
}

/// The matters (newest versions) of the members of `bundle` selected by `mask`.
pub fn masked_members<'c>(catalog: &'c Catalog, bundle: &Bundle, mask: u64) -> Vec<&'c Matter> {
    bundle
        .members
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            u32::try_from(*i)
                .ok()
                .and_then(|i| 1u64.checked_shl(i))
                .is_none_or(|bit| mask & bit != 0)
        })
        .filter_map(|(_, m)| catalog.matter(&m.matter))
        .collect()
}

/// The matters of `bundle` that apply to `answer` (see [`member_mask`]).
pub fn members<'c>(catalog: &'c Catalog, bundle: &Bundle, answer: &Value) -> Vec<&'c Matter> {
    masked_members(catalog, bundle, member_mask(bundle, answer))
}

/// The merged form of several matters: their fields in order, each key asked once, and
/// all their checks. A key several members ask keeps the first member's definition (lint
/// rejects one key with two types or two sets of choices), but is required when any member
/// requires it and shown when any member shows it. The example is the members' examples
/// merged the same way.
pub fn merged_form(matters: &[&Matter]) -> FormSpec {
    let mut fields: Vec<form::Field> = Vec::new();
    let mut checks = Vec::new();
    let mut example = serde_json::Map::new();
    for matter in matters {
        for field in &matter.form.fields {
            match fields.iter_mut().find(|f| f.key == field.key) {
                Some(merged) => merge_field(merged, field),
                None => fields.push(field.clone()),
            }
        }
        // Members often share a check (the mother's ID is a woman's): run it once.
        for check in &matter.form.checks {
            if !checks.contains(check) {
                checks.push(check.clone());
            }
        }
        if let Value::Object(map) = &matter.form.example {
            for (k, v) in map {
                example.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    FormSpec {
        fields,
        checks,
        example: Value::Object(example),
    }
}

/// The field at `pointer` in the merged form of `matters`, without building it: each
/// top-level field, with what it holds, comes from the first member that asks its key, as
/// [`merged_form`] takes it.
pub fn merged_field_at<'a>(matters: &[&'a Matter], pointer: &str) -> Option<&'a form::Field> {
    // The pointer to the top-level field: up to the second '/'.
    let top = pointer
        .get(1..)
        .and_then(|rest| rest.find('/'))
        .and_then(|i| pointer.get(..=i))
        .unwrap_or(pointer);
    let owner = matters.iter().find(|m| m.form.field_at(top).is_some())?;
    owner.form.field_at(pointer)
}

/// Widens `merged` by what `other` (the same key in another member) asks: required if
/// either requires it, required-if either condition, visible if either shows it.
fn merge_field(merged: &mut form::Field, other: &form::Field) {
    merged.required |= other.required;
    merged.required_if = if merged.required {
        None
    } else {
        either(merged.required_if.take(), other.required_if.clone())
    };
    // A field without a visibility condition is always shown.
    merged.visible_if = match (merged.visible_if.take(), &other.visible_if) {
        (Some(a), Some(b)) => either(Some(a), Some(b.clone())),
        _ => None,
    };
}

/// `a or b` as a rule.
fn either(a: Option<Rule>, b: Option<Rule>) -> Option<Rule> {
    match (a, b) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => {
            Rule::compile(&serde_json::json!({ "or": [a.to_value(), b.to_value()] })).ok()
        }
        (Some(r), None) | (None, Some(r)) => Some(r),
        (None, None) => None,
    }
}

/// The outcome of validating a bundle answer: the form report, each problem's params
/// naming the member matters it belongs to (`params.matters`), and the matters included.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleReport {
    /// The matters the answer applies to.
    pub matters: Vec<String>,
    /// Validation of the merged form.
    #[serde(flatten)]
    pub form: FormReport,
}

/// Validates `answer` against the merged form of the members of `bundle` it applies to.
pub fn validate_bundle(
    catalog: &Catalog,
    bundle: &Bundle,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
) -> BundleReport {
    let matters = members(catalog, bundle, answer);
    validate_members(
        catalog,
        bundle,
        &matters,
        &merged_form(&matters),
        answer,
        at,
        lang,
    )
}

/// Validates `answer` against `form`, the merged form of `matters` (the members of
/// `bundle` that apply to it; an engine keeps these forms ready).
pub fn validate_members(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    form: &FormSpec,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
) -> BundleReport {
    report(catalog, bundle, matters, |ignored| {
        form::validate_ignoring(form, answer, at, lang, ignored)
    })
}

/// [`validate_members`] against the merged form compiled once ([`CompiledForm`]), as an
/// engine keeps it.
pub fn validate_compiled(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    form: &CompiledForm,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
) -> BundleReport {
    report(catalog, bundle, matters, |ignored| {
        form.validate_ignoring(answer, at, lang, ignored)
    })
}

/// The bundle report of `validate(ignored)`, which validates against the merged form of
/// `matters` dropping the keys `ignored` accepts.
fn report(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    validate: impl FnOnce(&dyn Fn(&str) -> bool) -> FormReport,
) -> BundleReport {
    // Answers to members that do not apply are dropped like hidden fields, not errors.
    // Gathered only if the answer has a key the form does not ask.
    let asked = std::cell::OnceCell::new();
    let asked_by_bundle = |key: &str| {
        asked
            .get_or_init(|| asked_keys(catalog, bundle))
            .iter()
            .any(|k| k == key)
    };
    let mut report = validate(&asked_by_bundle);
    attribute_all(&mut report.errors, matters);
    BundleReport {
        matters: matters.iter().map(|m| m.code.clone()).collect(),
        form: report,
    }
}

/// The keys of the fields of every member of `bundle`, each once (looked up only for the
/// keys a bundle's form does not ask, so a list does; sorting would cost the `.wasm` 1 kB).
pub(crate) fn asked_keys(catalog: &Catalog, bundle: &Bundle) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let members = bundle
        .members
        .iter()
        .filter_map(|m| catalog.matter(&m.matter));
    for field in members.flat_map(|m| &m.form.fields) {
        if !keys.contains(&field.key) {
            keys.push(field.key.clone());
        }
    }
    keys
}

/// [`attribute`]s each of `problems` to `matters`.
pub(crate) fn attribute_all(problems: &mut [Problem], matters: &[&Matter]) {
    for problem in problems {
        attribute(problem, matters);
    }
}

/// Adds `params.matters`: the members whose form has the field the problem is about.
fn attribute(problem: &mut Problem, matters: &[&Matter]) {
    // The pointer's token, unescaped: a key may hold `/` or `~`.
    let key = crate::problem::unescape_token(form::first_key(
        problem.path.as_deref().unwrap_or_default(),
    ));
    let owners: Vec<Value> = matters
        .iter()
        .filter(|m| {
            m.form.fields.iter().any(|f| f.key == *key)
                || m.form.checks.iter().any(|c| c.code == problem.code)
        })
        .map(|m| Value::String(m.code.clone()))
        .collect();
    problem
        .params
        .insert("matters".to_owned(), Value::Array(owners));
}

/// The documents to bring for `matters` given `answer`: each document once (by code), only
/// when its condition holds, and not when a shared-data source in `available` waives it.
pub fn required_materials<'c>(
    matters: &[&'c Matter],
    answer: &Value,
    available: &[&str],
) -> Vec<&'c Material> {
    let mut out: Vec<&Material> = Vec::new();
    for matter in matters {
        for material in &matter.materials {
            let needed = material
                .condition
                .as_ref()
                .is_none_or(|rule| rule.truthy(answer).unwrap_or(true));
            let waived = material
                .waived_by
                .as_deref()
                .is_some_and(|s| available.contains(&s));
            if needed && !waived && !out.iter().any(|m| m.code == material.code) {
                out.push(material);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn field(value: Value) -> form::Field {
        serde_json::from_value(value).unwrap()
    }

    /// A problem is attributed by its field's key, also when the key holds `/` or `~`
    /// (escaped in the problem's path).
    #[test]
    fn a_problem_belongs_to_the_members_asking_for_its_key() {
        let catalog =
            Catalog::from_json(include_str!("../../../tests/fixtures/catalog/mini.json")).unwrap();
        let mut cert = catalog.matter("BIRTH-CERT").unwrap().clone();
        let insurance = catalog.matter("MED-INSURE").unwrap();
        // A key only the birth certificate asks for.
        let at = cert
            .form
            .fields
            .iter()
            .position(|f| f.key == "birthWeightGrams")
            .unwrap();
        for (key, path) in [
            ("birthWeightGrams", "/birthWeightGrams"),
            ("a/b~c", "/a~1b~0c"),
        ] {
            key.clone_into(&mut cert.form.fields[at].key);
            let mut problems = vec![Problem {
                path: Some(path.to_owned()),
                code: "form.required".into(),
                params: serde_json::Map::new(),
                message: String::new(),
            }];
            attribute_all(&mut problems, &[&cert, insurance]);
            assert_eq!(
                problems[0].params["matters"],
                json!(["BIRTH-CERT"]),
                "{path}"
            );
        }
    }

    #[test]
    fn a_shared_key_is_required_and_shown_when_any_member_says_so() {
        let mut merged = field(
            json!({"key": "fatherId", "label": "父亲身份证号码", "type": "resident_id",
            "visibleIf": {"==": [{"var": "married"}, true]}}),
        );
        let other = field(
            json!({"key": "fatherId", "label": "父亲身份证号码", "type": "resident_id",
            "requiredIf": {"==": [{"var": "registeredWithFather"}, true]}}),
        );
        merge_field(&mut merged, &other);
        assert!(
            merged.visible_if.is_none(),
            "the second member always shows it"
        );
        let required_if = merged
            .required_if
            .clone()
            .expect("required when the second member requires it");
        assert!(
            required_if
                .truthy(&json!({"registeredWithFather": true}))
                .unwrap()
        );
        assert!(!required_if.truthy(&json!({"married": true})).unwrap());

        let always = field(
            json!({"key": "fatherId", "label": "父亲身份证号码", "type": "resident_id", "required": true}),
        );
        merge_field(&mut merged, &always);
        assert!(merged.required && merged.required_if.is_none());
    }
}
