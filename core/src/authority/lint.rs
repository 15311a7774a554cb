//! What an author can get wrong in a registry (besides duplicate ids, which the catalogue
//! lint finds like any other): dangling references, chains that loop or run
//! too deep, a delegated scope wider than its parent's, seal histories out of order.
//! Void-but-published grants (re-entrustment, deciding under 窗口前移) are not lint errors:
//! they exist on paper, and verification reports them on every stamp that relies on them.

use std::collections::{HashMap, HashSet};

use super::{Grant, MAX_CHAIN_DEPTH, SealStatus};
use crate::catalog::{Catalog, LintError};

/// Every problem of `catalog.authority`, each with its JSON Pointer.
pub(crate) fn lint(catalog: &Catalog) -> Vec<(String, LintError)> {
    let registry = &catalog.authority;
    let mut out = Vec::new();
    let orgs: HashSet<&str> = catalog.orgs.iter().map(|o| o.code.as_str()).collect();
    let departments: HashMap<&str, HashSet<&str>> =
        catalog.matters.iter().fold(HashMap::new(), |mut map, m| {
            map.entry(m.code.as_str())
                .or_insert_with(HashSet::new)
                .insert(m.department.as_str());
            map
        });
    let grants: HashMap<&str, &Grant> =
        registry.grants.iter().map(|g| (g.id.as_str(), g)).collect();
    let org = LintError::UnknownReference { target: "org" };
    for (i, grant) in registry.grants.iter().enumerate() {
        let path = format!("/authority/grants/{i}");
        for (member, code) in [("principal", &grant.principal), ("agent", &grant.agent)] {
            if !orgs.contains(code.as_str()) {
                out.push((format!("{path}/{member}"), org.clone()));
            }
        }
        if grant.principal == grant.agent {
            out.push((format!("{path}/agent"), LintError::GrantChain));
        }
        if grant
            .valid_until
            .is_some_and(|until| until < grant.valid_from)
        {
            out.push((format!("{path}/validUntil"), LintError::Dates));
        }
        let parent = grant.parent.as_deref().map(|p| (p, grants.get(p)));
        for (j, matter) in grant.matters.iter().enumerate() {
            let here = format!("{path}/matters/{j}");
            match departments.get(matter.as_str()) {
                None => out.push((here, LintError::UnknownReference { target: "matter" })),
                // A root grant passes on only the principal's own matters; a derived one
                // only what its parent covers.
                Some(owners) => {
                    let within = match parent {
                        None => owners.contains(grant.principal.as_str()),
                        Some((_, Some(p))) => p.matters.contains(matter),
                        Some((_, None)) => true,
                    };
                    if !within {
                        out.push((here, LintError::GrantScope));
                    }
                }
            }
        }
        match parent {
            None => {}
            Some((_, None)) => out.push((
                format!("{path}/parent"),
                LintError::UnknownReference { target: "grant" },
            )),
            Some((_, Some(p))) => {
                if p.agent != grant.principal {
                    out.push((format!("{path}/principal"), LintError::GrantChain));
                }
                // A forward-only agent holds no power to pass on, only the errand.
                if p.mode == super::GrantMode::Forward && grant.mode != super::GrantMode::Forward {
                    out.push((format!("{path}/mode"), LintError::GrantScope));
                }
                if let Some(j) = grant.steps.iter().position(|s| !p.steps.contains(s)) {
                    out.push((format!("{path}/steps/{j}"), LintError::GrantScope));
                }
                if grant.valid_from < p.valid_from {
                    out.push((format!("{path}/validFrom"), LintError::GrantScope));
                }
                let outlives = match (grant.valid_until, p.valid_until) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(own), Some(theirs)) => own > theirs,
                };
                if outlives {
                    out.push((format!("{path}/validUntil"), LintError::GrantScope));
                }
                if !chain_ends(grant, &grants) {
                    out.push((format!("{path}/parent"), LintError::GrantChain));
                }
            }
        }
    }
    for (i, revocation) in registry.revocations.iter().enumerate() {
        if !grants.contains_key(revocation.grant.as_str()) {
            out.push((
                format!("/authority/revocations/{i}/grant"),
                LintError::UnknownReference { target: "grant" },
            ));
        }
    }
    seals(catalog, &orgs, &mut out);
    out
}

/// Problems of the seals: unknown owners and premises, histories out of order.
fn seals(catalog: &Catalog, orgs: &HashSet<&str>, out: &mut Vec<(String, LintError)>) {
    for (i, seal) in catalog.authority.seals.iter().enumerate() {
        let path = format!("/authority/seals/{i}");
        if !orgs.contains(seal.owner.as_str()) {
            out.push((
                format!("{path}/owner"),
                LintError::UnknownReference { target: "org" },
            ));
        }
        for (j, place) in seal.premises.iter().enumerate() {
            if !orgs.contains(place.as_str()) {
                out.push((
                    format!("{path}/premises/{j}"),
                    LintError::UnknownReference { target: "org" },
                ));
            }
        }
        // In time order, and nothing after a revocation: a revoked seal is never reused.
        for (j, pair) in seal.history.windows(2).enumerate() {
            if let [before, after] = pair
                && (after.from < before.from || before.status == SealStatus::Revoked)
            {
                out.push((format!("{path}/history/{}", j + 1), LintError::SealHistory));
            }
        }
    }
}

/// Whether following parents from `grant` reaches a root within [`MAX_CHAIN_DEPTH`] links.
fn chain_ends(grant: &Grant, grants: &HashMap<&str, &Grant>) -> bool {
    let mut current = grant;
    for _ in 0..MAX_CHAIN_DEPTH {
        match current.parent.as_deref() {
            None => return true,
            Some(parent) => match grants.get(parent) {
                Some(next) => current = next,
                None => return true, // reported as a dangling reference
            },
        }
    }
    false
}
