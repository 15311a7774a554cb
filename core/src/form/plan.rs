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
    pub(crate) fn findings_ignoring<'a>(
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
            fields: Plan::object(&spec.fields),
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
    /// Whether each field's conditions read the object they read by key (`missing`, a
    /// computed path: see `Rule::reads_data_by_key`), which is then built whole.
    reads_by_key: Vec<bool>,
    /// The object's own fields (the answer's, or an item's) only: the order in which they
    /// are decided ([`decision_order`]); empty when it is the fields' order.
    order: Vec<usize>,
    /// The object's own fields only: whether a condition may read each field's kept value
    /// (its own conditions', or those of its groups' fields); empty when none may.
    read: Vec<bool>,
}

impl Plan {
    /// The plan of no fields.
    pub(crate) const EMPTY: Self = Self {
        by_key: Vec::new(),
        nested: Vec::new(),
        conditions: Vec::new(),
        reads_by_key: Vec::new(),
        order: Vec::new(),
        read: Vec::new(),
    };

    /// The plan of the fields of an object whose rules read it (the answer, or an item of
    /// a repeating group): with the order its fields are decided in, and which of them
    /// conditions read.
    fn object(fields: &[Field]) -> Self {
        let mut plan = Self::new(fields, fields);
        let conditions = scope_conditions(fields);
        let reads = condition_reads(fields, &conditions);
        let (order, _) = decision_order(&reads);
        if order.iter().enumerate().any(|(i, &p)| i != p) {
            plan.order = order;
        }
        // A rule that reads the object by key may read any field.
        let any = conditions.iter().any(|c| c.rule.reads_data_by_key());
        let mut read = vec![any; fields.len()];
        let own_group = conditions
            .iter()
            .filter(|c| !c.within.is_empty() && rule_reads(fields, c.rule).contains(&c.top));
        for p in reads.iter().flatten().chain(own_group.map(|c| &c.top)) {
            if let Some(r) = read.get_mut(*p) {
                *r = true;
            }
        }
        if read.contains(&true) {
            plan.read = read;
        }
        plan
    }

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
                FieldType::Repeat => Self::object(&f.fields),
                _ => Self::EMPTY,
            })
            .collect();
        let bind =
            |rule: Option<&Rule>| rule.map(|r| r.bind(position_in(scope))).unwrap_or_default();
        let conditions = fields
            .iter()
            .map(|f| (bind(f.visible_if.as_ref()), bind(f.required_if.as_ref())))
            .collect();
        let reads_by_key = fields
            .iter()
            .map(|f| {
                [&f.visible_if, &f.required_if]
                    .into_iter()
                    .flatten()
                    .any(Rule::reads_data_by_key)
            })
            .collect();
        Self {
            by_key,
            nested,
            conditions,
            reads_by_key,
            order: Vec::new(),
            read: Vec::new(),
        }
    }

    /// Whether the conditions of the field at `position` read their object by key.
    pub(crate) fn reads_by_key(&self, position: usize) -> bool {
        self.reads_by_key.get(position).copied().unwrap_or(false)
    }

    /// The order in which the fields are decided; empty for the fields' order.
    pub(crate) fn order(&self) -> &[usize] {
        &self.order
    }

    /// Whether a condition may read the kept value of the field at `position` (of an
    /// object whose rules read it).
    pub(crate) fn is_read(&self, position: usize) -> bool {
        self.read.get(position).copied().unwrap_or(false)
    }

    /// Whether a condition may read the kept value of any field.
    pub(crate) fn any_read(&self) -> bool {
        !self.read.is_empty()
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

/// One `visibleIf` or `requiredIf` of the fields of an object whose rules read it, or of the
/// fields of its groups (whose rules read the same object).
pub(crate) struct ScopeCondition<'f> {
    /// The position among the object's fields of the field it belongs to, or of the group
    /// it is in.
    pub(crate) top: usize,
    /// The positions of the field within that group's fields, group by group (empty for
    /// the object's own field).
    pub(crate) within: Vec<usize>,
    /// `visibleIf` or `requiredIf`.
    pub(crate) name: &'static str,
    pub(crate) rule: &'f Rule,
}

