//! What validation needs to know about a form beyond the form itself, worked out once:
//! the fields in key order (an answer's keys are then matched to fields in one merge,
//! rather than each key against every field), and the answer keys each check reads.
//!
//! [`CompiledForm`] keeps a form with its plan, for callers that validate against the same
//! form many times (an engine keeps one per bundle and member set); [`validate`](super::validate())
//! on a bare [`FormSpec`] works the plan out on each call.

use std::cmp::Ordering;
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;

use super::validate::{FormReport, Output, run};
use super::{Check, Field, FieldType, Findings, FormSpec};
use crate::calendar::WorkCalendar;
use crate::rule::{Binding, Rule};
use crate::{Lang, Problem};

/// A form made ready for validating many answers: what [`validate`](super::validate()) works
/// out on every call is worked out once here. Same results as `validate`, its rules
/// counting working days on the shipped calendar unless given another
/// ([`with_calendar`](Self::with_calendar): an engine gives its own).
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
    /// Whether an answer has no problem, told cheaply (when the form can have one).
    #[cfg(not(target_arch = "wasm32"))]
    verdict: Option<super::verdict::Verdict>,
    /// What its rules count working days on; `None`: [`WorkCalendar::shipped`].
    calendar: Option<Arc<WorkCalendar>>,
}

impl CompiledForm {
    /// Prepares `spec` for validation.
    pub fn new(spec: FormSpec) -> Self {
        let plan = FormPlan::new(&spec);
        Self {
            #[cfg(not(target_arch = "wasm32"))]
            verdict: super::verdict::Verdict::new(&spec),
            spec,
            plan,
            calendar: None,
        }
    }

    /// The form, its rules counting working days (`working_days_between`) on `calendar`.
    #[must_use]
    pub fn with_calendar(self, calendar: Arc<WorkCalendar>) -> Self {
        Self {
            calendar: Some(calendar),
            ..self
        }
    }

    /// What its rules count working days on.
    pub fn calendar(&self) -> &WorkCalendar {
        self.calendar
            .as_deref()
            .unwrap_or_else(|| WorkCalendar::shipped())
    }

    /// The form.
    pub fn spec(&self) -> &FormSpec {
        &self.spec
    }

    /// As [`validate`](super::validate()).
    pub fn validate(&self, answer: &Value, at: NaiveDate, lang: Lang) -> FormReport {
        self.validate_ignoring(answer, at, lang, &|_| false)
    }

    /// As [`validate_ignoring`](super::validate_ignoring).
    pub fn validate_ignoring(
        &self,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
    ) -> FormReport {
        self.run(answer, at, lang, ignored, Output::Report)
    }

    /// [`validate_ignoring`](Self::validate_ignoring), building what `output` asks for.
    pub(crate) fn run(
        &self,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
        output: Output,
    ) -> FormReport {
        // Only the problems asked for: the findings worded, nothing else built. (The WASM
        // module, without a verdict, walks at once: the findings' wording costs it ~0.9 kB.)
        #[cfg(not(target_arch = "wasm32"))]
        if output == Output::Problems {
            let errors = self
                .findings_ignoring(answer, at, lang, ignored)
                .into_problems();
            return FormReport {
                valid: errors.is_empty(),
                errors,
                normalized: Value::Null,
            };
        }
        // No problem, and the normalised answer is the answer: a copy.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(verdict) = &self.verdict
            && verdict.judge(&self.spec, answer, at) == super::verdict::Judgement::ValidAsGiven
        {
            return FormReport {
                valid: true,
                errors: Vec::new(),
                normalized: answer.clone(),
            };
        }
        self.walk(answer, at, lang, ignored, output)
    }

