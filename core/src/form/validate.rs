//! The form engine: one pass over the fields, collecting every problem.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use std::ops::Range;

use super::leaf::{is_blank_group, is_unchosen, item_count, label, leaf, trim};
use super::plan::{FormPlan, Plan, Slots, reads_any};
use super::{Check, Field, FieldType, FormError, FormSpec};
use crate::calendar::WorkCalendar;
use crate::ids::{self, ResidentId};
use crate::rule::{Binding, Rule};
use crate::{Coded, Lang, Problem};

/// The outcome of validating an answer against a form. Its `Debug` output masks the
/// normalised answer ([`ids::mask_json`]).
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormReport {
    /// Whether the answer has no problem.
    pub valid: bool,
    /// Every problem, in field order, each with its JSON Pointer.
    pub errors: Vec<Problem>,
    /// The answer as it should be stored: visible fields only, normalised.
    pub normalized: Value,
}

impl std::fmt::Debug for FormReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormReport")
            .field("valid", &self.valid)
            .field("errors", &self.errors)
            .field("normalized", &ids::Masked(&self.normalized))
            .finish()
    }
}

/// Validates `answer` against `form`. `at` is the reference date (for birth dates in
/// identifiers); `lang` the language of messages. Rules count working days on
/// [`WorkCalendar::shipped`]; an [`Engine`](crate::engine::Engine) counts them on its own calendar.
pub fn validate(form: &FormSpec, answer: &Value, at: NaiveDate, lang: Lang) -> FormReport {
    validate_ignoring(form, answer, at, lang, &|_| false)
}

/// [`validate`], where top-level keys the form does not ask but `ignored` accepts are
/// dropped silently instead of reported as unknown (a bundle's answer to a member that
/// does not apply).
pub fn validate_ignoring(
    form: &FormSpec,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
    ignored: &dyn Fn(&str) -> bool,
) -> FormReport {
    validate_on(form, answer, (at, WorkCalendar::shipped()), lang, ignored)
}

/// [`validate_ignoring`] as of `at`, its rules counting working days on `calendar`.
pub(crate) fn validate_on(
    form: &FormSpec,
    answer: &Value,
    when: (NaiveDate, &WorkCalendar),
    lang: Lang,
    ignored: &dyn Fn(&str) -> bool,
) -> FormReport {
    let plan = FormPlan::new(form);
    let no_verdict: Shortcut<'_> = None;
    run(
        form,
        &plan,
        no_verdict,
        answer,
        when,
        lang,
        ignored,
        Output::Report,
    )
}

/// The verdict of a compiled form, whose flat rules ([`crate::rule::FlatRule`]) the full
/// validation evaluates first for the top-level fields' conditions and the checks: they
/// hold exactly when the general evaluator says a rule holds (the flat rules' property
/// test), in a fraction of its instructions (an answer with problems, where the verdict
/// gives up, still pays for its rules). Only a rule that fails to evaluate is evaluated
/// again, by the general evaluator, to report why. Native builds only, as the verdict.
#[cfg(not(target_arch = "wasm32"))]
pub(super) type Shortcut<'a> = Option<&'a super::verdict::Verdict>;
/// The WASM module has no verdict.
#[cfg(target_arch = "wasm32")]
pub(super) type Shortcut<'a> = Option<&'a std::convert::Infallible>;

/// The top-level fields holding resident IDs written plainly, for the flat checks.
#[cfg(not(target_arch = "wasm32"))]
type Plain = crate::rule::PlainIds;
#[cfg(target_arch = "wasm32")]
type Plain = ();

/// What a validation builds besides the problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// The normalised answer too ([`FormReport::normalized`]).
    Report,
    /// The problems only; `normalized` is left `null`.
    Problems,
}

/// Validates `answer` against `form`, whose plan is `plan` (and verdict `shortcut`), as of
/// `at`, its rules counting working days on `calendar`.
#[allow(clippy::too_many_arguments)] // one internal entry, called twice
pub(super) fn run(
    form: &FormSpec,
    plan: &FormPlan,
    shortcut: Shortcut<'_>,
    answer: &Value,
    when: (NaiveDate, &WorkCalendar),
    lang: Lang,
    ignored: &dyn Fn(&str) -> bool,
    output: Output,
) -> FormReport {
    let mut errors = Vec::new();
    // The answer's top-level values by field position, matched once: fields read them,
    // and so do the rules, by position ([`Rule::truthy_bound`]).
    let mut slots = Slots::new(form.fields.len());
    let map = answer.as_object();
    // A key no field has is not kept, so a check that may read it reads the kept answer.
    // (One `ignored` accepts, of a bundle member that does not apply, is no field of a
    // member that does, so no check reads it; nor any key, in a linted catalogue.)
    let mut unknown_key = false;
    if let Some(map) = map {
        plan.fields
            .match_keys(&form.fields, map, slots.as_mut_slice(), |key| {
                if !ignored(key) {
                    unknown_key |= plan.check_may_read(key);
                    let path = unknown_pointer("", key);
                    errors.push(problem_at(path, &FormError::UnknownField, lang));
                }
            });
    } else {
        errors.push(problem_at(String::new(), &FormError::NotAnObject, lang));
    }
    let mut run = Run {
        shortcut,
        when,
        lang,
        errors,
        output,
        known_ids: Vec::new(),
        rewritten: unknown_key,
        dropped: Vec::new(),
        deciding: Vec::new(),
    };
    let Some(_) = map else {
        return FormReport {
            valid: false,
            errors: run.errors,
            normalized: Value::Null,
        };
    };
    let checks = form.checks.as_slice();
    let mut normalized = run.fields(&form.fields, &plan.fields, slots.as_slice(), None, "", None);
    // Without checks, what they would read is not worked out.
    let rewritten = run.rewritten && !checks.is_empty();
    // The checks read the answer as it is kept: a hidden field's value, left in the
    // answer, is not, nor a blank one, and text is read trimmed and identifiers in their
    // usual form, as they are stored. Most answers are kept as given; for the others the
    // normalised answer is built (walking the fields again when only problems were asked)
    // and the checks read it.
    if rewritten && output == Output::Problems {
        // The same problems again: this walk's are dropped.
        let mut again = Run {
            errors: Vec::new(),
            output: Output::Report,
            known_ids: Vec::new(),
            dropped: Vec::new(),
            deciding: Vec::new(),
            ..run
        };
        normalized = again.fields(&form.fields, &plan.fields, slots.as_slice(), None, "", None);
    }
    let mut kept;
    let without;
    let (answer, slots) = match normalized.as_object() {
        Some(normal) if rewritten => {
            kept = Slots::new(form.fields.len());
            plan.fields
                .match_keys(&form.fields, normal, kept.as_mut_slice(), |_| {});
            (&normalized, kept.as_slice())
        }
        // Only top-level values dropped (hidden, blank, `null`): the answer as given without
        // them, with no second walk (a page that sends its empty fields as "").
        _ if !run.dropped.is_empty() && !checks.is_empty() => {
            without = drop_values(map, &form.fields, slots.as_mut_slice(), &run.dropped);
            (&without, slots.as_slice())
        }
        _ => (answer, slots.as_slice()),
    };
    // Where the first key of each problem's path is, taken once for all the checks.
    let mut firsts: Vec<Option<Range<usize>>> = Vec::new();
    #[cfg_attr(target_arch = "wasm32", allow(clippy::let_unit_value))] // no verdict there
    let plain_ids = plain_ids(run.shortcut, slots, &run.known_ids);
    for (i, check) in checks.iter().enumerate() {
        // A check over values that already have a problem would only repeat it.
        let found = run.errors.get(firsts.len()..).unwrap_or_default();
        firsts.extend(found.iter().map(|e| e.path.as_deref().map(first_key_span)));
        let reads_bad_value = !run.errors.is_empty()
            && plan.check_reads.get(i).is_some_and(|keys| {
                let first_keys = run.errors.iter().zip(&firsts);
                reads_any(
                    keys,
                    first_keys.filter_map(|(e, span)| e.path.as_deref()?.get(span.clone()?)),
                )
            });
        if reads_bad_value {
            continue;
        }
        let binding = plan.check_bindings.get(i).unwrap_or(&UNBOUND);
        let known = (run.known_ids.as_slice(), run.when.1);
        let flat = flat_check(run.shortcut, i, slots, plain_ids).map(Ok);
        match flat.unwrap_or_else(|| check.rule.truthy_bound(answer, binding, slots, known)) {
            Ok(true) => {}
            Ok(false) => run.errors.push(check_problem(check, lang)),
            Err(e) => run.push(check.path.clone().unwrap_or_default(), &e),
        }
    }
    FormReport {
        valid: run.errors.is_empty(),
        errors: run.errors,
        normalized: match output {
            Output::Report => normalized,
            Output::Problems => Value::Null,
        },
    }
}

