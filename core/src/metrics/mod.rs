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
//! one for a case it never saw open) are counted in `ignoredEvents` and change nothing.
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

mod stream;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use stream::{StreamEvent, decode_stream};

use crate::authority::cst_date;
use crate::calendar::{Deadline, Pause, WorkCalendar};
use crate::case::{EVENT_SCHEMA, Event, EventKind, Text};
use crate::catalog::{Catalog, Channel, OrgLevel};
use crate::complaint::{ComplaintEvent, ComplaintEventKind};
use crate::engine::Engine;
use crate::input::{self, InputError};
use crate::review::{EvaluationChannel, REVIEW_EVENT_SCHEMA, Rating, ReviewEvent, ReviewEventKind};
use crate::{Coded, Lang, Problem};

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

type Map64<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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
    /// unknown case, review or complaint).
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
        if rec.version.checked_add(1) != Some(event.version) {
            return false;
        }
        rec.version = event.version;
        match &event.kind {
            ReviewEventKind::Verified { rectify_by, .. } => rec.rectify_by = Some(*rectify_by),
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
        if rec.version.checked_add(1) != Some(event.version) {
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

/// The days counted: `from..=to`, dates in China Standard Time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day (included).
    pub to: NaiveDate,
}

impl Period {
    /// Whether `day` is in the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    fn has(self, day: Option<NaiveDate>) -> bool {
        day.is_some_and(|d| self.contains(d))
    }
}

/// A fraction rounded to 4 decimals, `None` over nothing.
#[allow(clippy::cast_precision_loss)] // counts far below 2^52
fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| ((part as f64 / whole as f64) * 10_000.0).round() / 10_000.0)
}

/// Counted working days in `(accepted, concluded]` outside the pauses.
fn used_working_days(
    calendar: &WorkCalendar,
    accepted: NaiveDate,
    concluded: NaiveDate,
    pauses: &[Pause],
) -> Option<u64> {
    let mut used = 0;
    let mut day = accepted;
    while day < concluded {
        day = day.succ_opt()?;
        let stopped = pauses
            .iter()
            .any(|p| p.from <= day && day <= p.to.unwrap_or(concluded));
        if calendar.is_working_day(day).ok()? && !stopped {
            used += 1;
        }
    }
    Some(used)
}

struct CaseMetrics<'c> {
    period: Period,
    calendar: &'c WorkCalendar,
    out: CaseReport,
    used_total: u64,
    used_count: u64,
}

impl<'c> CaseMetrics<'c> {
    fn new(period: Period, calendar: &'c WorkCalendar) -> Self {
        Self {
            period,
            calendar,
            out: CaseReport::default(),
            used_total: 0,
            used_count: 0,
        }
    }

    fn add(&mut self, rec: &CaseRec, immediate: bool) {
        let p = self.period;
        let o = &mut self.out;
        let channel = o.by_channel.entry(channel_name(rec.channel)).or_default();
        if p.contains(rec.submitted) {
            o.received += 1;
            channel.received += 1;
            if rec.proxy {
                o.proxy += 1;
            }
        }
        if p.has(rec.accepted) {
            o.accepted += 1;
        }
        if !p.has(rec.ended) {
            return;
        }
        match rec.end {
            End::NotAccepted => o.not_accepted += 1,
            End::Withdrawn => o.withdrawn += 1,
            End::Open => {}
            End::Concluded => {
                o.concluded += 1;
                channel.concluded += 1;
                if immediate {
                    o.immediate += 1;
                }
                let (Some(accepted), Some(concluded)) = (rec.accepted, rec.ended) else {
                    o.deadline_unknown += 1;
                    return;
                };
                let pauses = rec.pauses.as_deref().map_or(&[][..], Vec::as_slice);
                let deadline = Deadline {
                    accepted_on: accepted,
                    limit_working_days: rec.limit,
                    pauses: pauses.to_vec(),
                    extension_working_days: rec.extension,
                };
                match deadline.due(self.calendar, concluded) {
                    Ok(due) if concluded <= due => o.on_time += 1,
                    Ok(_) => o.late += 1,
                    Err(_) => o.deadline_unknown += 1,
                }
                if let Some(used) = used_working_days(self.calendar, accepted, concluded, pauses) {
                    self.used_total += used;
                    self.used_count += 1;
                }
            }
        }
    }

    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    fn finish(mut self) -> CaseReport {
        let o = &mut self.out;
        o.on_time_rate = rate(o.on_time, o.on_time + o.late);
        o.immediate_rate = rate(o.immediate, o.concluded);
        o.average_working_days = (self.used_count > 0)
            .then(|| ((self.used_total as f64 / self.used_count as f64) * 100.0).round() / 100.0);
        o.by_channel
            .retain(|_, c| c.received > 0 || c.concluded > 0);
        self.out
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Window => "window",
        Channel::Kiosk => "kiosk",
        Channel::Online => "online",
        Channel::HomeVisit => "home_visit",
        Channel::PartnerPoint => "partner_point",
    }
}

struct ReviewMetrics {
    out: ReviewReport,
}

