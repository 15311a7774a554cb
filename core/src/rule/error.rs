//! Problems a rule can have: when it is compiled (the catalogue is wrong) or, rarely, when
//! it is evaluated (the host passed a malformed reference date, or the working calendar
//! lacks a year).

use serde_json::{Map, Value, json};

use crate::calendar::CalendarError;
use crate::{Coded, Lang};

/// A problem with a rule, with a stable [`code`](Coded::code) and the JSON Pointer into the
/// rule where it lies (`""` is the whole rule).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// `rule.unknown_operator`: an operation whose operator this engine does not have.
    #[error("未知运算符 / unknown operator at \"{pointer}\"")]
    UnknownOperator {
        /// The operator as written (at most 40 characters of it).
        operator: String,
        /// Where the operation is.
        pointer: String,
    },
    /// `rule.not_an_operation`: an object with no key or several keys. In a rule every object
    /// is an operation `{"operator": arguments}`, with exactly one key.
    #[error("对象不是运算 / an object that is not an operation at \"{pointer}\"")]
    NotAnOperation {
        /// How many keys the object has.
        keys: usize,
        /// Where the object is.
        pointer: String,
    },
    /// `rule.arity`: an operator given a number of arguments it does not take.
    #[error("参数个数不正确 / wrong number of arguments at \"{pointer}\"")]
    Arity {
        /// The operator.
        operator: &'static str,
        /// Fewest arguments it takes.
        min: usize,
        /// Most arguments it takes, `None` for any number.
        max: Option<usize>,
        /// Arguments given.
        actual: usize,
        /// Where the operation is.
        pointer: String,
    },
    /// `rule.too_deep`: arrays and operations nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    #[error("规则嵌套过深 / the rule is nested too deeply at \"{pointer}\"")]
    TooDeep {
        /// The deepest nesting accepted.
        max: usize,
        /// The first value past the limit.
        pointer: String,
    },
    /// `rule.invalid_date`, when evaluating: the reference date of `id_age` or `age_at` is not
    /// a date written `YYYY-MM-DD`. It comes from the host, not from what people typed, so a
    /// wrong one is a bug to report rather than an answer to guess.
    #[error("参照日期无效 / invalid reference date at \"{pointer}\"")]
    InvalidDate {
        /// The operator.
        operator: &'static str,
        /// Where the operation is.
        pointer: String,
    },
    /// `rule.out_of_calendar`, when evaluating: `working_days_between` was given a date in
    /// a year whose holidays the working calendar does not have. The calendar never
    /// guesses, so neither does the rule.
    #[error("日期超出工作日历范围 / date outside the working calendar at \"{pointer}\"")]
    OutOfCalendar {
        /// The calendar's refusal (`calendar.out_of_range`: the date, the years it knows).
        calendar: CalendarError,
        /// Where the operation is.
        pointer: String,
    },
}

impl RuleError {
    /// The JSON Pointer into the rule where the problem lies (`""`: the whole rule).
    pub fn pointer(&self) -> &str {
        match self {
            Self::UnknownOperator { pointer, .. }
            | Self::NotAnOperation { pointer, .. }
            | Self::Arity { pointer, .. }
            | Self::TooDeep { pointer, .. }
            | Self::InvalidDate { pointer, .. }
            | Self::OutOfCalendar { pointer, .. } => pointer,
        }
    }
}

/// `pointer` as people read it: `/` for the whole rule.
fn place(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

impl Coded for RuleError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownOperator { .. } => "rule.unknown_operator",
            Self::NotAnOperation { .. } => "rule.not_an_operation",
            Self::Arity { .. } => "rule.arity",
            Self::TooDeep { .. } => "rule.too_deep",
            Self::InvalidDate { .. } => "rule.invalid_date",
            Self::OutOfCalendar { .. } => "rule.out_of_calendar",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let at = place(self.pointer());
        match (self, lang) {
            (Self::UnknownOperator { operator, .. }, Lang::ZhCn) => {
                format!("规则 {at} 处的运算符“{operator}”不存在")
            }
            (Self::UnknownOperator { operator, .. }, Lang::En) => {
                format!("Unknown operator \"{operator}\" at {at} in the rule")
            }
            (Self::NotAnOperation { keys, .. }, Lang::ZhCn) => {
                format!(
                    "规则 {at} 处的对象有 {keys} 个键；运算应写成只有一个键的对象，如 {{\"var\": \"name\"}}"
                )
            }
            (Self::NotAnOperation { keys, .. }, Lang::En) => format!(
                "The object at {at} in the rule has {keys} keys; an operation is an object with exactly one key, such as {{\"var\": \"name\"}}"
            ),
            (
                Self::Arity {
                    operator,
                    min,
                    max,
                    actual,
                    ..
                },
                _,
            ) => {
                let (min, max) = (*min, *max);
                match lang {
                    Lang::ZhCn => {
                        let expected = match max {
                            Some(max) if max == min => format!(" {min} "),
                            Some(max) => format!(" {min}–{max} "),
                            None => format!("至少 {min} "),
                        };
                        format!(
                            "规则 {at} 处的运算符“{operator}”应有{expected}个参数，实有 {actual} 个"
                        )
                    }
                    Lang::En => {
                        let expected = match max {
                            Some(max) if max == min => format!("{min}"),
                            Some(max) => format!("{min} to {max}"),
                            None => format!("at least {min}"),
                        };
                        let plural = if max.is_none_or(|max| max == 1) && min == 1 {
                            ""
                        } else {
                            "s"
                        };
                        format!(
                            "Operator \"{operator}\" at {at} in the rule takes {expected} argument{plural}, got {actual}"
                        )
                    }
                }
            }
            (Self::TooDeep { max, .. }, Lang::ZhCn) => {
                format!("规则嵌套超过 {max} 层（{at} 处）")
            }
            (Self::TooDeep { max, .. }, Lang::En) => {
                format!("The rule is nested more than {max} levels deep (at {at})")
            }
            (Self::InvalidDate { operator, .. }, Lang::ZhCn) => format!(
                "规则 {at} 处“{operator}”的参照日期无效：应为 YYYY-MM-DD 格式的实际存在的日期"
            ),
            (Self::InvalidDate { operator, .. }, Lang::En) => format!(
                "The reference date of \"{operator}\" at {at} in the rule is not an existing date written YYYY-MM-DD"
            ),
            (Self::OutOfCalendar { calendar, .. }, _) => {
                let calendar = calendar.message(lang);
                match lang {
                    Lang::ZhCn => {
                        format!("规则 {at} 处“working_days_between”无法计算工作日：{calendar}")
                    }
                    Lang::En => format!(
                        "\"working_days_between\" at {at} in the rule cannot count working days: {calendar}"
                    ),
                }
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let value = match self {
            Self::UnknownOperator { operator, pointer } => {
                json!({ "operator": operator, "pointer": pointer })
            }
            Self::NotAnOperation { keys, pointer } => json!({ "keys": keys, "pointer": pointer }),
            Self::Arity {
                operator,
                min,
                max,
                actual,
                pointer,
            } => json!({
                "operator": operator, "min": min, "max": max, "actual": actual, "pointer": pointer
            }),
            Self::TooDeep { max, pointer } => json!({ "max": max, "pointer": pointer }),
            Self::InvalidDate { operator, pointer } => {
                json!({ "operator": operator, "pointer": pointer })
            }
            Self::OutOfCalendar { calendar, pointer } => {
                let mut params = calendar.params();
                params.insert("pointer".to_owned(), json!(pointer));
                return params;
            }
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}
