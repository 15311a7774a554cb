//! Mainland telephone numbers: mobile numbers and landlines with an area code.

use std::borrow::Cow;

use super::{IdError, IdFacts, IdKind, IdResult, first_bad, prepare};

/// Separators people write inside phone numbers.
fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'(' | b')')
}

/// The digits of `s` without separators and without a country code (+86, 0086).
/// `Err` holds the 1-based position of a character that is neither.
fn digits(s: &str) -> Result<Vec<u8>, IdError> {
    let rest = s.strip_prefix('+').unwrap_or(s);
    let offset = s.len() - rest.len();
    if let Some(p) = first_bad(rest.as_bytes(), |_, b| {
        b.is_ascii_digit() || is_separator(b)
    }) {
        return Err(IdError::Character {
            position: p + offset,
        });
    }
    Ok(rest.bytes().filter(u8::is_ascii_digit).collect())
}

/// Checks a mainland mobile number: 11 digits starting 13–19 (not 140–144, the numbers of
/// machines), optionally after +86, 0086 or 86, with spaces or hyphens anywhere. Normalised
/// to the 11 digits.
///
/// ```
/// use doorstep::ids::check_mobile;
/// assert_eq!(check_mobile("+86 139-1234-5678").unwrap().normalized, "13912345678");
/// assert_eq!(check_mobile("13912345678").unwrap().masked, "139****5678");
/// assert!(check_mobile("12912345678").is_err());
/// ```
pub fn check_mobile(value: &str) -> IdResult {
    mobile_normalized(value).map(|normalized| IdFacts::new(IdKind::Mobile, normalized.into_owned()))
}

/// The normalised mobile number [`check_mobile`] reports, or its problems; borrowed when
/// `value` is the eleven digits alone (trimmed).
pub(super) fn mobile_normalized(value: &str) -> Result<Cow<'_, str>, Vec<IdError>> {
    let s = prepare(value).map_err(|e| vec![e])?;
    if is_plain_mobile(s) {
        return Ok(Cow::Borrowed(s));
    }
    let mut all = digits(s).map_err(|e| vec![e])?;
    // A `+` is followed by a country code (E.164), as for landlines: `+1 391 234 5678`
    // is a number abroad, not the mainland 139 1234 5678.
    if s.starts_with('+') && !all.starts_with(b"86") && !all.starts_with(b"0086") {
        return Err(vec![IdError::MobilePrefix]);
    }
    let country = match all.len() {
        15 if all.starts_with(b"0086") => 4,
        13 if all.starts_with(b"86") => 2,
        _ => 0,
    };
    let national = all.get(country..).unwrap_or_default();
    if national.len() != 11 {
        return Err(vec![IdError::Length {
            expected: "11",
            actual: national.len(),
        }]);
    }
    if !has_mobile_prefix(national) {
        return Err(vec![IdError::MobilePrefix]);
    }
    // Digits only, so the vector becomes the text as it is, without a copy.
    all.drain(..country);
    Ok(Cow::Owned(String::from_utf8(all).unwrap_or_default()))
}

/// Whether the national number `digits` begins as an eleven-digit mobile number does: 13–19,
/// but not 140–144, which 《电信网编号计划（2017年版）》 gives to thirteen-digit numbers of
/// machines (物联网), never to a person's phone.
fn has_mobile_prefix(digits: &[u8]) -> bool {
    matches!(digits, [b'1', b'3'..=b'9', ..]) && !matches!(digits, [b'1', b'4', b'0'..=b'4', ..])
}

/// Whether `s` is a mobile number written the usual way: its eleven digits alone, with a
/// mobile prefix (valid as it stands).
pub(crate) fn is_plain_mobile(s: &str) -> bool {
    s.len() == 11 && s.bytes().all(|b| b.is_ascii_digit()) && has_mobile_prefix(s.as_bytes())
}

