//! Values seen the way JavaScript sees them, since `JsonLogic`'s meaning is its reference
//! implementation's: truthiness, `ToNumber`, `parseFloat`, `String()`, `==` and `<`.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;

use super::MAX_DEPTH;
use super::compile::Op;

/// A value while a rule runs: JSON the rule built, JSON borrowed from the data or the rule
/// (no copy for a `var` or a literal), or a number the rule computed, which may be NaN or
/// ±Infinity as in JavaScript (`{"+": ["abc"]}`, `{"/": [1, 0]}`) until it is written out.
#[derive(Debug, Clone)]
pub(super) enum Val<'a> {
    Json(Value),
    Ref(&'a Value),
    Num(f64),
    /// Text a domain operator gave (`"male"`, a birth date), held without allocating.
    Short(Short),
}

/// ASCII text of up to [`Short::MAX`] bytes, inline.
#[derive(Debug, Clone, Copy)]
pub(super) struct Short {
    bytes: [u8; Short::MAX],
    len: u8,
}

impl Short {
    const MAX: usize = 15;

    /// `text`, when it is ASCII and short enough.
    pub(super) fn new(text: &[u8]) -> Option<Self> {
        let mut bytes = [0; Self::MAX];
        bytes.get_mut(..text.len())?.copy_from_slice(text);
        let len = u8::try_from(text.len()).ok()?;
        text.is_ascii().then_some(Self { bytes, len })
    }

    pub(super) fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl Val<'_> {
    /// The value as JSON; NaN and ±Infinity become `null`, as `JSON.stringify` writes them.
    pub(super) fn into_json(self) -> Value {
        match self {
            Self::Json(value) => value,
            Self::Ref(value) => value.clone(),
            Self::Num(f) => number(f),
            Self::Short(s) => Value::String(s.as_str().to_owned()),
        }
    }

    /// The value, no longer borrowing anything.
    pub(super) fn into_owned(self) -> Val<'static> {
        match self {
            Self::Json(value) => Val::Json(value),
            Self::Ref(value) => Val::Json(value.clone()),
            Self::Num(f) => Val::Num(f),
            Self::Short(s) => Val::Short(s),
        }
    }

    pub(super) fn view(&self) -> View<'_> {
        match self {
            Self::Json(value) => View::of(value),
            Self::Ref(value) => View::of(value),
            Self::Num(f) => View::Num(*f),
            Self::Short(s) => View::Str(s.as_str()),
        }
    }

    /// The items, when the value is an array.
    pub(super) fn array(&self) -> Option<&[Value]> {
        match self {
            Self::Json(Value::Array(items)) | Self::Ref(Value::Array(items)) => Some(items),
            _ => None,
        }
    }
}

impl From<bool> for Val<'_> {
    fn from(b: bool) -> Self {
        Self::Json(Value::Bool(b))
    }
}

/// A value by kind, borrowed, with every number an f64.
#[derive(Clone, Copy)]
pub(super) enum View<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    Array(&'a [Value]),
    Object,
}

impl<'a> View<'a> {
    pub(super) fn of(value: &'a Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => Self::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Self::Str(s),
            Value::Array(items) => Self::Array(items),
            Value::Object(_) => Self::Object,
        }
    }
}

/// `JsonLogic` truthiness: `false`, `null`, `0`, NaN, `""` and `[]` are false, everything
/// else (including `"0"` and `{}`) is true.
pub(super) fn truthy(value: View<'_>) -> bool {
    match value {
        View::Null => false,
        View::Bool(b) => b,
        View::Num(f) => f != 0.0 && !f.is_nan(),
        View::Str(s) => !s.is_empty(),
        View::Array(items) => !items.is_empty(),
        View::Object => true,
    }
}

/// A number as a JSON value: integral values as integers (`1`, not `1.0`), values JSON
/// cannot hold (NaN, ±Infinity) as `null`.
pub(crate) fn number(f: f64) -> Value {
    /// 2^53: up to here every integer is exact in an f64.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if f.is_finite() && f.fract() == 0.0 && f.abs() <= EXACT {
        // In range and integral, so the conversion is exact; -0 becomes 0.
        #[allow(clippy::cast_possible_truncation)]
        return Value::from(f as i64);
    }
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// JavaScript `ToNumber`.
pub(super) fn to_number(value: View<'_>) -> f64 {
    match value {
        View::Null => 0.0,
        View::Bool(b) => f64::from(u8::from(b)),
        View::Num(f) => f,
        View::Str(s) => str_to_number(s),
        View::Array(_) | View::Object => str_to_number(&to_string(value)),
    }
}

