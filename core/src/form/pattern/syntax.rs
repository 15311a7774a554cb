//! A pattern's syntax: a subset of the Rust regex crate's, read into a tree.
//!
//! Read: literal characters (a space too); `.` (any character but a line feed); classes
//! `[...]` and `[^...]` of characters, `a-z` ranges and `\d`, `\w`, `\s`; the escapes `\d`,
//! `\D`, `\w`, `\W`, `\s`, `\S` (ASCII, as regex-lite has them), `\t`, `\n`, `\r` and a
//! character with a meaning in the syntax; groups `(...)`, `(?:...)`, `(?P<name>...)`,
//! `(?<name>...)`; alternation `|`; repetition `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (a `?`
//! after it, "lazy", changes nothing where the whole text must match); `^` and `$`.
//! Anything else (flags such as `(?i)`, `\b`, `\p{Han}`, classes within classes, escapes by
//! code point) is refused, with where it is, rather than read otherwise than regex reads it.

use std::iter::{Enumerate, Peekable};
use std::mem::{replace, take};
use std::str::Chars;

use super::PatternError;

/// The deepest nesting of groups a pattern may have.
const MAX_DEPTH: usize = 32;

/// The largest count in a repetition (`{n,m}`).
pub(super) const MAX_COUNT: u32 = 1000;

/// A pattern read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// One character of a set.
    Set(Set),
    /// The start of the text (`^`).
    Start,
    /// The end of the text (`$`).
    End,
    /// One after the other.
    Concat(Vec<Node>),
    /// Any one of them.
    Alternate(Vec<Node>),
    /// `node` from `min` to `max` times (`None`: no limit).
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// A set of characters: inclusive ranges (a character is a range of one), or every
/// character outside them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Set {
    pub(super) ranges: Vec<(char, char)>,
    pub(super) negated: bool,
}

impl Set {
    fn of(ranges: &[(char, char)], negated: bool) -> Self {
        Self {
            ranges: ranges.to_vec(),
            negated,
        }
    }