/// `map` (an answer) without the values of the top-level fields at `dropped`, which are
/// also cleared from `slots` (the values by field position).
fn drop_values(
    map: Option<&Map<String, Value>>,
    fields: &[Field],
    slots: &mut [Option<&Value>],
    dropped: &[usize],
) -> Value {
    let mut map = map.cloned().unwrap_or_default();
    for &position in dropped {
        if let Some(slot) = slots.get_mut(position) {
            *slot = None;
        }
        if let Some(field) = fields.get(position) {
            map.remove(&field.key);
        }
    }
    Value::Object(map)
}

/// What the flat rule of the top-level field at `position` in `shortcut` says of its
/// `visibleIf` (`visible`) or `requiredIf` over the kept values `slots`: `None` without a
/// flat rule, or when it fails to evaluate.
#[cfg(not(target_arch = "wasm32"))]
fn flat_condition(
    shortcut: Shortcut<'_>,
    position: usize,
    visible: bool,
    slots: &[Option<&Value>],
) -> Option<bool> {
    shortcut?
        .condition(position, visible)?
        .holds(slots, Plain::default())
}

/// The top-level fields whose value is a resident ID `known` (read while checking the
/// fields) written plainly, 18 characters as given: the verdict's plain IDs, whose sex and
/// birth date the flat rules take from the digits instead of reading the number again.
/// Worked out only for a form with a verdict.
#[cfg(not(target_arch = "wasm32"))]
fn plain_ids(
    shortcut: Shortcut<'_>,
    slots: &[Option<&Value>],
    known: &[(&str, ResidentId)],
) -> Plain {
    let mut plain = Plain::default();
    if shortcut.is_none() {
        return plain;
    }
    for (position, slot) in slots.iter().enumerate() {
        if let Some(Value::String(s)) = slot
            && s.len() == 18
            && known.iter().any(|(k, _)| std::ptr::eq(*k, s.as_str()))
        {
            plain.add(position);
        }
    }
    plain
}

/// What the flat rule of the `i`th check in `shortcut` says over `slots` and the `plain`
/// resident IDs, as [`flat_condition`].
#[cfg(not(target_arch = "wasm32"))]
fn flat_check(
    shortcut: Shortcut<'_>,
    i: usize,
    slots: &[Option<&Value>],
    plain: Plain,
) -> Option<bool> {
    shortcut?.check(i)?.holds(slots, plain)
}

#[cfg(target_arch = "wasm32")]
fn flat_condition(_: Shortcut<'_>, _: usize, _: bool, _: &[Option<&Value>]) -> Option<bool> {
    None
}

#[cfg(target_arch = "wasm32")]
fn plain_ids(_: Shortcut<'_>, _: &[Option<&Value>], _: &[(&str, ResidentId)]) -> Plain {}

#[cfg(target_arch = "wasm32")]
fn flat_check(_: Shortcut<'_>, _: usize, _: &[Option<&Value>], (): Plain) -> Option<bool> {
    None
}

/// The problem of a cross-field check that does not hold.
pub(super) fn check_problem(check: &Check, lang: Lang) -> Problem {
    Problem {
        path: Some(check.path.clone().unwrap_or_default()),
        code: check.code.clone(),
        params: Map::new(),
        message: match (lang, &check.message_en) {
            (Lang::En, Some(en)) => en.clone(),
            _ => check.message.clone(),
        },
    }
}

/// `error` as a problem at `path`.
pub(super) fn problem_at(path: String, error: &impl Coded, lang: Lang) -> Problem {
    let mut problem = error.to_problem(lang);
    problem.path = Some(path);
    problem
}

/// What a field's conditions read: the fields of an object (the answer, or an item of a
/// repeating group) and their values as kept, by position, as far as they are decided
/// (`None`: absent, or not decided yet).
type RuleScope<'s> = (&'s [Field], &'s [Option<&'s Value>]);

/// The kept values of the fields of an object whose conditions read it, as they are
/// decided: what the normalised answer has (`None` for a field hidden, blank, `null`, with
/// a problem, or not decided yet). A value kept as written is the answer's own.
struct Kept<'v> {
    given: Slots<'v>,
    /// Values kept otherwise than written (trimmed, ...), by position; empty when none.
    built: Vec<Option<Value>>,
}

impl<'v> Kept<'v> {
    fn new(len: usize) -> Self {
        Self {
            given: Slots::new(len),
            built: Vec::new(),
        }
    }

    /// Keeps the value of the field at `position`: `given` when it is kept as written,
    /// else `normal` built.
    fn keep(&mut self, position: usize, given: &'v Value, normal: &Normal<'v>) {
        if normal.as_given(given) {
            if let Some(slot) = self.given.as_mut_slice().get_mut(position) {
                *slot = Some(given);
            }
            return;
        }
        let len = self.given.as_slice().len();
        self.built.resize(len, None);
        if let Some(slot) = self.built.get_mut(position) {
            *slot = Some(normal.to_value());
        }
    }

    /// The kept values by position (built ones rarely: only when a value a condition reads
    /// is rewritten).
    fn view(&self) -> std::borrow::Cow<'_, [Option<&Value>]> {
        let given = self.given.as_slice();
        if self.built.is_empty() {
            return std::borrow::Cow::Borrowed(given);
        }
        given
            .iter()
            .zip(&self.built)
            .map(|(g, b)| b.as_ref().or(*g))
            .collect()
    }
}

/// The object a rule reading it by key (`missing`, a computed path) reads: the kept values
/// of `scope`, under their keys (of two fields with one key, the later's).
fn kept_object((fields, slots): RuleScope<'_>) -> Value {
    let mut map = Map::new();
    for (field, value) in fields.iter().zip(slots) {
        if let Some(value) = value {
            map.insert(field.key.clone(), (*value).clone());
        }
    }
    Value::Object(map)
}