    /// [`findings`](Self::findings), dropping the unknown top-level keys `ignored` accepts:
    /// the verdict's, when it can tell them all, else the full validation's, worded.
    fn findings_ignoring<'a>(
        &'a self,
        answer: &'a Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
    ) -> Findings<'a> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(found) = self
            .verdict
            .as_ref()
            .and_then(|v| v.findings(&self.spec, answer, at, ignored))
        {
            return Findings::found(lang, found);
        }
        let problems = self.walk(answer, at, lang, ignored, Output::Problems);
        Findings::worded(lang, problems.errors)
    }

    /// The full validation, its rules evaluated flat first where the verdict has them.
    fn walk(
        &self,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
        output: Output,
    ) -> FormReport {
        #[cfg(not(target_arch = "wasm32"))]
        let shortcut = self.verdict.as_ref();
        #[cfg(target_arch = "wasm32")]
        let shortcut = None;
        let when = (at, self.calendar());
        run(
            &self.spec, &self.plan, shortcut, answer, when, lang, ignored, output,
        )
    }

    /// The problems [`validate`](Self::validate) reports, without the normalised answer:
    /// for a caller that only needs to know what is wrong (a page checking a field as it
    /// is typed). Builds nothing for a valid answer.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use doorstep::Lang;
    /// # use doorstep::form::{CompiledForm, FormSpec};
    /// # use serde_json::json;
    /// # let spec: FormSpec = serde_json::from_value(json!({
    /// #     "fields": [{"key": "name", "label": "姓名", "type": "text", "required": true}],
    /// #     "example": {"name": "林小红"}
    /// # })).unwrap();
    /// # let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    /// let form = CompiledForm::new(spec);
    /// assert!(form.check(&json!({"name": "林小红"}), at, Lang::ZhCn).is_empty());
    /// assert_eq!(form.check(&json!({}), at, Lang::ZhCn)[0].code, "form.required");
    /// ```
    pub fn check(&self, answer: &Value, at: NaiveDate, lang: Lang) -> Vec<Problem> {
        self.check_ignoring(answer, at, lang, &|_| false)
    }

    /// The problems [`check`](Self::check) reports, not yet worded: what is wrong and
    /// where, for a caller that need not show it to people yet (a page deciding whether to
    /// enable its button); worded by [`Findings::into_problems`]. Natively, for a form of
    /// up to 64 top-level fields without groups, the verdict's single pass finds them and
    /// builds nothing until asked; otherwise they are the full validation's, worded.
    pub fn findings<'a>(&'a self, answer: &'a Value, at: NaiveDate, lang: Lang) -> Findings<'a> {
        self.findings_ignoring(answer, at, lang, &|_| false)
    }

    /// [`check`](Self::check), dropping the unknown top-level keys `ignored` accepts (as
    /// [`validate_ignoring`](super::validate_ignoring)).
    pub fn check_ignoring(
        &self,
        answer: &Value,
        at: NaiveDate,
        lang: Lang,
        ignored: &dyn Fn(&str) -> bool,
    ) -> Vec<Problem> {
        self.run(answer, at, lang, ignored, Output::Problems).errors
    }
}

impl PartialEq for CompiledForm {
    /// The plan follows from the form.
    fn eq(&self, other: &Self) -> bool {
        self.spec == other.spec
    }
}

/// The first keys of the paths `check`'s rule reads (see `Rule::vars`), each once.
pub(super) fn check_reads(check: &Check) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for var in check.rule.vars() {
        let key = var.split('.').next().unwrap_or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    keys
}

/// The plan of a whole form: its fields', and what its checks read.
#[derive(Debug, Clone)]
pub(crate) struct FormPlan {
    pub(crate) fields: Plan,
    /// For each check, the first keys of the paths its rule reads (see `Rule::vars`).
    pub(crate) check_reads: Vec<Vec<String>>,
    /// For each check, its rule bound to the form's fields.
    pub(crate) check_bindings: Vec<Binding>,
    /// Whether a check reads a path computed when it runs (see `Rule::computed_vars`).
    reads_computed: bool,
}

impl FormPlan {
    pub(crate) fn new(spec: &FormSpec) -> Self {
        let check_reads = spec.checks.iter().map(check_reads).collect();
        let check_bindings = spec
            .checks
            .iter()
            .map(|check| check.rule.bind(position_in(&spec.fields)))
            .collect();
        Self {
            fields: Plan::new(&spec.fields, &spec.fields),
            check_reads,
            check_bindings,
            reads_computed: spec
                .checks
                .iter()
                .any(|c| !c.rule.computed_vars().is_empty()),
        }
    }

    /// Whether a check may read the top-level `key` of an answer.
    pub(crate) fn check_may_read(&self, key: &str) -> bool {
        self.reads_computed || self.check_reads.iter().flatten().any(|k| k == key)
    }
}

/// The position of the field with a key in `fields`, for binding rules.
fn position_in(fields: &[Field]) -> impl Fn(&str) -> Option<usize> + '_ {
    |key| fields.iter().position(|f| f.key == key)
}

