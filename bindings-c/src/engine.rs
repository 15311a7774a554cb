//! The engine behind a handle: a catalogue loaded (and linted) once with
//! [`doorstep_engine_load`], then queried and used to fill in and validate answers from many
//! threads,
//! and [`doorstep_catalog_lint`] for the authors of catalogues.
//!
//! Every document crosses as JSON text and every result comes back as JSON text: the same
//! shapes the core serialises for every binding. Documents are read by the core's bounded
//! parser (`doorstep::input`), so a huge or deeply nested answer is a coded error.

use std::ffi::{CStr, c_char};
use std::ptr;

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::args::CheckOptions;
use doorstep::catalog;
use doorstep::engine::{Engine, Target};
use doorstep::input::{self, InputError, MAX_ANSWER_BYTES, MAX_CATALOG_BYTES};
use serde::Serialize;
use serde_json::Value;

use crate::authority::language;
use crate::boundary::ffi_boundary;
use crate::error::{Failure, doorstep_status};
use crate::ids::today;
use crate::strings::{optional_str, required_str, write_out};

/// A loaded catalogue, ready to answer: opaque to C.
///
/// Made by `doorstep_engine_load`, destroyed by `doorstep_engine_free`. It never changes
/// after loading, so every call that takes a `const doorstep_engine *` only reads it and
/// may run on any number of threads at once with the same engine.
#[allow(non_camel_case_types)]
pub struct doorstep_engine {
    /// The engine the core built.
    engine: Engine,
}

// Sharing one handle between threads is sound only while the engine is: keep it checked.
const _: () = {
    const fn shared_between_threads<T: Send + Sync>() {}
    shared_between_threads::<Engine>();
};

/// Reads the `at` and `lang` arguments of a call, in that order: the reference date (`at`
/// NULL is today in China Standard Time) and the language (`lang` NULL is zh-CN).
///
/// # Safety
///
/// `at` and `lang` are NULL or NUL-terminated strings valid for the call.
pub(crate) unsafe fn date_and_lang(
    at: *const c_char,
    lang: *const c_char,
) -> Result<(NaiveDate, Lang), Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let at = unsafe { optional_str(at, "at") }?;
    // SAFETY: as above.
    let lang = unsafe { optional_str(lang, "lang") }?;
    let options = CheckOptions::parse(None, at, lang, today)?;
    Ok((options.at, options.lang))
}

/// Reads the `at` argument of a call without a language: the reference date, NULL being
/// today in China Standard Time.
///
/// # Safety
///
/// `at` is NULL or a NUL-terminated string valid for the call.
pub(crate) unsafe fn date(at: *const c_char) -> Result<NaiveDate, Failure> {
    // SAFETY: the caller's guarantee, passed on; a NULL `lang` is allowed.
    let (at, _) = unsafe { date_and_lang(at, ptr::null()) }?;
    Ok(at)
}

/// Reads a string argument that holds a document of at most `max_bytes` bytes; NULL is
/// `None`. The size is checked first, so an oversized document is `input.too_large`
/// without being read further; then the text must be UTF-8, like every string argument.
///
/// # Safety
///
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and unchanged for
/// `'a` (the duration of the call).
pub(crate) unsafe fn optional_document<'a>(
    ptr: *const c_char,
    name: &'static str,
    max_bytes: usize,
) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: `ptr` is not NULL, and the caller guarantees it is NUL-terminated and valid.
    let text = unsafe { CStr::from_ptr(ptr) };
    if text.to_bytes().len() > max_bytes {
        return Err(InputError::TooLarge { max: max_bytes }.into());
    }
    text.to_str()
        .map(Some)
        .map_err(|_| Failure::InvalidUtf8(name))
}

/// Reads a required document argument: NULL is `DOORSTEP_ERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// As [`optional_document`].
pub(crate) unsafe fn document<'a>(
    ptr: *const c_char,
    name: &'static str,
    max_bytes: usize,
) -> Result<&'a str, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let text = unsafe { optional_document(ptr, name, max_bytes) }?;
    text.ok_or(Failure::NullArgument(name))
}

/// Reads and parses the `target_json` argument: `{"matter": "CODE"}` or `{"bundle": "CODE"}`,
/// at most 1 MiB; NULL is `DOORSTEP_ERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// As [`optional_document`].
unsafe fn target(target_json: *const c_char) -> Result<Target, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let text = unsafe { document(target_json, "target_json", MAX_ANSWER_BYTES) }?;
    Ok(input::parse_json(text, MAX_ANSWER_BYTES)?)
}

/// Reads and parses a required JSON argument of at most 1 MiB, nested at most 127 levels (an answer,
/// shared data); NULL is `DOORSTEP_ERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// As [`optional_document`].
unsafe fn json_value(ptr: *const c_char, name: &'static str) -> Result<Value, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let text = unsafe { document(ptr, name, MAX_ANSWER_BYTES) }?;
    Ok(input::parse_json(text, MAX_ANSWER_BYTES)?)
}

/// Hands a result to C as JSON text through the out-parameter `out`: `json` is the result
/// serialised (`serde_json::to_string`), whose failure is `DOORSTEP_ERR_INTERNAL`.
///
/// # Safety
///
/// `out` is NULL or points to a writable `char *`.
pub(crate) unsafe fn write_json(
    out: *mut *mut c_char,
    json: serde_json::Result<String>,
) -> Result<(), Failure> {
    let json = json.map_err(|_| Failure::Internal)?;
    // SAFETY: the caller's guarantee, passed on.
    unsafe { write_out(out, json) }
}

