//! Walking a compiled rule over data. Control operators (`if`, `and`, `or`) and the array
//! operators (`map`, `filter`, …) evaluate their own arguments; every other operator gets
//! its arguments evaluated first, in order.

use serde_json::{Map, Value};

use super::compile::{Call, LiteralVar, Node, Op};
use super::value::{Val, View, compared, parse_float, to_number, to_string, truthy};
use super::{KnownIds, RuleError, domain};
use crate::calendar::WorkCalendar;

/// A rule that failed to evaluate (only a domain operator's malformed reference date can),
/// boxed: results pass up every level of the rule, and errors are rare.
pub(super) type Failed = Box<RuleError>;

/// What a rule reads: the data, and, when a form has bound the rule's variables to its
/// fields ([`Binding`](super::Binding)), the values of those fields in the data, so that a
/// `var` takes its value by position instead of looking its key up.
#[derive(Clone, Copy)]
pub(super) struct Scope<'a> {
    data: &'a Value,
    bound: Option<Bound<'a>>,
    /// Resident ID numbers already read, with the text each was read from.
    pub(super) known: KnownIds<'a>,
    /// What `working_days_between` counts on.
    pub(super) calendar: &'a WorkCalendar,
}

/// The positions of a rule's literal `var`s among a form's fields, and the values of those
/// fields.
#[derive(Clone, Copy)]
struct Bound<'a> {
    binding: &'a [Option<u32>],
    slots: &'a [Option<&'a Value>],
}

impl<'a> Scope<'a> {
    pub(super) fn of(data: &'a Value, calendar: &'a WorkCalendar) -> Self {
        Self {
            data,
            bound: None,
            known: &[],
            calendar,
        }
    }

    /// The scope of an array operator's per-item rule: `item`, on the same calendar.
    fn over(self, item: &'a Value) -> Self {
        Self::of(item, self.calendar)
    }

    /// `data` whose top-level values are `slots` too, at the positions `binding` gives the
    /// literal `var`s (`slots[i]` must be the value in `data` under the key of field `i`).
    pub(super) fn bound(
        data: &'a Value,
        binding: &'a [Option<u32>],
        slots: &'a [Option<&'a Value>],
        known: KnownIds<'a>,
        calendar: &'a WorkCalendar,
    ) -> Self {
        Self {
            data,
            bound: Some(Bound { binding, slots }),
            known,
            calendar,
        }
    }

    /// The value of `call`, a `var` of a literal path: the value at the path, else its
    /// literal default, else none (`null`).
    pub(super) fn literal_var(self, call: &'a Call) -> Option<&'a Value> {
        let found = call.var.as_ref().and_then(|var| self.lookup(var));
        match (found, call.args.get(1)) {
            (Some(value), _) | (None, Some(Node::Literal(value))) => Some(value),
            (None, _) => None,
        }
    }

    /// The value at the path of a literal `var`, if there is one: its first key taken by
    /// position when the rule is bound, the rest looked up.
    fn lookup(self, var: &'a LiteralVar) -> Option<&'a Value> {
        let bound = self.bound.and_then(|b| {
            let position = (*b.binding.get(var.ordinal)?)?;
            Some(
                b.slots
                    .get(usize::try_from(position).ok()?)
                    .copied()
                    .flatten(),
            )
        });
        let (start, keys) = match bound {
            Some(value) => (value, var.keys.get(1..).unwrap_or_default()),
            None => (Some(self.data), &var.keys[..]),
        };
        start.and_then(|v| keys.iter().try_fold(v, |current, key| step(current, key)))
    }
}

/// Evaluates `node` in `scope`. Recursion is bounded by the rule's depth, which compiling
/// limited to [`MAX_DEPTH`](super::MAX_DEPTH).
pub(super) fn eval<'a>(node: &'a Node, scope: Scope<'a>) -> Result<Val<'a>, Failed> {
    match node {
        Node::Literal(value) => Ok(Val::Ref(value)),
        Node::Array(items) => items
            .iter()
            .map(|n| eval(n, scope).map(Val::into_json))
            .collect::<Result<_, _>>()
            .map(|items| Val::Json(Value::Array(items))),
        Node::Call(call) => call_op(call, scope),
    }
}

fn call_op<'a>(call: &'a Call, scope: Scope<'a>) -> Result<Val<'a>, Failed> {
    let args = call.args.as_slice();
    // A `var` of a literal path: as `var` below, with the path split when compiling and
    // its first key, when bound, already found.
    if call.var.is_some() {
        return Ok(scope
            .literal_var(call)
            .map_or(Val::Json(Value::Null), Val::Ref));
    }
    match call.op {
        Op::If | Op::Ternary => match branch(args, |c| eval(c, scope).map(|v| truthy(v.view())))? {
            Some(chosen) => eval(chosen, scope),
            None => Ok(Val::Json(Value::Null)),
        },
        Op::And | Op::Or => {
            // The deciding value: the first falsy (and) or truthy (or) one, else the last.
            let mut last = Val::Json(Value::Null);
            for arg in args {
                last = eval(arg, scope)?;
                if truthy(last.view()) == (call.op == Op::Or) {
                    break;
                }
            }
            Ok(last)
        }
        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::None | Op::Some => {
            scoped(call.op, args, scope)
        }
        // Most operations take one to three arguments: evaluate those onto the stack
        // rather than into a new vector (a `var` or `==` then allocates nothing).
        op => {
            let pointer = call.pointer.as_deref();
            match args {
                [] => apply(op, &[], scope, pointer),
                [a] => apply(op, &[eval(a, scope)?], scope, pointer),
                [a, b] => apply(op, &[eval(a, scope)?, eval(b, scope)?], scope, pointer),
                [a, b, c] => {
                    let values = [eval(a, scope)?, eval(b, scope)?, eval(c, scope)?];
                    apply(op, &values, scope, pointer)
                }
                _ => {
                    let values = args
                        .iter()
                        .map(|n| eval(n, scope))
                        .collect::<Result<Vec<_>, _>>()?;
                    apply(op, &values, scope, pointer)
                }
            }
        }
    }
}

/// The argument an `if` (`?:`) evaluates to: the one after the first condition that
/// `holds`, else the last when there is one more than the pairs, else none (`null`).
pub(super) fn branch<'n, N, E>(
    args: &'n [N],
    mut holds: impl FnMut(&'n N) -> Result<bool, E>,
) -> Result<Option<&'n N>, E> {
    for pair in args.chunks(2) {
        match pair {
            [condition, then] if holds(condition)? => return Ok(Some(then)),
            [otherwise] => return Ok(Some(otherwise)),
            _ => {}
        }
    }
    Ok(None)
}