impl ReviewMetrics {
    fn new() -> Self {
        let mut out = ReviewReport::default();
        for level in Rating::ALL {
            out.by_level.insert(level.name(), 0);
        }
        Self { out }
    }

    fn add(&mut self, rec: &ReviewRec, p: Period) {
        let o = &mut self.out;
        if p.contains(rec.rated) {
            if rec.rating.is_bad() {
                o.bad += 1;
                o.appealed += u64::from(rec.appealed);
                o.void += u64::from(rec.void);
                o.real_name += u64::from(rec.real_name);
                o.revisited += u64::from(rec.revisited);
            }
            if !rec.void {
                o.rated += 1;
                *o.by_level.entry(rec.rating.name()).or_default() += 1;
                *o.by_channel.entry(rec.channel.name()).or_default() += 1;
                if rec.rating.is_satisfied() {
                    o.satisfied += 1;
                }
                if rec.channel == EvaluationChannel::Default {
                    o.defaulted += 1;
                }
            }
        }
        if let Some(due) = rec.rectify_by.filter(|d| p.contains(*d) && !rec.void) {
            o.rectification_due += 1;
            match rec.rectified {
                Some(day) if day <= due => o.rectified_on_time += 1,
                Some(_) => o.rectified_late += 1,
                None => o.unrectified += 1,
            }
        }
    }

    fn finish(mut self) -> ReviewReport {
        let o = &mut self.out;
        o.satisfaction_rate = rate(o.satisfied, o.rated);
        o.on_time_rectification_rate = rate(o.rectified_on_time, o.rectification_due);
        self.out
    }
}

#[derive(Default)]
struct ComplaintMetrics {
    out: ComplaintReport,
}

impl ComplaintMetrics {
    fn add(&mut self, rec: &ComplaintRec, p: Period) {
        let o = &mut self.out;
        if p.contains(rec.received) {
            o.received += 1;
            o.linked_to_case += u64::from(rec.case);
            o.linked_to_matter += u64::from(rec.matter);
        }
        if p.has(rec.answered) {
            o.answered += 1;
            o.resolved += u64::from(rec.resolved);
        }
        if p.contains(rec.answer_by) {
            o.answers_due += 1;
            match rec.answered {
                Some(day) if day <= rec.answer_by => o.answered_on_time += 1,
                Some(_) => o.answered_late += 1,
                None => o.unanswered += 1,
            }
        }
    }

    fn finish(mut self) -> ComplaintReport {
        let o = &mut self.out;
        o.on_time_rate = rate(o.answered_on_time, o.answers_due);
        self.out
    }
}

/// The organisation reported on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeInfo {
    /// Its code.
    pub org: String,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: OrgLevel,
}

/// The metrics of a scope over a period; see the [module docs](self) for the definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsReport {
    /// The scope.
    pub scope: ScopeInfo,
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Cases.
    pub cases: CaseReport,
    /// 好差评.
    pub reviews: ReviewReport,
    /// 办不成事.
    pub complaints: ComplaintReport,
    /// Events of the whole stream the fold could not place.
    pub ignored_events: u64,
}

/// Received and concluded cases of one channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCounts {
    /// Received in the period.
    pub received: u64,
    /// Concluded in the period.
    pub concluded: u64,
}

/// Case metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseReport {
    /// Submitted (收件).
    pub received: u64,
    /// Accepted (受理).
    pub accepted: u64,
    /// Not accepted (不予受理).
    pub not_accepted: u64,
    /// Withdrawn (撤回).
    pub withdrawn: u64,
    /// Concluded (办结).
    pub concluded: u64,
    /// Concluded on or before the due date.
    pub on_time: u64,
    /// Concluded after the due date.
    pub late: u64,
    /// Concluded, due date unknown (outside the calendar).
    pub deadline_unknown: u64,
    /// onTime / (onTime + late).
    pub on_time_rate: Option<f64>,
    /// Mean counted working days from acceptance to conclusion (2 decimals).
    pub average_working_days: Option<f64>,
    /// Concluded cases of 即办件 matters.
    pub immediate: u64,
    /// immediate / concluded.
    pub immediate_rate: Option<f64>,
    /// Received through 帮办代办.
    pub proxy: u64,
    /// Per channel, channels with nothing left out.
    pub by_channel: BTreeMap<&'static str, ChannelCounts>,
}

/// 好差评 metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewReport {
    /// Ratings given in the period, void ones excluded.
    pub rated: u64,
    /// Of them, per level (all five, zeros included).
    pub by_level: BTreeMap<&'static str, u64>,
    /// Of them, per evaluation channel.
    pub by_channel: BTreeMap<&'static str, u64>,
    /// Of them, recorded by default.
    pub defaulted: u64,
    /// Of them, 非常满意 + 满意 + 基本满意.
    pub satisfied: u64,
    /// satisfied / rated.
    pub satisfaction_rate: Option<f64>,
    /// Bad reviews given in the period, void ones included.
    pub bad: u64,
    /// Of them, appealed.
    pub appealed: u64,
    /// Of them, void (appeal upheld).
    pub void: u64,
    /// Of them, real-name.
    pub real_name: u64,
    /// Of them, revisited.
    pub revisited: u64,
    /// Bad reviews whose rectification fell due in the period.
    pub rectification_due: u64,
    /// Of them, rectified by the due date.
    pub rectified_on_time: u64,
    /// Of them, rectified after it.
    pub rectified_late: u64,
    /// Of them, not rectified yet.
    pub unrectified: u64,
    /// rectifiedOnTime / rectificationDue.
    pub on_time_rectification_rate: Option<f64>,
}

