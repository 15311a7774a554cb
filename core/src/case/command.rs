//! Commands: what an actor asks to do to a case.

use serde::{Deserialize, Serialize};

use super::{AccountId, Answer, Note, ProxyConsent, SpecialGroup};
use crate::authority::Stamp;
use crate::named::Named;

/// A command with what makes it safe to retry and to race: the case it is for, the case
/// version it was made against, and a client-generated id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CommandEnvelope {
    /// The case id (for `submit`, the id of the new case).
    pub case: String,
    /// The case version the client saw (0 for `submit`).
    pub expected_version: u64,
    /// A client-generated id, unique per command (a retry sends the same id).
    pub client_id: String,
    /// The command.
    pub command: Command,
}

// `Deserialize` without serde's `Content` buffer, through `crate::tagged` (a new variant is
// written here as in any enum).
crate::tagged::tagged_enum! {
    /// What an actor asks to do.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum Command {
        /// 收件: submit an application (applicant, proxy, front desk or the system).
        Submit {
            /// The matter's code.
            matter: String,
            /// The applicant's account id.
            applicant: AccountId,
            /// The consent a proxy acts under (required when the actor is a proxy).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            proxy: Option<ProxyConsent>,
            /// The answer; it must validate against the matter's form.
            answer: Answer,
            /// Special groups the applicant belongs to (a home visit needs one).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            special_groups: Vec<SpecialGroup>,
            /// The appointment it comes from, if any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            appointment: Option<String>,
        },
        /// 一件事: submit a bundle's answer at once, opening the bundle case (the envelope's
        /// case id) and a case `{bundle case}/{matter}` for every member matter it includes.
        SubmitBundle {
            /// The bundle's code.
            bundle: String,
            /// The applicant's account id.
            applicant: AccountId,
            /// The consent a proxy acts under (required when the actor is a proxy).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            proxy: Option<ProxyConsent>,
            /// The answer to the bundle's merged form.
            answer: Answer,
            /// Special groups the applicant belongs to (a home visit needs one).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            special_groups: Vec<SpecialGroup>,
            /// The appointment it comes from, if any.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            appointment: Option<String>,
        },
        /// The applicant confirms a case started without application (免申即办).
        Confirm,
        /// 受理.
        Accept,
        /// 不予受理.
        NotAccept {
            /// Why.
            reason: Note,
        },
        /// Take the case to work on it.
        Claim,
        /// Let it go.
        Release,
        /// Begin 审查.
        StartReview,
        /// Ask for 补齐补正.
        RequestSupplement {
            /// What is missing.
            reason: Note,
        },
        /// Supply what was missing (applicant or proxy); the answer must validate.
        Supplement {
            /// The completed answer.
            answer: Answer,
        },
        /// 挂起 for a special procedure.
        Suspend {
            /// Why.
            reason: Note,
        },
        /// Back from 挂起.
        Resume,
        /// 移交: the matter's responsible department takes over a case whose back office
        /// may no longer decide the matter (its grant revoked or run out).
        Transfer,
        /// 延期: once, up to 10 working days, approved by someone else.
        Extend {
            /// Working days to add (1–10).
            working_days: u32,
            /// Why.
            reason: Note,
            /// Who approved it.
            approved_by: String,
        },
        /// 准予, with the stamp of the decision.
        Approve {
            /// The stamp.
            stamp: Stamp,
        },
        /// 不予许可, with the stamp of the decision.
        Reject {
            /// Why.
            reason: Note,
            /// The stamp.
            stamp: Stamp,
        },
        /// 办结.
        Conclude,
        /// 送达.
        Deliver,
        /// 撤回 (applicant or proxy).
        Withdraw {
            /// Why, if said.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reason: Option<Note>,
        },
    }
}

