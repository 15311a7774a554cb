//! 预约 / 延时 / 上门: appointment slots per station with a capacity; booking, cancelling,
//! no-shows, arrivals (an appointment becomes a case), extended-hours slots and home-visit
//! requests for special groups.
//!
//! Like cases, the book changes only through [`AppointmentBook::decide`] (a command gives
//! one event or a coded [`AppointmentError`] and changes nothing) and
//! [`AppointmentBook::evolve`] (an event applied, or refused when it cannot follow the
//! book). The bindings reach both through JSON requests ([`AppointmentDecideRequest`],
//! [`AppointmentEvolveRequest`]).

mod surface;

pub use surface::{
    AppointmentDecideRequest, AppointmentDecision, AppointmentEvolution, AppointmentEvolveRequest,
    MAX_APPOINTMENT_REQUEST_BYTES,
};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

use crate::authority::cst_time;
use crate::case::{AccountId, SpecialGroup};
use crate::catalog::{Channel, OrgLevel};
use crate::engine::Engine;
use crate::{Coded, Lang};

/// A time of day in China Standard Time.
pub type ClockTime = NaiveTime;

/// Longest id a command names (appointment, slot, applicant, matter, case), in bytes: the
/// ids of a host's records, kept short enough for every window system to store.
pub const MAX_APPOINTMENT_ID_BYTES: usize = 128;

/// A bookable slot at a station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[validate(schema(function = "ends_after_start"))]
pub struct Slot {
    /// Stable id.
    #[validate(custom(function = "appointment_id"))]
    pub id: String,
    /// The station (or street centre).
    #[validate(custom(function = "station_id"))]
    pub station: String,
    /// The day.
    pub date: NaiveDate,
    /// Start, CST (`HH:MM:SS`).
    pub start: ClockTime,
    /// End, CST.
    pub end: ClockTime,
    /// How many appointments it takes.
    #[validate(range(max = 100_000))]
    pub capacity: u32,
    /// 延时服务: outside office hours (evenings, weekends, holidays), so it may fall on a
    /// day that is not a working day.
    #[serde(default)]
    pub extended_hours: bool,
}

impl Slot {
    fn starts(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }

    fn ends(&self) -> NaiveDateTime {
        self.date.and_time(self.end)
    }
}

/// What became of an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Booked, still ahead.
    Booked,
    /// Cancelled by the citizen before it started.
    Cancelled,
    /// The citizen did not come.
    NoShow,
    /// The citizen came; a case was opened.
    Arrived,
}

/// One appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appointment {
    /// Stable id (client-generated, so a retried booking is recognised).
    #[validate(custom(function = "appointment_id"))]
    pub id: String,
    /// The slot.
    #[validate(custom(function = "appointment_id"))]
    pub slot: String,
    /// The applicant's account id.
    #[validate(custom(function = "appointment_id"))]
    pub applicant: AccountId,
    /// The matter's code.
    #[validate(custom(function = "appointment_id"))]
    pub matter: String,
    /// Special groups the applicant belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special_groups: Vec<SpecialGroup>,
    /// 上门服务: the staff go to the applicant instead.
    #[serde(default)]
    pub home_visit: bool,
    /// Where it stands.
    pub status: AppointmentStatus,
    /// The case it became, once the applicant arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "appointment_id"))]
    pub case: Option<String>,
}

// `Deserialize` without serde's `Content` buffer, through `crate::tagged` (a new variant is
// written here as in any enum).
crate::tagged::tagged_enum! {
    /// What a citizen or a station asks.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    #[serde(
        tag = "type",
        rename_all = "snake_case",
        rename_all_fields = "camelCase",
        deny_unknown_fields
    )]
    pub enum AppointmentCommand {
        /// Book a slot.
        Book {
            /// The new appointment's id.
            id: String,
            /// The slot.
            slot: String,
            /// The applicant's account id.
            applicant: AccountId,
            /// The matter's code.
            matter: String,
            /// Special groups the applicant belongs to.
            #[serde(default)]
            special_groups: Vec<SpecialGroup>,
            /// A home visit instead of coming in.
            #[serde(default)]
            home_visit: bool,
        },
        /// Cancel before the slot starts.
        Cancel {
            /// The appointment.
            id: String,
        },
        /// Record that the applicant did not come (after the slot ended).
        NoShow {
            /// The appointment.
            id: String,
        },
        /// Record that the applicant came, on the slot's day, and which case was opened
        /// for them.
        Arrive {
            /// The appointment.
            id: String,
            /// The case opened (its `submit` names this appointment).
            case: String,
        },
    }
}

