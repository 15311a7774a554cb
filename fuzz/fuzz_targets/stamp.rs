//! Any bytes as a stamp and as a 用印台账, against the registry of the test catalogue
//! `tests/fixtures/catalog/authority.json` (loaded once): reading, verifying and appending
//! never panic; no message quotes a long run of digits from the input (an ID or phone
//! number); a verdict is the same twice and has the same codes in both languages; a stamp
//! that reads is appended to a ledger that verifies; and a ledger that differs from a valid
//! one is never valid against the kept head.
//!
//! Bytes that are JSON are the stamp and the ledger. Other bytes edit a valid stamp and a
//! valid five-entry ledger instead, so that near-valid input — which random bytes seldom
//! are — is checked too: each pair of bytes either sets a stamp field to a value from a
//! palette (codes of the registry, instants around revocations and suspensions, digests of
//! nothing, ID numbers, wrong types, …), or edits the ledger (a byte changed, a line
//! removed, repeated or moved).
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use doorstep::authority::Stamp;
use doorstep::authority::ledger::{HashAlg, LedgerHead, StampLedger};
use doorstep::engine::Engine;
use doorstep::{Coded, Lang};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const CATALOG: &str = include_str!("../../tests/fixtures/catalog/authority.json");

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let at = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    Engine::load(CATALOG, at).expect("the test catalogue loads")
});

/// A valid stamp of an entrusted station.
fn template() -> Value {
    json!({
        "seal": "seal-st1",
        "case": "HC-2025-000001",
        "matter": "MED-INSURE",
        "step": "decide",
        "operator": { "id": "op-0101", "role": "back_office" },
        "acceptedBy": "op-0102",
        "place": "350205-001-01",
        "at": "2025-05-01T10:00:00+08:00",
        "digest": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    })
}

/// A valid ledger of five stamps (lines without newlines) and its head: the station
/// receiving, accepting and deciding, the street centre's seal at the station, and at home.
static LEDGER: LazyLock<(Vec<String>, LedgerHead)> = LazyLock::new(|| {
    let entries: [&[(&str, Value)]; 5] = [
        &[("step", json!("receive"))],
        &[("step", json!("accept"))],
        &[("case", json!("HC-2025-000002"))],
        &[
            ("seal", json!("seal-street")),
            ("matter", json!("HUKOU-BIRTH")),
        ],
        &[
            ("seal", json!("seal-street")),
            ("place", json!("350205-001")),
        ],
    ];
    let mut ledger = StampLedger::new(HashAlg::Sha256);
    let mut lines = Vec::new();
    for edits in entries {
        let mut stamp = template();
        for (key, value) in edits {
            stamp[*key] = value.clone();
        }
        let parsed: Stamp = serde_json::from_value(stamp.clone()).expect("a stamp");
        assert!(ENGINE.verify_stamp(&parsed).is_valid(), "{stamp}");
        lines.push(ledger.append(parsed).expect("SHA-256"));
    }
    let text = lines.join("\n") + "\n";
    let head = ledger.head().clone();
    assert!(ENGINE.verify_ledger(&text, Some(&head), Lang::ZhCn).valid);
    (lines, head)
});

const PLACES: [&str; 12] = [
    "/seal",
    "/case",
    "/matter",
    "/step",
    "/act",
    "/operator/id",
    "/operator/role",
    "/acceptedBy",
    "/place",
    "/at",
    "/digest",
    "/signature",
];

static PALETTE: LazyLock<Vec<Value>> = LazyLock::new(|| {
    json!([
        "seal-st1", "seal-st2", "seal-st3", "seal-street", "seal-street-official", "seal-yb",
        "seal-st1-2023", "seal-none", "", " ", "MED-INSURE", "BIRTH-CERT", "HUKOU-BIRTH",
        "NO-SUCH-MATTER", "receive", "accept", "review", "decide", "deliver", "sign",
        "ordinary", "revocation", "cancellation", "op-0101", "op-0102", "front_desk",
        "back_office", "station_chief", "supervisor", "proxy", "applicant", "system",
        "350205-001-01", "350205-001-02", "350205-001", "350205-YB", "350205-009",
        "2025-05-01T10:00:00+08:00", "2025-06-01T00:00:00+08:00", "2025-05-31T23:59:59+08:00",
        "2025-05-31T16:00:00Z", "2025-03-15T10:00:00+08:00", "2024-12-31T16:00:00Z",
        "2023-12-29T10:00:00+08:00", "2027-01-01T00:00:00+08:00", "2025-05-01T10:00:00",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
        "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
        "350205199003071239", "13912345678", "6217001234567890122",
        "字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字",
        350_205_199_003_071_239_u64, 13_912_345_678_u64, 0, -1, 1.5, true, null, [], {}
    ])
    .as_array()
    .cloned()
    .unwrap_or_default()
});

/// Runs of at least 11 digits (a phone number's length; ID numbers are longer) in `text`.
fn digit_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() >= 11)
        .collect()
}

fn assert_no_echo(input: &str, message: &str, code: &str) {
    for run in digit_runs(input) {
        assert!(
            !message.contains(run),
            "{code}: the message quotes {run} from the input: {message}"
        );
    }
}

