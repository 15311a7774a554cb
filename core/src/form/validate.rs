//! The form engine: one pass over the fields, collecting every problem.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::plan::{FormPlan, Plan, reads_any};
use super::{Field, FieldType, FormError, FormSpec};
use crate::ids::{self, IdKind};
use crate::rule::Rule;
use crate::{Coded, Lang, Problem, calendar};

/// The outcome of validating an answer against a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormReport {
    /// Whether the answer has no problem.
    pub valid: bool,
    /// Every problem, in field order, each with its JSON Pointer.
    pub errors: Vec<Problem>,
    /// The answer as it should be stored: visible fields only, normalised.
    pub normalized: Value,
}

/// Validates `answer` against `form`. `at` is the reference date (for birth dates in
/// identifiers); `lang` the language of messages.
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
    run(form, &FormPlan::new(form), answer, at, lang, ignored)
}

/// Validates `answer` against `form`, whose plan is `plan`.
pub(super) fn run(
    form: &FormSpec,
    plan: &FormPlan,
    answer: &Value,
    at: NaiveDate,
    lang: Lang,
    ignored: &dyn Fn(&str) -> bool,
) -> FormReport {
    let mut run = Run {
        root: answer,
        at,
        lang,
        errors: Vec::new(),
        ignored,
    };
    let normalized = run.object(&form.fields, &plan.fields, answer, answer, "");
    let checks = if answer.is_object() {
        form.checks.as_slice()
    } else {
        &[]
    };
    for (i, check) in checks.iter().enumerate() {
        // A check over values that already have a problem would only repeat it.
        let reads_bad_value = !run.errors.is_empty()
            && plan.check_reads.get(i).is_some_and(|keys| {
                reads_any(keys, run.errors.iter().filter_map(|e| e.path.as_deref()))
            });
        if reads_bad_value {
            continue;
        }
        match check.rule.truthy(answer) {
            Ok(true) => {}
            Ok(false) => run.errors.push(Problem {
                path: Some(check.path.clone().unwrap_or_default()),
                code: check.code.clone(),
                params: Map::new(),
                message: match (lang, &check.message_en) {
                    (Lang::En, Some(en)) => en.clone(),
                    _ => check.message.clone(),
                },
            }),
            Err(e) => run.push(check.path.clone().unwrap_or_default(), &e),
        }
    }
    FormReport {
        valid: run.errors.is_empty(),
        errors: run.errors,
        normalized,
    }
}

/// One validation: where rules look (`root`), the date and language, what was found.
struct Run<'a> {
    /// Unknown top-level keys to drop silently.
    ignored: &'a dyn Fn(&str) -> bool,
    root: &'a Value,
    at: NaiveDate,
    lang: Lang,
    errors: Vec<Problem>,
}

/// The plan of a field that holds no fields.
static EMPTY_PLAN: Plan = Plan::EMPTY;

/// The first reference token of a JSON Pointer (unescaped enough for field keys).
pub(crate) fn first_key(pointer: &str) -> &str {
    pointer
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
}

/// `s.trim()`, sooner for the usual value, which starts and ends with a visible character
/// (`str::trim` showed in profiles: every text value is trimmed twice).
fn trim(s: &str) -> &str {
    let visible = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    if visible(s.chars().next()) && visible(s.chars().next_back()) {
        s
    } else {
        s.trim()
    }
}

/// `parent` with one more reference token (RFC 6901 escaping).
fn pointer(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    crate::problem::push_token(&mut out, token);
    out
}

