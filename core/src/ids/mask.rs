//! Masking: how an identifier is shown wherever a person, a log or an error could see it.

use serde_json::Value;

use super::IdKind;

/// `keep_start` characters, then `*` for the middle, then `keep_end` characters.
fn keep(value: &str, keep_start: usize, keep_end: usize) -> String {
    if value.is_ascii() {
        // Normalised identifiers are ASCII: mask bytes, one allocation.
        let n = value.len();
        if n <= keep_start + keep_end {
            return "*".repeat(n);
        }
        let mut out = String::with_capacity(n);
        out.push_str(value.get(..keep_start).unwrap_or_default());
        out.extend(std::iter::repeat_n('*', n - keep_start - keep_end));
        out.push_str(value.get(n - keep_end..).unwrap_or_default());
        return out;
    }
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let end = chars.len() - keep_end;
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < keep_start || i >= end { c } else { '*' })
        .collect()
}

/// Masks a normalised identifier of the given kind.
///
/// Personal numbers are masked: resident IDs and residence permits keep the address code and
/// the last four characters, mobiles the first three and last four digits, bank cards the
/// first and last four, landlines the area code and last four. Codes of organisations
/// (credit codes, organisation codes) and postal codes are public and shown whole.
///
/// ```
/// use doorstep::ids::{IdKind, mask};
/// assert_eq!(mask(IdKind::ResidentId, "35020519900101123X"), "350205********123X");
/// assert_eq!(mask(IdKind::Mobile, "13912341234"), "139****1234");
/// ```
pub fn mask(kind: IdKind, normalized: &str) -> String {
    match kind {
        IdKind::ResidentId | IdKind::ResidencePermit => keep(normalized, 6, 4),
        IdKind::Mobile => keep(normalized, 3, 4),
        IdKind::BankCard => keep(normalized, 4, 4),
        IdKind::Landline => match normalized.split_once('-') {
            Some((area, local)) => format!("{area}-{}", keep(local, 0, 4)),
            None => keep(normalized, 4, 4),
        },
        IdKind::CreditCode | IdKind::OrgCode | IdKind::PostalCode => normalized.to_owned(),
    }
}

/// Masks a value of unknown kind (for `Debug` output and logs): keeps at most the first
/// three and last four characters, and only when at least half the value stays hidden.
///
/// ```
/// use doorstep::ids::mask_any;
/// assert_eq!(mask_any("11010519491231002X"), "110***********002X");
/// assert_eq!(mask_any("12345"), "*****");
/// ```
pub fn mask_any(value: &str) -> String {
    let n = value.chars().count();
    if n >= 14 {
        keep(value, 3, 4)
    } else {
        keep(value, 0, 0)
    }
}

/// `text` with every run of 6 or more digits masked by [`mask_any`] — spaces, hyphens and
/// brackets may stand between two of its digits (`139 1234 5678`, `(0592) 688-1234`), as
/// the identifier checks take them, and an `X` may end it, as ID numbers end: for messages that quote what a parser saw and for free text people
/// wrote, so that a whole ID, phone or card number never comes back.
///
/// ```
/// use doorstep::ids::mask_digit_runs;
/// assert_eq!(
///     mask_digit_runs("invalid type: integer `350205199003071239`"),
///     "invalid type: integer `350***********1239`"
/// );
/// assert_eq!(mask_digit_runs("call 139 1234 5678"), "call *************");
/// assert_eq!(mask_digit_runs("line 12345"), "line 12345");
/// ```
pub fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
        let (len, digits) = digit_run(rest);
        if digits >= 6 {
            // A run is ASCII: it starts and ends on character boundaries.
            out.push_str(text.get(done..i).unwrap_or_default());
            out.push_str(&mask_any(text.get(i..i + len).unwrap_or_default()));
            done = i + len;
        }
        i += len.max(1);
    }
    out.push_str(text.get(done..).unwrap_or_default());
    out
}

