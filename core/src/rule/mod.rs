//! Rules as data: [JsonLogic](https://jsonlogic.com) rules, compiled once when a catalogue
//! loads and evaluated many times — conditional fields (`requiredIf`, `visibleIf`),
//! cross-field checks, material and successor conditions, policy eligibility.
//!
//! An evaluator of our own rather than `datalogic-rs`, which would add 210 KB (gzipped) to
//! the WASM package. It follows the reference implementation (json-logic-js) and passes the
//! official conformance cases for every operator it has. Native builds run the rules forms
//! are made of (logic, comparisons, arithmetic, domain operators) in a second, allocation-free
//! evaluator with the same results (property-tested against the first), and a form's
//! verdict (the check that an answer has no problem) runs them compiled against the form's
//! fields, each `var` a field position (`FlatRule`, property-tested the same way); the WASM
//! module leaves both out for size.
//!
//! ```
//! use doorstep::rule::Rule;
//! use serde_json::json;
//!
//! // 申请人未满 18 周岁时须填写监护人: required when the applicant is under 18.
//! let rule = Rule::compile(&json!(
//!     {"<": [{"id_age": [{"var": "applicant.id"}, {"var": "today"}]}, 18]}
//! ))?;
//! let data = json!({"applicant": {"id": "350205199003071239"}, "today": "2024-10-15"});
//! assert!(!rule.truthy(&data)?);
//! assert_eq!(rule.vars(), ["applicant.id", "today"]);
//! # Ok::<(), doorstep::rule::RuleError>(())
//! ```
//!
//! # Operators
//!
//! | family | operators |
//! |---|---|
//! | data | `var`, `missing`, `missing_some` |
//! | logic | `if`, `?:`, `==`, `===`, `!=`, `!==`, `!`, `!!`, `or`, `and` |
//! | numbers | `>`, `>=`, `<`, `<=` (also `[a, b, c]`: between), `max`, `min`, `+`, `-`, `*`, `/`, `%` |
//! | arrays | `map`, `filter`, `reduce`, `all`, `none`, `some`, `merge`, `in` |
//! | strings | `in`, `cat`, `substr` |
//! | domain | `id_birth_date`, `id_age`, `id_sex`, `days_between`, `working_days_between`, `age_at` (see below) |
//!
//! `log` is left out. Domain operators (领域运算符):
//!
//! | operator | 中文 | arguments | result |
//! |---|---|---|---|
//! | `id_birth_date` | 身份证出生日期 | ID number | `"YYYY-MM-DD"`, or `null` if not a valid number |
//! | `id_age` | 按身份证计算周岁 | ID number, reference date | full years on that date, or `null` |
//! | `id_sex` | 身份证性别 | ID number | `"male"` / `"female"`, or `null` |
//! | `days_between` | 相隔天数 | from, to (`YYYY-MM-DD`) | calendar days `to − from`, or `null` |
//! | `working_days_between` | 相隔工作日 | from, to (`YYYY-MM-DD`) | working days in `(from, to]`, negative when `to` is earlier, or `null` |
//! | `age_at` | 按出生日期计算周岁 | birth date, reference date | full years on that date, or `null` |
//!
//! An ID number is a resident ID number (18 digits, or 15) or a residence permit number for
//! Hong Kong, Macau and Taiwan residents. Anything else, a malformed date given as data,
//! and a birth after the reference date give `null`; a reference date that is not a date
//! written `YYYY-MM-DD` is an error ([`RuleError::InvalidDate`]).
//!
//! `working_days_between` counts as [`WorkCalendar::working_days_between`] does (民法典
//! art. 201: the first day is not counted), on the calendar the rule is evaluated with:
//! an [`Engine`](crate::engine::Engine)'s (the shipped years and its catalogue's) for the rules of
//! its catalogue, [`WorkCalendar::shipped`] for [`Rule::evaluate`] and [`Rule::truthy`].
//! A date in a year the calendar does not have is an error ([`RuleError::OutOfCalendar`]).
//!
//! # Semantics
//!
//! As json-logic-js 2.0.5: `==` coerces as JavaScript does (`1 == "1"`, `[] == 0`), `[]`
//! and `""` are falsy while `"0"` is truthy, `and`/`or` stop at and return the deciding
//! value, `+` and `*` read numbers with `parseFloat`, the others with `Number`. Numbers are
//! f64; while a rule runs they may be NaN or ±Infinity (`{"+": ["abc"]}`, `{"/": [1, 0]}`)
//! and behave as in JavaScript (a sum with a missing value is never `<` anything); a result
//! is written as JSON: integral numbers as integers (`1`, not `1.0`), NaN and ±Infinity as
//! `null`, as `JSON.stringify` writes them. Where JSON cannot follow JavaScript, or should
//! not, the difference is small and deliberate:
//!
//! - Inside an array the rule builds (`map`, `merge`, `missing`, `[…]`), NaN and ±Infinity
//!   are already `null`.
//! - Arrays and objects are never `==` or `===` to one another (JavaScript compares them by
//!   identity, so `{"===": [{"var": "a"}, {"var": "a"}]}` holds there for an array `a`).
//! - `var` descends into objects and arrays only: no `length`, no characters of strings.
//! - `substr` counts characters, not UTF-16 units; `*` with one argument gives a number.
//! - A string is read as a number by the parser that reads JSON numbers (`serde_json`), so
//!   `"0.1"` and `0.1` are the same f64; beyond 15 significant digits or exponents of ±22,
//!   it may differ from JavaScript's in the last bit.
//! - An object with no key or several keys is not passed through as data: it is an error
//!   ([`RuleError::NotAnOperation`]).
//! - Argument counts are checked where the operator has a fixed one (`==` takes 2, `<`
//!   2 or 3, `!` 1, …; [`RuleError::Arity`]); `>` and `>=` take exactly 2 (`JsonLogic`'s
//!   "between" is `<` and `<=` only).
//!
//! # Depth
//!
//! A rule may nest arrays and operations [`MAX_DEPTH`] deep, counted as JSON nests them
//! (in `{"!": [[1]]}`, `[1]` is at level 3); deeper is [`RuleError::TooDeep`], found while
//! compiling without recursing further, so no rule can overflow the stack. Data should be
//! JSON as a parser gives it (`serde_json` stops at 128 levels).

