//! 部门 / 街道 / 社区: the organisation tree.

use serde::{Deserialize, Serialize};
use validator::Validate;

crate::named::named_enum! {
    /// The level of an organisation, from the district down to the community station.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum OrgLevel {
        /// 区 (district government, the root).
        District => "district",
        /// 区直部门 (a district department: 公安, 人社, 医保, …).
        Department => "department",
        /// 街道便民服务中心 (street service centre).
        Street => "street",
        /// 社区便民服务站 (community service station).
        Community => "community",
    }
}

/// One organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Org {
    /// Stable code, unique in the catalogue.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Name, e.g. 海沧区医疗保障局.
    #[validate(length(min = 1, max = 100))]
    pub name: String,
    /// Level in the tree.
    pub level: OrgLevel,
    /// The parent organisation's code (`None` only for the district).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// GB/T 2260 division code where it applies (the district: 350205).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(equal = 6))]
    pub division: Option<String>,
}
