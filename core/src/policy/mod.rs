//! 免申即享 / 政策匹配到人: policies whose eligibility is a set of rules over a person's or an
//! enterprise's profile, matched to people rather than waited for.
//!
//! A [`Policy`] says who it is for ([`Subject`]), which department grants it, the benefit,
//! whether it is granted without application (免申即享), and its conditions: each a
//! `JsonLogic` [`Rule`] with a code and a description. A profile is eligible when it is of
//! the policy's subject and every condition holds. Matching a profile returns every policy
//! in effect on the date, eligible or not, with a [`Reason`] per condition (held or failed),
//! so a front end can say what is missing; batches serve a station's 摸排登记 lists.
//!
//! Rules are compiled once, when the catalogue is read; matching evaluates them and never
//! parses a rule again.
//!
//! ```
//! use chrono::NaiveDate;
//! use doorstep::Lang;
//! use doorstep::engine::Engine;
//! use serde_json::json;
//!
//! let catalog = json!({
//!     "catalogVersion": "1", "name": "示例",
//!     "orgs": [
//!         {"code": "350205", "name": "海沧区人民政府", "level": "district"},
//!         {"code": "350205-MZ", "name": "海沧区民政局", "level": "department", "parent": "350205"}
//!     ],
//!     "matters": [],
//!     "policies": [{
//!         "code": "ELDERLY", "name": "高龄津贴", "subject": "person", "department": "350205-MZ",
//!         "benefit": {"text": "每月 100 元", "amountFen": 10000},
//!         "grantedWithoutApplication": true,
//!         "effective": "2024-01-01",
//!         "conditions": [
//!             {"code": "age", "description": "年满 80 周岁",
//!              "rule": {">=": [{"age_at": [{"var": "birthDate"}, {"var": "$at"}]}, 80]}},
//!             {"code": "household", "description": "户籍在海沧区",
//!              "rule": {"==": [{"var": "household.division"}, "350205"]}}
//!         ]
//!     }]
//! });
//! let at = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
//! let engine = Engine::load(&catalog.to_string(), at)?;
//! let profile = json!({"kind": "person", "birthDate": "1944-05-01", "household": {"division": "350205"}});
//! let matches = engine.match_policies(&profile, at, Lang::ZhCn)?;
//! assert!(matches[0].eligible);
//! assert_eq!(
//!     serde_json::to_value(&matches[0].reasons[0])?,
//!     json!({"code": "age", "held": true, "description": "年满 80 周岁"})
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Profiles
//!
//! A profile is a JSON object whose `kind` is `"person"` or `"enterprise"`. Rules read it
//! with `var`; the matching date is there too, as `"$at"` (`YYYY-MM-DD`), so that an age is
//! `{"age_at": [{"var": "birthDate"}, {"var": "$at"}]}` or
//! `{"id_age": [{"var": "residentId"}, {"var": "$at"}]}`. A profile's own `$at`, if any, is
//! replaced. The keys rules may read are fixed ([`PERSON_FIELDS`], [`ENTERPRISE_FIELDS`]),
//! so that `catalog lint` catches a misspelt one (`catalog.profile_unknown_field`); a
//! district's own attributes go under `extra` (`{"var": "extra.childrenUnder3"}`), which
//! lint does not check. Profiles may carry other keys (a name, a phone number for the
//! station's list): rules cannot read them and matching ignores them. Values are not
//! type-checked: a rule sees what the profile holds, coerced as `JsonLogic` does, and a
//! missing value is `null`. So that a benefit granted without application (免申即享) is not
//! granted on data a profile lacks, `catalog lint` refuses a 免申即享 condition that holds
//! for a profile with no data at all (`catalog.policy_missing_data`): it tests the value
//! (`{"===": [{"var": "arrears"}, false]}`), not its absence (`{"!": {"var": "arrears"}}`).
//!
//! Person (个人):
//!
//! | key | 中文 | value |
//! |---|---|---|
//! | `residentId` | 公民身份号码 | resident ID or residence permit number |
//! | `name` | 姓名 | text |
//! | `birthDate` | 出生日期 | `YYYY-MM-DD` |
//! | `sex` | 性别 | `"male"`, `"female"` |
//! | `household` | 户籍 | `{"division": GB/T 2260 code, "type": "urban" \| "rural"}` |
//! | `residence` | 居住地 | `{"division": GB/T 2260 code}` |
//! | `veteran` | 退役军人 | boolean |
//! | `unemployed` | 登记失业 | boolean |
//! | `unemployedSince` | 失业登记日期 | `YYYY-MM-DD` |
//! | `unemploymentInsuranceMonths` | 失业保险累计缴费月数 | number |
//! | `employed` | 已就业（含灵活就业） | boolean |
//! | `graduateYear` | 毕业年份 | number |
//! | `education` | 学历 | `"secondary"`, `"vocational"`, `"college"`, `"bachelor"`, `"master"`, `"doctor"` |
//! | `hardship` | 困难类别 | `"subsistence"` 低保, `"extreme_poverty"` 特困, `"low_income"` 低保边缘, absent: none |
//! | `incomePerCapita` | 家庭人均月收入（元） | number |
//! | `disabilityLevel` | 残疾等级 | 1 (most severe) to 4 |
//! | `disabilityCategory` | 残疾类别 | `"visual"`, `"hearing"`, `"speech"`, `"physical"`, `"intellectual"`, `"mental"`, `"multiple"` |
//!
//! Enterprise (企业):
//!
//! | key | 中文 | value |
//! |---|---|---|
//! | `creditCode` | 统一社会信用代码 | text |
//! | `name` | 名称 | text |
//! | `division` | 注册地行政区划 | GB/T 2260 code |
//! | `size` | 企业规模 | `"micro"`, `"small"`, `"medium"`, `"large"` |
//! | `creditRating` | 纳税信用等级 | `"A"`, `"B"`, `"M"`, `"C"`, `"D"` |
//! | `industry` | 行业（GB/T 4754 门类） | text |
//! | `establishedDate` | 成立日期 | `YYYY-MM-DD` |
//! | `insuredEmployees` | 参保职工人数 | number |
//! | `newHires` | 新增参保就业人数 | number |
//! | `newHireGraduates` | 新招用离校未就业高校毕业生人数 | number |
//! | `newHireHardship` | 新招用就业困难人员人数 | number |
//! | `newHireVeterans` | 新招用退役军人人数 | number |
//! | `arrears` | 欠缴社会保险费 | boolean |
//! | `dishonest` | 列入严重失信主体名单 | boolean |
//!
//! # Matching
//!
//! - Only policies in effect on the date are matched (effective on or before it, not
//!   cancelled by it), in catalogue order.
//! - A policy for the other subject is not eligible, with the one reason `subject`, failed
//!   (its conditions are not evaluated: they read the other kind's fields).
//! - Otherwise every condition is evaluated, in order, even after one failed, so that the
//!   reasons are complete. A condition whose rule cannot be evaluated (a domain operator
//!   given a reference date that is not a date) does not hold; its reason carries the
//!   error. A policy without conditions is granted to every profile of its subject.
//! - Conditions whose rules are written alike (the household check many policies share) are
//!   evaluated once per profile: the engine groups them when it loads the catalogue.
//! - A profile that is not an object (`policy.profile_not_object`), has no valid `kind`
//!   (`policy.profile_kind`), nests deeper than [`MAX_PROFILE_DEPTH`] or, as text, is longer
//!   than [`MAX_PROFILE_BYTES`] or not JSON (`input.*`) is an error, coded; no message
//!   quotes the profile.