/// The shape of most exports: one JSON document and a language in, JSON out. Reads the
/// document (the first argument: its pointer, its name and its size limit in bytes, read
/// as by [`document`]), then `lang` (NULL is zh-CN), hands both to `respond`, and writes
/// what `respond` returns, as JSON, through `out` (as [`write_json`]).
/// The first failure is returned, in that order: the document, `lang`, `respond`, the
/// serialisation.
///
/// # Safety
///
/// The document's pointer and `lang` are NULL or NUL-terminated strings valid for the call;
/// `out` is NULL or points to a writable `char *`.
pub(crate) unsafe fn json_call<T: Serialize>(
    (ptr, name, max_bytes): (*const c_char, &'static str, usize),
    lang: *const c_char,
    out: *mut *mut c_char,
    respond: impl FnOnce(&str, Lang) -> Result<T, Failure>,
) -> Result<(), Failure> {
    // SAFETY: (all three) the caller's guarantee, passed on.
    let text = unsafe { document(ptr, name, max_bytes) }?;
    // SAFETY: as above.
    let lang = unsafe { language(lang) }?;
    let response = respond(text, lang)?;
    // SAFETY: as above.
    unsafe { write_json(out, serde_json::to_string(&response)) }
}

/// The shape of the answer exports (`validate`, `check`, `validate_field`): reads the
/// target, the answer, then `at` and `lang`, in that order (as [`target`], [`json_value`]
/// and [`date_and_lang`]), hands them with the engine to `respond`, and writes what it
/// returns, as JSON, through `out` (as [`write_json`]). The first failure is returned.
///
/// # Safety
///
/// `handle` is not NULL and points to a live engine (as [`engine`]); `target_json`,
/// `answer_json`, `at` and `lang` are NULL or NUL-terminated strings valid for the call;
/// `out` is not NULL and points to a writable `char *`.
unsafe fn answer_call<T: Serialize, E>(
    handle: *const doorstep_engine,
    (target_json, answer_json): (*const c_char, *const c_char),
    (at, lang): (*const c_char, *const c_char),
    out: *mut *mut c_char,
    respond: impl FnOnce(&Engine, &Target, &Value, NaiveDate, Lang) -> Result<T, E>,
) -> Result<(), Failure>
where
    Failure: From<E>,
{
    // SAFETY: (each) the caller's guarantee, passed on.
    let target = unsafe { target(target_json) }?;
    // SAFETY: as above.
    let answer = unsafe { json_value(answer_json, "answer_json") }?;
    // SAFETY: as above.
    let (at, lang) = unsafe { date_and_lang(at, lang) }?;
    // SAFETY: as above.
    let response = respond(unsafe { engine(handle) }, &target, &answer, at, lang)?;
    // SAFETY: as above.
    unsafe { write_json(out, serde_json::to_string(&response)) }
}

/// Borrows the engine behind a handle.
///
/// # Safety
///
/// `handle` is not NULL and points to an engine from `doorstep_engine_load` that is not
/// freed before `'a` ends (the duration of the call).
pub(crate) unsafe fn engine<'a>(handle: *const doorstep_engine) -> &'a Engine {
    // SAFETY: the caller's guarantee; the engine is only read (`Engine` is `Sync`).
    &unsafe { &*handle }.engine
}

/// Loads a catalogue (事项目录) and writes an engine for it to `*out_engine`.
///
/// - `catalog_json`: the catalogue document, JSON, at most 16 MiB.
/// - `at`: the date `"YYYY-MM-DD"` its filled-in examples (填单示范) are checked against;
///   NULL is today in China Standard Time.
///
/// The catalogue is linted first and refused with any problem: then the status is
/// `DOORSTEP_ERR_INVALID_INPUT` with code `engine.catalog_invalid`, the message gives the
/// number of problems and `doorstep_last_error_params` all of them
/// (`doorstep_catalog_lint` lists them too, in either language). A document that is not a
/// catalogue is `DOORSTEP_ERR_INVALID_INPUT` with `input.too_large`, `input.too_deep`,
/// `input.malformed` or `input.shape`.
///
/// On `DOORSTEP_OK` the caller owns `*out_engine` and frees it with `doorstep_engine_free`.
/// On any other status (also `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date) `*out_engine` is left untouched
/// and the thread's last error says why. Thread-safe.
///
/// # Safety
///
/// `catalog_json` and `at` are NULL or NUL-terminated strings; `out_engine` is NULL or
/// points to a writable `doorstep_engine *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_load(
    catalog_json: *const c_char,
    at: *const c_char,
    out_engine: *mut *mut doorstep_engine,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(catalog_json, out_engine) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let at = unsafe { date(at) }?;
        // SAFETY: as above.
        let text = unsafe { document(catalog_json, "catalog_json", MAX_CATALOG_BYTES) }?;
        let engine = Engine::load(text, at)?;
        let handle = Box::into_raw(Box::new(doorstep_engine { engine }));
        // SAFETY: `out_engine` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `doorstep_engine *`; `write` does not read what
        // it held.
        unsafe { out_engine.write(handle) };
        Ok(())
    })
}

/// Loads the catalogue in the file at `catalog_path` and writes an engine for it to
/// `*out_engine`: `doorstep_engine_load` on the file's contents (the library's only read
/// of a file; the core reads none).
///
/// - `catalog_path`: the file's path, UTF-8.
/// - `at`: as for `doorstep_engine_load`.
///
/// Statuses as for `doorstep_engine_load`, and `DOORSTEP_ERR_INVALID_ARGUMENT` with code
/// `ffi.file` (params `{"kind"}`: `NotFound`, `PermissionDenied`, …; never the path) for a
/// path that names no readable file; a file over 16 MiB is `input.too_large` and one that
/// is not UTF-8 `input.not_utf8` (`DOORSTEP_ERR_INVALID_INPUT`). Thread-safe.
///
/// # Safety
///
/// `catalog_path` and `at` are NULL or NUL-terminated strings; `out_engine` is NULL or
/// points to a writable `doorstep_engine *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_load_file(
    catalog_path: *const c_char,
    at: *const c_char,
    out_engine: *mut *mut doorstep_engine,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(catalog_path, out_engine) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let at = unsafe { date(at) }?;
        // SAFETY: as above.
        let path = unsafe { required_str(catalog_path, "catalog_path") }?;
        let bytes = read_limited(path, MAX_CATALOG_BYTES)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| InputError::NotUtf8)?;
        let engine = Engine::load(text, at)?;
        let handle = Box::into_raw(Box::new(doorstep_engine { engine }));
        // SAFETY: `out_engine` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `doorstep_engine *`.
        unsafe { out_engine.write(handle) };
        Ok(())
    })
}

