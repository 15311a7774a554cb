//! The option objects JS passes: typed at the boundary with `tsify` (`Ts<T>`), read field by
//! field without trusting their types.
//!
//! The fields are read with `Reflect.get` rather than `Ts::to_rust` (serde-wasm-bindgen's
//! deserializer): it gives a precise `arg.invalid_type` for the one option of the wrong type,
//! and leaves out the deserializer and its error formatting: 37 kB of the raw `.wasm`, 13 kB
//! gzipped (68.5 to 55.1 kB). `Reflect.get` is called through `js/guarded.js`, so a getter
//! that throws is an option of the wrong type, not an exception through wasm.

use doorstep::Lang;
use doorstep::args::ArgError;
use js_sys::JsString;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsThreadLocal;
use wasm_bindgen::prelude::*;

use crate::error::{MAX_ARG_LEN, coded_error, too_long};

/// Options of `checkId`. Every field may be left out (or be `undefined` or `null`).
#[derive(Debug, Default, Tsify)]
pub struct CheckIdOptions {
    /// The kind to check as; detected from the value's shape when left out.
    #[tsify(optional, type = "IdKind | null")]
    kind: Option<OptionText>,
    /// The reference date, `YYYY-MM-DD`: a birth date after it is an error and ages are
    /// counted to it. Default: today in China Standard Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of messages: `"zh-CN"` (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of the checks whose kind the function names (`checkResidentId`, …).
/// Every field may be left out (or be `undefined` or `null`).
#[derive(Debug, Default, Tsify)]
pub struct CheckOptions {
    /// The reference date, `YYYY-MM-DD`: a birth date after it is an error and ages are
    /// counted to it. Default: today in China Standard Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of messages: `"zh-CN"` (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of `new Engine` and `Engine.load`. Every field may be left out (or be `undefined`
/// or `null`).
#[derive(Debug, Default, Tsify)]
pub struct EngineOptions {
    /// The date the catalogue is checked as of, `YYYY-MM-DD`: every 填单示范 (example
    /// answer) must validate on it. Default: today in China Standard Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of the message of a thrown error: `"zh-CN"` (default) or `"en"`. The
    /// lint problems in its `params.problems` are in zh-CN.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of `Engine.matters`, `Engine.form`, `Engine.prefill`, `Engine.validate` and
/// `Engine.check`. Every field may be left out (or be `undefined` or `null`).
#[derive(Debug, Default, Tsify)]
pub struct CallOptions {
    /// The date the call is about, `YYYY-MM-DD`: which version of a matter is in effect,
    /// and the reference date of birth dates and ages. Default: today in China Standard
    /// Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of messages (problems, and the message of a thrown error): `"zh-CN"`
    /// (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of `Engine.materials`. Every field may be left out (or be `undefined` or `null`).
#[derive(Debug, Default, Tsify)]
pub struct MaterialsOptions {
    /// The shared-data sources (数据共享, e.g. `"identity"`) the window can read for this
    /// applicant: a document such a source stands in for (免提交) is left out. Default: none.
    #[tsify(optional, type = "string[] | null")]
    available: Option<Vec<String>>,
    /// The date the call is about, `YYYY-MM-DD`: which version of a matter is in effect.
    /// Default: today in China Standard Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of the message of a thrown error: `"zh-CN"` (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of `Engine.decide`. Every field may be left out (or be `undefined` or `null`).
#[derive(Debug, Default, Tsify)]
pub struct DecideOptions {
    /// For a command on a bundle case (一件事: its withdrawal), the member cases as the page
    /// holds them (each `Case` the bundle case's `members` name). Default: none.
    #[tsify(optional, type = "Case[] | null")]
    members: Option<JsValue>,
    /// Checked but not used: the command's context carries its own time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of a refusal and of a thrown error: `"zh-CN"` (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

/// Options of `lintCatalog`. Every field may be left out (or be `undefined` or `null`).
#[cfg(feature = "backoffice")]
#[derive(Debug, Default, Tsify)]
pub struct LintOptions {
    /// The date the catalogue is checked as of, `YYYY-MM-DD`: every 填单示范 (example
    /// answer) must validate on it. Default: today in China Standard Time.
    #[tsify(optional, type = "string | null")]
    at: Option<OptionText>,
    /// The language of the problems' messages: `"zh-CN"` (default) or `"en"`.
    #[tsify(optional, type = "Lang | null")]
    lang: Option<OptionText>,
}

// rustfmt would drop the initialisers, which are wasm-bindgen syntax, not Rust.
#[rustfmt::skip]
#[wasm_bindgen]
extern "C" {
    /// The property name `kind`, made once in JS rather than on every call.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static KIND: JsString = "kind";
    /// The property name `at`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static AT: JsString = "at";
    /// The property name `lang`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static LANG: JsString = "lang";
    /// The property name `available`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static AVAILABLE: JsString = "available";
    /// The property name `members`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static MEMBERS: JsString = "members";
}

/// The options of one call as the core's parser takes them: text, or absent.
#[derive(Debug, Default)]
pub(crate) struct OptionTexts {
    /// `kind`, when given.
    pub(crate) kind: Option<String>,
    /// `at`, when given.
    pub(crate) at: Option<String>,
    /// `lang`, when given.
    pub(crate) lang: Option<String>,
    /// The language to word a misuse in: `lang` when it parses, else none (zh-CN).
    pub(crate) hint: Option<Lang>,
}

impl CheckIdOptions {
    /// Reads the options JS passed (`undefined` and `null` mean none).
    pub(crate) fn texts(options: Option<Ts<Self>>) -> Result<OptionTexts, js_sys::Error> {
        let Some(object) = object(options)? else {
            return Ok(OptionTexts::default());
        };
        let options = Self {
            kind: field(&object, &KIND),
            at: field(&object, &AT),
            lang: field(&object, &LANG),
        };
        OptionTexts::new(options.kind, options.at, options.lang)
    }
}

impl CheckOptions {
    /// Reads the options JS passed (`undefined` and `null` mean none).
    pub(crate) fn texts(options: Option<Ts<Self>>) -> Result<OptionTexts, js_sys::Error> {
        let Some(object) = object(options)? else {
            return Ok(OptionTexts::default());
        };
        let options = Self {
            at: field(&object, &AT),
            lang: field(&object, &LANG),
        };
        OptionTexts::new(None, options.at, options.lang)
    }
}

/// Implements `texts` for the option types that have `at` and `lang` only.
macro_rules! at_lang_options {
    ($($options:ident),*) => {$(
        impl $options {
            /// Reads the options JS passed (`undefined` and `null` mean none).
            pub(crate) fn texts(options: Option<Ts<Self>>) -> Result<OptionTexts, js_sys::Error> {
                let Some(object) = object(options)? else {
                    return Ok(OptionTexts::default());
                };
                let options = Self {
                    at: field(&object, &AT),
                    lang: field(&object, &LANG),
                };
                OptionTexts::new(None, options.at, options.lang)
            }
        }
    )*};
}

at_lang_options!(EngineOptions, CallOptions);
#[cfg(feature = "backoffice")]
at_lang_options!(LintOptions);

impl MaterialsOptions {
    /// Reads the options JS passed: the texts of `at` and `lang`, and the `available`
    /// sources (none when left out).
    pub(crate) fn read(
        options: Option<Ts<Self>>,
    ) -> Result<(OptionTexts, Vec<String>), js_sys::Error> {
        let Some(object) = object(options)? else {
            return Ok((OptionTexts::default(), Vec::new()));
        };
        let at = field(&object, &AT);
        let lang = field(&object, &LANG);
        let hint = lang.as_ref().and_then(OptionText::lang_hint);
        let available = AVAILABLE.with(|key| crate::js::get(&object, key));
        let options = Self {
            available: strings(&available, "available", hint)?,
            at,
            lang,
        };
        let texts = OptionTexts::new(None, options.at, options.lang)?;
        Ok((texts, options.available.unwrap_or_default()))
    }
}

impl DecideOptions {
    /// Reads the options JS passed: the texts of `at` and `lang`, and `members` as JS gave
    /// it (`None` when left out, `undefined` or `null`; not yet checked to be an array).
    pub(crate) fn read(
        options: Option<Ts<Self>>,
    ) -> Result<(OptionTexts, Option<JsValue>), js_sys::Error> {
        let Some(object) = object(options)? else {
            return Ok((OptionTexts::default(), None));
        };
        let members = MEMBERS.with(|key| crate::js::get(&object, key));
        let options = Self {
            members: (!members.is_undefined() && !members.is_null()).then_some(members),
            at: field(&object, &AT),
            lang: field(&object, &LANG),
        };
        let texts = OptionTexts::new(None, options.at, options.lang)?;
        Ok((texts, options.members))
    }
}

/// An array of strings, `None` for `undefined` or `null`; anything else (another value, an
/// array with an item that is not a string) is the `arg.invalid_type` error for `name`.
fn strings(
    value: &JsValue,
    name: &'static str,
    lang: Option<Lang>,
) -> Result<Option<Vec<String>>, js_sys::Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if crate::js::is_array(value) != Some(true) {
        return Err(type_error_in(name, "array", lang));
    }
    // A copy, made by `Array.from`: a proxy whose traps throw is refused, not propagated.
    let items = crate::js::copy_array(value).ok_or_else(|| type_error_in(name, "array", lang))?;
    if items.length() > MAX_ARG_LEN {
        return Err(too_long(name, lang));
    }
    items
        .iter()
        .map(|item| match text(&item) {
            Some(OptionText::Text(text)) => Ok(text),
            Some(OptionText::TooLong) => Err(too_long(name, lang)),
            _ => Err(type_error_in(name, "array", lang)),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

impl OptionTexts {
    /// Checks that each given option is a string.
    fn new(
        kind: Option<OptionText>,
        at: Option<OptionText>,
        lang: Option<OptionText>,
    ) -> Result<Self, js_sys::Error> {
        let hint = lang.as_ref().and_then(OptionText::lang_hint);
        let text = |o: Option<OptionText>, name| o.map(|t| t.into_text(name, hint)).transpose();
        Ok(Self {
            kind: text(kind, "kind")?,
            at: text(at, "at")?,
            lang: text(lang, "lang")?,
            hint,
        })
    }
}

/// The options object, `None` for no options; anything but an object is a misuse, an array
/// too (else its `at`, `Array.prototype.at`, would be the option of the wrong type).
fn object<T: Tsify>(options: Option<Ts<T>>) -> Result<Option<js_sys::Object>, js_sys::Error>
where
    T::JsType: JsCast,
{
    let Some(options) = options else {
        return Ok(None);
    };
    let value = options.js_value();
    if value.is_object() && crate::js::is_array(&value) == Some(false) {
        Ok(Some(value.unchecked_into()))
    } else {
        Err(type_error("options", "object"))
    }
}

/// One field of an options object: absent when `undefined` or `null`.
pub(crate) fn field(
    object: &js_sys::Object,
    key: &'static JsThreadLocal<JsString>,
) -> Option<OptionText> {
    // A getter that throws (or a hostile proxy) gives a symbol: the wrong type.
    text(&key.with(|key| crate::js::get(object, key)))
}

/// A value as an option's text: absent when `undefined` or `null`; a string longer than
/// [`MAX_ARG_LEN`] is not copied into wasm memory.
fn text(value: &JsValue) -> Option<OptionText> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if value.is_string() && value.unchecked_ref::<JsString>().length() > MAX_ARG_LEN {
        return Some(OptionText::TooLong);
    }
    Some(
        value
            .as_string()
            .map_or(OptionText::Other, OptionText::Text),
    )
}

/// The `arg.invalid_type` error for `name`, worded in zh-CN.
fn type_error(name: &'static str, expected: &'static str) -> js_sys::Error {
    type_error_in(name, expected, None)
}

/// The `arg.invalid_type` error for `name`, worded in `lang` (zh-CN when `None`).
pub(crate) fn type_error_in(
    name: &'static str,
    expected: &'static str,
    lang: Option<Lang>,
) -> js_sys::Error {
    coded_error(&ArgError::InvalidType { name, expected }, lang)
}

/// One option's value as JS gave it: a string, or a value of another type, which is
/// reported by the option's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OptionText {
    /// A string.
    Text(String),
    /// A string longer than [`MAX_ARG_LEN`], left in JS.
    TooLong,
    /// Anything else (number, boolean, object, array, …).
    Other,
}

impl OptionText {
    /// The language this option names, when it is a string that names one.
    pub(crate) fn lang_hint(&self) -> Option<Lang> {
        match self {
            Self::Text(t) => Lang::parse(t),
            Self::TooLong | Self::Other => None,
        }
    }

    /// The string, or the `arg.invalid_type` (`arg.too_long`) error for the option `name`.
    pub(crate) fn into_text(
        self,
        name: &'static str,
        lang: Option<Lang>,
    ) -> Result<String, js_sys::Error> {
        match self {
            Self::Text(t) => Ok(t),
            Self::TooLong => Err(too_long(name, lang)),
            Self::Other => Err(coded_error(
                &ArgError::InvalidType {
                    name,
                    expected: "string",
                },
                lang,
            )),
        }
    }
}
