//! A field's value on its own: whether it passes its field's checks (type, length, range,
//! pattern, choices, identifiers) and how it is kept, as the validation's walk and the
//! verdict both ask.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde_json::Value;

use super::control::has_control;
use super::email::is_email;
use super::validate::Normal;
use super::{Field, FieldType, FormError};
use crate::Lang;
use crate::calendar;
use crate::ids::{self, IdKind, ResidentId};
use crate::input::same_bytes;
#[cfg(not(target_arch = "wasm32"))]
use crate::input::trim_blank;

/// The text of a value as it is kept: `s` without the white space (as `str::trim`) and the
/// zero-width characters around it ([`crate::input::trim_blank`]), so that a value of only those is
/// blank, and blank counts as missing (a required name of one U+200B, pasted from a chat
/// app, is not a name). Sooner for the usual value, which starts and ends with a visible
/// character (`str::trim` showed in profiles: every text value is trimmed twice). Told
/// apart by the first byte of the first and of the last character: none of Unicode's white
/// space and invisible characters starts with a byte other than an ASCII one, 0xC2, 0xE1,
/// 0xE2, 0xE3 or 0xEF, so any other lead byte (most Chinese characters start with
/// 0xE4–0xE9) is a visible character.
// Always inlined (`#[inline]` left it a call): 20 of a valid birth-bundle answer's values
// are text.
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::inline_always)]
#[inline(always)]
pub(super) fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    // The last character starts at the last byte that is not a continuation byte.
    let last_lead = bytes.iter().rev().take(4).find(|&&b| b & 0xC0 != 0x80);
    match (bytes.first(), last_lead) {
        (Some(&first), Some(&last)) if visible(first) && visible(last) => s,
        _ => trim_blank(s),
    }
}

/// See the native build's: the WASM module, which has a size budget, trims character by
/// character.
#[cfg(target_arch = "wasm32")]
pub(super) use crate::input::trim_blank as trim;

#[cfg(not(target_arch = "wasm32"))]
/// Whether a character whose first byte is `lead` is visible (neither white space nor
/// zero-width), as far as that byte tells: see [`trim`].
#[inline]
fn visible(lead: u8) -> bool {
    (lead.is_ascii() && lead.is_ascii_graphic())
        || (lead >= 0xC3 && !matches!(lead, 0xE1..=0xE3 | 0xEF))
}

/// Checks one present value of `field`, a field that holds no fields: how it is to be
/// stored, or its problem under the label `label` makes. The resident ID numbers read are
/// added to `known`. The verdict (`form::verdict`) asks this for the problem of a value it
/// rejects.
pub(super) fn leaf<'v>(
    field: &Field,
    value: &'v Value,
    at: NaiveDate,
    label: Label<'_>,
    known: &mut Vec<(&'v str, ResidentId)>,
) -> Result<Normal<'v>, FormError> {
    let wrong_type = |expected| FormError::WrongType {
        label: label(),
        expected,
        item: None,
    };
    let id = |kinds: &[IdKind], known: &mut Vec<_>| identifier(kinds, value, at, label, known);
    match field.field_type {
        FieldType::Text | FieldType::Address | FieldType::Attachment => value
            .as_str()
            .ok_or_else(|| wrong_type("string"))
            .and_then(|s| text(field, s, &label).map(Normal::Text)),
        FieldType::Integer | FieldType::Money => match integer(value) {
            Some(n) => integer_range(field, n, &label).map(|()| Normal::Int(n)),
            None => Err(wrong_type("integer")),
        },
        FieldType::Decimal => match value.as_f64() {
            Some(x) => range(field, x, &label).map(|()| Normal::Same(value)),
            None => Err(wrong_type("number")),
        },
        FieldType::Boolean => match value {
            Value::Bool(_) => Ok(Normal::Same(value)),
            _ => Err(wrong_type("boolean")),
        },
        // A date `date_number` (so `parse_date`) accepts is already written as the date
        // writes itself (`YYYY-MM-DD`, four-digit year), so the text is kept as it is.
        FieldType::Date => match value.as_str() {
            Some(s) => calendar::date_number(trim(s))
                .map(|_| Normal::Text(trim(s)))
                .ok_or_else(|| FormError::Date { label: label() }),
            None => Err(wrong_type("string")),
        },
        FieldType::Datetime => match value.as_str() {
            Some(s) => datetime(trim(s))
                .map(Normal::Built)
                .ok_or_else(|| FormError::Datetime { label: label() }),
            None => Err(wrong_type("string")),
        },
        FieldType::Choice => match value.as_str() {
            Some(s) if is_choice(field, s) => Ok(Normal::Text(s)),
            Some(_) => Err(FormError::NotAChoice {
                label: label(),
                item: None,
            }),
            None => Err(wrong_type("string")),
        },
        FieldType::MultiChoice => multi_choice(field, value, &label).map(|()| Normal::Same(value)),
        FieldType::ResidentId => id(&[IdKind::ResidentId], known),
        FieldType::CreditCode => id(&[IdKind::CreditCode], known),
        FieldType::Mobile => id(&[IdKind::Mobile], known),
        FieldType::PostalCode => id(&[IdKind::PostalCode], known),
        FieldType::BankCard => id(&[IdKind::BankCard], known),
        FieldType::Phone => id(&[IdKind::Mobile, IdKind::Landline], known),
        FieldType::Email => match value.as_str() {
            Some(s) if is_email(trim(s)) => Ok(Normal::Text(trim(s))),
            Some(_) => Err(FormError::Email { label: label() }),
            None => Err(wrong_type("string")),
        },
        FieldType::AreaCode => match value.as_str() {
            Some(s) if is_area_code(trim(s)) => Ok(Normal::Text(trim(s))),
            Some(_) => Err(FormError::AreaCode { label: label() }),
            None => Err(wrong_type("string")),
        },
        // The walk checks a container's fields itself; here it is only not a leaf.
        FieldType::Group => Err(wrong_type("object")),
        FieldType::Repeat => Err(wrong_type("array")),
    }
}

