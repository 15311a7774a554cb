//! The boundary every exported function runs inside.
//!
//! A panic must never unwind into C (since Rust 1.81 it would abort the host, a window
//! system with a queue of people in front of it), and a NULL where a pointer is required
//! must never be dereferenced. [`ffi_boundary!`] handles both, once, for every export;
//! a test (`tests/exports.rs`) checks that every `extern "C"` function body is one call
//! of it.

use std::thread;

use crate::error::{self, Failure, doorstep_status};

/// Runs the body of an exported function: catches panics, and turns NULL required
/// pointers into [`DOORSTEP_ERR_NULL_ARGUMENT`](doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT)
/// before the body runs.
///
/// Three forms:
///
/// - `ffi_boundary!(fallible, non_null(a, b) => { ... })`: the body evaluates to
///   `Result<(), Failure>` (so it can use `?`); the export returns a [`doorstep_status`].
///   A failure (or a panic, as `DOORSTEP_ERR_PANIC`) becomes the thread's last error;
///   success clears it.
/// - `ffi_boundary!(reader, non_null(a) => { ... })`: the same, but the thread's last error
///   is left as it is, for the calls that read it.
/// - `ffi_boundary!(infallible, on_panic = EXPR => { ... })`: the body evaluates to the
///   export's return value; a panic returns `EXPR` and becomes the thread's last error.
///
/// The names in `non_null(...)` are the export's parameters; they appear in the error
/// message (`value`, `out_report_json`), never their contents.
macro_rules! ffi_boundary {
    (fallible, non_null($($arg:ident),* $(,)?) => $body:block) => {
        $crate::boundary::ffi_boundary!(@settle LastError, non_null($($arg),*) => $body)
    };
    (reader, non_null($($arg:ident),* $(,)?) => $body:block) => {
        $crate::boundary::ffi_boundary!(@settle Keep, non_null($($arg),*) => $body)
    };
    (@settle $record:ident, non_null($($arg:ident),*) => $body:block) => {
        $crate::boundary::settle(
            $crate::boundary::Record::$record,
            ::std::panic::catch_unwind(
                move || -> ::core::result::Result<(), $crate::error::Failure> {
                    $(
                        if $arg.is_null() {
                            return Err($crate::error::Failure::NullArgument(stringify!($arg)));
                        }
                    )*
                    $body
                },
            ),
        )
    };
    (infallible, on_panic = $fallback:expr => $body:block) => {
        match ::std::panic::catch_unwind(move || $body) {
            Ok(value) => value,
            Err(_) => {
                $crate::error::set_last_error($crate::error::Failure::Panic);
                $fallback
            }
        }
    };
}

pub(crate) use ffi_boundary;

/// Whether a fallible export's outcome becomes the thread's last error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Record {
    /// Record a failure, clear on success: every call except the last-error readers.
    LastError,
    /// Leave the last error alone: the calls that read it.
    Keep,
}

/// Turns the outcome of a fallible export's body into its status, recording it as asked.
pub(crate) fn settle(
    record: Record,
    outcome: thread::Result<Result<(), Failure>>,
) -> doorstep_status {
    // The panic payload is dropped unread: it may quote input, and C cannot use it.
    let result = outcome.unwrap_or(Err(Failure::Panic));
    match (record, result) {
        (Record::LastError, Ok(())) => {
            error::clear_last_error();
            doorstep_status::DOORSTEP_OK
        }
        (Record::Keep, Ok(())) => doorstep_status::DOORSTEP_OK,
        (Record::LastError, Err(failure)) => {
            let status = failure.status();
            error::set_last_error(failure);
            status
        }
        (Record::Keep, Err(failure)) => failure.status(),
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::unwrap_used)]
mod tests {
    use std::ffi::{CStr, c_char};
    use std::ptr;

    use super::*;
    use crate::error::{doorstep_last_error_code, doorstep_last_error_status};

    fn failing(arg: *const c_char) -> doorstep_status {
        ffi_boundary!(fallible, non_null(arg) => {
            panic!("a bug");
        })
    }

    fn last_code() -> String {
        // SAFETY: the last error code is a NUL-terminated string owned by this thread.
        let code = unsafe { CStr::from_ptr(doorstep_last_error_code()) };
        code.to_str().unwrap().to_owned()
    }

    #[test]
    fn null_argument_is_caught_before_the_body() {
        assert_eq!(
            failing(ptr::null()),
            doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT
        );
        assert_eq!(
            doorstep_last_error_status(),
            doorstep_status::DOORSTEP_ERR_NULL_ARGUMENT
        );
        assert_eq!(last_code(), "ffi.null_argument");
    }

    #[test]
    fn panic_becomes_a_status_and_the_last_error() {
        assert_eq!(failing(c"x".as_ptr()), doorstep_status::DOORSTEP_ERR_PANIC);
        assert_eq!(
            doorstep_last_error_status(),
            doorstep_status::DOORSTEP_ERR_PANIC
        );
        assert_eq!(last_code(), "ffi.panic");
    }

    #[test]
    fn panic_in_an_infallible_export_returns_the_fallback() {
        let got: i32 = ffi_boundary!(infallible, on_panic = -1 => {
            panic!("a bug");
        });
        assert_eq!(got, -1);
        assert_eq!(last_code(), "ffi.panic");
    }

    #[test]
    fn readers_keep_the_last_error() {
        let _ = failing(ptr::null());
        let kept: doorstep_status = ffi_boundary!(reader, non_null() => {
            Err(Failure::Internal)
        });
        assert_eq!(kept, doorstep_status::DOORSTEP_ERR_INTERNAL);
        assert_eq!(last_code(), "ffi.null_argument");
    }
}
