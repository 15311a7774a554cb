//! Why a command was refused, or an event could not be applied.

use serde_json::{Map, Value, json};

use super::Status;
use crate::authority::Role;
use crate::record::{self, Noun, Shared};
use crate::{Coded, Lang};

/// Why a command was refused (nothing changed), or a stored event could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CaseError {
    /// `case.conflict`: the case moved on since the client saw it.
    #[error("案件已被他人更新 / version conflict")]
    Conflict {
        /// The version the command was made against.
        expected: u64,
        /// The case's version now.
        actual: u64,
    },
    /// `case.not_found`: no such case (only `submit` starts one).
    #[error("案件不存在 / no such case")]
    NotFound,
    /// `case.exists`: a case with this id already exists.
    #[error("案件已存在 / case exists")]
    Exists,
    /// `case.unknown_matter`: no matter with this code (and version) in effect.
    #[error("事项不存在或未生效 / unknown matter")]
    UnknownMatter,
    /// `case.wrong_status`: the command does not apply in the case's status.
    #[error("当前状态下不能执行此操作 / not allowed in this status")]
    WrongStatus {
        /// The command or event.
        action: &'static str,
        /// The case's status.
        status: Option<Status>,
    },
    /// `case.role_not_permitted`: this role may not do this.
    #[error("该角色不能执行此操作 / role not permitted")]
    RoleNotPermitted {
        /// The command.
        action: &'static str,
        /// The role.
        role: Role,
    },
    /// `case.no_authority`: the acting organisation holds no valid authority for the step.
    #[error("本机构无权办理此环节 / no authority")]
    NoAuthority {
        /// The authority failures' codes.
        failures: Vec<String>,
    },
    /// `case.invalid_stamp`: the decision's stamp fails verification.
    #[error("用印无效 / invalid stamp")]
    InvalidStamp {
        /// The stamp's failure codes.
        failures: Vec<String>,
    },
    /// `case.stamp_mismatch`: the stamp is for another case, matter, step or person.
    #[error("印章记录与本案不符 / stamp does not match the case")]
    StampMismatch,
    /// `case.assigned_to_other`: another officer has claimed the case.
    #[error("案件已由他人认领 / claimed by someone else")]
    AssignedToOther,
    /// `case.wrong_office`: the case was passed to another organisation's back office.
    #[error("案件已转其他机构后台办理 / another back office handles it")]
    WrongOffice,
    /// `case.not_claimed`: nobody has claimed the case, so there is nothing to release.
    #[error("案件未被认领 / not claimed")]
    NotClaimed,
    /// `case.already_claimed`: the officer claiming the case holds it already.
    #[error("您已认领该案件 / already claimed by you")]
    AlreadyClaimed,
    /// `case.separation_of_duties`: whoever accepted the case may not decide it.
    #[error("审管分离：受理人不得审批 / separation of duties")]
    SeparationOfDuties,
    /// `case.no_consent`: a proxy without a valid consent for this applicant and matter.
    #[error("代办人无有效授权 / no valid proxy consent")]
    NoConsent,
    /// `case.invalid_answer`: the answer fails the matter's form.
    #[error("表单未通过校验 / the answer does not validate")]
    InvalidAnswer {
        /// The problems' codes.
        errors: Vec<String>,
    },
    /// `case.extension`: an extension already granted, out of 1–10 working days,
    /// approved by the one asking or by nobody (a blank approver), or asked once the case
    /// is past its due date.
    #[error("延期不符合规定 / extension not allowed")]
    Extension,
    /// `case.home_visit`: a home visit is for special groups (elderly, disabled, …).
    #[error("上门服务限特殊群体 / home visits are for special groups")]
    HomeVisit,
    /// `case.channel`: the matter cannot be handled through this channel.
    #[error("该事项不支持此渠道 / channel not offered")]
    Channel,
    /// `case.client_id`: a client id must have 1 to 128 bytes and no control characters.
    #[error("客户端编号不合规 / invalid client id")]
    ClientId,
    /// `case.case_id`: a submitted case's id must have 1 to
    /// [`MAX_CASE_ID_BYTES`](super::MAX_CASE_ID_BYTES) bytes, no control characters and no
    /// `/` (which joins the ids the engine derives).
    #[error("案件编号不合规 / invalid case id")]
    CaseId,
    /// `case.event_schema`: an event of a newer format than this library reads.
    #[error("事件格式版本过新 / event schema too new")]
    EventSchema {
        /// The event's schema.
        schema: u32,
    },
    /// `case.event_version`: an event out of sequence for its case.
    #[error("事件序号不连续 / event out of sequence")]
    EventVersion {
        /// The version expected.
        expected: u64,
        /// The version found.
        found: u64,
    },
    /// `case.duplicate_event`: an event whose client id the case has already applied.
    #[error("重复事件 / duplicate event")]
    DuplicateEvent,
    /// `case.unknown_bundle`: no 一件事 with this code.
    #[error("一件事不存在 / unknown bundle")]
    UnknownBundle,
    /// `case.bundle_case`: a bundle case is only submitted and withdrawn as a whole; its
    /// member cases are worked one by one.
    #[error("一件事总件只能整体提交或撤回 / a bundle case is only submitted or withdrawn")]
    BundleCase {
        /// The command or event.
        action: &'static str,
    },
    /// `case.members_missing`: a command on a bundle case needs its member cases, and
    /// some were not given.
    #[error("缺少一件事所含的办件 / member cases missing")]
    MembersMissing {
        /// The ids of the member cases not given.
        cases: Vec<String>,
    },
    /// `case.unconfirmed`: a case started without application (免申即办) waits for the
    /// applicant's confirmation before it is accepted.
    #[error("待申请人确认 / awaiting the applicant's confirmation")]
    Unconfirmed,
    /// `case.reason`: a reason that must be given (不予受理 and 不予许可 state theirs,
    /// 行政许可法 arts. 32 and 38; 补正 says what is missing, 挂起 and 延期 why) is blank, or
    /// one is longer than [`MAX_REASON_CHARS`](super::MAX_REASON_CHARS) characters.
    #[error("理由缺失或过长 / reason missing or too long")]
    Reason,
    /// `case.client_id_reused`: a command under a client id the case applied for another
    /// action (a retry sends the same command again); nothing changed.
    #[error("客户端编号已用于另一操作 / client id used for another command")]
    ClientIdReused {
        /// What the command first sent under that id did.
        action: &'static str,
    },
    /// `case.backdated`: a command dated (in China Standard Time) before a day the case
    /// already records ([`Case::latest_day`](super::Case::latest_day): its submission,
    /// acceptance, a pause): its deadline would count from days out of order.
    #[error("办理日期早于本件已记录的日期 / dated before a day the case records")]
    Backdated {
        /// The latest day the case records.
        latest: chrono::NaiveDate,
    },
}

