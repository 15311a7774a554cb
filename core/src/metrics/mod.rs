//! Metrics of cases, 好差评 and 办不成事 for any station, street centre or the district over
//! any period, computed from events alone.
//!
//! [`Metrics`] is a fold: [`Metrics::apply`] takes the events one by one, in any
//! interleaving of cases, reviews and complaints (each one's own events in order), and
//! [`Metrics::report`] reads a [`MetricsReport`] for a scope and a period at any time —
//! a host keeps one `Metrics` live and reports whenever it is asked. The state is a small
//! record per case, review and complaint (no answers, no texts); the report is the same for
//! the same events whatever their interleaving, and sorted maps keep its JSON stable.
//! Events the fold cannot place (a duplicate, one out of sequence, one of a newer schema,
//! one for a case it never saw open) are counted in `ignoredEvents` and change nothing; so
//! are events `decide` would have refused in a way that moves a rate: one dated before a
//! day its case, review or complaint records (`*.backdated`), one that ends or pauses a
//! case already ended, a verification, rectification, appeal or revisit of a review that is
//! not a bad one, a second answer to a complaint.
//!
//! # Definitions
//!
//! A **scope** is an organisation of the catalogue and everything under it (district →
//! street centre → community station, see [`crate::catalog::Org`]); a case counts where it
//! was submitted (its station or centre), a review where the case it rates was, a
//! complaint where the organisation it concerns is. A **period** is `from..=to`, dates in
//! China Standard Time; every count is of events whose day falls in it:
//!
//! - **cases**: `received` (submitted), `accepted`, `notAccepted`, `withdrawn`,
//!   `concluded` (办结) in the period; `proxy` — received through 帮办代办; `byChannel` —
//!   received and concluded per channel. Of the cases concluded in the period: `onTime`
//!   when concluded on or before the due date of its promised limit (working days from
//!   the day after acceptance, 补正 / 挂起 not counted, plus any extension: see
//!   [`crate::calendar::Deadline`] and [`crate::case::Case::deadline`]), else `late`;
//!   `deadlineUnknown` when the calendar does not cover the dates; `onTimeRate` = onTime
//!   / (onTime + late). `averageWorkingDays` — the mean of the counted working days from
//!   acceptance to conclusion. `immediate` — concluded cases of 即办件 matters;
//!   `immediateRate` = immediate / concluded.
//! - **reviews**: of the ratings given in the period, `rated` (void ones — appeals upheld
//!   — excluded), `byLevel`, `byChannel`, `defaulted` (recorded by the system), and
//!   **`satisfactionRate` = (非常满意 + 满意 + 基本满意) / rated**: the three upper levels
//!   count as satisfied, as 国办发〔2019〕51号 treats 不满意 and 非常不满意 as the bad
//!   reviews; default ratings count as the ratings they are (their number is reported so
//!   a reader can take them out). `bad` — bad reviews given in the period (void ones
//!   included), `appealed`, `void`, `realName`, `revisited`. Rectification counts by its
//!   **due date**: of the bad reviews whose rectification fell due in the period,
//!   `rectifiedOnTime` (rectified on or before it), `rectifiedLate` (after it) and
//!   `unrectified` (not yet); `onTimeRectificationRate` = rectifiedOnTime / those due. A
//!   bad review rectified late is late, whenever the late rectification comes.
//! - **complaints** (办不成事): `received` in the period, of which `linkedToCase` and
//!   `linkedToMatter`; `answered` and `resolved` in the period; by due date, as for
//!   rectification: `answersDue`, `answeredOnTime`, `answeredLate`, `unanswered`,
//!   `onTimeRate`.
//!
//! Rates are fractions in 0..=1 rounded to 4 decimals, `null` when nothing was counted.

mod query;
mod report;
mod stream;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use query::{LineProblem, MetricsError, MetricsOutcome, MetricsQuery};
pub use report::{
    CaseReport, ChannelCounts, ComplaintReport, MetricsReport, Period, ReviewReport, ScopeInfo,
};
pub(crate) use stream::Stream;
pub use stream::{StreamEvent, decode_stream};

use report::{CaseMetrics, ComplaintMetrics, ReviewMetrics};

use crate::authority::cst_date;
use crate::calendar::Pause;
use crate::case::{EVENT_SCHEMA, Event, EventKind, Text};
use crate::catalog::{Catalog, Channel};
use crate::complaint::{ComplaintEvent, ComplaintEventKind};
use crate::engine::Engine;
use crate::review::{EvaluationChannel, REVIEW_EVENT_SCHEMA, Rating, ReviewEvent, ReviewEventKind};