/// The plan of one list of fields (a form's, a group's or a repeating group's).
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// Positions of the fields, sorted by key; fields with the same key in field order.
    by_key: Vec<usize>,
    /// The plans of container fields' own fields, by position (empty for other fields).
    nested: Vec<Plan>,
    /// Each field's `visibleIf` and `requiredIf`, bound to the fields of the object its
    /// rules read: the answer's, or a repeating group item's.
    conditions: Vec<(Binding, Binding)>,
}

impl Plan {
    /// The plan of no fields.
    pub(crate) const EMPTY: Self = Self {
        by_key: Vec::new(),
        nested: Vec::new(),
        conditions: Vec::new(),
    };

    /// The plan of `fields`, whose rules read an object with the fields `scope`.
    fn new(fields: &[Field], scope: &[Field]) -> Self {
        let mut by_key: Vec<usize> = (0..fields.len()).collect();
        // Stable, so that of two fields with one key the later one stays later.
        by_key.sort_by(|&a, &b| key_of(fields, a).cmp(key_of(fields, b)));
        let nested = fields
            .iter()
            .map(|f| match f.field_type {
                // A group's rules read what the rules around it read; a repeating
                // group's, the item.
                FieldType::Group => Self::new(&f.fields, scope),
                FieldType::Repeat => Self::new(&f.fields, &f.fields),
                _ => Self::EMPTY,
            })
            .collect();
        let bind =
            |rule: Option<&Rule>| rule.map(|r| r.bind(position_in(scope))).unwrap_or_default();
        let conditions = fields
            .iter()
            .map(|f| (bind(f.visible_if.as_ref()), bind(f.required_if.as_ref())))
            .collect();
        Self {
            by_key,
            nested,
            conditions,
        }
    }

    /// The plan of the fields of the container at `position`.
    pub(crate) fn nested(&self, position: usize) -> Option<&Self> {
        self.nested.get(position)
    }

    /// The bindings of the `visibleIf` and `requiredIf` of the field at `position`.
    pub(crate) fn conditions(&self, position: usize) -> Option<&(Binding, Binding)> {
        self.conditions.get(position)
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
                let field_key = key_of(fields, position);
                // Equality first, which a length tells apart cheaply: in an answer most
                // keys are the next field's.
                let order = if known && field_key.len() != key.len() {
                    Ordering::Greater
                } else if field_key == key {
                    Ordering::Equal
                } else {
                    field_key.cmp(key.as_str())
                };
                match order {
                    Ordering::Less => {}
                    Ordering::Equal => {
                        if let Some(slot) = found.get_mut(position) {
                            *slot = Some(value);
                        }
                        known = true;
                    }
                    // Once `key` is matched, a field key of another length comes after it:
                    // the fields are sorted and the next one differs from `key`.
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

/// The values of a list of fields by position, as [`Plan::match_keys`] finds them: on the
/// stack for forms of up to [`Slots::STACK`] fields (nearly all), so that matching an
/// answer allocates nothing.
#[allow(clippy::large_enum_variant)] // on the stack on purpose
pub(crate) enum Slots<'v> {
    Stack([Option<&'v Value>; Slots::STACK], usize),
    Heap(Vec<Option<&'v Value>>),
}

impl<'v> Slots<'v> {
    const STACK: usize = 48;

    /// `len` empty slots.
    pub(crate) fn new(len: usize) -> Self {
        if len <= Self::STACK {
            Self::Stack([None; Self::STACK], len)
        } else {
            Self::Heap(vec![None; len])
        }
    }

    pub(crate) fn as_slice(&self) -> &[Option<&'v Value>] {
        match self {
            Self::Stack(slots, len) => slots.get(..*len).unwrap_or_default(),
            Self::Heap(slots) => slots,
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [Option<&'v Value>] {
        match self {
            Self::Stack(slots, len) => slots.get_mut(..*len).unwrap_or_default(),
            Self::Heap(slots) => slots,
        }
    }
}

fn key_of(fields: &[Field], position: usize) -> &str {
    fields.get(position).map_or("", |f| f.key.as_str())
}

/// Whether a check that reads `keys` reads a value under one of the top-level keys
/// `first_keys` (of the paths of problems found).
pub(crate) fn reads_any<'p>(
    keys: &[String],
    mut first_keys: impl Iterator<Item = &'p str>,
) -> bool {
    first_keys.any(|first| keys.iter().any(|k| k == first))
}
