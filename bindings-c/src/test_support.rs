//! Helpers the unit tests of every export module share: taking back strings, reading the
//! last error, making C strings.
#![allow(clippy::unwrap_used)]

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use serde_json::Value;

use crate::engine::{doorstep_engine, doorstep_engine_free, doorstep_engine_load};
use crate::error::{
    doorstep_last_error_code, doorstep_last_error_message, doorstep_last_error_params,
    doorstep_status,
};
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

/// The message of this thread's last error in `lang` (NULL: zh-CN).
pub(crate) fn last_message(lang: Option<&CStr>) -> String {
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: a NUL-terminated string or NULL, and a local out-parameter.
    let status = unsafe {
        doorstep_last_error_message(lang.map_or(ptr::null(), CStr::as_ptr), &raw mut out)
    };
    assert_eq!(status, doorstep_status::DOORSTEP_OK);
    // SAFETY: a string from a successful call.
    let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
    // SAFETY: freed once.
    unsafe { doorstep_string_free(out) };
    text
}

/// `text` as a C string.
pub(crate) fn c(text: &str) -> CString {
    CString::new(text).unwrap()
}

/// A catalogue loaded into an engine for a test, freed when dropped.
pub(crate) struct Loaded(pub(crate) *mut doorstep_engine);

impl Loaded {
    /// Loads `catalog`, its examples checked at `at`; panics with the last error if refused.
    pub(crate) fn new(catalog: &Value, at: &CStr) -> Self {
        let text = c(&catalog.to_string());
        let mut engine: *mut doorstep_engine = ptr::null_mut();
        // SAFETY: NUL-terminated strings and a local out-parameter.
        let status = unsafe { doorstep_engine_load(text.as_ptr(), at.as_ptr(), &raw mut engine) };
        assert_eq!(status, doorstep_status::DOORSTEP_OK, "{}", last_code());
        Self(engine)
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        // SAFETY: an engine from doorstep_engine_load, freed once.
        unsafe { doorstep_engine_free(self.0) };
    }
}

/// The result of a call: the JSON written, or the status and the last error's code (and
/// the out-parameter left alone).
pub(crate) fn outcome(
    status: doorstep_status,
    out: *mut c_char,
) -> Result<Value, (doorstep_status, String)> {
    if status == doorstep_status::DOORSTEP_OK {
        Ok(take(out))
    } else {
        assert!(out.is_null(), "written on failure");
        Err((status, last_code()))
    }
}
