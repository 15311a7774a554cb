//! Any bytes, as any kind or detected: the identifier parser never panics, a valid value
//! normalises to a fixed point, and no problem message quotes the input.
#![no_main]

use chrono::NaiveDate;
use doorstep::ids::{self, IdKind};
use doorstep::{Coded, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let value = String::from_utf8_lossy(rest);
    let kind = IdKind::ALL.get(usize::from(selector) % 9).copied();
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    match ids::check(&value, kind, at) {
        Ok(facts) => {
            let again = ids::check_as(facts.kind, &facts.normalized, at)
                .expect("normalised value stays valid");
            assert_eq!(again.normalized, facts.normalized);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            // Only number-like input can be personal data; a word such as "expect" may well
            // occur in an English message (the fuzzer's first finding).
            let trimmed = value.trim();
            let number_like = trimmed.bytes().filter(u8::is_ascii_digit).count() >= 6;
            for e in errors {
                for lang in [Lang::ZhCn, Lang::En] {
                    assert!(!number_like || !e.message(lang).contains(trimmed));
                }
            }
        }
    }
    let report = ids::report(&value, kind, at, Lang::En);
    let _ = serde_json::to_string(&report).expect("report serialises");
});