mod compared;
mod compile;
mod domain;
mod error;
mod eval;
// Left out of the WebAssembly build: the npm package has a size budget, and the general
// evaluator gives the same results (the tests in `fast` check it).
#[cfg(not(target_arch = "wasm32"))]
mod fast;
// As `fast`: forms' verdicts are native only.
#[cfg(not(target_arch = "wasm32"))]
mod flat;
mod request;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod strategies;
mod value;

use std::fmt::{self, Write as _};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::calendar::WorkCalendar;

pub(crate) use compared::Comparison;
use compile::{Call, Node, OPERATORS, Op};
pub use error::RuleError;
use eval::Scope;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use flat::{FlatRule, PlainIds};
pub use request::{MAX_RULE_REQUEST_BYTES, RuleOutcome, RuleRequest};
pub(crate) use value::{number as number_value, number_to_string};

/// The deepest a rule may nest arrays and operations (objects).
pub const MAX_DEPTH: usize = 64;

/// A compiled `JsonLogic` rule.
///
/// Build one with [`Rule::compile`], or deserialise it: deserialising compiles, so a
/// catalogue with a bad rule fails to load. It serialises back to the JSON it was compiled
/// from, unchanged.
///
/// ```
/// use doorstep::rule::Rule;
/// use serde_json::json;
///
/// let rule = Rule::compile(&json!({"and": [
///     {">=": [{"var": "age"}, 60]},
///     {"in": [{"var": "district"}, ["思明区", "海沧区"]]}
/// ]}))?;
/// assert!(rule.truthy(&json!({"age": 65, "district": "海沧区"}))?);
/// assert_eq!(rule.evaluate(&json!({"age": 59, "district": "海沧区"}))?, json!(false));
///
/// let err = Rule::compile(&json!({"and": [true, {"==": [1]}]})).unwrap_err();
/// assert_eq!(err.pointer(), "/and/1");
/// # Ok::<(), doorstep::rule::RuleError>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Rule {
    root: Node,
    /// How many `var`s of a literal path it has (see [`Binding`]).
    vars: usize,
    /// Whether the small evaluator runs it (`fast::supports`).
    #[cfg(not(target_arch = "wasm32"))]
    fast: bool,
}

