//! Why a review command was refused, or a review event could not be applied.

use serde_json::{Map, Value};

use super::ReviewStatus;
use crate::authority::Role;
use crate::calendar::CalendarError;
use crate::record::{self, Noun, Shared};
use crate::{Coded, Lang};

/// Why a review command was refused (nothing changed), or a stored event could not be
/// replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// `review.conflict`: the review moved on since the client saw it.
    #[error("评价已被他人更新 / version conflict")]
    Conflict {
        /// The version the command was made against.
        expected: u64,
        /// The review's version now.
        actual: u64,
    },
    /// `review.not_found`: the case has not been rated.
    #[error("评价不存在 / no such review")]
    NotFound,
    /// `review.exists`: the case has been rated already (一事一评).
    #[error("该办件已评价 / already rated")]
    Exists,
    /// `review.wrong_status`: the command does not apply in the review's status.
    #[error("当前状态下不能执行此操作 / not allowed in this status")]
    WrongStatus {
        /// The command or event.
        action: &'static str,
        /// The review's status.
        status: Option<ReviewStatus>,
    },
    /// `review.role_not_permitted`: this role may not do this.
    #[error("该角色不能执行此操作 / role not permitted")]
    RoleNotPermitted {
        /// The command.
        action: &'static str,
        /// The role.
        role: Role,
    },
    /// `review.not_applicant`: only the case's applicant rates it.
    #[error("仅申请人本人可评价 / only the applicant rates")]
    NotApplicant,
    /// `review.wrong_org`: the acting organisation is neither the station rated nor above it.
    #[error("本机构无权处理此评价 / another organisation's review")]
    WrongOrg,
    /// `review.case_mismatch`: the case facts are for another case than the review.
    #[error("办件信息与评价不符 / case facts for another case")]
    CaseMismatch,
    /// `review.not_concluded`: the case has not concluded, so it cannot be rated yet.
    #[error("办件尚未办结 / case not concluded")]
    NotConcluded,
    /// `review.rating_closed`: the rating window has passed (当日件、当日评).
    #[error("评价期限已过 / rating window closed")]
    RatingClosed,
    /// `review.too_early`: the default rating before the window has passed.
    #[error("评价期限未过 / rating window still open")]
    TooEarly,
    /// `review.no_default`: the district records no default rating.
    #[error("未设置默认评价 / no default rating")]
    NoDefault,
    /// `review.channel`: a citizen rates on site or online, as the invitation offers (a case
    /// handled online is rated online); `default` is the system's.
    #[error("评价渠道不符 / wrong rating channel")]
    Channel,
    /// `review.evidence`: an appeal needs evidence.
    #[error("申诉须附证据 / an appeal needs evidence")]
    Evidence,
    /// `review.text`: a required text is empty, or a text is too long.
    #[error("文字说明为空或过长 / text empty or too long")]
    Text,
    /// `review.calendar`: the deadline falls outside the calendar's known years (the
    /// calendar's error says from which day, and the years it has).
    #[error("超出工作日历范围 / outside the calendar")]
    Calendar(CalendarError),
    /// `review.client_id`: a client id must have 1 to 128 bytes and no control characters.
    #[error("客户端编号不合规 / invalid client id")]
    ClientId,
    /// `review.event_schema`: an event of a newer format than this library reads.
    #[error("事件格式版本过新 / event schema too new")]
    EventSchema {
        /// The event's schema.
        schema: u32,
    },
    /// `review.event_version`: an event out of sequence for its review.
    #[error("事件序号不连续 / event out of sequence")]
    EventVersion {
        /// The version expected.
        expected: u64,
        /// The version found.
        found: u64,
    },
    /// `review.duplicate_event`: an event whose client id the review has already applied.
    #[error("重复事件 / duplicate event")]
    DuplicateEvent,
    /// `review.client_id_reused`: a command under a client id the review applied to another
    /// action (a retry sends the same command again); nothing changed.
    #[error("客户端编号已用于另一操作 / client id used for another command")]
    ClientIdReused {
        /// What the command first sent under that id did.
        action: &'static str,
    },
    /// `review.backdated`: a command dated (in China Standard Time) before a day the review
    /// records ([`Review::latest_day`](super::Review::latest_day): its rating,
    /// verification, rectification, appeal): a rectification dated before its
    /// verification would count as on time.
    #[error("办理日期早于本评价已记录的日期 / dated before a day the review records")]
    Backdated {
        /// The latest day the review records.
        latest: chrono::NaiveDate,
    },
}

