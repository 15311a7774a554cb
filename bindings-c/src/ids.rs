//! Identifier checks: [`doorstep_id_check`] and [`doorstep_id_mask`].

use std::ffi::c_char;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use doorstep::args::CheckOptions;
use doorstep::calendar::cst_date_from_unix_millis;
use doorstep::ids;

use crate::boundary::ffi_boundary;
use crate::error::{Failure, doorstep_status};
use crate::strings::{optional_str, required_str, write_out};

/// Today in China Standard Time by this machine's clock; `None` when the clock is out of
/// range (the call then fails with `arg.clock`). The date every `at` that is NULL means.
pub(crate) fn today() -> Option<NaiveDate> {
    let millis = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).ok()?,
        Err(before) => i64::try_from(before.duration().as_millis())
            .ok()?
            .checked_neg()?,
    };
    cst_date_from_unix_millis(millis)
}

/// Checks one identifier and writes its report, as JSON, to `*out_report_json`.
///
/// - `value`: the identifier as typed (surrounding spaces are ignored by the check).
/// - `kind`: `"resident_id"`, `"residence_permit"`, `"credit_code"`, `"org_code"`,
///   `"mobile"`, `"landline"`, `"postal_code"` or `"bank_card"`; NULL detects the kind from
///   the value's shape.
/// - `at`: the reference date `"YYYY-MM-DD"` (ages, birth dates in the future); NULL is
///   today in China Standard Time by the system clock.
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"` for the messages; NULL is zh-CN.
///
/// The report is the same JSON object every doorstep binding returns:
/// `{"value", "kind", "valid", ...facts, "errors": [{"code", "message", "params"?}]}`.
/// An invalid identifier is a normal outcome: `DOORSTEP_OK` with `"valid": false` and the
/// problems in `"errors"`; no message contains the identifier.
///
/// On `DOORSTEP_OK` the caller owns `*out_report_json` and frees it with
/// `doorstep_string_free`. On any other status (`DOORSTEP_ERR_NULL_ARGUMENT` for a NULL
/// `value` or `out_report_json`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown kind or lang or an impossible date)
/// `*out_report_json` is left untouched and the thread's last error says why.
/// Thread-safe.
///
/// # Safety
///
/// `value`, `kind`, `at` and `lang` are NULL or NUL-terminated strings; `out_report_json`
/// is NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_id_check(
    value: *const c_char,
    kind: *const c_char,
    at: *const c_char,
    lang: *const c_char,
    out_report_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(value, out_report_json) => {
        // SAFETY: (each of the four) the caller passes NULL or a NUL-terminated string.
        let value = unsafe { required_str(value, "value") }?;
        // SAFETY: as above.
        let kind = unsafe { optional_str(kind, "kind") }?;
        // SAFETY: as above.
        let at = unsafe { optional_str(at, "at") }?;
        // SAFETY: as above.
        let lang = unsafe { optional_str(lang, "lang") }?;
        let options = CheckOptions::parse(kind, at, lang, today)?;
        let report = ids::report(value, options.kind, options.at, options.lang);
        let json = serde_json::to_string(&report).map_err(|_| Failure::Internal)?;
        // SAFETY: `out_report_json` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_out(out_report_json, json) }
    })
}

/// Writes `value` masked for showing to people (screens, printouts, logs) to
/// `*out_masked`.
///
/// When `value` is a valid identifier of `kind` (NULL: the kind its shape suggests, as in
/// `doorstep_id_check` with today's date), the result is that kind's masked form of the
/// normalised value, the report's `"masked"`: `"350205********123X"`, `"139****1234"`;
/// codes of organisations and postal codes are public and shown whole. Otherwise (an
/// unknown shape, or a value that is not valid as `kind`) the trimmed value is masked
/// whatever it is: at most its first three and last four characters stay, and only when
/// at least half of it is hidden.
/// A value longer than 64 bytes is masked as its first characters within 64 bytes, then
/// `…`: a pasted document comes back as a line.
///
/// On `DOORSTEP_OK` the caller owns `*out_masked` and frees it with
/// `doorstep_string_free`. On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`,
/// `DOORSTEP_ERR_INVALID_UTF8`, `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown kind)
/// `*out_masked` is left untouched and the thread's last error says why. Thread-safe.
///
/// # Safety
///
/// `value` and `kind` are NULL or NUL-terminated strings; `out_masked` is NULL or points
/// to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_id_mask(
    value: *const c_char,
    kind: *const c_char,
    out_masked: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(value, out_masked) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let value = unsafe { required_str(value, "value") }?;
        // SAFETY: as above.
        let kind = unsafe { optional_str(kind, "kind") }?;
        let options = CheckOptions::parse(kind, None, None, today)?;
        let masked = ids::mask_value(value, options.kind, options.at);
        // SAFETY: `out_masked` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`.
        unsafe { write_out(out_masked, masked) }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use super::*;
    use crate::doorstep_string_free;

    /// Takes back a string doorstep returned.
    fn take(s: *mut c_char) -> String {
        // SAFETY: `s` came from a successful doorstep call.
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
        // SAFETY: freed once.
        unsafe { doorstep_string_free(s) };
        text
    }

    fn mask(value: &CStr, kind: Option<&CStr>) -> String {
        let mut out: *mut c_char = ptr::null_mut();
        let kind = kind.map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: literals and a local out-parameter.
        let status = unsafe { doorstep_id_mask(value.as_ptr(), kind, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        take(out)
    }

    #[test]
    fn today_is_a_date() {
        assert!(today().is_some());
    }

    #[test]
    fn check_writes_a_report() {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: literals and a local out-parameter.
        let status = unsafe {
            doorstep_id_check(
                c"11010519491231002X".as_ptr(),
                ptr::null(),
                c"2024-10-15".as_ptr(),
                c"en".as_ptr(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        let report: serde_json::Value = serde_json::from_str(&take(out)).unwrap();
        assert_eq!(report["valid"], true);
        assert_eq!(report["age"], 74);
    }

    /// The shared fixtures through the C ABI, with the matching rule every suite uses
    /// (`tests/c/test_ids.c` runs them from C too).
    #[test]
    fn fixtures_through_the_c_abi() {
        use std::ffi::CString;

        let failures = doorstep::conformance::run("ids.json", |input| {
            let c = |s: &Option<String>| s.as_deref().map(|s| CString::new(s).unwrap());
            let (kind, at, lang) = (c(&input.kind), c(&input.at), c(&input.lang));
            let ptr = |s: &Option<CString>| s.as_deref().map_or(ptr::null(), CStr::as_ptr);
            let value = CString::new(input.value.clone()).unwrap();
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: NUL-terminated strings or NULL, and a local out-parameter.
            let status = unsafe {
                doorstep_id_check(
                    value.as_ptr(),
                    ptr(&kind),
                    ptr(&at),
                    ptr(&lang),
                    &raw mut out,
                )
            };
            assert_eq!(status, doorstep_status::DOORSTEP_OK, "{}", input.name);
            serde_json::from_str(&take(out)).unwrap()
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn masks() {
        assert_eq!(mask(c"11010519491231002x", None), "110105********002X");
        assert_eq!(mask(c"+86 139-1234-5678", None), "139****5678");
        assert_eq!(mask(c"  hello ", None), "*****");
        // Not a credit code: masked whatever it is, never shown whole.
        assert_eq!(
            mask(c"11010519491231002X", Some(c"credit_code")),
            "110***********002X"
        );
        assert_eq!(
            mask(c"9144030071526726XG", Some(c"credit_code")),
            "9144030071526726XG"
        );
    }
}
