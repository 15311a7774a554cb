//! 一件事: one merged form, one material set, for several matters at once.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{Bundle, Catalog, Material, MaterialForm, Matter};
use crate::calendar::WorkCalendar;
use crate::form::{self, CompiledForm, FormReport, FormSpec};
use crate::rule::Rule;
use crate::{Coded, Lang, Problem};

/// Which members of `bundle` apply to `answer`: bit `i` is set when member `i` has no
/// condition or its condition holds (one whose condition cannot be evaluated does not),
/// working days counted on `calendar`. Members past the 64th always apply.
pub fn member_mask(bundle: &Bundle, answer: &Value, calendar: &WorkCalendar) -> u64 {
    bundle.members.iter().enumerate().fold(0, |mask, (i, m)| {
        let applies = m
            .condition
            .as_ref()
            .is_none_or(|rule| rule.truthy_on(answer, calendar).unwrap_or(false));
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
pub fn members<'c>(
    catalog: &'c Catalog,
    bundle: &Bundle,
    answer: &Value,
    calendar: &WorkCalendar,
) -> Vec<&'c Matter> {
    masked_members(catalog, bundle, member_mask(bundle, answer, calendar))
}

/// The matters of the members of `bundle` selected by `mask`, each in the version in effect
/// on `at`; a member with no version in effect then is left out (as it opens no case).
pub fn masked_members_on<'c>(
    catalog: &'c Catalog,
    bundle: &Bundle,
    mask: u64,
    at: NaiveDate,
) -> Vec<&'c Matter> {
    masked_members(catalog, bundle, mask)
        .into_iter()
        .filter_map(|newest| {
            if newest.in_effect_on(at) {
                // The newest version, in effect, is the one in effect.
                Some(newest)
            } else {
                catalog.matter_on(&newest.code, at)
            }
        })
        .collect()
}

/// The matters of `bundle` that apply to `answer` on `at` (see [`masked_members_on`]).
pub fn members_on<'c>(
    catalog: &'c Catalog,
    bundle: &Bundle,
    answer: &Value,
    at: NaiveDate,
    calendar: &WorkCalendar,
) -> Vec<&'c Matter> {
    masked_members_on(catalog, bundle, member_mask(bundle, answer, calendar), at)
}

/// The merged form of several matters: their fields in order, each key asked once, and
/// all their checks. A key several members ask keeps the first member's definition (lint
/// rejects one key with two types or two sets of choices), but is shown when any member
/// shows it, required where any member shows and requires it, and bounded by every
/// member's bounds (see `merge_field`). The example is the members' examples merged the
/// same way.
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