/// What happened to the book: the command, accepted, at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppointmentEvent {
    /// The accepted command.
    pub command: AppointmentCommand,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Why an appointment command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AppointmentError {
    /// `appointment.unknown_slot`.
    #[error("预约时段不存在 / unknown slot")]
    UnknownSlot,
    /// `appointment.unknown`.
    #[error("预约不存在 / unknown appointment")]
    Unknown,
    /// `appointment.exists`: the id is taken.
    #[error("预约编号已存在 / appointment exists")]
    Exists,
    /// `appointment.unknown_matter`: no matter in effect on the slot's day, or not handled
    /// at the level of the slot's org (a community station, or a street centre), or, for a
    /// visit other than a home visit, not offered at the window.
    #[error("事项不存在或不可预约 / matter not bookable")]
    UnknownMatter,
    /// `appointment.full`: the slot is fully booked.
    #[error("该时段已约满 / slot full")]
    Full,
    /// `appointment.past`: the slot has started or passed.
    #[error("该时段已开始或已过 / slot has started")]
    Past,
    /// `appointment.duplicate`: the applicant already holds this slot.
    #[error("已预约该时段 / already booked")]
    Duplicate,
    /// `appointment.not_working_day`: a regular slot on a day off (only extended-hours slots
    /// may be).
    #[error("非工作日仅提供延时服务 / not a working day")]
    NotWorkingDay,
    /// `appointment.home_visit`: home visits are for special groups, and for matters
    /// offered by home visit.
    #[error("上门服务不适用 / home visit not available")]
    HomeVisit,
    /// `appointment.wrong_status`: not booked any more.
    #[error("预约状态不允许此操作 / not allowed in this status")]
    WrongStatus,
    /// `appointment.too_early`: a no-show recorded before the slot ended.
    #[error("时段尚未结束 / slot not over")]
    TooEarly,
    /// `appointment.calendar`: the slot's day is outside the calendar's years (the
    /// calendar's error says which day, and the years it has).
    #[error("日期超出工作日历范围 / outside the calendar")]
    Calendar(crate::calendar::CalendarError),
    /// `appointment.invalid_id`: an id of the command is empty or longer than
    /// [`MAX_APPOINTMENT_ID_BYTES`].
    #[error("编号不合规 / invalid id")]
    InvalidId,
    /// `appointment.wrong_day`: an arrival recorded on another day than the slot's (CST).
    #[error("非预约当日 / not the slot's day")]
    WrongDay,
}

impl Coded for AppointmentError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownSlot => "appointment.unknown_slot",
            Self::Unknown => "appointment.unknown",
            Self::Exists => "appointment.exists",
            Self::UnknownMatter => "appointment.unknown_matter",
            Self::Full => "appointment.full",
            Self::Past => "appointment.past",
            Self::Duplicate => "appointment.duplicate",
            Self::NotWorkingDay => "appointment.not_working_day",
            Self::HomeVisit => "appointment.home_visit",
            Self::WrongStatus => "appointment.wrong_status",
            Self::TooEarly => "appointment.too_early",
            Self::Calendar(_) => "appointment.calendar",
            Self::InvalidId => "appointment.invalid_id",
            Self::WrongDay => "appointment.wrong_day",
        }
    }

    fn params(&self) -> serde_json::Map<String, serde_json::Value> {
        match self {
            Self::Calendar(e) => e.params(),
            _ => serde_json::Map::new(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            Self::Calendar(e) => {
                let what = (
                    "无法判断该日是否为工作日",
                    "Whether the day is a working day is unknown",
                );
                return e.message_for(what, lang);
            }
            Self::UnknownSlot => ("预约时段不存在", "No such slot"),
            Self::Unknown => ("预约不存在", "No such appointment"),
            Self::Exists => ("预约编号已存在", "An appointment with this id exists"),
            Self::UnknownMatter => (
                "事项不存在、未生效，或不在该服务站（中心）窗口办理",
                "No such matter in effect, or not handled at this station's or centre's window",
            ),
            Self::Full => (
                "该时段已约满，请选择其他时段",
                "The slot is full; choose another",
            ),
            Self::Past => ("该时段已开始或已过", "The slot has started or passed"),
            Self::Duplicate => ("您已预约该时段", "You already hold this slot"),
            Self::NotWorkingDay => (
                "非工作日仅提供延时服务时段",
                "Only extended-hours slots fall on days off",
            ),
            Self::HomeVisit => (
                "上门服务仅面向老年人、残疾人等特殊群体，且须事项支持上门办理",
                "Home visits are for special groups, for matters offered by home visit",
            ),
            Self::WrongStatus => (
                "预约已取消、爽约或已到场",
                "The appointment is no longer booked",
            ),
            Self::TooEarly => ("时段尚未结束，不能登记爽约", "The slot is not over yet"),
            Self::InvalidId => ("编号须为 1 至 128 字节", "An id has 1 to 128 bytes"),
            Self::WrongDay => (
                "只能在预约当天登记到场",
                "An arrival is recorded on the day of the slot",
            ),
        };
        lang.pick(zh, en).to_owned()
    }
}

