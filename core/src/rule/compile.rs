//! From JSON to the tree the evaluator walks: operators looked up once, argument counts and
//! depth checked once, and enough kept to write the rule back exactly as it was given.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::{MAX_DEPTH, RuleError};

/// An operator the engine knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Var,
    Missing,
    MissingSome,
    If,
    Ternary,
    Eq,
    StrictEq,
    Ne,
    StrictNe,
    Not,
    NotNot,
    Or,
    And,
    Gt,
    Ge,
    Lt,
    Le,
    Max,
    Min,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Map,
    Filter,
    Reduce,
    All,
    None,
    Some,
    Merge,
    In,
    Cat,
    Substr,
    IdBirthDate,
    IdAge,
    IdSex,
    DaysBetween,
    WorkingDaysBetween,
    AgeAt,
}

/// Any number of arguments.
const ANY: Option<usize> = None;

/// Every operator: name, operator, fewest and most arguments.
pub(super) const OPERATORS: [(&str, Op, usize, Option<usize>); 40] = [
    ("var", Op::Var, 0, Some(2)),
    ("missing", Op::Missing, 0, ANY),
    ("missing_some", Op::MissingSome, 2, Some(2)),
    ("if", Op::If, 0, ANY),
    ("?:", Op::Ternary, 3, Some(3)),
    ("==", Op::Eq, 2, Some(2)),
    ("===", Op::StrictEq, 2, Some(2)),
    ("!=", Op::Ne, 2, Some(2)),
    ("!==", Op::StrictNe, 2, Some(2)),
    ("!", Op::Not, 1, Some(1)),
    ("!!", Op::NotNot, 1, Some(1)),
    ("or", Op::Or, 1, ANY),
    ("and", Op::And, 1, ANY),
    (">", Op::Gt, 2, Some(2)),
    (">=", Op::Ge, 2, Some(2)),
    ("<", Op::Lt, 2, Some(3)),
    ("<=", Op::Le, 2, Some(3)),
    ("max", Op::Max, 0, ANY),
    ("min", Op::Min, 0, ANY),
    ("+", Op::Add, 0, ANY),
    ("-", Op::Sub, 1, Some(2)),
    ("*", Op::Mul, 1, ANY),
    ("/", Op::Div, 2, Some(2)),
    ("%", Op::Mod, 2, Some(2)),
    ("map", Op::Map, 2, Some(2)),
    ("filter", Op::Filter, 2, Some(2)),
    ("reduce", Op::Reduce, 2, Some(3)),
    ("all", Op::All, 2, Some(2)),
    ("none", Op::None, 2, Some(2)),
    ("some", Op::Some, 2, Some(2)),
    ("merge", Op::Merge, 0, ANY),
    ("in", Op::In, 2, Some(2)),
    ("cat", Op::Cat, 0, ANY),
    ("substr", Op::Substr, 2, Some(3)),
    ("id_birth_date", Op::IdBirthDate, 1, Some(1)),
    ("id_age", Op::IdAge, 2, Some(2)),
    ("id_sex", Op::IdSex, 1, Some(1)),
    ("days_between", Op::DaysBetween, 2, Some(2)),
    ("working_days_between", Op::WorkingDaysBetween, 2, Some(2)),
    ("age_at", Op::AgeAt, 2, Some(2)),
];

impl Op {
    /// The operator as written in rules.
    pub(super) fn name(self) -> &'static str {
        OPERATORS
            .iter()
            .find(|(_, op, _, _)| *op == self)
            .map_or("", |(name, ..)| name)
    }

    /// `==`, `===`, `!=`, `!==`, `>`, `>=`, `<`, `<=` and `in`: two values in, a boolean out.
    #[cfg(not(target_arch = "wasm32"))] // for the native-only evaluators
    pub(super) fn compares(self) -> bool {
        matches!(
            self,
            Self::Eq
                | Self::Ne
                | Self::StrictEq
                | Self::StrictNe
                | Self::Gt
                | Self::Ge
                | Self::Lt
                | Self::Le
                | Self::In
        )
    }

    /// Whether evaluating it can fail, so that the node keeps its pointer for the error.
    fn can_fail(self) -> bool {
        matches!(self, Self::IdAge | Self::AgeAt | Self::WorkingDaysBetween)
    }
}

/// A compiled rule: a literal, an array whose items are evaluated, or an operation.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// A value with no operation inside: evaluates to itself.
    Literal(Value),
    /// An array with an operation somewhere inside: evaluates item by item.
    Array(Vec<Node>),
    /// An operation.
    Call(Box<Call>),
}

/// One operation `{"op": args}`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Call {
    pub(super) op: Op,
    pub(super) args: Vec<Node>,
    /// The single argument was written bare, `{"var": "a"}` rather than `{"var": ["a"]}`.
    pub(super) bare: bool,
    /// Where the operation is, kept only for operators whose evaluation can fail.
    pub(super) pointer: Option<Box<str>>,
    /// For a `var` whose path is a literal string and whose default, if any, is a literal
    /// (nearly every `var`): its path, split once here rather than on every evaluation.
    pub(super) var: Option<LiteralVar>,
}

