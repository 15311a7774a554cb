//! Any bytes, as any kind or detected: the identifier parser never panics, a valid value
//! normalises to a fixed point, and no problem message quotes the input.
#![no_main]

use chrono::NaiveDate;
use doorstep::ids::{self, IdKind};
use doorstep::{Coded, Lang};
use libfuzzer_sys::fuzz_target;

mod privacy;
use privacy::long_digit_run;

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
            // Only a long number can be personal data: a word such as "expect" may well occur
            // in an English message (the fuzzer's first finding), and so may a copy of a whole
            // message with its small counts, "expected 18 or 15 characters, got 50" (CI's).
            let trimmed = value.trim();
            let personal = long_digit_run(trimmed);
            for e in errors {
                for lang in [Lang::ZhCn, Lang::En] {
                    let message = e.message(lang);
                    assert!(!long_digit_run(&message), "{message}");
                    assert!(!personal || !message.contains(trimmed), "{message}");
                }
            }
        }
    }
    let report = ids::report(&value, kind, at, Lang::En);
    let _ = serde_json::to_string(&report).expect("report serialises");
});
