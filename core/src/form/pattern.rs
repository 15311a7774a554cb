//! A field's `pattern`: compiled once when the catalogue loads, matched against the whole text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A regular expression (regex-lite syntax) that a whole text value must match.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    regex: regex_lite::Regex,
    /// The same pattern as a plain sequence, when it is one (see [`Sequence`]).
    sequence: Option<Sequence>,
}

impl Pattern {
    /// Compiles `source`; the match is anchored at both ends.
    pub fn new(source: &str) -> Result<Self, regex_lite::Error> {
        let regex = regex_lite::Regex::new(&format!("^(?:{source})$"))?;
        Ok(Self {
            source: source.to_owned(),
            regex,
            sequence: Sequence::parse(source),
        })
    }

    /// Whether the whole of `text` matches.
    #[inline]
    pub fn matches(&self, text: &str) -> bool {
        match &self.sequence {
            Some(sequence) => sequence.matches(text),
            None => self.regex.is_match(text),
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
            serde::de::Error::custom(crate::input::bilingual(
                &format!("正则表达式无效：{e}"),
                &format!("invalid pattern: {e}"),
            ))
        })
    }
}

/// A pattern that is a plain sequence of literal characters and character classes, each
/// repeated a fixed number of times except perhaps the last (`[A-Z][0-9]{9}`,
/// `[0-9A-Z]{10,20}`, `闽\([0-9]{4}\)…第[0-9]{7}号`): what form patterns almost always
/// are. It is matched by walking the text once, an order of magnitude faster than the
/// regex engine's general matcher; greedy matching is exact because only the last item
/// can take a varying number of characters. Anything else is left to the regex engine.
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
    fn new(ranges: Vec<(char, char)>) -> Self {
        let ascii = (0..128u8)
            .filter(|&b| {
                ranges
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&char::from(b)))
            })
            .fold(0, |set, b| set | 1u128 << b);
        Self {
            ranges,
            ascii,
            min: 1,
            max: 1,
        }
    }

    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & 1u128 << u32::from(c) != 0
        } else {
            self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
        }
    }
}

/// Characters with a meaning in regex syntax; escaped, they stand for themselves.
const META: &str = "\\.+*?()|[]{}^$#&-~";

impl Sequence {
    /// `source` as a sequence, or `None` when it uses anything more (groups, alternation,
    /// `*`, `+`, `?`, `.`, escapes like `\d`, negated classes, flags).
    fn parse(source: &str) -> Option<Self> {
        let mut items: Vec<Item> = Vec::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            let ranges = match c {
                '\\' => {
                    let escaped = chars.next().filter(|e| META.contains(*e))?;
                    vec![(escaped, escaped)]
                }
                '[' => class(&mut chars)?,
                '{' => {
                    let item = items.last_mut().filter(|i| i.min == 1 && i.max == 1)?;
                    (item.min, item.max) = counts(&mut chars)?;
                    continue;
                }
                c if META.contains(c) || c.is_whitespace() => return None,
                c => vec![(c, c)],
            };
            items.push(Item::new(ranges));
        }
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

/// The ranges of a class after its `[`, through its `]`: single characters and `a-z`
/// ranges only.
fn class(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<Vec<(char, char)>> {
    let mut ranges = Vec::new();
    loop {
        let c = chars.next()?;
        if c == ']' && !ranges.is_empty() {
            return Some(ranges);
        }
        if META.contains(c) || c.is_whitespace() {
            return None;
        }
        let hi = if chars.next_if_eq(&'-').is_some() {
            chars.next().filter(|h| !META.contains(*h) && *h >= c)?
        } else {
            c
        };
        ranges.push((c, hi));
    }
}

/// `n}` or `n,m}` after a `{`.
fn counts(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<(usize, usize)> {
    fn number(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<usize> {
        let mut digits = String::new();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        // Small counts only, as a catalogue writes them.
        digits.parse::<usize>().ok().filter(|&n| n <= 1000)
    }
    let min = number(chars)?;
    let max = if chars.next_if_eq(&',').is_some() {
        number(chars)?
    } else {
        min
    };
    (chars.next()? == '}' && min <= max).then_some((min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sequences_match_as_the_regex_does() {
        let patterns = [
            "[A-Z][0-9]{9}",
            "[0-9]{17}[0-9X][1-7][1-4]",
            r"闽\([0-9]{4}\)厦门市不动产权第[0-9]{7}号",
            "[0-9A-Z]{10,20}",
            "[0-9]{12}",
            "ab{0,2}",
            "[a-cx]{2}c{0}",
        ];
        let texts = [
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
        ];
        for source in patterns {
            let pattern = Pattern::new(source).unwrap();
            assert!(pattern.sequence.is_some(), "{source}");
            for text in texts {
                assert_eq!(
                    pattern.matches(text),
                    pattern.regex.is_match(text),
                    "{source} on {text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Sequences of classes and literals, ASCII or not, fixed or ranged counts, match
        /// generated texts as the regex engine does.
        #[test]
        fn sequences_match_as_the_regex_does(
            items in proptest::collection::vec(
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
            proptest::prop_assert!(pattern.sequence.is_some(), "{}", source);
            let (fast, regex) = (pattern.matches(&text), pattern.regex.is_match(&text));
            proptest::prop_assert_eq!(fast, regex, "{} on {:?}", source, text);
        }
    }

    #[test]
    fn anything_more_is_left_to_the_regex() {
        for source in [
            "a|b",
            "(ab){2}",
            "a+",
            "a*",
            "a?",
            ".{3}",
            r"\d{6}",
            "[^0-9]",
            "(?i)abc",
            "[0-9]{2,}",
            "[0-9]{1,3}[0-9]",
            "a{2}{3}",
            "[]",
            "[a-]",
            "a b",
            "[[:digit:]]",
        ] {
            assert_eq!(Sequence::parse(source), None, "{source}");
        }
    }
}