    pub(super) fn has(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

/// What a pattern can get wrong, with the (1-based) character where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    /// Syntax regex has and patterns do not (or that regex refuses).
    Unsupported,
    /// A group, class or count not closed.
    Unclosed,
    /// A `)` without its `(`.
    Unopened,
    /// A repetition of nothing (at the start, after `(` or `|`, after `^`, `$` or another
    /// repetition).
    NothingToRepeat,
    /// A count above [`MAX_COUNT`], a count range or character range the wrong way round.
    Range,
    /// Groups nested deeper than [`MAX_DEPTH`], or a pattern too large to match quickly.
    TooLarge,
}

/// ASCII digits, word characters and white space (`\d`, `\w`, `\s`).
const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

/// Characters with a meaning in the syntax; escaped, they stand for themselves.
const META: &str = "\\.+*?()|[]{}^$#&-~";

type Input<'a> = Peekable<Enumerate<Chars<'a>>>;

/// Reads `source`.
pub(super) fn parse(source: &str) -> Result<Node, PatternError> {
    let mut input: Input<'_> = source.chars().enumerate().peekable();
    // The groups open around the one being read: their alternatives so far and the
    // sequence their current alternative had reached.
    let mut open: Vec<(Vec<Node>, Vec<Node>, usize)> = Vec::new();
    let mut alternatives: Vec<Node> = Vec::new();
    let mut sequence: Vec<Node> = Vec::new();
    // Whether the last node of `sequence` can be repeated (not an assertion, not a
    // repetition itself).
    let mut repeatable = false;
    // The groups' names so far.
    let mut names: Vec<String> = Vec::new();
    while let Some((i, c)) = input.next() {
        let fail = |fault| PatternError { at: i + 1, fault };
        let node = match c {
            '(' => {
                if input.next_if(|&(_, c)| c == '?').is_some() {
                    // A name twice is refused by regex.
                    match group_kind(&mut input).map_err(fail)? {
                        Some(name) if names.contains(&name) => {
                            return Err(fail(Fault::Unsupported));
                        }
                        Some(name) => names.push(name),
                        None => {}
                    }
                }
                if open.len() >= MAX_DEPTH {
                    return Err(fail(Fault::TooLarge));
                }
                open.push((take(&mut alternatives), take(&mut sequence), i));
                repeatable = false;
                continue;
            }
            ')' => {
                let (outer, before, _) = open.pop().ok_or(fail(Fault::Unopened))?;
                let inner = replace(&mut alternatives, outer);
                choice(inner, replace(&mut sequence, before))
            }
            '|' => {
                alternatives.push(concat(take(&mut sequence)));
                repeatable = false;
                continue;
            }
            '?' | '*' | '+' | '{' => {
                let (min, max) = match c {
                    '?' => (0, Some(1)),
                    '*' => (0, None),
                    '+' => (1, None),
                    _ => counts(&mut input).map_err(fail)?,
                };
                let node = sequence
                    .pop()
                    .filter(|_| repeatable)
                    .ok_or(fail(Fault::NothingToRepeat))?;
                // Lazy or greedy: the same where the whole text must match.
                input.next_if(|&(_, c)| c == '?');
                // An empty group repeated, or anything taken no times (`{0}`), is empty:
                // not copied (`((){1000}){1000}` would be a million copies of nothing to
                // compile).
                sequence.push(if is_empty(&node) || max == Some(0) {
                    Node::Concat(Vec::new())
                } else {
                    Node::Repeat {
                        node: Box::new(node),
                        min,
                        max,
                    }
                });
                repeatable = false;
                continue;
            }
            '^' | '$' => {
                sequence.push(if c == '^' { Node::Start } else { Node::End });
                repeatable = false;
                continue;
            }
            '.' => Node::Set(Set::of(&[('\n', '\n')], true)),
            '[' => Node::Set(class(&mut input).map_err(fail)?),
            // Characters regex reads as themselves here, refused so that they are escaped
            // (`\]`, `\}`) as everywhere else.
            ']' | '}' => return Err(fail(Fault::Unsupported)),
            '\\' => Node::Set(escape(&mut input, false).map_err(fail)?),
            c => Node::Set(Set::of(&[(c, c)], false)),
        };
        sequence.push(node);
        repeatable = true;
    }
    if let Some(&(_, _, i)) = open.last() {
        return Err(PatternError {
            at: i + 1,
            fault: Fault::Unclosed,
        });
    }
    Ok(choice(alternatives, sequence))
}

/// After `(?`: a non-capturing group `:` (`None`) or a name `P<name>` / `<name>` (a name
/// changes nothing for a match); anything else (flags) is refused.
fn group_kind(input: &mut Input<'_>) -> Result<Option<String>, Fault> {
    let mut next = || input.next().map(|(_, c)| c).ok_or(Fault::Unsupported);
    match next()? {
        ':' => return Ok(None),
        'P' if next()? == '<' => {}
        '<' => {}
        _ => return Err(Fault::Unsupported),
    }
    let mut name = String::new();
    loop {
        match next()? {
            '>' if !name.is_empty() => return Ok(Some(name)),
            c if c.is_ascii_alphabetic()
                || c == '_'
                || (c.is_ascii_digit() && !name.is_empty()) =>
            {
                name.push(c);
            }
            _ => return Err(Fault::Unsupported),
        }
    }
}

/// The alternatives of a group (or of the pattern) and the sequence of its last one.
fn choice(mut alternatives: Vec<Node>, last: Vec<Node>) -> Node {
    if alternatives.is_empty() {
        return concat(last);
    }
    alternatives.push(concat(last));
    Node::Alternate(alternatives)
}

/// Whether `node` matches the empty text only, taking no step: an empty group.
fn is_empty(node: &Node) -> bool {
    matches!(node, Node::Concat(nodes) if nodes.is_empty())
}

/// A sequence, empty groups left out (they match nothing but the empty text).
fn concat(mut sequence: Vec<Node>) -> Node {
    sequence.retain(|node| !is_empty(node));
    if sequence.len() == 1 {
        if let Some(node) = sequence.pop() {
            return node;
        }
    }
    Node::Concat(sequence)
}

/// `n}`, `n,}` or `n,m}` after a `{`.
fn counts(input: &mut Input<'_>) -> Result<(u32, Option<u32>), Fault> {
    let min = number(input).ok_or(Fault::Unsupported)?;
    let max = if input.next_if(|&(_, c)| c == ',').is_some() {
        number(input)
    } else {
        Some(min)
    };
    if input.next().ok_or(Fault::Unclosed)?.1 != '}' {
        return Err(Fault::Unsupported);
    }
    if min > MAX_COUNT || max.is_some_and(|max| max > MAX_COUNT || max < min) {
        return Err(Fault::Range);
    }
    Ok((min, max))
}

/// The decimal number next in `input`, if one is.
fn number(input: &mut Input<'_>) -> Option<u32> {
    let mut n: Option<u32> = None;
    while let Some((_, d)) = input.next_if(|(_, c)| c.is_ascii_digit()) {
        let digit = d.to_digit(10).unwrap_or(0);
        n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(digit));
    }
    n
}

