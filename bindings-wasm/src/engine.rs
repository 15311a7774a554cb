//! `Engine`: the core's [`doorstep::engine::Engine`] behind a JS class, and `lintCatalog`.
//!
//! The engine is built once from a catalogue (parsed, linted, refused with every problem
//! when lint finds any) and then answers the page's questions: which matters, which bundles,
//! what form to render, what shared data fills in, whether an answer is valid, which
//! documents to bring. Every answer
//! is the core's serde type as JSON shows it; a misuse (unknown matter, bad target, wrong
//! argument type, bad date) throws a `DoorstepError`; an invalid answer is a returned
//! `Validation` with `valid: false`.

use doorstep::Lang;
use doorstep::args::CheckOptions as ParsedOptions;
use doorstep::engine::{Engine, EngineError, Target};
use doorstep::input::{InputError, MAX_CATALOG_BYTES};
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::JsThreadLocal;
use wasm_bindgen::prelude::*;

use crate::answer::{self, bounded_text};
use crate::error::coded_error;
use crate::js;
use crate::options::{
    CallOptions, EngineOptions, MaterialsOptions, OptionTexts, field, type_error_in,
};
use crate::types::{
    JsAnswer, JsAnswerCheck, JsBundleSummaries, JsFieldValidation, JsFormSpec, JsMaterials,
    JsMatterSummaries, JsTarget, JsValidation,
};
use crate::{string_arg, to_js, today};

// rustfmt would drop the initialisers, which are wasm-bindgen syntax, not Rust.
#[rustfmt::skip]
#[wasm_bindgen]
extern "C" {
    /// The property name `matter`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static MATTER: JsString = "matter";
    /// The property name `bundle`.
    #[wasm_bindgen(thread_local_v2, static_string)]
    static BUNDLE: JsString = "bundle";
}

