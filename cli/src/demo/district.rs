//! The simulated district: the sample catalogue with one grant revoked midway, its stations,
//! the matters each station takes in, who works where, and the stamps of decisions.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone};
use doorstep::authority::ledger::HashAlg;
use doorstep::authority::{
    GrantMode, Operator, Revocation, Role, SealKind, SealStatus, Stamp, StampAct, Step,
};
use doorstep::catalog::{Catalog, Matter, OrgLevel};
use doorstep::engine::{Engine, Target};
use serde_json::Value;

/// The sample catalogue, compiled in so that the demo runs from anywhere.
const SAMPLE: &str = include_str!("../../../catalogs/haicang.json");

/// `SplitMix64`: small, fast, the same on every platform.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0; the modulo bias is irrelevant here).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// An index into a slice of `len` items.
    pub(super) fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(u64::try_from(len).unwrap_or(u64::MAX))).unwrap_or(0)
    }

    /// True with probability `per_mille` / 1000.
    pub(super) fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// A community station: its code and the matters it takes in.
pub(super) struct Station {
    pub(super) code: String,
    /// Indices into the catalogue's matters.
    pub(super) matters: Vec<usize>,
}

/// The grant the demo revokes midway, and when.
pub(super) struct Revoked {
    pub(super) grant: String,
    pub(super) station: String,
    pub(super) at: DateTime<FixedOffset>,
}

/// The district as the simulation sees it.
pub(super) struct District {
    pub(super) engine: Engine,
    pub(super) stations: Vec<Station>,
    /// Bundles whose merged example validates, by code.
    pub(super) bundles: Vec<(String, Value)>,
    pub(super) revoked: Option<Revoked>,
}

/// China Standard Time.
pub(super) fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| chrono::Utc.fix())
}

/// `day` at `minute` minutes after midnight, CST.
pub(super) fn at_minute(day: NaiveDate, minute: u32) -> DateTime<FixedOffset> {
    let time = day
        .and_hms_opt((minute / 60).min(23), minute % 60, 0)
        .unwrap_or_default();
    cst()
        .from_local_datetime(&time)
        .single()
        .unwrap_or_else(|| cst().from_utc_datetime(&time))
}

impl District {
    /// The sample district for a run from `start` over `days` days: one station's 委托 grant
    /// is revoked halfway through (a 委托协议 ended), so its cases of those matters go to the
    /// department from then on.
    pub(super) fn new(start: NaiveDate, days: u32) -> Result<Self, String> {
        let mut catalog = Catalog::from_json(SAMPLE).map_err(|e| e.to_string())?;
        let station_codes: Vec<String> = catalog
            .orgs
            .iter()
            .filter(|o| o.level == OrgLevel::Community)
            .map(|o| o.code.clone())
            .collect();
        let midway = start + chrono::Duration::days(i64::from(days / 2));
        let revoked = catalog
            .authority
            .grants
            .iter()
            .find(|g| {
                g.mode == GrantMode::Entrust
                    && station_codes.contains(&g.agent)
                    && !catalog
                        .authority
                        .revocations
                        .iter()
                        .any(|r| r.grant == g.id)
            })
            .map(|g| Revoked {
                grant: g.id.clone(),
                station: g.agent.clone(),
                at: at_minute(midway, 0),
            });
        if let Some(r) = &revoked {
            catalog.authority.revocations.push(Revocation {
                grant: r.grant.clone(),
                at: r.at,
                reason: "演示：委托协议中止，相关事项改由区级部门受理".into(),
                publication: None,
            });
        }
        let engine = Engine::new(catalog, start).map_err(|e| format!("{e:?}"))?;
        let at = at_minute(start, 9 * 60);
        let catalog = engine.catalog();
        let usable: Vec<usize> = (0..catalog.matters.len())
            .filter(|&i| {
                catalog.matters.get(i).is_some_and(|m| {
                    let target = doorstep::engine::Target::matter(&m.code);
                    // As the engine checks answers: on its calendar.
                    m.in_effect_on(start)
                        && engine
                            .check(&target, &m.form.example, start, doorstep::Lang::ZhCn)
                            .is_ok_and(|c| c.valid)
                })
            })
            .collect();
        let stations = station_codes
            .into_iter()
            .map(|code| {
                let matters = usable
                    .iter()
                    .copied()
                    .filter(|&i| {
                        catalog.matters.get(i).is_some_and(|m| {
                            engine
                                .authorize(&code, &m.code, Step::Receive, at)
                                .failures
                                .is_empty()
                        })
                    })
                    .collect();
                Station { code, matters }
            })
            .collect();
        let bundles = catalog
            .bundles
            .iter()
            .filter_map(|b| {
                let example = engine.form(&Target::bundle(&b.code), start).ok()?.example;
                let report = engine
                    .validate(
                        &Target::bundle(&b.code),
                        &example,
                        start,
                        doorstep::Lang::ZhCn,
                    )
                    .ok()?;
                report.form.valid.then(|| (b.code.clone(), example))
            })
            .collect();
        Ok(Self {
            engine,
            stations,
            bundles,
            revoked,
        })
    }

    /// A matter by index.
    pub(super) fn matter(&self, index: usize) -> Option<&Matter> {
        self.engine.catalog().matters.get(index)
    }

    /// Whether `org` may take `step` of `matter` at `at`.
    pub(super) fn may(
        &self,
        org: &str,
        matter: &str,
        step: Step,
        at: DateTime<FixedOffset>,
    ) -> bool {
        self.engine
            .authorize(org, matter, step, at)
            .failures
            .is_empty()
    }

    /// The stamp of a decision on `case` by `officer` of `org` at `at`: the organisation's
    /// approval seal (a department's official seal) in force then, or `None` when it has none.
    pub(super) fn stamp(
        &self,
        case: &doorstep::case::Case,
        officer: &str,
        role: Role,
        org: &str,
        at: DateTime<FixedOffset>,
    ) -> Option<Stamp> {
        let catalog = self.engine.catalog();
        let level = catalog.org(org)?.level;
        let kind = if level == OrgLevel::Department {
            SealKind::Official
        } else {
            SealKind::Approval
        };
        let seal = catalog.authority.seals.iter().find(|s| {
            s.owner == org && s.kind == kind && s.status_at(at).0 == SealStatus::Active
        })?;
        let document = format!("{}｜{}｜决定书｜{}", case.id, case.matter, at.to_rfc3339());
        Some(Stamp {
            seal: seal.code.clone(),
            case: case.id.to_string(),
            matter: case.matter.to_string(),
            step: Step::Decide,
            act: StampAct::Ordinary,
            operator: Operator {
                id: officer.into(),
                role,
            },
            accepted_by: case.accepted_by.as_deref().map(str::to_owned),
            place: org.into(),
            at,
            digest: HashAlg::Sha256.hex_digest(document.as_bytes())?,
        })
    }
}
