//! Why a stamp, or an act under authority, is not valid: one coded [`Failure`] each.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Map, Value, json};

use super::{Role, Step};
use crate::{Coded, Lang};

/// One reason a stamp or an act is not valid. Verification reports every one it finds, in
/// the fixed order of its stages: structure, chain, time, scope, revocation, stamp rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Failure {
    /// `stamp.unknown_seal`: no seal with this code in the registry.
    #[error("印章未登记 / unknown seal")]
    UnknownSeal,
    /// `stamp.unknown_matter`: no matter with this code in effect on the stamp's date.
    #[error("事项不存在或未生效 / unknown matter")]
    UnknownMatter,
    /// `stamp.unknown_org`: the acting organisation is not in the catalogue.
    #[error("机构不存在 / unknown organisation")]
    UnknownOrg,
    /// `stamp.bad_digest`: the content digest is not 64 hexadecimal digits.
    #[error("摘要格式不正确 / malformed digest")]
    BadDigest,
    /// `authority.no_chain`: no grant passes authority for the matter to the organisation.
    #[error("无授权链 / no chain of authority")]
    NoChain,
    /// `authority.re_entrusted`: an entrusted body entrusted someone else (行政许可法 art. 24).
    #[error("受委托机关再委托 / re-entrusted")]
    ReEntrusted {
        /// The grant that re-entrusts.
        grant: String,
    },
    /// `authority.forward_only`: a 窗口前移 agent may only receive and deliver.
    #[error("窗口前移只收件不审批 / forward-only agent")]
    ForwardOnly {
        /// The forward-only grant.
        grant: String,
    },
    /// `authority.not_yet_valid`: before the grant's first day.
    #[error("授权尚未生效 / grant not yet valid")]
    NotYetValid {
        /// The grant.
        grant: String,
        /// Its first day.
        valid_from: NaiveDate,
    },
    /// `authority.expired`: after the grant's last day.
    #[error("授权已过期 / grant expired")]
    Expired {
        /// The grant.
        grant: String,
        /// Its last day.
        valid_until: NaiveDate,
    },
    /// `authority.matter_out_of_scope`: the grant does not cover the matter.
    #[error("事项超出授权范围 / matter out of scope")]
    MatterOutOfScope {
        /// The grant.
        grant: String,
    },
    /// `authority.step_out_of_scope`: the grant does not cover the step.
    #[error("环节超出授权范围 / step out of scope")]
    StepOutOfScope {
        /// The grant.
        grant: String,
        /// The step.
        step: Step,
    },
    /// `authority.revoked`: the grant was revoked at or before the act.
    #[error("授权已撤销 / grant revoked")]
    Revoked {
        /// The grant.
        grant: String,
        /// When the revocation took effect.
        at: DateTime<FixedOffset>,
    },
    /// `seal.suspended`: the seal is suspended.
    #[error("印章已停用 / seal suspended")]
    SealSuspended {
        /// Since when.
        since: DateTime<FixedOffset>,
    },
    /// `seal.revoked`: the seal is revoked.
    #[error("印章已作废 / seal revoked")]
    SealRevoked {
        /// Since when.
        since: DateTime<FixedOffset>,
    },
    /// `seal.wrong_premises`: the seal was used off its premises.
    #[error("印章在规定场所外使用 / seal used off its premises")]
    WrongPremises,
    /// `stamp.empty_digest`: nothing, or empty content, was stamped (盖空白章).
    #[error("不得在空白文书上用印 / empty content stamped")]
    EmptyDigest,
    /// `stamp.official_seal_required`: revoking or cancelling a permit needs the official seal.
    #[error("撤销、注销许可须加盖公章 / official seal required")]
    OfficialSealRequired,
    /// `stamp.act_step`: revoking or cancelling a permit is a decision, stamped at the decide
    /// step (not where a station only receives or delivers).
    #[error("撤销、注销许可须在决定环节用印 / revocation stamped outside the decision")]
    ActStep,
    /// `stamp.separation_of_duties`: whoever accepted the case may not decide it (审管分离).
    #[error("受理人不得审批同一案件 / accepted and decided by one person")]
    SeparationOfDuties,
    /// `stamp.supervisor_decides`: supervision may not decide.
    #[error("督查人员不得审批 / a supervisor may not decide")]
    SupervisorDecides,
    /// `stamp.role_not_permitted`: this role may not stamp at all.
    #[error("该角色不得用印 / role may not stamp")]
    RoleNotPermitted {
        /// The role.
        role: Role,
    },
}

