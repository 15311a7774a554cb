//! 预审: whether an answer has no problem at all, decided in one flat pass before the full
//! validation, and instead of it when there is none. An applicant's page checks the answer
//! as it is typed; most of those answers, and every answer finally sent, are valid, and
//! for them the verdict is all the work.
//!
//! It is conservative: `true` means the full validation reports nothing; `false` only that
//! it may report something, and then the full validation runs and says what. So it gives
//! up on what it does not handle: a key that is not a field's (unknown, or one a bundle
//! ignores), a group or repeating group, a form of more than 64 fields or with two fields
//! of one key, a rule with an operation [`FlatRule`] does not have, a value a check reads
//! that is not kept as written (the checks read the kept value, which only the full
//! validation builds: a trimmed name, a mobile number with its `+86`). It checks what the full
//! validation checks, in the same order and under the same conditions, with the same
//! functions where they are cheap (trimming, dates, patterns, identifiers but the usual
//! resident ID and mobile number, rule comparisons); the tests hold it to the full
//! validation on every form fixture and on generated answers.
//!
//! The same pass also finds the problems of an answer that has some (`Verdict::findings`,
//! behind `CompiledForm::check` and `findings`): a problem is noted instead of ending the
//! pass — by field position and kind, its label and message left for when it is worded —
//! and the checks that read a value with a problem are skipped, as the full validation
//! skips them. What it cannot tell (a rule that fails to evaluate, an unknown key a check
//! may read) it leaves to the full validation again. The tests hold its findings to the
//! full validation's problems, in order and in both languages.
//!
//! It also tells when the normalised answer is the answer itself (every value given is kept
//! and already written as validation writes it: trimmed, identifiers in their usual form),
//! so that `validate` of such an answer copies it instead of building it.
//!
//! What makes it cheap: an answer's keys are matched to the fields in one merge of two
//! sorted lists into a fixed array on the stack; rules read fields by position and a
//! condition shared by several fields is evaluated once; a resident ID written plainly is
//! read in one pass and its facts taken from its digits; nothing is built — no path, no
//! label, no problem.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::email::is_email;
use super::finding::Repr;
use super::leaf::{
    TextFault, datetime, integer, integer_range, is_area_code, is_choice, is_unchosen, leaf,
    multi_choice, range, text_fault, trim,
};
use super::plan::{check_reads, condition_reads, decision_order, scope_conditions};
use super::validate::{first_key, pointer};
use super::{Field, FieldType, FormError, FormSpec};
use crate::calendar::date_number;
use crate::ids::{
    self, IdKind, ResidentId, is_plain_credit_code, is_plain_mobile, is_plain_postal_code,
    is_plain_resident_id,
};
use crate::rule::{FlatRule, PlainIds, Rule};

/// The most fields a form may have for a verdict (its slots are a fixed array, and the
/// fields holding plain resident IDs bits of a `u64`).
const MAX_FIELDS: usize = 64;

/// The most distinct conditions (`visibleIf`, `requiredIf`) a form may have for a verdict.
const MAX_CONDITIONS: usize = 32;

/// What a verdict says of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judgement {
    /// It cannot tell: the full validation decides.
    Unsure,
    /// The full validation finds no problem.
    Valid,
    /// No problem, and the normalised answer is the answer as given: no value is dropped
    /// (hidden, `null` or blank) or rewritten (trimmed, an identifier in its usual form).
    ValidAsGiven,
}

/// A form compiled into its verdict.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// The fields' keys in key order, each with its field's position.
    keys: Box<[(Key, usize)]>,
    /// Each field's `visibleIf` and `requiredIf`, as indexes into `conditions`.
    when: Box<[(Option<u8>, Option<u8>)]>,
    /// The distinct conditions of the fields.
    conditions: Box<[FlatRule]>,
    /// The cross-field checks, in order.
    checks: Box<[FlatRule]>,
    /// For each check, the fields (bits by position) a problem of which skips it: the
    /// full validation does not repeat a problem through a check that reads the value.
    skipped_by_field: Box<[u64]>,
    /// For each check, the checks among the first 64 whose failure skips it (a check's
    /// problem shown on a field it reads).
    skipped_by_check: Box<[u64]>,
    /// Whether a check reads a key no field has: an unknown key of that name skips it.
    reads_unknown: bool,
    /// The fields (bits by position) a check or a condition reads: they read the value as
    /// it is kept, so a value kept otherwise than written (trimmed, ...) is left to the
    /// full validation, which builds the kept value.
    read_by_rules: u64,
    /// The fields (bits by position) a condition reads: one not kept (hidden, blank,
    /// `null`, with a problem) reads as absent, which the pass leaves to the full
    /// validation.
    read_by_conditions: u64,
}

