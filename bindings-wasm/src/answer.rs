//! A form answer as a page passes it — a JS object, or JSON text — made into the core's
//! `serde_json::Value`, bounded in size and depth like every document the core reads. The
//! shared data `Engine.prefill` fills an answer from is read the same way, and so are the
//! stamps, queries, kept heads and append requests of `src/authority.rs` (into the core's
//! types, under their own limits: [`json_text`] and [`parse`]).
//!
//! A JS object goes through `JSON.stringify` and the core's bounded parser
//! ([`doorstep::input::parse_json`], at most [`MAX_ANSWER_BYTES`], 127 levels): the text is
//! one copy into wasm memory and one parse, with no call back into JS per value (a lone
//! surrogate in one of its strings, half an emoji a `maxlength` cut, is U+FFFD as in a
//! string argument: `js/guarded.js`, since `serde_json` refuses its escape). It was
//! measured against `serde_wasm_bindgen::from_value` (which walks the object with a call
//! into JS per value and needs an iterative depth check first): in Node 20 on a busy
//! two-core VM, for the 734-byte 出生一件事 answer of `catalogs/haicang.json`, 21 µs against
//! 37 µs (stringify alone: 3 µs), and the deserializer would add to the `.wasm`. Results go
//! back the same way, as JSON text through `JSON.parse` ([`crate::to_js`]): at opt-level
//! "z", `serde-wasm-bindgen`'s serializer measured no faster within the noise (it had
//! measured 21 against 22 µs for a valid `Validation` at opt-level 3) and cost 7.3 kB
//! gzipped.
//!
//! Neither step can recurse without bound: `serde_json` refuses the 128th level, and the JS
//! engine's `JSON.stringify` throws at its own stack limit (Node 20: a few thousand levels)
//! rather than overflow, which `js/guarded.js` catches. When it throws, an iterative walk
//! that stops at the depth limit tells a too deep value (`input.too_deep`) from one too
//! large for a JS string (`input.too_large`); a value JSON cannot hold (a cycle, a `BigInt`,
//! a throwing `toJSON`) is `arg.invalid_type`.

use doorstep::Lang;
use doorstep::input::{self, InputError, MAX_ANSWER_BYTES};
use js_sys::JsString;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::engine::date_and_lang;
use crate::error::coded_error;
use crate::js::{self, Stringified, Thrown};
use crate::options::{CallOptions, type_error_in};

/// The deepest nesting of arrays and objects the core's parser accepts: `serde_json`'s
/// recursion limit of 128 refuses the 128th level. A deeper JS value is `input.too_deep`
/// whichever step finds it (`tests/js` checks both at 127 and 128 levels).
const MAX_DEPTH: usize = 127;

/// The answer as the core takes it. A string is JSON text; an object (or array) is its
/// JSON; anything else is `arg.invalid_type`. Misuse (text that is not JSON, too large, too
/// deep) throws the core's `input.*` error worded in `lang`.
pub(crate) fn answer(value: &JsValue, lang: Option<Lang>) -> Result<Value, js_sys::Error> {
    document(value, "answer", lang)
}

/// A JSON document argument named `name` (the answer, or the shared data of
/// `Engine.prefill`), read as [`answer`] reads the answer: under the same limits, with the
/// same errors, `arg.invalid_type` naming `name`.
pub(crate) fn document(
    value: &JsValue,
    name: &'static str,
    lang: Option<Lang>,
) -> Result<Value, js_sys::Error> {
    let text = json_text(value, name, MAX_ANSWER_BYTES, lang)?;
    parse(&text, MAX_ANSWER_BYTES, lang)
}

/// The JSON text of the argument `name`: a string as it is (not yet copied into wasm
/// memory), an object (or array) through `JSON.stringify`; anything else is
/// `arg.invalid_type`. `max_bytes` is the limit the text will be read under, which a value
/// too large for a JS string is reported with.
pub(crate) fn json_text(
    value: &JsValue,
    name: &'static str,
    max_bytes: usize,
    lang: Option<Lang>,
) -> Result<JsString, js_sys::Error> {
    if value.is_string() {
        Ok(value.clone().unchecked_into())
    } else if value.is_object() {
        stringify(value, name, max_bytes, lang)
    } else {
        Err(type_error_in(name, "object", lang))
    }
}

