//! Writes the sample 用印台账 shipped beside the sample catalogue: `catalogs/haicang.ledger.jsonl`
//! (one hash-chained entry per line) and `catalogs/haicang.ledger.head.json` (the kept head:
//! entry count and last hash).
//!
//! The stamps are drawn deterministically (a fixed-seed `SplitMix64`) from what the
//! catalogue's registry lets each organisation do: station approval seals under 委托 and
//! 窗口前移, street centres under 下放 and 授权, departments on their own authority with
//! their official seals. Every stamp is verified before it is appended, so the ledger is
//! valid; times fall in 2025 working hours (China Standard Time, working days of the
//! State Council's 2025 arrangement); digests are SHA-256 of a synthetic document; operators
//! are staff numbers such as `HC01-007`, never ID numbers.
//!
//! Run: `cargo run -p doorstep --example sample_ledger` (the authority tests check that the
//! committed files are what it writes).

use std::collections::BTreeSet;
use std::process::ExitCode;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use doorstep::authority::ledger::{HashAlg, LedgerHead, StampLedger};
use doorstep::authority::{Operator, Role, SealKind, SealStatus, Stamp, StampAct, Step};
use doorstep::calendar::WorkCalendar;
use doorstep::catalog::OrgLevel;
use doorstep::engine::Engine;

/// Number of entries written.
pub const ENTRIES: usize = 1_200;
/// The PRNG's seed.
const SEED: u64 = 0x4843_5F32_3032_355F; // "HC_2025_"
/// The date the catalogue is loaded as of (it only dates the catalogue's lint).
pub const LOAD_DATE: (i32, u32, u32) = (2026, 11, 25);
/// Where the catalogue and the ledger live, relative to the workspace root.
pub const CATALOG: &str = "catalogs/haicang.json";
/// The ledger, one entry per line.
pub const LEDGER: &str = "catalogs/haicang.ledger.jsonl";
/// The kept head.
pub const HEAD: &str = "catalogs/haicang.ledger.head.json";

/// `SplitMix64`: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next() % n).unwrap_or(0)
    }

    /// One of `items`.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Something an organisation may do: stamp `step` of `matter`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Act {
    org: String,
    matter: String,
    step: Step,
}

/// Every act the registry allows (each once, in a fixed order), and the departments' own.
fn acts(engine: &Engine) -> Vec<Act> {
    let catalog = engine.catalog();
    let mut acts = BTreeSet::new();
    for grant in &catalog.authority.grants {
        for matter in &grant.matters {
            for &step in &grant.steps {
                acts.insert(Act {
                    org: grant.agent.clone(),
                    matter: matter.clone(),
                    step,
                });
            }
        }
    }
    for matter in &catalog.matters {
        let handled_there = matter
            .levels
            .iter()
            .any(|l| matches!(l, OrgLevel::Department | OrgLevel::District));
        if handled_there {
            for step in Step::ALL {
                acts.insert(Act {
                    org: matter.department.clone(),
                    matter: matter.code.clone(),
                    step,
                });
            }
        }
    }
    acts.into_iter().collect()
}

/// The staff number of officer `n` of `org`: `HC01-007` at station HC-01, `HC00-003` at
/// the HC street centre, `RS-012` at a department.
fn staff(org: &str, level: OrgLevel, n: usize) -> String {
    let parts: Vec<&str> = org.split('-').skip(1).collect();
    match (level, parts.as_slice()) {
        (OrgLevel::Community, [street, station]) => format!("{street}{station}-{n:03}"),
        (OrgLevel::Street, [street]) => format!("{street}00-{n:03}"),
        (_, [unit, ..]) => format!("{unit}-{n:03}"),
        _ => format!("HC-{n:03}"),
    }
}

/// The officer's role for a step.
fn role_for(step: Step, rng: &mut Rng) -> Role {
    match step {
        Step::Receive | Step::Accept | Step::Deliver => Role::FrontDesk,
        Step::Review => Role::BackOffice,
        Step::Decide => {
            if rng.below(3) == 0 {
                Role::StationChief
            } else {
                Role::BackOffice
            }
        }
    }
}

/// Sorted stamping times: working days of 2025, 08:30–12:00 and 14:30–17:30 CST.
fn times(rng: &mut Rng, n: usize) -> Result<Vec<DateTime<FixedOffset>>, String> {
    let calendar = WorkCalendar::china();
    let cst = FixedOffset::east_opt(8 * 3600).ok_or("offset")?;
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    let days: Vec<NaiveDate> = (0..365)
        .map(|d| first + Duration::days(d))
        .filter(|d| d.year() == 2025 && calendar.is_working_day(*d).unwrap_or(false))
        .collect();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let day = *rng.pick(&days).ok_or("no working day")?;
        // 210 morning minutes, then 180 afternoon ones.
        let minute = rng.below(390);
        let minute = if minute < 210 {
            8 * 60 + 30 + minute
        } else {
            14 * 60 + 30 + (minute - 210)
        };
        let second = rng.below(60);
        let at = day
            .and_hms_opt(
                u32::try_from(minute / 60).map_err(|e| e.to_string())?,
                u32::try_from(minute % 60).map_err(|e| e.to_string())?,
                u32::try_from(second).map_err(|e| e.to_string())?,
            )
            .ok_or("time")?;
        out.push(cst.from_local_datetime(&at).single().ok_or("local time")?);
    }
    out.sort();
    Ok(out)
}

