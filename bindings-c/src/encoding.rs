//! GB18030 text across the boundary: [`doorstep_gb18030_to_utf8`] and
//! [`doorstep_utf8_to_gb18030`].
//!
//! doorstep works in UTF-8 only (the core never sees another encoding). Many window systems
//! still keep their text in GB18030 (or its subset GBK): they convert what they pass in with
//! [`doorstep_gb18030_to_utf8`], and what they receive (reports, messages) with
//! [`doorstep_utf8_to_gb18030`]. Both are strict: a byte sequence that is not GB18030 is a
//! coded failure with its offset (never a silent U+FFFD), and a character GB18030 cannot hold
//! is one too (never an HTML character reference).
//!
//! The conversion is the Encoding Standard's `gb18030` (`encoding_rs`), which is GB
//! 18030-2005 with the four-byte range, plus two compatibility choices of that standard:
//! the single byte `0x80` decodes to `€` (U+20AC, as in code page 936), and U+E5E5 has no
//! GB18030 form.

use std::ffi::c_char;
use std::slice;

use encoding_rs::{DecoderResult, EncoderResult, GB18030};

use crate::boundary::ffi_boundary;
use crate::error::{EncodingError, Failure, doorstep_status};
use crate::strings::{required_str, write_out};

/// The most bytes one call converts (64 MiB, the size of the largest document doorstep
/// reads, a stamp ledger); more is `encoding.too_large`.
pub const DOORSTEP_MAX_TEXT_BYTES: usize = 64 << 20;

