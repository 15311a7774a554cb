//! 盖章 and 用印台账 (issue 4): `Engine.verifyStamp`, `Engine.authorize` and
//! `Engine.verifyLedger` over the catalogue's authority registry, and the free functions
//! `ledgerAppend` and `contentDigest`.
//!
//! As everywhere in this crate, the core decides: a stamp, a query, a kept head and an
//! append request are read from JSON with the core's bounded parser (an object goes through
//! `JSON.stringify`, see `src/answer.rs`) and the core's reports are handed back as JSON
//! shows them. A failing stamp or a broken ledger is a returned report (`valid: false`);
//! only a wrong call throws a `DoorstepError`: `arg.invalid_type`, `input.malformed`,
//! `input.shape` (a missing or unknown field, an unknown `step`, `role` or `alg`, a time
//! without its offset), `input.too_large`, `input.too_deep`; `ledgerAppend` also
//! `ledger.malformed` (a field of the stamp out of bounds) and `ledger.unsupported_alg`.

use doorstep::Lang;
use doorstep::authority::ledger::{
    self, AppendRequest, HashAlg, LedgerError, LedgerHead, MAX_LEDGER_BYTES, MAX_LINE_BYTES,
};
use doorstep::authority::{AuthorityQuery, MAX_STAMP_BYTES, Stamp};
use js_sys::JsString;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::answer::{self, bounded_text, lang_of, object_arg, object_text};
use crate::engine::JsEngine;
use crate::error::coded_error;
use crate::options::{CallOptions, type_error_in};
use crate::types::{JsAppended, JsLedgerReport, JsVerdictReport};
use crate::{to_js, whole_string_arg};

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Verifies one stamp (盖章) against the catalogue's registry, in the core's fixed
    /// order — structure, chain, time, scope, revocation, stamp rules — and reports every
    /// failure, the chain of grants relied on and in whose name the act stands. `stamp` is
    /// an object or its JSON text (at most 16 KiB). `options.lang` words the failures;
    /// `options.at` is checked but not used: the stamp carries its own time.
    ///
    /// A stamp that fails is a `VerdictReport` with `valid: false`; only a wrong call
    /// throws (`input.*`, `arg.*`).
    #[wasm_bindgen(js_name = verifyStamp)]
    pub fn verify_stamp(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Stamp | string")] stamp: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsVerdictReport, js_sys::Error> {
        let lang = lang_of(options)?;
        let text = answer::json_text(stamp, "stamp", MAX_STAMP_BYTES, Some(lang))?;
        let text = bounded_text(&text, MAX_STAMP_BYTES).map_err(|e| coded_error(&e, Some(lang)))?;
        let stamp = Stamp::from_json(&text).map_err(|e| coded_error(&e, Some(lang)))?;
        to_js(&self.engine.verify_stamp(&stamp).report(lang)).map(JsCast::unchecked_into)
    }

    /// May `query.org` perform `query.step` of `query.matter` at `query.at` (RFC 3339 with
    /// offset), and in whose name? The chain, time, scope and revocation stages of
    /// `verifyStamp`, without a seal, reported the same way. `options` as for
    /// `verifyStamp`.
    pub fn authorize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AuthorityQuery")] query: &JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> Result<JsVerdictReport, js_sys::Error> {
        let lang = lang_of(options)?;
        let query: AuthorityQuery = object_arg(query, "query", MAX_STAMP_BYTES, lang)?;
        let report = self
            .engine
            .authorize(&query.org, &query.matter, query.step, query.at)
            .report(lang);
        to_js(&report).map(JsCast::unchecked_into)
    }

    /// Verifies a 用印台账 (JSON Lines, as `ledgerAppend` writes it, each line ended by
    /// `\n`): the hash chain, every intact entry's stamp against the registry, and, when
    /// `head` (the head kept elsewhere) is given, that the ledger ends there. Every problem
    /// is reported on its 1-based line; past 10,000 problems the rest are counted in one
    /// `ledger.too_many_problems` (`params.omitted`). `options` as for `verifyStamp`.
    ///
    /// A broken ledger is a `LedgerReport` with `valid: false`; only a wrong call throws:
    /// `arg.invalid_type`, `input.*` for `head` (at most 1 KiB; `input.shape` for a count
    /// past 2^53 − 1 or a hash that is not 64 lowercase hex digits, the genesis hash exactly
    /// when the count is 0, as in C), and `input.too_large` for text that cannot
    /// fit 64 MiB (refused before it is copied; a ledger a little over the limit in UTF-8
    /// is the core's `ledger.too_large` problem). A `seq` or head count past 2^53 is shown
    /// as `JSON.parse` shows it, rounded.
    #[wasm_bindgen(js_name = verifyLedger)]
    pub fn verify_ledger(
        &self,
        ledger: &JsString,
        #[wasm_bindgen(unchecked_optional_param_type = "LedgerHead | null")] head: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | null")] options: Option<
            Ts<CallOptions>,
        >,
    ) -> Result<JsLedgerReport, js_sys::Error> {
        let lang = lang_of(options)?;
        if !ledger.is_string() {
            return Err(type_error_in("ledger", "string", Some(lang)));
        }
        let text =
            bounded_text(ledger, MAX_LEDGER_BYTES).map_err(|e| coded_error(&e, Some(lang)))?;
        let head: Option<LedgerHead> = match head {
            Some(head) if !head.is_undefined() && !head.is_null() => {
                let text = object_text(&head, "head", MAX_LINE_BYTES, lang)?;
                Some(LedgerHead::from_json(&text).map_err(|e| coded_error(&e, Some(lang)))?)
            }
            _ => None,
        };
        let report = self.engine.verify_ledger(&text, head.as_ref(), lang);
        to_js(&report).map(JsCast::unchecked_into)
    }
}

/// Appends one stamp to a 用印台账: the line to write (canonical JSON, without its
/// newline) and the head to keep. `request.head` is where the ledger ends now (left out
/// or `null`: an empty ledger); `request.alg` the hash function (default `"sha256"`).
///
/// Throws a `DoorstepError`, in zh-CN: `arg.invalid_type` (not an object), `input.*` (a
/// request of the wrong shape, larger than 32 KiB), `ledger.malformed` (a field of the
/// stamp out of bounds), `ledger.unsupported_alg` (`"sm3"` in this build).
#[wasm_bindgen(js_name = ledgerAppend)]
pub fn ledger_append(
    #[wasm_bindgen(unchecked_param_type = "AppendRequest")] request: &JsValue,
) -> Result<JsAppended, js_sys::Error> {
    let lang = Lang::default();
    let request: AppendRequest = object_arg(request, "request", MAX_LINE_BYTES, lang)?;
    let appended = ledger::append(request).map_err(|e| coded_error(&e, Some(lang)))?;
    to_js(&appended).map(JsCast::unchecked_into)
}

/// The SHA-256 of `content`'s UTF-8 bytes (a lone surrogate counts as U+FFFD, as
/// `TextEncoder` makes it), in lowercase hex: the `digest` of a stamp on that content.
///
/// Throws a `DoorstepError` with code `arg.invalid_type` when `content` is not a string.
#[wasm_bindgen(js_name = contentDigest)]
pub fn content_digest(content: &JsString) -> Result<String, js_sys::Error> {
    // A document, not a short argument: no `arg.too_long`.
    let content = whole_string_arg(content, "content", None)?;
    HashAlg::Sha256
        .hex_digest(content.as_bytes())
        .ok_or_else(|| coded_error(&LedgerError::UnsupportedAlg, None))
}
