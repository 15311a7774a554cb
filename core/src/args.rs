//! Arguments as hosts receive them: text from a command line, a JS object or a C string.
//!
//! Every host parses its arguments here, so a bad argument gets the same code everywhere.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::ids::IdKind;
use crate::{Coded, Lang, calendar};

/// A call made wrongly: an argument that no value of its kind can have.
/// Unlike a domain outcome (an invalid ID number), this is the caller's mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArgError {
    /// `arg.unknown_kind`: not one of the identifier kinds.
    #[error("未知的号码类型 / unknown identifier kind")]
    UnknownKind,
    /// `arg.invalid_date`: not a date written `YYYY-MM-DD`, or a date that does not exist.
    #[error("日期格式无效 / invalid date")]
    InvalidDate,
    /// `arg.unknown_lang`: a language other than zh-CN and en.
    #[error("不支持的语言 / unsupported language")]
    UnknownLang,
    /// `arg.clock`: the host's clock gave an instant outside the supported range.
    #[error("系统时钟无效 / the clock is out of range")]
    Clock,
    /// `arg.invalid_type`: an argument of the wrong type, which only a dynamically typed
    /// host (JS) can pass.
    #[error("参数类型不正确 / argument of the wrong type")]
    InvalidType {
        /// The argument or option, e.g. `value`, `options`, `at`.
        name: &'static str,
        /// The type it must have: `string`, `object` or `array`.
        expected: &'static str,
    },
    /// `arg.too_long`: a short argument (a code, a date, a language, a path) or a list
    /// option longer than a binding copies (JS: before it reaches wasm memory).
    #[error("参数过长 / argument too long")]
    TooLong {
        /// The argument or option, e.g. `lang`, `query`, `bundle`.
        name: &'static str,
        /// The most characters (JS: UTF-16 code units) or items it may have.
        max: usize,
    },
}

impl Coded for ArgError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownKind => "arg.unknown_kind",
            Self::InvalidDate => "arg.invalid_date",
            Self::UnknownLang => "arg.unknown_lang",
            Self::Clock => "arg.clock",
            Self::InvalidType { .. } => "arg.invalid_type",
            Self::TooLong { .. } => "arg.too_long",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let fixed = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
        match self {
            Self::UnknownKind => fixed(
                "未知的号码类型，可选：resident_id、residence_permit、credit_code、org_code、mobile、landline、postal_code、bank_card",
                "Unknown identifier kind; use one of resident_id, residence_permit, credit_code, org_code, mobile, landline, postal_code, bank_card",
            ),
            Self::InvalidDate => fixed(
                "日期无效：请按 YYYY-MM-DD 填写实际存在的日期",
                "Invalid date: write an existing date as YYYY-MM-DD",
            ),
            Self::UnknownLang => fixed(
                "不支持的语言，可选：zh-CN、en",
                "Unsupported language; use zh-CN or en",
            ),
            Self::Clock => fixed(
                "系统时钟超出支持范围",
                "The system clock is out of the supported range",
            ),
            Self::InvalidType { name, expected } => {
                let (zh, en) = match *expected {
                    "string" => ("字符串", "a string"),
                    "array" => ("数组", "an array"),
                    _ => ("对象", "an object"),
                };
                match lang {
                    Lang::ZhCn => format!("参数 {name} 的类型不正确：应为{zh}"),
                    Lang::En => format!("Argument {name} has the wrong type: expected {en}"),
                }
            }
            Self::TooLong { name, max } => match lang {
                Lang::ZhCn => format!("参数 {name} 过长：长度不能超过 {max}"),
                Lang::En => {
                    format!("Argument {name} is too long: its length must be at most {max}")
                }
            },
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::UnknownKind => json!({ "allowed": IdKind::ALL.map(IdKind::as_str) }),
            Self::InvalidType { name, expected } => json!({ "name": name, "expected": expected }),
            Self::TooLong { name, max } => json!({ "name": name, "max": max }),
            _ => return Map::new(),
        };
        match params {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

/// Options of an identifier check, parsed from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// The kind to check as; `None` detects it from the shape.
    pub kind: Option<IdKind>,
    /// The reference date.
    pub at: NaiveDate,
    /// The language of messages.
    pub lang: Lang,
}

impl CheckOptions {
    /// Parses the options of an identifier check. Absent values take their defaults:
    /// kind detected, `at` = `today()` (the host's clock, only read when needed), lang zh-CN.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use doorstep::args::CheckOptions;
    ///
    /// let today = || NaiveDate::from_ymd_opt(2026, 11, 25);
    /// let o = CheckOptions::parse(Some("mobile"), None, Some("en"), today).unwrap();
    /// assert_eq!(o.at.to_string(), "2026-11-25");
    /// assert!(CheckOptions::parse(None, Some("1999-02-30"), None, today).is_err());
    /// ```
    pub fn parse(
        kind: Option<&str>,
        at: Option<&str>,
        lang: Option<&str>,
        today: impl FnOnce() -> Option<NaiveDate>,
    ) -> Result<Self, ArgError> {
        let kind = kind
            .map(|k| IdKind::parse(k).ok_or(ArgError::UnknownKind))
            .transpose()?;
        let lang = parse_lang(lang)?;
        let at = match at {
            Some(text) => calendar::parse_date(text).ok_or(ArgError::InvalidDate)?,
            None => today().ok_or(ArgError::Clock)?,
        };
        Ok(Self { kind, at, lang })
    }
}

/// Parses a language tag; `None` is the default, zh-CN.
///
/// ```
/// use doorstep::Lang;
/// use doorstep::args::parse_lang;
/// assert_eq!(parse_lang(None), Ok(Lang::ZhCn));
/// assert_eq!(parse_lang(Some("en")), Ok(Lang::En));
/// assert!(parse_lang(Some("fr")).is_err());
/// ```
pub fn parse_lang(tag: Option<&str>) -> Result<Lang, ArgError> {
    tag.map_or(Some(Lang::default()), Lang::parse)
        .ok_or(ArgError::UnknownLang)
}
