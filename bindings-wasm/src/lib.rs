//! # doorstep-wasm
//!
//! The web binding of [`doorstep`]: a thin, typed `wasm-bindgen` surface that H5 pages and
//! self-service kiosks load as the npm package `doorstep` (ES module + TypeScript types).
//!
//! Bindings translate; they decide nothing. Every rule and every message comes from the
//! core; this crate only turns JS values into core arguments and core results into JS
//! values:
//!
//! - a domain outcome (an invalid ID number, an answer with problems, a stamp that fails, a
//!   broken ledger, a refused command or event, a booking the book cannot take, a date the
//!   calendar does not cover, a profile eligible for nothing or that cannot be matched) is a
//!   returned value: an [`IdReport`](JsIdReport), a [`Validation`](JsValidation), a
//!   [`VerdictReport`](JsVerdictReport), a [`LedgerReport`](JsLedgerReport), a
//!   [`Decision`](JsDecision), an [`Evolution`](JsEvolution), a
//!   [`ReplayReport`](JsReplayReport), a [`CalendarReport`](JsCalendarReport), a
//!   [`PolicyReport`](JsPolicyReport), [`PolicyLine`s](JsPolicyLines), a
//!   [`TimelineOutcome`](JsTimelineOutcome), a [`ReviewDecision`](JsReviewDecision), a
//!   [`ComplaintDecision`](JsComplaintDecision), an
//!   [`AppointmentDecision`](JsAppointmentDecision), an
//!   [`AppointmentEvolution`](JsAppointmentEvolution), a [`MetricsOutcome`](JsMetricsOutcome);
//! - a misuse (unknown kind, matter or bundle, a bad date, an argument of the wrong type, an
//!   answer that is not JSON or is too large or too deep) throws a JS `Error` whose `code`
//!   is the core's stable code (e.g. `arg.unknown_kind`, `engine.unknown_matter`,
//!   `input.too_deep`) and whose message is in zh-CN, or in English when the call asked for
//!   `lang: "en"`.
//!
//! ```js
//! import { checkResidentId, Engine } from 'doorstep';
//!
//! const report = checkResidentId('11010519491231002X', { at: '2024-10-15' });
//! if (report.valid) console.log(report.masked, report.age); // 110105********002X 74
//!
//! const engine = new Engine(catalogJson);            // parsed and linted once
//! const form = engine.form({ bundle: 'birth' });     // the merged form to render
//! const v = engine.validate({ bundle: 'birth' }, answer, { lang: 'en' });
//! if (!v.valid) for (const e of v.errors) showAt(e.path, e.message);
//! ```
//!
//! The TypeScript declarations of the core's output types (`IdReport`, `Validation`,
//! `FormSpec`, `Problem`, …) are in a `typescript_custom_section` (see `src/types.rs`); the
//! option types are derived with `tsify`. The catalogue engine is in `src/engine.rs`
//! (validate, check, validateField, form, prefill, materials), its stamp, authorisation and
//! ledger calls in `src/authority.rs`, its case calls (decide, evolve, actions, deadline,
//! timeline) in `src/case.rs`, its policy matching (免申即享: policies, matchPolicies,
//! matchPolicyLines) in `src/policy.rs`, 好差评 (reviewInvitation, decideReview,
//! evolveReview) in `src/review.rs`, 预约 (decideAppointment, evolveAppointment) in
//! `src/appointment.rs`, the metrics in `src/metrics.rs`, replay, the working calendar,
//! lint and 办不成事 in `src/office.rs`, the guarded conversion of answers and other JSON
//! arguments in `src/answer.rs`.
//!
//! Two modules of one package: the default build (`doorstep`) has what a citizen's page,
//! a kiosk and a counter call; the cargo feature `backoffice` (`doorstep/backoffice`) adds
//! the stamp, authorisation and ledger calls, the metrics, 办不成事, 预约, lint, replay and
//! the calendar query (`src/authority.rs`, `src/metrics.rs`, `src/appointment.rs`,
//! `src/office.rs`), which would take the default module over its size budget (see
//! `build.sh`).

