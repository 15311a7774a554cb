//! 免申即办: when a case concludes approved, the successors its matter declares start by
//! themselves — a case for the same applicant, with an answer mapped from the
//! predecessor's, and no form or material asked of the citizen.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::{Actor, Case, DataProblem, EVENT_SCHEMA, Event, EventKind};
use crate::authority::Role;
use crate::calendar::WorkCalendar;
use crate::catalog::{Channel, Matter, Successor};
use crate::engine::Engine;
use crate::{Lang, form};

/// The id of the system actor that opens successor cases.
pub const SYSTEM_ACTOR: &str = "system";

/// The code of a data problem where a mapping rule could not be evaluated.
pub const MAPPING_FAILED: &str = "successor.mapping";

/// The id of the case `predecessor` starts for `matter`: `{predecessor}/{matter}`.
pub fn successor_case_id(predecessor: &str, matter: &str) -> String {
    format!("{predecessor}/{matter}")
}

/// What the successors' rules read about the predecessor. `parent` (the bundle case it is
/// a member of, or null) lets a catalogue leave a successor to the bundle that already
/// asks for it: 生育津贴 is a member of 出生一件事 and starts by itself only after a birth
/// certificate applied for alone.
fn facts(case: &Case) -> Value {
    let ids = (&*case.matter, &*case.applicant, &*case.id);
    facts_of(&case.answer, ids, case.parent.as_deref(), case.outcome)
}

/// [`facts`] of a case with `answer`, `(matter, applicant, case id)`, `parent` and `outcome`.
fn facts_of(
    answer: &Value,
    (matter, applicant, case): (&str, &str, &str),
    parent: Option<&str>,
    outcome: Option<super::Outcome>,
) -> Value {
    json!({
        "answer": answer,
        "matter": matter,
        "applicant": applicant,
        "case": case,
        "parent": parent,
        "outcome": outcome,
    })
}

/// What the successor `successor` of `predecessor` would find wrong with the answer it maps
/// from `kept` (the predecessor's 填单示范 as validation keeps it) when a case applied for
/// alone concludes approved: the problems [`mapped`] records on the new case, for lint. None
/// when its condition does not hold for such a case; a mapping that reads what only a real
/// case has (`applicant`, `case`) is left out, with its field's problems.
pub(crate) fn example_problems(
    successor: &Successor,
    predecessor: &Matter,
    kept: &Value,
    next: &Matter,
    (date, calendar): (NaiveDate, &WorkCalendar),
) -> Vec<DataProblem> {
    let approved = Some(super::Outcome::Approved);
    let facts = facts_of(kept, (&predecessor.code, "", ""), None, approved);
    let holds = |rule: &crate::rule::Rule| rule.truthy_on(&facts, calendar).unwrap_or(false);
    if !successor.condition.as_ref().is_none_or(holds) {
        return Vec::new();
    }
    let unknowable: Vec<String> = successor
        .mapping
        .iter()
        .filter(|(_, rule)| rule.vars().iter().any(|v| v == "applicant" || v == "case"))
        .map(|(key, _)| {
            let mut path = String::new();
            crate::problem::push_token(&mut path, key);
            path
        })
        .collect();
    let (_, problems) = mapped(successor, next, &facts, (date, calendar));
    problems
        .into_iter()
        .filter(|p| {
            !unknowable
                .iter()
                .any(|at| crate::problem::is_within(&p.path, at))
        })
        .collect()
}

/// The `submitted` events of the successors `matter` declares for `case`, which concludes
/// approved at `at` by the command with `client_id`. A successor whose condition does not
/// hold (or cannot be evaluated), or whose matter is not in effect on `date`, does not
/// start. Mapped data that fails the successor's form is kept, with its problems recorded
/// on the new case for the back office (never dropped).
pub(super) fn start(
    engine: &Engine,
    case: &Case,
    matter: &Matter,
    client_id: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
    date: NaiveDate,
) -> Vec<Event> {
    if matter.successors.is_empty() {
        return Vec::new();
    }
    let facts = facts(case);
    // One case per successor matter (its id is the matter's): of two entries for one matter
    // whose conditions both hold, the first starts it.
    let mut started: Vec<&str> = Vec::new();
    matter
        .successors
        .iter()
        .filter(|s| {
            s.condition
                .as_ref()
                .is_none_or(|rule| rule.truthy_on(&facts, engine.calendar()).unwrap_or(false))
        })
        .filter_map(|s| {
            let next = engine.catalog().matter_on(&s.matter, date)?;
            if started.contains(&next.code.as_str()) {
                return None;
            }
            started.push(&next.code);
            let (answer, data_problems) = mapped(s, next, &facts, (date, engine.calendar()));
            // The predecessor's consent carries over when it covers the successor.
            let proxy = case.proxy.clone().filter(|c| {
                next.proxy_allowed && (c.matters.is_empty() || c.matters.contains(&next.code))
            });
            Some(Event {
                schema: EVENT_SCHEMA,
                case: successor_case_id(&case.id, &next.code).into(),
                version: 1,
                client_id: client_id.to_owned(),
                actor: Actor {
                    id: SYSTEM_ACTOR.into(),
                    role: Role::System,
                    org: next.department.as_str().into(),
                },
                // Started from shared data, not at a window: counted as online.
                channel: Channel::Online,
                at,
                kind: EventKind::Submitted {
                    matter: next.code.as_str().into(),
                    matter_version: next.version,
                    limit_working_days: next.promised_limit_days,
                    applicant: case.applicant.clone(),
                    proxy,
                    answer: answer.into(),
                    special_groups: case.special_groups.clone(),
                    appointment: None,
                    parent: None,
                    origin: Some(case.id.clone()),
                    awaiting_confirmation: s.confirm,
                    data_problems,
                },
            })
        })
        .collect()
}

/// The successor's answer from its mapping, and its problems: a rule that fails, and
/// whatever the successor's form finds wrong (as of `date`, on `calendar`). A valid answer
/// is stored normalised.
fn mapped(
    successor: &Successor,
    next: &Matter,
    facts: &Value,
    (date, calendar): (NaiveDate, &WorkCalendar),
) -> (Value, Vec<DataProblem>) {
    let mut answer = Map::new();
    let mut problems = Vec::new();
    for (key, rule) in &successor.mapping {
        match rule.evaluate_on(facts, calendar) {
            Ok(Value::Null) => {}
            Ok(value) => {
                answer.insert(key.clone(), value);
            }
            Err(_) => {
                let mut path = String::new();
                crate::problem::push_token(&mut path, key);
                problems.push(DataProblem {
                    path,
                    code: MAPPING_FAILED.to_owned(),
                });
            }
        }
    }
    let answer = Value::Object(answer);
    let report = form::validate_on(&next.form, &answer, (date, calendar), Lang::ZhCn, &|_| {
        false
    });
    if report.valid && problems.is_empty() {
        return (report.normalized, problems);
    }
    problems.extend(report.errors.into_iter().map(|p| DataProblem {
        path: p.path.unwrap_or_default(),
        code: p.code,
    }));
    (answer, problems)
}
