//! Control characters in form text (`form.control_character`): a NUL cuts a string short
//! in the C window systems, and a bidirectional override makes a name display as another
//! ("Trojan Source", CVE-2021-42574).

/// Whether text holds a character no form text may ([`is_control`]). Natively, the bytes
/// are first scanned eight or sixteen at a time ([`suspect`]), and only text with a byte
/// such a character starts with is looked at character by character (the WASM module, with
/// its size budget, looks at every character).
#[allow(clippy::inline_always)]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub(super) fn has_control(s: &str) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    if !suspect::any(s.as_bytes()) {
        return false;
    }
    s.chars().any(is_control)
}

/// The characters form text refuses: the C0 controls but tab, line feed and carriage return,
/// DEL, the C1 controls, and the bidirectional embeddings, overrides and isolates (U+202A–
/// U+202E, U+2066–U+2069), which make text display in another order than it is stored.
pub(super) fn is_control(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whether text has a byte that a refused character starts with: below 0x20, 0x7F, 0xC2
/// or 0xE2. Most text has none (a Chinese character starts with 0xE3–0xE9); a middle dot
/// `·` in a name or a dash `—` has one, and is then looked at character by character.
#[cfg(not(target_arch = "wasm32"))]
pub(super) mod suspect {
    /// Whether `bytes` has such a byte: by words of eight bytes up to 16 bytes, by blocks
    /// of sixteen past that.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(in crate::form) fn any(bytes: &[u8]) -> bool {
        if bytes.len() >= 16 {
            blocks(bytes)
        } else if let (Some(first), Some(last)) = (bytes.first_chunk(), bytes.last_chunk()) {
            // Overlapping when shorter than 16 bytes.
            word(*first) | word(*last)
        } else {
            bytes.iter().fold(false, |any, &b| any | byte(b))
        }
    }

    /// Whether `b` is such a byte (0xC2 and 0xE2 differ in bit 5 only).
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn byte(b: u8) -> bool {
        b < 0x20 || b == 0x7F || b | 0x20 == 0xE2
    }

    /// Whether one of the eight bytes of `x` is such a byte: exact as to whether, not as to
    /// which (the zero-byte test of "Bit Twiddling Hacks").
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(in crate::form) fn word(x: [u8; 8]) -> bool {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const SPACES: u64 = u64::from_le_bytes([0x20; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let x = u64::from_le_bytes(x);
        let zero_byte = |y: u64| y.wrapping_sub(ONES) & !y;
        let below_space = x.wrapping_sub(SPACES) & !x;
        let del = zero_byte(x ^ u64::from_le_bytes([0x7F; 8]));
        // Bit 5 set makes both 0xC2 and 0xE2 0xE2, and no other byte.
        let c2_e2 = zero_byte((x | SPACES) ^ u64::from_le_bytes([0xE2; 8]));
        (below_space | del | c2_e2) & HIGH != 0
    }

    /// Whether one of sixteen bytes is such a byte.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn block(block: &[u8; 16]) -> bool {
        block.iter().fold(0_u8, |any, &b| any | u8::from(byte(b))) != 0
    }

    /// [`any`] for text of at least 16 bytes, a block of sixteen at a time in one vector
    /// register (out of line, where the vectoriser sees the loop); the last block overlaps
    /// the one before it when the length is no multiple of 16. It stops at the first such
    /// block: a loop with an exit is left to the vectoriser of its body, where one without
    /// was spread across blocks (strided loads, three times the instructions).
    #[inline(never)]
    fn blocks(bytes: &[u8]) -> bool {
        bytes.last_chunk().is_some_and(block)
            || bytes
                .chunks_exact(16)
                .any(|b| <&[u8; 16]>::try_from(b).is_ok_and(block))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The byte pass rules out exactly the text with no refused character: it agrees
        /// with looking at every character, over controls, the bidirectional marks, and
        /// characters that share their first bytes (U+00A0–U+00BF, U+2010–U+2069, `·`).
        #[test]
        fn control_check_is_exact(s in "[\\u{0}-\\u{20}\\u{7e}-\\u{bf}\\u{2010}-\\u{2070}a林·]{0,6}[ a林]{0,16}[\\u{0}-\\u{20}\\u{7e}-\\u{bf}\\u{2010}-\\u{2070}a林·]{0,3}") {
            let refused = s.chars().any(|c| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            });
            prop_assert_eq!(super::has_control(&s), refused);
        }

        /// The eight-byte test is exact as to whether a word holds a byte below 0x20,
        /// 0x7F, 0xC2 or 0xE2, whatever the other bytes (one byte set to a chosen value, so
        /// that the few that count come up).
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn suspect_word_is_exact(x in any::<u64>(), at in 0_usize..8, b in any::<u8>()) {
            let mut bytes = x.to_le_bytes();
            if let Some(slot) = bytes.get_mut(at) {
                *slot = b;
            }
            let expected = bytes.iter().any(|&b| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xE2));
            prop_assert_eq!(super::suspect::word(bytes), expected);
        }
    }
}
