//! 预审: whether an answer has no problem at all, decided in one flat pass before the full
//! validation, and instead of it when there is none. An applicant's page checks the answer
//! as it is typed; most of those answers, and every answer finally sent, are valid, and
//! for them the verdict is all the work.
//!
//! It is conservative: `true` means the full validation reports nothing; `false` only that
//! it may report something, and then the full validation runs and says what. So it gives
//! up on what it does not handle: a key that is not a field's (unknown, or one a bundle
//! ignores), a group or repeating group, a form of more than 64 fields or with two fields
//! of one key, a rule with an operation [`FlatRule`] does not have. It checks what the full
//! validation checks, in the same order and under the same conditions, with the same
//! functions where they are cheap (trimming, dates, patterns, identifiers but the usual
//! resident ID and mobile number, rule comparisons); the tests hold it to the full
//! validation on every form fixture and on generated answers.
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
use serde_json::Value;

use super::validate::{
    datetime, is_area_code, is_choice, is_email, multi_choice, range, text_fault, trim,
};
use super::{Field, FieldType, FormSpec};
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
        Some(Self {
            keys: keys.into(),
            when: when.into(),
            conditions,
            checks,
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
    pub(crate) fn passes(&self, form: &FormSpec, answer: &Value, at: NaiveDate) -> bool {
        self.judge_as::<false>(form, answer, at) != Judgement::Unsure
    }

    /// What the full validation of `answer` against `form` (the form this verdict was made
    /// from) as of `at` finds, as far as the verdict can tell.
    pub(crate) fn judge(&self, form: &FormSpec, answer: &Value, at: NaiveDate) -> Judgement {
        self.judge_as::<true>(form, answer, at)
    }

    /// [`judge`](Self::judge), telling [`Judgement::ValidAsGiven`] only when `AS_GIVEN`
    /// (when only validity matters, that costs a few hundred instructions for nothing).
    fn judge_as<const AS_GIVEN: bool>(
        &self,
        form: &FormSpec,
        answer: &Value,
        at: NaiveDate,
    ) -> Judgement {
        const NO: Judgement = Judgement::Unsure;
        let Some(map) = answer.as_object() else {
            return NO;
        };
        let mut room = [None; MAX_FIELDS];
        let Some(slots) = room.get_mut(..form.fields.len()) else {
            return NO;
        };
        // One merge: both lists are sorted, and every key of the answer must be a field's.
        let mut keys = self.keys.iter();
        'answer: for (key, value) in map {
            let key = Key::words(key.as_bytes());
            for (field_key, position) in keys.by_ref() {
                match field_key.cmp(key) {
                    Ordering::Less => {} // a field the answer leaves out
                    Ordering::Equal => {
                        if let Some(slot) = slots.get_mut(*position) {
                            *slot = Some(value);
                        }
                        continue 'answer;
                    }
                    Ordering::Greater => return NO,
                }
            }
            return NO;
        }
        let slots: &[Option<&Value>] = slots;

        let mut ids = PlainIds::default();
        // Each condition's outcome once evaluated (`Some(None)`: it failed). Conditions
        // read no resident ID facts from `ids`: the general evaluator reads them anew too.
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
        // Whether every value given is kept as it is written.
        let mut as_given = AS_GIVEN;
        for (position, ((field, slot), &(visible, required))) in
            form.fields.iter().zip(slots).zip(&self.when).enumerate()
        {
            match condition(visible, true) {
                Some(true) => {}
                Some(false) => {
                    as_given &= slot.is_none();
                    continue; // hidden: neither checked nor kept
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
                    false
                }
                Some(value) => match value.as_str().map(trim) {
                    Some("") => {
                        as_given = false;
                        false // blank counts as missing
                    }
                    trimmed => match value_passes::<AS_GIVEN>(field, value, trimmed, at) {
                        Passes::No => return NO,
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
                return NO;
            }
        }
        if !self
            .checks
            .iter()
            .all(|check| check.holds(slots, ids) == Some(true))
        {
            NO
        } else if as_given {
            Judgement::ValidAsGiven
        } else {
            Judgement::Valid
        }
    }
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
        let (first, last) = Self::words(key.as_bytes()).1;
        Self {
            text: key.as_bytes().into(),
            first,
            last,
        }
    }

    /// `key` with its first eight bytes (big-endian, zeros after a shorter key) and its
    /// last eight (overlapping the first in a key of 8 to 15 bytes).
    fn words(key: &[u8]) -> (&[u8], (u64, u64)) {
        let word = |bytes: Option<&[u8]>| {
            bytes
                .and_then(|b| b.try_into().ok())
                .map_or(0, u64::from_be_bytes)
        };
        let first = if let Some(head) = key.get(..8) {
            word(Some(head))
        } else {
            let mut padded = [0; 8];
            if let Some(room) = padded.get_mut(..key.len()) {
                room.copy_from_slice(key);
            }
            u64::from_be_bytes(padded)
        };
        let last = word(
            key.get(key.len().saturating_sub(8)..)
                .filter(|t| t.len() == 8),
        );
        (key, (first, last))
    }

    /// How this key orders against another given as [`words`](Self::words) gives it, as
    /// the texts order byte by byte: numbers of the first eight bytes that differ differ
    /// at the first byte the texts do (a zero after a shorter key orders as its end).
    fn cmp(&self, (key, (first, last)): (&[u8], (u64, u64))) -> Ordering {
        if self.first != first {
            return self.first.cmp(&first);
        }
        // Both words cover a key of up to 16 bytes whole.
        if self.text.len() == key.len() && key.len() <= 16 && self.last == last {
            return Ordering::Equal;
        }
        (*self.text).cmp(key)
    }
}

/// How a present value fared (`same`: validation keeps it as it is written).
enum Passes {
    No,
    Yes {
        same: bool,
    },
    /// A resident ID number written plainly (see [`PlainIds`]).
    PlainId {
        same: bool,
    },
}

/// Whether the full validation accepts `value` (present, not blank) for `field`, a field
/// that holds no fields; `trimmed_text` is the value trimmed, when it is a string.
/// `same` is told only when `AS_GIVEN` (else it is `false`).
fn value_passes<const AS_GIVEN: bool>(
    field: &Field,
    value: &Value,
    trimmed_text: Option<&str>,
    at: NaiveDate,
) -> Passes {
    let given_text = value.as_str();
    // Kept as written: trimming changes nothing.
    let untrimmed = AS_GIVEN && trimmed_text.map(str::len) == given_text.map(str::len);
    let pass = |ok: bool, same: bool| {
        if ok {
            Passes::Yes {
                same: AS_GIVEN && same,
            }
        } else {
            Passes::No
        }
    };
    let yes = |ok: bool| pass(ok, true);
    let trimmed = |check: &dyn Fn(&str) -> bool| pass(trimmed_text.is_some_and(check), untrimmed);
    let given = |check: &dyn Fn(&str) -> bool| yes(given_text.is_some_and(check));
    // An identifier is kept as written when its normal form is the text itself.
    let normal = |kind, s: &str| {
        ids::normalize(kind, s, at)
            .ok()
            .map(|n| AS_GIVEN && *n == *s)
    };
    let id = |kind| match given_text.and_then(|s| normal(kind, s)) {
        Some(same) => Passes::Yes { same },
        None => Passes::No,
    };
    match field.field_type {
        FieldType::Text | FieldType::Address | FieldType::Attachment => {
            trimmed(&|s| text_fault(field, s).is_none())
        }
        FieldType::Integer | FieldType::Money => match value.as_i64() {
            Some(n) if field.field_type == FieldType::Money && n < 0 => Passes::No,
            #[allow(clippy::cast_precision_loss)] // bounds are checked as f64, like JSON
            Some(n) => yes(range(field, n as f64, &String::new).is_ok()),
            None => Passes::No,
        },
        FieldType::Decimal => yes(value
            .as_f64()
            .is_some_and(|x| range(field, x, &String::new).is_ok())),
        FieldType::Boolean => yes(value.is_boolean()),
        FieldType::Date => trimmed(&|s| date_number(s).is_some()),
        // Written out anew by validation.
        FieldType::Datetime => pass(trimmed_text.is_some_and(|s| datetime(s).is_some()), false),
        FieldType::Choice => given(&|s| is_choice(field, s)),
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
        FieldType::Email => trimmed(&is_email),
        FieldType::AreaCode => trimmed(&is_area_code),
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

    /// A compiled form, whose full validation evaluates its rules flat first, reports what
    /// the uncompiled form's general evaluation reports — every problem, in order, and the
    /// normalised answer — for the same answers as above, in every form with a verdict.
    #[test]
    fn flat_rules_in_the_full_validation_change_nothing() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut with_problems = 0;
        for (code, form) in sample_forms(at) {
            if Verdict::new(&form).is_none() {
                continue;
            }
            let compiled = crate::form::CompiledForm::new(form.clone());
            for field in &form.fields {
                for value in values() {
                    let mut answer = form.example.clone();
                    answer[&field.key] = value;
                    // And a second problem: the first field left out.
                    let mut two = answer.clone();
                    if let Some(first) = form.fields.first() {
                        two.as_object_mut().unwrap().remove(&first.key);
                    }
                    for answer in [&answer, &two] {
                        let general = validate(&form, answer, at, Lang::En);
                        let report = compiled.validate(answer, at, Lang::En);
                        assert_eq!(report, general, "{code}: {answer}");
                        let problems = compiled.check(answer, at, Lang::En);
                        assert_eq!(problems, general.errors, "{code}: {answer}");
                        with_problems += usize::from(!general.valid);
                    }
                }
            }
        }
        assert!(
            with_problems > 10_000,
            "{with_problems} answers with problems"
        );
    }

    proptest! {
        /// Keys order and match as their texts do, short, long, with zeros inside and
        /// one a prefix of the other.
        #[test]
        fn keys_order_as_their_texts(a in "[ab\\x00林]{0,20}", b in "[ab\\x00林]{0,20}") {
            let key = Key::new(&a);
            prop_assert_eq!(key.cmp(Key::words(b.as_bytes())), a.as_bytes().cmp(b.as_bytes()));
            prop_assert_eq!(key.cmp(Key::words(a.as_bytes())), std::cmp::Ordering::Equal);
        }
    }
}