/// Every condition of `fields` (an object whose rules read it) and of their groups' fields,
/// in field order. A repeating group's own conditions are among them; its fields', which
/// read its item, are not.
pub(crate) fn scope_conditions(fields: &[Field]) -> Vec<ScopeCondition<'_>> {
    fn walk<'f>(
        fields: &'f [Field],
        top: Option<usize>,
        within: &mut Vec<usize>,
        out: &mut Vec<ScopeCondition<'f>>,
    ) {
        for (i, f) in fields.iter().enumerate() {
            if top.is_some() {
                within.push(i);
            }
            let here = top.unwrap_or(i);
            for (name, rule) in [("visibleIf", &f.visible_if), ("requiredIf", &f.required_if)] {
                if let Some(rule) = rule {
                    out.push(ScopeCondition {
                        top: here,
                        within: within.clone(),
                        name,
                        rule,
                    });
                }
            }
            if f.field_type == FieldType::Group {
                walk(&f.fields, Some(here), within, out);
            }
            if top.is_some() {
                within.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(fields, None, &mut Vec::new(), &mut out);
    out
}

/// The positions among `fields` of the fields `rule` reads (the first keys of its paths),
/// in field order.
pub(crate) fn rule_reads(fields: &[Field], rule: &Rule) -> Vec<usize> {
    let vars = rule.vars();
    let firsts: Vec<&str> = vars
        .iter()
        .map(|v| v.split('.').next().unwrap_or_default())
        .collect();
    (0..fields.len())
        .filter(|&p| {
            fields
                .get(p)
                .is_some_and(|f| firsts.contains(&f.key.as_str()))
        })
        .collect()
}

/// For each of `fields`, the positions of the fields its `conditions` (as
/// [`scope_conditions`] gives them) read: what must be decided before it is. A group's
/// fields reading the group they are in read it as far as it is decided (its fields before
/// them), which is not counted.
pub(crate) fn condition_reads(
    fields: &[Field],
    conditions: &[ScopeCondition<'_>],
) -> Vec<Vec<usize>> {
    let mut reads = vec![Vec::new(); fields.len()];
    for c in conditions {
        if let Some(read) = reads.get_mut(c.top) {
            for p in rule_reads(fields, c.rule) {
                if !read.contains(&p) && (p != c.top || c.within.is_empty()) {
                    read.push(p);
                }
            }
        }
    }
    reads
}

/// The order in which the fields of an object are decided (shown or hidden, required or
/// not, checked, kept), given what each one's conditions read (`reads`, by position): each
/// after every field it reads, else in field order — at each step the first field whose
/// reads are all decided. When none is (a cycle: conditions that read, through one another,
/// the field they decide, or the group they are in), the first field not yet decided is,
/// its conditions reading the fields not yet decided as absent. `true` when there was no
/// cycle. Deterministic, and it ends: one field is decided at each step.
pub(crate) fn decision_order(reads: &[Vec<usize>]) -> (Vec<usize>, bool) {
    let n = reads.len();
    let mut decided = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut acyclic = true;
    while order.len() < n {
        let is_decided = |p: &usize| decided.get(*p).copied().unwrap_or(true);
        let first_ready = (0..n)
            .find(|&i| !is_decided(&i) && reads.get(i).is_some_and(|r| r.iter().all(is_decided)));
        let next = first_ready.or_else(|| {
            acyclic = false;
            (0..n).find(|i| !is_decided(i))
        });
        let Some(next) = next else { break };
        if let Some(d) = decided.get_mut(next) {
            *d = true;
        }
        order.push(next);
    }
    (order, acyclic)
}
