//! JSON documents as hosts receive them: bounded in size and depth, and every failure coded.
//!
//! Catalogues, form answers and every other document a binding passes in as text go through
//! [`parse_json`], so a 50 MB upload or a 10,000-level nesting is the same clear error at
//! the kiosk, the window and the back office.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use crate::{Coded, Lang};

mod blank;
mod pointer;
mod surrogates;
mod text;
mod wording;

pub(crate) use blank::{is_invisible, trim_blank};
pub(crate) use pointer::pointer_at;
pub(crate) use text::same_bytes;
pub(crate) use wording::bilingual;

/// The largest form answer accepted, in bytes.
pub const MAX_ANSWER_BYTES: usize = 1 << 20;
/// The largest catalogue accepted, in bytes.
pub const MAX_CATALOG_BYTES: usize = 16 << 20;

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// `input.too_large`: longer than the limit for its kind of document.
    #[error("文档过大 / document too large")]
    TooLarge {
        /// The limit, in bytes.
        max: usize,
    },
    /// `input.not_utf8`: bytes that are not UTF-8 text.
    #[error("不是 UTF-8 文本 / not UTF-8 text")]
    NotUtf8,
    /// `input.too_deep`: nested deeper than the parser allows (127 levels are accepted, 128
    /// are not).
    #[error("文档嵌套过深 / document nested too deeply")]
    TooDeep,
    /// `input.malformed`: not JSON.
    #[error("不是有效的 JSON / not valid JSON")]
    Malformed {
        /// 1-based line of the problem.
        line: usize,
        /// Column of the problem as `serde_json` counts it: the bytes of the line read
        /// (1-based, the last of them), 0 when the line ends before anything is read there
        /// (an empty document, one cut just after a newline).
        column: usize,
    },
    /// `input.shape`: JSON of the wrong shape (a missing or unknown field, a wrong type).
    #[error("文档结构不正确 / document has the wrong shape")]
    Shape {
        /// 1-based line of the problem; 0 when there is no text to point into (a field out
        /// of its length bounds, a value a binding passed): the message and `params` then
        /// give no position.
        line: usize,
        /// Column of the problem, counted as for `Malformed` (0 with line 0).
        column: usize,
        /// What the parser expected, as it says it (English, technical; worded in Chinese
        /// for the message where the phrasing is known), its control characters escaped.
        detail: String,
    },
    /// `input.too_many_errors`: a stream of lines (events in JSON Lines) with more unreadable
    /// lines than a report lists: the first [`MAX_LINE_ERRORS`] are listed, this counts the
    /// rest, so that a huge stream of garbage cannot exhaust memory with its errors.
    #[error("无法读取的行过多 / too many unreadable lines")]
    TooManyErrors {
        /// Unreadable lines not listed.
        omitted: usize,
    },
}

/// The most unreadable lines of a stream a report lists one by one; the rest are counted in
/// one [`InputError::TooManyErrors`].
pub const MAX_LINE_ERRORS: usize = 10_000;

