//! 好差评: the citizen's rating of a concluded case, and the bad-review case it opens.
//!
//! Modelled on 国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》
//! and the Haicang practice of the seed text: "全面落实“好差评”机制，实施“当日件、当日评”，
//! 强化“差评”核查整改监管，对存在的问题坚持立行立改".
//!
//! - **Five levels** ([`Rating`]): 非常满意, 满意, 基本满意, 不满意, 非常不满意. The last two
//!   are bad reviews (差评).
//! - **Channels** ([`EvaluationChannel`]): on site, one rating per visit (一次一评, the window's
//!   evaluator or a QR code), and online, one rating per matter (一事一评, 闽政通 / i厦门).
//! - **The invitation and the same-day rule.** A case's conclusion invites its applicant to
//!   rate it; the rating must come on the day of conclusion (当日件、当日评), or within
//!   [`ReviewConfig::rating_window_days`] calendar days after it where a district allows
//!   more. Once the window has passed, the system may record
//!   [`ReviewConfig::default_rating`] (a default is never a bad review).
//! - **The bad-review case.** 不满意 or 非常不满意 opens it: 核实 (verify) → 整改 (rectify, due
//!   [`ReviewConfig::rectify_working_days`] working days after verification, counted on the
//!   engine's [`crate::calendar::WorkCalendar`]) → 回访 (revisit) → closed. Instead of
//!   rectifying, the station may appeal the review as mistaken (误评) or malicious (恶意差评),
//!   with evidence; only a supervisor (督查, [`crate::authority::Role::Supervisor`]) decides
//!   the appeal: upheld, the review is void; refused, the rectification deadline runs from
//!   that day. Every real-name bad review is revisited (实名差评回访率 100 %): one given
//!   anonymously closes at rectification, since there is nobody to call.
//!
//! A review changes only through [`decide()`] and [`evolve()`], like a case: commands name the
//! version they were made against and carry a client id; a refused command changes nothing.
//! A review has the id of the case it rates, so a case is rated once.
//!
//! ```
//! use doorstep::review::Rating;
//! assert!(Rating::Dissatisfied.is_bad());
//! assert!(Rating::BasicallySatisfied.is_satisfied());
//! ```

mod decide;
mod error;
mod event;
mod surface;

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use validator::Validate;

pub(crate) use decide::valid_text;
pub use decide::{ReviewReplay, decide, evolve, replay};
pub use error::ReviewError;
pub use event::{ReviewAction, ReviewCommand, ReviewEnvelope, ReviewEvent, ReviewEventKind};
pub use surface::{
    InvitationOutcome, MAX_REVIEW_REQUEST_BYTES, ReviewDecideRequest, ReviewDecision,
    ReviewEvolution, ReviewEvolveRequest,
};

use crate::calendar::CalendarError;
pub use crate::case::Note;
use crate::case::{AccountId, ClientIds, Text, read_notes};
use crate::catalog::Channel;
use crate::engine::Engine;

/// The version of the review and complaint event format.
pub const REVIEW_EVENT_SCHEMA: u32 = 1;

/// Longest free text (a comment, a finding, an answer), in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

crate::named::named_enum! {
    /// The five levels of 国办发〔2019〕51号.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(rename_all = "snake_case")]
    pub enum Rating {
        /// 非常满意.
        VerySatisfied => "very_satisfied",
        /// 满意.
        Satisfied => "satisfied",
        /// 基本满意.
        BasicallySatisfied => "basically_satisfied",
        /// 不满意 (a bad review).
        Dissatisfied => "dissatisfied",
        /// 非常不满意 (a bad review).
        VeryDissatisfied => "very_dissatisfied",
    }
}

impl Rating {
    /// Every level, best first.
    pub const ALL: [Self; 5] = [
        Self::VerySatisfied,
        Self::Satisfied,
        Self::BasicallySatisfied,
        Self::Dissatisfied,
        Self::VeryDissatisfied,
    ];

    /// Whether it is a bad review (差评): 不满意 or 非常不满意.
    pub fn is_bad(self) -> bool {
        matches!(self, Self::Dissatisfied | Self::VeryDissatisfied)
    }

    /// Whether it counts as satisfied in the satisfaction rate: 非常满意, 满意, 基本满意.
    pub fn is_satisfied(self) -> bool {
        !self.is_bad()
    }

    /// Its name as serialised (`very_satisfied`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::VerySatisfied => "very_satisfied",
            Self::Satisfied => "satisfied",
            Self::BasicallySatisfied => "basically_satisfied",
            Self::Dissatisfied => "dissatisfied",
            Self::VeryDissatisfied => "very_dissatisfied",
        }
    }
}

crate::named::named_enum! {
    /// How a rating was given.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum EvaluationChannel {
        /// On site, one rating per visit (一次一评): the window's evaluator, a QR code at the
        /// station, the kiosk's screen.
        OnSite => "on_site",
        /// Online, one rating per matter (一事一评): 闽政通, i厦门, an SMS link.
        Online => "online",
        /// Recorded by the system when the citizen did not rate in time (默认评价).
        Default => "default",
    }
}