/// The file at `path`, refused unread when it holds more than `max` bytes.
fn read_limited(path: &str, max: usize) -> Result<Vec<u8>, Failure> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| Failure::File(e.kind()))?;
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::File(e.kind()))?;
    if bytes.len() > max {
        return Err(InputError::TooLarge { max }.into());
    }
    Ok(bytes)
}

/// Frees an engine. NULL is a no-op.
///
/// Call it once, after every call using the engine (on any thread) has returned.
///
/// # Safety
///
/// `engine` is NULL or an engine from `doorstep_engine_load`, not yet freed and not in use.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_free(engine: *mut doorstep_engine) {
    ffi_boundary!(infallible, on_panic = () => {
        if !engine.is_null() {
            // SAFETY: the caller guarantees `engine` came from `Box::into_raw` in
            // `doorstep_engine_load`, is freed once and no longer used.
            drop(unsafe { Box::from_raw(engine) });
        }
    });
}

/// Lints a catalogue document and writes every problem, as a JSON array, to
/// `*out_problems_json`: `[]` for a clean catalogue, otherwise
/// `[{"path", "code", "params"?, "message"}]`, `path` being the JSON Pointer of the value
/// at fault (e.g. `"/matters/1/code"`, code `catalog.duplicate`).
///
/// - `catalog_json`: the document, JSON. A document that cannot be read as a catalogue is
///   one problem, not a failure: at path `""` (`input.too_large`, `input.too_deep`,
///   `input.malformed`, with its line and column), or, for a value the catalogue's types
///   refuse (`input.shape`: a date that does not exist, an unknown key), at that value's
///   path.
/// - `at`: the date `"YYYY-MM-DD"` the filled-in examples are checked against; NULL is
///   today in China Standard Time.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// On `DOORSTEP_OK` the caller owns `*out_problems_json` and frees it with
/// `doorstep_string_free`. On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date or
/// an unknown lang) `*out_problems_json` is left untouched and the thread's last error says
/// why. Thread-safe.
///
/// # Safety
///
/// `catalog_json`, `at` and `lang` are NULL or NUL-terminated strings; `out_problems_json`
/// is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_catalog_lint(
    catalog_json: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_problems_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(catalog_json, out_problems_json) => {
        // SAFETY: (each of the three) the caller passes NULL or a NUL-terminated string.
        let (at, lang) = unsafe { date_and_lang(at, lang) }?;
        // SAFETY: as above.
        let problems = match unsafe { document(catalog_json, "catalog_json", MAX_CATALOG_BYTES) } {
            Ok(text) => catalog::lint_json(text, at, lang),
            Err(Failure::Input(error)) => {
                let mut problem = doorstep::Coded::to_problem(&error, lang);
                problem.path = Some(String::new());
                vec![problem]
            }
            Err(failure) => return Err(failure),
        };
        // SAFETY: `out_problems_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_problems_json, serde_json::to_string(&problems)) }
    })
}

/// Lists the matters in effect on `at`, as a JSON array, in catalogue order:
/// `[{"code", "version", "name", "type", "department", "departmentName", "immediate",
/// "promisedLimitDays", "legalLimitDays", "channels", "levels", "proxyAllowed", "feeFen"}]`.
///
/// - `query`: only the matters each word of it (split at white space) is in the code, name,
///   检索词 (`keywords`) or department's name of (full-width ASCII as ASCII, ASCII letters
///   case-insensitive); NULL or a blank query lists them all.
/// - `at`: the date `"YYYY-MM-DD"`; NULL is today in China Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date) `*out_json` is left untouched and
/// the thread's last error says why. Read-only: thread-safe, also on one engine shared by
/// many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `query` and `at` are NULL
/// or NUL-terminated strings; `out_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_matters(
    engine: *const doorstep_engine,
    query: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, out_json) => {
        // SAFETY: the caller's guarantees, passed on; `engine` and `out_json` are not NULL
        // (checked by the boundary).
        unsafe { search(engine, query, at, out_json, Engine::matters) }
    })
}

/// Finds the bundles (一件事) that can be applied for on `at` (a member is in effect then),
/// as a JSON array in catalogue order, each as `doorstep_engine_bundles` lists it but with
/// only its members in effect on `at` (as its form on `at` has them).
///
/// - `query`: only the bundles each word of it is in the code, name, 检索词 (`keywords`) or
///   lead department's name of, or in a member's code, name or 检索词 (社保卡 finds 出生一件事,
///   which applies for the newborn's card): as `doorstep_engine_matters` matches; NULL or a
///   blank query lists every bundle that can be applied for.
/// - `at`: the date `"YYYY-MM-DD"`; NULL is today in China Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date) `*out_json` is left untouched and
/// the thread's last error says why. Read-only: thread-safe, also on one engine shared by
/// many threads.
///
/// # Safety
///
/// As `doorstep_engine_matters`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_find_bundles(
    engine: *const doorstep_engine,
    query: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, out_json) => {
        // SAFETY: the caller's guarantees, passed on; `engine` and `out_json` are not NULL
        // (checked by the boundary).
        unsafe { search(engine, query, at, out_json, Engine::find_bundles) }
    })
}