impl Verdict {
    /// The verdict of `form`, when it can have one.
    pub(crate) fn new(form: &FormSpec) -> Option<Self> {
        let fields = &form.fields;
        if fields.len() > MAX_FIELDS || fields.iter().any(|f| f.field_type.is_container()) {
            return None;
        }
        let mut keys: Vec<(Key, usize)> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (Key::new(&f.key), i))
            .collect();
        keys.sort_by(|(a, _), (b, _)| a.text.cmp(&b.text));
        if keys
            .windows(2)
            .any(|w| matches!(w, [a, b] if a.0.text == b.0.text))
        {
            return None;
        }
        let position = |key: &str| fields.iter().position(|f| f.key == key);
        // Conditions written alike are one condition, evaluated once per answer.
        let mut distinct: Vec<&Rule> = Vec::new();
        let mut when = Vec::with_capacity(fields.len());
        for field in fields {
            let mut index = [None; 2];
            for (slot, rule) in index
                .iter_mut()
                .zip([&field.visible_if, &field.required_if])
            {
                if let Some(rule) = rule {
                    *slot = Some(intern(&mut distinct, rule)?);
                }
            }
            when.push((index[0], index[1]));
        }
        let conditions = distinct
            .iter()
            .map(|rule| rule.flatten(&position))
            .collect::<Option<_>>()?;
        let checks = form
            .checks
            .iter()
            .map(|c| c.rule.flatten(&position))
            .collect::<Option<_>>()?;
        let (skipped_by_field, skipped_by_check, reads_unknown) = skips(form);
        let read_by_checks = skipped_by_field.iter().fold(0, |all, &read| all | read);
        // The conditions read the fields as they are kept, each decided before the fields
        // whose conditions read it (`plan::decision_order`). The pass reads them as given, in
        // field order, and gives up on a field they read that is not kept as given: with
        // no cycle, that reads the same. With a cycle, the full validation decides.
        let reads = condition_reads(fields, &scope_conditions(fields));
        if !decision_order(&reads).1 {
            return None;
        }
        let read_by_conditions = reads.iter().flatten().fold(0_u64, |all, &p| all | 1 << p);
        Some(Self {
            keys: keys.into(),
            when: when.into(),
            conditions,
            checks,
            skipped_by_field,
            skipped_by_check,
            reads_unknown,
            read_by_rules: read_by_checks | read_by_conditions,
            read_by_conditions,
        })
    }

    /// The flat rule of the `visibleIf` (`visible`) or `requiredIf` of the field at
    /// `position`, when it has one.
    pub(crate) fn condition(&self, position: usize, visible: bool) -> Option<&FlatRule> {
        let &(shown, required) = self.when.get(position)?;
        let index = if visible { shown } else { required }?;
        self.conditions.get(usize::from(index))
    }

    /// The flat rule of the form's `i`th check.
    pub(crate) fn check(&self, i: usize) -> Option<&FlatRule> {
        self.checks.get(i)
    }

    /// Whether the full validation of `answer` against `form` (the form this verdict was
    /// made from) as of `at` finds no problem; `false` when it cannot tell.
    #[cfg(test)]
    pub(crate) fn passes(&self, form: &FormSpec, answer: &Value, at: NaiveDate) -> bool {
        self.judge_as::<false, _>(form, answer, at, &|_| false, &mut NotCollected)
            != Judgement::Unsure
    }

    /// Every problem the full validation of `answer` against `form` (the form this verdict
    /// was made from) as of `at` finds, top-level keys `ignored` accepts left out as
    /// [`validate_ignoring`](super::validate_ignoring) leaves them; `None` when the verdict
    /// cannot tell them all (a rule that fails to evaluate, an unknown key a check might
    /// read, ...), and the full validation must.
    ///
    /// One pass, also for a valid answer: the pass that stops at the first problem would
    /// tell a valid answer ~1 % sooner (callgrind, the birth bundle's: ~7,850 instructions
    /// against ~7,930), but trying it first costs ~1,900 more on an answer with problems
    /// (~11,600 against ~9,800).
    pub(crate) fn findings<'a>(
        &self,
        form: &'a FormSpec,
        answer: &'a Value,
        at: NaiveDate,
        ignored: &dyn Fn(&str) -> bool,
    ) -> Option<Vec<Repr<'a>>> {
        let mut found = Vec::new();
        let judgement = self.judge_as::<false, _>(form, answer, at, ignored, &mut found);
        (judgement != Judgement::Unsure).then_some(found)
    }

    /// What the full validation of `answer` against `form` (the form this verdict was made
    /// from) as of `at` finds, as far as the verdict can tell.
    pub(crate) fn judge(&self, form: &FormSpec, answer: &Value, at: NaiveDate) -> Judgement {
        self.judge_as::<true, _>(form, answer, at, &|_| false, &mut NotCollected)
    }

    /// [`judge`](Self::judge), telling [`Judgement::ValidAsGiven`] only when `AS_GIVEN`
    /// (when only validity matters, that costs a few hundred instructions for nothing).
    ///
    /// When `found` collects problems ([`Found::COLLECT`]), a problem does not end the
    /// pass: it is added to `found`, and the pass goes on as the full validation does
    /// (unknown keys `ignored` accepts left out), so that anything but
    /// [`Judgement::Unsure`] means `found` is every problem the full validation reports,
    /// in its order. Otherwise the first problem ends it.
    #[allow(clippy::too_many_lines)] // one pass, on purpose: its state stays in registers
    fn judge_as<'a, const AS_GIVEN: bool, F: Found<'a>>(
        &self,
        form: &'a FormSpec,
        answer: &'a Value,
        at: NaiveDate,
        ignored: &dyn Fn(&str) -> bool,
        found: &mut F,
    ) -> Judgement {
        const NO: Judgement = Judgement::Unsure;
        let Some(map) = answer.as_object() else {
            return NO;
        };
        let mut room = [None; MAX_FIELDS];
        let Some(slots) = room.get_mut(..form.fields.len()) else {
            return NO;
        };
        if !self.place(map, slots, ignored, found) {
            return NO;
        }
        let slots: &[Option<&Value>] = slots;

        let mut ids = PlainIds::default();
        // Each condition's outcome once evaluated (`Some(None)`: it failed). Conditions
        // read no resident ID facts from `ids`: the general evaluator reads them anew too.
        // They read the values as given, which are the values kept: a field they read that
        // is not kept as given (hidden, blank, `null`, with a problem, rewritten) is left
        // to the full validation, which reads it as absent (or as it is kept).
        let mut cache = [None; MAX_CONDITIONS];
        let mut condition = |i: Option<u8>, absent: bool| -> Option<bool> {
            let Some(i) = i else { return Some(absent) };
            let cached = cache.get_mut(usize::from(i))?;
            if cached.is_none() {
                let rule = self.conditions.get(usize::from(i))?;
                *cached = Some(rule.holds(slots, PlainIds::default()));
            }
            cached.flatten()
        };
        // Whether a condition reads the field at `position`, whose value given is not kept.
        let read_unkept = |position: usize| self.read_by_conditions >> position & 1 != 0;
        // Whether every value given is kept as it is written.
        let mut as_given = AS_GIVEN;
        // The fields with a problem (bits by position; `COLLECT` only).
        let mut bad = 0_u64;
        // The fields given a value that is not kept (bits by position): hidden, blank or
        // `null`. The checks read what is kept, so they do not read them.
        let mut dropped = 0_u64;
        for (position, ((field, slot), &(visible, required))) in
            form.fields.iter().zip(slots).zip(&self.when).enumerate()
        {
            match condition(visible, true) {
                Some(true) => {}
                Some(false) => {
                    if slot.is_some() {
                        as_given = false;
                        dropped |= 1 << position;
                        if read_unkept(position) {
                            return NO;
                        }
                    }
                    continue; // hidden: neither checked nor kept, nor read by checks
                }
                None => return NO,
            }
            // Evaluated for a present value too, as the full validation does: a rule that
            // fails is a problem either way.
            let Some(required) = condition(required, false).map(|r| r || field.required) else {
                return NO;
            };
            let present = match slot {
                None => false,
                Some(Value::Null) => {
                    as_given = false;
                    dropped |= 1 << position;
                    if read_unkept(position) {
                        return NO;
                    }
                    false
                }
                // Nothing chosen, where a choice is required.
                Some(Value::Array(items)) if required && is_unchosen(field, items) => {
                    if read_unkept(position) {
                        return NO;
                    }
                    false
                }
                Some(value) => match value.as_str().map(trim) {
                    Some("") => {
                        as_given = false;
                        dropped |= 1 << position;
                        if read_unkept(position) {
                            return NO;
                        }
                        false // blank counts as missing
                    }
                    trimmed => match self.fare::<AS_GIVEN>(position, field, value, trimmed, at) {
                        passes @ (Passes::No | Passes::Text(_)) if F::COLLECT => {
                            let error = match passes {
                                Passes::Text(fault) => Some(fault.error(field, String::new())),
                                _ => fault(field, value, at),
                            };
                            let Some(error) = error else {
                                return NO;
                            };
                            found.push(Repr::Field(field, error));
                            bad |= 1 << position;
                            // A value with a problem is not kept.
                            if read_unkept(position) {
                                return NO;
                            }
                            true
                        }
                        Passes::No | Passes::Text(_) | Passes::Rewritten => return NO,
                        Passes::PlainId { same } => {
                            ids.add(position);
                            as_given &= same;
                            true
                        }
                        Passes::Yes { same } => {
                            as_given &= same;
                            true
                        }
                    },
                },
            };
            if required && !present {
                if !F::COLLECT {
                    return NO;
                }
                let label = String::new();
                found.push(Repr::Field(field, FormError::Required { label }));
                bad |= 1 << position;
            }
        }
        let len = slots.len();
        let slots = kept(room.get_mut(..len).unwrap_or_default(), dropped);
        let checked = if F::COLLECT {
            self.collect_checks(form, slots, ids, bad, found)
        } else {
            self.checks
                .iter()
                .all(|c| c.holds(slots, ids) == Some(true))
        };
        match (checked, as_given) {
            (false, _) => NO,
            (true, true) => Judgement::ValidAsGiven,
            (true, false) => Judgement::Valid,
        }
    }

    /// How the value of `field` at `position` fares ([`value_passes`]); `Rewritten` when a
    /// check reads it and it is not kept as written: the checks read the kept value, which
    /// the full validation builds.
    #[inline]
    fn fare<const AS_GIVEN: bool>(
        &self,
        position: usize,
        field: &Field,
        value: &Value,
        trimmed: Option<&str>,
        at: NaiveDate,
    ) -> Passes {
        if self.read_by_rules >> position & 1 == 0 {
            return value_passes::<AS_GIVEN>(field, value, trimmed, at);
        }
        match value_passes::<true>(field, value, trimmed, at) {
            Passes::Yes { same: false } | Passes::PlainId { same: false } => Passes::Rewritten,
            passes => passes,
        }
    }

    /// Puts the values of `map`, an answer, in `slots` by their fields' positions, adding
    /// the problem of a key no field has to `found` (unless `ignored` accepts it); `false`
    /// when the pass cannot go on: such a key when problems are not collected, or one the
    /// verdict cannot tell the consequences of.
    fn place<'a, F: Found<'a>>(
        &self,
        map: &'a Map<String, Value>,
        slots: &mut [Option<&'a Value>],
        ignored: &dyn Fn(&str) -> bool,
        found: &mut F,
    ) -> bool {
        // One merge: both lists are sorted (an answer's keys as the full validation meets
        // them, so unknown ones are found in its order).
        let mut keys = self.keys.iter();
        let mut next = keys.next();
        'answer: for (key, value) in map {
            let bytes = key.as_bytes();
            while let Some((field_key, position)) = next {
                // Mostly the next field's key: told equal without ordering them.
                let order = if field_key.equals(bytes) {
                    Ordering::Equal
                } else {
                    field_key.cmp(bytes)
                };
                match order {
                    Ordering::Less => next = keys.next(), // a field the answer leaves out
                    Ordering::Equal => {
                        if let Some(slot) = slots.get_mut(*position) {
                            *slot = Some(value);
                        }
                        next = keys.next();
                        continue 'answer;
                    }
                    Ordering::Greater => break,
                }
            }
            // A key no field has.
            if !F::COLLECT {
                return false;
            }
            if ignored(key) {
                continue;
            }
            // A check could read it, or its pointer is escaped: what it skips is the full
            // validation's to say.
            if self.reads_unknown || key.contains(['~', '/']) {
                return false;
            }
            found.push(Repr::Unknown(key));
        }
        true
    }

    /// Adds the problems of the checks of `form` over `slots` (its resident IDs written
    /// plainly `ids`) to `found`, skipping those that read a field with a problem (`bad`)
    /// or a failed check's field, as the full validation does; `false` when a rule fails
    /// to evaluate, or a check past the 64th fails.
    fn collect_checks<'a>(
        &self,
        form: &'a FormSpec,
        slots: &[Option<&Value>],
        ids: PlainIds,
        bad: u64,
        found: &mut impl Found<'a>,
    ) -> bool {
        // Most answers: nothing wrong so far, and every check holds.
        if bad == 0
            && self
                .checks
                .iter()
                .all(|c| c.holds(slots, ids) == Some(true))
        {
            return true;
        }
        let mut failed = 0_u64;
        for (i, (rule, check)) in self.checks.iter().zip(&form.checks).enumerate() {
            let skip = |masks: &[u64], set: u64| masks.get(i).is_some_and(|m| m & set != 0);
            if (bad | failed) != 0
                && (skip(&self.skipped_by_field, bad) || skip(&self.skipped_by_check, failed))
            {
                continue;
            }
            match rule.holds(slots, ids) {
                Some(true) => {}
                Some(false) if i < 64 => {
                    failed |= 1 << i;
                    found.push(Repr::Check(check));
                }
                _ => return false,
            }
        }
        true
    }
}