/// Reads JSON text of at most `max_bytes` bytes into `T` with the core's parser.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &JsString,
    max_bytes: usize,
    lang: Option<Lang>,
) -> Result<T, js_sys::Error> {
    let text = bounded_text(text, max_bytes).map_err(|e| coded_error(&e, lang))?;
    input::parse_json(&text, max_bytes).map_err(|e| coded_error(&e, lang))
}

/// The text of a JS string, refused before it is copied into wasm memory when it cannot
/// fit in `max_bytes` bytes of UTF-8: every UTF-16 unit is at least one byte of UTF-8.
pub(crate) fn bounded_text(text: &JsString, max_bytes: usize) -> Result<String, InputError> {
    if usize::try_from(text.length()).map_or(true, |units| units > max_bytes) {
        return Err(InputError::TooLarge { max: max_bytes });
    }
    Ok(String::from(text))
}

/// `JSON.stringify(value)` of the argument `name`, every failure coded; text too long for
/// a JS string is `input.too_large` with the limit `max_bytes`.
fn stringify(
    value: &JsValue,
    name: &'static str,
    max_bytes: usize,
    lang: Option<Lang>,
) -> Result<JsString, js_sys::Error> {
    let thrown = match js::stringify(value) {
        Stringified::Text(text) => return Ok(text),
        // An object whose `toJSON` gives a value JSON cannot hold.
        Stringified::Nothing => return Err(type_error_in(name, "object", lang)),
        Stringified::Threw(thrown) => thrown,
    };
    Err(match thrown {
        // A cycle or a `BigInt`, found before any depth limit.
        Thrown::Type => type_error_in(name, "object", lang),
        // Out of stack, in whichever engine.
        _ if deeper_than(value, MAX_DEPTH) => coded_error(&InputError::TooDeep, lang),
        // Text longer than a JS string can be.
        Thrown::Range => coded_error(&InputError::TooLarge { max: max_bytes }, lang),
        // Thrown by a `toJSON` or a getter of the page's own.
        Thrown::Other => type_error_in(name, "object", lang),
    })
}

/// Whether `value` nests arrays and objects more than `limit` deep (itself counting as one
/// level), found without recursion: a depth-first walk over an explicit stack that stops
/// at the first value past the limit. A value whose properties cannot be read (a throwing
/// getter or proxy) counts as a leaf.
pub(crate) fn deeper_than(value: &JsValue, limit: usize) -> bool {
    let mut stack = vec![(value.clone(), 1_usize)];
    while let Some((value, depth)) = stack.pop() {
        if !value.is_object() {
            continue;
        }
        if depth > limit {
            return true;
        }
        if let Some(children) = js::object_values(&value) {
            stack.extend(children.iter().map(|child| (child, depth + 1)));
        }
    }
    false
}

/// The language of a call, from its `CallOptions` (whose `at`, when given,
/// must still be a date).
pub(crate) fn lang_of(options: Option<Ts<CallOptions>>) -> Result<Lang, js_sys::Error> {
    let texts = CallOptions::texts(options)?;
    date_and_lang(&texts).map(|(_, lang)| lang)
}

/// The object argument `name` read as the core's `T`: through `JSON.stringify` and the
/// core's parser, at most `max_bytes`. Anything but an object is `arg.invalid_type`.
pub(crate) fn object_arg<T: DeserializeOwned>(
    value: &JsValue,
    name: &'static str,
    max_bytes: usize,
    lang: Lang,
) -> Result<T, js_sys::Error> {
    parse(
        &object_json(value, name, max_bytes, lang)?,
        max_bytes,
        Some(lang),
    )
}

/// [`object_arg`] as text, for a core reader of its own (`LedgerHead::from_json`, …).
#[cfg(feature = "backoffice")]
pub(crate) fn object_text(
    value: &JsValue,
    name: &'static str,
    max_bytes: usize,
    lang: Lang,
) -> Result<String, js_sys::Error> {
    let text = object_json(value, name, max_bytes, lang)?;
    bounded_text(&text, max_bytes).map_err(|e| coded_error(&e, Some(lang)))
}

/// The object argument `name` through `JSON.stringify`, at most `max_bytes`; anything but
/// an object is `arg.invalid_type`.
fn object_json(
    value: &JsValue,
    name: &'static str,
    max_bytes: usize,
    lang: Lang,
) -> Result<JsString, js_sys::Error> {
    if !value.is_object() {
        return Err(type_error_in(name, "object", Some(lang)));
    }
    json_text(value, name, max_bytes, Some(lang))
}
