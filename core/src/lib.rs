//! # doorstep
//!
//! The engine behind community-level government services (家门口办, 就近办、基层办):
//! one set of rules shared by the community service station window, the phone app
//! (闽政通 / i厦门), the 24-hour self-service kiosk and the district back office.
//!
//! The core is pure: no I/O, no clock. Callers pass the date they mean.
//!
//! - [`ids`]: identifiers by their standards — resident ID numbers (GB 11643-1999),
//!   residence permits, unified social credit codes (GB 32100-2015), organisation codes
//!   (GB 11714), mobile and landline numbers, postal codes, bank card numbers;
//! - [`catalog`]: the district's catalogue of organisations, matters (实施清单), materials
//!   and 一件事 bundles, loaded from JSON and linted;
//! - [`form`]: the form engine — typed fields, `JsonLogic` [`rule`]s, every problem at once
//!   with its JSON Pointer, the normalised answer;
//! - [`engine`]: one immutable, shareable [`engine::Engine`] over a linted catalogue, the
//!   JSON-shaped surface every binding uses;
//! - [`authority`]: grants (下放 / 授权 / 委托 / 窗口前移), seals, stamp verification and
//!   the hash-chained 用印台账;
//! - [`case`]: 办件 as events — `decide` and `evolve`, roles, authority, deadlines;
//! - [`review`], [`complaint`], [`metrics`]: 好差评 and its bad-review cases, 办不成事
//!   complaints, and metrics as a fold over events;
//! - [`appointment`]: 预约 slots, extended hours, home visits;
//! - [`policy`]: 免申即享 / 政策匹配 — policies' eligibility rules matched against people's
//!   and enterprises' profiles, with the reasons;
//! - [`labels`]: the zh-CN / English words for the engine's codes (statuses, actions, roles,
//!   channels, …), one wording for every page, kiosk and window;
//! - [`input`], [`args`], [`calendar`], [`Lang`], [`Problem`]: what hosts pass in and get back.
//!
//! ```
//! use chrono::NaiveDate;
//! use doorstep::ids::{self, IdKind, Sex};
//!
//! let at = NaiveDate::from_ymd_opt(2024, 10, 15).unwrap();
//! let facts = ids::check_resident_id("11010519491231002x", at).unwrap();
//! assert_eq!(facts.kind, IdKind::ResidentId);
//! assert_eq!(facts.normalized, "11010519491231002X");
//! assert_eq!(facts.sex, Some(Sex::Female));
//! assert_eq!(facts.age, Some(74));
//! ```

pub mod appointment;
pub mod args;
pub mod authority;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod complaint;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod engine;
pub mod form;
pub mod ids;
pub mod input;
pub mod labels;
pub mod lang;
pub mod metrics;
mod named;
pub mod policy;
pub mod problem;
mod record;
pub mod review;
pub mod rule;
mod tagged;

pub use lang::Lang;

/// The hasher of the maps keyed by ids from a stream of events (replay, metrics): foldhash,
/// seeded at random natively. WebAssembly gives it no source of randomness, so the module
/// seeds it with a constant, without the seeding code (1.1 kB); the keys are case, review
/// and complaint ids from the district's own event files, not chosen to collide.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type IdHasher = foldhash::fast::RandomState;
#[cfg(target_arch = "wasm32")]
pub(crate) type IdHasher = foldhash::fast::FixedState;

/// The version of this library, `MAJOR.MINOR.PATCH`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub use problem::{Coded, Problem};