/// Whitespace as JavaScript trims it (ECMAScript's `WhiteSpace` and `LineTerminator`):
/// Unicode's `White_Space` with U+FEFF, but without U+0085, which is not a space to
/// JavaScript.
fn is_space(c: char) -> bool {
    (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}'
}

/// JavaScript `ToNumber` of a string: decimal, `0x`/`0o`/`0b` integers, `Infinity`;
/// blank is 0, anything else NaN.
fn str_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_space);
    if t.is_empty() {
        return 0.0;
    }
    let radix = match t.get(..2) {
        Some("0x" | "0X") => 16,
        Some("0o" | "0O") => 8,
        Some("0b" | "0B") => 2,
        _ => 10,
    };
    if radix != 10 {
        let digits = t.get(2..).unwrap_or_default();
        if digits.is_empty() {
            return f64::NAN;
        }
        return digits
            .chars()
            .try_fold(0.0, |n, c| {
                c.to_digit(radix)
                    .map(|d| n * f64::from(radix) + f64::from(d))
            })
            .unwrap_or(f64::NAN);
    }
    // `t` is not empty, so a length of 0 (no number) never equals it.
    match decimal(t) {
        (len, n) if len == t.len() => n,
        _ => f64::NAN,
    }
}

/// JavaScript `parseFloat`: the longest decimal number at the start of `String(value)`.
pub(super) fn parse_float(value: View<'_>) -> f64 {
    if let View::Num(f) = value {
        return f;
    }
    let text = to_string(value);
    decimal(text.trim_start_matches(is_space)).1
}

/// The decimal number (`-1.5e3`, `.5`, `5.`, `Infinity`) at the start of `t`: its length and
/// value, or `(0, NaN)` when `t` does not start with one. (No `Option` here: valgrind
/// flagged LLVM's reordering of the tag test after the payload compare in an earlier version.)
///
/// Read by `serde_json` once rewritten as JSON writes numbers, rather than by `str::parse`,
/// whose tables would add 14 KB (gzipped) to the WASM package; a string and the JSON number
/// it spells are then always the same f64.
fn decimal(t: &str) -> (usize, f64) {
    let bytes = t.as_bytes();
    let digits_from = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let negative = bytes.first() == Some(&b'-');
    let sign = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let signed = |f: f64| if negative { -f } else { f };
    if t.get(sign..)
        .is_some_and(|rest| rest.starts_with("Infinity"))
    {
        return (sign + 8, signed(f64::INFINITY));
    }
    let int_end = digits_from(sign);
    let (frac_start, mut end) = (int_end + 1, int_end);
    if bytes.get(int_end) == Some(&b'.') {
        end = digits_from(frac_start);
    }
    let int = t.get(sign..int_end).unwrap_or_default();
    let frac = t.get(frac_start.min(end)..end).unwrap_or_default();
    if int.is_empty() && frac.is_empty() {
        return (0, f64::NAN);
    }
    let mut exponent = "";
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let exp_digits = end + 1 + usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exp_end = digits_from(exp_digits);
        if exp_end > exp_digits {
            exponent = t.get(end + 1..exp_end).unwrap_or_default();
            end = exp_end;
        }
    }
    // As JSON: no leading zeros, digits on both sides of the point.
    let int = int.trim_start_matches('0');
    let json = format!(
        "{}{}{}{}{exponent}",
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." },
        frac,
        if exponent.is_empty() { "" } else { "e" },
    );
    // serde_json refuses only numbers too large for an f64, which JavaScript reads as infinite.
    let n = serde_json::from_str::<f64>(&json).unwrap_or(f64::INFINITY);
    (end, signed(n))
}

