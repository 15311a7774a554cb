//! A pattern compiled into a program of steps, run over the text as a Pike VM (Thompson's
//! construction): every way the pattern can go is followed at once, one character at a
//! time, so a match takes time proportional to the text times the program, whatever the
//! pattern (no backtracking, hence no pattern that takes exponential time).

use super::syntax::{Fault, Node, Set};

/// The most steps a program may have: a text is matched in at most its length times this.
const MAX_STEPS: usize = 10_000;

#[derive(Debug, Clone)]
enum Step {
    /// Takes one character of the set, then goes on to the next step.
    Take(Set),
    /// Goes on at both steps.
    Split(usize, usize),
    Jump(usize),
    /// Goes on only at the start (`^`) or at the end (`$`) of the text.
    Start,
    End,
    /// The pattern is matched.
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(super) struct Program {
    steps: Vec<Step>,
}

impl Program {
    pub(super) fn new(node: &Node) -> Result<Self, Fault> {
        let mut program = Self { steps: Vec::new() };
        program.compile(node)?;
        program.push(Step::Match)?;
        Ok(program)
    }

    fn push(&mut self, step: Step) -> Result<usize, Fault> {
        if self.steps.len() >= MAX_STEPS {
            return Err(Fault::TooLarge);
        }
        self.steps.push(step);
        Ok(self.steps.len() - 1)
    }

    /// Points the `Split` or `Jump` at `at` (its second way, for a split) to `to`.
    fn patch(&mut self, at: usize, to: usize) {
        if let Some(Step::Split(_, b) | Step::Jump(b)) = self.steps.get_mut(at) {
            *b = to;
        }
    }

    fn compile(&mut self, node: &Node) -> Result<(), Fault> {
        match node {
            Node::Set(set) => self.push(Step::Take(set.clone())).map(drop),
            Node::Start => self.push(Step::Start).map(drop),
            Node::End => self.push(Step::End).map(drop),
            Node::Concat(nodes) => nodes.iter().try_for_each(|n| self.compile(n)),
            Node::Alternate(nodes) => {
                let mut ends = Vec::new();
                let (last, rest) = nodes.split_last().ok_or(Fault::Unsupported)?;
                for node in rest {
                    let split = self.push(Step::Split(self.steps.len() + 1, 0))?;
                    self.compile(node)?;
                    ends.push(self.push(Step::Jump(0))?);
                    self.patch(split, self.steps.len());
                }
                self.compile(last)?;
                let end = self.steps.len();
                for jump in ends {
                    self.patch(jump, end);
                }
                Ok(())
            }
            Node::Repeat { node, min, max } => {
                for _ in 0..*min {
                    self.compile(node)?;
                }
                match max {
                    // Then as often as it comes: a loop.
                    None => {
                        let split = self.push(Step::Split(self.steps.len() + 1, 0))?;
                        self.compile(node)?;
                        self.push(Step::Jump(split))?;
                        self.patch(split, self.steps.len());
                    }
                    // Then up to `max - min` more, each optional: skipping one skips the rest.
                    Some(max) => {
                        let mut skips = Vec::new();
                        for _ in *min..*max {
                            skips.push(self.push(Step::Split(self.steps.len() + 1, 0))?);
                            self.compile(node)?;
                        }
                        let end = self.steps.len();
                        for split in skips {
                            self.patch(split, end);
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether the program matches the whole of `text`.
    pub(super) fn matches(&self, text: &str) -> bool {
        let mut now = Threads::new(self.steps.len());
        let mut next = Threads::new(self.steps.len());
        let mut stack = Vec::new();
        self.follow(&mut now, &mut stack, 0, true, text.is_empty());
        let mut left = text.len();
        for c in text.chars() {
            left -= c.len_utf8();
            for &at in &now.dense {
                if let Some(Step::Take(set)) = self.steps.get(at) {
                    if set.has(c) {
                        self.follow(&mut next, &mut stack, at + 1, false, left == 0);
                    }
                }
            }
            std::mem::swap(&mut now, &mut next);
            next.clear();
            if now.dense.is_empty() {
                return false;
            }
        }
        (now.dense.iter()).any(|&at| matches!(self.steps.get(at), Some(Step::Match)))
    }

    /// Adds the step `at` to `threads`, and every step it leads to without taking a
    /// character (at the start or the end of the text as told).
    fn follow(
        &self,
        threads: &mut Threads,
        stack: &mut Vec<usize>,
        at: usize,
        start: bool,
        end: bool,
    ) {
        stack.push(at);
        while let Some(at) = stack.pop() {
            if !threads.insert(at) {
                continue;
            }
            match self.steps.get(at) {
                Some(&Step::Jump(to)) => stack.push(to),
                Some(&Step::Split(a, b)) => stack.extend([b, a]),
                Some(Step::Start) if start => stack.push(at + 1),
                Some(Step::End) if end => stack.push(at + 1),
                _ => {}
            }
        }
    }
}

/// The steps reached at one position of the text: a sparse set (Briggs and Torczon), so
/// that clearing it costs nothing and each step is added once.
struct Threads {
    dense: Vec<usize>,
    sparse: Vec<usize>,
}

impl Threads {
    fn new(steps: usize) -> Self {
        Self {
            dense: Vec::with_capacity(steps),
            sparse: vec![0; steps],
        }
    }

    /// Adds `at`; `false` if it was there (or is no step).
    fn insert(&mut self, at: usize) -> bool {
        let Some(&i) = self.sparse.get(at) else {
            return false;
        };
        if self.dense.get(i) == Some(&at) {
            return false;
        }
        if let Some(slot) = self.sparse.get_mut(at) {
            *slot = self.dense.len();
        }
        self.dense.push(at);
        true
    }

    fn clear(&mut self) {
        self.dense.clear();
    }
}