/// The array operators: the first argument is evaluated over `data`, the second over each
/// item (`reduce`: over `{"current": item, "accumulator": value so far}`).
fn scoped<'a>(op: Op, args: &'a [Node], scope: Scope<'a>) -> Result<Val<'a>, Failed> {
    let (Some(items), Some(logic)) = (args.first(), args.get(1)) else {
        return Ok(Val::Json(Value::Null));
    };
    let initial = || {
        args.get(2)
            .map_or(Ok(Val::Json(Value::Null)), |i| eval(i, scope))
    };
    let items = match eval(items, scope)? {
        Val::Json(Value::Array(items)) => items,
        Val::Ref(Value::Array(items)) => items.clone(),
        _ if op == Op::Reduce => return initial(),
        _ => Vec::new(),
    };
    // The per-item rule reads the item, where no field is bound.
    let holds = |item: &Value| eval(logic, scope.over(item)).map(|v| truthy(v.view()));
    Ok(match op {
        Op::Map => Val::Json(Value::Array(
            items
                .iter()
                .map(|item| eval(logic, scope.over(item)).map(Val::into_json))
                .collect::<Result<_, _>>()?,
        )),
        Op::Filter => {
            let mut kept = Vec::new();
            for item in items {
                if holds(&item)? {
                    kept.push(item);
                }
            }
            Val::Json(Value::Array(kept))
        }
        Op::Reduce => {
            let mut accumulator = initial()?;
            let calendar = scope.calendar;
            for current in items {
                let mut item = Map::new();
                item.insert("current".into(), current);
                item.insert("accumulator".into(), accumulator.into_json());
                let item = Value::Object(item);
                accumulator = eval(logic, Scope::of(&item, calendar))?.into_owned();
            }
            accumulator
        }
        // `all` of nothing is false, as in the reference implementation.
        Op::All => {
            let mut all = !items.is_empty();
            for item in &items {
                if !holds(item)? {
                    all = false;
                    break;
                }
            }
            Val::from(all)
        }
        _ => {
            let mut found = false;
            for item in &items {
                if holds(item)? {
                    found = true;
                    break;
                }
            }
            Val::from(found == (op == Op::Some))
        }
    })
}

