//! 组织机构代码 (GB 11714): eight body characters and a check character.

use super::{IdError, IdFacts, IdKind, IdResult, first_bad, prepare};

/// GB 11714 weights for the eight body characters.
const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The value of a body character: digits 0–9, letters A–Z 10–35.
fn value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        _ => u32::from(b.to_ascii_uppercase().wrapping_sub(b'A')) + 10,
    }
}

/// The check character of an eight-character body: c = 11 − (Σ mod 11), 10 → X, 11 → 0.
pub(super) fn check_char(body: &[u8]) -> u8 {
    let sum: u32 = body.iter().zip(WEIGHTS).map(|(&b, w)| value(b) * w).sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        // c is 1..=9 here.
        c => b'0' + u8::try_from(c).unwrap_or(0),
    }
}

/// Checks an organisation code, written with or without the hyphen before the check
/// character (`71526726-X` or `71526726X`); lower-case letters are accepted.
///
/// ```
/// use doorstep::ids::check_org_code;
/// assert_eq!(check_org_code("71526726-x").unwrap().normalized, "71526726X");
/// assert!(check_org_code("715267260").is_err());
/// ```
pub fn check_org_code(value: &str) -> IdResult {
    let s = prepare(value).map_err(|e| vec![e])?;
    let mut code: Vec<u8> = s.bytes().map(|b| b.to_ascii_uppercase()).collect();
    if code.len() == 10 && code.get(8) == Some(&b'-') {
        code.remove(8);
    }
    if code.len() != 9 {
        return Err(vec![IdError::Length {
            expected: "9",
            actual: code.len(),
        }]);
    }
    let bad = first_bad(&code, |i, b| {
        if i < 8 {
            b.is_ascii_alphanumeric()
        } else {
            b.is_ascii_digit() || b == b'X'
        }
    });
    if let Some(position) = bad {
        return Err(vec![IdError::Character { position }]);
    }
    let (body, check) = code.split_at(8);
    if check != [check_char(body)] {
        return Err(vec![IdError::Checksum]);
    }
    let normalized = String::from_utf8(code).unwrap_or_default();
    Ok(IdFacts::new(IdKind::OrgCode, normalized))
}