crate::named::named_enum! {
    /// What a command or an event does, without its payload: the buttons a window offers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Action {
        /// 收件.
        Submit => "submit",
        /// The applicant confirms a case started without application.
        Confirm => "confirm",
        /// 受理.
        Accept => "accept",
        /// 不予受理.
        NotAccept => "not_accept",
        /// Take the case.
        Claim => "claim",
        /// Let it go.
        Release => "release",
        /// Begin 审查.
        StartReview => "start_review",
        /// Ask for 补齐补正.
        RequestSupplement => "request_supplement",
        /// Supply what was missing.
        Supplement => "supplement",
        /// 挂起.
        Suspend => "suspend",
        /// Back from 挂起.
        Resume => "resume",
        /// 移交 to the matter's responsible department.
        Transfer => "transfer",
        /// 延期.
        Extend => "extend",
        /// 准予.
        Approve => "approve",
        /// 不予许可.
        Reject => "reject",
        /// 办结.
        Conclude => "conclude",
        /// 送达.
        Deliver => "deliver",
        /// 撤回.
        Withdraw => "withdraw",
    }
}

impl Action {
    /// Every action, in lifecycle order.
    pub const ALL: &'static [Self] = <Self as Named>::ALL;

    /// Its name as serialised (`submit`, `not_accept`, …).
    pub fn name(self) -> &'static str {
        crate::named::name(self)
    }
}

impl Command {
    /// What it does, without its payload.
    pub fn action(&self) -> Action {
        match self {
            Self::Submit { .. } | Self::SubmitBundle { .. } => Action::Submit,
            Self::Confirm => Action::Confirm,
            Self::Accept => Action::Accept,
            Self::NotAccept { .. } => Action::NotAccept,
            Self::Claim => Action::Claim,
            Self::Release => Action::Release,
            Self::StartReview => Action::StartReview,
            Self::RequestSupplement { .. } => Action::RequestSupplement,
            Self::Supplement { .. } => Action::Supplement,
            Self::Suspend { .. } => Action::Suspend,
            Self::Resume => Action::Resume,
            Self::Transfer => Action::Transfer,
            Self::Extend { .. } => Action::Extend,
            Self::Approve { .. } => Action::Approve,
            Self::Reject { .. } => Action::Reject,
            Self::Conclude => Action::Conclude,
            Self::Deliver => Action::Deliver,
            Self::Withdraw { .. } => Action::Withdraw,
        }
    }

    /// The command's name as it is serialised (`submit`, `accept`, …).
    pub fn name(&self) -> &'static str {
        self.action().name()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::case::EventKind;

    fn command(text: &str) -> Result<Command, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_command_without_payload_refuses_fields() {
        assert_eq!(command(r#"{"type": "accept"}"#).unwrap(), Command::Accept);
        let error = command(r#"{"type": "accept", "reason": "x"}"#).unwrap_err();
        assert!(error.starts_with("unknown field `reason`"), "{error}");
        let kind = serde_json::from_str::<EventKind>(r#"{"type": "claimed", "by": "x"}"#);
        let error = kind.unwrap_err().to_string();
        assert!(error.starts_with("unknown field `by`"), "{error}");
        // As the case's parser codes it.
        let coded = crate::input::parse_json::<Command>(r#"{"type":"accept","bogus":1}"#, 100);
        assert!(matches!(coded, Err(crate::input::InputError::Shape { .. })));
    }

    #[test]
    fn commands_keep_their_format() {
        let extend = Command::Extend {
            working_days: 5,
            reason: "核查".into(),
            approved_by: "chief".to_owned(),
        };
        let text = serde_json::to_string(&extend).unwrap();
        assert_eq!(
            text,
            r#"{"type":"extend","workingDays":5,"reason":"核查","approvedBy":"chief"}"#
        );
        assert_eq!(command(&text).unwrap(), extend);
        assert_eq!(
            command(r#"{"type": "withdraw"}"#).unwrap(),
            Command::Withdraw { reason: None }
        );
        let error = command(r#"{"type": "sign"}"#).unwrap_err();
        assert!(
            error.starts_with("unknown variant `sign`, expected one of `submit`, `submit_bundle`"),
            "{error}"
        );
        let error = command(r#"{"reason": "x"}"#).unwrap_err();
        assert!(error.starts_with("missing field `type`"), "{error}");
        let error = command(r#"{"type": "extend", "workingDays": 5}"#).unwrap_err();
        assert!(error.starts_with("missing field `reason`"), "{error}");
    }
}
