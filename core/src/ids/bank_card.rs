//! 银行卡号: 16–19 digits with a Luhn check digit (ISO/IEC 7812).

use super::{IdError, IdFacts, IdKind, IdResult, digit, first_bad, prepare};

/// Whether the digits pass the Luhn check (the last digit is the check digit).
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let d = digit(b);
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Checks a bank card number; spaces and hyphens between digit groups are accepted.
///
/// ```
/// use doorstep::ids::check_bank_card;
/// let facts = check_bank_card("6217 0012 3456 7890 122").unwrap();
/// assert_eq!(facts.normalized, "6217001234567890122");
/// assert_eq!(facts.masked, "6217***********0122");
/// assert!(check_bank_card("6217001234567890123").is_err());
/// ```
pub fn check_bank_card(value: &str) -> IdResult {
    let s = prepare(value).map_err(|e| vec![e])?;
    if let Some(position) = first_bad(s.as_bytes(), |_, b| {
        b.is_ascii_digit() || b == b' ' || b == b'-'
    }) {
        return Err(vec![IdError::Character { position }]);
    }
    let digits: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
    if !(16..=19).contains(&digits.len()) {
        return Err(vec![IdError::Length {
            expected: "16-19",
            actual: digits.len(),
        }]);
    }
    if !luhn(&digits) {
        return Err(vec![IdError::Checksum]);
    }
    Ok(IdFacts::new(
        IdKind::BankCard,
        String::from_utf8_lossy(&digits).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::luhn;

    #[test]
    fn luhn_reference_numbers() {
        // The worked example of ISO/IEC 7812-1 annex B and a well-known test card.
        assert!(luhn(b"79927398713"));
        assert!(!luhn(b"79927398710"));
        assert!(luhn(b"4111111111111111"));
    }
}
