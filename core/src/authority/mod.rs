//! 下放 / 授权 / 委托 / 窗口前移 and 审核审批专用章: who may act on a matter, in whose name,
//! with which seal — and the 用印台账 that records every stamp.
//!
//! - [`Grant`]s pass authority for some matters and steps from a principal to an agent
//!   for a period, in one of four [`GrantMode`]s; a grant may derive from a `parent` grant
//!   the principal itself received. A [`Revocation`] is an event with a time: from then on
//!   the grant, and everything derived from it, is void.
//! - [`Seal`]s belong to an organisation, have a [`SealKind`] and a status over time, and
//!   may be used only on their premises.
//! - [`verify()`] checks one [`Stamp`] in a fixed order, like Biscuit and UCAN check tokens:
//!   structure → chain → time → scope → revocation → stamp rules, and returns a [`Verdict`]
//!   with every failure, the chain used and in whose name the act stands.
//! - [`ledger`] chains stamp records by hash so that any changed byte, and any removed,
//!   inserted or reordered record, is found and located.
//!
//! The registry lives in the catalogue (`authority`), so one document says what a station
//! handles and under whose authority; [`index::AuthorityIndex`] is built once when an
//! engine loads it.
//!
//! Law: 行政许可法 art. 24 — the entrusted body acts in the entrusting body's name, within
//! scope, and may not entrust again; the entrusting body stays responsible.

mod error;
pub mod index;
pub mod ledger;
mod lint;
mod seal;
mod verify;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::Validate;

pub use error::Failure;
pub use index::AuthorityIndex;
pub(crate) use lint::lint;
pub use seal::{Seal, SealKind, SealStatus, SealStatusChange};
pub(crate) use verify::verify_used;
pub use verify::{
    AuthorityQuery, Authorization, ChainLink, MAX_STAMP_BYTES, MAX_STAMP_CASE_CHARS, Operator,
    Stamp, StampAct, Verdict, VerdictReport, authorize, verify,
};

/// Longest chain of grants followed from a department to the acting organisation.
pub const MAX_CHAIN_DEPTH: usize = 8;
/// Most grants a registry may hold (bounded work at load and on every verification).
pub const MAX_GRANTS: usize = 20_000;
/// Most seals a registry may hold.
pub const MAX_SEALS: usize = 20_000;

crate::named::named_enum! {
    /// A step of handling a case that authority can be granted for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Step {
        /// 收件: taking in an application and its materials.
        Receive => "receive",
        /// 受理: formally accepting (or refusing) an application.
        Accept => "accept",
        /// 审查: examining it.
        Review => "review",
        /// 决定: deciding it (准予 / 不予许可).
        Decide => "decide",
        /// 送达: delivering the decision or the licence.
        Deliver => "deliver",
    }
}

impl Step {
    /// Every step, in the order a case goes through them.
    pub const ALL: [Self; 5] = [
        Self::Receive,
        Self::Accept,
        Self::Review,
        Self::Decide,
        Self::Deliver,
    ];

    /// The step's name in the given language.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::Receive => lang.pick("收件", "receive"),
            Self::Accept => lang.pick("受理", "accept"),
            Self::Review => lang.pick("审查", "review"),
            Self::Decide => lang.pick("决定", "decide"),
            Self::Deliver => lang.pick("送达", "deliver"),
        }
    }

    /// Whether a forward-only agent (窗口前移) may perform it: it receives and hands on,
    /// and decides nothing — no acceptance, review or decision.
    pub fn is_clerical(self) -> bool {
        matches!(self, Self::Receive | Self::Deliver)
    }
}

crate::named::named_enum! {
    /// How authority reaches the agent.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum GrantMode {
        /// 下放: the power itself moves down; the agent acts in its own name and may pass it on.
        Devolve => "devolve",
        /// 授权 (by law or regulation): the agent acts in its own name.
        Authorize => "authorize",
        /// 委托: the agent acts in the principal's name, the principal stays responsible, and
        /// the agent may not entrust anyone else (行政许可法 art. 24).
        Entrust => "entrust",
        /// 窗口前移: the agent only receives and forwards; it decides nothing.
        Forward => "forward",
    }
}

