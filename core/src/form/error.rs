//! Problems with a form answer. Each names the field by its label, never quotes the value.

use std::borrow::Cow;

use serde_json::{Map, Value, json};

use crate::ids::IdError;
use crate::rule::{number_to_string, number_value};
use crate::{Coded, Lang};

/// One problem with one value of a form answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// `form.not_an_object`: the answer (or a group) is not a JSON object.
    #[error("应为对象 / not an object")]
    NotAnObject,
    /// `form.unknown_field`: a key the form does not ask for.
    #[error("表单没有此项 / unknown field")]
    UnknownField,
    /// `form.no_matter`: a bundle answer that applies to none of the bundle's matters (each
    /// member's condition fails), at the whole answer (`""`): nothing would be applied for.
    #[error("不适用于任何事项 / applies to no matter")]
    NoMatter,
    /// `form.required`: a required value is missing.
    #[error("必填项未填写 / required")]
    Required {
        /// The field's label.
        label: String,
    },
    /// `form.type`: a value of the wrong JSON type.
    #[error("类型不正确 / wrong type")]
    WrongType {
        /// The field's label.
        label: String,
        /// What it must be: `string`, `integer`, `number`, `boolean`, `array`, `object`.
        expected: &'static str,
        /// The index of the value in a multi-choice list (not a string), the last token
        /// of its path.
        item: Option<u32>,
    },
    /// `form.control_character`: text holding a control character (a NUL, an escape, a
    /// bidirectional override): one that shows nothing, or changes how the rest shows.
    #[error("含有控制字符 / holds a control character")]
    ControlCharacter {
        /// The field's label.
        label: String,
    },
    /// `form.too_short`: fewer characters than `min`.
    #[error("内容过短 / too short")]
    TooShort {
        /// The field's label.
        label: String,
        /// Fewest characters.
        min: u32,
    },
    /// `form.too_long`: more characters than `max`.
    #[error("内容过长 / too long")]
    TooLong {
        /// The field's label.
        label: String,
        /// Most characters.
        max: u32,
    },
    /// `form.below_min`: a number below `min`.
    #[error("数值过小 / below the minimum")]
    BelowMin {
        /// The field's label.
        label: String,
        /// Smallest value.
        min: f64,
    },
    /// `form.above_max`: a number above `max`.
    #[error("数值过大 / above the maximum")]
    AboveMax {
        /// The field's label.
        label: String,
        /// Largest value.
        max: f64,
    },
    /// `form.pattern`: text that does not have the required form.
    #[error("格式不正确 / does not match the pattern")]
    Pattern {
        /// The field's label.
        label: String,
    },
    /// `form.choice`: not one of the options.
    #[error("不是可选项 / not one of the choices")]
    NotAChoice {
        /// The field's label.
        label: String,
        /// The index of the value in a multi-choice list, the last token of its path.
        item: Option<u32>,
    },
    /// `form.duplicate_choice`: an option chosen twice.
    #[error("选项重复 / a choice is repeated")]
    DuplicateChoice {
        /// The field's label.
        label: String,
        /// The index of the second choice of the option in the list, the last token of
        /// its path.
        item: u32,
    },
    /// `form.too_few_items`: fewer items than `min`.
    #[error("项数过少 / too few items")]
    TooFewItems {
        /// The field's label.
        label: String,
        /// Fewest items.
        min: u32,
    },
    /// `form.too_many_items`: more items than `max`.
    #[error("项数过多 / too many items")]
    TooManyItems {
        /// The field's label.
        label: String,
        /// Most items.
        max: u32,
    },
    /// `form.date`: not an existing date written `YYYY-MM-DD`.
    #[error("日期无效 / invalid date")]
    Date {
        /// The field's label.
        label: String,
    },
    /// `form.datetime`: not a date and time written `YYYY-MM-DDTHH:MM[:SS]` (a space for the
    /// `T` is taken too).
    #[error("日期时间无效 / invalid date and time")]
    Datetime {
        /// The field's label.
        label: String,
    },
    /// `form.email`: not an e-mail address.
    #[error("电子邮箱格式不正确 / invalid e-mail address")]
    Email {
        /// The field's label.
        label: String,
    },
    /// `form.area_code`: not a division code of GB/T 2260's form: six digits whose first two
    /// name a province-level division (the lower levels are not checked against a table).
    #[error("行政区划代码无效 / invalid division code")]
    AreaCode {
        /// The field's label.
        label: String,
    },
    /// An identifier field's problem: the code is the identifier check's (`id.*`).
    #[error("号码有误 / invalid identifier")]
    Id {
        /// The field's label.
        label: String,
        /// The identifier problem.
        error: IdError,
    },
}

