//! Status codes and the per-thread last error.
//!
//! Every fallible call returns a [`doorstep_status`]. On failure it also records the
//! failure as the calling thread's *last error*, which C reads with
//! [`doorstep_last_error_status`], [`doorstep_last_error_code`],
//! [`doorstep_last_error_message`] and [`doorstep_last_error_params`]; a successful call
//! clears it.

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};

use doorstep::args::ArgError;
use doorstep::authority::ledger::LedgerError;
use doorstep::calendar::CalendarError;
use doorstep::engine::EngineError;
use doorstep::input::InputError;
use doorstep::policy::PolicyError;
use doorstep::{Coded, Lang};
use serde_json::{Map, Value, json};

use crate::boundary::ffi_boundary;
use crate::strings;

/// The outcome of a fallible call. The numbers are stable: new statuses get new numbers.
///
/// An invalid identifier or form answer is not a failure: checking it returns
/// `DOORSTEP_OK` with `"valid": false` in the report. Statuses other than `DOORSTEP_OK`
/// mean the call itself was made wrongly (or doorstep has a bug); the out-parameters are
/// then left untouched and the thread's last error says what happened.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum doorstep_status {
    /// Success: the out-parameters are written. Code `""`.
    DOORSTEP_OK = 0,
    /// A required pointer argument was NULL. Code `ffi.null_argument`.
    DOORSTEP_ERR_NULL_ARGUMENT = 1,
    /// A string argument was not valid UTF-8. Code `ffi.invalid_utf8`.
    DOORSTEP_ERR_INVALID_UTF8 = 2,
    /// An argument has no meaning: unknown identifier kind (`arg.unknown_kind`), a date
    /// that is not an existing `YYYY-MM-DD` date (`arg.invalid_date`), a language other
    /// than zh-CN and en (`arg.unknown_lang`; tags are read case-insensitively, and `zh`,
    /// `zh_CN`, `zh-Hans`, `en-US` and `en-GB` are taken too), a system clock out of range (`arg.clock`),
    /// or a target that names no matter in effect on the date (`engine.unknown_matter`, also
    /// a bundle none of whose matters is),
    /// no bundle (`engine.unknown_bundle`), or not exactly one of them (`engine.target`),
    /// a path that names no field of the target's form (`engine.unknown_field`), a file
    /// that cannot be read (`ffi.file`), a ledger hash function this build cannot compute
    /// (`ledger.unsupported_alg`), or a date the working calendar has no holiday
    /// arrangement for (`calendar.out_of_range`: the calendar never guesses; the known
    /// years are in `doorstep_last_error_params`).
    DOORSTEP_ERR_INVALID_ARGUMENT = 3,
    /// A bug in doorstep was caught at the boundary (a Rust panic). Code `ffi.panic`.
    DOORSTEP_ERR_PANIC = 4,
    /// doorstep could not produce its result (a bug; never expected). Code `ffi.internal`.
    DOORSTEP_ERR_INTERNAL = 5,
    /// A JSON document argument (a catalogue, a target, an answer, a list, a stamp, a
    /// query, a ledger head) cannot be used: larger than its limit (`input.too_large`),
    /// nested deeper than its limit (`input.too_deep`: 127 levels are accepted, 128 are
    /// not, unless the function names a lower limit), a catalogue file that is not
    /// UTF-8 (`input.not_utf8`), not JSON (`input.malformed`),
    /// JSON of the wrong shape (`input.shape`), a catalogue that fails lint
    /// (`engine.catalog_invalid`; the problems are in `doorstep_last_error_params`), a
    /// stamp that cannot be recorded in a ledger (`ledger.*`), or a case whose deadline
    /// data contradicts itself (`calendar.*` other than `calendar.out_of_range`, e.g.
    /// `calendar.invalid_pause`), or a profile that is not an object
    /// (`policy.profile_not_object`) or has no valid `kind` (`policy.profile_kind`). Line
    /// and column, when known, are in the message and the params.
    DOORSTEP_ERR_INVALID_INPUT = 6,
    /// Text in a legacy encoding cannot be converted (`doorstep_gb18030_to_utf8`,
    /// `doorstep_utf8_to_gb18030`): bytes that are not GB18030
    /// (`encoding.invalid_gb18030`), a NUL byte (`encoding.nul`), a character GB18030
    /// cannot hold (`encoding.unmappable`), or more than `DOORSTEP_MAX_TEXT_BYTES`
    /// (`encoding.too_large`). The offset of the first bad byte is in
    /// `doorstep_last_error_params` (`{"offset": N}`; the limit, `{"max": N}`, for
    /// `encoding.too_large`).
    DOORSTEP_ERR_INVALID_ENCODING = 7,
}