/// Decodes GB18030 `bytes` to UTF-8, strictly: the first malformed sequence is an error
/// with its byte offset, and a decoded NUL (which a C string cannot hold) is one too.
pub(crate) fn decode_gb18030(bytes: &[u8]) -> Result<String, EncodingError> {
    if bytes.len() > DOORSTEP_MAX_TEXT_BYTES {
        return Err(EncodingError::TooLarge {
            max: DOORSTEP_MAX_TEXT_BYTES,
        });
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(EncodingError::TooLarge {
            max: DOORSTEP_MAX_TEXT_BYTES,
        })?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    // GB18030 uses the byte 0x00 for U+0000 only (no sequence continues with it), so a NUL
    // decodes; whichever comes first, it or a malformed sequence, is the error.
    let (end, malformed) = match result {
        DecoderResult::InputEmpty => (bytes.len(), None),
        DecoderResult::Malformed(bad, after) => {
            let offset = read.saturating_sub(usize::from(bad) + usize::from(after));
            (offset, Some(EncodingError::InvalidGb18030 { offset }))
        }
        // The buffer has the worst-case size: never full.
        DecoderResult::OutputFull => return Err(EncodingError::Internal),
    };
    let before = bytes.get(..end).unwrap_or(bytes);
    if let Some(offset) = before.iter().position(|b| *b == 0) {
        return Err(EncodingError::Nul { offset });
    }
    malformed.map_or(Ok(text), Err)
}

/// Encodes UTF-8 `text` to GB18030, strictly: a character GB18030 cannot hold (U+E5E5) is an
/// error with its byte offset in `text`.
pub(crate) fn encode_gb18030(text: &str) -> Result<Vec<u8>, EncodingError> {
    if text.len() > DOORSTEP_MAX_TEXT_BYTES {
        return Err(EncodingError::TooLarge {
            max: DOORSTEP_MAX_TEXT_BYTES,
        });
    }
    let mut encoder = GB18030.new_encoder();
    let capacity = encoder
        .max_buffer_length_from_utf8_without_replacement(text.len())
        .ok_or(EncodingError::TooLarge {
            max: DOORSTEP_MAX_TEXT_BYTES,
        })?;
    let mut bytes = Vec::with_capacity(capacity);
    let (result, read) =
        encoder.encode_from_utf8_to_vec_without_replacement(text, &mut bytes, true);
    match result {
        EncoderResult::InputEmpty => Ok(bytes),
        EncoderResult::Unmappable(c) => Err(EncodingError::Unmappable {
            offset: read.saturating_sub(c.len_utf8()),
        }),
        EncoderResult::OutputFull => Err(EncodingError::Internal),
    }
}

/// Converts `len` bytes of GB18030 text at `gb18030` to UTF-8 and writes it, NUL-terminated,
/// to `*out_utf8`: what a GB18030 window system passes to every other doorstep call.
///
/// - `gb18030`: the text (GB18030, GBK or GB2312: each is a subset of the next), `len`
///   bytes, not necessarily NUL-terminated; it may be NULL only when `len` is 0 (`""`). A
///   byte order mark (`84 31 95 33`) is kept, as U+FEFF.
/// - `len`: its length in bytes, at most `DOORSTEP_MAX_TEXT_BYTES` (64 MiB).
///
/// The conversion is strict: a byte sequence that is not GB18030 (a trail byte out of range,
/// a four-byte sequence beyond U+10FFFF, a sequence cut off at the end) fails with
/// `DOORSTEP_ERR_INVALID_ENCODING` and the code `encoding.invalid_gb18030`, the offset of
/// the first bad byte in `doorstep_last_error_params` (`{"offset": N}`); so does a NUL
/// byte, which a C string cannot hold (`encoding.nul`).
///
/// On `DOORSTEP_OK` the caller owns `*out_utf8` and frees it with `doorstep_string_free`.
/// On any other status `*out_utf8` is left untouched and the thread's last error says why:
/// `DOORSTEP_ERR_NULL_ARGUMENT` (a NULL `out_utf8`, or a NULL `gb18030` with a `len` other
/// than 0), `DOORSTEP_ERR_INVALID_ENCODING` (`encoding.invalid_gb18030`, `encoding.nul`,
/// `encoding.too_large`). Thread-safe.
///
/// # Safety
///
/// `gb18030` is NULL or points to `len` readable bytes that do not change during the call
/// (a `len` over `DOORSTEP_MAX_TEXT_BYTES` is refused without reading any); `out_utf8` is
/// NULL or points to a writable `char *`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_gb18030_to_utf8(
    gb18030: *const c_char,
    len: usize,
    out_utf8: *mut *mut c_char,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(out_utf8) => {
        let bytes: &[u8] = if gb18030.is_null() {
            if len != 0 {
                return Err(Failure::NullArgument("gb18030"));
            }
            &[]
        } else if len > DOORSTEP_MAX_TEXT_BYTES {
            // Before the slice: a wrong length (a failed read()'s -1) is never read, and a
            // slice past isize::MAX is undefined behaviour (an abort in debug builds).
            return Err(EncodingError::TooLarge { max: DOORSTEP_MAX_TEXT_BYTES }.into());
        } else {
            // SAFETY: `gb18030` is not NULL, and the caller guarantees it points to `len`
            // readable bytes that stay unchanged for the call; `u8` needs no alignment and
            // has the size of `c_char`.
            unsafe { slice::from_raw_parts(gb18030.cast::<u8>(), len) }
        };
        let text = decode_gb18030(bytes)?;
        // SAFETY: `out_utf8` is not NULL (checked by the boundary) and the caller guarantees
        // it points to a writable `char *`.
        unsafe { write_out(out_utf8, text) }
    })
}