impl GrantMode {
    /// The mode's name in the given language.
    pub fn name(self, lang: crate::Lang) -> &'static str {
        match self {
            Self::Devolve => lang.pick("下放", "devolution"),
            Self::Authorize => lang.pick("授权", "authorisation"),
            Self::Entrust => lang.pick("委托", "entrustment"),
            Self::Forward => lang.pick("窗口前移", "forward-only"),
        }
    }
}

crate::named::named_enum! {
    /// Who a person is when acting on a case.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Role {
        /// 申请人: the citizen or enterprise applying.
        Applicant => "applicant",
        /// 帮办代办员: a grid worker acting for an applicant under recorded consent.
        Proxy => "proxy",
        /// 前台综合受理: the front desk.
        FrontDesk => "front_desk",
        /// 后台审批: the back office.
        BackOffice => "back_office",
        /// 站长: the station chief.
        StationChief => "station_chief",
        /// 督查: supervision; watches, never decides.
        Supervisor => "supervisor",
        /// 系统: the engine itself (免申即办, automatic steps).
        System => "system",
    }
}

/// 委托书: one grant of authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grant {
    /// Stable id, unique in the registry, e.g. `g-rs-haicang-st-001`.
    #[validate(length(min = 1, max = 64))]
    pub id: String,
    /// The organisation passing authority on (a department, or an agent of a parent grant).
    #[validate(length(min = 1, max = 64))]
    pub principal: String,
    /// The organisation receiving it (a street centre or a community station).
    #[validate(length(min = 1, max = 64))]
    pub agent: String,
    /// How it is passed on.
    pub mode: GrantMode,
    /// The grant the principal itself holds this authority by; `None` when the principal
    /// is the matters' responsible department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    pub parent: Option<String>,
    /// Codes of the matters it covers.
    #[validate(length(min = 1, max = 1000))]
    pub matters: Vec<String>,
    /// The steps it covers.
    #[validate(length(min = 1, max = 5))]
    pub steps: Vec<Step>,
    /// First day of validity (China Standard Time).
    pub valid_from: NaiveDate,
    /// Last day of validity, inclusive; `None` until further notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Legal basis, e.g. 《中华人民共和国行政许可法》第二十四条.
    #[validate(length(min = 1, max = 500))]
    pub legal_basis: String,
    /// Where it was published, e.g. 海政办〔2024〕12号.
    #[validate(length(min = 1, max = 200))]
    pub publication: String,
}

impl Grant {
    /// Whether it covers `matter` and `step`.
    pub fn covers(&self, matter: &str, step: Step) -> bool {
        self.steps.contains(&step) && self.matters.iter().any(|m| m == matter)
    }

    /// Whether `date` (CST) lies in its validity window.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_until.is_none_or(|until| date <= until)
    }
}

/// The revocation of a grant: from `at` on, the grant and every grant derived from it is void.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Revocation {
    /// The revoked grant's id.
    #[validate(length(min = 1, max = 64))]
    pub grant: String,
    /// When it takes effect (RFC 3339 with offset, e.g. `2025-06-01T00:00:00+08:00`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: DateTime<FixedOffset>,
    /// Why.
    #[validate(length(min = 1, max = 500))]
    pub reason: String,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    pub publication: Option<String>,
}

/// Grants, their revocations and the seals: the authority part of a catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Registry {
    /// Grants of authority.
    #[serde(default)]
    #[validate(nested, length(max = 20000))]
    pub grants: Vec<Grant>,
    /// Revocations of grants.
    #[serde(default)]
    #[validate(nested, length(max = 20000))]
    pub revocations: Vec<Revocation>,
    /// Seals.
    #[serde(default)]
    #[validate(nested, length(max = 20000))]
    pub seals: Vec<Seal>,
}

impl Registry {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.grants.is_empty() && self.revocations.is_empty() && self.seals.is_empty()
    }
}

/// The wall-clock time of `at` in China Standard Time (UTC+8, no daylight saving).
pub fn cst_time(at: DateTime<FixedOffset>) -> chrono::NaiveDateTime {
    let utc = at.naive_utc();
    utc.checked_add_signed(chrono::TimeDelta::hours(8))
        .unwrap_or(utc)
}

/// The calendar date of `at` in China Standard Time.
pub fn cst_date(at: DateTime<FixedOffset>) -> NaiveDate {
    cst_time(at).date()
}
