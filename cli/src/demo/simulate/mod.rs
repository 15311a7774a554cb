//! The simulation: day by day, applications arrive at the 48 stations through every
//! channel — single matters and 一件事 bundles, by applicants, front desks, grid workers
//! (帮办代办) and home visits — and are worked through the engine: acceptance (at the station
//! where it may accept, else at the department), 补正, decisions under seals, conclusion
//! (with the successors it starts, 免申即办), delivery, same-day ratings with defaults, bad
//! reviews verified and rectified (some late, some appealed), and 办不成事 complaints.
//! Every step is a command through `decide`; every event goes to the sink.

mod complaints;
mod reviews;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};
use doorstep::Coded;
use doorstep::appointment::{AppointmentBook, AppointmentCommand, Slot};
use doorstep::authority::{Role, Step, cst_date};
use doorstep::case::{
    self, Actor, Case, Command, CommandEnvelope, Context, Event, SpecialGroup, Text,
};
use doorstep::catalog::Channel;
use doorstep::complaint::{Complaint, ComplaintCommand};
use doorstep::metrics::StreamEvent;
use doorstep::review::{CaseFacts, Rating, Review};

use super::district::{District, Rng, at_minute};

/// A station's appointment slots of `day`: four of an hour on a working day, six visits
/// each; on a day off one extended-hours morning (延时服务) of four.
fn slots(station: &str, day: NaiveDate, working: bool) -> Vec<Slot> {
    let hours: &[(u32, u32)] = if working {
        &[(9, 10), (10, 11), (14, 15), (15, 16)]
    } else {
        &[(9, 12)]
    };
    hours
        .iter()
        .filter_map(|&(from, to)| {
            Some(Slot {
                id: format!("{station}-{day}-{from:02}"),
                station: station.to_owned(),
                date: day,
                start: NaiveTime::from_hms_opt(from, 0, 0)?,
                end: NaiveTime::from_hms_opt(to, 0, 0)?,
                capacity: if working { 6 } else { 4 },
                extended_hours: !working,
            })
        })
        .collect()
}

/// What the simulation is asked to do.
pub(super) struct Plan {
    /// The first day.
    pub(super) start: NaiveDate,
    /// Number of days.
    pub(super) days: u32,
    /// Applications per working day, district-wide (a twentieth of it on days off, at the
    /// stations' extended hours).
    pub(super) per_day: u32,
}

/// Where the events go.
pub(super) trait Sink {
    /// One event, in the order they happen.
    fn event(&mut self, event: StreamEvent) -> Result<(), String>;
    /// The end of a simulated day (for progress).
    fn day_done(&mut self, _day: u32, _days: u32, _totals: &Totals) {}
}

/// Counts of what happened, for the report.
#[derive(Debug, Default)]
pub(super) struct Totals {
    /// Cases opened (bundles count each member, plus the bundle case).
    pub(super) cases: u64,
    /// Bundle submissions.
    pub(super) bundles: u64,
    /// Cases started without application.
    pub(super) successors: u64,
    /// Events emitted.
    pub(super) events: u64,
    /// Acceptances that went to the department because the station's authority was
    /// revoked.
    pub(super) rerouted: u64,
    /// Window visits booked ahead (预约), and of them the ones nobody came to (爽约).
    pub(super) appointments: u64,
    /// Appointments nobody came to.
    pub(super) no_shows: u64,
    /// Decisions put off a day because the deciding office's seal was suspended.
    pub(super) postponed: u64,
    /// Commands the engine refused, by code (the simulation adapts to each).
    pub(super) refused: BTreeMap<&'static str, u64>,
}

/// The next thing to do for a case, review or complaint.
#[derive(Debug, Clone)]
enum Work {
    Submit(Box<Application>),
    Accept,
    Confirm,
    StartReview,
    RequestSupplement,
    Supplement,
    Decide,
    Conclude,
    Deliver,
    Withdraw,
    Rate,
    ApplyDefault,
    Verify,
    Appeal,
    DecideAppeal,
    Rectify,
    Revisit,
    Report(Box<ComplaintCommand>),
    Triage,
    Answer,
}

/// A new application.
#[derive(Debug, Clone)]
struct Application {
    command: Command,
    ctx: Context,
}