/// Whether `value` was dialled as a mobile number rather than a landline: its national
/// number (after +86, 0086, or 86 before eleven more digits) begins with 1, as every mobile
/// number and no landline does (area codes begin with 0, local numbers with 2–9). A field
/// taking either reports a wrong number as the kind it was meant to be.
pub(crate) fn dialled_as_mobile(value: &str) -> bool {
    let Ok(s) = prepare(value) else {
        return false;
    };
    let Ok(all) = digits(s) else {
        return false;
    };
    let national = match all.as_slice() {
        [b'0', b'0', b'8', b'6', rest @ ..] => rest,
        [b'8', b'6', rest @ ..] if rest.len() >= 11 || s.starts_with('+') => rest,
        all => all,
    };
    national.first() == Some(&b'1')
}

/// Checks a landline number with its area code: 010 or 02X followed by 8 digits, or a
/// four-digit area code 03XX–09XX followed by 7 or 8 digits; the local number starts 2–9.
/// A leading +86 or 0086 stands for the area code's 0. Normalised to `0592-6881234`.
///
/// ```
/// use doorstep::ids::check_landline;
/// let facts = check_landline("(0592) 688 1234").unwrap();
/// assert_eq!(facts.normalized, "0592-6881234");
/// assert_eq!(facts.area_code.as_deref(), Some("0592"));
/// assert!(check_landline("6881234").is_err());
/// ```
pub fn check_landline(value: &str) -> IdResult {
    let s = prepare(value).map_err(|e| vec![e])?;
    let mut all = digits(s).map_err(|e| vec![e])?;
    let international = s.starts_with('+') || all.starts_with(b"0086");
    if international {
        let country = if all.starts_with(b"0086") { 4 } else { 2 };
        if !all.starts_with(b"86") && country == 2 {
            return Err(vec![IdError::AreaCode]);
        }
        all.splice(..country, [b'0']);
    }
    let area_len = match all.as_slice() {
        [b'0', b'1', b'0', ..] | [b'0', b'2', ..] => 3,
        [b'0', b'3'..=b'9', ..] => 4,
        _ => return Err(vec![IdError::AreaCode]),
    };
    let (area, local) = all.split_at(area_len.min(all.len()));
    if area.len() < area_len {
        return Err(vec![IdError::AreaCode]);
    }
    let local_ok = match local {
        [b'2'..=b'9', ..] => local.len() == 8 || (area_len == 4 && local.len() == 7),
        _ => false,
    };
    if !local_ok {
        return Err(vec![IdError::LocalNumber]);
    }
    let area = String::from_utf8_lossy(area).into_owned();
    let normalized = format!("{area}-{}", String::from_utf8_lossy(local));
    let mut facts = IdFacts::new(IdKind::Landline, normalized);
    facts.area_code = Some(area);
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::{check_landline, check_mobile, dialled_as_mobile};
    use crate::Coded;

    /// After a `+` comes a country code: `+1 391 234 5678` is a number in the United States
    /// (E.164), not the mainland mobile 139 1234 5678, as a landline's `+` is read.
    #[test]
    fn a_plus_is_followed_by_the_country_code_86() {
        for value in ["+13912345678", "+1 391 234 5678", "+44 13912345678"] {
            let errors = check_mobile(value).expect_err(value);
            assert_eq!(
                errors.iter().map(Coded::code).collect::<Vec<_>>(),
                ["id.mobile.prefix"],
                "{value}"
            );
            assert!(check_landline(value).is_err(), "{value}");
        }
        for value in ["+8613912345678", "+86 139-1234-5678", "+0086 139 1234 5678"] {
            assert_eq!(
                check_mobile(value).map(|f| f.normalized).as_deref(),
                Ok("13912345678")
            );
        }
    }

    /// A number is dialled as a mobile when its national number begins with 1.
    #[test]
    fn mobile_numbers_are_told_from_landlines_by_their_first_digit() {
        for value in [
            "12912345678",
            "1391234567",
            "+86 139 1234 567",
            "008613912345",
            "86 13912345678",
        ] {
            assert!(dialled_as_mobile(value), "{value}");
        }
        for value in [
            "0592-688123",
            "6881234",
            "86123456",
            "+86 592 6881234",
            "",
            "abc",
        ] {
            assert!(!dialled_as_mobile(value), "{value}");
        }
    }
}
