//! 表单: typed fields with rules, validated the same way at every window.
//!
//! [`validate()`] returns every problem at once, each with the JSON Pointer of the value,
//! a stable code and a message in zh-CN or en, together with the normalised answer
//! (trimmed text, canonical ID and phone forms; hidden fields dropped). A [`CompiledForm`]
//! validates against one form many times; its [`findings`](CompiledForm::findings) are the
//! same problems, worded only when asked.

mod control;
mod email;
mod error;
mod finding;
mod leaf;
mod pattern;
mod plan;
mod prefill;
mod spec;
mod validate;
// Native only, as the rules it runs (`rule::FlatRule`): the WASM module has a size budget.
// Measured on the tree of 2026-11-28 (every `wasm32` gate of the core but the hasher's
// lifted): the default module 286,671 -> 302,887 bytes (`gzip -9`), over the 300 kB budget,
// for `Engine.check` of the birth answer with a JS object in Node 36.3 -> 27.2 µs (medians,
// interleaved), still about six times Ajv: the answer's reading costs most (JSON parse ~29 %
// of the call, `JSON.stringify` ~10 %).
#[cfg(not(target_arch = "wasm32"))]
mod verdict;

pub use error::FormError;
pub use finding::{Finding, Findings};
pub use leaf::MAX_SAFE_INTEGER;
pub use pattern::{Pattern, PatternError};
pub use plan::CompiledForm;
pub(crate) use plan::{condition_reads, decision_order, rule_reads, scope_conditions};
pub use prefill::prefill;
pub use spec::{Check, Choice, Field, FieldType, FormSpec};
pub use validate::{FormReport, validate, validate_ignoring};
pub(crate) use validate::{Output, first_key, validate_on};
