//! Authority and the 用印台账 behind the C ABI: verifying a stamp (盖章) against the
//! engine's registry of grants and seals, asking whether an organisation may act on a matter
//! and in whose name, verifying and appending to a hash-chained stamp ledger, and the
//! content digest a stamp records.
//!
//! As everywhere in this crate, the core decides and this module only translates: stamps,
//! queries and heads go in as JSON text and reports come back as the JSON every binding
//! returns (`doorstep::authority::VerdictReport`, `doorstep::authority::ledger::LedgerReport`).
//! An invalid stamp or a broken ledger is a report (`"valid": false`), not a failure.

use std::ffi::c_char;
use std::slice;

use doorstep::Lang;
use doorstep::args::parse_lang;
use doorstep::authority::ledger::{self, AppendRequest, HashAlg, LedgerHead};
use doorstep::authority::{AuthorityQuery, MAX_STAMP_BYTES, Stamp};
use doorstep::input::{self, InputError, MAX_ANSWER_BYTES};

use crate::boundary::ffi_boundary;
use crate::engine::{self, document, doorstep_engine, json_call, optional_document, write_json};
use crate::error::{Failure, doorstep_status};
use crate::strings::{optional_str, required_str, write_out};

/// Reads the `lang` argument: `"zh-CN"` (also `"zh"`) or `"en"`; NULL is zh-CN.
///
/// # Safety
///
/// `lang` is NULL or a NUL-terminated string valid for the call.
pub(crate) unsafe fn language(lang: *const c_char) -> Result<Lang, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let tag = unsafe { optional_str(lang, "lang") }?;
    Ok(parse_lang(tag)?)
}

/// Verifies one stamp (盖章) against the engine's registry and writes the verdict, as JSON,
/// to `*out_report_json`: `{"valid", "actsInNameOf"?, "chain": [{"grant", "mode",
/// "principal", "agent", "validFrom", "validUntil"?, "legalBasis", "publication"}],
/// "failures": [{"code", "params"?, "message"}]}`. The stages run in a fixed order —
/// structure, chain, time, scope, revocation, stamp rules — and every failure is listed
/// (`stamp.*`, `authority.*`, `seal.*`); `chain` is the chain of grants the stamp relies on,
/// from the responsible department down, and `actsInNameOf` the organisation in whose name
/// the act stands.
///
/// - `stamp_json`: the stamp, `{"seal", "case", "matter", "step", "act"?, "operator": {"id",
///   "role"}, "acceptedBy"?, "place", "at", "digest"}`, at most 16 KiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// An invalid stamp is a normal outcome: `DOORSTEP_OK` with `"valid": false` and the
/// reasons in `"failures"`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a stamp that cannot be read (`input.too_large`,
/// `input.malformed`, `input.shape` also for a field out of its length bounds),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `stamp_json` and `lang`
/// are NULL or NUL-terminated strings; `out_report_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_verify_stamp(
    engine: *const doorstep_engine,
    stamp_json: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, stamp_json, out_report_json) => {
        let verify = |text: &str, lang| {
            let stamp = Stamp::from_json(text)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            Ok(unsafe { engine::engine(engine) }.verify_stamp(&stamp).report(lang))
        };
        let doc = (stamp_json, "stamp_json", MAX_STAMP_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_report_json, verify) }
    })
}

/// Answers whether an organisation may perform a step of a matter at a time, and in whose
/// name, and writes the answer, as JSON, to `*out_report_json`: the same shape as
/// `doorstep_engine_verify_stamp`'s verdict, `{"valid", "actsInNameOf"?, "chain",
/// "failures"}`, from the chain, time, scope and revocation stages (no seal is involved).
/// A matter that is not in effect then gives `"failures"` `stamp.unknown_matter` only;
/// an organisation that holds no grant for it, `authority.no_chain`.
///
/// - `query_json`: `{"org", "matter", "step", "at"}`, `step` one of `"receive"`,
///   `"accept"`, `"review"`, `"decide"`, `"deliver"` and `at` an RFC 3339 time with offset
///   (`"2025-05-01T10:00:00+08:00"`), at most 1 MiB.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_INPUT` for a query that cannot be read (`input.*`),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang. Read-only: thread-safe, also on one
/// engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `query_json` and `lang`
/// are NULL or NUL-terminated strings; `out_report_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_authorize(
    engine: *const doorstep_engine,
    query_json: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, query_json, out_report_json) => {
        let authorize = |text: &str, lang| {
            let query: AuthorityQuery = input::parse_json(text, MAX_ANSWER_BYTES)?;
            // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
            // it is live for the call.
            let engine = unsafe { engine::engine(engine) };
            Ok(engine.authorize(&query.org, &query.matter, query.step, query.at).report(lang))
        };
        let doc = (query_json, "query_json", MAX_ANSWER_BYTES);
        // SAFETY: the caller passes NULL or NUL-terminated strings and NULL or a writable `char *`.
        unsafe { json_call(doc, lang, out_report_json, authorize) }
    })
}