/// Why text could not be converted between UTF-8 and GB18030 (`src/encoding.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EncodingError {
    /// Bytes that are not GB18030, the first bad one at `offset`.
    InvalidGb18030 {
        /// Byte offset in the input.
        offset: usize,
    },
    /// A NUL byte at `offset`: a C string cannot hold it.
    Nul {
        /// Byte offset in the input.
        offset: usize,
    },
    /// A character GB18030 has no bytes for, at byte `offset` of the UTF-8 input.
    Unmappable {
        /// Byte offset in the input.
        offset: usize,
    },
    /// More than `max` bytes.
    TooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The converter stopped short (a bug; never expected).
    Internal,
}

impl Coded for EncodingError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidGb18030 { .. } => "encoding.invalid_gb18030",
            Self::Nul { .. } => "encoding.nul",
            Self::Unmappable { .. } => "encoding.unmappable",
            Self::TooLarge { .. } => "encoding.too_large",
            Self::Internal => "ffi.internal",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::InvalidGb18030 { offset }, Lang::ZhCn) => {
                format!("文本不是有效的 GB18030 编码（第 {offset} 字节起）")
            }
            (Self::InvalidGb18030 { offset }, _) => {
                format!("The text is not valid GB18030 (from byte {offset})")
            }
            (Self::Nul { offset }, Lang::ZhCn) => {
                format!("文本含有空字符（第 {offset} 字节），无法作为 C 字符串传递")
            }
            (Self::Nul { offset }, _) => {
                format!("The text holds a NUL byte (byte {offset}), which a C string cannot")
            }
            (Self::Unmappable { offset }, Lang::ZhCn) => {
                format!("第 {offset} 字节处的字符在 GB18030 中没有对应编码")
            }
            (Self::Unmappable { offset }, _) => {
                format!("The character at byte {offset} has no GB18030 encoding")
            }
            (Self::TooLarge { max }, Lang::ZhCn) => format!("文本超过 {max} 字节的上限"),
            (Self::TooLarge { max }, _) => format!("The text is longer than {max} bytes"),
            (Self::Internal, Lang::ZhCn) => "doorstep 内部错误：编码转换未完成".to_owned(),
            (Self::Internal, _) => {
                "Internal error in doorstep: the conversion did not finish".to_owned()
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::InvalidGb18030 { offset }
            | Self::Nul { offset }
            | Self::Unmappable { offset } => {
                json!({ "offset": offset })
            }
            Self::TooLarge { max } => json!({ "max": max }),
            Self::Internal => json!({}),
        };
        match params {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// Why a call failed: what the last error holds. Carries argument names, never values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The named pointer argument was NULL.
    NullArgument(&'static str),
    /// The named string argument was not UTF-8.
    InvalidUtf8(&'static str),
    /// An argument the core rejected.
    Arg(ArgError),
    /// A JSON document the core could not read.
    Input(InputError),
    /// A call the engine refused (never `EngineError::Input`: that is [`Failure::Input`]).
    Engine(EngineError),
    /// A ledger entry that could not be made.
    Ledger(LedgerError),
    /// A working-day question the calendar cannot answer.
    Calendar(CalendarError),
    /// A profile that cannot be matched (never `PolicyError::Input`: that is
    /// [`Failure::Input`]).
    Policy(PolicyError),
    /// Text that could not be converted to or from GB18030.
    Encoding(EncodingError),
    /// A file named by the caller could not be read (the kind of I/O error, never the path).
    File(std::io::ErrorKind),
    /// A panic caught at the boundary.
    Panic,
    /// A result that could not be handed to C.
    Internal,
}

impl Failure {
    /// The status a call returns for this failure.
    pub(crate) fn status(&self) -> doorstep_status {
        match self {
            Self::NullArgument(_) => doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT,
            Self::InvalidUtf8(_) => doorstep_status::DOORSTEP_ERR_INVALID_UTF8,
            // A hash function this build lacks; like an unknown matter, a date the calendar
            // has nothing to say about.
            Self::Ledger(LedgerError::UnsupportedAlg)
            | Self::Calendar(CalendarError::OutOfRange { .. }) => {
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
            }
            Self::Input(_)
            | Self::Engine(EngineError::CatalogInvalid(_))
            | Self::Ledger(_)
            | Self::Calendar(_)
            | Self::Policy(_) => doorstep_status::DOORSTEP_ERR_INVALID_INPUT,
            // An unknown matter or bundle, a target naming neither, a path to no readable file.
            Self::Arg(_) | Self::Engine(_) | Self::File(_) => {
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
            }
            Self::Encoding(EncodingError::Internal) | Self::Internal => {
                doorstep_status::DOORSTEP_ERR_INTERNAL
            }
            Self::Encoding(_) => doorstep_status::DOORSTEP_ERR_INVALID_ENCODING,
            Self::Panic => doorstep_status::DOORSTEP_ERR_PANIC,
        }
    }
}

impl From<ArgError> for Failure {
    fn from(error: ArgError) -> Self {
        Self::Arg(error)
    }
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Self {
        Self::Input(error)
    }
}

impl From<EncodingError> for Failure {
    fn from(error: EncodingError) -> Self {
        Self::Encoding(error)
    }
}

impl From<LedgerError> for Failure {
    fn from(error: LedgerError) -> Self {
        Self::Ledger(error)
    }
}

impl From<CalendarError> for Failure {
    fn from(error: CalendarError) -> Self {
        Self::Calendar(error)
    }
}

impl From<PolicyError> for Failure {
    fn from(error: PolicyError) -> Self {
        match error {
            PolicyError::Input(input) => Self::Input(input),
            other => Self::Policy(other),
        }
    }
}

impl From<EngineError> for Failure {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Input(input) => Self::Input(input),
            other => Self::Engine(other),
        }
    }
}

