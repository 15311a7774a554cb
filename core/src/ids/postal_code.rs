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
    let zone = b.iter().take(2).fold(0, |acc, &c| acc * 10 + digit(c));
    if !(1..=86).contains(&zone) {
        return Err(vec![IdError::PostalRange]);
    }
    Ok(s)
}