/// The slots of a station (or a district) and their appointments.
///
/// Read from JSON, a book is checked as it is read (a host's stored book is input like any
/// other): ids within their bounds (1 to [`MAX_APPOINTMENT_ID_BYTES`] bytes, as a command's;
/// a station's 1 to [`MAX_STATION_BYTES`]), each slot ending after it starts, no two
/// slots or appointments of one id, every appointment in a slot of the book. A book that
/// fails is a deserialization error (`input.shape` in the bindings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields, try_from = "Unchecked")]
#[validate(schema(function = "consistent"))]
pub struct AppointmentBook {
    /// Slots offered.
    #[validate(nested)]
    pub slots: Vec<Slot>,
    /// Appointments made, in booking order.
    #[serde(default)]
    #[validate(nested)]
    pub appointments: Vec<Appointment>,
}

/// A book as read, before [`AppointmentBook`]'s checks.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Unchecked {
    slots: Vec<Slot>,
    #[serde(default)]
    appointments: Vec<Appointment>,
}

impl TryFrom<Unchecked> for AppointmentBook {
    type Error = &'static str;

    /// The book, or what it must be (not what it holds: a message never repeats the input).
    fn try_from(book: Unchecked) -> Result<Self, Self::Error> {
        let book = Self {
            slots: book.slots,
            appointments: book.appointments,
        };
        book.validate().map_err(|_| {
            "an appointment book's ids have 1 to 128 bytes (a station's 1 to 64), its \
             slots end after they start and take at most 100,000, no two slots or appointments \
             share an id, and every appointment is in a slot of the book"
        })?;
        Ok(book)
    }
}

/// Longest station id a stored book's slot names, in bytes.
pub const MAX_STATION_BYTES: usize = 64;

/// An id of a stored book: 1 to [`MAX_APPOINTMENT_ID_BYTES`] bytes, as a command's ids.
fn appointment_id(id: &str) -> Result<(), ValidationError> {
    bounded(id, MAX_APPOINTMENT_ID_BYTES)
}

/// A slot's station: 1 to [`MAX_STATION_BYTES`] bytes.
fn station_id(id: &str) -> Result<(), ValidationError> {
    bounded(id, MAX_STATION_BYTES)
}

/// [`within`] as a validation.
fn bounded(id: &str, max_bytes: usize) -> Result<(), ValidationError> {
    if within(id, max_bytes) {
        Ok(())
    } else {
        Err(ValidationError::new("id_length"))
    }
}

/// Whether `id` has 1 to `max_bytes` bytes: the one bound of every id, in a command or a book.
fn within(id: &str, max_bytes: usize) -> bool {
    (1..=max_bytes).contains(&id.len())
}

fn ends_after_start(slot: &Slot) -> Result<(), ValidationError> {
    if slot.end > slot.start {
        Ok(())
    } else {
        Err(ValidationError::new("slot_ends_before_start"))
    }
}