/// Verifies a 用印台账 (stamp ledger, JSON Lines) and writes the report, as JSON, to
/// `*out_report_json`: `{"valid", "entries", "head": {"entries", "hash"}, "problems":
/// [{"line", "seq"?, "code", "params"?, "message"}]}`. Every line must be the canonical
/// entry it was written as (`doorstep_ledger_append`), its hash must match, and it must link
/// to the line before it; every intact entry's stamp is verified against the engine's
/// registry too (`ledger.invalid_stamp`, with the stamp's failure codes in `params`). A
/// changed byte is found on its line; a removed, inserted or reordered entry where the
/// order breaks; the newest entries cut off only against a kept head. Past 10,000 problems
/// of its lines, the rest are counted, not listed: one `ledger.too_many_problems`
/// (`params.omitted`) on the last line with one, before any `ledger.head_mismatch`.
///
/// - `ledger_text`: the ledger, one entry per line, each ending with `"\n"`; `""` is an
///   empty ledger. At most 64 MiB and 32 KiB a line; more is a `ledger.too_large` problem.
/// - `head_json`: the head kept elsewhere when the ledger was last written, `{"entries",
///   "hash"}` (the `head` of the last append), at most 1 KiB: a count up to 2^53 − 1 and a
///   hash of 64 lowercase hex digits, the genesis hash exactly when the count is 0 (else
///   `input.shape`); the ledger must end exactly there (`ledger.head_mismatch`). NULL: no
///   kept head, only the chain is checked.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// A ledger with problems is a normal outcome: `DOORSTEP_OK` with `"valid": false`.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status `*out_report_json` is left untouched and the
/// thread's last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`
/// (also for a ledger that is not UTF-8 text), `DOORSTEP_ERR_INVALID_INPUT` for a head that
/// cannot be read (`input.*`), `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang.
/// Read-only: thread-safe, also on one engine shared by many threads.
///
/// # Safety
///
/// `engine` is NULL or a live engine from `doorstep_engine_load`; `ledger_text`,
/// `head_json` and `lang` are NULL or NUL-terminated strings; `out_report_json` is NULL or
/// points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_engine_verify_ledger(
    engine: *const doorstep_engine,
    ledger_text: *const c_char,
    head_json: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(engine, ledger_text, out_report_json) => {
        // SAFETY: (each of the three) the caller passes NULL or a NUL-terminated string.
        let text = unsafe { required_str(ledger_text, "ledger_text") }?;
        // SAFETY: as above.
        let head = unsafe { optional_document(head_json, "head_json", MAX_ANSWER_BYTES) }?;
        let head = head.map(LedgerHead::from_json).transpose()?;
        // SAFETY: as above.
        let lang = unsafe { language(lang) }?;
        // SAFETY: `engine` is not NULL (checked by the boundary) and the caller guarantees
        // it is live for the call.
        let report = unsafe { engine::engine(engine) }.verify_ledger(text, head.as_ref(), lang);
        // SAFETY: `out_report_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_report_json, serde_json::to_string(&report)) }
    })
}