/// How a booked window visit turned out.
enum Visit {
    /// They came at this time, under this appointment.
    Booked(DateTime<FixedOffset>, String),
    /// Nobody came (爽约).
    NoShow,
    /// No appointment after all (the slot was full): they walk in.
    WalkIn,
}

/// How a case will go, drawn when it opens.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // independent draws, one per turn a case can take
struct Fate {
    approve: bool,
    not_accept: bool,
    withdraw: bool,
    supplement: bool,
    /// Working days after acceptance the decision comes (a few beyond the limit).
    decide_after: u32,
    /// The rating, or `None` when the citizen will not rate (a default follows).
    rating: Option<Rating>,
    real_name: bool,
    appeal: bool,
    rectify_late: bool,
}

impl Fate {
    /// For a review whose case is gone: nothing more will happen to it.
    const BLANK: Self = Self {
        approve: true,
        not_accept: false,
        withdraw: false,
        supplement: false,
        decide_after: 0,
        rating: None,
        real_name: true,
        appeal: false,
        rectify_late: false,
    };
}

struct Task {
    at: DateTime<FixedOffset>,
    seq: u64,
    id: Text,
    work: Work,
}

impl PartialEq for Task {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Task {}
impl PartialOrd for Task {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Task {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

/// The district at work.
pub(super) struct Simulation<'d, S: Sink> {
    district: &'d District,
    rng: Rng,
    sink: S,
    agenda: BinaryHeap<Reverse<Task>>,
    seq: u64,
    cases: HashMap<Text, (Case, Fate)>,
    reviews: HashMap<Text, (Review, Fate)>,
    complaints: HashMap<Text, Complaint>,
    /// Case facts kept for rating, by case id, from conclusion until rated.
    facts: HashMap<Text, CaseFacts>,
    serial: u64,
    clients: u64,
    /// Each station's appointment book of one day (kept for that day only).
    books: HashMap<(String, NaiveDate), AppointmentBook>,
    pub(super) totals: Totals,
}

/// Minutes after midnight of the stations' opening (08:30) and the working span (8 h).
const OPENS: u32 = 8 * 60 + 30;
const SPAN: u64 = 8 * 60;

impl<'d, S: Sink> Simulation<'d, S> {
    pub(super) fn new(district: &'d District, seed: u64, sink: S) -> Self {
        Self {
            district,
            rng: Rng::new(seed),
            sink,
            agenda: BinaryHeap::new(),
            seq: 0,
            cases: HashMap::new(),
            reviews: HashMap::new(),
            complaints: HashMap::new(),
            facts: HashMap::new(),
            serial: 0,
            clients: 0,
            books: HashMap::new(),
            totals: Totals::default(),
        }
    }

    /// Runs the plan; the sink has every event.
    pub(super) fn run(mut self, plan: &Plan) -> Result<(S, Totals), String> {
        for d in 0..plan.days {
            let day = plan.start + Duration::days(i64::from(d));
            let working = self
                .district
                .engine
                .calendar()
                .is_working_day(day)
                .unwrap_or(false);
            let arrivals = if working {
                plan.per_day
            } else {
                plan.per_day / 20
            };
            for _ in 0..arrivals {
                self.arrive(day);
            }
            for _ in 0..(arrivals / 300).max(u32::from(working)) {
                self.complain(day);
            }
            let end = at_minute(day + Duration::days(1), 0);
            while self.agenda.peek().is_some_and(|Reverse(t)| t.at < end) {
                let Some(Reverse(task)) = self.agenda.pop() else {
                    break;
                };
                self.perform(task)?;
            }
            self.books.retain(|(_, on), _| *on > day);
            self.sink.day_done(d + 1, plan.days, &self.totals);
        }
        Ok((self.sink, self.totals))
    }

    fn schedule(&mut self, at: DateTime<FixedOffset>, id: Text, work: Work) {
        self.seq += 1;
        self.agenda.push(Reverse(Task {
            at,
            seq: self.seq,
            id,
            work,
        }));
    }

    /// A time during opening hours of `day`, after `after` when given.
    fn during(&mut self, day: NaiveDate) -> DateTime<FixedOffset> {
        let minute = OPENS + u32::try_from(self.rng.below(SPAN)).unwrap_or(0);
        at_minute(day, minute)
    }