/// The module's allocator: talc rather than Rust's default for wasm (dlmalloc), for the
/// size budget: 2.5 kB smaller gzipped (299,952 to 297,394 bytes). Measured in Node, one
/// process each, alternating: the birth answer's `check` within noise (25.9–26.7 µs
/// against 27.0–27.2), the sample catalogue's load ~12 % slower (15.0 ms against
/// 16.9–17.7). Single-threaded: the module has no threads.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod answer;
#[cfg(feature = "backoffice")]
mod appointment;
#[cfg(feature = "backoffice")]
mod authority;
mod case;
mod engine;
mod error;
mod js;
#[cfg(feature = "backoffice")]
mod metrics;
#[cfg(feature = "backoffice")]
mod office;
mod options;
mod policy;
mod review;
mod rule;
mod types;

use chrono::NaiveDate;
use doorstep::args::{self, ArgError, CheckOptions as ParsedOptions};
use doorstep::ids::{self, IdKind};
use doorstep::{Lang, calendar};
use js_sys::JsString;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

#[cfg(feature = "backoffice")]
pub use appointment::evolve_appointment;
#[cfg(feature = "backoffice")]
pub use authority::{content_digest, ledger_append};
pub use case::{evolve, timeline};
pub use engine::JsEngine;
#[cfg(feature = "backoffice")]
pub use office::{calendar_query, evolve_complaint, lint_catalog};
#[cfg(feature = "backoffice")]
pub use options::LintOptions;
pub use options::{
    CallOptions, CheckIdOptions, CheckOptions, DecideOptions, EngineOptions, MaterialsOptions,
};
pub use review::evolve_review;
pub use rule::{JsRuleOutcome, evaluate_rule};
pub use types::{
    JsActions, JsAnswer, JsAppended, JsAppointmentDecision, JsAppointmentEvolution,
    JsBundleSummaries, JsCalendarReport, JsComplaintDecision, JsComplaintEvolution, JsDeadline,
    JsDecision, JsEvolution, JsFormSpec, JsIdKinds, JsIdReport, JsInvitationOutcome, JsLabels,
    JsLedgerReport, JsMaterials, JsMatterSummaries, JsMetricsOutcome, JsPolicies, JsPolicyLines,
    JsPolicyReport, JsProblems, JsReplayReport, JsReviewDecision, JsReviewEvolution, JsTarget,
    JsTimelineOutcome, JsValidation, JsVerdictReport,
};

use error::coded_error;
use options::OptionTexts;

/// Checks `value` as the kind named in `options.kind`, or as the kind its shape suggests.
///
/// `options.at` (`YYYY-MM-DD`, default: today in China Standard Time) is the reference date
/// for birth dates and ages; `options.lang` (`"zh-CN"`, default, or `"en"`) is the language
/// of the messages. An invalid value gives a report with `valid: false` and coded `errors`.
///
/// Throws a `DoorstepError` (a JS `Error` with a `code`) when the call itself is wrong:
/// `arg.unknown_kind`, `arg.invalid_date`, `arg.unknown_lang`, `arg.invalid_type`
/// (`arg.clock` if the host's clock is out of range).
#[wasm_bindgen(js_name = checkId)]
pub fn check_id(
    value: &JsString,
    options: Option<Ts<CheckIdOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    run(value, &CheckIdOptions::texts(options)?)
}

/// Runs a check whose kind the function names.
fn check_as(
    kind: IdKind,
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    let mut texts = CheckOptions::texts(options)?;
    texts.kind = Some(kind.as_str().to_owned());
    run(value, &texts)
}

/// Parses the arguments with the core, checks, and hands the report to JS.
fn run(value: &JsString, options: &OptionTexts) -> Result<JsIdReport, js_sys::Error> {
    let value = string_arg(&identifier_part(value), "value", options.hint)?;
    let parsed = ParsedOptions::parse(
        options.kind.as_deref(),
        options.at.as_deref(),
        options.lang.as_deref(),
        today,
    )
    .map_err(|e| coded_error(&e, options.hint))?;
    let report = ids::report(&value, parsed.kind, parsed.at, parsed.lang);
    to_js(&report).map(JsCast::unchecked_into)
}

/// The part of `value` an identifier check reads: a string longer than any identifier
/// (more than [`ids::MAX_INPUT_LEN`] UTF-16 units, so as many bytes of UTF-8) only to one
/// unit past the limit, which the core refuses unread (`id.too_long`) and reports as it
/// would the whole string (cut, with `…`). A page pasting a document into an ID box then
/// copies a line into wasm memory, not the document: that memory never shrinks.
fn identifier_part(value: &JsString) -> JsString {
    let limit = u32::try_from(ids::MAX_INPUT_LEN).unwrap_or(u32::MAX);
    if value.is_string() && value.length() > limit {
        value.slice(0, limit.saturating_add(1))
    } else {
        value.clone()
    }
}

