//! Masking: how an identifier is shown wherever a person, a log or an error could see it.

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

/// `text` with every run of 6 or more digits (with a trailing `X`, as ID numbers end) masked
/// by [`mask_any`]: for messages that quote what a parser saw, so that a whole ID, phone or
/// card number never comes back.
///
/// ```
/// use doorstep::ids::mask_digit_runs;
/// assert_eq!(
///     mask_digit_runs("invalid type: integer `350205199003071239`"),
///     "invalid type: integer `350***********1239`"
/// );
/// assert_eq!(mask_digit_runs("line 12345"), "line 12345");
/// ```
pub fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= 6 {
            out.push_str(&mask_any(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || (matches!(c, 'X' | 'x') && !run.is_empty()) {
            run.push(c);
            if !c.is_ascii_digit() {
                flush(&mut run, &mut out);
            }
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}
