//! 政务服务事项 (实施清单), its 材料, and 一件事 bundles.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::OrgLevel;
use crate::form::FormSpec;
use crate::rule::Rule;

crate::named::named_enum! {
    /// 事项类型.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum MatterType {
        /// 行政许可.
        AdministrativePermit => "administrative_permit",
        /// 行政给付.
        AdministrativeBenefit => "administrative_benefit",
        /// 行政确认.
        AdministrativeConfirmation => "administrative_confirmation",
        /// 行政裁决.
        AdministrativeRuling => "administrative_ruling",
        /// 行政奖励.
        AdministrativeReward => "administrative_reward",
        /// 其他行政权力.
        OtherPower => "other_power",
        /// 公共服务.
        PublicService => "public_service",
    }
}

crate::named::named_enum! {
    /// 权力来源: where the authority to handle the matter comes from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum AuthoritySource {
        /// 法定本级行使.
        Statutory => "statutory",
        /// 上级下放.
        DevolvedFromAbove => "devolved_from_above",
        /// 上级授权.
        AuthorizedByAbove => "authorized_by_above",
        /// 同级授权.
        AuthorizedByPeer => "authorized_by_peer",
        /// 上级委托.
        EntrustedByAbove => "entrusted_by_above",
        /// 同级委托.
        EntrustedByPeer => "entrusted_by_peer",
    }
}

crate::named::named_enum! {
    /// 办理渠道.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Channel {
        /// 窗口.
        Window => "window",
        /// 24 小时自助终端 (e政务).
        Kiosk => "kiosk",
        /// 网上办 / 掌上办 (闽政通, i厦门).
        Online => "online",
        /// 上门服务 (移动综窗).
        HomeVisit => "home_visit",
        /// 政企合作点 (bank, hospital, post office, notary office).
        PartnerPoint => "partner_point",
    }
}

crate::named::named_enum! {
    /// Whether a document is the original, a copy, or both.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum MaterialForm {
        /// 原件.
        Original => "original",
        /// 复印件.
        Copy => "copy",
        /// 原件及复印件.
        OriginalAndCopy => "original_and_copy",
        /// 电子材料.
        Electronic => "electronic",
    }
}

/// 材料: a document the applicant provides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Material {
    /// Stable code; the same document in several matters has the same code, so a bundle
    /// asks for it once.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Name, e.g. 出生医学证明.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Original, copy, both, electronic.
    pub form: MaterialForm,
    /// How many.
    #[serde(default = "one")]
    #[validate(range(min = 1, max = 99))]
    pub count: u32,
    /// Needed only when this rule holds over the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Rule>,
    /// The shared-data source that makes it unnecessary (免提交), when that data is available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived_by: Option<String>,
}

fn one() -> u32 {
    1
}

/// 政务服务事项: one service as its 实施清单 describes it, in one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Matter {
    /// 事项编码, stable across versions.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Version of this matter's definition; a case keeps the version it started under.
    #[validate(range(min = 1))]
    pub version: u32,
    /// 事项名称.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// 检索词: the names people search for it by, where the official name does not have
    /// them (社保卡 for 社会保障卡申领, 医保 for 城乡居民基本医疗保险): searched as the name is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 16))]
    #[cfg_attr(feature = "schema", schemars(inner(length(min = 1, max = 40))))]
    pub keywords: Vec<String>,
    /// 事项类型.
    #[serde(rename = "type")]
    pub matter_type: MatterType,
    /// Code of the responsible department.
    pub department: String,
    /// 权力来源.
    pub authority_source: AuthoritySource,
    /// 法定办结时限, working days.
    #[validate(range(max = 365))]
    pub legal_limit_days: u32,
    /// 承诺办结时限, working days (0 for 即办件).
    #[validate(range(max = 365))]
    pub promised_limit_days: u32,
    /// 即办件 (decided on the spot) rather than 承诺件.
    #[serde(default)]
    pub immediate: bool,
    /// Fee in fen (分); 0 when free.
    #[serde(default)]
    pub fee_fen: u64,
    /// Where it can be applied for.
    #[validate(length(min = 1))]
    pub channels: Vec<Channel>,
    /// Levels where it can be handled (下沉: street, community).
    #[validate(length(min = 1))]
    pub levels: Vec<OrgLevel>,
    /// Whether a grid worker may handle it for the applicant (帮办代办).
    #[serde(default)]
    pub proxy_allowed: bool,
    /// 审管分离: whoever accepted a case may not decide it.
    #[serde(default)]
    pub separation_of_duties: bool,
    /// First day this version applies.
    pub effective: NaiveDate,
    /// Day this version stops applying, if cancelled or replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<NaiveDate>,
    /// Documents.
    #[serde(default)]
    #[validate(nested)]
    pub materials: Vec<Material>,
    /// The application form.
    #[validate(nested)]
    pub form: FormSpec,
    /// The shared-data sources a case of this matter makes available when it concludes
    /// approved: the documents it issues (`birth_certificate` for 出生医学证明首次签发). In a
    /// bundle (一件事) a document another member lists as waived by one of them is not asked
    /// for: that member issues it, and the departments share it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 16))]
    #[cfg_attr(feature = "schema", schemars(inner(length(min = 1, max = 64))))]
    pub issues: Vec<String>,
    /// 免申即办: matters that start by themselves when a case of this one concludes approved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub successors: Vec<Successor>,
}

/// 免申即办: a matter that follows from a concluded one without an application. When a case
/// of the predecessor concludes approved and `condition` holds, the engine opens a case of
/// `matter` for the same applicant with the answer `mapping` computes: no form, no
/// materials from the citizen.
///
/// `condition` and the `mapping` rules read the predecessor as
/// `{"answer": {…}, "matter": code, "applicant": id, "case": id, "parent": id or null,
/// "outcome": "approved"}`, `parent` being the bundle case (一件事) the predecessor is a
/// member of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Successor {
    /// The successor matter's code.
    #[validate(length(min = 1, max = 64))]
    pub matter: String,
    /// Started only when this rule holds (always when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Rule>,
    /// The successor's answer: each key of its form computed by a rule. A rule giving
    /// `null` leaves the key out.
    #[serde(default)]
    pub mapping: std::collections::BTreeMap<String, Rule>,
    /// Whether the citizen confirms before the back office accepts (免申 but not unasked:
    /// e.g. a benefit that depends on facts only the citizen can vouch for).
    #[serde(default)]
    pub confirm: bool,
}

impl Matter {
    /// Whether this version applies on `date`.
    pub fn in_effect_on(&self, date: NaiveDate) -> bool {
        self.effective <= date && self.cancelled.is_none_or(|c| date < c)
    }
}

/// A member matter of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleMember {
    /// The matter's code.
    #[validate(length(min = 1, max = 64))]
    pub matter: String,
    /// Included only when this rule holds over the answers (e.g. 生育津贴 only when the
    /// mother is insured).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Rule>,
}

/// 一件事: several matters handled as one, with one merged form and one material set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bundle {
    /// Stable code, e.g. `birth`.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Name, e.g. 出生一件事.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// 检索词: the names people search for it by, as a matter's `keywords`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 16))]
    #[cfg_attr(feature = "schema", schemars(inner(length(min = 1, max = 40))))]
    pub keywords: Vec<String>,
    /// The department that leads (牵头部门).
    pub lead_department: String,
    /// Member matters.
    #[validate(length(min = 2), nested)]
    pub members: Vec<BundleMember>,
}