/// A short string argument (a code, a date, a path, a query), or the `arg.invalid_type`
/// error for a value of another type; `arg.too_long` when it is longer than
/// [`MAX_ARG_LEN`](error::MAX_ARG_LEN), before it is copied into wasm memory.
pub(crate) fn string_arg(
    value: &JsString,
    name: &'static str,
    lang: Option<Lang>,
) -> Result<String, js_sys::Error> {
    if value.is_string() && value.length() > error::MAX_ARG_LEN {
        return Err(error::too_long(name, lang));
    }
    whole_string_arg(value, name, lang)
}

/// A string argument read whole, however long (a value to mask, a content to hash), or the
/// `arg.invalid_type` error for a value of another type.
pub(crate) fn whole_string_arg(
    value: &JsString,
    name: &'static str,
    lang: Option<Lang>,
) -> Result<String, js_sys::Error> {
    value.as_string().ok_or_else(|| {
        coded_error(
            &ArgError::InvalidType {
                name,
                expected: "string",
            },
            lang,
        )
    })
}

/// Today in China Standard Time, from the host's clock.
pub(crate) fn today() -> Option<NaiveDate> {
    let now = js_sys::Date::now();
    if !now.is_finite() {
        return None;
    }
    // `Date.now()` is a whole number of milliseconds well inside `i64`.
    #[allow(clippy::cast_possible_truncation)]
    let millis = now as i64;
    calendar::cst_date_from_unix_millis(millis)
}

/// Serialises a core value the way JSON shows it (maps as plain objects, `None` as `null`):
/// `serde_json` text through `JSON.parse`. The one serialiser of the package: a whole
/// number read from input past 2^53 (a ledger's `seq`, a case's version) is rounded as any
/// JSON reader rounds it, not refused; and `serde-wasm-bindgen`'s serializer beside it cost
/// 7.3 kB of the gzipped `.wasm` (311.5 to 304.0 kB at opt-level "z") for no measurable
/// speed (`bench/forms.mjs`, within the noise of a busy two-core VM).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    let text = serde_json::to_string(value).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    // `JSON.parse` of `serde_json`'s output cannot throw.
    js_sys::JSON::parse(&text).map_err(JsCast::unchecked_into)
}

/// Checks a resident ID number (居民身份证号码, GB 11643-1999; 15-digit numbers are upgraded).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkResidentId)]
pub fn check_resident_id(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::ResidentId, value, options)
}

/// Checks a residence permit number of a Hong Kong, Macau or Taiwan resident (港澳台居民居住证).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkResidencePermit)]
pub fn check_residence_permit(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::ResidencePermit, value, options)
}

/// Checks a unified social credit code (统一社会信用代码, GB 32100-2015).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkCreditCode)]
pub fn check_credit_code(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::CreditCode, value, options)
}

/// Checks an organisation code (组织机构代码, GB 11714).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkOrgCode)]
pub fn check_org_code(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::OrgCode, value, options)
}

/// Checks a mainland mobile number (手机号码; `+86` / `0086` prefixes and separators accepted).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkMobile)]
pub fn check_mobile(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::Mobile, value, options)
}

/// Checks a landline number with its area code (固定电话, e.g. `0592-6881234`).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkLandline)]
pub fn check_landline(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::Landline, value, options)
}

/// Checks a postal code (邮政编码).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkPostalCode)]
pub fn check_postal_code(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::PostalCode, value, options)
}

/// Checks a bank card number (银行卡号: 16–19 digits, Luhn).
/// Throws a `DoorstepError` on misuse, as `checkId` does.
#[wasm_bindgen(js_name = checkBankCard)]
pub fn check_bank_card(
    value: &JsString,
    options: Option<Ts<CheckOptions>>,
) -> Result<JsIdReport, js_sys::Error> {
    check_as(IdKind::BankCard, value, options)
}