/// A search of the catalogue (`find`: matters or bundles) by `query` as of `at`, written to
/// `out_json`.
///
/// # Safety
///
/// As `doorstep_engine_matters`, with `engine` and `out_json` not NULL.
unsafe fn search<T: Serialize>(
    engine: *const doorstep_engine,
    query: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
    find: fn(&Engine, &str, NaiveDate) -> Vec<T>,
) -> Result<(), Failure> {
    // SAFETY: (both) the caller passes NULL or a NUL-terminated string.
    let query = unsafe { optional_str(query, "query") }?;
    // SAFETY: as above.
    let at = unsafe { date(at) }?;
    // SAFETY: the caller passes a live engine.
    let found = find(
        unsafe { self::engine(engine) },
        query.unwrap_or_default(),
        at,
    );
    // SAFETY: the caller passes a pointer to a writable `char *`.
    unsafe { write_json(out_json, serde_json::to_string(&found)) }
}

/// Lists every bundle (一件事), whatever the date, as a JSON array, in catalogue order:
/// `[{"code", "name", "leadDepartment", "members": ["MATTER-CODE", ...], "conditional":
/// ["MATTER-CODE", ...]}]`: `conditional` lists the members that apply only when their
/// condition holds on the answer.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`) `*out_json` is left untouched and the
/// thread's last error says why. Read-only: thread-safe, also on one engine shared by many
/// threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `out_json` is NULL or
/// points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_bundles(
    engine: *const doorstep_engine,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, out_json) => {
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let bundles = unsafe { self::engine(engine) }.bundles();
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&bundles)) }
    })
}

/// Writes the form to render for a target, as JSON, to `*out_json`:
/// `{"fields": [...], "checks"?: [...], "example": {...}}`, a matter's form or a bundle's
/// merged form over all its members.
///
/// - `target_json`: `{"matter": "CODE"}` or `{"bundle": "CODE"}`, at most 1 MiB.
/// - `at`: the date `"YYYY-MM-DD"` the matter must be in effect on; NULL is today in China
///   Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status `*out_json` is left untouched and the thread's last error says why:
/// `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a target that is not such JSON (`input.*`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date or a target that names nothing
/// (`engine.unknown_matter`, `engine.unknown_bundle`, `engine.target`). Read-only:
/// thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json` and `at`
/// are NULL or NUL-terminated strings; `out_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_form(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, out_json) => {
        // SAFETY: (both) the caller passes NULL or a NUL-terminated string.
        let target = unsafe { target(target_json) }?;
        // SAFETY: as above.
        let at = unsafe { date(at) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let form = unsafe { self::engine(engine) }.form(&target, at)?;
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&form)) }
    })
}

/// Validates an applicant's answer for a target and writes the report, as JSON, to
/// `*out_report_json`: `{"matters": ["CODE", ...], "valid", "errors": [{"path", "code",
/// "params"?, "message"}], "normalized"}`, every problem with the JSON Pointer of the
/// answer's value at fault, in field order, and the answer as it should be stored (visible
/// fields only, normalised). For a bundle, `matters` lists the members the answer applies
/// to and each problem's `params.matters` the members it belongs to.
///
/// - `target_json`: `{"matter": "CODE"}` or `{"bundle": "CODE"}`, at most 1 MiB.
/// - `answer_json`: the answer, a JSON object keyed by field, at most 1 MiB, nested at most 127 levels.
/// - `at`: the reference date `"YYYY-MM-DD"` (matters in effect, birth dates in the
///   future); NULL is today in China Standard Time.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// An invalid answer is a normal outcome: `DOORSTEP_OK` with `"valid": false` and the
/// problems in `"errors"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a target or answer that cannot be read (`input.*`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date, an unknown lang or a target that
/// names nothing (`engine.*`). Read-only: thread-safe, also on one engine shared by many
/// threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json`,
/// `answer_json`, `at` and `lang` are NULL or NUL-terminated strings; `out_report_json` is
/// NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_validate(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    answer_json: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, answer_json, out_report_json) => {
        // SAFETY: `engine` and `out_report_json` are not NULL (checked by the boundary); the
        // caller guarantees the rest.
        unsafe {
            let documents = (target_json, answer_json);
            answer_call(engine, documents, (at, lang), out_report_json, Engine::validate)
        }
    })
}

/// Checks an applicant's answer for a target and writes the outcome, as JSON, to
/// `*out_report_json`: `{"valid", "errors": [{"path", "code", "params"?, "message"}]}`, the
/// same problems as `doorstep_engine_validate` reports, in the same order (for a bundle,
/// each with the members it belongs to in `params.matters`), without `"normalized"` and
/// `"matters"`: what a window or a kiosk asks while the applicant types, and the cheaper
/// call (a valid answer builds nothing).
///
/// - `target_json`, `answer_json`, `at`, `lang`: as for `doorstep_engine_validate`.
///
/// An invalid answer is a normal outcome: `DOORSTEP_OK` with `"valid": false` and the
/// problems in `"errors"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a target or answer that cannot be read (`input.*`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an impossible date, an unknown lang or a target that
/// names nothing (`engine.*`). Read-only: thread-safe, also on one engine shared by many
/// threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json`,
/// `answer_json`, `at` and `lang` are NULL or NUL-terminated strings; `out_report_json` is
/// NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_check(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    answer_json: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, answer_json, out_report_json) => {
        // SAFETY: `engine` and `out_report_json` are not NULL (checked by the boundary); the
        // caller guarantees the rest.
        unsafe {
            let documents = (target_json, answer_json);
            answer_call(engine, documents, (at, lang), out_report_json, Engine::check)
        }
    })
}