    /// The working day `n` working days after `date` (the date itself when it is one and
    /// `n` is 0); the date when the calendar cannot tell.
    fn working_day(&self, date: NaiveDate, n: u32) -> NaiveDate {
        self.district
            .engine
            .calendar()
            .add_working_days(date, n)
            .unwrap_or(date)
    }

    /// A new application at a random station: one in 25 a 一件事, the rest a single
    /// matter the station takes in.
    fn arrive(&mut self, day: NaiveDate) {
        let district = self.district;
        let Some(station) = district
            .stations
            .get(self.rng.index(district.stations.len()))
        else {
            return;
        };
        self.serial += 1;
        let applicant = format!("u-{:07}", self.rng.below(2_000_000));
        let id = format!(
            "{}-{}-{:06}",
            station.code,
            day.format("%Y%m%d"),
            self.serial
        );
        let at = self.during(day);
        let bundle = if self.rng.chance(40) {
            district.bundles.get(self.rng.index(district.bundles.len()))
        } else {
            None
        };
        let application = if let Some((bundle, answer)) = bundle {
            self.totals.bundles += 1;
            Some(Application {
                command: Command::SubmitBundle {
                    bundle: bundle.clone(),
                    applicant: applicant.clone().into(),
                    proxy: None,
                    answer: answer.clone().into(),
                    special_groups: vec![],
                    appointment: None,
                },
                ctx: context(
                    &applicant,
                    Role::Applicant,
                    &station.code,
                    Channel::Window,
                    at,
                ),
            })
        } else {
            let matter = station
                .matters
                .get(self.rng.index(station.matters.len()))
                .and_then(|&i| district.matter(i));
            matter.and_then(|m| {
                let mut application = self.single(m, &station.code, applicant, at);
                // One window visit in five is booked ahead; a few of those never come.
                if application.ctx.channel == Channel::Window && self.rng.chance(200) {
                    match self.by_appointment(&station.code, &m.code, &id, day) {
                        Visit::NoShow => return None,
                        Visit::WalkIn => {}
                        Visit::Booked(came, booking) => {
                            application.ctx.at = came;
                            if let Command::Submit { appointment, .. } = &mut application.command {
                                *appointment = Some(booking);
                            }
                        }
                    }
                }
                Some(application)
            })
        };
        if let Some(application) = application {
            let when = application.ctx.at;
            self.schedule(when, id.into(), Work::Submit(Box::new(application)));
        }
    }

    /// A window visit by appointment (预约), booked the evening before for one of the
    /// station's slots of `day` (an extended-hours morning on a day off): booked (the
    /// arrival time and the appointment's id), a no-show (爽约, recorded after the slot), or
    /// a walk-in after all when the slot had no room.
    fn by_appointment(&mut self, station: &str, matter: &str, case: &str, day: NaiveDate) -> Visit {
        let engine = &self.district.engine;
        let working = engine.calendar().is_working_day(day).unwrap_or(false);
        let book = self
            .books
            .entry((station.to_owned(), day))
            .or_insert_with(|| AppointmentBook {
                slots: slots(station, day, working),
                appointments: Vec::new(),
            });
        let Some(slot) = book.slots.get(self.rng.index(book.slots.len())).cloned() else {
            return Visit::WalkIn;
        };
        let id = format!("YY-{case}");
        let evening = at_minute(day - Duration::days(1), 20 * 60);
        let booked = book.decide(
            engine,
            AppointmentCommand::Book {
                id: id.clone(),
                slot: slot.id.clone(),
                applicant: format!("u-{case}").as_str().into(),
                matter: matter.to_owned(),
                special_groups: vec![],
                home_visit: false,
            },
            evening,
        );
        let Ok(event) = booked else {
            // Full, or a matter not handled at stations: a walk-in after all.
            return Visit::WalkIn;
        };
        book.apply(&event);
        self.totals.appointments += 1;
        let start = slot.start.num_seconds_from_midnight() / 60;
        let no_show = self.rng.chance(80);
        let (command, when) = if no_show {
            let after = slot.end.num_seconds_from_midnight() / 60 + 5;
            (
                AppointmentCommand::NoShow { id: id.clone() },
                at_minute(day, after),
            )
        } else {
            let arrived = start + 5 + u32::try_from(self.rng.below(40)).unwrap_or(0);
            let case = case.to_owned();
            (
                AppointmentCommand::Arrive {
                    id: id.clone(),
                    case,
                },
                at_minute(day, arrived),
            )
        };
        let Some(book) = self.books.get_mut(&(station.to_owned(), day)) else {
            return Visit::WalkIn;
        };
        match book.decide(engine, command, when) {
            Ok(event) => book.apply(&event),
            Err(e) => {
                self.refused(&e);
                return Visit::WalkIn;
            }
        }
        if no_show {
            self.totals.no_shows += 1;
            Visit::NoShow
        } else {
            Visit::Booked(when, id)
        }
    }