/// What a case is called in the messages it shares with the other records.
const NOUN: Noun = Noun {
    zh: "案件",
    en: "case",
};

impl Coded for CaseError {
    fn code(&self) -> &'static str {
        match self {
            Self::Conflict { .. } => "case.conflict",
            Self::NotFound => "case.not_found",
            Self::Exists => "case.exists",
            Self::UnknownMatter => "case.unknown_matter",
            Self::WrongStatus { .. } => "case.wrong_status",
            Self::RoleNotPermitted { .. } => "case.role_not_permitted",
            Self::NoAuthority { .. } => "case.no_authority",
            Self::InvalidStamp { .. } => "case.invalid_stamp",
            Self::StampMismatch => "case.stamp_mismatch",
            Self::AssignedToOther => "case.assigned_to_other",
            Self::WrongOffice => "case.wrong_office",
            Self::NotClaimed => "case.not_claimed",
            Self::AlreadyClaimed => "case.already_claimed",
            Self::SeparationOfDuties => "case.separation_of_duties",
            Self::NoConsent => "case.no_consent",
            Self::InvalidAnswer { .. } => "case.invalid_answer",
            Self::Extension => "case.extension",
            Self::HomeVisit => "case.home_visit",
            Self::Channel => "case.channel",
            Self::ClientId => "case.client_id",
            Self::EventSchema { .. } => "case.event_schema",
            Self::EventVersion { .. } => "case.event_version",
            Self::DuplicateEvent => "case.duplicate_event",
            Self::UnknownBundle => "case.unknown_bundle",
            Self::CaseId => "case.case_id",
            Self::BundleCase { .. } => "case.bundle_case",
            Self::MembersMissing { .. } => "case.members_missing",
            Self::Unconfirmed => "case.unconfirmed",
            Self::Reason => "case.reason",
            Self::Backdated { .. } => "case.backdated",
            Self::ClientIdReused { .. } => "case.client_id_reused",
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per error, in both languages
    fn message(&self, lang: Lang) -> String {
        if let Some(shared) = self.shared() {
            return shared.message(NOUN, lang);
        }
        let zh = lang == Lang::ZhCn;
        let list = |codes: &[String]| codes.join(if zh { "、" } else { ", " });
        match self {
            Self::NotFound => lang.pick("案件不存在", "No such case").into(),
            Self::Exists => lang.pick("该案件编号已被使用", "A case with this id exists").into(),
            Self::UnknownMatter => lang
                .pick("事项不存在或未生效", "No such matter in effect")
                .into(),
            Self::NoAuthority { failures } => {
                if zh {
                    format!("本机构无权办理此环节：{}", list(failures))
                } else {
                    format!("No authority for this step: {}", list(failures))
                }
            }
            Self::InvalidStamp { failures } => {
                if zh {
                    format!("用印无效：{}", list(failures))
                } else {
                    format!("The stamp is invalid: {}", list(failures))
                }
            }
            Self::StampMismatch => lang
                .pick(
                    "印章记录的案件、事项、环节或用印人与本次操作不符",
                    "The stamp names another case, matter, step or person",
                )
                .into(),
            Self::AssignedToOther => lang
                .pick("案件已由其他工作人员认领", "Another officer has claimed the case")
                .into(),
            Self::AlreadyClaimed => lang
                .pick("您已认领该案件，无需再次认领", "You have already claimed this case")
                .into(),
            Self::WrongOffice => lang
                .pick(
                    "案件已由前台转至其他机构的后台审批",
                    "The case was passed to another organisation's back office",
                )
                .into(),
            Self::NotClaimed => lang
                .pick("案件未被认领", "Nobody has claimed the case")
                .into(),
            Self::SeparationOfDuties => lang
                .pick(
                    "此事项实行审管分离，受理人不得审批",
                    "Whoever accepted this case may not decide it",
                )
                .into(),
            Self::NoConsent => lang
                .pick(
                    "代办人没有申请人对此事项的有效授权（或事项不允许代办）",
                    "The proxy holds no valid consent of the applicant for this matter (or the matter allows no proxy)",
                )
                .into(),
            Self::InvalidAnswer { errors } => {
                if zh {
                    format!("表单未通过校验：{}", list(errors))
                } else {
                    format!("The answer does not validate: {}", list(errors))
                }
            }
            Self::Extension => lang
                .pick(
                    "延期只能一次、不超过 10 个工作日，须由他人批准，且须在期限届满前",
                    "One extension only, of 1 to 10 working days, approved by someone else, before the case is due",
                )
                .into(),
            Self::Reason => lang
                .pick(
                    "须说明理由，且不超过 2000 个字符",
                    "Give a reason, of at most 2,000 characters",
                )
                .into(),
            Self::HomeVisit => lang
                .pick(
                    "上门服务仅面向老年人、残疾人、孕产妇等特殊群体",
                    "Home visits are for special groups: the elderly, the disabled, the pregnant …",
                )
                .into(),
            Self::Channel => lang
                .pick("该事项不能通过此渠道办理", "This matter is not offered through this channel")
                .into(),
            Self::UnknownBundle => lang.pick("一件事不存在", "No such bundle").into(),
            Self::CaseId => lang
                .pick(
                    "案件编号须为 1 至 128 字节，且不含控制字符和“/”（“/”用于一件事子件和后续事项的编号）",
                    "A case id has 1 to 128 bytes, no control characters and no `/` (which joins \
                     the ids of a bundle's members and of successors)",
                )
                .into(),
            Self::BundleCase { action } => {
                if zh {
                    format!("一件事总件只能整体提交或撤回，不能执行 {action}；请办理其所含各事项的办件")
                } else {
                    format!(
                        "A bundle case is only submitted or withdrawn as a whole, not {action}; act on its member cases"
                    )
                }
            }
            Self::MembersMissing { cases } => {
                if zh {
                    format!("缺少一件事所含的办件：{}", list(cases))
                } else {
                    format!("The bundle's member cases are needed: {}", list(cases))
                }
            }
            Self::Unconfirmed => lang
                .pick(
                    "免申即办的办件须经申请人确认后方可受理",
                    "A case started without application is accepted once the applicant confirms it",
                )
                .into(),
            // Worded by `shared`.
            _ => String::new(),
        }
    }

    fn params(&self) -> Map<String, Value> {
        if let Some(shared) = self.shared() {
            return shared.params();
        }
        record::params(match self {
            Self::NoAuthority { failures } | Self::InvalidStamp { failures } => {
                json!({ "failures": failures })
            }
            Self::InvalidAnswer { errors } => json!({ "errors": errors }),
            Self::BundleCase { action } => json!({ "action": action }),
            Self::MembersMissing { cases } => json!({ "cases": cases }),
            _ => return Map::new(),
        })
    }
}

impl CaseError {
    /// `case.client_id_reused`: the client id was applied to `done`.
    pub(super) fn reused(done: super::Action) -> Self {
        Self::ClientIdReused {
            action: done.name(),
        }
    }

    /// The error every record has that this is, if it is one.
    fn shared(&self) -> Option<Shared> {
        record::shared!(self, |status: Status| {
            record::serde_name(&status).unwrap_or_default()
        })
    }
}

record::from_stale!(CaseError);
