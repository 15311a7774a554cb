//! Invariants of the identifier checks, over generated values.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use doorstep::ids::{self, IdKind};
use doorstep::{Coded, Lang};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn at() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

/// Completes `body` with the one check character under which `kind` accepts it, if any.
/// The core is the oracle for *which* values are valid; the properties are about how it
/// treats everything around them.
fn complete(kind: IdKind, body: &str, alphabet: &str) -> Option<String> {
    alphabet
        .chars()
        .map(|c| format!("{body}{c}"))
        .find(|v| ids::check_as(kind, v, at()).is_ok())
}

prop_compose! {
    fn resident_id()(
        province in prop::sample::select(vec!["11", "31", "35", "44", "65", "81", "82", "83"]),
        rest in 0u32..10_000,
        days in 0u64..45_000,
        seq in 0u32..1000,
    ) -> Option<String> {
        let birth = NaiveDate::from_ymd_opt(1900, 1, 1)?.checked_add_days(chrono::Days::new(days))?;
        let address = match province { "81" | "82" | "83" => format!("{province}0000"), _ => format!("{province}{rest:04}") };
        complete(IdKind::ResidentId, &format!("{address}{}{seq:03}", birth.format("%Y%m%d")), "0123456789X")
    }
}

const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

prop_compose! {
    fn credit_code()(
        entity in prop::sample::select(vec!["11", "12", "31", "51", "52", "53", "91", "92", "93", "N2", "Y1"]),
        division in prop::sample::select(vec!["350205", "110000", "440300", "100000"]),
        org in prop::collection::vec(prop::sample::select(CREDIT_CHARSET.chars().collect::<Vec<_>>()), 8),
    ) -> Option<String> {
        let org: String = org.into_iter().collect();
        let org_code = complete(IdKind::OrgCode, &org, "0123456789X")?;
        complete(IdKind::CreditCode, &format!("{entity}{division}{org_code}"), CREDIT_CHARSET)
    }
}

/// Every single-character substitution of `valid` that changes its meaning is rejected.
fn every_substitution_is_rejected(kind: IdKind, valid: &str) -> Result<(), TestCaseError> {
    let replacements: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-*é".chars().collect();
    for (i, original) in valid.char_indices() {
        for &r in &replacements {
            if r.eq_ignore_ascii_case(&original) {
                continue; // a case change is a normalisation, not a change of value
            }
            let mut changed = valid.to_owned();
            changed.replace_range(i..=i, r.encode_utf8(&mut [0; 4]));
            prop_assert!(
                ids::check_as(kind, &changed, at()).is_err(),
                "{kind}: changing position {} to {r} was accepted",
                i + 1
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_single_character_change_breaks_a_resident_id(id in resident_id()) {
        if let Some(id) = id {
            every_substitution_is_rejected(IdKind::ResidentId, &id)?;
        }
    }

    #[test]
    fn a_single_character_change_breaks_a_credit_code(code in credit_code()) {
        if let Some(code) = code {
            every_substitution_is_rejected(IdKind::CreditCode, &code)?;
        }
    }

    #[test]
    fn normalising_twice_equals_normalising_once(
        value in prop_oneof![
            resident_id().prop_map(|v| v.unwrap_or_default().to_lowercase()),
            credit_code().prop_map(|v| v.unwrap_or_default().to_lowercase()),
            "[0-9]{6}[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}",
            "(\\+86|0086|86)? ?1[3-9][0-9] ?[0-9]{4}-?[0-9]{4}",
            "\\(?0[1-9][0-9]{1,2}\\)? ?[2-9][0-9]{6,7}",
            "[0-9 ]{16,22}",
            "[0-9A-Za-z]{8}-?[0-9Xx]",
        ]
    ) {
        if let Ok(once) = ids::check(&value, None, at()) {
            let twice = ids::check_as(once.kind, &once.normalized, at());
            prop_assert_eq!(twice.map(|f| f.normalized), Ok(once.normalized));
        }
    }

    #[test]
    fn any_input_gives_facts_or_coded_problems_that_never_quote_it(value in "\\PC{0,80}", kind in prop::option::of(prop::sample::select(IdKind::ALL.to_vec()))) {
        let report = ids::report(&value, kind, at(), Lang::ZhCn);
        prop_assert_eq!(report.valid, report.errors.is_empty());
        prop_assert_eq!(report.valid, report.facts.is_some());
        // Only number-like input can be personal data ("expect" does occur in messages).
        let trimmed = value.trim();
        let number_like = trimmed.bytes().filter(u8::is_ascii_digit).count() >= 6;
        for problem in &report.errors {
            prop_assert!(problem.code.starts_with("id."));
            prop_assert!(!number_like || !problem.message.contains(trimmed));
        }
        let debug = format!("{report:?}");
        prop_assert!(trimmed.chars().count() < 14 || !debug.contains(trimmed));
    }

    #[test]
    fn errors_read_the_same_in_both_languages_by_code(value in "[0-9Xx]{0,20}") {
        if let Err(errors) = ids::check_as(IdKind::ResidentId, &value, at()) {
            for e in errors {
                prop_assert_eq!(e.to_problem(Lang::ZhCn).code, e.to_problem(Lang::En).code);
                prop_assert_ne!(e.message(Lang::ZhCn), e.message(Lang::En));
            }
        }
    }
}