/// 办不成事 metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintReport {
    /// Received in the period.
    pub received: u64,
    /// Of them, naming a case.
    pub linked_to_case: u64,
    /// Of them, naming a matter.
    pub linked_to_matter: u64,
    /// Answered in the period.
    pub answered: u64,
    /// Of them, resolved.
    pub resolved: u64,
    /// Complaints whose answer fell due in the period.
    pub answers_due: u64,
    /// Of them, answered by the due date.
    pub answered_on_time: u64,
    /// Of them, answered after it.
    pub answered_late: u64,
    /// Of them, not answered yet.
    pub unanswered: u64,
    /// answeredOnTime / answersDue.
    pub on_time_rate: Option<f64>,
}

/// Why metrics could not be reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MetricsError {
    /// `metrics.unknown_scope`: the scope is no organisation of the catalogue.
    #[error("统计范围不存在 / unknown scope")]
    UnknownScope,
    /// `metrics.period`: the period ends before it starts.
    #[error("统计期间不正确 / period ends before it starts")]
    Period,
    /// `metrics.input`: the query could not be read.
    #[error("查询无法读取 / unreadable query")]
    Input(InputError),
}

impl Coded for MetricsError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownScope => "metrics.unknown_scope",
            Self::Period => "metrics.period",
            Self::Input(e) => e.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::UnknownScope => lang
                .pick(
                    "统计范围须为目录中的机构（服务站、街道中心或全区）",
                    "The scope must be an organisation of the catalogue (a station, a street centre, the district)",
                )
                .into(),
            Self::Period => lang
                .pick("统计期间的结束日期早于开始日期", "The period ends before it starts")
                .into(),
            Self::Input(e) => e.message(lang),
        }
    }

    fn params(&self) -> Map<String, Value> {
        match self {
            Self::Input(e) => e.params(),
            _ => Map::new(),
        }
    }
}

/// `metrics`: a scope and a period; the events come beside it as JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsQuery {
    /// An organisation code of the catalogue.
    pub scope: String,
    /// The first day (CST).
    pub from: NaiveDate,
    /// The last day (CST, included).
    pub to: NaiveDate,
}

impl MetricsQuery {
    /// Reads the query from JSON (at most 4 kB).
    pub fn from_json(text: &str) -> Result<Self, InputError> {
        input::parse_json(text, 4096)
    }

    /// The period.
    pub fn period(&self) -> Period {
        Period {
            from: self.from,
            to: self.to,
        }
    }
}

/// A line of the stream that is not an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineProblem {
    /// Its 1-based line.
    pub line: usize,
    /// Why.
    #[serde(flatten)]
    pub problem: Problem,
}

/// The outcome of `metrics`: `{"outcome": "report", "report", "problems"}` or
/// `{"outcome": "refused", "error"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MetricsOutcome {
    /// The report, and the lines that were not events (skipped).
    Report {
        /// The report.
        report: Box<MetricsReport>,
        /// Lines skipped, with their `input.*` problem.
        problems: Vec<LineProblem>,
    },
    /// Refused.
    Refused {
        /// Why, coded.
        error: Problem,
    },
}

impl Engine {
    /// Metrics from events given as JSON Lines (cases, reviews and complaints mixed; see
    /// [`decode_stream`]) for a query: every binding's `metrics` call.
    pub fn metrics_jsonl(&self, query: &MetricsQuery, events: &[u8], lang: Lang) -> MetricsOutcome {
        let (read, unreadable) = decode_stream(events);
        let mut metrics = Metrics::new();
        for (_, event) in &read {
            metrics.apply(event);
        }
        match metrics.report(self, &query.scope, query.period()) {
            Ok(report) => MetricsOutcome::Report {
                report: Box::new(report),
                problems: unreadable
                    .into_iter()
                    .map(|(line, e)| LineProblem {
                        line,
                        problem: e.to_problem(lang),
                    })
                    .collect(),
            },
            Err(e) => MetricsOutcome::Refused {
                error: e.to_problem(lang),
            },
        }
    }

    /// [`Engine::metrics_jsonl`] with the query as JSON text: an unreadable query is
    /// refused with its `input.*` code.
    pub fn metrics_json(&self, query: &str, events: &[u8], lang: Lang) -> MetricsOutcome {
        match MetricsQuery::from_json(query) {
            Ok(q) => self.metrics_jsonl(&q, events, lang),
            Err(e) => MetricsOutcome::Refused {
                error: MetricsError::Input(e).to_problem(lang),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_case_record_stays_small() {
        assert!(std::mem::size_of::<super::CaseRec>() <= 56);
    }
}
