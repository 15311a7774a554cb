//! Helpers the unit tests of every export module share: taking back strings, reading the
//! last error, making C strings.
#![allow(clippy::unwrap_used)]

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use serde_json::Value;

use crate::error::{doorstep_last_error_code, doorstep_last_error_params, doorstep_status};
use crate::strings::doorstep_string_free;

/// Takes back a string doorstep returned, as JSON.
pub(crate) fn take(s: *mut c_char) -> Value {
    // SAFETY: `s` came from a successful doorstep call.
    let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
    // SAFETY: freed once.
    unsafe { doorstep_string_free(s) };
    serde_json::from_str(&text).unwrap()
}

/// The code of this thread's last error.
pub(crate) fn last_code() -> String {
    // SAFETY: the last error code is a NUL-terminated string owned by this thread.
    let code = unsafe { CStr::from_ptr(doorstep_last_error_code()) };
    code.to_str().unwrap().to_owned()
}

/// The params of this thread's last error.
pub(crate) fn last_params() -> Value {
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: a local out-parameter.
    let status = unsafe { doorstep_last_error_params(&raw mut out) };
    assert_eq!(status, doorstep_status::DOORSTEP_OK);
    take(out)
}

/// `text` as a C string.
pub(crate) fn c(text: &str) -> CString {
    CString::new(text).unwrap()
}