/// Deepest organisation tree walked (a loop in a bad catalogue ends here).
const MAX_DEPTH: usize = 32;

/// Whether `org` is `scope` or under it in the catalogue's organisation tree.
pub fn within(catalog: &Catalog, org: &str, scope: &str) -> bool {
    let mut current = org;
    for _ in 0..MAX_DEPTH {
        if current == scope {
            return true;
        }
        match catalog.org(current).and_then(|o| o.parent.as_deref()) {
            Some(parent) => current = parent,
            None => return false,
        }
    }
    false
}

type Map64<K, V> = HashMap<K, V, crate::IdHasher>;

/// Texts held once, each by a small number.
#[derive(Debug, Clone, Default)]
struct Interner<K: std::hash::Hash + Eq + Clone> {
    keys: Vec<K>,
    index: Map64<K, u32>,
}

impl<K: std::hash::Hash + Eq + Clone> Interner<K> {
    fn id(&mut self, key: &K) -> u32 {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push(key.clone());
        self.index.insert(key.clone(), i);
        i
    }
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Open,
    NotAccepted,
    Withdrawn,
    Concluded,
}

/// What the fold keeps of a case: 56 bytes (a test checks), for the ~580,000 cases a
/// district keeps live.
#[derive(Debug, Clone)]
struct CaseRec {
    version: u32,
    matter: u32,
    org: u32,
    channel: Channel,
    proxy: bool,
    end: End,
    limit: u32,
    extension: Option<u32>,
    submitted: NaiveDate,
    accepted: Option<NaiveDate>,
    ended: Option<NaiveDate>,
    /// Most cases never pause: no allocation, and one pointer in the record.
    #[allow(clippy::box_collection)] // one word, not three, in every record
    pauses: Option<Box<Vec<Pause>>>,
}

impl CaseRec {
    /// The latest day the case records (as [`crate::case::Case::latest_day`], and its end).
    fn latest_day(&self) -> NaiveDate {
        let pauses = self.pauses.iter().flat_map(|p| p.iter());
        pauses
            .flat_map(|p| [Some(p.from), p.to])
            .chain([self.accepted, self.ended])
            .flatten()
            .fold(self.submitted, NaiveDate::max)
    }
}

/// What the fold keeps of a review.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // flags of one small record
struct ReviewRec {
    version: u64,
    org: u32,
    channel: EvaluationChannel,
    rating: Rating,
    real_name: bool,
    rated: NaiveDate,
    verified: Option<NaiveDate>,
    rectify_by: Option<NaiveDate>,
    rectified: Option<NaiveDate>,
    appealed: bool,
    void: bool,
    revisited: bool,
}

/// What the fold keeps of a complaint.
#[derive(Debug, Clone)]
struct ComplaintRec {
    version: u64,
    org: u32,
    received: NaiveDate,
    answer_by: NaiveDate,
    answered: Option<NaiveDate>,
    resolved: bool,
    case: bool,
    matter: bool,
}

/// The fold over events; see the [module docs](self) for what it counts.
///
/// ```
/// use doorstep::metrics::Metrics;
/// let metrics = Metrics::new();
/// assert_eq!(metrics.ignored_events(), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    orgs: Interner<Text>,
    matters: Interner<(Text, u32)>,
    cases: Map64<Text, CaseRec>,
    /// Bundle cases (一件事 as a whole) and their versions: their members are the cases
    /// counted, so a bundle case's own events are placed and counted nowhere.
    bundles: Map64<Text, u64>,
    reviews: Map64<Text, ReviewRec>,
    complaints: Map64<Text, ComplaintRec>,
    ignored: u64,
}

impl Metrics {
    /// An empty fold.
    pub fn new() -> Self {
        Self::default()
    }

    /// Events that could not be placed (duplicates, out of sequence, newer schema, for an
    /// unknown case, review or complaint), and those `decide` would have refused in a way
    /// that moves a rate (see the module's documentation).
    pub fn ignored_events(&self) -> u64 {
        self.ignored
    }

    /// Folds in one event of any kind.
    pub fn apply(&mut self, event: &StreamEvent) {
        match event {
            StreamEvent::Case(e) => self.apply_case(e),
            StreamEvent::Review(e) => self.apply_review(e),
            StreamEvent::Complaint(e) => self.apply_complaint(e),
        }
    }

    /// Folds in a case event.
    pub fn apply_case(&mut self, event: &Event) {
        if !self.place_case(event) {
            self.ignored += 1;
        }
    }