    /// An application for one matter: through the channels it offers, now and then by a
    /// grid worker (帮办代办) or on a home visit for someone who cannot come.
    fn single(
        &mut self,
        matter: &doorstep::catalog::Matter,
        station: &str,
        applicant: String,
        at: DateTime<FixedOffset>,
    ) -> Application {
        let dice = self.rng.below(100);
        let offered = |c: Channel| matter.channels.contains(&c);
        let (role, channel) = if dice < 4 && matter.proxy_allowed {
            (Role::Proxy, Channel::Window)
        } else if dice < 6 && offered(Channel::HomeVisit) {
            (Role::FrontDesk, Channel::HomeVisit)
        } else if dice < 40 && offered(Channel::Online) {
            (Role::Applicant, Channel::Online)
        } else if dice < 52 && offered(Channel::Kiosk) {
            (Role::Applicant, Channel::Kiosk)
        } else if dice < 58 && offered(Channel::PartnerPoint) {
            (Role::Applicant, Channel::PartnerPoint)
        } else if offered(Channel::Window) {
            (Role::FrontDesk, Channel::Window)
        } else {
            let first = matter.channels.first().copied();
            (Role::Applicant, first.unwrap_or(Channel::Online))
        };
        let special_groups = match (role, channel) {
            (Role::Proxy, _) => vec![SpecialGroup::Elderly],
            (_, Channel::HomeVisit) => vec![SpecialGroup::Disabled],
            _ => vec![],
        };
        let (actor, proxy) = match role {
            Role::Proxy => {
                let worker = format!("gw-{station}");
                let consent = case::ProxyConsent {
                    proxy: worker.clone().into(),
                    applicant: applicant.clone().into(),
                    matters: vec![],
                    expires: cst_date(at) + Duration::days(30),
                };
                (worker, Some(consent))
            }
            Role::FrontDesk => (format!("fd-{station}-1"), None),
            _ => (applicant.clone(), None),
        };
        Application {
            ctx: context(&actor, role, station, channel, at),
            command: Command::Submit {
                matter: matter.code.clone(),
                applicant: applicant.into(),
                proxy,
                answer: matter.form.example.clone().into(),
                special_groups,
                appointment: None,
            },
        }
    }

    fn perform(&mut self, task: Task) -> Result<(), String> {
        let Task { at, id, work, .. } = task;
        match work {
            Work::Submit(application) => self.submit(&id, *application),
            Work::Report(command) => self.report(&id, *command, at),
            Work::Triage | Work::Answer => self.answer(&id, &work, at),
            Work::Rate
            | Work::ApplyDefault
            | Work::Verify
            | Work::Appeal
            | Work::DecideAppeal
            | Work::Rectify
            | Work::Revisit => self.review_step(&id, &work, at),
            _ => self.case_step(&id, &work, at),
        }
    }

