//! What the event-sourced records — cases, reviews, complaints — share in their errors:
//! the refusals and replay failures every record has, worded once.
//!
//! Each record keeps its own public error enum (its codes carry the record's prefix,
//! `case.*`, `review.*`, `complaint.*`); the variants they have in common are viewed
//! as a [`Shared`] error, whose messages name the record with its [`Noun`].

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::Lang;
use crate::authority::Role;

/// What a record is called in messages: 案件 / case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Noun {
    /// In Chinese.
    pub zh: &'static str,
    /// In English.
    pub en: &'static str,
}

/// An error every record has, seen through its own error's variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shared {
    /// `*.conflict`: the record moved on since the client saw it.
    Conflict { expected: u64, actual: u64 },
    /// `*.wrong_status`: the command does not apply in the record's status (by name).
    WrongStatus {
        action: &'static str,
        status: Option<String>,
    },
    /// `*.role_not_permitted`: this role may not do this.
    RoleNotPermitted { action: &'static str, role: Role },
    /// `*.text`: a required text is empty, or a text is too long.
    Text,
    /// `*.client_id`: a client id must have 1 to 128 bytes and no control characters.
    ClientId,
    /// `*.event_schema`: an event of a newer format than this library reads.
    EventSchema { schema: u32 },
    /// `*.event_version`: an event out of sequence for its record.
    EventVersion { expected: u64, found: u64 },
    /// `*.duplicate_event`: an event whose client id the record has applied.
    DuplicateEvent,
    /// `*.client_id_reused`: a command under a client id the record applied to another
    /// action (a retry sends the same command again).
    ClientIdReused { action: &'static str },
    /// `*.backdated`: a command dated (in China Standard Time) before the latest day the
    /// record already records: its deadlines and the rates counted from them would run
    /// backwards.
    Backdated { latest: chrono::NaiveDate },
}

/// The body of a record error's `fn shared(&self) -> Option<Shared>`: its variants that
/// every record has (named alike in each error), seen as a [`Shared`] error, and `None`
/// for the record's own. `$status_name` names the record's status; `$unit` are the
/// further unit variants this record shares (`Text`).
macro_rules! shared {
    ($error:expr, $status_name:expr $(, $unit:ident)*) => {
        Some(match *$error {
            Self::Conflict { expected, actual } => {
                $crate::record::Shared::Conflict { expected, actual }
            }
            Self::WrongStatus { action, status } => $crate::record::Shared::WrongStatus {
                action,
                status: status.map($status_name),
            },
            Self::RoleNotPermitted { action, role } => {
                $crate::record::Shared::RoleNotPermitted { action, role }
            }
            Self::ClientId => $crate::record::Shared::ClientId,
            Self::EventSchema { schema } => $crate::record::Shared::EventSchema { schema },
            Self::EventVersion { expected, found } => {
                $crate::record::Shared::EventVersion { expected, found }
            }
            Self::DuplicateEvent => $crate::record::Shared::DuplicateEvent,
            Self::ClientIdReused { action } => {
                $crate::record::Shared::ClientIdReused { action }
            }
            Self::Backdated { latest } => $crate::record::Shared::Backdated { latest },
            $(Self::$unit => $crate::record::Shared::$unit,)*
            _ => return None,
        })
    };
}
pub(crate) use shared;

impl Shared {
    /// The message in the given language, naming the record as `noun`.
    pub(crate) fn message(&self, noun: Noun, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::Conflict { expected, actual } => {
                if zh {
                    format!(
                        "{}已更新（版本 {expected} → {actual}），请刷新后重试",
                        noun.zh
                    )
                } else {
                    format!(
                        "The {} moved on (version {expected} → {actual}); reload and retry",
                        noun.en
                    )
                }
            }
            Self::WrongStatus { action, status } => {
                let status = status.as_deref().unwrap_or("none");
                if zh {
                    format!("{}处于 {status} 状态，不能执行 {action}", noun.zh)
                } else {
                    format!("{action} is not allowed while the {} is {status}", noun.en)
                }
            }
            Self::RoleNotPermitted { action, role } => {
                let role = serde_name(role).unwrap_or_default();
                if zh {
                    format!("角色 {role} 不能执行 {action}")
                } else {
                    format!("The role {role} may not {action}")
                }
            }
            Self::EventSchema { schema } => {
                if zh {
                    format!("事件格式版本 {schema} 高于本库支持的版本")
                } else {
                    format!("Event schema {schema} is newer than this library reads")
                }
            }
            Self::EventVersion { expected, found } => {
                if zh {
                    format!("事件序号应为 {expected}，实为 {found}")
                } else {
                    format!("Event version {found} where {expected} was expected")
                }
            }
            Self::Text => lang
                .pick(
                    "文字说明不能为空且不能超过 2000 字",
                    "A text must be 1 to 2000 characters",
                )
                .into(),
            Self::ClientId => lang
                .pick(
                    "客户端编号须为 1 至 128 字节且不含控制字符",
                    "A client id has 1 to 128 bytes and no control characters",
                )
                .into(),
            Self::DuplicateEvent => lang
                .pick("该事件已应用过", "This event was applied already")
                .into(),
            Self::Backdated { latest } => {
                if zh {
                    format!(
                        "办理日期不能早于本{}已记录的日期 {latest}，请核对时间",
                        noun.zh
                    )
                } else {
                    format!(
                        "This {} already records {latest}: a step cannot be dated before it",
                        noun.en
                    )
                }
            }
            Self::ClientIdReused { action } => {
                if zh {
                    format!(
                        "该客户端编号已用于此{}的另一操作（{action}），新操作请使用新编号",
                        noun.zh
                    )
                } else {
                    format!(
                        "This client id was sent with another command on this {} ({action}): \
                         give each command its own id",
                        noun.en
                    )
                }
            }
        }
    }

    /// The values the message was built from.
    pub(crate) fn params(&self) -> Map<String, Value> {
        match self {
            Self::Conflict { expected, actual } => {
                params(json!({ "expected": expected, "actual": actual }))
            }
            Self::WrongStatus { action, status } => {
                params(json!({ "action": action, "status": status }))
            }
            Self::RoleNotPermitted { action, role } => {
                params(json!({ "action": action, "role": role }))
            }
            Self::EventSchema { schema } => params(json!({ "schema": schema })),
            Self::EventVersion { expected, found } => {
                params(json!({ "expected": expected, "found": found }))
            }
            Self::ClientIdReused { action } => params(json!({ "action": action })),
            Self::Backdated { latest } => params(json!({ "latest": latest })),
            Self::Text | Self::ClientId | Self::DuplicateEvent => Map::new(),
        }
    }
}