/// `value` as an integer: a JSON number with no fraction, as JSON Schema's `integer` (so
/// `100.0`, as Python's `json` writes a float, is 100). One past `i64` is taken as `i64`'s
/// end, which [`integer_range`] refuses as beyond [`MAX_SAFE_INTEGER`].
pub(super) fn integer(value: &Value) -> Option<i64> {
    // `as` saturates: a whole number past `i64` becomes its end, still out of range.
    #[allow(clippy::cast_possible_truncation)]
    value.as_i64().or_else(|| {
        value
            .as_f64()
            .filter(|x| x.fract() == 0.0)
            .map(|x| x as i64)
    })
}

/// The largest integer an integer or money field holds, 2^53 − 1 (and its negative the
/// smallest): the range in which every integer is exactly a JSON number everywhere (RFC 8259
/// §6; I-JSON, RFC 7493 §2.2), so also in the pages' JavaScript.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// Checks an integer against its field's bounds, within ±[`MAX_SAFE_INTEGER`] (money at
/// least 0).
pub(super) fn integer_range(field: &Field, n: i64, label: Label<'_>) -> Result<(), FormError> {
    #[allow(clippy::cast_precision_loss)] // 2^53 − 1 is exact in an f64
    const SAFE: f64 = MAX_SAFE_INTEGER as f64;
    let least = if field.field_type == FieldType::Money {
        0.0
    } else {
        -SAFE
    };
    let min = field.min.map_or(least, |m| m.max(least));
    let max = field.max.map_or(SAFE, |m| m.min(SAFE));
    // Both bounds lie within ±(2^53 − 1), where rounding `n` to an f64 keeps its order to
    // them: a value past 2^53 rounds to at least 2^53, still above any of them.
    #[allow(clippy::cast_precision_loss)]
    let x = n as f64;
    within(x, Some(min), Some(max), label)
}

/// An identifier value of one of `kinds`, tried in order: the normalised value, or the
/// first problem of the kind it was meant to be, under the field's label — for a phone
/// field, the mobile number's when it was dialled as one, else the last kind's.
fn identifier<'v>(
    kinds: &[IdKind],
    value: &'v Value,
    at: NaiveDate,
    label: Label<'_>,
    known: &mut Vec<(&'v str, ResidentId)>,
) -> Result<Normal<'v>, FormError> {
    let s = value.as_str().ok_or_else(|| FormError::WrongType {
        label: label(),
        expected: "string",
        item: None,
    })?;
    let mut reported = Vec::new();
    let meant = (kinds.contains(&IdKind::Mobile) && ids::dialled_as_mobile(s))
        .then_some(IdKind::Mobile)
        .or(kinds.last().copied());
    for &kind in kinds {
        let normalized = if kind == IdKind::ResidentId {
            ResidentId::read(s, at).map(|id| {
                known.push((s, id));
                id.normalized_from(s)
            })
        } else {
            ids::normalize(kind, s, at)
        };
        match normalized {
            Ok(Cow::Borrowed(normalized)) => return Ok(Normal::Text(normalized)),
            Ok(Cow::Owned(normalized)) => return Ok(Normal::Built(Value::String(normalized))),
            Err(errors) if Some(kind) == meant => reported = errors,
            Err(_) => {}
        }
    }
    Err(FormError::Id {
        label: label(),
        error: reported
            .into_iter()
            .next()
            .unwrap_or(ids::IdError::UnknownKind),
    })
}