/// `$then` with `$label` bound to the error's label, or `$none` for the variants without
/// one: the one list of which variants have a label, read and written through it.
macro_rules! with_label {
    ($error:expr, $label:ident => $then:expr, $none:expr) => {
        match $error {
            FormError::NotAnObject | FormError::UnknownField | FormError::NoMatter => $none,
            FormError::Required { label: $label }
            | FormError::WrongType { label: $label, .. }
            | FormError::ControlCharacter { label: $label }
            | FormError::TooShort { label: $label, .. }
            | FormError::TooLong { label: $label, .. }
            | FormError::BelowMin { label: $label, .. }
            | FormError::AboveMax { label: $label, .. }
            | FormError::Pattern { label: $label }
            | FormError::NotAChoice { label: $label, .. }
            | FormError::DuplicateChoice { label: $label, .. }
            | FormError::TooFewItems { label: $label, .. }
            | FormError::TooManyItems { label: $label, .. }
            | FormError::Date { label: $label }
            | FormError::Datetime { label: $label }
            | FormError::Email { label: $label }
            | FormError::AreaCode { label: $label }
            | FormError::Id { label: $label, .. } => $then,
        }
    };
}

impl FormError {
    /// The field's label, for the variants that have one.
    fn label(&self) -> Option<&str> {
        with_label!(self, label => Some(label), None)
    }

    /// The index of the value in a multi-choice list that the problem is with, for the
    /// variants that name one: its path is the list's with the index added.
    pub(super) fn item(&self) -> Option<u32> {
        match self {
            Self::WrongType { item, .. } | Self::NotAChoice { item, .. } => *item,
            Self::DuplicateChoice { item, .. } => Some(*item),
            _ => None,
        }
    }

    /// Puts `label` in, for the variants that have one (a finding is labelled only when it
    /// is worded: `form::finding`).
    pub(super) fn set_label(&mut self, label: String) {
        with_label!(self, slot => *slot = label, ());
    }
}