/// No two slots or appointments of one id; every appointment in a slot of the book.
fn consistent(book: &AppointmentBook) -> Result<(), ValidationError> {
    let mut slots: Vec<&str> = book.slots.iter().map(|s| s.id.as_str()).collect();
    slots.sort_unstable();
    let mut ids: Vec<&str> = book.appointments.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let repeated = |ids: &[&str]| ids.windows(2).any(|w| matches!(w, [a, b] if a == b));
    if repeated(&slots) {
        return Err(ValidationError::new("duplicate_slot"));
    }
    if repeated(&ids) {
        return Err(ValidationError::new("duplicate_appointment"));
    }
    if book
        .appointments
        .iter()
        .any(|a| slots.binary_search(&a.slot.as_str()).is_err())
    {
        return Err(ValidationError::new("appointment_without_slot"));
    }
    Ok(())
}

impl AppointmentBook {
    /// The appointment `id`.
    pub fn appointment(&self, id: &str) -> Option<&Appointment> {
        self.appointments.iter().find(|a| a.id == id)
    }

    /// Appointments still counting against `slot`'s capacity.
    pub fn taken(&self, slot: &str) -> usize {
        self.appointments
            .iter()
            .filter(|a| {
                a.slot == slot
                    && matches!(
                        a.status,
                        AppointmentStatus::Booked | AppointmentStatus::Arrived
                    )
            })
            .count()
    }

