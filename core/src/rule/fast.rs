//! The evaluator for the rules forms are made of: literal `var`s, literals, logic,
//! comparisons, arithmetic and the domain operators — every `requiredIf`, `visibleIf` and
//! cross-field check of the sample catalogue. Same meaning as [`eval`](super::eval) (the
//! same functions decide truthiness, `==` and `<`), but its values are small and `Copy`
//! and never own JSON, so evaluating allocates nothing and passes little up each level.
//! Whether a rule can run here is decided once, when it compiles ([`supports`]); the tests
//! below check that both evaluators agree on generated rules and data.

use serde_json::Value;

use super::compile::{Call, Node, Op};
use super::domain;
use super::eval::{Failed, Scope, branch};
use super::value::{Short, Val, View, compared, number, parse_float, to_number, truthy};

/// A value while a rule runs here: data or a literal (borrowed), or what an operation
/// computed.
#[derive(Clone, Copy)]
pub(super) enum Small<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Ref(&'a Value),
    Short(Short),
    /// Text known when compiling (`"male"`, `"female"`).
    Str(&'static str),
}

impl Small<'static> {
    /// What a domain operator gave.
    pub(super) fn from_domain(value: &Val<'static>) -> Self {
        match value {
            Val::Num(f) => Self::Num(*f),
            Val::Short(s) => Self::Short(*s),
            _ => Self::Null,
        }
    }
}

impl Small<'_> {
    pub(super) fn view(&self) -> View<'_> {
        match self {
            Self::Null => View::Null,
            Self::Bool(b) => View::Bool(*b),
            Self::Num(f) => View::Num(*f),
            Self::Ref(value) => View::of(value),
            Self::Short(s) => View::Str(s.as_str()),
            Self::Str(s) => View::Str(s),
        }
    }

    /// The value as JSON, as [`Val::into_json`] writes it.
    pub(super) fn into_json(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(b),
            Self::Num(f) => number(f),
            Self::Ref(value) => value.clone(),
            Self::Short(s) => Value::String(s.as_str().to_owned()),
            Self::Str(s) => Value::String((*s).to_owned()),
        }
    }
}

/// Whether every operation in `node` can run here.
pub(super) fn supports(node: &Node) -> bool {
    match node {
        Node::Literal(_) => true,
        Node::Array(_) => false,
        Node::Call(call) => {
            let op_ok = match call.op {
                Op::Var => call.var.is_some(),
                Op::If
                | Op::Ternary
                | Op::Eq
                | Op::StrictEq
                | Op::Ne
                | Op::StrictNe
                | Op::Not
                | Op::NotNot
                | Op::Or
                | Op::And
                | Op::Gt
                | Op::Ge
                | Op::Lt
                | Op::Le
                | Op::Add
                | Op::Sub
                | Op::Mul
                | Op::Div
                | Op::Mod
                | Op::In
                | Op::IdBirthDate
                | Op::IdAge
                | Op::IdSex
                | Op::DaysBetween
                | Op::WorkingDaysBetween
                | Op::AgeAt => true,
                _ => false,
            };
            op_ok && call.args.iter().all(supports)
        }
    }
}

/// Evaluates `node`, which [`supports`] accepted, in `scope`.
pub(super) fn eval<'a>(node: &'a Node, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    match node {
        Node::Literal(value) => Ok(Small::Ref(value)),
        Node::Call(call) => call_op(call, scope),
        Node::Array(_) => Ok(Small::Null),
    }
}

/// The argument at `i`, evaluated (`null` when there is none).
fn arg<'a>(args: &'a [Node], i: usize, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    match args.get(i) {
        Some(node) => eval(node, scope),
        None => Ok(Small::Null),
    }
}