/// A rule's variables bound to the fields of a form: for each `var` of a literal path, the
/// position of the field its first key names, if any. A form evaluating the rule over an
/// answer whose fields it has already matched ([`Rule::truthy_bound`]) then reads a
/// variable by position rather than by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Binding(Vec<Option<u32>>);

/// Resident ID numbers the form engine has already read, each with the text it was read
/// from: a domain operator (`id_sex`, …) given one of these texts does not read it again.
pub(crate) type KnownIds<'a> = &'a [(&'a str, crate::ids::ResidentId)];

impl Binding {
    /// No variable bound: each is looked up by key.
    pub(crate) const NONE: Self = Self(Vec::new());
}

impl Rule {
    /// Compiles a rule, checking every operator, the argument counts and the depth.
    ///
    /// Errors name where the problem is as a JSON Pointer into `rule`, e.g. `/and/1/==/0`.
    ///
    /// ```
    /// use doorstep::Coded;
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let err = Rule::compile(&json!({"if": [{"lg": 1}, "a", "b"]})).unwrap_err();
    /// assert_eq!(err.code(), "rule.unknown_operator");
    /// assert_eq!(err.pointer(), "/if/0");
    /// ```
    pub fn compile(rule: &Value) -> Result<Self, RuleError> {
        let mut pointer = String::new();
        let mut vars = 0;
        let root = compile::compile(rule, 1, &mut pointer, &mut vars)?;
        Ok(Self {
            #[cfg(not(target_arch = "wasm32"))]
            fast: fast::supports(&root),
            root,
            vars,
        })
    }

    /// Evaluates the rule over `data`.
    ///
    /// Never panics. Values of unexpected types are coerced as `JsonLogic` does rather than
    /// refused; the only error is a domain operator's malformed reference date.
    ///
    /// ```
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let rule = Rule::compile(&json!({"missing_some": [1, ["phone", "email"]]}))?;
    /// assert_eq!(rule.evaluate(&json!({"email": ""}))?, json!(["phone", "email"]));
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn evaluate(&self, data: &Value) -> Result<Value, RuleError> {
        self.evaluate_on(data, WorkCalendar::shipped())
    }

    /// [`evaluate`](Self::evaluate), with `working_days_between` counting on `calendar`.
    ///
    /// ```
    /// use doorstep::calendar::WorkCalendar;
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// // 国庆节: 2025-10-01 to 10-08 off, Saturday 10-11 worked.
    /// let rule = Rule::compile(&json!({"working_days_between": ["2025-09-30", "2025-10-14"]}))?;
    /// assert_eq!(rule.evaluate_on(&json!(null), &WorkCalendar::china())?, json!(5));
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn evaluate_on(&self, data: &Value, calendar: &WorkCalendar) -> Result<Value, RuleError> {
        let scope = Scope::of(data, calendar);
        #[cfg(not(target_arch = "wasm32"))]
        if self.fast {
            return fast::eval(&self.root, scope)
                .map(fast::Small::into_json)
                .map_err(|e| *e);
        }
        eval::eval(&self.root, scope)
            .map(value::Val::into_json)
            .map_err(|e| *e)
    }

    /// Evaluates the rule and tells whether the result is truthy ([`truthy`]).
    ///
    /// ```
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let rule = Rule::compile(&json!({"var": "children"}))?;
    /// assert!(!rule.truthy(&json!({"children": []}))?);
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn truthy(&self, data: &Value) -> Result<bool, RuleError> {
        self.truthy_on(data, WorkCalendar::shipped())
    }

    /// [`truthy`](Self::truthy), with `working_days_between` counting on `calendar`.
    pub fn truthy_on(&self, data: &Value, calendar: &WorkCalendar) -> Result<bool, RuleError> {
        self.truthy_in(Scope::of(data, calendar))
    }

    fn truthy_in(&self, scope: Scope<'_>) -> Result<bool, RuleError> {
        #[cfg(not(target_arch = "wasm32"))]
        if self.fast {
            return fast::eval(&self.root, scope)
                .map(|v| value::truthy(v.view()))
                .map_err(|e| *e);
        }
        eval::eval(&self.root, scope)
            .map(|v| value::truthy(v.view()))
            .map_err(|e| *e)
    }

    /// Binds the rule's variables to the fields of a form: `position` gives the position
    /// of the field with a key, if there is one.
    pub(crate) fn bind(&self, position: impl Fn(&str) -> Option<usize>) -> Binding {
        let mut slots = vec![None; self.vars];
        for var in self
            .calls(true)
            .into_iter()
            .filter_map(|call| call.var.as_ref())
        {
            let first = var.keys.first().map_or("", |k| &**k);
            let found = position(first).and_then(|p| u32::try_from(p).ok());
            if let Some(slot) = slots.get_mut(var.ordinal) {
                *slot = found;
            }
        }
        Binding(slots)
    }

    /// The rule's calls (operations), depth first; with `per_item`, also those of the
    /// per-item rules of array operators (the second argument of `map`, `filter`, `reduce`,
    /// `all`, `none`, `some`), which read the item rather than the data.
    fn calls(&self, per_item: bool) -> Vec<&compile::Call> {
        let mut calls = Vec::new();
        let mut stack = vec![&self.root];
        while let Some(node) = stack.pop() {
            match node {
                Node::Literal(_) => {}
                Node::Array(items) => stack.extend(items),
                Node::Call(call) => {
                    let over_items = matches!(
                        call.op,
                        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::None | Op::Some
                    );
                    for (i, arg) in call.args.iter().enumerate() {
                        if per_item || !(over_items && i == 1) {
                            stack.push(arg);
                        }
                    }
                    calls.push(&**call);
                }
            }
        }
        calls
    }

    /// Whether the rule reads its data other than through `var`s of literal paths, which a
    /// form binds to its fields: by `missing` or `missing_some`, or by a `var` whose path is
    /// computed, is the whole data or has a computed default. The per-item rules of array
    /// operators read the item, and are not counted.
    pub(crate) fn reads_data_by_key(&self) -> bool {
        self.calls(false).iter().any(|call| {
            matches!(call.op, Op::Missing | Op::MissingSome)
                || (call.op == Op::Var && call.var.is_none())
        })
    }

    /// [`truthy`](Self::truthy), where `slots` holds, by field position, the values of the
    /// fields `binding` (made by [`bind`](Self::bind) for this rule) refers to: `slots[i]`
    /// is `data`'s value under the key of field `i`, or `None` when it has none. `known`
    /// holds ID numbers already read; `calendar` is what working days count on.
    pub(crate) fn truthy_bound(
        &self,
        data: &Value,
        binding: &Binding,
        slots: &[Option<&Value>],
        (known, calendar): (KnownIds<'_>, &WorkCalendar),
    ) -> Result<bool, RuleError> {
        self.truthy_in(Scope::bound(data, &binding.0, slots, known, calendar))
    }

    /// The paths of the data the rule reads, each once, in order of first appearance: the
    /// `var` paths written in the rule and the keys `missing` and `missing_some` list.
    ///
    /// Left out: `""` (the whole data); paths inside the per-item rule of `map`, `filter`,
    /// `reduce`, `all`, `none` and `some`, which read the item, not the data; and paths
    /// computed when the rule runs, which [`computed_vars`](Self::computed_vars) reports.
    ///
    /// ```
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let rule = Rule::compile(&json!({"and": [
    ///     {"missing": ["name", "phone"]},
    ///     {"some": [{"var": "children"}, {"<": [{"var": "age"}, 3]}]}
    /// ]}))?;
    /// assert_eq!(rule.vars(), ["name", "phone", "children"]);
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn vars(&self) -> Vec<String> {
        let mut reads = Reads::default();
        reads.walk(&self.root, &mut String::new());
        reads.paths
    }

    /// JSON Pointers to the `var`, `missing` and `missing_some` operations whose paths are
    /// computed when the rule runs, so that [`vars`](Self::vars) cannot list them.
    ///
    /// ```
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let rule = Rule::compile(&json!({"var": {"cat": ["address.", {"var": "kind"}]}}))?;
    /// assert_eq!(rule.vars(), ["kind"]);
    /// assert_eq!(rule.computed_vars(), [""]);
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn computed_vars(&self) -> Vec<String> {
        let mut reads = Reads::default();
        reads.walk(&self.root, &mut String::new());
        reads.computed
    }

    /// The rule as JSON, exactly as it was compiled from.
    ///
    /// ```
    /// use doorstep::rule::Rule;
    /// use serde_json::json;
    ///
    /// let json = json!({"!": {"var": "married"}});
    /// assert_eq!(Rule::compile(&json)?.to_value(), json);
    /// # Ok::<(), doorstep::rule::RuleError>(())
    /// ```
    pub fn to_value(&self) -> Value {
        serde_json::to_value(&self.root).unwrap_or_default()
    }
}

/// `JsonLogic` truthiness: `false`, `null`, `0`, `""` and `[]` are falsy; everything else,
/// including `"0"` and `{}`, is truthy.
///
/// ```
/// use doorstep::rule::truthy;
/// use serde_json::json;
///
/// assert!(!truthy(&json!([])));
/// assert!(truthy(&json!("0")));
/// ```
pub fn truthy(value: &Value) -> bool {
    value::truthy(value::View::of(value))
}

/// The names of every operator, `JsonLogic`'s and the domain ones.
///
/// ```
/// assert!(doorstep::rule::operators().any(|op| op == "id_age"));
/// ```
pub fn operators() -> impl Iterator<Item = &'static str> {
    OPERATORS.iter().map(|(name, ..)| *name)
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json = serde_json::to_string(&self.root).unwrap_or_default();
        f.debug_tuple("Rule")
            .field(&format_args!("{json}"))
            .finish()
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.root.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Value::deserialize(deserializer)?;
        Self::compile(&json).map_err(|e| {
            use crate::{Coded, Lang};
            serde::de::Error::custom(crate::input::bilingual(
                &e.message(Lang::ZhCn),
                &e.message(Lang::En),
            ))
        })
    }
}

/// What a rule reads, gathered for [`Rule::vars`] and [`Rule::computed_vars`].
#[derive(Default)]
struct Reads {
    paths: Vec<String>,
    computed: Vec<String>,
}

impl Reads {
    fn path(&mut self, path: &Value) {
        let path = match path {
            Value::String(s) if !s.is_empty() => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return,
        };
        if !self.paths.contains(&path) {
            self.paths.push(path);
        }
    }

    fn walk(&mut self, node: &Node, pointer: &mut String) {
        let start = pointer.len();
        match node {
            Node::Literal(_) => {}
            Node::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let _ = write!(pointer, "/{i}");
                    self.walk(item, pointer);
                    pointer.truncate(start);
                }
            }
            Node::Call(call) => {
                let args = call.args.as_slice();
                // The literal paths read, or `None` when they are computed.
                let literal = |n: Option<&Node>| match n {
                    Some(Node::Literal(v)) => Some(v.clone()),
                    _ => None,
                };
                let read = match (call.op, args) {
                    (Op::Var, [path, ..]) => literal(Some(path)).map(|p| vec![p]),
                    (Op::Missing, [Node::Literal(Value::Array(keys))]) => Some(keys.clone()),
                    (Op::Missing, _) => args
                        .iter()
                        .map(|a| literal(Some(a)).filter(|v| !v.is_array()))
                        .collect(),
                    (Op::MissingSome, [_, keys]) => match literal(Some(keys)) {
                        Some(Value::Array(keys)) => Some(keys),
                        _ => None,
                    },
                    _ => Some(Vec::new()),
                };
                match read {
                    Some(paths) => paths.iter().for_each(|p| self.path(p)),
                    None => self.computed.push(pointer.clone()),
                }
                data_args(call, pointer, |arg, pointer| self.walk(arg, pointer));
            }
        }
    }
}

/// Visits the arguments of `call` that read the rule's data, each with `pointer` (the
/// call's) extended to it: all but the per-item rule of an array operator (`map`, `filter`,
/// `reduce`, `all`, `none`, `some`), which reads the item.
fn data_args(call: &Call, pointer: &mut String, mut visit: impl FnMut(&Node, &mut String)) {
    let per_item = matches!(
        call.op,
        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::None | Op::Some
    );
    let start = pointer.len();
    crate::problem::push_token(pointer, call.op.name());
    let named = pointer.len();
    for (i, arg) in call.args.iter().enumerate() {
        if per_item && i == 1 {
            continue;
        }
        if !call.bare {
            let _ = write!(pointer, "/{i}");
        }
        visit(arg, pointer);
        pointer.truncate(named);
    }
    pointer.truncate(start);
}