/// A stamp's text: verify it, check its messages, append it to a ledger and verify that.
fn check_stamp(text: &str) {
    let stamp = match Stamp::from_json(text) {
        Ok(stamp) => stamp,
        Err(e) => {
            for lang in [Lang::ZhCn, Lang::En] {
                assert_no_echo(text, &e.message(lang), e.code());
            }
            return;
        }
    };
    let verdict = ENGINE.verify_stamp(&stamp);
    assert_eq!(
        verdict,
        ENGINE.verify_stamp(&stamp),
        "verification is deterministic"
    );
    let zh = verdict.report(Lang::ZhCn);
    let en = verdict.report(Lang::En);
    assert_eq!(zh.valid, verdict.failures.is_empty());
    assert_eq!(
        zh.failures.iter().map(|p| &p.code).collect::<Vec<_>>(),
        en.failures.iter().map(|p| &p.code).collect::<Vec<_>>()
    );
    for p in zh.failures.iter().chain(&en.failures) {
        assert!(!p.message.is_empty());
        assert_no_echo(text, &p.message, &p.code);
    }
    // Recorded in a ledger, the stamp's entry is intact; it is flagged iff it is invalid.
    let mut ledger = StampLedger::new(HashAlg::Sha256);
    let line = ledger.append(stamp).expect("SHA-256 is always there");
    let report = ENGINE.verify_ledger(&(line + "\n"), Some(ledger.head()), Lang::En);
    let codes: Vec<&str> = report
        .problems
        .iter()
        .map(|p| p.problem.code.as_str())
        .collect();
    let expected: &[&str] = if zh.valid {
        &[]
    } else {
        &["ledger.invalid_stamp"]
    };
    assert_eq!(codes, expected, "a freshly appended entry");
}

/// A ledger's text: verify it without and with the head it ends at; check its messages.
fn check_ledger(text: &str, kept: Option<&LedgerHead>) -> bool {
    let lines = text.strip_suffix('\n').unwrap_or(text).split('\n').count();
    let report = ENGINE.verify_ledger(text, kept, Lang::ZhCn);
    assert_eq!(report.valid, report.problems.is_empty());
    for p in &report.problems {
        assert!(
            p.line >= 1 && p.line <= lines.max(1),
            "line {} of {lines}",
            p.line
        );
        assert!(!p.problem.message.is_empty());
        assert_no_echo(text, &p.problem.message, &p.problem.code);
    }
    if kept.is_none() {
        // Against the head it ends at, nothing more is wrong.
        let again = ENGINE.verify_ledger(text, Some(&report.head), Lang::ZhCn);
        assert_eq!(again.problems, report.problems);
    }
    report.valid
}

/// The template stamp and the five-entry ledger, edited by `data`, two bytes an edit.
fn edited(data: &[u8]) -> (String, String) {
    let (lines, _) = &*LEDGER;
    let mut stamp = template();
    let mut lines = lines.clone();
    for pair in data.chunks(2) {
        let (a, b) = (
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        );
        let a = usize::from(a);
        let b = usize::from(b);
        if a < 128 {
            let place = PLACES[a % PLACES.len()];
            let value = PALETTE[b % PALETTE.len()].clone();
            if let Some((parent, key)) = place.rsplit_once('/')
                && let Some(object) = stamp.pointer_mut(parent).and_then(Value::as_object_mut)
            {
                object.insert(key.to_owned(), value);
            }
            continue;
        }
        if lines.is_empty() {
            continue;
        }
        let i = b % lines.len();
        match a % 4 {
            0 => {
                // Byte `b` of line `i`, rotated by the edit's first byte (ASCII stays ASCII).
                let mut bytes = lines[i].clone().into_bytes();
                let at = (b * 7 + a) % bytes.len().max(1);
                if let Some(byte) = bytes.get_mut(at) {
                    *byte = 0x20 + (*byte - 0x20 + u8::try_from(a % 90).unwrap_or(1) + 1) % 95;
                }
                lines[i] = String::from_utf8(bytes).unwrap_or_default();
            }
            1 => {
                lines.remove(i);
            }
            2 => {
                let copy = lines[i].clone();
                let to = (i + a) % (lines.len() + 1);
                lines.insert(to, copy);
            }
            _ => {
                let j = (i + a) % lines.len();
                lines.swap(i, j);
            }
        }
    }
    let ledger = if lines.is_empty() {
        String::new()
    } else {
        lines.join("\n") + "\n"
    };
    (stamp.to_string(), ledger)
}

fuzz_target!(|data: &[u8]| {
    let (lines, head) = &*LEDGER;
    let original = lines.join("\n") + "\n";
    let text = String::from_utf8_lossy(data);
    if serde_json::from_str::<Value>(&text).is_ok() || data.first() == Some(&b'{') {
        check_stamp(&text);
        check_ledger(&text, None);
        let with_head = format!("{original}{text}");
        assert!(!check_ledger(&with_head, Some(head)) || with_head == original);
        return;
    }
    let (stamp, ledger) = edited(data);
    check_stamp(&stamp);
    check_ledger(&ledger, None);
    // Against the kept head, any ledger but the original is found out.
    let valid = check_ledger(&ledger, Some(head));
    assert_eq!(
        valid,
        ledger == original,
        "an edited ledger verified:\n{ledger}"
    );
});