    fn place_case(&mut self, event: &Event) -> bool {
        if event.schema > EVENT_SCHEMA {
            return false;
        }
        let date = cst_date(event.at);
        if let EventKind::BundleSubmitted { .. } = &event.kind {
            if event.version != 1 || self.bundles.contains_key(&event.case) {
                return false;
            }
            self.bundles.insert(event.case.clone(), 1);
            return true;
        }
        if let Some(version) = self.bundles.get_mut(&event.case) {
            return if version.checked_add(1) == Some(event.version) {
                *version = event.version;
                true
            } else {
                false
            };
        }
        if let EventKind::Submitted {
            matter,
            matter_version,
            limit_working_days,
            proxy,
            ..
        } = &event.kind
        {
            if event.version != 1 || self.cases.contains_key(&event.case) {
                return false;
            }
            let rec = CaseRec {
                version: 1,
                matter: self.matters.id(&(matter.clone(), *matter_version)),
                org: self.orgs.id(&event.actor.org),
                channel: event.channel,
                proxy: proxy.is_some(),
                end: End::Open,
                limit: *limit_working_days,
                extension: None,
                submitted: date,
                accepted: None,
                ended: None,
                pauses: None,
            };
            self.cases.insert(event.case.clone(), rec);
            return true;
        }
        let Some(rec) = self.cases.get_mut(&event.case) else {
            return false;
        };
        // What `decide` refuses, and the checked replay, moves no rate here either.
        let counted = !matches!(
            event.kind,
            EventKind::Confirmed
                | EventKind::Claimed
                | EventKind::Released
                | EventKind::ReviewStarted
                | EventKind::Approved { .. }
                | EventKind::Rejected { .. }
                | EventKind::Delivered
                | EventKind::Transferred { .. }
        );
        if date < rec.latest_day() || (rec.end != End::Open && counted) {
            return false;
        }
        match rec.version.checked_add(1) {
            Some(next) if u64::from(next) == event.version => rec.version = next,
            _ => return false,
        }
        match &event.kind {
            EventKind::Accepted { .. } => rec.accepted = Some(date),
            EventKind::NotAccepted { .. } => {
                rec.end = End::NotAccepted;
                rec.ended = Some(date);
            }
            EventKind::SupplementRequested { .. } | EventKind::Suspended { .. } => {
                rec.pauses.get_or_insert_default().push(Pause::open(date));
            }
            EventKind::Supplemented { .. } | EventKind::Resumed => {
                let pauses = rec
                    .pauses
                    .as_deref_mut()
                    .map_or(&mut [][..], Vec::as_mut_slice);
                if let Some(last) = pauses.last_mut().filter(|p| p.to.is_none()) {
                    last.to = Some(date.max(last.from));
                }
            }
            EventKind::Extended { working_days, .. } => rec.extension = Some(*working_days),
            EventKind::Concluded => {
                rec.end = End::Concluded;
                rec.ended = Some(date);
            }
            EventKind::Withdrawn { .. } => {
                rec.end = End::Withdrawn;
                rec.ended = Some(date);
            }
            // Claims, reviews, decisions, delivery, and kinds added later: nothing counted.
            _ => {}
        }
        true
    }

    /// Folds in a review event.
    pub fn apply_review(&mut self, event: &ReviewEvent) {
        if !self.place_review(event) {
            self.ignored += 1;
        }
    }

    fn place_review(&mut self, event: &ReviewEvent) -> bool {
        if event.schema > REVIEW_EVENT_SCHEMA {
            return false;
        }
        let date = cst_date(event.at);
        if let ReviewEventKind::Rated {
            org,
            channel,
            rating,
            real_name,
            ..
        } = &event.kind
        {
            if event.version != 1 || self.reviews.contains_key(&event.review) {
                return false;
            }
            let rec = ReviewRec {
                version: 1,
                org: self.orgs.id(org),
                channel: *channel,
                rating: *rating,
                real_name: *real_name,
                rated: date,
                verified: None,
                rectify_by: None,
                rectified: None,
                appealed: false,
                void: false,
                revisited: false,
            };
            self.reviews.insert(event.review.clone(), rec);
            return true;
        }
        let Some(rec) = self.reviews.get_mut(&event.review) else {
            return false;
        };
        let latest = [rec.verified, rec.rectified]
            .into_iter()
            .flatten()
            .fold(rec.rated, NaiveDate::max);
        // Only a bad review is verified, rectified, appealed or revisited.
        if rec.version.checked_add(1) != Some(event.version)
            || date < latest
            || !rec.rating.is_bad()
        {
            return false;
        }
        rec.version = event.version;
        match &event.kind {
            ReviewEventKind::Verified { rectify_by, .. } => {
                rec.verified = Some(date);
                rec.rectify_by = Some(*rectify_by);
            }
            ReviewEventKind::Appealed { .. } => rec.appealed = true,
            ReviewEventKind::AppealDecided {
                upheld, rectify_by, ..
            } => {
                rec.void = *upheld;
                if rectify_by.is_some() {
                    rec.rectify_by = *rectify_by;
                }
            }
            ReviewEventKind::Rectified { .. } => rec.rectified = Some(date),
            ReviewEventKind::Revisited { .. } => rec.revisited = true,
            ReviewEventKind::Rated { .. } => {}
        }
        true
    }

