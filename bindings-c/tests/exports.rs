//! Every exported function is named `doorstep_*`, is `#[unsafe(no_mangle)]`, and runs its
//! whole body inside `ffi_boundary!` (panics caught, NULL required pointers rejected).
//!
//! The check reads the sources, so a new export that forgets the boundary fails here
//! before it reaches a C caller.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used
)]

use std::path::PathBuf;

/// One `extern "C" fn` found in the sources.
#[derive(Debug)]
struct Export {
    file: String,
    name: String,
    attributes: Vec<String>,
    /// What follows `->` in the signature, `""` for none.
    returns: String,
    body: String,
}

/// Source lines without comments (line comments only: the crate uses no block comments).
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => l[..i].to_owned(),
            _ => l.to_owned(),
        })
        .collect()
}

fn exports() -> Vec<Export> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&src)
        .expect("bindings-c/src")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 4,
        "expected the binding's modules in {}",
        src.display()
    );
    let mut found = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = code_lines(&text);
        for (i, line) in lines.iter().enumerate() {
            let Some(at) = line.find("extern \"C\" fn ") else {
                continue;
            };
            let rest = &line[at + "extern \"C\" fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let attributes = lines[..i]
                .iter()
                .rev()
                .map(|l| l.trim())
                .take_while(|l| l.starts_with("#["))
                .map(str::to_owned)
                .collect();
            // The body: the first `{` after the parameter list, to its matching `}`.
            let joined = lines[i..].join("\n");
            let params = joined.find('(').expect("a parameter list");
            let mut parens = 0usize;
            let mut params_end = params;
            for (j, c) in joined[params..].char_indices() {
                match c {
                    '(' => parens += 1,
                    ')' => {
                        parens -= 1;
                        if parens == 0 {
                            params_end = params + j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let open = params_end + joined[params_end..].find('{').expect("a body");
            let returns = joined[params_end + 1..open]
                .trim()
                .trim_start_matches("->")
                .trim()
                .to_owned();
            let mut depth = 0usize;
            let mut end = open;
            for (j, c) in joined[open..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            found.push(Export {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                name,
                attributes,
                returns,
                body: joined[open + 1..end].trim().to_owned(),
            });
        }
    }
    found
}

#[test]
fn every_export_goes_through_the_boundary() {
    let exports = exports();
    let names: Vec<&str> = exports.iter().map(|e| e.name.as_str()).collect();
    for expected in [
        "doorstep_id_check",
        "doorstep_id_mask",
        "doorstep_string_free",
        "doorstep_last_error_status",
        "doorstep_last_error_code",
        "doorstep_last_error_message",
        "doorstep_last_error_params",
        "doorstep_version",
        "doorstep_engine_load",
        "doorstep_engine_free",
        "doorstep_catalog_lint",
        "doorstep_engine_matters",
        "doorstep_engine_bundles",
        "doorstep_engine_find_bundles",
        "doorstep_engine_form",
        "doorstep_engine_validate",
        "doorstep_engine_check",
        "doorstep_engine_prefill",
        "doorstep_engine_materials",
        "doorstep_engine_verify_stamp",
        "doorstep_engine_authorize",
        "doorstep_engine_verify_ledger",
        "doorstep_ledger_append",
        "doorstep_content_digest",
        "doorstep_case_decide",
        "doorstep_case_evolve",
        "doorstep_case_actions",
        "doorstep_case_deadline",
        "doorstep_case_replay",
        "doorstep_calendar_query",
        "doorstep_engine_calendar_query",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} not found in {names:?}"
        );
    }
    for export in &exports {
        let where_ = format!("{}: {}", export.file, export.name);
        assert!(
            export.name.starts_with("doorstep_"),
            "{where_}: exported names start with doorstep_"
        );
        assert!(
            export
                .attributes
                .iter()
                .any(|a| a == "#[unsafe(no_mangle)]"),
            "{where_}: exports are #[unsafe(no_mangle)]"
        );
        assert!(
            export.body.starts_with("ffi_boundary!("),
            "{where_}: the body must be one ffi_boundary!(...) call, found:\n{}",
            export.body
        );
        let boundary_end = export.body.rfind(')').expect("a closing parenthesis");
        let after = export.body[boundary_end + 1..].trim();
        assert!(
            after.is_empty() || after == ";",
            "{where_}: nothing may follow the boundary, found {after:?}"
        );
        assert_eq!(
            export.body.matches("ffi_boundary!(").count(),
            1,
            "{where_}: one boundary per export"
        );
    }
}

/// A status ignored is a failure unseen: the header marks every call that returns one
/// `DOORSTEP_MUST_USE` (from `#[must_use]`), so that a C compiler warns.
#[test]
fn every_status_must_be_used() {
    for export in exports() {
        if export.returns == "doorstep_status" {
            assert!(
                export.attributes.iter().any(|a| a == "#[must_use]"),
                "{}: {} returns a status but is not #[must_use]",
                export.file,
                export.name
            );
        }
    }
}

#[test]
fn nothing_else_is_exported_unmangled() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unmangled = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let lines = code_lines(&text);
        for (i, line) in lines.iter().enumerate() {
            if line.contains("no_mangle") || line.contains("export_name") {
                unmangled += 1;
                let item = lines[i + 1..]
                    .iter()
                    .find(|l| !l.trim_start().starts_with("#["))
                    .expect("an item after the attribute");
                assert!(
                    item.contains("extern \"C\" fn doorstep_"),
                    "only doorstep_* functions are exported unmangled, found: {item}"
                );
            }
        }
    }
    assert_eq!(
        unmangled,
        exports().len(),
        "every extern \"C\" fn is #[unsafe(no_mangle)]"
    );
}