/// `slots` without the values of the fields `dropped` (bits by position): the checks read
/// what is kept, and a hidden field's value, left in the answer, is not, nor a blank one.
fn kept<'s, 'v>(slots: &'s mut [Option<&'v Value>], dropped: u64) -> &'s [Option<&'v Value>] {
    if dropped != 0 {
        for (position, slot) in slots.iter_mut().enumerate() {
            if dropped >> position & 1 == 1 {
                *slot = None;
            }
        }
    }
    slots
}

/// What skips each check of `form` in the full validation: for each, the fields (bits by
/// position) and the checks among the first 64 whose problem's path starts with a key the
/// check reads; and whether a check reads a key no field has. Worked out as the full
/// validation compares them, from the problems' pointers.
fn skips(form: &FormSpec) -> (Box<[u64]>, Box<[u64]>, bool) {
    let reads: Vec<Vec<String>> = form.checks.iter().map(check_reads).collect();
    let bits = |firsts: &[&str], reads: &[String]| {
        firsts
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, first)| reads.iter().any(|k| k == *first))
            .fold(0_u64, |bits, (i, _)| bits | 1 << i)
    };
    let pointers: Vec<String> = form.fields.iter().map(|f| pointer("", &f.key)).collect();
    let fields: Vec<&str> = pointers.iter().map(|p| first_key(p)).collect();
    let checks: Vec<&str> = form
        .checks
        .iter()
        .map(|c| first_key(c.path.as_deref().unwrap_or_default()))
        .collect();
    let reads_unknown = reads
        .iter()
        .flatten()
        .any(|k| !form.fields.iter().any(|f| f.key == *k));
    (
        reads.iter().map(|r| bits(&fields, r)).collect(),
        reads.iter().map(|r| bits(&checks, r)).collect(),
        reads_unknown,
    )
}