mod lint;
mod profile;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use validator::Validate;

use crate::calendar::WorkCalendar;
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::rule::Rule;
use crate::{Coded, Lang, Problem};

pub(crate) use lint::lint;
pub use profile::{ENTERPRISE_FIELDS, PERSON_FIELDS};

/// The largest profile accepted as text, in bytes (a form answer's limit).
pub const MAX_PROFILE_BYTES: usize = input::MAX_ANSWER_BYTES;

/// The deepest a profile may nest objects and arrays (the profile itself is level 1).
pub const MAX_PROFILE_DEPTH: usize = 32;

/// The code of the reason that says whether the profile is of the policy's subject. A
/// condition may not use it.
pub const SUBJECT_REASON: &str = "subject";

crate::named::named_enum! {
    /// Who a policy is for, and what a profile describes (its `kind`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Subject {
        /// 个人: a resident.
        Person => "person",
        /// 企业: an enterprise (or another unit with a unified social credit code).
        Enterprise => "enterprise",
    }
}

impl Subject {
    /// `person` or `enterprise`, as written in catalogues and profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Enterprise => "enterprise",
        }
    }

    /// The subject written `text`, if any.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "person" => Some(Self::Person),
            "enterprise" => Some(Self::Enterprise),
            _ => None,
        }
    }

    /// The profile keys rules about this subject may read (besides `kind`, `$at` and
    /// `extra.*`).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Person => &PERSON_FIELDS,
            Self::Enterprise => &ENTERPRISE_FIELDS,
        }
    }

    /// The description of the `subject` reason: what the policy is for.
    fn reason(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Person, Lang::ZhCn) => "适用对象为个人",
            (Self::Person, Lang::En) => "For people",
            (Self::Enterprise, Lang::ZhCn) => "适用对象为企业",
            (Self::Enterprise, Lang::En) => "For enterprises",
        }
    }
}

