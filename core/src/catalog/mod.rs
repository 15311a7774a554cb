//! 事项目录: the versioned set of organisations, matters (实施清单), materials, forms,
//! bundles (一件事) and policies (免申即享) a district publishes, loaded from JSON.
//!
//! Author-written input: unknown fields are errors (a typo must not be a silence), and
//! [`lint()`] reports everything else an author can get wrong, each
//! problem with the JSON Pointer of the offending value.

pub mod bundle;
mod lint;
mod matter;
mod org;
pub mod schema;

use serde::{Deserialize, Serialize};
use validator::Validate;

pub(crate) use lint::lint_on;
pub use lint::{LintError, lint, lint_json};
pub use matter::{
    AuthoritySource, Bundle, BundleMember, Channel, Material, MaterialForm, Matter, MatterType,
    Successor,
};
pub use org::{Org, OrgLevel};

use crate::calendar::WorkCalendar;
use crate::input::{self, InputError};

/// A shared-data source (数据共享) that can stand in for a material (免提交) or prefill a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DataSource {
    /// Stable code, e.g. `identity`, `household_register`.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Name, e.g. 户籍信息.
    #[validate(length(min = 1, max = 100))]
    pub name: String,
}

/// A district's catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    /// Editors' schema reference; ignored.
    #[serde(default, rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the catalogue as a whole, e.g. `2024.10`.
    #[validate(length(min = 1, max = 32))]
    pub catalog_version: String,
    /// Title.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Free text for readers (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The organisation tree: district, departments, street centres, community stations.
    #[validate(nested)]
    pub orgs: Vec<Org>,
    /// Shared-data sources that waive materials and prefill fields.
    #[serde(default)]
    #[validate(nested)]
    pub data_sources: Vec<DataSource>,
    /// Matters (实施清单), every version of each.
    #[validate(nested)]
    pub matters: Vec<Matter>,
    /// 一件事 bundles.
    #[serde(default)]
    #[validate(nested)]
    pub bundles: Vec<Bundle>,
    /// Grants of authority (下放 / 授权 / 委托 / 窗口前移), their revocations, and seals.
    #[serde(default, skip_serializing_if = "crate::authority::Registry::is_empty")]
    #[validate(nested)]
    pub authority: crate::authority::Registry,
    /// Policies (免申即享 / 政策匹配), matched against people's and enterprises' profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub policies: Vec<crate::policy::Policy>,
    /// 好差评 and 办不成事 settings (rectification and answer limits, the rating window,
    /// the default rating); absent, [`crate::review::ReviewConfig::default`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub reviews: Option<crate::review::ReviewConfig>,
    /// Holiday arrangements (国务院办公厅节假日安排) the working calendar takes besides
    /// the library's own: a year the library does not ship yet (the notice comes out each
    /// autumn), or one it ships, replaced (an arrangement changed after its notice). Each
    /// is checked as the shipped ones are (lint: `calendar.*` at `/calendar/{i}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendar: Vec<crate::calendar::YearArrangement>,
}

impl Catalog {
    /// The working calendar of the catalogue: the shipped arrangements, with its own years
    /// added (`calendar`), each replacing a shipped year of the same number. A catalogue
    /// whose years do not pass lint gets the shipped calendar.
    pub fn work_calendar(&self) -> WorkCalendar {
        if self.calendar.is_empty() {
            return WorkCalendar::china();
        }
        let mut years = self.calendar.clone();
        for shipped in crate::calendar::china_arrangements() {
            if years.iter().all(|y| y.year != shipped.year) {
                years.push(shipped);
            }
        }
        // Lint checks the catalogue's years one by one and for duplicates, which is all
        // `from_years` checks.
        WorkCalendar::from_years(years).unwrap_or_else(|_| WorkCalendar::china())
    }

    /// Reads a catalogue from JSON text (at most [`input::MAX_CATALOG_BYTES`]), without
    /// linting it; see [`lint()`] for the whole check.
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, input::MAX_CATALOG_BYTES)
    }

    /// The version of the matter `code` in effect on `date` (effective on or before it,
    /// not cancelled by it), the newest first.
    pub fn matter_on(&self, code: &str, date: chrono::NaiveDate) -> Option<&Matter> {
        self.matters
            .iter()
            .filter(|m| m.code == code && m.in_effect_on(date))
            .max_by_key(|m| m.version)
    }

    /// The newest version of the matter `code`, whatever its dates.
    pub fn matter(&self, code: &str) -> Option<&Matter> {
        self.matters
            .iter()
            .filter(|m| m.code == code)
            .max_by_key(|m| m.version)
    }

    /// The bundle `code`.
    pub fn bundle(&self, code: &str) -> Option<&Bundle> {
        self.bundles.iter().find(|b| b.code == code)
    }

    /// The organisation `code`.
    pub fn org(&self, code: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.code == code)
    }
}
