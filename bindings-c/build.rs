//! Gives the shared library its SONAME, `libdoorstep.so.MAJOR` (`libdoorstep.so.0` now), so
//! that a program linked against one release loads any later release with the same major
//! version and refuses one with another. `bindings-c/install.sh` installs the file as
//! `libdoorstep.so.MAJOR.MINOR.PATCH`, with `libdoorstep.so.MAJOR` (the SONAME, what the
//! loader looks for) and `libdoorstep.so` (what `-ldoorstep` finds) as links to it.
//!
//! While the version is 0.x, a minor release may still change the C ABI under the same
//! SONAME: a host checks `doorstep_version()` against the header's `DOORSTEP_VERSION_*`
//! at start-up (examples/c/counter.c does), and from 1.0 the SONAME changes with every
//! incompatible release.

fn main() {
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    // ELF platforms only (macOS has install names, Windows DLL names).
    let elf = matches!(
        target_os.as_str(),
        "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos"
    );
    if elf {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libdoorstep.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
