//! Standard output that survives a closed pipe (`doorstep … | head`).

use std::io::Write;

/// Prints one line; when standard output is gone (the reader closed the pipe), ends the
/// process quietly instead of panicking as `println!` would.
pub(crate) fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        std::process::exit(0);
    }
}
