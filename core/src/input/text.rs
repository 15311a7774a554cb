//! Equality of short texts, told inline.

/// Whether `a` and `b` are the same bytes. Texts of 4 to 16 bytes — a form's choices, the
/// literals of its conditions — are compared as two overlapping words each, inline: a call
/// to `memcmp` per comparison cost more than the comparison (the birth bundle's verdict
/// made nine a valid answer).
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn words<const N: usize>(s: &[u8]) -> Option<(&[u8; N], &[u8; N])> {
        Some((s.first_chunk()?, s.last_chunk()?))
    }
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        8..=16 => words::<8>(a) == words::<8>(b),
        4..=7 => words::<4>(a) == words::<4>(b),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;
    use proptest::prelude::*;

    proptest! {
        /// The same as `==`, for texts of every length around the words' sizes and texts
        /// that differ in one byte anywhere.
        #[test]
        fn same_bytes_is_equality(
            a in prop::collection::vec(prop::sample::select(b"ab\0\xff".to_vec()), 0..24),
            flip in any::<prop::sample::Index>(),
            longer in any::<bool>(),
        ) {
            prop_assert!(same_bytes(&a, &a.clone()));
            let mut b = a.clone();
            if longer {
                b.push(b'a');
            } else if !b.is_empty() {
                let i = flip.index(b.len());
                b[i] = if b[i] == b'a' { b'b' } else { b'a' };
            }
            prop_assert_eq!(same_bytes(&a, &b), a == b);
            prop_assert_eq!(same_bytes(&b, &a), a == b);
        }
    }
}