/// The kind an identifier most likely is, judged by its shape alone; `undefined` when its
/// shape fits no kind.
///
/// Throws a `DoorstepError` with code `arg.invalid_type` when `value` is not a string.
#[wasm_bindgen(js_name = detectIdKind, unchecked_return_type = "IdKind | undefined")]
pub fn detect_id_kind(value: &JsString) -> Result<Option<String>, js_sys::Error> {
    let value = string_arg(&identifier_part(value), "value", None)?;
    Ok(ids::detect_kind(&value).map(|k| k.as_str().to_owned()))
}

/// `value` as it may be shown to people (screens, printouts, logs): when it is a valid
/// identifier of `kind` (left out: the kind its shape suggests), that kind's mask of the
/// normalised value, as a report's `masked`; otherwise the trimmed value with at most its first
/// three and last four characters visible, so that a mistyped or wrongly labelled number is
/// never shown whole. Validity is judged as of today in China Standard Time. A value longer
/// than 64 bytes (refused by the checks unread) is masked as its first characters within 64
/// bytes, then `…`: a pasted document comes back as a line.
///
/// Throws a `DoorstepError` on misuse: `arg.unknown_kind`, `arg.invalid_type`, `arg.too_long`
/// (a kind longer than 4,096 UTF-16 code units; the value may be of any length).
#[wasm_bindgen(js_name = maskId)]
pub fn mask_id(
    value: &JsString,
    #[wasm_bindgen(unchecked_optional_param_type = "IdKind")] kind: Option<JsString>,
) -> Result<String, js_sys::Error> {
    // Any string, as a check reports it: past the limit only its head is copied in.
    let value = whole_string_arg(&identifier_part(value), "value", None)?;
    let kind = kind.map(|k| string_arg(&k, "kind", None)).transpose()?;
    let options = ParsedOptions::parse(kind.as_deref(), None, None, today)
        .map_err(|e| coded_error(&e, None))?;
    Ok(ids::mask_value(&value, options.kind, options.at))
}

/// One identifier kind with the name people read, for pickers and labels.
#[derive(Debug, Clone, Serialize, Tsify)]
pub struct IdKindInfo {
    /// The wire name, e.g. `resident_id`.
    #[tsify(type = "IdKind")]
    pub kind: IdKind,
    /// The name in the requested language, e.g. `居民身份证号码`.
    pub label: &'static str,
}

/// Every identifier kind, in the core's stable order, with its name in `lang`
/// (`"zh-CN"`, default, or `"en"`).
///
/// Throws a `DoorstepError` on misuse: `arg.unknown_lang`, `arg.invalid_type`.
#[wasm_bindgen(js_name = idKinds)]
pub fn id_kinds(
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<JsString>,
) -> Result<JsIdKinds, js_sys::Error> {
    let lang = lang_arg(lang)?;
    let kinds: Vec<IdKindInfo> = IdKind::ALL
        .into_iter()
        .map(|kind| IdKindInfo {
            kind,
            label: kind.label(lang),
        })
        .collect();
    to_js(&kinds).map(JsCast::unchecked_into)
}

/// The words for the engine's codes in `lang` (`"zh-CN"`, default, or `"en"`): `status`,
/// `action`, `role`, `channel`, `matterType`, `authoritySource`, `materialForm`,
/// `bundleState`, `light`, `rating`, `reviewStatus`, `complaintStatus`,
/// `appointmentStatus`, `orgLevel`, each an object from code to words (`labels().status.accepted` is 已受理), so a page shows a case
/// as the counter and the kiosk do.
///
/// Throws a `DoorstepError` on misuse: `arg.unknown_lang`, `arg.invalid_type`.
#[wasm_bindgen]
pub fn labels(
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: Option<JsString>,
) -> Result<JsLabels, js_sys::Error> {
    to_js(&doorstep::labels::labels(lang_arg(lang)?)).map(JsCast::unchecked_into)
}

/// A `lang` argument: `"zh-CN"` (also `"zh"`) or `"en"`; absent is zh-CN.
fn lang_arg(lang: Option<JsString>) -> Result<Lang, js_sys::Error> {
    let Some(text) = lang else {
        return Ok(Lang::default());
    };
    let text = string_arg(&text, "lang", None)?;
    args::parse_lang(Some(&text)).map_err(|e| coded_error(&e, None))
}

/// The version of this package (the workspace version, same as the core's).
#[wasm_bindgen]
pub fn version() -> String {
    doorstep::VERSION.to_owned()
}
