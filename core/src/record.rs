//! TEMP snapshot
#[cfg(test)]
mod snapshot {
    use crate::authority::Role;
    use crate::case::{CaseError, Status};
    use crate::complaint::{ComplaintError, ComplaintStatus};
    use crate::review::{ReviewError, ReviewStatus};
    use crate::{Coded, Lang};
    use std::fmt::Write;

    fn dump<E: Coded + std::fmt::Display>(out: &mut String, e: &E) {
        for lang in [Lang::ZhCn, Lang::En] {
            writeln!(out, "{} | {} | {} | {}", e.code(), e.message(lang), serde_json::Value::Object(e.params()), e).unwrap();
        }
    }

    #[test]
    fn snapshot() {
        let mut out = String::new();
        let f = || vec!["a".to_owned(), "b".to_owned()];
        for e in [
            CaseError::Conflict { expected: 3, actual: 5 }, CaseError::NotFound, CaseError::Exists, CaseError::UnknownMatter,
            CaseError::WrongStatus { action: "accept", status: Some(Status::UnderReview) }, CaseError::WrongStatus { action: "accept", status: None },
            CaseError::RoleNotPermitted { action: "decide", role: Role::FrontDesk }, CaseError::NoAuthority { failures: f() }, CaseError::InvalidStamp { failures: f() },
            CaseError::StampMismatch, CaseError::AssignedToOther, CaseError::WrongOffice, CaseError::NotClaimed, CaseError::SeparationOfDuties, CaseError::NoConsent,
            CaseError::InvalidAnswer { errors: f() }, CaseError::Extension, CaseError::HomeVisit, CaseError::Channel, CaseError::ClientId,
            CaseError::EventSchema { schema: 9 }, CaseError::EventVersion { expected: 2, found: 4 }, CaseError::DuplicateEvent, CaseError::UnknownBundle,
            CaseError::BundleCase { action: "accept" }, CaseError::MembersMissing { cases: f() }, CaseError::Unconfirmed,
        ] { dump(&mut out, &e); }
        for e in [
            ReviewError::Conflict { expected: 3, actual: 5 }, ReviewError::NotFound, ReviewError::Exists,
            ReviewError::WrongStatus { action: "verify", status: Some(ReviewStatus::Appealed) }, ReviewError::WrongStatus { action: "rate", status: None },
            ReviewError::RoleNotPermitted { action: "rate", role: Role::StationChief }, ReviewError::NotApplicant, ReviewError::WrongOrg, ReviewError::CaseMismatch,
            ReviewError::NotConcluded, ReviewError::RatingClosed, ReviewError::TooEarly, ReviewError::NoDefault, ReviewError::Channel, ReviewError::Evidence,
            ReviewError::Text, ReviewError::Calendar, ReviewError::ClientId, ReviewError::EventSchema { schema: 9 }, ReviewError::EventVersion { expected: 2, found: 4 },
            ReviewError::DuplicateEvent,
        ] { dump(&mut out, &e); }
        for e in [
            ComplaintError::Conflict { expected: 3, actual: 5 }, ComplaintError::NotFound, ComplaintError::Exists,
            ComplaintError::WrongStatus { action: "answer", status: Some(ComplaintStatus::Triaged) }, ComplaintError::WrongStatus { action: "report", status: None },
            ComplaintError::RoleNotPermitted { action: "answer", role: Role::Applicant }, ComplaintError::WrongOrg, ComplaintError::UnknownOrg, ComplaintError::UnknownMatter,
            ComplaintError::Text, ComplaintError::Calendar, ComplaintError::ClientId, ComplaintError::EventSchema { schema: 9 },
            ComplaintError::EventVersion { expected: 2, found: 4 }, ComplaintError::DuplicateEvent,
        ] { dump(&mut out, &e); }
        std::fs::write(std::env::var("SNAP").unwrap(), out).unwrap();
    }
}