/// One validation: the date and language, what was found.
struct Run<'s, 'v> {
    /// The flat rules of the form's verdict, tried first.
    shortcut: Shortcut<'s>,
    /// The reference date, and what the rules count working days on.
    when: (NaiveDate, &'s WorkCalendar),
    lang: Lang,
    errors: Vec<Problem>,
    output: Output,
    /// The resident ID numbers of the fields checked so far, for the checks' domain
    /// operators.
    known_ids: Vec<(&'v str, ResidentId)>,
    /// Whether a value given is not kept as it is written: rewritten (trimmed, an
    /// identifier in its usual form, ...), or dropped inside a group or repeating group
    /// or under a key no field has that a check may read.
    rewritten: bool,
    /// The positions of the top-level fields whose value given is dropped (hidden, blank,
    /// `null`, nothing chosen where a choice is required).
    dropped: Vec<usize>,
    /// The groups being decided whose fields' conditions read them, outermost first: each
    /// with its key and its fields' kept values so far (the outermost's key is unused: its
    /// position in its object is `deciding_at`).
    deciding: Vec<(String, Map<String, Value>)>,
}

/// The position of the group at the bottom of [`Run::deciding`] in its object's fields.
type DecidingAt = Option<usize>;

/// `slots` with the value at `at` replaced by `value`.
fn patched<'a>(slots: &[Option<&'a Value>], at: usize, value: &'a Value) -> Vec<Option<&'a Value>> {
    let mut slots = slots.to_vec();
    if let Some(slot) = slots.get_mut(at) {
        *slot = Some(value);
    }
    slots
}

/// A present value that passed its checks, as it will be stored; turned into JSON only
/// when the normalised answer is built ([`Output::Report`]).
pub(super) enum Normal<'v> {
    /// The value as given.
    Same(&'v Value),
    /// Text as given but trimmed.
    Text(&'v str),
    Int(i64),
    /// A value built while checking (a container's normalised object, an identifier or a
    /// date and time rewritten).
    Built(Value),
}

impl Normal<'_> {
    /// Whether this is `given`, the value it was made from, as it is written.
    fn as_given(&self, given: &Value) -> bool {
        match self {
            Self::Same(_) => true,
            // A `Text` is the given text or a slice of it (trimmed): equal when as long.
            Self::Text(s) => given.as_str().is_some_and(|g| g.len() == s.len()),
            Self::Int(n) => given.as_i64() == Some(*n),
            Self::Built(_) => false,
        }
    }

    /// The value, copied.
    fn to_value(&self) -> Value {
        match self {
            Self::Same(value) => (*value).clone(),
            Self::Text(s) => Value::String((*s).to_owned()),
            Self::Int(n) => Value::Number((*n).into()),
            Self::Built(value) => value.clone(),
        }
    }

    fn into_value(self) -> Value {
        match self {
            Self::Same(value) => value.clone(),
            Self::Text(s) => Value::String(s.to_owned()),
            Self::Int(n) => Value::Number(n.into()),
            Self::Built(value) => value,
        }
    }
}

/// The plan of a field that holds no fields.
static EMPTY_PLAN: Plan = Plan::EMPTY;

/// A rule whose variables are looked up by key.
static UNBOUND: Binding = Binding::NONE;

/// Bindings for a field without conditions.
static NO_CONDITIONS: (Binding, Binding) = (Binding::NONE, Binding::NONE);

/// The first reference token of a JSON Pointer (unescaped enough for field keys).
pub(crate) fn first_key(pointer: &str) -> &str {
    pointer.get(first_key_span(pointer)).unwrap_or_default()
}

/// Where [`first_key`] is in `pointer`, as byte offsets (on char boundaries).
fn first_key_span(pointer: &str) -> Range<usize> {
    let start = pointer.len() - pointer.trim_start_matches('/').len();
    // A byte search: `split('/')` builds a char searcher, which showed in profiles of
    // answers with problems. An ASCII byte is a char boundary.
    let rest = pointer.as_bytes().get(start..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|&b| b == b'/')
        .map_or(pointer.len(), |n| start + n);
    start..end
}

/// `parent` with a key of the answer that no field has: the key as given, but for its runs
/// of six digits or more, masked ([`ids::mask_digit_runs`]), so that a whole ID or phone
/// number sent as a key never appears in a problem.
pub(super) fn unknown_pointer(parent: &str, key: &str) -> String {
    pointer(parent, &ids::mask_digit_runs(key))
}

/// Where the problem `error` of the value at `parent`/`key` is: there, or at the item of a
/// multi-choice list it names.
pub(super) fn leaf_pointer(parent: &str, key: &str, error: &FormError) -> String {
    let mut out = pointer(parent, key);
    if let Some(item) = error.item() {
        out.push('/');
        out.push_str(&item.to_string());
    }
    out
}

/// `parent` with one more reference token (RFC 6901 escaping).
pub(super) fn pointer(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    crate::problem::push_token(&mut out, token);
    out
}

impl<'v> Run<'_, 'v> {
    /// Notes that the value of the field at `position` of the object at `path` is not
    /// kept: by position at the top level, else as a rewrite.
    fn drop_value(&mut self, path: &str, position: usize) {
        if path.is_empty() {
            self.dropped.push(position);
        } else {
            self.rewritten = true;
        }
    }

    /// The outermost group being decided whose fields read it, as far as it is decided
    /// (with the groups inside it being decided), when there is one.
    fn deciding_root(&self) -> Option<Value> {
        let mut inner: Option<Value> = None;
        for (i, (_, map)) in self.deciding.iter().enumerate().rev() {
            let mut map = map.clone();
            if let (Some(value), Some((key, _))) = (inner.take(), self.deciding.get(i + 1)) {
                map.insert(key.clone(), value);
            }
            inner = Some(Value::Object(map));
        }
        inner
    }

    /// Records `error` at `path` (taken as built: no copy).
    fn push(&mut self, path: String, error: &impl Coded) {
        self.errors.push(problem_at(path, error, self.lang));
    }

    /// Whether `rule` (absent: `default`) holds over the kept values `scope`, its
    /// variables bound by `binding` (a key no field has reads as absent: it is not kept;
    /// `by_key`: the rule reads the object by key, which is built); a rule that fails to
    /// evaluate is reported at `parent`/`key` and counts as not holding.
    fn holds(
        &mut self,
        rule: Option<&Rule>,
        (binding, by_key): (&Binding, bool),
        scope: RuleScope<'_>,
        default: bool,
        (parent, key): (&str, &str),
    ) -> bool {
        let Some(rule) = rule else { return default };
        let object;
        let data = if by_key {
            object = kept_object(scope);
            &object
        } else {
            &Value::Null
        };
        match rule.truthy_bound(data, binding, scope.1, (&[], self.when.1)) {
            Ok(b) => b,
            Err(e) => {
                self.push(pointer(parent, key), &e);
                false
            }
        }
    }

    /// Validates the object `value` at `path` with the fields `fields`; its rules read
    /// `scope`, or the object itself when `None` (a repeating group's item). `None` when
    /// it is not an object; else its normalised form (`null` for [`Output::Problems`]).
    fn object(
        &mut self,
        fields: &[Field],
        plan: &Plan,
        value: &'v Value,
        scope: Option<RuleScope<'_>>,
        path: &str,
        deciding_at: DecidingAt,
    ) -> Option<Value> {
        let Some(map) = value.as_object() else {
            self.push(path.to_owned(), &FormError::NotAnObject);
            return None;
        };
        let mut found = Slots::new(fields.len());
        plan.match_keys(fields, map, found.as_mut_slice(), |key| {
            self.rewritten = true;
            self.push(unknown_pointer(path, key), &FormError::UnknownField);
        });
        Some(self.fields(fields, plan, found.as_slice(), scope, path, deciding_at))
    }

