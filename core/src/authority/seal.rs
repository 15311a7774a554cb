//! 审核审批专用章 / 公章: seals, their status over time and where they may be used.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use validator::Validate;

crate::named::named_enum! {
    /// What a seal is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum SealKind {
        /// 公章: the organisation's official seal; needed to revoke or cancel a permit.
        Official => "official",
        /// 审核审批专用章: the approval seal; same effect as the official seal for the acts it
        /// is used for, only on its premises, never on blank paper, every use in the ledger.
        Approval => "approval",
    }
}

crate::named::named_enum! {
    /// A seal's status.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum SealStatus {
        /// In use.
        Active => "active",
        /// Temporarily out of use (e.g. reported lost, under investigation).
        Suspended => "suspended",
        /// Out of use for good (lost, organisation renamed or merged).
        Revoked => "revoked",
    }
}

/// A change of a seal's status, from a time on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealStatusChange {
    /// The new status.
    pub status: SealStatus,
    /// From when (RFC 3339 with offset).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: DateTime<FixedOffset>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 500))]
    pub reason: Option<String>,
}

/// One seal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seal {
    /// Stable code, unique in the registry (GB/T 38540's esID plays this part).
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// The text on the seal, e.g. 海沧街道海虹社区便民服务站审核审批专用章.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// The owning organisation; an act under this seal is that organisation's act.
    #[validate(length(min = 1, max = 64))]
    pub owner: String,
    /// What it is.
    pub kind: SealKind,
    /// Organisations on whose premises it may be used; empty means only its owner's.
    #[serde(default)]
    #[validate(length(max = 100))]
    pub premises: Vec<String>,
    /// Status changes in time order; before the first, the seal is active.
    #[serde(default)]
    #[validate(nested, length(max = 100))]
    pub history: Vec<SealStatusChange>,
}

impl Seal {
    /// The status at `at`, with the time it took effect (`None`: active from the start).
    pub fn status_at(
        &self,
        at: DateTime<FixedOffset>,
    ) -> (SealStatus, Option<DateTime<FixedOffset>>) {
        self.history
            .iter()
            .take_while(|change| change.from <= at)
            .last()
            .map_or((SealStatus::Active, None), |change| {
                (change.status, Some(change.from))
            })
    }

    /// Whether it may be used at the premises of `place`.
    pub fn usable_at(&self, place: &str) -> bool {
        if self.premises.is_empty() {
            self.owner == place
        } else {
            self.premises.iter().any(|p| p == place)
        }
    }
}