impl Run<'_> {
    /// Records `error` at `path` (taken as built: no copy).
    fn push(&mut self, path: String, error: &impl Coded) {
        let mut problem = error.to_problem(self.lang);
        problem.path = Some(path);
        self.errors.push(problem);
    }

    /// Whether `rule` (absent: `default`) holds; a rule that fails to evaluate is reported
    /// at `parent`/`key` and counts as not holding.
    fn holds(
        &mut self,
        rule: Option<&Rule>,
        scope: &Value,
        default: bool,
        (parent, key): (&str, &str),
    ) -> bool {
        let Some(rule) = rule else { return default };
        match rule.truthy(scope) {
            Ok(b) => b,
            Err(e) => {
                self.push(pointer(parent, key), &e);
                false
            }
        }
    }

    /// Validates the fields of an object; rules see `scope` (the answer, or the item of a
    /// repeating group). Returns the normalised object.
    ///
    /// Field paths are written only for problems: a valid answer builds no strings but
    /// its normalised values and their keys.
    fn object(
        &mut self,
        fields: &[Field],
        plan: &Plan,
        value: &Value,
        scope: &Value,
        path: &str,
    ) -> Value {
        let Some(map) = value.as_object() else {
            self.push(path.to_owned(), &FormError::NotAnObject);
            return Value::Null;
        };
        let top = std::ptr::eq(value, self.root);
        let mut found: Vec<Option<&Value>> = vec![None; fields.len()];
        plan.match_keys(fields, map, &mut found, |key| {
            if !(top && (self.ignored)(key)) {
                self.push(pointer(path, key), &FormError::UnknownField);
            }
        });
        let mut normal: Vec<Option<Value>> = vec![None; fields.len()];
        for (position, field) in fields.iter().enumerate() {
            let at = (path, field.key.as_str());
            if !self.holds(field.visible_if.as_ref(), scope, true, at) {
                continue; // a hidden field is neither validated nor kept
            }
            let required =
                field.required || self.holds(field.required_if.as_ref(), scope, false, at);
            let missing = match found.get(position).copied().flatten() {
                None | Some(Value::Null) => true,
                Some(Value::String(s))
                    if trim(s).is_empty() && !field.field_type.is_container() =>
                {
                    true
                }
                Some(v) => {
                    let nested = plan.nested(position).unwrap_or(&EMPTY_PLAN);
                    if let (Some(value), Some(slot)) =
                        (self.value(field, nested, v, at), normal.get_mut(position))
                    {
                        *slot = Some(value);
                    }
                    false
                }
            };
            if missing && required {
                self.push(
                    pointer(path, &field.key),
                    &FormError::Required {
                        label: self.label(field),
                    },
                );
            }
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

    fn label(&self, field: &Field) -> String {
        match (self.lang, &field.label_en) {
            (Lang::En, Some(en)) => en.clone(),
            (Lang::En, None) => field.key.clone(),
            (Lang::ZhCn, _) => field.label.clone(),
        }
    }

    /// Checks and normalises one present value, at `parent`/`key`; `None` when it has a
    /// problem. `plan` is the plan of a container's fields.
    fn value(
        &mut self,
        field: &Field,
        plan: &Plan,
        value: &Value,
        (parent, key): (&str, &str),
    ) -> Option<Value> {
        let label = || self.label(field);
        let wrong_type = |expected| FormError::WrongType {
            label: label(),
            expected,
        };
        let result: Result<Value, FormError> = match field.field_type {
            FieldType::Text | FieldType::Address | FieldType::Attachment => value
                .as_str()
                .ok_or_else(|| wrong_type("string"))
                .and_then(|s| self.text(field, s)),
            FieldType::Integer | FieldType::Money => match value.as_i64() {
                Some(n) if field.field_type == FieldType::Money && n < 0 => {
                    Err(FormError::BelowMin {
                        label: label(),
                        min: 0.0,
                    })
                }
                #[allow(clippy::cast_precision_loss)] // bounds are checked as f64, like JSON
                Some(n) => self
                    .range(field, n as f64)
                    .map(|()| Value::Number(n.into())),
                None => Err(wrong_type("integer")),
            },
            FieldType::Decimal => match value.as_f64() {
                Some(x) => self.range(field, x).map(|()| value.clone()),
                None => Err(wrong_type("number")),
            },
            FieldType::Boolean => value
                .as_bool()
                .map(Value::Bool)
                .ok_or_else(|| wrong_type("boolean")),
            // A date `parse_date` accepts is already written as the date writes itself
            // (`YYYY-MM-DD`, four-digit year), so the text is kept as it is.
            FieldType::Date => match value.as_str() {
                Some(s) => calendar::parse_date(trim(s))
                    .map(|_| Value::String(trim(s).to_owned()))
                    .ok_or_else(|| FormError::Date { label: label() }),
                None => Err(wrong_type("string")),
            },
            FieldType::Datetime => match value.as_str() {
                Some(s) => datetime(trim(s)).ok_or_else(|| FormError::Datetime { label: label() }),
                None => Err(wrong_type("string")),
            },
            FieldType::Choice => match value.as_str() {
                Some(s) if field.choices.iter().any(|c| c.value == s) => {
                    Ok(Value::String(s.to_owned()))
                }
                Some(_) => Err(FormError::NotAChoice { label: label() }),
                None => Err(wrong_type("string")),
            },
            FieldType::MultiChoice => self.multi_choice(field, value),
            FieldType::ResidentId => self.id(field, &[IdKind::ResidentId], value),
            FieldType::CreditCode => self.id(field, &[IdKind::CreditCode], value),
            FieldType::Mobile => self.id(field, &[IdKind::Mobile], value),
            FieldType::PostalCode => self.id(field, &[IdKind::PostalCode], value),
            FieldType::BankCard => self.id(field, &[IdKind::BankCard], value),
            FieldType::Phone => self.id(field, &[IdKind::Mobile, IdKind::Landline], value),
            FieldType::Email => match value.as_str() {
                Some(s) if is_email(trim(s)) => Ok(Value::String(trim(s).to_owned())),
                Some(_) => Err(FormError::Email { label: label() }),
                None => Err(wrong_type("string")),
            },
            FieldType::AreaCode => match value.as_str() {
                Some(s) if is_area_code(trim(s)) => Ok(Value::String(trim(s).to_owned())),
                Some(_) => Err(FormError::AreaCode { label: label() }),
                None => Err(wrong_type("string")),
            },
            FieldType::Group => {
                let path = pointer(parent, key);
                let normal = self.object(&field.fields, plan, value, self.root, &path);
                return (!normal.is_null()).then_some(normal);
            }
            FieldType::Repeat => return self.repeat(field, plan, value, &pointer(parent, key)),
        };
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(pointer(parent, key), &e);
                None
            }
        }
    }

    fn text(&self, field: &Field, s: &str) -> Result<Value, FormError> {
        let s = trim(s);
        // Characters are counted only for a bound that needs them: a text no longer in
        // bytes than the maximum has no more characters than that either.
        let len = |s: &str| u32::try_from(s.len()).unwrap_or(u32::MAX);
        let chars = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
        let label = || self.label(field);
        if let Some(min) = field.min_length.filter(|&m| chars(s) < m) {
            return Err(FormError::TooShort {
                label: label(),
                min,
            });
        }
        if let Some(max) = field.max_length.filter(|&m| len(s) > m && chars(s) > m) {
            return Err(FormError::TooLong {
                label: label(),
                max,
            });
        }
        if field.pattern.as_ref().is_some_and(|p| !p.matches(s)) {
            return Err(FormError::Pattern { label: label() });
        }
        Ok(Value::String(s.to_owned()))
    }

    fn range(&self, field: &Field, x: f64) -> Result<(), FormError> {
        if let Some(min) = field.min.filter(|&m| x < m) {
            return Err(FormError::BelowMin {
                label: self.label(field),
                min,
            });
        }
        if let Some(max) = field.max.filter(|&m| x > m) {
            return Err(FormError::AboveMax {
                label: self.label(field),
                max,
            });
        }
        Ok(())
    }

    fn items(&self, field: &Field, n: usize) -> Result<(), FormError> {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        if let Some(min) = field.min_items.filter(|&m| n < m) {
            return Err(FormError::TooFewItems {
                label: self.label(field),
                min,
            });
        }
        if let Some(max) = field.max_items.filter(|&m| n > m) {
            return Err(FormError::TooManyItems {
                label: self.label(field),
                max,
            });
        }
        Ok(())
    }

    fn multi_choice(&self, field: &Field, value: &Value) -> Result<Value, FormError> {
        let label = || self.label(field);
        let items = value.as_array().ok_or_else(|| FormError::WrongType {
            label: label(),
            expected: "array",
        })?;
        self.items(field, items.len())?;
        let mut chosen: Vec<&str> = Vec::with_capacity(items.len());
        for item in items {
            let s = item.as_str().ok_or_else(|| FormError::WrongType {
                label: label(),
                expected: "string",
            })?;
            if !field.choices.iter().any(|c| c.value == s) {
                return Err(FormError::NotAChoice { label: label() });
            }
            if chosen.contains(&s) {
                return Err(FormError::DuplicateChoice { label: label() });
            }
            chosen.push(s);
        }
        Ok(Value::Array(
            chosen
                .into_iter()
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ))
    }

    /// An identifier field of one of `kinds`, tried in order: the normalised value, or the
    /// last kind's first problem, under the field's label.
    fn id(&self, field: &Field, kinds: &[IdKind], value: &Value) -> Result<Value, FormError> {
        let s = value.as_str().ok_or_else(|| FormError::WrongType {
            label: self.label(field),
            expected: "string",
        })?;
        let mut last_errors = Vec::new();
        for &kind in kinds {
            match ids::normalize(kind, s, self.at) {
                Ok(normalized) => return Ok(Value::String(normalized)),
                Err(errors) => last_errors = errors,
            }
        }
        Err(FormError::Id {
            label: self.label(field),
            error: last_errors
                .into_iter()
                .next()
                .unwrap_or(ids::IdError::UnknownKind),
        })
    }

    fn repeat(&mut self, field: &Field, plan: &Plan, value: &Value, path: &str) -> Option<Value> {
        let Some(items) = value.as_array() else {
            self.push(
                path.to_owned(),
                &FormError::WrongType {
                    label: self.label(field),
                    expected: "array",
                },
            );
            return None;
        };
        if let Err(e) = self.items(field, items.len()) {
            self.push(path.to_owned(), &e);
        }
        let normal: Vec<Value> = items
            .iter()
            .enumerate()
            // Rules inside a repeating group see the item they belong to.
            .map(|(i, item)| {
                self.object(
                    &field.fields,
                    plan,
                    item,
                    item,
                    &pointer(path, &i.to_string()),
                )
            })
            .collect();
        Some(Value::Array(normal))
    }
}

/// `YYYY-MM-DDTHH:MM[:SS]` (a space instead of `T` accepted), normalised with seconds.
fn datetime(s: &str) -> Option<Value> {
    let (date, time) = s.split_once(['T', ' '])?;
    let date = calendar::parse_date(date)?;
    let parts: Vec<&str> = time.split(':').collect();
    let number = |i: usize, max: u32| -> Option<u32> {
        let p = parts.get(i)?;
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
            .filter(|&n| n <= max)
    };
    let (h, m) = (number(0, 23)?, number(1, 59)?);
    let sec = if parts.len() == 3 {
        number(2, 59)?
    } else if parts.len() == 2 {
        0
    } else {
        return None;
    };
    Some(Value::String(format!("{date}T{h:02}:{m:02}:{sec:02}")))
}

/// A plain structural check: one `@`, a non-empty local part, a dotted domain, no spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && s.len() <= 254
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

/// Six digits whose first two name a province-level division of GB/T 2260.
fn is_area_code(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.get(..2).and_then(ids::province).is_some()
}
