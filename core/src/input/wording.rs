//! The detail of an `input.shape` error in each language. The parsers word it in English
//! (`serde`'s "missing field `name`", chrono's "input is out of range"); a clerk fixing a
//! catalogue reads Chinese, so the phrasings they use are put into Chinese here, the names
//! and values they quote kept as they are. A detail of this crate's own comes in both
//! languages already ([`bilingual`]). What is not recognised is shown as it is, in
//! parentheses, rather than guessed at.

use std::fmt::Write as _;

/// Separates the Chinese and the English of a detail given in both (an ASCII control
/// character, which [`escape_controls`] has taken out of every quoted value).
const SEPARATOR: char = '\u{1F}';

/// A detail in both languages, for a parser to carry as one message: it starts with the
/// separator, which no parser's own wording does.
pub(crate) fn bilingual(zh: &str, en: &str) -> String {
    format!(
        "{SEPARATOR}{}{SEPARATOR}{}",
        escape_controls(zh),
        escape_controls(en)
    )
}

/// The two languages of a [`bilingual`] detail.
fn split(detail: &str) -> Option<(&str, &str)> {
    detail.strip_prefix(SEPARATOR)?.split_once(SEPARATOR)
}

/// A parser's message as one line of printable text: a [`bilingual`] detail as it is (its
/// parts are), any other with its control characters escaped.
pub(crate) fn one_line(message: &str) -> String {
    match split(message) {
        Some(_) => message.to_owned(),
        None => escape_controls(message),
    }
}

/// `text` with its control characters written as escapes (`\u{0}`), so that a message
/// quoting a key or a value is one line of printable text, and a NUL never cuts a C string.
fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            // Writing to a `String` cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The detail as English readers see it.
pub(crate) fn english(detail: &str) -> String {
    match split(detail) {
        Some((_, en)) => en.to_owned(),
        None => chrono_en(detail).map_or_else(|| detail.to_owned(), str::to_owned),
    }
}

/// The detail in Chinese: `None` when it is a parser's phrasing not recognised here.
pub(crate) fn chinese(detail: &str) -> Option<String> {
    if let Some((zh, _)) = split(detail) {
        return Some(zh.to_owned());
    }
    let fixed = match detail {
        "input is out of range" => Some("日期或时间不存在"),
        "input contains invalid characters" => Some("日期或时间含有无效字符"),
        "premature end of input" => Some("日期或时间不完整"),
        "trailing input" => Some("日期或时间后有多余的字符"),
        "number out of range" => Some("数值超出范围"),
        "invalid unicode code point" => Some("无效的 Unicode 码位"),
        "unexpected end of hex escape" => Some("\\u 转义不完整"),
        "lone leading surrogate in hex escape" => Some("\\u 转义中有不成对的代理项"),
        "variant out of range" => Some("取值超出范围"),
        "duplicate key" => Some("键重复"),
        _ => None,
    };
    if let Some(fixed) = fixed {
        return Some(fixed.to_owned());
    }
    if let Some(field) = detail.strip_prefix("missing field ") {
        return Some(format!("缺少字段 {field}"));
    }
    if let Some(field) = detail.strip_prefix("duplicate field ") {
        return Some(format!("字段 {field} 重复"));
    }
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        return Some(unknown("未知字段", "可用字段", rest));
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        return Some(unknown("未知取值", "可选取值", rest));
    }
    for (prefix, what) in [
        ("invalid type: ", "类型不正确"),
        ("invalid value: ", "取值不正确"),
    ] {
        if let Some(rest) = detail.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ")?;
            return Some(format!(
                "{what}：{}，应为{}",
                value_zh(found),
                expected_zh(expected)
            ));
        }
    }
    if let Some(rest) = detail.strip_prefix("invalid length ") {
        let (length, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "长度 {length} 不正确，应为{}",
            expected_zh(expected)
        ));
    }
    None
}

/// chrono's wording of a date or a time it cannot read, saying that it is one.
fn chrono_en(detail: &str) -> Option<&'static str> {
    Some(match detail {
        "input is out of range" => "no such date or time (a field out of range)",
        "input contains invalid characters" => "a date or time with invalid characters",
        "premature end of input" => "a date or time cut short",
        "trailing input" => "a date or time followed by other characters",
        _ => return None,
    })
}

/// `` `name`, expected one of `a`, `b` `` (or `` expected `a` ``, `` expected `a` or `b` ``,
/// `there are no fields`) as "未知字段 `name`，可用字段：`a`、`b`".
fn unknown(what: &str, choices: &str, rest: &str) -> String {
    let (name, expected) = rest.split_once(", ").unwrap_or((rest, ""));
    let listed = expected
        .strip_prefix("expected one of ")
        .or_else(|| expected.strip_prefix("expected "))
        .map(|list| list.replace("`, `", "`、`").replace("` or `", "`、`"));
    match listed {
        Some(list) => format!("{what} {name}，{choices}：{list}"),
        None if expected.starts_with("there are no ") => format!("{what} {name}（此处不能有）"),
        None => format!("{what} {name}"),
    }
}

