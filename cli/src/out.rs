//! Standard output and standard error that survive a closed pipe (`doorstep … | head`).

use std::io::Write;

/// Prints one line; when standard output is gone (the reader closed the pipe), ends the
/// process quietly instead of panicking as `println!` would.
pub(crate) fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        std::process::exit(0);
    }
}

/// Prints one line on standard error (progress, an error); when it is gone, carries on
/// without it instead of panicking as `eprintln!` would: the run's result does not hang on
/// who watches it.
pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
