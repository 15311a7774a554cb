//! A field's `pattern`: read and compiled once when the catalogue loads, matched against
//! the whole text.
//!
//! The syntax is a subset of the Rust regex crate's ([`syntax`] says which), matched by a
//! program of this module's own ([`program`]) rather than by regex-lite: regex-lite was
//! about 21 kB of the WASM package's 300 kB (gzipped), for the few patterns a form has.
//! What it reads, it reads as regex does: the tests hold both to the same matches.

mod program;
mod syntax;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use self::program::Program;
use self::syntax::{Fault, Node};

/// A regular expression (a subset of the regex crate's syntax) that a whole text value
/// must match.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// A plain sequence (see [`Sequence`]): what form patterns almost always are.
    Sequence(Sequence),
    Program(Program),
}

/// Why a pattern was refused: what, and at which character (counted from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternError {
    at: usize,
    fault: Fault,
}

impl PatternError {
    /// The (1-based) character of the pattern where the problem is.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The problem, in Chinese and in English.
    pub fn describe(&self) -> (String, String) {
        let (zh, en) = match self.fault {
            Fault::Unsupported => ("不支持的写法", "syntax not supported"),
            Fault::Unclosed => ("未闭合", "not closed"),
            Fault::Unopened => ("多余的右括号", "a ) without its ("),
            Fault::NothingToRepeat => ("重复符号前没有可重复的内容", "nothing to repeat"),
            Fault::Range => ("范围或次数无效", "invalid range or count"),
            Fault::TooLarge => ("过于复杂", "too complex"),
        };
        let at = self.at;
        (
            format!("{zh}（第 {at} 个字符）"),
            format!("at character {at}: {en}"),
        )
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe().1)
    }
}

impl std::error::Error for PatternError {}

impl Pattern {
    /// Reads and compiles `source`; the match is anchored at both ends.
    pub fn new(source: &str) -> Result<Self, PatternError> {
        let node = syntax::parse(source)?;
        let matcher = match Sequence::of(&node) {
            Some(sequence) => Matcher::Sequence(sequence),
            None => Matcher::Program(Program::new(&node).map_err(|fault| PatternError {
                at: source.chars().count(),
                fault,
            })?),
        };
        Ok(Self {
            source: source.to_owned(),
            matcher,
        })
    }

    /// Whether the whole of `text` matches.
    #[inline]
    pub fn matches(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Sequence(sequence) => sequence.matches(text),
            Matcher::Program(program) => program.matches(text),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = String::deserialize(deserializer)?;
        Self::new(&source).map_err(|e| {
            let (zh, en) = e.describe();
            serde::de::Error::custom(crate::input::bilingual(
                &format!("正则表达式无效：{zh}"),
                &format!("invalid pattern: {en}"),
            ))
        })
    }
}

/// A pattern that is a plain sequence of character sets, each taken a fixed number of
/// times except perhaps the last (`[A-Z][0-9]{9}`, `\d{6}`, `[0-9A-Z]{10,20}`,
/// `闽\([0-9]{4}\)…第[0-9]{7}号`): what form patterns almost always are. It is matched by
/// walking the text once, several times faster than the program; greedy matching is exact
/// because only the last item can take a varying number of characters.
#[derive(Debug, Clone, PartialEq)]
struct Sequence {
    items: Vec<Item>,
}

/// One character set, taken `min` to `max` times.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    /// Inclusive character ranges (a literal character is a range of one).
    ranges: Vec<(char, char)>,
    /// The ASCII characters of the ranges, bit `c` for `c`: told without walking them.
    ascii: u128,
    min: usize,
    max: usize,
}

impl Item {
    /// The set `node` takes, and how many times, when it is a set not negated, once or
    /// repeated a bounded number of times.
    fn of(node: &Node) -> Option<Self> {
        let (set, min, max) = match node {
            Node::Set(set) => (set, 1, 1),
            Node::Repeat {
                node,
                min,
                max: Some(max),
            } => match &**node {
                Node::Set(set) => (set, *min, *max),
                _ => return None,
            },
            _ => return None,
        };
        if set.negated {
            return None;
        }
        let ascii = (0..128u8)
            .filter(|&b| {
                set.ranges
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&char::from(b)))
            })
            .fold(0, |all, b| all | 1u128 << b);
        Some(Self {
            ranges: set.ranges.clone(),
            ascii,
            min: usize::try_from(min).ok()?,
            max: usize::try_from(max).ok()?,
        })
    }

    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & 1u128 << u32::from(c) != 0
        } else {
            self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
        }
    }
}

impl Sequence {
    /// `node` as a sequence, when it is one (a `^` first and a `$` last change nothing:
    /// the whole text is matched anyway).
    fn of(node: &Node) -> Option<Self> {
        let mut nodes = match node {
            Node::Concat(nodes) => nodes.as_slice(),
            node => std::slice::from_ref(node),
        };
        if let [Node::Start, rest @ ..] = nodes {
            nodes = rest;
        }
        if let [rest @ .., Node::End] = nodes {
            nodes = rest;
        }
        let items = nodes.iter().map(Item::of).collect::<Option<Vec<_>>>()?;
        let fixed = items.iter().rev().skip(1).all(|i| i.min == i.max);
        (fixed && !items.is_empty()).then_some(Self { items })
    }