impl EvaluationChannel {
    /// Its name as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Self::OnSite => "on_site",
            Self::Online => "online",
            Self::Default => "default",
        }
    }
}

crate::named::named_enum! {
    /// Why a station appeals a bad review (申诉).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum AppealGround {
        /// 误评: the citizen meant another level or another service.
        Mistaken => "mistaken",
        /// 恶意差评: a rating made in bad faith (unrelated to the service, a demand outside the
        /// law, abuse).
        Malicious => "malicious",
    }
}

crate::named::named_enum! {
    /// Where a review is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ReviewStatus {
        /// Rated 非常满意, 满意 or 基本满意: nothing more to do.
        Rated => "rated",
        /// 待核实: a bad review, to be verified.
        Verifying => "verifying",
        /// 申诉中: appealed; a supervisor decides.
        Appealed => "appealed",
        /// 整改中: verified; to be rectified by the deadline.
        Rectifying => "rectifying",
        /// 待回访: rectified; the citizen is to be called back.
        Revisiting => "revisiting",
        /// 已办结: rectified (and revisited, for a real-name review).
        Closed => "closed",
        /// 申诉成立: the appeal was upheld; the review is void.
        Void => "void",
    }
}

impl ReviewStatus {
    /// Its name as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rated => "rated",
            Self::Verifying => "verifying",
            Self::Appealed => "appealed",
            Self::Rectifying => "rectifying",
            Self::Revisiting => "revisiting",
            Self::Closed => "closed",
            Self::Void => "void",
        }
    }
}

/// What a rating needs to know of the case it rates: the host passes it from the replayed
/// case and its `concluded` event (see [`CaseFacts::from_events`]); the core reaches into no
/// storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseFacts {
    /// The case id.
    pub case: Text,
    /// The matter's code.
    pub matter: Text,
    /// The station or centre the case was submitted to.
    pub org: Text,
    /// The channel the case came in through.
    pub channel: Channel,
    /// The applicant's account id (who is invited to rate).
    pub applicant: AccountId,
    /// When the case concluded (办结); `None` while it has not.
    #[serde(default)]
    pub concluded_at: Option<DateTime<FixedOffset>>,
}

impl CaseFacts {
    /// The facts of one case from its events (in order): `None` without a `submitted`
    /// event. The first `submitted` event names the case; events of other cases (the
    /// successors a conclusion starts, 免申即办, come with its `concluded` event) are
    /// skipped.
    pub fn from_events<'a>(
        events: impl IntoIterator<Item = &'a crate::case::Event>,
    ) -> Option<Self> {
        let mut facts: Option<Self> = None;
        for event in events {
            match &event.kind {
                crate::case::EventKind::Submitted {
                    matter, applicant, ..
                } if facts.is_none() => {
                    facts = Some(Self {
                        case: event.case.clone(),
                        matter: matter.clone(),
                        org: event.actor.org.clone(),
                        channel: event.channel,
                        applicant: applicant.clone(),
                        concluded_at: None,
                    });
                }
                crate::case::EventKind::Concluded => {
                    if let Some(f) = facts.as_mut().filter(|f| f.case == event.case) {
                        f.concluded_at = Some(event.at);
                    }
                }
                _ => {}
            }
        }
        facts
    }
}

/// The settings of 好差评 and 办不成事 a district chooses (the catalogue's `reviews`; absent,
/// these defaults). 国办发〔2019〕51号 leaves the rectification deadline to local rules; the
/// seed asks for 立行立改 without a figure, so the default is a short 5 working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ReviewConfig {
    /// Working days to rectify a verified bad review, counted from the day after
    /// verification (default 5).
    #[validate(range(min = 1, max = 60))]
    pub rectify_working_days: u32,
    /// Calendar days after the day of conclusion during which the citizen may still rate
    /// (default 0: 当日件、当日评, the same day only).
    #[validate(range(max = 30))]
    pub rating_window_days: u32,
    /// The rating the system records once the window has passed without one (default
    /// 满意); `null`: none, an unrated case stays unrated. Never a bad review.
    #[validate(custom(function = "good_default"))]
    pub default_rating: Option<Rating>,
    /// Working days to answer a 办不成事 complaint, from the day after it is received
    /// (default 5).
    #[validate(range(min = 1, max = 60))]
    pub complaint_answer_working_days: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // validator passes a reference
fn good_default(rating: &Rating) -> Result<(), validator::ValidationError> {
    if rating.is_bad() {
        Err(validator::ValidationError::new("bad_default_rating"))
    } else {
        Ok(())
    }
}

impl Default for ReviewConfig {
    fn default() -> Self {
        Self {
            rectify_working_days: 5,
            rating_window_days: 0,
            default_rating: Some(Rating::Satisfied),
            complaint_answer_working_days: 5,
        }
    }
}

impl ReviewConfig {
    /// The engine's settings: the catalogue's, or the defaults.
    pub fn of(engine: &Engine) -> Self {
        engine.catalog().reviews.unwrap_or_default()
    }
}

