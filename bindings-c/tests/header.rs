//! The committed header `include/doorstep.h` is exactly what cbindgen makes of the sources,
//! and its version macros match `Cargo.toml`.
//!
//! (Integration tests cannot name this crate: its library is called `doorstep`, like the
//! core it depends on. The Rust-side version checks are unit tests in `src/lib.rs`.)

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used
)]

use std::path::PathBuf;

const BLESS: &str = "DOORSTEP_BLESS";

fn header_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("include/doorstep.h")
}

/// The header as cbindgen generates it from `src/` with `cbindgen.toml`.
fn generate() -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(format!("{dir}/cbindgen.toml"))
        .expect("bindings-c/cbindgen.toml is valid");
    let bindings = cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn header_is_up_to_date() {
    let path = header_path();
    let fresh = generate();
    if std::env::var_os(BLESS).is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write include/doorstep.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        let line = committed
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(fresh.lines().count()));
        let at = |text: &str| text.lines().nth(line).unwrap_or("<end of file>").to_owned();
        panic!(
            "{} does not match the sources.\n\
             First difference at line {}:\n  committed: {}\n  generated: {}\n\
             If the change to the C API is intended, regenerate the header and commit it:\n    \
             {BLESS}=1 cargo test -p doorstep-c --test header",
            path.display(),
            line + 1,
            at(&committed),
            at(&fresh),
        );
    }
}

/// The value of `#define NAME value` in the committed header.
fn define(header: &str, name: &str) -> u64 {
    let prefix = format!("#define {name} ");
    let line = header
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{name} is not defined in include/doorstep.h"));
    line.trim()
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn version_macros_match_cargo_toml() {
    let header = std::fs::read_to_string(header_path()).expect("include/doorstep.h exists");
    let cargo = [
        ("DOORSTEP_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("DOORSTEP_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("DOORSTEP_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ];
    for (name, value) in cargo {
        let value: u64 = value.parse().unwrap();
        assert_eq!(
            define(&header, name),
            value,
            "{name} in include/doorstep.h (set in bindings-c/src/lib.rs) must match Cargo.toml"
        );
    }
    // DOORSTEP_VERSION_STRING is built from the three (cbindgen.toml); tests/c checks it
    // against doorstep_version() at run time.
    assert!(
        header.contains(
            "#define DOORSTEP_VERSION_STRING \\\n    DOORSTEP_STRINGIFY(DOORSTEP_VERSION_MAJOR) \".\" \\\n    \
             DOORSTEP_STRINGIFY(DOORSTEP_VERSION_MINOR) \".\" \\\n    \
             DOORSTEP_STRINGIFY(DOORSTEP_VERSION_PATCH)"
        ),
        "include/doorstep.h must build DOORSTEP_VERSION_STRING from DOORSTEP_VERSION_* \
         (bindings-c/cbindgen.toml after_includes)"
    );
}