/// Converts the UTF-8 text `utf8` (a report, a message) to GB18030 and writes it,
/// NUL-terminated, to `*out_gb18030`, and its length in bytes (without the NUL) to
/// `*out_len` when `out_len` is not NULL: what a GB18030 window system shows or stores.
///
/// - `utf8`: NUL-terminated UTF-8 text, at most `DOORSTEP_MAX_TEXT_BYTES` (64 MiB).
/// - `out_len`: NULL when the length is not wanted (GB18030 text holds no NUL byte, so
///   `strlen` gives it too).
///
/// Every Unicode character has a GB18030 form (two or four bytes for all but ASCII), except
/// U+E5E5, a private-use code point: it fails with `DOORSTEP_ERR_INVALID_ENCODING` and the
/// code `encoding.unmappable`, the offset of the character in `utf8` in the params.
///
/// On `DOORSTEP_OK` the caller owns `*out_gb18030` and frees it with `doorstep_string_free`.
/// On any other status `*out_gb18030` and `*out_len` are left untouched and the thread's
/// last error says why: `DOORSTEP_ERR_NULL_ARGUMENT`, `DOORSTEP_ERR_INVALID_UTF8`,
/// `DOORSTEP_ERR_INVALID_ENCODING` (`encoding.unmappable`, `encoding.too_large`).
/// Thread-safe.
///
/// # Safety
///
/// `utf8` is NULL or a NUL-terminated string; `out_gb18030` is NULL or points to a writable
/// `char *`; `out_len` is NULL or points to a writable `size_t`.
#[must_use]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn doorstep_utf8_to_gb18030(
    utf8: *const c_char,
    out_gb18030: *mut *mut c_char,
    out_len: *mut usize,
) -> doorstep_status {
    ffi_boundary!(fallible, non_null(utf8, out_gb18030) => {
        // SAFETY: the caller passes a NUL-terminated string.
        let text = unsafe { required_str(utf8, "utf8") }?;
        let bytes = encode_gb18030(text)?;
        let length = bytes.len();
        // Encoded from a C string, so no NUL byte: GB18030 uses 0x00 only for U+0000.
        let owned = std::ffi::CString::new(bytes).map_err(|_| Failure::Internal)?;
        if !out_len.is_null() {
            // SAFETY: `out_len` is not NULL and the caller guarantees it is writable.
            unsafe { out_len.write(length) };
        }
        // SAFETY: `out_gb18030` is not NULL (checked by the boundary) and the caller
        // guarantees it points to a writable `char *`; `write` does not read what it held.
        unsafe { out_gb18030.write(owned.into_raw()) };
        Ok(())
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::ffi::CStr;
    use std::ptr;

    use super::*;
    use crate::strings::doorstep_string_free;
    use crate::test_support::{last_code, last_params};

    /// 海沧区 in GB18030 (GB2312 two-byte codes).
    const HAICANG: &[u8] = b"\xBA\xA3\xB2\xD7\xC7\xF8";

    fn to_utf8(bytes: &[u8]) -> Result<String, (doorstep_status, String)> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: `bytes` is a live slice; `out` a local.
        let status =
            unsafe { doorstep_gb18030_to_utf8(bytes.as_ptr().cast(), bytes.len(), &raw mut out) };
        if status != doorstep_status::DOORSTEP_OK {
            assert!(out.is_null());
            return Err((status, last_code()));
        }
        // SAFETY: written by a successful call.
        let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        // SAFETY: freed once.
        unsafe { doorstep_string_free(out) };
        Ok(text)
    }

    fn to_gb18030(text: &CStr) -> Result<Vec<u8>, (doorstep_status, String)> {
        let mut out: *mut c_char = ptr::null_mut();
        let mut len = usize::MAX;
        // SAFETY: a C string and locals.
        let status = unsafe { doorstep_utf8_to_gb18030(text.as_ptr(), &raw mut out, &raw mut len) };
        if status != doorstep_status::DOORSTEP_OK {
            assert_eq!(len, usize::MAX);
            return Err((status, last_code()));
        }
        // SAFETY: written by a successful call.
        let bytes = unsafe { CStr::from_ptr(out) }.to_bytes().to_vec();
        assert_eq!(bytes.len(), len);
        // SAFETY: freed once.
        unsafe { doorstep_string_free(out) };
        Ok(bytes)
    }

    #[test]
    fn two_and_four_byte_sequences_round_trip() {
        assert_eq!(to_utf8(HAICANG).unwrap(), "海沧区");
        assert_eq!(to_gb18030(c"海沧区").unwrap(), HAICANG);
        // U+20AC (two bytes), U+00AA (four bytes, BMP), U+1F600 (four bytes, supplementary).
        let four = "€ª😀";
        let bytes = to_gb18030(&std::ffi::CString::new(four).unwrap()).unwrap();
        assert_eq!(bytes, b"\xA2\xE3\x81\x30\x84\x39\x94\x39\xFC\x36");
        assert_eq!(to_utf8(&bytes).unwrap(), four);
        assert_eq!(to_utf8(b"").unwrap(), "");
    }

    #[test]
    fn bad_bytes_are_coded_with_their_offset() {
        let invalid = doorstep_status::DOORSTEP_ERR_INVALID_ENCODING;
        let code = "encoding.invalid_gb18030".to_owned();
        // A lead byte followed by a byte no sequence continues with.
        assert_eq!(to_utf8(b"ab\xBA\x20"), Err((invalid, code.clone())));
        assert_eq!(last_params()["offset"], 2);
        // A sequence cut off at the end.
        assert_eq!(to_utf8(b"\xBA\xA3\xB2"), Err((invalid, code.clone())));
        assert_eq!(last_params()["offset"], 2);
        // A four-byte sequence beyond U+10FFFF.
        assert_eq!(to_utf8(b"\xFE\x39\xFE\x39"), Err((invalid, code.clone())));
        assert_eq!(to_utf8(b"\xFF"), Err((invalid, code)));
        assert_eq!(
            to_utf8(b"\xBA\xA3\0"),
            Err((invalid, "encoding.nul".to_owned()))
        );
        assert_eq!(last_params()["offset"], 2);
        assert_eq!(
            to_gb18030(c"a\u{E5E5}"),
            Err((invalid, "encoding.unmappable".to_owned()))
        );
        assert_eq!(last_params()["offset"], 1);
        assert_eq!(
            to_gb18030(c"\xff"),
            Err((
                doorstep_status::DOORSTEP_ERR_INVALID_UTF8,
                "ffi.invalid_utf8".to_owned()
            ))
        );
    }

    #[test]
    fn the_first_bad_byte_is_reported_nul_or_not() {
        let invalid = doorstep_status::DOORSTEP_ERR_INVALID_ENCODING;
        assert_eq!(
            to_utf8(b"a\0\xFF"),
            Err((invalid, "encoding.nul".to_owned()))
        );
        assert_eq!(last_params()["offset"], 1);
        assert_eq!(
            to_utf8(b"\xFFa\0"),
            Err((invalid, "encoding.invalid_gb18030".to_owned()))
        );
        assert_eq!(last_params()["offset"], 0);
    }

    #[test]
    fn a_length_past_the_limit_is_refused_unread() {
        // E.g. a failed read()'s -1 passed on as the length: never a slice of it.
        for len in [DOORSTEP_MAX_TEXT_BYTES + 1, usize::MAX] {
            let mut out: *mut c_char = ptr::null_mut();
            // SAFETY: a length past the limit is refused before any byte is read.
            let status = unsafe { doorstep_gb18030_to_utf8(c"ab".as_ptr(), len, &raw mut out) };
            assert_eq!(status, doorstep_status::DOORSTEP_ERR_INVALID_ENCODING);
            assert_eq!(last_code(), "encoding.too_large");
            assert!(out.is_null());
        }
    }

    #[test]
    fn null_arguments() {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: NULL with a length is what is tested; `out` a local.
        let status = unsafe { doorstep_gb18030_to_utf8(ptr::null(), 3, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
        // SAFETY: NULL with length 0 is the empty text.
        let status = unsafe { doorstep_gb18030_to_utf8(ptr::null(), 0, &raw mut out) };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        // SAFETY: written by a successful call; freed once.
        unsafe { doorstep_string_free(out) };
        // SAFETY: NULL arguments are what is tested.
        let status =
            unsafe { doorstep_utf8_to_gb18030(c"x".as_ptr(), ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(status, doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT);
    }
}