impl Coded for Failure {
    fn code(&self) -> &'static str {
        match self {
            Self::NullArgument(_) => "ffi.null_argument",
            Self::InvalidUtf8(_) => "ffi.invalid_utf8",
            Self::Arg(error) => error.code(),
            Self::Input(error) => error.code(),
            Self::Engine(error) => error.code(),
            Self::Ledger(error) => error.code(),
            Self::Calendar(error) => error.code(),
            Self::Policy(error) => error.code(),
            Self::Encoding(error) => error.code(),
            Self::File(_) => "ffi.file",
            Self::Panic => "ffi.panic",
            Self::Internal => "ffi.internal",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::File(kind), Lang::ZhCn) => format!("无法读取文件（{}）", file_reason_zh(*kind)),
            (Self::File(kind), _) => format!("The file cannot be read ({kind})"),
            (Self::NullArgument(name), Lang::ZhCn) => format!("参数 {name} 不能为 NULL"),
            (Self::NullArgument(name), _) => format!("Argument {name} must not be NULL"),
            (Self::InvalidUtf8(name), Lang::ZhCn) => {
                format!("参数 {name} 不是有效的 UTF-8 文本")
            }
            (Self::InvalidUtf8(name), _) => format!("Argument {name} is not valid UTF-8 text"),
            (Self::Arg(error), _) => error.message(lang),
            (Self::Input(error), _) => error.message(lang),
            (Self::Engine(error), _) => error.message(lang),
            (Self::Ledger(error), _) => error.message(lang),
            (Self::Calendar(error), _) => error.message(lang),
            (Self::Policy(error), _) => error.message(lang),
            (Self::Encoding(error), _) => error.message(lang),
            (Self::Panic, Lang::ZhCn) => "doorstep 内部错误（panic），请向开发者报告".to_owned(),
            (Self::Panic, _) => "Internal error in doorstep (a panic); please report it".to_owned(),
            (Self::Internal, Lang::ZhCn) => "doorstep 内部错误：无法生成结果".to_owned(),
            (Self::Internal, _) => {
                "Internal error in doorstep: the result could not be produced".to_owned()
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        match self {
            Self::NullArgument(name) | Self::InvalidUtf8(name) => match json!({ "name": name }) {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            Self::Arg(error) => error.params(),
            Self::Input(error) => error.params(),
            Self::Engine(error) => error.params(),
            Self::Ledger(error) => error.params(),
            Self::Calendar(error) => error.params(),
            Self::Policy(error) => error.params(),
            Self::Encoding(error) => error.params(),
            Self::File(kind) => match json!({ "kind": format!("{kind:?}") }) {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            Self::Panic | Self::Internal => Map::new(),
        }
    }
}

/// Why a file could not be read, in Chinese: `ErrorKind`'s own words are English.
fn file_reason_zh(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => "文件不存在",
        ErrorKind::PermissionDenied => "没有读取权限",
        ErrorKind::IsADirectory => "路径是目录",
        _ => "读写错误",
    }
}

/// The last error of one thread.
struct LastError {
    /// What failed.
    failure: Failure,
    /// Its code, NUL-terminated, so C can borrow it.
    code: CString,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// The code C reads when there is no last error.
const NO_CODE: &CStr = c"";

/// Records `failure` as this thread's last error. Never panics: during thread teardown
/// (thread-local storage already gone) the failure is only returned as a status.
pub(crate) fn set_last_error(failure: Failure) {
    let code = CString::new(failure.code()).unwrap_or_default();
    let _ = LAST_ERROR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(LastError { failure, code });
        }
    });
}