/// The merged form to render for a bundle: [`merged_form`] of its members in effect
/// (`members`: each member's condition, with its matter), with each field that only members
/// under a condition ask shown where one of them applies — its `visibleIf` the condition of
/// each such member, with that member's own visibility — so that a page asks 胎数 only of
/// an insured mother, as validating the answer asks it (the members it applies to are
/// validated, each field of the others dropped).
pub fn form_to_render(members: &[(Option<&Rule>, &Matter)]) -> FormSpec {
    let matters: Vec<&Matter> = members.iter().map(|(_, m)| *m).collect();
    let mut form = merged_form(&matters);
    for field in &mut form.fields {
        let mut shown = None;
        for (condition, matter) in members {
            let Some(own) = matter.form.fields.iter().find(|f| f.key == field.key) else {
                continue;
            };
            let Some(condition) = condition else {
                // A member that always applies asks it as the merged form does.
                shown = None;
                break;
            };
            let here = match &own.visible_if {
                Some(visible) => joined("and", condition, visible),
                None => Some((*condition).clone()),
            };
            shown = either(shown, here);
        }
        if let Some(rule) = shown {
            field.visible_if = Some(rule);
        }
    }
    form
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

/// Widens `merged` by what `other` (the same key in another member) asks: shown where
/// either shows it, required where either shows and requires it, within both members'
/// bounds; the fields inside a group or list likewise (lint: the same keys). What the merged
/// form accepts, each member's own form accepts: `submit_bundle` checks each part again.
fn merge_field(merged: &mut form::Field, other: &form::Field) {
    // A member requires a field only where it shows it (a hidden field is not checked), so
    // "required" and "shown" merge as one condition, not one flag each.
    let need = match (need(merged), need(other)) {
        (Need::Always, _) | (_, Need::Always) => Need::Always,
        (Need::Never, n) | (n, Need::Never) => n,
        (Need::When(a), Need::When(b)) => either(Some(a), Some(b)).map_or(Need::Always, Need::When),
    };
    // A field without a visibility condition is always shown.
    merged.visible_if = match (merged.visible_if.take(), &other.visible_if) {
        (Some(a), Some(b)) => either(Some(a), Some(b.clone())),
        _ => None,
    };
    (merged.required, merged.required_if) = match need {
        Need::Always => (true, None),
        Need::When(rule) => (false, Some(rule)),
        Need::Never => (false, None),
    };
    merged.min_length = tighter(merged.min_length, other.min_length, Ord::max);
    merged.max_length = tighter(merged.max_length, other.max_length, Ord::min);
    merged.min_items = tighter(merged.min_items, other.min_items, Ord::max);
    merged.max_items = tighter(merged.max_items, other.max_items, Ord::min);
    merged.min = tighter(merged.min, other.min, f64::max);
    merged.max = tighter(merged.max, other.max, f64::min);
    for field in &mut merged.fields {
        if let Some(theirs) = other.fields.iter().find(|f| f.key == field.key) {
            merge_field(field, theirs);
        }
    }
}

/// When a member's field must be answered.
enum Need {
    Never,
    Always,
    /// When the rule holds (the field shown then).
    When(Rule),
}

/// When `field` must be answered: required (or required-if) and shown.
fn need(field: &form::Field) -> Need {
    let shown = field.visible_if.as_ref();
    match (field.required, &field.required_if, shown) {
        (true, _, None) => Need::Always,
        (true, _, Some(v)) => Need::When(v.clone()),
        (false, None, _) => Need::Never,
        (false, Some(r), None) => Need::When(r.clone()),
        (false, Some(r), Some(v)) => Need::When(joined("and", v, r).unwrap_or_else(|| r.clone())),
    }
}

/// The stricter of two bounds, either of which may be absent.
fn tighter<T>(a: Option<T>, b: Option<T>, pick: fn(T, T) -> T) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

/// `a or b` as a rule.
fn either(a: Option<Rule>, b: Option<Rule>) -> Option<Rule> {
    match (a, b) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => joined("or", &a, &b),
        (Some(r), None) | (None, Some(r)) => Some(r),
        (None, None) => None,
    }
}

