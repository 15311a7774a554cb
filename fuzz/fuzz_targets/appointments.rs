//! Any bytes as an appointment decide request, and its event as an evolve request, against
//! the test catalogue `tests/fixtures/catalog/authority.json` (loaded once): reading never
//! panics and a request that cannot be read is an `input.*` error; a decision is an event
//! or a coded refusal with a message; an accepted event applies to the book it was decided
//! against, and the book after it reads back as the same book (evolve never writes a book
//! that fails the checks a book is read with); a refusal's message quotes no long run of
//! digits.
//!
//! Bytes that do not start a JSON object edit a valid request (a byte changed per pair of
//! bytes), so that near-valid requests are checked too.
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use doorstep::appointment::{
    AppointmentBook, AppointmentDecideRequest, AppointmentDecision, AppointmentEvolution,
    AppointmentEvolveRequest,
};
use doorstep::engine::Engine;
use doorstep::{Coded, Lang};
use libfuzzer_sys::fuzz_target;

mod privacy;
use privacy::long_digit_run;

const CATALOG: &str = include_str!("../../tests/fixtures/catalog/authority.json");

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let at = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    Engine::load(CATALOG, at).expect("the test catalogue loads")
});

/// A valid request: a book with a weekday slot holding one appointment, and a booking.
const REQUEST: &str = r#"{"book":{"slots":[{"id":"wed","station":"350205-001-01","date":"2025-05-07","start":"18:00:00","end":"19:00:00","capacity":2},{"id":"sat","station":"350205-001-01","date":"2025-05-10","start":"18:00:00","end":"19:00:00","capacity":5,"extendedHours":true}],"appointments":[{"id":"a0","slot":"wed","applicant":"u-0","matter":"MED-INSURE","status":"booked"}]},"command":{"type":"book","id":"a1","slot":"wed","applicant":"u-1","matter":"MED-INSURE","specialGroups":["elderly"]},"at":"2025-05-06T10:00:00+08:00"}"#;

/// The valid request edited by `data`: each pair of bytes sets one byte.
fn edited(data: &[u8]) -> Vec<u8> {
    let mut text = REQUEST.as_bytes().to_vec();
    for pair in data.chunks(2) {
        let (at, byte) = (
            usize::from(pair.first().copied().unwrap_or(0)) * 2,
            pair.get(1).copied().unwrap_or(b' '),
        );
        let len = text.len();
        if let Some(b) = text.get_mut(at % len) {
            *b = byte;
        }
    }
    text
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.first() == Some(&b'{') {
        data.to_vec()
    } else {
        edited(data)
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return;
    };
    let request = match AppointmentDecideRequest::from_json(text) {
        Ok(request) => request,
        Err(e) => {
            assert!(e.code().starts_with("input."), "{}", e.code());
            return;
        }
    };
    match ENGINE.decide_appointment(&request, Lang::ZhCn) {
        AppointmentDecision::Refused { error } => {
            assert!(error.code.starts_with("appointment."), "{}", error.code);
            assert!(!error.message.is_empty());
            assert!(!long_digit_run(&error.message), "{}", error.message);
        }
        AppointmentDecision::Accepted { event } => {
            let evolve = serde_json::json!({"book": request.book, "event": event}).to_string();
            let evolve = AppointmentEvolveRequest::from_json(&evolve).expect("the book reads back");
            let AppointmentEvolution::Applied { book } = evolve.run(Lang::En) else {
                panic!("an event decide gave is refused");
            };
            let written = serde_json::to_string(&book).expect("a book is JSON");
            let read: AppointmentBook =
                serde_json::from_str(&written).expect("the book reads back");
            assert_eq!(read, book);
        }
    }
});