/// Makes the ledger entry for one stamp and writes it, with the ledger's new head, as JSON
/// to `*out_json`: `{"line", "head": {"entries", "hash"}}`. Append `line` and a `"\n"` to
/// the ledger file, and keep `head` elsewhere (the daily report, the case store): it is what
/// `doorstep_engine_verify_ledger` checks the end of the ledger against, and what the next
/// append continues from. The stamp is recorded as it is; it is not verified (verify it
/// first with `doorstep_engine_verify_stamp`).
///
/// - `request_json`: `{"alg"?, "head"?, "stamp"}`, at most 32 KiB: `alg` the ledger's hash
///   function, `"sha256"` (the default) or `"sm3"`; `head` where the ledger ends now, the
///   `head` of the previous append (absent: a new, empty ledger); `stamp` as for
///   `doorstep_engine_verify_stamp`.
///
/// No engine is needed: thread-safe.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status `*out_json` is left untouched and the thread's last error says why:
/// `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_INPUT`
/// for a request that cannot be read (`input.*`) or a stamp that cannot be recorded
/// (`ledger.malformed`, e.g. a field out of its length bounds),
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for a hash function this build cannot compute
/// (`ledger.unsupported_alg`).
///
/// # Safety
///
/// `request_json` is NULL or a NUL-terminated string; `out_json` is NULL or points to a
/// writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_ledger_append(
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(request_json, out_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let text = unsafe { document(request_json, "request_json", MAX_ANSWER_BYTES) }?;
        let request: AppendRequest = input::parse_json(text, ledger::MAX_LINE_BYTES)?;
        let appended = ledger::append(request)?;
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&appended)) }
    })
}