impl Coded for Failure {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownSeal => "stamp.unknown_seal",
            Self::UnknownMatter => "stamp.unknown_matter",
            Self::UnknownOrg => "stamp.unknown_org",
            Self::BadDigest => "stamp.bad_digest",
            Self::NoChain => "authority.no_chain",
            Self::ReEntrusted { .. } => "authority.re_entrusted",
            Self::ForwardOnly { .. } => "authority.forward_only",
            Self::NotYetValid { .. } => "authority.not_yet_valid",
            Self::Expired { .. } => "authority.expired",
            Self::MatterOutOfScope { .. } => "authority.matter_out_of_scope",
            Self::StepOutOfScope { .. } => "authority.step_out_of_scope",
            Self::Revoked { .. } => "authority.revoked",
            Self::SealSuspended { .. } => "seal.suspended",
            Self::SealRevoked { .. } => "seal.revoked",
            Self::WrongPremises => "seal.wrong_premises",
            Self::EmptyDigest => "stamp.empty_digest",
            Self::OfficialSealRequired => "stamp.official_seal_required",
            Self::ActStep => "stamp.act_step",
            Self::SeparationOfDuties => "stamp.separation_of_duties",
            Self::SupervisorDecides => "stamp.supervisor_decides",
            Self::RoleNotPermitted { .. } => "stamp.role_not_permitted",
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per failure, in both languages
    fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::UnknownSeal => lang
                .pick("印章未在登记册中登记", "The seal is not in the registry")
                .into(),
            Self::UnknownMatter => lang
                .pick(
                    "目录中没有在用印之日生效的此事项",
                    "No matter with this code is in effect on the stamp's date",
                )
                .into(),
            Self::UnknownOrg => lang
                .pick(
                    "用印机构不在目录中",
                    "The stamping organisation is not in the catalogue",
                )
                .into(),
            Self::BadDigest => lang
                .pick(
                    "用印内容摘要应为 64 位十六进制数字",
                    "The content digest must be 64 hexadecimal digits",
                )
                .into(),
            Self::NoChain => lang
                .pick(
                    "没有任何授权将此事项交由该机构办理",
                    "No grant passes authority for this matter to the organisation",
                )
                .into(),
            Self::ReEntrusted { grant } => {
                if zh {
                    format!("授权 {grant} 由受委托机关再委托，依行政许可法第二十四条无效")
                } else {
                    format!(
                        "Grant {grant} re-entrusts an entrusted authority, void under art. 24 of the Administrative Licensing Law"
                    )
                }
            }
            Self::ForwardOnly { grant } => {
                if zh {
                    format!("依授权 {grant}（窗口前移）只能收件和送达，不能受理、审查或决定")
                } else {
                    format!(
                        "Under grant {grant} (forward-only) the agent may only receive and deliver, not accept, review or decide"
                    )
                }
            }
            Self::NotYetValid { grant, valid_from } => {
                if zh {
                    format!("授权 {grant} 自 {valid_from} 起生效，用印时尚未生效")
                } else {
                    format!("Grant {grant} is valid from {valid_from}, after the stamp")
                }
            }
            Self::Expired { grant, valid_until } => {
                if zh {
                    format!("授权 {grant} 已于 {valid_until} 到期")
                } else {
                    format!("Grant {grant} expired after {valid_until}")
                }
            }
            Self::MatterOutOfScope { grant } => {
                if zh {
                    format!("授权 {grant} 不包括此事项")
                } else {
                    format!("Grant {grant} does not cover this matter")
                }
            }
            Self::StepOutOfScope { grant, step } => {
                if zh {
                    format!("授权 {grant} 不包括“{}”环节", step.name(lang))
                } else {
                    format!("Grant {grant} does not cover the {} step", step.name(lang))
                }
            }
            Self::Revoked { grant, at } => {
                if zh {
                    format!("授权 {grant} 已于 {} 撤销", at.to_rfc3339())
                } else {
                    format!("Grant {grant} was revoked at {}", at.to_rfc3339())
                }
            }
            Self::SealSuspended { since } => {
                if zh {
                    format!("印章自 {} 起停用", since.to_rfc3339())
                } else {
                    format!("The seal is suspended since {}", since.to_rfc3339())
                }
            }
            Self::SealRevoked { since } => {
                if zh {
                    format!("印章自 {} 起作废", since.to_rfc3339())
                } else {
                    format!("The seal is revoked since {}", since.to_rfc3339())
                }
            }
            Self::WrongPremises => lang
                .pick(
                    "审核审批专用章只能在规定场所使用",
                    "The seal may only be used on its premises",
                )
                .into(),
            Self::EmptyDigest => lang
                .pick(
                    "不得在空白文书上用印（内容摘要为空）",
                    "Nothing was stamped: the content digest is empty",
                )
                .into(),
            Self::OfficialSealRequired => lang
                .pick(
                    "撤销、注销行政许可须加盖本机关公章",
                    "Revoking or cancelling a permit needs the official seal",
                )
                .into(),
            Self::ActStep => lang
                .pick(
                    "撤销、注销行政许可属于行政决定，须在决定环节用印",
                    "Revoking or cancelling a permit is a decision: it is stamped at the decide step",
                )
                .into(),
            Self::SeparationOfDuties => lang
                .pick(
                    "此事项实行审管分离，受理人不得审批同一案件（用印须注明受理人）",
                    "This matter separates duties: whoever accepted the case may not decide it (the stamp must name who accepted)",
                )
                .into(),
            Self::SupervisorDecides => lang
                .pick("督查人员不得作出审批决定", "A supervisor may not decide")
                .into(),
            Self::RoleNotPermitted { role } => {
                let role = serde_json::to_value(role).unwrap_or_default();
                let role = role.as_str().unwrap_or_default();
                if zh {
                    format!("角色 {role} 不得用印")
                } else {
                    format!("The role {role} may not stamp")
                }
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::ReEntrusted { grant }
            | Self::ForwardOnly { grant }
            | Self::MatterOutOfScope { grant } => json!({ "grant": grant }),
            Self::NotYetValid { grant, valid_from } => {
                json!({ "grant": grant, "validFrom": valid_from })
            }
            Self::Expired { grant, valid_until } => {
                json!({ "grant": grant, "validUntil": valid_until })
            }
            Self::StepOutOfScope { grant, step } => json!({ "grant": grant, "step": step }),
            Self::Revoked { grant, at } => json!({ "grant": grant, "at": at }),
            Self::SealSuspended { since } | Self::SealRevoked { since } => {
                json!({ "since": since })
            }
            Self::RoleNotPermitted { role } => json!({ "role": role }),
            _ => return Map::new(),
        };
        match params {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}