/// After `\`: the set it stands for. Inside a class (`in_class`), the negated classes
/// `\D`, `\W`, `\S` are refused (a class of them is a class within a class).
fn escape(input: &mut Input<'_>, in_class: bool) -> Result<Set, Fault> {
    let c = input.next().ok_or(Fault::Unsupported)?.1;
    let (ranges, negated) = match c {
        'd' | 'D' => (DIGIT, c == 'D'),
        'w' | 'W' => (WORD, c == 'W'),
        's' | 'S' => (SPACE, c == 'S'),
        't' => return Ok(Set::of(&[('\t', '\t')], false)),
        'n' => return Ok(Set::of(&[('\n', '\n')], false)),
        'r' => return Ok(Set::of(&[('\r', '\r')], false)),
        c if META.contains(c) => return Ok(Set::of(&[(c, c)], false)),
        _ => return Err(Fault::Unsupported),
    };
    if in_class && negated {
        return Err(Fault::Unsupported);
    }
    Ok(Set::of(ranges, negated))
}

/// A class after its `[`, through its `]`.
fn class(input: &mut Input<'_>) -> Result<Set, Fault> {
    let negated = input.next_if(|&(_, c)| c == '^').is_some();
    let mut ranges: Vec<(char, char)> = Vec::new();
    loop {
        let (_, c) = input.next().ok_or(Fault::Unclosed)?;
        let lo = match c {
            // A `]` first would be a character; refused rather than guessed at.
            ']' if ranges.is_empty() => return Err(Fault::Unsupported),
            ']' => return Ok(Set { ranges, negated }),
            // A class within a class, a POSIX class, or a set operation (`&&`, `--`, `~~`).
            '[' => return Err(Fault::Unsupported),
            '&' | '~' | '-' if input.peek().is_some_and(|&(_, next)| next == c) => {
                return Err(Fault::Unsupported);
            }
            // A `-` is a character first or last only.
            '-' if !ranges.is_empty() && input.peek().is_some_and(|&(_, next)| next != ']') => {
                return Err(Fault::Unsupported);
            }
            '\\' => {
                let set = escape(input, true)?;
                if set.ranges.len() != 1 || set.ranges.first().is_some_and(|(lo, hi)| lo != hi) {
                    ranges.extend(set.ranges);
                    continue;
                }
                set.ranges.first().map_or(c, |&(lo, _)| lo)
            }
            c => c,
        };
        // A range, unless the `-` is the class's last character.
        let mut ahead = input.clone();
        let hi = match (ahead.next(), ahead.next()) {
            (Some((_, '-')), Some((_, next))) if next != ']' => {
                input.next();
                match input.next().ok_or(Fault::Unclosed)?.1 {
                    '\\' => escape(input, true)?
                        .ranges
                        .first()
                        .filter(|(lo, hi)| lo == hi)
                        .map(|&(c, _)| c)
                        .ok_or(Fault::Unsupported)?,
                    '[' | '-' => return Err(Fault::Unsupported),
                    c => c,
                }
            }
            _ => lo,
        };
        if hi < lo {
            return Err(Fault::Range);
        }
        ranges.push((lo, hi));
    }
}