/// The index of `rule` among the `distinct` rules, added when new; `None` past
/// [`MAX_CONDITIONS`].
fn intern<'r>(distinct: &mut Vec<&'r Rule>, rule: &'r Rule) -> Option<u8> {
    let i = distinct.iter().position(|r| *r == rule).unwrap_or_else(|| {
        distinct.push(rule);
        distinct.len() - 1
    });
    u8::try_from(i)
        .ok()
        .filter(|&i| usize::from(i) < MAX_CONDITIONS)
}

/// A field's key, with its first and last eight bytes as numbers: an answer's keys are
/// told apart from it, or found equal, mostly without comparing the texts.
#[derive(Debug, Clone)]
struct Key {
    text: Box<[u8]>,
    first: u64,
    last: u64,
}

impl Key {
    fn new(key: &str) -> Self {
        let bytes = key.as_bytes();
        Self {
            text: bytes.into(),
            first: Self::first_word(bytes),
            last: Self::last_word(bytes),
        }
    }

    /// The first eight bytes of `key` as a number (big-endian, zeros after a shorter key).
    fn first_word(key: &[u8]) -> u64 {
        if let Some(&head) = key.first_chunk() {
            return u64::from_be_bytes(head);
        }
        let mut padded = [0; 8];
        if let Some(room) = padded.get_mut(..key.len()) {
            room.copy_from_slice(key);
        }
        u64::from_be_bytes(padded)
    }