/// A linted catalogue, ready to answer a page: matters, bundles, forms, prefill, validation
/// and materials. Build it once per catalogue and keep it; `free()` releases its memory (as
/// does garbage collection, later). After `free()` every method throws `arg.freed`, and a
/// second `free()` does nothing. A method called on anything but an `Engine` of its own
/// module (`doorstep` and `doorstep/backoffice` each have their own) throws
/// `arg.invalid_type` with `params.name` `"this"`.
///
/// Throws a `DoorstepError` when the catalogue cannot be used: `engine.catalog_invalid`
/// (every lint problem in `params.problems`), `input.too_large`, `input.too_deep`,
/// `input.malformed` or `input.shape` (not a catalogue); `arg.invalid_type`,
/// `arg.invalid_date`, `arg.unknown_lang`, `arg.too_long` for a wrong call.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    pub(crate) engine: Engine,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Reads and lints `catalogJson` (a catalogue document, at most 16 MiB) as of
    /// `options.at` (default: today in China Standard Time).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = catalogJson)] catalog_json: &JsString,
        options: Option<Ts<EngineOptions>>,
    ) -> Result<JsEngine, js_sys::Error> {
        let texts = EngineOptions::texts(options)?;
        let (at, lang) = date_and_lang(&texts)?;
        let text = catalog_text(catalog_json, texts.hint)?
            .map_err(|e| coded_error(&EngineError::Input(e), Some(lang)))?;
        Engine::load(&text, at)
            .map(|engine| Self { engine })
            .map_err(|e| coded_error(&e, Some(lang)))
    }

    /// The same as `new Engine(catalogJson, options)`.
    pub fn load(
        #[wasm_bindgen(js_name = catalogJson)] catalog_json: &JsString,
        options: Option<Ts<EngineOptions>>,
    ) -> Result<JsEngine, js_sys::Error> {
        Self::new(catalog_json, options)
    }

    /// The matters in effect on `options.at` each word of `query` (split at white space) is
    /// in the code, name, 检索词 or department's name of (full-width ASCII as ASCII, ASCII
    /// letters case-insensitive; every matter when it is blank or left out), in catalogue
    /// order.
    pub fn matters(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] query: Option<JsString>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<
            Ts<CallOptions>,
        >,
    ) -> Result<JsMatterSummaries, js_sys::Error> {
        let (query, at) = search_args(query, options)?;
        to_js(&self.engine.matters(&query, at)).map(JsCast::unchecked_into)
    }

    /// Every bundle (一件事) of the catalogue, whatever the date.
    pub fn bundles(&self) -> Result<JsBundleSummaries, js_sys::Error> {
        to_js(&self.engine.bundles()).map(JsCast::unchecked_into)
    }

    /// The bundles (一件事) with a member in effect on `options.at` each word of `query` is
    /// in the code, name, 检索词 or lead department's name of, or in a member's code, name or
    /// 检索词 (as `matters` matches; every such bundle when `query` is blank or left out), in
    /// catalogue order; each with only its members in effect on `options.at`.
    #[wasm_bindgen(js_name = findBundles)]
    pub fn find_bundles(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] query: Option<JsString>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<
            Ts<CallOptions>,
        >,
    ) -> Result<JsBundleSummaries, js_sys::Error> {
        let (query, at) = search_args(query, options)?;
        to_js(&self.engine.find_bundles(&query, at)).map(JsCast::unchecked_into)
    }

    /// The form to render for `target` on `options.at`: a matter's form, or a bundle's
    /// merged form (every member's fields, each key once; every member's checks; the
    /// members' examples merged).
    pub fn form(
        &self,
        target: &JsTarget,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsFormSpec, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let form = self
            .engine
            .form(&target, at)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&form).map(JsCast::unchecked_into)
    }

    /// Validates `answer` (the answers as an object, or as JSON text) for `target` as of
    /// `options.at`: every problem at once, with its JSON Pointer, and the normalised answer.
    /// An invalid answer is a `Validation` with `valid: false`; only a wrong call throws
    /// (an answer that is not JSON, larger than 1 MiB or nested more than 127 levels deep:
    /// `input.*`).
    pub fn validate(
        &self,
        target: &JsTarget,
        #[wasm_bindgen(unchecked_param_type = "object | string")] answer: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsValidation, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let answer = answer::answer(answer, Some(lang))?;
        let validation = self
            .engine
            .validate(&target, &answer, at, lang)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&validation).map(JsCast::unchecked_into)
    }

    /// Checks `answer` (the answers as an object, or as JSON text) for `target` as of
    /// `options.at`: `{valid, errors}`, the same problems as `validate`, in the same order
    /// (for a bundle, each with its member matters in `params.matters`), without
    /// `normalized` and `matters`. The cheaper call while the applicant types (a valid
    /// answer builds nothing). Throws what `validate` throws.
    pub fn check(
        &self,
        target: &JsTarget,
        #[wasm_bindgen(unchecked_param_type = "object | string")] answer: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsAnswerCheck, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let answer = answer::answer(answer, Some(lang))?;
        let checked = self
            .engine
            .check(&target, &answer, at, lang)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&checked).map(JsCast::unchecked_into)
    }

    /// Validates the field at `path` (a JSON Pointer into the answer, such as
    /// `"/applicantId"` or `"/children/0/name"`) as the applicant types: the problems
    /// `validate` reports at that field or inside it, the whole answer being read (rules
    /// look at other fields). `{path, valid, errors}`; an answer with problems elsewhere
    /// can still give `valid: true` here.
    ///
    /// Throws a `DoorstepError` for a wrong call: `engine.unknown_field` when the form has
    /// no field at `path`, and what `validate` throws.
    #[wasm_bindgen(js_name = validateField)]
    pub fn validate_field(
        &self,
        target: &JsTarget,
        #[wasm_bindgen(unchecked_param_type = "object | string")] answer: &JsValue,
        path: &JsString,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsFieldValidation, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let path = string_arg(path, "path", Some(lang))?;
        let answer = answer::answer(answer, Some(lang))?;
        let validation = self
            .engine
            .validate_field(&target, &answer, &path, at, lang)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&validation).map(JsCast::unchecked_into)
    }

    /// `answer` (an object or JSON text) with the empty fields of `target`'s form that
    /// declare a shared-data source (`prefill: "identity.residentId"`) filled from `shared`
    /// (数据共享, an object or JSON text such as `{identity: {residentId: "…"}}`), as of
    /// `options.at`. A value the applicant already entered is kept; a source `shared` lacks
    /// leaves its field empty; an answer that is not an object gives only the filled fields.
    /// Nothing is validated: pass the result to `validate`. Both documents are read like
    /// the answer of `validate` (at most 1 MiB, nested at most 127 levels: `input.*`).
    pub fn prefill(
        &self,
        target: &JsTarget,
        #[wasm_bindgen(unchecked_param_type = "object | string")] shared: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "object | string")] answer: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsAnswer, js_sys::Error> {
        let texts = CallOptions::texts(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let shared = answer::document(shared, "shared", Some(lang))?;
        let answer = answer::answer(answer, Some(lang))?;
        let filled = self
            .engine
            .prefill(&target, &shared, &answer, at)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&filled).map(JsCast::unchecked_into)
    }

    /// The documents to bring for `target` given `answer` (an object or JSON text): each
    /// document once, those whose condition does not hold left out, and those a source in
    /// `options.available` stands in for left out, as are, for a bundle, those another
    /// member issues (its `issues` in the catalogue: 出生医学证明 in 出生一件事).
    pub fn materials(
        &self,
        target: &JsTarget,
        #[wasm_bindgen(unchecked_param_type = "object | string")] answer: &JsValue,
        options: Option<Ts<MaterialsOptions>>,
    ) -> Result<JsMaterials, js_sys::Error> {
        let (texts, available) = MaterialsOptions::read(options)?;
        let target = read_target(target, texts.hint)?;
        let (at, lang) = date_and_lang(&texts)?;
        let answer = answer::answer(answer, Some(lang))?;
        let available: Vec<&str> = available.iter().map(String::as_str).collect();
        let materials = self
            .engine
            .materials(&target, &answer, &available, at)
            .map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&materials).map(JsCast::unchecked_into)
    }
}