/// `{op: [a, b]}` as a rule (`None` past the rules' depth limit).
fn joined(op: &str, a: &Rule, b: &Rule) -> Option<Rule> {
    // Built by insertion: collecting into the map would add a sort to the `.wasm`.
    let mut rule = serde_json::Map::new();
    rule.insert(
        op.to_owned(),
        Value::Array(vec![a.to_value(), b.to_value()]),
    );
    Rule::compile(&Value::Object(rule)).ok()
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

/// Validates `answer` against the merged form of the members of `bundle` it applies to,
/// each in the version in effect on `at`, working days counted on the catalogue's
/// calendar ([`Catalog::work_calendar`], worked out on each call: an engine keeps it).
pub fn validate_bundle(
    catalog: &Catalog,
    bundle: &Bundle,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
) -> BundleReport {
    let calendar = catalog.work_calendar();
    let matters = members_on(catalog, bundle, answer, at, &calendar);
    let form = merged_form(&matters);
    members_report(
        catalog,
        bundle,
        &matters,
        &form,
        answer,
        (at, &calendar),
        lang,
    )
}

/// Validates `answer` against `form`, the merged form of `matters` (the members of
/// `bundle` that apply to it; an engine keeps these forms ready), working days counted on
/// the catalogue's calendar as in [`validate_bundle`].
pub fn validate_members(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    form: &FormSpec,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
) -> BundleReport {
    let calendar = catalog.work_calendar();
    members_report(
        catalog,
        bundle,
        matters,
        form,
        answer,
        (at, &calendar),
        lang,
    )
}

/// [`validate_members`] as of `at`, working days counted on `calendar`.
fn members_report(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    form: &FormSpec,
    answer: &Value,
    when: (NaiveDate, &WorkCalendar),
    lang: Lang,
) -> BundleReport {
    report(catalog, bundle, matters, (answer, when, lang), |ignored| {
        form::validate_on(form, answer, when, lang, ignored)
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
    report(
        catalog,
        bundle,
        matters,
        (answer, (at, form.calendar()), lang),
        |ignored| form.validate_ignoring(answer, at, lang, ignored),
    )
}

/// The bundle report of `validate(ignored)`, which validates against the merged form of
/// `matters` dropping the keys `ignored` accepts.
fn report(
    catalog: &Catalog,
    bundle: &Bundle,
    matters: &[&Matter],
    on: (&Value, (NaiveDate, &WorkCalendar), Lang),
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
    let (answer, when, lang) = on;
    let own = |m: &Matter| {
        let errors = form::validate_on(&m.form, answer, when, lang, &|_| true).errors;
        errors
            .into_iter()
            .map(|e| (e.path.unwrap_or_default(), e.code))
            .collect()
    };
    finish(&mut report, matters, matters.is_empty(), lang, &own);
    BundleReport {
        matters: matters.iter().map(|m| m.code.clone()).collect(),
        form: report,
    }
}

/// The keys of the fields of every member of `bundle`, in any of its versions, each once
/// (looked up only for the keys a bundle's form does not ask, so a list does; sorting would
/// cost the `.wasm` 1 kB).
pub(crate) fn asked_keys(catalog: &Catalog, bundle: &Bundle) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let members = catalog
        .matters
        .iter()
        .filter(|m| bundle.members.iter().any(|b| b.matter == m.code));
    for field in members.flat_map(|m| &m.form.fields) {
        if !keys.contains(&field.key) {
            keys.push(field.key.clone());
        }
    }
    keys
}

/// Finishes the report of a bundle answer validated against the merged form of `matters`,
/// the members it applies to: an answer that applies to none (`none`: each member's
/// condition fails) has nothing to apply for, `form.no_matter` at the whole answer, first.
/// Each problem then names the members it belongs to (`params.matters`): those whose own
/// form reports it too (a name only one member requires is that member's problem, though
/// another asks for it), else, for a problem no member's own form has (the merged bounds
/// of two, an unknown key), those whose form has its field or its check ([`asks`]). `own`
/// gives the path and code of each of a member's own problems with the answer (the keys it
/// does not ask for ignored): nothing else of them is compared, so they need not be worded.
pub(crate) fn finish(
    report: &mut FormReport,
    matters: &[&Matter],
    none: bool,
    lang: Lang,
    own: &dyn Fn(&Matter) -> Vec<(String, String)>,
) {
    if none {
        let mut problem = form::FormError::NoMatter.to_problem(lang);
        problem.path = Some(String::new());
        report.errors.insert(0, problem);
        report.valid = false;
    }
    if report.errors.is_empty() {
        return;
    }
    let own: Vec<Vec<(String, String)>> = matters.iter().map(|m| own(m)).collect();
    for problem in &mut report.errors {
        let path = problem.path.as_deref().unwrap_or_default();
        let has = |errors: &Vec<(String, String)>| {
            errors
                .iter()
                .any(|(p, code)| *p == path && *code == problem.code)
        };
        let by_own = own.iter().any(has);
        let owners = owners(matters, |i, m| match own.get(i) {
            Some(errors) if by_own => has(errors),
            _ => asks(m, problem),
        });
        problem.params.insert("matters".to_owned(), owners);
    }
}

/// Whether `matter`'s form has the field `problem` is about (its first key), or its check.
fn asks(matter: &Matter, problem: &Problem) -> bool {
    // The pointer's token, unescaped: a key may hold `/` or `~`.
    let key = crate::problem::unescape_token(form::first_key(
        problem.path.as_deref().unwrap_or_default(),
    ));
    matter.form.fields.iter().any(|f| f.key == *key)
        || matter.form.checks.iter().any(|c| c.code == problem.code)
}

/// Each of `problems` attributed to the members of `matters` whose form asks for it.
#[cfg(test)]
fn attribute_all(problems: &mut [Problem], matters: &[&Matter]) {
    for problem in problems {
        let asked = |_, m: &Matter| asks(m, problem);
        let owners = owners(matters, asked);
        problem.params.insert("matters".to_owned(), owners);
    }
}

/// The codes of the members of `matters` (by position and matter) `belongs` picks.
fn owners(matters: &[&Matter], belongs: impl Fn(usize, &Matter) -> bool) -> Value {
    let codes = matters.iter().enumerate().filter(|(i, m)| belongs(*i, m));
    Value::Array(codes.map(|(_, m)| Value::String(m.code.clone())).collect())
}

/// The documents to bring for `matters` given `answer`: each document once (by code), only
/// when its condition holds (working days counted on `calendar`), and not when a
/// shared-data source in `available`, or one another of `matters` issues (see
/// [`Matter::issues`]), waives it; each as much of it as any member needs:
/// the most copies, the original rather than a copy (the window takes one set for all:
/// 一次提交, shared by the departments). A document several members list keeps its
/// `waived_by` and `condition` only when every listing has the same.
pub fn materials_for(
    matters: &[&Matter],
    answer: &Value,
    available: &[&str],
    calendar: &WorkCalendar,
) -> Vec<Material> {
    let mut out: Vec<Material> = Vec::new();
    for material in listings(matters, answer, available, calendar) {
        match out.iter_mut().find(|m| m.code == material.code) {
            Some(listed) => {
                listed.count = listed.count.max(material.count);
                listed.form = wider(listed.form, material.form);
                // What only some listings say does not hold for the document: a source that
                // waives it for one member does not for another, which lists it anyway.
                if listed.waived_by != material.waived_by {
                    listed.waived_by = None;
                }
                if listed.condition != material.condition {
                    listed.condition = None;
                }
            }
            None => out.push(material.clone()),
        }
    }
    out
}

/// Every member's listing of a document it needs given `answer` (its condition holds, or
/// cannot be evaluated) that no source in `available` or issued by another member waives,
/// in member order.
fn listings<'c>(
    matters: &[&'c Matter],
    answer: &Value,
    available: &[&str],
    calendar: &WorkCalendar,
) -> impl Iterator<Item = &'c Material> {
    let issued_by_another = move |member: usize, source: &str| {
        (matters.iter().enumerate())
            .any(|(other, m)| other != member && m.issues.iter().any(|s| s == source))
    };
    (matters.iter().enumerate())
        .flat_map(|(member, matter)| matter.materials.iter().map(move |m| (member, m)))
        .filter(move |(member, material)| {
            let needed = material
                .condition
                .as_ref()
                .is_none_or(|rule| rule.truthy_on(answer, calendar).unwrap_or(true));
            let waived = material
                .waived_by
                .as_deref()
                .is_some_and(|s| available.contains(&s) || issued_by_another(*member, s));
            needed && !waived
        })
        .map(|(_, material)| material)
}

/// The form of a document that serves two listings of it: the original serves a copy too
/// (the window copies it), paper serves electronic (the window scans it), and the original
/// and a copy serve anything.
fn wider(a: MaterialForm, b: MaterialForm) -> MaterialForm {
    let rank = |f: MaterialForm| match f {
        MaterialForm::Electronic => 0,
        MaterialForm::Copy => 1,
        MaterialForm::Original => 2,
        MaterialForm::OriginalAndCopy => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The test catalogue `tests/fixtures/catalog/mini.json`.
    fn mini() -> Catalog {
        Catalog::from_json(include_str!("../../../tests/fixtures/catalog/mini.json")).unwrap()
    }

    fn field(value: Value) -> form::Field {
        serde_json::from_value(value).unwrap()
    }

    /// A problem is attributed by its field's key, also when the key holds `/` or `~`
    /// (escaped in the problem's path).
    #[test]
    fn a_problem_belongs_to_the_members_asking_for_its_key() {
        let catalog = mini();
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

    /// A document two members list, one letting shared data waive it and one not, is
    /// listed once without the waiver, also when that data is available; so is a condition
    /// only one listing has.
    #[test]
    fn a_document_keeps_only_what_every_listing_says_of_it() {
        let catalog = mini();
        let cert = catalog.matter("BIRTH-CERT").unwrap();
        let mut register = catalog.matter("HUKOU-BIRTH").unwrap().clone();
        let mut id_card = cert.materials[0].clone();
        id_card.waived_by = None;
        id_card.condition = Some(Rule::compile(&json!({"!": [{"var": "x"}]})).unwrap());
        register.materials.push(id_card);
        let calendar = catalog.work_calendar();
        let card = |available: &[&str]| {
            let listed = materials_for(&[cert, &register], &json!({}), available, &calendar);
            let card = listed.into_iter().find(|m| m.code == "applicant_id_card");
            card.map(|c| (c.waived_by, c.condition.is_some()))
        };
        assert_eq!(card(&[]), Some((None, false)));
        // Waived for the birth certificate, still needed for the register, on its condition.
        assert_eq!(card(&["identity"]), Some((None, true)));
        // One listing alone keeps what it says.
        let alone = materials_for(&[cert], &json!({}), &[], &calendar);
        assert_eq!(alone[0].waived_by.as_deref(), Some("identity"));
    }

    /// A document a member issues is not asked for by the other members, but is by a
    /// member that lists what it issues itself (it cannot be issued before it is brought),
    /// and by a matter applied for alone.
    #[test]
    fn a_document_another_member_issues_is_not_asked_for() {
        let catalog = mini();
        let mut cert = catalog.matter("BIRTH-CERT").unwrap().clone();
        let register = catalog.matter("HUKOU-BIRTH").unwrap();
        let calendar = catalog.work_calendar();
        let codes = |matters: &[&Matter]| -> Vec<String> {
            (materials_for(matters, &json!({}), &[], &calendar).into_iter())
                .map(|m| m.code)
                .collect()
        };
        let before = codes(&[&cert, register]);
        assert!(
            before.contains(&"birth_certificate".to_owned()),
            "{before:?}"
        );
        cert.issues = vec!["birth_certificate".to_owned()];
        assert!(!codes(&[&cert, register]).contains(&"birth_certificate".to_owned()));
        assert!(codes(&[register]).contains(&"birth_certificate".to_owned()));
        // The issuing member's own listing stays.
        let mut issuer = register.clone();
        issuer.issues = vec!["birth_certificate".to_owned()];
        assert!(codes(&[&issuer]).contains(&"birth_certificate".to_owned()));
    }

    /// The merged form of `forms` (each a matter's form, as JSON) validates `answer`.
    fn merged_valid(forms: &[Value], answer: &Value) -> Vec<String> {
        let catalog = mini();
        let template = catalog.matter("MED-INSURE").unwrap();
        let matters: Vec<Matter> = forms
            .iter()
            .enumerate()
            .map(|(i, form)| Matter {
                code: format!("M-{i}"),
                form: serde_json::from_value(form.clone()).unwrap(),
                ..template.clone()
            })
            .collect();
        let refs: Vec<&Matter> = matters.iter().collect();
        let at = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        form::validate(&merged_form(&refs), answer, at, Lang::En)
            .errors
            .into_iter()
            .map(|p| format!("{} {}", p.path.unwrap_or_default(), p.code))
            .collect()
    }

    /// A member that requires a field only while it shows it does not make the merged form
    /// require it where that member hides it and the other member leaves it optional.
    #[test]
    fn a_field_required_only_where_shown_stays_optional_where_hidden() {
        let married = json!({"key": "married", "label": "已婚", "type": "boolean"});
        let shown_when_married = json!({"fields": [married,
            {"key": "spouseName", "label": "配偶姓名", "type": "text", "required": true,
             "visibleIf": {"==": [{"var": "married"}, true]}}], "example": {}});
        let optional = json!({"fields": [
            {"key": "spouseName", "label": "配偶姓名", "type": "text"}], "example": {}});
        for forms in [
            [shown_when_married.clone(), optional.clone()],
            [optional.clone(), shown_when_married.clone()],
        ] {
            assert!(
                merged_valid(&forms, &json!({"married": false})).is_empty(),
                "{forms:?}"
            );
            assert_eq!(
                merged_valid(&forms, &json!({"married": true})),
                ["/spouseName form.required"]
            );
        }
    }

    /// Inside a group both members ask for, a sub-field one member requires is required by
    /// the merged form: what the bundle accepts, each member accepts.
    #[test]
    fn a_sub_field_any_member_requires_is_required() {
        let group = |required: bool| {
            json!({"fields": [{"key": "child", "label": "子女", "type": "group", "fields": [
                {"key": "name", "label": "姓名", "type": "text", "required": required},
                {"key": "school", "label": "学校", "type": "text"}]}],
                "example": {}})
        };
        for forms in [[group(false), group(true)], [group(true), group(false)]] {
            assert_eq!(
                merged_valid(&forms, &json!({"child": {"school": "海沧实验小学"}})),
                ["/child/name form.required"]
            );
        }
    }

    /// A key two members bound differently keeps both bounds: the stricter one holds.
    #[test]
    fn a_shared_key_keeps_the_stricter_bounds() {
        let name = |max: u32| {
            json!({"fields": [{"key": "name", "label": "姓名", "type": "text", "maxLength": max}],
                "example": {}})
        };
        for forms in [[name(20), name(10)], [name(10), name(20)]] {
            assert_eq!(
                merged_valid(&forms, &json!({"name": "一二三四五六七八九十十一十二"})),
                ["/name form.too_long"]
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
