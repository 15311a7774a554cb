//! What validation needs to know about a form beyond the form itself, worked out once:
//! the fields in key order (an answer's keys are then matched to fields in one merge,
//! rather than each key against every field), and the answer keys each check reads.
//!
//! [`CompiledForm`] keeps a form with its plan, for callers that validate against the same
//! form many times (an engine keeps one per bundle and member set); [`validate`](super::validate)
//! on a bare [`FormSpec`] works the plan out on each call.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde_json::Value;

use super::validate::{FormReport, first_key, run};
use super::{Field, FormSpec};
use crate::Lang;

/// A form made ready for validating many answers: what [`validate`](super::validate) works
/// out on every call is worked out once here. Same results as `validate`.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::Lang;
/// use doorstep::form::{CompiledForm, FormSpec, validate};
/// use serde_json::json;
///
/// let spec: FormSpec = serde_json::from_value(json!({
///     "fields": [{"key": "name", "label": "姓名", "type": "text", "required": true}],
///     "example": {"name": "林小红"}
/// })).unwrap();
/// let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
/// let form = CompiledForm::new(spec.clone());
/// let answer = json!({"name": " 林小红 "});
/// assert_eq!(form.validate(&answer, at, Lang::ZhCn), validate(&spec, &answer, at, Lang::ZhCn));
/// assert_eq!(form.validate(&answer, at, Lang::ZhCn).normalized, json!({"name": "林小红"}));
/// ```
#[derive(Debug, Clone)]
pub struct CompiledForm {
    spec: FormSpec,
    plan: FormPlan,
}

impl CompiledForm {
    /// Prepares `spec` for validation.
    pub fn new(spec: FormSpec) -> Self {
        let plan = FormPlan::new(&spec);
        Self { spec, plan }
    }

    /// The form.
    pub fn spec(&self) -> &FormSpec {
        &self.spec
    }

    /// As [`validate`](super::validate).
    pub fn validate(&self, answer: &Value, at: NaiveDate, lang: Lang) -> FormReport {
        run(&self.spec, &self.plan, answer, at, lang, &|_| false)
    }

    /// As [`validate_ignoring`](super::validate_ignoring).
    pub fn validate_ignoring(
        &self,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
    ) -> FormReport {
        run(&self.spec, &self.plan, answer, at, lang, ignored)
    }
}

impl PartialEq for CompiledForm {
    /// The plan follows from the form.
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

/// The plan of a whole form: its fields', and what its checks read.
#[derive(Debug, Clone)]
pub(crate) struct FormPlan {
    pub(crate) fields: Plan,
    /// For each check, the first keys of the paths its rule reads (see `Rule::vars`).
    pub(crate) check_reads: Vec<Vec<String>>,
}

impl FormPlan {
    pub(crate) fn new(spec: &FormSpec) -> Self {
        let check_reads = spec
            .checks
            .iter()
            .map(|check| {
                let mut keys: Vec<String> = Vec::new();
                for var in check.rule.vars() {
                    let key = var.split('.').next().unwrap_or_default();
                    if !keys.iter().any(|k| k == key) {
                        keys.push(key.to_owned());
                    }
                }
                keys
            })
            .collect();
        Self {
            fields: Plan::new(&spec.fields),
            check_reads,
        }
    }
}

/// The plan of one list of fields (a form's, a group's or a repeating group's).
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// Positions of the fields, sorted by key; fields with the same key in field order.
    by_key: Vec<usize>,
    /// The plans of container fields' own fields, by position (empty for other fields).
    nested: Vec<Plan>,
}

impl Plan {
    /// The plan of no fields.
    pub(crate) const EMPTY: Self = Self {
        by_key: Vec::new(),
        nested: Vec::new(),
    };

    pub(crate) fn new(fields: &[Field]) -> Self {
        let mut by_key: Vec<usize> = (0..fields.len()).collect();
        // Stable, so that of two fields with one key the later one stays later.
        by_key.sort_by(|&a, &b| key_of(fields, a).cmp(key_of(fields, b)));
        let nested = fields
            .iter()
            .map(|f| {
                if f.field_type.is_container() {
                    Self::new(&f.fields)
                } else {
                    Self::EMPTY
                }
            })
            .collect();
        Self { by_key, nested }
    }

    /// The plan of the fields of the container at `position`.
    pub(crate) fn nested(&self, position: usize) -> Option<&Self> {
        self.nested.get(position)
    }

    /// Positions of the fields in key order.
    pub(crate) fn by_key(&self) -> &[usize] {
        &self.by_key
    }

    /// Matches the keys of `map` to `fields` in one merge of two sorted lists (a JSON
    /// object's keys come sorted): fills `found` (by field position) with each field's
    /// value and calls `unknown` for each key no field has, in key order.
    pub(crate) fn match_keys<'v>(
        &self,
        fields: &[Field],
        map: &'v serde_json::Map<String, Value>,
        found: &mut [Option<&'v Value>],
        mut unknown: impl FnMut(&str),
    ) {
        let mut next = self.by_key.iter().copied().peekable();
        for (key, value) in map {
            let mut known = false;
            while let Some(position) = next.peek().copied() {
                match key_of(fields, position).cmp(key.as_str()) {
                    Ordering::Less => {}
                    Ordering::Equal => {
                        if let Some(slot) = found.get_mut(position) {
                            *slot = Some(value);
                        }
                        known = true;
                    }
                    Ordering::Greater => break,
                }
                next.next();
            }
            if !known {
                unknown(key);
            }
        }
    }
}

fn key_of(fields: &[Field], position: usize) -> &str {
    fields.get(position).map_or("", |f| f.key.as_str())
}

/// Whether a check that reads `keys` reads the value at one of the JSON Pointers `paths`.
pub(crate) fn reads_any<'p>(keys: &[String], mut paths: impl Iterator<Item = &'p str>) -> bool {
    paths.any(|p| keys.iter().any(|k| first_key(p) == k))
}