/// Why a command does not fit a record as it stands: made against another version
/// (`*.conflict`), or dated before a day the record records (`*.backdated`).
pub(crate) enum Stale {
    Conflict { expected: u64, actual: u64 },
    Backdated { latest: chrono::NaiveDate },
}

/// The version a command goes on from, if it fits `record` as it stands (its version and
/// the latest day it records; `None` for one the command opens): made against that
/// version (`expected`), and dated (`day`, China Standard Time) on or after that day.
pub(crate) fn fits(
    record: Option<(u64, chrono::NaiveDate)>,
    expected: u64,
    day: chrono::NaiveDate,
) -> Result<u64, Stale> {
    let (actual, latest) = record.map_or((0, None), |(v, latest)| (v, Some(latest)));
    if expected != actual {
        return Err(Stale::Conflict { expected, actual });
    }
    dated(latest, day)?;
    Ok(actual)
}

/// Whether a step on `day` (China Standard Time) follows a record whose latest recorded
/// day is `latest` (`None`: a new record): not dated before it (`*.backdated`). What
/// `decide` asks of a command, and the checked replay of a stored event.
pub(crate) fn dated(
    latest: Option<chrono::NaiveDate>,
    day: chrono::NaiveDate,
) -> Result<(), Stale> {
    match latest.filter(|&latest| day < latest) {
        Some(latest) => Err(Stale::Backdated { latest }),
        None => Ok(()),
    }
}

/// `impl From<Stale>` for a record's error, whose `Conflict` and `Backdated` variants are
/// named alike in each.
macro_rules! from_stale {
    ($error:ty) => {
        impl From<$crate::record::Stale> for $error {
            fn from(stale: $crate::record::Stale) -> Self {
                match stale {
                    $crate::record::Stale::Conflict { expected, actual } => {
                        Self::Conflict { expected, actual }
                    }
                    $crate::record::Stale::Backdated { latest } => Self::Backdated { latest },
                }
            }
        }
    };
}
pub(crate) use from_stale;