impl Coded for InputError {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "input.too_large",
            Self::NotUtf8 => "input.not_utf8",
            Self::TooDeep => "input.too_deep",
            Self::Malformed { .. } => "input.malformed",
            Self::Shape { .. } => "input.shape",
            Self::TooManyErrors { .. } => "input.too_many_errors",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::TooLarge { max }, Lang::ZhCn) => format!("文档过大，不能超过 {max} 字节"),
            (Self::TooLarge { max }, Lang::En) => {
                format!("The document is larger than {max} bytes")
            }
            (Self::NotUtf8, _) => lang
                .pick(
                    "文档不是 UTF-8 编码的文本",
                    "The document is not UTF-8 text",
                )
                .to_owned(),
            (Self::TooDeep, _) => lang
                .pick("文档嵌套层级过深", "The document is nested too deeply")
                .to_owned(),
            (Self::Malformed { line, column }, Lang::ZhCn) => {
                format!("第 {line} 行第 {column} 列：不是有效的 JSON")
            }
            (Self::Malformed { line, column }, Lang::En) => {
                format!("Line {line}, column {column}: not valid JSON")
            }
            // Line 0: a value a binding passed, or a field's bounds, with no text to point
            // into.
            (
                Self::Shape {
                    line,
                    column,
                    detail,
                },
                Lang::ZhCn,
            ) => {
                let place = match line {
                    0 => String::new(),
                    _ => format!("第 {line} 行第 {column} 列："),
                };
                match wording::chinese(detail) {
                    Some(zh) => format!("{place}结构不正确：{zh}"),
                    None => format!("{place}结构不正确（{}）", wording::english(detail)),
                }
            }
            (
                Self::Shape {
                    line,
                    column,
                    detail,
                },
                Lang::En,
            ) => match line {
                0 => wording::english(detail),
                _ => format!("Line {line}, column {column}: {}", wording::english(detail)),
            },
            (Self::TooManyErrors { omitted }, Lang::ZhCn) => {
                format!("无法读取的行过多：另有 {omitted} 行未逐一列出")
            }
            (Self::TooManyErrors { omitted }, Lang::En) => {
                format!("Too many unreadable lines: {omitted} more are not listed")
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::TooLarge { max } => json!({ "max": max }),
            Self::TooManyErrors { omitted } => json!({ "omitted": omitted }),
            Self::Malformed { line, column } | Self::Shape { line, column, .. } if *line > 0 => {
                json!({ "line": line, "column": column })
            }
            Self::Malformed { .. } | Self::Shape { .. } | Self::TooDeep | Self::NotUtf8 => {
                return Map::new();
            }
        };
        match params {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

impl InputError {
    fn from_serde(error: &serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        match error.classify() {
            serde_json::error::Category::Data => Self::Shape {
                line,
                column,
                detail: shape_detail(error),
            },
            _ if error.to_string().starts_with("recursion limit exceeded") => Self::TooDeep,
            _ => Self::Malformed { line, column },
        }
    }
}

impl InputError {
    /// This error of a document that is line `line` of a stream (JSON Lines): its position
    /// names that line, as the report beside it does, rather than line 1 of the one-line
    /// document.
    #[must_use]
    pub(crate) fn on_line(self, line: usize) -> Self {
        match self {
            Self::Malformed { column, .. } => Self::Malformed { line, column },
            Self::Shape {
                line: 1..,
                column,
                detail,
            } => Self::Shape {
                line,
                column,
                detail,
            },
            other => other,
        }
    }
}

/// What a parser said of a value of the wrong shape, for [`InputError::Shape`]: without
/// the position `serde_json` appends (the message gives it once, and digits of a long
/// document's column are not to be masked), control characters escaped, and the digit runs
/// of a quoted value masked (an ID number typed where a name goes).
pub(crate) fn shape_detail(error: &serde_json::Error) -> String {
    crate::ids::mask_digit_runs(&wording::one_line(&without_position(error)))
}

/// `error`'s message without the position `serde_json` appends to it.
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_owned(),
        None => message,
    }
}

