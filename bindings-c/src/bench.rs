//! The Rust side of the C benchmark (`tests/c/bench_validate.c`, run by `tests/c/run.sh`):
//! validating the 出生一件事 (birth bundle) answer, the merged 填单示范, with the same engine
//! call the C export makes. An ignored test, run in release:
//!
//! `cargo test --release -p doorstep-c --lib bench_validate -- --ignored --nocapture`
//!
//! Prints, in nanoseconds per call (the mean of the fastest of 5 rounds):
//! - `rust_engine_validate_ns`: `Engine::validate` with the answer already parsed;
//! - `rust_text_validate_ns`: the same work as the C call, text in (parsed as the binding
//!   parses it) and the report serialised to JSON text;
//! - `rust_ffi_validate_ns`: `doorstep_engine_validate` itself, called from Rust.
//!
//! Asserts nothing about time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ffi::{CString, c_char};
use std::hint::black_box;
use std::ptr;
use std::time::Instant;

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::engine::{Engine, Target};
use doorstep::input::{self, MAX_ANSWER_BYTES};
use serde_json::Value;

use crate::engine::{doorstep_engine, doorstep_engine_validate};
use crate::error::doorstep_status;
use crate::strings::doorstep_string_free;

/// The fastest mean of 5 rounds of `iterations` calls, in nanoseconds.
fn best_of_5(iterations: u32, mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(iterations)
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
#[ignore = "a benchmark: run in release with --ignored --nocapture"]
fn bench_validate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = std::env::var("DOORSTEP_BENCH_CATALOG")
        .map_or_else(|_| root.join("catalogs/haicang.json"), Into::into);
    let iterations: u32 = std::env::var("DOORSTEP_BENCH_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let text = std::fs::read_to_string(&catalog).unwrap();
    let engine = Engine::load(&text, at).unwrap();
    let target = Target::bundle("birth");
    let answer: Value = engine.form(&target, at).unwrap().example.clone();
    let answer_text = serde_json::to_string(&answer).unwrap();
    assert!(
        engine
            .validate(&target, &answer, at, Lang::ZhCn)
            .unwrap()
            .form
            .valid
    );

    let pure = best_of_5(iterations, || {
        black_box(engine.validate(&target, black_box(&answer), at, Lang::ZhCn)).unwrap();
    });
    let text_in_out = best_of_5(iterations, || {
        let target: Target =
            input::parse_json(black_box(r#"{"bundle": "birth"}"#), MAX_ANSWER_BYTES).unwrap();
        let answer: Value = input::parse_json(black_box(&answer_text), MAX_ANSWER_BYTES).unwrap();
        let report = engine.validate(&target, &answer, at, Lang::ZhCn).unwrap();
        black_box(serde_json::to_string(&report).unwrap());
    });

    let catalog_c = CString::new(text).unwrap();
    let mut handle: *mut doorstep_engine = ptr::null_mut();
    // SAFETY: a C string and a local out-parameter.
    let status = unsafe {
        crate::engine::doorstep_engine_load(
            catalog_c.as_ptr(),
            c"2026-11-25".as_ptr(),
            &raw mut handle,
        )
    };
    assert_eq!(status, doorstep_status::DOORSTEP_OK);
    let answer_c = CString::new(answer_text).unwrap();
    let ffi = best_of_5(iterations, || {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: a live engine, C strings and a local out-parameter.
        let status = unsafe {
            doorstep_engine_validate(
                handle,
                c"{\"bundle\": \"birth\"}".as_ptr(),
                answer_c.as_ptr(),
                c"2026-11-25".as_ptr(),
                c"zh-CN".as_ptr(),
                &raw mut out,
            )
        };
        assert_eq!(status, doorstep_status::DOORSTEP_OK);
        // SAFETY: written by the successful call; freed once.
        unsafe { doorstep_string_free(out) };
    });
    // SAFETY: loaded above, freed once.
    unsafe { crate::engine::doorstep_engine_free(handle) };
    println!("rust_engine_validate_ns {pure:.0}");
    println!("rust_text_validate_ns {text_in_out:.0}");
    println!("rust_ffi_validate_ns {ffi:.0}");
}