/// Validates one field as the applicant types and writes the outcome, as JSON, to
/// `*out_report_json`: `{"path", "valid", "errors": [{"path", "code", "params"?,
/// "message"}]}`, the problems `doorstep_engine_validate` reports at the field `path` or
/// inside it (a group, a repeating group's item), the whole answer being read (rules look
/// at other fields). A field without problems is `"valid": true` even when others have
/// some.
///
/// - `target_json`, `answer_json`, `at`, `lang`: as for `doorstep_engine_validate`.
/// - `path`: the field's JSON Pointer in the answer, e.g. `"/applicantId"` or
///   `"/guardians/0/name"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: as for `doorstep_engine_validate`, and
/// `DOORSTEP_ERR_INVALID_ARGUMENT` with `engine.unknown_field` for a `path` that names no
/// field of the target's form. Read-only: thread-safe, also on one engine shared by many
/// threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json`,
/// `answer_json`, `path`, `at` and `lang` are NULL or NUL-terminated strings;
/// `out_report_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_validate_field(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    answer_json: *const c_char,
    path: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, answer_json, path, out_report_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let path = unsafe { required_str(path, "path") }?;
        // SAFETY: `engine` and `out_report_json` are not NULL (checked by the boundary); the
        // caller guarantees the rest.
        unsafe {
            let documents = (target_json, answer_json);
            let field = |e: &Engine, target: &_, answer: &_, at, lang| {
                e.validate_field(target, answer, path, at, lang)
            };
            answer_call(engine, documents, (at, lang), out_report_json, field)
        }
    })
}

/// Fills an applicant's answer from shared data (数据共享) and writes it, as a JSON object,
/// to `*out_answer_json`: the answer with every empty top-level field of the target's form
/// that declares a source (`"prefill": "identity.residentId"`) set from `shared_json`. A
/// value the applicant already entered is kept (empty is absent, `null` or blank text); a
/// source that `shared_json` lacks leaves its field as it was. Nothing is validated: pass
/// the result to `doorstep_engine_validate`.
///
/// - `target_json`: `{"matter": "CODE"}` or `{"bundle": "CODE"}` (a bundle's merged form),
///   at most 1 MiB.
/// - `shared_json`: the shared data, a JSON object keyed by source, e.g.
///   `{"identity": {"residentId": "...", "name": "..."}}`, at most 1 MiB, nested at most 127 levels.
/// - `answer_json`: the answer so far, a JSON object keyed by field, at most 1 MiB and 128
///   levels; NULL is `{}`. An answer that is not an object gives only the filled fields.
/// - `at`: the date `"YYYY-MM-DD"` the matter must be in effect on; NULL is today in China
///   Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_answer_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_answer_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a document that cannot be read (`input.*`, also shared
/// data that is not a JSON object: `input.shape`), `DOORSTEP_ERR_INVALID_ARGUMENT` for an
/// impossible date or a target that names nothing (`engine.*`). Read-only: thread-safe,
/// also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json`,
/// `shared_json`, `answer_json` and `at` are NULL or NUL-terminated strings;
/// `out_answer_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_prefill(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    shared_json: *const c_char,
    answer_json: *const c_char,
    at: *const c_char,
    out_answer_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, shared_json, out_answer_json) => {
        // SAFETY: (each of the four) the caller passes NULL or a NUL-terminated string.
        let target = unsafe { target(target_json) }?;
        // SAFETY: as above.
        let shared = unsafe { json_value(shared_json, "shared_json") }?;
        // SAFETY: as above.
        let answer = unsafe { optional_document(answer_json, "answer_json", MAX_ANSWER_BYTES) }?;
        let answer: Value = match answer {
            Some(text) => input::parse_json(text, MAX_ANSWER_BYTES)?,
            None => Value::Object(serde_json::Map::new()),
        };
        // SAFETY: as above.
        let at = unsafe { date(at) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let filled = unsafe { self::engine(engine) }.prefill(&target, &shared, &answer, at)?;
        // SAFETY: `out_answer_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_answer_json, serde_json::to_string(&filled)) }
    })
}

