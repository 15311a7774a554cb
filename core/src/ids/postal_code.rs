//! 邮政编码: six digits; the first two name a province-level postal zone (01–86).

use super::{IdError, IdFacts, IdKind, IdResult, digit, first_bad, prepare};

/// Checks a postal code.
///
/// ```
/// use doorstep::ids::check_postal_code;
/// assert!(check_postal_code("361026").is_ok()); // Haicang, Xiamen
/// assert!(check_postal_code("961026").is_err());
/// ```
pub fn check_postal_code(value: &str) -> IdResult {
    postal_code_normalized(value)
        .map(|normalized| IdFacts::new(IdKind::PostalCode, normalized.to_owned()))
}

/// The normalised postal code [`check_postal_code`] reports (the code trimmed), or its
/// problems.
pub(super) fn postal_code_normalized(value: &str) -> Result<&str, Vec<IdError>> {
    let s = prepare(value).map_err(|e| vec![e])?;
    if is_plain_postal_code(s) {
        return Ok(s);
    }
    // Why not, the first reason found.
    let b = s.as_bytes();
    if b.len() != 6 {
        return Err(vec![IdError::Length {
            expected: "6",
            actual: b.len(),
        }]);
    }
    if let Some(position) = first_bad(b, |_, c| c.is_ascii_digit()) {
        return Err(vec![IdError::Character { position }]);
    }
    // Six digits: the zone is out of range.
    Err(vec![IdError::PostalRange])
}

/// Whether `s` is a valid postal code as it stands: six digits alone, the first two a
/// zone 01–86. The form's verdict takes it first, as mobile numbers' `is_plain_mobile`.
pub(crate) fn is_plain_postal_code(s: &str) -> bool {
    let bytes = s.as_bytes();
    let &[a, b, ..] = bytes else { return false };
    bytes.len() == 6
        && bytes.iter().all(u8::is_ascii_digit)
        && (1..=86).contains(&(digit(a) * 10 + digit(b)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{is_plain_postal_code, postal_code_normalized};

    #[test]
    fn plain_postal_codes() {
        assert!(is_plain_postal_code("361026"));
        assert!(is_plain_postal_code("010000"));
        assert!(is_plain_postal_code("860000"));
        for not in [
            "000000", "870000", "961026", "36102", "3610260", " 361026", "36102a", "",
        ] {
            assert!(!is_plain_postal_code(not), "{not}");
        }
    }

    proptest! {
        /// A plain code is exactly one the full check keeps as written.
        #[test]
        fn plain_is_valid_as_written(s in "[0-9]{6}|[0-9 a９]{0,8}") {
            prop_assert_eq!(is_plain_postal_code(&s), postal_code_normalized(&s) == Ok(s.as_str()));
        }
    }
}