/// What a policy gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Benefit {
    /// What it is, for people, e.g. 每月发放高龄津贴 100 元.
    #[validate(length(min = 1, max = 500))]
    pub text: String,
    /// The amount in fen (分) when it is money and fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<u64>,
}

/// One eligibility condition of a policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    /// Stable code, unique in the policy, e.g. `age`; not `subject`.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// What must hold, in Chinese, e.g. 年满 80 周岁.
    #[validate(length(min = 1, max = 500))]
    pub description: String,
    /// The same in English, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub description_en: Option<String>,
    /// The rule over the profile (and `$at`): the condition holds when it is truthy.
    pub rule: Rule,
}

/// 政策: a benefit, its subject, and the conditions of eligibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// Stable code, unique in the catalogue.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Name, e.g. 高龄津贴.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Who it is for.
    pub subject: Subject,
    /// Code of the department that grants it.
    pub department: String,
    /// What it gives.
    #[validate(nested)]
    pub benefit: Benefit,
    /// 免申即享: granted without an application once the data show eligibility.
    #[serde(default)]
    pub granted_without_application: bool,
    /// 政策依据: the document it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub basis: Option<String>,
    /// The conditions, every one of which must hold; none: every profile of the subject.
    #[serde(default)]
    #[validate(length(max = 64), nested)]
    pub conditions: Vec<Condition>,
    /// First day it applies.
    pub effective: NaiveDate,
    /// Day it stops applying, if cancelled or replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<NaiveDate>,
}

impl Policy {
    /// Whether the policy applies on `date`.
    pub fn in_effect_on(&self, date: NaiveDate) -> bool {
        self.effective <= date && self.cancelled.is_none_or(|c| date < c)
    }
}

/// One policy matched against one profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyMatch<'e> {
    /// The policy's code.
    pub code: &'e str,
    /// The policy's name.
    pub name: &'e str,
    /// Whether the profile is of the policy's subject and every condition holds.
    pub eligible: bool,
    /// 免申即享.
    pub granted_without_application: bool,
    /// Every condition, in order, with whether it held; for a profile of the other subject,
    /// the one reason `subject`, failed.
    pub reasons: Vec<Reason<'e>>,
}

/// Whether one condition held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason<'e> {
    /// The condition's code, or `subject`.
    pub code: &'e str,
    /// Whether it held.
    pub held: bool,
    /// What the condition asks, in the language asked for (Chinese when the catalogue has
    /// no English).
    pub description: &'e str,
    /// Why the rule could not be evaluated, when it could not (then `held` is false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Box<Problem>>,
}