/// The operators that take their arguments evaluated.
fn apply<'a>(
    op: Op,
    args: &[Val<'a>],
    scope: Scope<'a>,
    pointer: Option<&str>,
) -> Result<Val<'a>, Failed> {
    const NULL: Val<'static> = Val::Json(Value::Null);
    let data = scope.data;
    let a = args.first().unwrap_or(&NULL).view();
    let b = args.get(1).unwrap_or(&NULL).view();
    let nums = || args.iter().map(|v| to_number(v.view()));
    Ok(match op {
        Op::Var => var(args, data),
        Op::Missing => Val::Json(Value::Array(missing(args, data))),
        Op::MissingSome => Val::Json(missing_some(a, args.get(1), data)),
        Op::Not => Val::from(!truthy(a)),
        Op::NotNot => Val::from(truthy(a)),
        // A third argument (`<`, `<=` only): "between", a < b < c.
        op @ (Op::Eq
        | Op::Ne
        | Op::StrictEq
        | Op::StrictNe
        | Op::Gt
        | Op::Ge
        | Op::Lt
        | Op::Le
        | Op::In) => {
            Val::from(compared(op, a, b) && args.get(2).is_none_or(|c| compared(op, b, c.view())))
        }
        Op::Max => Val::Num(extreme(nums(), f64::max)),
        Op::Min => Val::Num(extreme(nums(), f64::min)),
        // From +0 as in JavaScript (Rust's `sum` starts from -0).
        Op::Add => Val::Num(args.iter().fold(0.0, |sum, v| sum + parse_float(v.view()))),
        Op::Mul => Val::Num(args.iter().map(|v| parse_float(v.view())).product()),
        Op::Sub => Val::Num(match args.get(1) {
            None => -to_number(a),
            Some(_) => to_number(a) - to_number(b),
        }),
        Op::Div => Val::Num(to_number(a) / to_number(b)),
        Op::Mod => Val::Num(to_number(a) % to_number(b)),
        Op::Merge => {
            let mut merged = Vec::new();
            for arg in args {
                match arg.array() {
                    Some(items) => merged.extend(items.iter().cloned()),
                    None => merged.push(arg.clone().into_json()),
                }
            }
            Val::Json(Value::Array(merged))
        }
        Op::Cat => {
            let mut out = String::new();
            for arg in args.iter().map(Val::view) {
                if !matches!(arg, View::Null) {
                    out.push_str(&to_string(arg));
                }
            }
            Val::Json(Value::String(out))
        }
        Op::Substr => substr(a, b, args.get(2).map(Val::view)),
        Op::IdBirthDate
        | Op::IdAge
        | Op::IdSex
        | Op::DaysBetween
        | Op::WorkingDaysBetween
        | Op::AgeAt => {
            let context = (scope.known, scope.calendar);
            return domain::apply(op, a, b, pointer.unwrap_or_default(), context).map_err(Box::new);
        }
        // Evaluated in `call_op`.
        Op::If
        | Op::Ternary
        | Op::And
        | Op::Or
        | Op::Map
        | Op::Filter
        | Op::Reduce
        | Op::All
        | Op::None
        | Op::Some => NULL,
    })
}

/// `Math.max` / `Math.min`: NaN when any argument is not a number; for no arguments, the
/// infinity `Math` gives (written out as `null`).
fn extreme(mut nums: impl Iterator<Item = f64>, pick: fn(f64, f64) -> f64) -> f64 {
    let Some(first) = nums.next() else {
        return f64::NAN;
    };
    nums.fold(first, |m, n| {
        if m.is_nan() || n.is_nan() {
            f64::NAN
        } else {
            pick(m, n)
        }
    })
}

/// `var`: the value at a dot-separated path (`a.b`, `items.0.name`), the default (or `null`)
/// when there is none; the whole data for `""`, `null` or no path.
fn var<'a>(args: &[Val<'a>], data: &'a Value) -> Val<'a> {
    let path = match args.first().map(Val::view) {
        None | Some(View::Null | View::Str("")) => return Val::Ref(data),
        Some(path) => to_string(path),
    };
    match lookup(&path, data) {
        Some(value) => Val::Ref(value),
        None => args.get(1).cloned().unwrap_or(Val::Json(Value::Null)),
    }
}