    /// The last eight bytes of `key` as a number (overlapping the first in a key of 8 to 15
    /// bytes), 0 for a key shorter than eight.
    fn last_word(key: &[u8]) -> u64 {
        key.last_chunk().map_or(0, |&last| u64::from_be_bytes(last))
    }

    /// Whether this key is `key`: for a key of 8 to 16 bytes, which its two words cover,
    /// by comparing them.
    #[inline]
    fn equals(&self, key: &[u8]) -> bool {
        match (key.first_chunk(), key.last_chunk()) {
            (Some(&first), Some(&last)) if key.len() <= 16 => {
                self.text.len() == key.len()
                    && u64::from_be_bytes(first) == self.first
                    && u64::from_be_bytes(last) == self.last
            }
            _ => *self.text == *key,
        }
    }

    /// How this key orders against `key`, as the texts order byte by byte: numbers of the
    /// first eight bytes that differ differ at the first byte the texts do (a zero after a
    /// shorter key orders as its end). Asked only of keys that are not equal
    /// ([`equals`](Self::equals)), so the texts are compared only when their first eight
    /// bytes are.
    fn cmp(&self, key: &[u8]) -> Ordering {
        let first = Self::first_word(key);
        if self.first != first {
            return self.first.cmp(&first);
        }
        (*self.text).cmp(key)
    }
}

/// What a pass does with the problems it finds.
trait Found<'a> {
    /// Whether it collects them (the pass goes on); else the first ends the pass.
    const COLLECT: bool;
    fn push(&mut self, problem: Repr<'a>);
}

/// Problems are not collected: a pass that only tells whether there is one.
struct NotCollected;

impl Found<'_> for NotCollected {
    const COLLECT: bool = false;
    fn push(&mut self, _: Repr<'_>) {}
}

impl<'a> Found<'a> for Vec<Repr<'a>> {
    const COLLECT: bool = true;
    fn push(&mut self, problem: Repr<'a>) {
        // Room for the usual few problems at once: growing the vector twice cost more
        // than finding them.
        if self.capacity() == 0 {
            self.reserve(8);
        }
        Vec::push(self, problem);
    }
}

/// The problem of a value the verdict rejects, as the full validation words it but for the
/// label (filled in when the problem is worded); `None` if it finds none. Out of line: most
/// values have none.
#[cold]
#[inline(never)]
fn fault(field: &Field, value: &Value, at: NaiveDate) -> Option<FormError> {
    leaf(field, value, at, &String::new, &mut Vec::new()).err()
}

/// How a present value fared (`same`: validation keeps it as it is written).
enum Passes {
    No,
    /// Text with this problem: found once, not again for its wording.
    Text(TextFault),
    Yes {
        same: bool,
    },
    /// A resident ID number written plainly (see [`PlainIds`]).
    PlainId {
        same: bool,
    },
    /// Passes, but is not kept as written, and a check reads it ([`Verdict::fare`]).
    Rewritten,
}