impl Coded for FormError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotAnObject => "form.not_an_object",
            Self::UnknownField => "form.unknown_field",
            Self::NoMatter => "form.no_matter",
            Self::Required { .. } => "form.required",
            Self::WrongType { .. } => "form.type",
            Self::ControlCharacter { .. } => "form.control_character",
            Self::TooShort { .. } => "form.too_short",
            Self::TooLong { .. } => "form.too_long",
            Self::BelowMin { .. } => "form.below_min",
            Self::AboveMax { .. } => "form.above_max",
            Self::Pattern { .. } => "form.pattern",
            Self::NotAChoice { .. } => "form.choice",
            Self::DuplicateChoice { .. } => "form.duplicate_choice",
            Self::TooFewItems { .. } => "form.too_few_items",
            Self::TooManyItems { .. } => "form.too_many_items",
            Self::Date { .. } => "form.date",
            Self::Datetime { .. } => "form.datetime",
            Self::Email { .. } => "form.email",
            Self::AreaCode { .. } => "form.area_code",
            Self::Id { error, .. } => error.code(),
        }
    }

    // One arm per variant, each a zh-CN / en pair: long, but flat.
    #[allow(clippy::too_many_lines)]
    fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let what: Cow<'static, str> = match self {
            Self::NotAnObject => {
                return lang
                    .pick("应填写为一组内容（对象）", "Must be an object")
                    .into();
            }
            Self::UnknownField => {
                return lang
                    .pick("表单中没有此项", "The form has no such field")
                    .into();
            }
            Self::NoMatter => {
                return lang
                    .pick(
                        "所填内容不适用于任何事项，请检查选择",
                        "The answer applies to no matter: check the choices",
                    )
                    .into();
            }
            Self::Required { .. } => lang.pick("为必填项", "is required").into(),
            Self::WrongType { expected, .. } => {
                // In words people use, not JSON's type names ("must be a integer").
                let (zh_name, en_name) = match *expected {
                    "string" => ("文字", "text"),
                    "integer" => ("整数", "a whole number"),
                    "number" => ("数字", "a number"),
                    "boolean" => ("是或否", "yes or no"),
                    "array" => ("列表", "a list"),
                    _ => ("一组内容", "a group of answers"),
                };
                if zh {
                    format!("应填写{zh_name}").into()
                } else {
                    format!("must be {en_name}").into()
                }
            }
            Self::ControlCharacter { .. } => lang
                .pick(
                    "含有不可见的控制字符，请删除后重新填写",
                    "holds an invisible control character; remove it",
                )
                .into(),
            Self::TooShort { min, .. } => {
                if zh {
                    format!("不能少于 {min} 个字").into()
                } else {
                    format!("must have at least {min} characters").into()
                }
            }
            Self::TooLong { max, .. } => {
                if zh {
                    format!("不能超过 {max} 个字").into()
                } else {
                    format!("must have at most {max} characters").into()
                }
            }
            // Bounds are written as JavaScript writes numbers (`100`, `0.5`, `1e+21`), not by
            // `Display`, whose float formatting would add ~8 kB to the gzipped WASM module.
            Self::BelowMin { min, .. } => {
                let min = number_to_string(*min);
                if zh {
                    format!("不能小于 {min}").into()
                } else {
                    format!("must be at least {min}").into()
                }
            }
            Self::AboveMax { max, .. } => {
                let max = number_to_string(*max);
                if zh {
                    format!("不能大于 {max}").into()
                } else {
                    format!("must be at most {max}").into()
                }
            }
            Self::Pattern { .. } => lang
                .pick("格式不正确", "does not have the required form")
                .into(),
            Self::NotAChoice { .. } => lang
                .pick("不是可选的选项", "is not one of the choices")
                .into(),
            Self::DuplicateChoice { .. } => lang.pick("有重复的选项", "has a choice twice").into(),
            Self::TooFewItems { min, .. } => {
                if zh {
                    format!("至少填写 {min} 项").into()
                } else {
                    format!("needs {min} or more items").into()
                }
            }
            Self::TooManyItems { max, .. } => {
                if zh {
                    format!("最多填写 {max} 项").into()
                } else {
                    format!("takes {max} or fewer items").into()
                }
            }
            Self::Date { .. } => lang
                .pick(
                    "应为实际存在的日期，格式 YYYY-MM-DD",
                    "must be an existing date written YYYY-MM-DD",
                )
                .into(),
            Self::Datetime { .. } => lang
                .pick(
                    "应为日期时间，格式 YYYY-MM-DDTHH:MM",
                    "must be a date and time written YYYY-MM-DDTHH:MM",
                )
                .into(),
            Self::Email { .. } => lang
                .pick("不是有效的电子邮箱", "is not an e-mail address")
                .into(),
            Self::AreaCode { .. } => lang
                .pick(
                    "不是有效的行政区划代码（GB/T 2260）",
                    "is not a division code of GB/T 2260",
                )
                .into(),
            Self::Id { error, .. } => error.message(lang).into(),
        };
        let label = self.label().unwrap_or_default();
        let (open, close) = match (self, zh) {
            (Self::Id { .. }, true) => ("「", "」："),
            (Self::Id { .. }, false) => ("", ": "),
            (_, true) => ("「", "」"),
            (_, false) => ("", " "),
        };
        concat(&[open, label, close, &what])
    }

    fn params(&self) -> Map<String, Value> {
        let mut params = match self {
            Self::WrongType { expected, .. } => json!({ "expected": expected }),
            Self::TooShort { min, .. } | Self::TooFewItems { min, .. } => json!({ "min": min }),
            Self::TooLong { max, .. } | Self::TooManyItems { max, .. } => json!({ "max": max }),
            // As the message writes them: an integral bound as an integer (`300`, not
            // `300.0`), for hosts that word their own messages.
            Self::BelowMin { min, .. } => json!({ "min": number_value(*min) }),
            Self::AboveMax { max, .. } => json!({ "max": number_value(*max) }),
            Self::Id { error, .. } => Value::Object(error.params()),
            _ => json!({}),
        };
        if let (Some(label), Value::Object(map)) = (self.label(), &mut params) {
            map.insert("label".to_owned(), Value::String(label.to_owned()));
        }
        match params {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// The parts one after the other, in a string allocated once (messages are built for every
/// problem; `format!` grew its string several times).
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::FormError;
    use crate::{Coded, Lang};

    /// English names a wrong type in words, with its article, and counts one item right.
    #[test]
    fn english_messages_read_as_english() {
        let label = || "出生体重".to_owned();
        let message = |e: FormError| e.message(Lang::En);
        for (expected, words) in [
            ("integer", "must be a whole number"),
            ("array", "must be a list"),
            ("object", "must be a group of answers"),
            ("string", "must be text"),
        ] {
            let wrong = FormError::WrongType {
                label: label(),
                expected,
                item: None,
            };
            assert!(message(wrong).ends_with(words), "{expected}");
        }
        let few = FormError::TooFewItems {
            label: label(),
            min: 1,
        };
        assert!(message(few).ends_with("needs 1 or more items"));
        let many = FormError::TooManyItems {
            label: label(),
            max: 1,
        };
        assert!(message(many).ends_with("takes 1 or fewer items"));
    }
}