/// Parses a JSON document of at most `max_bytes` bytes into `T`. A leading byte order mark
/// is ignored: RFC 8259 §8.1 lets a parser do so, and Windows editors (记事本) save UTF-8
/// with one, so a catalogue or an answer saved there reads as the same text saved anywhere.
/// A string's lone surrogate escape (`"\ud83d"`, half an emoji as `JSON.stringify` writes
/// it) reads as U+FFFD, as a binding reads the same string given as a value.
///
/// ```
/// use doorstep::input::{InputError, parse_json};
/// use serde_json::Value;
///
/// let deep = "[".repeat(10_000) + &"]".repeat(10_000);
/// assert_eq!(parse_json::<Value>(&deep, 1 << 20), Err(InputError::TooDeep));
/// assert!(matches!(parse_json::<Value>("{", 100), Err(InputError::Malformed { .. })));
/// ```
pub fn parse_json<T: DeserializeOwned>(text: &str, max_bytes: usize) -> Result<T, InputError> {
    if text.len() > max_bytes {
        return Err(InputError::TooLarge { max: max_bytes });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let replaced = surrogates::replaced(text);
    let text = replaced.as_deref().unwrap_or(text);
    serde_json::from_str(text).map_err(|e| classify(text, &e))
}

/// `bytes` without a leading UTF-8 byte order mark, for JSON Lines read as bytes (as
/// [`parse_json`] ignores one).
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Whether a document is JSON decides the class of a typed parse's error, whatever the typed
/// parser said (checked on the error path only): well-formed JSON of the wrong shape is
/// `input.shape` — `serde_json` reports a value of the wrong kind where an enum is expected
/// (`"step": 4`) as a syntax error — and text that is not JSON is `input.malformed`, with
/// where the JSON breaks — a typed parse stops at the first value of the wrong type (`[` for
/// a struct) before it reads the rest.
fn classify(text: &str, error: &serde_json::Error) -> InputError {
    let found = InputError::from_serde(error);
    match (&found, serde_json::from_str::<serde::de::IgnoredAny>(text)) {
        (InputError::Malformed { .. }, Ok(_)) => {
            let (line, column) = (error.line(), error.column());
            InputError::Shape {
                line,
                column,
                detail: shape_detail(error),
            }
        }
        (InputError::Shape { .. }, Err(syntax)) => InputError::from_serde(&syntax),
        _ => found,
    }
}

/// Parses a JSON document given as bytes (from a file or a C caller): UTF-8 checked, then
/// as [`parse_json`].
pub fn parse_json_bytes<T: DeserializeOwned>(
    bytes: &[u8],
    max_bytes: usize,
) -> Result<T, InputError> {
    if bytes.len() > max_bytes {
        return Err(InputError::TooLarge { max: max_bytes });
    }
    parse_json(
        std::str::from_utf8(bytes).map_err(|_| InputError::NotUtf8)?,
        max_bytes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coded;
    use crate::engine::Target;

    fn code(text: &str) -> &'static str {
        parse_json::<Target>(text, 1024).map_or_else(|e| e.code(), |_| "ok")
    }

    #[test]
    fn a_key_given_twice_is_refused_where_it_is_not_read_as_its_last_value() {
        use serde_json::{Map, Value};
        let value = |text: &str| parse_json::<Value>(text, 1024);
        assert_eq!(value(r#"{"a": 1, "b": {"a": 2}}"#).map(|_| ()), Ok(()));
        for text in [
            r#"{"a": 1, "a": 1}"#,
            "{\"b\": {\"a\": 1,\n \"a\": 2}}",
            r#"[{"x": 0, "x": 0}]"#,
        ] {
            let error = value(text).unwrap_err();
            assert_eq!(error.code(), "input.shape", "{text}");
            assert!(error.message(Lang::En).ends_with("duplicate key"), "{text}");
            assert!(error.message(Lang::ZhCn).ends_with("键重复"), "{text}");
        }
        // Placed on the line of the key given again.
        let error = value("{\"b\": {\"a\": 1,\n \"a\": 2}}").unwrap_err();
        assert!(error.message(Lang::En).starts_with("Line 2,"), "{error:?}");
        // A `Map` read on its own, as a `Value`'s object.
        let map = parse_json::<Map<String, Value>>(r#"{"k": 1, "k": 2}"#, 1024);
        assert_eq!(map.unwrap_err().code(), "input.shape");
    }

    #[test]
    fn json_of_the_wrong_shape_is_shape_and_text_that_is_not_json_is_malformed() {
        assert_eq!(code(r#"{"matter": "M"}"#), "ok");
        // A struct is read from an object only (vendor/serde_json), never by position.
        assert_eq!(code(r#"["M", null]"#), "input.shape");
        assert_eq!(code("5"), "input.shape");
        assert_eq!(code(r#"{"matter": 4}"#), "input.shape");
        // Cut short: not JSON, even where the typed parse stopped at the first token.
        assert_eq!(code("["), "input.malformed");
        assert_eq!(code(r#"{"matter": "#), "input.malformed");
        // No text to point into: no position.
        let unplaced = InputError::Shape {
            line: 0,
            column: 0,
            detail: "digest: length ..=64".into(),
        };
        assert_eq!(unplaced.message(Lang::En), "digest: length ..=64");
        assert_eq!(
            unplaced.message(Lang::ZhCn),
            "结构不正确（digest: length ..=64）"
        );
        assert!(unplaced.params().is_empty());
        // The position once, the parser's wording in Chinese, a quoted NUL escaped.
        let shape = parse_json::<Target>("{\"matter\": 4}", 1024).unwrap_err();
        assert_eq!(
            shape.message(Lang::ZhCn),
            "第 1 行第 12 列：结构不正确：类型不正确：整数 `4`，应为字符串"
        );
        assert_eq!(
            shape.message(Lang::En),
            "Line 1, column 12: invalid type: integer `4`, expected a string"
        );
        let nul = parse_json::<Target>(r#"{"a\u0000b": 1}"#, 1024).unwrap_err();
        assert!(nul.message(Lang::En).contains("`a\\u{0}b`"), "{nul:?}");
        // A byte order mark, as Windows editors save UTF-8, is not part of the text.
        assert_eq!(code("\u{FEFF}{\"matter\": \"M\"}"), "ok");
        assert_eq!(code("{\"matter\": \"M\"}\u{FEFF}"), "input.malformed");
        assert_eq!(code("\u{FEFF}\u{FEFF}{}"), "input.malformed");
        // Half an emoji, as JSON.stringify writes it: U+FFFD, as a binding reads the value.
        assert_eq!(
            parse_json::<Value>(r#"{"name": "陈思远\ud83d"}"#, 1024),
            Ok(json!({"name": "陈思远\u{FFFD}"}))
        );
        assert_eq!(code(r#"{"matter": "\ud83d\"}"#), "input.malformed");
        // Deep, but refused at its first token, before any depth is reached.
        assert_eq!(
            code(&format!("{}1{}", "[".repeat(200), "]".repeat(200))),
            "input.shape"
        );
    }
}