/// Whether a command doing `action` under a client id is a retry (`Ok(true)`: answered
/// with nothing to do) or new (`Ok(false)`), given what the record says the id did
/// (`applied`: `None` when it never saw the id, `Some(None)` when it did not record what
/// the id's command did); `Err` with what the id did when that was something else
/// (`*.client_id_reused`).
#[allow(clippy::option_option)] // as the records' `applied` answer: three cases
pub(crate) fn retried<A: PartialEq + Copy>(
    applied: Option<Option<A>>,
    action: A,
) -> Result<bool, A> {
    match applied {
        Some(Some(done)) if done != action => Err(done),
        Some(_) => Ok(true),
        None => Ok(false),
    }
}

/// A record error's message: the shared one if it is a [`Shared`] error, else its own
/// fixed text, given in Chinese and English.
pub(crate) fn message(
    shared: Option<Shared>,
    noun: Noun,
    lang: Lang,
    (zh, en): (&str, &str),
) -> String {
    shared.map_or_else(
        || lang.pick(zh, en).into(),
        |shared| shared.message(noun, lang),
    )
}

/// A unit enum's name as it is serialised (`snake_case`), if it serialises as a string.
pub(crate) fn serde_name<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => Some(name),
        _ => None,
    }
}

/// A JSON object's members as an error's params (none for anything else).
pub(crate) fn params(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(members) => members,
        _ => Map::new(),
    }
}
#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::authority::Role;
    use crate::case::{CaseError, Status};
    use crate::complaint::{ComplaintError, ComplaintStatus};
    use crate::review::{ReviewError, ReviewStatus};
    use crate::{Coded, Lang};

    /// Each record's errors name the record, keep their own code prefix and params.
    #[test]
    fn shared_errors_name_their_record() {
        let errors: [(&dyn Coded, &str, &str, serde_json::Value); 6] = [
            (
                &CaseError::Conflict {
                    expected: 3,
                    actual: 5,
                },
                "case.conflict",
                "案件已更新（版本 3 → 5），请刷新后重试",
                json!({"expected": 3, "actual": 5}),
            ),
            (
                &ReviewError::Conflict {
                    expected: 3,
                    actual: 5,
                },
                "review.conflict",
                "评价已更新（版本 3 → 5），请刷新后重试",
                json!({"expected": 3, "actual": 5}),
            ),
            (
                &ComplaintError::WrongStatus {
                    action: "answer",
                    status: Some(ComplaintStatus::Triaged),
                },
                "complaint.wrong_status",
                "反映事项处于 triaged 状态，不能执行 answer",
                json!({"action": "answer", "status": "triaged"}),
            ),
            (
                &CaseError::WrongStatus {
                    action: "accept",
                    status: Some(Status::UnderReview),
                },
                "case.wrong_status",
                "案件处于 under_review 状态，不能执行 accept",
                json!({"action": "accept", "status": "under_review"}),
            ),
            (
                &ReviewError::WrongStatus {
                    action: "rate",
                    status: None::<ReviewStatus>,
                },
                "review.wrong_status",
                "评价处于 none 状态，不能执行 rate",
                json!({"action": "rate", "status": null}),
            ),
            (
                &ComplaintError::RoleNotPermitted {
                    action: "answer",
                    role: Role::Applicant,
                },
                "complaint.role_not_permitted",
                "角色 applicant 不能执行 answer",
                json!({"action": "answer", "role": "applicant"}),
            ),
        ];
        for (error, code, message, params) in errors {
            assert_eq!(error.code(), code);
            assert_eq!(error.message(Lang::ZhCn), message);
            assert_eq!(serde_json::Value::Object(error.params()), params);
        }
        assert_eq!(
            ReviewError::EventVersion {
                expected: 2,
                found: 4
            }
            .message(Lang::En),
            "Event version 4 where 2 was expected"
        );
        assert_eq!(
            CaseError::Conflict {
                expected: 3,
                actual: 5
            }
            .message(Lang::En),
            "The case moved on (version 3 → 5); reload and retry"
        );
    }
}