/// Draws one valid stamp at `at`, or `None` after many tries.
fn draw(
    engine: &Engine,
    acts: &[Act],
    rng: &mut Rng,
    at: DateTime<FixedOffset>,
    serial: usize,
) -> Option<Stamp> {
    let catalog = engine.catalog();
    for _ in 0..10_000 {
        let act = rng.pick(acts)?;
        let Some(level) = catalog
            .orgs
            .iter()
            .find(|o| o.code == act.org)
            .map(|o| o.level)
        else {
            continue;
        };
        let official = level == OrgLevel::Department
            || (level == OrgLevel::Street && act.step == Step::Decide && rng.below(10) == 0);
        let kind = if official {
            SealKind::Official
        } else {
            SealKind::Approval
        };
        let seals: Vec<_> = catalog
            .authority
            .seals
            .iter()
            .filter(|s| {
                s.owner == act.org && s.kind == kind && s.status_at(at).0 == SealStatus::Active
            })
            .collect();
        let Some(seal) = rng.pick(&seals) else {
            continue;
        };
        // Mostly at home; a seal allowed at the street centre is taken there now and then.
        let place = if seal.premises.len() > 1 && rng.below(5) == 0 {
            seal.premises.get(1)
        } else {
            None
        }
        .unwrap_or(&seal.owner)
        .clone();
        let act_kind = if official && act.step == Step::Decide && rng.below(4) == 0 {
            if rng.below(2) == 0 {
                StampAct::Revocation
            } else {
                StampAct::Cancellation
            }
        } else {
            StampAct::Ordinary
        };
        let operator = staff(&act.org, level, 1 + rng.below(12));
        let accepted_by = matches!(act.step, Step::Review | Step::Decide).then(|| {
            // Someone else accepted the case (审管分离 where the matter demands it).
            let mut other = staff(&act.org, level, 1 + rng.below(12));
            if other == operator {
                other = staff(&act.org, level, 13);
            }
            other
        });
        let case = format!("{}-2025-{serial:05}", act.org);
        let matter_name = catalog
            .matters
            .iter()
            .find(|m| m.code == act.matter)
            .map_or("", |m| m.name.as_str());
        let document = format!(
            "{case}｜{matter_name}｜{}｜{}｜第 {serial} 号文书",
            act.step.name(doorstep::Lang::ZhCn),
            at.to_rfc3339()
        );
        let stamp = Stamp {
            seal: seal.code.clone(),
            case,
            matter: act.matter.clone(),
            step: act.step,
            act: act_kind,
            operator: Operator {
                id: operator,
                role: role_for(act.step, rng),
            },
            accepted_by,
            place,
            at,
            digest: HashAlg::Sha256.hex_digest(document.as_bytes())?,
        };
        if engine.verify_stamp(&stamp).is_valid() {
            return Some(stamp);
        }
    }
    None
}

/// The sample ledger (its text, one entry per line with a final newline) and its head.
pub fn generate(engine: &Engine) -> Result<(String, LedgerHead), String> {
    let mut rng = Rng(SEED);
    let acts = acts(engine);
    let mut ledger = StampLedger::new(HashAlg::Sha256);
    let mut text = String::new();
    for (serial, at) in times(&mut rng, ENTRIES)?.into_iter().enumerate() {
        let stamp = draw(engine, &acts, &mut rng, at, serial + 1)
            .ok_or_else(|| format!("no valid stamp at {at}"))?;
        let line = ledger.append(stamp).map_err(|e| e.to_string())?;
        text.push_str(&line);
        text.push('\n');
    }
    Ok((text, ledger.head().clone()))
}

/// The kept head as written to its file.
pub fn head_text(head: &LedgerHead) -> Result<String, String> {
    serde_json::to_string_pretty(head)
        .map(|t| t + "\n")
        .map_err(|e| e.to_string())
}

/// The workspace root.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default()
}

/// The sample catalogue, loaded.
pub fn load_engine() -> Result<Engine, String> {
    let text =
        std::fs::read_to_string(root().join(CATALOG)).map_err(|e| format!("{CATALOG}: {e}"))?;
    let (y, m, d) = LOAD_DATE;
    let at = NaiveDate::from_ymd_opt(y, m, d).ok_or("date")?;
    Engine::load(&text, at).map_err(|e| format!("{CATALOG}: {e}"))
}

fn run() -> Result<(), String> {
    let engine = load_engine()?;
    let (text, head) = generate(&engine)?;
    std::fs::write(root().join(LEDGER), &text).map_err(|e| format!("{LEDGER}: {e}"))?;
    std::fs::write(root().join(HEAD), head_text(&head)?).map_err(|e| format!("{HEAD}: {e}"))?;
    println!("{LEDGER}: {} entries; head {}", head.entries, head.hash);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sample_ledger: {e}");
            ExitCode::FAILURE
        }
    }
}