    /// Validates the values `found` (by field position) of the object at `path` with
    /// `fields`; their conditions read `scope` (a group's: the object around it), or, when
    /// `None`, the object itself as it is kept, its fields decided in the plan's order so
    /// that a condition reads only fields already decided. Returns the normalised object
    /// (`null` for [`Output::Problems`]). Problems are reported in field order whatever the
    /// order of deciding.
    ///
    /// Field paths are written only for problems: a valid answer builds no strings but
    /// its normalised values and their keys.
    fn fields(
        &mut self,
        fields: &[Field],
        plan: &Plan,
        found: &[Option<&'v Value>],
        scope: Option<RuleScope<'_>>,
        path: &str,
        deciding_at: DecidingAt,
    ) -> Value {
        let scope_is_own = scope.is_none();
        let report = self.output == Output::Report;
        let mut normal: Vec<Option<Value>> = Vec::new();
        if report {
            normal.resize(fields.len(), None);
        }
        // The top-level fields' conditions have flat rules (the root's path is empty).
        let shortcut = if path.is_empty() { self.shortcut } else { None };
        // The object's kept values, for its conditions: only those they read are kept.
        let own = scope.is_none() && plan.any_read();
        let mut kept = Kept::new(if own { fields.len() } else { 0 });
        let order = plan.order();
        // Where each field's problems start, when the fields are decided out of order.
        let errors_before = self.errors.len();
        let mut starts: Vec<(usize, usize)> = Vec::new();
        for step in 0..fields.len() {
            let position = order.get(step).copied().unwrap_or(step);
            let Some(field) = fields.get(position) else {
                continue;
            };
            if !order.is_empty() {
                starts.push((position, self.errors.len()));
            }
            let given = found.get(position).copied().flatten();
            let view = kept.view();
            // The conditions of a group's fields that read the group read it as decided so
            // far: what the groups being decided hold, in the slot of the outermost.
            let partial = scope.and_then(|_| self.deciding_root());
            let with_partial;
            let scope = match (scope, &partial, deciding_at) {
                (Some(outer), Some(root), Some(at)) => {
                    with_partial = patched(outer.1, at, root);
                    (outer.0, with_partial.as_slice())
                }
                (Some(outer), ..) => outer,
                (None, ..) => (fields, &*view),
            };
            let opens = field.field_type == FieldType::Group
                && if scope_is_own {
                    plan.is_read(position)
                } else {
                    !self.deciding.is_empty()
                };
            if opens {
                self.deciding.push((field.key.clone(), Map::new()));
            }
            let at_here = if opens { Some(position) } else { deciding_at };
            let decided = self.field(
                field,
                plan,
                (position, given),
                scope,
                (path, shortcut),
                at_here,
            );
            if opens {
                self.deciding.pop();
            }
            drop(view);
            if !scope_is_own
                && let (Some(normal_value), Some((_, map))) = (&decided, self.deciding.last_mut())
            {
                map.insert(field.key.clone(), normal_value.to_value());
            }
            let Some(normal_value) = decided else {
                continue;
            };
            if own
                && plan.is_read(position)
                && let Some(given) = given
            {
                kept.keep(position, given, &normal_value);
            }
            if let Some(slot) = normal.get_mut(position) {
                *slot = Some(normal_value.into_value());
            }
        }
        if !starts.is_empty() {
            self.in_field_order(errors_before, &starts);
        }
        if !report {
            return Value::Null;
        }
        // In key order, so that the map is built in one pass; of two fields with one key,
        // the later one's value wins, as when inserting in field order.
        // Gathered into a vector of the right size first: the map is built from one.
        let mut entries = Vec::with_capacity(fields.len());
        entries.extend(plan.by_key().iter().filter_map(|&position| {
            let value = normal.get_mut(position)?.take()?;
            Some((fields.get(position)?.key.clone(), value))
        }));
        Value::Object(entries.into_iter().collect())
    }

    /// Decides the field at `position` of `fields` (the object at `path`), given `given`:
    /// shown or hidden, required or not, and its value checked. Its conditions read `scope`
    /// (flat first when `shortcut` has them). Returns its value as kept, `None` when it is
    /// not kept (hidden, missing, or with a problem).
    fn field(
        &mut self,
        field: &Field,
        plan: &Plan,
        (position, given): (usize, Option<&'v Value>),
        scope: RuleScope<'_>,
        (path, shortcut): (&str, Shortcut<'_>),
        deciding_at: DecidingAt,
    ) -> Option<Normal<'v>> {
        let at = (path, field.key.as_str());
        let (visible, required) = plan.conditions(position).unwrap_or(&NO_CONDITIONS);
        let by_key = plan.reads_by_key(position);
        let flat = |visible| flat_condition(shortcut, position, visible, scope.1);
        let shown = flat(true).unwrap_or_else(|| {
            self.holds(
                field.visible_if.as_ref(),
                (visible, by_key),
                scope,
                true,
                at,
            )
        });
        if !shown {
            // A hidden field is neither validated nor kept, nor read by the checks.
            if given.is_some() {
                self.drop_value(path, position);
            }
            return None;
        }
        let required = field.required
            || flat(false).unwrap_or_else(|| {
                self.holds(
                    field.required_if.as_ref(),
                    (required, by_key),
                    scope,
                    false,
                    at,
                )
            });
        let kept = match given {
            None => None,
            // Given, but dropped from what is kept.
            Some(Value::Null) => {
                self.drop_value(path, position);
                None
            }
            Some(Value::String(s)) if trim(s).is_empty() && !field.field_type.is_container() => {
                self.drop_value(path, position);
                None
            }
            // Nothing chosen, where a choice is required.
            Some(Value::Array(items)) if required && is_unchosen(field, items) => {
                self.drop_value(path, position);
                None
            }
            // An optional group left blank is not given: its fields are not asked for. A
            // required one is checked, so that each of its fields it lacks is named.
            Some(v) if !required && is_blank_group(field, v) => {
                self.drop_value(path, position);
                None
            }
            Some(v) => {
                let nested = plan.nested(position).unwrap_or(&EMPTY_PLAN);
                // A container a condition reads is built, to be read as it is kept.
                let output = self.output;
                if field.field_type.is_container() && plan.is_read(position) {
                    self.output = Output::Report;
                }
                let value = self.value(field, nested, v, at, (scope, deciding_at));
                self.output = output;
                // Present, checked: not missing, whatever its problem.
                return value;
            }
        };
        if required {
            self.push(
                pointer(path, &field.key),
                &FormError::Required {
                    label: label(field, self.lang),
                },
            );
        }
        kept
    }

    /// Puts the problems found since `from`, of fields decided out of order (`starts`: each
    /// field's position and where its problems start, in the order decided), in field order.
    fn in_field_order(&mut self, from: usize, starts: &[(usize, usize)]) {
        let mut found: Vec<Option<Problem>> = self
            .errors
            .split_off(from.min(self.errors.len()))
            .into_iter()
            .map(Some)
            .collect();
        let end = from + found.len();
        // Each field's span of problems, by position (the positions decided are those of
        // the fields, each once): put in field order without a sort.
        let mut spans: Vec<Option<Range<usize>>> = vec![None; starts.len()];
        for (k, &(position, start)) in starts.iter().enumerate() {
            let next = starts.get(k + 1).map_or(end, |&(_, s)| s);
            if let Some(span) = spans.get_mut(position) {
                *span = Some(start - from..next - from);
            }
        }
        for span in spans.into_iter().flatten() {
            for i in span {
                if let Some(problem) = found.get_mut(i).and_then(Option::take) {
                    self.errors.push(problem);
                }
            }
        }
    }

    /// Checks one present value, at `parent`/`key`: how it is to be stored, or `None`
    /// when it has a problem. `plan` is the plan of a container's fields; `scope` what the
    /// rules of the object holding it read, and so a group's rules too (the form's top
    /// level, or a repeating group's item).
    fn value(
        &mut self,
        field: &Field,
        plan: &Plan,
        value: &'v Value,
        (parent, key): (&str, &str),
        (scope, deciding_at): (RuleScope<'_>, DecidingAt),
    ) -> Option<Normal<'v>> {
        let lang = self.lang;
        let result = match field.field_type {
            FieldType::Group => {
                let path = pointer(parent, key);
                let normal =
                    self.object(&field.fields, plan, value, Some(scope), &path, deciding_at);
                return normal.map(Normal::Built);
            }
            FieldType::Repeat => return self.repeat(field, plan, value, &pointer(parent, key)),
            _ => leaf(
                field,
                value,
                self.when.0,
                &|| label(field, lang),
                &mut self.known_ids,
            ),
        };
        match result {
            Ok(v) => {
                self.rewritten |= !v.as_given(value);
                Some(v)
            }
            Err(e) => {
                self.push(leaf_pointer(parent, key, &e), &e);
                None
            }
        }
    }

    fn repeat(
        &mut self,
        field: &Field,
        plan: &Plan,
        value: &'v Value,
        path: &str,
    ) -> Option<Normal<'v>> {
        let Some(items) = value.as_array() else {
            self.push(
                path.to_owned(),
                &FormError::WrongType {
                    label: label(field, self.lang),
                    expected: "array",
                    item: None,
                },
            );
            return None;
        };
        if let Err(e) = item_count(field, items.len(), &|| label(field, self.lang)) {
            self.push(path.to_owned(), &e);
        }
        let mut normal = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // Rules inside a repeating group see the item they belong to.
            let path = pointer(path, &i.to_string());
            // An item is an object of its own: the groups around it are not its.
            let deciding = std::mem::take(&mut self.deciding);
            let item = self.object(&field.fields, plan, item, None, &path, None);
            self.deciding = deciding;
            if self.output == Output::Report {
                normal.push(item.unwrap_or(Value::Null));
            }
        }
        Some(Normal::Built(Value::Array(normal)))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The shortcut never changes what trimming white space of every kind (U+0085,
        /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and the
        /// invisible characters (U+00AD, U+115F, U+1160, U+180E, U+200B–U+200F, U+2060,
        /// U+2800, U+3164, U+FEFF, U+FFA0) gives, next to characters that share their first
        /// bytes (U+2010, U+2061, fullwidth `（`, U+FFFD).
        #[test]
        fn trim_is_trimming_by_character(s in "[ \\t\\n\\u{85}\\u{a0}\\u{ad}\\u{115f}\\u{1160}\\u{1680}\\u{180e}\\u{2000}-\\u{2010}\\u{2028}\\u{2029}\\u{202f}\\u{205f}-\\u{2061}\\u{2800}\\u{3000}\\u{3164}\\u{feff}\\u{ff08}\\u{ffa0}\\u{fffd}a林é\\u{1}-\\u{10ffff}]{0,6}") {
            let by_character =
                s.trim_matches(|c: char| c.is_whitespace() || crate::input::is_invisible(c));
            prop_assert_eq!(super::trim(&s), by_character);
        }

        /// The byte search finds the token `split` finds, in pointers of any shape (leading
        /// slashes, none, empty tokens, characters of several bytes).
        #[test]
        fn first_key_is_the_first_token(s in "[/a林~01é]{0,8}") {
            let expected = s.trim_start_matches('/').split('/').next().unwrap_or_default();
            prop_assert_eq!(super::first_key(&s), expected);
        }
    }

    /// An unknown key is named in its problem's path with its runs of digits masked, at the
    /// top level and inside a repeating group's item, by the full validation and by a
    /// compiled form's findings alike: a whole ID or phone number sent as a key never
    /// appears in a problem.
    #[test]
    fn unknown_keys_are_named_with_their_digits_masked() {
        use chrono::NaiveDate;
        use serde_json::json;

        use crate::form::{CompiledForm, FormSpec};
        use crate::{Lang, Problem};

        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let flat: FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "name", "label": "姓名", "type": "text"}],
            "example": {"name": "林小红"}
        }))
        .unwrap();
        let answer = json!({"13912345678": 1, "name": "林小红", "x1": 2});
        let paths = |problems: &[Problem]| -> Vec<String> {
            problems.iter().map(|p| p.path.clone().unwrap()).collect()
        };
        let general = super::validate(&flat, &answer, at, Lang::ZhCn).errors;
        assert_eq!(paths(&general), ["/***********", "/x1"]);
        let compiled = CompiledForm::new(flat);
        let findings = compiled.findings(&answer, at, Lang::ZhCn);
        let found: Vec<String> = findings.iter().map(|f| f.path().into_owned()).collect();
        assert_eq!(found, paths(&general));
        assert_eq!(findings.into_problems(), general);

        let nested: FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "children", "label": "子女", "type": "repeat", "fields": [
                {"key": "name", "label": "姓名", "type": "text"}
            ]}],
            "example": {"children": []}
        }))
        .unwrap();
        let answer = json!({"children": [{"name": "甲", "350205199003071239": true}]});
        let problems = super::validate(&nested, &answer, at, Lang::En).errors;
        assert_eq!(paths(&problems), ["/children/0/350***********1239"]);
        assert!(!format!("{problems:?}").contains("350205199003071239"));
    }

    /// A group inside a repeating group's item reads the item, as the item's own fields
    /// do (lint and the rules' bindings see it so): not the form's top level, whose field at
    /// the same position would be read instead.
    #[test]
    fn a_group_inside_a_repeat_reads_its_item() {
        use chrono::NaiveDate;
        use serde_json::json;

        use crate::Lang;
        use crate::form::{CompiledForm, FormSpec};

        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let spec: FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "a", "label": "甲", "type": "text"},
                {"key": "items", "label": "各项", "type": "repeat", "fields": [
                    {"key": "kind", "label": "种类", "type": "text"},
                    {"key": "g", "label": "附注", "type": "group", "fields": [
                        {"key": "note", "label": "说明", "type": "text",
                         "requiredIf": {"==": [{"var": "kind"}, "x"]}},
                        {"key": "by", "label": "填写人", "type": "text"}
                    ]}
                ]}
            ],
            "example": {"a": "x", "items": []}
        }))
        .unwrap();
        let compiled = CompiledForm::new(spec.clone());
        for (answer, wanted) in [
            (
                json!({"a": "x", "items": [{"kind": "y", "g": {"by": "林"}}]}),
                vec![],
            ),
            (
                json!({"a": "y", "items": [{"kind": "x", "g": {"by": "林"}}]}),
                vec!["/items/0/g/note form.required"],
            ),
        ] {
            let found: Vec<String> = super::validate(&spec, &answer, at, Lang::ZhCn)
                .errors
                .into_iter()
                .map(|p| format!("{} {}", p.path.unwrap_or_default(), p.code))
                .collect();
            assert_eq!(found, wanted, "{answer}");
            let checked: Vec<String> = compiled
                .check(&answer, at, Lang::ZhCn)
                .into_iter()
                .map(|p| format!("{} {}", p.path.unwrap_or_default(), p.code))
                .collect();
            assert_eq!(checked, wanted, "{answer}");
        }
    }

    /// A group left blank is not given when it is optional (nothing of it is asked for or
    /// kept), and checked when it is required, each field it lacks named; a group inside a
    /// group is blank when all of it is.
    #[test]
    fn a_blank_group_is_given_only_when_required() {
        use chrono::NaiveDate;
        use serde_json::json;

        use crate::Lang;
        use crate::form::{CompiledForm, FormSpec};

        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let group = |required: bool| {
            json!({"key": "agent", "label": "代办人", "type": "group", "required": required,
            "fields": [
                {"key": "name", "label": "姓名", "type": "text", "required": true},
                {"key": "home", "label": "住址", "type": "group", "fields": [
                    {"key": "street", "label": "街道", "type": "text", "required": true}
                ]}
            ]})
        };
        for (required, answer, wanted) in [
            (false, json!({"agent": {}}), vec![]),
            (
                false,
                json!({"agent": {"name": " ", "home": {"street": null}}}),
                vec![],
            ),
            (
                false,
                json!({"agent": {"home": ""}}),
                vec![
                    "/agent/name form.required",
                    "/agent/home form.not_an_object",
                ],
            ),
            (
                false,
                json!({"agent": {"home": {"street": "x"}}}),
                vec!["/agent/name form.required"],
            ),
            (
                true,
                json!({"agent": {}}),
                vec!["/agent/name form.required"],
            ),
            (true, json!({}), vec!["/agent form.required"]),
        ] {
            let spec: FormSpec =
                serde_json::from_value(json!({"fields": [group(required)], "example": {}}))
                    .unwrap();
            let report = super::validate(&spec, &answer, at, Lang::ZhCn);
            let found: Vec<String> = (report.errors.iter())
                .map(|p| format!("{} {}", p.path.as_deref().unwrap_or_default(), p.code))
                .collect();
            assert_eq!(found, wanted, "{answer}");
            if wanted.is_empty() {
                assert_eq!(report.normalized, json!({}), "{answer}");
            }
            let checked = CompiledForm::new(spec).check(&answer, at, Lang::ZhCn);
            assert_eq!(checked, report.errors, "{answer}");
        }
    }

    /// A phone field takes a mobile number or a landline; a wrong one is reported as the
    /// kind it was dialled as (a mobile number begins with 1), by the full validation and a
    /// compiled form's findings alike, not always as a landline without its area code.
    #[test]
    fn a_wrong_phone_number_is_reported_as_the_kind_it_was_dialled_as() {
        use chrono::NaiveDate;
        use serde_json::json;

        use crate::Lang;
        use crate::form::{CompiledForm, FormSpec};

        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let spec: FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "tel", "label": "联系电话", "type": "phone"}],
            "example": {"tel": "0592-6881234"}
        }))
        .unwrap();
        let compiled = CompiledForm::new(spec.clone());
        for (tel, code) in [
            ("129 1234 5678", Some("id.mobile.prefix")),
            ("1391234567", Some("id.length")),
            ("+86 139 1234 567", Some("id.length")),
            ("0592-688123", Some("id.landline.local_number")),
            ("688 1234", Some("id.landline.area_code")),
            ("+86 139 1234 5678", None),
            ("(0592) 688 1234", None),
        ] {
            let answer = json!({ "tel": tel });
            let codes: Vec<String> = super::validate(&spec, &answer, at, Lang::ZhCn)
                .errors
                .into_iter()
                .map(|p| p.code)
                .collect();
            assert_eq!(codes, code.into_iter().collect::<Vec<_>>(), "{tel}");
            let found = compiled.findings(&answer, at, Lang::ZhCn).into_problems();
            assert_eq!(
                found.iter().map(|p| &p.code).collect::<Vec<_>>(),
                codes.iter().collect::<Vec<_>>(),
                "{tel}"
            );
        }
    }

    /// A check is skipped when it reads a value that already has a problem: a field's (its
    /// path, or a path under it), or an earlier check's (shown on a field it reads).
    #[test]
    fn checks_over_values_with_a_problem_are_skipped() {
        use chrono::NaiveDate;
        use serde_json::json;

        use crate::Lang;
        use crate::form::{CompiledForm, FormSpec};

        let spec: FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "motherId", "label": "母亲身份证号", "type": "resident_id"},
                {"key": "fatherName", "label": "父亲姓名", "type": "text", "maxLength": 4},
                {"key": "children", "label": "子女", "type": "repeat", "fields": [
                    {"key": "name", "label": "姓名", "type": "text", "maxLength": 4}
                ]}
            ],
            "checks": [
                {"code": "form.mother_sex", "message": "母亲应为女性",
                 "rule": {"==": [{"id_sex": [{"var": "motherId"}]}, "female"]}},
                {"code": "form.father_named", "message": "请填写父亲姓名", "path": "/fatherName",
                 "rule": {"!!": [{"var": "fatherName"}]}},
                {"code": "form.father_named_again", "message": "请填写父亲姓名",
                 "rule": {"!!": [{"var": "fatherName"}]}},
                {"code": "form.children", "message": "至多一名子女",
                 "rule": {"<=": [{"var": "children.1.name"}, null]}}
            ],
            "example": {"motherId": "350205199205120027"}
        }))
        .unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let codes_in = |spec: &FormSpec, answer| -> Vec<String> {
            let problems = CompiledForm::new(spec.clone()).check(&answer, at, Lang::ZhCn);
            let codes: Vec<String> = problems
                .iter()
                .map(|p| format!("{} {}", p.path.as_deref().unwrap_or_default(), p.code))
                .collect();
            assert_eq!(
                problems,
                super::super::validate(spec, &answer, at, Lang::ZhCn).errors
            );
            codes
        };
        let codes = |answer| codes_in(&spec, answer);
        // Each check fails over good values.
        assert_eq!(
            codes(json!({
                "motherId": "350205199003071239",
                "children": [{"name": "甲"}, {"name": "乙"}]
            })),
            [
                " form.mother_sex",
                "/fatherName form.father_named",
                " form.children"
            ]
        );
        // A wrong ID number, a name too long under `children`: their checks are skipped;
        // the second check's problem at /fatherName hides the third check.
        assert_eq!(
            codes(json!({
                "motherId": "350205199003071230",
                "children": [{"name": "甲"}, {"name": "乙乙乙乙乙"}]
            })),
            [
                "/motherId id.checksum",
                "/children/1/name form.too_long",
                "/fatherName form.father_named"
            ]
        );
        // Shown on the whole form, the second check's problem hides nothing.
        let mut unplaced = spec.clone();
        unplaced.checks[1].path = None;
        assert_eq!(
            codes_in(&unplaced, json!({"motherId": "350205199205120027"})),
            [" form.father_named", " form.father_named_again"]
        );
    }

    /// The problems of `answer` as `path code`, after asserting that the full validation,
    /// a compiled form's `validate` and `check` and its findings all report the same.
    fn agreed(spec: &crate::form::FormSpec, answer: &serde_json::Value) -> Vec<String> {
        use crate::Lang;
        use crate::form::CompiledForm;

        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let general = super::validate(spec, answer, at, Lang::ZhCn);
        let compiled = CompiledForm::new(spec.clone());
        assert_eq!(
            compiled.validate(answer, at, Lang::ZhCn),
            general,
            "{answer}"
        );
        assert_eq!(
            compiled.check(answer, at, Lang::ZhCn),
            general.errors,
            "{answer}"
        );
        let found = compiled.findings(answer, at, Lang::ZhCn).into_problems();
        assert_eq!(found, general.errors, "{answer}");
        general
            .errors
            .iter()
            .map(|p| format!("{} {}", p.path.as_deref().unwrap_or_default(), p.code))
            .collect()
    }

    /// A hidden field is neither checked nor kept, and so a cross-field check does not read
    /// it either: its value, left in the answer (typed before the field was hidden, or
    /// prefilled), is not what is stored, and a problem shown on it could not be mended.
    #[test]
    fn a_check_does_not_read_a_hidden_field() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "married", "label": "已婚", "type": "boolean"},
                {"key": "fatherId", "label": "父亲身份证号", "type": "resident_id",
                 "visibleIf": {"var": "married"}}
            ],
            "checks": [{"code": "form.father_male", "message": "父亲应为男性", "path": "/fatherId",
                "rule": {"or": [{"!": [{"var": "fatherId"}]},
                                {"==": [{"id_sex": [{"var": "fatherId"}]}, "male"]}]}}],
            "example": {"married": false}
        }))
        .unwrap();
        for hidden in ["350205199205120027", "not an ID"] {
            let answer = json!({"married": false, "fatherId": hidden});
            assert!(agreed(&spec, &answer).is_empty(), "{answer}");
        }
        // Shown, the same value is checked.
        let answer = json!({"married": true, "fatherId": "350205199205120027"});
        assert_eq!(agreed(&spec, &answer), ["/fatherId form.father_male"]);
    }

    /// The checks read the answer as it is kept: text trimmed, identifiers in their usual
    /// form, blank values absent, nested values too. Read as typed, two ways of writing one
    /// mobile number passed a check that they differ, and a blank father's name failed the
    /// check that name and ID number come together.
    #[test]
    fn a_check_reads_the_values_as_they_are_kept() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "mobile", "label": "手机号码", "type": "mobile"},
                {"key": "contact", "label": "紧急联系人手机", "type": "phone"},
                {"key": "fatherName", "label": "父亲姓名", "type": "text"},
                {"key": "fatherId", "label": "父亲身份证号", "type": "resident_id"},
                {"key": "home", "label": "住址", "type": "group", "fields": [
                    {"key": "street", "label": "街道", "type": "text"}]}
            ],
            "checks": [
                {"code": "form.same_contact", "message": "紧急联系人不能是本人", "path": "/contact",
                 "rule": {"!=": [{"var": "mobile"}, {"var": "contact"}]}},
                {"code": "form.father_pair", "message": "父亲姓名与身份证号应同时填写",
                 "path": "/fatherName",
                 "rule": {"or": [{"and": [{"var": "fatherName"}, {"var": "fatherId"}]},
                                 {"and": [{"!": [{"var": "fatherName"}]},
                                          {"!": [{"var": "fatherId"}]}]}]}},
                {"code": "form.street", "message": "街道应为海沧街道", "path": "/home",
                 "rule": {"or": [{"!": [{"var": "home.street"}]},
                                 {"==": [{"var": "home.street"}, "海沧街道"]}]}}
            ],
            "example": {"mobile": "13912345678", "contact": "13812345678"}
        }))
        .unwrap();
        let answer = |contact: &str, father: &str, street: &str| {
            json!({"mobile": "13912345678", "contact": contact, "fatherName": father,
                   "home": {"street": street}})
        };
        assert!(agreed(&spec, &answer("13812345678", "", "海沧街道")).is_empty());
        // One number written two ways is one number.
        assert_eq!(
            agreed(&spec, &answer("+86 139-1234-5678", "", "海沧街道")),
            ["/contact form.same_contact"]
        );
        // A blank name is no name; a name with spaces around it is the name.
        assert!(agreed(&spec, &answer("13812345678", "  ", " 海沧街道 ")).is_empty());
        assert_eq!(
            agreed(&spec, &answer("13812345678", " 王强 ", "海沧街道")),
            ["/fatherName form.father_pair"]
        );
        let mut with_id = answer("13812345678", " 王强 ", "海沧街道");
        with_id["fatherId"] = json!("11010519491231002x");
        assert!(agreed(&spec, &with_id).is_empty());
        // `null` is no value either.
        let mut null = answer("13812345678", "", "海沧街道");
        null["fatherName"] = serde_json::Value::Null;
        assert!(agreed(&spec, &null).is_empty());
    }

    /// The form of the conditions' tests (here and in the verdict's): a note whose detail
    /// it requires, a spouse's name shown when married and a workplace shown and required
    /// with it, a kind whose `other` requires a note asked before it, a mobile number one
    /// value of which requires a contact; its example is valid.
    pub(in crate::form) fn conditional_form() -> crate::form::FormSpec {
        serde_json::from_value(serde_json::json!({
            "fields": [
                {"key": "note", "label": "备注", "type": "text"},
                {"key": "detail", "label": "备注说明", "type": "text",
                 "requiredIf": {"var": "note"}},
                {"key": "married", "label": "已婚", "type": "boolean"},
                {"key": "spouseName", "label": "配偶姓名", "type": "text",
                 "visibleIf": {"var": "married"}},
                {"key": "spouseWork", "label": "配偶单位", "type": "text",
                 "visibleIf": {"var": "spouseName"}, "requiredIf": {"var": "spouseName"}},
                {"key": "kindNote", "label": "类别说明", "type": "text",
                 "requiredIf": {"==": [{"var": "kind"}, "other"]}},
                {"key": "kind", "label": "类别", "type": "text"},
                {"key": "mobile", "label": "手机号码", "type": "mobile"},
                {"key": "contact", "label": "联系人", "type": "text",
                 "requiredIf": {"==": [{"var": "mobile"}, "13912345678"]}}
            ],
            "example": {"note": "x", "detail": "y", "married": true, "spouseName": "王芳",
                        "spouseWork": "厦门", "kind": "other", "kindNote": "无",
                        "mobile": "13912345678", "contact": "林"}
        }))
        .unwrap()
    }

    /// A blank value is absent when kept, so a condition reading it reads it absent: a
    /// note of spaces requires no detail.
    #[test]
    fn a_condition_reads_a_blank_value_as_absent() {
        use serde_json::json;

        let spec = conditional_form();
        assert!(agreed(&spec, &json!({"note": "   "})).is_empty());
        assert!(agreed(&spec, &json!({"note": null})).is_empty());
        assert_eq!(
            agreed(&spec, &json!({"note": " x "})),
            ["/detail form.required"]
        );
    }

    /// A hidden field is not kept, so a condition reading it reads it absent: a spouse's
    /// name left in the answer while unmarried shows and requires nothing (the page hides
    /// it: a problem it caused could not be mended). Shown, it does.
    #[test]
    fn a_condition_does_not_read_a_hidden_field() {
        use serde_json::json;

        let spec = conditional_form();
        assert!(agreed(&spec, &json!({"married": false, "spouseName": "王芳"})).is_empty());
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let answer = json!({"married": false, "spouseName": "王芳", "spouseWork": "厦门"});
        let report = super::validate(&spec, &answer, at, crate::Lang::ZhCn);
        assert_eq!(report.normalized, json!({"married": false}));
        assert_eq!(
            agreed(&spec, &json!({"married": true, "spouseName": "王芳"})),
            ["/spouseWork form.required"]
        );
    }

    /// A condition reads the value as it is stored — trimmed text, an identifier in its
    /// usual form — so that validating the normalised answer again finds what validating
    /// the answer found: an answer the app accepts, the back office accepts as stored.
    #[test]
    fn a_condition_reads_the_values_as_they_are_kept() {
        use serde_json::json;

        let spec = conditional_form();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        for answer in [
            json!({"kind": " other "}),
            json!({"kind": "other"}),
            json!({"mobile": "+86 139-1234-5678"}),
            json!({"mobile": "13912345678"}),
            json!({"kind": " other ", "kindNote": " 无 ", "mobile": "139 1234 5678",
                   "contact": "林"}),
        ] {
            let report = super::validate(&spec, &answer, at, crate::Lang::ZhCn);
            let again = super::validate(&spec, &report.normalized, at, crate::Lang::ZhCn);
            assert_eq!(again.errors, report.errors, "{answer}");
            agreed(&spec, &answer);
        }
        assert_eq!(
            agreed(&spec, &json!({"kind": " other "})),
            ["/kindNote form.required"]
        );
        assert_eq!(
            agreed(&spec, &json!({"mobile": "+86 139-1234-5678"})),
            ["/contact form.required"]
        );
        // A value with a problem is not kept either: read as absent.
        assert_eq!(
            agreed(&spec, &json!({"mobile": "12912345678"})),
            ["/mobile id.mobile.prefix"]
        );
    }

    /// A key no field has is not kept, so a condition reading it (a form no lint has seen)
    /// reads it as absent, with or without a compiled form's flat rules.
    #[test]
    fn a_condition_does_not_read_a_key_no_field_has() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "x", "label": "甲", "type": "text", "requiredIf": {"var": "flag"}},
                {"key": "y", "label": "乙", "type": "text", "visibleIf": {"var": "flag"}}
            ],
            "example": {}
        }))
        .unwrap();
        assert_eq!(
            agreed(&spec, &json!({"flag": true, "y": "kept?"})),
            ["/flag form.unknown_field"]
        );
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let answer = json!({"flag": true, "y": "kept?"});
        let report = super::validate(&spec, &answer, at, crate::Lang::ZhCn);
        assert_eq!(report.normalized, json!({}));
        // Read by key (`missing`), it is absent too.
        let mut by_key = spec.clone();
        by_key.fields[0].required_if =
            Some(serde_json::from_value(json!({"!": {"missing": ["flag"]}})).unwrap());
        assert_eq!(agreed(&by_key, &answer), ["/flag form.unknown_field"]);
    }

    /// A field is decided before the fields whose conditions read it, wherever it is in the
    /// form (problems are still reported in field order); a group's fields read the group
    /// as decided so far; conditions that read one another in a cycle read the fields not
    /// yet decided as absent, in field order, and end.
    #[test]
    fn conditions_read_fields_in_the_order_they_are_decided() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "fatherName", "label": "父亲姓名", "type": "text",
                 "requiredIf": {"==": [{"var": "kind"}, "other"]}},
                {"key": "kind", "label": "类别", "type": "text",
                 "visibleIf": {"var": "shown"}},
                {"key": "shown", "label": "显示", "type": "boolean"},
                {"key": "home", "label": "住址", "type": "group", "fields": [
                    {"key": "street", "label": "街道", "type": "text"},
                    {"key": "room", "label": "门牌", "type": "text", "maxLength": 3,
                     "requiredIf": {"var": "home.street"}}
                ]}
            ],
            "example": {}
        }))
        .unwrap();
        assert_eq!(
            agreed(
                &spec,
                &json!({"kind": " other ", "shown": true, "home": {}})
            ),
            ["/fatherName form.required"]
        );
        assert!(agreed(&spec, &json!({"kind": "other", "shown": false})).is_empty());
        assert_eq!(
            agreed(
                &spec,
                &json!({"fatherName": "", "kind": "other", "shown": true,
                        "home": {"street": " ", "room": "1234"}})
            ),
            ["/fatherName form.required", "/home/room form.too_long"]
        );
        assert_eq!(
            agreed(&spec, &json!({"home": {"street": " 海沧 "}})),
            ["/home/room form.required"]
        );

        let cycle: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "a", "label": "甲", "type": "text", "visibleIf": {"var": "b"}},
                {"key": "b", "label": "乙", "type": "text", "visibleIf": {"var": "a"}},
                {"key": "c", "label": "丙", "type": "text", "requiredIf": {"var": "c"}}
            ],
            "example": {}
        }))
        .unwrap();
        // `a` first, reading `b` not yet decided: hidden; `b` reads `a` hidden: hidden.
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let answer = json!({"a": "1", "b": "2", "c": "3"});
        assert!(agreed(&cycle, &answer).is_empty());
        let report = super::validate(&cycle, &answer, at, crate::Lang::ZhCn);
        assert_eq!(report.normalized, json!({"c": "3"}));
    }

    /// A key no field has is not kept, so a check reading it (a form no lint has seen)
    /// reads it as absent; a key no check reads costs no second walk.
    #[test]
    fn a_check_does_not_read_a_key_no_field_has() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "name", "label": "姓名", "type": "text"}],
            "checks": [{"code": "form.no_extra", "message": "多余", "path": "/name",
                        "rule": {"!": [{"var": "extra"}]}}],
            "example": {"name": "林"}
        }))
        .unwrap();
        assert_eq!(
            agreed(&spec, &json!({"name": "林", "extra": "x"})),
            ["/extra form.unknown_field"]
        );
        assert_eq!(
            agreed(&spec, &json!({"name": "林", "other": "x"})),
            ["/other form.unknown_field"]
        );
    }

    /// An integer field takes a number with no fraction however it is written (JSON
    /// Schema's `integer`): Python's `json.dumps` writes the float `100.0` so. It is kept
    /// as the whole number.
    #[test]
    fn an_integer_may_be_written_with_a_zero_fraction() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "count", "label": "人数", "type": "integer", "max": 100.0},
                       {"key": "fee", "label": "费用（分）", "type": "money"}],
            "checks": [{"code": "form.count", "message": "人数应多于费用", "path": "/count",
                        "rule": {">": [{"var": "count"}, {"var": "fee"}]}}],
            "example": {"count": 2}
        }))
        .unwrap();
        assert!(agreed(&spec, &json!({"count": 100.0, "fee": 0.0})).is_empty());
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let report = super::validate(&spec, &json!({"count": 100.0}), at, crate::Lang::ZhCn);
        assert_eq!(report.normalized, json!({"count": 100}));
        assert_eq!(
            agreed(&spec, &json!({"count": 100.5, "fee": -1.0, "x": 1e300})),
            [
                "/x form.unknown_field",
                "/count form.type",
                "/fee form.below_min"
            ]
        );
        assert_eq!(
            agreed(&spec, &json!({"count": 101.0})),
            ["/count form.above_max"]
        );
        assert_eq!(
            agreed(&spec, &json!({"count": 1e19})),
            ["/count form.above_max"]
        );
    }

    /// An integer or money field holds integers within ±(2^53 − 1), the range every JSON
    /// reader holds exactly (RFC 8259 §6): one beyond is above (below) that bound, however
    /// it is written, and compared exactly, not rounded into range.
    #[test]
    fn an_integer_holds_the_safe_range_exactly() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [{"key": "n", "label": "数量", "type": "integer"},
                       {"key": "fee", "label": "费用（分）", "type": "money"}],
            "example": {"n": 2}
        }))
        .unwrap();
        let safe = crate::form::MAX_SAFE_INTEGER;
        for ok in [
            json!({"n": safe, "fee": safe}),
            json!({"n": -safe, "fee": 0}),
        ] {
            assert!(agreed(&spec, &ok).is_empty(), "{ok}");
        }
        let above = ["/n form.above_max", "/fee form.above_max"];
        for n in [
            json!(safe + 1),
            json!(u64::MAX),
            json!(i64::MAX),
            json!(1e300),
        ] {
            assert_eq!(agreed(&spec, &json!({"n": n, "fee": n})), above, "{n}");
        }
        let below = ["/n form.below_min", "/fee form.below_min"];
        for n in [json!(-safe - 1), json!(i64::MIN), json!(-1e300)] {
            assert_eq!(agreed(&spec, &json!({"n": n, "fee": n})), below, "{n}");
        }
        // The bound said is the one that holds: the field's when tighter, else 2^53 − 1.
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let report = super::validate(&spec, &json!({"n": u64::MAX}), at, crate::Lang::En);
        // Written as the message writes it: an integer.
        assert_eq!(
            report.errors[0].params["max"],
            json!(9_007_199_254_740_991_u64)
        );
        assert!(
            report.errors[0].message.contains("9007199254740991"),
            "{}",
            report.errors[0].message
        );
    }

    /// A required multiple choice with nothing chosen (`[]`) is not filled in: as blank text
    /// is missing, so is an empty list of choices.
    #[test]
    fn a_required_multi_choice_needs_a_choice() {
        use serde_json::json;

        let spec: crate::form::FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "kinds", "label": "办理事项", "type": "multi_choice", "required": true,
                 "choices": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]},
                {"key": "more", "label": "其他", "type": "multi_choice",
                 "choices": [{"value": "a", "label": "甲"}]}
            ],
            "example": {"kinds": ["a"]}
        }))
        .unwrap();
        assert_eq!(
            agreed(&spec, &json!({"kinds": [], "more": []})),
            ["/kinds form.required"]
        );
        // Not required, nothing chosen is an answer.
        assert!(agreed(&spec, &json!({"kinds": ["b"], "more": []})).is_empty());
    }

    #[test]
    fn first_key_of_pointers() {
        assert_eq!(super::first_key("/children/0/name"), "children");
        assert_eq!(super::first_key("/childName"), "childName");
        assert_eq!(super::first_key(""), "");
        assert_eq!(super::first_key("/"), "");
        assert_eq!(super::first_key("//x"), "x");
    }
}