/// What a review is called in the messages it shares with the other records.
const NOUN: Noun = Noun {
    zh: "评价",
    en: "review",
};

/// What a year missing from the calendar keeps from being worked out.
const DEADLINE: (&str, &str) = (
    "整改期限无法计算",
    "The rectification deadline cannot be worked out",
);

impl Coded for ReviewError {
    fn code(&self) -> &'static str {
        match self {
            Self::Conflict { .. } => "review.conflict",
            Self::NotFound => "review.not_found",
            Self::Exists => "review.exists",
            Self::WrongStatus { .. } => "review.wrong_status",
            Self::RoleNotPermitted { .. } => "review.role_not_permitted",
            Self::NotApplicant => "review.not_applicant",
            Self::WrongOrg => "review.wrong_org",
            Self::CaseMismatch => "review.case_mismatch",
            Self::NotConcluded => "review.not_concluded",
            Self::RatingClosed => "review.rating_closed",
            Self::TooEarly => "review.too_early",
            Self::NoDefault => "review.no_default",
            Self::Channel => "review.channel",
            Self::Evidence => "review.evidence",
            Self::Text => "review.text",
            Self::Calendar(_) => "review.calendar",
            Self::ClientId => "review.client_id",
            Self::EventSchema { .. } => "review.event_schema",
            Self::EventVersion { .. } => "review.event_version",
            Self::DuplicateEvent => "review.duplicate_event",
            Self::ClientIdReused { .. } => "review.client_id_reused",
            Self::Backdated { .. } => "review.backdated",
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

impl ReviewError {
    /// The error every record has that this is, if it is one.
    fn shared(&self) -> Option<Shared> {
        record::shared!(self, |status: ReviewStatus| status.name().to_owned(), Text)
    }

    /// The fixed messages of this record's own errors, in Chinese and English.
    fn texts(&self) -> (&'static str, &'static str) {
        match self {
            Self::NotFound => ("该办件尚无评价", "The case has not been rated"),
            Self::Exists => ("该办件已评价，一事一评", "The case has been rated already"),
            Self::NotApplicant => (
                "仅办件申请人本人可以评价",
                "Only the case's applicant rates it",
            ),
            Self::WrongOrg => (
                "只有被评价的服务站点或其上级机构可以处理此评价",
                "Only the station rated, or an organisation above it, handles this review",
            ),
            Self::CaseMismatch => (
                "办件信息与评价编号不符",
                "The case facts are for another case than this review",
            ),
            Self::NotConcluded => ("办件尚未办结，暂不能评价", "The case has not concluded yet"),
            Self::RatingClosed => (
                "已过评价期限（当日件、当日评）",
                "The rating window has passed (rated on the day of conclusion)",
            ),
            Self::TooEarly => (
                "评价期限未过，不能记录默认评价",
                "The rating window is still open; no default yet",
            ),
            Self::NoDefault => ("本地未设置默认评价", "No default rating is configured"),
            Self::Channel => (
                "群众评价须为现场或线上渠道；网上办理的办件只能线上评价",
                "A citizen rates on site or online; a case handled online is rated online",
            ),
            Self::Evidence => (
                "申诉须附至少一项证据",
                "An appeal needs at least one piece of evidence",
            ),
            // Worded by `shared`.
            _ => ("操作被拒绝", "Refused"),
        }
    }
}

record::from_stale!(ReviewError);
