//! The literals a rule compares its variables with, for lint: a condition comparing a choice
//! field with a value that is not one of its choices is never true (or, negated, always),
//! whatever the applicant answers.

use std::fmt::Write as _;

use serde_json::Value;

use super::compile::{Call, Node, Op};
use super::{Rule, data_args};

/// A literal a rule compares a variable's value with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Comparison {
    /// The variable's path, as written.
    pub(crate) var: String,
    /// The literal: a string, number, boolean or `null`.
    pub(crate) literal: Value,
    /// Whether the literal is looked for among the items of the variable's value
    /// (`{"in": [literal, {"var": …}]}`) rather than compared with the whole of it.
    pub(crate) among_items: bool,
    /// The JSON Pointer of the literal in the rule.
    pub(crate) pointer: String,
}

impl Rule {
    /// Every literal the rule compares a variable (of a literal path) with, where the
    /// rule reads its data (not inside a per-item rule): either side of `==`, `===`, `!=`
    /// and `!==`; each item of the literal array of `{"in": [{"var": …}, [items…]]}`; and
    /// the literal text of `{"in": [text, {"var": …}]}`.
    pub(crate) fn comparisons(&self) -> Vec<Comparison> {
        let mut found = Vec::new();
        walk(&self.root, &mut String::new(), &mut found);
        found
    }
}

fn walk(node: &Node, pointer: &mut String, found: &mut Vec<Comparison>) {
    match node {
        Node::Literal(_) => {}
        Node::Array(items) => {
            let start = pointer.len();
            for (i, item) in items.iter().enumerate() {
                let _ = write!(pointer, "/{i}");
                walk(item, pointer, found);
                pointer.truncate(start);
            }
        }
        Node::Call(call) => {
            compared(call, pointer, found);
            data_args(call, pointer, |arg, pointer| walk(arg, pointer, found));
        }
    }
}

/// The comparisons `call` itself makes (at `pointer`).
fn compared(call: &Call, pointer: &str, found: &mut Vec<Comparison>) {
    let at = |suffix: &str| {
        let mut at = pointer.to_owned();
        crate::problem::push_token(&mut at, call.op.name());
        at + suffix
    };
    let mut push = |var: String, literal: &Value, among_items, pointer| {
        if !(literal.is_array() || literal.is_object()) {
            found.push(Comparison {
                var,
                literal: literal.clone(),
                among_items,
                pointer,
            });
        }
    };
    match (call.op, call.args.as_slice()) {
        (Op::Eq | Op::StrictEq | Op::Ne | Op::StrictNe, [a, b]) => {
            for (var, other, i) in [(a, b, 1), (b, a, 0)] {
                if let (Some(var), Node::Literal(literal)) = (var_path(var), other) {
                    push(var, literal, false, at(&format!("/{i}")));
                }
            }
        }
        (Op::In, [var, Node::Literal(Value::Array(items))]) => {
            if let Some(var) = var_path(var) {
                for (j, literal) in items.iter().enumerate() {
                    push(var.clone(), literal, false, at(&format!("/1/{j}")));
                }
            }
        }
        (Op::In, [Node::Literal(literal @ Value::String(_)), var]) => {
            if let Some(var) = var_path(var) {
                push(var, literal, true, at("/0"));
            }
        }
        _ => {}
    }
}

/// The path of `node` when it is a `var` of a literal path.
fn var_path(node: &Node) -> Option<String> {
    match node {
        Node::Call(call) if call.op == Op::Var && call.var.is_some() => match call.args.first() {
            Some(Node::Literal(Value::String(path))) => Some(path.clone()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::Rule;

    /// (var, literal, among items, pointer) of each comparison of `rule`.
    fn of(rule: &serde_json::Value) -> Vec<(String, serde_json::Value, bool, String)> {
        Rule::compile(rule)
            .unwrap()
            .comparisons()
            .into_iter()
            .map(|c| (c.var, c.literal, c.among_items, c.pointer))
            .collect()
    }

    #[test]
    fn finds_the_literals_compared_with_variables() {
        let rule = json!({"and": [
            {"==": [{"var": "sex"}, "male"]},
            {"!==": [false, {"var": "married"}]},
            {"in": [{"var": "post"}, ["ems", "sf"]]},
            {"in": ["sports", {"var": "hobbies"}]},
            {"some": [{"var": "kids"}, {"==": [{"var": "age"}, 3]}]},
            {"==": [{"var": "a"}, {"var": "b"}]},
            {"==": [{"var": ["x", 1]}, null]},
            {"==": [{"cat": ["a", "b"]}, "ab"]},
            {"!": {"===": [{"var": "n"}, 2]}}
        ]});
        let s = |t: &str| t.to_owned();
        assert_eq!(
            of(&rule),
            vec![
                (s("sex"), json!("male"), false, s("/and/0/==/1")),
                (s("married"), json!(false), false, s("/and/1/!==/0")),
                (s("post"), json!("ems"), false, s("/and/2/in/1/0")),
                (s("post"), json!("sf"), false, s("/and/2/in/1/1")),
                (s("hobbies"), json!("sports"), true, s("/and/3/in/0")),
                (s("x"), json!(null), false, s("/and/6/==/1")),
                (s("n"), json!(2), false, s("/and/8/!/===/1")),
            ]
        );
    }

    #[test]
    fn leaves_out_computed_paths() {
        assert!(of(&json!({"==": [{"var": {"cat": ["a", "b"]}}, "x"]})).is_empty());
        assert!(of(&json!({"in": [{"var": "a"}, "text"]})).is_empty());
    }
}