    /// Folds in a complaint event.
    pub fn apply_complaint(&mut self, event: &ComplaintEvent) {
        if !self.place_complaint(event) {
            self.ignored += 1;
        }
    }

    fn place_complaint(&mut self, event: &ComplaintEvent) -> bool {
        if event.schema > REVIEW_EVENT_SCHEMA {
            return false;
        }
        let date = cst_date(event.at);
        if let ComplaintEventKind::Reported {
            org,
            matter,
            case,
            answer_by,
            ..
        } = &event.kind
        {
            if event.version != 1 || self.complaints.contains_key(&event.complaint) {
                return false;
            }
            let rec = ComplaintRec {
                version: 1,
                org: self.orgs.id(org),
                received: date,
                answer_by: *answer_by,
                answered: None,
                resolved: false,
                case: case.is_some(),
                matter: matter.is_some(),
            };
            self.complaints.insert(event.complaint.clone(), rec);
            return true;
        }
        let Some(rec) = self.complaints.get_mut(&event.complaint) else {
            return false;
        };
        let answer = matches!(event.kind, ComplaintEventKind::Answered { .. });
        if rec.version.checked_add(1) != Some(event.version)
            || date < rec.answered.unwrap_or(rec.received).max(rec.received)
            || (answer && rec.answered.is_some())
        {
            return false;
        }
        rec.version = event.version;
        if let ComplaintEventKind::Answered { resolved, .. } = &event.kind {
            rec.answered = Some(date);
            rec.resolved = *resolved;
        }
        true
    }

    /// The metrics of `scope` (an organisation code of the engine's catalogue: a station,
    /// a street centre, the district) over `period`, with the engine's calendar for the
    /// cases' deadlines. Refused when the scope is not in the catalogue or the period ends
    /// before it starts.
    pub fn report(
        &self,
        engine: &Engine,
        scope: &str,
        period: Period,
    ) -> Result<MetricsReport, MetricsError> {
        let catalog = engine.catalog();
        let org = catalog.org(scope).ok_or(MetricsError::UnknownScope)?;
        if period.to < period.from {
            return Err(MetricsError::Period);
        }
        let inside: Vec<bool> = self
            .orgs
            .keys
            .iter()
            .map(|o| within(catalog, o, scope))
            .collect();
        let in_scope = |i: u32| {
            usize::try_from(i)
                .ok()
                .and_then(|i| inside.get(i))
                .copied()
                .unwrap_or(false)
        };
        let immediate: Vec<bool> = self
            .matters
            .keys
            .iter()
            .map(|(code, version)| {
                catalog
                    .matters
                    .iter()
                    .any(|m| *m.code == **code && m.version == *version && m.immediate)
            })
            .collect();
        let mut cases = CaseMetrics::new(period, engine.calendar());
        for rec in self.cases.values().filter(|r| in_scope(r.org)) {
            let quick = usize::try_from(rec.matter)
                .ok()
                .and_then(|i| immediate.get(i))
                .copied()
                .unwrap_or(false);
            cases.add(rec, quick);
        }
        let mut reviews = ReviewMetrics::new();
        for rec in self.reviews.values().filter(|r| in_scope(r.org)) {
            reviews.add(rec, period);
        }
        let mut complaints = ComplaintMetrics::default();
        for rec in self.complaints.values().filter(|r| in_scope(r.org)) {
            complaints.add(rec, period);
        }
        Ok(MetricsReport {
            scope: ScopeInfo {
                org: org.code.clone(),
                name: org.name.clone(),
                level: org.level,
            },
            from: period.from,
            to: period.to,
            cases: cases.finish(),
            reviews: reviews.finish(),
            complaints: complaints.finish(),
            ignored_events: self.ignored,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_case_record_stays_small() {
        assert!(std::mem::size_of::<super::CaseRec>() <= 56);
    }
}