/// serde's name of the value found: an integer with its value in backticks, a string with
/// its value in quotes, `sequence`, `map`, ….
fn value_zh(found: &str) -> String {
    const KINDS: [(&str, &str); 9] = [
        ("boolean", "布尔值"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("string", "字符串"),
        ("character", "字符"),
        ("sequence", "数组"),
        ("map", "对象"),
        ("null", "null"),
        ("unit value", "null"),
    ];
    for (en, zh) in KINDS {
        if let Some(rest) = found.strip_prefix(en) {
            if rest.is_empty() || rest.starts_with(' ') {
                return format!("{zh}{rest}");
            }
        }
    }
    found.to_owned()
}

/// What was expected, as serde and this crate's readers word it.
fn expected_zh(expected: &str) -> String {
    let named = match expected {
        "a string" | "a borrowed string" => Some("字符串"),
        "a boolean" => Some("布尔值"),
        "a sequence" => Some("数组"),
        "a map" | "a JSON object" => Some("对象"),
        "u8" | "u16" | "u32" | "u64" | "usize" => Some("非负整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" => Some("整数"),
        "f32" | "f64" => Some("数值"),
        "unit" => Some("null"),
        _ => None,
    };
    match named {
        Some(zh) => zh.to_owned(),
        None => match expected.strip_prefix("struct ") {
            Some(name) => format!("对象（{name}）"),
            None => match expected.strip_prefix("enum ") {
                Some(name) => format!("取值之一（{name}）"),
                None => format!(" {expected}"),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_phrasings_are_put_into_chinese_with_what_they_quote() {
        let zh = |d: &str| chinese(d).unwrap_or_else(|| format!("? {d}"));
        assert_eq!(zh("missing field `example`"), "缺少字段 `example`");
        assert_eq!(zh("duplicate field `code`"), "字段 `code` 重复");
        assert_eq!(zh("duplicate key"), "键重复");
        assert_eq!(
            zh("unknown field `nmae`, expected one of `code`, `name`, `type`"),
            "未知字段 `nmae`，可用字段：`code`、`name`、`type`"
        );
        assert_eq!(
            zh("unknown field `x`, expected `a` or `b`"),
            "未知字段 `x`，可用字段：`a`、`b`"
        );
        assert_eq!(
            zh("unknown field `x`, there are no fields"),
            "未知字段 `x`（此处不能有）"
        );
        assert_eq!(
            zh("unknown variant `sign`, expected one of `accept`, `decide`"),
            "未知取值 `sign`，可选取值：`accept`、`decide`"
        );
        assert_eq!(
            zh("invalid type: integer `1`, expected a string"),
            "类型不正确：整数 `1`，应为字符串"
        );
        assert_eq!(
            zh("invalid value: integer `-1`, expected u32"),
            "取值不正确：整数 `-1`，应为非负整数"
        );
        assert_eq!(
            zh("invalid type: sequence, expected struct Catalog"),
            "类型不正确：数组，应为对象（Catalog）"
        );
        assert_eq!(
            zh("invalid type: null, expected a date YYYY-MM-DD"),
            "类型不正确：null，应为 a date YYYY-MM-DD"
        );
        assert_eq!(zh("input is out of range"), "日期或时间不存在");
        assert_eq!(
            english("input is out of range"),
            "no such date or time (a field out of range)"
        );
        assert_eq!(chinese("something else entirely"), None);
        assert_eq!(
            english("something else entirely"),
            "something else entirely"
        );
    }

    #[test]
    fn a_detail_of_our_own_is_in_both_languages_and_one_line() {
        let both = bilingual("运算符“a\u{0}b”不存在", "Unknown operator \"a\u{0}b\"");
        assert_eq!(chinese(&both).as_deref(), Some("运算符“a\\u{0}b”不存在"));
        assert_eq!(english(&both), "Unknown operator \"a\\u{0}b\"");
        assert_eq!(escape_controls("a\u{1b}[31m\nb"), "a\\u{1b}[31m\\u{a}b");
        assert_eq!(escape_controls("林小红"), "林小红");
        assert_eq!(one_line(&both), both);
        // A quoted key holding the separator is not taken for a detail in two languages.
        let quoted = one_line("unknown field `a\u{1f}b`");
        assert_eq!(quoted, "unknown field `a\\u{1f}b`");
        assert_eq!(chinese(&quoted).as_deref(), Some("未知字段 `a\\u{1f}b`"));
    }
}
