//! Lookups built once when an engine loads, so that verifying a stamp is a few hash
//! lookups and a walk over a chain of at most [`MAX_CHAIN_DEPTH`] grants.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{Grant, MAX_CHAIN_DEPTH, Seal};
use crate::catalog::{Catalog, Matter};

/// The registry of a catalogue, indexed.
#[derive(Debug, Clone, Default)]
pub struct AuthorityIndex {
    seals: HashMap<String, usize>,
    grants_by_agent: HashMap<String, Vec<usize>>,
    /// For every grant, its chain: grant indices from the root grant down to it.
    chains: Vec<Vec<usize>>,
    /// For every grant, the earliest revocation's time.
    revoked_at: Vec<Option<DateTime<FixedOffset>>>,
    matters: HashMap<String, Vec<usize>>,
    orgs: HashMap<String, usize>,
}

impl AuthorityIndex {
    /// Indexes the registry of `catalog`. Dangling references and cycles are lint errors;
    /// here they only cut a chain short (and never loop: chains stop at
    /// [`MAX_CHAIN_DEPTH`]).
    pub fn new(catalog: &Catalog) -> Self {
        let registry = &catalog.authority;
        let grant_ids: HashMap<&str, usize> = registry
            .grants
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let mut grants_by_agent: HashMap<String, Vec<usize>> = HashMap::new();
        let mut chains = Vec::with_capacity(registry.grants.len());
        for (i, grant) in registry.grants.iter().enumerate() {
            grants_by_agent
                .entry(grant.agent.clone())
                .or_default()
                .push(i);
            let mut chain = vec![i];
            let mut current = grant;
            while let Some(parent) = current.parent.as_deref().and_then(|p| grant_ids.get(p)) {
                if chain.len() > MAX_CHAIN_DEPTH || chain.contains(parent) {
                    break;
                }
                chain.push(*parent);
                match registry.grants.get(*parent) {
                    Some(g) => current = g,
                    None => break,
                }
            }
            chain.reverse();
            chains.push(chain);
        }
        let mut revoked_at = vec![None; registry.grants.len()];
        for revocation in &registry.revocations {
            if let Some(slot) = grant_ids
                .get(revocation.grant.as_str())
                .and_then(|&i| revoked_at.get_mut(i))
            {
                let earliest: &mut Option<DateTime<FixedOffset>> = slot;
                if earliest.is_none_or(|t| revocation.at < t) {
                    *earliest = Some(revocation.at);
                }
            }
        }
        let mut matters: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in catalog.matters.iter().enumerate() {
            matters.entry(m.code.clone()).or_default().push(i);
        }
        Self {
            seals: registry
                .seals
                .iter()
                .enumerate()
                .map(|(i, s)| (s.code.clone(), i))
                .collect(),
            grants_by_agent,
            chains,
            revoked_at,
            matters,
            orgs: catalog
                .orgs
                .iter()
                .enumerate()
                .map(|(i, o)| (o.code.clone(), i))
                .collect(),
        }
    }

    /// The seal `code`.
    pub fn seal<'c>(&self, catalog: &'c Catalog, code: &str) -> Option<&'c Seal> {
        self.seals
            .get(code)
            .and_then(|&i| catalog.authority.seals.get(i))
    }

    /// The version of matter `code` in effect on `date`, the newest first.
    pub fn matter_on<'c>(
        &self,
        catalog: &'c Catalog,
        code: &str,
        date: NaiveDate,
    ) -> Option<&'c Matter> {
        self.matters
            .get(code)?
            .iter()
            .filter_map(|&i| catalog.matters.get(i))
            .filter(|m| m.in_effect_on(date))
            .max_by_key(|m| m.version)
    }

    /// Whether the catalogue has an organisation `code`.
    pub fn has_org(&self, code: &str) -> bool {
        self.orgs.contains_key(code)
    }

    /// Indices of the grants whose agent is `org`.
    pub(crate) fn grants_to(&self, org: &str) -> &[usize] {
        self.grants_by_agent.get(org).map_or(&[], Vec::as_slice)
    }

    /// The chain of grant `index`, root first.
    pub(crate) fn chain(&self, index: usize) -> &[usize] {
        self.chains.get(index).map_or(&[], Vec::as_slice)
    }

    /// When grant `index` was revoked, if it was.
    pub(crate) fn revoked_at(&self, index: usize) -> Option<DateTime<FixedOffset>> {
        self.revoked_at.get(index).copied().flatten()
    }

    /// The grant at `index`.
    pub(crate) fn grant(catalog: &Catalog, index: usize) -> Option<&Grant> {
        catalog.authority.grants.get(index)
    }
}
