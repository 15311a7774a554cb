//! The problems of an answer as a compiled form finds them, worded only when asked.
//!
//! A [`Problem`] is made for people: a path, a code, parameters with the field's label and
//! a message, each its own string (about fifteen allocations). A page that checks an answer
//! as it is typed, or a counter that only wants to know whether to accept it, need not pay
//! for that: [`CompiledForm::findings`](super::CompiledForm::findings) says what is wrong
//! and where, and builds the problems only when [`Findings::into_problems`] is called (as
//! `jsonschema`'s errors format their messages only when displayed).

use std::borrow::Cow;

use super::leaf::label;
use super::validate::{check_problem, leaf_pointer, problem_at, unknown_pointer};
use super::{Check, Field, FormError};
use crate::{Coded, Lang, Problem};

/// Every problem of one answer, in the order validation reports them, each worded (in the
/// language asked for) only when [`into_problems`](Self::into_problems) is called.
///
/// ```
/// use chrono::NaiveDate;
/// use doorstep::Lang;
/// use doorstep::form::{CompiledForm, FormSpec};
/// use serde_json::json;
///
/// let spec: FormSpec = serde_json::from_value(json!({
///     "fields": [{"key": "name", "label": "姓名", "type": "text", "required": true}],
///     "example": {"name": "林小红"}
/// })).unwrap();
/// let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
/// let form = CompiledForm::new(spec);
/// let answer = json!({"nickname": "小红"});
/// let findings = form.findings(&answer, at, Lang::ZhCn);
/// let codes: Vec<&str> = findings.iter().map(|f| f.code()).collect();
/// assert_eq!(codes, ["form.unknown_field", "form.required"]);
/// assert_eq!(findings.iter().last().map(|f| f.path()).as_deref(), Some("/name"));
/// assert_eq!(findings.into_problems(), form.check(&answer, at, Lang::ZhCn));
/// ```
#[derive(Debug)]
pub struct Findings<'a> {
    lang: Lang,
    items: Vec<Finding<'a>>,
}

/// One problem of an answer, not yet worded: its code and where it is.
#[derive(Debug)]
pub struct Finding<'a>(Repr<'a>);

// The WASM module has no verdict (`form::verdict`), so its findings are all worded.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[derive(Debug)]
pub(super) enum Repr<'a> {
    /// A top-level key of the answer that the form does not ask for (its digits masked when
    /// worded).
    Unknown(&'a str),
    /// A problem with a top-level field's value; its label is filled in when worded.
    Field(&'a Field, FormError),
    /// A cross-field check that does not hold.
    Check(&'a Check),
    /// A problem the full validation has already worded.
    Worded(Problem),
}

impl<'a> Findings<'a> {
    /// Findings not yet worded, to be worded in `lang`.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(super) fn found(lang: Lang, found: Vec<Repr<'a>>) -> Self {
        Self {
            lang,
            items: found.into_iter().map(Finding).collect(),
        }
    }

    /// Problems the full validation has worded.
    pub(super) fn worded(lang: Lang, problems: Vec<Problem>) -> Self {
        Self {
            lang,
            items: problems
                .into_iter()
                .map(|p| Finding(Repr::Worded(p)))
                .collect(),
        }
    }

    /// Whether the answer has no problem.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many problems the answer has.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Finding<'a>> {
        self.items.iter()
    }

    /// The problems, worded: what [`CompiledForm::check`](super::CompiledForm::check)
    /// returns.
    pub fn into_problems(self) -> Vec<Problem> {
        if self.items.is_empty() {
            return Vec::new(); // a valid answer's, as most are: nothing to convert
        }
        let lang = self.lang;
        self.items.into_iter().map(|f| f.word(lang)).collect()
    }
}

impl Finding<'_> {
    /// The stable code, as [`Problem::code`].
    pub fn code(&self) -> &str {
        match &self.0 {
            Repr::Unknown(_) => FormError::UnknownField.code(),
            Repr::Field(_, error) => error.code(),
            Repr::Check(check) => &check.code,
            Repr::Worded(problem) => &problem.code,
        }
    }

    /// The JSON Pointer of the value, as [`Problem::path`] (`""`: the whole answer).
    pub fn path(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Unknown(key) => unknown_pointer("", key).into(),
            Repr::Field(field, error) => leaf_pointer("", &field.key, error).into(),
            Repr::Check(check) => check.path.as_deref().unwrap_or_default().into(),
            Repr::Worded(problem) => problem.path.as_deref().unwrap_or_default().into(),
        }
    }

    /// This problem as validation words it in `lang`.
    fn word(self, lang: Lang) -> Problem {
        match self.0 {
            Repr::Unknown(key) => {
                problem_at(unknown_pointer("", key), &FormError::UnknownField, lang)
            }
            Repr::Field(field, mut error) => {
                error.set_label(label(field, lang));
                problem_at(leaf_pointer("", &field.key, &error), &error, lang)
            }
            Repr::Check(check) => check_problem(check, lang),
            Repr::Worded(problem) => problem,
        }
    }
}

impl<'f, 'a> IntoIterator for &'f Findings<'a> {
    type Item = &'f Finding<'a>;
    type IntoIter = std::slice::Iter<'f, Finding<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