/// A profile that cannot be matched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The profile cannot be read: too large, too deep, not JSON (its own code: `input.*`).
    #[error("档案无法读取 / profile unreadable: {0}")]
    Input(InputError),
    /// `policy.profile_not_object`: the profile is not a JSON object.
    #[error("档案应为对象 / the profile is not an object")]
    NotAnObject,
    /// `policy.profile_kind`: the profile's `kind` is missing or neither `person` nor
    /// `enterprise`.
    #[error("档案类别无效 / invalid profile kind")]
    Kind,
}

impl Coded for PolicyError {
    fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::NotAnObject => "policy.profile_not_object",
            Self::Kind => "policy.profile_kind",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Input(e) => e.message(lang),
            Self::NotAnObject => lang
                .pick("档案应为 JSON 对象", "The profile must be a JSON object")
                .to_owned(),
            Self::Kind => lang
                .pick(
                    "档案的 kind 应为 person（个人）或 enterprise（企业）",
                    "The profile's kind must be person or enterprise",
                )
                .to_owned(),
        }
    }

    fn params(&self) -> Map<String, Value> {
        match self {
            Self::Input(e) => e.params(),
            Self::Kind => match json!({ "allowed": ["person", "enterprise"] }) {
                Value::Object(m) => m,
                _ => Map::new(),
            },
            Self::NotAnObject => Map::new(),
        }
    }
}

/// The outcome of matching one profile, as every binding returns it: the eligible
/// policies' codes and every match, or none and one problem in `errors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyReport<'e> {
    /// The codes of the policies the profile is eligible for, in catalogue order.
    pub eligible: Vec<&'e str>,
    /// Every policy in effect, matched.
    pub matches: Vec<PolicyMatch<'e>>,
    /// The problem that prevented matching (at most one); empty on success.
    pub errors: Vec<Problem>,
}

/// One line of a batch (JSON Lines): `{"line", "matches"}` or `{"line", "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyLine<'e> {
    /// The 1-based line number.
    pub line: usize,
    /// Every policy in effect, matched, when the line is a profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<PolicyMatch<'e>>>,
    /// Why the line cannot be matched, when it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
}

/// The conditions of a catalogue's policies, with equal rules (written alike) sharing one
/// slot, so that a profile evaluates each distinct rule once: a district's policies repeat
/// conditions (the household, the working age, the credit rating). Built with the engine.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleTable {
    /// Per policy, in catalogue order, per condition: its slot.
    slots: Vec<Vec<usize>>,
    /// How many distinct rules there are.
    distinct: usize,
}