/// Clears this thread's last error. Never panics.
pub(crate) fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = None;
        }
    });
}

/// Reads this thread's last error; `None` when there is none (or it cannot be read).
fn with_last_error<R>(read: impl Fn(Option<&LastError>) -> R) -> R {
    LAST_ERROR
        .try_with(|cell| match cell.try_borrow() {
            Ok(slot) => read(slot.as_ref()),
            Err(_) => read(None),
        })
        .unwrap_or_else(|_| read(None))
}

/// The status of the last failed call on this thread, or `DOORSTEP_OK` when the last
/// fallible call on this thread succeeded (or none was made).
///
/// Thread-safe: each thread has its own last error. Reading it does not clear it.
#[must_use]
#[unsafe(no_mangle)]
pub extern "C" fn doorstep_last_error_status() -> doorstep_status {
    ffi_boundary!(infallible, on_panic = doorstep_status::DOORSTEP_ERR_PANIC => {
        with_last_error(|last| last.map_or(doorstep_status::DOORSTEP_OK, |e| e.failure.status()))
    })
}

/// The stable code of the last failed call on this thread, e.g. `"arg.unknown_kind"`,
/// `"input.malformed"`, `"engine.unknown_matter"`, `"ffi.null_argument"`,
/// `"ffi.invalid_utf8"`, `"ffi.panic"`; `""` when there is none.
///
/// Never NULL. The string belongs to doorstep: do not free it. It stays valid until the
/// next call on this thread of a doorstep function other than `doorstep_last_error_*`.
/// Thread-safe: each thread has its own last error.
#[unsafe(no_mangle)]
pub extern "C" fn doorstep_last_error_code() -> *const c_char {
    ffi_boundary!(infallible, on_panic = NO_CODE.as_ptr() => {
        with_last_error(|last| last.map_or(NO_CODE.as_ptr(), |e| e.code.as_ptr()))
    })
}