fn call_op<'a>(call: &'a Call, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    let args = call.args.as_slice();
    let arg = |i: usize| arg(args, i, scope);
    let holds = |b: bool| Ok(Small::Bool(b));
    match call.op {
        Op::Var => Ok(scope.literal_var(call).map_or(Small::Null, Small::Ref)),
        Op::If | Op::Ternary => match branch(args, |c| eval(c, scope).map(|v| truthy(v.view())))? {
            Some(chosen) => eval(chosen, scope),
            None => Ok(Small::Null),
        },
        Op::And | Op::Or => {
            let mut last = Small::Null;
            for node in args {
                last = eval(node, scope)?;
                if truthy(last.view()) == (call.op == Op::Or) {
                    break;
                }
            }
            Ok(last)
        }
        Op::Not => holds(!truthy(arg(0)?.view())),
        Op::NotNot => holds(truthy(arg(0)?.view())),
        Op::Add | Op::Mul | Op::Sub | Op::Div | Op::Mod => arithmetic(call, scope),
        op if op.compares() => comparison(call, scope),
        Op::IdBirthDate
        | Op::IdAge
        | Op::IdSex
        | Op::DaysBetween
        | Op::WorkingDaysBetween
        | Op::AgeAt => domain_op(call, scope),
        _ => Ok(Small::Null),
    }
}

/// `==`, `===`, `!=`, `!==`, `>`, `>=`, `<`, `<=` (also between) and `in`.
#[inline(never)] // as `domain_op`
fn comparison<'a>(call: &'a Call, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    let args = call.args.as_slice();
    let arg = |i: usize| arg(args, i, scope);
    let (a, b) = (arg(0)?, arg(1)?);
    // The third argument (`<`, `<=`: "between") is evaluated either way, as the general
    // evaluator does.
    let c = arg(2)?;
    let (a, b) = (a.view(), b.view());
    let result = compared(call.op, a, b) && (args.len() < 3 || compared(call.op, b, c.view()));
    Ok(Small::Bool(result))
}

/// A domain operator (`id_sex`, …).
#[inline(never)] // kept out of `eval`, whose frame every level of a rule pays for
fn domain_op<'a>(call: &'a Call, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    let (a, b) = (arg(&call.args, 0, scope)?, arg(&call.args, 1, scope)?);
    let pointer = call.pointer.as_deref().unwrap_or_default();
    domain::apply(
        call.op,
        a.view(),
        b.view(),
        pointer,
        (scope.known, scope.calendar),
    )
    .map(|v| Small::from_domain(&v))
    .map_err(Box::new)
}

/// `+`, `*`, `-`, `/` and `%`.
#[inline(never)] // as `domain_op`
fn arithmetic<'a>(call: &'a Call, scope: Scope<'a>) -> Result<Small<'a>, Failed> {
    let args = call.args.as_slice();
    let number = |i: usize, read: fn(View<'_>) -> f64| match args.get(i) {
        Some(node) => eval(node, scope).map(|v| read(v.view())),
        None => Ok(read(View::Null)),
    };
    Ok(Small::Num(match call.op {
        Op::Add | Op::Mul => {
            let mut acc = if call.op == Op::Add { 0.0 } else { 1.0 };
            for node in args {
                let x = parse_float(eval(node, scope)?.view());
                acc = if call.op == Op::Add { acc + x } else { acc * x };
            }
            acc
        }
        Op::Sub if args.len() < 2 => -number(0, to_number)?,
        Op::Sub => number(0, to_number)? - number(1, to_number)?,
        Op::Div => number(0, to_number)? / number(1, to_number)?,
        _ => number(0, to_number)? % number(1, to_number)?,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use proptest::prelude::*;

    use crate::rule::Rule;
    use crate::rule::strategies::{data, rule};

    proptest! {
        #[test]
        fn agrees_with_the_general_evaluator(rule in rule(), data in data()) {
            let Ok(compiled) = Rule::compile(&rule) else { return Ok(()) };
            prop_assert!(super::supports(&compiled.root));
            let scope = super::Scope::of(&data, crate::calendar::WorkCalendar::shipped());
            let general = super::super::eval::eval(&compiled.root, scope)
                .map(super::Val::into_json)
                .map_err(|e| *e);
            let fast = super::eval(&compiled.root, scope)
                .map(super::Small::into_json)
                .map_err(|e| *e);
            // NaN compares unequal to itself; both write it as null.
            prop_assert_eq!(general, fast, "{}", rule);
        }
    }
}