impl RuleTable {
    pub(crate) fn new(policies: &[Policy]) -> Self {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut unique = 0;
        let slots = policies
            .iter()
            .map(|p| {
                p.conditions
                    .iter()
                    .map(|c| {
                        // A rule that cannot be written (none can) shares its slot with none.
                        let key = serde_json::to_string(&c.rule).unwrap_or_else(|_| {
                            unique += 1;
                            format!("\0{unique}")
                        });
                        let next = seen.len();
                        *seen.entry(key).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        Self {
            slots,
            distinct: seen.len(),
        }
    }
}

/// What a profile's evaluation of one distinct rule gave: not yet evaluated, false, true,
/// or an error (evaluated again where it is needed, to report it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Memo {
    Unknown,
    False,
    True,
    Failed,
}

/// Matching on one date in one language, set up once for any number of profiles (the
/// policies in effect are found once): see [`Engine::policy_matcher`].
#[derive(Debug, Clone)]
pub struct PolicyMatcher<'e> {
    /// The policies in effect, in catalogue order, each with its conditions' slots.
    policies: Vec<(&'e Policy, &'e [usize])>,
    /// How many distinct rules the conditions have.
    distinct: usize,
    /// The date, as rules read it (`$at`).
    at: Value,
    lang: Lang,
    /// What the rules count working days on: the engine's.
    calendar: &'e WorkCalendar,
}

impl<'e> PolicyMatcher<'e> {
    fn new(engine: &'e Engine, at: NaiveDate, lang: Lang) -> Self {
        let table = engine.policy_rules();
        Self {
            policies: engine
                .catalog()
                .policies
                .iter()
                .zip(
                    table
                        .slots
                        .iter()
                        .map(Vec::as_slice)
                        .chain(std::iter::repeat(&[][..])),
                )
                .filter(|(p, _)| p.in_effect_on(at))
                .collect(),
            distinct: table.distinct,
            at: Value::String(at.to_string()),
            lang,
            calendar: engine.calendar(),
        }
    }

    /// Matches one profile: see [`Engine::match_policies`].
    pub fn run(&self, profile: &Value) -> Result<Vec<PolicyMatch<'e>>, PolicyError> {
        let Value::Object(map) = profile else {
            return Err(PolicyError::NotAnObject);
        };
        if deeper_than(profile, MAX_PROFILE_DEPTH) {
            return Err(PolicyError::Input(InputError::TooDeep));
        }
        let subject = map
            .get("kind")
            .and_then(Value::as_str)
            .and_then(Subject::parse)
            .ok_or(PolicyError::Kind)?;
        let mut data = map.clone();
        data.insert("$at".to_owned(), self.at.clone());
        let data = Value::Object(data);
        let mut memo = vec![Memo::Unknown; self.distinct];
        Ok(self
            .policies
            .iter()
            .map(|(policy, slots)| self.judge(policy, slots, subject, &data, &mut memo))
            .collect())
    }

    fn judge(
        &self,
        policy: &'e Policy,
        slots: &[usize],
        subject: Subject,
        data: &Value,
        memo: &mut [Memo],
    ) -> PolicyMatch<'e> {
        let reasons: Vec<Reason<'e>> = if policy.subject == subject {
            policy
                .conditions
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let description = match (self.lang, &c.description_en) {
                        (Lang::En, Some(en)) => en.as_str(),
                        _ => c.description.as_str(),
                    };
                    let known = slots.get(j).and_then(|&slot| memo.get_mut(slot));
                    let (held, error) = match known.as_deref() {
                        Some(Memo::True) => (true, None),
                        Some(Memo::False) => (false, None),
                        _ => {
                            let outcome = c.rule.truthy_on(data, self.calendar);
                            if let Some(memo) = known {
                                *memo = match outcome {
                                    Ok(true) => Memo::True,
                                    Ok(false) => Memo::False,
                                    Err(_) => Memo::Failed,
                                };
                            }
                            match outcome {
                                Ok(held) => (held, None),
                                Err(e) => (false, Some(Box::new(e.to_problem(self.lang)))),
                            }
                        }
                    };
                    Reason {
                        code: &c.code,
                        held,
                        description,
                        error,
                    }
                })
                .collect()
        } else {
            vec![Reason {
                code: SUBJECT_REASON,
                held: false,
                description: policy.subject.reason(self.lang),
                error: None,
            }]
        };
        PolicyMatch {
            code: &policy.code,
            name: &policy.name,
            eligible: reasons.iter().all(|r| r.held),
            granted_without_application: policy.granted_without_application,
            reasons,
        }
    }

    /// Matches one line of a batch, numbered `line` (for hosts that read the lines
    /// themselves, as the CLI does): see [`Engine::policy_lines`].
    pub fn line(&self, line: usize, bytes: &[u8]) -> PolicyLine<'e> {
        let outcome = input::parse_json_bytes::<Value>(bytes, MAX_PROFILE_BYTES)
            .map_err(|e| PolicyError::Input(e.on_line(line)))
            .and_then(|profile| self.run(&profile));
        match outcome {
            Ok(matches) => PolicyLine {
                line,
                matches: Some(matches),
                error: None,
            },
            Err(e) => PolicyLine {
                line,
                matches: None,
                error: Some(e.to_problem(self.lang)),
            },
        }
    }
}

