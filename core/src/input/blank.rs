//! What counts as blank around a value as people type or paste it: white space, the
//! zero-width characters a chat app or a web page leaves around a name or a number, and the
//! characters that show as nothing though Unicode gives them a glyph.

/// `s` without the white space (as `str::trim`) and the invisible characters
/// ([`is_invisible`]) around it. The form engine keeps text trimmed so (a required name of
/// one U+200B is not a name), and the identifier checks read a number so (a resident ID
/// pasted with a U+200B after it is the number).
#[inline(never)]
pub(crate) fn trim_blank(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

/// Whether `c` shows nothing, though Unicode does not count it as white space:
/// - takes no room: ZERO WIDTH SPACE, NON-JOINER and JOINER, WORD JOINER, ZERO WIDTH
///   NO-BREAK SPACE (also the byte order mark), the SOFT HYPHEN (seen only where a line
///   breaks), the MONGOLIAN VOWEL SEPARATOR, and the LEFT-TO-RIGHT and RIGHT-TO-LEFT MARKs
///   (at either end of a value they order nothing);
/// - a blank glyph: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and BRAILLE
///   PATTERN BLANK, the usual way to give a "blank" name where white space is refused.
///
/// Each starts with a byte the form engine's quick trim (`form::leaf::trim`) looks past.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{115f}' | '\u{1160}' | '\u{180e}' | '\u{200b}'
            ..='\u{200f}' | '\u{2060}' | '\u{2800}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}'
    )
}

#[cfg(test)]
mod tests {
    use super::trim_blank;

    #[test]
    fn trims_white_space_and_zero_width_characters_around_only() {
        assert_eq!(
            trim_blank("\u{feff} 林\u{200b}小红\u{3000}\u{200d}"),
            "林\u{200b}小红"
        );
        assert_eq!(trim_blank("\u{200b}\u{2060}\u{a0}"), "");
        // A direction mark inside a value stays: it orders what is around it.
        assert_eq!(trim_blank("\u{200e}x\u{200f}y"), "x\u{200f}y");
    }

    #[test]
    fn blank_glyphs_are_blank() {
        for blank in [
            "\u{3164}",
            "\u{2800}",
            "\u{115f}\u{1160}",
            "\u{ffa0}",
            "\u{ad}",
            "\u{180e}",
        ] {
            assert_eq!(trim_blank(blank), "", "{blank:?}");
        }
        assert_eq!(trim_blank("\u{3164}林小红\u{2800}"), "林小红");
        // A combining mark alone shows (on a dotted circle): not blank.
        assert_eq!(trim_blank("\u{301}"), "\u{301}");
    }
}
