//! What counts as blank around a value as people type or paste it: white space and the
//! zero-width characters a chat app or a web page leaves around a name or a number.

/// `s` without the white space (as `str::trim`) and the zero-width characters
/// ([`is_zero_width`]) around it. The form engine keeps text trimmed so (a required name of
/// one U+200B is not a name), and the identifier checks read a number so (a resident ID
/// pasted with a U+200B after it is the number).
#[inline(never)]
pub(crate) fn trim_blank(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c))
}

/// Whether `c` shows nothing and takes no room, though Unicode does not count it as white
/// space: ZERO WIDTH SPACE, ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER, WORD JOINER and ZERO
/// WIDTH NO-BREAK SPACE (also the byte order mark).
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
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
        assert_eq!(trim_blank("\u{200e}x"), "\u{200e}x"); // a direction mark is not blank
    }
}