/// Whether the full validation accepts `value` (present, not blank) for `field`, a field
/// that holds no fields; `trimmed_text` is the value trimmed, when it is a string.
/// `same` is told only when `TELL` (else it is `false`: telling costs a comparison).
fn value_passes<const TELL: bool>(
    field: &Field,
    value: &Value,
    trimmed_text: Option<&str>,
    at: NaiveDate,
) -> Passes {
    let given_text = value.as_str();
    // Kept as written: trimming changes nothing.
    let untrimmed = TELL && trimmed_text.map(str::len) == given_text.map(str::len);
    let pass = |ok: bool, same: bool| {
        if ok {
            Passes::Yes { same: TELL && same }
        } else {
            Passes::No
        }
    };
    let yes = |ok: bool| pass(ok, true);
    // Whether the text trimmed (given) passes its check, `None` for a value that is not
    // text. Told by value, not by a `dyn` check: its calls were not always inlined.
    let trimmed = |ok: Option<bool>| pass(ok == Some(true), untrimmed);
    let given = |ok: Option<bool>| yes(ok == Some(true));
    // An identifier is kept as written when its normal form is the text itself.
    let normal = |kind, s: &str| ids::normalize(kind, s, at).ok().map(|n| TELL && *n == *s);
    let id = |kind| match given_text.and_then(|s| normal(kind, s)) {
        Some(same) => Passes::Yes { same },
        None => Passes::No,
    };
    match field.field_type {
        FieldType::Text | FieldType::Address | FieldType::Attachment => {
            match trimmed_text.map(|s| text_fault(field, s)) {
                Some(None) => trimmed(Some(true)),
                Some(Some(fault)) => Passes::Text(fault),
                None => Passes::No,
            }
        }
        FieldType::Integer | FieldType::Money => match integer(value) {
            // Written as a whole number when given as `100.0`.
            Some(n) => pass(
                integer_range(field, n, &String::new).is_ok(),
                value.is_i64(),
            ),
            None => Passes::No,
        },
        FieldType::Decimal => yes(value
            .as_f64()
            .is_some_and(|x| range(field, x, &String::new).is_ok())),
        FieldType::Boolean => yes(value.is_boolean()),
        FieldType::Date => trimmed(trimmed_text.map(|s| date_number(s).is_some())),
        // Written out anew by validation.
        FieldType::Datetime => pass(trimmed_text.is_some_and(|s| datetime(s).is_some()), false),
        FieldType::Choice => given(given_text.map(|s| is_choice(field, s))),
        FieldType::MultiChoice => yes(multi_choice(field, value, &String::new).is_ok()),
        FieldType::ResidentId => match given_text {
            // The check character is written upper case.
            Some(s) if is_plain_resident_id(s, at) => Passes::PlainId {
                same: !s.ends_with('x'),
            },
            Some(s) => pass(ResidentId::read(s, at).is_ok(), false),
            None => Passes::No,
        },
        // The usual mobile number, as `ids` takes it first, without the problems' vector.
        FieldType::Mobile if given_text.is_some_and(is_plain_mobile) => Passes::Yes { same: true },
        FieldType::Mobile => id(IdKind::Mobile),
        FieldType::PostalCode if given_text.is_some_and(is_plain_postal_code) => {
            Passes::Yes { same: true }
        }
        FieldType::PostalCode => id(IdKind::PostalCode),
        FieldType::CreditCode if given_text.is_some_and(is_plain_credit_code) => {
            Passes::Yes { same: true }
        }
        FieldType::CreditCode => id(IdKind::CreditCode),
        FieldType::BankCard => id(IdKind::BankCard),
        FieldType::Phone => match given_text
            .and_then(|s| normal(IdKind::Mobile, s).or_else(|| normal(IdKind::Landline, s)))
        {
            Some(same) => Passes::Yes { same },
            None => Passes::No,
        },
        FieldType::Email => trimmed(trimmed_text.map(is_email)),
        FieldType::AreaCode => trimmed(trimmed_text.map(is_area_code)),
        FieldType::Group | FieldType::Repeat => Passes::No,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use chrono::NaiveDate;
    use serde_json::{Value, json};

    use proptest::prelude::*;

    use super::{Judgement, Key, Verdict};
    use crate::Lang;
    use crate::engine::{Engine, Target};
    use crate::form::{FormSpec, validate};

    /// Every form of the sample catalogue: each matter's and each bundle's merged form.
    fn sample_forms(at: NaiveDate) -> Vec<(String, FormSpec)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalogs/haicang.json");
        let text = std::fs::read_to_string(path).unwrap();
        let engine = Engine::load(&text, at).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        let codes = |list: &str| -> Vec<String> {
            json[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["code"].as_str().unwrap().to_owned())
                .collect()
        };
        let mut forms = Vec::new();
        for code in codes("matters") {
            if let Ok(form) = engine.form(&Target::matter(&code), at) {
                forms.push((code, form));
            }
        }
        for code in codes("bundles") {
            forms.push((
                code.clone(),
                engine.form(&Target::bundle(&code), at).unwrap(),
            ));
        }
        forms
    }

    /// Values of every kind, right and wrong, for every type of field.
    fn values() -> Vec<Value> {
        vec![
            json!(null),
            json!(""),
            json!("  "),
            json!(true),
            json!(0),
            json!(-1),
            json!(3350),
            json!(1e12),
            json!(2.5),
            json!("x"),
            json!("陈"),
            json!(" 陈思远 "),
            json!("2024-02-30"),
            json!("2024-08-01"),
            json!("2030-01-01"),
            json!("350205199205120028"),
            json!("350205199003071239"),
            json!("35020519920512002x"),
            json!(" 350205199205120027"),
            json!("810000199001010016"),
            json!("13912345678"),
            json!("139 1234 5678"),
            json!("12912345678"),
            json!("361026"),
            json!("961026"),
            json!("post"),
            json!("window"),
            json!("father"),
            json!([]),
            json!(["a"]),
            json!({}),
            json!("Q350123456"),
            json!("q350123456"),
            json!("91350200MA2XXXXX1X"),
            json!("a@b.cn"),
            json!("0592-6881234"),
            json!("6222021001122334455"),
            json!("350205"),
            // Zero-width only (blank), zero-width around a name (trimmed), a control
            // character, a bidirectional override, a middle dot (a byte a control shares).
            json!("\u{200b}\u{feff}"),
            json!("\u{feff}陈思远\u{200b}"),
            json!("陈\u{0}思远"),
            json!("陈\u{202e}思远"),
            json!("阿依·买买提"),
        ]
    }

    /// The verdict never passes an answer the full validation finds a problem in: the
    /// examples and every answer one value away from them (each field removed, or set to
    /// each of [`values`]; a key no field has), in every form of the sample catalogue. And
    /// it is not idle: it passes every example, and most valid answers.
    #[test]
    fn passes_only_what_validation_passes() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (mut valid, mut passed, mut with_verdict, mut birth) = (0, 0, 0, false);
        let mut as_given = 0;
        for (code, form) in sample_forms(at) {
            // None for groups, repeating groups and rules with `substr`, `cat`, `+`, ….
            let Some(verdict) = Verdict::new(&form) else {
                continue;
            };
            birth |= code == "birth";
            with_verdict += 1;
            assert!(verdict.passes(&form, &form.example, at), "{code}: example");
            let mut answers = vec![form.example.clone()];
            let mut unknown = form.example.clone();
            unknown["noSuchField"] = json!(1);
            answers.push(unknown);
            for field in &form.fields {
                let mut without = form.example.clone();
                without.as_object_mut().unwrap().remove(&field.key);
                answers.push(without);
                for value in values() {
                    let mut answer = form.example.clone();
                    answer[&field.key] = value;
                    answers.push(answer);
                }
            }
            assert_eq!(
                verdict.judge(&form, &form.example, at),
                Judgement::ValidAsGiven,
                "{code}: the example is kept as given"
            );
            for answer in &answers {
                let judgement = verdict.judge(&form, answer, at);
                let report = validate(&form, answer, at, Lang::ZhCn);
                assert!(
                    judgement == Judgement::Unsure || report.valid,
                    "{code}: passed {answer} with {:?}",
                    report.errors
                );
                if judgement == Judgement::ValidAsGiven {
                    assert_eq!(&report.normalized, answer, "{code}: not as given");
                    as_given += 1;
                }
                valid += usize::from(report.valid);
                passed += usize::from(judgement != Judgement::Unsure);
            }
        }
        assert!(
            with_verdict >= 50 && birth,
            "{with_verdict} forms with a verdict"
        );
        // Valid but not passed: identifiers not written plainly, left to the full check.
        assert!(passed * 10 >= valid * 9, "{passed} passed of {valid} valid");
        // Passed but not as given: trimmed text, a lower-case x, a hidden value, ….
        assert!(
            as_given * 2 >= passed,
            "{as_given} as given of {passed} passed"
        );
    }

    /// A compiled form, whose full validation evaluates its rules flat first and whose
    /// problems the verdict finds when it can, reports what the uncompiled form's general
    /// evaluation reports — every problem, in order and in both languages, and the
    /// normalised answer — for the same answers as above, each also with a key no field
    /// has (reported, or ignored), in every form with a verdict. And the verdict is not
    /// idle: it finds the problems of most of these answers itself.
    #[test]
    fn flat_rules_in_the_full_validation_change_nothing() {
        use crate::form::{CompiledForm, validate_ignoring};

        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (mut with_problems, mut found_by_verdict) = (0, 0);
        let unknown = |k: &str| k == "noSuchField";
        for (code, form) in sample_forms(at) {
            let Some(verdict) = Verdict::new(&form) else {
                continue;
            };
            let compiled = CompiledForm::new(form.clone());
            for field in &form.fields {
                for value in values() {
                    let mut answer = form.example.clone();
                    answer[&field.key] = value;
                    // And a second problem: the first field left out.
                    let mut two = answer.clone();
                    if let Some(first) = form.fields.first() {
                        two.as_object_mut().unwrap().remove(&first.key);
                    }
                    let mut three = two.clone();
                    three["noSuchField"] = json!(1);
                    for answer in [&answer, &two, &three] {
                        let general = validate(&form, answer, at, Lang::En);
                        let report = compiled.validate(answer, at, Lang::En);
                        assert_eq!(report, general, "{code}: {answer}");
                        for lang in [Lang::En, Lang::ZhCn] {
                            let general = validate(&form, answer, at, lang).errors;
                            let findings = compiled.findings(answer, at, lang);
                            let found: Vec<(String, String)> = findings
                                .iter()
                                .map(|f| (f.path().into_owned(), f.code().to_owned()))
                                .collect();
                            let expected: Vec<(String, String)> = general
                                .iter()
                                .map(|p| (p.path.clone().unwrap(), p.code.clone()))
                                .collect();
                            assert_eq!(found, expected, "{code}: {answer}");
                            assert_eq!(findings.into_problems(), general, "{code}: {answer}");
                            let problems = compiled.check(answer, at, lang);
                            assert_eq!(problems, general, "{code}: {answer}");
                            let general = validate_ignoring(&form, answer, at, lang, &unknown);
                            let problems = compiled.check_ignoring(answer, at, lang, &unknown);
                            assert_eq!(problems, general.errors, "{code}: {answer}");
                        }
                        if !general.valid {
                            with_problems += 1;
                            let found = verdict.findings(&form, answer, at, &|_| false);
                            found_by_verdict += usize::from(found.is_some());
                        }
                    }
                }
            }
        }
        assert!(
            with_problems > 15_000,
            "{with_problems} answers with problems"
        );
        assert!(
            found_by_verdict * 10 > with_problems * 9,
            "the verdict found the problems of {found_by_verdict} of {with_problems} answers"
        );
    }

    /// The verdict finds the problems itself, as the full validation reports them, where
    /// they interact: a field's problem skips the checks that read it, a check's problem
    /// shown on a field skips the later checks that read that field, an unknown key is
    /// reported first (or left out when ignored), and a key a check reads but no field has
    /// leaves the answer to the full validation.
    #[test]
    fn findings_skip_checks_as_the_full_validation_does() {
        use crate::form::{CompiledForm, validate_ignoring};

        let spec: FormSpec = serde_json::from_value(json!({
            "fields": [
                {"key": "motherId", "label": "母亲身份证号", "type": "resident_id"},
                {"key": "fatherName", "label": "父亲姓名", "type": "text", "maxLength": 4},
                {"key": "babyCount", "label": "胎数", "type": "integer", "min": 1, "max": 9,
                 "required": true}
            ],
            "checks": [
                {"code": "form.mother_sex", "message": "母亲应为女性",
                 "rule": {"==": [{"id_sex": [{"var": "motherId"}]}, "female"]}},
                {"code": "form.father_named", "message": "请填写父亲姓名", "path": "/fatherName",
                 "rule": {"!!": [{"var": "fatherName"}]}},
                {"code": "form.father_named_again", "message": "请填写父亲姓名",
                 "rule": {"!!": [{"var": "fatherName"}]}},
                {"code": "form.twins", "message": "多胎请写明", "path": "/babyCount",
                 "rule": {"<=": [{"var": "babyCount"}, 2]}}
            ],
            "example": {"motherId": "350205199205120027", "fatherName": "陈", "babyCount": 1}
        }))
        .unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let verdict = Verdict::new(&spec).unwrap();
        let compiled = CompiledForm::new(spec.clone());
        let ignored = |k: &str| k == "ignoredKey";
        let codes = |answer: Value| -> Vec<String> {
            let found = verdict.findings(&spec, &answer, at, &ignored);
            assert!(found.is_some(), "the verdict gave up on {answer}");
            let general = validate_ignoring(&spec, &answer, at, Lang::ZhCn, &ignored);
            let checked = compiled.check_ignoring(&answer, at, Lang::ZhCn, &ignored);
            assert_eq!(checked, general.errors, "{answer}");
            checked
                .iter()
                .map(|p| format!("{} {}", p.path.as_deref().unwrap_or_default(), p.code))
                .collect()
        };
        // Every check fails over good values; the second's problem, shown on /fatherName,
        // hides the third.
        assert_eq!(
            codes(json!({"motherId": "350205199003071239", "babyCount": 3})),
            [
                " form.mother_sex",
                "/fatherName form.father_named",
                "/babyCount form.twins"
            ]
        );
        // A wrong ID number and a count out of range skip the checks that read them; the
        // unknown key comes first, the ignored one not at all.
        assert_eq!(
            codes(json!({
                "motherId": "350205199003071230",
                "babyCount": 10,
                "zzz": 1,
                "ignoredKey": 2
            })),
            [
                "/zzz form.unknown_field",
                "/motherId id.checksum",
                "/babyCount form.above_max",
                "/fatherName form.father_named"
            ]
        );
        // A missing required value is a problem of its field too.
        assert_eq!(
            codes(json!({"motherId": "350205199205120027", "fatherName": "陈"})),
            ["/babyCount form.required"]
        );
        // A check reading a key no field has: an unknown key of that name would skip it,
        // which the full validation says.
        let mut foreign = spec.clone();
        foreign.checks[3].rule = serde_json::from_value(json!({"!": [{"var": "zzz"}]})).unwrap();
        let answer = json!({"motherId": "350205199205120027", "babyCount": 1, "zzz": 1});
        let verdict = Verdict::new(&foreign).unwrap();
        assert!(verdict.findings(&foreign, &answer, at, &ignored).is_none());
        assert_eq!(
            CompiledForm::new(foreign.clone()).check(&answer, at, Lang::En),
            validate(&foreign, &answer, at, Lang::En).errors
        );
    }

    /// Conditions read the answer as it is kept, by the verdict as by the full validation:
    /// over a form whose conditions read text (blank, untrimmed), a mobile number (written
    /// otherwise than usual, or wrong), a field hidden by another's condition, and a field
    /// after them, every answer one or two values away from the example is judged alike —
    /// passed only when valid, kept as given only when so, its problems found as the full
    /// validation reports them.
    #[test]
    fn conditions_read_the_kept_answer_in_the_verdict_too() {
        use crate::form::CompiledForm;

        let form = crate::form::validate::tests::conditional_form();
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let verdict = Verdict::new(&form).unwrap();
        let compiled = CompiledForm::new(form.clone());
        let mut values = values();
        values.extend([
            json!(" other "),
            json!("other"),
            json!("+86 139-1234-5678"),
            json!(false),
        ]);
        let mut answers = Vec::new();
        for field in &form.fields {
            for value in &values {
                let mut answer = form.example.clone();
                answer[&field.key] = value.clone();
                answers.push(answer.clone());
                // And the field before it left out (a condition's field, for most).
                let mut two = answer;
                two.as_object_mut().unwrap().remove("married");
                two.as_object_mut().unwrap().remove("note");
                answers.push(two);
            }
        }
        let (mut passed, mut found) = (0, 0);
        for answer in &answers {
            let report = validate(&form, answer, at, Lang::ZhCn);
            let judgement = verdict.judge(&form, answer, at);
            assert!(
                judgement == Judgement::Unsure || report.valid,
                "passed {answer}"
            );
            if judgement == Judgement::ValidAsGiven {
                assert_eq!(&report.normalized, answer, "not as given");
            }
            passed += usize::from(judgement != Judgement::Unsure);
            assert_eq!(
                compiled.validate(answer, at, Lang::ZhCn),
                report,
                "{answer}"
            );
            let findings = compiled.findings(answer, at, Lang::ZhCn).into_problems();
            assert_eq!(findings, report.errors, "{answer}");
            found += usize::from(verdict.findings(&form, answer, at, &|_| false).is_some());
        }
        // A field the conditions read that is not kept as given leaves the answer to the
        // full validation (compared above all the same); the pass decides the others.
        assert!(
            passed > 0 && found * 4 > answers.len(),
            "{passed} passed, {found} found of {}",
            answers.len()
        );
    }

    proptest! {
        /// Keys order and match as their texts do, short, long, with zeros inside and
        /// one a prefix of the other.
        #[test]
        fn keys_order_as_their_texts(a in "[ab\\x00林]{0,20}", b in "[ab\\x00林]{0,20}") {
            let key = Key::new(&a);
            prop_assert_eq!(key.cmp(b.as_bytes()), a.as_bytes().cmp(b.as_bytes()));
            prop_assert_eq!(key.cmp(a.as_bytes()), std::cmp::Ordering::Equal);
            prop_assert_eq!(key.equals(b.as_bytes()), a == b);
            prop_assert!(key.equals(a.as_bytes()));
        }
    }
}