    /// Emits case events, keeping the cases they open or move; returns the ids opened.
    fn apply(&mut self, events: Vec<Event>) -> Result<Vec<Text>, String> {
        let mut opened = Vec::new();
        for event in events {
            let entry = self.cases.remove(&event.case);
            let fate = entry.as_ref().map(|(_, f)| *f);
            let before = entry.map(|(c, _)| c);
            let after = case::evolve(before, &event).map_err(|e| format!("{}: {e}", event.case))?;
            if event.version == 1 {
                opened.push(event.case.clone());
                self.totals.cases += 1;
                if after.origin.is_some() {
                    self.totals.successors += 1;
                }
            }
            if matches!(event.kind, case::EventKind::Concluded) {
                self.facts.insert(
                    event.case.clone(),
                    CaseFacts {
                        case: after.id.clone(),
                        matter: after.matter.clone(),
                        org: after.org.clone(),
                        channel: after.channel,
                        applicant: after.applicant.clone(),
                        concluded_at: Some(event.at),
                    },
                );
            }
            // Only cases still being worked are kept: memory stays small on long runs.
            if !after.status.is_final() && !after.is_bundle() {
                let fate = fate.unwrap_or_else(|| self.fate(&after));
                self.cases.insert(event.case.clone(), (after, fate));
            }
            self.totals.events += 1;
            self.sink.event(StreamEvent::Case(event))?;
        }
        Ok(opened)
    }

    fn fate(&mut self, case: &Case) -> Fate {
        let limit = case.limit_working_days;
        let late = self.rng.chance(60);
        let decide_after = if limit == 0 {
            0
        } else if late {
            limit + 1 + u32::try_from(self.rng.below(4)).unwrap_or(0)
        } else {
            u32::try_from(self.rng.below(u64::from(limit))).unwrap_or(0) + 1
        };
        let rating = if self.rng.chance(780) {
            Some(match self.rng.below(1000) {
                0..=679 => Rating::VerySatisfied,
                680..=929 => Rating::Satisfied,
                930..=979 => Rating::BasicallySatisfied,
                980..=992 => Rating::Dissatisfied,
                _ => Rating::VeryDissatisfied,
            })
        } else {
            None
        };
        Fate {
            approve: !self.rng.chance(30),
            not_accept: self.rng.chance(15),
            withdraw: self.rng.chance(10),
            supplement: limit > 0 && self.rng.chance(80),
            decide_after,
            rating,
            real_name: self.rng.chance(850),
            appeal: self.rng.chance(120),
            rectify_late: self.rng.chance(150),
        }
    }

    fn submit(&mut self, id: &Text, application: Application) -> Result<(), String> {
        let client = self.client_id("submit");
        let envelope = envelope(id, 0, &client, application.command);
        match case::decide(&self.district.engine, None, &envelope, &application.ctx) {
            Ok(events) => {
                let opened = self.apply(events)?;
                let at = application.ctx.at;
                let online = matches!(application.ctx.channel, Channel::Online | Channel::Kiosk);
                for case_id in opened {
                    let bundle = self.cases.get(&case_id).is_some_and(|(c, _)| c.is_bundle());
                    if bundle {
                        continue;
                    }
                    // Online applications are looked at the next working day; at a window
                    // they are accepted on the spot.
                    let when = if online {
                        let day = self.working_day(cst_date(at) + Duration::days(1), 0);
                        self.during(day)
                    } else {
                        at + Duration::minutes(10 + i64::try_from(self.rng.below(30)).unwrap_or(0))
                    };
                    self.schedule(when, case_id, Work::Accept);
                }
                Ok(())
            }
            Err(e) => {
                self.refused(&e);
                Ok(())
            }
        }
    }

    fn refused(&mut self, e: &dyn Coded) {
        *self.totals.refused.entry(e.code()).or_default() += 1;
    }