/// The path of a `var` written as a literal, split into keys.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LiteralVar {
    pub(super) keys: Box<[Box<str>]>,
    /// Its place among the rule's literal `var`s (depth first, in order), by which a form
    /// binds it to one of its fields ([`Binding`](super::Binding)).
    pub(super) ordinal: usize,
}

/// The keys of the path of a `var` with arguments `args`, when they are all literal; the
/// rule's `count`th such `var`.
fn literal_var(op: Op, args: &[Node], count: &mut usize) -> Option<LiteralVar> {
    match (op, args) {
        (
            Op::Var,
            [Node::Literal(Value::String(path))]
            | [Node::Literal(Value::String(path)), Node::Literal(_)],
        ) if !path.is_empty() => {
            let ordinal = *count;
            *count += 1;
            Some(LiteralVar {
                keys: path.split('.').map(Box::from).collect(),
                ordinal,
            })
        }
        _ => None,
    }
}

/// Compiles `value`, a container at nesting `depth` (1 = outermost) when it is one, whose
/// JSON Pointer is `pointer` (restored on return); `vars` counts the literal `var`s so far.
pub(super) fn compile(
    value: &Value,
    depth: usize,
    pointer: &mut String,
    vars: &mut usize,
) -> Result<Node, RuleError> {
    if !matches!(value, Value::Array(_) | Value::Object(_)) {
        return Ok(Node::Literal(value.clone()));
    }
    if depth > MAX_DEPTH {
        return Err(RuleError::TooDeep {
            max: MAX_DEPTH,
            pointer: pointer.clone(),
        });
    }
    match value {
        Value::Array(items) => {
            let nodes = compile_items(items, depth + 1, pointer, vars)?;
            if nodes.iter().all(|n| matches!(n, Node::Literal(_))) {
                Ok(Node::Literal(value.clone()))
            } else {
                Ok(Node::Array(nodes))
            }
        }
        Value::Object(map) => {
            let mut entries = map.iter();
            let (Some((name, args)), None) = (entries.next(), entries.next()) else {
                return Err(RuleError::NotAnOperation {
                    keys: map.len(),
                    pointer: pointer.clone(),
                });
            };
            let Some(&(name, op, min, max)) = OPERATORS.iter().find(|(n, ..)| n == name) else {
                return Err(RuleError::UnknownOperator {
                    // Quoted back to whoever wrote it: an ID number written as an
                    // operator (a key) is masked as anywhere else.
                    operator: crate::ids::mask_digit_runs(
                        &name.chars().take(40).collect::<String>(),
                    ),
                    pointer: pointer.clone(),
                });
            };
            let start = pointer.len();
            crate::problem::push_token(pointer, name);
            let (args, bare) = match args {
                Value::Array(_) if depth >= MAX_DEPTH => {
                    return Err(RuleError::TooDeep {
                        max: MAX_DEPTH,
                        pointer: pointer.clone(),
                    });
                }
                Value::Array(items) => (compile_items(items, depth + 2, pointer, vars), false),
                bare => (
                    compile(bare, depth + 1, pointer, vars).map(|n| vec![n]),
                    true,
                ),
            };
            pointer.truncate(start);
            let args = args?;
            if args.len() < min || max.is_some_and(|max| args.len() > max) {
                return Err(RuleError::Arity {
                    operator: name,
                    min,
                    max,
                    actual: args.len(),
                    pointer: pointer.clone(),
                });
            }
            let pointer = op.can_fail().then(|| pointer.as_str().into());
            let var = literal_var(op, &args, vars);
            Ok(Node::Call(Box::new(Call {
                op,
                args,
                bare,
                pointer,
                var,
            })))
        }
        _ => Ok(Node::Literal(value.clone())),
    }
}

/// Compiles the items of an array whose items sit at nesting `depth`.
fn compile_items(
    items: &[Value],
    depth: usize,
    pointer: &mut String,
    vars: &mut usize,
) -> Result<Vec<Node>, RuleError> {
    let start = pointer.len();
    let nodes = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            pointer.truncate(start);
            pointer.push('/');
            pointer.push_str(&i.to_string());
            compile(item, depth, pointer, vars)
        })
        .collect();
    pointer.truncate(start);
    nodes
}

/// A rule serialises as the JSON it was compiled from.
impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Literal(value) => value.serialize(serializer),
            Self::Array(items) => serialize_seq(items, serializer),
            Self::Call(call) => {
                let mut map = serializer.serialize_map(Some(1))?;
                match (call.bare, call.args.as_slice()) {
                    (true, [arg]) => map.serialize_entry(call.op.name(), arg)?,
                    _ => map.serialize_entry(call.op.name(), &Args(&call.args))?,
                }
                map.end()
            }
        }
    }
}

/// Arguments written as an array.
struct Args<'a>(&'a [Node]);

impl Serialize for Args<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_seq(self.0, serializer)
    }
}

fn serialize_seq<S: Serializer>(items: &[Node], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(items.len()))?;
    for item in items {
        seq.serialize_element(item)?;
    }
    seq.end()
}
