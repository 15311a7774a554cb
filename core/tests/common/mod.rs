//! Helpers the integration tests share: the catalogues, engines, times, contexts and
//! stamps. Each test crate uses some of them.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use doorstep::authority::{Operator, Role, Stamp, StampAct, Step};
use doorstep::case::{Actor, Command, CommandEnvelope, Context};
use doorstep::catalog::Channel;
use doorstep::engine::Engine;
use serde_json::{Value, json};

/// A document digest the stamps carry.
pub(crate) const DIGEST: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The shared fixture catalogue, `tests/fixtures/catalog/authority.json`.
pub(crate) fn fixture_catalog() -> Value {
    read_json(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/catalog/authority.json"
    ))
}

/// The Haicang sample catalogue, `catalogs/haicang.json`.
pub(crate) fn sample_catalog() -> Value {
    read_json(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../catalogs/haicang.json"
    ))
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The engine over `catalog`, loaded as on `on`.
pub(crate) fn engine_on(catalog: &Value, on: NaiveDate) -> Engine {
    Engine::load(&catalog.to_string(), on).unwrap()
}

/// A date.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A time from RFC 3339 text.
pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// `id`, acting as `role` for `org` at the window, at `when`.
pub(crate) fn ctx_at(id: &str, role: Role, org: &str, when: DateTime<FixedOffset>) -> Context {
    Context {
        actor: Actor {
            id: id.into(),
            role,
            org: org.into(),
        },
        channel: Channel::Window,
        at: when,
    }
}

/// [`ctx_at`] with the time as RFC 3339 text.
pub(crate) fn ctx(id: &str, role: Role, org: &str, when: &str) -> Context {
    ctx_at(id, role, org, at(when))
}

/// The form example of `matter`.
pub(crate) fn example(engine: &Engine, matter: &str) -> Value {
    engine
        .catalog()
        .matter(matter)
        .unwrap()
        .form
        .example
        .clone()
}

/// `applicant` applies for `matter` in person, with the form's example.
pub(crate) fn submit(engine: &Engine, matter: &str, applicant: &str) -> Command {
    Command::Submit {
        matter: matter.into(),
        applicant: applicant.into(),
        proxy: None,
        answer: example(engine, matter).into(),
        special_groups: vec![],
        appointment: None,
    }
}

/// A decision stamp for `case` and `matter` at `place`: its official seal, used by its
/// back office `bo-{place}` on a case its front desk `fd-{place}` accepted.
pub(crate) fn stamp(case: &str, matter: &str, place: &str, when: &str) -> Stamp {
    Stamp {
        seal: format!("seal-{place}-official"),
        case: case.into(),
        matter: matter.into(),
        step: Step::Decide,
        act: StampAct::Ordinary,
        operator: Operator {
            id: format!("bo-{place}"),
            role: Role::BackOffice,
        },
        accepted_by: Some(format!("fd-{place}")),
        place: place.into(),
        at: at(when),
        digest: DIGEST.into(),
    }
}

/// `record` after `events`, each applied with `evolve`; panics if one does not apply or
/// there is no record at the end.
pub(crate) fn evolve_all<R, E, X: std::fmt::Debug>(
    record: Option<R>,
    events: &[E],
    evolve: impl Fn(Option<R>, &E) -> Result<R, X>,
) -> R {
    events
        .iter()
        .fold(record, |r, e| Some(evolve(r, e).unwrap()))
        .unwrap()
}

/// A case fixture's step: its command envelope and context (`name`, the fixture's, for
/// the panic if the command does not parse).
pub(crate) fn fixture_step(step: &Value, name: &str) -> (CommandEnvelope, Context) {
    let envelope =
        serde_json::from_value(step["command"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let ctx = serde_json::from_value(step["context"].clone()).unwrap();
    (envelope, ctx)
}

/// One step of a fixture: the decision's events evolve `record` and join `events`; its
/// outcome is `"noop"` (no events), `"ok"`, or the refusal's code.
pub(crate) fn outcome<R, E, X: std::fmt::Debug>(
    record: &mut Option<R>,
    events: &mut Vec<E>,
    decision: Result<Vec<E>, String>,
    evolve: impl Fn(Option<R>, &E) -> Result<R, X>,
) -> Value {
    match decision {
        Ok(new) if new.is_empty() => json!("noop"),
        Ok(new) => {
            *record = Some(evolve_all(record.take(), &new, evolve));
            events.extend(new);
            json!("ok")
        }
        Err(code) => json!(code),
    }
}