/// The value at a dot-separated path in `data`, descending into objects by key and into
/// arrays by index.
fn lookup<'a>(path: &str, data: &'a Value) -> Option<&'a Value> {
    path.split('.')
        .try_fold(data, |current, key| step(current, key))
}

/// The value under `key` in `current`: by key in an object, by index in an array.
fn step<'a>(current: &'a Value, key: &str) -> Option<&'a Value> {
    match current {
        Value::Object(map) => map.get(key),
        Value::Array(items) => index(key).and_then(|i| items.get(i)),
        _ => None,
    }
}

/// An array index written canonically (`0`, `12`; not `01` or `+1`).
fn index(key: &str) -> Option<usize> {
    let canonical =
        key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
    if canonical { key.parse().ok() } else { None }
}

/// `missing`: the keys (given as arguments, or as one array) whose value is `null`, absent
/// or `""`.
fn missing(args: &[Val<'_>], data: &Value) -> Vec<Value> {
    let keys: Vec<Val<'_>> = match args.first().and_then(Val::array) {
        Some(keys) => keys.iter().map(Val::Ref).collect(),
        None => args.to_vec(),
    };
    keys.into_iter()
        .filter(|key| {
            // As JavaScript's `{"var": key}`: an array key is the arguments of `var`.
            let value = match key.array() {
                Some(args) => var(&args.iter().map(Val::Ref).collect::<Vec<_>>(), data),
                None => var(std::slice::from_ref(key), data),
            };
            matches!(value.view(), View::Null | View::Str(""))
        })
        .map(Val::into_json)
        .collect()
}

/// `missing_some`: `[]` when at least `need` of `keys` are present, else the missing ones.
fn missing_some(need: View<'_>, keys: Option<&Val<'_>>, data: &Value) -> Value {
    let keys = keys.cloned().unwrap_or(Val::Json(Value::Null));
    // As JavaScript's `keys.length`: a string's length, NaN for what is not an array.
    #[allow(clippy::cast_precision_loss)] // lengths are far below 2^53
    let count = match keys.view() {
        View::Array(keys) => keys.len() as f64,
        View::Str(s) => s.encode_utf16().count() as f64,
        _ => f64::NAN,
    };
    // As JavaScript's `{"missing": keys}`: the keys are its arguments.
    let absent = match keys.array() {
        Some(items) => missing(&items.iter().map(Val::Ref).collect::<Vec<_>>(), data),
        None => missing(std::slice::from_ref(&keys), data),
    };
    #[allow(clippy::cast_precision_loss)]
    let present = count - absent.len() as f64;
    if present >= to_number(need) {
        Value::Array(Vec::new())
    } else {
        Value::Array(absent)
    }
}

/// `substr`: characters from `start` (negative: from the end), `length` of them (negative:
/// all but that many at the end; absent: to the end). Counts characters, not UTF-16 units.
fn substr(source: View<'_>, start: View<'_>, length: Option<View<'_>>) -> Val<'static> {
    let chars: Vec<char> = to_string(source).chars().collect();
    let len = i64::try_from(chars.len()).unwrap_or(i64::MAX);
    let start = integer(to_number(start));
    let from = if start < 0 {
        len.saturating_add(start)
    } else {
        start
    };
    let from = usize::try_from(from.clamp(0, len)).unwrap_or(0);
    let rest = chars.get(from..).unwrap_or_default();
    let rest_len = i64::try_from(rest.len()).unwrap_or(i64::MAX);
    let take = match length.map(to_number) {
        None => rest_len,
        // Negative: all but that many at the end (json-logic-js emulates PHP here).
        #[allow(clippy::cast_precision_loss)] // lengths are far below 2^53
        Some(n) if n < 0.0 => integer(rest_len as f64 + n),
        Some(n) => integer(n),
    };
    let take = usize::try_from(take.clamp(0, rest_len)).unwrap_or(0);
    Val::Json(Value::String(rest.iter().take(take).collect()))
}

/// JavaScript `ToIntegerOrInfinity`, saturated to `i64`.
fn integer(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    // Saturating float-to-int conversion, as intended.
    #[allow(clippy::cast_possible_truncation)]
    let n = f.trunc() as i64;
    n
}
