//! What `catalog lint` checks in policies, besides their shape and the uniqueness of codes:
//! the department, the dates, reserved condition codes, the profile keys rules read, and
//! that a 免申即享 condition does not hold on data a profile lacks.

use serde_json::json;

use super::SUBJECT_REASON;
use super::profile::COMMON_FIELDS;
use crate::catalog::{Catalog, LintError, OrgLevel};

/// Every problem of the catalogue's policies, each with the JSON Pointer of its value.
pub(crate) fn lint(catalog: &Catalog) -> Vec<(String, LintError)> {
    let mut out = Vec::new();
    let calendar = (catalog.policies.iter())
        .any(|p| p.granted_without_application)
        .then(|| catalog.work_calendar());
    for (i, policy) in catalog.policies.iter().enumerate() {
        let path = format!("/policies/{i}");
        match catalog.org(&policy.department) {
            None => out.push((
                format!("{path}/department"),
                LintError::UnknownReference {
                    target: "department",
                },
            )),
            Some(o) if o.level != OrgLevel::Department => {
                out.push((format!("{path}/department"), LintError::WrongLevel));
            }
            Some(_) => {}
        }
        if policy.cancelled.is_some_and(|c| c <= policy.effective) {
            out.push((format!("{path}/cancelled"), LintError::Dates));
        }
        let fields = policy.subject.fields();
        // A profile of the subject with no data, on the policy's first day: what a 免申即享
        // condition must not hold for (a missing value reads `null`, which `!` makes true).
        let empty = json!({"kind": policy.subject.as_str(), "$at": policy.effective.to_string()});
        for (j, condition) in policy.conditions.iter().enumerate() {
            let here = format!("{path}/conditions/{j}");
            if let Some(calendar) = calendar
                .as_ref()
                .filter(|_| policy.granted_without_application)
                && condition.rule.truthy_on(&empty, calendar).unwrap_or(false)
            {
                out.push((format!("{here}/rule"), LintError::PolicyMissingData));
            }
            if condition.code == SUBJECT_REASON {
                out.push((format!("{here}/code"), LintError::Reserved));
            }
            for var in condition.rule.vars() {
                let key = var.split('.').next().unwrap_or_default();
                if !fields.contains(&key) && !COMMON_FIELDS.contains(&key) {
                    out.push((
                        format!("{here}/rule"),
                        LintError::ProfileUnknownField { var },
                    ));
                }
            }
        }
    }
    out
}