/// Writes the documents (材料) to bring for a target given the answer, as a JSON array, to
/// `*out_json`: `[{"code", "name", "form", "count", "condition"?, "waivedBy"?}]`, each
/// document once, only those whose condition holds for the answer, and none that a
/// shared-data source in `available_json` waives (免提交), nor, for a bundle, one another
/// member issues (its `issues` in the catalogue: 出生医学证明 in 出生一件事).
///
/// - `target_json`: `{"matter": "CODE"}` or `{"bundle": "CODE"}`, at most 1 MiB.
/// - `answer_json`: the answer, a JSON object, at most 1 MiB, nested at most 127 levels.
/// - `available_json`: the shared-data sources available for this applicant, a JSON array
///   of their codes, e.g. `["identity"]`; NULL is none.
/// - `at`: the date `"YYYY-MM-DD"` the matter must be in effect on; NULL is today in China
///   Standard Time.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status `*out_json` is left untouched and the thread's last error says why:
/// `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT`
/// for a document that cannot be read (`input.*`, also an answer that is not a JSON object
/// and an `available_json` that is not an array of strings), `DOORSTEP_ERR_INVALID_ARGUMENT`
/// for an impossible date or a target
/// that names nothing (`engine.*`). Read-only: thread-safe, also on one engine shared by
/// many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `target_json`,
/// `answer_json`, `available_json` and `at` are NULL or NUL-terminated strings; `out_json`
/// is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_materials(
    engine: *const doorstep_engine,
    target_json: *const c_char,
    answer_json: *const c_char,
    available_json: *const c_char,
    at: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, target_json, answer_json, out_json) => {
        // SAFETY: (each of the four) the caller passes NULL or a NUL-terminated string.
        let target = unsafe { target(target_json) }?;
        // SAFETY: as above.
        let answer = unsafe { json_value(answer_json, "answer_json") }?;
        // SAFETY: as above.
        let available = unsafe { optional_document(available_json, "available_json", MAX_ANSWER_BYTES) }?;
        let available: Vec<String> = match available {
            Some(text) => input::parse_json(text, MAX_ANSWER_BYTES)?,
            None => Vec::new(),
        };
        // SAFETY: as above.
        let at = unsafe { date(at) }?;
        let available: Vec<&str> = available.iter().map(String::as_str).collect();
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let materials = unsafe { self::engine(engine) }.materials(&target, &answer, &available, at)?;
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&materials)) }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use doorstep::conformance;
    use serde_json::{Value, json};

    use super::*;
    use crate::test_support::{Loaded, c, last_code, last_message, last_params, take};

    impl Loaded {
        fn mini() -> Self {
            Self::new(&conformance::load("catalog/mini.json"), c"2026-11-25")
        }

        fn validate(
            &self,
            target: &str,
            answer: &str,
            lang: Option<&CStr>,
        ) -> Result<Value, (doorstep_status, String)> {
            let (target, answer) = (c(target), c(answer));
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: a live engine, NUL-terminated strings and a local out-parameter.
            let status = unsafe {
                doorstep_engine_validate(
                    self.0,
                    target.as_ptr(),
                    answer.as_ptr(),
                    c"2026-11-25".as_ptr(),
                    lang.map_or(ptr::null(), CStr::as_ptr),
                    &raw mut out,
                )
            };
            if status == doorstep_status::DOORSTEP_OK {
                Ok(take(out))
            } else {
                assert!(out.is_null());
                Err((status, last_code()))
            }
        }
    }

    /// forms.json through the C ABI, with the matching rule every suite uses
    /// (`tests/c/test_forms.c` runs it from C too); `input.answerText` is passed as the
    /// answer's text as it is, and a refused call is `{"error": code}`. Every case without
    /// `input.field` is also run through `doorstep_engine_check`: its `{valid, errors}` (or
    /// refusal) must match the case's expected `valid`, `errors`, `errorPaths`,
    /// `errorMatters` and `error` (the other keys are `validate`'s).
    #[test]
    fn forms_fixtures_through_the_c_abi() {
        const CHECKED: [&str; 5] = ["valid", "errors", "errorPaths", "errorMatters", "error"];
        // One engine per catalogue the cases name, loaded the first time.
        let mut engines = std::collections::BTreeMap::<String, Loaded>::new();
        // What check must give, case by case in the order `conformance::run` runs them.
        let mut expected_checks = conformance::load("forms.json")["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|case| {
                let expected = case["expected"].as_object().unwrap().iter();
                let checked = expected.filter(|(k, _)| CHECKED.contains(&k.as_str()));
                Value::Object(checked.map(|(k, v)| (k.clone(), v.clone())).collect())
            })
            .collect::<Vec<_>>()
            .into_iter();
        let mut check_failures = Vec::new();
        let failures = conformance::run("forms.json", |input| {
            let expected_check = expected_checks.next().unwrap();
            let catalog = input.raw["catalog"].as_str().unwrap();
            let engine = engines
                .entry(catalog.to_owned())
                .or_insert_with(|| Loaded::new(&conformance::load(catalog), c"2026-11-25"));
            let target = match input.raw["matter"].as_str() {
                Some(code) => json!({ "matter": code }),
                None => json!({ "bundle": input.raw["bundle"] }),
            };
            let answer = input.raw["answerText"]
                .as_str()
                .map_or_else(|| input.raw["answer"].to_string(), str::to_owned);
            let (target, answer) = (c(&target.to_string()), c(&answer));
            let outcome = |status, out: *mut c_char| {
                if status == doorstep_status::DOORSTEP_OK {
                    take(out)
                } else {
                    assert!(out.is_null(), "{}: out written on a refusal", input.name);
                    json!({ "error": last_code() })
                }
            };
            let (at, lang) = (
                c(input.at.as_deref().unwrap()),
                input.lang.as_deref().map(c),
            );
            let lang = lang.as_deref().map_or(ptr::null(), CStr::as_ptr);
            let mut out: *mut c_char = ptr::null_mut();
            if let Some(field) = input.raw["field"].as_str() {
                let field = c(field);
                // SAFETY: a live engine, NUL-terminated strings and a local out-parameter.
                let status = unsafe {
                    doorstep_engine_validate_field(
                        engine.0,
                        target.as_ptr(),
                        answer.as_ptr(),
                        field.as_ptr(),
                        at.as_ptr(),
                        lang,
                        &raw mut out,
                    )
                };
                return outcome(status, out);
            }
            // SAFETY: a live engine, NUL-terminated strings and a local out-parameter.
            let status = unsafe {
                doorstep_engine_check(
                    engine.0,
                    target.as_ptr(),
                    answer.as_ptr(),
                    at.as_ptr(),
                    lang,
                    &raw mut out,
                )
            };
            let checked = outcome(status, out);
            check_failures.extend(
                conformance::mismatches(&input.value, &expected_check, &checked)
                    .into_iter()
                    .map(|m| format!("{}: check: {m}", input.name)),
            );
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: a live engine, NUL-terminated strings and a local out-parameter.
            let status = unsafe {
                doorstep_engine_validate(
                    engine.0,
                    target.as_ptr(),
                    answer.as_ptr(),
                    at.as_ptr(),
                    lang,
                    &raw mut out,
                )
            };
            outcome(status, out)
        });
        let failures = [failures, check_failures].concat();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// lint.json through the C ABI.
    #[test]
    fn lint_fixtures_through_the_c_abi() {
        let failures = conformance::run("lint.json", |input| {
            let mut doc = conformance::load(input.raw["catalog"].as_str().unwrap());
            conformance::apply_patch(&mut doc, &input.raw["patch"]);
            let (text, at) = (c(&doc.to_string()), c(input.at.as_deref().unwrap()));
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: NUL-terminated strings and a local out-parameter.
            let status = unsafe {
                doorstep_catalog_lint(text.as_ptr(), at.as_ptr(), ptr::null(), &raw mut out)
            };
            assert_eq!(status, doorstep_status::DOORSTEP_OK, "{}", input.name);
            let problems = take(out);
            json!({ "valid": problems.as_array().unwrap().is_empty(), "errors": problems })
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_catalogue_that_fails_lint_is_refused_with_its_problems() {
        let mut doc = conformance::load("catalog/mini.json");
        doc["matters"][1]["code"] = json!("BIRTH-CERT");
        let text = c(&doc.to_string());
        let mut engine: *mut doorstep_engine = ptr::null_mut();
        // SAFETY: NUL-terminated strings and a local out-parameter.
        let status =
            unsafe { doorstep_engine_load(text.as_ptr(), c"2026-11-25".as_ptr(), &raw mut engine) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert!(engine.is_null());
        assert_eq!(last_code(), "engine.catalog_invalid");
        let problems = &last_params()["problems"];
        assert_eq!(problems.as_array().unwrap().len(), 2, "{problems}");
        assert_eq!(problems[0]["path"], "/matters/1/code");

        // SAFETY: NUL-terminated strings and a local out-parameter.
        let status =
            unsafe { doorstep_engine_load(c"{\"name\": ".as_ptr(), ptr::null(), &raw mut engine) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(last_code(), "input.malformed");
        assert_eq!(last_params()["line"], 1);
        assert!(engine.is_null());

        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NUL-terminated strings and a local out-parameter.
        let status = unsafe {
            doorstep_catalog_lint(c"[".as_ptr(), ptr::null(), c"en".as_ptr(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        let problems = take(out);
        assert_eq!(problems[0]["code"], "input.malformed");
        assert_eq!(problems[0]["path"], "");
    }

    #[test]
    fn wrong_documents_and_targets_are_coded_failures() {
        let engine = Loaded::mini();
        let answer = r#"{"applicantName": "林小红"}"#;
        let cases = [
            (
                r#"{"matter": "NO-SUCH"}"#,
                answer.to_owned(),
                "engine.unknown_matter",
            ),
            (
                r#"{"bundle": "NO-SUCH"}"#,
                answer.to_owned(),
                "engine.unknown_bundle",
            ),
            ("{}", answer.to_owned(), "engine.target"),
            (
                r#"{"matter": "BIRTH-CERT", "x": 1}"#,
                answer.to_owned(),
                "input.shape",
            ),
            (
                r#"{"matter": "BIRTH-CERT"}"#,
                "{".to_owned(),
                "input.malformed",
            ),
            (
                r#"{"matter": "BIRTH-CERT"}"#,
                "[".repeat(10_000) + &"]".repeat(10_000),
                "input.too_deep",
            ),
            (
                r#"{"matter": "BIRTH-CERT"}"#,
                format!("\"{}\"", "a".repeat(MAX_ANSWER_BYTES)),
                "input.too_large",
            ),
        ];
        for (target, answer, code) in cases {
            let (status, got) = engine.validate(target, &answer, None).unwrap_err();
            assert_eq!(got, code);
            let expected = if code.starts_with("input.") {
                doorstep_status::DOORSTEP_ERR_INVALID_INPUT
            } else {
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
            };
            assert_eq!(status, expected, "{code}");
        }
        let (status, code) = engine
            .validate(r#"{"matter": "BIRTH-CERT"}"#, "{}", Some(c"fr"))
            .unwrap_err();
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT);
        assert_eq!(code, "arg.unknown_lang");
        // An invalid answer is a report, not a failure.
        let report = engine
            .validate(r#"{"matter": "BIRTH-CERT"}"#, "[]", Some(c"en"))
            .unwrap();
        assert_eq!(report["valid"], false);
        assert_eq!(report["matters"], json!(["BIRTH-CERT"]));

        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe { doorstep_engine_bundles(ptr::null(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(last_params()["name"], "engine");
        // SAFETY: NULL is a no-op.
        unsafe { doorstep_engine_free(ptr::null_mut()) };
    }

    /// `doorstep_engine_check` with the mini catalogue at its date.
    fn check(
        engine: *const doorstep_engine,
        target: Option<&CStr>,
        answer: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL or a live engine, NULL or literals, and a local out-parameter.
        let status = unsafe {
            doorstep_engine_check(
                engine,
                target.map_or(ptr::null(), CStr::as_ptr),
                answer.map_or(ptr::null(), CStr::as_ptr),
                c"2026-11-25".as_ptr(),
                ptr::null(),
                &raw mut out,
            )
        };
        if status == doorstep_status::DOORSTEP_OK {
            Ok(take(out))
        } else {
            assert!(out.is_null());
            Err((status, last_code()))
        }
    }

    #[test]
    fn check_refuses_bad_input_with_a_code_and_never_shows_a_whole_id() {
        let engine = Loaded::mini();
        let live = engine.0.cast_const();
        let target = c"{\"matter\": \"BIRTH-CERT\"}";
        let refused = [
            (ptr::null(), Some(target), Some(c"{}"), "ffi.null_argument"),
            (live, None, Some(c"{}"), "ffi.null_argument"),
            (live, Some(target), None, "ffi.null_argument"),
            (live, Some(target), Some(c"{\"a\":"), "input.malformed"),
            (
                live,
                Some(c"{\"matter\": \"NO-SUCH\"}"),
                Some(c"{}"),
                "engine.unknown_matter",
            ),
        ];
        for (engine, target, answer, code) in refused {
            assert_eq!(check(engine, target, answer).unwrap_err().1, code);
        }
        // A wrong check digit: a problem, worded without the number.
        let answer = c"{\"applicantId\": \"350205199003071238\"}";
        let report = check(live, Some(target), Some(answer)).unwrap();
        assert_eq!(report["valid"], false);
        assert!(
            !report.to_string().contains("350205199003071238"),
            "{report}"
        );
        assert!(report.get("normalized").is_none());
    }

    /// `doorstep_engine_prefill` with the mini catalogue at its date.
    fn prefill(
        engine: &Loaded,
        target: &CStr,
        shared: Option<&CStr>,
        answer: Option<&CStr>,
    ) -> Result<Value, (doorstep_status, String)> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NULL or literals, and a local out-parameter.
        let status = unsafe {
            doorstep_engine_prefill(
                engine.0,
                target.as_ptr(),
                shared.map_or(ptr::null(), CStr::as_ptr),
                answer.map_or(ptr::null(), CStr::as_ptr),
                c"2026-11-25".as_ptr(),
                &raw mut out,
            )
        };
        if status == doorstep_status::DOORSTEP_OK {
            Ok(take(out))
        } else {
            assert!(out.is_null());
            Err((status, last_code()))
        }
    }

    #[test]
    fn prefill_fills_empty_fields_from_shared_data() {
        let engine = Loaded::mini();
        let target = c"{\"matter\": \"BIRTH-CERT\"}";
        let shared = c"{\"identity\": {\"residentId\": \"350205199003071239\"}}";
        let id = json!({ "applicantId": "350205199003071239" });
        assert_eq!(prefill(&engine, target, Some(shared), None).unwrap(), id);
        assert_eq!(
            prefill(&engine, target, Some(shared), Some(c"{}")).unwrap(),
            id
        );
        let entered = c"{\"applicantId\": \"11010519491231002X\"}";
        assert_eq!(
            prefill(&engine, target, Some(shared), Some(entered)).unwrap(),
            json!({ "applicantId": "11010519491231002X" })
        );
        assert_eq!(
            prefill(&engine, c"{\"bundle\": \"birth\"}", Some(c"{}"), None).unwrap(),
            json!({})
        );

        // The filled example validates.
        let mut example =
            conformance::load("catalog/mini.json")["matters"][0]["form"]["example"].clone();
        example.as_object_mut().unwrap().remove("applicantId");
        let answer = c(&example.to_string());
        let filled = prefill(&engine, target, Some(shared), Some(&answer)).unwrap();
        example["applicantId"] = json!("350205199003071239");
        assert_eq!(filled, example);
        let report = engine
            .validate(r#"{"matter": "BIRTH-CERT"}"#, &filled.to_string(), None)
            .unwrap();
        assert_eq!(report["valid"], true, "{report}");

        let (status, code) = prefill(&engine, target, None, None).unwrap_err();
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert_eq!(code, "ffi.null_argument");
        assert_eq!(last_params()["name"], "shared_json");
        let cases = [
            (
                c"{\"matter\": \"NO-SUCH\"}",
                shared,
                c"{}",
                "engine.unknown_matter",
            ),
            (target, c"{\"identity\": ", c"{}", "input.malformed"),
            (target, shared, c"[1, ", "input.malformed"),
        ];
        for (target, shared, answer, code) in cases {
            let (status, got) = prefill(&engine, target, Some(shared), Some(answer)).unwrap_err();
            assert_eq!(got, code);
            let expected = if code.starts_with("input.") {
                doorstep_status::DOORSTEP_ERR_INVALID_INPUT
            } else {
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
            };
            assert_eq!(status, expected, "{code}");
        }
    }

    #[test]
    fn lists_forms_and_materials() {
        let engine = Loaded::mini();
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, literals and a local out-parameter.
        let status = unsafe {
            doorstep_engine_matters(engine.0, ptr::null(), c"2026-11-25".as_ptr(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        assert_eq!(take(out).as_array().unwrap().len(), 3);
        // SAFETY: as above.
        let status = unsafe {
            doorstep_engine_matters(
                engine.0,
                c"hukou".as_ptr(),
                c"2026-11-25".as_ptr(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        assert_eq!(take(out)[0]["code"], "HUKOU-BIRTH");
        // SAFETY: as above.
        let status = unsafe { doorstep_engine_bundles(engine.0, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        assert_eq!(take(out)[0]["code"], "birth");
        // SAFETY: as above.
        let status = unsafe {
            doorstep_engine_form(
                engine.0,
                c"{\"bundle\": \"birth\"}".as_ptr(),
                c"2026-11-25".as_ptr(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        assert!(
            take(out)["fields"]
                .as_array()
                .is_some_and(|f| !f.is_empty())
        );

        let target = c"{\"matter\": \"BIRTH-CERT\"}";
        let answer = c"{\"married\": true}";
        let codes = |available: Option<&CStr>| {
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: a live engine, literals and a local out-parameter.
            let status = unsafe {
                doorstep_engine_materials(
                    engine.0,
                    target.as_ptr(),
                    answer.as_ptr(),
                    available.map_or(ptr::null(), CStr::as_ptr),
                    c"2026-11-25".as_ptr(),
                    &raw mut out,
                )
            };
            assert_eq!(status, doorstep_status::DOORSTEP_OK);
            let list = take(out);
            list.as_array()
                .unwrap()
                .iter()
                .map(|m| m["code"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(None), ["applicant_id_card", "marriage_certificate"]);
        assert_eq!(codes(Some(c"[\"identity\"]")), ["marriage_certificate"]);
        // SAFETY: as above.
        let status = unsafe {
            doorstep_engine_materials(
                engine.0,
                target.as_ptr(),
                answer.as_ptr(),
                c"{\"identity\": true}".as_ptr(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(last_code(), "input.shape");
    }

    /// A file that cannot be read is coded with its kind (never the path), and its zh-CN
    /// message is Chinese throughout.
    #[test]
    fn an_unreadable_catalogue_file_is_coded_in_either_language() {
        for (path, kind) in [
            (c"/nonexistent/doorstep/catalog.json", "NotFound"),
            (c"/", "IsADirectory"),
        ] {
            let mut out: *mut doorstep_engine = ptr::null_mut();
            // SAFETY: literals, NULL and a local out-parameter.
            let status =
                unsafe { doorstep_engine_load_file(path.as_ptr(), ptr::null(), &raw mut out) };
            assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT);
            assert!(out.is_null());
            assert_eq!(last_code(), "ffi.file");
            assert_eq!(last_params(), json!({ "kind": kind }));
            let zh = last_message(None);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
            assert!(!zh.contains("nonexistent"));
            let en = last_message(Some(c"en"));
            assert!(en.starts_with("The file cannot be read"), "{en}");
        }
    }
}