/// Writes the SHA-256 of `len` bytes at `bytes` to `*out_hex`, as 64 lowercase hexadecimal
/// digits: the `digest` a stamp records for the content it was put on (the stamped PDF,
/// the form's canonical text).
///
/// `bytes` may be NULL only when `len` is 0 (the empty content, whose digest a stamp may
/// not carry: `stamp.empty_digest`).
///
/// On `DOORSTEP_OK` the caller owns `*out_hex` and frees it with `doorstep_string_free`.
/// On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`: a NULL `out_hex`, or a NULL `bytes`
/// with a `len` other than 0; `DOORSTEP_ERR_INVALID_INPUT`, `input.too_large`: a `len`
/// over `PTRDIFF_MAX`, which no object has, such as a failed `read()`'s -1) `*out_hex` is
/// left untouched and the thread's last error says why. Thread-safe.
///
/// # Safety
///
/// `bytes` is NULL or points to `len` readable bytes that do not change during the call;
/// `out_hex` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_content_digest(
    bytes: *const u8,
    len: usize,
    out_hex: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(out_hex) => {
        let content: &[u8] = if bytes.is_null() {
            if len != 0 {
                return Err(Failure::NullArgument("bytes"));
            }
            &[]
        } else if isize::try_from(len).is_err() {
            // No object is that large: a wrong length (a failed read()'s -1), refused
            // before a slice of it, which would be undefined behaviour.
            return Err(InputError::TooLarge {
                max: isize::MAX.unsigned_abs(),
            }
            .into());
        } else {
            // SAFETY: `bytes` is not NULL, and the caller guarantees it points to `len`
            // readable bytes that stay unchanged for the call (so `len` fits an allocation);
            // `u8` needs no alignment.
            unsafe { slice::from_raw_parts(bytes, len) }
        };
        let hex = HashAlg::Sha256.hex_digest(content).ok_or(Failure::Internal)?;
        // SAFETY: `out_hex` is not NULL (checked by the boundary) and the caller guarantees
        // it points to a writable `char *`.
        unsafe { write_out(out_hex, hex) }
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
    use crate::strings::doorstep_string_free;
    use crate::test_support::{self as support, Loaded, c, last_code};

    /// The date the fixtures' catalogues are loaded (and their examples checked) at.
    const LOADED_AT: &CStr = c"2026-11-25";

    /// The result of a call as the fixtures see it: the JSON written, or `{"error": code}`.
    fn outcome(status: doorstep_status, out: *mut c_char) -> Value {
        support::outcome(status, out).unwrap_or_else(|(_, code)| json!({ "error": code }))
    }

    fn verify_stamp(engine: &Loaded, stamp: &str, lang: Option<&CStr>) -> Value {
        let stamp = c(stamp);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, NUL-terminated strings or NULL, a local out-parameter.
        let status = unsafe {
            doorstep_engine_verify_stamp(
                engine.0,
                stamp.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    fn authorize(engine: &Loaded, query: &str, lang: Option<&CStr>) -> Value {
        let query = c(query);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: as above.
        let status = unsafe {
            doorstep_engine_authorize(
                engine.0,
                query.as_ptr(),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    fn verify_ledger(
        engine: &Loaded,
        text: &str,
        head: Option<&str>,
        lang: Option<&CStr>,
    ) -> Value {
        let (text, head) = (c(text), head.map(c));
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: as above.
        let status = unsafe {
            doorstep_engine_verify_ledger(
                engine.0,
                text.as_ptr(),
                head.as_deref().map_or(ptr::null(), CStr::as_ptr),
                lang.map_or(ptr::null(), CStr::as_ptr),
                &raw mut out,
            )
        };
        outcome(status, out)
    }

    fn append(request: &str) -> Value {
        let request = c(request);
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a NUL-terminated string and a local out-parameter.
        let status = unsafe { doorstep_ledger_append(request.as_ptr(), &raw mut out) };
        outcome(status, out)
    }

    fn digest(bytes: &[u8]) -> Value {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live slice and a local out-parameter.
        let status = unsafe { doorstep_content_digest(bytes.as_ptr(), bytes.len(), &raw mut out) };
        if status == doorstep_status::DOORSTEP_OK {
            // SAFETY: `out` came from a successful call.
            let hex = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
            // SAFETY: freed once.
            unsafe { doorstep_string_free(out) };
            json!({ "digest": hex })
        } else {
            json!({ "error": last_code() })
        }
    }

    /// stamps.json through the C ABI, with the matching rule every suite uses
    /// (`tests/c/test_authority.c` runs it from C too).
    #[test]
    fn stamps_fixtures_through_the_c_abi() {
        let mut engines: Vec<(String, Loaded)> = Vec::new();
        let failures = conformance::run("authority/stamps.json", |input| {
            let name = input.raw["catalog"].as_str().unwrap().to_owned();
            if !engines.iter().any(|(n, _)| *n == name) {
                engines.push((
                    name.clone(),
                    Loaded::new(&conformance::load(&name), LOADED_AT),
                ));
            }
            let engine = &engines.iter().find(|(n, _)| *n == name).unwrap().1;
            let lang = input.lang.as_deref().map(c);
            let lang = lang.as_deref();
            if let Some(stamp) = input.raw.get("stamp") {
                verify_stamp(engine, &stamp.to_string(), lang)
            } else if let Some(text) = input.raw["stampText"].as_str() {
                verify_stamp(engine, text, lang)
            } else {
                authorize(engine, &input.raw["query"].to_string(), lang)
            }
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// ledgers.json through the C ABI (`tests/c/test_authority.c` runs it from C too).
    #[test]
    fn ledgers_fixtures_through_the_c_abi() {
        let mut engines: Vec<(String, Loaded)> = Vec::new();
        let failures = conformance::run("authority/ledgers.json", |input| {
            if let Some(request) = input.raw.get("append") {
                return append(&request.to_string());
            }
            if let Some(content) = input.raw["content"].as_str() {
                return digest(content.as_bytes());
            }
            let name = input.raw["catalog"].as_str().unwrap().to_owned();
            if !engines.iter().any(|(n, _)| *n == name) {
                engines.push((
                    name.clone(),
                    Loaded::new(&conformance::load(&name), LOADED_AT),
                ));
            }
            let engine = &engines.iter().find(|(n, _)| *n == name).unwrap().1;
            let mut text = String::new();
            for line in input.raw["lines"].as_array().unwrap() {
                text.push_str(line.as_str().unwrap());
                text.push('\n');
            }
            let head = input
                .raw
                .get("head")
                .filter(|h| !h.is_null())
                .map(Value::to_string);
            let lang = input.lang.as_deref().map(c);
            verify_ledger(engine, &text, head.as_deref(), lang.as_deref())
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The stamp every test below records: valid in `catalog/authority.json`.
    fn stamp() -> Value {
        conformance::load("authority/stamps.json")["cases"][0]["input"]["stamp"].clone()
    }

    #[test]
    fn a_ledger_made_by_append_verifies_and_a_changed_byte_is_found() {
        let engine = Loaded::new(&conformance::load("catalog/authority.json"), LOADED_AT);
        let first = append(&json!({ "stamp": stamp() }).to_string());
        let mut second_stamp = stamp();
        second_stamp["case"] = json!("HC-2025-000002");
        let second = append(&json!({ "head": first["head"], "stamp": second_stamp }).to_string());
        assert_eq!(second["head"]["entries"], 2, "{second}");
        let text = format!(
            "{}\n{}\n",
            first["line"].as_str().unwrap(),
            second["line"].as_str().unwrap()
        );
        let head = second["head"].to_string();

        let report = verify_ledger(&engine, &text, Some(&head), Some(c"en"));
        assert_eq!(report["valid"], true, "{report}");
        assert_eq!(report["entries"], 2);
        assert_eq!(report["head"], second["head"]);
        let report = verify_ledger(&engine, "", None, None);
        assert_eq!(report["valid"], true, "{report}");

        let changed = text.replacen("HC-2025-000002", "HC-2025-000003", 1);
        let report = verify_ledger(&engine, &changed, Some(&head), None);
        assert_eq!(report["valid"], false);
        assert_eq!(report["problems"][0]["line"], 2, "{report}");
        // The first line alone, against the kept head: cut off.
        let cut = format!("{}\n", first["line"].as_str().unwrap());
        let report = verify_ledger(&engine, &cut, Some(&head), None);
        assert_eq!(report["problems"][0]["code"], "ledger.head_mismatch");

        assert_eq!(
            verify_ledger(&engine, &text, Some("{\"entries\": 2"), None),
            json!({ "error": "input.malformed" })
        );
        assert_eq!(
            verify_ledger(&engine, &text, None, Some(c"fr")),
            json!({ "error": "arg.unknown_lang" })
        );
    }

    #[test]
    fn append_and_digest_fail_with_codes() {
        assert_eq!(
            append("{\"stamp\": "),
            json!({ "error": "input.malformed" })
        );
        assert_eq!(append("{}"), json!({ "error": "input.shape" }));
        let mut long = stamp();
        long["case"] = json!("x".repeat(513));
        assert_eq!(
            append(&json!({ "stamp": long }).to_string()),
            json!({ "error": "ledger.malformed" })
        );
        assert_eq!(
            digest(b"test"),
            json!({ "digest": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" })
        );
        assert_eq!(
            digest(b""),
            json!({ "digest": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" })
        );
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL with length 0 is the empty content.
        let status = unsafe { doorstep_content_digest(ptr::null(), 0, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        assert_eq!(take_text(out), HashAlg::Sha256.empty_digest());
        out = ptr::null_mut();
        // SAFETY: NULL with a length: rejected before it is read.
        let status = unsafe { doorstep_content_digest(ptr::null(), 4, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        assert!(out.is_null());
        // SAFETY: a length no object has: rejected before it is read.
        let status =
            unsafe { doorstep_content_digest(c"ab".as_ptr().cast(), usize::MAX, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(last_code(), "input.too_large");
        assert!(out.is_null());
    }

    fn take_text(s: *mut c_char) -> String {
        // SAFETY: `s` came from a successful doorstep call.
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
        // SAFETY: freed once.
        unsafe { doorstep_string_free(s) };
        text
    }

    #[test]
    fn stamps_and_queries_that_cannot_be_read_are_coded_failures() {
        let engine = Loaded::new(&conformance::load("catalog/authority.json"), LOADED_AT);
        assert_eq!(
            verify_stamp(&engine, "{", None),
            json!({ "error": "input.malformed" })
        );
        assert_eq!(
            verify_stamp(&engine, "{}", None),
            json!({ "error": "input.shape" })
        );
        let huge = format!("\"{}\"", "a".repeat(MAX_STAMP_BYTES));
        assert_eq!(
            verify_stamp(&engine, &huge, None),
            json!({ "error": "input.too_large" })
        );
        assert_eq!(
            verify_stamp(&engine, &stamp().to_string(), Some(c"fr")),
            json!({ "error": "arg.unknown_lang" })
        );
        let report = authorize(
            &engine,
            r#"{"org": "350205-001-01", "matter": "MED-INSURE", "step": "decide", "at": "2025-05-01T10:00:00+08:00"}"#,
            Some(c"en"),
        );
        assert_eq!(report["valid"], true, "{report}");
        assert_eq!(report["actsInNameOf"], "350205-001");
        assert_eq!(
            authorize(
                &engine,
                r#"{"org": "x", "matter": "y", "step": "sign", "at": "2025-05-01T10:00:00+08:00"}"#,
                None
            ),
            json!({ "error": "input.shape" })
        );

        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL engine: rejected before it is read.
        let status = unsafe {
            doorstep_engine_verify_stamp(ptr::null(), c"{}".as_ptr(), ptr::null(), &raw mut out)
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        // SAFETY: a live engine, a string that is not UTF-8.
        let status = unsafe {
            doorstep_engine_verify_ledger(
                engine.0,
                c"\xff\n".as_ptr(),
                ptr::null(),
                ptr::null(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_UTF8);
        assert_eq!(last_code(), "ffi.invalid_utf8");
        assert!(out.is_null());
    }
}