/// The invitation to rate a concluded case (评价邀请): what a host sends the applicant
/// (an SMS link, an app notice, the window's evaluator) when the case concludes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invitation {
    /// The case (and the review's id).
    pub case: Text,
    /// Who is invited: the applicant's account id.
    pub applicant: AccountId,
    /// Where the citizen may rate: on site where the case was handled in person, and
    /// online always.
    pub channels: Vec<EvaluationChannel>,
    /// The last day to rate (CST): the day of conclusion plus the window.
    pub last_day: NaiveDate,
    /// The rating recorded from the day after, if the citizen has not rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rating: Option<Rating>,
}

/// The invitation for a concluded case (`review.not_concluded` before conclusion).
///
/// ```
/// use chrono::DateTime;
/// use doorstep::catalog::Channel;
/// use doorstep::review::{CaseFacts, EvaluationChannel, ReviewConfig, invitation};
///
/// let facts = CaseFacts {
///     case: "HC-1".into(),
///     matter: "MED-INSURE".into(),
///     org: "350205-001-01".into(),
///     channel: Channel::Window,
///     applicant: "u-lin".into(),
///     concluded_at: Some(DateTime::parse_from_rfc3339("2025-09-30T10:00:00+08:00").unwrap()),
/// };
/// let invite = invitation(&ReviewConfig::default(), &facts).unwrap();
/// assert_eq!(invite.last_day.to_string(), "2025-09-30"); // 当日件、当日评
/// assert_eq!(invite.channels, [EvaluationChannel::OnSite, EvaluationChannel::Online]);
/// ```
pub fn invitation(config: &ReviewConfig, facts: &CaseFacts) -> Result<Invitation, ReviewError> {
    let concluded = facts.concluded_at.ok_or(ReviewError::NotConcluded)?;
    let last_day = crate::authority::cst_date(concluded)
        .checked_add_days(chrono::Days::new(u64::from(config.rating_window_days)))
        // Only past the last date chrono has (the window is at most 30 days).
        .ok_or(ReviewError::Calendar(CalendarError::InvalidYear {
            year: NaiveDate::MAX.year().saturating_add(1),
        }))?;
    let channels = if facts.channel == Channel::Online {
        vec![EvaluationChannel::Online]
    } else {
        vec![EvaluationChannel::OnSite, EvaluationChannel::Online]
    };
    Ok(Invitation {
        case: facts.case.clone(),
        applicant: facts.applicant.clone(),
        channels,
        last_day,
        default_rating: config.default_rating,
    })
}

/// A bad review's appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appeal {
    /// Mistaken or malicious.
    pub ground: AppealGround,
    /// References to the evidence (recordings, files); at least one.
    #[serde(deserialize_with = "read_notes")]
    pub evidence: Vec<Note>,
    /// Why.
    pub reason: Note,
    /// Who appealed.
    pub by: AccountId,
    /// The day of the appeal.
    pub on: NaiveDate,
    /// Whether a supervisor upheld it (`None`: undecided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upheld: Option<bool>,
}

/// One review, as its events made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Review {
    /// The review id: the id of the case it rates.
    pub id: Text,
    /// The matter's code.
    pub matter: Text,
    /// The station or centre the case was submitted to.
    pub org: Text,
    /// The case's channel.
    pub case_channel: Channel,
    /// How the rating was given.
    pub channel: EvaluationChannel,
    /// The level.
    pub rating: Rating,
    /// Whether the rater is known (实名), so can be called back.
    pub real_name: bool,
    /// The citizen's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<Note>,
    /// When it was rated.
    pub rated_at: DateTime<FixedOffset>,
    /// Where it is.
    pub status: ReviewStatus,
    /// Number of events applied; the next command must name it.
    pub version: u64,
    /// The day the bad review was verified (核实).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_on: Option<NaiveDate>,
    /// The last day to rectify it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectify_by: Option<NaiveDate>,
    /// The day it was rectified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectified_on: Option<NaiveDate>,
    /// The appeal, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<Appeal>,
    /// Whether the citizen was satisfied when called back (`None`: not revisited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_satisfied: Option<bool>,
    /// Client ids of the commands applied, in order.
    #[serde(default, skip_serializing_if = "ClientIds::is_empty")]
    pub client_ids: ClientIds,
    /// What the commands of the last of `client_ids` did, in the same order (see
    /// [`ClientIds::applied`]): another command under an id already applied is refused
    /// (`review.client_id_reused`) rather than taken for a retry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_actions: Vec<ReviewAction>,
}

impl Review {
    /// The latest day this review records, in China Standard Time: the day it was rated,
    /// verified, rectified, or appealed. A command dated before it is refused
    /// (`review.backdated`).
    pub fn latest_day(&self) -> NaiveDate {
        [
            self.verified_on,
            self.rectified_on,
            self.appeal.as_ref().map(|a| a.on),
        ]
        .into_iter()
        .flatten()
        .fold(crate::authority::cst_date(self.rated_at), NaiveDate::max)
    }

    /// Whether it was rectified by its deadline; `None` before rectification.
    pub fn rectified_on_time(&self) -> Option<bool> {
        Some(self.rectified_on? <= self.rectify_by?)
    }
}