/// The length in bytes of the digit run `bytes` starts with (digits, spaces, hyphens and
/// brackets between two of them, an `X` at the end) and how many digits it has. Digits and
/// the `X` may be full-width (U+FF10–U+FF19, U+FF38, U+FF58), as a Chinese input method
/// types them: such a number is as much a person's as one in ASCII.
fn digit_run(bytes: &[u8]) -> (usize, usize) {
    let (mut len, mut digits) = (0, 0);
    loop {
        let rest = bytes.get(len..).unwrap_or_default();
        match rest {
            [b'0'..=b'9', ..] => (len, digits) = (len + 1, digits + 1),
            [0xEF, 0xBC, 0x90..=0x99, ..] => (len, digits) = (len + 3, digits + 1),
            [b' ' | b'-' | b'(' | b')', ..] if digits > 0 => {
                // Separators between two digits, as many as the identifier checks take
                // (`0592 - 688 - 1234`, `139  1234  5678`).
                let gap = rest
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'-' | b'(' | b')'))
                    .count();
                match rest.get(gap..).unwrap_or_default() {
                    [b'0'..=b'9', ..] | [0xEF, 0xBC, 0x90..=0x99, ..] => len += gap,
                    _ => return (len, digits),
                }
            }
            [b'X' | b'x', ..] if digits > 0 => return (len + 1, digits),
            [0xEF, 0xBC, 0xB8, ..] | [0xEF, 0xBD, 0x98, ..] if digits > 0 => {
                return (len + 3, digits);
            }
            _ => return (len, digits),
        }
    }
}

/// `value` (an applicant's answer, a report's normalised answer, the data a rule reads) as a
/// `Debug` output or a log line may show it: its shape and keys (their runs of digits masked
/// as [`mask_digit_runs`] masks them, so that two keys can show as one), with every value
/// that could tell who the person is masked. A text with a character outside ASCII (a name, an
/// address, a name beside a phone number) keeps its first character only; any other text
/// holding a number of six digits or more — an ID, phone or card number, a date, even
/// grouped by spaces or hyphens — is masked as [`mask_any`] masks; an e-mail address keeps
/// its domain; a number of six digits or more becomes its masked text. Short ASCII codes
/// (`"male"`, `"post"`) and booleans stay.
///
/// ```
/// use doorstep::ids::mask_json;
/// use serde_json::json;
/// let answer = json!({
///     "applicantName": "林晓燕",
///     "applicantId": "350205199205120027",
///     "applicantMobile": "139 1234 5678",
///     "childSex": "male",
///     "birthWeight": 3350
/// });
/// assert_eq!(
///     mask_json(&answer).to_string(),
///     r#"{"applicantId":"350***********0027","applicantMobile":"*************","applicantName":"林**","birthWeight":3350,"childSex":"male"}"#
/// );
/// ```
pub fn mask_json(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(mask_text(text)),
        Value::Number(n) => {
            let text = n.to_string();
            if text.bytes().filter(u8::is_ascii_digit).count() >= 6 {
                Value::String(mask_any(&text))
            } else {
                value.clone()
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(mask_json).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, v)| (mask_digit_runs(key), mask_json(v)))
                .collect(),
        ),
        Value::Null | Value::Bool(_) => value.clone(),
    }
}

/// A JSON value that shows as [`mask_json`] masks it, for the `Debug` output of a type
/// holding an applicant's data.
pub struct Masked<'a>(pub &'a Value);

impl std::fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", mask_json(self.0))
    }
}

/// One text as [`mask_json`] shows it.
pub(crate) fn mask_text(text: &str) -> String {
    if !text.is_ascii() {
        // A name, an address, full-width digits: whatever number it holds too, for
        // `mask_any` would keep its first three characters, a whole name beside a number.
        keep(text, 1, 0)
    } else if holds_long_number(text) {
        mask_any(text)
    } else if let Some((local, domain)) = text.split_once('@') {
        format!("{}@{domain}", keep(local, 1, 0))
    } else {
        text.to_owned()
    }
}