/// The query (empty when left out) and date of a search (`matters`, `findBundles`).
fn search_args(
    query: Option<JsString>,
    options: Option<Ts<CallOptions>>,
) -> Result<(String, chrono::NaiveDate), js_sys::Error> {
    let texts = CallOptions::texts(options)?;
    let query = query
        .map(|q| string_arg(&q, "query", texts.hint))
        .transpose()?
        .unwrap_or_default();
    let (at, _) = date_and_lang(&texts)?;
    Ok((query, at))
}

/// The reference date and language of a call, parsed by the core.
pub(crate) fn date_and_lang(
    texts: &OptionTexts,
) -> Result<(chrono::NaiveDate, Lang), js_sys::Error> {
    let parsed = ParsedOptions::parse(None, texts.at.as_deref(), texts.lang.as_deref(), today)
        .map_err(|e| coded_error(&e, texts.hint))?;
    Ok((parsed.at, parsed.lang))
}

/// The text of a catalogue argument, or the core's `input.too_large` when it cannot fit
/// the core's limit (checked before it is copied); `arg.invalid_type` when it is not a string.
pub(crate) fn catalog_text(
    value: &JsString,
    lang: Option<Lang>,
) -> Result<Result<String, InputError>, js_sys::Error> {
    if !value.is_string() {
        return Err(type_error_in("catalogJson", "string", lang));
    }
    Ok(bounded_text(value, MAX_CATALOG_BYTES))
}

/// What a call is about, as the core's `Target`: `matter` and `bundle` read as strings
/// (`undefined` and `null` mean absent). The core's `Target` denies unknown fields, so an
/// object with any other own property is `engine.target`, like one naming both or neither
/// (which the core refuses).
fn read_target(target: &JsTarget, lang: Option<Lang>) -> Result<Target, js_sys::Error> {
    let value: &JsValue = target.as_ref();
    if !value.is_object() || js::is_array(value) != Some(false) {
        return Err(type_error_in("target", "object", lang));
    }
    let keys = js::object_keys(value).ok_or_else(|| type_error_in("target", "object", lang))?;
    let known = |key: JsValue| {
        key.as_string()
            .is_some_and(|k| k == "matter" || k == "bundle")
    };
    if !keys.iter().all(known) {
        return Err(coded_error(&EngineError::Target, lang));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    let code = |key: &'static JsThreadLocal<JsString>, name: &'static str| {
        field(object, key)
            .map(|text| text.into_text(name, lang))
            .transpose()
    };
    Ok(Target {
        matter: code(&MATTER, "matter")?,
        bundle: code(&BUNDLE, "bundle")?,
    })
}