/// JavaScript `String(value)`: arrays joined with commas (`null` items empty), objects
/// `[object Object]`. Arrays nested deeper than [`MAX_DEPTH`] are cut off.
pub(super) fn to_string(value: View<'_>) -> Cow<'_, str> {
    if let View::Str(s) = value {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    write_string(value, &mut out, 0);
    Cow::Owned(out)
}

fn write_string(value: View<'_>, out: &mut String, depth: usize) {
    match value {
        View::Null => out.push_str("null"),
        View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        View::Num(f) => out.push_str(&number_to_string(f)),
        View::Str(s) => out.push_str(s),
        View::Array(items) if depth < MAX_DEPTH => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if !item.is_null() {
                    write_string(View::of(item), out, depth + 1);
                }
            }
        }
        View::Array(_) => {}
        View::Object => out.push_str("[object Object]"),
    }
}

/// JavaScript `Number.prototype.toString()`: plain decimals from 1e-6 up to 1e21,
/// exponent notation outside (`1e+21`, `1e-7`).
///
/// The shortest digits come from `serde_json` (ryu) rather than from `Display`, which
/// would add the float formatting of `core` to the WASM package.
pub(crate) fn number_to_string(f: f64) -> String {
    let Some(written) = serde_json::Number::from_f64(f).map(|n| n.to_string()) else {
        return if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into();
    };
    // `written` is `[-]I[.F][e[-]X]`: find the digits d1…dk and n with f = 0.d1…dk × 10^n.
    let (mantissa, exp) = written.split_once('e').unwrap_or((&written, "0"));
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let digits = all.trim_start_matches('0');
    let leading_zeros = i64::try_from(all.len() - digits.len()).unwrap_or(0);
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        return "0".into();
    }
    let k = i64::try_from(digits.len()).unwrap_or(0);
    let n = i64::try_from(int.len()).unwrap_or(0) + exp.parse::<i64>().unwrap_or(0) - leading_zeros;
    let zeros = |count: i64| "0".repeat(usize::try_from(count).unwrap_or(0));
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", zeros(n - k))
    } else if 0 < n && n <= 21 {
        let (whole, part) = digits.split_at(usize::try_from(n).unwrap_or(0));
        format!("{whole}.{part}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", zeros(-n))
    } else {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let sign = if n > 0 { "+" } else { "-" };
        format!("{first}{point}{rest}e{sign}{}", (n - 1).abs())
    };
    if negative { format!("-{body}") } else { body }
}

/// A value reduced to a primitive for `==` and `<` (JavaScript `ToPrimitive`): arrays and
/// objects become strings.
enum Primitive<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
}

impl<'a> Primitive<'a> {
    fn of(value: View<'a>) -> Self {
        match value {
            View::Null => Self::Null,
            View::Bool(b) => Self::Bool(b),
            View::Num(f) => Self::Num(f),
            View::Str(s) => Self::Str(Cow::Borrowed(s)),
            View::Array(_) | View::Object => Self::Str(to_string(value)),
        }
    }

    fn to_number(&self) -> f64 {
        match self {
            Self::Null => 0.0,
            Self::Bool(b) => f64::from(u8::from(*b)),
            Self::Num(f) => *f,
            Self::Str(s) => str_to_number(s),
        }
    }
}

/// JavaScript `a == b`. Two arrays or objects are never equal: JavaScript compares them by
/// identity, and every array a rule builds is a new one.
pub(super) fn loose_eq(a: View<'_>, b: View<'_>) -> bool {
    match (a, b) {
        (View::Null, View::Null) => true,
        // The usual cases, sooner (what the general case below gives them too).
        (View::Str(x), View::Str(y)) => x == y,
        (View::Bool(x), View::Bool(y)) => x == y,
        (View::Num(x), View::Num(y)) => x == y,
        (View::Null, _)
        | (_, View::Null)
        | (View::Array(_) | View::Object, View::Array(_) | View::Object) => false,
        _ => match (Primitive::of(a), Primitive::of(b)) {
            (Primitive::Str(x), Primitive::Str(y)) => x == y,
            (Primitive::Bool(x), Primitive::Bool(y)) => x == y,
            (x, y) => x.to_number() == y.to_number(),
        },
    }
}

