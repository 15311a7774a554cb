//! 办不成事 in the simulation: reports about a station, triaged and answered (some late).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use doorstep::authority::{Role, cst_date};
use doorstep::case::{Context, Text};
use doorstep::catalog::Channel;
use doorstep::complaint::{
    self, Complaint, ComplaintCategory, ComplaintCommand, ComplaintEnvelope,
};
use doorstep::metrics::StreamEvent;

use super::{Simulation, Sink, Work, chief, context};

impl<S: Sink> Simulation<'_, S> {
    /// A 办不成事 report about a station.
    pub(super) fn complain(&mut self, day: NaiveDate) {
        let Some(station) = self
            .district
            .stations
            .get(self.rng.index(self.district.stations.len()))
        else {
            return;
        };
        self.serial += 1;
        let id = format!("BBC-{}-{:06}", day.format("%Y%m%d"), self.serial);
        let matter = station
            .matters
            .get(self.rng.index(station.matters.len()))
            .and_then(|&i| self.district.matter(i))
            .map(|m| m.code.clone());
        let command = ComplaintCommand::Report {
            org: station.code.clone(),
            matter,
            case: None,
            summary: "在社区无法办理，需跑区行政服务中心".into(),
        };
        let at = self.during(day);
        self.schedule(at, id.into(), Work::Report(Box::new(command)));
    }

    pub(super) fn report(
        &mut self,
        id: &Text,
        command: ComplaintCommand,
        at: DateTime<FixedOffset>,
    ) -> Result<(), String> {
        let ComplaintCommand::Report { org, .. } = &command else {
            return Ok(());
        };
        let org = org.clone();
        let ctx = context("system", Role::System, &org, Channel::Online, at);
        let envelope = ComplaintEnvelope {
            complaint: id.to_string(),
            expected_version: 0,
            client_id: "report".into(),
            command,
        };
        self.complaint_events(id, None, &envelope, &ctx)?;
        if self.complaints.contains_key(id) {
            let when = at + Duration::hours(1);
            self.schedule(when, id.clone(), Work::Triage);
        }
        Ok(())
    }

    pub(super) fn answer(
        &mut self,
        id: &Text,
        work: &Work,
        at: DateTime<FixedOffset>,
    ) -> Result<(), String> {
        let Some(complaint) = self.complaints.get(id).cloned() else {
            return Ok(());
        };
        let org = complaint.org.clone();
        let chief = chief(&org, at);
        let (command, client) = match work {
            Work::Triage => (
                ComplaintCommand::Triage {
                    category: ComplaintCategory::Authority,
                    handler: org.to_string(),
                },
                "triage",
            ),
            _ => (
                ComplaintCommand::Answer {
                    answer: "已协调区级部门，下次可在社区直接办理".into(),
                    resolved: self.rng.chance(800),
                },
                "answer",
            ),
        };
        let envelope = ComplaintEnvelope {
            complaint: id.to_string(),
            expected_version: complaint.version,
            client_id: client.into(),
            command,
        };
        self.complaint_events(id, Some(&complaint), &envelope, &chief)?;
        if matches!(work, Work::Triage) {
            let late = self.rng.chance(100);
            let day = cst_date(at);
            let after = if late { 7 } else { 1 + self.draw(4) };
            let on = self.working_day(day, after);
            let when = self.during(on);
            self.schedule(when, id.clone(), Work::Answer);
        } else {
            self.complaints.remove(id);
        }
        Ok(())
    }

    pub(super) fn complaint_events(
        &mut self,
        id: &Text,
        complaint: Option<&Complaint>,
        envelope: &ComplaintEnvelope,
        ctx: &Context,
    ) -> Result<(), String> {
        let events = match complaint::decide(&self.district.engine, complaint, envelope, ctx) {
            Ok(events) => events,
            Err(e) => {
                self.refused(&e);
                return Ok(());
            }
        };
        let mut current = complaint.cloned();
        for event in events {
            current = Some(complaint::evolve(current, &event).map_err(|e| format!("{id}: {e}"))?);
            self.totals.events += 1;
            self.sink.event(StreamEvent::Complaint(event))?;
        }
        if let Some(current) = current {
            self.complaints.insert(id.clone(), current);
        }
        Ok(())
    }
}
