//! Any bytes as a case event stream (JSON Lines), against the test catalogue
//! `tests/fixtures/catalog/authority.json` (loaded once): decoding and replaying never
//! panic; every line is either an event or a coded refusal on that line; no message quotes
//! a long run of digits from the input; replaying twice gives the same report; and the
//! unchecked replay agrees on the cases of every stream the checked one accepts whole.
//!
//! Bytes that are not already JSON Lines also edit a valid four-event stream (a byte
//! changed, a line removed, repeated or moved), so that near-valid streams are checked too.
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use doorstep::Lang;
use doorstep::case::{self, decode_events};
use doorstep::engine::Engine;
use libfuzzer_sys::fuzz_target;

mod privacy;
use privacy::long_digit_run;

const CATALOG: &str = include_str!("../../tests/fixtures/catalog/authority.json");

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    Engine::load(CATALOG, at).expect("the test catalogue loads")
});

/// A valid stream: submitted, accepted, claimed, review started.
const STREAM: &str = concat!(
    r#"{"schema":1,"case":"HC-1","version":1,"clientId":"c1","actor":{"id":"u-lin","role":"applicant","org":"350205-001-01"},"channel":"window","at":"2025-09-30T09:00:00+08:00","kind":{"type":"submitted","matter":"MED-INSURE","matterVersion":1,"limitWorkingDays":0,"applicant":"u-lin","answer":{"applicantName":"林小红","applicantId":"350205199003071239","childName":"林一一"}}}"#,
    "\n",
    r#"{"schema":1,"case":"HC-1","version":2,"clientId":"c2","actor":{"id":"fd-01","role":"front_desk","org":"350205-001-01"},"channel":"window","at":"2025-09-30T09:10:00+08:00","kind":{"type":"accepted","backOffice":"350205-001-01"}}"#,
    "\n",
    r#"{"schema":1,"case":"HC-1","version":3,"clientId":"c3","actor":{"id":"bo-01","role":"back_office","org":"350205-001-01"},"channel":"window","at":"2025-10-09T09:00:00+08:00","kind":{"type":"claimed"}}"#,
    "\n",
    r#"{"schema":1,"case":"HC-1","version":4,"clientId":"c4","actor":{"id":"bo-01","role":"back_office","org":"350205-001-01"},"channel":"window","at":"2025-10-09T09:05:00+08:00","kind":{"type":"review_started"}}"#,
    "\n",
);

/// The valid stream edited by `data`: each pair of bytes picks an edit.
fn edited(data: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = STREAM.lines().map(|l| l.as_bytes().to_vec()).collect();
    for pair in data.chunks(2) {
        let (a, b) = (
            usize::from(pair.first().copied().unwrap_or(0)),
            pair.get(1).copied().unwrap_or(0),
        );
        if lines.is_empty() {
            break;
        }
        let at = a % lines.len();
        match a % 4 {
            0 => {
                if let Some(line) = lines.get_mut(at) {
                    let i = usize::from(b) % line.len().max(1);
                    if let Some(byte) = line.get_mut(i) {
                        *byte = b;
                    }
                }
            }
            1 => {
                lines.remove(at);
            }
            2 => {
                let copy = lines.get(at).cloned().unwrap_or_default();
                lines.push(copy);
            }
            _ => {
                let line = lines.remove(at);
                let to = usize::from(b) % (lines.len() + 1);
                lines.insert(to, line);
            }
        }
    }
    lines.join(&b'\n')
}

fuzz_target!(|data: &[u8]| {
    let stream = if data.first() == Some(&b'{') {
        data.to_vec()
    } else {
        edited(data)
    };
    let (events, problems) = decode_events(&stream);
    let lines = stream.split(|&b| b == b'\n').count();
    assert!(events.iter().all(|(line, _)| *line >= 1 && *line <= lines));
    assert!(
        problems
            .iter()
            .all(|(line, _)| *line >= 1 && *line <= lines)
    );

    let report = ENGINE.replay_jsonl_bytes(&stream, Lang::ZhCn);
    assert_eq!(report, ENGINE.replay_jsonl_bytes(&stream, Lang::ZhCn));
    for rejected in &report.rejected {
        assert!(rejected.line.is_some());
        assert!(!rejected.problem.message.is_empty());
        assert!(
            !long_digit_run(&rejected.problem.message),
            "{} quotes digits: {}",
            rejected.problem.code,
            rejected.problem.message
        );
    }
    let en = ENGINE.replay_jsonl_bytes(&stream, Lang::En);
    let codes = |r: &case::ReplayReport| -> Vec<String> {
        r.rejected.iter().map(|x| x.problem.code.clone()).collect()
    };
    assert_eq!(codes(&report), codes(&en));

    if report.rejected.is_empty() && problems.is_empty() {
        let plain: Vec<_> = events.into_iter().map(|(_, e)| e).collect();
        let unchecked = case::replay(&plain);
        assert!(unchecked.rejected.is_empty());
        assert_eq!(unchecked.cases.len(), report.cases.len());
        for c in &report.cases {
            assert_eq!(unchecked.cases.get(&c.id), Some(c));
        }
    }
});
