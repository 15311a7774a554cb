//! The words for the engine's codes: [`doorstep_labels`].

use std::ffi::c_char;

use crate::authority::language;
use crate::boundary::ffi_boundary;
use crate::engine::write_json;
use crate::error::doorstep_status;

/// Writes the words for the engine's codes, as JSON, to `*out_json`: `{"status", "action",
/// "role", "channel", "matterType", "authoritySource", "materialForm", "bundleState",
/// "light", "rating", "reviewStatus", "complaintStatus", "appointmentStatus", "orgLevel"}`,
/// each an object from code to words in the type's order (`"status": {"submitted":
/// "已收件", "accepted": "已受理", …}`), so a window program shows a case as the H5 page
/// and the kiosk do.
///
/// - `lang`: `"zh-CN"` (also `"zh"`) or `"en"`; NULL is zh-CN.
///
/// On `DOORSTEP_OK` the caller owns `*out_json` and frees it with `doorstep_string_free`.
/// On any other status (`DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ARGUMENT` for an unknown lang) `*out_json` is left untouched and
/// the thread's last error says why. Thread-safe.
///
/// # Safety
///
/// `lang` is NULL or a NUL-terminated string; `out_json` is NULL or points to a writable
/// `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_labels(
    lang: *const c_char,
    out_json: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(out_json) => {
        // SAFETY: the caller passes NULL or a NUL-terminated string.
        let lang = unsafe { language(lang) }?;
        let labels = doorstep::labels::labels(lang);
        // SAFETY: `out_json` is not NULL (checked by the boundary) and the caller guarantees
        // it points to a writable `char *`.
        unsafe { write_json(out_json, serde_json::to_string(&labels)) }
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use doorstep::conformance;

    use super::*;
    use crate::test_support::{c, last_code, take};

    /// labels.json through the C ABI.
    #[test]
    fn labels_fixtures_through_the_c_abi() {
        let failures = conformance::run("labels.json", |input| {
            let lang = input.lang.as_deref().map(c);
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: NULL or a NUL-terminated string, and a local out-parameter.
            let status = unsafe {
                doorstep_labels(
                    lang.as_deref().map_or(ptr::null(), CStr::as_ptr),
                    &raw mut out,
                )
            };
            assert_eq!(status, doorstep_status::DOORSTEP_OK, "{}", input.name);
            take(out)
        });
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn an_unknown_lang_is_refused_and_writes_nothing() {
        let mut out: *mut c_char = ptr::null_mut();
        let lang = c("fr");
        // SAFETY: a NUL-terminated string and a local out-parameter.
        let status = unsafe { doorstep_labels(lang.as_ptr(), &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_ARGUMENT);
        assert_eq!(last_code(), "arg.unknown_lang");
        assert!(out.is_null());
    }
}
