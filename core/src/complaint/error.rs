//! Why a complaint command was refused, or a complaint event could not be applied.

use serde_json::{Map, Value};

use super::ComplaintStatus;
use crate::authority::Role;
use crate::calendar::CalendarError;
use crate::record::{self, Noun, Shared};
use crate::{Coded, Lang};

/// Why a complaint command was refused (nothing changed), or a stored event could not be
/// replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ComplaintError {
    /// `complaint.conflict`: the complaint moved on since the client saw it.
    #[error("反映事项已被他人更新 / version conflict")]
    Conflict {
        /// The version the command was made against.
        expected: u64,
        /// The complaint's version now.
        actual: u64,
    },
    /// `complaint.not_found`: no such complaint (only `report` starts one).
    #[error("反映事项不存在 / no such complaint")]
    NotFound,
    /// `complaint.exists`: a complaint with this id exists.
    #[error("反映事项已存在 / complaint exists")]
    Exists,
    /// `complaint.wrong_status`: the command does not apply in the complaint's status.
    #[error("当前状态下不能执行此操作 / not allowed in this status")]
    WrongStatus {
        /// The command or event.
        action: &'static str,
        /// The complaint's status.
        status: Option<ComplaintStatus>,
    },
    /// `complaint.role_not_permitted`: this role may not do this.
    #[error("该角色不能执行此操作 / role not permitted")]
    RoleNotPermitted {
        /// The command.
        action: &'static str,
        /// The role.
        role: Role,
    },
    /// `complaint.wrong_org`: the acting organisation is neither the one concerned nor
    /// above it (nor the one it was referred to).
    #[error("本机构无权处理此反映事项 / another organisation's complaint")]
    WrongOrg,
    /// `complaint.unknown_org`: no such organisation in the catalogue.
    #[error("机构不存在 / unknown organisation")]
    UnknownOrg,
    /// `complaint.unknown_matter`: no such matter in the catalogue.
    #[error("事项不存在 / unknown matter")]
    UnknownMatter,
    /// `complaint.text`: a required text is empty, or a text is too long; also a complaint
    /// id, or the id of the case it names, that is empty, over 128 bytes or has control
    /// characters.
    #[error("文字说明为空或过长 / text empty or too long")]
    Text,
    /// `complaint.calendar`: the deadline falls outside the calendar's known years (the
    /// calendar's error says from which day, and the years it has).
    #[error("超出工作日历范围 / outside the calendar")]
    Calendar(CalendarError),
    /// `complaint.client_id`: a client id must have 1 to 128 bytes and no control
    /// characters.
    #[error("客户端编号不合规 / invalid client id")]
    ClientId,
    /// `complaint.event_schema`: an event of a newer format than this library reads.
    #[error("事件格式版本过新 / event schema too new")]
    EventSchema {
        /// The event's schema.
        schema: u32,
    },
    /// `complaint.event_version`: an event out of sequence for its complaint.
    #[error("事件序号不连续 / event out of sequence")]
    EventVersion {
        /// The version expected.
        expected: u64,
        /// The version found.
        found: u64,
    },
    /// `complaint.duplicate_event`: an event whose client id the complaint has applied.
    #[error("重复事件 / duplicate event")]
    DuplicateEvent,
    /// `complaint.client_id_reused`: a command under a client id the complaint applied to
    /// another action (a retry sends the same command again); nothing changed.
    #[error("客户端编号已用于另一操作 / client id used for another command")]
    ClientIdReused {
        /// What the command first sent under that id did.
        action: &'static str,
    },
    /// `complaint.backdated`: a command dated (in China Standard Time) before a day the
    /// complaint records ([`Complaint::latest_day`](super::Complaint::latest_day): its
    /// receipt, its answer): an answer dated before the report would count as on time.
    #[error("办理日期早于本反映事项已记录的日期 / dated before a day the complaint records")]
    Backdated {
        /// The latest day the complaint records.
        latest: chrono::NaiveDate,
    },
}

/// What a complaint is called in the messages it shares with the other records.
const NOUN: Noun = Noun {
    zh: "反映事项",
    en: "complaint",
};

/// What a year missing from the calendar keeps from being worked out.
const DEADLINE: (&str, &str) = (
    "答复期限无法计算",
    "The answer deadline cannot be worked out",
);

impl Coded for ComplaintError {
    fn code(&self) -> &'static str {
        match self {
            Self::Conflict { .. } => "complaint.conflict",
            Self::NotFound => "complaint.not_found",
            Self::Exists => "complaint.exists",
            Self::WrongStatus { .. } => "complaint.wrong_status",
            Self::RoleNotPermitted { .. } => "complaint.role_not_permitted",
            Self::WrongOrg => "complaint.wrong_org",
            Self::UnknownOrg => "complaint.unknown_org",
            Self::UnknownMatter => "complaint.unknown_matter",
            Self::Text => "complaint.text",
            Self::Calendar(_) => "complaint.calendar",
            Self::ClientId => "complaint.client_id",
            Self::EventSchema { .. } => "complaint.event_schema",
            Self::EventVersion { .. } => "complaint.event_version",
            Self::DuplicateEvent => "complaint.duplicate_event",
            Self::ClientIdReused { .. } => "complaint.client_id_reused",
            Self::Backdated { .. } => "complaint.backdated",
        }
    }

    fn message(&self, lang: Lang) -> String {
        if let Self::Calendar(e) = self {
            return e.message_for(DEADLINE, lang);
        }
        record::message(self.shared(), NOUN, lang, self.texts())
    }

    fn params(&self) -> Map<String, Value> {
        if let Self::Calendar(e) = self {
            return e.params();
        }
        self.shared()
            .map(|shared| shared.params())
            .unwrap_or_default()
    }
}

impl ComplaintError {
    /// The error every record has that this is, if it is one.
    fn shared(&self) -> Option<Shared> {
        record::shared!(
            self,
            |status: ComplaintStatus| status.name().to_owned(),
            Text
        )
    }

    /// The fixed messages of this record's own errors, in Chinese and English.
    fn texts(&self) -> (&'static str, &'static str) {
        match self {
            Self::NotFound => ("反映事项不存在", "No such complaint"),
            Self::Exists => ("该反映事项编号已被使用", "A complaint with this id exists"),
            Self::WrongOrg => (
                "只有所涉机构、其上级机构或承办机构可以处理此反映事项",
                "Only the organisation concerned, one above it, or the one it was referred to handles this complaint",
            ),
            Self::UnknownOrg => ("目录中没有该机构", "No such organisation in the catalogue"),
            Self::UnknownMatter => ("目录中没有该事项", "No such matter in the catalogue"),
            // Worded by `shared`.
            _ => ("操作被拒绝", "Refused"),
        }
    }
}

record::from_stale!(ComplaintError);