/// Whether `text` holds a run of six digits or more, as [`mask_digit_runs`] finds runs
/// (`139 1234 5678`, `2024-08-01`).
fn holds_long_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
        let (len, digits) = digit_run(rest);
        if digits >= 6 {
            return true;
        }
        i += len.max(1);
    }
    false
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::{holds_long_number, mask_digit_runs, mask_json};

    /// Full-width digits (as a Chinese input method types them) are digits too: a review
    /// note or a parser's message quoting `３５０２０５１９９００３０７１２３９` must not show it.
    #[test]
    fn full_width_digit_runs_are_masked() {
        assert_eq!(
            mask_digit_runs(
                "身份证３５０２０５１９９００３０７１２３Ｘ，电话１３９ １２３４ ５６７８"
            ),
            "身份证３５０***********１２３Ｘ，电话*************"
        );
        assert_eq!(mask_digit_runs("第１２３４５号"), "第１２３４５号");
    }

    /// A name written next to a number (an emergency contact, a note) keeps only its first
    /// character, as a name alone does: masking the number as [`mask_any`] would keep the
    /// first three characters, a whole name.
    #[test]
    fn a_name_beside_a_number_is_not_shown_whole() {
        for text in [
            "林晓燕 13912345678",
            "林晓燕13912345678",
            "陈思远：350205199003071239",
        ] {
            let shown = mask_json(&json!(text)).to_string();
            assert!(
                !shown.contains("晓燕") && !shown.contains("思远"),
                "{text} -> {shown}"
            );
            assert!(
                !shown.contains("5678") || !shown.contains("139"),
                "{text} -> {shown}"
            );
        }
    }

    #[test]
    fn long_numbers_are_found_grouped_or_not() {
        for text in [
            "123456",
            "139 1234 5678",
            "0592-6881234",
            "2024-08-01",
            "a350205199x",
            "12 34  56",
            "1-2--3456",
            "139  1234  5678",
            "0592 - 688 - 1234",
            "(0592) 688 1234",
            "4111  1111  1111  1111",
        ] {
            assert!(holds_long_number(text), "{text}");
        }
        for text in ["12345", "12 34 a 56", "post", "F-12-3", "123 -x456"] {
            assert!(!holds_long_number(text), "{text}");
        }
    }

    #[test]
    fn names_addresses_and_mail_keep_a_first_character() {
        let masked = mask_json(&json!([
            "陈思远",
            "厦门市海沧区 沧林东路",
            "someone@example.com",
            13_912_345_678_u64,
            2.5,
            null,
            true
        ]));
        assert_eq!(
            masked,
            json!([
                "陈**",
                "厦**********",
                "s******@example.com",
                "***********",
                2.5,
                null,
                true
            ])
        );
    }

    proptest! {
        /// Masking digit runs leaves no run of six digits, and changes nothing else: a text
        /// without one comes back as it was, a text with one keeps its length in characters.
        #[test]
        fn digit_runs_are_masked_and_nothing_else(text in "[0-9 \\-()Xx林a]{0,40}") {
            let masked = super::mask_digit_runs(&text);
            prop_assert!(!holds_long_number(&masked), "{} -> {}", text, masked);
            if holds_long_number(&text) {
                prop_assert_eq!(masked.chars().count(), text.chars().count());
            } else {
                prop_assert_eq!(masked, text);
            }
        }

        /// A number of six digits or more, grouped by spaces, hyphens or brackets or not,
        /// never shows whole, wherever it is in the value, nor as a key.
        #[test]
        fn no_number_shows_whole(
            digits in "[0-9]{6,19}",
            groups in prop::collection::vec(prop::sample::select(vec!["", " ", "-", "  ", " - ", ") ", "--"]), 19),
            around in "[a-z林 ]{0,3}",
        ) {
            let mut text = around.clone();
            for (i, d) in digits.chars().enumerate() {
                text.push(d);
                if let Some(sep) = groups.get(i).filter(|_| i + 1 < digits.len()) {
                    text.push_str(sep);
                }
            }
            text.push_str(&around);
            let shown = mask_json(&json!({"k": [text.clone(), {"n": digits.parse::<u64>().ok()}], text.clone(): 1})).to_string();
            prop_assert!(!shown.contains(&digits), "{} shows {}", shown, digits);
            prop_assert!(!shown.contains(text.trim()), "{} shows {}", shown, text);
        }
    }
}
