//! How a misuse reaches JS: a real `Error` carrying the core's stable `code`.

use doorstep::{Coded, Lang};
use wasm_bindgen::JsValue;

/// The JS `Error` for a coded misuse: message in `lang` (zh-CN when `None`), with the
/// properties `code` and, when the error has any, `params`.
pub(crate) fn coded_error(error: &impl Coded, lang: Option<Lang>) -> js_sys::Error {
    let js = js_sys::Error::new(&error.message(lang.unwrap_or_default()));
    // Setting a property on a fresh `Error` cannot fail; were it to, the error still throws.
    let _ = js_sys::Reflect::set(&js, &JsValue::from_str("code"), &error.code().into());
    let params = error.params();
    if !params.is_empty() {
        if let Ok(params) = crate::to_js(&params) {
            let _ = js_sys::Reflect::set(&js, &JsValue::from_str("params"), &params);
        }
    }
    js
}

/// The longest short string argument (a code, a date, a language, a kind, a path, a query,
/// a case id) and the most items of a list option (`available`), as JS counts `length`
/// (UTF-16 code units for a string): checked before anything is copied into wasm memory,
/// which never shrinks, so that a pasted 50 MB value costs no memory for the page's life.
pub(crate) const MAX_ARG_LEN: u32 = 4096;

/// The core's `arg.too_long` for the argument `name`, longer than [`MAX_ARG_LEN`].
pub(crate) fn too_long(name: &'static str, lang: Option<Lang>) -> js_sys::Error {
    let max = usize::try_from(MAX_ARG_LEN).unwrap_or(usize::MAX);
    coded_error(&doorstep::args::ArgError::TooLong { name, max }, lang)
}
