//! E-mail addresses (`email` fields): a mailbox as RFC 5321 §4.1.2 lets it be written, a
//! dot-atom local part (RFC 5322 §3.2.3) `@` a domain name (RFC 1035 §2.3.1, RFC 5321
//! §4.5.3.1), with the non-ASCII characters RFC 6531 allows in either part (`用户@例子.中国`).
//!
//! Left out, as no form in a service hall needs them and each is a way to smuggle what a
//! mail system reads differently: quoted local parts (`"a b"@x.cn`), address literals
//! (`a@[192.0.2.1]`), comments and display names (`<a@x.cn>`).

use super::control::is_control;
use crate::input::is_invisible;

/// RFC 5321 §4.5.3.1: a path holds at most 256 octets, its angle brackets included.
const MAX_ADDRESS: usize = 254;
/// RFC 5321 §4.5.3.1.1.
const MAX_LOCAL_PART: usize = 64;
/// RFC 1035 §2.3.4.
const MAX_LABEL: usize = 63;

/// Whether `s` (trimmed) is an address: one `@`; before it 1 to 64 bytes of atoms joined by
/// single dots; after it two or more labels of letters, digits and inner hyphens, the last
/// not all digits (RFC 3696 §2: no top-level domain is numeric, so `a@1.2` is a typo).
pub(super) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= MAX_ADDRESS
        && local.len() <= MAX_LOCAL_PART
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
        && is_domain(domain)
}

/// A domain name of two or more labels (a second `@` fails as a character of a label).
fn is_domain(domain: &str) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let ok = (1..=MAX_LABEL).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || is_other_letter(c));
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && !last.bytes().all(|b| b.is_ascii_digit())
}

/// A character of an atom: RFC 5322's `atext`, or a non-ASCII character RFC 6531 lets in.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || is_other_letter(c)
}

/// A non-ASCII character that can be part of a name in an address: not white space, a
/// control or bidirectional override ([`is_control`]), an invisible character, Latin-1's
/// punctuation (U+0080–U+00BF), general punctuation (U+2000–U+206F: quotes, dashes, zero-width
/// characters), CJK punctuation (U+3000–U+303F, with the ideographic full stop `。`) or the
/// full-width forms (U+FF00–U+FFEF, with `＠` and `．`), which an input method types in
/// place of the ASCII ones an address needs.
fn is_other_letter(c: char) -> bool {
    !c.is_ascii()
        && !c.is_whitespace()
        && !is_control(c)
        && !is_invisible(c)
        && !matches!(
            c,
            '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}'
        )
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn addresses_as_written_are_accepted() {
        for address in [
            "a@x.cn",
            "lin.xiaohong@xm.gov.cn",
            "Lin.Xiaohong+forms@163.com",
            "o'brien@example.org",
            "!#$%&'*+-/=?^_`{|}~@x.cn",
            "a@xn--fiqs8s.cn",
            "a@my-host.example.com",
            "a@x.c1",
            "用户@例子.中国",
            "张三@厦门.公司",
            "12345@qq.com",
        ] {
            assert!(is_email(address), "{address}");
        }
        let longest_local = format!("{}@x.cn", "a".repeat(64));
        assert!(is_email(&longest_local));
        let label = "b".repeat(63);
        let longest = format!("a@{label}.{label}.{label}.{}", "c".repeat(60));
        assert_eq!(longest.len(), 254);
        assert!(is_email(&longest));
        assert!(!is_email(&format!("{longest}c")), "255 bytes");
        assert!(
            !is_email(&format!("a@{}.cn", "b".repeat(64))),
            "a label of 64 bytes"
        );
    }

    #[test]
    fn what_is_not_an_address_is_refused() {
        for address in [
            "",
            "a",
            "@x.cn",
            "a@",
            "a@x",
            "a@@x.cn",
            "a@b@x.cn",
            "<a@x.cn>",
            "a;b@x.cn",
            "a,b@x.cn",
            "a b@x.cn",
            "\"a b\"@x.cn",
            ".a@x.cn",
            "a.@x.cn",
            "a..b@x.cn",
            "a@x..cn",
            "a@.x.cn",
            "a@x.cn.",
            "a@-x.cn",
            "a@x-.cn",
            "a@x_y.cn",
            "a@1.2",
            "a@x.123",
            "a@[192.0.2.1]",
            "a(comment)@x.cn",
            "a\\b@x.cn",
            "a\u{0}b@x.cn",
            "a\u{7f}b@x.cn",
            "a\u{202e}b@x.cn",
            "a\u{200b}b@x.cn",
            "a\u{3164}@x.cn",
            "a＠x.cn",
            "a@x．cn",
            "a@x。cn",
            "a@x.cn\u{85}",
            "a\u{a0}b@x.cn",
        ] {
            assert!(!is_email(address), "{address:?}");
        }
        let long_local = format!("{}@x.cn", "a".repeat(65));
        assert!(!is_email(&long_local));
    }
}