    /// Decides `command` at `at`: the event to apply, or why not (nothing changes).
    pub fn decide(
        &self,
        engine: &Engine,
        command: AppointmentCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<AppointmentEvent, AppointmentError> {
        let slot = self.slot_for(&command)?;
        let now = cst_time(at);
        match &command {
            AppointmentCommand::Book {
                applicant,
                matter,
                special_groups,
                home_visit,
                ..
            } => {
                if now >= slot.starts() {
                    return Err(AppointmentError::Past);
                }
                let working = engine
                    .calendar()
                    .is_working_day(slot.date)
                    .map_err(AppointmentError::Calendar)?;
                if !working && !slot.extended_hours {
                    return Err(AppointmentError::NotWorkingDay);
                }
                // A slot is at a community station or a street centre: the matter must be
                // handled at the level of the org the slot is at (a station the catalogue
                // does not name is taken as a community station).
                let catalog = engine.catalog();
                let level = catalog
                    .org(&slot.station)
                    .map_or(OrgLevel::Community, |o| o.level);
                let m = catalog
                    .matter_on(matter, slot.date)
                    .filter(|m| m.levels.contains(&level))
                    .ok_or(AppointmentError::UnknownMatter)?;
                if *home_visit
                    && (special_groups.is_empty() || !m.channels.contains(&Channel::HomeVisit))
                {
                    return Err(AppointmentError::HomeVisit);
                }
                // Any other visit is to the org's window, where a matter handled online
                // only is not taken.
                if !*home_visit && !m.channels.contains(&Channel::Window) {
                    return Err(AppointmentError::UnknownMatter);
                }
                self.has_place(slot, applicant)?;
            }
            AppointmentCommand::Cancel { .. } => {
                if now >= slot.starts() {
                    return Err(AppointmentError::Past);
                }
            }
            AppointmentCommand::NoShow { .. } => {
                if now < slot.ends() {
                    return Err(AppointmentError::TooEarly);
                }
            }
            // On the slot's day, early or late: a citizen who comes another day is served
            // without the appointment (which ends as a no-show).
            AppointmentCommand::Arrive { .. } => {
                if now.date() != slot.date {
                    return Err(AppointmentError::WrongDay);
                }
            }
        }
        Ok(AppointmentEvent { command, at })
    }

    /// The book after `event`, or why the event cannot follow it (a booking under an id
    /// taken, for a slot the book does not have, full, or where the applicant holds a place
    /// already; a cancellation, no-show or arrival of an appointment it does not have or no
    /// longer booked): a host's stored events replayed,
    /// checked, where [`AppointmentBook::apply`] trusts them.
    pub fn evolve(mut self, event: &AppointmentEvent) -> Result<Self, AppointmentError> {
        let slot = self.slot_for(&event.command)?;
        if let AppointmentCommand::Book { applicant, .. } = &event.command {
            self.has_place(slot, applicant)?;
        }
        self.apply(event);
        Ok(self)
    }

    /// Applies an event [`AppointmentBook::decide`] gave.
    pub fn apply(&mut self, event: &AppointmentEvent) {
        let set = |book: &mut Self, id: &str, status, case: Option<&String>| {
            if let Some(a) = book.appointments.iter_mut().find(|a| a.id == id) {
                a.status = status;
                a.case = case.cloned();
            }
        };
        match &event.command {
            AppointmentCommand::Book {
                id,
                slot,
                applicant,
                matter,
                special_groups,
                home_visit,
            } => self.appointments.push(Appointment {
                id: id.clone(),
                slot: slot.clone(),
                applicant: applicant.clone(),
                matter: matter.clone(),
                special_groups: special_groups.clone(),
                home_visit: *home_visit,
                status: AppointmentStatus::Booked,
                case: None,
            }),
            AppointmentCommand::Cancel { id } => {
                set(self, id, AppointmentStatus::Cancelled, None);
            }
            AppointmentCommand::NoShow { id } => set(self, id, AppointmentStatus::NoShow, None),
            AppointmentCommand::Arrive { id, case } => {
                set(self, id, AppointmentStatus::Arrived, Some(case));
            }
        }
    }

    /// What a command needs of the book at any time — its ids within bounds; for a
    /// booking, its id free and its slot in the book; else the appointment in the book and
    /// still booked — and the slot it concerns. Checked by `decide` before the rules of
    /// time, by `evolve` alone.
    fn slot_for(&self, command: &AppointmentCommand) -> Result<&Slot, AppointmentError> {
        check_ids(command)?;
        match command {
            AppointmentCommand::Book { id, slot, .. } => {
                if self.appointment(id).is_some() {
                    return Err(AppointmentError::Exists);
                }
                self.slot(slot)
            }
            AppointmentCommand::Cancel { id }
            | AppointmentCommand::NoShow { id }
            | AppointmentCommand::Arrive { id, .. } => {
                let appointment = self.appointment(id).ok_or(AppointmentError::Unknown)?;
                let slot = self.slot(&appointment.slot)?;
                if appointment.status == AppointmentStatus::Booked {
                    Ok(slot)
                } else {
                    Err(AppointmentError::WrongStatus)
                }
            }
        }
    }

    /// Whether `applicant` can have a place in `slot`: none held there already (a place is
    /// held while it counts against the capacity, see `taken`, so also after an early
    /// arrival on the slot's day), and one left. Checked by `decide` after the rules of
    /// time and matter, and by `evolve`, so that two bookings decided at two counters
    /// against one book cannot both take its last place.
    fn has_place(&self, slot: &Slot, applicant: &str) -> Result<(), AppointmentError> {
        let held = self.appointments.iter().any(|a| {
            a.slot == slot.id
                && a.applicant == applicant
                && matches!(
                    a.status,
                    AppointmentStatus::Booked | AppointmentStatus::Arrived
                )
        });
        if held {
            return Err(AppointmentError::Duplicate);
        }
        if self.taken(&slot.id) >= usize::try_from(slot.capacity).unwrap_or(usize::MAX) {
            return Err(AppointmentError::Full);
        }
        Ok(())
    }

    fn slot(&self, id: &str) -> Result<&Slot, AppointmentError> {
        self.slots
            .iter()
            .find(|s| s.id == id)
            .ok_or(AppointmentError::UnknownSlot)
    }
}

/// Refuses a command naming an id that is empty or longer than
/// [`MAX_APPOINTMENT_ID_BYTES`].
fn check_ids(command: &AppointmentCommand) -> Result<(), AppointmentError> {
    let ids: &[&str] = match command {
        AppointmentCommand::Book {
            id,
            slot,
            applicant,
            matter,
            ..
        } => &[id, slot, applicant, matter],
        AppointmentCommand::Cancel { id } | AppointmentCommand::NoShow { id } => &[id.as_str()],
        AppointmentCommand::Arrive { id, case } => &[id, case],
    };
    if ids.iter().any(|id| !within(id, MAX_APPOINTMENT_ID_BYTES)) {
        return Err(AppointmentError::InvalidId);
    }
    Ok(())
}