/// JavaScript `a === b` (arrays and objects: never equal, as for [`loose_eq`]).
pub(super) fn strict_eq(a: View<'_>, b: View<'_>) -> bool {
    match (a, b) {
        (View::Null, View::Null) => true,
        (View::Bool(x), View::Bool(y)) => x == y,
        (View::Num(x), View::Num(y)) => x == y,
        (View::Str(x), View::Str(y)) => x == y,
        _ => false,
    }
}

/// What a comparison operator ([`Op::compares`]) gives for two values.
pub(super) fn compared(op: Op, a: View<'_>, b: View<'_>) -> bool {
    match op {
        Op::Eq => loose_eq(a, b),
        Op::Ne => !loose_eq(a, b),
        Op::StrictEq => strict_eq(a, b),
        Op::StrictNe => !strict_eq(a, b),
        Op::Gt => compare(a, b) == Some(Ordering::Greater),
        Op::Ge => matches!(compare(a, b), Some(Ordering::Greater | Ordering::Equal)),
        Op::Lt => compare(a, b) == Some(Ordering::Less),
        Op::Le => matches!(compare(a, b), Some(Ordering::Less | Ordering::Equal)),
        Op::In => is_in(a, b),
        _ => false,
    }
}

/// `in`: whether `a` is in the text or array `b` (JavaScript: `""` is falsy, so nothing
/// is in it; an array holds `a` when an item is `===` to it).
pub(super) fn is_in(a: View<'_>, b: View<'_>) -> bool {
    match b {
        View::Str(haystack) => !haystack.is_empty() && haystack.contains(to_string(a).as_ref()),
        View::Array(items) => items.iter().any(|item| strict_eq(a, View::of(item))),
        _ => false,
    }
}

/// JavaScript's abstract relational comparison: strings by UTF-16 code units when both
/// sides are strings (after arrays become strings), numbers otherwise; `None` when a side
/// is NaN, so that every comparison is false.
pub(super) fn compare(a: View<'_>, b: View<'_>) -> Option<Ordering> {
    match (Primitive::of(a), Primitive::of(b)) {
        (Primitive::Str(x), Primitive::Str(y)) => Some(x.encode_utf16().cmp(y.encode_utf16())),
        (x, y) => x.to_number().partial_cmp(&y.to_number()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_from_strings_as_javascript_does() {
        let cases = [
            ("", 0.0),
            ("  \t", 0.0),
            (" 12 ", 12.0),
            ("5.", 5.0),
            (".5", 0.5),
            ("-.5e1", -5.0),
            ("+3", 3.0),
            ("0x1f", 31.0),
            ("0b101", 5.0),
            ("0o17", 15.0),
            ("-Infinity", f64::NEG_INFINITY),
            ("007", 7.0),
            ("-0", -0.0),
            ("1e400", f64::INFINITY),
            ("-1e400", f64::NEG_INFINITY),
            ("1e-400", 0.0),
            ("123456789012345678901234567890", 1.234_567_890_123_456_8e29),
        ];
        for (text, n) in cases {
            assert_eq!(str_to_number(text).to_bits(), n.to_bits(), "{text:?}");
        }
        for text in [
            "abc", "1e", ".", "inf", "NaN", "nan", "1_000", "0x", "-0x10", "1 2",
        ] {
            assert!(str_to_number(text).is_nan(), "{text:?}");
        }
    }

    #[test]
    fn parse_float_reads_a_leading_number() {
        let cases = [
            ("12px", 12.0),
            ("  -3.5e2x", -350.0),
            ("1e", 1.0),
            ("1e+", 1.0),
            (".5.5", 0.5),
            ("-.5", -0.5),
            ("Infinityx", f64::INFINITY),
            ("0x10", 0.0),
        ];
        for (text, n) in cases {
            assert_eq!(
                parse_float(View::Str(text)).to_bits(),
                n.to_bits(),
                "{text:?}"
            );
        }
        for text in ["", "-", ".", "e5", "abc", "+-1"] {
            assert!(parse_float(View::Str(text)).is_nan(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_javascript_does() {
        let cases = [
            (1.0, "1"),
            (-0.0, "0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (0.000_001, "0.000001"),
            (1e-7, "1e-7"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (n, text) in cases {
            assert_eq!(number_to_string(n), text);
        }
    }
}