/// The label of `field` in `lang` (its key when it has no English label).
pub(super) fn label(field: &Field, lang: Lang) -> String {
    match (lang, &field.label_en) {
        (Lang::En, Some(en)) => en.clone(),
        (Lang::En, None) => field.key.clone(),
        (Lang::ZhCn, _) => field.label.clone(),
    }
}

/// The field's label in the language of the problems, made only for a problem.
pub(super) type Label<'a> = &'a dyn Fn() -> String;

/// What is wrong with a text value (trimmed) for its field: a control character in it,
/// else the first of its bounds and pattern it misses. The verdict (`form::verdict`) asks
/// this too.
#[derive(Clone, Copy)]
pub(super) enum TextFault {
    Control,
    /// Fewer characters than the field's `min_length`.
    TooShort,
    /// More characters than the field's `max_length`.
    TooLong,
    Pattern,
}

impl TextFault {
    /// The problem of `field`, labelled `label`. (No bound is carried: the verdict passes
    /// the fault on, and a larger value cost it in the usual, valid, case.)
    pub(super) fn error(self, field: &Field, label: String) -> FormError {
        let bound = |b: Option<u32>| b.unwrap_or_default();
        match self {
            Self::Control => FormError::ControlCharacter { label },
            Self::TooShort => FormError::TooShort {
                label,
                min: bound(field.min_length),
            },
            Self::TooLong => FormError::TooLong {
                label,
                max: bound(field.max_length),
            },
            Self::Pattern => FormError::Pattern { label },
        }
    }
}

// The usual text told inline natively (a call each showed in profiles: a valid birth-bundle
// answer has eight text values); the rest out of line.
#[allow(clippy::inline_always)]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub(super) fn text_fault(field: &Field, s: &str) -> Option<TextFault> {
    if has_control(s) {
        return Some(TextFault::Control);
    }
    // Bounds its bytes meet whatever its characters (a character takes one to four bytes)
    // need no count of them.
    let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
    let within = field.min_length.is_none_or(|m| len.div_ceil(4) >= m)
        && field.max_length.is_none_or(|m| len <= m);
    if !within && let Some(fault) = length_fault(field, s) {
        return Some(fault);
    }
    match &field.pattern {
        Some(pattern) if !pattern.matches(s) => Some(TextFault::Pattern),
        _ => None,
    }
}

/// The length problem of text near its bounds, its characters counted.
#[inline(never)]
fn length_fault(field: &Field, s: &str) -> Option<TextFault> {
    let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
    let chars = || u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    if field
        .min_length
        .is_some_and(|m| len.div_ceil(4) < m && chars() < m)
    {
        return Some(TextFault::TooShort);
    }
    field
        .max_length
        .is_some_and(|m| len > m && chars() > m)
        .then_some(TextFault::TooLong)
}

/// A text value trimmed, or its problem.
fn text<'v>(field: &Field, s: &'v str, label: Label<'_>) -> Result<&'v str, FormError> {
    let s = trim(s);
    match text_fault(field, s) {
        None => Ok(s),
        Some(fault) => Err(fault.error(field, label())),
    }
}

/// Checks a number against its field's bounds.
pub(super) fn range(field: &Field, x: f64, label: Label<'_>) -> Result<(), FormError> {
    within(x, field.min, field.max, label)
}

/// Checks `x` against the bounds `min` and `max`, either of which may be absent.
fn within(x: f64, min: Option<f64>, max: Option<f64>, label: Label<'_>) -> Result<(), FormError> {
    if let Some(min) = min.filter(|&m| x < m) {
        return Err(FormError::BelowMin {
            label: label(),
            min,
        });
    }
    if let Some(max) = max.filter(|&m| x > m) {
        return Err(FormError::AboveMax {
            label: label(),
            max,
        });
    }
    Ok(())
}