    /// Runs one command on a case as `actor` of `org` in `role` at `at`; refused commands
    /// are counted and leave the case as it is.
    fn command(
        &mut self,
        id: &Text,
        client: &str,
        command: Command,
        ctx: &Context,
    ) -> Result<Option<Vec<Text>>, String> {
        let Some(version) = self.cases.get(id).map(|(c, _)| c.version) else {
            return Ok(None);
        };
        let client = self.client_id(client);
        let envelope = envelope(id, version, &client, command);
        let case = self.cases.get(id).map(|(c, _)| c);
        match case::decide(&self.district.engine, case, &envelope, ctx) {
            Ok(events) => self.apply(events).map(Some),
            Err(e) => {
                self.refused(&e);
                Ok(None)
            }
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per step of the lifecycle
    fn case_step(
        &mut self,
        id: &Text,
        work: &Work,
        at: DateTime<FixedOffset>,
    ) -> Result<(), String> {
        let Some((case, fate)) = self.cases.get(id).map(|(c, f)| (c.clone(), *f)) else {
            return Ok(());
        };
        let district = self.district;
        let Some(matter) = district.engine.catalog().matter(&case.matter) else {
            return Ok(());
        };
        let day = cst_date(at);
        let office = case.back_office.clone().unwrap_or_else(|| case.org.clone());
        let officer = format!("bo-{office}-{}", 1 + self.rng.below(6));
        let back = context(&officer, Role::BackOffice, &office, Channel::Window, at);
        let applicant = context(
            &case.applicant,
            Role::Applicant,
            &case.org,
            Channel::Online,
            at,
        );
        match work {
            Work::Accept => {
                if case.awaiting_confirmation {
                    let when = at + Duration::hours(2);
                    self.schedule(when, id.clone(), Work::Confirm);
                    return Ok(());
                }
                // The station accepts where it may; otherwise the department does.
                let here = district.may(&case.org, &case.matter, Step::Accept, at);
                if !here
                    && district
                        .revoked
                        .as_ref()
                        .is_some_and(|r| *r.station == *case.org && at >= r.at)
                {
                    self.totals.rerouted += 1;
                }
                let org = if here {
                    case.org.to_string()
                } else {
                    matter.department.clone()
                };
                let desk = context(
                    &format!("fd-{org}-1"),
                    Role::FrontDesk,
                    &org,
                    Channel::Window,
                    at,
                );
                let command = if fate.not_accept {
                    Command::NotAccept {
                        reason: "不属于本事项受理范围".into(),
                    }
                } else {
                    Command::Accept
                };
                if self.command(id, "accept", command, &desk)?.is_some() && !fate.not_accept {
                    let next = if matter.immediate {
                        (at + Duration::minutes(15), Work::Decide)
                    } else if fate.withdraw {
                        let day = self.working_day(day, 1);
                        (self.during(day), Work::Withdraw)
                    } else {
                        let day = self.working_day(day, 1);
                        (self.during(day), Work::StartReview)
                    };
                    self.schedule(next.0, id.clone(), next.1);
                }
            }
            Work::Confirm => {
                let confirmed = self.command(id, "confirm", Command::Confirm, &applicant)?;
                if confirmed.is_some() {
                    self.schedule(at + Duration::minutes(30), id.clone(), Work::Accept);
                }
            }
            Work::StartReview => {
                let started = self.command(id, "review", Command::StartReview, &back)?;
                if started.is_some() {
                    if fate.supplement || !case.data_problems.is_empty() {
                        self.schedule(at + Duration::hours(1), id.clone(), Work::RequestSupplement);
                    } else {
                        self.schedule_decision(id, &case, fate, at);
                    }
                }
            }
            Work::RequestSupplement => {
                let command = Command::RequestSupplement {
                    reason: "请补充材料".into(),
                };
                if self
                    .command(id, "supplement-request", command, &back)?
                    .is_some()
                {
                    let after = 1 + self.draw(3);
                    let back_on = self.working_day(day, after);
                    let when = self.during(back_on);
                    self.schedule(when, id.clone(), Work::Supplement);
                }
            }
            Work::Supplement => {
                let answer = matter.form.example.clone().into();
                let actor = match &case.proxy {
                    Some(consent) => {
                        context(&consent.proxy, Role::Proxy, &case.org, Channel::Window, at)
                    }
                    None => applicant,
                };
                if self
                    .command(id, "supplement", Command::Supplement { answer }, &actor)?
                    .is_some()
                {
                    let now = self.cases.get(id).map(|(c, _)| c.clone());
                    if let Some(now) = now {
                        self.schedule_decision(id, &now, fate, at);
                    }
                }
            }
            Work::Decide => {
                let Some(stamp) = district.stamp(&case, &officer, Role::BackOffice, &office, at)
                else {
                    // The office's seal is suspended (lost, sealed away during works): the
                    // decision waits for it, a working day at a time.
                    self.totals.postponed += 1;
                    let on = self.working_day(day + Duration::days(1), 0);
                    let when = self.during(on);
                    self.schedule(when, id.clone(), Work::Decide);
                    return Ok(());
                };
                let command = if fate.approve {
                    Command::Approve { stamp }
                } else {
                    Command::Reject {
                        reason: "不符合办理条件".into(),
                        stamp,
                    }
                };
                if self.command(id, "decide", command, &back)?.is_some() {
                    self.schedule(at + Duration::minutes(10), id.clone(), Work::Conclude);
                }
            }
            Work::Conclude => {
                if let Some(opened) = self.command(id, "conclude", Command::Conclude, &back)? {
                    // 免申即办: successors opened by the conclusion are accepted at their
                    // department the next working day (after confirmation where needed).
                    for successor in opened {
                        let day = self.working_day(day + Duration::days(1), 0);
                        let when = self.during(day);
                        self.schedule(when, successor, Work::Accept);
                    }
                    self.after_conclusion(id, at, fate);
                }
            }
            Work::Deliver => {
                let desk = context(
                    &format!("fd-{office}-1"),
                    Role::FrontDesk,
                    &office,
                    Channel::Window,
                    at,
                );
                let desk = if district.may(&office, &case.matter, Step::Deliver, at) {
                    desk
                } else {
                    context("system", Role::System, &office, Channel::Online, at)
                };
                self.command(id, "deliver", Command::Deliver, &desk)?;
            }
            Work::Withdraw => {
                let command = Command::Withdraw {
                    reason: Some("不需要了".into()),
                };
                self.command(id, "withdraw", command, &applicant)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// The decision, `fate.decide_after` working days after acceptance (the days the clock
    /// stood still added), and never before `now`.
    fn schedule_decision(
        &mut self,
        id: &Text,
        case: &Case,
        fate: Fate,
        now: DateTime<FixedOffset>,
    ) {
        let from = case
            .accepted_on
            .unwrap_or_else(|| cst_date(case.submitted_at));
        let paused: u32 = case
            .pauses
            .iter()
            .filter_map(|p| {
                let to = p.to?;
                let days = self
                    .district
                    .engine
                    .calendar()
                    .working_days_between(p.from, to)
                    .ok()?;
                u32::try_from(days).ok()
            })
            .sum();
        let day = self.working_day(from, fate.decide_after + paused);
        let when = self.during(day).max(now + Duration::minutes(20));
        self.schedule(when, id.clone(), Work::Decide);
    }

    /// Delivery, and the invitation to rate: the citizen rates the same day or the system
    /// records the default the next day.
    fn after_conclusion(&mut self, id: &Text, at: DateTime<FixedOffset>, fate: Fate) {
        let day = cst_date(at);
        let next = self.working_day(day + Duration::days(1), 0);
        let when = self.during(next);
        self.schedule(when, id.clone(), Work::Deliver);
        if fate.rating.is_some() {
            let minutes = self.rng.below(120);
            let rated = (at + Duration::minutes(5 + i64::try_from(minutes).unwrap_or(0)))
                .min(at_minute(day, 23 * 60 + 59));
            self.schedule(rated, id.clone(), Work::Rate);
        } else {
            self.schedule(
                at_minute(day + Duration::days(1), 30),
                id.clone(),
                Work::ApplyDefault,
            );
        }
    }

    /// A client id, unique in the run (as a window system's would be: a case's successors
    /// and members start with the id of the command that opened them).
    fn client_id(&mut self, step: &str) -> String {
        self.clients += 1;
        format!("{step}-{:x}", self.clients)
    }

    /// Uniform in `0..n`, as a count of days.
    fn draw(&mut self, n: u64) -> u32 {
        u32::try_from(self.rng.below(n)).unwrap_or(0)
    }
}

fn context(
    id: &str,
    role: Role,
    org: &str,
    channel: Channel,
    at: DateTime<FixedOffset>,
) -> Context {
    Context {
        actor: Actor {
            id: id.into(),
            role,
            org: org.into(),
        },
        channel,
        at,
    }
}

/// The station chief of `org` (its officer `zz-ORG`), at the window: who triages and answers
/// complaints and verifies and rectifies bad reviews in the simulation.
fn chief(org: &str, at: DateTime<FixedOffset>) -> Context {
    context(
        &format!("zz-{org}"),
        Role::StationChief,
        org,
        Channel::Window,
        at,
    )
}

fn envelope(id: &Text, version: u64, client: &str, command: Command) -> CommandEnvelope {
    CommandEnvelope {
        case: id.to_string(),
        expected_version: version,
        client_id: client.into(),
        command,
    }
}