/// Writes the message of the last failed call on this thread, in `lang` (`"zh-CN"` when
/// NULL, or `"en"`), to `*out_message`: `""` when there is none. Messages never contain
/// the identifier that was checked.
///
/// The caller owns `*out_message` and frees it with `doorstep_string_free`. This call does
/// not change the last error, even when it fails: `DOORSTEP_ERR_NULL_ARGUMENT` (NULL
/// `out_message`), `DOORSTEP_ERR_INVALID_UTF8` or `DOORSTEP_ERR_INVALID_ARGUMENT` (an
/// unknown `lang`), and then `*out_message` is left untouched. Thread-safe.
///
/// # Safety
///
/// `lang` is NULL or a NUL-terminated string; `out_message` is NULL or points to a
/// writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_last_error_message(
    lang: *const c_char,
    out_message: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(reader, non_null(out_message) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let lang = unsafe { strings::optional_str(lang, "lang") }?;
        let lang = match lang {
            None => Lang::default(),
            Some(tag) => Lang::parse(tag).ok_or(ArgError::UnknownLang)?,
        };
        let message = with_last_error(|last| last.map(|e| e.failure.message(lang)));
        // SAFETY: `out_message` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { strings::write_out(out_message, message.unwrap_or_default()) }
    })
}