/// Checks how many items a list has against its field's bounds.
pub(super) fn item_count(field: &Field, n: usize, label: Label<'_>) -> Result<(), FormError> {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    if let Some(min) = field.min_items.filter(|&m| n < m) {
        return Err(FormError::TooFewItems {
            label: label(),
            min,
        });
    }
    if let Some(max) = field.max_items.filter(|&m| n > m) {
        return Err(FormError::TooManyItems {
            label: label(),
            max,
        });
    }
    Ok(())
}

/// Whether `items`, a value of `field`, is a multiple choice with nothing chosen: missing
/// when the field is required (as blank text is).
pub(super) fn is_unchosen(field: &Field, items: &[Value]) -> bool {
    items.is_empty() && field.field_type == FieldType::MultiChoice
}

/// Whether `value`, given for the group `field`, is a group nobody filled in: an object
/// whose every value is `null`, blank text, or such a group of one of its fields — what a
/// page sends for a section of inputs left empty. Follows the form, not the value, so its
/// depth is the form's; a key the group does not have is something given.
pub(super) fn is_blank_group(field: &Field, value: &Value) -> bool {
    field.field_type == FieldType::Group
        && value.as_object().is_some_and(|map| {
            map.iter().all(|(key, value)| {
                let inner = field.fields.iter().find(|f| f.key == *key);
                inner.is_some_and(|inner| match value {
                    Value::Null => true,
                    Value::String(s) => trim(s).is_empty() && !inner.field_type.is_container(),
                    _ => is_blank_group(inner, value),
                })
            })
        })
}

/// Whether `s` is one of the field's choices.
pub(super) fn is_choice(field: &Field, s: &str) -> bool {
    field
        .choices
        .iter()
        .any(|c| same_bytes(c.value.as_bytes(), s.as_bytes()))
}

/// Checks a multiple-choice value: a list of distinct choices, as many as the field
/// allows. Every item is then a string, so the value is stored as given.
pub(super) fn multi_choice(
    field: &Field,
    value: &Value,
    label: Label<'_>,
) -> Result<(), FormError> {
    let items = value.as_array().ok_or_else(|| FormError::WrongType {
        label: label(),
        expected: "array",
        item: None,
    })?;
    item_count(field, items.len(), label)?;
    for (i, item) in items.iter().enumerate() {
        // The first problem of the list, at its item.
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        let Some(s) = item.as_str() else {
            return Err(FormError::WrongType {
                label: label(),
                expected: "string",
                item: Some(index),
            });
        };
        if !is_choice(field, s) {
            return Err(FormError::NotAChoice {
                label: label(),
                item: Some(index),
            });
        }
        let earlier = items.get(..i).unwrap_or_default();
        if earlier.iter().any(|e| e.as_str() == Some(s)) {
            return Err(FormError::DuplicateChoice {
                label: label(),
                item: index,
            });
        }
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM[:SS]` (a space instead of `T` accepted), normalised with seconds.
pub(super) fn datetime(s: &str) -> Option<Value> {
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

/// Six digits whose first two name a province-level division of GB/T 2260.
pub(super) fn is_area_code(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.get(..2).and_then(ids::province).is_some()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::input::trim_blank;

    proptest! {
        /// The quick trim is `trim_blank`: over white space and invisible characters, the
        /// characters that share their first bytes (U+0080–U+00FF, U+1100–U+18FF,
        /// U+2000–U+206F, U+3000–U+3002, U+FE00–U+FFFF), ASCII, Chinese and a character of
        /// four bytes, at either end and alone.
        #[test]
        fn trim_is_trim_blank(
            s in "[ \\t\\n\\r\\u{b}\\u{c}a~林\\u{80}-\\u{ff}\\u{1680}\\u{115f}\\u{1160}\\u{180e}\\u{1700}\\u{2000}-\\u{206f}\\u{2800}\\u{3000}-\\u{3002}\\u{3164}\\u{feff}\\u{fe00}\\u{ffa0}\\u{ffef}\\u{10000}]{0,6}"
        ) {
            prop_assert_eq!(super::trim(&s), trim_blank(&s));
        }
    }
}
