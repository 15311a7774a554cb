//! Lone surrogates in JSON text. `JSON.stringify` writes a string holding half of a
//! surrogate pair (an emoji cut by a `maxlength`, a paste) as a `\ud83d` escape, which
//! RFC 8259 lets through (§8.2) and `serde_json` refuses. A page's answer given as text then
//! reads as the same answer given as an object, whose lone surrogates the binding reads as
//! U+FFFD: here each is written `\ufffd`, the same six bytes, so no limit moves.

/// `text` with every `\u` escape of a lone surrogate written `\ufffd`; `None` when it has
/// none (most text has no escape at all: one search for a backslash tells).
pub(super) fn replaced(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\\') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let (mut done, mut i, mut any) = (0, 0, false);
    while let Some(&byte) = bytes.get(i) {
        if byte != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape(bytes, i) else {
            // Any other escape is two bytes (`\"`, `\\`, `\n`, …).
            i += 2;
            continue;
        };
        let paired = match unit {
            0xD800..=0xDBFF => {
                escape(bytes, i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low))
            }
            0xDC00..=0xDFFF => false,
            _ => true,
        };
        if paired {
            // A whole pair (or any other character) is kept; a pair's low half with it.
            i += if (0xD800..=0xDBFF).contains(&unit) {
                12
            } else {
                6
            };
            continue;
        }
        out.push_str(text.get(done..i)?);
        out.push_str("\\ufffd");
        i += 6;
        done = i;
        any = true;
    }
    any.then(|| out + text.get(done..).unwrap_or_default())
}

/// The code unit of the `\uXXXX` escape at `at`, if there is one.
fn escape(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 6)?.strip_prefix(b"\\u")?;
    digits
        .iter()
        .try_fold(0, |unit, &b| Some(unit << 4 | char::from(b).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_halves_become_the_replacement_character_and_pairs_stay() {
        let fixed = |t: &str| replaced(t).unwrap_or_else(|| "none".into());
        assert_eq!(fixed(r#"{"a":"陈\ud83d"}"#), r#"{"a":"陈\ufffd"}"#);
        assert_eq!(
            fixed(r#"["\udc00x", "\ud83d\u0041"]"#),
            r#"["\ufffdx", "\ufffd\u0041"]"#
        );
        assert_eq!(
            fixed(r#"["\ud83d\ude00\ud83d"]"#),
            r#"["\ud83d\ude00\ufffd"]"#
        );
        // An escaped backslash before `u` is not an escape.
        assert_eq!(
            fixed(r#"["\\ud83d", "\ud83d"]"#),
            r#"["\\ud83d", "\ufffd"]"#
        );
        assert_eq!(replaced(r#"["\ud83d\ude00", "\\ud83d"]"#), None);
        assert_eq!(replaced(r#"["\ud8"]"#), None);
    }
}