    fn matches(&self, text: &str) -> bool {
        // ASCII text, the usual kind, walked byte by byte: no UTF-8 decoding, and every
        // character is told from the bitmaps.
        if text.is_ascii() {
            return self.matches_ascii(text.as_bytes());
        }
        let mut chars = text.chars();
        // The character to match next (peeked by hand: `Peekable` showed in profiles).
        let mut next = chars.next();
        for item in &self.items {
            for taken in 0..item.max {
                match next {
                    Some(c) if item.has(c) => next = chars.next(),
                    _ if taken < item.min => return false,
                    _ => break,
                }
            }
        }
        next.is_none()
    }

    /// [`matches`](Self::matches) for ASCII text: each item takes the longest run of its
    /// characters it may, as the walk over characters does.
    fn matches_ascii(&self, text: &[u8]) -> bool {
        let mut rest = text;
        for item in &self.items {
            let taken = rest
                .iter()
                .take(item.max)
                .take_while(|&&b| item.ascii >> b & 1 != 0)
                .count();
            if taken < item.min {
                return false;
            }
            rest = rest.get(taken..).unwrap_or_default();
        }
        rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use proptest::prelude::*;

    use super::*;

    /// regex-lite's reading of `source` where the whole text must match.
    fn regex(source: &str) -> Option<regex_lite::Regex> {
        regex_lite::Regex::new(&format!("^(?:{source})$")).ok()
    }

    /// Texts to try patterns on: classes' edges, line feeds, Chinese.
    const TEXTS: [&str; 30] = [
        "",
        "Q350123456",
        "q350123456",
        "Q35012345",
        "Q3501234567",
        "35020519920512002X14",
        "35020519920512002X18",
        "闽(2024)厦门市不动产权第0012345号",
        "闽(2024)厦门市不动产权第001234号",
        "ABCDEFGHIJ",
        "ABCDEFGHIJKLMNOPQRST",
        "ABCDEFGHIJKLMNOPQRSTU",
        "ABCDEFGHI",
        "123456789012",
        "12345678901２",
        "a",
        "ab",
        "abb",
        "abbb",
        "ax",
        "xa",
        "cc",
        "ccc",
        "Q350123456\n",
        "\n",
        "a b",
        "a_9",
        "-",
        "a.b",
        "361026",
    ];

    #[test]
    fn patterns_match_as_the_regex_does() {
        for (source, sequence) in [
            ("[A-Z][0-9]{9}", true),
            ("[0-9]{17}[0-9X][1-7][1-4]", true),
            (r"闽\([0-9]{4}\)厦门市不动产权第[0-9]{7}号", true),
            ("[0-9A-Z]{10,20}", true),
            ("[0-9]{12}", true),
            ("ab{0,2}", true),
            ("[a-cx]{2}c{0}", true),
            (r"^\d{6}$", true),
            ("[-a][a-]", true),
            (r"[\d_]\w", true),
            ("a b", true),
            ("a|b", false),
            ("(ab){2}", false),
            ("(?:a|ab)(?P<x>c|bcd)?", false),
            ("a+", false),
            ("a*b*?", false),
            (".{3}", false),
            (".*", false),
            (r"[^0-9]\S\D\W", false),
            ("[0-9]{2,}", false),
            ("[0-9]{1,3}[0-9]", false),
            (r"\d{3,4}-?\d{7,8}", false),
            ("(a*)*b", false),
            ("()|a", false),
            ("^a|b$", false),
            (r"a\s+b", false),
            ("", false),
        ] {
            let pattern = Pattern::new(source).unwrap();
            let regex = regex(source).unwrap();
            let is_sequence = matches!(pattern.matcher, Matcher::Sequence(_));
            assert_eq!(is_sequence, sequence, "{source}");
            for text in TEXTS {
                assert_eq!(
                    pattern.matches(text),
                    regex.is_match(text),
                    "{source} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn syntax_outside_the_subset_is_refused_with_where() {
        for (source, at) in [
            ("(?i)abc", 1),
            (r"\bword", 1),
            (r"\p{Han}", 1),
            (r"\x41", 1),
            ("[[:digit:]]", 1),
            ("[a&&b]", 1),
            ("[a-b-c]", 1),
            ("[]a]", 1),
            ("[z-a]", 1),
            ("a{2}{3}", 5),
            ("a**", 3),
            ("*a", 1),
            ("(a|*)", 4),
            ("^*", 2),
            ("a{1001}", 2),
            ("a{3,2}", 2),
            ("a{,2}", 2),
            ("(ab", 1),
            ("(?<a>x)(?P<a>y)", 8),
            ("(?<1a>x)", 1),
            ("a)b", 2),
            ("[ab", 1),
            ("a]", 2),
            ("a}", 2),
            ("a\\", 2),
        ] {
            let error = Pattern::new(source).unwrap_err();
            assert_eq!(error.at(), at, "{source}: {error}");
        }
        // The error says where, in both languages.
        let (zh, en) = Pattern::new("a)").unwrap_err().describe();
        assert_eq!(zh, "多余的右括号（第 2 个字符）");
        assert_eq!(en, "at character 2: a ) without its (");
    }

    #[test]
    fn a_pattern_too_large_or_too_deep_is_refused_not_run() {
        let error = Pattern::new("(a{1000}){1000}").unwrap_err();
        assert_eq!(error.describe().1, "at character 15: too complex");
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(Pattern::new(&deep).unwrap_err().at(), 33);
        // Empty groups, however repeated and nested, compile to nothing (not to a
        // billion copies of nothing).
        let nested = format!("{}(){}", "(".repeat(6), "){1000}".repeat(6));
        let empty = Pattern::new(&nested).unwrap();
        assert!(empty.matches("") && !empty.matches("a"));
        let none = format!("{}a{{0}}{}", "(".repeat(6), "){1000}".repeat(6));
        assert!(Pattern::new(&none).unwrap().matches(""));
        let spread = Pattern::new(&format!("(a{}){{1000}}", "()".repeat(20_000))).unwrap();
        assert!(spread.matches(&"a".repeat(1000)) && !spread.matches(&"a".repeat(1001)));
        // The largest that is allowed still matches in time proportional to the text.
        let large = Pattern::new("(a|b){0,1000}c").unwrap();
        assert!(large.matches(&format!("{}c", "ab".repeat(500))));
        assert!(!large.matches(&"ab".repeat(501)));
    }

    /// One character set, or a group, for the generated patterns.
    fn atom() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "b", "林", ".", r"\d", r"\w", r"\s", r"\.", "[ab]", "[^a]", "[a-c林]", "[-a]",
            "[a-]", r"[\d_]", " ", r"\S", r"\D", r"\-",
        ])
        .prop_map(str::to_owned)
    }

    fn quantifier() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "*?", "{1,3}?", "??",
        ])
    }

    /// Patterns of the subset: sets, groups, alternation, repetition, anchors.
    fn pattern() -> impl Strategy<Value = String> {
        let leaf = (atom(), quantifier()).prop_map(|(a, q)| format!("{a}{q}"));
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                prop::collection::vec(inner.clone(), 2..4).prop_map(|v| v.join("|")),
                (inner.clone(), quantifier()).prop_map(|(s, q)| format!("({s}){q}")),
                (inner.clone(), quantifier()).prop_map(|(s, q)| format!("(?:{s}){q}")),
                inner.clone().prop_map(|s| format!("^{s}")),
                inner.prop_map(|s| format!("{s}$")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every pattern of the subset is read, and matches as regex-lite's does.
        #[test]
        fn generated_patterns_match_as_the_regex_does(
            source in pattern(),
            texts in prop::collection::vec("[ab林c \n._0-9-]{0,6}", 8),
        ) {
            let pattern = Pattern::new(&source).unwrap();
            let regex = regex(&source).unwrap();
            for text in texts.iter().map(String::as_str).chain(TEXTS) {
                prop_assert_eq!(pattern.matches(text), regex.is_match(text), "{} on {:?}", source, text);
            }
        }

        /// Any text as a pattern: refused or read, never a panic; and what is read,
        /// regex-lite reads too, with the same matches.
        #[test]
        fn any_source_is_refused_or_read_as_the_regex_reads_it(
            source in r"[ab()\[\]{}|?*+.^$\\\-,0-9dDwWsS:P<>&~]{0,12}",
            texts in prop::collection::vec("[ab0-9 _.-]{0,5}", 8),
        ) {
            if let Ok(pattern) = Pattern::new(&source) {
                let regex = regex(&source);
                prop_assert!(regex.is_some(), "{} read, regex refuses it", source);
                let regex = regex.unwrap();
                for text in &texts {
                    prop_assert_eq!(pattern.matches(text), regex.is_match(text), "{} on {:?}", source, text);
                }
            }
        }

        /// Sequences of classes and literals, ASCII or not, fixed or ranged counts, are
        /// sequences, and match generated texts as the regex engine does.
        #[test]
        fn sequences_match_as_the_regex_does(
            items in prop::collection::vec(
                ("[a-c林]|\\[[a-b0-1林]{1,3}\\]", 0usize..3, 0usize..2),
                1..4,
            ),
            text in "[a-c01林x]{0,8}",
        ) {
            // Only the last item may take a varying number of characters.
            let last = items.len() - 1;
            let mut source = String::new();
            for (i, (item, min, extra)) in items.iter().enumerate() {
                let max = if i == last { min + extra } else { *min };
                source.extend([item.as_str(), "{", &min.to_string(), ",", &max.to_string(), "}"]);
            }
            let pattern = Pattern::new(&source).unwrap();
            // Items taken no times are left out; a pattern of nothing else is empty.
            let something = items.iter().enumerate().any(|(i, (_, min, extra))| min + if i == last { *extra } else { 0 } > 0);
            prop_assert!(matches!(pattern.matcher, Matcher::Sequence(_)) || !something, "{}", source);
            prop_assert_eq!(pattern.matches(&text), regex(&source).unwrap().is_match(&text), "{} on {:?}", source, text);
        }
    }
}