/// Writes the parameters of the last failed call on this thread, as a JSON object, to
/// `*out_params_json`: the values its message was built from, for hosts that word their
/// own messages. `{}` when there is none or it has none.
///
/// For example `{"name": "target_json"}` (`ffi.null_argument`, `ffi.invalid_utf8`),
/// `{"line": 1, "column": 7}` (`input.malformed`, `input.shape`), `{"max": 1048576}`
/// (`input.too_large`), and for `engine.catalog_invalid` every lint problem,
/// `{"problems": [{"path", "code", "params"?, "message"}]}` with zh-CN messages
/// (`doorstep_catalog_lint` gives them in either language).
///
/// The caller owns `*out_params_json` and frees it with `doorstep_string_free`. This call
/// does not change the last error, even when it fails (`DOORSTEP_ERR_NULL_ARGUMENT` for a
/// NULL `out_params_json`, which is then left untouched). Thread-safe.
///
/// # Safety
///
/// `out_params_json` is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_last_error_params(
    out_params_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(reader, non_null(out_params_json) => {
        let params = with_last_error(|last| last.map(|e| e.failure.params()).unwrap_or_default());
        let json = serde_json::to_string(&params).map_err(|_| Failure::Internal)?;
        // SAFETY: `out_params_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { strings::write_out(out_params_json, json) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages_never_quote_values() {
        let all = [
            Failure::NullArgument("value"),
            Failure::InvalidUtf8("kind"),
            Failure::Arg(ArgError::UnknownKind),
            Failure::Input(InputError::TooDeep),
            Failure::Input(InputError::Malformed { line: 1, column: 2 }),
            Failure::Engine(EngineError::UnknownMatter),
            Failure::Engine(EngineError::CatalogInvalid(Vec::new())),
            Failure::Ledger(LedgerError::Malformed),
            Failure::Ledger(LedgerError::UnsupportedAlg),
            Failure::Calendar(CalendarError::InvalidYear { year: 0 }),
            Failure::Policy(PolicyError::NotAnObject),
            Failure::Policy(PolicyError::Kind),
            Failure::Encoding(EncodingError::InvalidGb18030 { offset: 3 }),
            Failure::Encoding(EncodingError::Nul { offset: 3 }),
            Failure::Encoding(EncodingError::Unmappable { offset: 3 }),
            Failure::Encoding(EncodingError::TooLarge { max: 3 }),
            Failure::Encoding(EncodingError::Internal),
            Failure::Panic,
            Failure::Internal,
        ];
        for failure in all {
            assert!(!failure.code().is_empty());
            let zh = failure.message(Lang::ZhCn);
            let en = failure.message(Lang::En);
            assert!(!zh.is_empty() && !en.is_empty());
            assert_ne!(zh, en, "{failure:?}");
            assert_ne!(failure.status(), doorstep_status::DOORSTEP_OK);
        }
    }

    #[test]
    fn statuses_have_stable_numbers() {
        assert_eq!(doorstep_status::DOORSTEP_OK as i32, 0);
        assert_eq!(doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT as i32, 1);
        assert_eq!(doorstep_status::DOORSTEP_ERR_INVALID_UTF8 as i32, 2);
        assert_eq!(doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT as i32, 3);
        assert_eq!(doorstep_status::DOORSTEP_ERR_PANIC as i32, 4);
        assert_eq!(doorstep_status::DOORSTEP_ERR_INTERNAL as i32, 5);
        assert_eq!(doorstep_status::DOORSTEP_ERR_INVALID_INPUT as i32, 6);
        assert_eq!(doorstep_status::DOORSTEP_ERR_INVALID_ENCODING as i32, 7);
    }

    #[test]
    fn ledger_failures_have_their_statuses() {
        let malformed = Failure::from(LedgerError::Malformed);
        assert_eq!(malformed.code(), "ledger.malformed");
        assert_eq!(
            malformed.status(),
            doorstep_status::DOORSTEP_ERR_INVALID_INPUT
        );
        assert_eq!(
            Failure::from(LedgerError::UnsupportedAlg).status(),
            doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
        );
    }

    #[test]
    fn calendar_failures_have_their_statuses() {
        let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 2).unwrap_or_default();
        let out_of_range = Failure::from(CalendarError::OutOfRange {
            date,
            known_years: vec![2024, 2025, 2026],
        });
        assert_eq!(out_of_range.code(), "calendar.out_of_range");
        assert_eq!(
            out_of_range.status(),
            doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
        );
        assert_eq!(
            out_of_range.params()["knownYears"],
            json!([2024, 2025, 2026])
        );
        let pause = Failure::from(CalendarError::InvalidPause {
            from: date,
            to: date,
        });
        assert_eq!(pause.status(), doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
    }

    #[test]
    fn profiles_that_cannot_be_matched_are_invalid_input() {
        let input: Failure = PolicyError::Input(InputError::TooDeep).into();
        assert_eq!(input, Failure::Input(InputError::TooDeep));
        for error in [PolicyError::NotAnObject, PolicyError::Kind] {
            let failure = Failure::from(error.clone());
            assert_eq!(failure, Failure::Policy(error));
            assert_eq!(
                failure.status(),
                doorstep_status::DOORSTEP_ERR_INVALID_INPUT
            );
        }
        assert_eq!(
            Failure::from(PolicyError::Kind).params()["allowed"],
            json!(["person", "enterprise"])
        );
    }

    #[test]
    fn documents_and_targets_have_their_statuses() {
        let input: Failure = EngineError::Input(InputError::TooDeep).into();
        assert_eq!(input, Failure::Input(InputError::TooDeep));
        assert_eq!(input.status(), doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        let lint: Failure = EngineError::CatalogInvalid(Vec::new()).into();
        assert_eq!(lint.status(), doorstep_status::DOORSTEP_ERR_INVALID_INPUT);
        assert_eq!(lint.code(), "engine.catalog_invalid");
        for target in [
            EngineError::UnknownMatter,
            EngineError::UnknownBundle,
            EngineError::Target,
        ] {
            assert_eq!(
                Failure::from(target).status(),
                doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT
            );
        }
    }
}
