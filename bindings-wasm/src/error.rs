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
