//! Strings across the boundary: UTF-8 checked on the way in, owned by C on the way out.
//!
//! Every string doorstep hands to C is a Rust [`CString`] given up with
//! [`CString::into_raw`]; [`doorstep_string_free`] takes it back. Freeing it with `free()`
//! would hand Rust's allocation to the C allocator, so the header says to use
//! `doorstep_string_free` only.

use std::ffi::{CStr, CString, c_char};

use crate::boundary::ffi_boundary;
use crate::error::Failure;

/// Reads an optional string argument: NULL is `None`, anything else must be UTF-8.
///
/// # Safety
///
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and unchanged for
/// `'a` (the duration of the call).
pub(crate) unsafe fn optional_str<'a>(
    ptr: *const c_char,
    name: &'static str,
) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: `ptr` is not NULL, and the caller guarantees it is NUL-terminated and valid.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str()
        .map(Some)
        .map_err(|_| Failure::InvalidUtf8(name))
}

/// Reads a required string argument: NULL is `DOORSTEP_ERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// As [`optional_str`].
pub(crate) unsafe fn required_str<'a>(
    ptr: *const c_char,
    name: &'static str,
) -> Result<&'a str, Failure> {
    // SAFETY: the caller's guarantee, passed on.
    let text = unsafe { optional_str(ptr, name) }?;
    text.ok_or(Failure::NullArgument(name))
}

/// Reads a required JSON Lines argument as its bytes, unchecked: the core reads the lines
/// one by one, and refuses one that is not UTF-8 text on its own (`input.not_utf8` at its
/// line) as it refuses any other bad line, as the CLI reads a file; the other lines still
/// count. NULL is `DOORSTEP_ERR_NULL_ARGUMENT`.
///
/// # Safety
///
/// As [`optional_str`].
pub(crate) unsafe fn required_lines<'a>(
    ptr: *const c_char,
    name: &'static str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::NullArgument(name));
    }
    // SAFETY: `ptr` is not NULL, and the caller guarantees it is NUL-terminated and valid.
    Ok(unsafe { CStr::from_ptr(ptr) }.to_bytes())
}

/// Hands `text` to C through the out-parameter `out`. Nothing is written unless the whole
/// result is ready, so a failure leaves `*out` as it was.
///
/// # Safety
///
/// `out` is NULL or points to a writable `char *`.
pub(crate) unsafe fn write_out(out: *mut *mut c_char, text: String) -> Result<(), Failure> {
    if out.is_null() {
        return Err(Failure::NullArgument("out"));
    }
    // JSON never holds a raw NUL, but a message may quote a value that did (a key written
    // `"\u0000"`): written as the core writes control characters, so that it can cross.
    let text = if text.contains('\0') {
        text.replace('\0', "\\u{0}")
    } else {
        text
    };
    let owned = CString::new(text).map_err(|_| Failure::Internal)?;
    // SAFETY: `out` is not NULL and the caller guarantees it is writable. `write` does not
    // read or drop what `*out` held (C's pointer, possibly uninitialised).
    unsafe { out.write(owned.into_raw()) };
    Ok(())
}

/// Frees a string that doorstep returned (a report, a masked value, a message).
/// NULL is a no-op. Thread-safe: a string may be freed on another thread than the one that
/// received it.
///
/// # Safety
///
/// `s` is NULL or a string returned through an out-parameter of a doorstep function and
/// not yet freed, its length unchanged (its bytes may be changed, but no NUL written before
/// its end: the length is found again with `strlen`). Never pass strings from elsewhere,
/// nor `doorstep_version()` or `doorstep_last_error_code()`, which doorstep owns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_string_free(s: *mut c_char) {
    ffi_boundary!(infallible, on_panic = () => {
        if !s.is_null() {
            // SAFETY: the caller guarantees `s` came from `CString::into_raw` in this
            // library and is freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::ptr;

    use super::*;

    #[test]
    fn strings_round_trip() {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: `out` is a local `char *`.
        unsafe { write_out(&raw mut out, "厦门 0592".to_owned()) }.unwrap();
        // SAFETY: `out` was just written with a NUL-terminated string.
        let read = unsafe { required_str(out, "s") }.unwrap().to_owned();
        assert_eq!(read, "厦门 0592");
        // SAFETY: `out` came from `write_out` and is freed once.
        unsafe { doorstep_string_free(out) };
        // SAFETY: NULL is allowed.
        unsafe { doorstep_string_free(ptr::null_mut()) };
    }

    #[test]
    fn bad_strings_are_failures() {
        // SAFETY: a NUL-terminated literal.
        let bad = unsafe { optional_str(c"\xff\xfe".as_ptr(), "kind") };
        assert_eq!(bad, Err(Failure::InvalidUtf8("kind")));
        // SAFETY: NULL is allowed.
        let none = unsafe { required_str(ptr::null(), "value") };
        assert_eq!(none, Err(Failure::NullArgument("value")));
    }

    #[test]
    fn a_nul_in_text_out_is_written_as_an_escape() {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: `out` is a local `char *`.
        let written = unsafe { write_out(&raw mut out, "a\0b".to_owned()) };
        assert_eq!(written, Ok(()));
        // SAFETY: `write_out` wrote a string from `CString::into_raw`, freed here once.
        let text = unsafe { CString::from_raw(out) };
        assert_eq!(text.to_str(), Ok("a\\u{0}b"));
    }
}
