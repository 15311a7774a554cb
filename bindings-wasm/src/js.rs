//! The few JS built-ins the binding calls on values a page passes, through
//! `js/guarded.js`, whose wrappers never throw.
//!
//! A getter, a `toJSON` or a proxy trap in a page's value can throw. Imported with `catch`,
//! every such exception would leak a slot of the externref table (wasm-bindgen 0.2.130
//! takes the import's return slot before it checks for the exception); imported without,
//! it would unwind through the wasm frames of a method that has borrowed its `Engine`. The
//! wrappers catch in JS and return a failure value instead.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/guarded.js")]
extern "C" {
    /// `JSON.stringify(value)`: a string (a lone surrogate as U+FFFD, as in a string
    /// argument); `undefined` for a value JSON cannot hold; when it throws, the number 1
    /// (`TypeError`), 2 (`RangeError`) or 3 (anything else).
    #[wasm_bindgen(js_name = stringify)]
    pub(crate) fn json_stringify(value: &JsValue) -> JsValue;

    /// `Array.isArray(value)`: 1 for an array, 0 for anything else, 2 when it throws (a
    /// revoked proxy).
    #[wasm_bindgen(js_name = isArray)]
    fn is_array_code(value: &JsValue) -> u8;

    /// `Object.values(value)` (an array's items, in order), or `undefined` when it throws.
    #[wasm_bindgen(js_name = values)]
    fn values(value: &JsValue) -> JsValue;

    /// `Object.keys(value)`, or `undefined` when it throws.
    #[wasm_bindgen(js_name = keys)]
    fn keys(value: &JsValue) -> JsValue;

    /// `Array.from(value)`, or `undefined` when it throws.
    #[wasm_bindgen(js_name = arrayFrom)]
    fn array_from(value: &JsValue) -> JsValue;

    /// `Reflect.get(object, key)`, or a symbol (a value of no option's type) when it throws.
    #[wasm_bindgen(js_name = get)]
    pub(crate) fn get(object: &js_sys::Object, key: &js_sys::JsString) -> JsValue;
}

/// What `JSON.stringify` threw, as `json_stringify` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Thrown {
    /// A `TypeError`: a cycle or a `BigInt`.
    Type,
    /// A `RangeError`: out of stack (V8, Safari), or text too long for a string.
    Range,
    /// Anything else: Firefox's `InternalError` (out of stack), or what a `toJSON` or
    /// a getter of the page threw.
    Other,
}

/// The outcome of `JSON.stringify(value)`.
pub(crate) enum Stringified {
    /// The JSON text (a JS string, not yet copied into wasm memory).
    Text(js_sys::JsString),
    /// `undefined`: a value JSON cannot hold.
    Nothing,
    /// It threw.
    Threw(Thrown),
}

/// `JSON.stringify(value)`, never throwing.
pub(crate) fn stringify(value: &JsValue) -> Stringified {
    let out = json_stringify(value);
    if out.is_string() {
        return Stringified::Text(out.unchecked_into());
    }
    match out.as_f64() {
        None => Stringified::Nothing,
        Some(1.0) => Stringified::Threw(Thrown::Type),
        Some(2.0) => Stringified::Threw(Thrown::Range),
        Some(_) => Stringified::Threw(Thrown::Other),
    }
}

/// `Array.isArray(value)`, `None` when it throws (a revoked proxy): the caller refuses
/// the value as being of the wrong type, as it does a proxy whose traps throw.
pub(crate) fn is_array(value: &JsValue) -> Option<bool> {
    match is_array_code(value) {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

/// The array a wrapper returned, `None` for its `undefined`.
fn array(value: JsValue) -> Option<js_sys::Array> {
    (!value.is_undefined()).then(|| value.unchecked_into())
}

/// `Object.values(value)`, `None` when it throws.
pub(crate) fn object_values(value: &JsValue) -> Option<js_sys::Array> {
    array(values(value))
}

/// `Object.keys(value)`, `None` when it throws.
pub(crate) fn object_keys(value: &JsValue) -> Option<js_sys::Array> {
    array(keys(value))
}

/// `Array.from(value)`: a plain copy, `None` when it throws.
pub(crate) fn copy_array(value: &JsValue) -> Option<js_sys::Array> {
    array(array_from(value))
}
