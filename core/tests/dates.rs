//! Dates and times as every document is read (the serde readers of the vendored chrono,
//! `vendor/chrono/PATCHED.md`), held to chrono's own `FromStr` — the upstream parser, still
//! in the crate — over the forms they read: the same values, the same refusals (impossible
//! dates, hours, offsets, leap seconds). Outside those forms the readers are stricter, on
//! purpose: one date form everywhere, as `arg.invalid_date` already asks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::json;

/// `text` read as a JSON string into `T`, as a document's field is.
fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(json!(text)).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Dates `YYYY-MM-DD`, possible or not (month 13, 30 February, 29 February of a
    /// common year), as chrono and the core's own date reader (`parse_date`) read them.
    #[test]
    fn dates_read_as_chrono_reads_them(s in "[0-9]{4}-(0[0-9]|1[0-3])-[0-3][0-9]") {
        let ours: Option<NaiveDate> = read(&s);
        prop_assert_eq!(ours, s.parse::<NaiveDate>().ok());
        prop_assert_eq!(ours, doorstep::calendar::parse_date(&s));
    }

    /// Times of day with and without seconds and fractions (up to twelve digits, of which
    /// nine count), hours and minutes out of range, leap seconds.
    #[test]
    fn times_read_as_chrono_reads_them(s in "[0-2][0-9]:[0-6][0-9](:[0-6][0-9](\\.[0-9]{1,12})?)?") {
        prop_assert_eq!(read::<NaiveTime>(&s), s.parse::<NaiveTime>().ok());
    }

    /// RFC 3339 date-times with each separator and offset form the reader takes, offsets
    /// out of range included.
    #[test]
    fn date_times_read_as_chrono_reads_them(
        s in "20[0-9]{2}-(0[0-9]|1[0-3])-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,12})?(Z|z|UTC|utc|[+-][0-2][0-9]:?[0-6][0-9])"
    ) {
        prop_assert_eq!(
            read::<DateTime<FixedOffset>>(&s),
            s.parse::<DateTime<FixedOffset>>().ok()
        );
    }

    /// What is written is read back: any instant, at any whole-minute offset.
    #[test]
    fn written_date_times_read_back(
        seconds in -2_000_000_000_i64..5_000_000_000,
        nanos in prop_oneof![Just(0_u32), 0_u32..1_000_000_000],
        offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
    ) {
        let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let t = DateTime::from_timestamp(seconds, nanos).unwrap().with_timezone(&offset);
        let text = serde_json::to_value(t).unwrap();
        prop_assert_eq!(serde_json::from_value::<DateTime<FixedOffset>>(text).ok(), Some(t));
    }
}

/// Forms chrono's relaxed parser takes and the readers do not: one form per value.
#[test]
fn only_the_written_forms_are_read() {
    for date in [
        "2024-1-1",
        " 2024-01-01",
        "2024-01-01 ",
        "+2024-01-01",
        "2024 - 01 - 01",
    ] {
        assert!(date.parse::<NaiveDate>().is_ok(), "{date}: chrono takes it");
        assert_eq!(read::<NaiveDate>(date), None, "{date}");
    }
    for time in [
        "2025-09-01T09:00:00 +08:00",
        "2025-09-01T9:00:00+08:00",
        "2025-09-01T09:00:00 Z",
    ] {
        assert!(
            time.parse::<DateTime<FixedOffset>>().is_ok(),
            "{time}: chrono takes it"
        );
        assert_eq!(read::<DateTime<FixedOffset>>(time), None, "{time}");
    }
    let read_back: DateTime<FixedOffset> = read("2025-09-01T09:30:00.5+08:00").unwrap();
    assert_eq!(read_back.to_rfc3339(), "2025-09-01T09:30:00.500+08:00");
}