/// Whether `value` nests objects and arrays more than `max` levels deep. Recurses at most
/// `max + 1` levels.
fn deeper_than(value: &Value, max: usize) -> bool {
    let nested = |v: &Value| match max.checked_sub(1) {
        _ if !(v.is_array() || v.is_object()) => false,
        Some(rest) => deeper_than(v, rest),
        None => true,
    };
    match value {
        Value::Array(items) => max == 0 || items.iter().any(nested),
        Value::Object(map) => max == 0 || map.values().any(nested),
        _ => false,
    }
}

impl Engine {
    /// The policies in effect on `at`, in catalogue order.
    pub fn policies(&self, at: NaiveDate) -> Vec<&Policy> {
        self.catalog()
            .policies
            .iter()
            .filter(|p| p.in_effect_on(at))
            .collect()
    }

    /// Matches one profile against every policy in effect on `at`: each policy with
    /// whether the profile is eligible and why (see the [module](self) for the rules).
    /// Descriptions and errors are in `lang`.
    pub fn match_policies(
        &self,
        profile: &Value,
        at: NaiveDate,
        lang: Lang,
    ) -> Result<Vec<PolicyMatch<'_>>, PolicyError> {
        PolicyMatcher::new(self, at, lang).run(profile)
    }

    /// [`Engine::match_policies`] over many profiles (a station's 摸排登记 list), lazily and
    /// in order: one outcome per profile. The policies in effect are found once.
    pub fn match_policies_batch<'e, 'p>(
        &'e self,
        profiles: impl IntoIterator<Item = &'p Value>,
        at: NaiveDate,
        lang: Lang,
    ) -> impl Iterator<Item = Result<Vec<PolicyMatch<'e>>, PolicyError>> {
        let matcher = PolicyMatcher::new(self, at, lang);
        profiles.into_iter().map(move |p| matcher.run(p))
    }

    /// Matches one profile given as JSON text (at most [`MAX_PROFILE_BYTES`]) and reports
    /// the outcome as every binding returns it: the one entry point of bindings and of the
    /// shared fixture `tests/fixtures/policies.json`.
    pub fn policy_report(&self, profile: &str, at: NaiveDate, lang: Lang) -> PolicyReport<'_> {
        let outcome = input::parse_json::<Value>(profile, MAX_PROFILE_BYTES)
            .map_err(PolicyError::Input)
            .and_then(|profile| self.match_policies(&profile, at, lang));
        match outcome {
            Ok(matches) => PolicyReport {
                eligible: matches
                    .iter()
                    .filter(|m| m.eligible)
                    .map(|m| m.code)
                    .collect(),
                matches,
                errors: Vec::new(),
            },
            Err(e) => PolicyReport {
                eligible: Vec::new(),
                matches: Vec::new(),
                errors: vec![e.to_problem(lang)],
            },
        }
    }

    /// Matches profiles given as JSON Lines (one profile per line, UTF-8): one
    /// [`PolicyLine`] per line that is not blank, numbered from 1. A line that is not a
    /// profile (not UTF-8, not JSON, too large, not an object, no valid `kind`) gets its
    /// error, and the others are matched all the same. A final `\r` is ignored.
    pub fn policy_lines<'e>(
        &'e self,
        text: &'e [u8],
        at: NaiveDate,
        lang: Lang,
    ) -> impl Iterator<Item = PolicyLine<'e>> {
        let matcher = PolicyMatcher::new(self, at, lang);
        crate::input::without_bom(text)
            .split(|b| *b == b'\n')
            .enumerate()
            .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(move |(n, line)| matcher.line(n, line))
    }

    /// A matcher for many profiles on `at`, with descriptions and errors in `lang`.
    pub fn policy_matcher(&self, at: NaiveDate, lang: Lang) -> PolicyMatcher<'_> {
        PolicyMatcher::new(self, at, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_bounded() {
        let mut v = json!(1);
        for _ in 0..MAX_PROFILE_DEPTH {
            v = json!([v]);
        }
        assert!(!deeper_than(&v, MAX_PROFILE_DEPTH));
        assert!(deeper_than(&json!([v]), MAX_PROFILE_DEPTH));
        assert!(!deeper_than(&json!({}), 1));
        assert!(deeper_than(&json!({"a": {}}), 1));
    }
}
